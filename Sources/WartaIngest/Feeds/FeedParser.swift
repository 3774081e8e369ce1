/// Parses the bytes of a news feed — RSS 2.0, RSS 1.0 (RDF), Atom 1.0 or JSON Feed — into a ``Feed``.
///
/// The kind is told from the content, never from a file name or a `Content-Type`: JSON that starts with `{` is a
/// JSON Feed; XML is read by its root element (`rss`, `rdf:RDF`, `feed`). Gzip input is decompressed first.
///
/// Every byte is treated as hostile. XML goes through ``FeedXMLDocument`` (libxml2 without entity substitution,
/// DTD loading or network access; the DTD itself is removed before parsing), so entity bombs and external entities
/// come to nothing. Broken but usable feeds — an unescaped `&`, `&nbsp;` in RSS, a cut-off end, a charset that lies
/// — are read as far as they go, with ``FeedWarning``s saying what was repaired.
///
/// ```swift
/// let feed = try FeedParser().parse(bytes: bytes, url: "https://rss.detik.com/index.php/detikcom")
/// for item in feed.items {
///     print(item.link ?? "-", item.published ?? "-", item.title ?? "")
/// }
/// ```
///
/// Parsing is pure: no network, no clock, no state between calls.
public struct FeedParser: Sendable {
    /// Limits on what one feed may cost.
    public struct Configuration: Sendable {
        /// Input larger than this is refused, and gzip input may decompress to at most this. Default 10 MiB.
        public var maxBytes = 10 * 1024 * 1024
        /// Items past this many are dropped and counted in a ``FeedWarning/truncated(kept:dropped:)``.
        /// Default 10,000.
        public var maxItems = 10_000

        public init() {}
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Parses a feed.
    ///
    /// - Parameters:
    ///   - bytes: the feed as fetched (plain or gzip).
    ///   - url: the URL the feed was fetched from; relative links resolve against it (after any `xml:base`), then
    ///     against the feed's own site link.
    /// - Returns: the feed, with ``Feed/warnings`` for anything repaired, skipped or cut.
    /// - Throws: ``FeedError`` when the input is too large, empty, not a feed, or broken beyond recovery.
    /// - Complexity: O(n) in the size of the input.
    public func parse(bytes: [UInt8], url: String? = nil) throws(FeedError) -> Feed {
        let input = try FeedInput.prepare(
            bytes, maxBytes: configuration.maxBytes, maxDecompressedBytes: configuration.maxBytes)
        let text = FeedInput.utf8FromUTF16(input) ?? input
        switch FeedInput.firstSignificantByte(text) {
        case UInt8(ascii: "{"):
            return try parseJSONFeed(text, url: url)
        case UInt8(ascii: "<"):
            return try FeedXMLDocument.parse(input, url: url) { root, warnings throws(FeedError) in
                try parseXML(root: root, warnings: warnings, url: url)
            }
        default:
            let found = FeedInput.looksBinary(input) ? "binary data" : "plain text"
            throw .unrecognisedFormat(found: found, expected: "an RSS, Atom or JSON feed")
        }
    }

    private func parseXML(root: FeedXMLElement, warnings: [FeedWarning], url: String?) throws(FeedError) -> Feed {
        switch root.localName {
        case "rss":
            return parseRSS(root: root, kind: .rss2, warnings: warnings, url: url)
        case "RDF" where root.vocabulary == .rdf || root.prefix == nil:
            return parseRSS(root: root, kind: .rss1, warnings: warnings, url: url)
        case "feed":
            return parseAtom(root: root, warnings: warnings, url: url)
        default:
            let found = root.prefix.map { "\($0):\(root.localName)" } ?? root.localName
            throw .unexpectedRoot(found: found, expected: ["rss", "rdf:RDF", "feed"])
        }
    }

    /// The first `maxItems` of `elements`, and a warning when there were more.
    func limited<Element>(_ elements: [Element], warnings: inout [FeedWarning]) -> ArraySlice<Element> {
        guard elements.count > configuration.maxItems else { return elements[...] }
        let kept = max(0, configuration.maxItems)
        warnings.append(.truncated(kept: kept, dropped: elements.count - kept))
        return elements.prefix(kept)
    }

    /// A link made absolute against the base in force at `element` (its `xml:base` chain and the document URL),
    /// falling back to `fallback` (the feed URL or the site link).
    static func resolve(_ reference: String?, at element: FeedXMLElement, fallback: String?) -> String? {
        guard let reference else { return nil }
        let base = element.base.flatMap { FeedURL.absolute($0, base: fallback) } ?? fallback
        return FeedURL.absolute(reference, base: base)
    }

    /// The name in an RSS `author`: `redaksi@detik.com (Retno Ayuningrum)` → `Retno Ayuningrum`,
    /// `Retno Ayuningrum <redaksi@detik.com>` → `Retno Ayuningrum`; anything else as written.
    static func authorName(_ text: String) -> String? {
        guard let text = FeedText.nonEmpty(FeedText.decodingEntities(text)) else { return nil }
        if text.hasSuffix(")"), let open = text.firstIndex(of: "("), text[..<open].contains("@") {
            let name = text[text.index(after: open)..<text.index(before: text.endIndex)]
            if let name = FeedText.nonEmpty(String(name)) { return name }
        }
        if text.hasSuffix(">"), let open = text.lastIndex(of: "<"), text[open...].contains("@") {
            if let name = FeedText.nonEmpty(String(text[..<open])) { return name }
        }
        return text
    }
}
