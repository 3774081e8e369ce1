import WartaCore

/// What the views read: storylines, events, entities, quotes and dates as rows, derived from the stored articles and
/// the linker's decisions (``ArticleLink``) and kept beside them, so that a view reads a few rows instead of rebuilding
/// everything from the whole store.
///
/// A read model is always rebuildable: ``ReadModelBasis`` says which articles and links it was built from, and a store
/// whose basis differs from its current one is rebuilt before it is read.
public struct ReadModel: Sendable, Equatable {
    public var storylines: [StorylineRecord]
    public var events: [EventRecord]
    /// Every linked article's place: its (merge-resolved) event and storyline, and its origin for a copy.
    public var placements: [ArticlePlacement]
    public var entities: [EntityRecord]
    public var entityArticles: [EntityArticleRecord]
    public var quotes: [QuoteRecord]
    public var dates: [DateRecord]
    /// Per entity: the entities named with it most often and the storylines naming it most, counted at build time
    /// (a join over every article of "Indonesia" per page view cost seconds).
    public var neighbours: [EntityNeighbours] = []

    public init(
        storylines: [StorylineRecord] = [], events: [EventRecord] = [], placements: [ArticlePlacement] = [],
        entities: [EntityRecord] = [], entityArticles: [EntityArticleRecord] = [], quotes: [QuoteRecord] = [],
        dates: [DateRecord] = []
    ) {
        self.storylines = storylines
        self.events = events
        self.placements = placements
        self.entities = entities
        self.entityArticles = entityArticles
        self.quotes = quotes
        self.dates = dates
    }
}

/// What a read model was built from; equal bases mean an up-to-date model.
public struct ReadModelBasis: Sendable, Equatable, Codable {
    /// The version of the builder: a new version rebuilds every store's model.
    public var version: Int
    /// The store's change counter: every article, link, date re-resolution and entity split moves it.
    public var changes: Int64

    public init(version: Int, changes: Int64) {
        self.version = version
        self.changes = changes
    }
}

/// Articles on one day.
public struct DayCount: Sendable, Equatable, Codable {
    /// YYYY-MM-DD (UTC).
    public var day: String
    public var count: Int

    public init(day: String, count: Int) {
        self.day = day
        self.count = count
    }
}

public struct StorylineRecord: Sendable, Equatable, Codable {
    public var id: Int64
    public var title: String
    public var firstDay: String?
    public var lastDay: String?
    public var articleCount: Int
    public var eventCount: Int
    public var outlets: [String]
    public var perDay: [DayCount]
    /// The storyline's most named entities (ids of ``EntityRecord``) with the number of its articles naming each.
    public var topEntities: [EntityShare]

    public init(
        id: Int64, title: String, firstDay: String?, lastDay: String?, articleCount: Int, eventCount: Int,
        outlets: [String], perDay: [DayCount], topEntities: [EntityShare]
    ) {
        self.id = id
        self.title = title
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.articleCount = articleCount
        self.eventCount = eventCount
        self.outlets = outlets
        self.perDay = perDay
        self.topEntities = topEntities
    }
}

/// An entity and how many articles of a set name it.
public struct EntityShare: Sendable, Equatable, Codable {
    public var entity: Int64
    public var articles: Int

    public init(entity: Int64, articles: Int) {
        self.entity = entity
        self.articles = articles
    }
}

public struct EventRecord: Sendable, Equatable, Codable {
    public var id: Int64
    public var storyline: Int64
    public var title: String
    public var firstDay: String?
    public var lastDay: String?
    public var articleCount: Int
    public var outlets: [String]

    public init(
        id: Int64, storyline: Int64, title: String, firstDay: String?, lastDay: String?, articleCount: Int,
        outlets: [String]
    ) {
        self.id = id
        self.storyline = storyline
        self.title = title
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.articleCount = articleCount
        self.outlets = outlets
    }
}

public struct ArticlePlacement: Sendable, Equatable, Codable {
    public var article: Int64
    public var event: Int64
    public var storyline: Int64
    public var duplicateOf: Int64?

    public init(article: Int64, event: Int64, storyline: Int64, duplicateOf: Int64?) {
        self.article = article
        self.event = event
        self.storyline = storyline
        self.duplicateOf = duplicateOf
    }
}

/// An entity of the catalog: every spelling merged, with the rule and evidence of each merge.
public struct EntityRecord: Sendable, Equatable, Codable {
    public struct Alias: Sendable, Equatable, Codable {
        public var name: String
        /// The name with case and separators folded: what lookups by name compare.
        public var key: String
        public var mentions: Int

        public init(name: String, key: String, mentions: Int) {
            self.name = name
            self.key = key
            self.mentions = mentions
        }
    }

    public struct Merge: Sendable, Equatable, Codable {
        public var alias: String
        public var target: String
        public var rule: String
        public var evidence: [String]

        public init(alias: String, target: String, rule: String, evidence: [String]) {
            self.alias = alias
            self.target = target
            self.rule = rule
            self.evidence = evidence
        }
    }

    /// Stable while the entity keeps its kind and canonical name (a hash of both).
    public var id: Int64
    public var name: String
    /// `name` folded as alias keys are.
    public var nameKey: String
    public var kind: String
    public var articleCount: Int
    public var mentionCount: Int
    public var aliases: [Alias]
    public var merges: [Merge]
    public var capitalOf: String?
    public var perDay: [DayCount]

    public init(
        id: Int64, name: String, nameKey: String, kind: String, articleCount: Int, mentionCount: Int,
        aliases: [Alias], merges: [Merge], capitalOf: String?, perDay: [DayCount]
    ) {
        self.id = id
        self.name = name
        self.nameKey = nameKey
        self.kind = kind
        self.articleCount = articleCount
        self.mentionCount = mentionCount
        self.aliases = aliases
        self.merges = merges
        self.capitalOf = capitalOf
        self.perDay = perDay
    }
}

public struct EntityNeighbours: Sendable, Equatable, Codable {
    public var entity: Int64
    /// Entities named in the most articles that also name `entity`, with that count.
    public var coOccurring: [EntityShare]
    /// Storylines with the most articles naming `entity` (``EntityShare/entity`` holds the storyline's id).
    public var storylines: [EntityShare]

    public init(entity: Int64, coOccurring: [EntityShare], storylines: [EntityShare]) {
        self.entity = entity
        self.coOccurring = coOccurring
        self.storylines = storylines
    }
}

public struct EntityArticleRecord: Sendable, Equatable, Codable {
    public var entity: Int64
    public var article: Int64
    public var mentions: Int

    public init(entity: Int64, article: Int64, mentions: Int) {
        self.entity = entity
        self.article = article
        self.mentions = mentions
    }
}

public struct QuoteRecord: Sendable, Equatable, Codable {
    public var article: Int64
    /// The quote's place among its article's quotes.
    public var position: Int
    public var kind: String
    public var text: String
    public var speaker: String?
    public var speakerEntity: Int64?
    public var role: String?
    public var cue: String?
    /// Relaying outlets, nearest first, before the publishing outlet.
    public var relay: [String]
    public var outlet: String?
    public var day: String?
    public var storyline: Int64?
    public var start: Int
    public var end: Int

    public init(
        article: Int64, position: Int, kind: String, text: String, speaker: String?, speakerEntity: Int64?,
        role: String?, cue: String?, relay: [String], outlet: String?, day: String?, storyline: Int64?, start: Int,
        end: Int
    ) {
        self.article = article
        self.position = position
        self.kind = kind
        self.text = text
        self.speaker = speaker
        self.speakerEntity = speakerEntity
        self.role = role
        self.cue = cue
        self.relay = relay
        self.outlet = outlet
        self.day = day
        self.storyline = storyline
        self.start = start
        self.end = end
    }
}

public struct DateRecord: Sendable, Equatable, Codable {
    public var article: Int64
    public var position: Int
    /// The date the expression means (YYYY, YYYY-MM or YYYY-MM-DD).
    public var iso: String
    public var granularity: String
    /// "story" for a date resolved against the story's date (the article states none): approximate.
    public var reference: String?
    public var expression: String
    public var sentence: String
    public var entities: [String]
    public var storyline: Int64?
    public var start: Int
    public var end: Int

    public init(
        article: Int64, position: Int, iso: String, granularity: String, reference: String?, expression: String,
        sentence: String, entities: [String], storyline: Int64?, start: Int, end: Int
    ) {
        self.article = article
        self.position = position
        self.iso = iso
        self.granularity = granularity
        self.reference = reference
        self.expression = expression
        self.sentence = sentence
        self.entities = entities
        self.storyline = storyline
        self.start = start
        self.end = end
    }
}

/// One line of an article list: enough to show and link it, without its body.
public struct ArticleSummary: Sendable, Equatable, Codable {
    public var id: Int64
    public var title: String
    public var outlet: String?
    public var language: String
    /// ISO 8601 (UTC), when known.
    public var published: String?
    public var url: String?
    public var event: Int64?
    public var storyline: Int64?
    public var duplicateOf: Int64?
    /// What the list is ordered by, as the store compares it (for the next page's ``PageAfter``); not shown.
    public var sortKey: String = ""

    enum CodingKeys: String, CodingKey {
        case id, title, outlet, language, published, url, event, storyline, duplicateOf
    }

    public init(
        id: Int64, title: String, outlet: String?, language: String, published: String?, url: String?, event: Int64?,
        storyline: Int64?, duplicateOf: Int64?, sortKey: String = ""
    ) {
        self.sortKey = sortKey
        self.id = id
        self.title = title
        self.outlet = outlet
        self.language = language
        self.published = published
        self.url = url
        self.event = event
        self.storyline = storyline
        self.duplicateOf = duplicateOf
    }
}

extension ArticleSummary {
    /// A stored publication time, "2019-09-10 16:04:00.000" (UTC: GRDB's form, which the PostgreSQL store writes too,
    /// so both stores page alike), as ISO 8601 "2019-09-10T16:04:00Z", without a date formatter.
    public static func isoTimestamp(_ stored: String) -> String {
        guard stored.utf8.count >= 19 else { return stored }
        var text = String(stored.prefix(19))
        if let space = text.firstIndex(of: " ") { text.replaceSubrange(space...space, with: "T") }
        return text + "Z"
    }
}

/// Which articles a list shows. Every field narrows; `nil` does not.
public struct ArticleFilter: Sendable, Equatable {
    public var outlet: String?
    public var language: String?
    /// Days, inclusive, YYYY-MM-DD.
    public var since: String?
    public var until: String?
    public var entity: Int64?
    public var storyline: Int64?
    public var event: Int64?
    /// Only these ids (a search's hits), when given.
    public var ids: [Int64]?

    public init(
        outlet: String? = nil, language: String? = nil, since: String? = nil, until: String? = nil,
        entity: Int64? = nil, storyline: Int64? = nil, event: Int64? = nil, ids: [Int64]? = nil
    ) {
        self.outlet = outlet
        self.language = language
        self.since = since
        self.until = until
        self.entity = entity
        self.storyline = storyline
        self.event = event
        self.ids = ids
    }
}

/// A place in a list ordered by (key descending, id descending): the next page starts after it.
public struct PageAfter: Sendable, Equatable, Codable {
    /// The sort key of the last row shown (a day, a count as a zero-padded string, or "" for none).
    public var key: String
    public var id: Int64

    public init(key: String, id: Int64) {
        self.key = key
        self.id = id
    }
}

public enum StorylineOrder: String, Sendable, CaseIterable {
    /// The most recently active first.
    case newest
    /// The most articles first.
    case largest
}

/// Reads and replaces the read model of a store.
public protocol ReadModelStore: Sendable {
    /// What the current read model was built from, or `nil` before the first build.
    func readModelBasis() async throws -> ReadModelBasis?
    /// What a read model built now would be built from.
    func currentBasis(version: Int) async throws -> ReadModelBasis
    /// The entity splits users asked for, in order: (entity name, alias).
    func entitySplits() async throws -> [(entity: String, alias: String)]
    /// Remembers that `alias` must stay apart from the entity named `entity` (`warta entity split`).
    func saveEntitySplit(entity: String, alias: String) async throws
    /// Replaces the whole read model in one transaction.
    func replaceReadModel(_ model: ReadModel, basis: ReadModelBasis) async throws

    func storylines(order: StorylineOrder, since: String?, after: PageAfter?, limit: Int) async throws
        -> [StorylineRecord]
    func storyline(_ id: Int64) async throws -> StorylineRecord?
    func storylineCount(since: String?) async throws -> Int
    func events(storyline: Int64) async throws -> [EventRecord]
    func event(_ id: Int64) async throws -> EventRecord?
    /// Articles newest first (published, then id), `limit` at most after `after`.
    func articleSummaries(_ filter: ArticleFilter, after: PageAfter?, limit: Int) async throws -> [ArticleSummary]
    func articleSummaryCount(_ filter: ArticleFilter) async throws -> Int
    /// Articles per day for a filter.
    func articleDays(_ filter: ArticleFilter) async throws -> [DayCount]
    /// An event's first `limit` articles, oldest first.
    func eventArticles(_ event: Int64, limit: Int) async throws -> [ArticleSummary]
    /// Counts by outlet, language and day of the articles `ids`, the largest first (days in order), in one pass.
    func facets(_ ids: [Int64]) async throws -> (
        outlet: [(value: String, count: Int)], language: [(value: String, count: Int)],
        day: [(value: String, count: Int)]
    )
    /// What a search snippet needs of articles: body, language and sentences.
    func snippetSources(_ ids: [Int64]) async throws -> [Int64: (
        body: String, language: LanguageCode, sentences: [Sentence]
    )]
    func placement(of article: Int64) async throws -> ArticlePlacement?

    /// Entities by the number of articles naming them; `key` (a folded name) keeps those with an alias starting so.
    func entities(kind: String?, key: String?, after: PageAfter?, limit: Int) async throws -> [EntityRecord]
    func entity(_ id: Int64) async throws -> EntityRecord?
    /// The names and kinds of entities, by id (ids no entity has are left out).
    func entityNames(_ ids: [Int64]) async throws -> [Int64: (name: String, kind: String)]
    /// The entities with an alias whose folded key is `key`, the most named first.
    func entities(aliasKey key: String) async throws -> [EntityRecord]
    func entitiesOf(article: Int64) async throws -> [EntityRecord]
    /// The entities named most often with `entity` and the storylines naming it most (``EntityNeighbours``).
    func neighbours(of entity: Int64) async throws -> EntityNeighbours?
    /// The storylines with these ids (ids no storyline has are left out), in no order.
    func storylines(ids: [Int64]) async throws -> [StorylineRecord]

    func quotes(
        speakerEntity: Int64?, storyline: Int64?, article: Int64?, since: String?, until: String?, after: PageAfter?,
        limit: Int
    ) async throws -> [QuoteRecord]
    /// How many quotes ``quotes(speakerEntity:storyline:article:since:until:after:limit:)`` would list in all.
    func quoteCount(speakerEntity: Int64?, storyline: Int64?, since: String?, until: String?) async throws -> Int
    /// How many dated sentences ``dates(storyline:entity:article:after:limit:)`` would list in all.
    func dateCount(storyline: Int64?, entity: Int64?) async throws -> Int
    /// Dated sentences, oldest first (by the date meant), of a storyline, an entity's articles, or an article.
    func dates(storyline: Int64?, entity: Int64?, article: Int64?, after: PageAfter?, limit: Int) async throws
        -> [DateRecord]
}

extension ReadModelStore {
    /// Entities named in the most articles that also name `entity`.
    public func coEntities(of entity: Int64, limit: Int) async throws -> [EntityShare] {
        Array((try await neighbours(of: entity)?.coOccurring ?? []).prefix(limit))
    }

    /// Storylines whose articles name `entity`, by how many do.
    public func storylines(naming entity: Int64, limit: Int) async throws
        -> [(storyline: StorylineRecord, articles: Int)]
    {
        let shares = Array((try await neighbours(of: entity)?.storylines ?? []).prefix(limit))
        guard !shares.isEmpty else { return [] }
        let records = Dictionary(try await storylines(ids: shares.map(\.entity)).map { ($0.id, $0) }) { a, _ in a }
        return shares.compactMap { share in records[share.entity].map { (storyline: $0, articles: share.articles) } }
    }
}

/// Counts of outlets, languages and days over a set of articles, as a search's facets show them: the 50 largest
/// outlets and languages (ties by name), every day in order.
public struct FacetTally: Sendable {
    private var outlets: [String: Int] = [:]
    private var languages: [String: Int] = [:]
    private var days: [String: Int] = [:]

    public init() {}

    public mutating func add(outlet: String?, language: String?, day: String?) {
        if let outlet { outlets[outlet, default: 0] += 1 }
        if let language { languages[language, default: 0] += 1 }
        if let day { days[day, default: 0] += 1 }
    }

    public var facets:
        (
            outlet: [(value: String, count: Int)], language: [(value: String, count: Int)],
            day: [(value: String, count: Int)]
        )
    {
        func largest(_ counts: [String: Int]) -> [(value: String, count: Int)] {
            counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(50).map {
                (value: $0.key, count: $0.value)
            }
        }
        return (
            largest(outlets), largest(languages),
            days.sorted { $0.key < $1.key }.map { (value: $0.key, count: $0.value) }
        )
    }
}

extension Sentence {
    /// Sentences as stores keep them: a JSON list of [start, end] UTF-8 offsets (malformed entries skipped).
    public static func stored(_ spans: [[Int]]) -> [Sentence] {
        spans.compactMap { $0.count == 2 ? Sentence(span: TextSpan(start: $0[0], end: $0[1])) : nil }
    }
}
