import Foundation
import WartaCore

/// A store in memory: for tests and one-off runs. Same behaviour as the SQLite store, checked by one suite.
public actor InMemoryStore: ArticleStore, SearchIndex {
    private var rows: [IndexedArticle] = []
    private var rawIDs: [String: Int64] = [:]
    private var articleByRaw: [Int64: ArticleID] = [:]

    public init() {}

    public func insert(_ indexed: IndexedArticle, raw: RawDocument) async throws -> InsertOutcome {
        let hash = indexed.article.contentHash
        if let rawID = rawIDs[hash], let id = articleByRaw[rawID] { return .known(id) }
        if let url = indexed.article.url,
            let same = rows.first(where: { $0.article.url == url && $0.article.bodyHash == indexed.article.bodyHash }),
            let id = same.article.id
        {
            return .known(id)
        }
        let rawID = rawIDs[hash] ?? Int64(rawIDs.count + 1)
        rawIDs[hash] = rawID
        let id = ArticleID(Int64(rows.count + 1))
        var stored = indexed
        stored.article.id = id
        rows.append(stored)
        articleByRaw[rawID] = id
        return .inserted(id)
    }

    public func insertRaw(_ raw: RawDocument) async throws -> RawInsertOutcome {
        let hash = raw.contentHash
        if let id = rawIDs[hash] { return .known(id) }
        let id = Int64(rawIDs.count + 1)
        rawIDs[hash] = id
        return .inserted(id)
    }

    public func article(_ id: ArticleID) async throws -> Article? {
        rows.first { $0.article.id == id }?.article
    }

    public func articles(limit: Int, offset: Int) async throws -> [Article] {
        Array(rows.dropFirst(offset).prefix(limit).map(\.article))
    }

    public func articleCount() async throws -> Int { rows.count }

    /// BM25 (k1 = 1.2, b = 0.75) over title terms (weight 5) and body terms (weight 1), as the SQLite store ranks.
    public func search(_ query: SearchQuery) async throws -> [SearchHit] {
        guard !query.words.isEmpty, !rows.isEmpty else { return [] }
        let documents = rows.map { row in
            (
                row, row.titleTerms.split(separator: " ").map(String.init),
                row.bodyTerms.split(separator: " ").map(String.init)
            )
        }
        let averageTitle = Double(documents.map { $0.1.count }.reduce(0, +)) / Double(documents.count)
        let averageBody = Double(documents.map { $0.2.count }.reduce(0, +)) / Double(documents.count)
        var hits: [SearchHit] = []
        for (row, title, body) in documents {
            var score = 0.0
            var matchedAll = true
            for alternatives in query.words {
                let set = Set(alternatives)
                let inTitle = title.filter(set.contains).count
                let inBody = body.filter(set.contains).count
                if inTitle + inBody == 0 {
                    matchedAll = false
                    break
                }
                let containing = documents.filter { doc in
                    doc.1.contains(where: set.contains) || doc.2.contains(where: set.contains)
                }.count
                let n = Double(documents.count)
                let idf = log((n - Double(containing) + 0.5) / (Double(containing) + 0.5) + 1)
                score += 5 * idf * Self.saturate(Double(inTitle), length: Double(title.count), average: averageTitle)
                score += idf * Self.saturate(Double(inBody), length: Double(body.count), average: averageBody)
            }
            if matchedAll { hits.append(SearchHit(article: row.article, score: score)) }
        }
        hits.sort {
            $0.score != $1.score
                ? $0.score > $1.score : ($0.article.id ?? ArticleID(0)) < ($1.article.id ?? ArticleID(0))
        }
        return Array(hits.prefix(query.limit))
    }

    private static func saturate(_ frequency: Double, length: Double, average: Double) -> Double {
        guard frequency > 0 else { return 0 }
        let k1 = 1.2
        let b = 0.75
        let norm = average > 0 ? length / average : 1
        return frequency * (k1 + 1) / (frequency + k1 * (1 - b + b * norm))
    }
}
