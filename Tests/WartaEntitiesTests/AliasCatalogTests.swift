import Foundation
import Testing
import WartaCore
import WartaEntities

@Suite("The entity catalog across articles")
struct AliasCatalogTests {
    /// A fixed day in July 2024, plus `days`.
    static func day(_ days: Int) -> Date { Date(timeIntervalSince1970: 1_720_656_000 + Double(days) * 86_400) }

    static func catalog() throws -> EntityCatalog { EntityCatalog(lexicon: try AliasFixture.lexicon.get()) }

    @Test("the seeds' spellings of Ali Bagheri Kani become one entity, whichever article comes first")
    func bagheriKaniAcrossArticles() throws {
        let first = try AliasFixture.people(["Ali Bagheri Kank", "Bagheri Kani"])
        let second = try AliasFixture.people(["Ali Bagheri", "Bagheri-Kani", "Bagheri Kani"])
        for order in [[first, second], [second, first]] {
            var catalog = try Self.catalog()
            for (offset, resolution) in order.enumerated() { _ = catalog.add(resolution, seen: Self.day(offset)) }
            let people = catalog.liveEntities.filter { $0.kind == .person }
            #expect(people.count == 1, "\(people.map(\.aliases))")
            let entity = try #require(people.first)
            #expect(entity.canonicalName == "Ali Bagheri Kani")
            #expect(
                Set(entity.aliases.map(\.name))
                    == ["Ali Bagheri Kank", "Bagheri Kani", "Bagheri-Kani", "Ali Bagheri"])
            #expect(entity.mentionCount == 5)
            #expect(entity.articleCount == 2)
            #expect(entity.firstSeen == Self.day(0) && entity.lastSeen == Self.day(1))
            #expect(entity.aliases.first { $0.name == "Bagheri Kani" }?.count == 2)
            #expect(entity.merges.allSatisfy { !$0.evidence.isEmpty })
        }
    }

    @Test("countries are one entity under every name; the capital is its own place, linked")
    func countriesAcrossArticles() throws {
        var catalog = try Self.catalog()
        _ = catalog.add(try AliasFixture.resolve([("AS", .place), ("Teheran", .place)]), seen: Self.day(0))
        _ = catalog.add(try AliasFixture.resolve([("Amerika Serikat", .place), ("Iran", .place)]), seen: Self.day(1))
        _ = catalog.add(
            try AliasFixture.resolve([("United States", .place), ("Tehran", .place), ("Tiongkok", .place)]),
            seen: Self.day(2))
        _ = catalog.add(try AliasFixture.resolve([("China", .place), ("RRT", .place)]), seen: Self.day(3))
        let us = try #require(catalog.entities(named: "AS").first)
        #expect(us.countryCode == "US")
        #expect(us.canonicalName == "Amerika Serikat")
        #expect(Set(us.aliases.map(\.name)) == ["AS", "Amerika Serikat", "United States"])
        #expect(us.firstSeen == Self.day(0) && us.lastSeen == Self.day(2))
        #expect(us.merges.contains { $0.rule == .countryName && $0.evidence == ["countryName(United States → US)"] })
        let china = try #require(catalog.entities(named: "China").first)
        #expect(Set(china.aliases.map(\.name)) == ["Tiongkok", "China", "RRT"])
        let tehran = try #require(catalog.entities(named: "Teheran").first)
        #expect(tehran.capitalOf == "IR")
        #expect(Set(tehran.aliases.map(\.name)) == ["Teheran", "Tehran"])
        let iran = try #require(catalog.entities(named: "Iran").first)
        #expect(iran.id != tehran.id)
        #expect(iran.countryCode == "IR")
        #expect(catalog.lexicon.countryNames(tehran.capitalOf ?? "")?.english == "Iran")
    }

    @Test("kinds must agree across articles")
    func kindAgreement() throws {
        var catalog = try Self.catalog()
        let person = catalog.add(try AliasFixture.people(["Pezeshkian"]).clusters[0], seen: Self.day(0))
        let organisation = catalog.add(
            try AliasFixture.resolve([("Pezeshkian", .organisation)]).clusters[0], seen: Self.day(1))
        #expect(person != organisation)
    }

    @Test("a bare surname across articles joins only the one person who has it")
    func surnameAcrossArticles() throws {
        var catalog = try Self.catalog()
        let masoud = catalog.add(try AliasFixture.people(["Masoud Pezeshkian"]).clusters[0], seen: Self.day(0))
        let bare = catalog.add(try AliasFixture.people(["Pezeshkian"]).clusters[0], seen: Self.day(1))
        #expect(bare == masoud)
        let joe = catalog.add(try AliasFixture.people(["Joe Biden"]).clusters[0], seen: Self.day(0))
        let hunter = catalog.add(try AliasFixture.people(["Hunter Biden"]).clusters[0], seen: Self.day(1))
        let biden = catalog.add(try AliasFixture.people(["Biden"]).clusters[0], seen: Self.day(2))
        #expect(joe != hunter)
        #expect(biden != joe && biden != hunter, "\"Biden\" fits two people and joins neither")
        let raisi = catalog.add(try AliasFixture.people(["Ibrahim Raisi"]).clusters[0], seen: Self.day(0))
        let ebrahim = catalog.add(try AliasFixture.people(["Ebrahim Raisi"]).clusters[0], seen: Self.day(1))
        #expect(raisi == ebrahim)
        #expect(catalog.entity(raisi)?.merges.last?.evidence == ["editDistance(Ibrahim, Ebrahim)=1"])
    }

    @Test("split undoes a merge and is remembered: the alias is not merged back")
    func splitAndMemory() throws {
        var catalog = try Self.catalog()
        let joe = catalog.add(try AliasFixture.people(["Joe Biden", "Biden"]).clusters[0], seen: Self.day(0))
        #expect(catalog.entity(joe)?.aliases.count == 2)
        let split = try catalog.split(joe, alias: "Biden")
        #expect(split != joe)
        #expect(catalog.entity(joe)?.aliases.map(\.name) == ["Joe Biden"])
        #expect(catalog.entity(joe)?.merges.isEmpty == true)
        #expect(catalog.entity(split)?.aliases.map(\.name) == ["Biden"])
        #expect(catalog.splits == [EntitySplit(alias: "Biden", from: joe, to: split)])
        // The same in-article cluster again: "Joe Biden" joins Joe, "Biden" goes to the split-off entity.
        let again = catalog.add(try AliasFixture.people(["Joe Biden", "Biden"]).clusters[0], seen: Self.day(1))
        #expect(again == joe)
        #expect(catalog.entity(joe)?.aliases.map(\.name) == ["Joe Biden"])
        #expect(catalog.entity(split)?.aliases.first?.count == 2)
        // Alone, too.
        #expect(catalog.add(try AliasFixture.people(["Biden"]).clusters[0], seen: Self.day(2)) == split)
        #expect(catalog.entity(joe)?.mentionCount == 2)
    }

    @Test("split refuses unknown entities and aliases, naming the known ones")
    func splitErrors() throws {
        var catalog = try Self.catalog()
        let id = catalog.add(
            try AliasFixture.people(["Masoud Pezeshkian", "Pezeshkian"]).clusters[0], seen: Self.day(0))
        #expect(throws: EntityCatalog.SplitError.unknownEntity(CatalogEntity.ID(99))) {
            try catalog.split(CatalogEntity.ID(99), alias: "x")
        }
        do {
            _ = try catalog.split(id, alias: "Raisi")
            Issue.record("split of an unknown alias succeeded")
        } catch {
            #expect(
                error.description
                    == "entity has no alias \"Raisi\". Known aliases: Masoud Pezeshkian, Pezeshkian.")
        }
        _ = try catalog.split(id, alias: "pezeshkian")
        #expect(throws: EntityCatalog.SplitError.onlyAlias("Masoud Pezeshkian")) {
            try catalog.split(id, alias: "Masoud Pezeshkian")
        }
    }

    @Test("a country name split off the country stays apart")
    func splitCountry() throws {
        var catalog = try Self.catalog()
        let us = catalog.add(
            try AliasFixture.resolve([("AS", .place), ("Amerika Serikat", .place)]).clusters[0], seen: Self.day(0))
        let split = try catalog.split(us, alias: "AS")
        let next = catalog.add(try AliasFixture.resolve([("AS", .place)]).clusters[0], seen: Self.day(1))
        #expect(next != us)
        #expect(next == split || catalog.entity(next)?.aliases.map(\.name) == ["AS"])
        #expect(catalog.entity(us)?.aliases.map(\.name) == ["Amerika Serikat"])
    }
}
