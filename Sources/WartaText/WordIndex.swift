import WartaCore

/// The words of a text with what the date and quote rules ask of them: lower-cased key, case, number value, and the
/// punctuation in the gap before each word.
///
/// Built once per body in one pass over its UTF-8 bytes (``Tokenizer`` finds the words); the rules then walk
/// word indices, never `Character`s.
package struct WordIndex {
    /// Punctuation found between two words.
    package struct Gap: OptionSet {
        package let rawValue: UInt16

        package init(rawValue: UInt16) {
            self.rawValue = rawValue
        }
        package static let comma = Gap(rawValue: 1 << 0)
        /// `.`, `!`, `?` or `…`.
        package static let stop = Gap(rawValue: 1 << 1)
        package static let newline = Gap(rawValue: 1 << 2)
        package static let colon = Gap(rawValue: 1 << 3)
        package static let semicolon = Gap(rawValue: 1 << 4)
        package static let openParen = Gap(rawValue: 1 << 5)
        package static let closeParen = Gap(rawValue: 1 << 6)
        package static let slash = Gap(rawValue: 1 << 7)
        package static let dash = Gap(rawValue: 1 << 8)
        /// A double quotation mark, straight or curly.
        package static let quote = Gap(rawValue: 1 << 9)
        /// Any other symbol.
        package static let other = Gap(rawValue: 1 << 10)

        /// Marks that end a clause for the date and quote rules.
        package static let clauseEnd: Gap = [.stop, .newline, .semicolon, .colon, .quote]
    }

    /// One word or number.
    package struct Word {
        package var start: Int
        package var end: Int
        /// The word lower-cased.
        package var key: String
        package var isNumber: Bool
        package var isCapitalised: Bool
        /// The value of a number written with ASCII digits only (at most 9 of them).
        package var value: Int?
        /// How many digits a plain number has.
        package var digits: Int
        /// Punctuation between the previous word and this one.
        package var gap: Gap
    }

    package let words: [Word]

    /// Indexes the words of `text`.
    /// - Complexity: O(n) in the UTF-8 length of the text.
    package init(_ text: String) {
        var copy = text
        words = copy.withUTF8 { bytes in Self.index(bytes) }
    }

    private static func index(_ bytes: UnsafeBufferPointer<UInt8>) -> [Word] {
        let tokens = Tokenizer().tokens(in: bytes)
        var result: [Word] = []
        result.reserveCapacity(tokens.count)
        var previousEnd = 0
        for token in tokens {
            let start = token.span.start
            let end = token.span.end
            var ascii = true
            var value = 0
            var digits = 0
            var allDigits = true
            for index in start..<end {
                let byte = bytes[index]
                if byte >= 0x80 { ascii = false }
                if byte >= 0x30, byte <= 0x39 {
                    if digits < 9 { value = value * 10 + Int(byte - 0x30) }
                    digits += 1
                } else {
                    allDigits = false
                }
            }
            let key: String
            if ascii {
                key = String(
                    decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]).map {
                        $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0
                    },
                    as: UTF8.self
                )
            } else {
                key = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased()
            }
            let (first, _) = UTF8Scanner.scalar(in: bytes, at: start)
            result.append(
                Word(
                    start: start,
                    end: end,
                    key: key,
                    isNumber: token.kind == .number,
                    isCapitalised: UTF8Scanner.isUppercaseStart(first) && token.kind == .word,
                    value: allDigits && digits <= 9 ? value : nil,
                    digits: allDigits ? digits : 0,
                    gap: gap(bytes, from: previousEnd, to: start)
                ))
            previousEnd = end
        }
        return result
    }

    private static func gap(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Gap {
        var gap: Gap = []
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte < 0x80 {
                switch byte {
                case UInt8(ascii: ","): gap.insert(.comma)
                case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"): gap.insert(.stop)
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"): gap.insert(.newline)
                case UInt8(ascii: ":"): gap.insert(.colon)
                case UInt8(ascii: ";"): gap.insert(.semicolon)
                case UInt8(ascii: "("), UInt8(ascii: "["): gap.insert(.openParen)
                case UInt8(ascii: ")"), UInt8(ascii: "]"): gap.insert(.closeParen)
                case UInt8(ascii: "/"): gap.insert(.slash)
                case UInt8(ascii: "-"): gap.insert(.dash)
                case UInt8(ascii: "\""): gap.insert(.quote)
                case UInt8(ascii: " "), UInt8(ascii: "\t"): break
                default: gap.insert(.other)
                }
                index += 1
                continue
            }
            let (scalar, length) = UTF8Scanner.scalar(in: bytes, at: index)
            switch scalar.value {
            case 0x201C, 0x201D, 0x201E, 0x00AB, 0x00BB: gap.insert(.quote)
            case 0x2026: gap.insert(.stop)
            case 0x2010...0x2015: gap.insert(.dash)
            case 0x2028, 0x2029: gap.insert(.newline)
            case 0x00A0, 0x2000...0x200B, 0x202F: break
            default: gap.insert(.other)
            }
            index += length
        }
        return gap
    }

    /// The gap before word `index` has nothing but white space.
    package func isPlain(_ index: Int) -> Bool { words[index].gap.isEmpty }

    /// The key of word `index`, or `nil` outside the text.
    package func key(_ index: Int) -> String? { index >= 0 && index < words.count ? words[index].key : nil }

    /// The first word of the sentence or clause that holds word `index` (the rules look back no further).
    package func clauseStart(of index: Int, limit: Int = 40) -> Int {
        var current = index
        var steps = 0
        while current > 0, steps < limit, words[current].gap.isDisjoint(with: [.stop, .newline]) {
            current -= 1
            steps += 1
        }
        return current
    }
}
