import WartaCore

/// Byte-level helpers for scanning UTF-8 text: the one place that classifies characters for Warta's loops.
///
/// ASCII is decided from a table; a non-ASCII byte decodes its scalar and asks Unicode.
package enum UTF8Scanner {
    /// The classes a scanner cares about.
    package enum CharacterClass: Equatable {
        case letter, digit, space, newline, other
    }

    /// Decodes the scalar that starts at `index` and returns it with its length in bytes.
    /// Invalid sequences decode as U+FFFD with length 1, so a scan always advances.
    @inline(__always)
    package static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF:
            length = 2
            value = UInt32(lead & 0x1F)
        case 0xE0...0xEF:
            length = 3
            value = UInt32(lead & 0x0F)
        case 0xF0...0xF4:
            length = 4
            value = UInt32(lead & 0x07)
        default: return ("\u{FFFD}", 1)
        }
        guard index + length <= bytes.count else { return ("\u{FFFD}", 1) }
        for offset in 1..<length {
            let next = bytes[index + offset]
            guard next & 0xC0 == 0x80 else { return ("\u{FFFD}", 1) }
            value = value << 6 | UInt32(next & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Classifies a scalar.
    @inline(__always)
    package static func classify(_ scalar: Unicode.Scalar) -> CharacterClass {
        let value = scalar.value
        if value < 0x80 {
            return asciiClasses[Int(value)]
        }
        if value == 0x2028 || value == 0x2029 || value == 0x85 { return .newline }
        let properties = scalar.properties
        if properties.isAlphabetic { return .letter }
        if properties.numericType != nil { return .digit }
        if properties.isWhitespace { return .space }
        return .other
    }

    private static let asciiClasses: [CharacterClass] = (0..<128).map { value -> CharacterClass in
        switch UInt8(value) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): return .letter
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return .digit
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"): return .newline
        case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0B, 0x0C: return .space
        default: return .other
        }
    }

    /// Whether a scalar is an upper-case letter (or a letter without case, as in scripts that have none).
    @inline(__always)
    package static func isUppercaseStart(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value >= 0x41 && scalar.value <= 0x5A }
        let properties = scalar.properties
        return properties.isUppercase || (properties.isAlphabetic && !properties.isLowercase)
    }

    /// Lower-cases a word: an ASCII fast path, Unicode for the rest.
    package static func lowercased(_ word: Substring.UTF8View) -> String {
        var ascii = true
        var hasUpper = false
        for byte in word {
            if byte >= 0x80 {
                ascii = false
                break
            }
            if byte >= 0x41, byte <= 0x5A { hasUpper = true }
        }
        if ascii {
            if !hasUpper { return String(Substring(word)) }
            return String(decoding: word.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return String(Substring(word)).lowercased()
    }
}
