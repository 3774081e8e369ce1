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
    /// Loaded on first use: a read of the read model needs neither (loading the analyser's 31k root words costs
    /// about 0.2 s, a CLI call's whole budget).
    private let loadAnalyzer: @Sendable () throws -> TextAnalyzer
    private let loadLexicon: @Sendable () throws -> AliasLexicon
    private var analyzerCache: TextAnalyzer?
    private var lexiconCache: AliasLexicon?
    private var checkedBasis: ReadModelBasis? {
        didSet { if checkedBasis != oldValue { generation += 1 } }
    }
    private var lastCheck: ContinuousClock.Instant?
    /// How long a checked read model is trusted before the store is asked again whether it changed.
    public var recheckInterval: Duration = .milliseconds(500)

    public init(store: any QueryableStore, analyzer: TextAnalyzer, lexicon: AliasLexicon) {
        self.store = store
        self.loadAnalyzer = { analyzer }
        self.loadLexicon = { lexicon }
    }

    init(
        store: any QueryableStore, analyzer: @escaping @Sendable () throws -> TextAnalyzer,
        lexicon: @escaping @Sendable () throws -> AliasLexicon
    ) {
        self.store = store
        self.loadAnalyzer = analyzer
        self.loadLexicon = lexicon
    }

    /// The search analyser (the index's tokeniser and stemmers).
    /// - Throws: `WartaError` W0501 when the bundled language data cannot be read.
    public func analyzer() throws -> TextAnalyzer {
        if let analyzerCache { return analyzerCache }
        do {
            let loaded = try loadAnalyzer()
            analyzerCache = loaded
            return loaded
        } catch {
            throw Self.languageData(error)
        }
    }

    func lexicon() throws -> AliasLexicon {
        if let lexiconCache { return lexiconCache }
        do {
            let loaded = try loadLexicon()
            lexiconCache = loaded
            return loaded
        } catch {
            throw Self.languageData(error)
        }
    }

    static func languageData(_ error: any Error) -> WartaError {
        WartaError(
            code: "W0501", message: "cannot read Warta's language data: \(error)",
            hint: "reinstall Warta; its resources are missing or damaged")
    }

    /// A query service with Warta's bundled language data, loaded when first needed.
    public static func bundled(store: any QueryableStore) -> QueryService {
        QueryService(store: store, analyzer: { try TextAnalyzer.bundled() }, lexicon: { try AliasLexicon.bundled() })
    }

    // MARK: - Read model

    /// Whether reads may go on with the previous read model while a rebuild runs in the background (the server:
    /// an ingest beside it must not stall every request). Off for the CLI: one call, one answer, up to date.
    public var allowsStaleReads = false

    public func allowStaleReads(_ allowed: Bool) {
        allowsStaleReads = allowed
    }

    /// Moves each time the read model this service reads changes: responses computed at an older generation are stale.
    public private(set) var generation = 0

    /// The current ``generation``, after checking (at most every ``recheckInterval``) whether the store changed.
    public func currentGeneration() async throws -> Int {
        try await refresh()
        return generation
    }

    /// The rebuild running now, and the basis it builds.
    private var building: (basis: ReadModelBasis, task: Task<Void, any Error>)?

    /// Brings the read model up to date when the store changed since it was built; returns whether it rebuilt.
    ///
    /// With ``allowsStaleReads`` and a previous model, a read starts the rebuild in the background and goes on with
    /// the previous model; `wait` (an ingest's own refresh) always waits for the model of the store as it is now.
    @discardableResult
    public func refresh(force: Bool = false, wait: Bool = false) async throws -> Bool {
        let now = ContinuousClock.now
        if !force, !wait, let lastCheck, checkedBasis != nil, now - lastCheck < recheckInterval { return false }
        let current = try await store.currentBasis(version: ReadModelBuilder.version)
        lastCheck = now
        if !force, current == checkedBasis { return false }
        let stored = try await store.readModelBasis()
        if !force, stored == current {
            checkedBasis = current
            return false
        }
        if allowsStaleReads, !wait, !force, stored != nil {
            if building == nil { startBuilding(current) }
            return false
        }
        if let building {
            _ = try? await building.task.value
            if !force, building.basis == current {
                checkedBasis = current
                return true
            }
        }
        startBuilding(current)
        try await building?.task.value
        checkedBasis = current
        return true
    }

    /// Rebuilds off the actor, so that reads of the previous model go on meanwhile.
    private func startBuilding(_ basis: ReadModelBasis) {
        let store = self.store
        let lexicon: AliasLexicon
        do {
            lexicon = try self.lexicon()
        } catch {
            let failed = Task<Void, any Error> { throw error }
            building = (basis, failed)
            Task {
                _ = try? await failed.value; self.finished(failed)
            }
            return
        }
        let task = Task<Void, any Error>.detached(priority: .utility) {
            let articles = try await store.allArticles()
            let links = try await store.links()
            let splits = try await store.entitySplits()
            let model = ReadModelBuilder.build(articles: articles, links: links, splits: splits, lexicon: lexicon)
            try await store.replaceReadModel(model, basis: basis)
        }
        building = (basis, task)
        Task {
            _ = try? await task.value
            self.finished(task)
        }
    }

    private func finished(_ task: Task<Void, any Error>) {
        if building?.task == task { building = nil }
    }

    // MARK: - Storylines and events

    public func storylines(order: StorylineOrder = .newest, since: String? = nil, cursor: String? = nil, limit: Int)
        async throws -> Page<StorylineItem>
    {
        try await refresh()
        let after = try cursor.map(Cursor.decode)
        let rows = try await store.storylines(order: order, since: since, after: after, limit: limit + 1)
        let total = try await store.storylineCount(since: since)
        let page = Array(rows.prefix(limit))
        let names = try await store.entityNames(page.flatMap { $0.topEntities.map(\.entity) })
        let items = page.map { item($0, names: names) }
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
        item(row, names: try await store.entityNames(row.topEntities.map(\.entity)))
    }

    func item(_ row: StorylineRecord, names: [Int64: (name: String, kind: String)]) -> StorylineItem {
        let top = row.topEntities.compactMap { share in
            names[share.entity].map {
                EntityRef(id: share.entity, name: $0.name, kind: $0.kind, articles: share.articles)
            }
        }
        return StorylineItem(
            id: row.id, title: row.title, firstDay: row.firstDay, lastDay: row.lastDay, articleCount: row.articleCount,
            eventCount: row.eventCount, outlets: row.outlets, articlesPerDay: row.perDay, topEntities: top)
    }

    /// One storyline with its events (articles by time and outlet, copies folded), quotes and timeline: the first
    /// `articlesPerEvent` articles of each event (oldest first; `articles?event=` lists them all), the newest
    /// `quotes` quotes and the first `datedSentences` dated sentences (`quotes?storyline=`, `timeline?storyline=`).
    ///
    /// A storyline of more than `eventLimit` events shows its `eventLimit` largest, in time order
    /// (`storyline.event_count` says how many there are).
    public func storyline(
        _ id: Int64, eventLimit: Int = 60, articlesPerEvent: Int = 30, quotes quoteLimit: Int = 100,
        datedSentences: Int = 200
    ) async throws -> StorylineDetail {
        try await refresh()
        guard let row = try await store.storyline(id) else {
            throw QueryError.notFound("storyline", id, hint: "list them at /api/v1/storylines or with `warta stories`")
        }
        var events: [EventDetail] = []
        var shown = try await store.events(storyline: id)
        if shown.count > eventLimit {
            let largest = Set(
                shown.sorted { ($0.articleCount, $1.id) > ($1.articleCount, $0.id) }.prefix(eventLimit).map(\.id))
            shown = shown.filter { largest.contains($0.id) }
        }
        for event in shown {
            events.append(try await detail(event, limit: articlesPerEvent))
        }
        let quotes = try await store.quotes(
            speakerEntity: nil, storyline: id, article: nil, since: nil, until: nil, after: nil, limit: quoteLimit)
        let dates = try await store.dates(storyline: id, entity: nil, article: nil, after: nil, limit: datedSentences)
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

    /// An event with its first `limit` articles, oldest first (copies folded under their original count too).
    func detail(_ event: EventRecord, limit: Int = 10_000) async throws -> EventDetail {
        let members = try await store.eventArticles(event.id, limit: limit)
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
        let shares = try await store.coEntities(of: id, limit: 15)
        let names = try await store.entityNames(shares.map(\.entity))
        let co = shares.compactMap { share in
            names[share.entity].map {
                EntityRef(id: share.entity, name: $0.name, kind: $0.kind, articles: share.articles)
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
        let total = try await store.quoteCount(speakerEntity: speaker, storyline: storyline, since: since, until: until)
        return Page(items: rows.prefix(limit).map(QuoteItem.init), total: total, nextCursor: next ?? nil)
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
        let total = try await store.dateCount(storyline: storyline, entity: entity)
        return Page(items: page.map(TimelineItem.init), total: total, nextCursor: next)
    }

    // MARK: - Search

    /// Parses `query` in the search language (``SearchSyntax``) and narrows `filter` by its `outlet:` and `lang:`.
    func parsed(_ query: String, filter: ArticleFilter) throws -> (SearchSyntax.Parsed, ArticleFilter) {
        let parsed = try SearchSyntax(analyzer: try analyzer()).parse(query)
        var narrowed = filter
        if let outlet = parsed.outlet { narrowed.outlet = outlet }
        if let language = parsed.language { narrowed.language = language }
        return (parsed, narrowed)
    }

    /// The ids of every article matching `query` within `filter`, the best first (ties by id).
    public func matchingIDs(_ query: String, filter: ArticleFilter = ArticleFilter()) async throws -> [Int64] {
        try await refresh()
        let (parsed, narrowed) = try parsed(query, filter: filter)
        return try await ranked(parsed, within: narrowed).map(\.id)
    }

    /// Every match of a parsed query within `filter`, the best first (ties by id), with its score.
    func ranked(_ parsed: SearchSyntax.Parsed, within filter: ArticleFilter) async throws
        -> [(id: Int64, score: Double)]
    {
        let ranked = try await store.rankedMatches(SearchQuery(parsed.expression, limit: Int.max))
        guard filter != ArticleFilter() else { return ranked }
        var scoped = filter
        scoped.ids = ranked.map(\.id)
        let allowed = Set(try await store.articleSummaries(scoped, after: nil, limit: Int.max).map(\.id))
        return ranked.filter { allowed.contains($0.id) }
    }

    /// Ranked matches of `query` within `filter`, with facets over all matches and the total count; `offset` skips
    /// that many (the CLI's paging; the API pages with `cursor`).
    public func search(
        _ query: String, filter: ArticleFilter = ArticleFilter(), cursor: String? = nil, offset: Int = 0, limit: Int
    ) async throws -> SearchPage {
        try await refresh()
        let (parsed, narrowed) = try parsed(query, filter: filter)
        let ranked = try await ranked(parsed, within: narrowed)
        let score = Dictionary(ranked.map { ($0.id, $0.score) }) { a, _ in a }
        let hits = ranked.map(\.id)
        var start = max(0, offset)
        if let cursor {
            let after = try Cursor.decode(cursor)
            guard after.key == "rank", after.id >= 0 else {
                throw QueryError.bad(
                    "cursor", "the cursor is not one this server gave", hint: "use next_cursor as given")
            }
            start = Int(after.id)
        }
        let page = Array(hits.dropFirst(start).prefix(limit))
        let summaries = Dictionary(
            try await store.articleSummaries(ArticleFilter(ids: page), after: nil, limit: page.count).map {
                ($0.id, $0)
            }
        ) { a, _ in a }
        let snippets = SearchService(index: store, analyzer: try analyzer())
        let sources = try await store.snippetSources(page)
        var items: [SearchItem] = []
        for id in page {
            guard let source = sources[id], let summary = summaries[id] else { continue }
            let snippet = snippets.snippet(
                body: source.body, language: source.language, sentences: source.sentences,
                terms: parsed.highlightTerms, prefixes: parsed.highlightPrefixes)
            items.append(
                SearchItem(
                    article: summary, score: score[id] ?? 0, snippet: snippet.text,
                    highlights: snippet.highlights.map {
                        BodySpan(start: $0.start, end: $0.end, text: $0.text(in: snippet.text))
                    }))
        }
        let next = start + limit < hits.count ? Cursor.encode(PageAfter(key: "rank", id: Int64(start + limit))) : nil
        let counted = try await store.facets(hits)
        let facets = SearchPage.Facets(
            outlet: counted.outlet.map { FacetCount(value: $0.value, count: $0.count) },
            language: counted.language.map { FacetCount(value: $0.value, count: $0.count) },
            day: counted.day.map { FacetCount(value: $0.value, count: $0.count) })
        return SearchPage(query: query, items: items, total: hits.count, nextCursor: next, facets: facets)
    }

    /// How many articles match `query` per day, week or month, beside all articles published then.
    public func countOverTime(_ query: String, filter: ArticleFilter = ArticleFilter(), bucket: Bucket) async throws
        -> CountOverTime
    {
        let (_, narrowed) = try parsed(query, filter: filter)
        var matching = narrowed
        matching.ids = try await matchingIDs(query, filter: filter)
        var counts: [String: Int] = [:]
        for day in try await store.articleDays(matching) {
            counts[Self.bucket(day.day, bucket), default: 0] += day.count
        }
        var totals: [String: Int] = [:]
        for day in try await store.articleDays(narrowed) {
            totals[Self.bucket(day.day, bucket), default: 0] += day.count
        }
        return CountOverTime(
            query: query, bucket: bucket.rawValue,
            buckets: counts.keys.sorted().map { start in
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
            return ISODay.string(days: Int(days) - weekday)
        }
    }
}
