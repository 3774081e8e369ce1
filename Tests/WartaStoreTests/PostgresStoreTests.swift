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

    @Test("the read model, its basis and its orders")
    func readModel() async throws { try await PostgresTestServer.withStore(StoryConformance.readModel) }

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

    @Test("a server that refuses is a clear error at once, not a pool retrying in the background")
    func unreachable() async throws {
        // A port nothing listens on (the kernel refuses at once); the pool would keep retrying it for a minute.
        do {
            let store = try await PostgresStore(url: "postgres://warta:secret@127.0.0.1:1/warta")
            store.close()
            Issue.record("connected to port 1")
        } catch let error as WartaError {
            #expect(error.code == "W0301")
            #expect(error.message.contains("127.0.0.1:1"), "\(error.message)")
            #expect(!error.message.contains("secret"), "\(error.message)")
        }
    }
}

@Suite("PostgreSQL work queue", .enabled(if: PostgresTestServer.url != nil, PostgresTestServer.skipReason))
struct PostgresWorkQueueTests {
    static func documents(_ count: Int) -> [RawDocument] {
        (1...count).map { number in
            RawDocument(
                origin: "q.jsonl:\(number)", url: "https://e.example/\(number)", bytes: Array("berita \(number)".utf8),
                contentType: .plainText,
                hints: RawDocument.Hints(outlet: "e.example", title: "Judul \(number)", published: "2025-06-18"))
        }
    }

    @Test("queues new documents once, with their hints")
    func enqueue() async throws {
        try await PostgresTestServer.withStore { store in
            let documents = Self.documents(5)
            let first = try await store.enqueue(documents)
            #expect(first.allSatisfy { if case .inserted = $0 { true } else { false } })
            let again = try await store.enqueue(documents)
            #expect(again.allSatisfy { if case .known = $0 { true } else { false } })
            #expect(try await store.workCounts(now: Date()).queued == 5)
            let claims = try await store.claim(worker: "w", limit: 10, now: Date(), duration: 60)
            #expect(claims.map(\.raw) == documents)
            #expect(claims.allSatisfy { $0.attempts == 1 })
        }
    }

    @Test("an idle worker's wait ends when another process queues documents (LISTEN/NOTIFY), else at its limit")
    func wakeUp() async throws {
        try await PostgresTestServer.withStore { store in
            let other = try await PostgresStore(url: store.address)
            defer { other.close() }
            // The first wait starts listening, and ends as soon as it listens.
            await store.waitForWork(upTo: .seconds(10))
            let clock = ContinuousClock()
            let idle = await clock.measure { await store.waitForWork(upTo: .milliseconds(800)) }
            #expect(idle >= .milliseconds(700), "nothing queued: the wait lasts its limit")
            // Another handle queues documents (again every half second, in case the first came before the wait):
            // only a notification can end a 60 s wait within 20 s.
            let woken = await withTaskGroup(of: Duration?.self) { group in
                group.addTask { await clock.measure { await store.waitForWork(upTo: .seconds(60)) } }
                group.addTask {
                    for round in 0..<40 {
                        try? await Task.sleep(for: .milliseconds(500))
                        if Task.isCancelled { break }
                        _ = try? await other.enqueue([Self.documents(40)[round]])
                    }
                    return nil
                }
                var waited: Duration?
                for await result in group {
                    if let result {
                        waited = result
                        group.cancelAll()
                    }
                }
                return waited
            }
            #expect(try #require(woken) < .seconds(20))
        }
    }

    @Test("two workers claiming at once get different documents; an expired claim is taken again")
    func claims() async throws {
        try await PostgresTestServer.withStore { store in
            _ = try await store.enqueue(Self.documents(10))
            let now = Date(timeIntervalSince1970: 2_000_000_000)
            async let a = store.claim(worker: "a", limit: 4, now: now, duration: 60)
            async let b = store.claim(worker: "b", limit: 4, now: now, duration: 60)
            let (claimedA, claimedB) = try await (a, b)
            #expect(claimedA.count == 4 && claimedB.count == 4)
            #expect(Set(claimedA.map(\.id)).isDisjoint(with: claimedB.map(\.id)))
            var counts = try await store.workCounts(now: now)
            #expect(counts.queued == 2 && counts.claimed == 8)
            // "a" dies: after its claims expire, "c" takes them (and the two never claimed).
            let later = now.addingTimeInterval(61)
            let claimedC = try await store.claim(worker: "c", limit: 10, now: later, duration: 60)
            #expect(Set(claimedC.map(\.id)) == Set(claimedA.map(\.id) + claimedB.map(\.id)).union(claimedC.map(\.id)))
            #expect(claimedC.count == 10)
            #expect(claimedC.filter { Set(claimedA.map(\.id)).contains($0.id) }.allSatisfy { $0.attempts == 2 })
            // Completing takes documents off the queue; a second completion is a no-op.
            try await store.complete([(claimedC[0].id, .dropped(stage: "extract.text.v1", reason: "empty"))])
            try await store.complete([(claimedC[0].id, .failed(reason: "late"))])
            try await store.release(claimedC[1].id, worker: "c", error: "timeout", retryAt: later.addingTimeInterval(5))
            counts = try await store.workCounts(now: later.addingTimeInterval(1))
            #expect(counts.dropped == 1 && counts.failed == 0)
            #expect(counts.queued + counts.claimed == 9)
            #expect(
                try await store.claim(worker: "d", limit: 10, now: later.addingTimeInterval(1), duration: 60).isEmpty)
            let retried = try await store.claim(worker: "d", limit: 10, now: later.addingTimeInterval(6), duration: 60)
            #expect(retried.map(\.id) == [claimedC[1].id])
        }
    }
}
