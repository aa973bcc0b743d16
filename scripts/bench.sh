#!/usr/bin/env bash
# The benchmark (not a test): builds the release, then measures sizes, load
# time against a static page, click latency, large imports, storage capacity
# and Lighthouse scores. Prints a table; writes bench-results/bench.json.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --browsers
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
# Lighthouse has its own package.json and lock in bench/: it is large
# (Puppeteer and many dependencies) and only the benchmark uses it, so the
# build and the tests (scripts/setup.sh) never install it. Reinstalled
# whenever bench/package-lock.json is newer than what is installed, as
# setup.sh does for the root.
if [ ! -f bench/node_modules/.package-lock.json ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi
trunk build --release --offline --public-url ./
node bench/run.mjs
