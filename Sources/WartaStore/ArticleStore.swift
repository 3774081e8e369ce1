import WartaCore

/// Keeps articles and their raw documents. Ingest through it is idempotent.
public protocol ArticleStore: Sendable {
    /// Stores an article and the raw document it came from, in one unit of work.
    ///
    /// A document whose raw bytes are already stored, or whose URL is already stored with the same body
    /// hash, is not stored again: the outcome is `.known` with the existing id.
    func insert(_ article: IndexedArticle, raw: RawDocument) async throws -> InsertOutcome

    /// Stores several articles in order, as one unit of work where the store can; the same rules as
    /// ``insert(_:raw:)``, with one result per article so that a failing article never takes others with it.
    func insert(batch: [(IndexedArticle, RawDocument)]) async throws -> [Result<InsertOutcome, any Error>]

    /// Stores a raw document that has no article yet (HTML before its extractor exists), idempotently.
    func insertRaw(_ raw: RawDocument) async throws -> RawInsertOutcome

    /// The article with `id`, or `nil`.
    func article(_ id: ArticleID) async throws -> Article?

    /// Articles in id order, `limit` at most, after skipping `offset`.
    func articles(limit: Int, offset: Int) async throws -> [Article]

    /// The number of stored articles.
    func articleCount() async throws -> Int
}

/// Finds articles by their search terms.
public protocol SearchIndex: Sendable {
    /// The best matches first (bm25 or an equivalent), at most `query.limit`.
    func search(_ query: SearchQuery) async throws -> [SearchHit]

    /// Every match's id and score, the best first (ties by id), without loading the articles.
    func rankedMatches(_ query: SearchQuery) async throws -> [(id: Int64, score: Double)]
}

extension SearchIndex {
    /// Through ``search(_:)``, for indexes without a cheaper way.
    public func rankedMatches(_ query: SearchQuery) async throws -> [(id: Int64, score: Double)] {
        try await search(query).compactMap { hit in hit.article.id.map { (id: $0.rawValue, score: hit.score) } }
    }
}

extension ArticleStore {
    /// Article by article, for stores without transactions.
    public func insert(batch: [(IndexedArticle, RawDocument)]) async throws -> [Result<InsertOutcome, any Error>] {
        await insertOneByOne(batch)
    }

    /// Each article in a unit of work of its own, so one that fails costs only itself (a store's fallback when a
    /// batch in one transaction failed).
    public func insertOneByOne(_ batch: [(IndexedArticle, RawDocument)]) async -> [Result<InsertOutcome, any Error>] {
        var results: [Result<InsertOutcome, any Error>] = []
        for (indexed, raw) in batch {
            do {
                results.append(.success(try await insert(indexed, raw: raw)))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    /// All articles, in id order.
    public func allArticles() async throws -> [Article] {
        try await articles(limit: Int.max, offset: 0)
    }
}
