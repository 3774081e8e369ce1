import Testing
import WartaCore
import WartaExtract
import WartaQuotes
import WartaTestSupport

/// The quote checks of issue 4 on the seed articles, extracted as the pipeline extracts them.
@Suite("Seed quotes")
struct SeedQuoteTests {
    static func body(_ seed: String) throws -> String {
        let raw = RawDocument(origin: seed, bytes: try Fixtures.bytes("seeds/\(seed)"), contentType: .plainText)
        let extractor = PlainTextExtractor(rules: try DebrisRules.bundled())
        guard case .kept(let article) = try extractor.process(raw, context: StageContext()) else {
            throw Fixtures.MissingFixture(path: seed)
        }
        return article.body
    }

    @Test("seed 000: Bagheri Kani, kata, via Reuters")
    func seed000() throws {
        let body = try Self.body("000_cecf07360ee17b14.txt")
        let quotes = QuoteAnnotator().quotes(in: body)
        let quote = try #require(
            quotes.first {
                $0.span.text(in: body).hasPrefix("Pembicaraan tidak langsung sedang dilakukan melalui Oman")
            })
        #expect(quote.kind == .direct)
        #expect(quote.speaker?.text(in: body) == "Bagheri Kani")
        #expect(quote.speakerKind == .name)
        #expect(quote.cue?.text(in: body) == "kata")
        #expect(quote.relay == ["Reuters"])
        #expect(quote.span.text(in: body).hasSuffix("diceritakan kembali"))
        let whiteHouse = quotes.first { $0.speaker?.text(in: body) == "Juru bicara Gedung Putih" }
        #expect(whiteHouse?.kind == .indirect)
        let etemad = quotes.first { $0.speaker?.text(in: body) == "Ali Bagheri Kank" }
        #expect(etemad?.relay == ["Etemad"])
        #expect(etemad?.role?.text(in: body) == "pejabat luar negeri Iran")
    }

    @Test("seed 001: a source told Middle East Eye, an analyst told MEE")
    func seed001() throws {
        let body = try Self.body("001_d4d0aa6ca0a23adc.txt")
        let quotes = QuoteAnnotator().quotes(in: body)
        let source = try #require(quotes.first { $0.span.text(in: body).hasPrefix("pembicaraan antara Bagheri-Kani") })
        #expect(source.kind == .indirect)
        #expect(source.relay == ["Middle East Eye"])
        #expect(source.speaker?.text(in: body) == "sebuah sumber yang mengetahui masalah tersebut")
        #expect(source.speakerKind == .description)
        #expect(source.cue?.text(in: body) == "mengatakan")
        let analyst = try #require(
            quotes.first { $0.span.text(in: body).hasPrefix("pembicaraan tersebut juga merupakan cara") })
        #expect(analyst.relay == ["MEE"])
        #expect(analyst.speaker?.text(in: body) == "Seorang analis yang dekat dengan pejabat Iran")
        #expect(analyst.speakerKind == .description)
        let axios = quotes.first { $0.relay == ["Axios"] }
        #expect(axios?.cue?.text(in: body) == "melaporkan")
    }
}
