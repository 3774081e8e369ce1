import Testing
import WartaStore

@testable import WartaQuery

/// Co-occurrence in the read model: an article naming thousands of entities (a feed pasted as one text) must not
/// make every pair of them a row; each article contributes its most mentioned entities only.
@Suite("Entity neighbours")
struct NeighbourBoundTests {
    @Test("an article with 3,000 entities adds the pairs of its 64 most mentioned ones, no more")
    func boundedPerArticle() {
        // Article 1 names entities 1…3000, entity k mentioned k times; article 2 names entities 1 and 2.
        var rows = (1...3_000).map { EntityArticleRecord(entity: Int64($0), article: 1, mentions: $0) }
        rows += [EntityArticleRecord(entity: 1, article: 2, mentions: 1), .init(entity: 2, article: 2, mentions: 1)]
        let neighbours = ReadModelBuilder.neighbours(rows, perStoryline: [:])
        let byEntity = Dictionary(uniqueKeysWithValues: neighbours.map { ($0.entity, $0) })
        // The most mentioned entity co-occurs with the next most mentioned ones.
        let top = byEntity[3_000]?.coOccurring.map(\.entity) ?? []
        #expect(top.count == 15)
        #expect(top.allSatisfy { $0 > 3_000 - Int64(ReadModelBuilder.coOccurrencePerArticle) })
        // Entity 500 is named in article 1 only, below its 64 most mentioned: no neighbours from it.
        #expect(byEntity[500]?.coOccurring.isEmpty ?? true)
        // A small article counts whole: 1 and 2 are neighbours through article 2.
        #expect(byEntity[1]?.coOccurring.map(\.entity) == [2])
        // Pairs kept: 64 × 63 from article 1, 2 from article 2, spread over 66 entities.
        let pairs = neighbours.reduce(0) { $0 + $1.coOccurring.count }
        #expect(pairs == 64 * 15 + 2)
    }
}
