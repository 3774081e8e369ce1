import Foundation
import Testing
import WartaCore
import WartaEntities
import WartaExtract
import WartaText

@Suite("Alias merging on the seeds, end to end")
struct AliasSeedTests {
    /// Seed `file` through `PlainTextExtractor`, then the bundled tagger and the mention refiner, then the resolver.
    static func resolve(_ file: String) throws -> AliasResolution {
        let url = TestData.repositoryRoot.appendingPathComponent("Tests/Fixtures/seeds/\(file)")
        let bytes = Array(try Data(contentsOf: url))
        let raw = RawDocument(origin: file, bytes: bytes, contentType: .plainText)
        let extractor = PlainTextExtractor(rules: try DebrisRules.bundled())
        guard case .kept(let article) = try extractor.process(raw, context: StageContext()) else {
            Issue.record("seed \(file) was dropped")
            return AliasResolution(clusters: [], ambiguities: [], budgetExhausted: false)
        }
        let tagged = try TestData.tagger.get().mentions(in: article.body, sentences: article.sentences.map(\.span))
        let mentions = MentionRefiner(lexicon: try AliasFixture.lexicon.get()).refine(tagged, body: article.body)
        return AliasResolver(lexicon: try AliasFixture.lexicon.get()).resolve(body: article.body, mentions: mentions)
    }

    @Test("seed 000: the tagger's spellings of Bagheri Kani end up in one cluster")
    func seed000() throws {
        let resolution = try Self.resolve("000_cecf07360ee17b14.txt")
        let bagheri = resolution.clusters.filter { cluster in cluster.forms.contains { $0.text.contains("Bagheri") } }
        #expect(bagheri.count == 1, "\(bagheri.map(\.forms))")
        let cluster = try #require(bagheri.first)
        #expect(cluster.kind == .person)
        #expect(Set(cluster.forms.map(\.text)) == ["Ali Bagheri Kank", "Bagheri Kani"])
        #expect(cluster.merges.flatMap(\.evidence).contains("editDistance(Kank, Kani)=1"))
        #expect(resolution.clusters.contains { $0.canonicalName == "Masoud Pezeshkian" })
        #expect(resolution.clusters.first { $0.canonicalName == "Teheran" }?.capitalOf == "IR")
        #expect(resolution.clusters.contains { $0.countryCode == "US" })
    }

    @Test("both seeds in one catalog: Ali Bagheri Kani under four spellings, AS = Amerika Serikat")
    func bothSeeds() throws {
        var catalog = EntityCatalog(lexicon: try AliasFixture.lexicon.get())
        let days = [Date(timeIntervalSince1970: 1_720_656_000), Date(timeIntervalSince1970: 1_717_200_000)]
        for (file, day) in zip(["000_cecf07360ee17b14.txt", "001_d4d0aa6ca0a23adc.txt"], days) {
            _ = catalog.add(try Self.resolve(file), seen: day)
        }
        let bagheri = catalog.liveEntities.filter { entity in entity.aliases.contains { $0.name.contains("Bagheri") } }
        #expect(bagheri.count == 1, "\(bagheri.map(\.aliases))")
        let entity = try #require(bagheri.first)
        #expect(entity.canonicalName == "Ali Bagheri Kani")
        #expect(Set(entity.aliases.map(\.name)).isSuperset(of: ["Ali Bagheri Kank", "Bagheri Kani", "Ali Bagheri"]))
        // The tagger gives "Kani" of "Bagheri-Kani" (001) alone, as a PLACE; the refiner makes it the person's
        // hyphenated name again, because the article names him "Bagheri Kani" too.
        #expect(entity.aliases.contains { $0.name == "Bagheri-Kani" })
        let us = try #require(catalog.entities(named: "AS").first)
        #expect(us.countryCode == "US")
        #expect(us.aliases.contains { $0.name == "Amerika Serikat" })
    }
}
