import Foundation
import WartaText

/// Byte-level helpers for the hot paths of extraction, where `String.lowercased()`, `contains` and Foundation's
/// `NSString` bridging cost more than the rest of the work.
///
/// Each helper answers only when its answer is certainly the same as the `String` operation it replaces; the
/// callers fall back to that operation otherwise (text with non-ASCII characters, whose case mapping and
/// grapheme rules are not byte rules).
enum ASCII {
    /// Whether every byte of `text` is ASCII.
    static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isASCII($0) }
    }

    /// Whether every byte of `bytes` is ASCII, eight bytes at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        let raw = UnsafeRawPointer(base)
        while index + 8 <= count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < count {
            if base[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// The byte lower-cased when it is an ASCII capital.
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// Whether `text` lower-cased equals the lower-case ASCII `expected`; `nil` when `text` is not ASCII.
    static func equalsLowercased(_ text: String, _ expected: [UInt8]) -> Bool? {
        var text = text
        return text.withUTF8 { bytes -> Bool? in
            guard isASCII(bytes) else { return nil }
            guard bytes.count == expected.count else { return false }
            for index in 0..<bytes.count where lower(bytes[index]) != expected[index] { return false }
            return true
        }
    }

    /// Whether the ASCII `text`, lower-cased (and without its spaces when asked), contains the lower-case ASCII
    /// `needle`. For ASCII text this is what `String.contains` says of the lower-cased string, since the needles
    /// hold no line breaks, the only ASCII characters that group into one grapheme ("\r\n").
    static func containsLowercased(_ text: String, _ needle: [UInt8], ignoringSpaces: Bool = false) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard !needle.isEmpty else { return true }
            var compact: [UInt8] = []
            if ignoringSpaces {
                compact.reserveCapacity(bytes.count)
                for byte in bytes where byte != 0x20 { compact.append(lower(byte)) }
                return compact.withUnsafeBufferPointer { find(needle, in: $0, lowering: false) }
            }
            return find(needle, in: bytes, lowering: true)
        }
    }

    /// Whether `needle` occurs in `bytes`, comparing `bytes` lower-cased when asked.
    static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, lowering: Bool) -> Bool {
        guard needle.count <= bytes.count else { return false }
        let first = needle[0]
        var start = 0
        let last = bytes.count - needle.count
        while start <= last {
            let byte = lowering ? lower(bytes[start]) : bytes[start]
            if byte == first {
                var offset = 1
                while offset < needle.count {
                    let next = lowering ? lower(bytes[start + offset]) : bytes[start + offset]
                    if next != needle[offset] { break }
                    offset += 1
                }
                if offset == needle.count { return true }
            }
            start += 1
        }
        return false
    }
}

extension ASCII {
    /// `Normalization.nfc(text)`, without Foundation's normalisation when `text` is certainly NFC already.
    ///
    /// Text made only of scalars below U+0300 (ASCII, Latin-1, Latin Extended-A and -B, IPA, spacing modifier
    /// letters) and of General Punctuation and currency signs other than U+2000 and U+2001 is in NFC: none of
    /// these scalars has a canonical decomposition that NFC rewrites, a non-zero combining class, or can be the
    /// second half of a canonical composition (their NFC quick-check value is Yes). News text is nearly always
    /// such text; anything else goes through Foundation as before.
    static func nfc(_ text: String) -> String {
        var copy = text
        let isNFC = copy.withUTF8 { bytes -> Bool in
            var index = 0
            let count = bytes.count
            while index < count {
                let lead = bytes[index]
                if lead < 0x80 {
                    index += 1
                } else if lead < 0xCC {
                    // C2–CB: U+0080 … U+02FF.
                    index += 2
                } else if lead == 0xE2, index + 2 < count {
                    // E2 80 82 … E2 81 AF: U+2002 … U+206F; E2 82 A0 … E2 83 8F: U+20A0 … U+20CF.
                    let second = bytes[index + 1]
                    let third = bytes[index + 2]
                    let punctuation = (second == 0x80 && third >= 0x82) || (second == 0x81 && third <= 0xAF)
                    let currency = (second == 0x82 && third >= 0xA0) || (second == 0x83 && third <= 0x8F)
                    guard punctuation || currency else { return false }
                    index += 3
                } else {
                    return false
                }
            }
            return true
        }
        return isNFC ? text : Normalization.nfc(text)
    }
}

extension StringProtocol where UTF8View: BidirectionalCollection {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` (or `.whitespaces`), without bridging to `NSString`
    /// when the ends are ASCII: ASCII white space (tab, line feed, vertical tab, form feed, carriage return and
    /// space; `.whitespaces` holds only tab and space) is cut byte by byte. When the first character kept at
    /// either end would be a non-ASCII one, which may be Unicode white space, Foundation decides as before.
    func trimmedFast(_ set: ASCII.TrimSet = .whitespacesAndNewlines) -> String {
        let utf8 = self.utf8
        func isSpace(_ byte: UInt8) -> Bool {
            switch set {
            case .whitespacesAndNewlines: return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
            case .whitespaces: return byte == 0x20 || byte == 0x09
            }
        }
        var start = utf8.startIndex
        while start != utf8.endIndex, isSpace(utf8[start]) { start = utf8.index(after: start) }
        if start == utf8.endIndex { return "" }
        var end = utf8.endIndex
        while isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        guard utf8[start] < 0x80, utf8[utf8.index(before: end)] < 0x80 else {
            switch set {
            case .whitespacesAndNewlines: return trimmingCharacters(in: .whitespacesAndNewlines)
            case .whitespaces: return trimmingCharacters(in: .whitespaces)
            }
        }
        if start == utf8.startIndex, end == utf8.endIndex { return String(self) }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }
}

extension ASCII {
    /// The Foundation character sets ``StringProtocol/trimmedFast(_:)`` stands in for.
    enum TrimSet {
        case whitespacesAndNewlines, whitespaces
    }
}
