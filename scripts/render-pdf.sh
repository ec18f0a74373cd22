#!/usr/bin/env bash
# Renders every corpus/*.docx to corpus/*.pdf with LibreOffice (headless), installing
# LibreOffice Writer and the Noto CJK fonts via apt if they are missing.
#
# The PDF renditions are real Word-table exports (ruled tables, CID fonts with ToUnicode),
# for testing the PDF ingest against the same facts as the .txt and .docx renditions.
# Usage: scripts/render-pdf.sh [corpus-dir]
set -euo pipefail

dir="${1:-$(dirname "$0")/../corpus}"

if ! command -v libreoffice >/dev/null 2>&1 || ! fc-list :lang=zh | grep -q .; then
    export DEBIAN_FRONTEND=noninteractive
    sudo_cmd=""
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
    # Another process may hold the dpkg lock: retry a few times.
    for attempt in 1 2 3 4 5 6; do
        if $sudo_cmd apt-get update && $sudo_cmd apt-get install -y --no-install-recommends \
            libreoffice-writer-nogui fonts-noto-cjk; then
            break
        fi
        echo "apt-get failed (attempt $attempt), retrying in 20 s" >&2
        sleep 20
    done
fi

# A private profile so a running LibreOffice (or another helper's) does not block us.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

shopt -s nullglob
for docx in "$dir"/*.docx; do
    libreoffice -env:UserInstallation="file://$profile" --headless \
        --convert-to pdf --outdir "$dir" "$docx" >&2
    echo "rendered ${docx%.docx}.pdf" >&2
done
