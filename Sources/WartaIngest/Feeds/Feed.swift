/// A parsed news feed: what kind it was, its channel-level fields, its items, and what the parser repaired.
public struct Feed: Sendable, Equatable {
    /// The format a feed was written in, told from its content.
    public enum Kind: String, Sendable, Equatable, Codable {
        /// RSS 2.0, and the RSS 0.91–0.94 it grew from: `<rss>`.
        case rss2
        /// RSS 1.0 (and 0.90), RDF-based: `<rdf:RDF>` with `item` elements beside `channel`.
        case rss1
        /// Atom 1.0 (and the older 0.3): `<feed>`.
        case atom
        /// JSON Feed 1.0 or 1.1.
        case jsonFeed
    }

    /// The format the feed was written in.
    public var kind: Kind
    /// The channel's or feed's title, as plain text.
    public var title: String?
    /// The site the feed belongs to (RSS channel `link`, Atom `link rel="alternate"`, JSON Feed `home_page_url`),
    /// absolute.
    public var link: String?
    /// The channel's description or subtitle, as plain text.
    public var description: String?
    /// The feed's language as declared (`id`, `id-ID`, `en-us`), or `nil`.
    public var language: String?
    /// The items in document order, at most ``FeedParser/Configuration/maxItems`` of them.
    public var items: [FeedItem]
    /// What the parser repaired, skipped or cut; empty for a clean feed.
    public var warnings: [FeedWarning]

    public init(
        kind: Kind, title: String? = nil, link: String? = nil, description: String? = nil, language: String? = nil,
        items: [FeedItem] = [], warnings: [FeedWarning] = []
    ) {
        self.kind = kind
        self.title = title
        self.link = link
        self.description = description
        self.language = language
        self.items = items
        self.warnings = warnings
    }
}
