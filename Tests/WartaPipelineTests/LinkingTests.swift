import Foundation
import Testing
import WartaCore
import WartaIngest
import WartaPipeline
import WartaStore
import WartaStoreSQLite
import WartaTestSupport

/// Ingest annotates and links: the seeds' entities, quotes and dates are stored, and both seeds land in one
/// storyline; a second run goes on from the stored decisions.
@Suite("Ingest linking and annotations", .serialized)
struct LinkingTests {
    /// A fresh SQLite store in its own temporary folder, with an ingest runner over the bundled pipeline.
    static func storeAndRunner(_ name: String) throws -> (directory: URL, store: SQLiteStore, runner: IngestRunner) {
        let directory = try Fixtures.temporaryDirectory(name)
        let store = try SQLiteStore(path: directory.appendingPathComponent("s.sqlite").path)
        return (directory, store, IngestRunner(pipeline: try ArticlePipeline.bundled(), store: store))
    }

    @Test("stores annotations and links the seeds into one storyline of two events; re-ingest links nothing twice")
    func seeds() async throws {
        let (directory, store, runner) = try Self.storeAndRunner("link")
        defer { try? FileManager.default.removeItem(at: directory) }
        let seeds = Fixtures.directory.appendingPathComponent("seeds").path
        let first = await runner.run(paths: [seeds], reader: FileReader())
        #expect(first.new == 2)
        let links = try await store.links()
        #expect(links.count == 2)
        #expect(Set(links.map(\.storyline)).count == 1)
        // Two happenings of one story: the statements of July (000) and the Muscat talks of May (001).
        #expect(Set(links.map(\.event)).count == 2)
        #expect(links.map(\.position) == [0, 1])

        let articles = try await store.allArticles()
        let gemalantang = try #require(articles.first { $0.outlet?.domain == "gemalantang.com" })
        // The plain text states its date: "(11/07/2024)".
        #expect(gemalantang.published?.date == ISO8601DateFormatter().date(from: "2024-07-11T12:00:00Z"))
        #expect(gemalantang.published?.source == .text)
        let quote = try #require(
            gemalantang.quotes.first {
                $0.span.text(in: gemalantang.body).hasPrefix("Pembicaraan tidak langsung sedang dilakukan melalui Oman")
            })
        #expect(quote.speaker.map { $0.text(in: gemalantang.body) } == "Bagheri Kani")
        #expect(quote.relay == ["Reuters", "gemalantang.com"])
        #expect(gemalantang.dates.contains { $0.iso == "2024-07-11" })
        let names = Set(gemalantang.entities.map { $0.span.text(in: gemalantang.body) })
        #expect(names.contains("Masoud Pezeshkian"))
        #expect(names.contains("Ismail Haniyeh"))

        // Seed 001 states no date: once linked, its dates are read against its story's day and marked so; the
        // past tense puts "7 Oktober" in the October before.
        let tribun = try #require(articles.first { $0.outlet?.domain == "tribunnews.com" })
        #expect(tribun.published == nil)
        let october = try #require(tribun.dates.first { $0.span.text(in: tribun.body) == "7 Oktober" })
        #expect(october.iso == "2023-10-07")
        #expect(october.reference == .story)
        #expect(gemalantang.dates.allSatisfy { $0.reference == nil })
        let timeline = Reports.timeline(articles)
        #expect(timeline.contains { $0.expression == "7 Oktober" && $0.reference == "story" })
        #expect(timeline.allSatisfy { Set($0.entities).count == $0.entities.count })

        let views = Reports.storylines(articles: articles, links: links)
        #expect(views.count == 1)
        #expect(views.first?.outlets == ["gemalantang.com", "tribunnews.com"])
        // Top entities are catalog entities: spellings merged, one kind per name across the articles.
        let top = views.first?.topEntities ?? []
        #expect(top.contains { $0.name == "Ali Bagheri Kani" && $0.kind == "PERSON" && $0.articles == 2 })
        #expect(top.contains { $0.name == "Hamas" && $0.kind == "ORGANISATION" && $0.articles == 2 })

        let second = await runner.run(paths: [seeds], reader: FileReader())
        #expect(second.known == 2)
        #expect(try await store.links() == links)
    }

    @Test("a stored merge shows the merged events as one event, in the storyline of the older one")
    func mergedEventsInReports() async throws {
        let (directory, store, runner) = try Self.storeAndRunner("link-merge")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = await runner.run(paths: [Fixtures.directory.appendingPathComponent("seeds").path], reader: FileReader())
        let articles = try await store.allArticles()
        let ids = articles.compactMap(\.id).sorted()
        try #require(ids.count == 2)
        // Two events in two storylines, then a third article's decision merges event 1 into event 2 (numbers from 0).
        var links = [
            ArticleLink(article: ids[0], position: 0, event: 0, storyline: 0, duplicateOf: nil),
            ArticleLink(article: ids[1], position: 1, event: 1, storyline: 1, duplicateOf: nil),
        ]
        let apart = Reports.storylines(articles: articles, links: links)
        #expect(apart.count == 2)
        links[1].mergedEvents = [0]
        let merged = Reports.storylines(articles: articles, links: links)
        #expect(merged.count == 1)
        #expect(merged.first?.id == 1)
        #expect(merged.first?.events.map(\.id) == [1])
        #expect(merged.first?.events.first?.articles.count == 2)
        #expect(merged.first?.articleCount == 2)
    }

    @Test("while another process holds the linker lease, ingest stores and queues; once it dies, `link` takes over")
    func leaseTakeover() async throws {
        let (directory, store, runner) = try Self.storeAndRunner("link-lease")
        defer { try? FileManager.default.removeItem(at: directory) }
        // Another handle on the same file stands for another process, which takes the lease and stalls.
        let other = try SQLiteStore(path: store.path)
        let stalled = try #require(
            try await other.acquireLinkerLease(holder: other.session, now: Date(), duration: 600))
        let seeds = Fixtures.directory.appendingPathComponent("seeds").path
        let report = await runner.run(paths: [seeds], reader: FileReader())
        #expect(report.new == 2)
        #expect(report.pendingLinks == 2)
        #expect(report.linkedBy == other.session)
        #expect(try await store.links().isEmpty)

        // `warta link` gives up while the lease is held, and says by whom.
        let linker = StoreLinker(articles: store, stories: store, semantics: try ArticlePipeline.bundled().semantics)
        let refused = await linker.drainWaiting(timeout: .milliseconds(300))
        #expect(refused.linked == 0)
        #expect(refused.heldBy == other.session)

        // The holder dies: its lease runs out (renewed in the past here), and the next linker takes over.
        _ = try await other.acquireLinkerLease(
            holder: other.session, now: Date().addingTimeInterval(-700), duration: 600)
        let drained = await linker.drainWaiting(timeout: .seconds(5))
        #expect(drained.linked == 2)
        #expect(drained.pending == 0)
        let links = try await store.links()
        #expect(links.map(\.position) == [0, 1])
        #expect(Set(links.map(\.storyline)).count == 1)
        #expect(Set(links.map(\.event)).count == 2)
        // The stalled holder wakes up: its next write is refused.
        await #expect(throws: LinkerLeaseLost.self) {
            _ = try await other.saveLink(
                ArticleLink(article: links[0].article, position: 2, event: 0, storyline: 0, duplicateOf: nil),
                title: "t", dates: nil, lease: stalled, now: Date(), duration: 30)
        }

        // Relinking everything gives the same decisions.
        let relinked = try await linker.relinkAll(timeout: .seconds(5))
        #expect(relinked.linked == 2)
        #expect(try await store.links() == links)
    }

    @Test(
        "a linker kept across runs (the server's) rebuilds its state once, and again only after another process linked")
    func keptLinker() async throws {
        let directory = try Fixtures.temporaryDirectory("link-kept")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("s.sqlite").path)
        let pipeline = try ArticlePipeline.bundled()
        let kept = StoreLinker(articles: store, stories: store, semantics: pipeline.semantics)
        let runner = IngestRunner(pipeline: pipeline, store: store, linker: kept)
        let seeds = Fixtures.directory.appendingPathComponent("seeds")
        let names = Fixtures.seedNames.map { seeds.appendingPathComponent($0).path }
        let first = await runner.run(paths: [names[0]], reader: FileReader())
        #expect(first.new == 1)
        let second = await runner.run(paths: [names[1]], reader: FileReader())
        #expect(second.new == 1)
        #expect(await kept.rebuilds == 1)
        // Another process (another handle and linker) links an article meanwhile: the kept linker's state is stale.
        let other = try SQLiteStore(path: store.path)
        let sample = Fixtures.directory.appendingPathComponent("hostile/hostile.jsonl").path
        _ = await IngestRunner(pipeline: pipeline, store: other).run(paths: [sample], reader: FileReader())
        let note = directory.appendingPathComponent("baru.txt")
        try """
        Jakarta (11/07/2024) - Menteri Luar Negeri Retno Marsudi bertemu dengan Duta Besar Oman di Jakarta pada \
        Kamis untuk membahas kerja sama perdagangan kedua negara.
        """.write(to: note, atomically: true, encoding: .utf8)
        let third = await runner.run(paths: [seeds.path, note.path], reader: FileReader())
        #expect(third.known == 2)
        #expect(third.new == 1)
        #expect(await kept.rebuilds == 2)
        let links = try await store.links()
        #expect(links.map(\.position) == Array(0..<links.count))
        #expect(Set(links.map(\.article)).count == links.count)
        #expect(try await store.pendingLinkCount() == 0)
        #expect(links.count == (try await store.articleCount()))
    }
}
