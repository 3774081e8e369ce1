import Foundation
import WartaCore

/// Unicode normalisation, done once at ingest.
public enum Normalization {
    /// Returns `text` in NFC. ASCII text is returned as is without a copy.
    /// - Complexity: O(n) in the length of the text.
    public static func nfc(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// The Mac Roman misreadings of UTF-8 punctuation: U+2010–U+2026 are `E2 80 xx` in UTF-8, which Mac Roman reads
    /// as "‚Ä" and one letter ("‚Äú" for “). Some Indonesian sites publish their quotation marks so (rss-2025-06).
    /// The letter's UTF-8 bytes → the last byte of the punctuation's UTF-8.
    static let macRomanPunctuation: [UInt16: UInt8] = [
        0xC3AA: 0x90, 0xC3AC: 0x93, 0xC3AE: 0x94, 0xC3B2: 0x98, 0xC3B4: 0x99, 0xC3BA: 0x9C, 0xC3B9: 0x9D,
        0xC2A2: 0xA2, 0xC2B6: 0xA6,
    ]

    /// `text` with the Mac Roman misreadings of UTF-8 punctuation put back ("‚Äúkata‚Äù" → "“kata”"). "‚Ä" followed
    /// by one of those letters does not occur in real text; anything else is left as it is.
    /// - Complexity: O(n) over the UTF-8 bytes; text without "‚Ä" is returned as is.
    public static func repairingMojibake(_ text: String) -> String {
        // "‚Ä" is E2 80 9A C3 84 in UTF-8.
        let marker: [UInt8] = [0xE2, 0x80, 0x9A, 0xC3, 0x84]
        // Most text has none: look without copying it.
        let present =
            text.utf8.withContiguousStorageIfAvailable { buffer -> Bool in
                var index = 0
                while index + marker.count <= buffer.count {
                    if buffer[index] == 0xE2, buffer[index + 1] == 0x80, buffer[index + 2] == 0x9A,
                        buffer[index + 3] == 0xC3, buffer[index + 4] == 0x84
                    {
                        return true
                    }
                    index += 1
                }
                return false
            } ?? true
        guard present else { return text }
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        var copied = 0
        var index = 0
        while index + marker.count + 2 <= bytes.count {
            guard bytes[index] == 0xE2, bytes[index..<(index + marker.count)].elementsEqual(marker),
                let last = macRomanPunctuation[
                    UInt16(bytes[index + marker.count]) << 8 | UInt16(bytes[index + marker.count + 1])]
            else {
                index += 1
                continue
            }
            if result.isEmpty { result.reserveCapacity(bytes.count) }
            result += bytes[copied..<index]
            result += [0xE2, 0x80, last]
            index += marker.count + 2
            copied = index
        }
        guard copied > 0 else { return text }
        result += bytes[copied...]
        return String(decoding: result, as: UTF8.self)
    }
}
