"""Ground truth: every pair of documents whose shingle sets have exact Jaccard >= threshold.

AllPairs with prefix filtering (Bayardo, Ma, Srikant, "Scaling up all pairs similarity search", WWW 2007):
shingles are ordered rare-first by their frequency in the collection; if J(x, y) >= t then the sets share at
least ceil(t * max(|x|, |y|)) shingles, so the first |x| - ceil(t|x|) + 1 shingles of x and the first
|y| - ceil(t|y|) + 1 of y have one in common. Documents are indexed by those prefixes in order of size, each
candidate passing the size filter |y| >= t|x| is verified by exact set intersection, so the output is exact
(every pair at or above the threshold, nothing below it). Empty documents (no tokens) take part in no pair.

Usage: exact_pairs.py INPUT.jsonl[.gz] OUT.tsv [--threshold 0.8] [--field text]
Output lines: id_a <TAB> id_b <TAB> jaccard, id_a earlier in the file than id_b.
"""

import argparse
import math
import sys
import time

import numpy as np

import shingles


def shingle_ids(documents):
    """Each document's shingles as a set of 64-bit ints (Python's hash of a tuple of word ids)."""
    vocabulary = {}
    result = []
    for _, text in documents:
        ids = [vocabulary.setdefault(word, len(vocabulary)) for word in shingles.words(text)]
        if not ids:
            result.append(set())
            continue
        k = shingles.SHORT_K if len(ids) < shingles.SHORT_TEXT_WORDS else shingles.K
        if len(ids) < k:
            result.append({hash(tuple(ids))})
        else:
            result.append({hash(tuple(ids[i:i + k])) for i in range(len(ids) - k + 1)})
    return result


def all_pairs(sets, threshold):
    """(i, j, jaccard) for every i < j with jaccard >= threshold."""
    flat = np.fromiter((h for s in sets for h in s), dtype=np.int64)
    unique, counts = np.unique(flat, return_counts=True)
    order = np.lexsort((unique, counts))  # rare first, ties by value
    rank = np.empty(len(unique), dtype=np.int64)
    rank[order] = np.arange(len(unique))
    ranked = []
    for s in sets:
        values = np.fromiter(s, dtype=np.int64, count=len(s))
        ranked.append(np.sort(rank[np.searchsorted(unique, values)]).tolist())
    rank_sets = [set(r) for r in ranked]
    index = {}
    pairs = []
    candidates_checked = 0
    for x in sorted(range(len(sets)), key=lambda d: (len(ranked[d]), d)):
        size = len(ranked[x])
        if size == 0:
            continue
        needed = math.ceil(threshold * size - 1e-9)
        prefix = ranked[x][:size - needed + 1]
        minimum = threshold * size - 1e-9
        candidates = set()
        for token in prefix:
            bucket = index.get(token)
            if bucket is not None:
                for y in bucket:
                    if len(ranked[y]) >= minimum:
                        candidates.add(y)
                bucket.append(x)
            else:
                index[token] = [x]
        for y in candidates:
            candidates_checked += 1
            shared = len(rank_sets[x] & rank_sets[y])
            union = size + len(ranked[y]) - shared
            similarity = shared / union
            if similarity >= threshold:
                pairs.append((min(x, y), max(x, y), similarity))
    pairs.sort()
    return pairs, candidates_checked


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--threshold", type=float, default=0.8)
    parser.add_argument("--field", default="text")
    parser.add_argument("--unit", choices=shingles.UNITS, default="linker", help="what is compared (shingles.py)")
    args = parser.parse_args()
    started = time.perf_counter()
    documents = shingles.read_documents(args.input, args.field, args.unit)
    sets = shingle_ids(documents)
    pairs, checked = all_pairs(sets, args.threshold)
    with open(args.output, "w", encoding="utf-8") as out:
        for i, j, similarity in pairs:
            out.write(f"{documents[i][0]}\t{documents[j][0]}\t{similarity:.6f}\n")
    print(
        f"exact: {len(documents)} docs, {len(pairs)} pairs with Jaccard >= {args.threshold} "
        f"({checked} candidates verified, {time.perf_counter() - started:.1f} s)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
