#!/usr/bin/env python3
"""Scores guesses against the labelled evaluation set and prints Markdown tables.

Usage: python3 scripts/langid/score.py DATA.tsv NAME=GUESSES.tsv [NAME=GUESSES.tsv ...]

DATA.tsv has "source<TAB>label<TAB>text" rows; each GUESSES.tsv has one "guess<TAB>confidence" row
per data row, in the same order. Prints accuracy per language and per source for every system, then
the confusion matrix of each system.
"""

import collections
import sys

LABELS = ["id", "en", "ms", "other"]


def main():
    data = [line.rstrip("\n").split("\t", 2) for line in open(sys.argv[1], encoding="utf-8")]
    systems = []
    for argument in sys.argv[2:]:
        name, path = argument.split("=", 1)
        guesses = [line.split("\t")[0] for line in open(path, encoding="utf-8")]
        if len(guesses) != len(data):
            sys.exit(f"{path}: {len(guesses)} guesses for {len(data)} rows")
        systems.append((name, guesses))

    def accuracy(guesses, keep):
        rows = [i for i, row in enumerate(data) if keep(row)]
        right = sum(guesses[i] == data[i][1] for i in rows)
        return right, len(rows)

    names = [name for name, _ in systems]
    print("| language | n | " + " | ".join(names) + " |")
    print("| --- | ---: | " + " | ".join("---:" for _ in names) + " |")
    for label in LABELS:
        cells = []
        n = 0
        for _, guesses in systems:
            right, n = accuracy(guesses, lambda row: row[1] == label)
            cells.append(f"{right / n:.1%}" if n else "–")
        print(f"| {label} | {n} | " + " | ".join(cells) + " |")
    cells = []
    for _, guesses in systems:
        right, n = accuracy(guesses, lambda row: True)
        cells.append(f"{right / n:.1%}")
    print(f"| all | {len(data)} | " + " | ".join(cells) + " |")
    macro = []
    for _, guesses in systems:
        parts = [accuracy(guesses, lambda row, label=label: row[1] == label) for label in LABELS]
        macro.append(sum(r / n for r, n in parts if n) / sum(1 for _, n in parts if n))
    print("| macro average | | " + " | ".join(f"{m:.1%}" for m in macro) + " |")
    print()

    sources = sorted({(row[0].split(":")[0], row[1]) for row in data})
    print("| source | label | n | " + " | ".join(names) + " |")
    print("| --- | --- | ---: | " + " | ".join("---:" for _ in names) + " |")
    for source, label in sources:
        cells = []
        n = 0
        for _, guesses in systems:
            right, n = accuracy(guesses, lambda row: row[0].split(":")[0] == source and row[1] == label)
            cells.append(f"{right / n:.1%}")
        print(f"| {source} | {label} | {n} | " + " | ".join(cells) + " |")
    print()

    for name, guesses in systems:
        confusion = collections.Counter((row[1], guess) for row, guess in zip(data, guesses))
        print(f"Confusion matrix, {name} (rows: gold, columns: guess)")
        print()
        print("| gold \\ guess | " + " | ".join(LABELS) + " |")
        print("| --- | " + " | ".join("---:" for _ in LABELS) + " |")
        for gold in LABELS:
            print(f"| {gold} | " + " | ".join(str(confusion[(gold, g)]) for g in LABELS) + " |")
        print()


if __name__ == "__main__":
    main()
