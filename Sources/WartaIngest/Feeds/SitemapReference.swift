import Foundation

/// A child sitemap listed in a sitemap index: `<sitemap><loc>` with its `lastmod`.
public struct SitemapReference: Sendable, Equatable {
    /// The child sitemap's absolute `http`/`https` URL.
    public var location: String
    /// `lastmod`, read as a date; `nil` when absent or not a date.
    public var lastModified: Date?
    /// `lastmod` as the index wrote it.
    public var lastModifiedText: String?

    public init(location: String, lastModified: Date? = nil, lastModifiedText: String? = nil) {
        self.location = location
        self.lastModified = lastModified
        self.lastModifiedText = lastModifiedText
    }
}
