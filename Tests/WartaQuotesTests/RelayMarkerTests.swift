import Testing
import WartaCore
import WartaQuotes
import WartaText

/// Relays named for an article, a paragraph or a channel (``RelayMarkers``), on sentences shaped like the id-news
/// texts of bench/annotations/id-dev.
@Suite("Relay markers")
struct RelayMarkerTests {
    static func relays(_ body: String) -> [[String]] {
        let quotes = QuoteAnnotator().quotes(in: body)
        let sentences = SentenceSplitter().sentences(in: body).map(\.span)
        return RelayMarkers.apply(quotes, body: body, sentences: sentences).map(\.relay)
    }

    @Test("a source that opens a sentence covers every later quote; a weekday after the cue is no source")
    func articleWide() {
        let body =
            "Dilansir autoevolution, seorang wanita menelepon polisi. \"Saya melihat pengemudi itu,\" kata wanita itu. "
            + "Polisi mengatakan pengemudi sudah ditangkap, dikutip Selasa (17/6)."
        #expect(Self.relays(body) == [["autoevolution"], ["autoevolution"]])
    }

    @Test("a platform with its handle covers the quote of its sentence and the same speaker's next quotes")
    func platform() {
        let body =
            "\"Empat pulau itu wilayah kedaulatan Indonesia,\" kata Doni dalam unggahan di akun Instagram @kkpgoid, "
            + "dikutip Rabu (18/6/2025). \"Tidak ada yang boleh memperjualbelikan pulau kecil,\" kata Doni."
        #expect(Self.relays(body) == [["Instagram @kkpgoid"], ["Instagram @kkpgoid"]])
    }

    @Test("a programme in quotation marks is a relay (and its name no quote); an event after another word is not")
    func programme() {
        let body =
            "\"Saya bilang ke teman-teman mahasiswa,\" ujar Fahri dalam tayangan \"Indonesia Lawyers Club\" pada Rabu. "
            + "Menteri mengatakan dalam acara Fashion Paradise bahwa industri fesyen tumbuh."
        #expect(Self.relays(body) == [["Indonesia Lawyers Club"], []])
    }
}
