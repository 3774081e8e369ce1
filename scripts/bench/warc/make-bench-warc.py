#!/usr/bin/env python3
"""A CC-NEWS-like WARC.gz for the WARC reader benchmark, built from the shared HTML pages.

The file starts with a warcinfo record, then holds a request + response pair per page fetch, like a crawler writes
them, one gzip member per record (as CC-NEWS does). Pages come, in this order and cycling, from:

1. bench/extraction/html/*.html (181 pages; URLs from its ground-truth.json),
2. corpus/id-news/html-pages/html/*.html (47 pages; URLs from index.jsonl, a made-up one under the outlet's host
   where the entry has none),
3. bench/extraction-wcxb-dev/html/*.html.gz (711 pages; URLs from its ground-truth.json).

The first pass over the pages uses their own URLs; pass c >= 1 adds a query parameter `warta_copy=c`, so every
WARC-Target-URI is distinct. WARC-Dates run from 2025-06-01T00:00:00Z, three seconds per fetch. Responses are
`HTTP/1.1 200 OK`, `text/html; charset=UTF-8`, with the page bytes unchanged; payload and block digests are real
(SHA-1, base32). Record ids come from a seeded RNG, so the same arguments give the same bytes.

Writes OUT (default /tmp/warta-bench/bench.warc.gz) through a temporary file, and OUT.json with the counts a
reader must find: records, responses, requests, warcinfo, bytes, and the arguments.

Usage: make-bench-warc.py [--out FILE] [--responses 20000] [--target-bytes N] [--level 6] [--seed 2025]
  --target-bytes N  keep adding fetches past --responses until the file has at least N bytes (about 1 GB for the
                    memory test: --target-bytes 1000000000).
"""

import argparse
import base64
import glob
import gzip
import hashlib
import json
import os
import random
import sys
import time
import uuid
import zlib
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
SHARED = os.environ.get("WARTA_SHARED", os.path.join(ROOT, "..", "shared"))
BASE_DATE = datetime(2025, 6, 1, 0, 0, 0, tzinfo=timezone.utc)
USER_AGENT = "Mozilla/5.0 (compatible; WartaBench/1.0; +https://berita.example/bot)"


def load_pages(shared):
    """(url, body) for every page of the three sets, in a fixed order."""
    pages = []
    extraction = os.path.join(shared, "bench", "extraction")
    truth = json.load(open(os.path.join(extraction, "ground-truth.json"), encoding="utf-8"))
    for path in sorted(glob.glob(os.path.join(extraction, "html", "*.html"))):
        page_id = os.path.basename(path)[: -len(".html")]
        with open(path, "rb") as handle:
            pages.append((truth[page_id]["url"], handle.read()))

    html_pages = os.path.join(shared, "corpus", "id-news", "html-pages")
    index = {}
    with open(os.path.join(html_pages, "index.jsonl"), encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            index[entry["id"]] = entry
    for path in sorted(glob.glob(os.path.join(html_pages, "html", "*.html"))):
        entry = index[os.path.basename(path)[: -len(".html")]]
        url = entry["url"] or "https://www.{}/warta-bench/{}".format(entry["outlet"], entry["id"])
        with open(path, "rb") as handle:
            pages.append((url, handle.read()))

    wcxb = os.path.join(shared, "bench", "extraction-wcxb-dev")
    truth = json.load(open(os.path.join(wcxb, "ground-truth.json"), encoding="utf-8"))
    for path in sorted(glob.glob(os.path.join(wcxb, "html", "*.html.gz"))):
        page_id = os.path.basename(path)[: -len(".html.gz")]
        url = truth.get(page_id, {}).get("url") or "https://wcxb.example/{}".format(page_id)
        with gzip.open(path, "rb") as handle:
            pages.append((url, handle.read()))
    if not pages:
        sys.exit("error: no pages under {}".format(shared))
    return pages


def sha1_base32(*parts):
    digest = hashlib.sha1()
    for part in parts:
        digest.update(part)
    return "sha1:" + base64.b32encode(digest.digest()).decode("ascii")


def copy_url(url, copy):
    if copy == 0:
        return url
    base, hash_mark, fragment = url.partition("#")
    joiner = "&" if "?" in base else "?"
    return "{}{}warta_copy={}{}{}".format(base, joiner, copy, hash_mark, fragment)


def charset_of(body):
    try:
        body.decode("utf-8")
        return "UTF-8"
    except UnicodeDecodeError:
        return "ISO-8859-1"


class Writer:
    """Writes WARC/1.0 records, each as its own gzip member."""

    def __init__(self, handle, level):
        self.handle = handle
        self.level = level
        self.bytes = 0

    def record(self, warc_headers, block_parts):
        length = sum(len(part) for part in block_parts)
        head = "WARC/1.0\r\n" + "".join("{}: {}\r\n".format(k, v) for k, v in warc_headers)
        head += "Content-Length: {}\r\n\r\n".format(length)
        packer = zlib.compressobj(self.level, zlib.DEFLATED, zlib.MAX_WBITS | 16)
        out = [packer.compress(head.encode("utf-8"))]
        for part in block_parts:
            out.append(packer.compress(part))
        out.append(packer.compress(b"\r\n\r\n"))
        out.append(packer.flush())
        data = b"".join(out)
        self.handle.write(data)
        self.bytes += len(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="/tmp/warta-bench/bench.warc.gz")
    parser.add_argument("--responses", type=int, default=20000, help="response records at least (default 20000)")
    parser.add_argument("--target-bytes", type=int, default=0, help="keep going until the file has this many bytes")
    parser.add_argument("--level", type=int, default=6, help="gzip level (default 6, zlib's and Java's default)")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--shared", default=SHARED)
    args = parser.parse_args()

    started = time.monotonic()
    pages = load_pages(args.shared)
    charsets = [charset_of(body) for _, body in pages]
    payload_digests = [sha1_base32(body) for _, body in pages]
    rng = random.Random(args.seed)

    def new_id():
        return "<urn:uuid:{}>".format(uuid.UUID(int=rng.getrandbits(128), version=4))

    out_dir = os.path.dirname(os.path.abspath(args.out))
    os.makedirs(out_dir, exist_ok=True)
    partial = args.out + ".partial"
    counts = {"warcinfo": 1, "request": 0, "response": 0}
    with open(partial, "wb") as handle:
        writer = Writer(handle, args.level)
        warcinfo_id = new_id()
        info = (
            "software: Warta make-bench-warc.py\r\nformat: WARC File Format 1.0\r\n"
            "description: benchmark file; pages from bench/extraction, html-pages and extraction-wcxb-dev, cycled\r\n"
            "isPartOf: warta-bench\r\noperator: none (synthetic crawl)\r\n"
        ).encode("utf-8")
        writer.record([
            ("WARC-Type", "warcinfo"), ("WARC-Date", BASE_DATE.strftime("%Y-%m-%dT%H:%M:%SZ")),
            ("WARC-Record-ID", warcinfo_id), ("WARC-Filename", os.path.basename(args.out)),
            ("Content-Type", "application/warc-fields"),
        ], [info])
        fetch = 0
        while fetch < args.responses or writer.bytes < args.target_bytes:
            url, body = pages[fetch % len(pages)]
            url = copy_url(url, fetch // len(pages))
            moment = BASE_DATE + timedelta(seconds=3 * fetch)
            warc_date = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
            host, _, path = url.partition("://")[2].partition("/")
            path = "/" + path.partition("#")[0]
            ip = "203.0.113.{}".format(1 + fetch % 254)  # TEST-NET-3
            request_id, response_id = new_id(), new_id()

            request = (
                "GET {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: {}\r\n"
                "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
                "Accept-Language: id,en;q=0.7\r\nAccept-Encoding: br,gzip\r\nConnection: Keep-Alive\r\n\r\n"
            ).format(path, host, USER_AGENT).encode("utf-8")
            writer.record([
                ("WARC-Type", "request"), ("WARC-Date", warc_date), ("WARC-Record-ID", request_id),
                ("Content-Type", "application/http; msgtype=request"), ("WARC-Warcinfo-ID", warcinfo_id),
                ("WARC-IP-Address", ip), ("WARC-Target-URI", url),
                ("WARC-Block-Digest", sha1_base32(request)),
            ], [request])
            counts["request"] += 1

            http = (
                "HTTP/1.1 200 OK\r\nDate: {}\r\nServer: nginx\r\nContent-Type: text/html; charset={}\r\n"
                "Content-Length: {}\r\nVary: Accept-Encoding\r\nCache-Control: max-age=60\r\n"
                "X-Crawler-Content-Encoding: gzip\r\nConnection: keep-alive\r\n\r\n"
            ).format(format_datetime(moment, usegmt=True), charsets[fetch % len(pages)], len(body)).encode("ascii")
            writer.record([
                ("WARC-Type", "response"), ("WARC-Date", warc_date), ("WARC-Record-ID", response_id),
                ("Content-Type", "application/http; msgtype=response"), ("WARC-Warcinfo-ID", warcinfo_id),
                ("WARC-Concurrent-To", request_id), ("WARC-IP-Address", ip), ("WARC-Target-URI", url),
                ("WARC-Payload-Digest", payload_digests[fetch % len(pages)]),
                ("WARC-Block-Digest", sha1_base32(http, body)), ("WARC-Identified-Payload-Type", "text/html"),
            ], [http, body])
            counts["response"] += 1
            fetch += 1
            if fetch % 5000 == 0:
                print("  {:,} fetches, {:,} bytes".format(fetch, writer.bytes), file=sys.stderr)
        size = writer.bytes
    os.replace(partial, args.out)
    summary = {
        "file": os.path.abspath(args.out), "bytes": size, "records": sum(counts.values()),
        "responses": counts["response"], "requests": counts["request"], "warcinfo": counts["warcinfo"],
        "distinct_pages": len(pages), "level": args.level, "seed": args.seed, "target_bytes": args.target_bytes,
        "min_responses": args.responses,
    }
    with open(args.out + ".json", "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2, sort_keys=True)
        handle.write("\n")
    print("wrote {file}: {records:,} records ({responses:,} responses), {bytes:,} bytes".format(**summary)
          + " in {:.0f} s".format(time.monotonic() - started))


if __name__ == "__main__":
    main()
