#!/usr/bin/env python3
"""Writes the hostile inputs of scripts/test-hostile into a folder (argument 1). Each is built here, not stored."""
import gzip
import json
import os
import sys
import zlib

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
lead = ("Jakarta - Presiden Joko Widodo meresmikan jalan tol Semarang-Batang di Jawa Tengah pada Senin (19/8/2019). "
        "\u201cIni untuk rakyat,\u201d kata Jokowi kepada wartawan. ")


def write(name, data):
    with open(os.path.join(out, name), "wb") as handle:
        handle.write(data)


# A gzip bomb: 1 GiB of newlines in about 1 MB, named as JSON lines.
compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
block = b"\n" * (1 << 20)
with open(os.path.join(out, "bomb.jsonl.gz"), "wb") as handle:
    for _ in range(1024):
        handle.write(compressor.compress(block))
    handle.write(compressor.flush())

# A 100 MB page.
with open(os.path.join(out, "huge.html"), "wb") as handle:
    handle.write(b"<!DOCTYPE html><html><body><p>" + lead.encode())
    chunk = (lead * 100).encode()
    while handle.tell() < 100 * 1000 * 1000:
        handle.write(chunk)
    handle.write(b"</p></body></html>")

# 100,000 nested elements, the text at the bottom.
write("nested.html", b"<!DOCTYPE html><html><body>" + b"<div>" * 100_000 + (lead * 10).encode()
      + b"</div>" * 100_000 + b"</body></html>")

# A 10 MB line without a break: as a text file, and as the text of a JSON-lines record.
words = (lead * 200).replace("\n", " ").encode()
line = (words * (10_000_000 // len(words) + 1))[:10_000_000]
write("long-line.txt", line)
write("long-line.jsonl", json.dumps({"url": "https://example.id/long", "title": "Panjang",
                                      "text": line.decode("utf-8", "ignore")}).encode() + b"\n")

# `warta cluster` input: two articles around a record whose text is that 10 MB line, a line that is not JSON,
# and an 11 MB line (over the 10 MiB line limit).
article = {"date": "2019-08-19", "lang": "id", "outlet": "example.id", "title": "Jalan tol", "text": lead * 3}
write("cluster-long.jsonl", json.dumps(dict(article, id="a")).encode() + b"\n"
      + json.dumps({"id": "long", "title": "Panjang", "text": line.decode("utf-8", "ignore")}).encode() + b"\n"
      + b"not json\n" + b"x" * 11_000_000 + b"\n" + json.dumps(dict(article, id="b")).encode() + b"\n")

# NUL bytes through a text.
write("nul.txt", (lead * 5).encode().replace(b" ", b"\x00", 40))

# Invalid UTF-8 in every field of a record (the JSON itself is otherwise well formed).
bad = b"\xff\xfe\xc0\x80\xed\xa0\x80"
record = (b'{"url": "https://example.id/' + bad + b'", "title": "Judul ' + bad + b'", "outlet": "' + bad
          + b'", "published": "2019-08-19' + bad + b'", "author": "' + bad + b'", "text": "' + lead.encode()
          + bad + lead.encode() + b'"}\n')
write("invalid-utf8.jsonl", record)

# Charsets that lie: Windows-1252 bytes declared UTF-8, and UTF-8 bytes declared Windows-1252.
text = lead * 5 + "Caf\u00e9 \u2013 r\u00e9sum\u00e9."
page = "<!DOCTYPE html><html><head><meta charset=\"{}\"><title>Jalan tol</title></head><body><article><p>{}</p>" \
       "<p>{}</p></article></body></html>"
write("lying-charset-utf8.html", page.format("utf-8", text, text).encode("cp1252", "replace"))
write("lying-charset-1252.html", page.format("windows-1252", text, text).encode("utf-8"))

# UTF-16 without a byte order mark.
write("utf16-nobom.txt", (lead * 5).encode("utf-16-le"))

# WARC records whose Content-Length lies: longer than the file, and not a number.
body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>" + (lead * 5).encode() + b"</p></body></html>"
head = ("WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.id/{}\r\n"
        "WARC-Date: 2019-08-19T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000{}>\r\n"
        "Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n")
good = head.format("good", 1, len(body)).encode() + body + b"\r\n\r\n"
write("length-lies.warc", good + head.format("lies", 2, 10_000_000_000).encode() + body + b"\r\n\r\n")

# The billion laughs in a feed, and an external entity.
lol = "<!ENTITY lol \"lol\">" + "".join(
    "<!ENTITY lol{} \"{}\">".format(i, ("&lol{};".format(i - 1) if i > 1 else "&lol;") * 10) for i in range(1, 10))
write("billion-laughs.xml", ("<?xml version=\"1.0\"?><!DOCTYPE rss [" + lol + "]><rss version=\"2.0\"><channel>"
                             "<title>&lol9;</title><item><title>&lol9;</title><link>http://127.0.0.1:1/a</link>"
                             "</item></channel></rss>").encode())
