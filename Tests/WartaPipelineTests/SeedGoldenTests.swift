import Foundation
import Testing
import WartaCore
import WartaPipeline
import WartaStore
import WartaTestSupport

/// Layer 3 of the seed golden tests: the full output for each seed, pretty-printed with sorted keys.
@Suite("Seed golden files")
struct SeedGoldenTests {
    static let pipeline = Result { try ArticlePipeline.bundled() }

    static func article(_ seed: String) throws -> IndexedArticle? {
        let raw = RawDocument(origin: seed, bytes: try Fixtures.bytes("seeds/\(seed)"), contentType: .plainText)
        if case .article(let indexed) = try pipeline.get().process(raw) { return indexed }
        return nil
    }

    @Test("matches the golden file", arguments: Fixtures.seedNames)
    func golden(_ seed: String) throws {
        let indexed = try #require(try Self.article(seed))
        let json = JSONOutput.encode(ArticleJSON(indexed.article), pretty: true) + "\n"
        let outcome = Golden.check(json, name: seed.replacingOccurrences(of: ".txt", with: ".json"))
        #expect(outcome == .match, "\(outcome)")
    }

    @Test("reads both seeds as Indonesian and splits their sentences")
    func annotations() throws {
        let first = try #require(try Self.article(Fixtures.seedNames[0])).article
        let second = try #require(try Self.article(Fixtures.seedNames[1])).article
        #expect(first.language == .indonesian)
        #expect(second.language == .indonesian)
        // 000 has six paragraphs; the quote paragraph is one sentence ending "(11/07/2024)."
        #expect(first.sentences.count == 6)
        #expect(first.sentences.contains { $0.span.text(in: first.body).hasSuffix("dikutip Reuters (11/07/2024).") })
        #expect(second.sentences.count == 14)
        #expect(first.tokenCount > 100 && second.tokenCount > 200)
    }

    @Test("indexes stems, so the forms of one word meet")
    func stems() throws {
        let first = try #require(try Self.article(Fixtures.seedNames[0]))
        let terms = Set(first.bodyTerms.split(separator: " ").map(String.init))
        #expect(terms.contains("runding"))  // perundingan
        #expect(terms.contains("negosiasi"))  // negosiasinya
        #expect(!terms.contains("perundingan"))
    }
}

/// Search over the stored seeds, through the store and the analyser together.
@Suite("Search")
struct SearchTests {
    static func seededStore() async throws -> (InMemoryStore, ArticlePipeline) {
        let pipeline = try ArticlePipeline.bundled()
        let store = InMemoryStore()
        for seed in Fixtures.seedNames {
            let raw = RawDocument(origin: seed, bytes: try Fixtures.bytes("seeds/\(seed)"), contentType: .plainText)
            guard case .article(let indexed) = pipeline.process(raw) else { throw Fixtures.MissingFixture(path: seed) }
            _ = try await store.insert(indexed, raw: raw)
        }
        return (store, pipeline)
    }

    @Test("\"berunding\" finds both seeds through \"perundingan\" and \"Perundingan\"")
    func berunding() async throws {
        let (store, pipeline) = try await Self.seededStore()
        let results = try await SearchService(index: store, analyzer: pipeline.analyzer).search("berunding", limit: 10)
        #expect(results.count == 2)
        #expect(results.allSatisfy { !$0.snippet.highlights.isEmpty })
    }

    @Test("\"negosiasi\" finds \"negosiasinya\" and marks it in the snippet")
    func negosiasi() async throws {
        let (store, pipeline) = try await Self.seededStore()
        let results = try await SearchService(index: store, analyzer: pipeline.analyzer).search("negosiasi", limit: 10)
        let seed000 = try #require(results.first { $0.article.origin == Fixtures.seedNames[0] })
        #expect(seed000.snippet.marked().contains("**negosiasinya**"))
    }

    @Test("every word must match; an empty query is an error")
    func semantics() async throws {
        let (store, pipeline) = try await Self.seededStore()
        let service = SearchService(index: store, analyzer: pipeline.analyzer)
        #expect(try await service.search("McGurk Muscat", limit: 10).map(\.article.origin) == [Fixtures.seedNames[1]])
        #expect(try await service.search("McGurk Pezeshkian", limit: 10).isEmpty)
        await #expect(throws: WartaError.self) { try await service.search("?! --", limit: 10) }
    }
}
