#!/usr/bin/env python3
"""Sample the 80 texts of the Indonesian quote/entity/date development gold set.

Reads the two shared corpora and writes texts.jsonl next to this script:
50 CLICK-ID (clickid-2019) and 30 rss-2025-06 articles, chosen with a fixed seed.

    python3 bench/annotations/id-dev/sample.py            # from the repo root
    python3 sample.py --corpus-root /path/to/shared/corpus/id-news

Selection rules (see README.md):
  * body length 1,200-5,000 characters;
  * spread across outlets (no outlet more than 10) and sections (outlet + sub-domain + first URL
    path segment); greedy: always take the candidate whose outlet, then section, is least used;
  * at least 60 % of each source's picks contain a quotation mark (" or curly quotes);
  * corpus defects (read the corpus READMEs):
      - CLICK-ID bodies lost the words inside links. Only bodies with no visible sign of that loss
        are eligible (damage score 0, see damage_score below).
      - rss-2025-06 glued words at link boundaries: at most 2 visible glue points.
      - rss-2025-06 has evergreen pages with old dates and one null date: dates must be >= 2025-06-10.
  * split: within each source, sorted by id, alternate dev / check (dev first).

Standard library only. The text field is copied unchanged from the corpus.
"""
import argparse
import gzip
import json
import os
import random
import re
import sys
from urllib.parse import urlparse

SEED = 20261207
N_CLICK = 50
N_RSS = 30
MAX_PER_OUTLET = 10
MIN_LEN, MAX_LEN = 1200, 5000
QUOTE_SHARE = 0.6

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "corpus", "id-news"))

QUOTE_RE = re.compile("[\"\u201c\u201d]")

# CLICK-ID: the scraper joined <p> pieces with commas, so ".,Next paragraph" / ",,,," are paragraph
# joins (harmless); a comma or full stop that follows a space, an empty "( )", "kata ," etc. are the
# traces of hyperlink words that vanished.
_PARA = re.compile(r'([.!?"\u201d])[ \u00a0]*(?:,[ \u00a0]*)+')
_DAMAGE = re.compile(
    r"[ \u00a0][,.;:)]|,[ \u00a0]*[,.)]|[A-Za-z],[a-z]|\([ \u00a0]*\)"
    r"|\b(?:di|ke|dari|dan|kata|ujar|dilansir|oleh|bahwa|dengan|yakni|yaitu|akun|lagu|film|klub|tim"
    r"|kota|Kota|Kabupaten)[,.]")


def damage_score(text):
    body = text.lstrip(" ,-\n\u201a\u00c4\u00ec\u2013")
    body = _PARA.sub(lambda m: m.group(1) + "\n", body)
    return len(_DAMAGE.findall(body))


# rss-2025-06: lower->Upper joins and "word.Next" joins are glue points (known camel-case names removed).
_GLUE = re.compile(r"[a-z]{2}[A-Z][a-z]|[a-z]{2}[.,][A-Z][a-z]")
_CAMEL = re.compile(
    r"\b(?:iPhone|YouTube|TikTok|WhatsApp|PlayStation|McDonald|LinkedIn|OpenAI|ChatGPT|DeepSeek|KompasTV"
    r"|MotoGP|TransJakarta|SpaceX|GoPay|ShopeePay|SeaBank|McLaren|AirAsia|PlayStore|AppStore|SmackDown"
    r"|JavaScript|GitHub|eFootball|BigBang|detik[A-Z][a-z]+|Liputan6\.com|Kompas\.com|Okezone\.com)\b")


def glue_score(text):
    return len(_GLUE.findall(_CAMEL.sub(" ", text)))


def section_of(url):
    u = urlparse(url)
    host = u.netloc.lower()
    parts = host.split(".")
    sub = parts[0] if len(parts) > 2 and parts[0] not in ("www", "m") else ""
    segs = [s for s in u.path.split("/") if s and not s.isdigit() and s not in ("read", "news", "berita")]
    first = segs[0] if segs and len(segs) > 1 else ""
    return (sub + "/" + first).strip("/") or "-"


def load(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def eligible(row, source):
    text = row.get("text") or ""
    if not (MIN_LEN <= len(text) <= MAX_LEN):
        return False
    if not row.get("date"):
        return False
    if source == "clickid-2019":
        return damage_score(text) == 0
    return row["date"] >= "2025-06-10" and glue_score(text) <= 2


def pick(cands, n, rng):
    rng.shuffle(cands)
    order = {c["id"]: i for i, c in enumerate(cands)}
    quote_target = int(round(n * QUOTE_SHARE))
    chosen, outlet_n, section_n = [], {}, {}
    left = list(cands)
    while len(chosen) < n:
        nq = sum(1 for c in chosen if c["_q"])
        need_q = nq < quote_target
        # remaining slots must be able to reach the quote target
        must_q = quote_target - nq >= n - len(chosen)
        best, best_key = None, None
        for c in left:
            o = c["outlet"]
            if outlet_n.get(o, 0) >= MAX_PER_OUTLET:
                continue
            if must_q and not c["_q"]:
                continue
            key = (outlet_n.get(o, 0), section_n.get((o, c["_sec"]), 0),
                   0 if (c["_q"] or not need_q) else 1, order[c["id"]])
            if best_key is None or key < best_key:
                best, best_key = c, key
        if best is None:
            sys.exit("not enough candidates")
        chosen.append(best)
        left.remove(best)
        outlet_n[best["outlet"]] = outlet_n.get(best["outlet"], 0) + 1
        section_n[(best["outlet"], best["_sec"])] = section_n.get((best["outlet"], best["_sec"]), 0) + 1
    return chosen


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus-root", default=DEFAULT_ROOT)
    ap.add_argument("--output", default=os.path.join(HERE, "texts.jsonl"))
    args = ap.parse_args()

    rng = random.Random(SEED)
    out = []
    for source, n in (("clickid-2019", N_CLICK), ("rss-2025-06", N_RSS)):
        cands = []
        for row in load(os.path.join(args.corpus_root, source, "articles.jsonl.gz")):
            if eligible(row, source):
                row["_q"] = bool(QUOTE_RE.search(row["text"]))
                row["_sec"] = section_of(row["url"])
                cands.append(row)
        cands.sort(key=lambda r: r["id"])  # deterministic before shuffling
        chosen = sorted(pick(cands, n, rng), key=lambda r: r["id"])
        for i, r in enumerate(chosen):
            out.append({
                "id": r["id"], "source": source, "outlet": r["outlet"], "url": r["url"],
                "published": r["date"], "title": r["title"], "text": r["text"],
                "split": "dev" if i % 2 == 0 else "check",
            })
        print(f"{source}: {len(cands)} eligible, {len(chosen)} chosen, "
              f"{sum(1 for r in chosen if r['_q'])} with a quotation mark", file=sys.stderr)
    with open(args.output, "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(out)} texts to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
