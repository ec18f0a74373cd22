#!/usr/bin/env bash
# Writes the XLS (BIFF8) fixtures of tests/workbooks.rs into tests/fixtures/workbook/:
# examples/xls_fixture.rs writes two XLSX workbooks with formulas cached right and wrong,
# and LibreOffice converts them to XLS keeping the cached values (it does not recalculate
# an XLSX on load by default); and formats.xlsx (numbers under number formats), kept next
# to its XLS conversion so that the test compares the two. The fixtures are committed; run this only to remake them.
# Needs LibreOffice (apt-get install libreoffice-calc-nogui).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v soffice >/dev/null || { echo "soffice not found (apt-get install libreoffice-calc-nogui)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo run --release --quiet --example xls_fixture -- "$tmp"
soffice --headless --convert-to xls --outdir "$tmp" "$tmp/formulas-good.xlsx" "$tmp/formulas-bad.xlsx" "$tmp/formats.xlsx" >/dev/null 2>&1
mkdir -p tests/fixtures/workbook
cp "$tmp/formulas-good.xls" "$tmp/formulas-bad.xls" "$tmp/formats.xlsx" "$tmp/formats.xls" tests/fixtures/workbook/
ls -l tests/fixtures/workbook/formulas-*.xls tests/fixtures/workbook/formats.*
