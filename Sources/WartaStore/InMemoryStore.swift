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

    /// BM25 (k1 = 1.2, b = 0.75) over title terms (weight 5) and body terms (weight 1), as the SQLite store ranks;
    /// each phrase or prefix the query asks for (outside a NOT) counts as one query term.
    public func search(_ query: SearchQuery) async throws -> [SearchHit] {
        guard !rows.isEmpty else { return [] }
        let documents = rows.map { row in
            (
                row, row.titleTerms.split(separator: " ").map(String.init),
                row.bodyTerms.split(separator: " ").map(String.init)
            )
        }
        let atoms = Self.positiveAtoms(query.expression)
        guard !atoms.isEmpty else { return [] }
        let averageTitle = Double(documents.map { $0.1.count }.reduce(0, +)) / Double(documents.count)
        let averageBody = Double(documents.map { $0.2.count }.reduce(0, +)) / Double(documents.count)
        let n = Double(documents.count)
        let containing = atoms.map { atom in
            documents.filter { Self.count(atom, in: $0.1) + Self.count(atom, in: $0.2) > 0 }.count
        }
        var hits: [SearchHit] = []
        for (row, title, body) in documents where Self.matches(query.expression, title: title, body: body) {
            var score = 0.0
            for (atom, found) in zip(atoms, containing) {
                let idf = log((n - Double(found) + 0.5) / (Double(found) + 0.5) + 1)
                if atom.field != .title {
                    score +=
                        idf
                        * Self.saturate(
                            Double(Self.count(atom, in: body)), length: Double(body.count), average: averageBody)
                }
                score +=
                    5 * idf
                    * Self.saturate(
                        Double(Self.count(atom, in: title)), length: Double(title.count), average: averageTitle)
            }
            hits.append(SearchHit(article: row.article, score: score))
        }
        hits.sort {
            $0.score != $1.score
                ? $0.score > $1.score : ($0.article.id ?? ArticleID(0)) < ($1.article.id ?? ArticleID(0))
        }
        return Array(hits.prefix(query.limit))
    }

    /// A phrase (or prefix, as a one-position pattern) the query looks for.
    struct Atom {
        var positions: [[String]]
        var prefix: String?
        var field: SearchExpression.Field?
    }

    static func positiveAtoms(_ expression: SearchExpression) -> [Atom] {
        switch expression {
        case .phrase(let positions, let field):
            let clean = positions.map { $0.filter { !$0.isEmpty } }.filter { !$0.isEmpty }
            return clean.isEmpty ? [] : [Atom(positions: clean, prefix: nil, field: field)]
        case .prefix(let text, let field): return text.isEmpty ? [] : [Atom(positions: [], prefix: text, field: field)]
        case .and(let parts), .or(let parts): return parts.flatMap(positiveAtoms)
        case .not(let positive, _): return positiveAtoms(positive)
        }
    }

    /// How often `atom` occurs in `terms`.
    static func count(_ atom: Atom, in terms: [String]) -> Int {
        if let prefix = atom.prefix { return terms.filter { $0.hasPrefix(prefix) }.count }
        let length = atom.positions.count
        guard length > 0, terms.count >= length else { return 0 }
        var found = 0
        for start in 0...(terms.count - length)
        where (0..<length).allSatisfy({ atom.positions[$0].contains(terms[start + $0]) }) {
            found += 1
        }
        return found
    }

    static func matches(_ expression: SearchExpression, title: [String], body: [String]) -> Bool {
        switch expression {
        case .phrase, .prefix:
            guard let atom = positiveAtoms(expression).first else { return false }
            return count(atom, in: title) > 0 || (atom.field != .title && count(atom, in: body) > 0)
        case .and(let parts):
            let live = parts.filter { !positiveAtoms($0).isEmpty }
            return !live.isEmpty && live.allSatisfy { matches($0, title: title, body: body) }
        case .or(let parts): return parts.contains { matches($0, title: title, body: body) }
        case .not(let positive, let negative):
            return matches(positive, title: title, body: body) && !matches(negative, title: title, body: body)
        }
    }

    private static func saturate(_ frequency: Double, length: Double, average: Double) -> Double {
        guard frequency > 0 else { return 0 }
        let k1 = 1.2
        let b = 0.75
        let norm = average > 0 ? length / average : 1
        return frequency * (k1 + 1) / (frequency + k1 * (1 - b + b * norm))
    }
}
