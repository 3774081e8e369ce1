import WartaText

/// Text helpers for feed fields: HTML named and numeric entities, tags, white space.
///
/// Feeds carry HTML where XML expects text: `&nbsp;` and `&mdash;` (which XML does not define), descriptions that
/// are whole paragraphs of markup, titles double-escaped as `&amp;#8217;`. These helpers turn such fields into
/// plain text, over UTF-8 bytes.
enum FeedText {
    /// The HTML 4 named character references (and XML's `apos`), to code points.
    static let namedEntities: [String: UInt32] = [
        "quot": 0x0022, "amp": 0x0026, "lt": 0x003C, "gt": 0x003E, "nbsp": 0x00A0, "iexcl": 0x00A1, "cent": 0x00A2,
        "pound": 0x00A3, "curren": 0x00A4, "yen": 0x00A5, "brvbar": 0x00A6, "sect": 0x00A7, "uml": 0x00A8,
        "copy": 0x00A9, "ordf": 0x00AA, "laquo": 0x00AB, "not": 0x00AC, "shy": 0x00AD, "reg": 0x00AE, "macr": 0x00AF,
        "deg": 0x00B0, "plusmn": 0x00B1, "sup2": 0x00B2, "sup3": 0x00B3, "acute": 0x00B4, "micro": 0x00B5,
        "para": 0x00B6, "middot": 0x00B7, "cedil": 0x00B8, "sup1": 0x00B9, "ordm": 0x00BA, "raquo": 0x00BB,
        "frac14": 0x00BC, "frac12": 0x00BD, "frac34": 0x00BE, "iquest": 0x00BF, "Agrave": 0x00C0, "Aacute": 0x00C1,
        "Acirc": 0x00C2, "Atilde": 0x00C3, "Auml": 0x00C4, "Aring": 0x00C5, "AElig": 0x00C6, "Ccedil": 0x00C7,
        "Egrave": 0x00C8, "Eacute": 0x00C9, "Ecirc": 0x00CA, "Euml": 0x00CB, "Igrave": 0x00CC, "Iacute": 0x00CD,
        "Icirc": 0x00CE, "Iuml": 0x00CF, "ETH": 0x00D0, "Ntilde": 0x00D1, "Ograve": 0x00D2, "Oacute": 0x00D3,
        "Ocirc": 0x00D4, "Otilde": 0x00D5, "Ouml": 0x00D6, "times": 0x00D7, "Oslash": 0x00D8, "Ugrave": 0x00D9,
        "Uacute": 0x00DA, "Ucirc": 0x00DB, "Uuml": 0x00DC, "Yacute": 0x00DD, "THORN": 0x00DE, "szlig": 0x00DF,
        "agrave": 0x00E0, "aacute": 0x00E1, "acirc": 0x00E2, "atilde": 0x00E3, "auml": 0x00E4, "aring": 0x00E5,
        "aelig": 0x00E6, "ccedil": 0x00E7, "egrave": 0x00E8, "eacute": 0x00E9, "ecirc": 0x00EA, "euml": 0x00EB,
        "igrave": 0x00EC, "iacute": 0x00ED, "icirc": 0x00EE, "iuml": 0x00EF, "eth": 0x00F0, "ntilde": 0x00F1,
        "ograve": 0x00F2, "oacute": 0x00F3, "ocirc": 0x00F4, "otilde": 0x00F5, "ouml": 0x00F6, "divide": 0x00F7,
        "oslash": 0x00F8, "ugrave": 0x00F9, "uacute": 0x00FA, "ucirc": 0x00FB, "uuml": 0x00FC, "yacute": 0x00FD,
        "thorn": 0x00FE, "yuml": 0x00FF, "OElig": 0x0152, "oelig": 0x0153, "Scaron": 0x0160, "scaron": 0x0161,
        "Yuml": 0x0178, "fnof": 0x0192, "circ": 0x02C6, "tilde": 0x02DC, "Alpha": 0x0391, "Beta": 0x0392,
        "Gamma": 0x0393, "Delta": 0x0394, "Epsilon": 0x0395, "Zeta": 0x0396, "Eta": 0x0397, "Theta": 0x0398,
        "Iota": 0x0399, "Kappa": 0x039A, "Lambda": 0x039B, "Mu": 0x039C, "Nu": 0x039D, "Xi": 0x039E,
        "Omicron": 0x039F, "Pi": 0x03A0, "Rho": 0x03A1, "Sigma": 0x03A3, "Tau": 0x03A4, "Upsilon": 0x03A5,
        "Phi": 0x03A6, "Chi": 0x03A7, "Psi": 0x03A8, "Omega": 0x03A9, "alpha": 0x03B1, "beta": 0x03B2,
        "gamma": 0x03B3, "delta": 0x03B4, "epsilon": 0x03B5, "zeta": 0x03B6, "eta": 0x03B7, "theta": 0x03B8,
        "iota": 0x03B9, "kappa": 0x03BA, "lambda": 0x03BB, "mu": 0x03BC, "nu": 0x03BD, "xi": 0x03BE,
        "omicron": 0x03BF, "pi": 0x03C0, "rho": 0x03C1, "sigmaf": 0x03C2, "sigma": 0x03C3, "tau": 0x03C4,
        "upsilon": 0x03C5, "phi": 0x03C6, "chi": 0x03C7, "psi": 0x03C8, "omega": 0x03C9, "thetasym": 0x03D1,
        "upsih": 0x03D2, "piv": 0x03D6, "ensp": 0x2002, "emsp": 0x2003, "thinsp": 0x2009, "zwnj": 0x200C,
        "zwj": 0x200D, "lrm": 0x200E, "rlm": 0x200F, "ndash": 0x2013, "mdash": 0x2014, "lsquo": 0x2018,
        "rsquo": 0x2019, "sbquo": 0x201A, "ldquo": 0x201C, "rdquo": 0x201D, "bdquo": 0x201E, "dagger": 0x2020,
        "Dagger": 0x2021, "bull": 0x2022, "hellip": 0x2026, "permil": 0x2030, "prime": 0x2032, "Prime": 0x2033,
        "lsaquo": 0x2039, "rsaquo": 0x203A, "oline": 0x203E, "frasl": 0x2044, "euro": 0x20AC, "image": 0x2111,
        "weierp": 0x2118, "real": 0x211C, "trade": 0x2122, "alefsym": 0x2135, "larr": 0x2190, "uarr": 0x2191,
        "rarr": 0x2192, "darr": 0x2193, "harr": 0x2194, "crarr": 0x21B5, "lArr": 0x21D0, "uArr": 0x21D1,
        "rArr": 0x21D2, "dArr": 0x21D3, "hArr": 0x21D4, "forall": 0x2200, "part": 0x2202, "exist": 0x2203,
        "empty": 0x2205, "nabla": 0x2207, "isin": 0x2208, "notin": 0x2209, "ni": 0x220B, "prod": 0x220F,
        "sum": 0x2211, "minus": 0x2212, "lowast": 0x2217, "radic": 0x221A, "prop": 0x221D, "infin": 0x221E,
        "ang": 0x2220, "and": 0x2227, "or": 0x2228, "cap": 0x2229, "cup": 0x222A, "int": 0x222B, "there4": 0x2234,
        "sim": 0x223C, "cong": 0x2245, "asymp": 0x2248, "ne": 0x2260, "equiv": 0x2261, "le": 0x2264, "ge": 0x2265,
        "sub": 0x2282, "sup": 0x2283, "nsub": 0x2284, "sube": 0x2286, "supe": 0x2287, "oplus": 0x2295,
        "otimes": 0x2297, "perp": 0x22A5, "sdot": 0x22C5, "lceil": 0x2308, "rceil": 0x2309, "lfloor": 0x230A,
        "rfloor": 0x230B, "lang": 0x2329, "rang": 0x232A, "loz": 0x25CA, "spades": 0x2660, "clubs": 0x2663,
        "hearts": 0x2665, "diams": 0x2666, "apos": 0x0027,

    ]

    /// windows-1252's characters for bytes 0x80–0x9F (U+FFFD where the code page leaves a byte undefined). Feeds
    /// written on Windows put these bytes raw, or as numeric references (`&#146;` for ’).
    static let windows1252High: [UInt32] = TextDecoder.windows1252High.map { $0?.value ?? 0xFFFD }

    /// The character a numeric reference names, read the way browsers do: 0x80–0x9F as windows-1252, and U+FFFD
    /// for NUL, surrogates and values past U+10FFFF; `nil` for other control characters, which XML cannot hold.
    static func numericReference(_ value: UInt32) -> UInt32? {
        switch value {
        case 0x80...0x9F: return windows1252High[Int(value - 0x80)]
        case 0, 0xD800...0xDFFF, 0x110000...: return 0xFFFD
        case 0x09, 0x0A, 0x0D: return value
        case 0x01...0x1F, 0x7F: return nil
        case 0xFFFE, 0xFFFF: return 0xFFFD
        default: return value
        }
    }

    /// The code point of an entity reference that starts at `start` (just after `&`), and the index after its `;`:
    /// `#8217;`, `#x2019;`, `mdash;`. `nil` when the bytes are not a reference this table knows.
    static func reference(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (codePoint: UInt32?, end: Int)? {
        guard start < bytes.count else { return nil }
        if bytes[start] == UInt8(ascii: "#") {
            var index = start + 1
            var radix: UInt32 = 10
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "x") {
                radix = 16
                index += 1
            }
            var value: UInt32 = 0
            var digits = 0
            while index < bytes.count, let digit = digitValue(bytes[index], radix: radix) {
                value = min(value &* radix &+ digit, 0x110000)
                digits += 1
                index += 1
            }
            guard digits > 0, digits <= 8, index < bytes.count, bytes[index] == UInt8(ascii: ";") else { return nil }
            return (numericReference(value), index + 1)
        }
        var index = start
        while index < bytes.count, index - start < 32, isNameByte(bytes[index]) { index += 1 }
        guard index > start, index < bytes.count, bytes[index] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let codePoint = namedEntities[name] else { return nil }
        return (codePoint, index + 1)
    }

    /// Whether a byte may appear in an entity name (ASCII letters and digits).
    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10
    }

    private static func digitValue(_ byte: UInt8, radix: UInt32) -> UInt32? {
        if byte &- 0x30 < 10 { return UInt32(byte &- 0x30) }
        if radix == 16, (byte | 0x20) &- 0x61 < 6 { return UInt32((byte | 0x20) &- 0x61) + 10 }
        return nil
    }

    /// Appends the UTF-8 encoding of a code point.
    static func appendUTF8(_ codePoint: UInt32, to output: inout [UInt8]) {
        guard let scalar = Unicode.Scalar(codePoint) else {
            output.append(contentsOf: [0xEF, 0xBF, 0xBD])
            return
        }
        output.append(contentsOf: scalar.utf8)
    }

    /// `text` with HTML character references decoded (`&mdash;` → —, `&#8217;` → ’, `&#146;` → ’); references it
    /// does not know stay as they are.
    /// - Complexity: O(n) in the length of the text.
    static func decodingEntities(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var text = text
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "&"), let (codePoint, end) = reference(in: bytes, at: index + 1) {
                    if let codePoint { appendUTF8(codePoint, to: &output) }
                    index = end
                } else {
                    output.append(byte)
                    index += 1
                }
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Plain text from an HTML fragment (an RSS `description`, an Atom `summary type="html"`): tags removed, the
    /// bodies of `script` and `style` dropped, block-level tags and `<br>` read as spaces, references decoded and
    /// white space collapsed.
    /// - Complexity: O(n) in the length of the fragment.
    static func plainText(fromHTML html: String) -> String {
        guard html.utf8.contains(UInt8(ascii: "<")) else { return collapsingWhitespace(decodingEntities(html)) }
        var html = html
        let stripped: String = html.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                guard byte == UInt8(ascii: "<"), index + 1 < bytes.count, isTagStart(bytes[index + 1]) else {
                    output.append(byte)
                    index += 1
                    continue
                }
                if starts(bytes, at: index, with: "<!--") {
                    index = find(bytes, "-->", from: index + 4).map { $0 + 3 } ?? bytes.count
                    continue
                }
                let name = tagName(bytes, at: index + 1)
                index = tagEnd(bytes, from: index + 1)
                if name == "script" || name == "style" {
                    index =
                        find(bytes, "</" + name, from: index, caseInsensitive: true).map { tagEnd(bytes, from: $0 + 1) }
                        ?? bytes.count
                }
                if blockTags.contains(name) { output.append(0x20) }
            }
            return String(decoding: output, as: UTF8.self)
        }
        return collapsingWhitespace(decodingEntities(stripped))
    }

    /// Tags after which text starts a new block; the others (`b`, `a`, `span`) may sit inside a word.
    private static let blockTags: Set<String> = [
        "p", "/p", "br", "br/", "div", "/div", "li", "/li", "ul", "/ul", "ol", "/ol", "h1", "/h1", "h2", "/h2",
        "h3", "/h3", "h4", "/h4", "h5", "/h5", "h6", "/h6", "blockquote", "/blockquote", "tr", "/tr", "td", "/td",
        "th", "/th", "table", "/table", "img", "hr", "figure", "/figure", "figcaption", "/figcaption",
    ]

    private static func isTagStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26 || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "!")
            || byte == UInt8(ascii: "?")
    }

    /// The lower-cased name of the tag whose name starts at `start` (with a leading `/` for an end tag).
    private static func tagName(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> String {
        var index = start
        var name: [UInt8] = []
        while index < bytes.count, name.count < 16 {
            let byte = bytes[index]
            guard (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || (byte == UInt8(ascii: "/") && index == start)
            else { break }
            name.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            index += 1
        }
        return String(decoding: name, as: UTF8.self)
    }

    /// The index after the `>` that closes the tag starting at `start`, skipping quoted attribute values.
    private static func tagEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        var quote: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index + 1
            }
            index += 1
        }
        return bytes.count
    }

    static func starts(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, with prefix: String) -> Bool {
        var cursor = index
        for byte in prefix.utf8 {
            guard cursor < bytes.count, bytes[cursor] == byte else { return false }
            cursor += 1
        }
        return true
    }

    /// The index where `needle` next occurs from `start`, comparing ASCII letters without case when asked.
    static func find(
        _ bytes: UnsafeBufferPointer<UInt8>, _ needle: String, from start: Int, caseInsensitive: Bool = false
    ) -> Int? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
        var index = start
        while index + pattern.count <= bytes.count {
            let byte = bytes[index]
            if byte == first || (caseInsensitive && byte | 0x20 == first | 0x20) {
                var matched = true
                for offset in 1..<pattern.count {
                    let candidate = bytes[index + offset]
                    let wanted = pattern[offset]
                    if candidate != wanted && !(caseInsensitive && candidate | 0x20 == wanted | 0x20) {
                        matched = false
                        break
                    }
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    /// `text` with runs of white space (ASCII white space and no-break spaces) made one space, and trimmed.
    /// - Complexity: O(n) in the length of the text.
    static func collapsingWhitespace(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                var space = 0
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                    space = 1
                } else if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 {
                    space = 2
                }
                if space > 0 {
                    pendingSpace = !output.isEmpty
                    index += space
                    continue
                }
                if pendingSpace {
                    output.append(0x20)
                    pendingSpace = false
                }
                output.append(byte)
                index += 1
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// `text` escaped for HTML (`&`, `<`, `>`, `"`).
    static func escapingHTML(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// `text` without surrounding ASCII white space, or `nil` when nothing is left.
    static func trimmed(_ text: String?) -> String? {
        guard let text else { return nil }
        let bytes = Array(text.utf8)
        let trimmed = FeedInput.trimmed(bytes[...])
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A field's text, or `nil` when it is empty after collapsing white space.
    static func nonEmpty(_ text: String?) -> String? {
        guard let text else { return nil }
        let collapsed = collapsingWhitespace(text)
        return collapsed.isEmpty ? nil : collapsed
    }
}
