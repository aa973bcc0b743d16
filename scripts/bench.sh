#!/usr/bin/env bash
# The benchmark (not a test): builds the release, then measures sizes, load
# time against a static page, click latency, large imports, storage capacity
# and Lighthouse scores. Prints a table; writes bench-results/bench.json.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --browsers
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
if [ ! -d bench/node_modules/lighthouse ]; then
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi
trunk build --release --offline --public-url ./
node bench/run.mjs
