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

    @Test("SQLite store: round trip and idempotence")
    func sqliteRoundTrip() async throws {
        let (store, directory) = try Self.sqliteStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let problems = try await StoreConformance.roundTripAndIdempotence(store)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("SQLite store: search")
    func sqliteSearch() async throws {
        let (store, directory) = try Self.sqliteStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let problems = try await StoreConformance.search(store)
        #expect(problems.isEmpty, "\(problems)")
    }
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

    @Test("stores the events a decision merged, and reads them back in order")
    func mergedEvents() async throws {
        let directory = try Fixtures.temporaryDirectory("merges")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("m.sqlite").path)
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

    @Test("queues every stored article for the linker in publication order, and a link takes it off the queue")
    func pendingQueue() async throws {
        let (store, directory) = try StoreConformanceTests.sqliteStore()
        defer { try? FileManager.default.removeItem(at: directory) }
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

    @Test("one linker lease at a time: refused while held, taken over once expired, and the old holder fenced off")
    func linkerLease() async throws {
        let (store, directory) = try StoreConformanceTests.sqliteStore()
        defer { try? FileManager.default.removeItem(at: directory) }
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
