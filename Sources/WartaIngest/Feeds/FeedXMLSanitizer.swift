internal import CLibXML2

/// Rewrites hostile or sloppy XML bytes into bytes libxml2 can parse safely, before libxml2 sees them.
///
/// The steps, in order:
/// 1. UTF-16 input is re-encoded as UTF-8; a UTF-8 byte-order mark is dropped.
/// 2. The XML declaration is blanked out (its line breaks kept, so libxml2's line numbers still match the input)
///    and its `encoding` is passed to libxml2 instead, which lets white space before it through.
/// 3. The charset is settled: bytes that are valid UTF-8 with at least one multi-byte sequence are UTF-8 whatever
///    the declaration says (valid UTF-8 is never an accident); `ISO-8859-1`, `US-ASCII` and `windows-1252` are read
///    as windows-1252 and re-encoded as UTF-8; other charsets libxml2 knows are left to it; anything else is UTF-8,
///    with invalid bytes read as windows-1252 and counted.
/// 4. One pass over the markup, outside comments, CDATA sections and processing instructions:
///    - `<!DOCTYPE …>` (with its internal subset) and any other `<!…>` declaration are removed, so no entity is
///      ever declared: no billion laughs, no external entity (XXE), no DTD to fetch;
///    - `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` and valid numeric references stay; an HTML named reference
///      (`&nbsp;`, `&mdash;`) becomes its numeric form; a numeric reference to windows-1252's 0x80–0x9F becomes
///      the character that code page means; any other `&` becomes `&amp;`;
///    - a `<` that cannot start markup (`a < b`) becomes `&lt;`;
///    - control characters XML forbids become spaces.
struct FeedXMLSanitizer {
    /// The rewritten bytes, the encoding to hand libxml2, and what was repaired.
    struct Output {
        var bytes: [UInt8]
        var encoding: String
        var warnings: [FeedWarning]
    }

    /// Runs the four steps of the type's discussion over `input`.
    /// - Complexity: O(n) in the number of bytes.
    static func sanitize(_ input: [UInt8]) -> Output {
        var warnings: [FeedWarning] = []
        var bytes = input
        var forcedUTF8 = false
        if let transcoded = FeedInput.utf8FromUTF16(bytes) {
            bytes = transcoded
            forcedUTF8 = true
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
            forcedUTF8 = true
        }
        let declared = blankDeclaration(&bytes)
        var encoding = "UTF-8"
        switch charset(of: bytes, declared: forcedUTF8 ? nil : declared) {
        case .utf8:
            let invalid = repairUTF8(&bytes)
            if invalid > 0 { warnings.append(.repairedEncoding(invalidBytes: invalid)) }
        case .windows1252:
            bytes = utf8FromWindows1252(bytes)
        case .libxml2(let label):
            encoding = label
        }
        var removedDeclaration = false
        bytes = rewriteMarkup(bytes, removedDeclaration: &removedDeclaration)
        if removedDeclaration { warnings.append(.removedDoctype) }
        return Output(bytes: bytes, encoding: encoding, warnings: warnings)
    }

    private enum Charset {
        case utf8, windows1252
        case libxml2(String)
    }

    private static let utf8Labels: Set<String> = ["utf-8", "utf8", "unicode-1-1-utf-8", "utf-16", "utf16"]
    private static let windows1252Labels: Set<String> = [
        "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252",
        "cp1252", "x-cp1252",
    ]

    private static func charset(of bytes: [UInt8], declared: String?) -> Charset {
        guard let declared, !utf8Labels.contains(declared.lowercased()) else { return .utf8 }
        if isValidUTF8WithMultiByteSequence(bytes) { return .utf8 }
        if windows1252Labels.contains(declared.lowercased()) { return .windows1252 }
        guard let handler = xmlFindCharEncodingHandler(declared) else { return .utf8 }
        xmlCharEncCloseFunc(handler)
        return .libxml2(declared)
    }

    /// Finds `<?xml … ?>` at the start (after white space), blanks it out keeping its line breaks, and returns the
    /// value of its `encoding` pseudo-attribute.
    private static func blankDeclaration(_ bytes: inout [UInt8]) -> String? {
        var start = 0
        while start < bytes.count, isSpace(bytes[start]) { start += 1 }
        let prefix: [UInt8] = Array("<?xml".utf8)
        guard bytes.count > start + prefix.count, Array(bytes[start..<start + prefix.count]) == prefix,
            isSpace(bytes[start + prefix.count])
        else { return nil }
        var end = start + prefix.count
        while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "?") && bytes[end + 1] == UInt8(ascii: ">")) {
            end += 1
        }
        guard end + 1 < bytes.count else { return nil }
        let label = encodingLabel(in: Array(bytes[start..<end]))
        for index in start...(end + 1) where bytes[index] != 0x0A { bytes[index] = 0x20 }
        return label
    }

    /// The value of `encoding="…"` (or `'…'`) in an XML declaration's bytes.
    private static func encodingLabel(in declaration: [UInt8]) -> String? {
        let name = Array("encoding".utf8)
        guard declaration.count > name.count,
            let start = (0...(declaration.count - name.count)).first(where: {
                declaration[$0..<$0 + name.count].elementsEqual(name)
            })
        else { return nil }
        var index = start + name.count
        while index < declaration.count, isSpace(declaration[index]) || declaration[index] == UInt8(ascii: "=") {
            index += 1
        }
        guard index < declaration.count else { return nil }
        let quote = declaration[index]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        let valueStart = index + 1
        guard let valueEnd = declaration[valueStart...].firstIndex(of: quote), valueEnd > valueStart,
            valueEnd - valueStart <= 40
        else { return nil }
        return String(decoding: declaration[valueStart..<valueEnd], as: UTF8.self)
    }

    private static func isValidUTF8WithMultiByteSequence(_ bytes: [UInt8]) -> Bool {
        var index = 0
        var sawMultiByte = false
        while index < bytes.count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let length = validSequenceLength(bytes, at: index)
            guard length > 0 else { return false }
            sawMultiByte = true
            index += length
        }
        return sawMultiByte
    }

    /// The length of the well-formed UTF-8 sequence at `index` (no overlong forms, no surrogates), or 0.
    private static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { return 0 }
        let second = bytes[index + 1]
        if lead == 0xE0, second < 0xA0 { return 0 }
        if lead == 0xED, second > 0x9F { return 0 }
        if lead == 0xF0, second < 0x90 { return 0 }
        if lead == 0xF4, second > 0x8F { return 0 }
        return length
    }

    /// Replaces every byte that is not part of well-formed UTF-8 with the windows-1252 character it stands for
    /// (a feed that says UTF-8 and holds a Latin-1 `é`); returns how many bytes were replaced.
    private static func repairUTF8(_ bytes: inout [UInt8]) -> Int {
        var index = 0
        var firstInvalid: Int?
        while index < bytes.count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let length = validSequenceLength(bytes, at: index)
            if length == 0 {
                firstInvalid = index
                break
            }
            index += length
        }
        guard let firstInvalid else { return 0 }
        var output = Array(bytes[..<firstInvalid])
        output.reserveCapacity(bytes.count + 64)
        var invalid = 0
        index = firstInvalid
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                output.append(byte)
                index += 1
                continue
            }
            let length = validSequenceLength(bytes, at: index)
            if length > 0 {
                output.append(contentsOf: bytes[index..<index + length])
                index += length
            } else {
                invalid += 1
                FeedText.appendUTF8(windows1252(byte), to: &output)
                index += 1
            }
        }
        bytes = output
        return invalid
    }

    private static func utf8FromWindows1252(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
            } else {
                FeedText.appendUTF8(windows1252(byte), to: &output)
            }
        }
        return output
    }

    private static func windows1252(_ byte: UInt8) -> UInt32 {
        byte >= 0x80 && byte <= 0x9F ? FeedText.windows1252High[Int(byte - 0x80)] : UInt32(byte)
    }

    /// Step 4 of the type's discussion: one pass over the markup.
    /// - Complexity: O(n) in the number of bytes; runs of ordinary bytes are copied in bulk.
    private static func rewriteMarkup(_ input: [UInt8], removedDeclaration: inout Bool) -> [UInt8] {
        input.withUnsafeBufferPointer { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + bytes.count / 16)
            var index = 0
            while index < bytes.count {
                var runEnd = index
                while runEnd < bytes.count, !isSpecial(bytes[runEnd]) { runEnd += 1 }
                if runEnd > index {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<runEnd]))
                    index = runEnd
                    if index == bytes.count { break }
                }
                let byte = bytes[index]
                if byte == UInt8(ascii: "&") {
                    index = rewriteReference(bytes, at: index, into: &output)
                } else if byte != UInt8(ascii: "<") {
                    // A control character XML forbids.
                    output.append(0x20)
                    index += 1
                } else if index + 1 < bytes.count, canStartTag(bytes[index + 1]) {
                    output.append(byte)
                    index += 1
                } else if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "?") {
                    index = copyVerbatim(bytes, from: index, until: "?>", into: &output)
                } else if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "!") {
                    if FeedText.starts(bytes, at: index, with: "<!--") {
                        index = copyVerbatim(bytes, from: index, until: "-->", into: &output)
                    } else if FeedText.starts(bytes, at: index, with: "<![CDATA[") {
                        index = copyVerbatim(bytes, from: index, until: "]]>", into: &output)
                    } else {
                        let end = declarationEnd(bytes, from: index + 2)
                        for skipped in index..<end where bytes[skipped] == 0x0A { output.append(0x0A) }
                        removedDeclaration = true
                        index = end
                    }
                } else {
                    output.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // "&lt;"
                    index += 1
                }
            }
            return output
        }
    }

    /// Whether the markup pass must look at a byte: `<`, `&`, and control characters other than tab, line feed and
    /// carriage return.
    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&")
            || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D)
            || byte == 0x7F
    }

    /// Copies a comment, CDATA section or processing instruction up to and including `terminator` (or to the end
    /// of a cut-off input), with forbidden control characters made spaces; returns the index after it.
    private static func copyVerbatim(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, until terminator: String, into output: inout [UInt8]
    ) -> Int {
        let end = FeedText.find(bytes, terminator, from: start + 2).map { $0 + terminator.utf8.count } ?? bytes.count
        for byte in bytes[start..<end] {
            output.append(byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D ? 0x20 : byte)
        }
        return end
    }

    /// The index after the `>` that ends a `<!…>` declaration starting before `start`, skipping quoted strings, an
    /// internal subset in `[…]` and the comments inside it.
    private static func declarationEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        var quote: UInt8 = 0
        var depth = 0
        while index < bytes.count {
            let byte = bytes[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if FeedText.starts(bytes, at: index, with: "<!--") {
                index = FeedText.find(bytes, "-->", from: index + 4).map { $0 + 2 } ?? bytes.count
            } else if byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "]") {
                depth = max(0, depth - 1)
            } else if byte == UInt8(ascii: ">"), depth == 0 {
                return index + 1
            }
            index += 1
        }
        return bytes.count
    }

    /// Whether the byte after `<` can start a tag: a name start character (ASCII letter, `_`, `:`, or any non-ASCII
    /// byte) or `/`.
    private static func canStartTag(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26 || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ":") || byte >= 0x80
    }

    private static let xmlEntityNames: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    /// Rewrites the `&` at `start` and what follows it (see step 4); returns the index after what was consumed.
    private static func rewriteReference(
        _ bytes: UnsafeBufferPointer<UInt8>, at start: Int, into output: inout [UInt8]
    ) -> Int {
        let nameStart = start + 1
        var nameEnd = nameStart
        while nameEnd < bytes.count, nameEnd - nameStart < 32, FeedText.isNameByte(bytes[nameEnd]) { nameEnd += 1 }
        if nameEnd > nameStart, nameEnd < bytes.count, bytes[nameEnd] == UInt8(ascii: ";") {
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd]), as: UTF8.self)
            if xmlEntityNames.contains(name) {
                output.append(contentsOf: bytes[start...nameEnd])
                return nameEnd + 1
            }
        }
        if let (codePoint, end) = FeedText.reference(in: bytes, at: nameStart) {
            if let codePoint { output.append(contentsOf: Array("&#\(codePoint);".utf8)) }
            return end
        }
        output.append(contentsOf: Array("&amp;".utf8))
        return start + 1
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
