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
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// The sorted, de-duplicated shingle hashes of `text`.
    /// - Complexity: O(n log n) in the number of words (the sort).
    public func shingles(_ text: String) -> [UInt64] {
        Self.sortedUnique(rawShingles(text))
    }

    /// The shingle hashes of `text` in text order, repeats kept: what a MinHash signature needs, without
    /// the sort that only an exact Jaccard check needs (``sortedUnique(_:)`` turns one into the other).
    /// - Complexity: O(n) in the UTF-8 length of the text.
    package func rawShingles(_ text: String) -> [UInt64] {
        rawShingles(words: Self.wordHashes(text))
    }

    /// The shingle hashes of a text given as its word hashes (``wordHashes(_:)``), in text order, repeats
    /// kept: a caller that chooses which words to compare (a body with or without its title) tokenises once.
    /// - Complexity: O(n) in the number of words.
    package func rawShingles(words: [UInt64]) -> [UInt64] {
        let k = words.count < configuration.shortTextWords ? configuration.shortK : configuration.k
        guard !words.isEmpty else { return [] }
        guard words.count >= k else { return [Hashing.combine(words)] }
        var result = [UInt64](repeating: 0, count: words.count - k + 1)
        words.withUnsafeBufferPointer { w in
            result.withUnsafeMutableBufferPointer { out in
                // A polynomial over the (already mixed) word hashes, finished by one mix: one mix per shingle.
                for start in 0..<out.count {
                    var h = w[start]
                    for offset in 1..<k { h = h &* 0x9E37_79B9_7F4A_7C15 &+ w[start + offset] }
                    out[start] = Hashing.mix(h ^ UInt64(k))
                }
            }
        }
        return result
    }

    /// Sorts hashes and removes repeats.
    package static func sortedUnique(_ hashes: [UInt64]) -> [UInt64] {
        var result = hashes
        result.sort()
        var unique = 0
        for index in result.indices where index == 0 || result[index] != result[unique - 1] {
            result[unique] = result[index]
            unique += 1
        }
        result.removeLast(result.count - unique)
        return result
    }

    /// The ``Hashing/word(_:)`` hash of every token ``Tokenizer`` finds in `text`, in order. Tokens never span a
    /// line break, so the words of `a + "\n" + b` are the words of `a` followed by those of `b`.
    package static func wordHashes(_ text: String) -> [UInt64] {
        var copy = text
        return copy.withUTF8 { wordHashes($0) }
    }

    /// The ``Hashing/word(_:)`` hash of every token ``Tokenizer`` finds in `bytes`, in order.
    ///
    /// The same token boundaries as `Tokenizer.tokens(in:)` (letters and digits, a hyphen or apostrophe
    /// between letters, a `.` or `,` between digits, non-spacing marks inside a token), found in one pass
    /// with an ASCII fast path and no token array; a unit test holds the two equal.
    package static func wordHashes(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt64] {
        var words: [UInt64] = []
        words.reserveCapacity(bytes.count / 6 + 1)
        let count = bytes.count
        var index = 0
        while index < count {
            let (first, firstLength) = scalar(bytes, index)
            let firstClass = characterClass(first)
            guard firstClass != other else {
                index += firstLength
                continue
            }
            let start = index
            var previous = firstClass
            index += firstLength
            while index < count {
                let (next, nextLength) = scalar(bytes, index)
                let nextClass = characterClass(next)
                if nextClass != other {
                    previous = nextClass
                    index += nextLength
                    continue
                }
                // ASCII is never a non-spacing mark: skip the Unicode property lookup for it.
                if next.value >= 0x300, next.properties.generalCategory == .nonspacingMark {
                    index += nextLength
                    continue
                }
                let isWordJoiner = next == "-" || next == "'" || next == "\u{2019}" || next == "\u{2010}"
                let isNumberJoiner = next == "." || next == ","
                if (isWordJoiner && previous == letter) || (isNumberJoiner && previous == digit),
                    index + nextLength < count
                {
                    let afterClass = characterClass(scalar(bytes, index + nextLength).0)
                    if (isWordJoiner && afterClass == letter) || (isNumberJoiner && afterClass == digit) {
                        index += nextLength
                        continue
                    }
                }
                break
            }
            words.append(Hashing.word(UnsafeBufferPointer(rebasing: bytes[start..<index])))
        }
        return words
    }

    @inline(__always)
    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> (Unicode.Scalar, Int) {
        let byte = bytes[index]
        return byte < 0x80 ? (Unicode.Scalar(byte), 1) : UTF8Scanner.scalar(in: bytes, at: index)
    }

    private static let other: UInt8 = 0
    private static let letter: UInt8 = 1
    private static let digit: UInt8 = 2

    /// `UTF8Scanner.classify` reduced to other (0), letter (1) or digit (2), with ASCII decided by two
    /// comparisons; plain integers, so the token loop compares without generic `Equatable` calls.
    @inline(__always)
    private static func characterClass(_ scalar: Unicode.Scalar) -> UInt8 {
        let value = scalar.value
        if value < 0x80 {
            if (value | 0x20) &- 0x61 < 26 { return letter }
            return value &- 0x30 < 10 ? digit : other
        }
        switch UTF8Scanner.classify(scalar) {
        case .letter: return letter
        case .digit: return digit
        default: return other
        }
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
