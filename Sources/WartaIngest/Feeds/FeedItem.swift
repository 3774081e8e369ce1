import Foundation

/// One entry of a feed: an RSS `item`, an Atom `entry` or a JSON Feed item, in one shape.
///
/// Text fields are plain text with HTML entities decoded and white space collapsed; only ``contentHTML`` keeps
/// markup. Dates keep the text they were read from, so a date Warta could not read is still there to inspect.
public struct FeedItem: Sendable, Equatable {
    /// The article's absolute `http`/`https` URL, resolved against `xml:base` and the feed's URL; `nil` when the
    /// entry has none or only one that cannot be made absolute.
    ///
    /// Taken, first match wins, from: RSS `feedburner:origLink`, `link`, `atom:link`, a permalink `guid`, `rdf:about`;
    /// Atom `link rel="alternate"` (HTML first), any other link but `self`, `edit`, `enclosure` and `replies`, an
    /// `id` that is a URL; JSON Feed `url`, `external_url`.
    public var link: String?
    /// The entry's identifier: RSS `guid`, RSS 1.0 `rdf:about`, Atom `id`, JSON Feed `id`.
    public var id: String?
    /// The headline, as plain text (`Harga Emas & Perak Naik — Investor Waspada…` from
    /// `Harga Emas &amp; Perak Naik&nbsp;&mdash; Investor Waspada&hellip;`).
    public var title: String?
    /// When the entry was published: RSS `pubDate`, then `dc:date`; Atom `published`, then `updated`; JSON Feed
    /// `date_published`. `nil` when there is no date or its text is not one (``publishedText`` keeps it).
    public var published: Date?
    /// The publication date as the feed wrote it.
    public var publishedText: String?
    /// Whether ``published`` was read from text without a zone, as UTC.
    public var isPublishedZoneAssumed: Bool
    /// When the entry was last changed: Atom `updated`, `dc:modified`, JSON Feed `date_modified`.
    public var updated: Date?
    /// The update date as the feed wrote it.
    public var updatedText: String?
    /// The authors' names: RSS `author` (the name from `kontak@example.com (Nama)`), `dc:creator`, Atom
    /// `author/name` (inherited from the feed when the entry has none), JSON Feed `authors`.
    public var authors: [String]
    /// The summary as plain text: RSS `description`, Atom `summary`, JSON Feed `summary` (or `content_text`).
    public var summary: String?
    /// The full content as HTML, when the feed carries it: RSS `content:encoded`, Atom `content`, JSON Feed
    /// `content_html`.
    public var contentHTML: String?
    /// Categories and tags: RSS `category`, `dc:subject`, Atom `category` terms, JSON Feed `tags`.
    public var categories: [String]

    public init(
        link: String? = nil, id: String? = nil, title: String? = nil, published: Date? = nil,
        publishedText: String? = nil, isPublishedZoneAssumed: Bool = false, updated: Date? = nil,
        updatedText: String? = nil, authors: [String] = [], summary: String? = nil, contentHTML: String? = nil,
        categories: [String] = []
    ) {
        self.link = link
        self.id = id
        self.title = title
        self.published = published
        self.publishedText = publishedText
        self.isPublishedZoneAssumed = isPublishedZoneAssumed
        self.updated = updated
        self.updatedText = updatedText
        self.authors = authors
        self.summary = summary
        self.contentHTML = contentHTML
        self.categories = categories
    }
}

extension FeedItem {
    /// Sets ``published`` and ``publishedText`` from the first non-empty date text in `candidates`, kept as written
    /// but for surrounding white space.
    mutating func setPublished(fromFirstOf candidates: [String?]) {
        guard let text = candidates.lazy.compactMap({ FeedText.trimmed($0) }).first else { return }
        publishedText = text
        let parsed = FeedDate(text)
        published = parsed?.date
        isPublishedZoneAssumed = parsed?.isZoneAssumed ?? false
    }

    /// Sets ``updated`` and ``updatedText`` from the first non-empty date text in `candidates`.
    mutating func setUpdated(fromFirstOf candidates: [String?]) {
        guard let text = candidates.lazy.compactMap({ FeedText.trimmed($0) }).first else { return }
        updatedText = text
        updated = FeedDate(text)?.date
    }

    /// Adds a name to ``authors`` unless it is empty or already there.
    mutating func addAuthor(_ name: String?) {
        guard let name = FeedText.nonEmpty(name), !authors.contains(name) else { return }
        authors.append(name)
    }

    /// Adds a category unless it is empty or already there.
    mutating func addCategory(_ category: String?) {
        guard let category = FeedText.nonEmpty(category.map(FeedText.decodingEntities)),
            !categories.contains(category)
        else { return }
        categories.append(category)
    }
}
