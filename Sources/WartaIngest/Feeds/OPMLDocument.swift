/// An OPML document: its title and its tree of outlines.
public struct OPMLDocument: Sendable, Equatable {
    /// `head/title`.
    public var title: String?
    /// The top-level outlines of `body`, each with its children.
    public var outlines: [OPMLOutline]
    /// What the parser repaired or cut.
    public var warnings: [FeedWarning]

    public init(title: String? = nil, outlines: [OPMLOutline] = [], warnings: [FeedWarning] = []) {
        self.title = title
        self.outlines = outlines
        self.warnings = warnings
    }

    /// Every outline with a feed URL, depth first in document order, with the titles of the folders above it.
    public var subscriptions: [FeedSubscription] {
        var result: [FeedSubscription] = []
        // An explicit stack (outline, folders above it), pushed in reverse so that pops come in document order.
        var stack: [(OPMLOutline, [String])] = outlines.reversed().map { ($0, []) }
        while let (outline, folders) = stack.popLast() {
            if let feedURL = outline.feedURL {
                result.append(
                    FeedSubscription(url: feedURL, siteURL: outline.siteURL, title: outline.title, folders: folders))
            }
            let path = outline.feedURL == nil ? folders + [outline.title].compactMap { $0 } : folders
            stack.append(contentsOf: outline.children.reversed().map { ($0, path) })
        }
        return result
    }
}
