import WartaCore

/// Short forms an article defines in parentheses: "Badan Pengawas Obat dan Makanan (BPOM)", "Kementerian
/// Perhubungan (Kemenhub)", "Sumatra Barat (Sumbar)", and the other way round, "BPOM (Badan Pengawas …)".
///
/// Indonesian writes initialisms (BPOM, AJI), syllable blends (Kemenhub = KEMENterian perHUBungan, Sumbar) and mixes
/// of both (Sudin PKP = SUku DINas Penanggulangan Kebakaran dan Penyelamatan); what they share is that the short
/// form's letters appear, in order, in the long form, starting with its first letter. That test alone would be weak;
/// together with the parenthesis right after the long form it is how the text itself states the alias.
public enum ShortForm {
    /// Whether `short` reads as a short form of `long`: one or two tokens, 2–12 letters, a capital first letter, none
    /// of its tokens a word of `long` ("Bandung" after "Stadion Gelora Bandung Lautan Api" names a place, it does
    /// not abbreviate); `long` has more tokens and more letters; the short form's letters (case folded) are a
    /// subsequence of the long form's letters that starts at its first letter and draws on two of its words at least
    /// (an abbreviation spans words: "Kemenhub" takes "Kemen" and "hub").
    public static func defines(long: AliasName, short: AliasName) -> Bool {
        guard (1...2).contains(short.count), long.count >= 2, long.count > short.count,
            short.tokens.first?.unicodeScalars.first?.properties.isUppercase == true,
            Set(short.folded).isDisjoint(with: long.folded)
        else { return false }
        let shortLetters = Array(short.folded.joined().unicodeScalars.filter { $0.properties.isAlphabetic })
        guard (2...12).contains(shortLetters.count) else { return false }
        // The long form's letters, each with the index of its word.
        var longLetters: [(letter: Unicode.Scalar, word: Int)] = []
        for (word, token) in long.folded.enumerated() {
            for letter in token.unicodeScalars where letter.properties.isAlphabetic {
                longLetters.append((letter, word))
            }
        }
        guard longLetters.count > shortLetters.count, shortLetters.first == longLetters.first?.letter else {
            return false
        }
        var index = 0
        var words: Set<Int> = []
        for item in longLetters where index < shortLetters.count && item.letter == shortLetters[index] {
            index += 1
            words.insert(item.word)
        }
        return index == shortLetters.count && words.count >= 2
    }

    /// Whether `short` is a short form of `long` or of the end of it ("Sumbar" of "Provinsi Sumatra Barat").
    public static func definesEnd(of long: AliasName, short: AliasName) -> Bool {
        guard long.count >= 2 else { return false }
        for first in 0...(long.count - 2) {
            let tail = AliasName(long.tokens[first...].joined(separator: " "))
            if defines(long: tail, short: short) { return true }
        }
        return false
    }

    /// A short form defined in parentheses: the long form's span and the short form's span.
    public struct Definition: Hashable, Sendable {
        public var long: TextSpan
        public var short: TextSpan
    }

    /// Folded words that may stand inside a long form between capitalised words ("dan", "untuk", "of").
    static let connectors: Set<String> = [
        "dan", "untuk", "atas", "dari", "serta", "pada", "of", "and", "the", "for", "&",
    ]

    /// The definitions in `body`: "Long Form (SF)" and "SF (Long Form)". The long form is the shortest run of
    /// capitalised words and connectors that ends right before the parenthesis (at most ten words, leading `skipped`
    /// words such as roles left out) that ``defines(long:short:)`` accepts.
    ///
    /// - Complexity: O(n) in the UTF-8 length of the body: each parenthesis looks at a bounded window.
    public static func definitions(in body: String, skipped: Set<String> = []) -> [Definition] {
        let bytes = Array(body.utf8)
        var result: [Definition] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 0x28 else {
                index += 1
                continue
            }
            // The parenthesis: at most 80 bytes, no line break.
            var close = index + 1
            while close < bytes.count, close - index <= 80, bytes[close] != 0x29, bytes[close] != 0x0A { close += 1 }
            guard close < bytes.count, bytes[close] == 0x29 else {
                index += 1
                continue
            }
            let inside = trimmed(bytes, index + 1, close)
            let before = wordsBefore(bytes, index, skipped: skipped)
            if let inside {
                let insideName = AliasName(String(decoding: bytes[inside.start..<inside.end], as: UTF8.self))
                if insideName.count <= 2 {
                    // "Long Form (SF)": the shortest run that defines it ("Suku Dinas …", not "Seksi Operasional
                    // Suku Dinas …").
                    for start in before.indices.reversed() {
                        let span = TextSpan(start: before[start].start, end: before[before.count - 1].end)
                        let long = AliasName(String(decoding: bytes[span.start..<span.end], as: UTF8.self))
                        if defines(long: long, short: insideName) {
                            result.append(Definition(long: span, short: inside))
                            break
                        }
                    }
                } else if let last = before.last {
                    // "SF (Long Form)": the word right before the parenthesis is the short form.
                    let short = AliasName(String(decoding: bytes[last.start..<last.end], as: UTF8.self))
                    if defines(long: insideName, short: short) {
                        result.append(Definition(long: inside, short: last))
                    }
                }
            }
            index = close + 1
        }
        return result
    }

    /// The span between `start` and `end` without spaces around it, when it is a run of words that starts with a
    /// capital letter.
    static func trimmed(_ bytes: [UInt8], _ start: Int, _ end: Int) -> TextSpan? {
        var lower = start
        var upper = end
        while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0xC2 || bytes[lower] == 0xA0 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 { upper -= 1 }
        guard lower < upper, isCapital(bytes[lower]) else { return nil }
        return TextSpan(start: lower, end: upper)
    }

    /// The capitalised words and connectors right before `position` (a space between), at most ten, in text order,
    /// starting and ending with a capitalised word and without leading `skipped` words.
    static func wordsBefore(_ bytes: [UInt8], _ position: Int, skipped: Set<String>) -> [TextSpan] {
        var words: [TextSpan] = []
        var end = position
        while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
        guard end < position || end == position else { return [] }
        while words.count < 10, end > 0 {
            var start = end
            while start > 0, isWordByte(bytes[start - 1]) { start -= 1 }
            guard start < end else { break }
            let word = TextSpan(start: start, end: end)
            let folded = String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
            guard isCapital(bytes[start]) || connectors.contains(folded) else { break }
            words.append(word)
            // One space (or a hyphen inside a name) to the next word back.
            guard start > 1, bytes[start - 1] == 0x20, isWordByte(bytes[start - 2]) else { break }
            end = start - 1
        }
        words.reverse()
        while let first = words.first,
            !isCapital(bytes[first.start])
                || skipped.contains(String(decoding: bytes[first.start..<first.end], as: UTF8.self).lowercased())
        {
            words.removeFirst()
        }
        while let last = words.last, !isCapital(bytes[last.start]) { words.removeLast() }
        return words
    }

    static func isCapital(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

    /// Letters, digits, hyphens, dots inside initials and any non-ASCII byte.
    static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || byte == 0x2D || byte == 0x26 || (byte >= 0x30 && byte <= 0x39)
            || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }
}
