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

/// A full-text query: every word must match one of its terms.
public struct SearchQuery: Sendable, Equatable {
    /// One entry per query word, each with the terms it may match ("berunding" → `runding`, `berund`).
    public var words: [[String]]
    public var limit: Int

    public init(words: [[String]], limit: Int = 10) {
        self.words = words
        self.limit = limit
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
