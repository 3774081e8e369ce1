#!/usr/bin/env bash
# Near-duplicate detection, Warta vs datasketch MinHash-LSH, on the same documents at Jaccard 0.8, in one run.
#
# For each data set: exact ground truth (exact_pairs.py: every pair with shingle-set Jaccard >= 0.8), then
# ROUNDS alternating timed runs of `warta bench dedup` (release build, 3 passes per run) and datasketch
# (datasketch_run.py in a throwaway venv outside the repository, 1 pass per run), then score.py: docs/s
# median and range for both, the ratio, and recall and precision of each against the exact pairs.
#
# Data sets: the real articles (INPUT, default ../shared/corpus/id-news/clickid-2019/articles.jsonl.gz), and
# unless MIXTURE=0 a mixture: the same articles plus 2,000 deterministic edited copies (make_mixture.py).
#
# Usage: scripts/bench/dedup/compare.sh [INPUT.jsonl[.gz]]
# Environment: ROUNDS (default 3), WORK (default /tmp/warta-bench-dedup), VENV (default /tmp/venv-datasketch),
# MIXTURE (default 1), WARTA (a prebuilt binary; default: swift build -c release, then its bin path), UNIT (what the
# ground truth and datasketch compare: "linker", the default, is what Warta compares, the body alone when it has
# 50 words or more, else title and body; "title+body" is the unit before issue 11, to score a binary of that time).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
INPUT="${1:-$ROOT/../shared/corpus/id-news/clickid-2019/articles.jsonl.gz}"
ROUNDS="${ROUNDS:-3}"
WORK="${WORK:-/tmp/warta-bench-dedup}"
VENV="${VENV:-/tmp/venv-datasketch}"
MIXTURE="${MIXTURE:-1}"
UNIT="${UNIT:-linker}"
THRESHOLD=0.8
mkdir -p "$WORK"

if [ -z "${WARTA:-}" ]; then
    echo "building warta (release)..." >&2
    (cd "$ROOT" && swift build -c release --product warta >&2)
    WARTA="$(cd "$ROOT" && swift build -c release --show-bin-path)/warta"
fi
if ! "$VENV/bin/python" -c 'import datasketch' 2>/dev/null; then
    echo "creating $VENV with datasketch 2.x..." >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q 'datasketch>=2,<3' >&2
fi
PY="$VENV/bin/python"

sets=("real:$INPUT")
if [ "$MIXTURE" != 0 ]; then
    "$PY" "$HERE/make_mixture.py" "$INPUT" "$WORK/mixture.jsonl" --copies 2000 --seed 2025
    sets+=("mixture:$WORK/mixture.jsonl")
fi

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $("$PY" -c 'import datasketch; print("datasketch", datasketch.__version__)'); $("$WARTA" --version | sed 's/^/warta /')"
for entry in "${sets[@]}"; do
    name="${entry%%:*}"
    file="${entry#*:}"
    "$PY" "$HERE/exact_pairs.py" "$file" "$WORK/$name.exact.tsv" --threshold "$THRESHOLD" --unit "$UNIT"
    : >"$WORK/$name.warta.log"
    : >"$WORK/$name.datasketch.log"
    for round in $(seq 1 "$ROUNDS"); do
        "$WARTA" bench dedup "$file" --threshold "$THRESHOLD" --repeats 3 --pairs "$WORK/$name.warta.tsv" \
            | tee -a "$WORK/$name.warta.log" >&2
        "$PY" "$HERE/datasketch_run.py" "$file" "$WORK/$name.datasketch.tsv" --threshold "$THRESHOLD" --unit "$UNIT" \
            | tee -a "$WORK/$name.datasketch.log" >&2
    done
    "$PY" "$HERE/score.py" --name "$name ($file)" --exact "$WORK/$name.exact.tsv" \
        --system warta "$WORK/$name.warta.tsv" "$WORK/$name.warta.log" \
        --system datasketch "$WORK/$name.datasketch.tsv" "$WORK/$name.datasketch.log"
done
