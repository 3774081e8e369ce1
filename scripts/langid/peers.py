#!/usr/bin/env python3
"""Runs the peer identifiers on an evaluation TSV and writes one "guess<TAB>confidence" line per row.

Peers (installed by fetch_sources.sh into /tmp/venv-langid):
  lingua     lingua-language-detector, all 75 languages loaded, low-accuracy mode off; any language
             other than Indonesian, English or Malay counts as "other".
  lingua3    the same, restricted to Indonesian, English and Malay (it cannot answer "other").
  langdetect langdetect 1.0.9 (55 languages, no Malay), seeded; anything but id/en counts as "other".

Usage: /tmp/venv-langid/bin/python scripts/langid/peers.py PEER DATA.tsv > guesses.tsv
"""

import sys


def lingua_detector(restricted):
    from lingua import Language, LanguageDetectorBuilder

    if restricted:
        builder = LanguageDetectorBuilder.from_languages(Language.INDONESIAN, Language.ENGLISH, Language.MALAY)
    else:
        builder = LanguageDetectorBuilder.from_all_languages()
    detector = builder.build()
    codes = {Language.INDONESIAN: "id", Language.ENGLISH: "en", Language.MALAY: "ms"}

    def detect(text):
        values = detector.compute_language_confidence_values(text)
        if not values:
            return "other", 0.0
        top = values[0]
        return codes.get(top.language, "other"), top.value

    return detect


def langdetect_detector():
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def detect(text):
        try:
            top = detect_langs(text)[0]
        except LangDetectException:
            return "other", 0.0
        return {"id": "id", "en": "en"}.get(top.lang, "other"), top.prob

    return detect


def main():
    peer, path = sys.argv[1], sys.argv[2]
    detect = {"lingua": lambda: lingua_detector(False), "lingua3": lambda: lingua_detector(True),
              "langdetect": langdetect_detector}[peer]()
    out = []
    for line in open(path, encoding="utf-8"):
        text = line.rstrip("\n").split("\t", 2)[2]
        label, confidence = detect(text)
        out.append(f"{label}\t{confidence:.4f}\n")
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
