import WartaCore

/// Splits text into sentences, knowing Indonesian and English abbreviations.
///
/// A sentence ends at a line break, or at `.`, `!`, `?` or `…` (with any closing quotes and brackets after it)
/// that is followed by white space and a capitalised word, a digit or an opening quote. A period does not
/// end a sentence after an abbreviation that never ends one ("Dr.", "H.", "Prof.", "Jl.", "No.", "a.n.",
/// "U.S.", "Jan."), after a single capital letter (an initial), or inside a number ("10.00"). Abbreviations that
/// may end one ("dll.", "dsb.", "etc.") end it only when a capitalised word follows.
public struct SentenceSplitter: Sendable {
    public static let name: StageName = "text.sentences.v1"

    public init() {}

    /// Returns the sentences of `text`, trimmed of surrounding white space, in order.
    /// - Complexity: O(n) in the UTF-8 length of the text.
    public func sentences(in text: String) -> [Sentence] {
        var copy = text
        return copy.withUTF8 { sentences(in: $0) }
    }

    /// Returns the sentences of a UTF-8 buffer.
    public func sentences(in bytes: UnsafeBufferPointer<UInt8>) -> [Sentence] {
        var result: [Sentence] = []
        var start = 0
        var index = 0
        let count = bytes.count
        func emit(_ end: Int) {
            if let span = trimmed(bytes, start, end) { result.append(Sentence(span: span)) }
        }
        while index < count {
            let (scalar, length) = UTF8Scanner.scalar(in: bytes, at: index)
            if scalar == "\n" || scalar == "\r" || scalar == "\u{2029}" {
                emit(index)
                index += length
                start = index
                continue
            }
            let isTerminator = scalar == "." || scalar == "!" || scalar == "?" || scalar == "\u{2026}"
            guard isTerminator else {
                index += length
                continue
            }
            // Take runs such as "?!" or "..." and closing quotes and brackets.
            var end = index + length
            while end < count {
                let (next, nextLength) = UTF8Scanner.scalar(in: bytes, at: end)
                if next == "." || next == "!" || next == "?" || Self.closers.contains(next) {
                    end += nextLength
                } else {
                    break
                }
            }
            // Must be followed by white space (not a newline: that ends the sentence anyway).
            var next = end
            var sawSpace = false
            while next < count {
                let (s, l) = UTF8Scanner.scalar(in: bytes, at: next)
                if s == " " || s == "\t" || s == "\u{00A0}" {
                    sawSpace = true
                    next += l
                } else {
                    break
                }
            }
            guard sawSpace, next < count else {
                index = end
                continue
            }
            let (following, _) = UTF8Scanner.scalar(in: bytes, at: next)
            let startsSentence =
                UTF8Scanner.isUppercaseStart(following) || UTF8Scanner.classify(following) == .digit
                || Self.openers.contains(following)
            if startsSentence, scalar == "." {
                switch abbreviationKind(bytes, periodAt: index) {
                case .inner:
                    index = end
                    continue
                case .terminal, .none:
                    break
                }
            }
            if startsSentence {
                emit(end)
                start = next
            }
            index = end
        }
        emit(count)
        return result
    }

    private static let closers: Set<Unicode.Scalar> = ["\"", "'", "\u{201D}", "\u{2019}", ")", "]", "\u{00BB}"]
    private static let openers: Set<Unicode.Scalar> = ["\"", "'", "\u{201C}", "\u{2018}", "(", "[", "\u{00AB}"]

    private enum AbbreviationKind { case inner, terminal }

    /// Looks at the word before the period at `periodAt` ("Dr", "a.n", "U.S", a single capital).
    private func abbreviationKind(_ bytes: UnsafeBufferPointer<UInt8>, periodAt: Int) -> AbbreviationKind? {
        var wordStart = periodAt
        while wordStart > 0 {
            let byte = bytes[wordStart - 1]
            let isASCIILetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            if isASCIILetter || byte == UInt8(ascii: ".") {
                wordStart -= 1
            } else {
                break
            }
        }
        guard wordStart < periodAt else { return nil }
        let word = UnsafeBufferPointer(rebasing: bytes[wordStart..<periodAt])
        if word.count == 1, word[0] >= 0x41, word[0] <= 0x5A { return .inner }  // an initial: "H. Ahmad"
        let lower = String(decoding: word.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        if IndonesianAbbreviations.inner.contains(lower) || EnglishAbbreviations.inner.contains(lower) {
            return .inner
        }
        if IndonesianAbbreviations.terminal.contains(lower) || EnglishAbbreviations.terminal.contains(lower) {
            return .terminal
        }
        return nil
    }

    private func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> TextSpan? {
        var lower = start
        var upper = end
        while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 || bytes[lower] == 0x0D { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 || bytes[upper - 1] == 0x0D {
            upper -= 1
        }
        // A non-breaking space (C2 A0) at either edge.
        while upper - lower >= 2, bytes[lower] == 0xC2, bytes[lower + 1] == 0xA0 { lower += 2 }
        while upper - lower >= 2, bytes[upper - 2] == 0xC2, bytes[upper - 1] == 0xA0 { upper -= 2 }
        return lower < upper ? TextSpan(start: lower, end: upper) : nil
    }
}
