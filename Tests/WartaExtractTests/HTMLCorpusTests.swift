import Foundation
import Testing
import WartaCore
import WartaExtract
import WartaTestSupport

/// ``HTMLExtractor`` on the real Indonesian pages in ../shared/corpus/id-news/html-pages (read in place, never
/// copied). Skipped, with a message, when ../shared is not beside the repository.
@Suite("HTML extraction on real Indonesian pages")
struct HTMLCorpusTests {
    static let folder = Fixtures.shared?.appendingPathComponent("corpus/id-news/html-pages")

    struct Page: Decodable {
        var id: String
        var url: String?
        var date: String?
        var kind: String
    }

    static func pages() throws -> [Page] {
        guard let folder, let data = FileManager.default.contents(atPath: folder.path + "/index.jsonl") else {
            return []
        }
        return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(Page.self, from: Data($0)) }
    }

    static func extract(_ page: Page) throws -> Article? {
        guard let folder else { return nil }
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("html/\(page.id).html")))
        let extractor = HTMLExtractor(
            rules: try DebrisRules.bundled(),
            configuration: .init(defaultFetchTime: Date(timeIntervalSince1970: 1_800_000_000)))
        let raw = RawDocument(origin: page.id, url: page.url, bytes: bytes, contentType: .html)
        if case .kept(let article) = try extractor.process(raw, context: StageContext()) { return article }
        return nil
    }

    @Test("every article page: a body without debris, and the date its markup states")
    func articles() throws {
        let pages = try Self.pages().filter { $0.kind == "article" }
        if pages.isEmpty {
            print("skipped: ../shared/corpus/id-news/html-pages is not beside the repository")
            return
        }
        #expect(pages.count == 36)
        for page in pages {
            let article = try #require(try Self.extract(page), "\(page.id) gave no article")
            // Photo pages ("readfoto") carry a caption-length text only.
            #expect(article.body.utf8.count > 100, "\(page.id): body too short")
            for debris in ["Baca Juga", "Baca juga", "BACA JUGA", "Artikel Terkait", "Berita Terkait", "Komentar"] {
                #expect(!article.body.contains(debris), "\(page.id): body holds \(debris)")
            }
            #expect(!article.body.hasPrefix(article.title), "\(page.id): the headline is in the body")
            #expect(!article.title.hasSuffix("ANTARA News"), "\(page.id): title keeps the outlet")
            // The index's date is the page's own date meta (or its URL date): the extractor must agree.
            guard let stated = page.date else { continue }
            let published = try #require(article.published, "\(page.id): no date, page states \(stated)")
            if !stated.contains("T") {
                // The index states a day only (the URL's): the page's own time, when it gives one, must fall on it.
                #expect(
                    HTMLExtractor.isoString(published).prefix(10) == stated.prefix(10),
                    "\(page.id): \(published.text) (\(published.source)) vs \(stated)")
            } else if Self.hasZone(stated) {
                #expect(published.date == Self.instant(stated), "\(page.id): \(published.text) vs \(stated)")
            } else {
                // The index wrote the page's local time without its zone; the page's own markup (JSON-LD) gives
                // the zone, so the wall-clock part must agree.
                #expect(
                    published.text.prefix(19).replacingOccurrences(of: " ", with: "T") == stated.prefix(19),
                    "\(page.id): \(published.text) (\(published.source)) vs \(stated)")
            }
        }
    }

    /// Whether an ISO 8601 text ends in a zone ("Z", "+07:00").
    static func hasZone(_ text: String) -> Bool {
        text.hasSuffix("Z") || text.dropFirst(19).contains("+") || text.dropFirst(19).contains("-")
    }

    /// "2015-11-05T14:56:43+07:00", "2022-12-10T13:19:56" (no zone: read as UTC, as the extractor does) or a
    /// bare date.
    static func instant(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        if let date = formatter.date(from: text + "Z") { return date }
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text)
    }

    @Test("feeds and index pages are dropped as not articles, and kept when asked")
    func nonArticles() throws {
        guard let folder = Self.folder else {
            print("skipped: ../shared/corpus/id-news/html-pages is not beside the repository")
            return
        }
        // Kompas's two index pages say og:type "article"; their text is the teasers of the headlines they list.
        let expected: [String: String] = [
            "anpandu-antara-mainpage": "feed", "anpandu-detik-mainpage": "feed", "anpandu-kapanlagi-mainpage": "feed",
            "anpandu-republika-mainpage": "feed", "anpandu-okezone-mainpage": "index page",
            "anpandu-tempoen-mainpage": "index page", "anpandu-kompas-mainpage": "index page",
            "anpandu-kompas-mainpage-v2": "index page", "anpandu-tempo-mainpage": "index page",
        ]
        let indexPages = try Self.pages().filter { $0.kind == "index" }
        #expect(indexPages.count == 11)
        var extractor = HTMLExtractor(
            rules: try DebrisRules.bundled(),
            configuration: .init(defaultFetchTime: Date(timeIntervalSince1970: 1_800_000_000)))
        for page in indexPages {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("html/\(page.id).html")))
            let raw = RawDocument(origin: page.id, bytes: bytes, contentType: .html)
            extractor.configuration.keepNonArticles = false
            guard case .dropped(let reason) = try extractor.process(raw, context: StageContext()) else {
                Issue.record("\(page.id) was kept as an article")
                continue
            }
            guard let kind = expected[page.id] else {
                // liputan6's and viva's index pages leave no text at all (viva's only a copyright line).
                #expect(reason.code == DropReason.noText.code, "\(page.id): \(reason)")
                continue
            }
            #expect(reason.code == "not-article", "\(page.id): \(reason)")
            #expect(reason.message.contains(kind), "\(page.id): \(reason)")
            extractor.configuration.keepNonArticles = true
            guard case .kept = try extractor.process(raw, context: StageContext()) else {
                Issue.record("\(page.id) was dropped with --keep-non-articles")
                continue
            }
        }
        #expect(Set(indexPages.map(\.id)).isSuperset(of: expected.keys))
    }

    @Test("must-have sentences and bylines on pages read by hand")
    func mustHave() throws {
        guard Self.folder != nil else {
            print("skipped: ../shared/corpus/id-news/html-pages is not beside the repository")
            return
        }
        let cases: [(id: String, starts: String, has: String, byline: String?)] = [
            ("anpandu-antara-singlepage", "Mataram, NTB (ANTARA News) - Sebanyak 29 penerbangan", "Lombok", nil),
            ("anpandu-detik-singlepage", "Galaxy S6 Edge, dengan material premium", "Google", nil),
            ("anpandu-liputan6-singlepage", "Indonesia memasuki fase dinamis", "Indosat Ooredoo", "Corry Anestia"),
            ("tisorlawan-detik-1", "Polisi masih mendalami percekcokan", "pemobil", "Mulia Budi"),
            ("fundus-mediaindonesia_2026_01_08", "INDEKS Harga Saham Gabungan", "IHSG", "Indriyani Astuti"),
        ]
        for item in cases {
            let page = Page(id: item.id, url: nil, date: nil, kind: "article")
            let article = try #require(try Self.extract(page))
            #expect(article.body.hasPrefix(item.starts), "\(item.id): starts \(article.body.prefix(80))")
            #expect(article.body.contains(item.has))
            if let byline = item.byline { #expect(article.byline == byline, "\(item.id)") }
        }
    }

    @Test("the three pages with gold text: title, date, and most gold sentences")
    func gold() throws {
        guard let folder = Self.folder else {
            print("skipped: ../shared/corpus/id-news/html-pages is not beside the repository")
            return
        }
        struct Gold: Decodable {
            struct Body: Decodable {
                struct Section: Decodable { var paragraphs: [String] }
                var sections: [Section]
            }
            var title: String
            var publishing_date: String
            var body: Body
        }
        for id in [
            "fundus-mediaindonesia_2025_10_22", "fundus-mediaindonesia_2026_01_08", "fundus-mediaindonesia_2026_01_20",
        ] {
            let data = try Data(contentsOf: folder.appendingPathComponent("gold/\(id).json"))
            let gold = try JSONDecoder().decode(Gold.self, from: data)
            let article = try #require(try Self.extract(Page(id: id, url: nil, date: nil, kind: "article")))
            // Fundus reads the title from the markup, which leaves out the colon the page's headline (its h1,
            // Warta's title) writes: "… Raja Ampat: Apa Iya Betul Dicabut?". The words must be the same.
            let words = { (text: String) in text.split { !$0.isLetter && !$0.isNumber } }
            #expect(words(article.title) == words(gold.title), "\(id): \(article.title)")
            let stated = gold.publishing_date.replacingOccurrences(of: " ", with: "T")
            #expect(article.published?.date == Self.instant(stated), "\(id)")
            // Gold sentences, compared without spacing: most must be in the body.
            let squeeze = { (text: String) in text.filter { $0.isLetter || $0.isNumber } }
            let body = squeeze(article.body)
            let sentences = gold.body.sections.flatMap(\.paragraphs).flatMap { $0.split(separator: ".") }
                .map { squeeze(String($0)) }.filter { $0.count >= 30 }
            let found = sentences.filter { body.contains($0) }.count
            // The gold keeps image captions, "Baca juga" lines and calls to action glued to sentences, which Warta
            // removes on purpose, so a few gold "sentences" can never match exactly.
            #expect(Double(found) >= 0.7 * Double(sentences.count), "\(id): \(found) of \(sentences.count)")
        }
    }
}
