import Foundation
import Testing
import WartaCore
import WartaStore
import WartaStoreSQLite
import WartaTestSupport

/// One conformance suite, run against every store.
@Suite("Store conformance")
struct StoreConformanceTests {
    static func sqliteStore() throws -> (SQLiteStore, URL) {
        let directory = try Fixtures.temporaryDirectory("store")
        return (try SQLiteStore(path: directory.appendingPathComponent("test.sqlite").path), directory)
    }

    @Test("in-memory store: round trip and idempotence")
    func memoryRoundTrip() async throws {
        let problems = try await StoreConformance.roundTripAndIdempotence(InMemoryStore())
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("in-memory store: search")
    func memorySearch() async throws {
        let problems = try await StoreConformance.search(InMemoryStore())
        #expect(problems.isEmpty, "\(problems)")
    }

    /// Runs `check` on a new SQLite store in a temporary folder.
    static func withSQLite(_ check: (SQLiteStore) async throws -> Void) async throws {
        let (store, directory) = try sqliteStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await check(store)
    }

    @Test("SQLite store: round trip and idempotence")
    func sqliteRoundTrip() async throws {
        try await Self.withSQLite { store in
            let problems = try await StoreConformance.roundTripAndIdempotence(store)
            #expect(problems.isEmpty, "\(problems)")
        }
    }

    @Test("SQLite store: search")
    func sqliteSearch() async throws {
        try await Self.withSQLite { store in
            let problems = try await StoreConformance.search(store)
            #expect(problems.isEmpty, "\(problems)")
        }
    }

    @Test("SQLite store: merged events and follow-ups")
    func sqliteMergedEvents() async throws { try await Self.withSQLite(StoryConformance.mergedEvents) }

    @Test("SQLite store: the linker's queue in publication order")
    func sqlitePendingQueue() async throws { try await Self.withSQLite(StoryConformance.pendingQueue) }

    @Test("SQLite store: one linker lease at a time, the old holder fenced off")
    func sqliteLinkerLease() async throws { try await Self.withSQLite(StoryConformance.linkerLease) }

    @Test("SQLite store: writers' heartbeats")
    func sqliteWriters() async throws { try await Self.withSQLite(StoryConformance.writers) }

    @Test("SQLite store: feeds and crawled URLs")
    func sqliteCrawl() async throws { try await Self.withSQLite(StoryConformance.crawl) }

    @Test("SQLite store: the read model, its basis and its orders")
    func sqliteReadModel() async throws { try await Self.withSQLite(StoryConformance.readModel) }

    @Test("SQLite store: the same documents from several tasks at once are stored once")
    func sqliteConcurrentInserts() async throws { try await Self.withSQLite(StoryConformance.concurrentInserts) }
}

@Suite("SQLite store")
struct SQLiteStoreTests {
    @Test("keeps what it stored across reopening, in WAL mode")
    func reopen() async throws {
        let directory = try Fixtures.temporaryDirectory("reopen")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("w.sqlite").path
        let (article, raw) = StoreConformance.sample(1, body: "runding nuklir")
        do {
            let store = try SQLiteStore(path: path)
            #expect(try await store.insert(article, raw: raw) == .inserted(ArticleID(1)))
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.articleCount() == 1)
        #expect(try await reopened.insert(article, raw: raw) == .known(ArticleID(1)))
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("a second process opening a store that another is migrating waits for it instead of failing")
    func concurrentOpen() async throws {
        let directory = try Fixtures.temporaryDirectory("open")
        defer { try? FileManager.default.removeItem(at: directory) }
        // Several rounds on new files: without the retry one in three rounds fails ("table already exists").
        for round in 0..<10 {
            let path = directory.appendingPathComponent("o\(round).sqlite").path
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 { group.addTask { _ = try SQLiteStore(path: path) } }
                try await group.waitForAll()
            }
            #expect(try await SQLiteStore(path: path).pendingLinkCount() == 0)
        }
    }

    @Test("says which file it cannot open")
    func unopenable() throws {
        do {
            _ = try SQLiteStore(path: "/nonexistent-directory/warta.sqlite")
            Issue.record("opened a database in a missing directory")
        } catch let error as WartaError {
            #expect(error.code == "W0301")
            #expect(error.message.hasPrefix("cannot open database \"/nonexistent-directory/warta.sqlite\""))
        }
    }

    @Test("quotes every query term, so FTS5 syntax in a query is only text")
    func matchExpression() {
        #expect(
            SQLiteStore.matchExpressionForTesting([["runding", "berund"], ["iran"]])
                == "((\"runding\" OR \"berund\") AND (\"iran\"))")
        #expect(SQLiteStore.matchExpressionForTesting([["a\"b"]]) == "((\"a\"\"b\"))")
        #expect(SQLiteStore.matchExpressionForTesting([[]]) == nil)
    }
}

/// Checks every store must pass, written once and run by each store's suite.
enum StoryConformance {
    /// Stores the events a decision merged and its follow-up, and reads them back in order.
    static func mergedEvents(_ store: some ArticleStore & StoryStore) async throws {
        var links: [ArticleLink] = []
        for number in 1...3 {
            let (article, raw) = StoreConformance.sample(number, body: "berita \(number)")
            guard case .inserted(let id) = try await store.insert(article, raw: raw) else {
                Issue.record("article \(number) not inserted")
                return
            }
            let merged = number == 3 ? [1, 0] : []
            links.append(
                ArticleLink(
                    article: id, position: number - 1, event: number == 3 ? 2 : number - 1, storyline: 0,
                    duplicateOf: nil, mergedEvents: merged, followUpOf: number == 2 ? 0 : nil))
        }
        var lease = try #require(try await store.acquireLinkerLease(holder: store.session, now: Date(), duration: 30))
        for link in links {
            lease = try await store.saveLink(link, title: "t", dates: nil, lease: lease, now: Date(), duration: 30)
        }
        #expect(try await store.links() == links)
    }

    /// Queues every stored article for the linker in publication order, and a link takes it off the queue.
    static func pendingQueue(_ store: some ArticleStore & StoryStore) async throws {
        var ids: [ArticleID] = []
        // Stored newest first; one undated.
        for (number, day) in [(1, 20.0), (2, 10.0), (3, nil), (4, 15.0)] {
            var (article, raw) = StoreConformance.sample(number, body: "berita \(number)")
            article.article.published = day.map {
                PublishedDate(date: Date(timeIntervalSince1970: $0 * 86_400), text: "d", source: .record)
            }
            guard case .inserted(let id) = try await store.insert(article, raw: raw) else {
                Issue.record("article \(number) not inserted")
                return
            }
            ids.append(id)
        }
        #expect(try await store.pendingLinkCount() == 4)
        #expect(try await store.pendingLinks(limit: 10) == [ids[1], ids[3], ids[0], ids[2]])
        #expect(try await store.pendingLinks(limit: 2) == [ids[1], ids[3]])
        let lease = try #require(try await store.acquireLinkerLease(holder: "a", now: Date(), duration: 30))
        _ = try await store.saveLink(
            ArticleLink(article: ids[1], position: 0, event: 0, storyline: 0, duplicateOf: nil), title: "t",
            dates: nil, lease: lease, now: Date(), duration: 30)
        #expect(try await store.pendingLinks(limit: 10) == [ids[3], ids[0], ids[2]])
        let last = try await store.lastLinkPosition()
        #expect(last == 0)
        // A second decision for a position is refused, not written over the first.
        await #expect(throws: (any Error).self) {
            _ = try await store.saveLink(
                ArticleLink(article: ids[3], position: 0, event: 0, storyline: 0, duplicateOf: nil), title: "t",
                dates: nil, lease: lease, now: Date(), duration: 30)
        }
        #expect(try await store.pendingLinkCount() == 3)
        // Relinking forgets every decision and queues every article again.
        try await store.resetLinks(lease: lease)
        #expect(try await store.links().isEmpty)
        #expect(try await store.pendingLinkCount() == 4)
    }

    /// One linker lease at a time: refused while held, taken over once expired, and the old holder fenced off.
    static func linkerLease(_ store: some ArticleStore & StoryStore) async throws {
        let (article, raw) = StoreConformance.sample(1, body: "berita satu")
        guard case .inserted(let id) = try await store.insert(article, raw: raw) else {
            Issue.record("not inserted")
            return
        }
        let start = Date(timeIntervalSince1970: 1_000_000)
        let first = try #require(try await store.acquireLinkerLease(holder: "a", now: start, duration: 30))
        #expect(first.epoch == 1)
        let refused = try await store.acquireLinkerLease(holder: "b", now: start.addingTimeInterval(29), duration: 30)
        #expect(refused == nil)
        // The holder renews with the same epoch.
        let renewed = try #require(
            try await store.acquireLinkerLease(holder: "a", now: start.addingTimeInterval(10), duration: 30))
        #expect(renewed.epoch == 1)
        let stillHeld = try await store.acquireLinkerLease(holder: "b", now: start.addingTimeInterval(35), duration: 30)
        #expect(stillHeld == nil)
        let second = try #require(
            try await store.acquireLinkerLease(holder: "b", now: start.addingTimeInterval(41), duration: 30))
        #expect(second.epoch == 2)
        // The old holder's write is refused and writes nothing.
        await #expect(throws: LinkerLeaseLost.self) {
            _ = try await store.saveLink(
                ArticleLink(article: id, position: 0, event: 0, storyline: 0, duplicateOf: nil), title: "t",
                dates: nil, lease: renewed, now: start.addingTimeInterval(42), duration: 30)
        }
        #expect(try await store.links().isEmpty)
        #expect(try await store.pendingLinkCount() == 1)
        // A release frees it at once.
        try await store.releaseLinkerLease(second)
        let third = try #require(
            try await store.acquireLinkerLease(holder: "a", now: start.addingTimeInterval(43), duration: 30))
        #expect(third.epoch == 3)
    }

    /// Writers' heartbeats, and the queue's count of articles other writers stored.
    static func writers(_ store: some ArticleStore & StoryStore) async throws {
        let start = Date(timeIntervalSince1970: 2_000_000)
        try await store.registerWriter("w1", now: start)
        try await store.registerWriter("w2", now: start.addingTimeInterval(5))
        #expect(try await store.otherWriters(than: "w1", since: start) == ["w2"])
        #expect(try await store.otherWriters(than: "w3", since: start.addingTimeInterval(-1)) == ["w1", "w2"])
        try await store.registerWriter("w1", now: start.addingTimeInterval(10))
        #expect(try await store.otherWriters(than: "w2", since: start.addingTimeInterval(6)) == ["w1"])
        try await store.unregisterWriter("w1")
        #expect(try await store.otherWriters(than: "w2", since: start).isEmpty)
    }

    /// Feeds keep their state; crawled URLs are remembered with their outcome.
    static func crawl(_ store: some ArticleStore & CrawlStore) async throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(
            try await store.addFeeds(["https://a.example/rss", "https://b.example/rss"], interval: 600, now: now) == 2)
        #expect(
            try await store.addFeeds(["https://a.example/rss", "https://c.example/rss"], interval: 60, now: now) == 1)
        var feeds = try await store.feeds()
        #expect(feeds.map(\.url) == ["https://a.example/rss", "https://b.example/rss", "https://c.example/rss"])
        #expect(feeds.first?.interval == 600)
        var feed = try #require(feeds.first)
        feed.etag = "\"v1\""
        feed.lastModified = "Tue, 01 Dec 2026 10:00:00 GMT"
        feed.failures = 2
        feed.lastError = "HTTP 503"
        feed.lastErrorAt = now.addingTimeInterval(30)
        feed.lastSuccess = now.addingTimeInterval(20)
        feed.nextPoll = now.addingTimeInterval(900)
        feed.retired = true
        try await store.saveFeed(feed)
        feeds = try await store.feeds()
        #expect(feeds.first == feed)
        let (article, raw) = StoreConformance.sample(1, body: "berita satu")
        guard case .inserted(let id) = try await store.insert(article, raw: raw) else {
            Issue.record("not inserted")
            return
        }
        try await store.recordCrawl(url: "https://a.example/1", feed: feed.url, outcome: .stored, article: id, at: now)
        try await store.recordCrawl(url: "https://a.example/2", feed: feed.url, outcome: .failed, article: nil, at: now)
        try await store.recordCrawl(
            url: "https://b.example/1", feed: "https://b.example/rss", outcome: .stored, article: nil,
            at: now.addingTimeInterval(-100))
        let known = try await store.crawledURLs(among: [
            "https://a.example/1", "https://a.example/2", "https://x.example/",
        ])
        #expect(known == ["https://a.example/1", "https://a.example/2"])
        #expect(try await store.storedCounts(since: now.addingTimeInterval(-10)) == [feed.url: 1])
        #expect(try await store.crawledURLs(among: []).isEmpty)
    }

    /// The read model's basis moves with every change a view depends on (a new article, a link, a split) and with
    /// nothing else (a known article, a split asked for twice); a replaced read model is read back whole, in the
    /// views' orders (undated storylines last), page by page, and a second replacement leaves none of the first.
    static func readModel(_ store: some ArticleStore & StoryStore & ReadModelStore) async throws {
        #expect(try await store.readModelBasis() == nil)
        let empty = try await store.currentBasis(version: 3)
        #expect(empty.version == 3)
        let (article, raw) = StoreConformance.sample(1, body: "berita satu")
        guard case .inserted(let id) = try await store.insert(article, raw: raw) else {
            Issue.record("article not inserted")
            return
        }
        let stored = try await store.currentBasis(version: 3)
        #expect(stored.changes > empty.changes)
        #expect(try await store.insert(article, raw: raw) == .known(id))
        #expect(try await store.currentBasis(version: 3) == stored, "a known article changes nothing")
        let lease = try #require(try await store.acquireLinkerLease(holder: store.session, now: Date(), duration: 30))
        _ = try await store.saveLink(
            ArticleLink(article: id, position: 0, event: 0, storyline: 0, duplicateOf: nil), title: "t", dates: nil,
            lease: lease, now: Date(), duration: 30)
        let linked = try await store.currentBasis(version: 3)
        #expect(linked.changes > stored.changes)
        try await store.saveEntitySplit(entity: "Joko Widodo", alias: "Joko")
        let split = try await store.currentBasis(version: 3)
        #expect(split.changes > linked.changes)
        try await store.saveEntitySplit(entity: "Joko Widodo", alias: "Joko")
        #expect(try await store.currentBasis(version: 3) == split, "a split asked for twice changes nothing")
        #expect(try await store.entitySplits().map { "\($0.entity)|\($0.alias)" } == ["Joko Widodo|Joko"])

        let lines = [("2019-09-02", 4), (nil, 9), ("2019-09-03", 4), ("2019-09-01", 12)].enumerated().map {
            StorylineRecord(
                id: Int64($0.offset + 1), title: "cerita \($0.offset + 1)", firstDay: $0.element.0,
                lastDay: $0.element.0, articleCount: $0.element.1, eventCount: 1, outlets: ["a.example"],
                perDay: $0.element.0.map { [DayCount(day: $0, count: 1)] } ?? [],
                topEntities: [EntityShare(entity: 7, articles: 1)])
        }
        let entity = EntityRecord(
            id: 7, name: "Joko Widodo", nameKey: "joko widodo", kind: "PERSON", articleCount: 1, mentionCount: 2,
            aliases: [.init(name: "Jokowi", key: "jokowi", mentions: 1)], merges: [], capitalOf: nil,
            perDay: [DayCount(day: "2019-09-02", count: 1)])
        var model = ReadModel(
            storylines: lines,
            events: [
                EventRecord(
                    id: 1, storyline: 1, title: "peristiwa", firstDay: "2019-09-02", lastDay: "2019-09-02",
                    articleCount: 1, outlets: ["a.example"])
            ],
            placements: [ArticlePlacement(article: id.rawValue, event: 1, storyline: 1, duplicateOf: nil)],
            entities: [entity], entityArticles: [EntityArticleRecord(entity: 7, article: id.rawValue, mentions: 2)],
            quotes: [
                QuoteRecord(
                    article: id.rawValue, position: 0, kind: "direct", text: "kami siap", speaker: "Joko Widodo",
                    speakerEntity: 7, role: nil, cue: "kata", relay: ["Antara"], outlet: "a.example",
                    day: "2019-09-02", storyline: 1, start: 3, end: 12)
            ],
            dates: [
                DateRecord(
                    article: id.rawValue, position: 0, iso: "2019-09-01", granularity: "day", reference: nil,
                    expression: "Minggu", sentence: "Pada Minggu", entities: ["Joko Widodo"], storyline: 1, start: 0,
                    end: 6)
            ])
        model.neighbours = [
            EntityNeighbours(entity: 7, coOccurring: [], storylines: [EntityShare(entity: 1, articles: 1)])
        ]
        try await store.replaceReadModel(model, basis: split)
        #expect(try await store.readModelBasis() == split)
        let newest = try await store.storylines(order: .newest, since: nil, after: nil, limit: 10)
        #expect(newest.map(\.id) == [3, 1, 4, 2], "newest first, the undated last")
        #expect(newest == [lines[2], lines[0], lines[3], lines[1]])
        let largest = try await store.storylines(order: .largest, since: nil, after: nil, limit: 10)
        #expect(largest.map(\.id) == [4, 2, 3, 1])
        // Page by page, each page after the last row of the one before.
        var paged: [Int64] = []
        var after: PageAfter?
        while paged.count < 10 {
            let page = try await store.storylines(order: .newest, since: nil, after: after, limit: 1)
            guard let row = page.first else { break }
            paged.append(row.id)
            after = PageAfter(key: row.lastDay ?? "", id: row.id)
        }
        #expect(paged == [3, 1, 4, 2])
        let second = try await store.storylines(
            order: .largest, since: nil, after: PageAfter(key: String(format: "%012d", 9), id: 2), limit: 10)
        #expect(second.map(\.id) == [3, 1])
        #expect(try await store.storylineCount(since: "2019-09-02") == 2)
        #expect(try await store.events(storyline: 1) == model.events)
        #expect(try await store.entities(kind: "PERSON", key: "jok", after: nil, limit: 5) == [entity])
        #expect(try await store.entities(kind: nil, key: "jokx", after: nil, limit: 5).isEmpty)
        #expect(try await store.entities(aliasKey: "jokowi") == [entity])
        #expect(try await store.entitiesOf(article: id.rawValue) == [entity])
        #expect(try await store.storylines(naming: 7, limit: 5).map(\.storyline) == [lines[0]])
        #expect(
            try await store.quotes(
                speakerEntity: 7, storyline: nil, article: nil, since: "2019-09-01", until: "2019-09-02", after: nil,
                limit: 5) == model.quotes)
        #expect(try await store.dates(storyline: nil, entity: 7, article: nil, after: nil, limit: 5) == model.dates)
        #expect(try await store.placement(of: id.rawValue) == model.placements.first)
        let summaries = try await store.articleSummaries(ArticleFilter(entity: 7), after: nil, limit: 5)
        #expect(summaries.map(\.id) == [id.rawValue])
        #expect(summaries.first?.event == 1)
        try await store.replaceReadModel(ReadModel(storylines: [lines[1]]), basis: linked)
        #expect(try await store.readModelBasis() == linked)
        #expect(try await store.storylines(order: .newest, since: nil, after: nil, limit: 10) == [lines[1]])
        #expect(try await store.entity(7) == nil)
        #expect(try await store.quoteCount(speakerEntity: nil, storyline: nil, since: nil, until: nil) == 0)
        #expect(try await store.placement(of: id.rawValue) == nil)
    }

    /// Several tasks storing the same documents at once: each document is stored once, every task told its id.
    static func concurrentInserts(_ store: some ArticleStore & StoryStore) async throws {
        let samples = (1...12).map {
            StoreConformance.sample($0, body: "berita nomor \($0)", url: "https://e.example/\($0)")
        }
        let outcomes = try await withThrowingTaskGroup(of: [InsertOutcome].self) { group in
            for round in 0..<4 {
                group.addTask {
                    // Each task in its own order, so that tasks meet on the same document.
                    let order = round % 2 == 0 ? samples : samples.reversed()
                    var outcomes: [InsertOutcome] = []
                    for (article, raw) in order { outcomes.append(try await store.insert(article, raw: raw)) }
                    return outcomes
                }
            }
            var all: [InsertOutcome] = []
            for try await outcomes in group { all += outcomes }
            return all
        }
        #expect(try await store.articleCount() == samples.count)
        #expect(try await store.pendingLinkCount() == samples.count)
        let inserted = outcomes.filter { if case .inserted = $0 { true } else { false } }
        #expect(inserted.count == samples.count)
        let ids = Set(
            outcomes.map { outcome -> ArticleID in
                switch outcome {
                case .inserted(let id), .known(let id): id
                }
            })
        #expect(ids.count == samples.count)
    }
}
