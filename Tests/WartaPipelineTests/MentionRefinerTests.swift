import Foundation
import Testing
import WartaCore
import WartaEntities
import WartaPipeline
import WartaQuotes
import WartaStore
import WartaTestSupport

/// The refinement of the tagger's mentions with the article's own evidence (``MentionRefiner``).
@Suite("Mention refinement")
struct MentionRefinerTests {
    static let refiner = Result {
        MentionRefiner(lexicon: try AliasLexicon.bundled(), knownOrganisations: QuoteAnnotator.knownOutlets)
    }

    /// A mention of the first occurrence of `text` in `body`.
    static func mention(_ text: String, _ kind: EntityKind, in body: String) throws -> EntityMention {
        let range = try #require(body.range(of: text))
        let start = body.utf8.distance(from: body.startIndex, to: range.lowerBound)
        return EntityMention(span: TextSpan(start: start, end: start + text.utf8.count), kind: kind)
    }

    static func shown(_ mentions: [EntityMention], in body: String) -> [String] {
        mentions.map { "\($0.span.text(in: body))/\($0.kind.rawValue)" }
    }

    @Test("a source outlet replaces the tagger's partial span, and the country left over stays a place")
    func sources() throws {
        let body =
            "Seorang pejabat mengatakan kepada Middle East Eye bahwa menurut harian Etemad Iran perundingan berlanjut."
        let mentions = [
            try Self.mention("East Eye", .person, in: body), try Self.mention("Etemad Iran", .place, in: body),
        ]
        let refined = try Self.refiner.get().refine(mentions, body: body, sourceNames: [])
        #expect(Self.shown(refined, in: body) == ["Middle East Eye/ORGANISATION", "Etemad/ORGANISATION", "Iran/PLACE"])
    }

    @Test("a relay the quote finder named becomes an organisation, even when no list knows it")
    func relayName() throws {
        let body = "\"Kami siap,\" katanya seperti dilansir Kabar Pagi Nusantara, Senin."
        let refined = try Self.refiner.get().refine([], body: body, sourceNames: ["Kabar Pagi Nusantara"])
        #expect(Self.shown(refined, in: body) == ["Kabar Pagi Nusantara/ORGANISATION"])
    }

    @Test("a lower-case word that spells an outlet is no mention")
    func lowerCase() throws {
        let body = "Kami membaca berita tentang reuters dan axios."
        #expect(try Self.refiner.get().refine([], body: body).isEmpty)
    }

    @Test("a country glued to a person is cut off, at either end")
    func gluedCountry() throws {
        let body = "Presiden AS Joe Biden bertemu pejabat Iran Ali Bagheri Kank dan gerakan Houthi Yaman."
        let mentions = [
            try Self.mention("AS Joe Biden", .person, in: body),
            try Self.mention("Iran Ali Bagheri Kank", .person, in: body),
            try Self.mention("Houthi Yaman", .person, in: body),
        ]
        let refined = try Self.refiner.get().refine(mentions, body: body)
        #expect(
            Self.shown(refined, in: body) == [
                "AS/PLACE", "Joe Biden/PERSON", "Iran/PLACE", "Ali Bagheri Kank/PERSON", "Houthi/ORGANISATION",
                "Yaman/PLACE",
            ])
    }

    @Test("faith words glued after a name are cut off; a head word alone keeps them")
    func faithWords() throws {
        let body =
            "Menurut laporan, kelompok Hizbullah Muslim Syiah dan Hamas Muslim Sunni bersekutu. Partai Kristen diam."
        let mentions = [
            try Self.mention("Hizbullah Muslim Syiah", .organisation, in: body),
            try Self.mention("Hamas Muslim Sunni", .person, in: body),
            try Self.mention("Partai Kristen", .organisation, in: body),
        ]
        let refined = try Self.refiner.get().refine(mentions, body: body)
        #expect(
            Self.shown(refined, in: body) == [
                "Hizbullah/ORGANISATION", "Hamas/PERSON", "Partai Kristen/ORGANISATION",
            ])
    }

    @Test("a name after a group word is an organisation, in every mention of the article; a country is not")
    func groupHeads() throws {
        let body = "Perang Hamas dan Israel berlanjut. Pemimpin kelompok Hamas menolak. Pasukan Israel menyerang."
        let hamas = try Self.mention("Hamas", .place, in: body)
        let second = try #require(body.range(of: "kelompok Hamas"))
        let start = body.utf8.distance(from: body.startIndex, to: second.lowerBound) + "kelompok ".utf8.count
        let mentions = [
            hamas, try Self.mention("Israel", .place, in: body),
            EntityMention(span: TextSpan(start: start, end: start + 5), kind: .place),
        ]
        let refined = try Self.refiner.get().refine(mentions, body: body)
        #expect(Self.shown(refined, in: body) == ["Hamas/ORGANISATION", "Israel/PLACE", "Hamas/ORGANISATION"])
    }

    @Test("a surname alone is the person named in full; the majority kind wins for one name")
    func consistency() throws {
        let body = "Masoud Pezeshkian menang. Pezeshkian berjanji. Warga Iran senang, Iran tenang, kata Iran."
        let iran = body.ranges(of: "Iran").map { body.utf8.distance(from: body.startIndex, to: $0.lowerBound) }
        let mentions = [
            try Self.mention("Masoud Pezeshkian", .person, in: body),
            try Self.mention("Pezeshkian berjanji", .place, in: body).trimmed(to: "Pezeshkian".utf8.count),
            EntityMention(span: TextSpan(start: iran[0], end: iran[0] + 4), kind: .place),
            EntityMention(span: TextSpan(start: iran[1], end: iran[1] + 4), kind: .place),
            EntityMention(span: TextSpan(start: iran[2], end: iran[2] + 4), kind: .person),
        ]
        let refined = try Self.refiner.get().refine(mentions, body: body)
        #expect(
            Self.shown(refined, in: body) == [
                "Masoud Pezeshkian/PERSON", "Pezeshkian/PERSON", "Iran/PLACE", "Iran/PLACE", "Iran/PLACE",
            ])
    }

    @Test("a hyphenated name cut at the hyphen is whole again when the article names the person in full")
    func hyphen() throws {
        let body = "Ali Bagheri Kani hadir. Pembicaraan antara Bagheri-Kani dan McGurk berjalan baik."
        let kani = try #require(body.range(of: "Kani dan"))
        let start = body.utf8.distance(from: body.startIndex, to: kani.lowerBound)
        let mentions = [
            try Self.mention("Ali Bagheri Kani", .person, in: body),
            EntityMention(span: TextSpan(start: start, end: start + 4), kind: .place),
        ]
        let refined = try Self.refiner.get().refine(mentions, body: body)
        #expect(Self.shown(refined, in: body) == ["Ali Bagheri Kani/PERSON", "Bagheri-Kani/PERSON"])
    }

    @Test("the seeds: sources are organisations, no country glued to a name, Bagheri-Kani whole")
    func seeds() throws {
        let pipeline = try SeedGoldenTests.pipeline.get()
        var found: [String: Set<EntityKind>] = [:]
        for seed in Fixtures.seedNames {
            let raw = RawDocument(origin: seed, bytes: try Fixtures.bytes("seeds/\(seed)"), contentType: .plainText)
            guard case .article(let indexed) = pipeline.process(raw) else { throw Fixtures.MissingFixture(path: seed) }
            for mention in indexed.article.entities {
                found[mention.span.text(in: indexed.article.body), default: []].insert(mention.kind)
            }
        }
        for name in ["Reuters", "Axios", "Middle East Eye", "MEE", "Etemad", "Hizbullah", "Houthi", "Ansar Allah"] {
            #expect(found[name] == [.organisation], "\(name): \(found[name] ?? [])")
        }
        for name in [
            "Ali Bagheri Kank", "Bagheri Kani", "Bagheri-Kani", "Ali Bagheri", "Joe Biden", "Brett McGurk",
            "Masoud Pezeshkian", "Ismail Haniyeh", "Ibrahim Raisi",
        ] {
            #expect(found[name] == [.person], "\(name): \(found[name] ?? [])")
        }
        for name in ["Iran", "Oman", "Israel", "Gaza", "Muscat", "Teheran", "Amerika Serikat", "AS"] {
            #expect(found[name] == [.place], "\(name): \(found[name] ?? [])")
        }
        #expect(found["Hamas"]?.contains(.organisation) == true)
        #expect(found.keys.allSatisfy { !$0.hasPrefix("Iran ") && !$0.hasPrefix("AS ") }, "\(found.keys.sorted())")
    }
}

extension EntityMention {
    fileprivate func trimmed(to length: Int) -> EntityMention {
        EntityMention(span: TextSpan(start: span.start, end: span.start + length), kind: kind)
    }
}
