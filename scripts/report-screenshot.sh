#!/usr/bin/env bash
# Renders report.html headless with Chromium to PNGs and checks the rendered page: the
# headline counts against summary.json, the filters (through the page's #sev=…&rule=…
# address, which the inline script reads) and the links that open a PDF at its page.
#
# Two runs: the bundled corpus/ (into target/report-out/corpus), and a synthetic corpus of
# 1,000 variants of corpus/*.txt with other departments and altered figures, generated into
# target/report-corpus (ignored, like all of target/), so that the page carries real
# errors at scale (into target/report-out/synth).
#
# Usage: scripts/report-screenshot.sh [OUT_DIR...]
#   with OUT_DIRs (`crossfoot check --out` directories), only those are rendered and checked.
# Screenshots: OUT_DIR/report.png (top of the page, 1400x3000) and report-filtered.png.
set -euo pipefail
cd "$(dirname "$0")/.."

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

fail=0

# check_dir DIR: renders DIR/report.html and checks it; sets fail=1 on a mismatch.
check_dir() {
    local dir
    dir="$(cd "$1" && pwd)"
    local url="file://$dir/report.html"
    chromium "${flags[@]}" --screenshot="$dir/report.png" --window-size=1400,3000 "$url" 2>/dev/null
    chromium "${flags[@]}" --screenshot="$dir/report-filtered.png" --window-size=1400,3000 \
        "$url#sev=warning" 2>/dev/null
    chromium "${flags[@]}" --dump-dom "$url" 2>/dev/null >"$profile/dom.html"
    chromium "${flags[@]}" --dump-dom "$url#sev=warning" 2>/dev/null >"$profile/dom-warning.html"
    chromium "${flags[@]}" --dump-dom "$url#sev=error" 2>/dev/null >"$profile/dom-error.html"
    local rule
    rule="$(python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
r = [k for k, v in sorted(s["findings"]["by_rule"].items()) if v.get("error", 0) + v.get("warning", 0)]
print(r[0] if r else "")' "$dir/summary.json")"
    chromium "${flags[@]}" --dump-dom "$url#rule=$rule" 2>/dev/null >"$profile/dom-rule.html"
    echo "== $dir (screenshots report.png, report-filtered.png)"
    if ! python3 - "$dir" "$profile" "$rule" <<'EOF'; then fail=1; fi
import json, os, re, sys, urllib.parse
d, prof, rule = sys.argv[1], sys.argv[2], sys.argv[3]
s = json.load(open(os.path.join(d, "summary.json")))
dom = open(os.path.join(prof, "dom.html"), encoding="utf-8").read()
bad = 0
def ok(cond, what):
    global bad
    print(("ok   " if cond else "FAIL ") + what)
    bad += 0 if cond else 1
sev = s["findings"]["by_severity"]
want = {
    "documents-total": s["documents"]["total"],
    "documents-errors": s["documents"]["errors"],
    "findings-total": sev.get("error", 0) + sev.get("warning", 0),
    "findings-error": sev.get("error", 0),
    "findings-warning": sev.get("warning", 0),
    "notes-total": sev.get("info", 0),
    "facts-total": s["facts"],
}
for k, v in want.items():
    m = re.search(r'id="%s">(\d+)<' % k, dom)
    ok(m is not None and int(m.group(1)) == v, "%s = %s (page: %s)" % (k, v, m and m.group(1)))
ENTRY = re.compile(r'<(?:div|li) class="[^"]*" data-sev="(\w+)" data-rules="([^"]*)" data-dept="[^"]*"( hidden="")?')
def entries(name):
    return ENTRY.findall(open(os.path.join(prof, name), encoding="utf-8").read())
allv = [e for e in entries("dom.html") if e[0] != "info"]
listed = int(re.search(r'id="entries-total">(\d+)<', dom).group(1))
omitted = re.search(r'id="omitted-entries">(\d+)<', dom)
omitted = int(omitted.group(1)) if omitted else 0
ok(len(allv) + omitted == listed, "entries on the page %d + omitted %d = %d" % (len(allv), omitted, listed))
ok(all(not e[2] for e in allv), "no entry hidden without a filter")
for sv in ["warning", "error"]:
    es = [e for e in entries("dom-%s.html" % sv) if e[0] != "info"]
    shown = [e for e in es if not e[2]]
    ok(all(e[0] == sv for e in shown) and len(shown) == sum(1 for e in es if e[0] == sv),
       "#sev=%s shows exactly the %d %s entries" % (sv, len(shown), sv))
if rule:
    es = [e for e in entries("dom-rule.html") if e[0] != "info"]
    shown = [e for e in es if not e[2]]
    ok(len(shown) > 0 and all(rule in e[1].split() for e in shown),
       "#rule=%s shows %d entries, each with that rule" % (rule, len(shown)))
links = re.findall(r'href="([^"#]+\.pdf)#page=(\d+)"', dom)
pdfs = s["documents"]["by_format"].get("pdf", 0)
if pdfs:
    ok(len(links) > 0, "%d links open a PDF at a page" % len(links))
    missing = [h for h, _ in links if not os.path.exists(os.path.join(d, urllib.parse.unquote(h)))]
    ok(not missing, "every PDF link resolves from the report's directory %s" % missing[:3])
sys.exit(1 if bad else 0)
EOF
}

if [ "$#" -gt 0 ]; then
    for d in "$@"; do check_dir "$d"; done
    exit $fail
fi

cargo build --release -q
bin=target/release/crossfoot

# The bundled corpus.
out=target/report-out
rm -rf "$out/corpus" "$out/synth"
mkdir -p "$out"
"$bin" check -q corpus/ --out "$out/corpus" || true
check_dir "$out/corpus"

# 1,000 variants of the bundled text renditions: another department, figures altered.
syn=target/report-corpus
if [ "$(find "$syn" -name '*.txt' 2>/dev/null | wc -l)" != 1000 ]; then
    rm -rf "$syn"
    mkdir -p "$syn"
    python3 - "$syn" corpus/*.txt <<'EOF'
import random, re, sys
out, sources = sys.argv[1], sys.argv[2:]
texts = []
for p in sources:
    raw = open(p, "rb").read()
    try:
        texts.append(raw.decode("utf-8"))
    except UnicodeDecodeError:
        texts.append(raw.decode("gb18030"))
units = ["民政局", "财政局", "教育局", "卫生健康委员会", "交通运输局", "农业农村局", "水利局", "统计局",
         "自然资源局", "文化体育广播电视和旅游局"]
places = ["昌吉回族自治州", "青山州", "白水县", "东湖区", "南岭市"]
amount = re.compile(r"(?<![0-9.])([0-9]{1,3}(?:,[0-9]{3})*|[0-9]+)\.([0-9]{2})(?![0-9%])")
for i in range(1000):
    rnd = random.Random(i)
    t = texts[i % len(texts)]
    dept = places[i % len(places)] + units[(i // len(places)) % len(units)]
    t = t.replace("昌吉回族自治州民政局", dept)
    hits = list(amount.finditer(t))
    # Alter a few amounts by 0.01 to 9.99 (from the second half, tables and text alike).
    picks = sorted(rnd.sample(range(len(hits)), k=min(len(hits), i % 4)), reverse=True)
    for k in picks:
        m = hits[k]
        cents = int(m.group(1).replace(",", "")) * 100 + int(m.group(2))
        cents += rnd.choice([1, 10, 100, 999])
        new = "%d.%02d" % (cents // 100, cents % 100)
        t = t[: m.start()] + new + t[m.end():]
    with open("%s/d%04d.txt" % (out, i), "w", encoding="utf-8") as f:
        f.write(t)
EOF
fi
/usr/bin/time -f "synthetic 1,000: %e s, peak RSS %M KB" "$bin" check -q "$syn" --out "$out/synth" || true
check_dir "$out/synth"
exit $fail
