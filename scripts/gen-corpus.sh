#!/usr/bin/env bash
# Builds a synthetic corpus of N 部门决算公开说明 (default 1000) in the git-ignored gen/ folder:
# text (UTF-8 and GBK), DOCX, and PDF (a share of the DOCX converted by ONE LibreOffice call),
# plus manifest.csv (path,department,year,format,family,change,expected_rule).
#
# Usage: scripts/gen-corpus.sh [N] [OUT] [MIX]
#   N    number of documents (default 1000)
#   OUT  output directory (default gen/corpus-N)
#   MIX  format weights (default txt=4,gbk=1,docx=3,pdf=2; e.g. txt=1 for text only)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"
out="${2:-gen/corpus-$n}"
mix="${3:-txt=4,gbk=1,docx=3,pdf=2}"

need_pdf=0
case "$mix" in *pdf=0*) ;; *pdf*) need_pdf=1 ;; esac
if [ "$need_pdf" = 1 ] && { ! command -v libreoffice >/dev/null 2>&1 || ! fc-list :lang=zh | grep -q .; }; then
    export DEBIAN_FRONTEND=noninteractive
    # Another process may hold the dpkg lock: retry.
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        if apt-get update -q && apt-get install -y -q --no-install-recommends \
            libreoffice-writer-nogui fonts-noto-cjk poppler-utils; then
            break
        fi
        echo "apt-get failed (attempt $attempt; dpkg lock?), retrying in 30 s" >&2
        sleep 30
    done
fi

rm -rf "$out"
cargo run -q --release --example gen_synthetic -- --out "$out" --count "$n" --mix "$mix"

staging="$out/_topdf"
if [ -d "$staging" ]; then
    profile="$(mktemp -d)"
    trap 'rm -rf "$profile"' EXIT
    start=$(date +%s)
    # One LibreOffice process for all files: starting it is most of the cost per file.
    libreoffice -env:UserInstallation="file://$profile" --headless \
        --convert-to pdf --outdir "$out" "$staging"/*.docx >/dev/null 2>&1
    echo "converted $(ls "$staging" | wc -l) DOCX to PDF in $(( $(date +%s) - start )) s" >&2
    rm -rf "$staging"
fi

echo "corpus in $out:" >&2
for ext in txt docx pdf; do
    printf '  %-5s %s\n' "$ext" "$(find "$out" -maxdepth 1 -name "*.$ext" | wc -l)" >&2
done
missing=0
while IFS=, read -r path _; do
    [ "$path" = path ] && continue
    [ -e "$out/$path" ] || missing=$((missing + 1))
done < "$out/manifest.csv"
if [ "$missing" -gt 0 ]; then
    echo "warning: $missing files listed in manifest.csv are missing (PDF conversion failed?)" >&2
fi
