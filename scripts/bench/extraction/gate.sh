#!/usr/bin/env bash
# CI quality gate for main-text extraction: scores `warta eval extraction` (debug build) on the shared benchmark
# and fails when F1 falls below the floor pinned in bench/extraction-floor.json, or when the benchmark is not the
# one the floor was measured on (its digest changed).
#
# Usage: scripts/bench/extraction/gate.sh [BENCH_DIR]   (default $WARTA_SHARED/bench/extraction, else ../shared/…)
# Needs python3 and a built .build/debug/warta (scripts/test builds it). Takes about 15 s on two cores.
# Raising the floor is a normal commit; lowering it needs a reason in the commit message (see docs/extraction.md).
set -euo pipefail
cd "$(dirname "$0")/../../.."
bench=${1:-${WARTA_SHARED:-../shared}/bench/extraction}
floor_file=bench/extraction-floor.json
warta=.build/debug/warta
if [ ! -f "$bench/ground-truth.json" ]; then
    echo "extraction gate: FAIL: no benchmark at $bench (ground-truth.json missing); check out ../shared" >&2
    exit 1
fi
[ -x "$warta" ] || { echo "extraction gate: FAIL: $warta not built (run scripts/test first)" >&2; exit 1; }
read -r want_digest want_f1 <<< "$(python3 -c 'import json,sys; f=json.load(open(sys.argv[1])); print(f["corpus_sha256"], f["f1"])' "$floor_file")"
read -r have_digest files <<< "$(python3 scripts/bench/extraction/corpus_digest.py "$bench")"
if [ "$have_digest" != "$want_digest" ]; then
    echo "extraction gate: FAIL: the benchmark at $bench changed ($files files, sha256 $have_digest;" \
        "$floor_file pins $want_digest). Re-measure and pin the new digest and floor together." >&2
    exit 1
fi
line=$("$warta" eval extraction --bench "$bench" 2>/dev/null | tail -1)
echo "$line"
f1=$(echo "$line" | grep -o 'F1=[0-9.]*' | cut -d= -f2)
[ -n "$f1" ] || { echo "extraction gate: FAIL: no F1 in the output of warta eval extraction" >&2; exit 1; }
if python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) + 1e-9 >= float(sys.argv[2]) else 1)' "$f1" "$want_f1"; then
    echo "extraction gate: ok, F1 $f1 >= floor $want_f1"
else
    echo "extraction gate: FAIL: F1 $f1 is below the floor $want_f1 pinned in $floor_file" >&2
    exit 1
fi
