/// One `<outline>`: a feed (with `xmlUrl`) or a folder of outlines, or both.
public struct OPMLOutline: Sendable, Equatable {
    /// `title`, or `text` when there is no title.
    public var title: String?
    /// `xmlUrl`: the feed's absolute `http`/`https` URL.
    public var feedURL: String?
    /// `htmlUrl`: the site's absolute URL.
    public var siteURL: String?
    /// `type` as written (`rss`, `atom`, `link`), lower-cased.
    public var type: String?
    /// The nested outlines, in document order.
    public var children: [OPMLOutline]

    public init(
        title: String? = nil, feedURL: String? = nil, siteURL: String? = nil, type: String? = nil,
        children: [OPMLOutline] = []
    ) {
        self.title = title
        self.feedURL = feedURL
        self.siteURL = siteURL
        self.type = type
        self.children = children
    }
}
