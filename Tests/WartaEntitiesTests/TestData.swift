import Foundation
import WartaCore
import WartaEntities
import WartaText

/// Shared fixtures: the bundled tagger (loaded once), paths to the seeds and to ../shared.
enum TestData {
    /// The bundled tagger, loaded once for all tests.
    static let tagger = Result { try EntityTagger.bundled() }

    /// The bundled lexicon, loaded once.
    static let lexicon = Result { try NERLexicon.bundled() }

    /// The repository root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/data/id/ner/nergrit` beside the repository, when present.
    static let nergrit = repositoryRoot.appendingPathComponent("../shared/data/id/ner/nergrit").standardizedFileURL

    /// Whether the NERGrit test split is there to read.
    static var hasNERGrit: Bool {
        FileManager.default.fileExists(atPath: nergrit.appendingPathComponent("test.tsv").path)
    }

    /// The texts of the mentions the tagger finds, with their kinds, sentence by sentence.
    static func mentions(_ text: String, tagger: EntityTagger) -> [(text: String, kind: EntityKind)] {
        let sentences = SentenceSplitter().sentences(in: text).map(\.span)
        return tagger.mentions(in: text, sentences: sentences).map { ($0.span.text(in: text), $0.kind) }
    }

    /// A tiny annotated corpus in NERGrit's format, for training tests that must not depend on ../shared.
    static let tinyCorpus = """
        Presiden\tO
        Joko\tB-PERSON
        Widodo\tI-PERSON
        berkunjung\tO
        ke\tO
        Surabaya\tB-PLACE
        .\tO

        Juru\tO
        bicara\tO
        Partai\tB-ORGANISATION
        Golkar\tI-ORGANISATION
        mengatakan\tO
        hal\tO
        itu\tO
        di\tO
        Jakarta\tB-PLACE
        .\tO

        Kelompok\tO
        Hamas\tB-ORGANISATION
        menyerang\tO
        Israel\tB-PLACE
        dari\tO
        Gaza\tB-PLACE
        .\tO

        Menteri\tO
        Luar\tO
        Negeri\tO
        Retno\tB-PERSON
        Marsudi\tI-PERSON
        bertemu\tO
        Antonio\tB-PERSON
        Guterres\tI-PERSON
        di\tO
        New\tB-PLACE
        York\tI-PLACE
        .\tO

        """
}
