#!/usr/bin/env python3
"""Draws the small labelled sample that the Swift tests check an accuracy floor on.

Takes rows of /tmp/langid-work/eval/eval.tsv (held out from training) whose sources may be
redistributed: NERGrit (Apache-2.0), TALPCo (CC BY 4.0), ECB+ (CC BY 3.0) and the CLD2 unit-test
snippets (Apache-2.0). Writes /tmp/langid-work/fixture/heldout-sample.tsv; copy it by hand to
Tests/Fixtures/langid/heldout-sample.tsv (scripts write only under /tmp or the model folder).

Usage: python3 scripts/langid/make_fixture.py
"""

import random
from pathlib import Path

WORK = Path("/tmp/langid-work")
PLAN = [  # (source prefix, label, how many)
    ("nergrit", "id", 100),
    ("talpco-ind", "id", 50),
    ("ecbplus-even-topics", "en", 100),
    ("talpco-zsm", "ms", 117),
    ("cld2:ms", "ms", 3),
    ("cld2:", "other", 80),
]


def main():
    rows = [line.rstrip("\n").split("\t", 2) for line in open(WORK / "eval/eval.tsv", encoding="utf-8")]
    rng = random.Random(20261125)
    sample = []
    for prefix, label, count in PLAN:
        pool = [row for row in rows if row[0].startswith(prefix) and row[1] == label]
        sample.extend(rng.sample(pool, min(count, len(pool))))
    (WORK / "fixture").mkdir(parents=True, exist_ok=True)
    with open(WORK / "fixture/heldout-sample.tsv", "w", encoding="utf-8") as out:
        for source, label, text in sample:
            out.write(f"{source}\t{label}\t{text}\n")
    print(f"{len(sample)} rows written to {WORK / 'fixture/heldout-sample.tsv'}")


if __name__ == "__main__":
    main()
