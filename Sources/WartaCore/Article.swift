import Foundation

/// One news article after extraction: a clean, fixed body and the metadata found for it.
///
/// After extraction the body never changes; annotators add spans (``Sentence``, tokens, later entities and
/// quotes) that point into it with UTF-8 offsets.
public struct Article: Sendable, Equatable, Codable {
    /// The store's id, `nil` until stored.
    public var id: ArticleID?
    /// Where the document came from (a path, `path:line` for JSON lines, or `-`).
    public var origin: String
    /// The article's URL, or a `file://` URL for a local file.
    public var url: String?
    /// The outlet's registrable domain, lower-case (`gemalantang.com`), with where it was found.
    public var outlet: Outlet?
    public var title: String
    /// `true` when the text had no title line and the title was derived from the lead.
    public var titleDerived: Bool
    public var byline: String?
    public var published: PublishedDate?
    public var language: LanguageCode
    /// How sure language identification was, from 0 to 1.
    public var languageConfidence: Double
    /// The clean body: NFC, paragraphs separated by one blank line (`"\n\n"`), no debris.
    public var body: String
    /// Links and headlines the site debris carried ("Baca Juga: …", "Artikel Terkait"), kept as data.
    public var related: [RelatedLink]
    /// Sentence spans into `body`.
    public var sentences: [Sentence]
    /// The number of word tokens in `body`.
    public var tokenCount: Int
    /// The charset the bytes were decoded from (`utf-8`, `utf-16le`, `windows-1252`, …).
    public var encoding: String
    /// SHA-256 of the raw bytes, hex: the identity used for idempotent ingest.
    public var contentHash: String
    /// SHA-256 of the normalised body, hex: the same text from another source is the same article.
    public var bodyHash: String
    /// The stages that produced this article, with their versions.
    public var producedBy: [StageName]
    /// The page's canonical URL when its markup names one (`<link rel=canonical>`, `og:url`).
    public var canonicalURL: String?
    /// When the article was last modified, if the page says.
    public var modified: PublishedDate?
    /// The section or rubric ("Internasional"), if the page says.
    public var section: String?
    /// Tags or keywords the page gives.
    public var tags: [String]
    /// Named-entity mentions in the body (spans), from the entity tagger.
    public var entities: [EntityMention] = []
    /// Quotes and reported speech in the body, from the quote annotator.
    public var quotes: [Quote] = []
    /// Date expressions in the body, resolved against the article's date.
    public var dates: [DateMention] = []

    public init(
        id: ArticleID? = nil,
        origin: String,
        url: String?,
        outlet: Outlet?,
        title: String,
        titleDerived: Bool,
        byline: String?,
        published: PublishedDate?,
        language: LanguageCode,
        languageConfidence: Double,
        body: String,
        related: [RelatedLink],
        sentences: [Sentence],
        tokenCount: Int,
        encoding: String,
        contentHash: String,
        bodyHash: String,
        producedBy: [StageName],
        canonicalURL: String? = nil,
        modified: PublishedDate? = nil,
        section: String? = nil,
        tags: [String] = [],
        entities: [EntityMention] = [],
        quotes: [Quote] = [],
        dates: [DateMention] = []
    ) {
        self.id = id
        self.origin = origin
        self.url = url
        self.outlet = outlet
        self.title = title
        self.titleDerived = titleDerived
        self.byline = byline
        self.published = published
        self.language = language
        self.languageConfidence = languageConfidence
        self.body = body
        self.related = related
        self.sentences = sentences
        self.tokenCount = tokenCount
        self.encoding = encoding
        self.contentHash = contentHash
        self.bodyHash = bodyHash
        self.producedBy = producedBy
        self.canonicalURL = canonicalURL
        self.modified = modified
        self.section = section
        self.tags = tags
        self.entities = entities
        self.quotes = quotes
        self.dates = dates
    }
}

/// A sentence of an article body, as a span.
public struct Sentence: Hashable, Sendable, Codable {
    public var span: TextSpan

    public init(span: TextSpan) {
        self.span = span
    }
}

/// An outlet (publisher), named by its registrable domain.
public struct Outlet: Hashable, Sendable, Codable {
    /// Where the outlet name was found.
    public enum Source: String, Sendable, Codable {
        /// The text's dateline ("GEMALANTANG.COM --").
        case dateline
        /// A closing credit line ("(Tribunnews.com, Andari Ulan Nugrahani)").
        case credit
        /// The document's URL host.
        case url
        /// A field of the input record (JSON lines `outlet`).
        case record
    }

    /// The lower-case domain, such as `tribunnews.com`.
    public var domain: String
    public var source: Source

    public init(domain: String, source: Source) {
        self.domain = domain
        self.source = source
    }
}

/// A publication date with where it came from.
public struct PublishedDate: Hashable, Sendable, Codable {
    /// Where a date was found, in Warta's order of trust.
    public enum Source: String, Sendable, Codable {
        case jsonLD = "json-ld"
        case meta
        case time
        case url
        case dateline
        /// A date written on the page near the headline or byline ("Published on Oct 21, 2025"), outside the markup
        /// made for machines.
        case page
        case feed
        /// A field of the input record (JSON lines `published`).
        case record
        /// A date the body states outside a dateline ("dikutip Reuters (11/07/2024)"): a guess, see its confidence.
        case text
    }

    /// The instant, when the text could be read as one.
    public var date: Date?
    /// The text as given.
    public var text: String
    public var source: Source

    public init(date: Date?, text: String, source: Source) {
        self.date = date
        self.text = text
        self.source = source
    }
}

/// A link or headline lifted out of an article's debris.
public struct RelatedLink: Hashable, Sendable, Codable {
    /// What kind of debris carried it.
    public enum Kind: String, Sendable, Codable {
        /// An inline "Baca Juga: …" / "Read more: …" line.
        case inline
        /// An item of a block such as "Artikel Terkait" or "Related".
        case block
    }

    public var title: String
    public var url: String?
    public var kind: Kind

    public init(title: String, url: String? = nil, kind: Kind) {
        self.title = title
        self.url = url
        self.kind = kind
    }
}
