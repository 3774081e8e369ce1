import Foundation
import Testing
import WartaCore
import WartaEntities
import WartaQuotes
import WartaTestSupport
import WartaText

/// Speakers pointed at the name of the entity that spoke (``SpeakerResolver``), on sentences shaped like the
/// id-news texts of bench/annotations/id-dev, with the mentions given (the tagger is not under test here).
@Suite("Speaker resolution")
struct SpeakerResolverTests {
    static let resolver = Result { SpeakerResolver(lexicon: try AliasLexicon.bundled()) }

    /// The quotes of `body` with their speakers resolved over `people` (PERSON mentions, every occurrence).
    static func speakers(_ body: String, people: [String], organisations: [String] = []) throws -> [String?] {
        var mentions: [EntityMention] = []
        for (names, kind) in [(people, EntityKind.person), (organisations, .organisation)] {
            for name in names {
                var from = body.startIndex
                while let range = body.range(of: name, range: from..<body.endIndex) {
                    let start = body.utf8.distance(from: body.startIndex, to: range.lowerBound)
                    mentions.append(
                        EntityMention(span: TextSpan(start: start, end: start + name.utf8.count), kind: kind))
                    from = range.upperBound
                }
            }
        }
        let quotes = QuoteAnnotator().quotes(in: body)
        let sentences = SentenceSplitter().sentences(in: body).map(\.span)
        let resolved = try resolver.get().resolve(quotes, body: body, mentions: mentions, sentences: sentences)
        return resolved.map { $0.speaker?.text(in: body) }
    }

    @Test("a role and rank before the name are cut: the speaker is the clean name")
    func rankCut() throws {
        let body = "\"Kami membersihkan masjid dan gereja,\" ujar AKBP Hardi Dinata, Rabu (18/6/2025)."
        #expect(try Self.speakers(body, people: ["AKBP Hardi Dinata"]) == ["Hardi Dinata"])
    }

    @Test("a role alone names the person the article gives that role to")
    func roleAlone() throws {
        let body =
            "Hal itu disampaikan Menteri Ketenagakerjaan M. Hanif Dhakiri di Semarang. "
            + "\"Industri fesyen punya peluang besar untuk tumbuh,\" kata Menaker."
        #expect(try Self.speakers(body, people: ["M. Hanif Dhakiri"]).last == "M. Hanif Dhakiri")
    }

    @Test("a phrase ending in a demonstrative points back to the subject of an earlier sentence")
    func demonstrative() throws {
        let body =
            "Gubernur Banten Wahidin Halim meninjau jalan itu pada Senin. "
            + "Mantan Wali Kota Tangerang tersebut mengatakan jalan sepanjang 8 kilometer sudah dibeton."
        #expect(try Self.speakers(body, people: ["Wahidin Halim"]) == ["Wahidin Halim"])
    }

    @Test("a description with its own relative clause is somebody new, not a pointer back")
    func description() throws {
        let body =
            "Brett McGurk bertemu utusan Iran. "
            + "Sebuah sumber yang mengetahui masalah tersebut mengatakan pembicaraan berjalan dengan baik."
        #expect(
            try Self.speakers(body, people: ["Brett McGurk"]) == ["Sebuah sumber yang mengetahui masalah tersebut"])
    }

    @Test("a pronoun takes the subject of the sentence before, not a name inside its own sentence")
    func pronoun() throws {
        let body =
            "\"Pembicaraan sedang dilakukan melalui Oman,\" kata Bagheri Kani. "
            + "Pezeshkian menjabat saat konflik meningkat. "
            + "Dalam suratnya kepada pemimpin Hamas Ismail Haniyeh, dia menegaskan kembali dukungan Teheran bagi Palestina."
        let speakers = try Self.speakers(body, people: ["Bagheri Kani", "Pezeshkian", "Ismail Haniyeh"])
        #expect(speakers == ["Bagheri Kani", "Pezeshkian"])
    }
}
