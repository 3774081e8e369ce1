"""The benchmark's shared shingle definition, as close to Warta's Shingler as Python allows.

Warta (Sources/WartaDedup/Shingler.swift): tokens are maximal runs of letters and digits, where an inner
hyphen or apostrophe joins two letters ("buku-buku", "Qur'an") and an inner "." or "," joins two digits
("10.00", "1,5"); tokens are lower-cased; a shingle is 5 consecutive tokens, 3 when the text has fewer than
50 tokens, and a text with fewer tokens than that is one shingle. Warta folds ASCII case only and Python
lower-cases all letters: the texts here are Indonesian, overwhelmingly ASCII, so the two agree in practice.
"""

import gzip
import json
import re

TOKEN = re.compile(
    r"[^\W_]+(?:(?:(?<=[^\W\d_])[-'\u2019\u2010](?=[^\W\d_])|(?<=\d)[.,](?=\d))[^\W_]+)*"
)
K = 5
SHORT_K = 3
SHORT_TEXT_WORDS = 50


def words(text):
    """Lower-cased word and number tokens of `text`, in order."""
    return [match.group(0).lower() for match in TOKEN.finditer(text)]


def shingle_tuples(text):
    """The set of word-shingle tuples of `text`."""
    tokens = words(text)
    if not tokens:
        return set()
    k = SHORT_K if len(tokens) < SHORT_TEXT_WORDS else K
    if len(tokens) < k:
        return {tuple(tokens)}
    return {tuple(tokens[i:i + k]) for i in range(len(tokens) - k + 1)}


def shingle_strings(text):
    """The shingles as UTF-8 byte strings (words joined by one space), the form datasketch hashes."""
    return [" ".join(shingle).encode("utf-8") for shingle in shingle_tuples(text)]


BODY_ONLY_WORDS = 50
UNITS = ("linker", "title+body")


def compared_text(title, body, unit="linker"):
    """The text Warta compares for one article. "linker" is NearDuplicateIndex.add(title:body:): the body alone
    when it has at least BODY_ONLY_WORDS words (a re-post rewrites the title, not the body), else title and body;
    "title+body" is what Warta compared before (issue 11), title + "\\n" + body always."""
    if unit == "linker" and len(words(body)) >= BODY_ONLY_WORDS:
        return body
    return title + "\n" + body


def read_documents(path, field="text", unit="linker"):
    """(id, compared text) for each record of a .jsonl or .jsonl.gz file, in file order (see compared_text)."""
    opener = gzip.open if path.endswith(".gz") else open
    documents = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            title = record.get("title") or ""
            body = record.get(field) or ""
            documents.append((str(record["id"]), compared_text(title, body, unit)))
    return documents
