#!/usr/bin/env python3
"""A small Indonesian news site on loopback for trying `warta crawl`: real article pages from
../shared/corpus/id-news/html-pages, listed by an RSS feed, an Atom feed, a JSON Feed and a Google News sitemap
(behind a sitemap index), with robots.txt (one disallowed path, a crawl delay) and ETag / If-None-Match.

Usage: scripts/test-site/serve.py [--port 8765] [--shared ../shared] [--batch N] [--crawl-delay S] [--more]
  --batch N   list only the first N articles at first; each request to /publish lists 3 more, so a second crawl
              sees new articles arrive.
  --more      also serve the 181 pages of ../shared/bench/extraction (news sites in English and other languages,
              served without a charset parameter, as many sites do): a bigger site for throughput runs.
Binds 127.0.0.1 only. Every request is logged to stderr.
"""
import argparse
import hashlib
import http.server
import json
import os
import sys
import threading
from email.utils import format_datetime
from datetime import datetime, timezone


def load_pages(shared):
    folder = os.path.join(shared, "corpus", "id-news", "html-pages")
    pages = []
    with open(os.path.join(folder, "index.jsonl"), encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            if entry.get("kind") != "article" or not entry["id"].startswith(("anpandu-", "fundus-")):
                continue
            path = os.path.join(folder, "html", entry["id"] + ".html")
            title = (entry.get("title_tag") or entry["id"]).split(" - ")[0].split(" | ")[0].strip()
            pages.append({"id": entry["id"], "path": path, "title": title, "date": entry.get("date"),
                          "type": "text/html; charset=utf-8"})
    return pages


def load_bench_pages(shared):
    folder = os.path.join(shared, "bench", "extraction", "html")
    pages = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".html"):
            pages.append({"id": "bench-" + name[:16], "path": os.path.join(folder, name), "title": name[:16],
                          "date": None, "type": "text/html"})
    return pages


class Site:
    def __init__(self, pages, batch, crawl_delay):
        self.pages = pages
        self.crawl_delay = crawl_delay
        self.listed = batch if batch else len(pages)
        self.lock = threading.Lock()

    def visible(self):
        with self.lock:
            return self.pages[: self.listed]

    def publish(self, count=3):
        with self.lock:
            self.listed = min(len(self.pages), self.listed + count)
            return self.listed


def when(page):
    text = page["date"]
    if not text:
        return datetime(2016, 2, 23, 9, 0, tzinfo=timezone.utc)
    if len(text) == 10:
        text += "T00:00:00+07:00"
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def documents(site, base):
    pages = site.visible()
    rss_items = "".join(
        "<item><title>{}</title><link>{}/berita/{}.html?utm_source=rss</link><guid>{}</guid>"
        "<pubDate>{}</pubDate></item>".format(
            escape(p["title"]), base, p["id"], p["id"], format_datetime(when(p))) for p in pages[0::2])
    atom_entries = "".join(
        '<entry><title>{}</title><link rel="alternate" href="{}/berita/{}.html"/><id>urn:{}</id>'
        "<updated>{}</updated></entry>".format(
            escape(p["title"]), base, p["id"], p["id"], when(p).isoformat()) for p in pages[1::2])
    news = "".join(
        "<url><loc>{}/berita/{}.html</loc><news:news><news:publication><news:name>Situs Uji</news:name>"
        "<news:language>id</news:language></news:publication><news:publication_date>{}</news:publication_date>"
        "<news:title>{}</news:title></news:news></url>".format(
            base, p["id"], when(p).isoformat(), escape(p["title"])) for p in pages[2::3])
    json_feed = {
        "version": "https://jsonfeed.org/version/1.1", "title": "Situs Uji", "home_page_url": base + "/",
        "items": [{"id": p["id"], "url": "{}/berita/{}.html".format(base, p["id"]), "title": p["title"],
                   "date_published": when(p).isoformat()} for p in pages[1::3]],
    }
    return {
        "/rss.xml": ("application/rss+xml", '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                     "<title>Situs Uji</title><link>{}/</link>{}</channel></rss>".format(base, rss_items)),
        "/atom.xml": ("application/atom+xml", '<?xml version="1.0" encoding="utf-8"?>'
                      '<feed xmlns="http://www.w3.org/2005/Atom"><title>Situs Uji</title>{}</feed>'.format(
                          atom_entries)),
        "/feed.json": ("application/feed+json", json.dumps(json_feed, ensure_ascii=False)),
        "/sitemap-index.xml": ("application/xml", '<?xml version="1.0"?><sitemapindex '
                               'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>{}/sitemap-news.xml'
                               "</loc></sitemap></sitemapindex>".format(base)),
        "/sitemap-news.xml": ("application/xml", '<?xml version="1.0"?><urlset '
                              'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                              'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{}</urlset>'.format(news)),
        "/robots.txt": ("text/plain", "User-agent: *\nDisallow: /private/\nCrawl-delay: {}\n"
                        "Sitemap: {}/sitemap-index.xml\n".format(site.crawl_delay, base)),
        "/feeds.txt": ("text/plain", "# Situs Uji on loopback\n{0}/rss.xml\n{0}/atom.xml\n{0}/feed.json\n"
                       "{0}/sitemap-index.xml\n".format(base)),
    }


def handler_for(site, pages_by_id):
    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "WartaTestSite/1.0"

        def do_GET(self):
            base = "http://{}:{}".format(*self.server.server_address[:2])
            path = self.path.split("?")[0].split("#")[0]
            if path == "/publish":
                return self.send(200, "text/plain", "listed {}\n".format(site.publish()).encode())
            if path.startswith("/berita/") and path.endswith(".html"):
                page = pages_by_id.get(path[len("/berita/"):-len(".html")])
                if page is None:
                    return self.send(404, "text/plain", b"not found\n")
                with open(page["path"], "rb") as handle:
                    return self.send(200, page["type"], handle.read())
            doc = documents(site, base).get(path)
            if doc is None:
                return self.send(404, "text/plain", b"not found\n")
            return self.send(200, doc[0] + "; charset=utf-8", doc[1].encode("utf-8"))

        def send(self, status, content_type, body):
            etag = '"{}"'.format(hashlib.sha256(body).hexdigest()[:16])
            if status == 200 and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if status == 200:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, fmt, *args):
            sys.stderr.write("test-site: %s %s\n" % (self.address_string(), fmt % args))

    return Handler


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--shared", default=os.path.join(here, "..", "..", "..", "shared"))
    parser.add_argument("--batch", type=int, default=0)
    parser.add_argument("--crawl-delay", default="0.5", help="robots.txt Crawl-delay in seconds")
    parser.add_argument("--more", action="store_true", help="also serve the pages of bench/extraction")
    args = parser.parse_args()
    pages = load_pages(args.shared)
    if args.more:
        pages += load_bench_pages(args.shared)
    if not pages:
        sys.exit("error: no pages under {}/corpus/id-news/html-pages".format(args.shared))
    site = Site(pages, args.batch, args.crawl_delay)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler_for(site, {p["id"]: p for p in pages}))
    sys.stderr.write("test-site: http://127.0.0.1:{}/ ({} articles, {} listed)\n".format(
        args.port, len(pages), len(site.visible())))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
