import WartaStore
import WartaText

/// The search language the CLI and the API share, the one news researchers know from Media Cloud and Lucene:
///
/// - words: `korupsi` (stemmed as the index is: "berunding" finds "perundingan"); every word must match;
/// - phrases: `"Jakarta Selatan"` (consecutive words);
/// - `OR`, `AND`, `NOT` (upper case), `-word`, parentheses: `(KPK OR DPR) -polisi`;
/// - prefixes: `korup*` (korupsi, koruptor);
/// - fields: `title:KPK`, `title:"revisi UU"`; `outlet:kompas.com` and `lang:id` narrow the whole query.
///
/// Bad syntax is a ``QueryError`` naming the parameter and the character position, never a store error.
public struct SearchSyntax: Sendable {
    public let analyzer: TextAnalyzer

    public init(analyzer: TextAnalyzer) {
        self.analyzer = analyzer
    }

    /// A parsed query: what to match, and the filters its fields asked for.
    public struct Parsed: Sendable, Equatable {
        public var expression: SearchExpression
        public var outlet: String?
        public var language: String?
        /// The analysed terms to mark in snippets.
        public var highlightTerms: Set<String>
        /// Prefixes to mark in snippets.
        public var highlightPrefixes: [String]
    }

    /// Parses `query`; `parameter` names it in errors ("q" for the API, "query" for the CLI).
    public func parse(_ query: String, parameter: String = "q") throws(QueryError) -> Parsed {
        var parser = Parser(text: Array(query.unicodeScalars), syntax: self, parameter: parameter)
        return try parser.parseAll()
    }

    /// Terms of one word or phrase as the index holds them: each position with its Indonesian, English and plain
    /// readings.
    func positions(_ text: String) -> [[String]] {
        analyzer.queryWords(text)
    }

    struct Parser {
        let text: [Unicode.Scalar]
        let syntax: SearchSyntax
        let parameter: String
        var index = 0
        var outlet: String?
        var language: String?
        var terms: Set<String> = []
        var prefixes: [String] = []

        init(text: [Unicode.Scalar], syntax: SearchSyntax, parameter: String) {
            self.text = text
            self.syntax = syntax
            self.parameter = parameter
        }

        func error(_ message: String, at position: Int? = nil) -> QueryError {
            let column = (position ?? index) + 1
            return QueryError(
                .badParameter(parameter), code: "W0906", message: "at character \(column): \(message)",
                hint: "words, \"phrases\", OR, AND, NOT or -word, (parentheses), prefix*, title:, outlet:, lang:")
        }

        mutating func parseAll() throws(QueryError) -> Parsed {
            guard text.count <= 2_000 else { throw error("the query is longer than 2,000 characters", at: 2_000) }
            skipSpaces()
            guard index < text.count else {
                throw QueryError(
                    .badParameter(parameter), code: "W0901", message: "the query has no words to search for",
                    hint: "\(parameter)=berunding")
            }
            let expression = try parseOr(depth: 0)
            skipSpaces()
            if index < text.count {
                throw error(text[index] == ")" ? "a closing parenthesis without an opening one" : "unexpected text")
            }
            guard let expression else {
                throw error("the query has no words to search for (only fields?)", at: 0)
            }
            guard Self.hasPositive(expression) else {
                throw error("a query needs at least one word that is not excluded", at: 0)
            }
            return Parsed(
                expression: expression, outlet: outlet, language: language, highlightTerms: terms,
                highlightPrefixes: prefixes)
        }

        static func hasPositive(_ expression: SearchExpression) -> Bool {
            switch expression {
            case .phrase, .prefix: true
            case .and(let parts): parts.contains(where: hasPositive)
            case .or(let parts): parts.allSatisfy(hasPositive)
            case .not(let positive, _): hasPositive(positive)
            }
        }

        mutating func skipSpaces() {
            while index < text.count, text[index].properties.isWhitespace { index += 1 }
        }

        /// The next bare word (up to a space, a parenthesis or a quote), without consuming it.
        func peekWord() -> String {
            var end = index
            while end < text.count, !text[end].properties.isWhitespace, text[end] != "(", text[end] != ")",
                text[end] != "\""
            {
                end += 1
            }
            var word = ""
            word.unicodeScalars.append(contentsOf: text[index..<end])
            return word
        }

        mutating func parseOr(depth: Int) throws(QueryError) -> SearchExpression? {
            var parts: [SearchExpression] = []
            var sawOperand = false
            while true {
                let start = index
                let operand = try parseAnd(depth: depth)
                if let operand {
                    parts.append(operand)
                    sawOperand = true
                } else if sawOperand || index > start {
                    throw error("OR needs a word after it")
                }
                skipSpaces()
                guard peekWord() == "OR" else { break }
                if !sawOperand { throw error("OR needs a word before it") }
                index += 2
            }
            guard !parts.isEmpty else { return nil }
            if parts.count > 1, !parts.allSatisfy(Self.hasPositive) {
                throw error("each side of OR needs a word that is not excluded", at: 0)
            }
            return parts.count == 1 ? parts[0] : .or(parts)
        }

        mutating func parseAnd(depth: Int) throws(QueryError) -> SearchExpression? {
            var positives: [SearchExpression] = []
            var negatives: [SearchExpression] = []
            while true {
                skipSpaces()
                guard index < text.count, text[index] != ")" else { break }
                let word = peekWord()
                if word == "OR" { break }
                if word == "AND" {
                    if positives.isEmpty && negatives.isEmpty { throw error("AND needs a word before it") }
                    index += 3
                    skipSpaces()
                    if index >= text.count || text[index] == ")" || peekWord() == "OR" {
                        throw error("AND needs a word after it")
                    }
                    continue
                }
                var negated = false
                if word == "NOT" {
                    index += 3
                    negated = true
                    skipSpaces()
                    if index >= text.count || text[index] == ")" { throw error("NOT needs a word after it") }
                } else if text[index] == "-", index + 1 < text.count, !text[index + 1].properties.isWhitespace {
                    index += 1
                    negated = true
                }
                guard let unit = try parseUnit(depth: depth) else { continue }
                if case .not(.and(let empty), let dropped) = unit, empty.isEmpty {
                    // "(-DPR)": only an exclusion, whatever the sign before it.
                    if negated { positives.append(dropped) } else { negatives.append(dropped) }
                } else if negated {
                    negatives.append(unit)
                } else {
                    positives.append(unit)
                }
            }
            guard !positives.isEmpty || !negatives.isEmpty else { return nil }
            let kept: SearchExpression? =
                positives.isEmpty ? nil : positives.count == 1 ? positives[0] : .and(positives)
            guard !negatives.isEmpty else { return kept }
            let dropped = negatives.count == 1 ? negatives[0] : .or(negatives)
            // Only negatives: kept as a NOT of nothing, refused once the whole query is known to have no positive.
            return .not(kept ?? .and([]), dropped)
        }

        mutating func parseUnit(depth: Int) throws(QueryError) -> SearchExpression? {
            let start = index
            if text[index] == "(" {
                guard depth < 32 else { throw error("parentheses nested deeper than 32") }
                index += 1
                let inner = try parseOr(depth: depth + 1)
                skipSpaces()
                guard index < text.count, text[index] == ")" else {
                    throw error("an opening parenthesis without a closing one", at: start)
                }
                index += 1
                guard let inner else { throw error("empty parentheses", at: start) }
                return inner
            }
            if text[index] == "\"" { return try parsePhrase(field: nil) }
            // field:value
            let word = peekWord()
            if let colon = word.firstIndex(of: ":"), colon != word.startIndex {
                let name = word[..<colon].lowercased()
                let fieldStart = index
                switch name {
                case "title":
                    index += name.unicodeScalars.count + 1
                    guard index < text.count, !text[index].properties.isWhitespace else {
                        throw error("title: needs a word or a \"phrase\" right after it", at: fieldStart)
                    }
                    if text[index] == "\"" { return try parsePhrase(field: .title) }
                    if text[index] == "(" { throw error("title: takes a word or a \"phrase\", not parentheses") }
                    return try parseWord(field: .title)
                case "outlet", "lang", "language":
                    guard depth == 0 else {
                        throw error(
                            "\(name): narrows the whole query; it cannot stand inside parentheses", at: fieldStart)
                    }
                    index += word.unicodeScalars.count
                    let value = String(word[word.index(after: colon)...]).lowercased()
                    guard !value.isEmpty else {
                        throw error(
                            "\(name): needs a value, e.g. \(name):\(name == "outlet" ? "kompas.com" : "id")",
                            at: fieldStart)
                    }
                    if name == "outlet" { outlet = value } else { language = value }
                    return nil
                case "http", "https":
                    break
                default:
                    throw error("unknown field \"\(name):\" (fields: title:, outlet:, lang:)", at: fieldStart)
                }
            }
            return try parseWord(field: nil)
        }

        mutating func parsePhrase(field: SearchExpression.Field?) throws(QueryError) -> SearchExpression? {
            let start = index
            index += 1
            var inside = ""
            while index < text.count, text[index] != "\"" {
                inside.unicodeScalars.append(text[index])
                index += 1
            }
            guard index < text.count else { throw error("a quote without its closing quote", at: start) }
            index += 1
            let positions = syntax.positions(inside)
            guard !positions.isEmpty else { throw error("an empty phrase", at: start) }
            for position in positions { terms.formUnion(position) }
            return .phrase(positions, field: field)
        }

        mutating func parseWord(field: SearchExpression.Field?) throws(QueryError) -> SearchExpression? {
            let start = index
            let word = peekWord()
            index += word.unicodeScalars.count
            if word.hasSuffix("*") {
                let stem = String(word.dropLast())
                guard !stem.contains("*") else { throw error("* only ends a word, as in korup*", at: start) }
                let positions = syntax.positions(stem)
                guard positions.count == 1, let plain = positions[0].last else {
                    throw error("a prefix needs one word of at least 2 letters before *, as in korup*", at: start)
                }
                guard plain.count >= 2 else { throw error("a prefix needs at least 2 letters before *", at: start) }
                prefixes.append(plain)
                return .prefix(plain, field: field)
            }
            let positions = syntax.positions(word)
            // Punctuation alone ("—", "&") has no terms: skip it, as the index does.
            guard !positions.isEmpty else { return nil }
            for position in positions { terms.formUnion(position) }
            return .phrase(positions, field: field)
        }
    }
}
