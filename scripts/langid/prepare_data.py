#!/usr/bin/env python3
"""Builds the training material and the held-out evaluation set for the Warta language identifier.

Reads (never writes) the shared corpora, the committed TALPCo fixture and the PyPI artefacts that
fetch_sources.sh unpacked under /tmp/langid-src. Writes only under /tmp/langid-work:

  train/wordfreq-<lang>.tsv   word<TAB>frequency per million tokens (wordfreq 3.1.1 "small" lists)
  train/text-id.txt           Indonesian news text (CLICK-ID 2019 bodies), one paragraph a line
  train/text-en.txt           English news text (ECB+ articles of the odd-numbered topics)
  train/text-xx.txt           UDHR sample texts of other Latin-script languages (gflanguages)
  eval/dev.tsv                source<TAB>label<TAB>text, for choosing the few scoring constants
  eval/eval.tsv               source<TAB>label<TAB>text, label in id/en/ms/other; the reported numbers

Held-out rules: NERGrit, rss-2025-06, UCI headlines and the CLD2 snippets are evaluation only; CLICK-ID
articles are split (6,000 train, 300 dev, rest unused); ECB+ is split by topic (topic % 4 == 3 train,
== 1 dev, even evaluate); TALPCo is split by sentence id (id % 5 == 0 dev, the rest evaluate).

Usage: /tmp/venv-langid/bin/python scripts/langid/prepare_data.py
"""

import gzip
import json
import os
import random
import re
import sys
from pathlib import Path

import msgpack

REPO = Path(__file__).resolve().parents[2]
SRC = Path("/tmp/langid-src")
WORK = Path("/tmp/langid-work")


def shared_dir() -> Path:
    """The shared data folder: $WARTA_SHARED, else ../shared beside the repo, else /work/shared."""
    for candidate in (os.environ.get("WARTA_SHARED"), REPO.parent / "shared", "/work/shared"):
        if candidate and Path(candidate, "corpus").is_dir():
            return Path(candidate)
    sys.exit("shared data not found: set WARTA_SHARED")


SHARED = shared_dir()

# wordfreq languages written in Latin script. id/en/ms are the target classes; the rest train "other".
WORDFREQ_LATIN = ["id", "en", "ms", "ca", "cs", "da", "de", "es", "fi", "fil", "fr", "hu", "is", "it",
                  "lt", "lv", "nb", "nl", "pl", "pt", "ro", "sh", "sk", "sl", "sv", "tr", "vi"]


def read_jsonl_gz(path):
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


SENTENCE_END = re.compile(r"(?<!\b[A-Z]\.)(?<!\b(?:Mr|Ms|Dr|St)\.)(?<=[.!?])[\"'”’)]*\s+(?=[\"“'‘(]?[A-Z0-9])")


def sentences(text):
    """Naive sentence split on . ! ? followed by space and an upper-case letter or digit."""
    for paragraph in re.split(r"\s*\n\s*", text):
        for sentence in SENTENCE_END.split(paragraph):
            sentence = re.sub(r"\s+", " ", sentence).strip()
            if sentence:
                yield sentence


def usable(sentence, min_words=4, min_chars=25, max_chars=400):
    words = re.findall(r"[^\W\d_]+", sentence)
    return len(words) >= min_words and min_chars <= len(sentence) <= max_chars


def wordfreq_lists():
    """Writes wordfreq's small lists as word<TAB>frequency-per-million (bins are centibels)."""
    data = SRC / "wordfreq-3.1.1" / "wordfreq" / "data"
    for lang in WORDFREQ_LATIN:
        packed = msgpack.unpackb(gzip.open(data / f"small_{lang}.msgpack.gz").read(), raw=False)
        # packed[0] is a header; packed[i] holds the words whose frequency is 10^(-i/100).
        with open(WORK / "train" / f"wordfreq-{lang}.tsv", "w", encoding="utf-8") as out:
            for index, bucket in enumerate(packed[1:], start=1):
                per_million = 10 ** (-index / 100) * 1e6
                for word in bucket:
                    out.write(f"{word}\t{per_million:.4f}\n")


def training_text():
    rng = random.Random(20261122)
    # Indonesian: CLICK-ID 2019 bodies (titles are left out). 6,000 articles are plenty for n-grams.
    articles = list(read_jsonl_gz(SHARED / "corpus/id-news/clickid-2019/articles.jsonl.gz"))
    rng.shuffle(articles)
    with open(WORK / "train" / "text-id.txt", "w", encoding="utf-8") as out:
        for article in articles[:6000]:
            body = article.get("text") or ""
            out.write(re.sub(r"\s+", " ", body.replace(".,", ". ")).strip() + "\n")
    dev = []
    for article in articles[6000:6300]:
        dev.extend(s for s in sentences((article.get("text") or "").replace(".,", ". ")) if usable(s))
    # English: ECB+ articles of topics 3, 7, 11, ...
    with open(WORK / "train" / "text-en.txt", "w", encoding="utf-8") as out:
        for article in read_jsonl_gz(SHARED / "bench/clustering/ecbplus/ecbplus.jsonl.gz"):
            if ecb_topic(article) % 4 == 3:
                out.write(re.sub(r"\s+", " ", article["title"] + ". " + article["text"]).strip() + "\n")
    # Other Latin-script languages: gflanguages sample texts (UDHR), excluding id, ms and en variants.
    langs = SRC / "gflanguages-0.7.11" / "gflanguages" / "data" / "languages"
    skip = re.compile(r"^(id|ind|ms|zlm|zsm|msa|min|en|eng|sco|pcm|jam)_")  # targets and English-based
    other_dev = []
    with open(WORK / "train" / "text-xx.txt", "w", encoding="utf-8") as out:
        usable_paths = [p for p in sorted(langs.glob("*_Latn.textproto")) if not skip.match(p.name)]
        for index, path in enumerate(usable_paths):
            text = gfl_sample(path)
            if not text:
                continue
            if index % 5 == 0:  # every fifth language is held out for the dev set
                other_dev.append((path.name.split(".")[0], text.split("\n")[0]))
            else:
                out.write(path.name.split(".")[0] + "\t" + text.replace("\n", " ") + "\n")
    return dev, other_dev


def gfl_sample(path):
    """The longest sample text (specimen_16) of a gflanguages .textproto file, unescaped."""
    texts = re.findall(r'^\s*specimen_16: "(.*)"\s*$', path.read_text(encoding="utf-8"), re.M)
    if not texts:
        return None
    return texts[0].encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def ecb_topic(article):
    return int(re.match(r"ecbplus-t?(\d+)", article["topic"]).group(1))


def nergrit_sentences():
    for split in ("train", "valid", "test"):
        tokens = []
        path = SHARED / "data/id/ner/nergrit" / f"{split}.tsv"
        for line in open(path, encoding="utf-8"):
            line = line.rstrip("\n")
            if not line.strip():
                if tokens:
                    yield detokenize(tokens)
                tokens = []
            else:
                tokens.append(line.split("\t")[0])
        if tokens:
            yield detokenize(tokens)


def detokenize(tokens):
    text = " ".join(tokens)
    text = re.sub(r" ([.,;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[]) ", r"\1", text)
    return text


def cld2_snippets():
    """CLD2 unit-test snippets (one per language), UTF-8 half of unittest_data.h."""
    header = (SRC / "pycld2-0.42/cld2/internal/unittest_data.h").read_text(encoding="utf-8")
    header = header.split("#ifndef avoid_utf8_string_constants", 1)[1].split("#else", 1)[0]
    for name, text in re.findall(r'^const char\* kTeststr_([A-Za-z0-9_]+)\s*=\s*"(.*)";\s*$', header, re.M):
        if name.startswith(("zz", "version", "fr_en", "en_Latn_bad")):
            continue
        lang = name.split("_")[0]
        label = {"id": "id", "en": "en", "ms": "ms"}.get(lang, "other")
        yield name, label, text.replace('\\"', '"').strip()


def talpco(name):
    path = REPO / "Tests/Fixtures/langid/talpco" / name
    for line in open(path, encoding="utf-8"):
        number, text = line.rstrip("\n").split("\t", 1)
        yield int(number), text.strip()


def write_rows(path, rows):
    with open(path, "w", encoding="utf-8") as out:
        for source, label, text in rows:
            out.write(f"{source}\t{label}\t{text.replace(chr(9), ' ')}\n")
    counts = {}
    for _, label, _ in rows:
        counts[label] = counts.get(label, 0) + 1
    print(path.name, "rows:", counts)


def dev_set(clickid_dev, other_dev):
    rng = random.Random(20261124)
    rows = [("clickid-dev", "id", s) for s in rng.sample(clickid_dev, min(500, len(clickid_dev)))]
    rows += [(f"udhr-dev:{name}", "other", text) for name, text in other_dev]
    rows += [("talpco-ind-dev", "id", t) for n, t in talpco("ind.txt") if n % 5 == 0]
    rows += [("talpco-zsm-dev", "ms", t) for n, t in talpco("zsm.txt") if n % 5 == 0]
    ecb = []
    for article in read_jsonl_gz(SHARED / "bench/clustering/ecbplus/ecbplus.jsonl.gz"):
        if ecb_topic(article) % 4 == 1:
            ecb.extend(s for s in sentences(article["text"]) if usable(s))
    rows += [("ecbplus-dev", "en", s) for s in rng.sample(ecb, min(500, len(ecb)))]
    write_rows(WORK / "eval" / "dev.tsv", rows)


def evaluation_set():
    rng = random.Random(20261123)
    rows = []

    def add(source, label, texts, limit=None):
        texts = [t for t in dict.fromkeys(texts) if t.strip()]
        if limit is not None and len(texts) > limit:
            texts = rng.sample(texts, limit)
        rows.extend((source, label, t) for t in texts)

    add("nergrit", "id", nergrit_sentences())
    rss = []
    for article in read_jsonl_gz(SHARED / "corpus/id-news/rss-2025-06/articles.jsonl.gz"):
        rss.extend(s for s in sentences(article.get("text") or "") if usable(s)
                   and not re.search(r"Baca Juga|Advertisement|Liputan6\.com,|Scroll", s))
    add("rss-2025-06", "id", rss, 1000)
    add("talpco-ind", "id", [t for n, t in talpco("ind.txt") if n % 5 != 0])
    add("talpco-zsm", "ms", [t for n, t in talpco("zsm.txt") if n % 5 != 0])
    ecb = []
    for article in read_jsonl_gz(SHARED / "bench/clustering/ecbplus/ecbplus.jsonl.gz"):
        if ecb_topic(article) % 2 == 0:
            ecb.extend(s for s in sentences(article["text"]) if usable(s))
    add("ecbplus-even-topics", "en", ecb, 1000)
    uci_path = SHARED / "bench/clustering/uci-news-sample/uci-news-sample.jsonl.gz"
    uci = [r["title"].strip() for r in read_jsonl_gz(uci_path)]
    add("uci-headlines", "en", [t for t in uci if len(t.split()) >= 4], 1000)
    for name, label, text in cld2_snippets():
        rows.append((f"cld2:{name}", label, text))
    write_rows(WORK / "eval" / "eval.tsv", rows)


def main():
    (WORK / "train").mkdir(parents=True, exist_ok=True)
    (WORK / "eval").mkdir(parents=True, exist_ok=True)
    wordfreq_lists()
    clickid_dev, other_dev = training_text()
    dev_set(clickid_dev, other_dev)
    evaluation_set()


if __name__ == "__main__":
    main()
