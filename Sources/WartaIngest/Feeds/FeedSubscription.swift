/// One feed to follow: its URL, and what the list said about it.
public struct FeedSubscription: Sendable, Equatable, Hashable {
    /// The feed's absolute `http`/`https` URL (OPML `xmlUrl`).
    public var url: String
    /// The site's URL (OPML `htmlUrl`), if given.
    public var siteURL: String?
    /// The title the list gave the feed.
    public var title: String?
    /// The titles of the OPML folders the feed sits in, outermost first; empty for a plain list.
    public var folders: [String]

    public init(url: String, siteURL: String? = nil, title: String? = nil, folders: [String] = []) {
        self.url = url
        self.siteURL = siteURL
        self.title = title
        self.folders = folders
    }
}
