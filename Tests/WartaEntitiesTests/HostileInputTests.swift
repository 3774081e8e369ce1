import Foundation
import Testing
import WartaCore
import WartaEntities
import WartaText

/// Bad input finishes with sensible output: no crash, no quadratic blow-up (no timing assertions here).
@Suite("Hostile input and English text")
struct HostileInputTests {
    static func article(_ body: String) -> Article {
        Article(
            origin: "test", url: nil, outlet: nil, title: "", titleDerived: true, byline: nil, published: nil,
            language: .indonesian, languageConfidence: 1, body: body, related: [],
            sentences: SentenceSplitter().sentences(in: body), tokenCount: 0, encoding: "utf-8", contentHash: "",
            bodyHash: "", producedBy: [])
    }

    static func run(_ body: String) throws -> [EntityMention] {
        let tagger = try TestData.tagger.get()
        guard case .kept(let mentions) = try tagger.process(article(body), context: StageContext()) else {
            Issue.record("the tagger dropped an article")
            return []
        }
        return mentions
    }

    @Test("an empty body has no mentions")
    func empty() throws {
        #expect(try Self.run("").isEmpty)
        #expect(try Self.run("   \n\n ").isEmpty)
        #expect(try Self.run("...!!! ??? ---").isEmpty)
    }

    @Test("10,000 capitalised words in a row, without a sentence end, finish with spans inside the body")
    func capitalisedRun() throws {
        let body = Array(repeating: "Jakarta Bandung Surabaya Medan Joko", count: 2000).joined(separator: " ")
        let mentions = try Self.run(body)
        #expect(!mentions.isEmpty)
        #expect(mentions.allSatisfy { $0.span.end <= body.utf8.count })
    }

    @Test("the refiner on thousands of mentions, sources and hyphens finishes with spans inside the body")
    func refinerAtScale() throws {
        let unit = "Reuters-Iran Ali Bagheri-Kani kelompok Hamas AS Joe Biden Middle East Eye "
        let body = String(repeating: unit, count: 3_000)
        let tagged = try Self.run(body)
        let refiner = MentionRefiner(lexicon: try AliasFixture.lexicon.get(), knownOrganisations: ["reuters"])
        let refined = refiner.refine(tagged, body: body, sourceNames: ["Middle East Eye"])
        #expect(refined.count >= 3_000)
        #expect(refined.allSatisfy { $0.span.start < $0.span.end && $0.span.end <= body.utf8.count })
        #expect(zip(refined, refined.dropFirst()).allSatisfy { $0.span.start <= $1.span.start })
    }

    @Test("the refiner keeps every span inside the body, on character boundaries and in order, on random input")
    func refinerRandom() throws {
        let lexicon = try AliasFixture.lexicon.get()
        let refiner = MentionRefiner(lexicon: lexicon, knownOrganisations: ["reuters", "middle east eye"])
        let vocabulary = [
            "Reuters", "Middle", "East", "Eye", "kelompok", "Hamas", "Muslim", "Sunni", "AS", "Joe", "Biden", "Iran",
            "Bagheri-Kani", "Bagheri", "Kani", "(juga", "dikenal", "sebagai", "Ansar", "Allah)", "Jakarta", "Ö", "日本",
            "😀", "—", ",", "-", "kata", "Ali", "Ç̧", "",
        ]
        var random = SplitMix64(seed: 2024)
        for _ in 0..<300 {
            let count = Int(random.next() % 40)
            let words = (0..<count).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }
            let body = words.joined(separator: random.next() % 5 == 0 ? "-" : " ")
            // Non-overlapping mentions over whole words, of random kinds.
            var mentions: [EntityMention] = []
            var offset = 0
            for word in words {
                let start = offset
                offset += word.utf8.count + 1
                guard !word.isEmpty, random.next() % 3 == 0 else { continue }
                let kind = EntityKind.allCases[Int(random.next() % 3)]
                mentions.append(EntityMention(span: TextSpan(start: start, end: start + word.utf8.count), kind: kind))
            }
            let refined = refiner.refine(mentions, body: body, sourceNames: ["Ansar Allah"])
            let utf8 = Array(body.utf8)
            for mention in refined {
                #expect(mention.span.start >= 0 && mention.span.start < mention.span.end, "\(body)")
                #expect(mention.span.end <= utf8.count, "\(body)")
                // Character boundaries: no span starts or ends inside a multi-byte character.
                for edge in [mention.span.start, mention.span.end] where edge < utf8.count {
                    #expect(utf8[edge] & 0xC0 != 0x80, "\(body)")
                }
            }
            #expect(zip(refined, refined.dropFirst()).allSatisfy { $0.span.start <= $1.span.start })
        }
    }

    @Test("a 2 MB body with no sentence ends finishes")
    func twoMegabytes() throws {
        let unit = "warga di kota itu mengatakan bahwa Presiden Joko Widodo datang ke Surabaya kemarin "
        let body = String(repeating: unit, count: 2 * 1024 * 1024 / unit.utf8.count + 1)
        #expect(body.utf8.count >= 2 * 1024 * 1024)
        let mentions = try Self.run(body)
        #expect(!mentions.isEmpty)
    }

    @Test("non-Latin scripts, emoji, combining marks and stray bytes pass without harm")
    func oddText() throws {
        let body = "Presiden 習近平 bertemu 😀 di Moskwa. Ca\u{0301}fe\u{0301} «Ü» — Кремль. \u{FEFF}\u{200B}x"
        let mentions = try Self.run(body)
        for mention in mentions {
            #expect(mention.span.start < mention.span.end && mention.span.end <= body.utf8.count)
        }
        // Sentence spans out of range are clamped, not trusted.
        let tagger = try TestData.tagger.get()
        let clamped = tagger.mentions(in: "Joko ke Bali.", sentences: [TextSpan(start: 5, end: 999)])
        #expect(clamped.allSatisfy { $0.span.end <= 13 })
    }

    @Test("English news gets sensible people, organisations and places")
    func english() throws {
        let text = """
            Iranian Foreign Minister Ali Bagheri Kani said on Thursday that talks with the United States \
            continued through Oman, Reuters reported. U.S. President Joe Biden met Israeli officials in Washington.
            """
        let found = TestData.mentions(text, tagger: try TestData.tagger.get())
        #expect(found.contains { $0.text.contains("Biden") && $0.kind == .person })
        #expect(found.contains { $0.text == "Oman" && $0.kind == .place })
        #expect(found.contains { $0.text == "Washington" && $0.kind == .place })
    }
}
