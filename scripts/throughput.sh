#!/usr/bin/env bash
# Throughput and memory of corpus mode on the synthetic corpus (scripts/gen-corpus.sh):
# - `crossfoot check --out` over the whole corpus at -j1 and -j2: documents/s, peak RSS;
# - the PDFs alone: crossfoot's full check vs `pdftotext` just dumping their text
#   (target: crossfoot ≤ half of pdftotext's time);
# - peak RSS at 1,000 vs 4,000 text documents (bounded: should not grow with the corpus).
# Uses /usr/bin/time -v. Numbers depend on the machine: quote them with `nproc` and the CPU.
#
# Usage: scripts/throughput.sh [CORPUS_DIR]   (default gen/corpus-1000, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-gen/corpus-1000}"
[ -d "$corpus" ] || scripts/gen-corpus.sh 1000 "$corpus"
cargo build -q --release
bin="$PWD/target/release/crossfoot"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# measure LABEL COUNT CMD... : prints label, wall seconds, docs/s, peak RSS MB; leaves the
# wall seconds and peak RSS (KB) in $last_wall and $last_rss.
last_wall=0
last_rss=0
measure() {
    local label="$1" count="$2"
    shift 2
    /usr/bin/time -v "$@" >/dev/null 2>"$work/time.log" || true
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.log" |
        awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.log")
    last_wall=$wall
    last_rss=$rss
    printf '%-44s %6d docs %8.2f s %9.1f docs/s %8.1f MB peak RSS\n' \
        "$label" "$count" "$wall" "$(echo "$count / $wall" | bc -l 2>/dev/null || echo 0)" \
        "$(echo "$rss / 1024" | bc -l)"
}

total=$(find "$corpus" -maxdepth 1 -type f \( -name '*.txt' -o -name '*.docx' -o -name '*.pdf' \) | wc -l)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "corpus: $corpus ($total documents)"
for j in 1 2; do
    rm -rf "$work/out"
    measure "crossfoot check --out, -j$j" "$total" "$bin" check -q -j$j --out "$work/out" "$corpus"
done
summary="$work/out/summary.json"
[ -f "$summary" ] && python3 -c "import json,sys; d=json.load(open(sys.argv[1]))['documents']; print('  documents:', d)" "$summary"

mapfile -t pdfs < <(find "$corpus" -maxdepth 1 -name '*.pdf' | sort)
if [ "${#pdfs[@]}" -gt 0 ]; then
    printf '%s\n' "${pdfs[@]}" >"$work/pdfs.txt"
    rm -rf "$work/out"
    measure "crossfoot check --out, PDFs only, -j1" "${#pdfs[@]}" "$bin" check -q -j1 --out "$work/out" "${pdfs[@]}"
    ours=$last_wall
    [ -f "$summary" ] && python3 -c "import json,sys; d=json.load(open(sys.argv[1]))['documents']; print('  documents:', d)" "$summary"
    measure "pdftotext (text dump only), sequential" "${#pdfs[@]}" \
        sh -c 'while read -r f; do pdftotext -q "$f" - >/dev/null; done <"$1"' sh "$work/pdfs.txt"
    pdf_ratio=$(awk -v a="$ours" -v b="$last_wall" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }')
    measure "pdftotext, 2 in parallel (xargs -P2)" "${#pdfs[@]}" \
        sh -c 'xargs -P2 -I{} pdftotext -q {} /dev/null <"$1"' sh "$work/pdfs.txt"
else
    echo "no PDFs in $corpus"
fi

# Memory does not grow with the corpus: text-only corpora of 1,000 and 4,000 documents.
declare -A rss_at
for n in 1000 4000; do
    dir="gen/corpus-txt-$n"
    [ -d "$dir" ] || scripts/gen-corpus.sh "$n" "$dir" txt=1 2>/dev/null
    rm -rf "$work/out"
    measure "crossfoot check --out, text only, -j2" "$n" "$bin" check -q -j2 --out "$work/out" "$dir"
    rss_at[$n]=$last_rss
done

# Verdicts on the issue's targets; the exit status is 1 when one is missed.
status=0
if [ -n "${pdf_ratio:-}" ]; then
    if awk -v r="$pdf_ratio" 'BEGIN { exit !(r <= 0.5) }'; then verdict=met; else verdict=MISSED; status=1; fi
    echo "PDFs: crossfoot full check / pdftotext text dump = ${pdf_ratio}x (target <= 0.50: $verdict)"
fi
growth=$(awk -v a="${rss_at[1000]}" -v b="${rss_at[4000]}" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
# "Not growing": within 10% for 4x the documents (allocator noise is ~±0.5 MB of ~30 MB).
if awk -v g="$growth" 'BEGIN { exit !(g <= 10) }'; then verdict=met; else verdict=MISSED; status=1; fi
echo "peak RSS 1,000 -> 4,000 text documents: ${rss_at[1000]} -> ${rss_at[4000]} KB (${growth}%; target: under 200 MB and within 10%: $verdict)"
if [ "${rss_at[4000]}" -gt 204800 ]; then status=1; fi
exit "$status"
