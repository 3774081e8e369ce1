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

    /// Whether the scalar starting at `offset` is a barrier for case-insensitive ASCII patterns: a non-ASCII
    /// scalar that lower-casing and case folding leave alone and that is not canonically equivalent to an ASCII
    /// character (curly quotes, dashes, letters of caseless scripts, …). No case-insensitive comparison matches
    /// it, or the `Character` it belongs to, with an ASCII pattern character. The Kelvin sign (lower-cases to
    /// "k") and "ſ" (folds to "s") are not barriers; nor are U+037E and U+1FEF, canonically ";" and "`".
    static func isBarrier(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let scalar = scalar(at: offset, in: bytes), scalar.value >= 0x80 else { return false }
        let properties = scalar.properties
        return !properties.changesWhenLowercased && !properties.changesWhenCaseFolded && scalar.value != 0x037E
            && scalar.value != 0x1FEF
    }

    /// The scalar whose UTF-8 encoding starts at `offset` (the bytes are a valid `String`'s).
    static func scalar(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        let lead = UInt32(bytes[offset])
        let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard offset + length <= bytes.count else { return nil }
        var value = length == 1 ? lead : lead & (0xFF >> (length + 1))
        for index in 1..<max(length, 1) where length > 1 {
            value = value << 6 | UInt32(bytes[offset + index] & 0x3F)
        }
        return Unicode.Scalar(value)
    }

    /// Whether `String(decoding: bytes).lowercased().hasPrefix(phrase)` may hold, for a lower-case ASCII
    /// `phrase`: exact on an ASCII head (the phrase and the byte after it, so that the phrase ends on a
    /// `Character` boundary), and `false` too when a barrier cuts the head short of the phrase; `true` when
    /// unsure.
    static func mayStartLowercased(_ bytes: UnsafeBufferPointer<UInt8>, with phrase: [UInt8]) -> Bool {
        let needed = min(bytes.count, phrase.count + 1)
        var head = 0
        while head < needed, bytes[head] < 0x80, bytes[head] != 0x0D { head += 1 }
        if head < needed {
            guard isBarrier(at: head, in: bytes) else { return true }
            if head < phrase.count { return false }
        }
        guard bytes.count >= phrase.count else { return false }
        for index in 0..<phrase.count where lower(bytes[index]) != phrase[index] { return false }
        return true
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

    /// Whether the ASCII `text` contains `needle` (what Foundation's `contains` says for ASCII text; a non-ASCII
    /// needle is never found in it).
    static func contains(_ text: String, _ needle: String) -> Bool {
        range(of: needle, in: text) != nil
    }

    /// The first range of `needle` in the ASCII `text`, as Foundation's `range(of:)` finds it; `nil` for a
    /// non-ASCII or empty needle, which Foundation does not find in ASCII text either.
    static func range(of needle: String, in text: String) -> Range<String.Index>? {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, pattern.allSatisfy({ $0 < 0x80 }) else { return nil }
        var copy = text
        let offset = copy.withUTF8 { bytes -> Int? in
            guard pattern.count <= bytes.count else { return nil }
            var start = 0
            while start + pattern.count <= bytes.count {
                var matched = 0
                while matched < pattern.count, bytes[start + matched] == pattern[matched] { matched += 1 }
                if matched == pattern.count { return start }
                start += 1
            }
            return nil
        }
        guard let offset else { return nil }
        let lower = text.utf8.index(text.startIndex, offsetBy: offset)
        return lower..<text.utf8.index(lower, offsetBy: pattern.count)
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
    /// Text made only of the scalars in ``nfcStable`` is in NFC: none of them has a canonical decomposition that
    /// NFC rewrites, a non-zero combining class, or can be the second half of a canonical composition (their
    /// NFC quick-check value is Yes, and the precomposed letters among them stay composed). News text is nearly
    /// always such text; anything else goes through Foundation as before.
    static func nfc(_ text: String) -> String {
        isCertainlyNFC(text) ? text : Normalization.nfc(text)
    }

    /// Whether every scalar of `text` is in ``nfcStable``, which makes `text` NFC.
    static func isCertainlyNFC(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes -> Bool in
            var index = 0
            let count = bytes.count
            while index < count {
                let lead = bytes[index]
                if lead < 0x80 {
                    index += 1
                    continue
                }
                let (scalar, length) = UTF8Scanner.scalar(in: bytes, at: index)
                guard nfcStable.contains(where: { $0.contains(scalar.value) }) else { return false }
                index += length
            }
            return true
        }
    }

    /// Ranges of scalars that NFC leaves alone whatever surrounds them: below U+0300 (Latin-1, Latin
    /// Extended-A and -B, IPA, spacing modifiers), Cyrillic without its combining marks (U+0483–U+0489), General
    /// Punctuation without the two quads (U+2000, U+2001, which NFC maps to U+2002, U+2003), currency signs, the
    /// minus sign, CJK punctuation without its combining tone marks (U+302A–U+302F), kana without the combining
    /// sound marks (U+3099, U+309A), CJK ideographs, Hangul syllables and the fullwidth ASCII forms.
    static let nfcStable: [ClosedRange<UInt32>] = [
        0x80...0x2FF, 0x400...0x482, 0x48A...0x4FF, 0x2002...0x206F, 0x20A0...0x20CF, 0x2212...0x2212,
        0x3000...0x3029, 0x3030...0x3098, 0x309B...0x30FF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFF01...0xFF5E,
    ]
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

/// A text as a set member, hashed by its NFC bytes: `String`'s own hashing checks every non-ASCII string for NFC
/// scalar by scalar, while most texts pass ``ASCII/isCertainlyNFC(_:)`` and hash their bytes as they are.
/// Equality is `String` equality, and texts that are equal (canonically equivalent) have the same NFC bytes, so
/// the same hash.
struct NFCHashedText: Hashable {
    let text: String
    private let isNFC: Bool

    init(_ text: String) {
        self.text = text
        isNFC = ASCII.isCertainlyNFC(text)
    }

    static func == (left: NFCHashedText, right: NFCHashedText) -> Bool {
        left.text == right.text
    }

    func hash(into hasher: inout Hasher) {
        var nfc = isNFC ? text : Normalization.nfc(text)
        nfc.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
