#!/usr/bin/env python3
"""Builds WartaEntities' gazetteers from ../shared/data (deterministic: sorted, de-duplicated output).

Usage: scripts/ner/build-gazetteers.py [SHARED_DATA_DIR]   (default ../shared/data)

Writes Sources/WartaEntities/Resources/gazetteer/{place,person,organisation}.txt, one lower-cased
entry per line. Sources and licences: see Sources/WartaEntities/Resources/README.md.
"""
import csv, os, sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "data")
out = os.path.join(root, "Sources", "WartaEntities", "Resources", "gazetteer")
csv.field_size_limit(1 << 24)

stop = set()
for path in ("id/stopwords.txt", "en/stopwords.txt"):
    with open(os.path.join(data, path), encoding="utf-8") as f:
        stop.update(w.strip().lower() for w in f if w.strip() and not w.startswith("#"))

def clean(name):
    name = " ".join(name.replace("(", " ").replace(")", " ").split())
    return name.lower()

def keep(name, minimum=4):
    letters = sum(c.isalpha() for c in name)
    return letters >= minimum and name not in stop and not name.isdigit()

places, persons, orgs = set(), set(), set()
# 1. CLDR territory names in English, Indonesian and Malay, with and without the parenthesised part.
with open(os.path.join(data, "common/cldr47-territories-en-id-ms.tsv"), encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        for column in ("en", "id", "ms"):
            name = row[column]
            for variant in (name, name.split("(")[0]):
                if keep(clean(variant), 2):
                    places.add(clean(variant))
# 2. GeoNames countries and capitals.
with open(os.path.join(data, "common/geonames-countries.tsv"), encoding="utf-8") as f:
    reader = csv.reader(f, delimiter="\t")
    header = next(reader)
    for row in reader:
        record = dict(zip(header, row))
        for key in header:
            if key.lower() in ("name", "country", "capital"):
                if keep(clean(record[key]), 3):
                    places.add(clean(record[key]))
# 3. GeoNames cities >= 15,000 people: main names (>= 4 letters); ASCII alternate names of Indonesian
#    cities and of cities over one million.
with open(os.path.join(data, "common/geonames-cities15000-latin.tsv"), encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        if keep(clean(row["name"])):
            places.add(clean(row["name"]))
        if row["country"] == "ID" or int(row["population"] or 0) >= 1_000_000:
            for alt in (row["latin_alternate_names"] or "").split("|"):
                if alt.isascii() and keep(clean(alt)):
                    places.add(clean(alt))
# 4. Entity strings of the NERP training split (IndoNLU, Apache-2.0): PLC, PPL, IND.
def spans(path):
    tokens, tags = [], []
    with open(path, encoding="utf-8") as f:
        for line in list(f) + [""]:
            line = line.rstrip("\n")
            if not line:
                current, kind = [], None
                for token, tag in zip(tokens, tags):
                    if tag.startswith("B-") or (tag.startswith("I-") and kind != tag[2:]):
                        if current:
                            yield kind, " ".join(current)
                        current, kind = [token], tag[2:]
                    elif tag.startswith("I-"):
                        current.append(token)
                    else:
                        if current:
                            yield kind, " ".join(current)
                        current, kind = [], None
                if current:
                    yield kind, " ".join(current)
                tokens, tags = [], []
                continue
            token, tag = line.split("\t")
            tokens.append(token)
            tags.append(tag)

for kind, text in spans(os.path.join(data, "id/ner/nerp/train.tsv")):
    name = clean(text)
    if not keep(name, 3):
        continue
    {"PLC": places, "PPL": persons, "IND": orgs}.get(kind, set()).add(name)
# 5. Variants news uses that CLDR lacks (shared/data/common/README.md, "Notes").
places.update(["china", "inggris", "as", "amerika", "korsel", "korut", "palestina", "ceko", "vatikan",
               "myanmar", "timor leste", "timor - leste", "uea", "arab saudi", "saudi", "rusia", "belanda",
               "jerman", "prancis", "perancis", "tiongkok"])

os.makedirs(out, exist_ok=True)
for name, entries in (("place", places), ("person", persons), ("organisation", orgs)):
    with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8", newline="\n") as f:
        for entry in sorted(entries):
            if "\t" not in entry and "\n" not in entry:
                f.write(entry + "\n")
    print(name, len(entries))
