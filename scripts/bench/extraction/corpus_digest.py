#!/usr/bin/env python3
"""Prints the SHA-256 digest of the extraction benchmark: every file name and its bytes, in sorted order.

Usage: corpus_digest.py BENCH_DIR
Covers ground-truth.json, evaluate.py and html/*.html; any change to the pages, the gold text or the scorer
changes the digest.
"""
import hashlib
import os
import sys

bench = sys.argv[1]
names = ["ground-truth.json", "evaluate.py"] + sorted(
    os.path.join("html", n) for n in os.listdir(os.path.join(bench, "html")) if n.endswith(".html"))
digest = hashlib.sha256()
for name in names:
    with open(os.path.join(bench, name), "rb") as handle:
        data = handle.read()
    digest.update(name.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
print(digest.hexdigest(), len(names))
