#!/usr/bin/env bash
# Quick start 2: install what is missing, then run every test:
#   native (cargo test) -> browser (wasm-bindgen-test in headless Chromium)
#   -> release build -> end-to-end (Playwright on the release build).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --browsers
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Formatting and lints"
cargo fmt --all -- --check
cargo clippy --all-targets --quiet -- -D warnings
cargo clippy --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings

step "1/3 Native tests: content, routes, domain model"
cargo test

step "2/3 Browser tests: wasm-bindgen-test in headless Chromium"
cargo test --target wasm32-unknown-unknown --test browser --test storage

step "3/3 End-to-end tests on the release build, served on 127.0.0.1"
trunk build --release --offline --public-url ./
node --test --test-concurrency=1 e2e/
