#!/usr/bin/env bash
# The release build for hosting: optimised, into dist/. Copy dist/ to any
# static host, at the root or under a sub-path; no rewrite rules needed.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release --offline --public-url ./ "$@"
