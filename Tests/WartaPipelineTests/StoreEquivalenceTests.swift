import Foundation
import Testing
import WartaCore
import WartaIngest
import WartaQuery
import WartaStore
import WartaStorePostgres
import WartaStoreSQLite
import WartaTestSupport

@testable import WartaPipeline

/// The same documents through the same pipeline into SQLite and into PostgreSQL: the same articles, the same
/// linker decisions, and every query matching the same articles.
@Suite(
    "SQLite and PostgreSQL stores answer alike",
    .enabled(
        if: ProcessInfo.processInfo.environment["WARTA_TEST_POSTGRES"].map { !$0.isEmpty } ?? false,
        "no PostgreSQL server configured: set WARTA_TEST_POSTGRES=postgres://user@127.0.0.1:5432/postgres (scripts/test starts a scratch server)"
    ))
struct StoreEquivalenceTests {
    static func dump(_ article: Article) -> String {
        Mirror(reflecting: article).children.map { "\($0.label ?? ""): \($0.value)" }.joined(separator: "\n")
    }

    static let server = ProcessInfo.processInfo.environment["WARTA_TEST_POSTGRES"] ?? ""

    /// The seeds, then the first `count` articles of rss-2025-06 (six outlets, one week: stories across outlets).
    static func documents(count: Int) throws -> [ReadItem] {
        let shared = try #require(Fixtures.shared, "needs ../shared beside the repository")
        let reader = FileReader(configuration: FileReader.Configuration())
        let seeds = Fixtures.seedNames.map { Fixtures.directory.appendingPathComponent("seeds/\($0)").path }
        let corpus = shared.appendingPathComponent("corpus/id-news/rss-2025-06/articles.jsonl.gz").path
        return Array(reader.items(paths: seeds)) + Array(reader.items(paths: [corpus]).prefix(count))
    }

    /// Queries a user would type, made from the stored titles: words, two words, phrases, OR, NOT, prefixes and
    /// the title field.
    static func queries(from articles: [Article]) -> [String] {
        var queries = ["berunding", "nuklir iran", "\"Gedung Putih\"", "iran OR israel", "iran -israel", "nikel*"]
        for article in articles.prefix(40) {
            let words = article.title.split(whereSeparator: { !$0.isLetter }).map(String.init).filter {
                $0.count >= 5
            }
            guard words.count >= 2 else { continue }
            queries += [
                words[0], "\(words[0]) \(words[1])", "\"\(words[0]) \(words[1])\"", "\(words[0]) OR \(words[1])",
                "\(words[0]) -\(words[1])", "title:\(words[1])", String(words[0].prefix(4)) + "*",
            ]
        }
        return queries
    }

    @Test("seeds and 200 rss-2025-06 articles: the same articles, links and search matches in both stores")
    func sameAnswers() async throws {
        let items = try Self.documents(count: 200)
        let pipeline = try ArticlePipeline.bundled()
        let directory = try Fixtures.temporaryDirectory("equivalence")
        defer { try? FileManager.default.removeItem(at: directory) }
        let sqlite = try SQLiteStore(path: directory.appendingPathComponent("e.sqlite").path)
        let sqliteReport = await IngestRunner(pipeline: pipeline, store: sqlite).run(items: items)
        try await PostgresDatabases.withScratchStore(serverURL: Self.server, prefix: "warta_test") { postgres in
            let postgresReport = await IngestRunner(pipeline: pipeline, store: postgres).run(items: items)
            #expect(sqliteReport.new == postgresReport.new)
            #expect(sqliteReport.new >= 190)
            #expect(postgresReport.failed.isEmpty, "\(postgresReport.failed)")
            let stored = try await sqlite.allArticles()
            let postgresArticles = try await postgres.allArticles()
            #expect(postgresArticles.count == stored.count)
            for (a, b) in zip(postgresArticles, stored) where a != b {
                Issue.record("article \(b.id.map(\.rawValue) ?? 0) differs:\n\(Self.dump(a))\n\(Self.dump(b))")
                break
            }
            let links = try await sqlite.links()
            #expect(links.count == stored.count)
            #expect(try await postgres.links() == links)
            let syntax = SearchSyntax(analyzer: pipeline.analyzer)
            var compared = 0
            var matched = 0
            for query in Self.queries(from: stored) {
                let parsed = try syntax.parse(query)
                let search = SearchQuery(parsed.expression, limit: 100_000)
                let expected = Set(try await sqlite.rankedMatches(search).map(\.id))
                let found = Set(try await postgres.rankedMatches(search).map(\.id))
                #expect(found == expected, "\(query): PostgreSQL \(found.sorted()), SQLite \(expected.sorted())")
                compared += 1
                matched += expected.count
            }
            // The queries are not vacuous: most match something.
            #expect(compared >= 200)
            #expect(matched >= compared)
            let seeds = try await postgres.search(SearchQuery(try syntax.parse("berunding").expression, limit: 10))
            #expect(seeds.count == 2)
        }
    }
}

@Suite("Store linker: writers")
struct WriterLivenessTests {
    @Test("a writer on this machine whose process is gone is dead; others and malformed names are not")
    func gone() {
        let host = ProcessInfo.processInfo.hostName
        let me = ProcessInfo.processInfo.processIdentifier
        #expect(!StoreLinker.isGone("\(host):\(me):1"))
        #expect(!StoreLinker.isGone("\(host):1:7"))  // init lives
        #expect(StoreLinker.isGone("\(host):\(Int32.max - 3):7"))
        #expect(!StoreLinker.isGone("another-machine:\(Int32.max - 3):7"))
        #expect(!StoreLinker.isGone("a"))
        #expect(!StoreLinker.isGone("h:x:1"))
    }
}
