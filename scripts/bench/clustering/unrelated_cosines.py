#!/usr/bin/env python3
"""How close do unrelated articles come? For each article of a labelled stream (in file order), the best cosine
with one of the `--window` articles before it that belong to ANOTHER gold event, and the best with an earlier
article of the SAME event; TF-IDF vectors as in tfidf_baseline.py (same tokens and stop words, IDF over the file).

Usage: python3 scripts/bench/clustering/unrelated_cosines.py GOLD.jsonl[.gz] [--window 400]
Measured (issue 11, docs/clustering.md): id-dev: another event median 0.118, p90 0.283, 64 % above 0.10;
same event median 0.426.
"""
import argparse
import collections
import gzip
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tfidf_baseline as baseline  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold")
    ap.add_argument("--window", type=int, default=400)
    args = ap.parse_args()
    stop = baseline.load_stopwords(baseline.default_stopwords_path())
    opener = gzip.open if args.gold.endswith(".gz") else open
    with opener(args.gold, "rt", encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle if line.strip()]
    gold = [d.get("cluster") or d.get("story") for d in docs]
    counts = []
    df = collections.Counter()
    for d in docs:
        tf = collections.Counter(baseline.tokenize((d.get("title") or "") + " " + (d.get("text") or ""), stop))
        df.update(tf.keys())
        counts.append(tf)
    n = len(docs)
    vectors = []
    for tf in counts:
        v = {w: (1 + math.log(c)) * (math.log((n + 1) / (df[w] + 1)) + 1) for w, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1
        vectors.append({w: x / norm for w, x in v.items()})
    other, same = [], []
    for i in range(n):
        best_other, best_same, has_same = 0.0, 0.0, False
        for j in range(max(0, i - args.window), i):
            a, b = vectors[i], vectors[j]
            if len(a) > len(b):
                a, b = b, a
            c = sum(x * b.get(w, 0.0) for w, x in a.items())
            if gold[j] == gold[i]:
                best_same, has_same = max(best_same, c), True
            else:
                best_other = max(best_other, c)
        other.append(best_other)
        if has_same:
            same.append(best_same)

    def q(xs, p):
        xs = sorted(xs)
        return xs[int(p * (len(xs) - 1))] if xs else 0.0

    print(f"best cosine with an earlier article of another event ({args.window} before): "
          f"median {q(other, .5):.3f}, p90 {q(other, .9):.3f}; above 0.10: {sum(x > .1 for x in other) / n:.1%}, "
          f"above 0.20: {sum(x > .2 for x in other) / n:.1%}")
    print(f"best cosine with an earlier article of the same event: median {q(same, .5):.3f}, p10 {q(same, .1):.3f} "
          f"(n={len(same)})")


if __name__ == "__main__":
    main()
