#!/usr/bin/env bash
# Crawl throughput with politeness off: scripts/test-site/serve.py --more (the id-news article pages and the 181
# pages of bench/extraction, listed by RSS, Atom, JSON Feed and a news sitemap) on loopback, and the release
# `warta crawl --once --delay 0 --allow-private` into a fresh database, ROUNDS times. Reports pages fetched and
# stored per second (from the crawl's own --json report: fetch, extract, annotate, store and link included) and
# the peak RSS (/usr/bin/time -v). The site is stopped at the end.
#
# Usage: scripts/bench/crawl/throughput.sh   Environment: ROUNDS (3), PORT (8779), WARTA (.build/release/warta),
#        WARTA_SHARED (../shared).
set -euo pipefail
cd "$(dirname "$0")/../../.."
rounds=${ROUNDS:-3}
port=${PORT:-8779}
shared=${WARTA_SHARED:-../shared}
warta=${WARTA:-.build/release/warta}
if [ -z "${WARTA:-}" ]; then swift build -c release --product warta 2>&1 | tail -n 1; fi
work=$(mktemp -d /tmp/warta-crawl-bench.XXXXXX)
python3 scripts/test-site/serve.py --port "$port" --crawl-delay 0 --more --shared "$shared" 2> "$work/site.log" &
site=$!
trap 'kill "$site" 2>/dev/null || true; wait "$site" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do
  curl -sf "http://127.0.0.1:$port/feeds.txt" -o "$work/feeds.txt" && break
  sleep 0.2
done
[ -s "$work/feeds.txt" ] || { echo "the test site did not start:" >&2; cat "$work/site.log" >&2; exit 1; }
head -n 1 "$work/site.log"
for round in $(seq 1 "$rounds"); do
  rm -f "$work"/db.sqlite*
  /usr/bin/time -v "$warta" crawl --db "$work/db.sqlite" --feeds "$work/feeds.txt" --once --allow-private \
    --delay 0 --json > "$work/round.json" 2> "$work/time.log" || true
  python3 - "$work/round.json" "$work/time.log" "$round" <<'PY'
import json, re, sys
report = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(sys.argv[2]).read()).group(1))
seconds = report["seconds"]
print("round {}: {} pages fetched, {} new, {} failed in {:.2f} s: {:.1f} pages/s fetched, {:.1f} stored/s; "
      "peak RSS {:.0f} MiB".format(sys.argv[3], report["articles_fetched"], report["articles_new"],
                                   report["articles_failed"], seconds, report["articles_fetched"] / seconds,
                                   report["articles_new"] / seconds, rss / 1024))
PY
done
