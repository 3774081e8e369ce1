import WartaCore

/// Tokens with their normalised search terms: the one analysis that indexing and querying share.
///
/// Every store (SQLite FTS5, PostgreSQL `tsvector`) indexes the terms this type produces, so a query
/// matches the same words everywhere: "berunding" and "perundingan" both become `runding`.
public struct TextAnalyzer: Sendable {
    public static let name: StageName = "text.analyze.v1"

    /// A token and its search term (lower-cased, stemmed for its language).
    public struct Term: Sendable, Hashable {
        public var span: TextSpan
        public var term: String

        public init(span: TextSpan, term: String) {
            self.span = span
            self.term = term
        }
    }

    public let tokenizer = Tokenizer()
    public let indonesian: IndonesianStemmer
    public let english: EnglishStemmer

    public init(indonesian: IndonesianStemmer, english: EnglishStemmer = EnglishStemmer()) {
        self.indonesian = indonesian
        self.english = english
    }

    /// Loads the bundled root words and protected words.
    public static func bundled() throws -> TextAnalyzer {
        let roots = try LanguageData.words("id/root-words.txt")
        let protected = try LanguageData.words("id/protected-words.txt")
        return TextAnalyzer(
            indonesian: IndonesianStemmer(rootWords: roots.map { $0.lowercased() }, protectedWords: protected))
    }

    /// Returns the stem of one lower-case word in `language` (other languages: the word itself).
    public func stem(_ lowercasedWord: String, language: LanguageCode) -> String {
        switch language {
        case .indonesian, .malay: indonesian.stem(lowercasedWord)
        case .english: english.stem(lowercasedWord)
        case .other: lowercasedWord
        }
    }

    /// Returns the search terms of `text`, one per token, in order.
    /// - Complexity: O(n) in the UTF-8 length of the text, plus one stemmer call per word.
    public func terms(in text: String, language: LanguageCode) -> [Term] {
        let utf8 = text.utf8
        return tokenizer.tokens(in: text).map { token in
            let lower = utf8.index(utf8.startIndex, offsetBy: token.span.start)
            let upper = utf8.index(lower, offsetBy: token.span.length)
            let word = UTF8Scanner.lowercased(Substring(utf8[lower..<upper]).utf8)
            let term = token.kind == .word ? stem(word, language: language) : word
            return Term(span: token.span, term: term)
        }
    }

    /// Returns the terms of `text` joined by spaces: the text a full-text index stores.
    public func indexText(_ text: String, language: LanguageCode) -> String {
        terms(in: text, language: language).map(\.term).joined(separator: " ")
    }

    /// Turns a user's query into words, each with the terms it may match in any language.
    ///
    /// "berunding" → [`runding`, `berund`]: an Indonesian and an English reading, since a query has no language.
    public func queryWords(_ query: String) -> [[String]] {
        terms(in: query, language: .other).map { term in
            var alternatives = [indonesian.stem(term.term), english.stem(term.term), term.term]
            var seen = Set<String>()
            alternatives.removeAll { !seen.insert($0).inserted }
            return alternatives
        }
    }
}
