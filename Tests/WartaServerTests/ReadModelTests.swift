import Foundation
import Testing
import WartaCore
import WartaEntities
import WartaPipeline
import WartaQuery
import WartaStore
import WartaStoreSQLite

/// The read model against the pure reference views it replaces (`Reports`, `EntityCatalog.build`), on the fixture
/// store of the seeds, the hostile article and 200 CLICK-ID articles.
@Suite("Read model", .serialized)
struct ReadModelTests {
    @Test("storylines and events in the tables are the reference storylines: ids, counts, outlets, first and last day")
    func storylines() async throws {
        let setup = try await ServerFixture.shared.value
        try await setup.queries.refresh(wait: true)
        let articles = try await setup.store.allArticles()
        let reference = Reports.storylines(articles: articles, links: try await setup.store.links())
        let total = try await setup.store.storylineCount(since: nil)
        #expect(total == reference.count && total > 10)
        for line in reference {
            let row = try #require(try await setup.store.storyline(Int64(line.id)), "storyline \(line.id)")
            #expect(row.articleCount == line.articleCount, "storyline \(line.id)")
            #expect(row.eventCount == line.events.count, "storyline \(line.id)")
            #expect(row.outlets == line.outlets, "storyline \(line.id)")
            #expect(row.firstDay == line.firstSeen && row.lastDay == line.lastSeen, "storyline \(line.id)")
            let events = try await setup.store.events(storyline: Int64(line.id))
            #expect(Set(events.map(\.id)) == Set(line.events.map { Int64($0.id) }), "storyline \(line.id)")
        }
    }

    @Test("entities, quotes and dated sentences in the tables are the reference catalog, quotes and timeline")
    func catalogQuotesDates() async throws {
        let setup = try await ServerFixture.shared.value
        try await setup.queries.refresh(wait: true)
        let articles = try await setup.store.allArticles()
        let inLinkOrder = Reports.inLinkOrder(articles, links: try await setup.store.links())
        #expect(inLinkOrder.map(\.id) != articles.map(\.id), "the fixture's link order is not its id order")
        let catalog = EntityCatalog.build(inLinkOrder, lexicon: try AliasLexicon.bundled())
        let rows = try await setup.store.entities(kind: nil, key: nil, after: nil, limit: 1_000_000)
        #expect(rows.count == catalog.liveEntities.count)
        #expect(Set(rows.map(\.name)) == Set(catalog.liveEntities.map(\.canonicalName)))
        let quotes = try await setup.store.quoteCount(speakerEntity: nil, storyline: nil, since: nil, until: nil)
        #expect(quotes == Reports.quotes(articles).count)
        let dated = try await setup.store.dateCount(storyline: nil, entity: nil)
        #expect(dated == Reports.timeline(articles).count)
    }
}
