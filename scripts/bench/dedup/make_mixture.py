"""A documented mixture: real articles plus deterministic, realistically edited copies of some of them.

Real near-duplicates are rare in the id-news sets (the scrapes were deduplicated by URL), so recall measured
on them alone rests on a few dozen pairs. This script keeps every real article and inserts, after a chosen
original and at a pseudo-random later position, edited copies as a syndicating outlet would publish them.
Each copy gets one to four of these edits (chosen with a fixed seed, so the file is the same every run):

- dateline: a new dateline at the start of the body ("SURABAYA, ANTARA - ") or the old one replaced;
- credit: a credit or editor line appended ("(ant/rhm)", "Editor: ...", "Baca juga: <another headline>");
- drop: one paragraph or sentence removed (not the first);
- typos: two to six words get a swapped, dropped or doubled letter;
- title: the headline rewritten (a prefix like "VIDEO: " or its last words cut);
- lead: a short standfirst sentence added before the body.

A fifth of the copied originals get a second copy, made from the first copy (a chain of syndication). Which
pairs end up at Jaccard >= 0.8 is not decided here: exact_pairs.py measures every pair of the output.

Usage: make_mixture.py INPUT.jsonl[.gz] OUT.jsonl [--copies 2000] [--seed 2025] [--min-words 80]
"""

import argparse
import gzip
import json
import random
import re
import sys

import shingles

DATELINES = [
    "JAKARTA, KOMPAS.com - ", "JAKARTA, ANTARA - ", "SURABAYA, ANTARA - ", "Liputan6.com, Jakarta - ",
    "BANDUNG, TRIBUN - ", "MEDAN, okezone - ", "Jakarta, CNN Indonesia -- ", "MAKASSAR, SINDOnews - ",
]
OLD_DATELINE = re.compile(r"^\s*[-–,\s]*(?:[A-Z][A-Za-z .]{1,40},\s*[^-–\n]{1,30}\s+[-–]+\s+)?")
CREDITS = [
    "(ant/rhm)", "(Antara)", "Editor: Dewi Kartika", "Penulis: Rizky Pratama | Editor: Agus Salim",
    "Sumber: ANTARA", "(kompas.com/dtk)", "Artikel ini telah tayang sebelumnya dengan judul yang sama.",
]
PREFIXES = ["VIDEO: ", "FOTO: ", "Breaking News: ", "UPDATE - "]
LEADS = [
    "Berikut laporan selengkapnya.", "Simak berita berikut ini.",
    "Kabar ini dihimpun dari berbagai sumber pada hari ini.",
]


def pieces(body):
    """The body's paragraphs (newline-separated) or, for comma-joined scrapes, its sentences."""
    if body.count("\n") >= 2:
        return body.split("\n"), "\n"
    return re.split(r"(?<=[.!?\"”]),", body), ","


def typo(word, rng):
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 1:
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def edit(record, rng, headlines):
    """An edited copy of `record` (a new dict) and the names of the edits made."""
    title = record.get("title") or ""
    body = record.get("text") or ""
    chosen = rng.sample(["dateline", "credit", "drop", "typos", "title", "lead"], rng.randint(1, 4))
    if "drop" in chosen:
        parts, joiner = pieces(body)
        if len(parts) >= 3:
            del parts[rng.randrange(1, len(parts))]
            body = joiner.join(parts)
    if "typos" in chosen:
        words = body.split(" ")
        for _ in range(rng.randint(2, 6)):
            j = rng.randrange(len(words))
            words[j] = typo(words[j], rng)
        body = " ".join(words)
    if "lead" in chosen:
        body = rng.choice(LEADS) + " " + body
    if "dateline" in chosen:
        body = rng.choice(DATELINES) + OLD_DATELINE.sub("", body, count=1)
    if "credit" in chosen:
        credit = rng.choice(CREDITS + ["Baca juga: " + rng.choice(headlines)])
        body = body.rstrip() + "\n" + credit
    if "title" in chosen:
        words = title.split()
        title = rng.choice(PREFIXES) + title if rng.random() < 0.5 or len(words) < 6 else " ".join(words[:-2])
    copy = dict(record)
    copy["title"] = title
    copy["text"] = body
    copy["outlet"] = "copy.example"
    copy["edits"] = chosen
    return copy, chosen


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--copies", type=int, default=2000, help="originals that get an edited copy")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--min-words", type=int, default=80, help="only originals with at least this many words")
    args = parser.parse_args()
    opener = gzip.open if args.input.endswith(".gz") else open
    with opener(args.input, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    rng = random.Random(args.seed)
    headlines = [r.get("title") or "" for r in records if r.get("title")]
    eligible = [
        i for i, r in enumerate(records)
        if len(shingles.words((r.get("title") or "") + "\n" + (r.get("text") or ""))) >= args.min_words
    ]
    chosen = sorted(rng.sample(eligible, min(args.copies, len(eligible))))
    keyed = [((i, 0, 0), r) for i, r in enumerate(records)]
    made = 0
    for i in chosen:
        source = records[i]
        position = i
        for n in (1, 2):
            if n == 2 and rng.random() >= 0.2:
                break
            copy, _ = edit(source, rng, headlines)
            copy["id"] = f"{records[i]['id']}-copy{n}"
            copy["copy_of"] = str(records[i]["id"])
            position += rng.randint(1, 2000)
            keyed.append(((position, 1, n), copy))
            source = copy
            made += 1
    keyed.sort(key=lambda item: item[0])
    with open(args.output, "w", encoding="utf-8") as out:
        for _, record in keyed:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"mixture: {len(records)} real + {made} edited copies of {len(chosen)} originals -> {args.output}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
