#!/usr/bin/env python3
"""Builds Sources/WartaEntities/Resources/word-statistics.tsv from unlabelled Indonesian news.

Usage: scripts/ner/build-word-statistics.py [CORPUS_JSONL_GZ]
       (default ../shared/corpus/id-news/clickid-2019/articles.jsonl.gz, CLICK-ID, CC BY 4.0)

For every lower-cased word seen at least MIN_COUNT times it writes
    word  cluster64  cluster256  cluster1024  capitalised-tenths  log2-frequency
Clusters: left and right neighbour counts over the 1,000 most frequent words -> PPMI -> 100-dimensional
truncated SVD -> k-means at k = 64, 256, 1024 (Lin & Wu 2009; shared/notes/ner-methods.md section 4).
Capitalised tenths: the share of the word's mid-sentence uses written with an initial capital (0-10).
Deterministic: fixed seeds, stable sort; the output is what the shipped model was trained with.
Needs numpy and scipy. Takes a few minutes on two cores.
"""
import gzip, json, math, os, re, sys
import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.linalg import svds

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    root, "..", "shared", "corpus", "id-news", "clickid-2019", "articles.jsonl.gz")
out = os.path.join(root, "Sources", "WartaEntities", "Resources", "word-statistics.tsv")
MIN_COUNT, CONTEXT, DIM = 5, 1000, 100
token_re = re.compile(r"[^\W_]+|[^\w\s]", re.UNICODE)

counts, capitalised, midsentence = {}, {}, {}
sentences = []
with gzip.open(corpus, "rt", encoding="utf-8") as f:
    for line in f:
        record = json.loads(line)
        for text in (record.get("title") or "", record.get("text") or ""):
            # CLICK-ID joins paragraphs with ",": treat ".," and ",," as breaks.
            text = text.replace(".,", ". ").replace(",,", ", ")
            tokens = token_re.findall(text)
            start = True
            current = []
            for token in tokens:
                lower = token.lower()
                if token in ".!?":
                    if current:
                        sentences.append(current)
                    current, start = [], True
                    continue
                current.append(lower)
                counts[lower] = counts.get(lower, 0) + 1
                if token[0].isalpha() and not start:
                    midsentence[lower] = midsentence.get(lower, 0) + 1
                    if token[0].isupper():
                        capitalised[lower] = capitalised.get(lower, 0) + 1
                start = token in ":\"“”"
            if current:
                sentences.append(current)

vocab = sorted((w for w, c in counts.items() if c >= MIN_COUNT), key=lambda w: (-counts[w], w))
index = {w: i for i, w in enumerate(vocab)}
context = {w: i for i, w in enumerate(vocab[:CONTEXT])}
print(len(vocab), "words,", len(sentences), "sentences", file=sys.stderr)

rows, cols = [], []
for sentence in sentences:
    ids = [index.get(w, -1) for w in sentence]
    ctx = [context.get(w, -1) for w in sentence]
    for i, word in enumerate(ids):
        if word < 0:
            continue
        if i > 0 and ctx[i - 1] >= 0:
            rows.append(word); cols.append(ctx[i - 1])
        if i + 1 < len(ids) and ctx[i + 1] >= 0:
            rows.append(word); cols.append(CONTEXT + ctx[i + 1])
matrix = coo_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)),
                    shape=(len(vocab), 2 * CONTEXT)).tocsr()
matrix.sum_duplicates()
total = matrix.sum()
row_sums = np.asarray(matrix.sum(axis=1)).ravel()
col_sums = np.asarray(matrix.sum(axis=0)).ravel() ** 0.75
col_sums /= col_sums.sum()
coo = matrix.tocoo()
pmi = np.log(coo.data * 1.0 / (row_sums[coo.row] / total) / total / col_sums[coo.col])
keep = pmi > 0
ppmi = coo_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=matrix.shape).tocsr()
u, s, _ = svds(ppmi, k=DIM, v0=np.ones(min(ppmi.shape)) / math.sqrt(min(ppmi.shape)))
vectors = u * np.sqrt(s)
norms = np.linalg.norm(vectors, axis=1, keepdims=True)
vectors = vectors / np.maximum(norms, 1e-9)
vectors = vectors.astype(np.float64)

def kmeans(data, k, seed, iterations=25):
    rng = np.random.default_rng(seed)
    # Seed centres among the frequent words (rows are sorted by frequency), drawn with a fixed generator.
    centres = data[np.sort(rng.choice(min(len(data), 20 * k), size=k, replace=False))].copy()
    labels = np.zeros(len(data), dtype=np.int64)
    for _ in range(iterations):
        best = np.empty(len(data), dtype=np.int64)
        for start in range(0, len(data), 8192):
            block = data[start:start + 8192]
            best[start:start + 8192] = np.argmax(block @ centres.T, axis=1)
        labels = best
        for c in range(k):
            members = data[labels == c]
            if len(members):
                centre = members.sum(axis=0)
                centres[c] = centre / max(np.linalg.norm(centre), 1e-9)
    return labels

labels = [kmeans(vectors, k, 7 + k) for k in (64, 256, 1024)]
with open(out, "w", encoding="utf-8", newline="\n") as f:
    f.write("# word\tcluster64\tcluster256\tcluster1024\tcapitalised-tenths\tlog2-frequency\n")
    f.write("# Built by scripts/ner/build-word-statistics.py from CLICK-ID (William & Sari 2020, CC BY 4.0).\n")
    for i, word in enumerate(vocab):
        if "\t" in word:
            continue
        mid = midsentence.get(word, 0)
        tenths = round(10 * capitalised.get(word, 0) / mid) if mid >= 3 else -1
        bucket = min(15, int(math.log2(counts[word])))
        f.write(f"{word}\t{labels[0][i]}\t{labels[1][i]}\t{labels[2][i]}\t{tenths}\t{bucket}\n")
print("wrote", out, file=sys.stderr)
