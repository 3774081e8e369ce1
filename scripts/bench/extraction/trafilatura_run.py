#!/usr/bin/env python3
"""Runs trafilatura (default settings) over the extraction benchmark's pages and times it.

Usage: trafilatura_run.py BENCH_DIR PREDICTIONS.json
Prints one line on stderr: "trafilatura X.Y.Z: N pages in S s, R pages/s (one thread)". Pages are read into memory
before the clock starts, as `warta eval extraction` does.
"""
import glob
import json
import os
import sys
import time

import trafilatura

bench, output = sys.argv[1], sys.argv[2]
pages = [(os.path.basename(p)[: -len(".html")], open(p, "rb").read())
         for p in sorted(glob.glob(os.path.join(bench, "html", "*.html")))]
predictions = {}
start = time.perf_counter()
for page_id, data in pages:
    predictions[page_id] = trafilatura.extract(data) or ""
seconds = time.perf_counter() - start
with open(output, "w", encoding="utf-8") as handle:
    json.dump(predictions, handle)
print(f"trafilatura {trafilatura.__version__}: extracted {len(pages)} pages in {seconds:.3f} s, "
      f"{len(pages) / seconds:.1f} pages/s (one thread)", file=sys.stderr)
