import Foundation
import WartaCore

/// Decides the charset of an HTML page and turns its bytes into UTF-8.
///
/// The order, first match wins:
/// 1. a charset the source declared (HTTP header, JSON-lines record);
/// 2. a byte-order mark (UTF-8, UTF-16 LE/BE);
/// 3. `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">` in the first 8 KiB;
/// 4. sniffing: valid UTF-8 is UTF-8, anything else windows-1252.
///
/// Declared and actual encodings disagree often, so a UTF-8 claim (from 1 or 3) is believed only when the bytes
/// are UTF-8 (a few stray bytes among many well-formed multi-byte sequences are replaced with U+FFFD); otherwise
/// the page is read as windows-1252. A single-byte claim over bytes that are valid UTF-8 with multi-byte
/// sequences is read as UTF-8. Other charsets (`shift_jis`, `gb2312`, `windows-1251`, …) are left to libxml2's
/// converters.
enum HTMLCharset {
    /// Where the charset decision came from.
    enum Source: String, Sendable {
        case declared, bom, meta, sniffed
    }

    /// The page as UTF-8, or the label libxml2 must convert from.
    struct Decoded: Sendable {
        /// UTF-8 bytes, or the original bytes when ``libxml2Encoding`` is set.
        var bytes: [UInt8]
        /// The charset the bytes were read as (`utf-8`, `windows-1252`, `shift_jis`, …).
        var encoding: String
        var source: Source
        /// A charset libxml2 converts itself; `nil` when ``bytes`` is already UTF-8.
        var libxml2Encoding: String?
    }

    /// Decodes a page.
    /// - Complexity: O(n) in the number of bytes.
    static func decode(_ bytes: [UInt8], declared: String?) -> Decoded {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return utf8(Array(bytes.dropFirst(3)), source: .bom)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return utf16(bytes.dropFirst(2), littleEndian: bytes[0] == 0xFF)
        }
        let claim: (label: String, source: Source)? =
            declared.flatMap { normalized($0) }.map { ($0, .declared) }
            ?? metaCharset(bytes).flatMap { normalized($0) }.map { ($0, .meta) }
        let check = utf8Check(bytes)
        guard let claim else {
            return check.isUTF8
                ? utf8(bytes, source: .sniffed, invalid: check.invalid) : windows1252(bytes, source: .sniffed)
        }
        switch claim.label {
        case "utf-8":
            return check.isUTF8
                ? utf8(bytes, source: claim.source, invalid: check.invalid) : windows1252(bytes, source: .sniffed)
        case "windows-1252":
            if check.invalid == 0, check.multiByte > 0 { return utf8(bytes, source: .sniffed, invalid: 0) }
            return windows1252(bytes, source: claim.source)
        default:
            if check.invalid == 0, check.multiByte == 0 { return utf8(bytes, source: claim.source, invalid: 0) }
            return Decoded(bytes: bytes, encoding: claim.label, source: claim.source, libxml2Encoding: claim.label)
        }
    }

    /// A page read as windows-1252, used when libxml2 cannot convert a declared charset.
    static func fallback(_ bytes: [UInt8]) -> Decoded {
        windows1252(bytes, source: .sniffed)
    }

    /// Canonical labels: the UTF-8 and Latin-1 families fold to `utf-8` and `windows-1252` (as browsers do).
    static func normalized(_ label: String) -> String? {
        let trimmed = label.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " \t\"';"))
        guard !trimmed.isEmpty, trimmed.utf8.count < 40 else { return nil }
        switch trimmed {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return "utf-8"
        case "windows-1252", "cp1252", "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
            "iso_8859-1", "x-cp1252", "ansi_x3.4-1968":
            return "windows-1252"
        default: return trimmed
        }
    }

    // MARK: - Meta prescan

    /// The charset a `<meta>` in the first 8 KiB names, if any.
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(8192)
        let needle = Array("charset".utf8)
        var index = head.startIndex
        while index + needle.count < head.endIndex {
            var matches = true
            for offset in 0..<needle.count where head[index + offset] | 0x20 != needle[offset] {
                matches = false
                break
            }
            if matches {
                var position = index + needle.count
                while position < head.endIndex, head[position] == 0x20 { position += 1 }
                if position < head.endIndex, head[position] == 0x3D {  // "="
                    position += 1
                    while position < head.endIndex,
                        head[position] == 0x20 || head[position] == 0x22
                            || head[position] == 0x27
                    {
                        position += 1
                    }
                    var end = position
                    while end < head.endIndex, Self.isLabelByte(head[end]) { end += 1 }
                    if end > position, isInsideMeta(head, at: index) {
                        return String(decoding: head[position..<end], as: UTF8.self)
                    }
                }
            }
            index += 1
        }
        return nil
    }

    private static func isLabelByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x2D
            || byte == 0x5F || byte == 0x3A || byte == 0x2E
    }

    /// Whether the nearest "<" before `index` opens a `meta` tag.
    private static func isInsideMeta(_ head: ArraySlice<UInt8>, at index: Int) -> Bool {
        var position = index
        while position > head.startIndex, head[position] != 0x3C, head[position] != 0x3E { position -= 1 }
        guard head[position] == 0x3C, position + 5 <= head.endIndex else { return false }
        let name = head[(position + 1)..<(position + 5)].map { $0 | 0x20 }
        return name == Array("meta".utf8)
    }

    // MARK: - Decoders

    /// Counts of well-formed multi-byte sequences and of bytes that are not part of one.
    static func utf8Check(_ bytes: [UInt8]) -> (isUTF8: Bool, invalid: Int, multiByte: Int) {
        var invalid = 0
        var multiByte = 0
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            let raw = UnsafeRawPointer(buffer.baseAddress)
            while index < count {
                // Runs of ASCII, most of a page, are skipped eight bytes at a time.
                if let raw {
                    while index + 8 <= count,
                        raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                    {
                        index += 8
                    }
                    if index >= count { break }
                }
                let lead = buffer[index]
                if lead < 0x80 {
                    index += 1
                    continue
                }
                let length: Int
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0...0xEF: length = 3
                case 0xF0...0xF4: length = 4
                default: length = 0
                }
                var valid = length > 0 && index + length <= count
                if valid {
                    for offset in 1..<length where buffer[index + offset] & 0xC0 != 0x80 {
                        valid = false
                        break
                    }
                }
                if valid {
                    let second = buffer[index + 1]
                    if (lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F)
                        || (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F)
                    {
                        valid = false
                    }
                }
                if valid {
                    multiByte += 1
                    index += length
                } else {
                    invalid += 1
                    index += 1
                }
            }
        }
        // A truncated page may end inside a sequence, and real pages carry the odd stray byte.
        let isUTF8 = invalid == 0 || (multiByte >= 8 * invalid && invalid <= 16)
        return (isUTF8, invalid, multiByte)
    }

    /// `invalid`: the count of invalid bytes when the caller has already checked them.
    private static func utf8(_ bytes: [UInt8], source: Source, invalid: Int? = nil) -> Decoded {
        // Repairs stray bytes with U+FFFD so libxml2 sees valid UTF-8.
        let repaired =
            (invalid ?? utf8Check(bytes).invalid) == 0 ? bytes : Array(String(decoding: bytes, as: UTF8.self).utf8)
        return Decoded(bytes: repaired, encoding: "utf-8", source: source, libxml2Encoding: nil)
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> Decoded {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        let text = String(decoding: units, as: UTF16.self)
        return Decoded(
            bytes: Array(text.utf8), encoding: littleEndian ? "utf-16le" : "utf-16be", source: .bom,
            libxml2Encoding: nil)
    }

    private static func windows1252(_ bytes: [UInt8], source: Source) -> Decoded {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
                continue
            }
            let scalar: UInt32 = byte <= 0x9F ? high1252[Int(byte - 0x80)] : UInt32(byte)
            appendUTF8(scalar, to: &out)
        }
        return Decoded(bytes: out, encoding: "windows-1252", source: source, libxml2Encoding: nil)
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        if scalar < 0x800 {
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        } else {
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// windows-1252 bytes 0x80–0x9F; the five undefined ones map to their C1 code points, as browsers do.
    private static let high1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]
}
