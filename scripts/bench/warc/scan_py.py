#!/usr/bin/env python3
"""One timed pass of a Python WARC reader over a file: every record, its WARC headers, HTTP status, whole payload.

Both readers do the same work per record: read WARC-Type, WARC-Target-URI and WARC-Date from the parsed WARC
headers; for HTTP records, have the HTTP headers parsed and read the status code; read the payload (the bytes after
the HTTP headers, no content decoding) to its end.

- warcio:   ArchiveIterator(open(FILE, "rb")); record.http_headers.get_statuscode(); record.raw_stream read in
            64 KiB blocks until empty.
- fastwarc: ArchiveIterator(FILE, parse_http=True); record.http_headers.status_code; record.reader.read().

Prints one JSON object: tool, version, records, responses, requests, http (records with HTTP headers), statuses
(status code -> count, responses only), payload_bytes, seconds (wall time of the pass, after imports and before
printing), records_per_second.

Usage: scan_py.py {warcio,fastwarc} FILE
"""

import json
import sys
import time
from collections import Counter
from importlib.metadata import version


def scan_warcio(path):
    from warcio.archiveiterator import ArchiveIterator

    counts, statuses, payload_bytes = Counter(), Counter(), 0
    with open(path, "rb") as handle:
        for record in ArchiveIterator(handle):
            headers = record.rec_headers
            kind = headers.get_header("WARC-Type")
            headers.get_header("WARC-Target-URI")
            headers.get_header("WARC-Date")
            counts[kind] += 1
            if record.http_headers is not None:
                counts["http"] += 1
                if kind == "response":
                    statuses[record.http_headers.get_statuscode()] += 1
            stream = record.raw_stream
            while True:
                block = stream.read(65536)
                if not block:
                    break
                payload_bytes += len(block)
    return counts, statuses, payload_bytes


def scan_fastwarc(path):
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    response = WarcRecordType.response
    counts, statuses, payload_bytes = Counter(), Counter(), 0
    for record in ArchiveIterator(path, parse_http=True):
        kind = record.record_type
        record.headers.get("WARC-Target-URI")
        record.headers.get("WARC-Date")
        counts[int(kind)] += 1
        if record.is_http:
            counts["http"] += 1
            if kind == response:
                statuses[record.http_headers.status_code] += 1
        payload_bytes += len(record.reader.read())
    names = {int(t): str(t) for t in (
        WarcRecordType.warcinfo, WarcRecordType.response, WarcRecordType.resource, WarcRecordType.request,
        WarcRecordType.metadata, WarcRecordType.revisit, WarcRecordType.conversion, WarcRecordType.continuation,
        WarcRecordType.unknown)}
    named = Counter({key if key == "http" else names.get(key, str(key)): n for key, n in counts.items()})
    return named, Counter({str(code): n for code, n in statuses.items()}), payload_bytes


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("warcio", "fastwarc"):
        sys.exit(__doc__.strip().splitlines()[-1])
    tool, path = sys.argv[1], sys.argv[2]
    scan = scan_warcio if tool == "warcio" else scan_fastwarc
    started = time.perf_counter()
    counts, statuses, payload_bytes = scan(path)
    seconds = time.perf_counter() - started
    records = sum(n for kind, n in counts.items() if kind != "http")
    print(json.dumps({
        "tool": tool, "version": version("FastWARC" if tool == "fastwarc" else "warcio"),
        "records": records, "responses": counts["response"], "requests": counts["request"], "http": counts["http"],
        "statuses": dict(sorted(statuses.items())), "payload_bytes": payload_bytes, "seconds": round(seconds, 4),
        "records_per_second": round(records / seconds, 1) if seconds else None,
    }, sort_keys=True))


if __name__ == "__main__":
    main()
