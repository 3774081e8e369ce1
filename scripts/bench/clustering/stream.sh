#!/usr/bin/env bash
# Collapse check on an unlabelled stream (issue 11): Warta's events on the whole CLICK-ID stream (25,614 Indonesian
# articles, Aug-Oct 2019) with their size and time-span figures and the largest events' first titles, beside the
# streaming TF-IDF baseline's figures. Bars: no event above 400 articles, 95th percentile event span <= 7 days.
#
# Usage: scripts/bench/clustering/stream.sh [WARTA] [STREAM]
#   (defaults .build/release/warta and ../shared/corpus/id-news/clickid-2019/articles.jsonl.gz; about 3 minutes)
set -euo pipefail
cd "$(dirname "$0")/../../.."
shared=${WARTA_SHARED:-../shared}
warta=${1:-.build/release/warta}
stream=${2:-$shared/corpus/id-news/clickid-2019/articles.jsonl.gz}
[ -x "$warta" ] || { echo "stream: $warta not built (swift build -c release)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "== Warta"
"$warta" eval clustering --stream "$stream" --largest 10 --output "$work/warta.jsonl" 2>&1 | tee "$work/warta.txt"
echo "== streaming TF-IDF baseline (θ 0.2, 72 h)"
python3 scripts/bench/clustering/tfidf_baseline.py --input "$stream" --output "$work/baseline.jsonl" \
    --stopwords "$shared/data/id/stopwords.txt" 2>&1 | tail -2
python3 - "$work/warta.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
largest = int(re.search(r"largest (\d+)", text).group(1))
p95 = float(re.search(r"event span .*p95 ([0-9.]+)", text).group(1))
print(f"bars: largest event {largest} (<= 400: {'yes' if largest <= 400 else 'NO'}), "
      f"p95 span {p95:.1f} days (<= 7: {'yes' if p95 <= 7 else 'NO'})")
PY
