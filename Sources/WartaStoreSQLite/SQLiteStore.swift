import Foundation
import GRDB
import WartaCore
import WartaStore

/// The embedded default store: one SQLite file, WAL, one `DatabasePool` per process, FTS5 search.
public final class SQLiteStore: ArticleStore, SearchIndex {
    let pool: DatabasePool
    /// The file this store writes.
    public let path: String
    /// This handle's name in the pending queue, the writer list and the linker lease.
    public let session: String

    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    /// - Throws: `WartaError` W0301 when the file cannot be opened or migrated.
    public init(path: String) throws {
        self.path = path
        let info = ProcessInfo.processInfo
        session = "\(info.hostName):\(info.processIdentifier):\(UInt32.random(in: 0...UInt32.max))"
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(10)
            // In WAL mode NORMAL loses no committed transaction when the process is killed (only on power loss),
            // and spares an fsync per article.
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrate(pool)
        } catch let error as DatabaseError {
            throw WartaError.database(path: path, reason: error.message ?? "SQLite error \(error.resultCode.rawValue)")
        } catch {
            throw WartaError.database(path: path, reason: "\(error)")
        }
    }

    /// Brings the schema up to date. Two processes opening a store at once may both see a migration missing;
    /// each migration runs in its own transaction, so the one that comes second fails without writing anything
    /// (the table exists already) and, on another try, finds the migration applied.
    static func migrate(_ pool: DatabasePool) throws {
        var attempt = 0
        while true {
            do {
                try SQLiteMigrations.migrator.migrate(pool)
                return
            } catch is DatabaseError where attempt < 5 {
                attempt += 1
                let applied = try pool.read { db in try SQLiteMigrations.migrator.hasCompletedMigrations(db) }
                if applied { return }
                usleep(useconds_t(50_000 * attempt))
            }
        }
    }

    public func insert(_ indexed: IndexedArticle, raw: RawDocument) async throws -> InsertOutcome {
        try await pool.write { [session] db in try Self.insert(db, indexed, raw: raw, writer: session) }
    }

    /// Stores a batch in one transaction; when any article fails, the batch rolls back and goes article by
    /// article, so one bad article costs only itself.
    public func insert(batch: [(IndexedArticle, RawDocument)]) async throws -> [Result<InsertOutcome, any Error>] {
        do {
            let outcomes = try await pool.write { [session] db in
                try batch.map { try Self.insert(db, $0.0, raw: $0.1, writer: session) }
            }
            return outcomes.map { .success($0) }
        } catch {
            return await insertOneByOne(batch)
        }
    }

    private static func insert(_ db: Database, _ indexed: IndexedArticle, raw: RawDocument, writer: String) throws
        -> InsertOutcome
    {
        let article = indexed.article
        if let existing = try Int64.fetchOne(
            db,
            sql:
                "SELECT article.id FROM article JOIN raw_document ON raw_document.id = article.raw_id WHERE raw_document.content_hash = ?",
            arguments: [article.contentHash]
        ) {
            return .known(ArticleID(existing))
        }
        if let url = article.url,
            let existing = try Int64.fetchOne(
                db,
                sql: "SELECT id FROM article WHERE url = ? AND body_hash = ? LIMIT 1",
                arguments: [url, article.bodyHash]
            )
        {
            return .known(ArticleID(existing))
        }
        let rawID = try Self.insertRawRow(db, raw: raw, hash: article.contentHash)
        let now = Date()
        try db.execute(
            sql: """
                INSERT INTO article (raw_id, origin, url, outlet, outlet_source, title, title_derived, byline,
                  published_at, published_text, published_source, language, language_confidence, body, body_hash,
                  encoding, sentences, token_count, produced_by, created_at, canonical_url, modified_at, modified_text,
                  modified_source, section, tags)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                rawID, article.origin, article.url, article.outlet?.domain, article.outlet?.source.rawValue,
                article.title, article.titleDerived, article.byline, article.published?.date,
                article.published?.text, article.published?.source.rawValue, article.language.rawValue,
                article.languageConfidence, article.body, article.bodyHash, article.encoding,
                try Self.json(article.sentences.map { [$0.span.start, $0.span.end] }), article.tokenCount,
                try Self.json(article.producedBy.map(\.rawValue)), now, article.canonicalURL, article.modified?.date,
                article.modified?.text, article.modified?.source.rawValue, article.section, try Self.json(article.tags),
            ]
        )
        let id = db.lastInsertedRowID
        for (position, link) in article.related.enumerated() {
            try db.execute(
                sql: "INSERT INTO related_link (article_id, position, title, url, kind) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, position, link.title, link.url, link.kind.rawValue]
            )
        }
        try db.execute(
            sql: "INSERT INTO annotation (article_id, entities, quotes, dates) VALUES (?, ?, ?, ?)",
            arguments: [id, try json(article.entities), try json(article.quotes), try json(article.dates)]
        )
        for mention in article.entities {
            try db.execute(
                sql: "INSERT INTO entity_mention (article_id, start, end, kind, name) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    id, mention.span.start, mention.span.end, mention.kind.rawValue,
                    mention.span.text(in: article.body),
                ]
            )
        }
        try db.execute(
            sql: "INSERT INTO article_search (rowid, title_terms, body_terms) VALUES (?, ?, ?)",
            arguments: [id, indexed.titleTerms, indexed.bodyTerms]
        )
        // Stored and queued for the linker in one transaction: a process killed after this commit leaves the
        // article for the next linker, never unlinked for good.
        try db.execute(
            sql: "INSERT INTO pending_link (article_id, queued_at, writer) VALUES (?, ?, ?)",
            arguments: [id, now, writer])
        return .inserted(ArticleID(id))
    }

    public func insertRaw(_ raw: RawDocument) async throws -> RawInsertOutcome {
        let hash = raw.contentHash
        return try await pool.write { db in
            if let existing = try Int64.fetchOne(
                db, sql: "SELECT id FROM raw_document WHERE content_hash = ?", arguments: [hash])
            {
                return .known(existing)
            }
            return .inserted(try Self.insertRawRow(db, raw: raw, hash: hash))
        }
    }

    public func article(_ id: ArticleID) async throws -> Article? {
        try await pool.read { db in
            try Self.fetchArticles(db, sql: "SELECT * FROM article WHERE id = ?", arguments: [id.rawValue]).first
        }
    }

    public func articles(limit: Int, offset: Int) async throws -> [Article] {
        try await pool.read { db in
            try Self.fetchArticles(
                db, sql: "SELECT * FROM article ORDER BY id LIMIT ? OFFSET ?",
                arguments: [Int64(clamping: limit), offset])
        }
    }

    public func articleCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article") ?? 0 }
    }

    public func search(_ query: SearchQuery) async throws -> [SearchHit] {
        guard let match = Self.matchExpression(query.expression) else { return [] }
        return try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT rowid, bm25(article_search, 5.0, 1.0) AS rank FROM article_search
                    WHERE article_search MATCH ? ORDER BY rank, rowid LIMIT ?
                    """,
                arguments: [match, query.limit]
            )
            var hits: [SearchHit] = []
            for row in rows {
                let id: Int64 = row["rowid"]
                let rank: Double = row["rank"]
                if let article = try Self.fetchArticles(db, sql: "SELECT * FROM article WHERE id = ?", arguments: [id])
                    .first
                {
                    // bm25() is lower-is-better and negative; report higher-is-better.
                    hits.append(SearchHit(article: article, score: -rank))
                }
            }
            return hits
        }
    }

    public func rankedMatches(_ query: SearchQuery) async throws -> [(id: Int64, score: Double)] {
        guard let match = Self.matchExpression(query.expression) else { return [] }
        return try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT rowid, bm25(article_search, 5.0, 1.0) AS rank FROM article_search
                    WHERE article_search MATCH ? ORDER BY rank, rowid LIMIT ?
                    """,
                arguments: [match, Int64(clamping: query.limit)]
            ).map { row in (id: row["rowid"], score: -(row["rank"] as Double)) }
        }
    }

    /// The FTS5 expression of a query, every term quoted so that no user input is read as FTS5 syntax:
    /// `("runding" OR "berund") AND title_terms : ("iran")`; `nil` when it has no term.
    static func matchExpression(_ expression: SearchExpression) -> String? {
        func quote(_ term: String) -> String { "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        func column(_ field: SearchExpression.Field?, _ text: String) -> String {
            field == .title ? "title_terms : " + text : text
        }
        switch expression {
        case .phrase(let positions, let field):
            let clean = positions.map { $0.filter { !$0.isEmpty } }.filter { !$0.isEmpty }
            guard !clean.isEmpty else { return nil }
            let alternatives: [String]
            if clean.count == 1 {
                alternatives = clean[0].map(quote)
            } else {
                // One phrase per reading (each position's first, second, … term), so that "Jakarta Selatan" matches
                // as consecutive terms however each word was stemmed.
                let readings = (0..<(clean.map(\.count).max() ?? 1)).map { reading in
                    clean.map { $0[min(reading, $0.count - 1)] }.joined(separator: " ")
                }
                var seen = Set<String>()
                alternatives = readings.filter { seen.insert($0).inserted }.map(quote)
            }
            return column(field, "(" + alternatives.joined(separator: " OR ") + ")")
        case .prefix(let text, let field):
            guard !text.isEmpty else { return nil }
            return column(field, "(" + quote(text) + " *)")
        case .and(let parts), .or(let parts):
            let operands = parts.compactMap(matchExpression)
            guard !operands.isEmpty else { return nil }
            if case .and = expression { return "(" + operands.joined(separator: " AND ") + ")" }
            return "(" + operands.joined(separator: " OR ") + ")"
        case .not(let positive, let negative):
            guard let kept = matchExpression(positive) else { return nil }
            guard let dropped = matchExpression(negative) else { return kept }
            return "(" + kept + " NOT " + dropped + ")"
        }
    }

    /// The FTS5 expression for query words (every word must match one of its terms).
    static func matchExpression(_ words: [[String]]) -> String? {
        matchExpression(SearchQuery(words: words).expression)
    }

    // MARK: - Rows

    private static func insertRawRow(_ db: Database, raw: RawDocument, hash: String) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO raw_document (content_hash, origin, url, content_type, declared_charset, fetched_at, bytes,
                  ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                hash, raw.origin, raw.url, raw.contentType.rawValue, raw.declaredCharset, raw.fetchedAt,
                Data(raw.bytes), Date(),
            ]
        )
        return db.lastInsertedRowID
    }

    private static func fetchArticles(_ db: Database, sql: String, arguments: StatementArguments) throws -> [Article] {
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        return try rows.map { row in
            let id: Int64 = row["id"]
            let links = try Row.fetchAll(
                db, sql: "SELECT title, url, kind FROM related_link WHERE article_id = ? ORDER BY position",
                arguments: [id]
            ).map { link in
                RelatedLink(
                    title: link["title"], url: link["url"], kind: RelatedLink.Kind(rawValue: link["kind"]) ?? .inline)
            }
            let annotation = try Row.fetchOne(
                db, sql: "SELECT entities, quotes, dates FROM annotation WHERE article_id = ?", arguments: [id])
            let spans: [[Int]] = try decode(row["sentences"])
            let producedBy: [String] = try decode(row["produced_by"])
            let rawHash =
                try String.fetchOne(
                    db, sql: "SELECT content_hash FROM raw_document WHERE id = ?", arguments: [row["raw_id"] as Int64])
                ?? ""
            let outlet: String? = row["outlet"]
            let outletSource: String? = row["outlet_source"]
            let publishedText: String? = row["published_text"]
            let publishedSource: String? = row["published_source"]
            let modifiedText: String? = row["modified_text"]
            let modifiedSource: String? = row["modified_source"]
            return Article(
                id: ArticleID(id),
                origin: row["origin"],
                url: row["url"],
                outlet: outlet.map {
                    Outlet(domain: $0, source: outletSource.flatMap(Outlet.Source.init(rawValue:)) ?? .record)
                },
                title: row["title"],
                titleDerived: row["title_derived"],
                byline: row["byline"],
                published: publishedText.map {
                    PublishedDate(
                        date: row["published_at"], text: $0,
                        source: publishedSource.flatMap(PublishedDate.Source.init(rawValue:)) ?? .record)
                },
                language: LanguageCode(rawValue: row["language"]) ?? .other,
                languageConfidence: row["language_confidence"],
                body: row["body"],
                related: links,
                sentences: Sentence.stored(spans),
                tokenCount: row["token_count"],
                encoding: row["encoding"],
                contentHash: rawHash,
                bodyHash: row["body_hash"],
                producedBy: producedBy.map { StageName($0) },
                canonicalURL: row["canonical_url"],
                modified: modifiedText.map {
                    PublishedDate(
                        date: row["modified_at"], text: $0,
                        source: modifiedSource.flatMap(PublishedDate.Source.init(rawValue:)) ?? .meta)
                },
                section: row["section"],
                tags: try decode(row["tags"]),
                entities: try annotation.map { try decode($0["entities"]) } ?? [],
                quotes: try annotation.map { try decode($0["quotes"]) } ?? [],
                dates: try annotation.map { try decode($0["dates"]) } ?? []
            )
        }
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}

extension SQLiteStore {
    /// The FTS5 expression a query becomes; exposed for tests that check the quoting.
    public static func matchExpressionForTesting(_ words: [[String]]) -> String? {
        matchExpression(words)
    }
}

extension SQLiteStore: StoryStore {
    public func links() async throws -> [ArticleLink] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql:
                    """
                    SELECT article_id, position, event_id, storyline_id, duplicate_of, merged_events, follow_up_of
                    FROM article_link ORDER BY position
                    """
            ).map { row in
                let duplicate: Int64? = row["duplicate_of"]
                return ArticleLink(
                    article: ArticleID(row["article_id"]), position: row["position"], event: row["event_id"] - 1,
                    storyline: row["storyline_id"] - 1, duplicateOf: duplicate.map(ArticleID.init),
                    mergedEvents: try Self.decode(row["merged_events"]), followUpOf: row["follow_up_of"])
            }
        }
    }

    public func lastLinkPosition() async throws -> Int? {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT MAX(position) FROM article_link") }
    }

    public func pendingLinks(limit: Int) async throws -> [ArticleID] {
        try await pool.read { db in
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT pending_link.article_id FROM pending_link JOIN article ON article.id = pending_link.article_id
                    ORDER BY article.published_at IS NULL, article.published_at, article.raw_id, pending_link.article_id LIMIT ?
                    """,
                arguments: [Int64(clamping: limit)]
            ).map(ArticleID.init)
        }
    }

    public func pendingLinkCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pending_link") ?? 0 }
    }

    public func acquireLinkerLease(holder: String, now: Date, duration: TimeInterval) async throws -> LinkerLease? {
        try await pool.write { db in
            let expires = now.timeIntervalSince1970 + duration
            guard let row = try Row.fetchOne(db, sql: "SELECT holder, epoch, expires_at FROM linker_lease WHERE id = 1")
            else {
                try db.execute(
                    sql: "INSERT INTO linker_lease (id, holder, epoch, expires_at) VALUES (1, ?, 1, ?)",
                    arguments: [holder, expires])
                return LinkerLease(holder: holder, epoch: 1, expires: Date(timeIntervalSince1970: expires))
            }
            let current = Self.lease(row)
            if current.holder == holder && current.expires > now {
                try db.execute(sql: "UPDATE linker_lease SET expires_at = ? WHERE id = 1", arguments: [expires])
                return LinkerLease(holder: holder, epoch: current.epoch, expires: Date(timeIntervalSince1970: expires))
            }
            guard current.expires <= now else { return nil }
            let epoch = current.epoch + 1
            try db.execute(
                sql: "UPDATE linker_lease SET holder = ?, epoch = ?, expires_at = ? WHERE id = 1",
                arguments: [holder, epoch, expires])
            return LinkerLease(holder: holder, epoch: epoch, expires: Date(timeIntervalSince1970: expires))
        }
    }

    public func linkerLease() async throws -> LinkerLease? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT holder, epoch, expires_at FROM linker_lease WHERE id = 1").map(Self.lease)
        }
    }

    public func releaseLinkerLease(_ lease: LinkerLease) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE linker_lease SET expires_at = 0 WHERE id = 1 AND holder = ? AND epoch = ?",
                arguments: [lease.holder, lease.epoch])
        }
    }

    public func saveLink(
        _ link: ArticleLink, title: String, dates: [DateMention]?, lease: LinkerLease, now: Date,
        duration: TimeInterval
    ) async throws -> LinkerLease {
        let encodedDates = try dates.map(Self.json)
        let merged = try Self.json(link.mergedEvents)
        return try await pool.write { db in
            let renewed = try Self.fence(db, lease, now: now, duration: duration)
            // Cached statements: one decision per transaction, and compiling its five statements each time cost
            // more than running them.
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO storyline (id, title) VALUES (?, ?)")
                .execute(arguments: [link.storyline + 1, title])
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO event (id, storyline_id, title) VALUES (?, ?, ?)")
                .execute(arguments: [link.event + 1, link.storyline + 1, title])
            // A plain insert: with one linker per store, a second decision for an article or a position is a bug,
            // and it fails instead of replacing another process's decision.
            try db.cachedStatement(
                sql: """
                    INSERT INTO article_link (
                        article_id, position, event_id, storyline_id, duplicate_of, merged_events, follow_up_of)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    link.article.rawValue, link.position, link.event + 1, link.storyline + 1,
                    link.duplicateOf?.rawValue, merged, link.followUpOf,
                ])
            try db.cachedStatement(sql: "DELETE FROM pending_link WHERE article_id = ?")
                .execute(arguments: [link.article.rawValue])
            if let encodedDates {
                try db.cachedStatement(sql: "UPDATE annotation SET dates = ? WHERE article_id = ?")
                    .execute(arguments: [encodedDates, link.article.rawValue])
            }
            return renewed
        }
    }

    public func registerWriter(_ holder: String, now: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO active_writer (holder, heartbeat) VALUES (?, ?)",
                arguments: [holder, now.timeIntervalSince1970])
        }
    }

    public func unregisterWriter(_ holder: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM active_writer WHERE holder = ?", arguments: [holder])
        }
    }

    public func otherWriters(than holder: String, since: Date) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT holder FROM active_writer WHERE holder != ? AND heartbeat > ? ORDER BY holder",
                arguments: [holder, since.timeIntervalSince1970])
        }
    }

    public func resetLinks(lease: LinkerLease) async throws {
        try await pool.write { db in
            _ = try Self.fence(db, lease, now: Date(), duration: lease.expires.timeIntervalSinceNow)
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO pending_link (article_id, queued_at) SELECT id, CURRENT_TIMESTAMP FROM article;
                    DELETE FROM article_link;
                    DELETE FROM event;
                    DELETE FROM storyline;
                    """)
        }
    }

    /// Renews `lease` inside the caller's transaction, or throws when it is no longer the store's lease.
    private static func fence(_ db: Database, _ lease: LinkerLease, now: Date, duration: TimeInterval) throws
        -> LinkerLease
    {
        let expires = now.timeIntervalSince1970 + max(duration, 0)
        try db.cachedStatement(sql: "UPDATE linker_lease SET expires_at = ? WHERE id = 1 AND holder = ? AND epoch = ?")
            .execute(arguments: [expires, lease.holder, lease.epoch])
        guard db.changesCount == 1 else { throw LinkerLeaseLost(holder: lease.holder, epoch: lease.epoch) }
        return LinkerLease(holder: lease.holder, epoch: lease.epoch, expires: Date(timeIntervalSince1970: expires))
    }

    private static func lease(_ row: Row) -> LinkerLease {
        LinkerLease(
            holder: row["holder"], epoch: row["epoch"], expires: Date(timeIntervalSince1970: row["expires_at"]))
    }
}

extension SQLiteStore {
    /// The splits users asked for, in the order they asked: (entity name, alias).
    public func entitySplits() async throws -> [(entity: String, alias: String)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT entity, alias FROM entity_split ORDER BY rowid").map {
                ($0["entity"], $0["alias"])
            }
        }
    }

    /// Remembers that `alias` must stay apart from `entity`.
    public func saveEntitySplit(entity: String, alias: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO entity_split (entity, alias) VALUES (?, ?)", arguments: [entity, alias])
        }
    }
}

extension SQLiteStore: CrawlStore {
    public func addFeeds(_ urls: [String], interval: TimeInterval, now: Date) async throws -> Int {
        try await pool.write { db in
            var added = 0
            for url in urls {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO crawl_feed (url, next_poll, interval, added) VALUES (?, ?, ?, ?)
                        """,
                    arguments: [url, now.timeIntervalSince1970, interval, now.timeIntervalSince1970])
                added += db.changesCount
            }
            return added
        }
    }

    public func feeds() async throws -> [FeedState] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM crawl_feed ORDER BY added, url").map { row in
                var feed = FeedState(
                    url: row["url"], interval: row["interval"],
                    now: Date(timeIntervalSince1970: row["added"]))
                feed.etag = row["etag"]
                feed.lastModified = row["last_modified"]
                feed.bodyHash = row["body_hash"]
                feed.nextPoll = Date(timeIntervalSince1970: row["next_poll"])
                feed.failures = row["failures"]
                feed.lastSuccess = (row["last_success"] as Double?).map(Date.init(timeIntervalSince1970:))
                feed.lastError = row["last_error"]
                feed.lastErrorAt = (row["last_error_at"] as Double?).map(Date.init(timeIntervalSince1970:))
                feed.retired = row["retired"]
                return feed
            }
        }
    }

    public func saveFeed(_ feed: FeedState) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO crawl_feed (url, etag, last_modified, body_hash, next_poll, interval,
                        failures, last_success, last_error, last_error_at, retired, added)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    feed.url, feed.etag, feed.lastModified, feed.bodyHash, feed.nextPoll.timeIntervalSince1970,
                    feed.interval, feed.failures, feed.lastSuccess?.timeIntervalSince1970, feed.lastError,
                    feed.lastErrorAt?.timeIntervalSince1970, feed.retired, feed.added.timeIntervalSince1970,
                ])
        }
    }

    public func crawledURLs(among urls: [String]) async throws -> Set<String> {
        guard !urls.isEmpty else { return [] }
        return try await pool.read { db in
            var found = Set<String>()
            // SQLite allows a limited number of parameters: ask in slices.
            for start in stride(from: 0, to: urls.count, by: 500) {
                let slice = Array(urls[start..<min(urls.count, start + 500)])
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ",")
                let rows = try String.fetchAll(
                    db, sql: "SELECT url FROM crawl_url WHERE url IN (\(marks))",
                    arguments: StatementArguments(slice))
                found.formUnion(rows)
            }
            return found
        }
    }

    public func recordCrawl(url: String, feed: String, outcome: CrawlOutcome, article: ArticleID?, at: Date)
        async throws
    {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO crawl_url (url, feed, outcome, article_id, at) VALUES (?, ?, ?, ?, ?)",
                arguments: [url, feed, outcome.rawValue, article?.rawValue, at.timeIntervalSince1970])
        }
    }

    public func storedCounts(since: Date) async throws -> [String: Int] {
        try await pool.read { db in
            var counts: [String: Int] = [:]
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT feed, COUNT(*) AS n FROM crawl_url WHERE outcome = 'stored' AND at >= ? GROUP BY feed",
                arguments: [since.timeIntervalSince1970])
            for row in rows { counts[row["feed"]] = row["n"] }
            return counts
        }
    }
}
