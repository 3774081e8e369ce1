import Foundation
import Testing
import WartaCore
import WartaEntities

/// Builds article bodies with mentions by hand, for the alias tests.
enum AliasFixture {
    /// The bundled alias lexicon, loaded once.
    static let lexicon = Result { try AliasLexicon.bundled() }

    /// A body that writes each name as a sentence of its own, and a mention of the given kind for each.
    static func article(_ names: [(String, EntityKind)]) -> (body: String, mentions: [EntityMention]) {
        var body = ""
        var mentions: [EntityMention] = []
        for (name, kind) in names {
            body += "Kata "
            let start = body.utf8.count
            body += name
            mentions.append(EntityMention(span: TextSpan(start: start, end: body.utf8.count), kind: kind))
            body += " hari ini. "
        }
        return (body, mentions)
    }

    /// Resolves hand-made mentions with the bundled lexicon.
    static func resolve(_ names: [(String, EntityKind)]) throws -> AliasResolution {
        let (body, mentions) = article(names)
        return AliasResolver(lexicon: try lexicon.get()).resolve(body: body, mentions: mentions)
    }

    /// People only.
    static func people(_ names: [String]) throws -> AliasResolution {
        try resolve(names.map { ($0, .person) })
    }

    /// The spellings of each cluster, sorted, for comparing groupings.
    static func groups(_ resolution: AliasResolution) -> Set<Set<String>> {
        Set(resolution.clusters.map { Set($0.forms.map(\.text)) })
    }
}

@Suite("Alias merging within one article")
struct AliasResolverTests {
    @Test("the four spellings of Ali Bagheri Kani are one cluster")
    func bagheriKani() throws {
        let resolution = try AliasFixture.people(["Ali Bagheri Kank", "Bagheri Kani", "Bagheri-Kani", "Ali Bagheri"])
        #expect(resolution.clusters.count == 1)
        let cluster = try #require(resolution.clusters.first)
        #expect(cluster.mentions.count == 4)
        // "Kani" is written twice, "Kank" once: the canonical name takes the majority spelling of the slipped token.
        #expect(cluster.canonicalName == "Ali Bagheri Kani")
        let evidence = cluster.merges.flatMap(\.evidence)
        #expect(evidence.contains("editDistance(Kank, Kani)=1"))
        #expect(evidence.contains("partOf(Ali Bagheri ⊂ Ali Bagheri Kank)"))
        #expect(evidence.contains("sameLetters(Bagheri-Kani = Bagheri Kani)"))
        #expect(Set(cluster.merges.map(\.rule)) == [.sameLetters, .partOf])
    }

    @Test("a tie between two spellings of a token keeps the earlier one")
    func slipTie() throws {
        let resolution = try AliasFixture.people(["Ali Bagheri Kank", "Bagheri Kani"])
        let cluster = try #require(resolution.clusters.first)
        #expect(resolution.clusters.count == 1)
        #expect(cluster.canonicalName == "Ali Bagheri Kank")
        let merge = try #require(cluster.merges.first)
        #expect(
            merge.description == "Bagheri Kani → Ali Bagheri Kank by partOf: "
                + "editDistance(Kank, Kani)=1; partOf(Bagheri Kani ⊂ Ali Bagheri Kank)")
    }

    @Test(
        "spellings of one person join",
        arguments: [
            ["Ibrahim Raisi", "Ebrahim Raisi"],
            ["Masoud Pezeshkian", "Pezeshkian"],
            ["Joko Widodo", "JOKO WIDODO", "Widodo"],
            ["Retno Marsudi", "Retno L.P. Marsudi"],
            ["Sri Mulyani Indrawati", "Sri Mulyani"],
            ["Antonio Guterres", "Guterres"],
            ["Prabowo Subianto", "Prabowo"],
        ])
    func samePerson(_ names: [String]) throws {
        let resolution = try AliasFixture.people(names)
        #expect(resolution.clusters.count == 1, "\(AliasFixture.groups(resolution))")
    }

    @Test("the longest well-formed spelling is canonical; the most frequent wins a tie")
    func canonical() throws {
        let resolution = try AliasFixture.people(["Pezeshkian", "Masoud Pezeshkian", "Pezeshkian"])
        #expect(resolution.clusters.first?.canonicalName == "Masoud Pezeshkian")
        let tie = try AliasFixture.people(["Ebrahim Raisi", "Ibrahim Raisi", "Ibrahim Raisi"])
        #expect(tie.clusters.first?.canonicalName == "Ibrahim Raisi")
        #expect(tie.clusters.first?.forms.first == AliasForm(text: "Ibrahim Raisi", count: 2))
    }

    @Test(
        "different people stay apart",
        arguments: [
            ["Joe Biden", "Hunter Biden"],
            ["Mark Rutte", "Mary Rutte"],
            ["Ali Khamenei", "Ali Larijani"],
            ["Ismail Haniyeh", "Ismail Marzuki"],
        ])
    func differentPeople(_ names: [String]) throws {
        let resolution = try AliasFixture.people(names)
        #expect(resolution.clusters.count == names.count, "\(AliasFixture.groups(resolution))")
    }

    @Test("a bare surname joins the one person who has it, and stays alone when two do")
    func bareSurname() throws {
        let one = try AliasFixture.people(["Joe Biden", "Biden"])
        #expect(one.clusters.count == 1)
        #expect(one.clusters.first?.merges.first?.evidence == ["partOf(Biden ⊂ Joe Biden)"])
        let two = try AliasFixture.people(["Joe Biden", "Hunter Biden", "Biden"])
        #expect(two.clusters.count == 3)
        #expect(two.ambiguities.first?.alias == "Biden")
        #expect(Set(two.ambiguities.first?.candidates ?? []) == ["Joe Biden", "Hunter Biden"])
    }

    @Test("a middle name alone, or a connector, joins nobody")
    func middleToken() throws {
        #expect(try AliasFixture.people(["Ali Bagheri Kani", "Bagheri"]).clusters.count == 2)
        #expect(try AliasFixture.people(["Osama bin Laden", "bin"]).clusters.count == 2)
    }

    @Test("role words and a leading country are trimmed from a person's name and kept as evidence")
    func trimming() throws {
        let (body, mentions) = AliasFixture.article([
            ("Presiden AS Joe Biden", .person), ("Biden", .person), ("Iran Ali Bagheri Kank", .person),
            ("Menteri Luar Negeri Retno Marsudi", .person), ("Putri Ariani", .person),
        ])
        let resolution = AliasResolver(lexicon: try AliasFixture.lexicon.get()).resolve(body: body, mentions: mentions)
        let names = resolution.clusters.map(\.canonicalName)
        #expect(names.contains("Joe Biden"))
        #expect(names.contains("Ali Bagheri Kank"))
        #expect(names.contains("Retno Marsudi"))
        // "Putri" is a title word in the NER cues and a common given name: never trimmed.
        #expect(names.contains("Putri Ariani"))
        let biden = try #require(resolution.clusters.first { $0.canonicalName == "Joe Biden" })
        #expect(biden.mentions.count == 2)
        #expect(biden.mentions[0].trims.map(\.evidence) == ["trimmed(role: Presiden)", "trimmed(country: AS)"])
        #expect(biden.mentions[0].name.text(in: body) == "Joe Biden")
        // The countries cut off become place mentions of their own.
        let us = try #require(resolution.clusters.first { $0.countryCode == "US" })
        #expect(us.canonicalName == "Amerika Serikat")
        #expect(us.mentions.first?.derived == true)
        #expect(resolution.clusters.contains { $0.countryCode == "IR" })
    }

    @Test("countries join under all their names; a capital stays apart, linked")
    func countries() throws {
        let resolution = try AliasFixture.resolve([
            ("AS", .place), ("Amerika Serikat", .place), ("United States", .place), ("Tiongkok", .place),
            ("China", .place), ("Teheran", .place), ("Iran", .place), ("Inggris", .place), ("Inggris Raya", .place),
        ])
        let byCode = Dictionary(grouping: resolution.clusters.filter { $0.countryCode != nil }) { $0.countryCode ?? "" }
        #expect(byCode["US"]?.count == 1)
        #expect(Set(byCode["US"]?.first?.forms.map(\.text) ?? []) == ["AS", "Amerika Serikat", "United States"])
        #expect(byCode["CN"]?.first?.forms.count == 2)
        #expect(byCode["GB"]?.first?.forms.count == 2)
        #expect(byCode["IR"]?.first?.forms.map(\.text) == ["Iran"])
        let tehran = try #require(resolution.clusters.first { $0.canonicalName == "Teheran" })
        #expect(tehran.capitalOf == "IR")
        #expect(tehran.countryCode == nil)
        let evidence = byCode["US"]?.first?.merges.flatMap(\.evidence) ?? []
        #expect(evidence.contains("countryName(AS → US)"))
    }

    @Test("the English word \"as\" is no country; only \"AS\" in capitals is")
    func acronymCase() throws {
        let lexicon = try AliasFixture.lexicon.get()
        #expect(lexicon.country(for: AliasName("AS")) == "US")
        #expect(lexicon.country(for: AliasName("As")) == nil)
        #expect(lexicon.country(for: AliasName("amerika serikat")) == "US")
        #expect(lexicon.capital(for: AliasName("Teheran")) == "IR")
        #expect(lexicon.capital(for: AliasName("Singapura")) == nil)
    }

    @Test("organisations join on head words and acronyms, not on a shared word")
    func organisations() throws {
        let resolution = try AliasFixture.resolve([
            ("Kelompok Hamas", .organisation), ("Hamas", .organisation),
            ("Perserikatan Bangsa-Bangsa", .organisation), ("PBB", .organisation),
            ("Bank Indonesia", .organisation), ("Bank Mandiri", .organisation),
            ("Jalur Gaza", .place), ("Gaza", .place),
        ])
        let groups = AliasFixture.groups(resolution)
        #expect(groups.contains(["Kelompok Hamas", "Hamas"]))
        #expect(groups.contains(["Perserikatan Bangsa-Bangsa", "PBB"]))
        #expect(groups.contains(["Bank Indonesia"]) && groups.contains(["Bank Mandiri"]))
        #expect(groups.contains(["Jalur Gaza", "Gaza"]))
        let evidence = resolution.clusters.flatMap(\.merges).flatMap(\.evidence)
        #expect(evidence.contains("headWord(Kelompok Hamas ⊃ Hamas, head: Kelompok)"))
        #expect(evidence.contains("acronym(PBB = Perserikatan Bangsa-Bangsa)"))
    }

    @Test("English news: spellings join, kinds never mix")
    func english() throws {
        let resolution = try AliasFixture.resolve([
            ("President Joe Biden", .person), ("Biden", .person), ("Washington", .place),
            ("Benjamin Netanyahu", .person), ("Netanyahu", .person), ("Hezbollah", .organisation),
            ("Hizbollah", .organisation), ("Biden", .organisation),
        ])
        let groups = AliasFixture.groups(resolution)
        #expect(groups.contains(["Joe Biden", "Biden"]), "\(groups)")
        #expect(groups.contains(["Benjamin Netanyahu", "Netanyahu"]))
        #expect(groups.contains(["Hezbollah", "Hizbollah"]))
        #expect(groups.contains(["Biden"]), "an ORGANISATION \"Biden\" stays apart from the PERSON")
        #expect(resolution.clusters.first { $0.canonicalName == "Washington" }?.capitalOf == "US")
    }

    @Test("edit distance counts swaps as one edit and gives up past its limit")
    func editDistance() {
        #expect(EditDistance.distance("Kank", "Kani", limit: 1) == 1)
        #expect(EditDistance.distance("Bagheri", "Bagehri", limit: 1) == 1)
        #expect(EditDistance.distance("Hezbollah", "Hizbullah", limit: 2) == 2)
        #expect(EditDistance.distance("Hunter", "Joe", limit: 2) == nil)
        #expect(EditDistance.distance("", "ab", limit: 2) == 2)
    }

    @Test("names cut into tokens on spaces, hyphens and dashes, folded for comparison")
    func names() {
        #expect(AliasName("Bagheri-Kani").key == "bagheri kani")
        #expect(AliasName("Bagheri–Kani").folded == ["bagheri", "kani"])
        #expect(AliasName("Joe R. Biden").count == 3)
        #expect(AliasName("ÉMILE Zola").key == "émile zola")
        #expect(AliasName("O'Brien").count == 1)
    }

    @Test("hostile input: 10,000 capitalised names finish within the comparison budget")
    func hostile() throws {
        var names: [(String, EntityKind)] = []
        for index in 0..<10_000 { names.append(("Nama\(index % 977) Kata\(index)", .person)) }
        let resolution = try AliasFixture.resolve(names)
        #expect(!resolution.clusters.isEmpty)
        let empty = AliasResolver(lexicon: try AliasFixture.lexicon.get()).resolve(body: "", mentions: [])
        #expect(empty.clusters.isEmpty)
        // Spans outside the body are clamped, never trusted.
        let outside = EntityMention(span: TextSpan(start: 5, end: 900), kind: .person)
        let clamped = AliasResolver(lexicon: try AliasFixture.lexicon.get()).resolve(
            body: "Joe Biden", mentions: [outside])
        #expect(clamped.clusters.count == 1)
    }
}

@Suite("Aliases the text states")
struct StatedAliasTests {
    static func mentions(_ body: String, _ names: [(String, EntityKind)]) throws -> [EntityMention] {
        try names.map { name, kind in
            let range = try #require(body.range(of: name))
            let start = body.utf8.distance(from: body.startIndex, to: range.lowerBound)
            return EntityMention(span: TextSpan(start: start, end: start + name.utf8.count), kind: kind)
        }
    }

    @Test(
        "\"A (juga dikenal sebagai B)\" and \"A, also known as B\" join B to A with the phrase as evidence",
        arguments: [
            "Serangan dilakukan gerakan Houthi (juga dikenal sebagai Ansar Allah) pekan lalu.",
            "The attack was claimed by Houthi, also known as Ansar Allah, on Monday.",
        ])
    func stated(_ body: String) throws {
        let lexicon = try AliasFixture.lexicon.get()
        let mentions = try Self.mentions(body, [("Houthi", .organisation), ("Ansar Allah", .organisation)])
        let resolution = AliasResolver(lexicon: lexicon).resolve(body: body, mentions: mentions)
        #expect(AliasFixture.groups(resolution) == [["Houthi", "Ansar Allah"]])
        let merge = try #require(resolution.clusters.first?.merges.first)
        #expect(merge.rule == .statedAlias)
        #expect(merge.alias == "Ansar Allah" && merge.target == "Houthi")
    }

    @Test("two names side by side without the phrase stay apart; the refiner gives a stated alias its name's kind")
    func notStated() throws {
        let lexicon = try AliasFixture.lexicon.get()
        let plain = "Houthi dan Ansar Allah bertemu."
        let apart = AliasResolver(lexicon: lexicon).resolve(
            body: plain,
            mentions: try Self.mentions(plain, [("Houthi", .organisation), ("Ansar Allah", .organisation)]))
        #expect(AliasFixture.groups(apart) == [["Houthi"], ["Ansar Allah"]])

        let body = "Serangan gerakan Houthi Yaman (juga dikenal sebagai Ansar Allah) berlanjut."
        let tagged = try Self.mentions(
            body, [("Houthi", .organisation), ("Yaman", .place), ("Ansar Allah", .person)])
        let refined = MentionRefiner(lexicon: lexicon).refine(tagged, body: body)
        #expect(refined.map(\.kind) == [.organisation, .place, .organisation])
    }
}
