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
