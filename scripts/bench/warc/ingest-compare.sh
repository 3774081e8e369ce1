#!/usr/bin/env bash
# WARC -> stored and linked articles, against the JSON-lines ingest of the same pages: the first N responses of a
# bench WARC (make-bench-warc.py; N default 939, one pass over the shared pages, so no page repeats) are written
# once as a WARC.gz and once as JSON lines ({"url", "html"}); each is ingested into a fresh database with every
# stage (extraction, annotation, storing, linking), release build. Prints articles/s and peak RSS of both.
#
# Usage: scripts/bench/warc/ingest-compare.sh [BENCH_WARC]   Environment: N, WARTA (default .build/release/warta).
set -euo pipefail
cd "$(dirname "$0")/../../.."
file=${1:-/tmp/warta-bench/bench.warc.gz}
n=${N:-939}
warta=${WARTA:-.build/release/warta}
venv=${WARTA_VENV:-/tmp/warta-venv}/warc-bench
[ -x "$warta" ] || { echo "no $warta (swift build -c release --product warta)" >&2; exit 1; }
[ -f "$file" ] || { echo "no $file: run scripts/bench/warc/compare.sh once (it builds it)" >&2; exit 1; }
work=$(mktemp -d /tmp/warta-ingest-compare.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$venv/bin/python" - "$file" "$n" "$work" <<'PY'
import json, sys
from io import BytesIO
from warcio.statusandheaders import StatusAndHeaders
from warcio.archiveiterator import ArchiveIterator
from warcio.warcwriter import WARCWriter
source, n, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
kept = 0
with open(source, "rb") as handle, open(work + "/slice.warc.gz", "wb") as out, open(work + "/slice.jsonl", "w") as lines:
    writer = WARCWriter(out, gzip=True)
    for record in ArchiveIterator(handle):
        if record.rec_type != "response":
            continue
        body = record.content_stream().read()
        uri = record.rec_headers.get_header("WARC-Target-URI")
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=UTF-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=http))
        lines.write(json.dumps({"url": uri, "html": body.decode("utf-8", "replace")}, ensure_ascii=False) + "\n")
        kept += 1
        if kept >= n:
            break
print("pages:", kept, file=sys.stderr)
PY
for kind in warc.gz jsonl; do
  /usr/bin/time -v -o "$work/$kind.time" "$warta" ingest --db "$work/$kind.sqlite" --json "$work/slice.$kind" \
    > "$work/$kind.json" || true
  python3 - "$work/$kind.json" "$work/$kind.time" "$kind" <<'PY'
import json, re, sys
report = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
wall = text.split("Elapsed (wall clock) time (h:mm:ss or m:ss): ")[1].split("\n")[0]
parts = [float(p) for p in wall.split(":")]
seconds = parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) > 2 else 0)
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) // 1024
stored = report["new"] + report["known"]
print("%-8s read %5d  new %5d  known %4d  failed %3d  %6.1f s  %6.1f documents/s  peak RSS %d MB" % (
    sys.argv[3], report["read"], report["new"], report["known"], len(report["failed"]), seconds,
    report["read"] / seconds, rss))
PY
done
