import Foundation
import Testing

@testable import WartaText

/// Loads the shipped Indonesian word lists and the hand-checked stemming table once for all tests.
private enum StemmerFixtures {
    /// The repository root, three levels above this file (`Tests/WartaTextTests/<file>`).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    static let rootWordsURL = repositoryRoot.appendingPathComponent("Sources/WartaText/Resources/id/root-words.txt")
    static let protectedWordsURL =
        repositoryRoot
        .appendingPathComponent("Sources/WartaText/Resources/id/protected-words.txt")
    static let tableURL = repositoryRoot.appendingPathComponent("Tests/Fixtures/stemmer/id-stems.tsv")

    /// The stemmer over the shipped lists, or the error that prevented loading them.
    static let stemmer: Result<IndonesianStemmer, any Error> = Result {
        IndonesianStemmer(rootWords: try words(at: rootWordsURL), protectedWords: try words(at: protectedWordsURL))
    }

    /// Non-empty, non-comment lines of a word list, trimmed and lower-cased.
    static func words(at url: URL) throws -> [String] {
        try lines(at: url).map { $0.lowercased() }
    }

    /// Non-empty lines of a text file that do not start with `#`, trimmed of surrounding whitespace.
    static func lines(at url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8)
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}

@Suite("IndonesianStemmer")
struct IndonesianStemmerTests {
    @Test("The hand-checked table id-stems.tsv stems without a mismatch")
    func fixtureTable() throws {
        let stemmer = try StemmerFixtures.stemmer.get()
        let lines = try StemmerFixtures.lines(at: StemmerFixtures.tableURL)
        var rows = 0
        var malformed: [String] = []
        var mismatches: [String] = []
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                malformed.append(line)
                continue
            }
            rows += 1
            let actual = stemmer.stem(fields[0])
            if actual != fields[1] {
                mismatches.append("\(fields[0]): expected \(fields[1]), got \(actual)")
            }
        }
        #expect(malformed.isEmpty, "malformed rows:\n\(malformed.joined(separator: "\n"))")
        #expect(rows >= 300, "the table should hold a few hundred rows, found \(rows)")
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.joined(separator: "\n"))")
    }

    @Test(
        "Behaviour the search engine relies on",
        arguments: [
            ("berunding", "runding"),
            ("perundingan", "runding"),
            ("merundingkan", "runding"),
            ("dirundingkan", "runding"),
            ("negosiasinya", "negosiasi"),
            ("negosiasi", "negosiasi"),
            ("pembicaraan", "bicara"),
            ("berbicara", "bicara"),
            ("membicarakan", "bicara"),
            ("menggelar", "gelar"),
            ("pemerintah", "pemerintah"),
            ("adalah", "adalah"),
            ("mulai", "mulai"),
            ("kebersamaan", "sama"),
            ("mempermainkan", "main"),
            ("menyerang", "serang"),
            ("dikutip", "kutip"),
            ("pejabat", "jabat"),
            ("menyapu", "sapu"),
            ("memukul", "pukul"),
            ("mengambil", "ambil"),
            ("penyanyi", "nyanyi"),
            ("buku-buku", "buku"),
            ("anak-anaknya", "anak"),
            ("gadget-gadget", "gadget-gadget"),
            ("dimakan", "makan"),
            ("memakan", "makan"),
        ])
    func requiredCases(surface: String, root: String) throws {
        let stemmer = try StemmerFixtures.stemmer.get()
        #expect(stemmer.stem(surface) == root)
    }

    @Test(
        "Numbers, empty strings and tokens that are not lower-case letters pass through unchanged",
        arguments: [
            "", "2019", "11/9/2019", "3,5", "covid-19", "rp10", "5g", "e-ktp", "Jakarta", "MENGGELAR", "café",
            "berunding!", "-", "--", "-nya", "anak-", " ", "di rumah",
        ])
    func nonWordsPassThrough(token: String) throws {
        let stemmer = try StemmerFixtures.stemmer.get()
        #expect(stemmer.stem(token) == token)
    }

    @Test("Every protected word is returned unchanged")
    func protectedWordsAreKept() throws {
        let stemmer = try StemmerFixtures.stemmer.get()
        let protected = try StemmerFixtures.words(at: StemmerFixtures.protectedWordsURL)
        #expect(protected.count >= 50)
        let changed = protected.filter { stemmer.stem($0) != $0 }
        #expect(changed.isEmpty, "protected words that were stemmed: \(changed)")
    }

    @Test("Lists are normalised; roots shorter than three letters are ignored")
    func initialiserNormalisesLists() {
        let stemmer = IndonesianStemmer(
            rootWords: ["Makan", " minum \n", "te", "ab", "-kan", "bersutM0", "jalan-jalan"],
            protectedWords: ["di", "Berita"]
        )
        #expect(stemmer.stem("dimakan") == "makan")
        #expect(stemmer.stem("minuman") == "minum")
        #expect(stemmer.stem("berita") == "berita")
        #expect(stemmer.stem("beritanya") == "berita")
        #expect(stemmer.stem("di") == "di")
        #expect(stemmer.stem("jalan-jalan") == "jalan-jalan")
        #expect(stemmer.stem("terbang") == "terbang")
        #expect(!stemmer.isDictionaryWord("te"))
        #expect(!stemmer.isDictionaryWord("ab"))
        #expect(stemmer.isDictionaryWord("jalan-jalan"))
        #expect(IndonesianStemmer.name == "text.stem.id.ecs.v1")
    }
}
