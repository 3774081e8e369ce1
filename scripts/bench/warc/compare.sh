#!/usr/bin/env bash
# WARC reading speed, Warta against warcio and FastWARC, on the same CC-NEWS-like file, in one run.
#
# Every reader iterates every record, parses its WARC headers and (for HTTP records) its HTTP headers and status,
# and consumes the payload: warcio (ArchiveIterator, http_headers.get_statuscode(), raw_stream read to its end) and
# FastWARC (ArchiveIterator(parse_http=True), http_headers.status_code, reader.read()) through scan_py.py; Warta
# through `$WARTA warc scan FILE --json` (JSON with at least records, responses, seconds). ROUNDS rounds, each running
# the readers one after the other under /usr/bin/time -v; summarize.py prints the median records/s (records / the
# reader's own scan time), the ratios Warta/FastWARC and Warta/warcio, peak RSS, and checks that all readers counted
# the same records and responses as make-bench-warc.py wrote (a mismatch is printed loudly and exits 1).
#
# Usage: scripts/bench/warc/compare.sh [FILE.warc.gz]
#   FILE    default /tmp/warta-bench/bench.warc.gz, built by make-bench-warc.py when missing (about 20,000 responses,
#           40,001 records, 0.7 GB; a few minutes).
# Environment: ROUNDS (default 3); WARTA (default .build/release/warta; not built here: `swift build -c release
# --product warta`); WARTA_VENV (default /tmp/warta-venv; the first run installs pinned warcio and FastWARC into
# $WARTA_VENV/warc-bench, outside the package); WARTA_SHARED (default ../shared, where the pages are read from).
set -euo pipefail
cd "$(dirname "$0")/../../.."
here=scripts/bench/warc
file=${1:-/tmp/warta-bench/bench.warc.gz}
rounds=${ROUNDS:-3}
warta=${WARTA:-.build/release/warta}
venv=${WARTA_VENV:-/tmp/warta-venv}/warc-bench
warcio_version=1.8.1
fastwarc_version=2.0.1

if ! "$venv/bin/python" -c "
import importlib.metadata as m, sys
sys.exit(m.version('warcio') != '$warcio_version' or m.version('FastWARC') != '$fastwarc_version')" 2>/dev/null; then
  echo "creating $venv with warcio $warcio_version and FastWARC $fastwarc_version..." >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "warcio==$warcio_version" "fastwarc==$fastwarc_version"
fi
py="$venv/bin/python"
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

if [ ! -f "$file" ]; then
  echo "building $file (make-bench-warc.py)..." >&2
  "$py" "$here/make-bench-warc.py" --out "$file" >&2
fi
expected="$file.json"
[ -f "$expected" ] \
  || echo "note: no $expected (the counts make-bench-warc.py wrote); readers are compared with each other only" >&2

tools=(warcio fastwarc)
extra=()
if [ ! -x "$warta" ]; then
  reason="no Warta binary at $warta (swift build -c release --product warta, or set WARTA=)"
  extra+=(--skip "warta=$reason")
  echo "note: $reason; measuring the Python readers only" >&2
elif ! "$warta" warc scan --help 2>&1 | grep -q 'warc scan'; then
  # (an ArgumentParser binary without the subcommand prints its top-level help and exits 0, so look at the usage line)
  reason="$warta has no 'warc scan' subcommand yet"
  extra+=(--skip "warta=$reason")
  echo "note: $reason; measuring the Python readers only" >&2
else
  tools+=(warta)
fi

work=$(mktemp -d /tmp/warta-warc-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
ram=$(free -g | awk '/^Mem:/ {print $2}')
echo "machine: $(nproc) cores ($cpu), load $(cut -d' ' -f1-3 /proc/loadavg), $ram GB RAM; $("$py" --version)"
echo "file: $file ($(stat -c %s "$file") bytes); rounds: $rounds; readers: ${tools[*]}"
if [[ " ${tools[*]} " == *" warta "* ]]; then
  warta_version=$("$warta" --version 2>/dev/null || echo unknown)
  extra+=(--version "warta=$warta_version")
  echo "warta: $warta ($warta_version)"
fi
cat "$file" > /dev/null  # page cache warm before the first round, so the first reader is not the one that pays for it

for round in $(seq 1 "$rounds"); do
  for tool in "${tools[@]}"; do
    if [ "$tool" = warta ]; then
      cmd=("$warta" warc scan "$file" --json)
    else
      cmd=("$py" "$here/scan_py.py" "$tool" "$file")
    fi
    rc=0
    /usr/bin/time -v -o "$work/$tool.$round.time" "${cmd[@]}" > "$work/$tool.$round.json" 2> "$work/$tool.$round.err" \
      || rc=$?
    echo "$rc" > "$work/$tool.$round.rc"
    if [ "$rc" != 0 ]; then
      echo "round $round: $tool exited $rc:" >&2
      tail -n 5 "$work/$tool.$round.err" >&2
    else
      printf 'round %s: %-8s %s\n' "$round" "$tool" "$(tail -c 300 "$work/$tool.$round.json" | tr -d '\n')" >&2
    fi
  done
done
"$py" "$here/summarize.py" --work "$work" --rounds "$rounds" --file "$file" --expected "$expected" \
  ${extra[@]+"${extra[@]}"} "${tools[@]}"
