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
                    duplicateOf: nil, mergedEvents: merged))
        }
        for link in links { try await store.saveLink(link, title: "t") }
        #expect(try await store.links() == links)
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
