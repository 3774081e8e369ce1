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
            try await Self.sameViews(
                QueryService.bundled(store: sqlite), QueryService.bundled(store: postgres), queries: ["iran", "nikel*"])
        }
    }

    /// What a view or an API call shows, as sorted JSON: two stores answer alike when these are equal.
    static func shown(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Every page of a list, following its cursors.
    static func allPages<Item>(_ page: (String?) async throws -> Page<Item>) async throws -> [Page<Item>] {
        var pages = [try await page(nil)]
        while let cursor = pages.last?.nextCursor, pages.count < 1_000 { pages.append(try await page(cursor)) }
        return pages
    }

    /// The read model built in each store, and every view of the query layer read from it: storylines (both
    /// orders, page by page), storyline, event and article pages, entities, quotes, timelines, article lists under
    /// each filter, search totals and facets, counts over time.
    static func sameViews(_ sqlite: QueryService, _ postgres: QueryService, queries: [String]) async throws {
        #expect(try await sqlite.refresh())
        #expect(try await postgres.refresh())
        #expect(try await !postgres.refresh(), "a second refresh without a change rebuilds nothing")
        var compared = 0
        func same<Value: Encodable>(_ what: String, _ view: (QueryService) async throws -> Value) async throws {
            let expected = try shown(try await view(sqlite))
            let found = try shown(try await view(postgres))
            #expect(
                found == expected,
                "\(what) differs:\nPostgreSQL \(found.prefix(2_000))\nSQLite     \(expected.prefix(2_000))")
            compared += 1
        }
        for order in StorylineOrder.allCases {
            try await same("storylines \(order)") { queries in
                try await allPages { try await queries.storylines(order: order, cursor: $0, limit: 7) }
            }
        }
        let storylines = try await sqlite.storylines(order: .largest, limit: 20).items
        #expect(storylines.count >= 10)
        #expect(storylines.first.map { $0.articleCount >= 3 } ?? false, "some storyline holds several articles")
        for line in storylines {
            try await same("storyline \(line.id)") { try await $0.storyline(line.id) }
            try await same("timeline of storyline \(line.id)") { queries in
                try await allPages { try await queries.timeline(storyline: line.id, cursor: $0, limit: 5) }
            }
            try await same("articles of storyline \(line.id)") { queries in
                try await allPages {
                    try await queries.articles(ArticleFilter(storyline: line.id), cursor: $0, limit: 4)
                }
            }
            for event in try await sqlite.events(ofStoryline: line.id).prefix(3) {
                try await same("event \(event.id)") { try await $0.event(event.id) }
            }
        }
        try await same("entities") { queries in
            try await allPages { try await queries.entities(cursor: $0, limit: 25) }
        }
        try await same("entities named ir…") { try await $0.entities(name: "ir", limit: 50) }
        let entities = try await sqlite.entities(limit: 15).items
        #expect(entities.count == 15)
        for entity in entities {
            try await same("entity \(entity.id)") { try await $0.entity(entity.id) }
            try await same("articles naming entity \(entity.id)") { queries in
                try await allPages {
                    try await queries.articles(ArticleFilter(entity: entity.id), cursor: $0, limit: 6)
                }
            }
            try await same("quotes of entity \(entity.id)") { try await $0.quotes(speaker: entity.id, limit: 50) }
            try await same("timeline of entity \(entity.id)") { try await $0.timeline(entity: entity.id, limit: 50) }
        }
        try await same("quotes") { queries in try await allPages { try await queries.quotes(cursor: $0, limit: 9) } }
        try await same("all articles") { queries in
            try await allPages { try await queries.articles(ArticleFilter(), cursor: $0, limit: 13) }
        }
        let days = try await sqlite.articles(ArticleFilter(), limit: 400).items.compactMap { $0.published?.prefix(10) }
        if let first = days.last.map(String.init), let last = days.first.map(String.init) {
            try await same("articles \(first) to \(first)") { queries in
                try await allPages {
                    try await queries.articles(ArticleFilter(since: first, until: first), cursor: $0, limit: 5)
                }
            }
            try await same("articles since \(last)") { try await $0.articles(ArticleFilter(since: last), limit: 100) }
        }
        for outlet in Set(try await sqlite.articles(ArticleFilter(), limit: 400).items.compactMap(\.outlet)).sorted()
            .prefix(4)
        {
            try await same("articles of \(outlet)") { try await $0.articles(ArticleFilter(outlet: outlet), limit: 400) }
        }
        for id in try await sqlite.articles(ArticleFilter(), limit: 400).items.map(\.id).prefix(10) {
            try await same("article \(id)") { try await $0.article(id) }
        }
        for query in queries {
            // Ranking differs (bm25 against ts_rank): the same matches, totals, facets and counts over time.
            let expected = try await sqlite.search(query, limit: 1_000)
            let found = try await postgres.search(query, limit: 1_000)
            #expect(
                found.total == expected.total && expected.total > 0,
                "\(query): \(found.total) against \(expected.total)")
            #expect(Set(found.items.map(\.article.id)) == Set(expected.items.map(\.article.id)), "\(query)")
            #expect(try shown(found.facets) == shown(expected.facets), "\(query): facets")
            for bucket in Bucket.allCases {
                try await same("\(query) over \(bucket)") { try await $0.countOverTime(query, bucket: bucket) }
            }
        }
        #expect(compared >= 100)
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
