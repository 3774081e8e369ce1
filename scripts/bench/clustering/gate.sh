#!/usr/bin/env bash
# CI regression gate for story clustering: runs `warta eval clustering` (debug build; the benchmark's own
# evaluate.py scores it) on each set named in bench/clustering-floor.json and fails when a B3 F1 falls below its
# floor. The floors are the shipped model's whole-set scores (in-sample): they guard against regressions; the
# held-out figures that say how good the model is are in docs/clustering.md.
#
# Usage: scripts/bench/clustering/gate.sh [BENCH_DIR]   (default $WARTA_SHARED/bench/clustering, else ../shared/…)
# Needs python3 and a built .build/debug/warta (scripts/test builds it). Takes about 35 s on two cores.
set -euo pipefail
cd "$(dirname "$0")/../../.."
bench=${1:-${WARTA_SHARED:-../shared}/bench/clustering}
floor_file=bench/clustering-floor.json
warta=.build/debug/warta
[ -x "$warta" ] || { echo "clustering gate: FAIL: $warta not built (run scripts/test first)" >&2; exit 1; }
status=0
while read -r set floor; do
    if [ ! -f "$bench/$set" ]; then
        echo "clustering gate: FAIL: $bench/$set is missing; check out ../shared" >&2
        exit 1
    fi
    line=$("$warta" eval clustering --gold "$bench/$set" 2>/dev/null | tail -1)
    f1=$(echo "$line" | grep -o 'F1=[0-9.]*' | cut -d= -f2)
    [ -n "$f1" ] || { echo "clustering gate: FAIL: no F1 for $set" >&2; exit 1; }
    if python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) + 1e-9 >= float(sys.argv[2]) else 1)' "$f1" "$floor"; then
        echo "clustering gate: ok, $set B3 F1 $f1 >= floor $floor"
    else
        echo "clustering gate: FAIL: $set B3 F1 $f1 is below the floor $floor pinned in $floor_file" >&2
        status=1
    fi
done < <(python3 -c 'import json,sys; [print(k, v) for k, v in json.load(open(sys.argv[1]))["sets"].items()]' "$floor_file")
exit $status
