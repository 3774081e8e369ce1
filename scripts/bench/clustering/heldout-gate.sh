#!/usr/bin/env bash
# CI gate for issue 5's bars, on held-out data: builds the release `warta`, runs `warta train clustering` the way
# the shipped model is fitted (on ECB+, the UCI headline sample, gva-dev and our Indonesian id-dev gold together; ECB+
# and gva-dev scored as incidents, without fragment merges), with held-out figures for ECB+ (5-fold cross-validation by topic) and UCI (a time split), every threshold fitted
# inside each fold's training streams, and fails when a held-out B3 F1 is below its bar in
# bench/clustering-floor.json ("heldout"). The fits run side by side on two cores.
#
# Usage: scripts/bench/clustering/heldout-gate.sh [BENCH_DIR]   (default $WARTA_SHARED/bench/clustering, else ../shared/…)
set -euo pipefail
cd "$(dirname "$0")/../../.."
bench=${1:-${WARTA_SHARED:-../shared}/bench/clustering}
floor_file=bench/clustering-floor.json
ecb="$bench/ecbplus/ecbplus.jsonl.gz"
uci="$bench/uci-news-sample/uci-news-sample.jsonl.gz"
gva="$bench/gva-dev/gva-dev.jsonl.gz"
for file in "$ecb" "$uci" "$gva"; do
    [ -f "$file" ] || { echo "held-out clustering gate: FAIL: $file is missing; check out ../shared" >&2; exit 1; }
done
# Without the Crawl trait: the gates need no HTTP client, and async-http-client with NIO SSL would double the build.
swift build -c release --product warta --disable-default-traits 2>&1 | tail -n 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log="$work/log"
python3 bench/clustering/id-dev/build.py --corpus "${WARTA_SHARED:-../shared}/corpus/id-news/clickid-2019/articles.jsonl.gz" \
    --output "$work/id-dev.jsonl" >/dev/null
# ECB+ and gva-dev are scored as incidents (their gold events hold their aftermath); no fragment merges, as shipped.
.build/release/warta train clustering --gold "$ecb" --gold "$uci" --gold "$gva" --gold "$work/id-dev.jsonl" \
    --incidents "$ecb" --incidents "$gva" --no-merges --held-out "$ecb" --held-out "$uci" --no-final | tee "$log"
python3 - "$log" "$floor_file" <<'PY'
import json, re, sys
log = open(sys.argv[1]).read()
bars = json.load(open(sys.argv[2]))["heldout"]
found = {
    "ecbplus": re.search(r"^ecbplus\.jsonl\.gz: \d+-fold topic CV \(incidents\) B3 F1 ([0-9.]+)", log, re.M),
    "uci-news-sample": re.search(r"^uci-news-sample\.jsonl\.gz: time split .* B3 F1 ([0-9.]+)", log, re.M),
}
status = 0
for name, bar in bars.items():
    match = found.get(name)
    if not match:
        print(f"held-out clustering gate: FAIL: no held-out F1 for {name}", file=sys.stderr)
        status = 1
        continue
    f1 = float(match.group(1))
    if f1 + 1e-9 >= bar:
        print(f"held-out clustering gate: ok, {name} held-out B3 F1 {f1:.4f} >= bar {bar}")
    else:
        print(f"held-out clustering gate: FAIL: {name} held-out B3 F1 {f1:.4f} is below the bar {bar}", file=sys.stderr)
        status = 1
sys.exit(status)
PY
