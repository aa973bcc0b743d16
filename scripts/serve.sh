#!/usr/bin/env bash
# Quick start 1: install what is missing, then build and serve the app at
# http://127.0.0.1:8080/ (rebuilds when sources change). Arguments go to
# `trunk serve`, e.g. `./scripts/serve.sh --port 8090`.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

# Trunk refuses to start if a folder in Trunk.toml's [watch] ignore list does
# not exist, and on a fresh clone the generated ones (style/build,
# test-results, bench-results) do not yet: create whatever is missing, read
# from Trunk.toml itself so the two cannot drift apart.
ignored=$(sed -n 's/^ignore *= *\[\(.*\)\] *$/\1/p' Trunk.toml | tr ',' '\n' | sed 's/^ *"\(.*\)" *$/\1/')
if [ -z "$ignored" ]; then
  echo "serve.sh: could not read [watch] ignore from Trunk.toml" >&2
  exit 1
fi
while IFS= read -r folder; do
  [ -e "$folder" ] || mkdir -p "$folder"
done <<<"$ignored"

echo
echo "Serving the app at http://127.0.0.1:8080/ (or the --port given); Ctrl+C to stop"
echo
exec trunk serve --offline "$@"
