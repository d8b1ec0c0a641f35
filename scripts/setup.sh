#!/usr/bin/env bash
# Installs what Account Lens needs to build, serve and test, and only what is missing.
# Idempotent: once everything is present it finishes in about a second.
# Usage: scripts/setup.sh [app|test|fuzz]
#   app  = enough to build and serve the page; test = everything the tests use; fuzz = test + nightly and cargo-fuzz
set -euo pipefail
cd "$(dirname "$0")/.."
want="${1:-test}"

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132.0.0

say() { printf '[setup] %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
SUDO=""
if [ "$(id -u)" != 0 ] && have sudo; then SUDO=sudo; fi
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"

apt_missing=()
need_apt() { dpkg -s "$1" >/dev/null 2>&1 || apt_missing+=("$1"); }

# Rust targets and tools.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32 target"; rustup target add wasm32-unknown-unknown
fi
if ! have trunk || ! trunk --version | grep -q "$TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (a few minutes, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi
if ! have wasm-bindgen || ! wasm-bindgen --version | grep -q "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a couple of minutes, once)"
  # Not --locked: its lock file pins a crate the registry no longer has.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# wasm-opt from npm binaryen (Debian's is too old to read wasm-bindgen's output) and
# playwright-core + axe-core for the end-to-end and accessibility tests, pinned by tools/package-lock.json.
node_tools_ok=true
if [ ! -x tools/node_modules/.bin/wasm-opt ] || [ ! -d tools/node_modules/playwright-core ] \
  || [ ! -f tools/node_modules/axe-core/axe.min.js ] \
  || ! grep -q "\"version\": \"$BINARYEN_VERSION\"" tools/node_modules/binaryen/package.json 2>/dev/null; then
  node_tools_ok=false
  have npm || { need_apt nodejs; need_apt npm; }
fi

if [ "$want" != app ]; then
  need_apt chromium; need_apt chromium-driver; need_apt libreoffice-calc-nogui
fi
if [ "$want" = fuzz ] && ! rustup toolchain list | grep -q nightly; then
  say "adding the nightly toolchain (for the fuzz target)"; rustup toolchain install nightly --profile minimal
fi
if [ ${#apt_missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${apt_missing[*]}"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${apt_missing[@]}"
fi

# Node tools live in tools/ (package.json pins them).
if [ "$node_tools_ok" = false ]; then
  say "installing node tools (binaryen, playwright-core, axe-core)"
  (cd tools && npm ci --no-audit --no-fund --silent)
fi

if [ "$want" != app ] && ! python3 -c 'import openpyxl' 2>/dev/null; then
  say "installing openpyxl"; python3 -m pip install --quiet 'openpyxl==3.1.5'
fi
if [ "$want" = fuzz ] && ! have cargo-fuzz; then
  say "installing cargo-fuzz"; cargo install --locked cargo-fuzz
fi

# Trunk builds offline: every crate in Cargo.lock must be in the local registry first.
cargo fetch --locked --quiet
say "ready ($want)"
