/// Parses OPML 1.0 and 2.0 subscription lists into an ``OPMLDocument``: the nested `<outline>` tree with each
/// outline's `xmlUrl`, `htmlUrl` and `title` (or `text`).
///
/// XML is parsed as safely as feeds are (see ``FeedParser``). Outline URLs that are not absolute `http`/`https`
/// resolve against the list's own URL when one is given, and are dropped otherwise (the outline stays, as a
/// folder). To read a file that may be OPML or a plain list of URLs, use ``FeedList/parse(bytes:url:)``.
public struct OPMLParser: Sendable {
    /// Limits on what one list may cost.
    public struct Configuration: Sendable {
        /// Input larger than this is refused. Default 10 MiB.
        public var maxBytes = 10 * 1024 * 1024
        /// Outlines past this many (counted over the whole tree, in document order) are dropped and counted.
        /// Default 10,000.
        public var maxOutlines = 10_000

        public init() {}
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Parses an OPML document.
    ///
    /// - Parameters:
    ///   - bytes: the document (plain or gzip).
    ///   - url: where it came from, to resolve relative URLs; `nil` for a local file.
    /// - Throws: ``FeedError`` when the input is too large, empty, not XML, or XML whose root is not `opml`.
    /// - Complexity: O(n) in the size of the input.
    public func parse(bytes: [UInt8], url: String? = nil) throws(FeedError) -> OPMLDocument {
        let input = try FeedInput.prepare(
            bytes, maxBytes: configuration.maxBytes, maxDecompressedBytes: configuration.maxBytes)
        let text = FeedInput.utf8FromUTF16(input) ?? input
        guard FeedInput.firstSignificantByte(text) == UInt8(ascii: "<") else {
            let found = FeedInput.looksBinary(text) ? "binary data" : "plain text"
            throw .unrecognisedFormat(found: found, expected: "OPML")
        }
        return try FeedXMLDocument.parse(input, url: url) { root, warnings throws(FeedError) in
            guard root.localName == "opml" else {
                let found = root.prefix.map { "\($0):\(root.localName)" } ?? root.localName
                throw .unexpectedRoot(found: found, expected: ["opml"])
            }
            var document = OPMLDocument(warnings: warnings)
            document.title = FeedText.nonEmpty(root.child("head")?.childText("title"))
            var budget = configuration.maxOutlines
            var dropped = 0
            if let body = root.child("body") {
                document.outlines = outlines(in: body, url: url, budget: &budget, dropped: &dropped)
            }
            if dropped > 0 {
                document.warnings.append(.truncated(kept: configuration.maxOutlines, dropped: dropped))
            }
            return document
        }
    }

    /// The `outline` children of `element`, each with its own children. libxml2 refuses trees deeper than 256
    /// levels, which bounds the recursion.
    private func outlines(in element: FeedXMLElement, url: String?, budget: inout Int, dropped: inout Int)
        -> [OPMLOutline]
    {
        var result: [OPMLOutline] = []
        for child in element.children where child.localName == "outline" {
            guard budget > 0 else {
                dropped += 1 + Self.descendantOutlines(child)
                continue
            }
            budget -= 1
            var outline = OPMLOutline()
            outline.title = FeedText.nonEmpty(
                (child.attribute("title") ?? child.attribute("text")).map(FeedText.decodingEntities))
            outline.feedURL = child.attribute("xmlUrl").flatMap { FeedURL.absolute($0, base: url) }
            outline.siteURL = child.attribute("htmlUrl").flatMap { FeedURL.absolute($0, base: url) }
            outline.type = FeedText.nonEmpty(child.attribute("type")?.lowercased())
            outline.children = outlines(in: child, url: url, budget: &budget, dropped: &dropped)
            result.append(outline)
        }
        return result
    }

    private static func descendantOutlines(_ element: FeedXMLElement) -> Int {
        element.children.filter { $0.localName == "outline" }.reduce(0) { $0 + 1 + descendantOutlines($1) }
    }
}
