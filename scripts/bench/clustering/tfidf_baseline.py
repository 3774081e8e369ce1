#!/usr/bin/env python3
"""Streaming TF-IDF story-clustering baseline for the Warta clustering bench (Python 3 stdlib only).

Usage:
    python3 scripts/bench/clustering/tfidf_baseline.py --input DOCS.jsonl[.gz] --output PRED.jsonl \
        [--threshold 0.2] [--window-hours 72] [--stopwords PATH|none] \
        [--candidate-terms 10] [--max-df 0.05] [--exact]
    python3 ../shared/bench/clustering/evaluate.py PRED.jsonl GOLD.jsonl.gz

Input: JSON lines (optionally gzip) with at least `id`; `title`, `text` and `date` are used when present.
Output: JSON lines `{"id": ..., "cluster": "c<n>"}`, one per input document, in input order, which is
what `evaluate.py` reads as PRED. A summary (counts, largest cluster, time spans, timing) goes to stderr.

Method (single pass, no look-ahead):
  * Order: documents sorted by date (stable); undated documents (and dates that do not parse) come last,
    in file order. `date` may be `YYYY-MM-DD`, full ISO 8601 (`T` or space, optional fraction, `Z` or
    +HH:MM / +HHMM offset) or `YYYY-MM-DD HH:MM:SS`; times without an offset are taken as UTC.
  * Tokens: lowercased words of title + text (runs of Unicode letters/digits), length >= 2, minus a small
    built-in English stop list and the Indonesian stop list read from --stopwords (default
    $WARTA_SHARED/data/id/stopwords.txt, else <repo>/../shared/data/id/stopwords.txt; `none` = no file).
  * IDF learned online from the documents seen so far, the current one included:
    idf = ln((N + 1) / (df + 1)) + 1. Term weight = (1 + ln tf) * idf, vector L2-normalised. A
    document's vector is frozen with the IDF of the moment it arrives.
  * Each cluster keeps a centroid = sum of its members' vectors (norm kept incrementally). The document
    joins the cluster with the highest cosine(doc, centroid) if that cosine >= --threshold and the
    cluster's newest member is at most --window-hours older than the document; otherwise it opens a new
    cluster. Ties go to the older cluster. --window-hours 0 switches the window off. An undated document
    matches a cluster of any age (the window does not apply to it).
  * Candidates come from an inverted index term -> open clusters (clusters whose newest member is inside
    the window; clusters that fall out of it are dropped from the index). By default only the
    document's --candidate-terms highest-weighted terms seen in an earlier document and in at most
    max(--max-df * N, 10) documents are looked up ("fast candidates"); each candidate is then scored with
    the exact cosine over all of the document's terms. --exact looks up every term of the document.
    When the first undated document arrives, every cluster is put back in the index.

Measured on a 2-core container (Python 3.11.7), default fast candidates unless noted; scored with
../shared/bench/clustering/evaluate.py (B3 = the evaluator's last line; pairwise = "standard F1"):

| set | setting | pw P | pw R | pw F1 | B3 P | B3 R | B3 F1 | clusters (gold) |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
| gva-dev | θ 0.2, 72 h (default) | 0.8887 | 0.4516 | **0.5988** | 0.9789 | 0.8093 | 0.8860 | 2,133 (1,703) |
| gva-dev | θ 0.15, 72 h | 0.7390 | 0.4831 | 0.5842 | 0.9514 | 0.8247 | 0.8835 | 2,030 (1,703) |
| gva-dev | θ 0.3, 72 h | 0.9753 | 0.3482 | 0.5132 | 0.9947 | 0.7545 | 0.8581 | 2,338 (1,703) |
| gva-dev | θ 0.2, 72 h, --exact | 0.8838 | 0.4516 | 0.5977 | 0.9781 | 0.8093 | 0.8857 | 2,132 (1,703) |
| ecbplus | θ 0.2, 72 h (627 undated match any age) | 0.6607 | 0.8710 | 0.7514 | 0.7625 | 0.8800 | 0.8171 | 113 (86) |
| ecbplus | θ 0.2, no window | 0.6251 | 0.9578 | 0.7565 | 0.7266 | 0.9611 | 0.8276 | 75 (86) |
| uci-news-sample | θ 0.2, 72 h | 0.8670 | 0.4729 | 0.6120 | 0.8355 | 0.5009 | 0.6263 | 556 (87) |
| uci-news-sample | θ 0.2, 72 h, --exact | 0.8652 | 0.4921 | 0.6274 | 0.8438 | 0.5215 | 0.6446 | 548 (87) |
| id topic-groups, relevant (176) | θ 0.2, 72 h (75 undated) | 0.3081 | 0.6131 | 0.4101 | 0.7823 | 0.6976 | 0.7375 | 49 (26) |
| id topic-groups, relevant (176) | θ 0.2, no window | 0.3778 | 0.9062 | 0.5333 | 0.7412 | 0.9101 | 0.8170 | 29 (26) |

gva-dev reference (gva-dev/README.md, steering repo's baseline): θ 0.2/72 h pw P 0.9167 R 0.4386 F1 0.5933,
B3 0.9822 / 0.8027 / 0.8834, 2,159 clusters; θ 0.15: pw F1 0.5901, B3 0.8816, 2,028; θ 0.3: pw F1 0.4748,
B3 0.8481, 2,382. This script merges a little more (θ 0.3 in particular). --candidate-terms 30 (the
reference's "top-30 terms, df <= 5 %") gave the same scores as 10 on all four gold sets, twice as slow.
Topic groups: gold = `group` (26 search topics); the seven B. J. Habibie groups are one larger story
(see its README), so a merged "largest 44" cluster is expected and pairwise precision is low.

CLICK-ID 2019 (25,614 articles, no gold), θ 0.2, 72 h, defaults: 6,399 clusters (4,329 singletons);
largest 809 (revision of the KPK law, 2 Sept - 2 Oct: centroid drift chains the month-long story);
next 545 (forest fires), 420 (Indonesia vs Thailand football), 384 (Habibie's illness). Cluster time
span (newest - oldest member, days): all clusters median 0.00, p95 4.54, max 29.67; clusters of >= 2
members (2,070): median 1.18, p95 10.79, max 29.67. Run time 88.9 s wall (87.5 s clustering, ~290
docs/s; one core), max RSS 323 MB; with --candidate-terms 30: 163 s, same clusters bar one document.
gva-dev: ~1.2 s; uci: ~0.5 s; ecbplus: ~1 s.

Commands (from /work, where main/ is the repository and shared/ the data; B = shared/bench/clustering,
S = main/scripts/bench/clustering/tfidf_baseline.py):
    cd /work; B=shared/bench/clustering; S=main/scripts/bench/clustering/tfidf_baseline.py; mkdir -p /tmp/tfidf
    python3 $B/evaluate.py --self-test
    for th in 0.2 0.15 0.3; do
      python3 $S --input $B/gva-dev/gva-dev.jsonl.gz --output /tmp/tfidf/gva-$th.jsonl --threshold $th
      python3 $B/evaluate.py /tmp/tfidf/gva-$th.jsonl $B/gva-dev/gva-dev.jsonl.gz
    done
    python3 $S --input $B/ecbplus/ecbplus.jsonl.gz --output /tmp/tfidf/ecb.jsonl   # add --window-hours 0
    python3 $B/evaluate.py /tmp/tfidf/ecb.jsonl $B/ecbplus/ecbplus.jsonl.gz
    python3 $S --input $B/uci-news-sample/uci-news-sample.jsonl.gz --output /tmp/tfidf/uci.jsonl
    python3 $B/evaluate.py /tmp/tfidf/uci.jsonl $B/uci-news-sample/uci-news-sample.jsonl.gz
    # topic groups: keep relevant rows, gold cluster = group
    python3 -c 'import gzip,json,sys; rs=[json.loads(l) for l in gzip.open(sys.argv[1],"rt",encoding="utf-8")]; [print(json.dumps(dict(r,cluster=r["group"]),ensure_ascii=False)) for r in rs if r.get("relevant") is True]' \
      shared/corpus/id-news/topic-groups-2019/articles.jsonl.gz > /tmp/tfidf/topic-groups-relevant.jsonl
    python3 $S --input /tmp/tfidf/topic-groups-relevant.jsonl --output /tmp/tfidf/tg.jsonl   # add --window-hours 0
    python3 $B/evaluate.py /tmp/tfidf/tg.jsonl /tmp/tfidf/topic-groups-relevant.jsonl
    /usr/bin/time -f "wall %e s, max RSS %M KB" python3 $S \
      --input shared/corpus/id-news/clickid-2019/articles.jsonl.gz --output /tmp/tfidf/clickid.jsonl
    # cluster count, largest and the span figures are printed on stderr by the script itself
"""

import argparse
import gzip
import heapq
import io
import json
import math
import os
import re
import sys
import time
from collections import Counter
from datetime import datetime, timezone
from operator import mul

# A small English function-word list (the big stopwords-iso list drops content words such as
# "world", "million", "us"; see shared/data/en/README.md).
ENGLISH_STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours ourselves out over own same she should so
some such than that the their theirs them themselves then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your
yours yourself yourselves also said says say will would could may might must shall one two new
s t ll re ve don didn doesn isn wasn aren weren won wouldn couldn shouldn hasn haven hadn
""".split())

TOKEN_RE = re.compile(r"[^\W_]+")

DATE_RE = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?\s*$")

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def parse_date(value):
    """Seconds since the epoch (UTC) for YYYY-MM-DD / ISO 8601 / 'YYYY-MM-DD HH:MM:SS', else None."""
    if not value or not isinstance(value, str):
        return None
    m = DATE_RE.match(value)
    if not m:
        return None
    y, mo, d, hh, mi, ss, frac, tz = m.groups()
    try:
        dt = datetime(int(y), int(mo), int(d), int(hh or 0), int(mi or 0), int(ss or 0),
                      tzinfo=timezone.utc)
    except ValueError:
        return None
    t = (dt - EPOCH).total_seconds()
    if frac:
        t += float("0." + frac)
    if tz and tz != "Z":
        sign = 1 if tz[0] == "+" else -1
        digits = tz[1:].replace(":", "")
        t -= sign * (int(digits[:2]) * 3600 + int(digits[2:]) * 60)
    return t


def default_stopwords_path():
    shared = os.environ.get("WARTA_SHARED")
    if shared:
        return os.path.join(shared, "data", "id", "stopwords.txt")
    repo = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
    return os.path.join(os.path.dirname(repo), "shared", "data", "id", "stopwords.txt")


def load_stopwords(path):
    words = set(ENGLISH_STOPWORDS)
    if path and path.lower() != "none":
        if not os.path.isfile(path):
            raise SystemExit("stop-word file not found: %s (pass --stopwords PATH, or --stopwords none)" % path)
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                w = line.strip().lower()
                if w and not w.startswith("#"):
                    words.add(w)
    return frozenset(words)


def open_text(path):
    if path.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return open(path, encoding="utf-8")


def read_docs(path):
    docs = []
    with open_text(path) as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SystemExit("%s:%d: bad JSON: %s" % (path, lineno, exc))
            if "id" not in rec:
                raise SystemExit("%s:%d: record without 'id'" % (path, lineno))
            docs.append(rec)
    return docs


def tokenize(text, stop):
    return [w for w in TOKEN_RE.findall(text.lower()) if len(w) >= 2 and w not in stop]


class Clusterer:
    def __init__(self, threshold, window_hours, candidate_terms=10, max_df=0.05, exact=False):
        self.threshold = threshold
        self.window = window_hours * 3600.0 if window_hours and window_hours > 0 else None
        self.candidate_terms = candidate_terms
        self.max_df = max_df
        self.exact = exact
        self.n_docs = 0
        self.df = Counter()
        self.centroids = []   # cluster id -> {term: summed weight}
        self.sqnorm = []      # cluster id -> |centroid|^2
        self.newest = []      # cluster id -> newest member time (None for undated)
        self.oldest = []      # cluster id -> oldest member time
        self.sizes = []
        self.postings = {}    # term -> set of open cluster ids
        self.is_open = []
        self.expiry = []      # heap of (newest time, cluster id), lazily invalidated
        self.reopened_all = False

    def vectorize(self, tokens):
        tf = Counter(tokens)
        self.n_docs += 1
        df = self.df
        for t in tf:
            df[t] += 1
        n1 = self.n_docs + 1
        log = math.log
        vec = {t: (1.0 + log(c)) * (log(n1 / (df[t] + 1)) + 1.0) for t, c in tf.items()}
        norm = math.sqrt(sum(w * w for w in vec.values()))
        if norm > 0:
            vec = {t: w / norm for t, w in vec.items()}
        return vec

    def _close(self, cid):
        self.is_open[cid] = False
        postings = self.postings
        for t in self.centroids[cid]:
            s = postings.get(t)
            if s is not None:
                s.discard(cid)
                if not s:
                    del postings[t]

    def _index(self, cid, terms):
        postings = self.postings
        for t in terms:
            s = postings.get(t)
            if s is None:
                postings[t] = {cid}
            else:
                s.add(cid)

    def _expire(self, now):
        heap = self.expiry
        limit = now - self.window
        while heap and heap[0][0] < limit:
            t, cid = heapq.heappop(heap)
            if self.is_open[cid] and self.newest[cid] == t:
                self._close(cid)

    def _reopen_all(self):
        self.reopened_all = True
        self.expiry = []
        for cid, cent in enumerate(self.centroids):
            if not self.is_open[cid]:
                self.is_open[cid] = True
                self._index(cid, cent)

    def _candidates(self, vec):
        postings = self.postings
        if self.exact:
            terms = vec.keys()
        else:
            cap = max(self.max_df * self.n_docs, 10)
            df = self.df
            eligible = [(w, t) for t, w in vec.items() if 2 <= df[t] <= cap and t in postings]
            if len(eligible) > self.candidate_terms:
                eligible = heapq.nlargest(self.candidate_terms, eligible)
            terms = [t for _, t in eligible]
        cands = set()
        for t in terms:
            s = postings.get(t)
            if s:
                cands |= s
        return cands

    def add(self, tokens, when):
        """Cluster one document (tokens, epoch seconds or None); returns its cluster id."""
        if when is None:
            if not self.reopened_all:
                self._reopen_all()
        elif self.window is not None:
            self._expire(when)
        vec = self.vectorize(tokens)
        best, best_cos, best_dot = -1, -1.0, 0.0
        if vec:
            vec_keys = vec.keys()
            vec_get = vec.__getitem__
            for cid in self._candidates(vec):
                cent = self.centroids[cid]
                if self.window is not None and when is not None and when - self.newest[cid] > self.window:
                    continue  # guarded by expiry already; kept for clarity
                common = vec_keys & cent.keys()
                if not common:
                    continue
                dot = sum(map(mul, map(vec_get, common), map(cent.__getitem__, common)))
                if dot <= 0.0:
                    continue
                cos = dot / math.sqrt(self.sqnorm[cid])
                if cos > best_cos or (cos == best_cos and cid < best):
                    best, best_cos, best_dot = cid, cos, dot
        if best >= 0 and best_cos >= self.threshold:
            cid = best
            cent = self.centroids[cid]
            new_terms = [t for t in vec if t not in cent]
            for t, w in vec.items():
                cent[t] = cent.get(t, 0.0) + w
            self.sqnorm[cid] += 2.0 * best_dot + sum(w * w for w in vec.values())
            self.sizes[cid] += 1
            self._index(cid, new_terms)
        else:
            cid = len(self.centroids)
            self.centroids.append(dict(vec))
            self.sqnorm.append(sum(w * w for w in vec.values()))
            self.sizes.append(1)
            self.newest.append(when)
            self.oldest.append(when)
            self.is_open.append(True)
            self._index(cid, vec)
        if when is not None:
            if self.newest[cid] is None or when > self.newest[cid]:
                self.newest[cid] = when
            if self.oldest[cid] is None or when < self.oldest[cid]:
                self.oldest[cid] = when
            if self.window is not None and not self.reopened_all:
                heapq.heappush(self.expiry, (self.newest[cid], cid))
        return cid


def main(argv=None):
    ap = argparse.ArgumentParser(description="Streaming TF-IDF story-clustering baseline (see the module docstring).")
    ap.add_argument("--input", required=True, help="documents, JSON lines (.gz accepted)")
    ap.add_argument("--output", required=True, help='predictions, JSON lines {"id", "cluster"}')
    ap.add_argument("--threshold", type=float, default=0.2, help="minimum cosine to join a cluster (default 0.2)")
    ap.add_argument("--window-hours", type=float, default=72.0,
                    help="max age of a cluster's newest member, in hours (default 72; 0 = no window)")
    ap.add_argument("--stopwords", default=None,
                    help="Indonesian stop-word file, one word a line (default: %s; 'none' = built-in English list only)"
                    % default_stopwords_path())
    ap.add_argument("--candidate-terms", type=int, default=10,
                    help="fast candidates: look up the document's N highest-weighted terms (default 10)")
    ap.add_argument("--max-df", type=float, default=0.05,
                    help="fast candidates: skip terms in more than max(F * docs seen, 10) documents (default 0.05)")
    ap.add_argument("--exact", action="store_true", help="look up every term of the document (slower)")
    args = ap.parse_args(argv)

    t0 = time.time()
    stop = load_stopwords(args.stopwords if args.stopwords is not None else default_stopwords_path())
    docs = read_docs(args.input)
    times = [parse_date(d.get("date")) for d in docs]
    bad_dates = sum(1 for d, t in zip(docs, times) if t is None and d.get("date"))
    order = sorted(range(len(docs)), key=lambda i: (0, times[i]) if times[i] is not None else (1, 0))
    t1 = time.time()

    cl = Clusterer(args.threshold, args.window_hours, args.candidate_terms, args.max_df, args.exact)
    assign = [None] * len(docs)
    for i in order:
        d = docs[i]
        text = "%s\n%s" % (d.get("title") or "", d.get("text") or "")
        assign[i] = cl.add(tokenize(text, stop), times[i])
    t2 = time.time()

    out_dir = os.path.dirname(os.path.abspath(args.output))
    os.makedirs(out_dir, exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as fh:
        for d, cid in zip(docs, assign):
            fh.write(json.dumps({"id": d["id"], "cluster": "c%d" % cid}, ensure_ascii=False) + "\n")

    undated = sum(1 for t in times if t is None)
    # cluster time span = newest - oldest member date, in days (clusters with a dated member only;
    # percentiles by nearest rank)
    spans_all = sorted((n - o) / 86400.0 for n, o in zip(cl.newest, cl.oldest) if n is not None)
    spans_multi = sorted((n - o) / 86400.0 for n, o, k in zip(cl.newest, cl.oldest, cl.sizes)
                         if n is not None and k > 1)

    def pct(vals, q):
        return vals[max(0, math.ceil(q * len(vals)) - 1)] if vals else 0.0

    print("tfidf_baseline: docs=%d undated=%d (unparsed dates %d) clusters=%d largest=%d "
          "threshold=%g window_hours=%g candidates=%s stopwords=%d; read %.1fs, cluster %.1fs (%.0f docs/s)"
          % (len(docs), undated, bad_dates, len(cl.sizes), max(cl.sizes) if cl.sizes else 0,
             args.threshold, args.window_hours,
             "exact" if args.exact else "top-%d,df<=%g" % (args.candidate_terms, args.max_df),
             len(stop), t1 - t0, t2 - t1, len(docs) / max(t2 - t1, 1e-9)),
          file=sys.stderr)
    print("tfidf_baseline: span days (newest - oldest member): all clusters median %.2f p95 %.2f max %.2f; "
          "clusters of >= 2 (%d): median %.2f p95 %.2f max %.2f"
          % (pct(spans_all, .5), pct(spans_all, .95), spans_all[-1] if spans_all else 0.0, len(spans_multi),
             pct(spans_multi, .5), pct(spans_multi, .95), spans_multi[-1] if spans_multi else 0.0),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
