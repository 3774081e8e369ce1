#!/usr/bin/env bash
# Issue 11's Indonesian event bench: builds bench/clustering/id-dev (hand-labelled events of every CLICK-ID article
# of 1-2 Sept 2019, guidelines in bench/clustering/id-dev/GUIDELINES.md) from ../shared, then scores Warta's events
# (`warta eval clustering`) and the streaming TF-IDF baseline (scripts/bench/clustering/tfidf_baseline.py, θ 0.2,
# 72 h) side by side with the benchmark's evaluate.py: pairwise and B3 F1, event counts, the largest event.
#
# Usage: scripts/bench/clustering/id-dev.sh [WARTA]   (default .build/release/warta; build it first)
set -euo pipefail
cd "$(dirname "$0")/../../.."
shared=${WARTA_SHARED:-../shared}
warta=${1:-.build/release/warta}
[ -x "$warta" ] || { echo "id-dev: $warta not built (swift build -c release)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/clustering/id-dev/build.py --corpus "$shared/corpus/id-news/clickid-2019/articles.jsonl.gz" \
    --output "$work/id-dev.jsonl" >&2
echo "== Warta"
"$warta" eval clustering --gold "$work/id-dev.jsonl" --largest 5 --evaluator "$shared/bench/clustering/evaluate.py" \
    | grep -v '^    - '
echo "== streaming TF-IDF baseline (θ 0.2, 72 h)"
python3 scripts/bench/clustering/tfidf_baseline.py --input "$work/id-dev.jsonl" --output "$work/baseline.jsonl" \
    --stopwords "$shared/data/id/stopwords.txt" 2>&1 | tail -1
python3 "$shared/bench/clustering/evaluate.py" "$work/baseline.jsonl" "$work/id-dev.jsonl" | tail -3
