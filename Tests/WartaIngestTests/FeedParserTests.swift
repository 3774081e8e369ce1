import Foundation
import Testing
import WartaTestSupport

@testable import WartaIngest

/// The feed fixtures of `Tests/Fixtures/feeds` and the facts `scripts/fixtures/make-feed-fixtures.py` recorded
/// about them in `expected.json`.
enum FeedFixtures {
    /// One article as the fixture script wrote it.
    struct Article: Decodable {
        var link: String?
        var loc: String?
        var id: String?
        var title: String?
        var published: String?
        var publishedText: String?
        var authors: [String]?
        var categories: [String]?
        var summary: String?
        var lastmod: String?
        var url: String?
        var siteURL: String?
        var folders: [String]?
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        try Fixtures.bytes("feeds/" + name)
    }

    static func expected(_ name: String) throws -> [Article] {
        let all = try JSONDecoder().decode([String: [Article]].self, from: Data(try bytes("expected.json")))
        return try #require(all[name])
    }

    /// Every string a feed holds, to check that nothing hostile leaked into any of them.
    static func strings(of feed: Feed) -> [String] {
        var strings = [feed.title, feed.link, feed.description, feed.language].compactMap { $0 }
        for item in feed.items {
            strings += [item.link, item.id, item.title, item.publishedText, item.summary, item.contentHTML]
                .compactMap { $0 }
            strings += item.authors + item.categories
        }
        return strings
    }
}

extension Date {
    /// The date as `2025-06-18T00:30:00Z`.
    var isoUTC: String { formatted(.iso8601) }
}

@Suite("Feed parser")
struct FeedParserTests {
    let parser = FeedParser()

    /// Checks the fields the fixture script recorded against the parsed items, in order.
    func expectItems(_ items: [FeedItem], match expected: [FeedFixtures.Article]) {
        #expect(items.count == expected.count)
        for (item, article) in zip(items, expected) {
            #expect(item.link == article.link)
            #expect(item.title == article.title)
            #expect(item.published?.isoUTC == article.published)
            if let id = article.id { #expect(item.id == id) }
            if let text = article.publishedText { #expect(item.publishedText == text) }
            if let authors = article.authors { #expect(item.authors == authors) }
            if let categories = article.categories { #expect(item.categories == categories) }
            if let summary = article.summary { #expect(item.summary == summary) }
        }
    }

    @Test("reads RSS 2.0: detik.com articles with dc:creator, categories, HTML description and content:encoded")
    func rss2() throws {
        let feed = try parser.parse(bytes: FeedFixtures.bytes("detik-rss2.xml"))
        #expect(feed.kind == .rss2)
        #expect(feed.title == "detikcom")
        #expect(feed.link == "https://www.detik.com/")
        #expect(feed.description == "detikcom - Informasi Berita Terkini dan Terbaru Hari Ini")
        #expect(feed.language == "id")
        #expect(feed.warnings.isEmpty)
        let first = try #require(feed.items.first)
        #expect(first.title == #"Uji detik 1: harga & pasokan "naik" di Jakarta"#)
        #expect(
            first.link
                == "https://sport.detik.com/sepakbola/liga-spanyol/d-7969012/peringatan-keras-xabi-alonso-ke-para-pemain-madrid"
        )
        #expect(first.id == "rss25-0103adcf0785")
        #expect(first.published?.isoUTC == "2025-06-17T13:00:00Z")
        #expect(first.publishedText == "Tue, 17 Jun 2025 20:00:00 +0700")
        #expect(first.isPublishedZoneAssumed == false)
        #expect(first.authors == ["Penulis Uji Detik1"])
        #expect(first.categories == ["Sepakbola"])
        #expect(first.contentHTML?.hasPrefix("<p>Kalimat pertama berita uji 1 dari detik") == true)
        #expect(first.summary?.hasPrefix("<p>") == false)
        expectItems(feed.items, match: try FeedFixtures.expected("detik-rss2.xml"))
    }

    @Test("reads RSS 1.0 (RDF): kompas.com items beside the channel, dc:date, & in links decoded")
    func rss1() throws {
        let feed = try parser.parse(bytes: FeedFixtures.bytes("kompas-rdf.xml"))
        #expect(feed.kind == .rss1)
        #expect(feed.title == "Kompas.com")
        #expect(feed.link == "https://www.kompas.com/")
        #expect(feed.language == "id")
        let first = try #require(feed.items.first)
        #expect(
            first.link
                == "https://lifestyle.kompas.com/read/2025/06/20/180700020/6-cara-mencegah-love-scamming-batasi-informasi-diri-di-media-sosial?utm_source=ABC&utm_medium=rss"
        )
        #expect(first.published?.isoUTC == "2025-06-20T11:07:00Z")
        #expect(first.authors == ["Penulis Uji Kompas1"])
        expectItems(feed.items, match: try FeedFixtures.expected("kompas-rdf.xml"))
    }

    @Test("reads Atom 1.0: liputan6.com, relative links resolved against xml:base, feed author inherited")
    func atom() throws {
        let feed = try parser.parse(bytes: FeedFixtures.bytes("liputan6-atom.xml"))
        #expect(feed.kind == .atom)
        #expect(feed.title == "Liputan6.com")
        #expect(feed.link == "https://www.liputan6.com/")
        #expect(feed.description == "Berita terkini hari ini")
        #expect(feed.language == "id")
        let first = try #require(feed.items.first)
        #expect(
            first.link == "https://www.liputan6.com/saham/read/6054867/harga-emas-berkilau-bagaimana-prospek-saham-brms"
        )
        #expect(first.published?.isoUTC == "2025-06-17T10:00:00Z")
        #expect(first.updated?.isoUTC == "2025-06-17T10:00:00Z")
        #expect(first.authors == ["Penulis Uji Liputan61"])
        #expect(first.contentHTML?.hasPrefix("<p>Kalimat pertama berita uji 1 dari liputan6") == true)
        #expect(feed.items.last?.authors == ["Redaksi Liputan6.com"])
        expectItems(feed.items, match: try FeedFixtures.expected("liputan6-atom.xml"))
    }

    @Test("reads JSON Feed 1.1: tempo.co items with authors and tags")
    func jsonFeed() throws {
        let feed = try parser.parse(bytes: FeedFixtures.bytes("tempo-jsonfeed.json"))
        #expect(feed.kind == .jsonFeed)
        #expect(feed.title == "Tempo.co")
        #expect(feed.link == "https://www.tempo.co/")
        #expect(feed.language == "id")
        let first = try #require(feed.items.first)
        #expect(
            first.link
                == "https://tekno.tempo.co/read/2019820/trump-kembali-tunda-pemblokiran-tiktok-hingga-17-september")
        #expect(first.title == #"Uji tempo 1: harga & pasokan "naik" di Jakarta"#)
        #expect(first.published?.isoUTC == "2025-06-20T11:36:00Z")
        #expect(first.authors == ["Penulis Uji Tempo1"])
        #expect(first.categories == ["tekno"])
        #expect(first.contentHTML?.hasPrefix("<p>") == true)
        expectItems(feed.items, match: try FeedFixtures.expected("tempo-jsonfeed.json"))
    }

    @Test("reads JSON Feed 1.0: a single author object, a numeric id, a relative url")
    func jsonFeed10() throws {
        let json = """
            {"version": "https://jsonfeed.org/version/1", "title": "Antara",
             "home_page_url": "https://www.antaranews.com/",
             "author": {"name": "Redaksi Antara"},
             "items": [{"id": 4871234, "url": "/berita/4871234/ekspor-kopi-naik", "title": "Ekspor kopi naik",
                        "content_text": "Ekspor kopi naik 12 persen.", "date_published": "2025-06-19T10:00:00+07:00"}]}
            """
        let feed = try parser.parse(bytes: Array(json.utf8), url: "https://www.antaranews.com/feed.json")
        let item = try #require(feed.items.first)
        #expect(item.id == "4871234")
        #expect(item.link == "https://www.antaranews.com/berita/4871234/ekspor-kopi-naik")
        #expect(item.authors == ["Redaksi Antara"])
        #expect(item.summary == "Ekspor kopi naik 12 persen.")
        #expect(item.published?.isoUTC == "2025-06-19T03:00:00Z")
    }

    @Test("Atom details: nested xml:base, link preference, xhtml and text content, Atom 0.3 without a namespace")
    func atomDetails() throws {
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://www.antaranews.com/">
              <title type="html">Antara &lt;i&gt;News&lt;/i&gt;</title>
              <entry xml:base="berita/">
                <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Ekspor <b>kopi</b></div></title>
                <link rel="self" href="https://www.antaranews.com/api/1"/>
                <link rel="alternate" type="application/pdf" href="1.pdf"/>
                <link href="4871234/ekspor-kopi"/>
                <id>urn:uuid:1</id>
                <updated>2025-06-19T10:00:00+07:00</updated>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Ekspor <em>naik</em></p></div></content>
                <category term="ekonomi" label="Ekonomi"/>
              </entry>
              <entry>
                <title>Tanpa tautan alternatif</title>
                <id>https://www.antaranews.com/berita/2</id>
                <content type="text">1 &lt; 2 &amp; 3</content>
              </entry>
            </feed>
            """
        let feed = try parser.parse(bytes: Array(atom.utf8))
        #expect(feed.title == "Antara News")
        #expect(feed.items[0].title == "Ekspor kopi")
        #expect(feed.items[0].link == "https://www.antaranews.com/berita/4871234/ekspor-kopi")
        #expect(feed.items[0].published?.isoUTC == "2025-06-19T03:00:00Z")
        #expect(feed.items[0].contentHTML == "<p>Ekspor <em>naik</em></p>")
        #expect(feed.items[0].categories == ["Ekonomi"])
        #expect(feed.items[1].link == "https://www.antaranews.com/berita/2")
        #expect(feed.items[1].contentHTML == "1 &lt; 2 &amp; 3")
        let old = """
            <feed version="0.3"><title>Lama</title><link rel="alternate" href="https://lama.example.id/"/>
            <entry><title>Satu</title><link href="https://lama.example.id/1"/><issued>2004-06-18T07:30:00+07:00</issued>
            <modified>2004-06-19T07:30:00+07:00</modified><author><name>Redaksi</name></author></entry></feed>
            """
        let legacy = try parser.parse(bytes: Array(old.utf8))
        #expect(legacy.kind == .atom)
        #expect(legacy.link == "https://lama.example.id/")
        #expect(legacy.items.first?.published?.isoUTC == "2004-06-18T00:30:00Z")
        #expect(legacy.items.first?.updated?.isoUTC == "2004-06-19T00:30:00Z")
        #expect(legacy.items.first?.authors == ["Redaksi"])
    }

    @Test("RSS details: feedburner:origLink wins over link, atom:link and dc:date fill in, multiple dc:creator")
    func rssDetails() throws {
        let rss = """
            <rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"
                 xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>Tempo</title><atom:link rel="alternate" href="https://www.tempo.co/"/>
            <item><title>A</title><link>https://feeds.feedburner.com/~r/tempo/~3/abc</link>
              <feedburner:origLink>https://www.tempo.co/politik/a</feedburner:origLink>
              <dc:date>2025-06-18T07:30:00+07:00</dc:date>
              <dc:creator>Andi</dc:creator><dc:creator>Budi</dc:creator><dc:creator>Andi</dc:creator></item>
            <item><title>B</title><atom:link rel="alternate" href="/ekonomi/b"/><dc:subject>Ekonomi</dc:subject></item>
            </channel></rss>
            """
        let feed = try parser.parse(bytes: Array(rss.utf8))
        #expect(feed.link == "https://www.tempo.co/")
        #expect(feed.items[0].link == "https://www.tempo.co/politik/a")
        #expect(feed.items[0].published?.isoUTC == "2025-06-18T00:30:00Z")
        #expect(feed.items[0].authors == ["Andi", "Budi"])
        #expect(feed.items[1].link == "https://www.tempo.co/ekonomi/b")
        #expect(feed.items[1].categories == ["Ekonomi"])
    }

    @Test("reads the Indonesian page dates sloppy feeds put in pubDate, and the name in `email (Name)`")
    func rawDates() throws {
        let feed = try parser.parse(bytes: FeedFixtures.bytes("raw-dates-rss2.xml"))
        #expect(feed.items.allSatisfy { $0.published != nil && $0.isPublishedZoneAssumed == false })
        let republika = feed.items.filter { $0.link?.contains("republika.co.id") == true }
        #expect(republika.count == 2)
        #expect(republika.allSatisfy { $0.title == nil && $0.summary?.hasPrefix("Kalimat pertama berita uji") == true })
        expectItems(feed.items, match: try FeedFixtures.expected("raw-dates-rss2.xml"))
    }

    @Test("tells the kind from the content, whatever the URL says")
    func kindFromContent() throws {
        let atom = try parser.parse(bytes: FeedFixtures.bytes("liputan6-atom.xml"), url: "https://x.example/rss.json")
        #expect(atom.kind == .atom)
        var json = [UInt8]([0xEF, 0xBB, 0xBF]) + Array("\n  ".utf8)
        json += try FeedFixtures.bytes("tempo-jsonfeed.json")
        #expect(try parser.parse(bytes: json, url: "https://x.example/atom.xml").kind == .jsonFeed)
    }

    @Test("resolves relative links against the feed URL, then the channel link; drops javascript: links")
    func relativeLinks() throws {
        let rss = """
            <rss version="2.0"><channel><title>t</title><link>https://www.detik.com/</link>
            <item><title>a</title><link>/berita/a b</link></item>
            <item><title>b</title><link>javascript:alert(1)</link></item>
            <item><title>c</title><guid>https://www.detik.com/berita/c</guid></item>
            <item><title>d</title><guid isPermaLink="false">https://www.detik.com/berita/d</guid></item>
            </channel></rss>
            """
        let fromChannel = try parser.parse(bytes: Array(rss.utf8))
        #expect(
            fromChannel.items.map(\.link) == [
                "https://www.detik.com/berita/a%20b", nil, "https://www.detik.com/berita/c", nil,
            ])
        let fromURL = try parser.parse(bytes: Array(rss.utf8), url: "https://news.detik.com/rss/index.xml")
        #expect(fromURL.items.first?.link == "https://news.detik.com/berita/a%20b")
    }

    @Test("decodes HTML entities, survives an unescaped &, reads broken dates, undeclared prefixes and stray <")
    func hostileEntities() throws {
        let feed = try parser.parse(bytes: FeedFixtures.bytes("hostile-entities.xml"))
        #expect(feed.title == "Berita Rusak — Uji")
        #expect(feed.description == "Feed yang ditulis dengan ceroboh & entitas HTML…")
        #expect(feed.items.count == 6)
        let items = feed.items
        #expect(items[0].title == "Harga Emas & Perak Naik — Investor Waspada…")
        #expect(items[0].link == "https://www.detik.com/search?q=emas&tag=harga")
        #expect(items[0].published?.isoUTC == "2025-06-18T00:30:00Z")
        #expect(items[0].authors == ["Retno Ayuningrum"])
        #expect(items[0].summary == "Harga emas naik lagi – kata analis.")
        #expect(items[1].title == "Tom & Jerry Tayang Lagi di Televisi")
        #expect(items[1].published?.isoUTC == "2025-06-19T00:30:00Z")
        #expect(items[1].authors == ["Irfan Kamil"])
        #expect(items[2].title == "Jum’at Berkah © 2025 &unknownentity;")
        #expect(items[2].published?.isoUTC == "2025-06-18T07:30:00Z")
        #expect(items[2].isPublishedZoneAssumed)
        #expect(items[2].summary == "Kontrol karakter \u{FFFD} dan dibuang")
        #expect(items[3].title == "Bentrok di Perbatasan")
        #expect(items[3].published == nil)
        #expect(items[3].publishedText == "kemarin")
        #expect(items[4].title == "Gempa M 5,2 Guncang Sulawesi & Maluku")
        #expect(items[4].link == "https://www.detik.com/berita/gempa-m52")
        #expect(items[4].published?.isoUTC == "2025-06-19T01:15:00Z")
        #expect(items[5].title == "Skor 2 < 3, Persib Kalah di Kandang")
        #expect(items[5].published?.isoUTC == "2025-06-19T01:15:00Z")
        #expect(items[5].categories == ["Sepak Bola"])
        #expect(feed.warnings == [.recoveredMarkup(errors: 1, firstLine: 11)])
    }

    @Test("a billion-laughs bomb neither hangs nor expands: no string over 4 KB, no entity text repeated")
    func billionLaughs() throws {
        let clock = ContinuousClock()
        var feed: Feed?
        let elapsed = try clock.measure {
            feed = try parser.parse(bytes: FeedFixtures.bytes("hostile-billion-laughs.xml"))
        }
        let parsed = try #require(feed)
        #expect(elapsed < .seconds(5))
        #expect(parsed.items.count == 1)
        #expect(parsed.items.first?.title == "Berita &lol9; &lol9; &lol9;")
        #expect(parsed.items.first?.link == "https://bom.example.id/berita/1?x=&lol9;")
        #expect(FeedFixtures.strings(of: parsed).allSatisfy { $0.utf8.count < 4_096 && !$0.contains("lollol") })
        #expect(parsed.warnings.contains(.removedDoctype))
    }

    @Test("an XXE attempt reads no file and fetches nothing")
    func externalEntities() throws {
        let feed = try parser.parse(bytes: FeedFixtures.bytes("hostile-xxe.xml"))
        let passwd = String(decoding: FileManager.default.contents(atPath: "/etc/passwd") ?? Data(), as: UTF8.self)
        let firstLine = String(passwd.split(separator: "\n").first ?? "root:x:0:0")
        #expect(feed.items.first?.title == "Rahasia: &xxe;")
        #expect(feed.items.first?.link == "https://xxe.example.id/berita/rahasia")
        #expect(feed.items.first?.authors == ["&xxe;"])
        #expect(FeedFixtures.strings(of: feed).allSatisfy { !$0.contains(firstLine) && !$0.contains("root:") })
        #expect(feed.warnings.contains(.removedDoctype))
    }

    @Test("a truncated feed keeps the complete items and says it recovered")
    func truncated() throws {
        let feed = try parser.parse(bytes: FeedFixtures.bytes("hostile-truncated.xml"))
        #expect(feed.items.count == 3)
        #expect(feed.items[0].title == "Rampungkan I-EAEU FTA, RI Perkuat Diplomasi Ekonomi dengan Rusia")
        #expect(feed.items[0].published?.isoUTC == "2025-06-20T08:15:00Z")
        #expect(feed.items[1].authors == ["Dea Duta Aulia"])
        #expect(feed.items[2].title == "Rasa Syukur Raffa Affar Lagu Sakitku Takkan Terobati Hits di Radio")
        #expect(feed.warnings.contains { if case .recoveredMarkup = $0 { true } else { false } })
    }

    @Test("a feed that says UTF-8 but holds Latin-1 bytes still yields its text, read as windows-1252")
    func lyingCharset() throws {
        let feed = try parser.parse(bytes: FeedFixtures.bytes("hostile-lying-charset.xml"))
        #expect(feed.title == "Café Berita")
        #expect(feed.items.first?.title == "Kafe di Bandung: café au lait “terbaik”")
        #expect(feed.warnings == [.repairedEncoding(invalidBytes: 4)])
    }

    @Test("reads ISO-8859-1 as windows-1252, UTF-16 with a byte-order mark, KOI8-R, and an unknown label as UTF-8")
    func charsets() throws {
        let latin = try parser.parse(bytes: FeedFixtures.bytes("hostile-windows-1252.xml"))
        #expect(latin.title == "Jum’at Berkah")
        #expect(latin.items.first?.title == "Menteri: “Harga beras stabil” – pasokan aman")
        let utf16 = try parser.parse(bytes: FeedFixtures.bytes("hostile-utf16.xml"))
        #expect(utf16.title == "UTF-16 Berita")
        #expect(utf16.items.first?.title == "Ekspor kopi naik — BPS")
        #expect(utf16.items.first?.published?.isoUTC == "2025-06-20T02:00:00Z")
        // Other charsets are libxml2's to decode; a label nobody knows is read as UTF-8.
        var koi8 = Array(#"<?xml version="1.0" encoding="KOI8-R"?><rss><channel><title>"#.utf8)
        koi8 += [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4] + Array("</title></channel></rss>".utf8)
        #expect(try parser.parse(bytes: koi8).title == "Привет")
        let bogus = #"<?xml version="1.0" encoding="x-bogus-42"?><rss><channel><title>Café</title></channel></rss>"#
        #expect(try parser.parse(bytes: Array(bogus.utf8)).title == "Café")
    }

    @Test("decompresses gzip before telling the kind: a gzip sitemap is seen as <urlset>, not as binary")
    func gzip() throws {
        let compressed = try FeedFixtures.bytes("okezone-news-sitemap.xml.gz")
        #expect(throws: FeedError.unexpectedRoot(found: "urlset", expected: ["rss", "rdf:RDF", "feed"])) {
            try parser.parse(bytes: compressed)
        }
    }

    @Test("refuses what is not a feed, with a clear reason")
    func refusals() throws {
        #expect(throws: FeedError.unrecognisedFormat(found: "binary data", expected: "an RSS, Atom or JSON feed")) {
            try parser.parse(bytes: FeedFixtures.bytes("binary-blob.bin"))
        }
        #expect(throws: FeedError.unexpectedRoot(found: "html", expected: ["rss", "rdf:RDF", "feed"])) {
            try parser.parse(bytes: FeedFixtures.bytes("hostile-html-page.html"))
        }
        #expect(throws: FeedError.empty) { try parser.parse(bytes: []) }
        #expect(throws: FeedError.empty) { try parser.parse(bytes: Array(" \n\t".utf8)) }
        #expect(throws: FeedError.unrecognisedFormat(found: "plain text", expected: "an RSS, Atom or JSON feed")) {
            try parser.parse(bytes: Array("https://www.detik.com/rss".utf8))
        }
        #expect(throws: FeedError.unrecognisedFormat(found: "JSON that is not a JSON Feed", expected: "a JSON Feed")) {
            try parser.parse(bytes: Array(#"{"judul": "bukan feed"}"#.utf8))
        }
        #expect(throws: FeedError.malformedJSON(reason: "not valid JSON")) {
            try parser.parse(bytes: Array(#"{"version": "https://jsonfeed.org/version/1.1", "items": [}"#.utf8))
        }
        #expect(throws: FeedError.malformedJSON(reason: "nesting deeper than 64 levels at byte offset 68")) {
            try parser.parse(bytes: Array(("{\"a\":" + String(repeating: "[", count: 100_000)).utf8))
        }
    }

    @Test("broken XML without a root is an error with its line")
    func malformed() throws {
        let error = #expect(throws: FeedError.self) { try parser.parse(bytes: Array("\n\n<<< >>>".utf8)) }
        guard case .malformedXML(let line, _) = error else {
            Issue.record("expected malformedXML, got \(String(describing: error))")
            return
        }
        #expect(line == 3)
    }

    @Test("refuses input over the byte limit and keeps only the configured number of items")
    func limits() throws {
        var configuration = FeedParser.Configuration()
        configuration.maxBytes = 1_000
        let bytes = try FeedFixtures.bytes("detik-rss2.xml")
        #expect(throws: FeedError.tooLarge(bytes: bytes.count, limit: 1_000)) {
            try FeedParser(configuration: configuration).parse(bytes: bytes)
        }
        configuration = FeedParser.Configuration()
        configuration.maxItems = 3
        let feed = try FeedParser(configuration: configuration).parse(bytes: bytes)
        #expect(feed.items.count == 3)
        #expect(feed.warnings == [.truncated(kept: 3, dropped: 5)])
    }

    @Test("stops at libxml2's depth limit on deeply nested markup, and caps 20,000 items at the default 10,000")
    func hostileShapes() throws {
        let deep =
            "<rss><channel><item><title>Dalam</title><description>" + String(repeating: "<b>", count: 100_000)
            + "x" + String(repeating: "</b>", count: 100_000) + "</description></item></channel></rss>"
        let feed = try parser.parse(bytes: Array(deep.utf8))
        #expect(feed.items.first?.title == "Dalam")
        #expect(feed.warnings.contains { if case .recoveredMarkup = $0 { true } else { false } })
        var many = "<rss><channel><title>Banyak</title>"
        for index in 0..<20_000 { many += "<item><link>https://www.detik.com/b/\(index)</link></item>" }
        many += "</channel></rss>"
        let capped = try parser.parse(bytes: Array(many.utf8))
        #expect(capped.items.count == 10_000)
        #expect(capped.items.last?.link == "https://www.detik.com/b/9999")
        #expect(capped.warnings == [.truncated(kept: 10_000, dropped: 10_000)])
    }

    @Test("errors and warnings read as sentences, word for word")
    func messages() {
        #expect(
            FeedError.tooLarge(bytes: 2_048, limit: 100).description
                == "the input is 2048 bytes, over the limit of 100 bytes")
        #expect(
            FeedError.unexpectedRoot(found: "html", expected: ["rss", "rdf:RDF", "feed"]).description
                == "the root element is <html>, not one of <rss>, <rdf:RDF>, <feed>")
        #expect(
            FeedError.malformedXML(line: 3, reason: "Start tag expected, '<' not found").description
                == "line 3: the input is not usable XML: Start tag expected, '<' not found")
        #expect(
            FeedWarning.truncated(kept: 3, dropped: 5).description
                == "kept the first 3 entries and dropped 5 over the limit")
        #expect(
            FeedWarning.recoveredMarkup(errors: 1, firstLine: 11).description
                == "recovered from 1 markup error, the first on line 11")
    }

    /// What the process writes to stderr while `body` runs (other tests' output included, so check for words).
    /// Into a file, not a pipe: a writer never blocks, whatever other tests write meanwhile.
    static func standardError(during body: () -> Void) -> String {
        let path = NSTemporaryDirectory() + "warta-stderr-\(UUID().uuidString)"
        let file = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        guard file >= 0 else { return "" }
        defer {
            close(file)
            unlink(path)
        }
        let saved = dup(2)
        fflush(nil)
        dup2(file, 2)
        body()
        fflush(nil)
        dup2(saved, 2)
        close(saved)
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    @Test("bytes the declared encoding cannot convert are a warning, and libxml2 writes nothing to stderr")
    func encodingErrorsStayQuiet() throws {
        // Found by the feed fuzzer: libxml2 reported these through its generic error function, to stderr.
        let bytes = try Fixtures.bytes("fuzz/feed/encoding-error-euc-jp.xml")
        var warnings: [FeedWarning] = []
        let output = Self.standardError {
            warnings = (try? FeedParser().parse(bytes: bytes))?.warnings ?? []
        }
        #expect(!output.contains("encoding error") && !output.contains("encoder error"), "\(output)")
        #expect(warnings.count == 1)
    }
}
