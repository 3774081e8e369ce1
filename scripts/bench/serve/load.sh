#!/usr/bin/env bash
# Load on `warta serve` (release) over a store of all 25k CLICK-ID articles: wrk (Debian's), loopback only,
# 64 connections, 30 s per target: search (a mix of 20 queries), the storylines API, a storyline page and an
# entity page. Prints p50/p99 latency, requests/s and errors per target, then `warta search` per call for
# comparison. Bars (issue 12): 0 errors, API p99 < 50 ms, HTML pages p99 < 100 ms.
# Runs twice: with the server's response cache (the default: a read response is kept until the next ingest) and
# without it (--cache-entries 0: every request queries the store and renders).
# Usage: scripts/bench/serve/load.sh [STORE]   (default: /tmp/warta-bench/clickid.sqlite, built when missing)
# SECONDS_PER_TARGET (default 30) and CONNECTIONS (default 64) override the load.
set -euo pipefail
cd "$(dirname "$0")/../../.."
store=${1:-/tmp/warta-bench/clickid.sqlite}
seconds=${SECONDS_PER_TARGET:-30}
connections=${CONNECTIONS:-64}
command -v wrk > /dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get update -q > /dev/null; apt-get install -y -q wrk > /dev/null; }
scripts/setup
swift build -c release --product warta 2>&1 | grep -E "error|Compiling warta|Build complete" >&2 || true
warta=.build/release/warta
if [ ! -f "$store" ]; then
  mkdir -p "$(dirname "$store")"
  echo "building $store from ../shared/corpus/id-news/clickid-2019 (about 15 minutes)" >&2
  "$warta" ingest --db "$store" ../shared/corpus/id-news/clickid-2019/articles.jsonl.gz > "$store.ingest.log" || true
fi
work=$(mktemp -d /tmp/warta-load.XXXXXX)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; true; }
trap cleanup EXIT
queries=(KPK Jokowi "revisi+UU+KPK" korupsi Habibie "Papua+rusuh" "gempa" "banjir+Jakarta" "Prabowo" "DPR+OR+MPR"
  "%22Jakarta+Selatan%22" "korup*" "title:KPK" "pemindahan+ibu+kota" "Kalimantan+Timur" "hutan+terbakar"
  "Persija" "harga+cabai" "Sri+Mulyani" "timnas+-Inggris")
{
  echo "paths = {"
  for q in "${queries[@]}"; do echo "  \"/api/v1/search?q=$q&limit=10\","; done
  echo "}"
  echo 'counter = 0'
  echo 'request = function() counter = counter + 1; return wrk.format(nil, paths[(counter % #paths) + 1]) end'
} > "$work/search.lua"
start_server() { # start_server CACHE_ENTRIES
  cleanup
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$warta" serve --db "$store" --port "$port" --cache-entries "$1" > "$work/serve-$1.log" 2>&1 &
  server_pid=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 600); do curl -sf "$base/healthz" > /dev/null 2>&1 && break; sleep 0.5; done
  curl -sf "$base/healthz" > /dev/null || { cat "$work/serve-$1.log" >&2; exit 1; }
}
start_server 4096
storyline=$(curl -sf "$base/api/v1/storylines?order=largest&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
entity=$(curl -sf "$base/api/v1/entities?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')

run() { # run NAME URL [LUA]
  local name=$1 url=$2 script=${3:-}
  local args=(-t 2 -c "$connections" -d "${seconds}s" --timeout 10s --latency)
  [ -n "$script" ] && args+=(-s "$script")
  wrk "${args[@]}" "$url" > "$work/$name.txt" 2>&1
  python3 - "$name" "$work/$name.txt" << 'PY'
import re, sys
name, path = sys.argv[1], sys.argv[2]
text = open(path).read()
def ms(label):
    m = re.search(r"^\s+%s\s+([\d.]+)(us|ms|s)\s*$" % label, text, re.M)
    if not m: return float("nan")
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v * 1000 if u == "s" else v
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
err = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, errors.groups())) if errors else 0)
print(f"{name:<16} p50 {ms('50%'):8.2f} ms   p99 {ms('99%'):8.2f} ms   {float(rps.group(1)) if rps else 0:9.1f} req/s   errors {err}")
PY
}
echo "wrk: $connections connections, ${seconds}s per target, $(nproc) cores, store $store ($(du -h "$store" | cut -f1))"
echo "largest storyline $storyline, most named entity $entity"
for entries in 4096 0; do
  start_server "$entries"
  if [ "$entries" = 0 ]; then echo "== without the response cache (--cache-entries 0)"; else echo "== with the response cache"; fi
  run search "$base/api/v1/search?q=KPK" "$work/search.lua"
  run storylines-api "$base/api/v1/storylines?limit=20"
  run storyline-page "$base/storylines/$storyline"
  run entity-page "$base/entities/$entity"
done
cleanup

echo "for comparison, warta search per call (a new process each, 20 queries):"
start=$(date +%s.%N)
for q in "${queries[@]}"; do
  "$warta" search --db "$store" --limit 10 "$(python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote_plus(sys.argv[1]))' "$q")" > /dev/null
done
end=$(date +%s.%N)
python3 -c "print(f'warta search     {($end - $start) / 20 * 1000:8.1f} ms per call (mean of 20)')"
echo "raw wrk output in $work"
