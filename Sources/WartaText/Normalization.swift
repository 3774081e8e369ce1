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
}
