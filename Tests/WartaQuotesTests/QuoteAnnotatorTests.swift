import Testing
import WartaCore
import WartaQuotes

/// Quote patterns on invented sentences.
@Suite("Quote annotator")
struct QuoteAnnotatorTests {
    /// One row: a text, the quoted words' start, and the expected speaker, role, cue and relay.
    struct Row: Sendable, CustomStringConvertible {
        var text: String
        var quoteStart: String
        var kind: Quote.Kind
        var speaker: String?
        var role: String? = nil
        var cue: String?
        var relay: [String] = []
        var description: String { text }
    }

    static let rows: [Row] = [
        // Everyday Indonesian forms measured on bench/annotations/id-dev (issue 13).
        Row(
            text: "Ketua The Fed, Jerome Powell, mengatakan bahwa The Fed sedang menunggu arah perekonomian.",
            quoteStart: "The Fed sedang", kind: .indirect, speaker: "Jerome Powell", cue: "mengatakan"),
        Row(
            text: "Menurut Cahyo, KAI Daop 9 Jember terus memantau aktivitas Gunung Raung.",
            quoteStart: "KAI Daop 9", kind: .indirect, speaker: "Cahyo", cue: "Menurut"),
        Row(
            text: "Sejak jalan dibangun, kata Wahidin, wisatawan yang datang makin banyak.",
            quoteStart: "Sejak jalan dibangun, kata Wahidin", kind: .indirect, speaker: "Wahidin", cue: "kata"),
        Row(
            text: "Dengan demikian, kata Budi Setiyadi, tarif ojek daring naik menurut zonasi.",
            quoteStart: "tarif ojek daring", kind: .indirect, speaker: "Budi Setiyadi", cue: "kata"),
        Row(
            text:
                "Potensi industri fesyen sangat besar bagi Indonesia. Hal tersebut disampaikan Hanif Dhakiri di Semarang.",
            quoteStart: "Potensi industri fesyen", kind: .indirect, speaker: "Hanif Dhakiri", cue: "disampaikan"),
        Row(
            text: "\"Kami siap berunding,\" kata Menteri Luar Negeri Iran, Ali Bagheri Kani.", quoteStart: "Kami siap",
            kind: .direct, speaker: "Ali Bagheri Kani", role: "Menteri Luar Negeri Iran", cue: "kata"),
        Row(
            text: "“Kami tidak akan mundur,” ujar Budi Santoso seperti dilansir AFP.", quoteStart: "Kami tidak",
            kind: .direct, speaker: "Budi Santoso", cue: "ujar", relay: ["AFP"]),
        Row(
            text: "\"Harga akan turun bulan depan,\" ungkap Sri Mulyani kepada Kompas.com di Jakarta.",
            quoteStart: "Harga akan", kind: .direct, speaker: "Sri Mulyani", cue: "ungkap", relay: ["Kompas.com"]),
        Row(
            text: "Joko Widodo mengatakan, \"Kita harus bekerja lebih keras lagi.\"", quoteStart: "Kita harus",
            kind: .direct, speaker: "Joko Widodo", cue: "mengatakan"),
        Row(
            text: "\"Ini bukan akhir. Kami akan kembali,\" tutur Andi Wijaya.", quoteStart: "Ini bukan akhir. Kami",
            kind: .direct, speaker: "Andi Wijaya", cue: "tutur"),
        Row(
            text: "Juru bicara Gedung Putih mengatakan Amerika Serikat tidak siap untuk berunding.",
            quoteStart: "Amerika Serikat tidak", kind: .indirect, speaker: "Juru bicara Gedung Putih",
            role: "Juru bicara Gedung Putih", cue: "mengatakan"),
        Row(
            text: "Kapolri Listyo Sigit mengatakan kepada wartawan bahwa pelaku sudah ditangkap.",
            quoteStart: "pelaku sudah", kind: .indirect, speaker: "Listyo Sigit", role: "Kapolri", cue: "mengatakan"),
        Row(
            text: "Menurut Reuters, kelompok itu didukung Iran di wilayah tersebut.", quoteStart: "kelompok itu",
            kind: .indirect, speaker: "Reuters", cue: "Menurut"),
        Row(
            text: "Menurut laporan Al Jazeera, serangan itu menewaskan lima orang.", quoteStart: "serangan itu",
            kind: .indirect, speaker: nil, cue: "Menurut", relay: ["Al Jazeera"]),
        Row(
            text: "Seorang pejabat senior mengatakan kepada Reuters bahwa pembicaraan akan dilanjutkan.",
            quoteStart: "pembicaraan akan", kind: .indirect, speaker: "Seorang pejabat senior",
            role: "Seorang pejabat senior", cue: "mengatakan", relay: ["Reuters"]),
        Row(
            text: "\"We are not ready to resume talks,\" said John Kirby, the White House spokesman.",
            quoteStart: "We are not", kind: .direct, speaker: "John Kirby", role: "the White House spokesman",
            cue: "said"),
        Row(
            text: "\"The talks went well,\" Kirby said.", quoteStart: "The talks", kind: .direct, speaker: "Kirby",
            cue: "said"),
        Row(
            text: "A senior official told Reuters that the talks would resume next week.", quoteStart: "the talks",
            kind: .indirect, speaker: "A senior official", role: "A senior official", cue: "told",
            relay: ["Reuters"]),
        Row(
            text: "According to Axios, the meeting took place in Muscat.", quoteStart: "the meeting", kind: .indirect,
            speaker: "Axios", cue: "According to"),
        Row(
            text: "The envoy met Iranian officials, according to a report by Reuters, last month in Oman.",
            quoteStart: "", kind: .indirect, speaker: nil, cue: nil, relay: []),
    ]

    @Test("finds speaker, role, cue and relay", arguments: rows.filter { !$0.quoteStart.isEmpty })
    func pattern(_ row: Row) throws {
        let quotes = QuoteAnnotator().quotes(in: row.text)
        let quote = try #require(
            quotes.first { $0.span.text(in: row.text).hasPrefix(row.quoteStart) },
            "no quote starting \"\(row.quoteStart)\"; found \(quotes.map { $0.span.text(in: row.text) })")
        #expect(quote.kind == row.kind)
        #expect(quote.speaker?.text(in: row.text) == row.speaker)
        if let role = row.role { #expect(quote.role?.text(in: row.text) == role) }
        #expect(quote.cue?.text(in: row.text) == row.cue)
        #expect(quote.relay == row.relay)
    }

    @Test("a -nya tag points back to the last named speaker")
    func pronoun() throws {
        let text = """
            "Kami siap berunding," kata Bagheri Kani. Ia tiba di Muscat pada pagi hari.

            "Prosesnya bersifat rahasia," katanya.
            """
        let quotes = QuoteAnnotator().quotes(in: text)
        let second = try #require(quotes.first { $0.span.text(in: text).hasPrefix("Prosesnya") })
        #expect(second.speaker?.text(in: text) == "Bagheri Kani")
        #expect(second.speakerKind == .pronoun)
        #expect(second.cue?.text(in: text) == "katanya")
    }

    @Test("an untagged quote after a tagged one continues its speaker")
    func continuation() throws {
        let text = "\"Kami siap,\" kata Budi Santoso. \"Tapi tidak hari ini.\""
        let quotes = QuoteAnnotator().quotes(in: text)
        #expect(quotes.count == 2)
        #expect(quotes.last?.speaker?.text(in: text) == "Budi Santoso")
        #expect(quotes.last?.span.text(in: text) == "Tapi tidak hari ini.")
    }

    @Test(
        "short scare quotes and unbalanced marks give nothing",
        arguments: [
            "Ia menyebut kelompok itu \"teroris\".",
            "Baris ini membuka kutipan \"yang tidak pernah ditutup\nlalu baris baru.",
            "",
            "\"\"",
        ])
    func nothing(_ text: String) {
        let quotes = QuoteAnnotator().quotes(in: text).filter { $0.kind == .direct }
        #expect(quotes.isEmpty, "found \(quotes.map { $0.span.text(in: text) })")
    }
}

extension QuoteAnnotatorTests {
    /// Found on the CLICK-ID corpus: "menurut" with its speaker as the text's last word read past the end.
    @Test(
        "a text that ends right after \"Menurut X\" gives no quote and does not trap",
        arguments: [
            "Menurut Budi", "Hal itu benar. Menurut Budi", "Menurut Budi Santoso", "Menurut dia",
        ])
    func accordingToAtTheEnd(_ text: String) {
        #expect(QuoteAnnotator().quotes(in: text).isEmpty)
    }
}

extension QuoteAnnotatorTests {
    @Test(
        "a courtesy or a figure after a reporting verb is no quote",
        arguments: [
            "Kapolres Hardi Dinata menyampaikan terima kasih kepada seluruh personel yang bekerja sama.",
            "Manajemen juga menyampaikan capaian kinerja keuangan Perseroan selama tahun 2024.",
        ])
    func plainObject(_ text: String) {
        #expect(QuoteAnnotator().quotes(in: text).isEmpty)
    }
}
