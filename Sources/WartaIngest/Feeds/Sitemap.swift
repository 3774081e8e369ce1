/// A parsed sitemap: either pages (`<urlset>`, or a plain-text list of URLs) or other sitemaps (`<sitemapindex>`).
public struct Sitemap: Sendable, Equatable {
    /// The format a sitemap was written in, told from its content.
    public enum Kind: String, Sendable, Equatable, Codable {
        /// `<urlset>`: pages, possibly with Google News entries.
        case urlSet
        /// `<sitemapindex>`: child sitemaps to fetch in turn.
        case index
        /// Plain text, one URL a line.
        case text
    }

    /// The format the sitemap was written in.
    public var kind: Kind
    /// The pages of a ``Kind/urlSet`` or ``Kind/text`` sitemap, in document order.
    public var urls: [SitemapURL]
    /// The child sitemaps of a ``Kind/index``, in document order.
    public var sitemaps: [SitemapReference]
    /// What the parser repaired, skipped or cut; empty for a clean sitemap.
    public var warnings: [FeedWarning]

    public init(
        kind: Kind, urls: [SitemapURL] = [], sitemaps: [SitemapReference] = [], warnings: [FeedWarning] = []
    ) {
        self.kind = kind
        self.urls = urls
        self.sitemaps = sitemaps
        self.warnings = warnings
    }
}
