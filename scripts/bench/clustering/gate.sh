#!/usr/bin/env bash
# CI regression gate for story clustering: runs `warta eval clustering` (debug build, or $WARTA_BIN; the benchmark's own
# evaluate.py scores it) on each set named in bench/clustering-floor.json ("sets") and fails when its B3 F1 or its
# pairwise F1 falls below the floor. The floors are the shipped model's whole-set scores (in-sample): they guard
# against regressions; the held-out figures that say how good the model is are in docs/clustering.md. "id-dev" is
# our Indonesian event gold (bench/clustering/id-dev), built from ../shared's CLICK-ID corpus by its build.py.
#
# Usage: scripts/bench/clustering/gate.sh [BENCH_DIR]   (default $WARTA_SHARED/bench/clustering, else ../shared/…)
# Needs python3 and a built .build/debug/warta (scripts/test builds it). Takes about 2 minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/../../.."
shared=${WARTA_SHARED:-../shared}
bench=${1:-$shared/bench/clustering}
floor_file=bench/clustering-floor.json
warta=${WARTA_BIN:-.build/debug/warta}
[ -x "$warta" ] || { echo "clustering gate: FAIL: $warta not built (run scripts/test first)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
while read -r set b3_floor pairwise_floor level; do
    if [ "$set" = id-dev ]; then
        file="$work/id-dev.jsonl"
        python3 bench/clustering/id-dev/build.py --corpus "$shared/corpus/id-news/clickid-2019/articles.jsonl.gz" \
            --output "$file" >/dev/null
    else
        file="$bench/$set"
    fi
    if [ ! -f "$file" ]; then
        echo "clustering gate: FAIL: $file is missing; check out ../shared" >&2
        exit 1
    fi
    # "incidents": the set's gold events take in their aftermath, scored against Warta's incidents.
    flags=()
    [ "$level" = incidents ] && flags=(--incidents)
    report=$("$warta" eval clustering --gold "$file" --evaluator "$bench/evaluate.py" "${flags[@]}" 2>/dev/null)
    b3=$(echo "$report" | tail -1 | grep -o 'F1=[0-9.]*' | cut -d= -f2)
    pairwise=$(echo "$report" | grep '^pairwise' | grep -o 'F1=[0-9.]*' | cut -d= -f2)
    [ -n "$b3" ] && [ -n "$pairwise" ] || { echo "clustering gate: FAIL: no F1 for $set" >&2; exit 1; }
    for check in "B3 $b3 $b3_floor" "pairwise $pairwise $pairwise_floor"; do
        read -r name value floor <<<"$check"
        if python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) + 1e-9 >= float(sys.argv[2]) else 1)' "$value" "$floor"; then
            echo "clustering gate: ok, $set ($level) $name F1 $value >= floor $floor"
        else
            echo "clustering gate: FAIL: $set ($level) $name F1 $value is below the floor $floor pinned in $floor_file" >&2
            status=1
        fi
    done
done < <(python3 -c 'import json,sys; [print(k, v["b3"], v["pairwise"], v.get("level", "events")) for k, v in json.load(open(sys.argv[1]))["sets"].items()]' "$floor_file")
exit $status
