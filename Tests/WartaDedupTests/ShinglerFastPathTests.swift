import Testing
import WartaCore
import WartaDedup
import WartaText

@Suite("Shingler fast path")
struct ShinglerFastPathTests {
    static let samples = [
        "Bagheri-Kani, 10.00 WIB; Qur'an 1,5 juta -x- buku-buku 11/07/2024 Ö café",
        "e\u{301}clair a\u{301}-b 1.a a.1 x\u{2019}y z\u{2010}w q- -q 5, ..-' «Jakarta» — 2.500,75",
        "", "a", "..-'", "Juru bicara Gedung Putih mengatakan Amerika Serikat tidak siap.",
    ]

    @Test("word hashes follow the Tokenizer's tokens exactly")
    func sameTokensAsTokenizer() {
        let tokenizer = Tokenizer()
        for sample in Self.samples {
            var copy = sample
            let reference: [UInt64] = copy.withUTF8 { bytes in
                tokenizer.tokens(in: bytes).map { token in
                    Hashing.word(UnsafeBufferPointer(rebasing: bytes[token.span.start..<token.span.end]))
                }
            }
            #expect(copy.withUTF8 { Shingler.wordHashes($0) } == reference, "\(sample)")
        }
    }

    @Test("raw shingles hold the same set as the sorted ones; signatures ignore order and repeats")
    func rawAndSorted() {
        let shingler = Shingler()
        let text = String(repeating: "banjir melanda jakarta pada senin pagi dan sore ", count: 12)
        let raw = shingler.rawShingles(text)
        #expect(Shingler.sortedUnique(raw) == shingler.shingles(text))
        let hasher = MinHasher()
        #expect(hasher.signature(raw) == hasher.signature(shingler.shingles(text)))
        #expect(hasher.signature([]) == [UInt64](repeating: .max, count: 128))
        #expect(!hasher.signature([42]).contains(.max))
    }
}
