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
    public func snippet(for article: Article, terms: Set<String>, maxBytes: Int = 320) -> Snippet {
        let terms_ = analyzer.terms(in: article.body, language: article.language)
        let sentences =
            article.sentences.isEmpty
            ? [Sentence(span: TextSpan(start: 0, end: article.body.utf8.count))] : article.sentences
        var best = sentences[0].span
        var bestCount = -1
        var cursor = 0
        for sentence in sentences {
            var count = 0
            while cursor < terms_.count, terms_[cursor].span.start < sentence.span.start { cursor += 1 }
            var probe = cursor
            while probe < terms_.count, terms_[probe].span.end <= sentence.span.end {
                if terms.contains(terms_[probe].term) { count += 1 }
                probe += 1
            }
            if count > bestCount {
                best = sentence.span
                bestCount = count
            }
        }
        let end = min(best.end, best.start + maxBytes)
        let window = TextSpan(start: best.start, end: end)
        var text = window.text(in: article.body)
        // Cutting inside a multi-byte character leaves a replacement; cut back to the last whole word instead.
        if end < best.end, let space = text.lastIndex(of: " ") { text = String(text[..<space]) + " \u{2026}" }
        let highlights = terms_.filter { term in
            term.span.start >= window.start && term.span.end <= window.start + text.utf8.count
                && terms.contains(term.term)
        }.map { TextSpan(start: $0.span.start - window.start, end: $0.span.end - window.start) }
        return Snippet(text: text, highlights: highlights)
    }
}
