import Foundation
import Testing
import WartaCore
import WartaDates
import WartaExtract
import WartaTestSupport

/// The date checks of issue 4 on the seed articles, extracted as the pipeline extracts them.
@Suite("Seed dates")
struct SeedDateTests {
    static func body(_ seed: String) throws -> String {
        let raw = RawDocument(origin: seed, bytes: try Fixtures.bytes("seeds/\(seed)"), contentType: .plainText)
        let extractor = PlainTextExtractor(rules: try DebrisRules.bundled())
        guard case .kept(let article) = try extractor.process(raw, context: StageContext()) else {
            throw Fixtures.MissingFixture(path: seed)
        }
        return article.body
    }

    @Test("seed 000 states its date: (11/07/2024) is 2024-07-11")
    func seed000() throws {
        let body = try Self.body("000_cecf07360ee17b14.txt")
        let found = try #require(PublishedDateResolver().resolve(body: body))
        #expect(found.mention.iso == "2024-07-11")
        #expect(found.published.text == "(11/07/2024)")
        #expect(found.published.source == .text)
        let mentions = DateAnnotator().mentions(in: body, referenceDate: found.published.date)
        let quoteDate = mentions.first { $0.span.text(in: body) == "(11/07/2024)" }
        #expect(quoteDate?.iso == "2024-07-11")
        #expect(quoteDate?.resolution == .absolute)
    }

    /// Seed 001 is from late May 2024 and states no full date (its resolver result is `nil`). The day is not in
    /// the text; 2024-05-27, a Monday of the last week of May, is assumed so that "pada hari Jumat" is not the
    /// reference day itself. With 2024-05-31, a Friday, "pada hari Jumat" is that same day (on or before).
    @Test(
        "seed 001 resolves its dates against late May 2024",
        arguments: [
            ("2024-05-27", "2024-05-24"), ("2024-05-31", "2024-05-31"),
        ])
    func seed001(reference: String, friday: String) throws {
        let body = try Self.body("001_d4d0aa6ca0a23adc.txt")
        #expect(PublishedDateResolver().resolve(body: body) == nil)
        let mentions = DateAnnotator().mentions(in: body, referenceDate: DateAnnotatorTests.day(reference))
        func iso(_ expression: String) -> String? {
            mentions.first { $0.span.text(in: body) == expression }?.iso
        }
        #expect(iso("7 Oktober") == "2023-10-07")
        #expect(iso("bulan April") == "2024-04")
        #expect(iso("Januari") == "2024-01")
        #expect(iso("awal bulan ini") == "2024-05")
        #expect(iso("hari Jumat") == friday)
        let early = mentions.first { $0.span.text(in: body) == "awal bulan ini" }
        #expect(early?.granularity == .month)
        #expect(early?.modifier == .early)
    }
}
