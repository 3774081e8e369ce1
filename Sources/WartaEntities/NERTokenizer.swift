import WartaCore
import WartaText

/// Splits text into the tokens the entity tagger works on, matching NERGrit's tokenization.
///
/// A token is a maximal run of letters and digits; every other visible scalar (`-`, `.`, `'`, `(`, quotes)
/// is a token of its own. NERGrit writes "Bagheri-Kani" as `Bagheri - Kani`, so the tagger sees the same.
package struct NERTokenizer: Sendable {
    package init() {}

    /// Returns the byte ranges of the tokens in `bytes[range]`, in order.
    /// - Complexity: O(n) in the UTF-8 length of the range.
    package func tokens(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        result.reserveCapacity(range.count / 5)
        var index = range.lowerBound
        let end = min(range.upperBound, bytes.count)
        var runStart = -1
        while index < end {
            let byte = bytes[index]
            // ASCII fast path: most news text is ASCII.
            if byte < 0x80 {
                let isWordByte =
                    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                if isWordByte {
                    if runStart < 0 { runStart = index }
                } else {
                    if runStart >= 0 {
                        result.append(runStart..<index)
                        runStart = -1
                    }
                    if byte > 0x20 && byte != 0x7F { result.append(index..<(index + 1)) }
                }
                index += 1
                continue
            }
            let (scalar, length) = UTF8Scanner.scalar(in: bytes, at: index)
            let next = min(index + max(length, 1), end)
            switch UTF8Scanner.classify(scalar) {
            case .letter, .digit:
                if runStart < 0 { runStart = index }
            case .space, .newline:
                if runStart >= 0 {
                    result.append(runStart..<index)
                    runStart = -1
                }
            case .other:
                if runStart >= 0 {
                    result.append(runStart..<index)
                    runStart = -1
                }
                // Combining marks and format characters stay out; visible symbols are tokens.
                if !scalar.properties.isDefaultIgnorableCodePoint
                    && scalar.properties.generalCategory != .nonspacingMark
                {
                    result.append(index..<next)
                }
            }
            index = next
        }
        if runStart >= 0 { result.append(runStart..<end) }
        return result
    }

    /// Returns the byte ranges of the tokens in `text`, in order.
    package func tokens(in text: String) -> [Range<Int>] {
        var copy = text
        return copy.withUTF8 { tokens(in: $0, range: 0..<$0.count) }
    }
}
