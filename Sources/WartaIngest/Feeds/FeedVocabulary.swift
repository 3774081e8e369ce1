/// A namespace a feed element can belong to, told by its URI or, when the URI is unknown or the prefix was never
/// declared (`<dc:creator>` without `xmlns:dc`), by its conventional prefix.
enum FeedVocabulary: Equatable {
    /// No namespace: RSS 2.0, OPML.
    case none
    case atom, rss1, rdf, dublinCore, content, sitemap, news, image, xhtml, feedburner, media
    /// A namespace Warta does not read.
    case other

    private static let byURI: [String: FeedVocabulary] = [
        "www.w3.org/2005/atom": .atom, "purl.org/atom/ns": .atom,
        "purl.org/rss/1.0": .rss1, "my.netscape.com/rdf/simple/0.9": .rss1,
        "channel.netscape.com/rdf/simple/0.9": .rss1,
        "www.w3.org/1999/02/22-rdf-syntax-ns": .rdf,
        "purl.org/dc/elements/1.1": .dublinCore, "purl.org/dc/terms": .dublinCore,
        "purl.org/rss/1.0/modules/content": .content,
        "www.sitemaps.org/schemas/sitemap/0.9": .sitemap, "www.google.com/schemas/sitemap/0.84": .sitemap,
        "www.google.com/schemas/sitemap/0.9": .sitemap,
        "www.google.com/schemas/sitemap-news/0.9": .news,
        "www.google.com/schemas/sitemap-image/1.1": .image,
        "www.w3.org/1999/xhtml": .xhtml,
        "rssnamespace.org/feedburner/ext/1.0": .feedburner,
        "search.yahoo.com/mrss": .media,
        // RSS 2.0 put in a namespace by mistake.
        "backend.userland.com/rss2": .none, "blogs.law.harvard.edu/tech/rss": .none,
    ]

    private static let byPrefix: [String: FeedVocabulary] = [
        "atom": .atom, "atom10": .atom, "rdf": .rdf, "dc": .dublinCore, "dcterms": .dublinCore,
        "content": .content, "news": .news, "image": .image, "xhtml": .xhtml, "feedburner": .feedburner,
        "media": .media,
    ]

    /// The vocabulary of a namespace URI, compared without scheme, case and trailing `/` or `#`.
    init?(uri: String) {
        var key = Substring(uri.lowercased())
        for scheme in ["https://", "http://"] where key.hasPrefix(scheme) { key = key.dropFirst(scheme.count) }
        while key.last == "/" || key.last == "#" { key = key.dropLast() }
        guard let known = Self.byURI[String(key)] else { return nil }
        self = known
    }

    init?(prefix: String) {
        guard let known = Self.byPrefix[prefix.lowercased()] else { return nil }
        self = known
    }
}
