#!/usr/bin/env bash
# Warta (release build) and trafilatura 2.3 (defaults, with metadata) on the WCXB development set in one run:
# body P/R/F1, publish date, title and author, on all 711 pages and on each half ("fit": the pages Warta's rules
# were studied on; "check": held back), plus the pages each leaves empty and pages per second.
#
# Usage: scripts/bench/extraction/wcxb-compare.sh [BENCH_DIR]
#   BENCH_DIR  default $WARTA_SHARED/bench/extraction-wcxb-dev, else ../shared/…
#   VENV       the trafilatura venv, outside the repository (default /tmp/venv-trafilatura); made when missing.
set -euo pipefail
cd "$(dirname "$0")/../../.."
bench=${1:-${WARTA_SHARED:-../shared}/bench/extraction-wcxb-dev}
venv=${VENV:-/tmp/venv-trafilatura}
[ -f "$bench/ground-truth.json" ] || { echo "error: no WCXB dev set at $bench" >&2; exit 1; }
. scripts/bench/extraction/peer-setup.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$venv/bin/python" "$bench/peer_trafilatura.py" "$work/trafilatura.json" --jobs 1 2> "$work/traf.log"
.build/release/warta eval extraction --bench "$bench" --output "$work/warta.json" > /dev/null 2> "$work/warta.log"
cat "$work/traf.log" "$work/warta.log"
python3 - "$bench" "$work/warta.json" "$work/trafilatura.json" <<'PY'
import hashlib, json, os, subprocess, sys, tempfile
bench, files = sys.argv[1], {"warta": sys.argv[2], "trafilatura 2.3": sys.argv[3]}
gold = json.load(open(os.path.join(bench, "ground-truth.json"), encoding="utf-8"))
def half(page):  # the split of `warta eval extraction --split`
    return "fit" if hashlib.sha256(("split:" + page).encode()).digest()[0] & 1 == 0 else "check"
evaluate = os.path.join(bench, "evaluate.py")
if not os.path.exists(evaluate):
    evaluate = os.path.join(bench, "..", "extraction", "evaluate.py")
print(f"{'system':22} {'pages':>7} {'body P':>7} {'R':>6} {'F1':>6} {'date':>6} {'title':>6} {'author':>6} {'empty':>6}")
for part in ("all", "fit", "check"):
    ids = [k for k in gold if part == "all" or half(k) == part]
    scratch = tempfile.mkdtemp()
    body_gold = {k: {"articleBody": gold[k]["articleBody"]} for k in ids if gold[k]["articleBody"].strip()}
    json.dump(body_gold, open(os.path.join(scratch, "body.json"), "w"))
    json.dump({k: gold[k] for k in ids}, open(os.path.join(scratch, "gold.json"), "w"))
    for name, path in files.items():
        predictions = json.load(open(path, encoding="utf-8"))
        mine = {k: predictions.get(k, {"text": ""}) for k in ids}
        json.dump(mine, open(os.path.join(scratch, "pred.json"), "w"))
        body = subprocess.run(["python3", evaluate, os.path.join(scratch, "pred.json"), "--gt",
                               os.path.join(scratch, "body.json")], capture_output=True, text=True).stdout
        meta = subprocess.run(["python3", os.path.join(bench, "score_meta.py"), os.path.join(scratch, "pred.json"),
                               "--gt", os.path.join(scratch, "gold.json")], capture_output=True, text=True).stdout
        line = [l for l in body.splitlines() if l.startswith("extraction:")][-1]
        p, r, f = (float(x.split("=")[1]) for x in line.split()[1:4])
        m = dict(x.split("=") for x in [l for l in meta.splitlines() if l.startswith("meta:")][-1].split()[1:4])
        empty = sum(1 for v in mine.values() if not v.get("text"))
        print(f"{name + ' ' + part:22} {len(ids):>7} {p:>7.3f} {r:>6.3f} {f:>6.3f} {float(m['date']):>6.3f} "
              f"{float(m['title']):>6.3f} {float(m['author']):>6.3f} {empty:>6}")
PY
