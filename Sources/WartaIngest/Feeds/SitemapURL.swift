import Foundation

/// A page listed in a sitemap: `<url><loc>` with its `lastmod` and, in a news sitemap, its `<news:news>` entry.
public struct SitemapURL: Sendable, Equatable {
    /// The page's absolute `http`/`https` URL.
    public var location: String
    /// `lastmod`, read as a date; `nil` when absent or not a date (``lastModifiedText`` keeps it).
    public var lastModified: Date?
    /// `lastmod` as the sitemap wrote it.
    public var lastModifiedText: String?
    /// The Google News entry, for news sitemaps.
    public var news: SitemapNews?

    public init(location: String, lastModified: Date? = nil, lastModifiedText: String? = nil, news: SitemapNews? = nil)
    {
        self.location = location
        self.lastModified = lastModified
        self.lastModifiedText = lastModifiedText
        self.news = news
    }
}
