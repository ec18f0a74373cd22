#!/usr/bin/env bash
# Times the whole of `crossfoot check` (read, recognise the standard tables, build and
# check every relation) on a set of PDFs against `pdftotext -layout` only dumping their text,
# one process per file for pdftotext and one `crossfoot check --jobs 1` over all files.
# Best of RUNS (default 5) wall times; prints both and the ratio (target <= 0.3).
#
# Usage: scripts/check-vs-pdftotext.sh [FILE.pdf ...]
#   (default: the PDFs of $CROSSFOOT_REAL_CORPUS or the real-corpus folder scripts/real-corpus.sh
#   uses, else every PDF under corpus/)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
command -v pdftotext >/dev/null || { echo "pdftotext not found (apt-get install poppler-utils)" >&2; exit 2; }
if [ $# -gt 0 ]; then
  FILES=("$@")
else
  real="${CROSSFOOT_REAL_CORPUS:-../shared/real-corpus}"
  if [ -d "$real" ]; then mapfile -t FILES < <(find "$real" -name '*.pdf' | sort)
  else mapfile -t FILES < <(find corpus -name '*.pdf' | sort); fi
fi
cargo build --release --quiet
BIN=target/release/crossfoot
best_ms() {
  local best=""
  for _ in $(seq "$RUNS"); do
    local t0 t1 ms
    t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"
}
pdftotext_all() { for f in "${FILES[@]}"; do pdftotext -layout "$f" /dev/null; done; }
cf=$(best_ms "$BIN" check --jobs 1 "${FILES[@]}")
pt=$(best_ms pdftotext_all)
echo "files: ${#FILES[@]}"
echo "crossfoot check --jobs 1: ${cf} ms"
echo "pdftotext -layout:        ${pt} ms"
awk -v a="$cf" -v b="$pt" 'BEGIN { printf "ratio: %.2f (target <= 0.30)\n", a / b }'
