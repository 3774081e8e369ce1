import Foundation

/// Resolves the links feeds, sitemaps and feed lists carry into absolute `http`/`https` URLs.
enum FeedURL {
    /// `reference` made absolute against `base`, or `nil` when the result is not an `http` or `https` URL (a
    /// `javascript:` or `mailto:` link, or a relative link with no base to resolve it against).
    ///
    /// Spaces and other characters URLs cannot hold are percent-encoded first (`/berita/a b` → `/berita/a%20b`), and
    /// `feed://` and `feed:https://` links are read as the `http(s)` URLs they wrap.
    static func absolute(_ reference: String, base: String?) -> String? {
        let trimmed = FeedText.collapsingWhitespace(reference)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 8_192 else { return nil }
        if isPlainWebURL(trimmed) { return trimmed }
        let escaped = unwrappingFeedScheme(escapingInvalidCharacters(trimmed))
        if let url = URL(string: escaped), let scheme = url.scheme?.lowercased() {
            return isWeb(scheme) && url.host?.isEmpty == false ? url.absoluteString : nil
        }
        guard let base, let baseURL = URL(string: escapingInvalidCharacters(base)),
            let scheme = baseURL.scheme?.lowercased(), isWeb(scheme),
            let resolved = URL(string: escaped, relativeTo: baseURL)?.absoluteURL,
            resolved.host?.isEmpty == false
        else { return nil }
        return resolved.absoluteString
    }

    /// Whether `text` is already an absolute `http`/`https` URL with a host and nothing to escape: the common case,
    /// answered without Foundation's URL parser.
    private static func isPlainWebURL(_ text: String) -> Bool {
        let bytes = text.utf8
        var index = bytes.startIndex
        for expected in "http".utf8 {
            guard index < bytes.endIndex, bytes[index] == expected else { return false }
            index = bytes.index(after: index)
        }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "s") { index = bytes.index(after: index) }
        for expected in "://".utf8 {
            guard index < bytes.endIndex, bytes[index] == expected else { return false }
            index = bytes.index(after: index)
        }
        var hostLength = 0
        var inHost = true
        while index < bytes.endIndex {
            let byte = bytes[index]
            if needsEscaping(byte) || byte == UInt8(ascii: "%") { return false }
            if inHost {
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") {
                    inHost = false
                } else if byte == UInt8(ascii: "@") || byte == UInt8(ascii: "[") {
                    // User information and IPv6 literals take the full parser.
                    return false
                } else {
                    hostLength += 1
                }
            }
            index = bytes.index(after: index)
        }
        return hostLength > 0
    }

    private static func isWeb(_ scheme: String) -> Bool {
        scheme == "http" || scheme == "https"
    }

    /// `feed://host/x` → `http://host/x`; `feed:https://host/x` → `https://host/x`.
    private static func unwrappingFeedScheme(_ text: String) -> String {
        let lower = text.prefix(12).lowercased()
        if lower.hasPrefix("feed:http://") || lower.hasPrefix("feed:https:/") { return String(text.dropFirst(5)) }
        if lower.hasPrefix("feed://") { return "http://" + text.dropFirst(7) }
        return text
    }

    /// Percent-encodes bytes that may not appear in a URL (space, controls, non-ASCII, `"<>\^`{|}`), leaving
    /// existing escapes and URL syntax alone.
    private static func escapingInvalidCharacters(_ text: String) -> String {
        guard text.utf8.contains(where: { needsEscaping($0) }) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            if needsEscaping(byte) {
                output += "%" + String(byte, radix: 16, uppercase: true).leftPadded()
            } else {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return output
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        switch byte {
        case 0..<0x21, 0x7F...: return true
        case UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "^"),
            UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"):
            return true
        default: return false
        }
    }
}

extension String {
    /// A one-digit hex string padded to two digits.
    fileprivate func leftPadded() -> String {
        utf8.count == 1 ? "0" + self : self
    }
}
