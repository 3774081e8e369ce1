#!/usr/bin/env python3
"""Compile the hand annotations in ann/<id>.txt into gold.jsonl (same order as texts.jsonl).

Line format (fields separated by " | "):
  Q d|i <quote span> | <speaker> | <cue or null> | <relay 1> > <relay 2> ... [| <occurrence>]
      (an occurrence written "@CONTEXT" means: the occurrence that lies inside the first match of CONTEXT)
      (the publishing outlet, the record's `outlet`, is appended to the relay automatically)
  E P|O|L <canonical name> | <spelling> ; <spelling> ...
  D <date span> | <value> | <day|week|month|year|range> | <early|mid|late|-> [| <occurrence>]
Lines starting with # are comments. Writes warnings for spans that repeat without an explicit
occurrence (to be checked by hand). Standard library only.
"""
import json, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
KIND = {"P": "PERSON", "O": "ORGANISATION", "L": "PLACE"}

def resolve(text, span):
    """Return span as it is written in text: the annotation files write plain spaces where the
    corpus may have a no-break space (U+00A0) or a doubled space."""
    if span in text:
        return span
    pat = "[ \u00a0]+".join(re.escape(w) for w in span.split())
    m = re.search(pat, text)
    return m.group(0) if m else span


def occurrence_in(text, span, ctx):
    """1-based occurrence of span (non-overlapping matches) that lies inside the first match of ctx."""
    ctx = resolve(text, ctx)
    c = text.find(ctx)
    if c < 0:
        raise ValueError(f"context not found: {ctx!r}")
    n, i = 0, text.find(span)
    while i >= 0:
        n += 1
        if c <= i and i + len(span) <= c + len(ctx):
            return n
        i = text.find(span, i + len(span))
    raise ValueError(f"{span!r} not inside {ctx!r}")


def occ_field(text, span, field):
    return occurrence_in(text, span, field[1:]) if field.startswith("@") else int(field)


def main():
    texts = [json.loads(l) for l in open(os.path.join(HERE, "texts.jsonl"), encoding="utf-8")]
    out, warn = [], 0
    for t in texts:
        path = os.path.join(HERE, "ann", t["id"] + ".txt")
        rec = {"id": t["id"], "quotes": [], "entities": [], "dates": []}
        if not os.path.exists(path):
            print("MISSING annotation file", t["id"]); warn += 1
            out.append(rec); continue
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            tag, rest = line[:3], line[3:]
            parts = [p.strip() for p in re.split(r" ?\|(?: |$)", rest)]
            explicit = None
            if tag[0] == "Q":
                parts[0] = resolve(t["text"], parts[0])
                span, speaker, cue, relay = parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else ""
                if len(parts) > 4: explicit = occ_field(t["text"], span, parts[4])
                chain = [r.strip() for r in relay.split(">") if r.strip()] + [t["outlet"]]
                rec["quotes"].append({"text": span, "occurrence": explicit or 1,
                    "kind": {"d": "direct", "i": "indirect"}[tag[2]], "speaker": speaker,
                    "cue": None if cue == "null" else cue, "relay": chain})
            elif tag[0] == "E":
                rec["entities"].append({"name": resolve(t["text"], parts[0]), "kind": KIND[tag[2]],
                    "spellings": [resolve(t["text"], s.strip()) for s in parts[1].split(" ; ") if s.strip()]})
                continue
            elif tag[0] == "D":
                parts = [p.strip() for p in re.split(r" ?\|(?: |$)", line[2:])]
                span = parts[0] = resolve(t["text"], parts[0])
                if len(parts) > 4: explicit = occ_field(t["text"], span, parts[4])
                rec["dates"].append({"text": span, "occurrence": explicit or 1, "value": parts[1],
                    "granularity": parts[2], "modifier": None if parts[3] == "-" else parts[3]})
            else:
                print(f"{t['id']}:{n}: bad line"); warn += 1; continue
            c = t["text"].count(span)
            if c == 0:
                print(f"{t['id']}:{n}: NOT FOUND: {span[:80]!r}"); warn += 1
            elif c > 1 and explicit is None:
                print(f"{t['id']}:{n}: repeats {c}x, occurrence 1 assumed: {span[:60]!r}")
        # a speaker is written with plain spaces; use the entity's canonical name as stored
        canon = {" ".join(e["name"].split()): e["name"] for e in rec["entities"]}
        for q in rec["quotes"]:
            q["speaker"] = canon.get(" ".join(q["speaker"].split()), q["speaker"])
        out.append(rec)
    with open(os.path.join(HERE, "gold.jsonl"), "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(out)} records, {warn} problems")

if __name__ == "__main__":
    main()
