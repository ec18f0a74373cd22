#!/usr/bin/env bash
# Runs one cargo-fuzz target for a set time, seeded from corpus/ and the generated bad-file
# corpus, and prints what ran (executions, crashes) for FUZZING.md.
#
#   scripts/fuzz.sh TARGET SECONDS [extra libFuzzer args...]
#   TARGET: pdf | docx | workbook | biff_formats | text | number | all      SECONDS: wall time per target
#
# Works on the stable toolchain: cargo-fuzz needs nightly flags, which RUSTC_BOOTSTRAP=1
# unlocks. Sanitizer: none by default (the crate forbids unsafe code; libFuzzer still catches
# panics, overflow checks, timeouts and memory blow-ups); set SANITIZER=address for ASan.
# Crashes land in fuzz/artifacts/TARGET/; minimise one with
#   RUSTC_BOOTSTRAP=1 cargo fuzz tmin -s none -O TARGET fuzz/artifacts/TARGET/crash-…
# and add it as a regression test in tests/hostile.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer args]}"
secs="${2:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer args]}"
shift 2
sanitizer="${SANITIZER:-none}"
export RUSTC_BOOTSTRAP=1

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

if [ "$target" = all ]; then
  for t in number text docx workbook biff_formats pdf; do "$0" "$t" "$secs" "$@"; done
  exit 0
fi

# Seeds (fuzz/corpus is git-ignored; libFuzzer adds what it finds there).
seeds="fuzz/corpus/$target"
mkdir -p "$seeds" gen/badfiles
if [ ! -e gen/badfiles/good.pdf ]; then
  CROSSFOOT_BADFILES_DIR="$PWD/gen/badfiles" \
    cargo test --test hostile write_bad_files -- --ignored --quiet >/dev/null
fi
# Large bombs make poor seeds (libFuzzer caps input size): keep files under 256 KiB.
small() { find "$@" -maxdepth 1 -type f -size -256k 2>/dev/null || true; }
# Copies files named on stdin into the seed directory, named by their whole path (two
# directories may hold files of the same name).
seed_copy() { while IFS= read -r f; do cp -f "$f" "$seeds/$(printf '%s' "$f" | tr '/' '_')"; done; }
case "$target" in
  pdf)
    small corpus tests/fixtures/pdf tests/fixtures/pdf_layout gen/corpus gen/badfiles | grep -i '\.pdf$' | seed_copy ;;
  docx)
    small corpus gen/corpus gen/badfiles | grep -i '\.docx$' | seed_copy ;;
  workbook)
    small corpus gen/corpus gen/badfiles tests/fixtures/workbook | grep -iE '\.(xlsx|xls|et)$' | seed_copy ;;
  biff_formats)
    small tests/fixtures/workbook gen/badfiles | grep -iE '\.(xls|et)$' | seed_copy ;;
  text)
    # Whole documents run slowly (a few per second); 2 KiB pieces cut at line ends run fast.
    find corpus -maxdepth 1 -name '*.txt' ! -name '*.gbk.txt' -print0 |
      xargs -0 -r -I{} split -C 2048 -d -a 3 {} "$seeds/piece-" ;;
  number)
    # Every number-like token of the text corpus, one per seed file.
    find corpus -maxdepth 1 -name '*.txt' -print0 |
      xargs -0 -r grep -ohE '[-+]?[0-9][0-9,]*([.][0-9]+)?' |
      sort -u | head -500 | nl -ba -w1 -s' ' |
      while read -r n tok; do printf '%s' "$tok" >"$seeds/seed-$n"; done
    for tok in '0' '-0.00' '1,000,000.5' '９９９．９９' '－１，２３４．５' '999999999999999999999999999' \
               '0.000000000000000000000000001' '1,00' ',1' '1.' '.5' '--1'; do
      printf '%s' "$tok" >"$seeds/edge-$(printf '%s' "$tok" | sha256sum | cut -c1-12)"
    done ;;
  *) echo "unknown target $target (pdf, docx, workbook, biff_formats, text, number, all)" >&2; exit 2 ;;
esac

# Whole-pipeline text runs cost ~0.2 s per 30 KiB input (extraction is the cost), so text
# inputs stay short to keep thousands of executions per minute; numbers are short anyway.
case "$target" in
  text) max_len=4096 ;;
  number) max_len=256 ;;
  *) max_len=1048576 ;;
esac
mkdir -p "fuzz/artifacts/$target" gen/fuzz-logs
log="gen/fuzz-logs/$target-$(date -u +%Y%m%dT%H%M%SZ).log"
echo "== fuzzing $target for $secs s (sanitizer $sanitizer, seeds: $(ls "$seeds" | wc -l)); log $log" >&2
set +e
cargo fuzz run -s "$sanitizer" -O "$target" "$seeds" -- \
  -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -max_len="$max_len" \
  -print_final_stats=1 \
  -artifact_prefix="fuzz/artifacts/$target/" "$@" 2>"$log"
status=$?
set -e
execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
peak=$(grep -oE 'stat::peak_rss_mb: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
crashes=$(ls "fuzz/artifacts/$target" | wc -l)
echo "$target: ${secs}s, exit $status, ${execs:-?} executions, peak RSS ${peak:-?} MB, artifacts in fuzz/artifacts/$target: $crashes" >&2
exit "$status"
