"""Scores the systems' duplicate groups against the exact pairs and prints the side-by-side table.

A system's output is one line per document, id <TAB> origin_id; documents with one origin form a group. A
ground-truth pair (exact shingle-set Jaccard >= threshold, from exact_pairs.py) counts as found when both
documents are in one group (recall). Every pair of documents inside one group is a pair the system claims;
precision is the share of those claimed pairs whose exact Jaccard is >= threshold. Speeds are read from the
systems' log lines (`docs_per_s=...`, one per timed pass) and summarised as median and range.

Usage: score.py --name NAME --exact EXACT.tsv --system LABEL ORIGINS.tsv LOG [--system ...]
"""

import argparse
import statistics
from collections import defaultdict

BANDS = [(0.8, 0.85), (0.85, 0.9), (0.9, 0.95), (0.95, 1.0), (1.0, 1.01)]


def read_exact(path):
    pairs = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            a, b, similarity = line.rstrip("\n").split("\t")
            pairs[frozenset((a, b))] = float(similarity)
    return pairs


def read_groups(path):
    groups = defaultdict(list)
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            identifier, origin = line.rstrip("\n").split("\t")[:2]
            groups[origin].append(identifier)
    return groups


def read_speeds(path):
    speeds = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            for field in line.split():
                if field.startswith("docs_per_s="):
                    speeds.append(float(field.split("=", 1)[1]))
    return speeds


def score(exact, groups):
    group_of = {}
    claimed = 0
    claimed_true = 0
    for origin, members in groups.items():
        for member in members:
            group_of[member] = origin
        n = len(members)
        claimed += n * (n - 1) // 2
    for pair in exact:
        a, b = tuple(pair)
        if group_of.get(a) is not None and group_of.get(a) == group_of.get(b):
            claimed_true += 1
    found_by_band = defaultdict(lambda: [0, 0])
    for pair, similarity in exact.items():
        a, b = tuple(pair)
        band = next(lo for lo, hi in BANDS if lo <= similarity < hi)
        found_by_band[band][1] += 1
        if group_of.get(a) == group_of.get(b):
            found_by_band[band][0] += 1
    recall = claimed_true / len(exact) if exact else float("nan")
    precision = claimed_true / claimed if claimed else float("nan")
    return recall, precision, claimed, claimed_true, found_by_band


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--name", required=True)
    parser.add_argument("--exact", required=True)
    parser.add_argument("--system", nargs=3, action="append", metavar=("LABEL", "ORIGINS", "LOG"), required=True)
    args = parser.parse_args()
    exact = read_exact(args.exact)
    print(f"== {args.name}: {len(exact)} exact pairs with Jaccard >= 0.8 "
          f"({sum(1 for s in exact.values() if s >= 1.0)} of them identical shingle sets)")
    medians = {}
    for label, origins, log in args.system:
        speeds = read_speeds(log)
        recall, precision, claimed, hit, bands = score(exact, read_groups(origins))
        medians[label] = statistics.median(speeds)
        band_text = "  ".join(
            f"[{lo:.2f},{min(hi, 1.0):.2f}{']' if hi > 1 else ')'} {bands[lo][0]}/{bands[lo][1]}"
            for lo, hi in BANDS if bands[lo][1]
        )
        print(f"{label:>10}: docs/s median {medians[label]:,.0f} (range {min(speeds):,.0f}-{max(speeds):,.0f}, "
              f"{len(speeds)} passes)  recall {recall:.4f} ({hit}/{len(exact)})  "
              f"precision {precision:.4f} ({hit}/{claimed} claimed pairs)")
        print(f"{'':>10}  found by exact Jaccard band: {band_text}")
    labels = [label for label, _, _ in args.system]
    if len(labels) == 2:
        first, second = labels
        speeds_a = read_speeds(args.system[0][2])
        speeds_b = read_speeds(args.system[1][2])
        print(f"{'ratio':>10}: {first}/{second} = {medians[first] / medians[second]:.1f}x of medians "
              f"(worst {min(speeds_a) / max(speeds_b):.1f}x, best {max(speeds_a) / min(speeds_b):.1f}x)")


if __name__ == "__main__":
    main()
