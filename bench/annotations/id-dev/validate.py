#!/usr/bin/env python3
"""Validate gold.jsonl against texts.jsonl (and texts.jsonl against the shared corpus).

    python3 bench/annotations/id-dev/validate.py [--corpus-root DIR] [--no-corpus]

Checks: same ids in the same order; every quote/date `text` and every entity spelling is an exact
substring of the article text; `occurrence` exists; kinds, granularities, modifiers and ISO values are
well formed; the relay chain ends with the record's outlet; the canonical name is one of the spellings;
no duplicate entity names or duplicate spans; texts.jsonl texts equal the corpus texts.
Prints each problem and a total; exit status 1 when there is any problem. Standard library only.
"""
import argparse
import datetime
import gzip
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "corpus", "id-news"))

GRAN = {"day", "week", "month", "year", "range"}
MODS = {None, "early", "mid", "late"}
KINDS = {"PERSON", "ORGANISATION", "PLACE"}
SINGLE = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "week": re.compile(r"^\d{4}-W\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}


def count(text, sub):
    n, i = 0, text.find(sub)
    while i >= 0:
        n += 1
        i = text.find(sub, i + len(sub))
    return n


def single_ok(v):
    for g, rx in SINGLE.items():
        if rx.match(v):
            if g == "day":
                try:
                    datetime.date.fromisoformat(v)
                except ValueError:
                    return None
            if g == "month" and not 1 <= int(v[5:7]) <= 12:
                return None
            if g == "week" and not 1 <= int(v[6:8]) <= 53:
                return None
            return g
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus-root", default=DEFAULT_ROOT)
    ap.add_argument("--no-corpus", action="store_true", help="skip the comparison with the corpus")
    args = ap.parse_args()

    texts = [json.loads(l) for l in open(os.path.join(HERE, "texts.jsonl"), encoding="utf-8")]
    gold = [json.loads(l) for l in open(os.path.join(HERE, "gold.jsonl"), encoding="utf-8")]
    problems = []

    def bad(rid, msg):
        problems.append(f"{rid}: {msg}")

    if [t["id"] for t in texts] != [g["id"] for g in gold]:
        bad("-", "gold.jsonl ids differ from texts.jsonl ids (or order)")
    if len(set(t["id"] for t in texts)) != len(texts):
        bad("-", "duplicate ids in texts.jsonl")
    for t in texts:
        for k in ("id", "source", "outlet", "url", "published", "title", "text", "split"):
            if k not in t:
                bad(t.get("id"), f"texts.jsonl record lacks {k}")
        if t.get("split") not in ("dev", "check"):
            bad(t["id"], f"bad split {t.get('split')!r}")

    if not args.no_corpus:
        want = {t["id"]: t for t in texts}
        seen = set()
        for src in ("clickid-2019", "rss-2025-06"):
            path = os.path.join(args.corpus_root, src, "articles.jsonl.gz")
            with gzip.open(path, "rt", encoding="utf-8") as f:
                for line in f:
                    r = json.loads(line)
                    t = want.get(r["id"])
                    if t is None:
                        continue
                    seen.add(r["id"])
                    if t["source"] != src:
                        bad(r["id"], "source differs from corpus")
                    for a, b in (("text", "text"), ("published", "date"), ("outlet", "outlet"),
                                 ("url", "url"), ("title", "title")):
                        if t[a] != r[b]:
                            bad(r["id"], f"{a} differs from corpus {b}")
        for i in set(want) - seen:
            bad(i, "not found in the corpus")

    byid = {t["id"]: t for t in texts}
    for g in gold:
        t = byid.get(g["id"])
        if t is None:
            continue
        text = t["text"]
        for key in ("quotes", "entities", "dates"):
            if not isinstance(g.get(key), list):
                bad(g["id"], f"{key} missing or not a list")
        spans = set()
        for q in g.get("quotes", []):
            s, occ = q.get("text", ""), q.get("occurrence")
            n = count(text, s) if s else 0
            if not s or n == 0:
                bad(g["id"], f"quote not in text: {s[:60]!r}")
            elif not isinstance(occ, int) or not 1 <= occ <= n:
                bad(g["id"], f"quote occurrence {occ} of {n}: {s[:60]!r}")
            if s != s.strip():
                bad(g["id"], f"quote has outer whitespace: {s[:60]!r}")
            if ("q", s, occ) in spans:
                bad(g["id"], f"duplicate quote {s[:60]!r}")
            spans.add(("q", s, occ))
            if q.get("kind") not in ("direct", "indirect"):
                bad(g["id"], f"bad quote kind {q.get('kind')!r}")
            if not q.get("speaker"):
                bad(g["id"], f"quote without speaker: {s[:60]!r}")
            cue = q.get("cue")
            if cue is not None and cue not in text:
                bad(g["id"], f"cue not in text: {cue!r}")
            relay = q.get("relay")
            if not isinstance(relay, list) or not relay or relay[-1] != t["outlet"]:
                bad(g["id"], f"relay must end with the outlet {t['outlet']}: {relay!r}")
            elif len(set(relay)) != len(relay):
                bad(g["id"], f"relay repeats a source: {relay!r}")
        names = set()
        for e in g.get("entities", []):
            if e.get("kind") not in KINDS:
                bad(g["id"], f"bad entity kind {e.get('kind')!r}")
            sp = e.get("spellings") or []
            if not sp:
                bad(g["id"], f"entity without spellings: {e.get('name')!r}")
            for s in sp:
                if not s or s not in text:
                    bad(g["id"], f"spelling not in text: {s!r} ({e.get('name')})")
            if len(set(sp)) != len(sp):
                bad(g["id"], f"repeated spelling in {e.get('name')!r}")
            if e.get("name") not in sp:
                bad(g["id"], f"canonical name is not one of the spellings: {e.get('name')!r}")
            if (e.get("name"), e.get("kind")) in names:
                bad(g["id"], f"duplicate entity {e.get('name')!r}")
            names.add((e.get("name"), e.get("kind")))
        ent_names = {e.get("name") for e in g.get("entities", [])}
        for q in g.get("quotes", []):
            sp = q.get("speaker")
            if sp not in ent_names:
                for e in g.get("entities", []):
                    if sp in (e.get("spellings") or []):
                        bad(g["id"], f"speaker {sp!r} should be the canonical name {e.get('name')!r}")
        for d in g.get("dates", []):
            s, occ = d.get("text", ""), d.get("occurrence")
            n = count(text, s) if s else 0
            if not s or n == 0:
                bad(g["id"], f"date not in text: {s!r}")
            elif not isinstance(occ, int) or not 1 <= occ <= n:
                bad(g["id"], f"date occurrence {occ} of {n}: {s!r}")
            if ("d", s, occ) in spans:
                bad(g["id"], f"duplicate date {s!r} #{occ}")
            spans.add(("d", s, occ))
            gran, val = d.get("granularity"), d.get("value", "")
            if gran not in GRAN:
                bad(g["id"], f"bad granularity {gran!r}")
            elif gran == "range":
                parts = val.split("/")
                if len(parts) != 2 or not all(single_ok(p) for p in parts) or parts[0] > parts[1]:
                    bad(g["id"], f"bad range value {val!r}")
            elif single_ok(val) != gran:
                bad(g["id"], f"value {val!r} does not match granularity {gran}")
            if d.get("modifier") not in MODS:
                bad(g["id"], f"bad modifier {d.get('modifier')!r}")

    for p in problems:
        print(p)
    nq = sum(len(g["quotes"]) for g in gold)
    ne = sum(len(g["entities"]) for g in gold)
    ns = sum(len(e["spellings"]) for g in gold for e in g["entities"])
    nd = sum(len(g["dates"]) for g in gold)
    print(f"{len(texts)} texts, {nq} quotes, {ne} entities ({ns} spellings), {nd} dates: "
          f"{len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
