import WartaCore

/// An article with the search terms of its title and body, as every store indexes them.
///
/// The terms come from WartaText's analyser (tokenised, lower-cased, stemmed), joined by spaces, so that
/// SQLite and PostgreSQL search the same tokens.
public struct IndexedArticle: Sendable, Equatable {
    public var article: Article
    public var titleTerms: String
    public var bodyTerms: String

    public init(article: Article, titleTerms: String, bodyTerms: String) {
        self.article = article
        self.titleTerms = titleTerms
        self.bodyTerms = bodyTerms
    }
}

/// What storing a document did.
public enum InsertOutcome: Sendable, Equatable {
    /// Stored now, with its new id.
    case inserted(ArticleID)
    /// Already stored (the same bytes, or the same URL with the same body): nothing changed.
    case known(ArticleID)
}

/// What storing a raw document that has no article yet did.
public enum RawInsertOutcome: Sendable, Equatable {
    case inserted(Int64)
    case known(Int64)
}

/// What a full-text query asks, over analysed terms (the index's own: lower-cased and stemmed).
public indirect enum SearchExpression: Sendable, Equatable {
    /// Where a term must stand.
    public enum Field: String, Sendable, Equatable {
        case title
    }

    /// Consecutive positions, each matching one of its terms; one position is a plain word.
    case phrase([[String]], field: Field?)
    /// A term starting with this text (lower-case, unstemmed).
    case prefix(String, field: Field?)
    case and([SearchExpression])
    case or([SearchExpression])
    /// Matches `positive` and not `negative`.
    case not(SearchExpression, SearchExpression)
}

/// A full-text query and how many of its best matches to return.
public struct SearchQuery: Sendable, Equatable {
    public var expression: SearchExpression
    public var limit: Int

    public init(_ expression: SearchExpression, limit: Int = 10) {
        self.expression = expression
        self.limit = limit
    }

    /// Every word must match one of its terms ("berunding" → `runding`, `berund`).
    public init(words: [[String]], limit: Int = 10) {
        self.init(.and(words.map { .phrase([$0], field: nil) }), limit: limit)
    }
}

/// An article that matched a query, with its relevance (higher is better).
public struct SearchHit: Sendable, Equatable {
    public var article: Article
    public var score: Double

    public init(article: Article, score: Double) {
        self.article = article
        self.score = score
    }
}
