import Foundation
import Testing
import WartaCore
import WartaEntities
import WartaText

@Suite("Entities in the seed articles")
struct SeedTests {
    /// Both seed texts, joined.
    static func seeds() throws -> String {
        let folder = TestData.repositoryRoot.appendingPathComponent("Tests/Fixtures/seeds")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }
        return try names.sorted().map {
            try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
        }.joined(separator: "\n")
    }

    @Test("the people, organisations and places the issue names are found with the right kind")
    func seedEntities() throws {
        let text = try Self.seeds()
        let found = TestData.mentions(text, tagger: try TestData.tagger.get())
        func has(_ name: String, _ kind: EntityKind) -> Bool {
            found.contains { $0.text == name && $0.kind == kind }
        }
        for name in ["Masoud Pezeshkian", "Brett McGurk", "Joe Biden", "Ismail Haniyeh", "Ibrahim Raisi"] {
            #expect(has(name, .person), "\(name) as PERSON")
        }
        #expect(has("Bagheri Kani", .person) && has("Ali Bagheri", .person), "Ali Bagheri Kani, two spellings")
        for name in ["Iran", "Oman", "Muscat", "Gaza", "Israel", "Teheran", "Amerika Serikat"] {
            #expect(has(name, .place), "\(name) as PLACE")
        }
        // Misses of the NERGrit-trained model, kept visible rather than patched with seed-specific rules:
        // NERGrit (encyclopaedic text) has few news agencies and armed groups, so "dikutip Reuters" and
        // "perang Hamas dan Israel" are out of its domain. These expectations fail today; when a better model
        // finds them, withKnownIssue reports it and they move up.
        for name in ["Hamas", "Hizbullah", "Reuters", "Axios"] {
            withKnownIssue("\(name) is not tagged ORGANISATION by the NERGrit model") {
                #expect(has(name, .organisation), "\(name) as ORGANISATION")
            }
        }
    }

    @Test("a country that opens a longer span is forced into a place of its own; a whole country is left alone")
    func countrySplit() throws {
        let tagger = try TestData.tagger.get()
        var text = "di Palestina Ismail Haniyeh dan Amerika Serikat serta Iran kemarin"
        let place = 2
        let masks = text.withUTF8 { bytes -> [UInt16]? in
            let tokens = NERTokenizer().tokens(in: bytes, range: 0..<bytes.count)
            let spans = [
                EntitySpan(start: 1, end: 4, kind: place), EntitySpan(start: 5, end: 7, kind: place),
                EntitySpan(start: 8, end: 10, kind: place),
            ]
            return tagger.countryConstraints(spans, bytes: bytes, tokens: tokens)
        }
        let allowed = try #require(masks)
        #expect(allowed.count == 10)
        #expect(allowed[1] == 1 << BILOUTag.index(place, .unit))
        #expect(allowed[2] & (1 << BILOUTag.index(0, .begin)) != 0)
        #expect(allowed[2] & (1 << BILOUTag.index(0, .inside)) == 0)
        #expect(allowed[2] & (1 << BILOUTag.index(0, .last)) == 0)
        // "Amerika Serikat" is a country as a whole; "Iran kemarin" goes on with a lower-case word.
        for token in [0, 3, 4, 5, 6, 7, 8, 9] { #expect(allowed[token] == .max) }
        // And on the seed, the stage gives the person on their own.
        let mentions = TestData.mentions(try Self.seeds(), tagger: tagger)
        #expect(mentions.contains { $0.text == "Ismail Haniyeh" && $0.kind == .person })
        #expect(mentions.contains { $0.text == "Palestina" && $0.kind == .place })
        #expect(!mentions.contains { $0.text.hasPrefix("Palestina ") })
    }

    @Test("all mention spans point at the words they name")
    func spansAreExact() throws {
        let text = try Self.seeds()
        let tagger = try TestData.tagger.get()
        let sentences = SentenceSplitter().sentences(in: text).map(\.span)
        let bodyCount = text.utf8.count
        for mention in tagger.mentions(in: text, sentences: sentences) {
            #expect(mention.span.start >= 0 && mention.span.end <= bodyCount)
            let words = mention.span.text(in: text)
            #expect(words.first?.isLetter == true || words.first?.isNumber == true, "\(words)")
            #expect(words == words.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(mention.confidence >= 0 && mention.confidence <= 1)
        }
    }
}
