#!/usr/bin/env bash
# Quick start 1: install what is missing, then build and serve the app at
# http://127.0.0.1:8080/ (rebuilds when sources change).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
echo
echo "Serving the app at http://127.0.0.1:8080/  (Ctrl+C to stop)"
echo
exec trunk serve --offline "$@"
