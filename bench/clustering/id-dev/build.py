#!/usr/bin/env python3
"""Build the id-dev clustering benchmark file (Python 3 standard library only).

Joins the hand-made event labels in gold.jsonl (this directory) with the
article texts of the shared CLICK-ID raw corpus and writes one JSON object per
line, in date order:

    {"id", "date", "lang": "id", "outlet", "url", "title", "text", "cluster"}

Usage (from the repository root):
    python3 bench/clustering/id-dev/build.py --output /tmp/id-dev.jsonl
    python3 bench/clustering/id-dev/build.py --corpus PATH/articles.jsonl.gz --output OUT

--corpus defaults to ../shared/corpus/id-news/clickid-2019/articles.jsonl.gz
relative to the repository root. The script fails (exit status 1) when a gold
id is missing from the corpus, when an id occurs twice in gold, or when a gold
line lacks "id"/"cluster".
"""

import argparse
import gzip
import io
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
DEFAULT_CORPUS = os.path.normpath(
    os.path.join(REPO_ROOT, "..", "shared", "corpus", "id-news", "clickid-2019", "articles.jsonl.gz"))
DEFAULT_GOLD = os.path.join(HERE, "gold.jsonl")


def die(msg):
    sys.stderr.write("build.py: error: %s\n" % msg)
    sys.exit(1)


def open_text(path):
    if path.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return open(path, "r", encoding="utf-8")


def load_gold(path):
    gold = {}
    with open(path, "r", encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                die("%s:%d: bad JSON: %s" % (path, lineno, exc))
            if "id" not in rec or "cluster" not in rec:
                die("%s:%d: record without 'id' or 'cluster'" % (path, lineno))
            if rec["id"] in gold:
                die("%s:%d: duplicate id %s" % (path, lineno, rec["id"]))
            gold[rec["id"]] = rec["cluster"]
    if not gold:
        die("%s: no gold records" % path)
    return gold


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="articles.jsonl(.gz) of the CLICK-ID raw corpus")
    ap.add_argument("--gold", default=DEFAULT_GOLD, help="gold labels (default: gold.jsonl beside this script)")
    ap.add_argument("--output", required=True, help="output JSON-lines path")
    args = ap.parse_args()

    if not os.path.exists(args.corpus):
        die("corpus not found: %s" % args.corpus)
    gold = load_gold(args.gold)

    found = {}
    with open_text(args.corpus) as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            rec = json.loads(line)
            doc_id = rec.get("id")
            if doc_id in gold:
                if doc_id in found:
                    die("id %s occurs twice in the corpus" % doc_id)
                found[doc_id] = rec

    missing = sorted(set(gold) - set(found))
    if missing:
        die("%d gold id(s) missing from the corpus %s, e.g. %s"
            % (len(missing), args.corpus, ", ".join(missing[:10])))

    out = []
    for doc_id, rec in found.items():
        out.append({
            "id": doc_id,
            "date": rec["date"],
            "lang": "id",
            "outlet": rec["outlet"],
            "url": rec["url"],
            "title": rec["title"],
            "text": rec["text"],
            "cluster": gold[doc_id],
        })
    out.sort(key=lambda r: (r["date"], r["id"]))

    out_dir = os.path.dirname(os.path.abspath(args.output))
    if not os.path.isdir(out_dir):
        die("output directory does not exist: %s" % out_dir)
    with open(args.output, "w", encoding="utf-8") as fh:
        for r in out:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    sys.stderr.write("build.py: wrote %d documents in %d clusters to %s\n"
                     % (len(out), len(set(gold.values())), args.output))


if __name__ == "__main__":
    main()
