import Foundation
import PostgresNIO
import WartaCore
import WartaDates
import WartaStore

/// The read model on PostgreSQL: the same rows as the SQLite store's (`rm_*`), replaced in one transaction, and read
/// with the same orders and page keys, so a view or an API page answers alike in both stores.
extension PostgresStore: ReadModelStore {
    /// The key of the advisory lock a rebuild holds while it replaces the rows: two processes rebuilding at once
    /// replace them one after the other, not into each other's half-written rows.
    static let readModelLockKey: Int64 = 0x5761_7274_6101

    public func readModelBasis() async throws -> ReadModelBasis? {
        guard let text = try await rows("SELECT basis FROM rm_basis WHERE id = 1").first?.decode(String.self) else {
            return nil
        }
        return try? Self.decode(text) as ReadModelBasis
    }

    public func currentBasis(version: Int) async throws -> ReadModelBasis {
        let changes = try await rows("SELECT COALESCE(sum(counter), 0)::bigint FROM store_change").first?
            .decode(Int64.self)
        return ReadModelBasis(version: version, changes: changes ?? 0)
    }

    public func replaceReadModel(_ model: ReadModel, basis: ReadModelBasis) async throws {
        // Rows as JSON objects keyed by column, inserted a few thousand at a time with `json_populate_recordset`:
        // one round trip per chunk instead of one per row.
        var tables: [(table: String, rows: [JSONRow])] = []
        tables.append(
            (
                "rm_storyline",
                try model.storylines.map { line in
                    JSONRow([
                        "id": .int(line.id), "title": .text(line.title), "first_day": .text(line.firstDay),
                        "last_day": .text(line.lastDay), "article_count": .int(Int64(line.articleCount)),
                        "event_count": .int(Int64(line.eventCount)), "outlets": .text(try Self.json(line.outlets)),
                        "per_day": .text(try Self.json(line.perDay)),
                        "top_entities": .text(try Self.json(line.topEntities)),
                    ])
                }
            ))
        tables.append(
            (
                "rm_event",
                try model.events.map { event in
                    JSONRow([
                        "id": .int(event.id), "storyline_id": .int(event.storyline), "title": .text(event.title),
                        "first_day": .text(event.firstDay), "last_day": .text(event.lastDay),
                        "article_count": .int(Int64(event.articleCount)),
                        "outlets": .text(try Self.json(event.outlets)),
                    ])
                }
            ))
        // The last row of a key wins, as SQLite's INSERT OR REPLACE.
        let placements = Dictionary(model.placements.map { ($0.article, $0) }) { _, last in last }
        tables.append(
            (
                "rm_placement",
                placements.values.map { place in
                    JSONRow([
                        "article_id": .int(place.article), "event_id": .int(place.event),
                        "storyline_id": .int(place.storyline), "duplicate_of": .int(place.duplicateOf),
                    ])
                }
            ))
        var entityRows: [JSONRow] = []
        var keyRows: [JSONRow] = []
        for entity in model.entities {
            entityRows.append(
                JSONRow([
                    "id": .int(entity.id), "name": .text(entity.name), "name_key": .text(entity.nameKey),
                    "kind": .text(entity.kind), "article_count": .int(Int64(entity.articleCount)),
                    "mention_count": .int(Int64(entity.mentionCount)), "aliases": .text(try Self.json(entity.aliases)),
                    "merges": .text(try Self.json(entity.merges)), "capital_of": .text(entity.capitalOf),
                    "per_day": .text(try Self.json(entity.perDay)),
                ]))
            // Every alias finds the entity, and so does its canonical name (which may be no alias as written).
            for key in Set(entity.aliases.map(\.key) + [entity.nameKey]).sorted() {
                keyRows.append(JSONRow(["key": .text(key), "entity_id": .int(entity.id)]))
            }
        }
        tables.append(("rm_entity", entityRows))
        tables.append(("rm_entity_key", keyRows))
        let entityArticles = Dictionary(model.entityArticles.map { (Pair($0.entity, $0.article), $0) }) { _, last in
            last
        }
        tables.append(
            (
                "rm_entity_article",
                entityArticles.values.map { row in
                    JSONRow([
                        "entity_id": .int(row.entity), "article_id": .int(row.article),
                        "mentions": .int(Int64(row.mentions)),
                    ])
                }
            ))
        tables.append(
            (
                "rm_quote",
                try model.quotes.map { quote in
                    JSONRow([
                        "article_id": .int(quote.article), "position": .int(Int64(quote.position)),
                        "kind": .text(quote.kind), "text": .text(quote.text), "speaker": .text(quote.speaker),
                        "speaker_entity": .int(quote.speakerEntity), "role": .text(quote.role),
                        "cue": .text(quote.cue), "relay": .text(try Self.json(quote.relay)),
                        "outlet": .text(quote.outlet), "day": .text(quote.day), "storyline_id": .int(quote.storyline),
                        "start_offset": .int(Int64(quote.start)), "end_offset": .int(Int64(quote.end)),
                    ])
                }
            ))
        tables.append(
            (
                "rm_date",
                try model.dates.map { date in
                    JSONRow([
                        "article_id": .int(date.article), "position": .int(Int64(date.position)),
                        "iso": .text(date.iso), "granularity": .text(date.granularity),
                        "reference": .text(date.reference), "expression": .text(date.expression),
                        "sentence": .text(date.sentence), "entities": .text(try Self.json(date.entities)),
                        "storyline_id": .int(date.storyline), "start_offset": .int(Int64(date.start)),
                        "end_offset": .int(Int64(date.end)),
                    ])
                }
            ))
        let neighbours = Dictionary(model.neighbours.map { ($0.entity, $0) }) { _, last in last }
        tables.append(
            (
                "rm_entity_neighbours",
                try neighbours.values.map { row in
                    JSONRow([
                        "entity_id": .int(row.entity), "co_occurring": .text(try Self.json(row.coOccurring)),
                        "storylines": .text(try Self.json(row.storylines)),
                    ])
                }
            ))
        let encoder = JSONEncoder()
        var chunks: [(table: String, json: String)] = []
        for (table, rows) in tables {
            for start in stride(from: 0, to: rows.count, by: 4_000) {
                let chunk = rows[start..<min(rows.count, start + 4_000)]
                chunks.append((table, String(decoding: try encoder.encode(Array(chunk)), as: UTF8.self)))
            }
        }
        let basisText = try Self.json(basis)
        let tableNames = tables.map(\.table)
        try await transaction { [logger] connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.readModelLockKey))", logger: logger)
            for table in tableNames {
                try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table)"), logger: logger)
            }
            for (table, json) in chunks {
                var binds = PostgresBindings()
                binds.append(json)
                // `table` is one of the names above, never input.
                try await connection.query(
                    PostgresQuery(
                        unsafeSQL:
                            "INSERT INTO \(table) SELECT * FROM json_populate_recordset(NULL::\(table), $1::json)",
                        binds: binds), logger: logger)
            }
            try await connection.query(
                """
                INSERT INTO rm_basis (id, basis) VALUES (1, \(basisText))
                ON CONFLICT (id) DO UPDATE SET basis = excluded.basis
                """, logger: logger)
        }
    }

    // MARK: - Storylines and events

    static let storylineColumns =
        "id, title, first_day, last_day, article_count, event_count, outlets, per_day, top_entities"

    public func storylines(order: StorylineOrder, since: String?, after: PageAfter?, limit: Int) async throws
        -> [StorylineRecord]
    {
        let sql = SQLConditions()
        if let since { sql.add("last_day >= \(sql.bind(since))") }
        if let after {
            if order == .newest {
                let key = sql.bind(after.key)
                sql.add(
                    "(COALESCE(last_day, '') < \(key) OR (COALESCE(last_day, '') = \(key) AND id < \(sql.bind(after.id))))"
                )
            } else {
                sql.add(Self.countBefore("article_count", after, sql))
            }
        }
        let orderClause =
            order == .newest
            ? "ORDER BY last_day DESC NULLS LAST, id DESC" : "ORDER BY article_count DESC, id DESC"
        let limitBind = sql.bind(Int64(clamping: limit))
        return try await rows(
            sql.query(
                "SELECT \(Self.storylineColumns) FROM rm_storyline \(sql.whereClause) \(orderClause) LIMIT \(limitBind)"
            )
        ).map(Self.storyline)
    }

    public func storyline(_ id: Int64) async throws -> StorylineRecord? {
        try await rows("SELECT \(unescaped: Self.storylineColumns) FROM rm_storyline WHERE id = \(id)").first.map(
            Self.storyline)
    }

    public func storylineCount(since: String?) async throws -> Int {
        let count =
            if let since {
                try await rows("SELECT count(*) FROM rm_storyline WHERE last_day >= \(since)").first?.decode(
                    Int64.self)
            } else {
                try await rows("SELECT count(*) FROM rm_storyline").first?.decode(Int64.self)
            }
        return Int(count ?? 0)
    }

    static let eventColumns = "id, storyline_id, title, first_day, last_day, article_count, outlets"

    public func events(storyline: Int64) async throws -> [EventRecord] {
        try await rows(
            """
            SELECT \(unescaped: Self.eventColumns) FROM rm_event WHERE storyline_id = \(storyline)
            ORDER BY first_day IS NULL, first_day, id
            """
        ).map(Self.event)
    }

    public func event(_ id: Int64) async throws -> EventRecord? {
        try await rows("SELECT \(unescaped: Self.eventColumns) FROM rm_event WHERE id = \(id)").first.map(Self.event)
    }

    public func placement(of article: Int64) async throws -> ArticlePlacement? {
        try await rows(
            "SELECT article_id, event_id, storyline_id, duplicate_of FROM rm_placement WHERE article_id = \(article)"
        ).first.map {
            let (article, event, storyline, duplicate) = try $0.decode((Int64, Int64, Int64, Int64?).self)
            return ArticlePlacement(article: article, event: event, storyline: storyline, duplicateOf: duplicate)
        }
    }

    // MARK: - Articles

    /// The stored publication time as the SQLite store keeps it ("2019-09-10 16:04:00.000", UTC): lists show it and
    /// page by it the same way in both stores.
    static let publishedText = "to_char(a.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS')"
    static let summaryColumns = """
        a.id, a.title, a.outlet, a.language, \(publishedText), a.url, p.event_id, p.storyline_id, p.duplicate_of
        """

    /// An article filter's conditions over `article a LEFT JOIN rm_placement p`.
    static func articleConditions(_ filter: ArticleFilter, _ sql: SQLConditions) {
        if let outlet = filter.outlet { sql.add("a.outlet = \(sql.bind(outlet))") }
        if let language = filter.language { sql.add("a.language = \(sql.bind(language))") }
        // Days are compared as SQLite compares its stored text: from the day's first moment, through its last.
        if let since = filter.since {
            if let day = Self.day(since) {
                sql.add("a.published_at >= (\(sql.bind(day))::date::timestamp AT TIME ZONE 'UTC')")
            } else {
                sql.add("\(publishedText) >= \(sql.bind(since))")
            }
        }
        if let until = filter.until {
            if let day = Self.day(until) {
                sql.add("a.published_at < ((\(sql.bind(day))::date + 1)::timestamp AT TIME ZONE 'UTC')")
            } else {
                sql.add("\(publishedText) < \(sql.bind(until + "~"))")
            }
        }
        if let entity = filter.entity {
            sql.add("a.id IN (SELECT article_id FROM rm_entity_article WHERE entity_id = \(sql.bind(entity)))")
        }
        if let storyline = filter.storyline { sql.add("p.storyline_id = \(sql.bind(storyline))") }
        if let event = filter.event { sql.add("p.event_id = \(sql.bind(event))") }
        if let ids = filter.ids { sql.add("a.id = ANY(\(sql.bind(ids))::bigint[])") }
    }

    public func articleSummaries(_ filter: ArticleFilter, after: PageAfter?, limit: Int) async throws
        -> [ArticleSummary]
    {
        let sql = SQLConditions()
        Self.articleConditions(filter, sql)
        if let after {
            let id = sql.bind(after.id)
            if after.key.isEmpty {
                sql.add("(a.published_at IS NULL AND a.id < \(id))")
            } else if Self.isStoredTime(after.key) {
                let time = "(\(sql.bind(after.key))::timestamp AT TIME ZONE 'UTC')"
                sql.add(
                    "(a.published_at < \(time) OR a.published_at IS NULL OR (a.published_at = \(time) AND a.id < \(id)))"
                )
            } else {
                let key = sql.bind(after.key)
                let text = "COALESCE(\(Self.publishedText), '')"
                sql.add("(\(text) < \(key) OR (\(text) = \(key) AND a.id < \(id)))")
            }
        }
        let limitBind = sql.bind(Int64(clamping: limit))
        return try await rows(
            sql.query(
                """
                SELECT \(Self.summaryColumns) FROM article a LEFT JOIN rm_placement p ON p.article_id = a.id
                \(sql.whereClause) ORDER BY a.published_at DESC NULLS LAST, a.id DESC LIMIT \(limitBind)
                """)
        ).map(Self.summary)
    }

    public func articleSummaryCount(_ filter: ArticleFilter) async throws -> Int {
        let sql = SQLConditions()
        Self.articleConditions(filter, sql)
        let count = try await rows(
            sql.query(
                "SELECT count(*) FROM article a LEFT JOIN rm_placement p ON p.article_id = a.id \(sql.whereClause)")
        ).first?.decode(Int64.self)
        return Int(count ?? 0)
    }

    public func articleDays(_ filter: ArticleFilter) async throws -> [DayCount] {
        let sql = SQLConditions()
        Self.articleConditions(filter, sql)
        sql.add("a.published_at IS NOT NULL")
        return try await rows(
            sql.query(
                """
                SELECT to_char(a.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)
                FROM article a LEFT JOIN rm_placement p ON p.article_id = a.id \(sql.whereClause)
                GROUP BY day ORDER BY day
                """)
        ).map {
            let (day, count) = try $0.decode((String, Int64).self)
            return DayCount(day: day, count: Int(count))
        }
    }

    public func eventArticles(_ event: Int64, limit: Int) async throws -> [ArticleSummary] {
        try await rows(
            """
            SELECT \(unescaped: Self.summaryColumns)
            FROM rm_placement p JOIN article a ON a.id = p.article_id WHERE p.event_id = \(event)
            ORDER BY a.published_at NULLS LAST, a.id LIMIT \(Int64(clamping: limit))
            """
        ).map(Self.summary)
    }

    public func facets(_ ids: [Int64]) async throws -> (
        outlet: [(value: String, count: Int)], language: [(value: String, count: Int)],
        day: [(value: String, count: Int)]
    ) {
        guard !ids.isEmpty else { return ([], [], []) }
        var tally = FacetTally()
        for row in try await rows(
            """
            SELECT outlet, language, to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM article
            WHERE id = ANY(\(ids)::bigint[])
            """)
        {
            let (outlet, language, day) = try row.decode((String?, String, String?).self)
            tally.add(outlet: outlet, language: language, day: day)
        }
        return tally.facets
    }

    public func snippetSources(_ ids: [Int64]) async throws
        -> [Int64: (body: String, language: LanguageCode, sentences: [Sentence])]
    {
        guard !ids.isEmpty else { return [:] }
        var sources: [Int64: (body: String, language: LanguageCode, sentences: [Sentence])] = [:]
        for row in try await rows(
            "SELECT id, body, language, sentences FROM article WHERE id = ANY(\(ids)::bigint[])")
        {
            let (id, body, language, sentences) = try row.decode((Int64, String, String, String).self)
            let spans: [[Int]] = try Self.decode(sentences)
            sources[id] = (
                body: body, language: LanguageCode(rawValue: language) ?? .other,
                sentences: Sentence.stored(spans)
            )
        }
        return sources
    }

    // MARK: - Entities

    static let entityColumns = """
        id, name, name_key, kind, article_count, mention_count, aliases, merges, capital_of, per_day
        """

    /// ``entityColumns`` of `rm_entity e` in a join.
    static let joinedEntityColumns = entityColumns.split(separator: ",").map {
        "e." + $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }.joined(separator: ", ")

    public func entities(kind: String?, key: String?, after: PageAfter?, limit: Int) async throws -> [EntityRecord] {
        let sql = SQLConditions()
        if let kind { sql.add("kind = \(sql.bind(kind))") }
        if let key, !key.isEmpty {
            // Keys are folded lower-case text: a prefix range on the key index ("C" order: code points).
            sql.add(
                "id IN (SELECT entity_id FROM rm_entity_key WHERE key >= \(sql.bind(key)) AND key < \(sql.bind(key + "\u{10FFFF}")))"
            )
        }
        if let after { sql.add(Self.countBefore("article_count", after, sql)) }
        let limitBind = sql.bind(Int64(clamping: limit))
        return try await rows(
            sql.query(
                """
                SELECT \(Self.entityColumns) FROM rm_entity \(sql.whereClause)
                ORDER BY article_count DESC, id DESC LIMIT \(limitBind)
                """)
        ).map(Self.entity)
    }

    public func entity(_ id: Int64) async throws -> EntityRecord? {
        try await rows("SELECT \(unescaped: Self.entityColumns) FROM rm_entity WHERE id = \(id)").first.map(Self.entity)
    }

    public func entityNames(_ ids: [Int64]) async throws -> [Int64: (name: String, kind: String)] {
        guard !ids.isEmpty else { return [:] }
        var names: [Int64: (name: String, kind: String)] = [:]
        for row in try await rows("SELECT id, name, kind FROM rm_entity WHERE id = ANY(\(ids)::bigint[])") {
            let (id, name, kind) = try row.decode((Int64, String, String).self)
            names[id] = (name: name, kind: kind)
        }
        return names
    }

    public func entities(aliasKey key: String) async throws -> [EntityRecord] {
        try await rows(
            """
            SELECT \(unescaped: Self.joinedEntityColumns)
            FROM rm_entity_key k JOIN rm_entity e ON e.id = k.entity_id WHERE k.key = \(key)
            ORDER BY e.mention_count DESC, e.id
            """
        ).map(Self.entity)
    }

    public func entitiesOf(article: Int64) async throws -> [EntityRecord] {
        try await rows(
            """
            SELECT \(unescaped: Self.joinedEntityColumns)
            FROM rm_entity_article ea JOIN rm_entity e ON e.id = ea.entity_id
            WHERE ea.article_id = \(article) ORDER BY ea.mentions DESC, e.article_count DESC, e.id
            """
        ).map(Self.entity)
    }

    public func neighbours(of entity: Int64) async throws -> EntityNeighbours? {
        try await rows("SELECT co_occurring, storylines FROM rm_entity_neighbours WHERE entity_id = \(entity)").first
            .map {
                let (coOccurring, storylines) = try $0.decode((String, String).self)
                return EntityNeighbours(
                    entity: entity, coOccurring: try Self.decode(coOccurring), storylines: try Self.decode(storylines))
            }
    }

    public func storylines(ids: [Int64]) async throws -> [StorylineRecord] {
        guard !ids.isEmpty else { return [] }
        return try await rows(
            "SELECT \(unescaped: Self.storylineColumns) FROM rm_storyline WHERE id = ANY(\(ids)::bigint[])"
        ).map(Self.storyline)
    }

    // MARK: - Quotes and dates

    static let quoteColumns = """
        article_id, position, kind, text, speaker, speaker_entity, role, cue, relay, outlet, day, storyline_id,
        start_offset, end_offset
        """

    public func quotes(
        speakerEntity: Int64?, storyline: Int64?, article: Int64?, since: String?, until: String?, after: PageAfter?,
        limit: Int
    ) async throws -> [QuoteRecord] {
        let sql = SQLConditions()
        for (column, value) in [
            ("speaker_entity", speakerEntity), ("storyline_id", storyline), ("article_id", article),
        ] {
            if let value { sql.add("\(column) = \(sql.bind(value))") }
        }
        if let since { sql.add("day >= \(sql.bind(since))") }
        if let until { sql.add("day <= \(sql.bind(until))") }
        // Rows are ordered by (day desc, article desc, position): the page key is "day|position", its id the article.
        if let after {
            let parts = after.key.split(separator: "|", omittingEmptySubsequences: false)
            let day = sql.bind(String(parts.first ?? ""))
            let position = sql.bind(Int64(parts.count > 1 ? Int(parts[1]) ?? Int.max : Int.max))
            let id = sql.bind(after.id)
            sql.add(
                """
                (COALESCE(day, '') < \(day) OR (COALESCE(day, '') = \(day) AND (article_id < \(id) \
                OR (article_id = \(id) AND position > \(position)))))
                """)
        }
        let limitBind = sql.bind(Int64(clamping: limit))
        return try await rows(
            sql.query(
                """
                SELECT \(Self.quoteColumns) FROM rm_quote \(sql.whereClause)
                ORDER BY COALESCE(day, '') DESC, article_id DESC, position LIMIT \(limitBind)
                """)
        ).map(Self.quote)
    }

    public func quoteCount(speakerEntity: Int64?, storyline: Int64?, since: String?, until: String?) async throws -> Int
    {
        let sql = SQLConditions()
        for (column, value) in [("speaker_entity", speakerEntity), ("storyline_id", storyline)] {
            if let value { sql.add("\(column) = \(sql.bind(value))") }
        }
        if let since { sql.add("day >= \(sql.bind(since))") }
        if let until { sql.add("day <= \(sql.bind(until))") }
        let count = try await rows(sql.query("SELECT count(*) FROM rm_quote \(sql.whereClause)")).first?.decode(
            Int64.self)
        return Int(count ?? 0)
    }

    /// The conditions on dated sentences of a storyline, an article, an entity's articles.
    private static func dateConditions(storyline: Int64?, article: Int64?, entity: Int64?, _ sql: SQLConditions) {
        if let storyline { sql.add("storyline_id = \(sql.bind(storyline))") }
        if let article { sql.add("article_id = \(sql.bind(article))") }
        if let entity {
            sql.add("article_id IN (SELECT article_id FROM rm_entity_article WHERE entity_id = \(sql.bind(entity)))")
        }
    }

    public func dateCount(storyline: Int64?, entity: Int64?) async throws -> Int {
        let sql = SQLConditions()
        Self.dateConditions(storyline: storyline, article: nil, entity: entity, sql)
        let count = try await rows(sql.query("SELECT count(*) FROM rm_date \(sql.whereClause)")).first?.decode(
            Int64.self)
        return Int(count ?? 0)
    }

    static let dateColumns = """
        article_id, position, iso, granularity, reference, expression, sentence, entities, storyline_id, start_offset,
        end_offset
        """

    public func dates(storyline: Int64?, entity: Int64?, article: Int64?, after: PageAfter?, limit: Int) async throws
        -> [DateRecord]
    {
        let sql = SQLConditions()
        Self.dateConditions(storyline: storyline, article: article, entity: entity, sql)
        // Oldest first: the page goes on after (iso, article) of its last row.
        if let after {
            let key = sql.bind(after.key)
            sql.add("(iso > \(key) OR (iso = \(key) AND article_id > \(sql.bind(after.id))))")
        }
        let limitBind = sql.bind(Int64(clamping: limit))
        return try await rows(
            sql.query(
                "SELECT \(Self.dateColumns) FROM rm_date \(sql.whereClause) ORDER BY iso, article_id, position LIMIT \(limitBind)"
            )
        ).map(Self.date)
    }

    // MARK: - Keys and rows

    /// Rows before `after` in an order by (count descending, id descending); the key is the count as twelve digits.
    static func countBefore(_ column: String, _ after: PageAfter, _ sql: SQLConditions) -> String {
        let id = sql.bind(after.id)
        if let count = Int64(after.key), count >= 0 {
            let bound = sql.bind(count)
            return "(\(column) < \(bound) OR (\(column) = \(bound) AND id < \(id)))"
        }
        // A key that is no count (not one this store made): compared as SQLite compares it, as text.
        let key = sql.bind(after.key)
        let text = "lpad(\(column)::text, 12, '0') COLLATE \"C\""
        return "(\(text) < \(key) OR (\(text) = \(key) AND id < \(id)))"
    }

    /// `text` when it is a calendar day, YYYY-MM-DD (one PostgreSQL's `::date` accepts: "2019-02-31" is none).
    static func day(_ text: String) -> String? {
        guard text.utf8.count == 10, let days = ISODay.days(text), ISODay.string(days: Int(days)) == text else {
            return nil
        }
        return text
    }

    /// Whether `key` is a stored time as ``publishedText`` writes it ("2019-09-10 16:04:00.000").
    static func isStoredTime(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        guard bytes.count == 23, day(String(key.prefix(10))) != nil else { return false }
        let pattern = Array(" 00:00:00.000".utf8)
        for (offset, expected) in pattern.enumerated() {
            let byte = bytes[10 + offset]
            if expected == UInt8(ascii: "0") {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return false }
            } else if byte != expected {
                return false
            }
        }
        guard let hour = Int(key.dropFirst(11).prefix(2)), let minute = Int(key.dropFirst(14).prefix(2)),
            let second = Int(key.dropFirst(17).prefix(2))
        else { return false }
        return hour < 24 && minute < 60 && second < 60
    }

    static func storyline(_ row: PostgresRow) throws -> StorylineRecord {
        let (id, title, firstDay, lastDay, articles, events, outlets, perDay, top) = try row.decode(
            (Int64, String, String?, String?, Int64, Int64, String, String, String).self)
        return StorylineRecord(
            id: id, title: title, firstDay: firstDay, lastDay: lastDay, articleCount: Int(articles),
            eventCount: Int(events), outlets: try decode(outlets), perDay: try decode(perDay),
            topEntities: try decode(top))
    }

    static func event(_ row: PostgresRow) throws -> EventRecord {
        let (id, storyline, title, firstDay, lastDay, articles, outlets) = try row.decode(
            (Int64, Int64, String, String?, String?, Int64, String).self)
        return EventRecord(
            id: id, storyline: storyline, title: title, firstDay: firstDay, lastDay: lastDay,
            articleCount: Int(articles), outlets: try decode(outlets))
    }

    static func entity(_ row: PostgresRow) throws -> EntityRecord {
        let (id, name, nameKey, kind, articles, mentions, aliases, merges, capitalOf, perDay) = try row.decode(
            (Int64, String, String, String, Int64, Int64, String, String, String?, String).self)
        return EntityRecord(
            id: id, name: name, nameKey: nameKey, kind: kind, articleCount: Int(articles), mentionCount: Int(mentions),
            aliases: try decode(aliases), merges: try decode(merges), capitalOf: capitalOf, perDay: try decode(perDay))
    }

    static func summary(_ row: PostgresRow) throws -> ArticleSummary {
        let (id, title, outlet, language, published, url, event, storyline, duplicate) = try row.decode(
            (Int64, String, String?, String, String?, String?, Int64?, Int64?, Int64?).self)
        return ArticleSummary(
            id: id, title: title, outlet: outlet, language: language,
            published: published.map(ArticleSummary.isoTimestamp), url: url, event: event, storyline: storyline,
            duplicateOf: duplicate, sortKey: published ?? "")
    }

    static func quote(_ row: PostgresRow) throws -> QuoteRecord {
        let (
            article, position, kind, text, speaker, speakerEntity, role, cue, relay, outlet, day, storyline, start, end
        ) =
            try row.decode(
                (
                    Int64, Int64, String, String, String?, Int64?, String?, String?, String, String?, String?, Int64?,
                    Int64, Int64
                ).self)
        return QuoteRecord(
            article: article, position: Int(position), kind: kind, text: text, speaker: speaker,
            speakerEntity: speakerEntity, role: role, cue: cue, relay: try decode(relay), outlet: outlet, day: day,
            storyline: storyline, start: Int(start), end: Int(end))
    }

    static func date(_ row: PostgresRow) throws -> DateRecord {
        let (article, position, iso, granularity, reference, expression, sentence, entities, storyline, start, end) =
            try row.decode(
                (Int64, Int64, String, String, String?, String, String, String, Int64?, Int64, Int64).self)
        return DateRecord(
            article: article, position: Int(position), iso: iso, granularity: granularity, reference: reference,
            expression: expression, sentence: sentence, entities: try decode(entities), storyline: storyline,
            start: Int(start), end: Int(end))
    }
}

/// Conditions of a statement built piece by piece, each value a bound parameter (`$1`, `$2`, …).
/// A class, so that a condition can bind its values while it is being added.
final class SQLConditions {
    private(set) var binds = PostgresBindings()
    private var conditions: [String] = []

    /// Binds `value` and returns its placeholder.
    func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    func add(_ condition: String) { conditions.append(condition) }

    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }

    /// The statement `sql` (whose only values are this builder's placeholders) with the bound values.
    func query(_ sql: String) -> PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
}

/// A row for `json_populate_recordset`: column name → value (a missing or nil value is NULL).
struct JSONRow: Encodable {
    enum Cell {
        case int(Int64?)
        case text(String?)
    }

    var cells: [String: Cell]

    init(_ cells: [String: Cell]) { self.cells = cells }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (name, cell) in cells {
            switch cell {
            case .int(let value): try container.encodeIfPresent(value, forKey: Key(stringValue: name))
            case .text(let value): try container.encodeIfPresent(value, forKey: Key(stringValue: name))
            }
        }
    }
}

/// Two ids as one dictionary key.
struct Pair: Hashable {
    var first: Int64
    var second: Int64
    init(_ first: Int64, _ second: Int64) {
        self.first = first
        self.second = second
    }
}
