import Foundation
import Testing
import WartaCore
import WartaExtract
import WartaHTML
import WartaTestSupport

/// Behaviour of ``HTMLExtractor`` on small pages written by hand.
@Suite("HTML extraction")
struct HTMLExtractorTests {
    static let rules = Result { try DebrisRules.bundled() }
    static let fetchTime = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01T00:00:00Z

    static func extract(
        _ html: String, url: String? = "https://www.example.co.id/berita/1", declared: String? = nil
    ) throws -> Article {
        try extract(bytes: Array(html.utf8), url: url, declared: declared)
    }

    static func extract(bytes: [UInt8], url: String? = nil, declared: String? = nil) throws -> Article {
        let extractor = HTMLExtractor(rules: try rules.get(), configuration: .init(defaultFetchTime: fetchTime))
        let document = RawDocument(
            origin: "test.html", url: url, bytes: bytes, contentType: .html, declaredCharset: declared)
        switch try extractor.process(document, context: StageContext()) {
        case .kept(let article): return article
        case .dropped(let reason): throw reason
        }
    }

    static func page(_ body: String, head: String = "") -> String {
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\(head)</head><body>\(body)</body></html>"
    }

    static let paragraphs = (1...4).map {
        "<p>Paragraf \($0): pembicaraan tidak langsung sedang dilakukan melalui Oman, kata seorang pejabat, "
            + "dan kedua pihak membahas pertukaran tahanan serta sanksi.</p>"
    }.joined()

    @Test("a page nested past the parser's depth limit: text above the limit is kept, text below it is reported")
    func nestedPastTheLimit() throws {
        let deep =
            String(repeating: "<div>", count: 100_000) + Self.paragraphs
            + String(repeating: "</div>", count: 100_000)
        do {
            _ = try Self.extract(Self.page(deep))
            Issue.record("text below 100,000 nested elements was extracted")
        } catch let reason as DropReason {
            #expect(reason.code == "too-deep")
            #expect(reason.message == "no article text before the page nests elements 257 deep, where parsing stops")
        }
        // The same article before the deep part is read as usual.
        let article = try Self.extract(Self.page("<article>\(Self.paragraphs)</article>" + deep))
        #expect(article.body.contains("Paragraf 4"))
    }

    @Test("the hand-written news page: body, metadata, related links and no debris")
    func fullPage() throws {
        let bytes = try Fixtures.bytes("html/berita-lengkap.html")
        let article = try Self.extract(bytes: bytes, url: "https://www.gemalantang.com/x")
        #expect(article.title == "Pembicaraan Iran dan AS Berlanjut di Oman")
        #expect(article.body.hasPrefix("Pembicaraan tidak langsung sedang dilakukan melalui Oman"))
        #expect(article.body.contains("\n\nAli Bagheri Kani, yang memimpin delegasi Iran"))
        #expect(article.body.contains("Tahap berikutnya"))
        #expect(article.body.contains("Pertukaran tahanan dibahas lebih dulu."))
        #expect(article.body.contains("\"Kami datang dengan itikad baik,\""))
        #expect(article.body.hasSuffix("pintu diplomasi tetap terbuka."))
        for debris in [
            "Baca Juga", "Artikel Terkait", "GEMALANTANG.COM --", "WhatsApp", "cookie", "newsletter", "Semoga damai",
            "Terpopuler", "Hak cipta", "Foto: Dok.", "bukan teks", "Beranda", "Pembicaraan Iran dan AS Berlanjut",
        ] {
            #expect(!article.body.contains(debris), "body still holds \(debris)")
        }
        #expect(article.outlet == Outlet(domain: "gemalantang.com", source: .dateline))
        #expect(article.byline == "Andari Ulan Nugrahani")
        #expect(article.published?.source == .jsonLD)
        #expect(article.published?.date == ISO8601DateFormatter().date(from: "2024-07-11T01:30:00Z"))
        #expect(article.published.map(HTMLExtractor.isoString) == "2024-07-11T08:30:00+07:00")
        #expect(article.modified?.date == ISO8601DateFormatter().date(from: "2024-07-11T03:00:00Z"))
        #expect(article.canonicalURL == "https://www.gemalantang.com/internasional/2024/07/11/pembicaraan-iran-as")
        #expect(article.language == .indonesian)
        #expect(article.section == "Internasional")
        #expect(article.tags == ["Iran", "Amerika Serikat", "Oman"])
        let related = article.related.map { "\($0.kind.rawValue) \($0.title) <\($0.url ?? "")>" }
        // The sidebar's "Terpopuler" list is a related block too (id.tsv), after the article's own links.
        #expect(
            related.prefix(3) == [
                "inline Muscat Menjadi Tuan Rumah Perundingan "
                    + "<https://www.gemalantang.com/internasional/2024/07/10/muscat-menjadi-tuan-rumah>",
                "block Iran Tolak Tuduhan Soal Pengayaan Uranium <https://www.gemalantang.com/a/1>",
                "block Oman Kembali Jadi Penengah <https://www.gemalantang.com/a/2>",
            ])
    }

    @Test("metadata falls back in order: meta, then <time>, then URL, then dateline")
    func dateOrder() throws {
        let meta = try Self.extract(
            Self.page(
                Self.paragraphs, head: "<meta property=\"article:published_time\" content=\"2020-05-01T10:00:00Z\">"))
        #expect(meta.published?.source == .meta)
        let time = try Self.extract(
            Self.page("<time datetime=\"2021-03-04T05:06:07+07:00\">x</time>" + Self.paragraphs))
        #expect(time.published?.source == .time)
        #expect(time.published?.date == ISO8601DateFormatter().date(from: "2021-03-03T22:06:07Z"))
        let url = try Self.extract(Self.page(Self.paragraphs), url: "https://example.com/2019/08/17/merdeka")
        #expect(url.published?.source == .url)
        let dateline = try Self.extract(
            Self.page("<div class=\"date\">Kamis, 05 November 2015 | 14:56 WIB</div>" + Self.paragraphs))
        #expect(dateline.published?.source == .dateline)
        #expect(dateline.published?.date == ISO8601DateFormatter().date(from: "2015-11-05T07:56:00Z"))
    }

    @Test("dates after the fetch time or before 1995 are refused")
    func implausibleDates() throws {
        let future = try Self.extract(
            Self.page(
                Self.paragraphs, head: "<meta property=\"article:published_time\" content=\"2031-01-01T00:00:00Z\">"))
        #expect(future.published == nil)
        let old = try Self.extract(
            Self.page(Self.paragraphs, head: "<meta property=\"article:published_time\" content=\"1994-12-31\">"))
        #expect(old.published == nil)
    }

    @Test("title loses its outlet suffix; bylines lose junk")
    func titleAndByline() throws {
        let article = try Self.extract(
            Self.page(
                Self.paragraphs,
                head: "<title>Banjir Melanda Jakarta Utara | Example News</title>"
                    + "<meta property=\"og:site_name\" content=\"Example News\">"
                    + "<meta name=\"author\" content=\"By Siti Aminah | Senior Reporter\">"))
        #expect(article.title == "Banjir Melanda Jakarta Utara")
        #expect(article.byline == "Siti Aminah")
        let desk = try Self.extract(Self.page(Self.paragraphs, head: "<meta name=\"author\" content=\"Tim Redaksi\">"))
        #expect(desk.byline == "Tim Redaksi")
    }

    @Test("charset: a windows-1252 page that claims UTF-8 is read as windows-1252")
    func lyingCharset() throws {
        var bytes = Array(
            Self.page(
                "<p>O caf\u{E9} abre \u{E0}s seis, diz o jornal da pra\u{E7}a, e todos v\u{E3}o.</p>" + Self.paragraphs
            ).utf8)
        // Re-encode the accented letters as single windows-1252 bytes, keeping the UTF-8 claim.
        bytes = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        let article = try Self.extract(bytes: bytes)
        #expect(article.encoding == "windows-1252")
        #expect(article.body.contains("O café abre às seis"))
    }

    @Test("charset: <meta charset>, a declared header, a UTF-16 BOM")
    func charsets() throws {
        let latin =
            Array("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf".utf8) + [0xE9]
            + Array(" com leite, disse ele.</p>\(Self.paragraphs)</body></html>".utf8)
        #expect(try Self.extract(bytes: latin).body.hasPrefix("Café com leite"))
        let declared = Array("<p>Caf".utf8) + [0xE9] + Array(" e p\u{E3}o.</p>\(Self.paragraphs)".utf8)
        #expect(try Self.extract(bytes: declared, declared: "windows-1252").encoding == "windows-1252")
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in Self.page(Self.paragraphs).utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try Self.extract(bytes: utf16).encoding == "utf-16le")
    }

    @Test("output is NFC")
    func nfc() throws {
        let article = try Self.extract(Self.page("<p>Cafe\u{301} di Jakarta.</p>" + Self.paragraphs))
        #expect(article.body.hasPrefix("Caf\u{E9} di Jakarta."))
        #expect(article.body.unicodeScalars.contains("\u{301}") == false)
    }

    @Test("binary junk is dropped with a reason; truncated HTML still gives its text")
    func badInput() throws {
        var junk: [UInt8] = []
        var state: UInt32 = 7
        for _ in 0..<10_000 {
            state = state &* 1_103_515_245 &+ 12_345
            junk.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        #expect(throws: DropReason.self) { try Self.extract(bytes: junk) }
        let page = Self.page(Self.paragraphs)
        let truncated = String(page.prefix(page.utf8.count * 3 / 4))
        #expect(try Self.extract(truncated).body.contains("Paragraf 2"))
    }

    @Test("deeply nested markup does not overflow the stack")
    func deepNesting() {
        let html =
            String(repeating: "<div>", count: 100_000) + "<p>Teks.</p>" + String(repeating: "</div>", count: 100_000)
        let document = HTMLDocument.parse(Array(html.utf8))
        // libxml2 caps nesting; whatever it keeps, every walk is iterative.
        _ = document.textContent(of: 0)
        #expect(document.nodes.count > 0)
        #expect(document.stoppedAtDepth == 257)
        #expect(throws: (any Error).self) { try Self.extract(html) }
    }

    @Test("scripts, styles and comments never reach the text; JSON-LD is kept")
    func prescan() {
        let html =
            "<p>a<script>x = '</p><p>b';</script>c<!-- <p>d</p> -->e<style>p{}</style></p>"
            + "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\"}</script><svg><text>f</text></svg>"
        let document = HTMLDocument.parse(Array(html.utf8))
        #expect(document.textContent(of: 0) == "ace")
        #expect(document.jsonLD == ["{\"@type\": \"NewsArticle\"}"])
    }
}
