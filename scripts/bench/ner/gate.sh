#!/usr/bin/env bash
# CI gate for the entity tagger: `warta train ner` must reproduce the shipped model byte for byte from NERGrit
# train, and `warta eval ner` on NERGrit test must reach the F1 floor in bench/ner-floor.json (issue 4's bar, 0.75;
# the shipped model scores 0.759, see docs/ner.md). Debug build, about a minute.
#
# Usage: scripts/bench/ner/gate.sh [NERGRIT_DIR]   (default $WARTA_SHARED/data/id/ner/nergrit, else ../shared/…)
set -euo pipefail
cd "$(dirname "$0")/../../.."
data=${1:-${WARTA_SHARED:-../shared}/data/id/ner/nergrit}
warta=.build/debug/warta
[ -x "$warta" ] || { echo "ner gate: FAIL: $warta not built (run scripts/test first)" >&2; exit 1; }
[ -f "$data/train.tsv" ] || { echo "ner gate: FAIL: $data/train.tsv is missing; check out ../shared" >&2; exit 1; }
model=$(mktemp)
trap 'rm -f "$model"' EXIT
"$warta" train ner --data "$data" --output "$model" > /dev/null 2>&1
if cmp -s "$model" Sources/WartaEntities/Resources/model/ner-id.bin; then
    echo "ner gate: ok, warta train ner reproduces Sources/WartaEntities/Resources/model/ner-id.bin byte for byte"
else
    echo "ner gate: FAIL: warta train ner does not reproduce the shipped model" >&2
    exit 1
fi
line=$("$warta" eval ner --data "$data" | tail -n 1)
f1=$(echo "$line" | grep -o 'F1=[0-9.]*' | cut -d= -f2)
floor=$(python3 -c 'import json; print(json.load(open("bench/ner-floor.json"))["test_f1"])')
if python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) + 1e-9 >= float(sys.argv[2]) else 1)' "$f1" "$floor"; then
    echo "ner gate: ok, NERGrit test F1 $f1 >= floor $floor ($line)"
else
    echo "ner gate: FAIL: NERGrit test F1 $f1 is below the floor $floor pinned in bench/ner-floor.json" >&2
    exit 1
fi
