#!/usr/bin/env bash
# Renders a corpus report.html headless with Chromium to a PNG, dumps the DOM and checks
# that the page shows the counts of summary.json next to it.
#
# Usage: scripts/report-screenshot.sh OUT_DIR [PNG]
#   OUT_DIR  a `crossfoot check --out` directory (report.html + summary.json)
#   PNG      screenshot path (default OUT_DIR/report.png)
set -euo pipefail
dir="${1:?usage: scripts/report-screenshot.sh OUT_DIR [PNG]}"
dir="$(cd "$dir" && pwd)"
png="${2:-$dir/report.png}"
if ! command -v chromium >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        if apt-get update -q && apt-get install -y -q chromium fonts-noto-cjk; then break; fi
        echo "apt-get failed (attempt $attempt; dpkg lock?), retrying in 30 s" >&2
        sleep 30
    done
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile")
chromium "${flags[@]}" --screenshot="$png" --window-size=1280,2000 "file://$dir/report.html" 2>/dev/null
chromium "${flags[@]}" --dump-dom "file://$dir/report.html" 2>/dev/null >"$profile/dom.html"
echo "screenshot: $png"

# The rendered page must show summary.json's counts.
fail=0
check() {
    local id="$1" want="$2"
    if grep -q "id=\"$id\">$want<" "$profile/dom.html"; then
        echo "ok   $id = $want"
    else
        echo "FAIL $id: expected $want" >&2
        fail=1
    fi
}
read -r docs errs total ferr fwarn finfo < <(python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
b = s["findings"]["by_severity"]
print(s["documents"]["total"], s["documents"]["errors"], s["findings"]["total"],
      b.get("error", 0), b.get("warning", 0), b.get("info", 0))' "$dir/summary.json")
check documents-total "$docs"
check documents-errors "$errs"
check findings-total "$total"
check findings-error "$ferr"
check findings-warning "$fwarn"
check findings-info "$finfo"
exit $fail
