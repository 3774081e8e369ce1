"""Lists the copies two `warta bench dedup --pairs` runs disagree on, to read them: is each a real copy?

For every document whose origin differs between the runs (a copy one run found and the other did not, or put
under another origin), prints the body Jaccard and containment and the title + body Jaccard of the document and
its origin (shingles.py), then origin and copy: outlet, date and title.

Usage: diff_groups.py INPUT.jsonl[.gz] BEFORE.tsv AFTER.tsv
"""

import argparse
import gzip
import json

import shingles


def origins(path):
    """document id -> origin id, for the documents that are copies."""
    with open(path, encoding="utf-8") as handle:
        pairs = (line.rstrip("\n").split("\t")[:2] for line in handle)
        return {document: origin for document, origin in pairs if document != origin}


def similarity(a, b):
    """(Jaccard, containment in the smaller set) of two texts' shingle sets."""
    x, y = shingles.shingle_tuples(a), shingles.shingle_tuples(b)
    if not x or not y:
        return 0.0, 0.0
    shared = len(x & y)
    return shared / len(x | y), shared / min(len(x), len(y))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("before")
    parser.add_argument("after")
    args = parser.parse_args()
    opener = gzip.open if args.input.endswith(".gz") else open
    with opener(args.input, "rt", encoding="utf-8") as handle:
        records = {str(r["id"]): r for r in map(json.loads, filter(str.strip, handle))}
    before, after = origins(args.before), origins(args.after)
    changes = [("+", d, o) for d, o in after.items() if before.get(d) != o]
    changes += [("-", d, o) for d, o in before.items() if after.get(d) != o]
    print(f"{len(before)} copies before, {len(after)} after; "
          f"{sum(c[0] == '+' for c in changes)} found only after, {sum(c[0] == '-' for c in changes)} only before")
    for sign, document, origin in changes:
        copy, first = records[document], records[origin]
        body, contained = similarity(copy.get("text") or "", first.get("text") or "")
        whole, _ = similarity(
            (copy.get("title") or "") + "\n" + (copy.get("text") or ""),
            (first.get("title") or "") + "\n" + (first.get("text") or ""))
        print(f"{sign} body J {body:.3f} (contained {contained:.3f}), title+body J {whole:.3f}")
        for role, record in (("origin", first), ("copy", copy)):
            print(f"    {role:6} {record['id']}  {record.get('outlet')}  {record.get('date')}  {record.get('title')}")


if __name__ == "__main__":
    main()
