#!/usr/bin/env bash
# Warta (release build) against trafilatura 2.3 (default settings) on the same 181 pages, in one run:
# pages per second of each, the ratio, and both F1 scores from the benchmark's evaluate.py.
#
# Usage: scripts/bench/extraction/compare.sh [BENCH_DIR]
#   BENCH_DIR  default $WARTA_SHARED/bench/extraction, else ../shared/bench/extraction
#   VENV       the throwaway trafilatura venv, outside the repository (default /tmp/venv-trafilatura);
#              created with pip when missing.
#   ROUNDS     how many times Warta extracts every page, for steadier timing (default 3).
set -euo pipefail
cd "$(dirname "$0")/../../.."
bench=${1:-${WARTA_SHARED:-../shared}/bench/extraction}
venv=${VENV:-/tmp/venv-trafilatura}
rounds=${ROUNDS:-3}
[ -f "$bench/ground-truth.json" ] || { echo "error: no benchmark at $bench" >&2; exit 1; }
. scripts/bench/extraction/peer-setup.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$venv/bin/python" scripts/bench/extraction/trafilatura_run.py "$bench" "$work/trafilatura.json" 2> "$work/traf.log"
.build/release/warta eval extraction --bench "$bench" --output "$work/warta.json" --repeat "$rounds" \
    > "$work/warta-eval.txt" 2> "$work/warta.log"
traf_rate=$(grep -o '[0-9.]* pages/s' "$work/traf.log" | cut -d' ' -f1)
warta_rate=$(grep -o '[0-9.]* pages/s' "$work/warta.log" | cut -d' ' -f1)
traf_f1=$(python3 "$bench/evaluate.py" "$work/trafilatura.json" --gt "$bench/ground-truth.json" 2>/dev/null | tail -1)
warta_f1=$(tail -1 "$work/warta-eval.txt")
cat "$work/traf.log" "$work/warta.log"
printf "%-28s %12s  %s\n" system pages/s score
printf "%-28s %12s  %s\n" "trafilatura (default)" "$traf_rate" "$traf_f1"
printf "%-28s %12s  %s\n" "warta (release, 1 thread)" "$warta_rate" "$warta_f1"
python3 -c "import sys; print(f'speed ratio warta/trafilatura: {float(sys.argv[1]) / float(sys.argv[2]):.1f}x')" \
    "$warta_rate" "$traf_rate"
