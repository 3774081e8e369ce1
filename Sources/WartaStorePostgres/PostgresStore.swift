import Foundation
import Logging
import PostgresNIO
import WartaCore
import WartaStore

/// The scale-out store: one PostgreSQL database shared by many processes, through a pool of connections.
///
/// The same logical schema and behaviour as `SQLiteStore` (one conformance suite checks both); idempotence rests on
/// unique keys and `ON CONFLICT`, so several writers may store the same document at once and it is stored once.
/// Call ``close()`` when done: the pool's connections run in a task of their own until then.
public final class PostgresStore: ArticleStore, SearchIndex, Sendable {
    let client: PostgresClient
    private let runner: Task<Void, Never>
    let logger: Logger
    /// The server and database, without the password (for messages).
    public let address: String
    /// This handle's name in the pending queue, the writer list and the linker lease.
    public let session: String
    /// Wakes idle workers when documents are queued (`LISTEN/NOTIFY`).
    let workSignal = WorkSignal()

    /// Connects to the database at `url` (`postgres://user:password@host:port/database`, `?sslmode=require` for
    /// TLS) and migrates it to the current schema.
    /// - Throws: `WartaError` W0301 when the URL is not understood, the server cannot be reached or the
    ///   migration fails.
    /// - Parameter synchronousCommit: `false` for writes that can be done again (workers: a document whose article
    ///   a server crash lost is still queued; the linker: a lost decision leaves its article pending), so that a
    ///   commit does not wait for its WAL to reach the disk. A process killed loses nothing either way.
    public init(url: String, maximumConnections: Int = 8, synchronousCommit: Bool = true) async throws {
        let address = try PostgresAddress(url)
        self.address = address.display
        logger = Self.quietLogger
        // One connection first: a server that refuses, a wrong password or a missing database is reported at
        // once (the pool would retry them in the background), and the schema is migrated on it.
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try address.connection(), id: 0, logger: Self.quietLogger)
            do {
                try await PostgresMigrations.migrate(connection, logger: Self.quietLogger)
                try? await connection.close()
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            throw WartaError.database(path: address.display, reason: Self.describe(error))
        }
        var settings = address.client
        settings.options.maximumConnections = max(1, maximumConnections)
        if !synchronousCommit { settings.options.additionalStartupParameters.append(("synchronous_commit", "off")) }
        let client = PostgresClient(configuration: settings)
        self.client = client
        let info = ProcessInfo.processInfo
        session = "\(info.hostName):\(info.processIdentifier):\(UInt32.random(in: 0...UInt32.max))"
        runner = Task { await client.run() }
    }

    /// Logs nothing: errors reach the caller as `WartaError`s.
    static let quietLogger = Logger(label: "warta.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    deinit { close() }

    /// Closes the pool's connections.
    public func close() {
        let signal = workSignal
        Task { await signal.stop() }
        runner.cancel()
    }

    /// A PostgreSQL error as a person can act on it: the server's message and detail, or the client's reason.
    static func describe(_ error: any Error) -> String {
        if let transaction = error as? PostgresTransactionError {
            if let inner = transaction.closureError { return describe(inner) }
            if let inner = transaction.commitError { return describe(inner) }
            if let inner = transaction.beginError { return describe(inner) }
        }
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] {
                let detail = psql.serverInfo?[.detail].map { " (\($0))" } ?? ""
                return message + detail
            }
            if let underlying = psql.underlying { return "\(psql.code): \(underlying)" }
            return "\(psql.code)"
        }
        return "\(error)"
    }

    /// Runs `body` in one transaction, turning PostgreSQL's errors into `WartaError` (W0301); errors `body` throws
    /// itself reach the caller as they are.
    func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            if let inner = error.closureError, !(inner is PSQLError) { throw inner }
            throw WartaError.databaseFailed(path: address, reason: Self.describe(error))
        } catch let error as PSQLError {
            throw WartaError.databaseFailed(path: address, reason: Self.describe(error))
        }
    }

    /// Runs one statement outside a transaction and collects its rows.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        do {
            var collected: [PostgresRow] = []
            for try await row in try await client.query(query, logger: logger) { collected.append(row) }
            return collected
        } catch let error as PSQLError {
            throw WartaError.databaseFailed(path: address, reason: Self.describe(error))
        }
    }

    // MARK: - Articles

    /// An article already stored by another writer between this writer's check and its insert: the transaction
    /// rolls back and the insert reports the stored one.
    private struct StoredMeanwhile: Error { var id: Int64 }

    public func insert(_ indexed: IndexedArticle, raw: RawDocument) async throws -> InsertOutcome {
        do {
            return try await transaction { [session] connection in
                try await Self.insert(connection, indexed, raw: raw, writer: session, logger: logger)
            }
        } catch let stored as StoredMeanwhile {
            return .known(ArticleID(stored.id))
        }
    }

    /// Stores a batch in one transaction; when any article fails, the batch rolls back and goes article by
    /// article, so one bad article costs only itself.
    public func insert(batch: [(IndexedArticle, RawDocument)]) async throws -> [Result<InsertOutcome, any Error>] {
        do {
            let outcomes = try await transaction { [session, logger] connection in
                var outcomes: [InsertOutcome] = []
                for (indexed, raw) in batch {
                    outcomes.append(
                        try await Self.insert(connection, indexed, raw: raw, writer: session, logger: logger))
                }
                return outcomes
            }
            return outcomes.map { .success($0) }
        } catch {
            return await insertOneByOne(batch)
        }
    }

    private static func insert(
        _ connection: PostgresConnection, _ indexed: IndexedArticle, raw: RawDocument, writer: String, logger: Logger
    ) async throws -> InsertOutcome {
        let article = indexed.article
        func first(_ query: PostgresQuery) async throws -> Int64? {
            for try await id in try await connection.query(query, logger: logger).decode(Int64.self) { return id }
            return nil
        }
        // The same bytes, or the same URL with the same body: already stored (the bytes' article first).
        if let existing = try await first(
            """
            SELECT id FROM (
                SELECT article.id, 0 AS rank FROM article JOIN raw_document ON raw_document.id = article.raw_id
                WHERE raw_document.content_hash = \(article.contentHash)
                UNION ALL
                SELECT id, 1 FROM article WHERE url = \(article.url) AND body_hash = \(article.bodyHash)) AS known
            ORDER BY rank, id LIMIT 1
            """)
        {
            return .known(ArticleID(existing))
        }
        let rawID: Int64
        if let inserted = try await first(insertRawQuery(raw, hash: article.contentHash)) {
            rawID = inserted
        } else if let existing = try await first(
            "SELECT id FROM raw_document WHERE content_hash = \(article.contentHash)")
        {
            // The bytes came before without an article (`insertRaw`), or another writer just stored them.
            if let stored = try await first("SELECT id FROM article WHERE raw_id = \(existing)") {
                return .known(ArticleID(stored))
            }
            rawID = existing
        } else {
            throw WartaError.databaseFailed(path: "postgres", reason: "raw document \(article.contentHash) vanished")
        }
        let now = Date()
        let sentences = try json(article.sentences.map { [$0.span.start, $0.span.end] })
        let producedBy = try json(article.producedBy.map(\.rawValue))
        let tags = try json(article.tags)
        let titleTerms = PostgresSearch.capped(PostgresSearch.fold(indexed.titleTerms))
        let bodyTerms = PostgresSearch.capped(PostgresSearch.fold(indexed.bodyTerms))
        let positions = article.related.indices.map { Int64($0) }
        let linkTitles = article.related.map(\.title)
        let linkURLs = article.related.map { $0.url ?? "" }
        let hasURL = article.related.map { $0.url != nil }
        let linkKinds = article.related.map(\.kind.rawValue)
        let entities = try json(article.entities)
        let quotes = try json(article.quotes)
        let dates = try json(article.dates)
        let starts = article.entities.map { Int64($0.span.start) }
        let ends = article.entities.map { Int64($0.span.end) }
        let kinds = article.entities.map(\.kind.rawValue)
        let names = article.entities.map { $0.span.text(in: article.body) }
        // One statement, one round trip: the article, its related links, annotations and entity mentions (arrays
        // unnested on the server), and its place in the linker's queue, stored and queued together, so a process
        // killed after this commit leaves the article for the next linker, never unlinked for good.
        let insertArticle: PostgresQuery = """
            WITH stored AS (
                INSERT INTO article (raw_id, origin, url, outlet, outlet_source, title, title_derived, byline,
                  published_at, published_text, published_source, language, language_confidence, body, body_hash,
                  encoding, sentences, token_count, produced_by, created_at, canonical_url, modified_at, modified_text,
                  modified_source, section, tags, title_vector, body_vector)
                VALUES (\(rawID), \(article.origin), \(article.url), \(article.outlet?.domain),
                  \(article.outlet?.source.rawValue), \(article.title), \(article.titleDerived), \(article.byline),
                  \(article.published?.date), \(article.published?.text), \(article.published?.source.rawValue),
                  \(article.language.rawValue), \(article.languageConfidence), \(article.body), \(article.bodyHash),
                  \(article.encoding), \(sentences), \(Int64(article.tokenCount)), \(producedBy), \(now),
                  \(article.canonicalURL), \(article.modified?.date), \(article.modified?.text),
                  \(article.modified?.source.rawValue), \(article.section), \(tags),
                  to_tsvector('simple', \(titleTerms)), to_tsvector('simple', \(bodyTerms)))
                ON CONFLICT DO NOTHING RETURNING id),
            links AS (
                INSERT INTO related_link (article_id, position, title, url, kind)
                SELECT stored.id, link.position, link.title, CASE WHEN link.has_url THEN link.url END, link.kind
                FROM stored, unnest(\(positions)::bigint[], \(linkTitles)::text[], \(linkURLs)::text[],
                    \(hasURL)::boolean[], \(linkKinds)::text[]) AS link (position, title, url, has_url, kind)),
            annotated AS (
                INSERT INTO annotation (article_id, entities, quotes, dates)
                SELECT id, \(entities), \(quotes), \(dates) FROM stored),
            mentioned AS (
                INSERT INTO entity_mention (article_id, start_offset, end_offset, kind, name)
                SELECT stored.id, mention.* FROM stored, unnest(\(starts)::bigint[], \(ends)::bigint[],
                    \(kinds)::text[], \(names)::text[]) AS mention),
            queued AS (
                INSERT INTO pending_link (article_id, queued_at, writer) SELECT id, \(now), \(writer) FROM stored)
            SELECT id FROM stored
            """
        guard let id = try await first(insertArticle) else {
            // Another writer stored this URL and body (or these bytes) after the check above; its transaction has
            // committed, so a new statement sees its row.
            let stored = try await first(
                """
                SELECT id FROM article WHERE raw_id = \(rawID) OR (url = \(article.url) AND body_hash = \(article.bodyHash))
                ORDER BY id LIMIT 1
                """)
            throw StoredMeanwhile(id: stored ?? 0)
        }
        return .inserted(ArticleID(id))
    }

    static func insertRawQuery(_ raw: RawDocument, hash: String) -> PostgresQuery {
        let bytes = ByteBuffer(bytes: raw.bytes)
        return """
            INSERT INTO raw_document (content_hash, origin, url, content_type, declared_charset, fetched_at, bytes,
              ingested_at, hints)
            VALUES (\(hash), \(raw.origin), \(raw.url), \(raw.contentType.rawValue), \(raw.declaredCharset),
              \(raw.fetchedAt), \(bytes), \(Date()), \(hintsJSON(raw.hints)))
            ON CONFLICT (content_hash) DO NOTHING RETURNING id
            """
    }

    public func insertRaw(_ raw: RawDocument) async throws -> RawInsertOutcome {
        let hash = raw.contentHash
        return try await transaction { [logger] connection in
            for try await id in try await connection.query(Self.insertRawQuery(raw, hash: hash), logger: logger)
                .decode(Int64.self)
            {
                return .inserted(id)
            }
            for try await id in try await connection.query(
                "SELECT id FROM raw_document WHERE content_hash = \(hash)", logger: logger
            ).decode(Int64.self) {
                return .known(id)
            }
            throw WartaError.databaseFailed(path: "postgres", reason: "raw document \(hash) vanished")
        }
    }

    public func article(_ id: ArticleID) async throws -> Article? {
        try await fetchArticles("WHERE article.id = $1", binds: { $0.append(id.rawValue) }).first
    }

    public func articles(limit: Int, offset: Int) async throws -> [Article] {
        try await fetchArticles(
            "ORDER BY article.id LIMIT $1 OFFSET $2",
            binds: {
                $0.append(Int64(clamping: limit))
                $0.append(Int64(clamping: offset))
            })
    }

    /// Articles with the given ids, in the order given (missing ids skipped).
    public func articles(ids: [Int64]) async throws -> [Article] {
        guard !ids.isEmpty else { return [] }
        let found = try await fetchArticles("WHERE article.id = ANY($1)", binds: { $0.append(ids) })
        let byID = Dictionary(found.compactMap { article in article.id.map { ($0.rawValue, article) } }) { a, _ in a }
        return ids.compactMap { byID[$0] }
    }

    public func articleCount() async throws -> Int {
        for row in try await rows("SELECT count(*) FROM article") {
            return Int(try row.decode(Int64.self))
        }
        return 0
    }

    // MARK: - Search

    public func search(_ query: SearchQuery) async throws -> [SearchHit] {
        let ranked = try await rankedMatches(query)
        let articles = try await articles(ids: ranked.map(\.id))
        let scores = Dictionary(ranked.map { ($0.id, $0.score) }) { a, _ in a }
        return articles.compactMap { article in
            article.id.flatMap { id in scores[id.rawValue].map { SearchHit(article: article, score: $0) } }
        }
    }

    /// Matches ranked by `ts_rank`, title terms weighing five times body terms (as the SQLite store's bm25 weights).
    public func rankedMatches(_ query: SearchQuery) async throws -> [(id: Int64, score: Double)] {
        guard let compiled = PostgresSearch.compile(query.expression) else { return [] }
        var binds = compiled.binds
        binds.append(Int64(clamping: query.limit))
        let sql = """
            SELECT id, ts_rank('{0.2, 0.2, 0.2, 1.0}', setweight(title_vector, 'A') || body_vector, \(compiled.rank))
                AS score
            FROM article WHERE \(compiled.predicate) ORDER BY score DESC, id LIMIT $\(binds.count)
            """
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: binds)).map { row in
            let (id, score) = try row.decode((Int64, Float).self)
            return (id: id, score: Double(score))
        }
    }

    // MARK: - Rows

    private static let articleColumns = """
        article.id, article.origin, article.url, article.outlet, article.outlet_source, article.title,
        article.title_derived, article.byline, article.published_at, article.published_text, article.published_source,
        article.language, article.language_confidence, article.body, article.body_hash, article.encoding,
        article.sentences, article.token_count, article.produced_by, article.canonical_url, article.modified_at,
        article.modified_text, article.modified_source, article.section, article.tags, raw_document.content_hash,
        annotation.entities, annotation.quotes, annotation.dates,
        (SELECT coalesce(json_agg(json_build_array(title, url, kind) ORDER BY position), '[]')::text
         FROM related_link WHERE related_link.article_id = article.id) AS related
        """

    private func fetchArticles(_ clause: String, binds fill: (inout PostgresBindings) -> Void) async throws
        -> [Article]
    {
        var binds = PostgresBindings()
        fill(&binds)
        let sql = """
            SELECT \(Self.articleColumns) FROM article
            JOIN raw_document ON raw_document.id = article.raw_id
            LEFT JOIN annotation ON annotation.article_id = article.id
            \(clause)
            """
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: binds)).map(Self.article)
    }

    private static func article(_ row: PostgresRow) throws -> Article {
        let cells = row.makeRandomAccess()
        func text(_ name: String) throws -> String { try cells[name].decode(String.self) }
        func optional(_ name: String) throws -> String? { try cells[name].decode(String?.self) }
        let spans: [[Int]] = try decode(text("sentences"))
        let producedBy: [String] = try decode(text("produced_by"))
        let related: [[String?]] = try decode(text("related"))
        let outletSource = try optional("outlet_source")
        let publishedSource = try optional("published_source")
        let modifiedSource = try optional("modified_source")
        let publishedAt = try cells["published_at"].decode(Date?.self)
        let modifiedAt = try cells["modified_at"].decode(Date?.self)
        return Article(
            id: ArticleID(try cells["id"].decode(Int64.self)),
            origin: try text("origin"),
            url: try optional("url"),
            outlet: try optional("outlet").map {
                Outlet(domain: $0, source: outletSource.flatMap(Outlet.Source.init(rawValue:)) ?? .record)
            },
            title: try text("title"),
            titleDerived: try cells["title_derived"].decode(Bool.self),
            byline: try optional("byline"),
            published: try optional("published_text").map {
                PublishedDate(
                    date: publishedAt, text: $0,
                    source: publishedSource.flatMap(PublishedDate.Source.init(rawValue:)) ?? .record)
            },
            language: LanguageCode(rawValue: try text("language")) ?? .other,
            languageConfidence: try cells["language_confidence"].decode(Double.self),
            body: try text("body"),
            related: related.compactMap { link in
                guard link.count == 3, let title = link[0] else { return nil }
                return RelatedLink(
                    title: title, url: link[1], kind: link[2].flatMap(RelatedLink.Kind.init(rawValue:)) ?? .inline)
            },
            sentences: Sentence.stored(spans),
            tokenCount: Int(try cells["token_count"].decode(Int64.self)),
            encoding: try text("encoding"),
            contentHash: try text("content_hash"),
            bodyHash: try text("body_hash"),
            producedBy: producedBy.map { StageName($0) },
            canonicalURL: try optional("canonical_url"),
            modified: try optional("modified_text").map {
                PublishedDate(
                    date: modifiedAt, text: $0,
                    source: modifiedSource.flatMap(PublishedDate.Source.init(rawValue:)) ?? .meta)
            },
            section: try optional("section"),
            tags: try decode(text("tags")),
            entities: try optional("entities").map { try decode($0) } ?? [],
            quotes: try optional("quotes").map { try decode($0) } ?? [],
            dates: try optional("dates").map { try decode($0) } ?? []
        )
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}
