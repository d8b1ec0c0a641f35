#!/usr/bin/env bash
# Installs what is missing (scripts/setup.sh app), builds the release page with Trunk and serves dist/ on 127.0.0.1 (port $PORT, default 8080).
# Usage: scripts/serve.sh            PORT=9000 scripts/serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-8080}"
# wasm-opt from npm binaryen (Debian's is too old for wasm-bindgen 0.2.130's output).
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

scripts/setup.sh app

trunk build --release
echo "Account Lens: http://127.0.0.1:${port}/  (Ctrl-C to stop)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
