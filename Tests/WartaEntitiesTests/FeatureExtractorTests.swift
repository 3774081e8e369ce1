import Testing
import WartaCore
import WartaEntities

@Suite("Tokenizer and features")
struct FeatureExtractorTests {
    @Test("punctuation and hyphens are tokens of their own, as in NERGrit")
    func tokenizer() {
        let text = "Bagheri-Kani (Iran), kata \"Reuters\" — 11/07/2024; Café Ülker."
        let tokens = NERTokenizer().tokens(in: text).map { TextSpan(start: $0.lowerBound, end: $0.upperBound) }
        let words = tokens.map { $0.text(in: text) }
        #expect(
            words == [
                "Bagheri", "-", "Kani", "(", "Iran", ")", ",", "kata", "\"", "Reuters", "\"", "—", "11", "/", "07", "/",
                "2024", ";", "Café", "Ülker", ".",
            ])
    }

    @Test("features are deterministic and differ with the word, its case and its context")
    func features() throws {
        let extractor = FeatureExtractor(lexicon: try TestData.lexicon.get())
        func keys(_ text: String) -> SentenceFeatures {
            var copy = text
            return copy.withUTF8 { bytes in
                extractor.features(bytes: bytes, tokens: NERTokenizer().tokens(in: bytes, range: 0..<bytes.count))
            }
        }
        let first = keys("Presiden Joko Widodo tiba di Surabaya")
        let second = keys("Presiden Joko Widodo tiba di Surabaya")
        #expect(first.keys == second.keys)
        #expect(first.count == 6)
        // Every token has a bias feature plus word, shape, affix, context, cue and statistics features.
        for token in 0..<first.count {
            #expect(first.offsets[token + 1] - first.offsets[token] > 30)
        }
        let lower = keys("presiden joko widodo tiba di surabaya")
        #expect(Set(first.keys) != Set(lower.keys))
        // "Joko" after "Presiden" shares its word features with "Joko" after "Bapak", but not its context.
        let other = keys("Bapak Joko Widodo tiba di Surabaya")
        let joko = Set(first.keys[first.offsets[1]..<first.offsets[2]])
        let jokoOther = Set(other.keys[other.offsets[1]..<other.offsets[2]])
        #expect(!joko.isDisjoint(with: jokoOther))
        #expect(joko != jokoOther)
    }

    @Test("gazetteer codes mark multi-token places B/L and need a capital letter to start")
    func gazetteer() {
        var gazetteer = Gazetteer()
        gazetteer.add("amerika serikat", list: 2)
        gazetteer.add("oman", list: 2)
        let words = ["kata", "Amerika", "Serikat", "dan", "oman", "Oman"]
        let hashes = words.map { FeatureHash.string($0.lowercased()) }
        let upper = words.map { $0.first?.isUppercase ?? false }
        let codes = gazetteer.codes(lowerHashes: hashes, startsUpper: upper)
        let place = codes.map { ($0 >> 6) & 7 }
        #expect(place == [0, 1, 3, 0, 0, 4])
    }

    @Test("hashing is FNV-1a + SplitMix64, fixed across runs and platforms")
    func hashing() {
        #expect(FeatureHash.string("") == FeatureHash.mix(FeatureHash.basis))
        #expect(FeatureHash.string("jakarta") == FeatureHash.string("jakarta"))
        #expect(FeatureHash.string("jakarta") != FeatureHash.string("Jakarta"))
        var a = SplitMix64(seed: 42)
        var b = SplitMix64(seed: 42)
        var first = Array(0..<50)
        var second = Array(0..<50)
        a.shuffle(&first)
        b.shuffle(&second)
        #expect(first == second)
        #expect(first != Array(0..<50))
    }
}
