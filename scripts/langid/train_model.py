#!/usr/bin/env python3
"""Builds the language-identifier model files from /tmp/langid-work/train (see prepare_data.py).

Writes only into the model folder (default Sources/WartaText/Resources/langid, or --out DIR):

  char-ngrams.tsv   per language, the character 1..4-grams of "_word_" (underscore = word boundary)
                    whose relative frequency is at least --ngram-threshold, as parts per 10^8
  words.tsv         per target language (id, en, ms), the words whose relative frequency is at least
                    --word-threshold, as parts per 10^8
  parameters.tsv    the constants the scorer uses (floors, word weight, limits)

Each of the first two files is a sequence of blocks. A block starts with "@<code><TAB><label>"
(label is id, en, ms or other) and holds "<key><TAB><parts per 10^8>" lines, most frequent first.

Usage: /tmp/venv-langid/bin/python scripts/langid/train_model.py [--out DIR]
"""

import argparse
import collections
import math
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # scripts write only under /tmp and the model folder
sys.path.insert(0, str(Path(__file__).resolve().parent))
from refimpl import ngrams, scan  # noqa: E402  (the same scanning as the Swift code)

REPO = Path(__file__).resolve().parents[2]
TRAIN = Path("/tmp/langid-work/train")
TARGETS = ["id", "en", "ms"]
OTHERS = ["ca", "cs", "da", "de", "es", "fi", "fil", "fr", "hu", "is", "it", "lt", "lv", "nb", "nl", "pl",
          "pt", "ro", "sh", "sk", "sl", "sv", "tr", "vi"]
SCALE = 1e8


def latin_words(text):
    """Lower-cased runs of Latin letters: the tokenisation of LanguageIdentifier.swift (see refimpl.py)."""
    return scan(text, len(text.encode("utf-8")))[0]


def profile_from_wordfreq(lang):
    counts = collections.Counter()
    words = collections.Counter()
    for line in open(TRAIN / f"wordfreq-{lang}.tsv", encoding="utf-8"):
        word, per_million = line.rstrip("\n").split("\t")
        weight = float(per_million)
        for token in latin_words(word):
            words[token] += weight
            for gram in ngrams(token):
                counts[gram] += weight
    return normalise(counts), normalise(words)


def profile_from_text(path, column=None):
    counts = collections.Counter()
    words = collections.Counter()
    for line in open(path, encoding="utf-8"):
        text = line.split("\t", 1)[1] if column else line
        for token in latin_words(text):
            words[token] += 1
            for gram in ngrams(token):
                counts[gram] += 1
    return normalise(counts), normalise(words)


def normalise(counter):
    total = sum(counter.values())
    return {key: value / total for key, value in counter.items()} if total else {}


def mix(*weighted):
    out = collections.Counter()
    for weight, profile in weighted:
        for key, value in profile.items():
            out[key] += weight * value
    return dict(out)


def write_blocks(path, blocks, threshold):
    with open(path, "w", encoding="utf-8") as out:
        for code, label, profile in blocks:
            out.write(f"@{code}\t{label}\n")
            for key, value in sorted(profile.items(), key=lambda kv: (-kv[1], kv[0])):
                parts = round(value * SCALE)
                if value < threshold or parts < 1:
                    break
                out.write(f"{key}\t{parts}\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(REPO / "Sources/WartaText/Resources/langid"))
    parser.add_argument("--ngram-threshold", type=float, default=5e-5)
    parser.add_argument("--word-threshold", type=float, default=3e-6)
    parser.add_argument("--news-weight", type=float, default=0.5,
                        help="share of news text in the id and en character profiles (rest: wordfreq)")
    parser.add_argument("--word-news-weight", type=float, default=0.0,
                        help="share of news text in the Indonesian word table (rest: wordfreq)")
    parser.add_argument("--word-weight", type=float, default=1.0)
    parser.add_argument("--other-word-share", type=float, default=10.0,
                        help="per-word probability given to non-target languages, as a multiple of the floor")
    parser.add_argument("--idms-min-ratio", type=float, default=1.0)
    parser.add_argument("--idms-clip", type=float, default=3.0)
    parser.add_argument("--idms-bias", type=float, default=0.5)
    parser.add_argument("--confidence-scale", type=float, default=1.0)
    parser.add_argument("--pooled-other", type=int, default=1, help="1: add the pooled UDHR 'xx' profile")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    char_blocks, word_blocks = [], []
    news = {"id": TRAIN / "text-id.txt", "en": TRAIN / "text-en.txt"}
    for lang in TARGETS:
        chars, words = profile_from_wordfreq(lang)
        if lang in news and args.news_weight > 0:
            news_chars, news_words = profile_from_text(news[lang])
            chars = mix((1 - args.news_weight, chars), (args.news_weight, news_chars))
            if lang == "id" and args.word_news_weight > 0:
                words = mix((1 - args.word_news_weight, words), (args.word_news_weight, news_words))
        char_blocks.append((lang, lang, chars))
        word_blocks.append((lang, lang, words))
    for lang in OTHERS:
        chars, _ = profile_from_wordfreq(lang)
        char_blocks.append((lang, "other", chars))
    if args.pooled_other:
        chars, _ = profile_from_text(TRAIN / "text-xx.txt", column=True)
        char_blocks.append(("xx", "other", chars))

    write_blocks(out / "char-ngrams.tsv", char_blocks, args.ngram_threshold)
    write_blocks(out / "words.tsv", word_blocks, args.word_threshold)
    ngram_floor = args.ngram_threshold / 2
    word_floor = args.word_threshold / 2
    with open(out / "parameters.tsv", "w", encoding="utf-8") as handle:
        handle.write("# key\tvalue (see docs/langid.md)\n")
        handle.write(f"ngram_floor_log\t{math.log(ngram_floor):.6f}\n")
        handle.write(f"word_floor_log\t{math.log(word_floor):.6f}\n")
        handle.write(f"other_word_log\t{math.log(word_floor * args.other_word_share):.6f}\n")
        handle.write(f"word_weight\t{args.word_weight:.3f}\n")
        handle.write(f"idms_min_ratio\t{args.idms_min_ratio:.3f}\n")
        handle.write(f"idms_clip\t{args.idms_clip:.3f}\n")
        handle.write(f"idms_bias\t{args.idms_bias:.3f}\n")
        handle.write(f"confidence_scale\t{args.confidence_scale:.3f}\n")
        handle.write("max_bytes\t4096\n")
        handle.write("min_letters\t3\n")
    for name in ("char-ngrams.tsv", "words.tsv", "parameters.tsv"):
        print(f"{name}: {(out / name).stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
