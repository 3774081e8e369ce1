import Foundation
import WartaCore

/// The stable JSON shape of an article, shared by the CLI and later the HTTP API.
public struct ArticleJSON: Codable, Equatable, Sendable {
    public var id: Int64?
    public var url: String?
    public var outlet: String?
    public var outletSource: String?
    public var title: String
    public var titleDerived: Bool
    public var byline: String?
    public var published: String?
    public var publishedSource: String?
    public var language: String
    public var languageConfidence: Double
    public var encoding: String
    public var body: String
    public var related: [RelatedJSON]
    public var sentences: [[Int]]
    public var tokens: Int
    public var origin: String
    public var entities: [EntityJSON]
    public var quotes: [Reports.QuoteView]
    public var dates: [DateJSON]

    /// An entity mention: its text, kind and UTF-8 span.
    public struct EntityJSON: Codable, Equatable, Sendable {
        public var text: String
        public var kind: String
        public var start: Int
        public var end: Int
    }

    /// A date mention: its text and the date it resolved to.
    public struct DateJSON: Codable, Equatable, Sendable {
        public var text: String
        public var date: String
        public var granularity: String
        public var resolution: String
        /// "story" when an undated article's date was resolved against its story's date; absent otherwise.
        public var reference: String?
    }

    public struct RelatedJSON: Codable, Equatable, Sendable {
        public var title: String
        public var url: String?
        public var kind: String

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(title, forKey: .title)
            try container.encode(url, forKey: .url)
            try container.encode(kind, forKey: .kind)
        }

        enum CodingKeys: String, CodingKey { case title, url, kind }
    }

    enum CodingKeys: String, CodingKey {
        case id, url, outlet, title, byline, published, language, encoding, body, related, sentences, tokens, origin
        case entities, quotes, dates
        case outletSource = "outlet_source"
        case titleDerived = "title_derived"
        case publishedSource = "published_source"
        case languageConfidence = "language_confidence"
    }

    /// Writes every field, `null` included, so that scripts see one stable shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(url, forKey: .url)
        try container.encode(outlet, forKey: .outlet)
        try container.encode(outletSource, forKey: .outletSource)
        try container.encode(title, forKey: .title)
        try container.encode(titleDerived, forKey: .titleDerived)
        try container.encode(byline, forKey: .byline)
        try container.encode(published, forKey: .published)
        try container.encode(publishedSource, forKey: .publishedSource)
        try container.encode(language, forKey: .language)
        try container.encode(languageConfidence, forKey: .languageConfidence)
        try container.encode(encoding, forKey: .encoding)
        try container.encode(body, forKey: .body)
        try container.encode(related, forKey: .related)
        try container.encode(sentences, forKey: .sentences)
        try container.encode(tokens, forKey: .tokens)
        try container.encode(origin, forKey: .origin)
        try container.encode(entities, forKey: .entities)
        try container.encode(quotes, forKey: .quotes)
        try container.encode(dates, forKey: .dates)
    }

    public init(_ article: Article) {
        id = article.id?.rawValue
        url = article.url
        outlet = article.outlet?.domain
        outletSource = article.outlet?.source.rawValue
        title = article.title
        titleDerived = article.titleDerived
        byline = article.byline
        published = article.published.map { published in
            published.date.map { ISO8601DateFormatter().string(from: $0) } ?? published.text
        }
        publishedSource = article.published?.source.rawValue
        language = article.language.rawValue
        languageConfidence = (article.languageConfidence * 1000).rounded() / 1000
        encoding = article.encoding
        body = article.body
        related = article.related.map { RelatedJSON(title: $0.title, url: $0.url, kind: $0.kind.rawValue) }
        sentences = article.sentences.map { [$0.span.start, $0.span.end] }
        tokens = article.tokenCount
        origin = article.origin
        entities = article.entities.map {
            EntityJSON(
                text: $0.span.text(in: article.body), kind: $0.kind.rawValue, start: $0.span.start, end: $0.span.end)
        }
        quotes = Reports.quotes([article])
        dates = article.dates.map {
            DateJSON(
                text: $0.span.text(in: article.body), date: $0.iso, granularity: $0.granularity.rawValue,
                resolution: $0.resolution.rawValue, reference: $0.reference?.rawValue)
        }
    }
}

/// One search hit as JSON.
public struct SearchHitJSON: Codable, Equatable, Sendable {
    public var id: Int64?
    public var score: Double
    public var title: String
    public var outlet: String?
    public var url: String?
    public var snippet: String

    public init(_ result: SearchService.Result) {
        self.init(
            id: result.article.id?.rawValue, score: result.score, title: result.article.title,
            outlet: result.article.outlet?.domain, url: result.article.url, snippet: result.snippet)
    }

    /// `snippet` with its matches marked `**…**`; the score rounded to three decimals.
    public init(
        id: Int64?, score: Double, title: String, outlet: String?, url: String?, snippet: SearchService.Snippet
    ) {
        self.id = id
        self.score = (score * 1000).rounded() / 1000
        self.title = title
        self.outlet = outlet
        self.url = url
        self.snippet = snippet.marked()
    }
}

public enum JSONOutput {
    /// Sorted keys, so output is stable and diffs read well; no escaped slashes.
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            return "{\"error\":\"cannot encode output\"}"
        }
    }
}

/// `warta ingest --json`: `{read, new, known, failed[{path, reason}], raw_only, stages}`.
public struct IngestSummaryJSON: Codable, Equatable, Sendable {
    public var read: Int
    public var new: Int
    public var known: Int
    public var failed: [IngestReport.Failure]
    public var rawOnly: Int
    public var stages: [StageStatistics]
    /// Present only when some articles wait for another process's linker.
    public var pendingLinks: Int?
    public var linkedBy: String?
    /// Present only when a reader passed records over on purpose (WARC request records, 404s, images).
    public var skipped: [String: Int]?

    enum CodingKeys: String, CodingKey {
        case read, new, known, failed, stages, skipped
        case rawOnly = "raw_only"
        case pendingLinks = "pending_links"
        case linkedBy = "linked_by"
    }

    public init(_ report: IngestReport) {
        read = report.read
        new = report.new
        known = report.known
        failed = report.failed
        rawOnly = report.rawOnly
        stages = report.stages
        pendingLinks = report.pendingLinks > 0 ? report.pendingLinks : nil
        linkedBy = report.pendingLinks > 0 ? report.linkedBy : nil
        skipped = report.skipped.isEmpty ? nil : report.skipped
    }
}

/// `warta search --json`.
public struct SearchResultsJSON: Codable, Equatable, Sendable {
    public init(query: String, hits: [SearchHitJSON], total: Int? = nil) {
        self.query = query
        self.hits = hits
        self.total = total
    }

    public var query: String
    public var hits: [SearchHitJSON]
    /// Every match, not only the hits shown (absent where only the hits were counted).
    public var total: Int?
}
