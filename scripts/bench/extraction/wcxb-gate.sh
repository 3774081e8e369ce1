#!/usr/bin/env bash
# CI quality gate on the WCXB development set (../shared/bench/extraction-wcxb-dev, 711 English article pages
# from 695 sites): body F1, publish date, title and author on the held-back "check" half (pages chosen by a hash
# of their id; Warta's rules were fitted on the other half), each against the floor pinned in
# bench/extraction-wcxb-floor.json, and the number of pages that give no text (ceiling).
#
# Usage: scripts/bench/extraction/wcxb-gate.sh [BENCH_DIR]   (default $WARTA_SHARED/bench/extraction-wcxb-dev,
#        else ../shared/…). WARTA_BIN picks the binary (default .build/debug/warta). Needs python3.
# Raising a floor is a normal commit; lowering one needs a reason in the commit message (docs/extraction.md).
set -euo pipefail
cd "$(dirname "$0")/../../.."
bench=${1:-${WARTA_SHARED:-../shared}/bench/extraction-wcxb-dev}
floor_file=bench/extraction-wcxb-floor.json
warta=${WARTA_BIN:-.build/debug/warta}
if [ ! -f "$bench/ground-truth.json" ] || [ ! -f "$bench/score_meta.py" ]; then
    echo "wcxb gate: FAIL: no WCXB dev set at $bench; check out ../shared" >&2
    exit 1
fi
[ -x "$warta" ] || { echo "wcxb gate: FAIL: $warta not built (run scripts/test first)" >&2; exit 1; }
digest=$(cat "$bench/ground-truth.json" "$bench"/html/*.html.gz | sha256sum | cut -d' ' -f1)
want_digest=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["corpus_sha256"])' "$floor_file")
if [ "$digest" != "$want_digest" ]; then
    echo "wcxb gate: FAIL: the set at $bench changed (sha256 $digest; $floor_file pins $want_digest)." \
        "Re-measure and pin the new digest and floors together." >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$warta" eval extraction --bench "$bench" --split check --output "$work/predictions.json" > "$work/report.txt" \
    2> "$work/stderr.txt" || { cat "$work/stderr.txt" "$work/report.txt" >&2; echo "wcxb gate: FAIL: eval failed" >&2; exit 1; }
grep -E '^(extraction|meta):' "$work/report.txt"
python3 - "$floor_file" "$work/report.txt" "$work/predictions.json" <<'PY'
import json, re, sys
floor = json.load(open(sys.argv[1]))
report = open(sys.argv[2]).read()
predictions = json.load(open(sys.argv[3]))
have = {}
body = re.search(r"^extraction: P=\S+ R=\S+ F1=([0-9.]+)", report, re.M)
meta = re.search(r"^meta: date=([0-9.]+) title=([0-9.]+) author=([0-9.]+)", report, re.M)
if not body or not meta:
    sys.exit("wcxb gate: FAIL: no scores in the output of warta eval extraction")
have["body_f1"], (have["date"], have["title"], have["author"]) = float(body.group(1)), map(float, meta.groups())
have["empty_pages"] = sum(1 for value in predictions.values() if not value.get("text"))
failed = []
for key in ("body_f1", "date", "title", "author"):
    if have[key] + 1e-9 < floor[key]:
        failed.append(f"{key} {have[key]:.3f} is below the floor {floor[key]}")
if have["empty_pages"] > floor["empty_pages"]:
    failed.append(f"{have['empty_pages']} pages gave no text (ceiling {floor['empty_pages']})")
if failed:
    sys.exit("wcxb gate: FAIL: " + "; ".join(failed) + f" (floors in {sys.argv[1]})")
print("wcxb gate: ok, check half: " + ", ".join(f"{k} {have[k]:.3f} >= {floor[k]}" for k in ("body_f1", "date", "title", "author"))
      + f", {have['empty_pages']} empty pages <= {floor['empty_pages']}")
PY
