import Foundation
import Testing
import WartaTestSupport

@testable import WartaIngest

@Suite("Sitemap parser")
struct SitemapParserTests {
    let parser = SitemapParser()

    @Test("reads a Google News sitemap: okezone.com pages with lastmod, publication, date and title; images ignored")
    func newsSitemap() throws {
        let sitemap = try parser.parse(bytes: FeedFixtures.bytes("okezone-news-sitemap.xml"))
        #expect(sitemap.kind == .urlSet)
        #expect(sitemap.sitemaps.isEmpty)
        #expect(sitemap.warnings.isEmpty)
        let first = try #require(sitemap.urls.first)
        #expect(
            first.location
                == "https://bola.okezone.com/read/2025/06/18/49/3148258/resmi-bhayangkara-fc-rekrut-mantan-pemain-persija-jakarta"
        )
        #expect(first.lastModified?.isoUTC == "2025-06-18T02:31:00Z")
        #expect(first.lastModifiedText == "2025-06-18T09:31:00+07:00")
        #expect(first.news?.publicationName == "Okezone")
        #expect(first.news?.language == "id")
        #expect(first.news?.publicationDate?.isoUTC == "2025-06-18T02:31:00Z")
        #expect(first.news?.title == #"Uji okezone 1: harga & pasokan "naik" di Jakarta"#)
        let expected = try FeedFixtures.expected("okezone-news-sitemap.xml")
        #expect(sitemap.urls.map(\.location) == expected.compactMap(\.loc))
        #expect(sitemap.urls.map(\.news?.title) == expected.map(\.title))
        #expect(sitemap.urls.map(\.news?.publicationDate?.isoUTC) == expected.map(\.published))
        #expect(sitemap.urls.allSatisfy { !$0.location.contains("img.okezone.com") })
    }

    @Test("reads gzip by its magic number, to the same result as the plain file")
    func gzip() throws {
        let plain = try parser.parse(bytes: FeedFixtures.bytes("okezone-news-sitemap.xml"))
        let compressed = try FeedFixtures.bytes("okezone-news-sitemap.xml.gz")
        #expect(compressed.starts(with: [0x1F, 0x8B]))
        #expect(try parser.parse(bytes: compressed) == plain)
    }

    @Test("refuses truncated gzip and gzip that decompresses past the limit")
    func hostileGzip() throws {
        #expect(throws: FeedError.corruptGzip(reason: "truncated")) {
            try parser.parse(bytes: FeedFixtures.bytes("truncated-sitemap.xml.gz"))
        }
        #expect(throws: FeedError.decompressedTooLarge(limit: 50 * 1024 * 1024)) {
            try parser.parse(bytes: FeedFixtures.bytes("gzip-bomb-sitemap.xml.gz"))
        }
        var configuration = SitemapParser.Configuration()
        configuration.maxDecompressedBytes = 1_000
        #expect(throws: FeedError.decompressedTooLarge(limit: 1_000)) {
            try SitemapParser(configuration: configuration).parse(
                bytes: FeedFixtures.bytes("okezone-news-sitemap.xml.gz"))
        }
        #expect(throws: FeedError.corruptGzip(reason: "corrupt (zlib status -3)")) {
            try parser.parse(bytes: [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0xFF, 0xFF, 0xFF, 0xFF])
        }
        #expect(
            FeedError.decompressedTooLarge(limit: 1_000).description
                == "the gzip data decompresses to more than the limit of 1000 bytes")
    }

    @Test("reads a sitemap index: child sitemaps with lastmod")
    func index() throws {
        let sitemap = try parser.parse(bytes: FeedFixtures.bytes("sitemap-index.xml"))
        #expect(sitemap.kind == .index)
        #expect(sitemap.urls.isEmpty)
        let expected = try FeedFixtures.expected("sitemap-index.xml")
        #expect(sitemap.sitemaps.count == 18)
        #expect(sitemap.sitemaps.first?.location == "https://www.detik.com/sitemap/news-2025-06-18.xml")
        #expect(sitemap.sitemaps.first?.lastModified?.isoUTC == "2025-06-18T16:58:00Z")
        #expect(sitemap.sitemaps.map(\.location) == expected.compactMap(\.loc))
        #expect(sitemap.sitemaps.map(\.lastModified?.isoUTC) == expected.map(\.lastmod))
    }

    @Test("reads a plain-text sitemap: one URL a line, blank lines ignored, other lines skipped and counted")
    func plainText() throws {
        let text = "\u{FEFF}https://www.detik.com/berita/1\r\n\r\nbukan url\nhttps://www.detik.com/berita/2\n/relatif\n"
        let sitemap = try parser.parse(bytes: Array(text.utf8))
        #expect(sitemap.kind == .text)
        #expect(sitemap.urls.map(\.location) == ["https://www.detik.com/berita/1", "https://www.detik.com/berita/2"])
        #expect(sitemap.warnings == [.skippedEntries(count: 2, firstLine: 3)])
        let based = try parser.parse(bytes: Array(text.utf8), url: "https://www.detik.com/sitemap.txt")
        #expect(based.urls.last?.location == "https://www.detik.com/relatif")
    }

    @Test("skips entries without loc, resolves relative loc, ignores image:loc, and caps the entry count")
    func entries() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
                    xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
              <url><loc>https://www.tempo.co/politik/a</loc><lastmod>2025-06-18</lastmod></url>
              <url><image:image><image:loc>https://img.tempo.co/x.jpg</image:loc></image:image></url>
              <url><loc>/ekonomi/b</loc><lastmod>bukan tanggal</lastmod></url>
              <url><loc>https://www.tempo.co/c</loc></url>
            </urlset>
            """
        let sitemap = try parser.parse(bytes: Array(xml.utf8), url: "https://www.tempo.co/sitemap.xml")
        #expect(
            sitemap.urls.map(\.location) == [
                "https://www.tempo.co/politik/a", "https://www.tempo.co/ekonomi/b", "https://www.tempo.co/c",
            ])
        #expect(sitemap.urls[0].lastModified?.isoUTC == "2025-06-18T00:00:00Z")
        #expect(sitemap.urls[1].lastModified == nil)
        #expect(sitemap.urls[1].lastModifiedText == "bukan tanggal")
        #expect(sitemap.warnings == [.skippedEntries(count: 1, firstLine: 5)])
        var configuration = SitemapParser.Configuration()
        configuration.maxEntries = 2
        let capped = try SitemapParser(configuration: configuration).parse(bytes: Array(xml.utf8))
        #expect(capped.urls.map(\.location) == ["https://www.tempo.co/politik/a"])
        #expect(capped.warnings == [.truncated(kept: 2, dropped: 2), .skippedEntries(count: 1, firstLine: 5)])
    }

    @Test("refuses binary data, a feed, and input over the byte limit")
    func refusals() throws {
        #expect(throws: FeedError.unrecognisedFormat(found: "binary data", expected: "a sitemap")) {
            try parser.parse(bytes: FeedFixtures.bytes("binary-blob.bin"))
        }
        #expect(throws: FeedError.unexpectedRoot(found: "rss", expected: ["urlset", "sitemapindex"])) {
            try parser.parse(bytes: FeedFixtures.bytes("detik-rss2.xml"))
        }
        var configuration = SitemapParser.Configuration()
        configuration.maxBytes = 100
        let bytes = try FeedFixtures.bytes("sitemap-index.xml")
        #expect(throws: FeedError.tooLarge(bytes: bytes.count, limit: 100)) {
            try SitemapParser(configuration: configuration).parse(bytes: bytes)
        }
    }

    @Test("an entity bomb in a sitemap expands nothing")
    func entityBomb() throws {
        let xml = """
            <!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
            <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
            <urlset><url><loc>https://www.kompas.com/&d;</loc><lastmod>&d;</lastmod></url></urlset>
            """
        let sitemap = try parser.parse(bytes: Array(xml.utf8))
        #expect(sitemap.urls.map(\.location) == ["https://www.kompas.com/&d;"])
        #expect(sitemap.urls.first?.lastModifiedText == "&d;")
        #expect(sitemap.warnings.contains(.removedDoctype))
    }
}
