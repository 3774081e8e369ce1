#!/usr/bin/env python3
"""Python mirror of LanguageIdentifier.swift, used to iterate on the model quickly.

The reported accuracy always comes from the Swift code (evaluate.sh); this mirror exists so that
model changes can be tried in seconds, and evaluate.sh checks that both agree.

Usage: python3 scripts/langid/refimpl.py MODEL_DIR DATA.tsv [--errors] [--predict OUT.tsv]
"""

import collections
import math
import sys
from pathlib import Path

LABELS = ["id", "en", "ms", "other"]


def is_latin_letter(ch):
    code = ord(ch)
    if code < 0x80:
        return ch.isalpha()
    return ((0x00C0 <= code <= 0x024F and code not in (0xD7, 0xF7)) or 0x1E00 <= code <= 0x1EFF) \
        and ch.isalpha()


def is_combining_mark(ch):
    return 0x0300 <= ord(ch) <= 0x036F


def scan(text, max_bytes):
    """Returns (latin words lower-cased, Latin letter count, other-script letter count)."""
    text = text.encode("utf-8")[:max_bytes].decode("utf-8", "ignore")
    words, current, latin, other = [], [], 0, 0
    for ch in text:
        if is_latin_letter(ch):
            latin += 1
            current.append(ch.lower())
        elif is_combining_mark(ch):
            continue
        else:
            if ch.isalpha():
                other += 1
            if current:
                words.append("".join(current))
                current = []
    if current:
        words.append("".join(current))
    return words, latin, other


def ngrams(word, max_order=4, max_chars=32):
    padded = "_" + word[:max_chars] + "_"
    for order in range(1, max_order + 1):
        for start in range(0, len(padded) - order + 1):
            gram = padded[start:start + order]
            if gram != "_":
                yield gram


def read_blocks(path):
    blocks = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            code, label = line[1:].split("\t")
            blocks.append((code, label, {}))
        else:
            key, parts = line.split("\t")
            blocks[-1][2][key] = math.log(int(parts) / 1e8)
    return blocks


class Model:
    def __init__(self, directory):
        directory = Path(directory)
        self.params = {}
        for line in open(directory / "parameters.tsv", encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            key, value = line.rstrip("\n").split("\t")
            self.params[key] = float(value)
        self.chars = read_blocks(directory / "char-ngrams.tsv")
        self.words = {code: table for code, _, table in read_blocks(directory / "words.tsv")}
        floor = self.params["word_floor_log"]
        ids, mss = self.words["id"], self.words["ms"]
        self.idms = {w: ids.get(w, floor) - mss.get(w, floor) for w in set(ids) | set(mss)}

    def identify(self, text):
        """Returns (label, confidence, best score per label)."""
        p = self.params
        words, latin, other = scan(text, int(p["max_bytes"]))
        if latin + other < p["min_letters"]:
            return "other", 0.0, {}
        if other > latin:
            return "other", other / (latin + other), {}
        if latin < p["min_letters"]:
            return "other", 0.0, {}
        grams = collections.Counter(g for w in words for g in ngrams(w))
        word_counts = collections.Counter(words)
        # Stage 1: character n-grams plus word unigrams over every language.
        best_by_label = {}
        for code, label, table in self.chars:
            floor = p["ngram_floor_log"]
            score = sum(n * table.get(g, floor) for g, n in grams.items())
            if code in self.words:
                wt = self.words[code]
                score += p["word_weight"] * sum(n * wt.get(w, p["word_floor_log"]) for w, n in word_counts.items())
            else:
                score += p["word_weight"] * len(words) * p["other_word_log"]
            if label not in best_by_label or score > best_by_label[label]:
                best_by_label[label] = score
        label = max(best_by_label, key=best_by_label.get)
        top = best_by_label[label]
        scale = p["confidence_scale"] / max(1, len(words))
        weights = {k: math.exp((s - top) * scale) for k, s in best_by_label.items()}
        total = sum(weights.values())
        if label not in ("id", "ms"):
            return label, weights[label] / total, best_by_label
        # Stage 2: Indonesian or Malay, from the words whose frequencies differ clearly between the two.
        group = (weights.get("id", 0) + weights.get("ms", 0)) / total
        evidence = p["idms_bias"]
        for w, n in word_counts.items():
            r = self.idms.get(w, 0.0)
            if abs(r) >= p["idms_min_ratio"]:
                evidence += n * max(-p["idms_clip"], min(p["idms_clip"], r))
        label = "id" if evidence >= 0 else "ms"
        p_id = 1 / (1 + math.exp(-evidence))
        return label, group * (p_id if label == "id" else 1 - p_id), best_by_label


def main():
    model = Model(sys.argv[1])
    rows = [line.rstrip("\n").split("\t", 2) for line in open(sys.argv[2], encoding="utf-8")]
    per_source = collections.defaultdict(lambda: [0, 0])
    confusion = collections.Counter()
    errors = []
    predictions = []
    for source, gold, text in rows:
        guess, conf, _ = model.identify(text)
        predictions.append(f"{guess}\t{conf:.4f}\n")
        key = source.split(":")[0]
        per_source[(key, gold)][0] += guess == gold
        per_source[(key, gold)][1] += 1
        confusion[(gold, guess)] += 1
        if guess != gold:
            errors.append((source, gold, guess, round(conf, 3), text[:150]))
    for (source, gold), (ok, n) in sorted(per_source.items()):
        print(f"{source:22s} {gold:6s} {ok:5d}/{n:<5d} {ok / n:.4f}")
    print("gold\\guess " + " ".join(f"{g:>6s}" for g in LABELS))
    for gold in LABELS:
        print(f"{gold:10s} " + " ".join(f"{confusion[(gold, g)]:6d}" for g in LABELS))
    for gold in LABELS:
        n = sum(confusion[(gold, g)] for g in LABELS)
        if n:
            print(f"accuracy {gold}: {confusion[(gold, gold)] / n:.4f} (n={n})")
    if "--predict" in sys.argv:
        with open(sys.argv[sys.argv.index("--predict") + 1], "w", encoding="utf-8") as out:
            out.writelines(predictions)
    if "--errors" in sys.argv:
        for error in errors:
            print(*error, sep="\t")


if __name__ == "__main__":
    main()
