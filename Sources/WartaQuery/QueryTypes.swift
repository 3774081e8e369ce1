import Foundation
import WartaCore
import WartaStore

/// A query the caller got wrong (a bad parameter, an unknown id), told apart from a store failure.
public struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A parameter with a bad value: HTTP 400.
        case badParameter(String)
        /// No such storyline, event, article or entity: HTTP 404.
        case notFound
    }

    public var kind: Kind
    public var code: String
    public var message: String
    public var hint: String

    public init(_ kind: Kind, code: String, message: String, hint: String) {
        self.kind = kind
        self.code = code
        self.message = message
        self.hint = hint
    }

    static func bad(_ parameter: String, _ message: String, hint: String) -> QueryError {
        QueryError(.badParameter(parameter), code: "W0901", message: message, hint: hint)
    }

    static func notFound(_ what: String, _ id: Int64, hint: String) -> QueryError {
        QueryError(.notFound, code: "W0902", message: "no \(what) with id \(id)", hint: hint)
    }

    public var description: String { "\(code): \(message) (\(hint))" }
}

/// One page of a list in a stable order; `nextCursor` continues it, `total` counts the whole list.
public struct Page<Item: Encodable & Sendable>: Encodable, Sendable {
    public var items: [Item]
    public var total: Int
    public var nextCursor: String?

    public init(items: [Item], total: Int, nextCursor: String?) {
        self.items = items
        self.total = total
        self.nextCursor = nextCursor
    }
}

/// Opaque page cursors: base64url of the last row's sort key and id.
public enum Cursor {
    public static func encode(_ after: PageAfter) -> String {
        let text = after.key + "\u{1F}" + String(after.id)
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// - Throws: ``QueryError`` (bad `cursor`) for anything this did not encode.
    public static func decode(_ cursor: String) throws(QueryError) -> PageAfter {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard cursor.utf8.count <= 512, let data = Data(base64Encoded: base64),
            let text = String(data: data, encoding: .utf8)
        else {
            throw QueryError.bad("cursor", "the cursor is not one this server gave", hint: "use next_cursor as given")
        }
        let parts = text.split(separator: "\u{1F}", omittingEmptySubsequences: false)
        guard parts.count == 2, let id = Int64(parts[1]) else {
            throw QueryError.bad("cursor", "the cursor is not one this server gave", hint: "use next_cursor as given")
        }
        return PageAfter(key: String(parts[0]), id: id)
    }
}

/// An entity as lists name it.
public struct EntityRef: Encodable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var kind: String
    /// Articles of the list's set (a storyline, the store) naming it.
    public var articles: Int
}

/// A storyline as lists show it: its record with top entities named.
public struct StorylineItem: Encodable, Sendable {
    public var id: Int64
    public var title: String
    public var firstDay: String?
    public var lastDay: String?
    public var articleCount: Int
    public var eventCount: Int
    public var outlets: [String]
    public var articlesPerDay: [DayCount]
    public var topEntities: [EntityRef]
}

/// An article in an event: an origin with its copies folded under it.
public struct EventArticle: Encodable, Sendable {
    public var article: ArticleSummary
    public var copies: [ArticleSummary]
}

public struct EventDetail: Encodable, Sendable {
    public var id: Int64
    public var storyline: Int64
    public var title: String
    public var firstDay: String?
    public var lastDay: String?
    public var articleCount: Int
    public var outlets: [String]
    public var articles: [EventArticle]
}

/// A quote with its chain: speaker → relaying outlets → publishing outlet.
public struct QuoteItem: Encodable, Sendable {
    public var article: Int64
    public var position: Int
    public var kind: String
    public var text: String
    public var speaker: String?
    public var speakerEntity: Int64?
    public var role: String?
    public var cue: String?
    public var relay: [String]
    public var outlet: String?
    public var day: String?
    public var storyline: Int64?
    /// "Bagheri Kani → Reuters → gemalantang.com".
    public var chain: [String]

    init(_ record: QuoteRecord) {
        article = record.article
        position = record.position
        kind = record.kind
        text = record.text
        speaker = record.speaker
        speakerEntity = record.speakerEntity
        role = record.role
        cue = record.cue
        relay = record.relay
        outlet = record.outlet
        day = record.day
        storyline = record.storyline
        chain = Self.chain(speaker: record.speaker, relay: record.relay, outlet: record.outlet)
    }

    /// Speaker, relaying outlets, publishing outlet: the outlet once, whether or not the relay already ends with it.
    public static func chain(speaker: String?, relay: [String], outlet: String?) -> [String] {
        var chain = [speaker ?? "?"] + relay
        if let outlet, relay.last?.lowercased() != outlet.lowercased() { chain.append(outlet) }
        return chain
    }
}

/// A dated sentence of a timeline.
public struct TimelineItem: Encodable, Sendable {
    public var date: String
    public var granularity: String
    /// `true` for a date resolved against the story's date because the article states none (shown with ≈).
    public var approximate: Bool
    public var article: Int64
    public var expression: String
    public var sentence: String
    public var entities: [String]
    public var storyline: Int64?

    init(_ record: DateRecord) {
        date = record.iso
        granularity = record.granularity
        approximate = record.reference != nil
        article = record.article
        expression = record.expression
        sentence = record.sentence
        entities = record.entities
        storyline = record.storyline
    }
}

public struct StorylineDetail: Encodable, Sendable {
    public var storyline: StorylineItem
    public var events: [EventDetail]
    public var quotes: [QuoteItem]
    public var timeline: [TimelineItem]
}

public struct EntityDetail: Encodable, Sendable {
    public var id: Int64
    public var name: String
    public var kind: String
    public var articleCount: Int
    public var mentionCount: Int
    public var aliases: [EntityRecord.Alias]
    /// Why each alias joined: the rule and its evidence.
    public var merges: [EntityRecord.Merge]
    public var capitalOf: String?
    public var mentionsPerDay: [DayCount]
    public var quotes: [QuoteItem]
    public var storylines: [StorylineShare]
    public var coOccurring: [EntityRef]
    public var articles: [ArticleSummary]
}

public struct StorylineShare: Encodable, Sendable {
    public var id: Int64
    public var title: String
    public var lastDay: String?
    /// Articles of the storyline naming the entity.
    public var articles: Int
}

/// A span of an article's body, as UTF-8 byte offsets.
public struct BodySpan: Encodable, Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var text: String
}

public struct ArticleDetail: Encodable, Sendable {
    public struct EntitySpan: Encodable, Sendable {
        public var span: BodySpan
        public var kind: String
    }

    public struct QuoteSpan: Encodable, Sendable {
        public var span: BodySpan
        public var kind: String
        public var speaker: String?
        public var relay: [String]
    }

    public struct DateSpan: Encodable, Sendable {
        public var span: BodySpan
        public var date: String
        public var approximate: Bool
    }

    /// A metadata field and where it came from (a JSON-LD block, a meta tag, the dateline, the record, …).
    public struct Field: Encodable, Sendable {
        public var value: String
        public var source: String
    }

    public struct Link: Encodable, Sendable {
        public var title: String
        public var url: String?
        public var kind: String
    }

    public var id: Int64
    public var title: Field
    public var url: String?
    public var canonicalUrl: String?
    public var outlet: Field?
    public var byline: String?
    public var published: Field?
    public var modified: Field?
    public var language: String
    public var section: String?
    public var tags: [String]
    public var body: String
    /// Offsets of `body` spans below count UTF-8 bytes.
    public var offsets: String
    public var entities: [EntitySpan]
    public var quotes: [QuoteSpan]
    public var dates: [DateSpan]
    public var related: [Link]
    public var event: Int64?
    public var storyline: Int64?
    public var duplicateOf: Int64?
    public var namedEntities: [EntityRef]
}

public struct SearchItem: Encodable, Sendable {
    public var article: ArticleSummary
    public var score: Double
    /// The best sentence, with the matched words' spans (UTF-8 offsets into `snippet`).
    public var snippet: String
    public var highlights: [BodySpan]
}

public struct FacetCount: Encodable, Sendable, Equatable {
    public var value: String
    public var count: Int
}

public struct SearchPage: Encodable, Sendable {
    public var query: String
    public var items: [SearchItem]
    public var total: Int
    public var nextCursor: String?
    public var facets: Facets

    public struct Facets: Encodable, Sendable {
        public var outlet: [FacetCount]
        public var language: [FacetCount]
        public var day: [FacetCount]
    }
}

public enum Bucket: String, Sendable, CaseIterable {
    case day, week, month
}

public struct CountBucket: Encodable, Sendable, Equatable {
    /// The bucket's first day (YYYY-MM-DD).
    public var start: String
    public var count: Int
    /// Articles of any kind published in the bucket.
    public var total: Int
    /// `count / total`.
    public var share: Double
}

public struct CountOverTime: Encodable, Sendable {
    public var query: String
    public var bucket: String
    public var buckets: [CountBucket]
}
