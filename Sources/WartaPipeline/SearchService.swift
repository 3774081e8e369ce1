import WartaCore
import WartaStore
import WartaText

/// Search as users see it: the query analysed like the index, ranked hits, and a highlighted snippet each.
public struct SearchService: Sendable {
    public let index: any SearchIndex
    public let analyzer: TextAnalyzer

    public init(index: any SearchIndex, analyzer: TextAnalyzer) {
        self.index = index
        self.analyzer = analyzer
    }

    /// One result: the article, its score (higher is better) and the best sentence with the matches marked.
    public struct Result: Sendable {
        public var article: Article
        public var score: Double
        public var snippet: Snippet
    }

    /// A piece of the body with the matched words' spans (UTF-8 offsets into `text`).
    public struct Snippet: Sendable, Equatable {
        public var text: String
        public var highlights: [TextSpan]

        public init(text: String, highlights: [TextSpan]) {
            self.text = text
            self.highlights = highlights
        }

        /// The text with every match wrapped in `open` and `close`, e.g. `**` and `**`.
        public func marked(open: String = "**", close: String = "**") -> String {
            var out = ""
            var cursor = 0
            let utf8 = Array(text.utf8)
            for span in highlights {
                out += String(decoding: utf8[cursor..<span.start], as: UTF8.self)
                out += open + String(decoding: utf8[span.start..<span.end], as: UTF8.self) + close
                cursor = span.end
            }
            out += String(decoding: utf8[cursor...], as: UTF8.self)
            return out
        }
    }

    /// Runs `query`; an empty result when no article matches every word.
    /// - Throws: ``WartaError`` W0401 when the query has no words.
    public func search(_ query: String, limit: Int) async throws -> [Result] {
        let words = analyzer.queryWords(query)
        guard !words.isEmpty else { throw WartaError.emptyQuery(query) }
        let hits = try await index.search(SearchQuery(words: words, limit: limit))
        let wanted = Set(words.joined())
        return hits.map { hit in
            Result(article: hit.article, score: hit.score, snippet: snippet(for: hit.article, terms: wanted))
        }
    }

    /// The sentence with the most matching terms (the first sentence when none match), matches marked.
    /// - Complexity: O(n) in the length of the body.
    public func snippet(for article: Article, terms: Set<String>, prefixes: [String] = [], maxBytes: Int = 320)
        -> Snippet
    {
        snippet(
            body: article.body, language: article.language, sentences: article.sentences, terms: terms,
            prefixes: prefixes, maxBytes: maxBytes)
    }

    /// The same from an article's parts. Only sentences that hold a term or prefix as plain text are analysed (a
    /// stem is almost always inside the words it comes from): stemming whole bodies cost most of a search.
    public func snippet(
        body: String, language: LanguageCode, sentences given: [Sentence], terms: Set<String>, prefixes: [String] = [],
        maxBytes: Int = 320
    ) -> Snippet {
        func wanted(_ term: String) -> Bool { terms.contains(term) || prefixes.contains { term.hasPrefix($0) } }
        // Indonesian nasal prefixes drop a stem's first k, p, t or s ("kata" in "mengatakan"): probe without it too.
        var probes = (Array(terms) + prefixes).filter { $0.utf8.count >= 2 }
        probes += probes.filter { $0.utf8.count >= 4 && "kpts".contains($0.first ?? " ") }.map {
            String($0.dropFirst())
        }
        let utf8 = Array(body.utf8)
        let sentences = given.isEmpty ? [Sentence(span: TextSpan(start: 0, end: utf8.count))] : given
        var best = sentences[0].span
        var bestCount = -1
        var bestTerms: [TextAnalyzer.Term] = []
        for sentence in sentences where sentence.span.start >= 0 && sentence.span.end <= utf8.count {
            let text = String(decoding: utf8[sentence.span.start..<sentence.span.end], as: UTF8.self)
            let lower = text.lowercased()
            guard probes.contains(where: { lower.contains($0) }) else {
                if bestCount < 0 {
                    best = sentence.span
                    bestCount = 0
                }
                continue
            }
            let found = analyzer.terms(in: text, language: language)
            let count = found.filter { wanted($0.term) }.count
            if count > bestCount {
                best = sentence.span
                bestCount = count
                bestTerms = found.map {
                    TextAnalyzer.Term(
                        span: TextSpan(
                            start: $0.span.start + sentence.span.start, end: $0.span.end + sentence.span.start),
                        term: $0.term)
                }
            }
        }
        let terms_ = bestTerms
        let end = min(best.end, best.start + maxBytes)
        let window = TextSpan(start: best.start, end: end)
        var text = window.text(in: body)
        // Cutting inside a multi-byte character leaves a replacement; cut back to the last whole word instead.
        if end < best.end, let space = text.lastIndex(of: " ") { text = String(text[..<space]) + " \u{2026}" }
        let highlights = terms_.filter { term in
            term.span.start >= window.start && term.span.end <= window.start + text.utf8.count
                && wanted(term.term)
        }.map { TextSpan(start: $0.span.start - window.start, end: $0.span.end - window.start) }
        return Snippet(text: text, highlights: highlights)
    }
}
