import WartaCore
import WartaText

/// Turns a text into the set of its word-shingle hashes: the unit near-duplicate detection compares.
///
/// Words are the tokenizer's tokens, lower-cased (ASCII fast path) and hashed once each; a shingle is `k`
/// consecutive word hashes mixed into one 64-bit value. Texts under `shortTextWords` words use 3-word shingles,
/// since 5-word shingles of a short text change too much with one edit.
public struct Shingler: Sendable {
    public struct Configuration: Sendable {
        /// Words per shingle for ordinary texts.
        public var k = 5
        /// Words per shingle for texts shorter than `shortTextWords`.
        public var shortK = 3
        public var shortTextWords = 50

        public init() {}
    }

    public var configuration: Configuration
    private let tokenizer = Tokenizer()

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// The sorted, de-duplicated shingle hashes of `text`.
    /// - Complexity: O(n log n) in the number of words (the sort).
    public func shingles(_ text: String) -> [UInt64] {
        var copy = text
        let words: [UInt64] = copy.withUTF8 { bytes in
            tokenizer.tokens(in: bytes).map { token in
                Hashing.word(UnsafeBufferPointer(rebasing: bytes[token.span.start..<token.span.end]))
            }
        }
        let k = words.count < configuration.shortTextWords ? configuration.shortK : configuration.k
        guard !words.isEmpty else { return [] }
        guard words.count >= k else { return [Hashing.combine(words)] }
        var result: [UInt64] = []
        result.reserveCapacity(words.count - k + 1)
        for start in 0...(words.count - k) {
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15
            for offset in 0..<k { h = Hashing.mix(h ^ words[start + offset]) &+ UInt64(offset) }
            result.append(h)
        }
        result.sort()
        var unique = 0
        for index in result.indices where index == 0 || result[index] != result[unique - 1] {
            result[unique] = result[index]
            unique += 1
        }
        result.removeLast(result.count - unique)
        return result
    }
}

/// The 64-bit hashing Warta's near-duplicate code uses: FNV-1a over bytes, finished with the splitmix64 mixer.
public enum Hashing {
    /// splitmix64's finaliser: a fast, well-spread 64-bit mix.
    @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The hash of one word, case-folded for ASCII letters.
    @inline(__always)
    public static func word(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            let folded = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            h = (h ^ UInt64(folded)) &* 0x0000_0100_0000_01B3
        }
        return mix(h)
    }

    /// One hash for a short sequence of hashes.
    public static func combine(_ values: [UInt64]) -> UInt64 {
        values.enumerated().reduce(0x9E37_79B9_7F4A_7C15) { mix($0 ^ $1.element) &+ UInt64($1.offset) }
    }
}
