#!/usr/bin/env bash
# Runs every test of Account Lens: lint gate, native unit and integration tests (with the
# independent read-back by openpyxl and LibreOffice), browser tests in headless Chromium, and
# the release build of the page. Installs whatever is missing first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"
# Tools the read-back tests need must be present when CI runs them, not silently skipped.
if [ -n "${CI:-}" ]; then export ACCOUNT_LENS_REQUIRE_TOOLS=1; fi

step() { printf '\n== %s\n' "$*"; }

step "format"
cargo fmt --all --check

step "lint (unwrap/expect denied outside tests)"
cargo clippy --workspace --exclude account-lens-web --all-targets --locked -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p account-lens-web --all-targets --locked -- -D warnings

step "native tests"
cargo test --workspace --exclude account-lens-web --locked
cargo test -p account-lens-web --lib --locked

step "the CLI as DESIGN's contract calls it, from the repository root"
cargo run --locked --release --bin account-lens -- analyze tests/fixtures/accounts_basic.xlsx --json \
  | python3 -c 'import json, sys; d = json.load(sys.stdin); assert len(d["accounts"]) == 11, d["accounts"]; print("analyze --json:", len(d["accounts"]), "accounts")'

step "browser tests (wasm_bindgen_test in headless Chromium)"
cargo test --target wasm32-unknown-unknown --locked -p account-lens-engine -p account-lens-workbook --test wasm
cargo test --target wasm32-unknown-unknown --locked -p account-lens-web --test web --test storage

step "page build (trunk --release)"
trunk build --release

step "end to end (playwright-core driving Chromium on the built page)"
node --test tests/e2e/

echo
echo "All tests passed."
