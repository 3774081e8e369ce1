import Foundation
import Testing
import WartaCore
import WartaExtract
import WartaTestSupport

/// Layer 1 of the seed golden tests: must-have and must-not-have strings, kept as data in
/// `Tests/Fixtures/expectations.json`.
@Suite("Seed extraction")
struct SeedExtractionTests {
    struct Expectation: Decodable {
        var outlet: String
        var outletSource: String
        var byline: String?
        var titleDerived: Bool
        var relatedCount: Int
        var relatedDistinct: Int
        var relatedInline: Int
        var bodyContains: [String]
        var bodyExcludes: [String]
        var paragraphs: Int

        enum CodingKeys: String, CodingKey {
            case outlet, byline, paragraphs
            case outletSource = "outlet_source"
            case titleDerived = "title_derived"
            case relatedCount = "related_count"
            case relatedDistinct = "related_distinct"
            case relatedInline = "related_inline"
            case bodyContains = "body_contains"
            case bodyExcludes = "body_excludes"
        }
    }

    static func expectations() throws -> [String: Expectation] {
        try JSONDecoder().decode([String: Expectation].self, from: Data(try Fixtures.bytes("expectations.json")))
    }

    static func extract(_ seed: String) throws -> Article? {
        let raw = RawDocument(origin: seed, bytes: try Fixtures.bytes("seeds/\(seed)"), contentType: .plainText)
        let extractor = PlainTextExtractor(rules: try DebrisRules.bundled())
        if case .kept(let article) = try extractor.process(raw, context: StageContext()) { return article }
        return nil
    }

    @Test("holds every must-have and must-not-have of the seed", arguments: Fixtures.seedNames)
    func seed(_ name: String) throws {
        let expected = try #require(try Self.expectations()[name])
        let article = try #require(try Self.extract(name))
        #expect(
            article.outlet == Outlet(domain: expected.outlet, source: Outlet.Source(rawValue: expected.outletSource)!))
        #expect(article.byline == expected.byline)
        #expect(article.titleDerived == expected.titleDerived)
        #expect(!article.title.isEmpty)
        #expect(article.related.count == expected.relatedCount)
        #expect(Set(article.related.map(\.title)).count == expected.relatedDistinct)
        #expect(article.related.filter { $0.kind == .inline }.count == expected.relatedInline)
        for needle in expected.bodyContains { #expect(article.body.contains(needle), "body lacks \"\(needle)\"") }
        for needle in expected.bodyExcludes { #expect(!article.body.contains(needle), "body still has \"\(needle)\"") }
        #expect(article.body.components(separatedBy: "\n\n").count == expected.paragraphs)
        #expect(article.encoding == "utf-8")
    }

    @Test("lifts the Artikel Terkait block of seed 000 in order, up to the end of the file")
    func relatedBlock() throws {
        let article = try #require(try Self.extract(Fixtures.seedNames[0]))
        let block = article.related.filter { $0.kind == .block }.map(\.title)
        #expect(block.count == 10)
        #expect(block.first == "Ratusan Truk Bantuan Kemanusiaan Gaza Menumpuk Tunggu Izin Israel")
        #expect(block.last == "Amerika Serikat Sepakat Kirim Bom Seberat 500 Pon Ke Israel")
        #expect(
            article.related.first == RelatedLink(title: "Gawat!!! Pernyataan NATO Buat Tiongkok Ngamuk", kind: .inline))
    }

    @Test("derives a title from the lead and flags it")
    func derivedTitle() throws {
        let article = try #require(try Self.extract(Fixtures.seedNames[1]))
        #expect(article.titleDerived)
        #expect(article.title.hasPrefix("Pembicaraan rahasia antara Iran dan Amerika di Oman"))
        #expect(article.title.count <= 111)
    }
}
