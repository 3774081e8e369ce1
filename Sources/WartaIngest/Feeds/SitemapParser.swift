/// Parses the bytes of a sitemap — `<urlset>` (with Google News entries), `<sitemapindex>`, or plain text with one
/// URL a line — plain or gzip.
///
/// Gzip input (told by its magic number `1f 8b`, not by a `.gz` name) is decompressed in memory up to
/// ``Configuration/maxDecompressedBytes``; past it the parser stops with ``FeedError/decompressedTooLarge(limit:)``
/// rather than fill memory. XML is parsed as safely as feeds are (see ``FeedParser``). Image and video extensions
/// are ignored; an entry without a usable `loc` is skipped and counted.
///
/// ```swift
/// let sitemap = try SitemapParser().parse(bytes: bytes, url: "https://www.detik.com/sitemap_news.xml")
/// let fresh = sitemap.urls.filter { ($0.news?.publicationDate ?? .distantPast) > cutoff }
/// ```
public struct SitemapParser: Sendable {
    /// Limits on what one sitemap may cost.
    public struct Configuration: Sendable {
        /// Input (compressed, if gzip) larger than this is refused. Default 50 MiB.
        public var maxBytes = 50 * 1024 * 1024
        /// Gzip input may decompress to at most this. Default 50 MiB, the sitemap protocol's own limit.
        public var maxDecompressedBytes = 50 * 1024 * 1024
        /// Entries past this many are dropped and counted. Default 50,000, the sitemap protocol's own limit.
        public var maxEntries = 50_000

        public init() {}
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Parses a sitemap.
    ///
    /// - Parameters:
    ///   - bytes: the sitemap as fetched (plain or gzip).
    ///   - url: the URL it was fetched from; relative `loc`s (which the protocol forbids, but sites write) resolve
    ///     against it.
    /// - Returns: the sitemap, with warnings for anything repaired, skipped or cut.
    /// - Throws: ``FeedError`` when the input is too large, empty, corrupt gzip, binary, or XML whose root is not
    ///   `urlset` or `sitemapindex`.
    /// - Complexity: O(n) in the size of the (decompressed) input.
    public func parse(bytes: [UInt8], url: String? = nil) throws(FeedError) -> Sitemap {
        let input = try FeedInput.prepare(
            bytes, maxBytes: configuration.maxBytes, maxDecompressedBytes: configuration.maxDecompressedBytes)
        let text = FeedInput.utf8FromUTF16(input) ?? input
        guard FeedInput.firstSignificantByte(text) == UInt8(ascii: "<") else {
            guard !FeedInput.looksBinary(text) else {
                throw .unrecognisedFormat(found: "binary data", expected: "a sitemap")
            }
            return parseText(text, url: url)
        }
        return try FeedXMLDocument.parse(input, url: url) { root, warnings throws(FeedError) in
            try parseXML(root: root, warnings: warnings, url: url)
        }
    }

    private func parseXML(root: FeedXMLElement, warnings: [FeedWarning], url: String?) throws(FeedError) -> Sitemap {
        var warnings = warnings
        let isSitemapElement = { (element: FeedXMLElement) in
            element.vocabulary == .sitemap || element.isPlain
        }
        guard isSitemapElement(root), root.localName == "urlset" || root.localName == "sitemapindex" else {
            let found = root.prefix.map { "\($0):\(root.localName)" } ?? root.localName
            throw .unexpectedRoot(found: found, expected: ["urlset", "sitemapindex"])
        }
        let isIndex = root.localName == "sitemapindex"
        let entryName = isIndex ? "sitemap" : "url"
        let entries = root.children.filter { isSitemapElement($0) && $0.localName == entryName }
        var sitemap = Sitemap(kind: isIndex ? .index : .urlSet)
        var skipped = 0
        var firstSkippedLine: Int?
        for entry in limited(entries, warnings: &warnings) {
            var location: String?
            var lastModified: String?
            var news: SitemapNews?
            for child in entry.children {
                if isSitemapElement(child) {
                    switch child.localName {
                    case "loc": location = location ?? FeedParser.resolve(child.text, at: child, fallback: url)
                    case "lastmod": lastModified = lastModified ?? FeedText.trimmed(child.text)
                    default: break
                    }
                } else if child.vocabulary == .news, child.localName == "news", !isIndex {
                    news = news ?? Self.news(child)
                }
            }
            guard let location else {
                skipped += 1
                firstSkippedLine = firstSkippedLine ?? entry.line
                continue
            }
            let date = lastModified.flatMap { FeedDate($0)?.date }
            if isIndex {
                sitemap.sitemaps.append(
                    SitemapReference(location: location, lastModified: date, lastModifiedText: lastModified))
            } else {
                sitemap.urls.append(
                    SitemapURL(location: location, lastModified: date, lastModifiedText: lastModified, news: news))
            }
        }
        if skipped > 0 { warnings.append(.skippedEntries(count: skipped, firstLine: firstSkippedLine)) }
        sitemap.warnings = warnings
        return sitemap
    }

    /// A `<news:news>` entry.
    private static func news(_ element: FeedXMLElement) -> SitemapNews {
        var news = SitemapNews()
        for child in element.children where child.vocabulary == .news {
            switch child.localName {
            case "publication":
                news.publicationName = FeedText.nonEmpty(child.childText("name", in: .news))
                news.language = FeedText.nonEmpty(child.childText("language", in: .news))
            case "publication_date":
                news.publicationDateText = FeedText.trimmed(child.text)
                news.publicationDate = news.publicationDateText.flatMap { FeedDate($0)?.date }
            case "title":
                news.title = FeedText.nonEmpty(FeedText.decodingEntities(child.text))
            case "keywords":
                news.keywords = child.text.split(separator: ",").compactMap { FeedText.nonEmpty(String($0)) }
            default:
                break
            }
        }
        return news
    }

    /// A plain-text sitemap: one absolute URL a line; blank lines are ignored, other lines skipped and counted.
    private func parseText(_ bytes: [UInt8], url: String?) -> Sitemap {
        var sitemap = Sitemap(kind: .text)
        var warnings: [FeedWarning] = []
        var locations: [String] = []
        var skipped = 0
        var firstSkippedLine: Int?
        for line in FeedInput.lines(bytes) where !line.text.isEmpty {
            guard let location = FeedURL.absolute(line.text, base: url) else {
                skipped += 1
                firstSkippedLine = firstSkippedLine ?? line.number
                continue
            }
            locations.append(location)
        }
        sitemap.urls = limited(locations, warnings: &warnings).map { SitemapURL(location: $0) }
        if skipped > 0 { warnings.append(.skippedEntries(count: skipped, firstLine: firstSkippedLine)) }
        sitemap.warnings = warnings
        return sitemap
    }

    private func limited<Element>(_ elements: [Element], warnings: inout [FeedWarning]) -> ArraySlice<Element> {
        guard elements.count > configuration.maxEntries else { return elements[...] }
        let kept = max(0, configuration.maxEntries)
        warnings.append(.truncated(kept: kept, dropped: elements.count - kept))
        return elements.prefix(kept)
    }
}
