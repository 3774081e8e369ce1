internal import CLibXML2
import WartaHTML

/// An XML feed, sitemap or OPML file parsed by libxml2, safely.
///
/// The bytes are first rewritten by ``FeedXMLSanitizer`` (no DTD survives, HTML entities become numeric
/// references), then parsed with `XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
/// XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES` — never `XML_PARSE_NOENT` (entity substitution), `XML_PARSE_DTDLOAD`
/// or `XML_PARSE_HUGE`: libxml2's own limits on depth (256) and text size stay in force. Errors reach no stream;
/// they are counted and the first one's line is kept.
enum FeedXMLDocument {
    /// Parses `bytes` and hands the root element to `body`; the tree is freed when `body` returns, so elements must
    /// not escape it.
    ///
    /// - Parameters:
    ///   - bytes: the document.
    ///   - url: the document's own URL, the base for relative links and `xml:base`.
    ///   - body: reads the tree; receives the root and the warnings so far (the sanitizer's and libxml2's).
    /// - Throws: ``FeedError/malformedXML(line:reason:)`` when libxml2 finds no root element, or what `body` throws.
    static func parse<Result>(
        _ bytes: [UInt8], url: String?,
        body: (FeedXMLElement, [FeedWarning]) throws(FeedError) -> Result
    ) throws(FeedError) -> Result {
        LibXML2.prepare()
        let sanitized = FeedXMLSanitizer.sanitize(bytes)
        guard !sanitized.bytes.isEmpty else { throw .empty }
        // libxml2 takes the length as an Int32; the parsers' own limits stay far below it.
        guard sanitized.bytes.count < Int(Int32.max) else {
            throw .tooLarge(bytes: sanitized.bytes.count, limit: Int(Int32.max) - 1)
        }
        guard let context = xmlNewParserCtxt() else {
            throw .malformedXML(line: nil, reason: "libxml2 could not start")
        }
        defer { xmlFreeParserCtxt(context) }
        var errors = ErrorLog()
        let options = Int32(
            XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
                | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue)
        let document: xmlDocPtr? = withUnsafeMutablePointer(to: &errors) { log in
            context.pointee._private = UnsafeMutableRawPointer(log)
            context.pointee.sax?.pointee.serror = { userData, error in
                guard let context = userData?.assumingMemoryBound(to: xmlParserCtxt.self),
                    let log = context.pointee._private?.assumingMemoryBound(to: ErrorLog.self), let error
                else { return }
                log.pointee.record(error.pointee)
            }
            defer {
                context.pointee._private = nil
                context.pointee.sax?.pointee.serror = nil
            }
            return sanitized.bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    xmlCtxtReadMemory(
                        context, chars.baseAddress, Int32(chars.count), url, sanitized.encoding, options)
                }
            }
        }
        guard let document else {
            throw .malformedXML(line: errors.firstLine, reason: errors.firstMessage ?? "no root element")
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else {
            throw .malformedXML(line: errors.firstLine, reason: errors.firstMessage ?? "no root element")
        }
        var warnings = sanitized.warnings
        if errors.count > 0 {
            warnings.append(.recoveredMarkup(errors: errors.count, firstLine: errors.firstLine ?? 0))
        }
        return try body(FeedXMLElement(root), warnings)
    }

    /// libxml2's errors during one parse: how many, and the first one's line and message.
    private struct ErrorLog {
        var count = 0
        var firstLine: Int?
        var firstMessage: String?

        mutating func record(_ error: xmlError) {
            guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            count += 1
            guard firstLine == nil else { return }
            firstLine = Int(error.line)
            if let message = error.message {
                // libxml2 messages end in a line break; keep them short, they name no input text beyond a tag.
                firstMessage = String(String(cString: message).prefix(200)).trimmingNewlines()
            }
        }
    }
}

extension String {
    fileprivate func trimmingNewlines() -> String {
        var text = Substring(self)
        while text.last == "\n" || text.last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
