import WartaCore

/// A word or number in a text, as a span of UTF-8 offsets.
public struct Token: Hashable, Sendable {
    public enum Kind: Sendable, Hashable {
        /// Letters, possibly with inner hyphens or apostrophes ("Bagheri-Kani", "buku-buku", "don't").
        case word
        /// Digits, possibly with inner separators ("11/07/2024" is three numbers; "10.00" is one).
        case number
    }

    public var span: TextSpan
    public var kind: Kind
}

/// Splits text into word and number tokens with UTF-8 offsets.
///
/// A token is a maximal run of letters and digits. An inner hyphen or apostrophe between two letters joins
/// ("Bagheri-Kani", "Qur'an"); an inner `.` or `,` between two digits joins ("10.00", "1,5"). Everything else
/// (spaces, punctuation, symbols) separates.
public struct Tokenizer: Sendable {
    public static let name: StageName = "text.tokenize.v1"

    public init() {}

    /// Returns the tokens of `text` in order.
    /// - Complexity: O(n) in the UTF-8 length of the text.
    public func tokens(in text: String) -> [Token] {
        var copy = text
        return copy.withUTF8 { tokens(in: $0) }
    }

    /// Returns the tokens of a UTF-8 buffer in order.
    public func tokens(in bytes: UnsafeBufferPointer<UInt8>) -> [Token] {
        var result: [Token] = []
        result.reserveCapacity(bytes.count / 6)
        var index = 0
        let count = bytes.count
        while index < count {
            let (scalar, length) = UTF8Scanner.scalar(in: bytes, at: index)
            let cls = UTF8Scanner.classify(scalar)
            guard cls == .letter || cls == .digit else {
                index += length
                continue
            }
            let start = index
            var sawLetter = cls == .letter
            var previous = cls
            index += length
            while index < count {
                let (next, nextLength) = UTF8Scanner.scalar(in: bytes, at: index)
                let nextClass = UTF8Scanner.classify(next)
                if nextClass == .letter || nextClass == .digit {
                    // A combining mark after a letter is classified as a letter by isAlphabetic or other;
                    // letters and digits simply continue the token.
                    sawLetter = sawLetter || nextClass == .letter
                    previous = nextClass
                    index += nextLength
                    continue
                }
                if next.properties.generalCategory == .nonspacingMark {
                    index += nextLength
                    continue
                }
                // Joiners: look at the scalar after the joiner.
                let isWordJoiner = next == "-" || next == "'" || next == "\u{2019}" || next == "\u{2010}"
                let isNumberJoiner = next == "." || next == ","
                if (isWordJoiner && previous == .letter) || (isNumberJoiner && previous == .digit),
                    index + nextLength < count
                {
                    let (after, _) = UTF8Scanner.scalar(in: bytes, at: index + nextLength)
                    let afterClass = UTF8Scanner.classify(after)
                    if (isWordJoiner && afterClass == .letter) || (isNumberJoiner && afterClass == .digit) {
                        index += nextLength
                        continue
                    }
                }
                break
            }
            result.append(Token(span: TextSpan(start: start, end: index), kind: sawLetter ? .word : .number))
        }
        return result
    }
}
