#!/usr/bin/env bash
# Times crossfoot's PDF reading against `pdftotext -layout` over the same files in one run
# and prints per-file milliseconds and the ratio (crossfoot / pdftotext; the target is
# <= 0.5 on every file).
#
# crossfoot side: the release `pdf_text` example in --read mode, i.e. crossfoot's
# `ingest::pdf::read` (load, decrypt, interpret every page, decode text, then layout) with
# the output discarded; process start-up is included on both sides, as for pdftotext.
# Each tool runs RUNS times per file (default 7) and the fastest run is reported (best of N:
# on a shared, loaded machine the minimum is the least noisy estimate of the work itself).
# Uses hyperfine when installed, else a `date +%s%N` loop.
#
# Usage: scripts/pdf-vs-pdftotext.sh [FILE.pdf ...]   (default: every PDF under corpus/ and tests/fixtures/pdf/)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
command -v pdftotext >/dev/null || { echo "pdftotext not found (apt-get install poppler-utils)" >&2; exit 2; }
cargo build --release --quiet --example pdf_text
BIN=target/release/examples/pdf_text
if [ $# -gt 0 ]; then FILES=("$@"); else mapfile -t FILES < <(find corpus tests/fixtures/pdf -name '*.pdf' | sort); fi

best_ms() { # command... ; prints the fastest wall time in ms over RUNS runs
  local times=() t0 t1
  for _ in $(seq "$RUNS"); do
    t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk 'NR == 1 {printf "%.1f", $1/1000}'
}

printf '%-60s %6s %12s %12s %7s\n' file pages crossfoot_ms pdftotext_ms ratio
worst=0
for f in "${FILES[@]}"; do
  pages=$( (pdfinfo "$f" 2>/dev/null || true) | awk '/^Pages:/ {print $2}')
  if command -v hyperfine >/dev/null; then
    j=$(mktemp)
    hyperfine -N -i -r "$RUNS" --export-json "$j" "$BIN --read $f" "pdftotext -layout $f /dev/null" >/dev/null 2>&1 || true
    ours=$(python3 -c "import json,sys;r=json.load(open('$j'))['results'];print('%.1f'%(r[0]['min']*1000))")
    theirs=$(python3 -c "import json,sys;r=json.load(open('$j'))['results'];print('%.1f'%(r[1]['min']*1000))")
    rm -f "$j"
  else
    ours=$(best_ms "$BIN" --read "$f")
    theirs=$(best_ms pdftotext -layout "$f" /dev/null)
  fi
  ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }')
  worst=$(awk -v a="$ratio" -v w="$worst" 'BEGIN { print (a > w) ? a : w }')
  printf '%-60s %6s %12s %12s %7s\n' "$f" "${pages:-?}" "$ours" "$theirs" "$ratio"
done
echo "worst ratio: $worst (target <= 0.50)"
