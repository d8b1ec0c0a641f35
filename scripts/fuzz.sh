#!/usr/bin/env bash
# Fuzzes the importer from bytes (cargo-fuzz, nightly), seeded with the committed fixtures.
# Usage: scripts/fuzz.sh [SECONDS]   (default 600)
# Fork mode keeps going past a crash; every crashing input lands in fuzz/artifacts/import/.
# Panics caught by the importer still count as crashes here (libFuzzer aborts on any panic),
# so each artifact is replayed by a regression test in crates/workbook/tests/import.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh fuzz >/dev/null
seconds="${1:-600}"
mkdir -p fuzz/corpus/import
cp -n tests/fixtures/*.xlsx tests/fixtures/*.xls tests/fixtures/*.ods tests/fixtures/*.csv tests/fixtures/*.tsv fuzz/corpus/import/ 2>/dev/null || true
cd fuzz
cargo +nightly fuzz run import corpus/import -- -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=262144 -timeout=20 \
  -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1
