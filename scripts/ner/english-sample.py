#!/usr/bin/env python3
"""Builds a small English NER check set from ECB+ news (../shared/bench/clustering/ecbplus) in NERGrit's format.

Usage: scripts/ner/english-sample.py OUT_DIR && warta eval ner --data OUT_DIR

Takes the first five lines of six words or more from every 100th article (from the 50th), 42 sentences in all,
and labels them with the entity list below. The labels were written by hand by a Warta engineer for this check
(not an independent gold standard): CoNLL-2003 conventions, PERSON / ORGANISATION / PLACE only; nationality
adjectives, products and events are not entities. Sports teams, courts, newspapers and agencies are
ORGANISATION. Only the labels are stored here; the text is read from ECB+ (CC BY 3.0; texts belong to their
publishers) at run time.
"""
import gzip, json, os, re, sys

P, O, L = "PERSON", "ORGANISATION", "PLACE"
LABELS = [
    [("Hewlett - Packard", O), ("EYP Mission Critical Facilities", O)],
    [("New York", L), ("EYP", O)],
    [("US", L), ("UK", L)],
    [],
    [("HP", O)],
    [("South Sudan", L), ("Salva Kiir", P)],
    [("South Sudan", L), ("Sudan", L)],
    [("South Sudan", L), ("Juba", L), ("Kiir", P), ("South Sudan", L)],
    [("Kiir", P), ("Guffa", L)],
    [("United States", L)],
    [],
    [("Lohan", P), ("Mark Heller", P), ("L . A . Superior Court", O), ("James R . Dabney", P), ("Lohan", P),
     ("AP", O)],
    [("Morningside Recovery", O), ("Newport Beach", L), ("Calif", L)],
    [("CNN", O), ("Lohan", P), ("Mark Heller", P), ("Lohan", P), ("Morningside", O)],
    [("Oklahoma", L)],
    [("Christopher Kenyon Simpson", P), ("Spiro", L), ("Ka ' loni Flynn", P), ("Fort Smith", L), ("Arkansas", L)],
    [],
    [("Simpson", P)],
    [("Los Angeles County Sheriff ' s Department", O), ("California", L)],
    [],
    [("Jerry Ortiz", P)],
    [("Ortiz", P), ("Hawaiian Gardens", L)],
    [],
    [("Felt", P), ("Santa Rosa", L), ("California", L), ("Press Democrat", O), ("Felt", P), ("Nick Jones", P)],
    [("Felt", P), ("Washington Post", O), ("Bob Woodward", P), ("Carl Bernstein", P),
     ("Democratic Party National Committee", O)],
    [("Nixon", P), ("White House", O)],
    [("Felt", P), ("Federal Bureau of Investigation", O), ("Woodward", P), ("Bernstein", P), ("Vanity Fair", O)],
    [("Woodward", P), ("Washington Post", O)],
    [("Jamal Williams", P), ("San Diego Chargers", O)],
    [("Chargers", O)],
    [("Williams", P)],
    [],
    [("Williams", P)],
    [],
    [],
    [],
    [("T - Mobile", O)],
    [("Klitschko", P)],
    [("Rahman", P), ("Alexander Povetkin", P), ("Lennox Lewis", P)],
    [("Klitschko", P), ("Rahman", P)],
    [("Rahman", P)],
    [("Klitschko", P), ("Rahman", P)],
]

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
source = os.path.join(root, "..", "shared", "bench", "clustering", "ecbplus", "ecbplus.jsonl.gz")
out = sys.argv[1] if len(sys.argv) > 1 else "english-sample"
token_re = re.compile(r"[^\W_]+|[^\w\s]")
articles = [json.loads(line) for line in gzip.open(source, "rt", encoding="utf-8")]
sentences = []
for index in range(50, 1000, 100):
    lines = [line for line in articles[index]["text"].split("\n") if len(line.split()) >= 6][:5]
    sentences.extend(lines)
assert len(sentences) == len(LABELS), (len(sentences), len(LABELS))
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "test.tsv"), "w", encoding="utf-8", newline="\n") as f:
    for sentence, labels in zip(sentences, LABELS):
        tokens = token_re.findall(sentence)
        tags = ["O"] * len(tokens)
        position = 0
        for text, kind in labels:
            wanted = text.split(" ")
            for start in range(position, len(tokens) - len(wanted) + 1):
                if tokens[start:start + len(wanted)] == wanted:
                    tags[start] = "B-" + kind
                    for inner in range(start + 1, start + len(wanted)):
                        tags[inner] = "I-" + kind
                    position = start + len(wanted)
                    break
            else:
                raise SystemExit(f"label {text!r} not found in: {sentence}")
        for token, tag in zip(tokens, tags):
            f.write(f"{token}\t{tag}\n")
        f.write("\n")
print(f"wrote {out}/test.tsv: {len(sentences)} sentences, {sum(len(l) for l in LABELS)} entities")
