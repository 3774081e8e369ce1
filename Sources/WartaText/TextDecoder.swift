import Foundation
import WartaCore

/// Turns raw bytes into NFC text, detecting the charset, or refuses them with a reason.
///
/// The order, first match wins:
/// 1. empty input is refused;
/// 2. a byte-order mark decides: UTF-8, UTF-16 LE or BE;
/// 3. a NUL byte (without a UTF-16 mark) means binary content, refused;
/// 4. a declared charset (a JSON-lines record, an HTTP header) is honoured when the bytes agree with it;
/// 5. bytes that are valid UTF-8 are UTF-8;
/// 6. bytes that are not UTF-8 and contain no UTF-8 multi-byte sequence are windows-1252 (ISO-8859-1 when no
///    byte falls in 0x80–0x9F); control characters other than tab, newline, carriage return and form feed,
///    in more than 1 % of the bytes, mean binary content;
/// 7. anything else (UTF-8 mixed with invalid bytes) is refused with the offset of the first bad byte —
///    never silently mangled.
///
/// The text is normalised to NFC once, here; later stages compare bytes.
public struct TextDecoder: Sendable {
    public static let name: StageName = "text.decode.v1"

    /// Decoded text and the charset it was read as.
    public struct Decoded: Sendable, Equatable {
        public var text: String
        /// `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `windows-1252` or `iso-8859-1`.
        public var encoding: String
    }

    public init() {}

    /// Decodes `bytes`.
    /// - Parameters:
    ///   - bytes: the raw document.
    ///   - declared: a charset the source declared, or `nil`.
    /// - Returns: the text, or the reason it was refused.
    /// - Complexity: O(n) in the number of bytes.
    public func decode(_ bytes: [UInt8], declared: String? = nil) -> Result<Decoded, DropReason> {
        if bytes.isEmpty { return .failure(.empty) }
        // 2. Byte-order marks.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return utf8(bytes[3...], label: "utf-8-bom")
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes[2...], littleEndian: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes[2...], littleEndian: false) }
        // 3. Binary, unless it is UTF-16 without a byte-order mark (NUL high bytes of Latin text).
        if let nul = bytes.firstIndex(of: 0) {
            if let littleEndian = Self.unmarkedUTF16(bytes),
                case .success(let decoded) = utf16(
                    bytes[...], littleEndian: littleEndian)
            {
                return .success(decoded)
            }
            return .failure(.binary(offset: nul))
        }
        // 4. A declared single-byte charset is honoured only when the bytes are not valid UTF-8 anyway:
        // declared and actual encodings disagree often, and valid UTF-8 is never an accident.
        let invalidAt = Self.firstInvalidUTF8(bytes[...])
        if invalidAt == nil { return utf8(bytes[...], label: "utf-8") }
        if let declared, Self.isUTF8Label(declared) == false, Self.singleByteLabels.contains(declared.lowercased()) {
            return singleByte(bytes, label: "windows-1252")
        }
        // 6. Legacy single-byte text: no well-formed multi-byte sequence anywhere.
        if containsUTF8MultiByteSequence(bytes) == false {
            return singleByte(
                bytes, label: bytes.contains(where: { $0 >= 0x80 && $0 <= 0x9F }) ? "windows-1252" : "iso-8859-1")
        }
        // 7. Mixed: refuse.
        let offset = invalidAt ?? 0
        return .failure(
            .undecodable(
                "invalid UTF-8 at byte offset \(offset) (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)))"
                    + " in text that is otherwise UTF-8; refusing to guess"
            )
        )
    }

    /// Whether bytes without a byte-order mark look like UTF-16 of mostly Latin text: in the first 4 KiB, NUL at
    /// a third or more of the odd positions and almost none of the even ones (little-endian), or the reverse
    /// (big-endian). `nil` when they do not.
    static func unmarkedUTF16(_ bytes: [UInt8]) -> Bool? {
        guard bytes.count >= 4, bytes.count % 2 == 0 else { return nil }
        let sample = bytes.prefix(4096)
        var evenNUL = 0
        var oddNUL = 0
        for (position, byte) in sample.enumerated() where byte == 0 {
            if position % 2 == 0 { evenNUL += 1 } else { oddNUL += 1 }
        }
        let pairs = sample.count / 2
        if oddNUL * 3 >= pairs, evenNUL * 50 <= pairs { return true }
        if evenNUL * 3 >= pairs, oddNUL * 50 <= pairs { return false }
        return nil
    }

    private static let singleByteLabels: Set<String> = [
        "windows-1252", "cp1252", "iso-8859-1", "latin1", "latin-1", "iso8859-1", "us-ascii", "ascii",
    ]

    private static func isUTF8Label(_ label: String) -> Bool {
        let lower = label.lowercased()
        return lower == "utf-8" || lower == "utf8"
    }

    private func utf8(_ bytes: ArraySlice<UInt8>, label: String) -> Result<Decoded, DropReason> {
        if let bad = Self.firstInvalidUTF8(bytes) {
            return .failure(.undecodable("invalid UTF-8 at byte offset \(bad)"))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(.undecodable("invalid UTF-8"))
        }
        return checkedText(text, label: label)
    }

    private func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> Result<Decoded, DropReason> {
        let label = littleEndian ? "utf-16le" : "utf-16be"
        if bytes.count % 2 != 0 {
            return .failure(.undecodable("\(label) text has an odd number of bytes (truncated?)"))
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let a = UInt16(bytes[index])
            let b = UInt16(bytes[index + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            index += 2
        }
        var text = ""
        text.reserveCapacity(units.count)
        var iterator = units.makeIterator()
        var decoder = UTF16()
        var offset = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                text.unicodeScalars.append(scalar)
                offset += scalar.value > 0xFFFF ? 4 : 2
            case .emptyInput:
                break loop
            case .error:
                return .failure(.undecodable("invalid \(label) (unpaired surrogate) at byte offset \(offset + 2)"))
            }
        }
        return checkedText(text, label: label)
    }

    private func singleByte(_ bytes: [UInt8], label: String) -> Result<Decoded, DropReason> {
        var controls = 0
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D, byte != 0x0C { controls += 1 }
            if byte >= 0x80, byte <= 0x9F, let mapped = Self.windows1252High[Int(byte - 0x80)] {
                scalars.append(mapped)
            } else if let scalar = Unicode.Scalar(UInt32(byte)) {
                scalars.append(scalar)
            }
        }
        if controls * 100 > bytes.count {
            return .failure(.undecodable("binary content (\(controls) control bytes), not text"))
        }
        return checkedText(String(scalars), label: label)
    }

    private func checkedText(_ text: String, label: String) -> Result<Decoded, DropReason> {
        var controls = 0
        var total = 0
        for byte in text.utf8 {
            total += 1
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D, byte != 0x0C { controls += 1 }
        }
        if total > 0, controls * 100 > total {
            return .failure(.undecodable("binary content (\(controls) control bytes), not text"))
        }
        return .success(Decoded(text: Normalization.nfc(Normalization.repairingMojibake(text)), encoding: label))
    }

    /// The byte offset of the first byte that is not part of a well-formed UTF-8 sequence, relative to the slice;
    /// `nil` when every byte is.
    package static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length = Self.sequenceLength(b)
            if length == 0 || i + length > end { return i - bytes.startIndex }
            for j in 1..<length where bytes[i + j] & 0xC0 != 0x80 { return i - bytes.startIndex }
            // Overlong and surrogate forms.
            if b == 0xE0, bytes[i + 1] < 0xA0 { return i - bytes.startIndex }
            if b == 0xED, bytes[i + 1] > 0x9F { return i - bytes.startIndex }
            if b == 0xF0, bytes[i + 1] < 0x90 { return i - bytes.startIndex }
            if b == 0xF4, bytes[i + 1] > 0x8F { return i - bytes.startIndex }
            i += length
        }
        return nil
    }

    private func containsUTF8MultiByteSequence(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i + 1 < bytes.count {
            let length = Self.sequenceLength(bytes[i])
            if length >= 2, i + length <= bytes.count,
                (1..<length).allSatisfy({ bytes[i + $0] & 0xC0 == 0x80 })
            {
                return true
            }
            i += 1
        }
        return false
    }

    @inline(__always)
    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return 0
        }
    }

    /// windows-1252 bytes 0x80–0x9F; `nil` where the code page leaves a byte undefined.
    package static let windows1252High: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]
}
