/// A name as written, cut into word tokens, with a case- and separator-free key for comparing spellings.
///
/// "Bagheri-Kani", "Bagheri Kani" and "BAGHERI KANI" have the tokens `Bagheri`, `Kani` (as written) and the
/// same key `bagheri kani`. Tokens are runs of letters, digits and apostrophes; spaces, hyphens and dashes
/// (`-`, `‐`, `–`, `—`) and other ASCII punctuation separate them, so "Joe R. Biden" has three tokens.
public struct AliasName: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The name as written ("Bagheri-Kani").
    public var text: String
    /// The tokens as written ("Bagheri", "Kani").
    public let tokens: [String]
    /// The tokens case-folded ("bagheri", "kani").
    public let folded: [String]
    /// The comparison key: folded tokens joined by single spaces ("bagheri kani"). Kept, not recomputed: the
    /// entity catalog looks names up by it in its inner loops.
    public let key: String

    enum CodingKeys: String, CodingKey {
        case text, tokens, folded
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        tokens = try container.decode([String].self, forKey: .tokens)
        folded = try container.decode([String].self, forKey: .folded)
        key = folded.joined(separator: " ")
    }

    /// Cuts `text` into tokens.
    ///
    /// - Complexity: O(n) in the UTF-8 length of `text`; ASCII is folded byte by byte, and only tokens that hold
    ///   non-ASCII letters go through `String.lowercased()`.
    public init(_ text: String) {
        self.text = text
        var tokens: [String] = []
        var folded: [String] = []
        let bytes = Array(text.utf8)
        var index = 0
        var start = -1
        func close(_ end: Int) {
            guard start >= 0, end > start else { return }
            let slice = bytes[start..<end]
            tokens.append(String(decoding: slice, as: UTF8.self))
            if slice.allSatisfy({ $0 < 0x80 }) {
                folded.append(String(decoding: slice.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self))
            } else {
                folded.append(String(decoding: slice, as: UTF8.self).lowercased())
            }
            start = -1
        }
        while index < bytes.count {
            let width = AliasName.separatorWidth(bytes, at: index)
            if width > 0 {
                close(index)
                index += width
                continue
            }
            if start < 0 { start = index }
            index += 1
        }
        close(bytes.count)
        self.tokens = tokens
        self.folded = folded
        self.key = folded.joined(separator: " ")
    }

    /// The number of tokens.
    public var count: Int { tokens.count }

    public var description: String { text }

    /// The tokens joined by single spaces, as a name is shown when its separators differ ("Bagheri Kani").
    public var spaced: String { tokens.joined(separator: " ") }

    /// Whether every token begins with an upper-case letter or a digit, the shape of a well-formed name.
    public var isWellFormed: Bool {
        !tokens.isEmpty
            && tokens.allSatisfy { token in
                guard let first = token.unicodeScalars.first else { return false }
                return first.properties.isUppercase || ("0"..."9").contains(first)
            }
    }

    /// Whether every letter of the name is upper-case ("AS", "RRT", "UEA"), the shape of an acronym.
    public var isAllCaps: Bool {
        var letters = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            guard scalar.properties.isUppercase else { return false }
            letters += 1
        }
        return letters > 0
    }

    /// The byte width of a separator at `index` in `bytes`, or 0 when the byte starts part of a token.
    ///
    /// Letters, digits, apostrophes (`'`, `’`) and any other non-ASCII character belong to tokens; ASCII space,
    /// control and punctuation bytes separate, as do the Unicode dashes U+2010–U+2015 and the no-break space.
    static func separatorWidth(_ bytes: [UInt8], at index: Int) -> Int {
        let byte = bytes[index]
        if byte < 0x80 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x27: return 0
            default: return 1
            }
        }
        // U+2010…U+2015 (hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar): E2 80 90–95.
        if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, (0x90...0x95).contains(bytes[index + 2]) {
            return 3
        }
        // U+00A0 no-break space: C2 A0.
        if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 { return 2 }
        return 0
    }
}

/// Edit distances between short tokens.
public enum EditDistance {
    /// The optimal-string-alignment distance (insertions, deletions, substitutions and swaps of neighbours) between
    /// the UTF-8 bytes of `a` and `b`, or `nil` when it is over `limit`.
    ///
    /// "Kank" and "Kani": 1; "Ibrahim" and "Ebrahim": 1; "Bagheri" and "Bagehri": 1 (one swap).
    /// - Complexity: O(m·n) in the byte lengths, returning early when the lengths differ by more than `limit`.
    public static func distance(_ a: String, _ b: String, limit: Int) -> Int? {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard abs(x.count - y.count) <= limit else { return nil }
        if x == y { return 0 }
        let width = y.count + 1
        var previous2 = [Int](repeating: 0, count: width)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1..<width {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            guard rowMinimum <= limit else { return nil }
            swap(&previous2, &previous)
            swap(&previous, &current)
        }
        let result = x.isEmpty ? y.count : previous[y.count]
        return result <= limit ? result : nil
    }
}
