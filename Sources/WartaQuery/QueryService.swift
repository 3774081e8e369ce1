import Foundation
import WartaCore
import WartaDates
import WartaEntities
import WartaPipeline
import WartaStore
import WartaText

/// Everything a store can be asked by the views, for the CLI and the HTTP server alike.
public typealias QueryableStore = ArticleStore & SearchIndex & StoryStore & ReadModelStore

/// The one query layer: read-model lookups, search and the article view, answering in the API's types.
///
/// Reads first bring the read model up to date (``refresh()``): a store changed by another process (an ingest beside a
/// running server) is rebuilt once, then read from its rows.
public actor QueryService {
    public let store: any QueryableStore
    public let analyzer: TextAnalyzer
    let lexicon: AliasLexicon
    private var checkedBasis: ReadModelBasis?
    private var lastCheck: ContinuousClock.Instant?
    /// How long a checked read model is trusted before the store is asked again whether it changed.
    public var recheckInterval: Duration = .milliseconds(500)

    public init(store: any QueryableStore, analyzer: TextAnalyzer, lexicon: AliasLexicon) {
        self.store = store
        self.analyzer = analyzer
        self.lexicon = lexicon
    }

    /// Opens the bundled language data for a store.
    /// - Throws: `WartaError` when the bundled language data cannot be read.
    public static func bundled(store: any QueryableStore) throws -> QueryService {
        do {
            return QueryService(store: store, analyzer: try TextAnalyzer.bundled(), lexicon: try AliasLexicon.bundled())
        } catch {
            throw WartaError(
                code: "W0105", message: "cannot read Warta's language data: \(error)",
                hint: "reinstall Warta; its resources are missing or damaged")
        }
    }

    // MARK: - Read model

    /// Rebuilds the read model when the store changed since it was built; returns whether it did.
    @discardableResult
    public func refresh(force: Bool = false) async throws -> Bool {
        let now = ContinuousClock.now
        if !force, let lastCheck, checkedBasis != nil, now - lastCheck < recheckInterval { return false }
        let current = try await store.currentBasis(version: ReadModelBuilder.version)
        lastCheck = now
        if !force, current == checkedBasis { return false }
        if !force, try await store.readModelBasis() == current {
            checkedBasis = current
            return false
        }
        let articles = try await store.allArticles()
        let links = try await store.links()
        let splits = try await store.entitySplits()
        let model = ReadModelBuilder.build(articles: articles, links: links, splits: splits, lexicon: lexicon)
        try await store.replaceReadModel(model, basis: current)
        checkedBasis = current
        return true
    }

    // MARK: - Storylines and events

    public func storylines(order: StorylineOrder = .newest, since: String? = nil, cursor: String? = nil, limit: Int)
        async throws -> Page<StorylineItem>
    {
        try await refresh()
        let after = try cursor.map(Cursor.decode)
        let rows = try await store.storylines(order: order, since: since, after: after, limit: limit + 1)
        let total = try await store.storylineCount(since: since)
        var items: [StorylineItem] = []
        for row in rows.prefix(limit) { items.append(try await item(row)) }
        let next =
            rows.count > limit
            ? rows.prefix(limit).last.map { row in
                Cursor.encode(
                    PageAfter(
                        key: order == .newest ? row.lastDay ?? "" : String(format: "%012d", row.articleCount),
                        id: row.id))
            } : nil
        return Page(items: items, total: total, nextCursor: next ?? nil)
    }

    func item(_ row: StorylineRecord) async throws -> StorylineItem {
        var top: [EntityRef] = []
        for share in row.topEntities {
            if let entity = try await store.entity(share.entity) {
                top.append(EntityRef(id: entity.id, name: entity.name, kind: entity.kind, articles: share.articles))
            }
        }
        return StorylineItem(
            id: row.id, title: row.title, firstDay: row.firstDay, lastDay: row.lastDay, articleCount: row.articleCount,
            eventCount: row.eventCount, outlets: row.outlets, articlesPerDay: row.perDay, topEntities: top)
    }

    /// One storyline with its events (articles by time and outlet, copies folded), quotes and timeline.
    public func storyline(_ id: Int64) async throws -> StorylineDetail {
        try await refresh()
        guard let row = try await store.storyline(id) else {
            throw QueryError.notFound("storyline", id, hint: "list them at /api/v1/storylines or with `warta stories`")
        }
        var events: [EventDetail] = []
        for event in try await store.events(storyline: id) { events.append(try await detail(event)) }
        let quotes = try await store.quotes(
            speakerEntity: nil, storyline: id, article: nil, since: nil, until: nil, after: nil, limit: 500)
        let dates = try await store.dates(storyline: id, entity: nil, article: nil, after: nil, limit: 1_000)
        return StorylineDetail(
            storyline: try await item(row), events: events, quotes: quotes.map(QuoteItem.init),
            timeline: dates.map(TimelineItem.init))
    }

    /// A storyline's events, oldest first, without their articles.
    public func events(ofStoryline id: Int64) async throws -> [EventRecord] {
        try await refresh()
        return try await store.events(storyline: id)
    }

    public func event(_ id: Int64) async throws -> EventDetail {
        try await refresh()
        guard let event = try await store.event(id) else {
            throw QueryError.notFound("event", id, hint: "events are listed in their storyline")
        }
        return try await detail(event)
    }

    func detail(_ event: EventRecord) async throws -> EventDetail {
        let members = try await store.articleSummaries(ArticleFilter(event: event.id), after: nil, limit: 10_000)
        var copies: [Int64: [ArticleSummary]] = [:]
        for member in members { if let origin = member.duplicateOf { copies[origin, default: []].append(member) } }
        let present = Set(members.map(\.id))
        // Oldest first, then by outlet: how the event was told.
        let origins = members.filter { $0.duplicateOf == nil || !present.contains($0.duplicateOf ?? -1) }
            .sorted { ($0.published ?? "~", $0.outlet ?? "", $0.id) < ($1.published ?? "~", $1.outlet ?? "", $1.id) }
        return EventDetail(
            id: event.id, storyline: event.storyline, title: event.title, firstDay: event.firstDay,
            lastDay: event.lastDay, articleCount: event.articleCount, outlets: event.outlets,
            articles: origins.map { EventArticle(article: $0, copies: (copies[$0.id] ?? []).sorted { $0.id < $1.id }) })
    }

    // MARK: - Articles

    public func articles(_ filter: ArticleFilter, cursor: String? = nil, limit: Int) async throws -> Page<
        ArticleSummary
    > {
        try await refresh()
        let after = try cursor.map(Cursor.decode)
        let rows = try await store.articleSummaries(filter, after: after, limit: limit + 1)
        let total = try await store.articleSummaryCount(filter)
        let next =
            rows.count > limit
            ? rows.prefix(limit).last.map { Cursor.encode(PageAfter(key: $0.sortKey, id: $0.id)) } : nil
        return Page(items: Array(rows.prefix(limit)), total: total, nextCursor: next ?? nil)
    }

    public func article(_ id: Int64) async throws -> ArticleDetail {
        try await refresh()
        guard let article = try await store.article(ArticleID(id)) else {
            throw QueryError.notFound("article", id, hint: "list them at /api/v1/articles or with `warta articles`")
        }
        let body = article.body
        func span(_ span: TextSpan) -> BodySpan {
            BodySpan(start: span.start, end: span.end, text: span.text(in: body))
        }
        let placement = try await store.placement(of: id)
        let named = try await store.entitiesOf(article: id).map {
            EntityRef(id: $0.id, name: $0.name, kind: $0.kind, articles: $0.articleCount)
        }
        return ArticleDetail(
            id: id,
            title: .init(value: article.title, source: article.titleDerived ? "first sentence" : "document"),
            url: article.url, canonicalUrl: article.canonicalURL,
            outlet: article.outlet.map { .init(value: $0.domain, source: $0.source.rawValue) },
            byline: article.byline,
            published: article.published.map {
                .init(value: $0.date.map(Self.iso) ?? $0.text, source: $0.source.rawValue)
            },
            modified: article.modified.map {
                .init(value: $0.date.map(Self.iso) ?? $0.text, source: $0.source.rawValue)
            },
            language: article.language.rawValue, section: article.section, tags: article.tags, body: body,
            offsets: "utf-8",
            entities: article.entities.map { .init(span: span($0.span), kind: $0.kind.rawValue) },
            quotes: article.quotes.map {
                .init(
                    span: span($0.span), kind: $0.kind.rawValue, speaker: $0.speaker.map { $0.text(in: body) },
                    relay: $0.relay)
            },
            dates: article.dates.map { .init(span: span($0.span), date: $0.iso, approximate: $0.reference != nil) },
            related: article.related.map { .init(title: $0.title, url: $0.url, kind: $0.kind.rawValue) },
            event: placement?.event, storyline: placement?.storyline, duplicateOf: placement?.duplicateOf,
            namedEntities: named)
    }

    static func iso(_ date: Date) -> String {
        ISO8601DateFormatter.string(from: date, timeZone: .gmt, formatOptions: [.withInternetDateTime])
    }

    // MARK: - Entities

    /// Entities by articles naming them; `name` keeps those with an alias starting with it (case and separators
    /// folded).
    public func entities(name: String? = nil, kind: String? = nil, cursor: String? = nil, limit: Int) async throws
        -> Page<EntityRef>
    {
        try await refresh()
        if let kind, EntityKind(rawValue: kind) == nil {
            throw QueryError.bad("kind", "kind is PERSON, ORGANISATION or PLACE, not \"\(kind)\"", hint: "kind=PERSON")
        }
        let after = try cursor.map(Cursor.decode)
        let key = name.map { AliasName($0).key }
        let rows = try await store.entities(kind: kind, key: key, after: after, limit: limit + 1)
        let next =
            rows.count > limit
            ? rows.prefix(limit).last.map {
                Cursor.encode(PageAfter(key: String(format: "%012d", $0.articleCount), id: $0.id))
            }
            : nil
        // The total is counted only up to a bound: a prefix can match most of the catalog.
        let total = try await store.entities(kind: kind, key: key, after: nil, limit: 10_000).count
        return Page(
            items: rows.prefix(limit).map {
                EntityRef(id: $0.id, name: $0.name, kind: $0.kind, articles: $0.articleCount)
            },
            total: total, nextCursor: next ?? nil)
    }

    /// Entity records (with aliases and merges) by articles naming them.
    public func entityRecords(kind: String? = nil, limit: Int) async throws -> [EntityRecord] {
        try await refresh()
        return try await store.entities(kind: kind, key: nil, after: nil, limit: limit)
    }

    /// The entity that goes by `name` (any alias, case and separators folded), the most mentioned when several do.
    public func entity(named name: String) async throws -> EntityRecord? {
        try await refresh()
        return try await store.entities(aliasKey: AliasName(name).key).first
    }

    public func entity(_ id: Int64) async throws -> EntityDetail {
        try await refresh()
        guard let entity = try await store.entity(id) else {
            throw QueryError.notFound("entity", id, hint: "list them at /api/v1/entities or with `warta entities`")
        }
        let quotes = try await store.quotes(
            speakerEntity: id, storyline: nil, article: nil, since: nil, until: nil, after: nil, limit: 200)
        let lines = try await store.storylines(naming: id, limit: 20)
        var co: [EntityRef] = []
        for share in try await store.coEntities(of: id, limit: 15) {
            if let other = try await store.entity(share.entity) {
                co.append(EntityRef(id: other.id, name: other.name, kind: other.kind, articles: share.articles))
            }
        }
        let articles = try await store.articleSummaries(ArticleFilter(entity: id), after: nil, limit: 50)
        return EntityDetail(
            id: entity.id, name: entity.name, kind: entity.kind, articleCount: entity.articleCount,
            mentionCount: entity.mentionCount, aliases: entity.aliases, merges: entity.merges,
            capitalOf: entity.capitalOf, mentionsPerDay: entity.perDay, quotes: quotes.map(QuoteItem.init),
            storylines: lines.map {
                StorylineShare(
                    id: $0.storyline.id, title: $0.storyline.title, lastDay: $0.storyline.lastDay, articles: $0.articles
                )
            }, coOccurring: co, articles: articles)
    }

    // MARK: - Quotes and timelines

    public func quotes(
        speaker: Int64? = nil, storyline: Int64? = nil, since: String? = nil, until: String? = nil,
        cursor: String? = nil, limit: Int
    ) async throws -> Page<QuoteItem> {
        try await refresh()
        let after = try cursor.map(Cursor.decode)
        let rows = try await store.quotes(
            speakerEntity: speaker, storyline: storyline, article: nil, since: since, until: until, after: after,
            limit: limit + 1)
        let next =
            rows.count > limit
            ? rows.prefix(limit).last.map {
                Cursor.encode(PageAfter(key: ($0.day ?? "") + "|" + String($0.position), id: $0.article))
            }
            : nil
        let all = try await store.quotes(
            speakerEntity: speaker, storyline: storyline, article: nil, since: since, until: until, after: nil,
            limit: 100_000)
        return Page(items: rows.prefix(limit).map(QuoteItem.init), total: all.count, nextCursor: next ?? nil)
    }

    /// Dated sentences of a storyline or of the articles naming an entity (all of them when neither), oldest first.
    public func timeline(storyline: Int64? = nil, entity: Int64? = nil, cursor: String? = nil, limit: Int) async throws
        -> Page<TimelineItem>
    {
        try await refresh()
        let after = try cursor.map(Cursor.decode)
        let rows = try await store.dates(
            storyline: storyline, entity: entity, article: nil, after: after, limit: limit + 1)
        // A page must not cut an article's dates on one day in two: continue after the last whole (day, article).
        var page = Array(rows.prefix(limit))
        var next: String?
        if rows.count > limit, let last = page.last {
            let cut = page.lastIndex { ($0.iso, $0.article) != (last.iso, last.article) }
            if let cut, rows[limit].iso == last.iso, rows[limit].article == last.article {
                page = Array(page[...cut])
            }
            if let tail = page.last { next = Cursor.encode(PageAfter(key: tail.iso, id: tail.article)) }
        }
        let total = try await store.dates(
            storyline: storyline, entity: entity, article: nil, after: nil, limit: 1_000_000
        )
        .count
        return Page(items: page.map(TimelineItem.init), total: total, nextCursor: next)
    }

    // MARK: - Search

    /// Ranked matches of `query` within `filter`, with facets over all matches and the total count.
    public func search(_ query: String, filter: ArticleFilter = ArticleFilter(), cursor: String? = nil, limit: Int)
        async throws -> SearchPage
    {
        try await refresh()
        let words = analyzer.queryWords(query)
        guard !words.isEmpty else {
            throw QueryError.bad("q", "the query \"\(query)\" has no words to search for", hint: "q=berunding")
        }
        let ranked = try await store.rankedMatches(SearchQuery(words: words, limit: Int.max))
        var scoped = filter
        scoped.ids = ranked.map(\.id)
        // Keep the rank order among the filtered matches.
        let allowed = Set(try await store.articleSummaries(scoped, after: nil, limit: Int.max).map(\.id))
        let hits = ranked.filter { allowed.contains($0.id) }
        let offset: Int
        if let cursor {
            let after = try Cursor.decode(cursor)
            guard after.key == "rank", after.id >= 0 else {
                throw QueryError.bad(
                    "cursor", "the cursor is not one this server gave", hint: "use next_cursor as given")
            }
            offset = Int(after.id)
        } else {
            offset = 0
        }
        let terms = Set(words.joined())
        var items: [SearchItem] = []
        for hit in hits.dropFirst(offset).prefix(limit) {
            guard let article = try await store.article(ArticleID(hit.id)) else { continue }
            let snippet = SearchService(index: store, analyzer: analyzer).snippet(for: article, terms: terms)
            let summary = try await store.articleSummaries(ArticleFilter(ids: [hit.id]), after: nil, limit: 1).first
            items.append(
                SearchItem(
                    article: summary
                        ?? ArticleSummary(
                            id: hit.id, title: article.title, outlet: article.outlet?.domain,
                            language: article.language.rawValue, published: nil, url: article.url, event: nil,
                            storyline: nil, duplicateOf: nil),
                    score: hit.score, snippet: snippet.text,
                    highlights: snippet.highlights.map {
                        BodySpan(start: $0.start, end: $0.end, text: $0.text(in: snippet.text))
                    }))
        }
        let next =
            offset + limit < hits.count ? Cursor.encode(PageAfter(key: "rank", id: Int64(offset + limit))) : nil
        var facetFilter = filter
        facetFilter.ids = hits.map(\.id)
        let facets = SearchPage.Facets(
            outlet: try await store.articleOutlets(facetFilter).map { FacetCount(value: $0.outlet, count: $0.count) },
            language: try await store.articleLanguages(facetFilter).map {
                FacetCount(value: $0.language, count: $0.count)
            },
            day: try await store.articleDays(facetFilter).map { FacetCount(value: $0.day, count: $0.count) })
        return SearchPage(query: query, items: items, total: hits.count, nextCursor: next, facets: facets)
    }

    /// The ids of every article matching `query`, the best first.
    public func matchingIDs(_ query: String) async throws -> [Int64] {
        let words = analyzer.queryWords(query)
        guard !words.isEmpty else {
            throw QueryError.bad("q", "the query \"\(query)\" has no words to search for", hint: "q=berunding")
        }
        return try await store.rankedMatches(SearchQuery(words: words, limit: Int.max)).map(\.id)
    }

    /// How many articles match `query` per day, week or month, beside all articles published then.
    public func countOverTime(_ query: String, filter: ArticleFilter = ArticleFilter(), bucket: Bucket) async throws
        -> CountOverTime
    {
        try await refresh()
        let words = analyzer.queryWords(query)
        guard !words.isEmpty else {
            throw QueryError.bad("q", "the query \"\(query)\" has no words to search for", hint: "q=berunding")
        }
        let ranked = try await store.rankedMatches(SearchQuery(words: words, limit: Int.max))
        var matching = filter
        matching.ids = ranked.map(\.id)
        var counts: [String: Int] = [:]
        for day in try await store.articleDays(matching) {
            counts[Self.bucket(day.day, bucket), default: 0] += day.count
        }
        var totals: [String: Int] = [:]
        for day in try await store.articleDays(filter) { totals[Self.bucket(day.day, bucket), default: 0] += day.count }
        let starts = Set(counts.keys).union(totals.keys).filter { counts[$0] != nil }.sorted()
        return CountOverTime(
            query: query, bucket: bucket.rawValue,
            buckets: starts.map { start in
                let count = counts[start] ?? 0
                let total = totals[start] ?? 0
                return CountBucket(
                    start: start, count: count, total: total, share: total > 0 ? Double(count) / Double(total) : 0)
            })
    }

    /// The first day of the bucket holding `day` (weeks start on Monday).
    static func bucket(_ day: String, _ bucket: Bucket) -> String {
        switch bucket {
        case .day: return day
        case .month: return String(day.prefix(7)) + "-01"
        case .week:
            guard let days = ISODay.days(day) else { return day }
            // 1970-01-01 was a Thursday: Monday-based weekday is (days + 3) mod 7.
            let weekday = ((Int(days) + 3) % 7 + 7) % 7
            let monday = Date(timeIntervalSince1970: (days - Double(weekday)) * 86_400)
            return ISO8601DateFormatter.string(from: monday, timeZone: .gmt, formatOptions: [.withFullDate])
        }
    }
}
