import Foundation
import Testing

@testable import WartaText

/// Tests for ``EnglishStemmer`` against the Snowball reference implementation.
@Suite("EnglishStemmer (Porter2)")
struct EnglishStemmerTests {
    /// The reference table: `word<TAB>stem` lines produced by the `snowballstemmer` package, stemmer
    /// `english`. Lines starting with `#` are comments.
    static let fixtureURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/stemmer/porter2-en.tsv")

    let stemmer = EnglishStemmer()

    @Test("Every word of the reference table stems like Snowball")
    func referenceTable() throws {
        let text = try String(contentsOf: Self.fixtureURL, encoding: .utf8)
        var rows = 0
        var mismatches: [(word: String, expected: String, got: String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2 else {
                Issue.record("Malformed fixture line: \(line)")
                continue
            }
            rows += 1
            let word = String(fields[0])
            let expected = String(fields[1])
            let got = stemmer.stem(word)
            if got != expected {
                mismatches.append((word, expected, got))
            }
        }
        for mismatch in mismatches {
            Issue.record("\(mismatch.word): expected \(mismatch.expected), got \(mismatch.got)")
        }
        #expect(rows >= 2_000, "the fixture should hold a few thousand words")
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(rows) words differ from the reference")
    }

    @Test(
        "Hand-picked words",
        arguments: [
            ("running", "run"),
            ("generously", "generous"),
            ("news", "news"),
            ("skies", "sky"),
            ("skis", "ski"),
            ("consolidated", "consolid"),
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("ties", "tie"),
            ("dying", "die"),
            ("inning", "inning"),
            ("proceed", "proceed"),
            ("succeeded", "succeed"),
            ("hopping", "hop"),
            ("hoped", "hope"),
            ("communication", "communic"),
            ("generate", "generat"),
            ("dog's", "dog"),
            ("happy", "happi"),
            ("relational", "relat"),
            ("sayings", "say"),
            ("cried", "cri"),
        ])
    func handPicked(word: String, expected: String) {
        #expect(stemmer.stem(word) == expected)
    }

    @Test(
        "Short and non-ASCII words pass through unchanged",
        arguments: [
            "", "a", "is", "us", "ox", "café", "cafés", "naïve", "résumés", "straße", "über", "日本語", "nações",
        ])
    func passThrough(word: String) {
        #expect(stemmer.stem(word) == word)
    }

    @Test("The stemmer name is stable")
    func name() {
        #expect(EnglishStemmer.name == "text.stem.en.porter2.v1")
    }
}
