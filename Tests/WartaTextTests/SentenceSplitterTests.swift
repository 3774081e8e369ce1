import Testing
import WartaCore

@testable import WartaText

@Suite("Sentence splitter")
struct SentenceSplitterTests {
    func split(_ text: String) -> [String] {
        SentenceSplitter().sentences(in: text).map { $0.span.text(in: text) }
    }

    @Test(
        "splits Indonesian and English text, keeping abbreviations",
        arguments: [
            ("Ia datang. Dia pergi.", ["Ia datang.", "Dia pergi."]),
            (
                "Dr. Budi bertemu Prof. Ahmad di Jl. Sudirman No. 5. Mereka makan.",
                [
                    "Dr. Budi bertemu Prof. Ahmad di Jl. Sudirman No. 5.", "Mereka makan.",
                ]
            ),
            (
                "H. Agus Salim tiba pukul 10.00 WIB. Acara dimulai.",
                ["H. Agus Salim tiba pukul 10.00 WIB.", "Acara dimulai."]
            ),
            ("Ia membeli buah, sayur, dll. dan pulang.", ["Ia membeli buah, sayur, dll. dan pulang."]),
            ("Ia membeli buah, sayur, dsb. Kemudian pulang.", ["Ia membeli buah, sayur, dsb.", "Kemudian pulang."]),
            ("Dana a.n. Budi sudah masuk. Terima kasih.", ["Dana a.n. Budi sudah masuk.", "Terima kasih."]),
            ("The U.S. Senate met on Jan. 5. It voted.", ["The U.S. Senate met on Jan. 5.", "It voted."]),
            ("Mr. Smith said so. Really? Yes!", ["Mr. Smith said so.", "Really?", "Yes!"]),
            (
                "\"Pembicaraan sedang dilakukan,\" kata Bagheri Kani. \"Rinciannya rahasia.\" Ia menolak.",
                ["\"Pembicaraan sedang dilakukan,\" kata Bagheri Kani.", "\"Rinciannya rahasia.\"", "Ia menolak."]
            ),
            ("Baris satu tanpa titik\nBaris dua", ["Baris satu tanpa titik", "Baris dua"]),
            ("Nilainya 1.5 persen. Naik.", ["Nilainya 1.5 persen.", "Naik."]),
            ("", []),
        ] as [(String, [String])]
    )
    func table(text: String, expected: [String]) {
        #expect(split(text) == expected)
    }

    @Test("gives UTF-8 offsets that point at the sentence")
    func offsets() {
        let text = "Teheran – Washington. Kedua."
        let sentences = SentenceSplitter().sentences(in: text)
        #expect(sentences.map(\.span) == [TextSpan(start: 0, end: 23), TextSpan(start: 24, end: 30)])
    }

    @Test("finishes on text with no sentence ends")
    func noEnds() {
        let text = String(repeating: "kata ", count: 50_000)
        #expect(SentenceSplitter().sentences(in: text).count == 1)
    }
}

@Suite("Tokenizer")
struct TokenizerTests {
    func words(_ text: String) -> [String] {
        Tokenizer().tokens(in: text).map { $0.span.text(in: text) }
    }

    @Test(
        "splits words and numbers",
        arguments: [
            ("Bagheri-Kani bertemu McGurk.", ["Bagheri-Kani", "bertemu", "McGurk"]),
            ("buku-buku anak-anaknya", ["buku-buku", "anak-anaknya"]),
            ("pukul 10.00 WIB (11/07/2024)", ["pukul", "10.00", "WIB", "11", "07", "2024"]),
            ("Qur'an dan don’t", ["Qur'an", "dan", "don’t"]),
            ("“Oman,” kata dia — lagi", ["Oman", "kata", "dia", "lagi"]),
            ("Pérez São Paulo", ["Pérez", "São", "Paulo"]),
            ("COVID-19 -x- ", ["COVID", "19", "x"]),
            ("", []),
        ] as [(String, [String])]
    )
    func table(text: String, expected: [String]) {
        #expect(words(text) == expected)
    }

    @Test("marks numbers and words")
    func kinds() {
        let tokens = Tokenizer().tokens(in: "Rp 500 ribu")
        #expect(tokens.map(\.kind) == [.word, .number, .word])
        #expect(
            tokens.map(\.span) == [TextSpan(start: 0, end: 2), TextSpan(start: 3, end: 6), TextSpan(start: 7, end: 11)])
    }
}
