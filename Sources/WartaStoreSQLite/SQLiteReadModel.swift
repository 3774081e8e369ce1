import Foundation
import GRDB
import WartaCore
import WartaStore

extension SQLiteStore: ReadModelStore {
    public func readModelBasis() async throws -> ReadModelBasis? {
        try await pool.read { db in
            guard let text = try String.fetchOne(db, sql: "SELECT basis FROM rm_basis WHERE id = 1") else { return nil }
            return try? Self.decode(text) as ReadModelBasis
        }
    }

    public func currentBasis(version: Int) async throws -> ReadModelBasis {
        try await pool.read { db in
            ReadModelBasis(
                version: version,
                changes: try Int64.fetchOne(db, sql: "SELECT counter FROM store_change WHERE id = 1") ?? 0)
        }
    }

    public func replaceReadModel(_ model: ReadModel, basis: ReadModelBasis) async throws {
        try await pool.write { db in
            for table in [
                "rm_storyline", "rm_event", "rm_placement", "rm_entity", "rm_entity_key", "rm_entity_article",
                "rm_quote", "rm_date", "rm_entity_neighbours",
            ] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            for line in model.storylines {
                try db.execute(
                    sql: """
                        INSERT INTO rm_storyline (id, title, first_day, last_day, article_count, event_count, outlets,
                          per_day, top_entities) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        line.id, line.title, line.firstDay, line.lastDay, line.articleCount, line.eventCount,
                        try Self.json(line.outlets), try Self.json(line.perDay), try Self.json(line.topEntities),
                    ])
            }
            for event in model.events {
                try db.execute(
                    sql: """
                        INSERT INTO rm_event (id, storyline_id, title, first_day, last_day, article_count, outlets)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        event.id, event.storyline, event.title, event.firstDay, event.lastDay, event.articleCount,
                        try Self.json(event.outlets),
                    ])
            }
            for place in model.placements {
                try db.execute(
                    sql:
                        "INSERT OR REPLACE INTO rm_placement (article_id, event_id, storyline_id, duplicate_of) VALUES (?, ?, ?, ?)",
                    arguments: [place.article, place.event, place.storyline, place.duplicateOf])
            }
            for entity in model.entities {
                try db.execute(
                    sql: """
                        INSERT INTO rm_entity (id, name, name_key, kind, article_count, mention_count, aliases, merges,
                          capital_of, per_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        entity.id, entity.name, entity.nameKey, entity.kind, entity.articleCount, entity.mentionCount,
                        try Self.json(entity.aliases), try Self.json(entity.merges), entity.capitalOf,
                        try Self.json(entity.perDay),
                    ])
                // Every alias finds the entity, and so does its canonical name (which may be no alias as written).
                for key in Set(entity.aliases.map(\.key) + [entity.nameKey]) {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO rm_entity_key (key, entity_id) VALUES (?, ?)",
                        arguments: [key, entity.id])
                }
            }
            for row in model.entityArticles {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO rm_entity_article (entity_id, article_id, mentions) VALUES (?, ?, ?)",
                    arguments: [row.entity, row.article, row.mentions])
            }
            for quote in model.quotes {
                try db.execute(
                    sql: """
                        INSERT INTO rm_quote (article_id, position, kind, text, speaker, speaker_entity, role, cue, relay,
                          outlet, day, storyline_id, start, end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        quote.article, quote.position, quote.kind, quote.text, quote.speaker, quote.speakerEntity,
                        quote.role, quote.cue, try Self.json(quote.relay), quote.outlet, quote.day, quote.storyline,
                        quote.start, quote.end,
                    ])
            }
            for date in model.dates {
                try db.execute(
                    sql: """
                        INSERT INTO rm_date (article_id, position, iso, granularity, reference, expression, sentence,
                          entities, storyline_id, start, end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        date.article, date.position, date.iso, date.granularity, date.reference, date.expression,
                        date.sentence, try Self.json(date.entities), date.storyline, date.start, date.end,
                    ])
            }
            for row in model.neighbours {
                try db.execute(
                    sql:
                        "INSERT OR REPLACE INTO rm_entity_neighbours (entity_id, co_occurring, storylines) VALUES (?, ?, ?)",
                    arguments: [row.entity, try Self.json(row.coOccurring), try Self.json(row.storylines)])
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO rm_basis (id, basis) VALUES (1, ?)", arguments: [try Self.json(basis)])
        }
    }

    // MARK: - Storylines and events

    public func storylines(order: StorylineOrder, since: String?, after: PageAfter?, limit: Int) async throws
        -> [StorylineRecord]
    {
        let key = order == .newest ? "COALESCE(last_day, '')" : "printf('%012d', article_count)"
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let since {
            conditions.append("last_day >= ?")
            arguments += [since]
        }
        if let after {
            conditions.append("(\(key) < ? OR (\(key) = ? AND id < ?))")
            arguments += [after.key, after.key, after.id]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let orderClause =
            order == .newest ? "ORDER BY last_day DESC, id DESC" : "ORDER BY article_count DESC, id DESC"
        arguments += [limit]
        return try await pool.read { [arguments] db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM rm_storyline \(whereClause) \(orderClause) LIMIT ?", arguments: arguments
            ).map(Self.storyline)
        }
    }

    public func storyline(_ id: Int64) async throws -> StorylineRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM rm_storyline WHERE id = ?", arguments: [id]).map(Self.storyline)
        }
    }

    public func storylineCount(since: String?) async throws -> Int {
        try await pool.read { db in
            if let since {
                return try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM rm_storyline WHERE last_day >= ?", arguments: [since]) ?? 0
            }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rm_storyline") ?? 0
        }
    }

    public func events(storyline: Int64) async throws -> [EventRecord] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM rm_event WHERE storyline_id = ? ORDER BY first_day IS NULL, first_day, id",
                arguments: [storyline]
            ).map(Self.event)
        }
    }

    public func event(_ id: Int64) async throws -> EventRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM rm_event WHERE id = ?", arguments: [id]).map(Self.event)
        }
    }

    public func placement(of article: Int64) async throws -> ArticlePlacement? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM rm_placement WHERE article_id = ?", arguments: [article]).map {
                ArticlePlacement(
                    article: $0["article_id"], event: $0["event_id"], storyline: $0["storyline_id"],
                    duplicateOf: $0["duplicate_of"])
            }
        }
    }

    // MARK: - Articles

    /// The WHERE clause (with its arguments) of an article filter over `article a LEFT JOIN rm_placement p`.
    static func articleConditions(_ filter: ArticleFilter) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let outlet = filter.outlet {
            conditions.append("a.outlet = ?")
            arguments += [outlet]
        }
        if let language = filter.language {
            conditions.append("a.language = ?")
            arguments += [language]
        }
        if let since = filter.since {
            conditions.append("a.published_at >= ?")
            arguments += [since]
        }
        if let until = filter.until {
            // Inclusive of the whole day: every time on it sorts below the next character after the day.
            conditions.append("a.published_at < ?")
            arguments += [until + "~"]
        }
        if let entity = filter.entity {
            conditions.append("a.id IN (SELECT article_id FROM rm_entity_article WHERE entity_id = ?)")
            arguments += [entity]
        }
        if let storyline = filter.storyline {
            conditions.append("p.storyline_id = ?")
            arguments += [storyline]
        }
        if let event = filter.event {
            conditions.append("p.event_id = ?")
            arguments += [event]
        }
        if let ids = filter.ids {
            conditions.append("a.id IN (SELECT value FROM json_each(?))")
            arguments += [(try? json(ids)) ?? "[]"]
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }

    public func articleSummaries(_ filter: ArticleFilter, after: PageAfter?, limit: Int) async throws
        -> [ArticleSummary]
    {
        var (whereClause, arguments) = Self.articleConditions(filter)
        if let after {
            let key = "COALESCE(a.published_at, '')"
            whereClause += (whereClause.isEmpty ? "WHERE " : " AND ") + "(\(key) < ? OR (\(key) = ? AND a.id < ?))"
            arguments += [after.key, after.key, after.id]
        }
        arguments += [limit]
        return try await pool.read { [whereClause, arguments] db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.id, a.title, a.outlet, a.language, a.published_at, a.url, p.event_id, p.storyline_id,
                      p.duplicate_of
                    FROM article a LEFT JOIN rm_placement p ON p.article_id = a.id \(whereClause)
                    ORDER BY COALESCE(a.published_at, '') DESC, a.id DESC LIMIT ?
                    """, arguments: arguments
            ).map(Self.summary)
        }
    }

    public func articleSummaryCount(_ filter: ArticleFilter) async throws -> Int {
        let (whereClause, arguments) = Self.articleConditions(filter)
        return try await pool.read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM article a LEFT JOIN rm_placement p ON p.article_id = a.id \(whereClause)",
                arguments: arguments) ?? 0
        }
    }

    public func articleDays(_ filter: ArticleFilter) async throws -> [DayCount] {
        let (whereClause, arguments) = Self.articleConditions(filter)
        let dated = (whereClause.isEmpty ? "WHERE " : whereClause + " AND ") + "a.published_at IS NOT NULL"
        return try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT substr(a.published_at, 1, 10) AS day, COUNT(*) AS n
                    FROM article a LEFT JOIN rm_placement p ON p.article_id = a.id \(dated) GROUP BY day ORDER BY day
                    """, arguments: arguments
            ).map { DayCount(day: $0["day"], count: $0["n"]) }
        }
    }

    // MARK: - Entities

    public func entities(kind: String?, key: String?, after: PageAfter?, limit: Int) async throws -> [EntityRecord] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let kind {
            conditions.append("kind = ?")
            arguments += [kind]
        }
        if let key, !key.isEmpty {
            // Keys are folded lower-case text: a prefix range on the key index, escaped of nothing.
            conditions.append("id IN (SELECT entity_id FROM rm_entity_key WHERE key >= ? AND key < ?)")
            arguments += [key, key + "\u{10FFFF}"]
        }
        let sortKey = "printf('%012d', article_count)"
        if let after {
            conditions.append("(\(sortKey) < ? OR (\(sortKey) = ? AND id < ?))")
            arguments += [after.key, after.key, after.id]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments += [limit]
        return try await pool.read { [arguments] db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM rm_entity \(whereClause) ORDER BY article_count DESC, id DESC LIMIT ?",
                arguments: arguments
            ).map(Self.entity)
        }
    }

    public func entity(_ id: Int64) async throws -> EntityRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM rm_entity WHERE id = ?", arguments: [id]).map(Self.entity)
        }
    }

    public func entityNames(_ ids: [Int64]) async throws -> [Int64: (name: String, kind: String)] {
        guard !ids.isEmpty else { return [:] }
        let list = try Self.json(ids)
        return try await pool.read { db in
            var names: [Int64: (name: String, kind: String)] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT id, name, kind FROM rm_entity WHERE id IN (SELECT value FROM json_each(?))",
                arguments: [list])
            {
                names[row["id"]] = (name: row["name"], kind: row["kind"])
            }
            return names
        }
    }

    public func entities(aliasKey key: String) async throws -> [EntityRecord] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.* FROM rm_entity_key k JOIN rm_entity e ON e.id = k.entity_id WHERE k.key = ?
                    ORDER BY e.mention_count DESC, e.id
                    """, arguments: [key]
            ).map(Self.entity)
        }
    }

    public func entitiesOf(article: Int64) async throws -> [EntityRecord] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.* FROM rm_entity_article ea JOIN rm_entity e ON e.id = ea.entity_id
                    WHERE ea.article_id = ? ORDER BY ea.mentions DESC, e.article_count DESC, e.id
                    """, arguments: [article]
            ).map(Self.entity)
        }
    }

    public func neighbours(of entity: Int64) async throws -> EntityNeighbours? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT co_occurring, storylines FROM rm_entity_neighbours WHERE entity_id = ?",
                arguments: [entity]
            ).map {
                EntityNeighbours(
                    entity: entity, coOccurring: try Self.decode($0["co_occurring"]),
                    storylines: try Self.decode($0["storylines"]))
            }
        }
    }

    public func storylines(ids: [Int64]) async throws -> [StorylineRecord] {
        guard !ids.isEmpty else { return [] }
        let list = try Self.json(ids)
        return try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM rm_storyline WHERE id IN (SELECT value FROM json_each(?))", arguments: [list]
            ).map(Self.storyline)
        }
    }

    public func eventArticles(_ event: Int64, limit: Int) async throws -> [ArticleSummary] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.id, a.title, a.outlet, a.language, a.published_at, a.url, p.event_id, p.storyline_id,
                      p.duplicate_of
                    FROM rm_placement p JOIN article a ON a.id = p.article_id WHERE p.event_id = ?
                    ORDER BY COALESCE(a.published_at, '~'), a.id LIMIT ?
                    """, arguments: [event, limit]
            ).map(Self.summary)
        }
    }

    public func facets(_ ids: [Int64]) async throws -> (
        outlet: [(value: String, count: Int)], language: [(value: String, count: Int)],
        day: [(value: String, count: Int)]
    ) {
        guard !ids.isEmpty else { return ([], [], []) }
        let list = try Self.json(ids)
        return try await pool.read { db in
            var tally = FacetTally()
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT outlet, language, substr(published_at, 1, 10) AS day FROM article
                    WHERE id IN (SELECT value FROM json_each(?))
                    """, arguments: [list])
            while let row = try rows.next() {
                tally.add(outlet: row["outlet"], language: row["language"], day: row["day"])
            }
            return tally.facets
        }
    }

    public func snippetSources(_ ids: [Int64]) async throws
        -> [Int64: (body: String, language: LanguageCode, sentences: [Sentence])]
    {
        guard !ids.isEmpty else { return [:] }
        let list = try Self.json(ids)
        return try await pool.read { db in
            var sources: [Int64: (body: String, language: LanguageCode, sentences: [Sentence])] = [:]
            for row in try Row.fetchAll(
                db,
                sql: "SELECT id, body, language, sentences FROM article WHERE id IN (SELECT value FROM json_each(?))",
                arguments: [list])
            {
                let spans: [[Int]] = try Self.decode(row["sentences"])
                sources[row["id"]] = (
                    body: row["body"], language: LanguageCode(rawValue: row["language"]) ?? .other,
                    sentences: Sentence.stored(spans)
                )
            }
            return sources
        }
    }

    // MARK: - Quotes and dates

    public func quotes(
        speakerEntity: Int64?, storyline: Int64?, article: Int64?, since: String?, until: String?, after: PageAfter?,
        limit: Int
    ) async throws -> [QuoteRecord] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        for (column, value) in [
            ("speaker_entity", speakerEntity), ("storyline_id", storyline), ("article_id", article),
        ] {
            if let value {
                conditions.append("\(column) = ?")
                arguments += [value]
            }
        }
        if let since {
            conditions.append("day >= ?")
            arguments += [since]
        }
        if let until {
            conditions.append("day <= ?")
            arguments += [until]
        }
        let key = "COALESCE(day, '')"
        // Rows are ordered by (day desc, article desc, position): the page key is "day|position", its id the article.
        if let after {
            let parts = after.key.split(separator: "|", omittingEmptySubsequences: false)
            let day = String(parts.first ?? "")
            let position = parts.count > 1 ? Int(parts[1]) ?? Int.max : Int.max
            conditions.append(
                "(\(key) < ? OR (\(key) = ? AND (article_id < ? OR (article_id = ? AND position > ?))))")
            arguments += [day, day, after.id, after.id, position]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments += [limit]
        return try await pool.read { [arguments] db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM rm_quote \(whereClause)
                    ORDER BY COALESCE(day, '') DESC, article_id DESC, position LIMIT ?
                    """, arguments: arguments
            ).map(Self.quote)
        }
    }

    public func quoteCount(speakerEntity: Int64?, storyline: Int64?, since: String?, until: String?) async throws -> Int
    {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        for (column, value) in [("speaker_entity", speakerEntity), ("storyline_id", storyline)] {
            if let value {
                conditions.append("\(column) = ?")
                arguments += [value]
            }
        }
        for (condition, value) in [("day >= ?", since), ("day <= ?", until)] {
            if let value {
                conditions.append(condition)
                arguments += [value]
            }
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try await pool.read { [arguments] db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rm_quote \(whereClause)", arguments: arguments) ?? 0
        }
    }

    public func dateCount(storyline: Int64?, entity: Int64?) async throws -> Int {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let storyline {
            conditions.append("storyline_id = ?")
            arguments += [storyline]
        }
        if let entity {
            conditions.append("article_id IN (SELECT article_id FROM rm_entity_article WHERE entity_id = ?)")
            arguments += [entity]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try await pool.read { [arguments] db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rm_date \(whereClause)", arguments: arguments) ?? 0
        }
    }

    public func dates(storyline: Int64?, entity: Int64?, article: Int64?, after: PageAfter?, limit: Int) async throws
        -> [DateRecord]
    {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let storyline {
            conditions.append("storyline_id = ?")
            arguments += [storyline]
        }
        if let article {
            conditions.append("article_id = ?")
            arguments += [article]
        }
        if let entity {
            conditions.append("article_id IN (SELECT article_id FROM rm_entity_article WHERE entity_id = ?)")
            arguments += [entity]
        }
        // Oldest first: the page goes on after (iso, article) of its last row.
        if let after {
            conditions.append("(iso > ? OR (iso = ? AND article_id > ?))")
            arguments += [after.key, after.key, after.id]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments += [limit]
        return try await pool.read { [arguments] db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM rm_date \(whereClause) ORDER BY iso, article_id, position LIMIT ?",
                arguments: arguments
            ).map(Self.date)
        }
    }

    // MARK: - Rows

    static func storyline(_ row: Row) throws -> StorylineRecord {
        StorylineRecord(
            id: row["id"], title: row["title"], firstDay: row["first_day"], lastDay: row["last_day"],
            articleCount: row["article_count"], eventCount: row["event_count"], outlets: try decode(row["outlets"]),
            perDay: try decode(row["per_day"]), topEntities: try decode(row["top_entities"]))
    }

    static func event(_ row: Row) throws -> EventRecord {
        EventRecord(
            id: row["id"], storyline: row["storyline_id"], title: row["title"], firstDay: row["first_day"],
            lastDay: row["last_day"], articleCount: row["article_count"], outlets: try decode(row["outlets"]))
    }

    static func entity(_ row: Row) throws -> EntityRecord {
        EntityRecord(
            id: row["id"], name: row["name"], nameKey: row["name_key"], kind: row["kind"],
            articleCount: row["article_count"],
            mentionCount: row["mention_count"], aliases: try decode(row["aliases"]), merges: try decode(row["merges"]),
            capitalOf: row["capital_of"], perDay: try decode(row["per_day"]))
    }

    static func summary(_ row: Row) -> ArticleSummary {
        let raw: String? = row["published_at"]
        return ArticleSummary(
            id: row["id"], title: row["title"], outlet: row["outlet"], language: row["language"],
            published: raw.map(ArticleSummary.isoTimestamp),
            url: row["url"], event: row["event_id"], storyline: row["storyline_id"], duplicateOf: row["duplicate_of"],
            sortKey: raw ?? "")
    }

    static func quote(_ row: Row) throws -> QuoteRecord {
        QuoteRecord(
            article: row["article_id"], position: row["position"], kind: row["kind"], text: row["text"],
            speaker: row["speaker"], speakerEntity: row["speaker_entity"], role: row["role"], cue: row["cue"],
            relay: try decode(row["relay"]), outlet: row["outlet"], day: row["day"], storyline: row["storyline_id"],
            start: row["start"], end: row["end"])
    }

    static func date(_ row: Row) throws -> DateRecord {
        DateRecord(
            article: row["article_id"], position: row["position"], iso: row["iso"], granularity: row["granularity"],
            reference: row["reference"], expression: row["expression"], sentence: row["sentence"],
            entities: try decode(row["entities"]), storyline: row["storyline_id"], start: row["start"],
            end: row["end"])
    }
}
