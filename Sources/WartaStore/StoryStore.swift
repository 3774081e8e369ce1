import WartaCore

/// One decision of the linker: an article's event, storyline and, for a copy, its origin.
public struct ArticleLink: Sendable, Equatable {
    public var article: ArticleID
    /// The order the linker decided in (its state is rebuilt by replaying links in this order).
    public var position: Int
    /// The event's number, from 0 in the order events were opened.
    public var event: Int
    public var storyline: Int
    public var duplicateOf: ArticleID?
    /// Events merged into `event` by this decision, in order (fragments that fit it once it grew); replayed with it.
    public var mergedEvents: [Int]

    public init(
        article: ArticleID, position: Int, event: Int, storyline: Int, duplicateOf: ArticleID?,
        mergedEvents: [Int] = []
    ) {
        self.article = article
        self.position = position
        self.event = event
        self.storyline = storyline
        self.duplicateOf = duplicateOf
        self.mergedEvents = mergedEvents
    }
}

/// Keeps the linker's decisions: duplicates, events and storylines.
public protocol StoryStore: Sendable {
    /// Every link, in decision order.
    func links() async throws -> [ArticleLink]

    /// Records one decision; an event or storyline seen for the first time is created with `title`.
    func saveLink(_ link: ArticleLink, title: String) async throws

    /// Replaces the date mentions of `article` (an undated article's dates, resolved again once its story is known).
    func replaceDates(_ dates: [DateMention], of article: ArticleID) async throws
}
