import Foundation
import Testing
import WartaCore
import WartaEntities

@Suite("One name, one kind across a store")
struct NameKindsTests {
    static func mention(_ name: String, _ kind: EntityKind, in body: String) throws -> EntityMention {
        let range = try #require(body.range(of: name))
        let start = body.utf8.distance(from: body.startIndex, to: range.lowerBound)
        return EntityMention(span: TextSpan(start: start, end: start + name.utf8.count), kind: kind)
    }

    @Test("a clear majority re-kinds the odd mention; a tie or a single mention changes nothing; countries stay")
    func majority() throws {
        let lexicon = try AliasFixture.lexicon.get()
        let first = "Pemimpin kelompok Hamas dan Hamas lagi. Israel menyerang."
        let second = "Sejak Hamas menyerang Israel pada 7 Oktober."
        var kinds = NameKinds(lexicon: lexicon)
        let firstMentions = [
            try Self.mention("Hamas", .organisation, in: first),
            try Self.mention("Hamas lagi", .organisation, in: first).trimmed(),
            try Self.mention("Israel", .place, in: first),
        ]
        let secondMentions = [
            try Self.mention("Hamas", .place, in: second), try Self.mention("Israel", .person, in: second),
        ]
        kinds.count(firstMentions, body: first)
        kinds.count(secondMentions, body: second)
        #expect(kinds.majority("hamas") == .organisation)
        let fixed = kinds.harmonised(secondMentions, body: second)
        #expect(fixed.map(\.kind) == [.organisation, .person])  // Israel: a country, and a tie besides

        var tie = NameKinds(lexicon: lexicon)
        tie.count([try Self.mention("Hamas", .organisation, in: first)], body: first)
        tie.count([try Self.mention("Hamas", .place, in: second)], body: second)
        #expect(tie.majority("hamas") == nil)
        #expect(tie.harmonised(secondMentions, body: second).map(\.kind) == [.place, .person])
    }
}

extension EntityMention {
    /// The mention's first word only ("Hamas lagi" → "Hamas").
    fileprivate func trimmed() -> EntityMention {
        EntityMention(span: TextSpan(start: span.start, end: span.start + 5), kind: kind)
    }
}
