import Foundation
import Testing
import WartaCore
import WartaStore
import WartaStorePostgres
import WartaTestSupport

/// The PostgreSQL server the tests use: `WARTA_TEST_POSTGRES` (a server URL; each test works in a database of its
/// own, created and dropped). `scripts/test` starts a scratch server and sets it; without it these tests are skipped.
enum PostgresTestServer {
    static let url = ProcessInfo.processInfo.environment["WARTA_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    static let skipReason: Comment =
        "no PostgreSQL server configured: set WARTA_TEST_POSTGRES=postgres://user@127.0.0.1:5432/postgres (scripts/test starts a scratch server)"

    /// Runs `check` on a new store in a new database, dropped afterwards.
    static func withStore(_ check: (PostgresStore) async throws -> Void) async throws {
        try await PostgresDatabases.withScratchStore(serverURL: try #require(url), prefix: "warta_test", check)
    }
}

@Suite("Store conformance: PostgreSQL", .enabled(if: PostgresTestServer.url != nil, PostgresTestServer.skipReason))
struct PostgresConformanceTests {
    @Test("round trip and idempotence")
    func roundTrip() async throws {
        try await PostgresTestServer.withStore { store in
            let problems = try await StoreConformance.roundTripAndIdempotence(store)
            #expect(problems.isEmpty, "\(problems)")
        }
    }

    @Test("search")
    func search() async throws {
        try await PostgresTestServer.withStore { store in
            let problems = try await StoreConformance.search(store)
            #expect(problems.isEmpty, "\(problems)")
        }
    }

    @Test("merged events and follow-ups")
    func mergedEvents() async throws { try await PostgresTestServer.withStore(StoryConformance.mergedEvents) }

    @Test("the linker's queue in publication order")
    func pendingQueue() async throws { try await PostgresTestServer.withStore(StoryConformance.pendingQueue) }

    @Test("one linker lease at a time, the old holder fenced off")
    func linkerLease() async throws { try await PostgresTestServer.withStore(StoryConformance.linkerLease) }

    @Test("writers' heartbeats")
    func writers() async throws { try await PostgresTestServer.withStore(StoryConformance.writers) }

    @Test("feeds and crawled URLs")
    func crawl() async throws { try await PostgresTestServer.withStore(StoryConformance.crawl) }

    @Test("the same documents from several tasks at once are stored once")
    func concurrentInserts() async throws {
        try await PostgresTestServer.withStore(StoryConformance.concurrentInserts)
    }

    @Test("several processes opening a new database at once migrate it once")
    func concurrentOpen() async throws {
        let server = try #require(PostgresTestServer.url)
        let name = "warta_test_open_\(UInt32.random(in: 0...UInt32.max))"
        let databaseURL = try await PostgresDatabases.create(serverURL: server, name: name)
        defer { Task { try? await PostgresDatabases.drop(serverURL: server, name: name) } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let store = try await PostgresStore(url: databaseURL, maximumConnections: 2)
                    store.close()
                }
            }
            try await group.waitForAll()
        }
        let store = try await PostgresStore(url: databaseURL)
        defer { store.close() }
        #expect(try await store.articleCount() == 0)
    }

    @Test("a store split keeps the order users asked in")
    func entitySplits() async throws {
        try await PostgresTestServer.withStore { store in
            try await store.saveEntitySplit(entity: "Joko Widodo", alias: "Jokowi")
            try await store.saveEntitySplit(entity: "Sri Mulyani", alias: "Sri")
            try await store.saveEntitySplit(entity: "Joko Widodo", alias: "Jokowi")
            #expect(
                try await store.entitySplits().map { "\($0.entity)|\($0.alias)" } == [
                    "Joko Widodo|Jokowi", "Sri Mulyani|Sri",
                ])
        }
    }
}

@Suite("PostgreSQL store: addresses and errors")
struct PostgresAddressTests {
    @Test("a URL that is not PostgreSQL's says so, without the password")
    func badURL() async throws {
        for url in ["mysql://u:secret@h/db", "postgres://u:secret@:5432/db", "not a url at all"] {
            do {
                let store = try await PostgresStore(url: url)
                store.close()
                Issue.record("opened \(url)")
            } catch let error as WartaError {
                #expect(error.code == "W0301")
                #expect(error.message.contains("not a PostgreSQL URL"), "\(error.message)")
                #expect(!error.message.contains("secret"), "\(error.message)")
            }
        }
    }

    @Test("a server that does not answer is a clear error, not a hang")
    func unreachable() async throws {
        // A port nothing listens on (the kernel refuses at once).
        let started = Date()
        do {
            let store = try await PostgresStore(url: "postgres://warta:secret@127.0.0.1:1/warta")
            store.close()
            Issue.record("connected to port 1")
        } catch let error as WartaError {
            #expect(error.code == "W0301")
            #expect(error.message.contains("127.0.0.1:1"), "\(error.message)")
            #expect(!error.message.contains("secret"), "\(error.message)")
        }
        #expect(Date().timeIntervalSince(started) < 30)
    }
}
