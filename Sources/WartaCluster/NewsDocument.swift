import Foundation
import WartaCore
import WartaText

/// What the clusterer needs to know about one article: term vectors, names, time.
public struct NewsDocument: Sendable {
    /// The caller's id (`warta cluster` input ids, or article ids).
    public var id: String
    /// Days since 1970 (fractional), when the article is dated.
    public var day: Double?
    public var title: String
    public var outlet: String?
    /// Stemmed content terms of title and body, counted.
    public var terms: SparseVector
    /// Stemmed terms of the title alone.
    public var titleTerms: SparseVector
    /// Lower-cased name tokens: capitalised words that do not start a sentence (entity mentions when present).
    public var names: SparseVector
    /// Whether the article is a headline without a body (feeds, aggregators).
    public var headlineOnly = false
    /// The numbers it states.
    public var numbers = SparseVector()
    /// The years it states ("2008", "1995"): for an undated article, evidence of when it was written.
    public var years: Set<Int> = []

    public init(
        id: String, day: Double?, title: String, outlet: String?, terms: SparseVector, titleTerms: SparseVector,
        names: SparseVector
    ) {
        self.id = id
        self.day = day
        self.title = title
        self.outlet = outlet
        self.terms = terms
        self.titleTerms = titleTerms
        self.names = names
    }
}

/// Interns terms as small integers; shared by the documents and clusters of one run.
public final class Vocabulary: @unchecked Sendable {
    // Used by one task at a time: the linker owns its vocabulary, as it owns its clusters.
    private var ids: [String: Int32] = [:]

    public init() {}

    public var count: Int { ids.count }

    public func id(_ term: String) -> Int32 {
        if let id = ids[term] { return id }
        let id = Int32(ids.count)
        ids[term] = id
        return id
    }

    /// Lower-cased word → its term's id (-1: no term), per language: a word seen before is not stemmed or
    /// checked against the stop words again. Cleared when it grows past ``memoLimit`` words.
    private var words: [LanguageCode: [String: Int32]] = [:]
    private var memoCount = 0
    static let memoLimit = 1_000_000

    /// The id of the term `word` (lower-cased) stands for, computed by `term` once per word and language (`nil`:
    /// no term).
    func termID(word: String, language: LanguageCode, term: (String) -> String?) -> Int32? {
        if let known = words[language]?[word] { return known >= 0 ? known : nil }
        let id = term(word).map { self.id($0) }
        if memoCount >= Self.memoLimit {
            words.removeAll()
            memoCount = 0
        }
        words[language, default: [:]][word] = id ?? -1
        memoCount += 1
        return id
    }
}

/// Builds ``NewsDocument``s from text: the analysis clustering shares with search (stems), plus names.
public struct DocumentBuilder: Sendable {
    public let analyzer: TextAnalyzer
    public let stopWords: StopWords
    private let splitter = SentenceSplitter()

    public init(analyzer: TextAnalyzer, stopWords: StopWords) {
        self.analyzer = analyzer
        self.stopWords = stopWords
    }

    /// Builds the document; `names` overrides the capitalised-word heuristic with entity mentions when given.
    public func document(
        id: String, title: String, body: String, language: LanguageCode, day: Double?, outlet: String?,
        vocabulary: Vocabulary, names entityNames: [String]? = nil
    ) -> NewsDocument {
        // Numbers as written ("6.1", "75", "2008"): the same event tends to repeat its figures and years.
        var numberTokens: [String] = []
        let terms = vector(title + "\n" + body, language: language, vocabulary: vocabulary, numbers: &numberTokens)
        var titleNumbers: [String] = []
        let titleTerms = vector(title, language: language, vocabulary: vocabulary, numbers: &titleNumbers)
        var names = SparseVector()
        if let entityNames {
            for name in entityNames { names.entries[vocabulary.id("#" + name.lowercased()), default: 0] += 1 }
        } else {
            // Headlines are often in title case, where capitals say nothing: names come from the body, and from
            // the title when it reads as a sentence or when there is no body.
            let source = body.isEmpty || !Self.isHeadlineCase(title) ? title + ".\n" + body : body
            for name in nameTokens(source, language: language) {
                names.entries[vocabulary.id("#" + name), default: 0] += 1
            }
        }
        var numbers = SparseVector()
        var years: Set<Int> = []
        for number in numberTokens {
            numbers.entries[vocabulary.id("=" + number), default: 0] += 1
            if number.utf8.count == 4, let value = Int(number), (1900...2099).contains(value) { years.insert(value) }
        }
        var document = NewsDocument(
            id: id, day: day, title: title, outlet: outlet, terms: Self.normalised(terms),
            titleTerms: Self.normalised(titleTerms), names: Self.normalised(names))
        // No scalar but white space (stops at the first one that is not: no copy of the body).
        document.headlineOnly = body.unicodeScalars.allSatisfy(\.properties.isWhitespace)
        document.numbers = Self.normalised(numbers)
        document.years = years
        return document
    }

    /// Sublinear term frequency (1 + ln tf), scaled to unit length, so long articles do not outweigh short ones
    /// in a centroid.
    static func normalised(_ vector: SparseVector) -> SparseVector {
        var result = SparseVector()
        var norm: Float = 0
        for (term, count) in vector.entries {
            let value = 1 + log(count)
            result.entries[term] = value
            norm += value * value
        }
        guard norm > 0 else { return result }
        let scale = 1 / norm.squareRoot()
        for term in result.entries.keys { result.entries[term]! *= scale }
        return result
    }

    /// The counted terms of `text` (the analyzer's stems, as search has them, without stop words), and its numbers
    /// of two or more characters, in order, in `numbers` (the same tokens: one pass over the text).
    private func vector(
        _ text: String, language: LanguageCode, vocabulary: Vocabulary, numbers: inout [String]
    ) -> SparseVector {
        var vector = SparseVector()
        let utf8 = text.utf8
        for token in analyzer.tokenizer.tokens(in: text) {
            let lower = utf8.index(utf8.startIndex, offsetBy: token.span.start)
            let upper = utf8.index(lower, offsetBy: token.span.length)
            let slice = Substring(utf8[lower..<upper])
            let id: Int32?
            if token.kind == .word {
                let word = UTF8Scanner.lowercased(slice.utf8)
                id = vocabulary.termID(word: word, language: language) { word in
                    // Stop words of either language count (news mixes them); the list of the article's own
                    // language is one of the two, so one pair of checks covers it.
                    let term = analyzer.stem(word, language: language)
                    if term.utf8.count < 2 || stopWords.contains(word, language: .english)
                        || stopWords.contains(word, language: .indonesian)
                    {
                        return nil
                    }
                    return term
                }
            } else {
                // A number (digits and inner separators: nothing to lower-case, in no stop list) is its own term.
                let number = String(slice)
                guard number.utf8.count >= 2 else { continue }
                numbers.append(number)
                id = vocabulary.id(number)
            }
            if let id { vector.entries[id, default: 0] += 1 }
        }
        return vector
    }

    /// Capitalised words that do not open a sentence, lower-cased, without stop words, month and day names, plus
    /// each run of two or more such words as one name ("lindsay lohan"): a stand-in for entity mentions that
    /// crosses languages ("Oman", "Bagheri", "Pezeshkian").
    func nameTokens(_ text: String, language: LanguageCode) -> [String] {
        var result: [String] = []
        for sentence in splitter.sentences(in: text) {
            let sentenceText = sentence.span.text(in: text)
            let tokens = analyzer.tokenizer.tokens(in: sentenceText)
            var run: [String] = []
            func flush() {
                if run.count >= 2 { result.append(run.joined(separator: " ")) }
                run.removeAll()
            }
            for (position, token) in tokens.enumerated() {
                let word = token.span.text(in: sentenceText)
                guard position > 0, token.kind == .word, let first = word.unicodeScalars.first,
                    first.properties.isUppercase, word.utf8.count >= 2
                else {
                    flush()
                    continue
                }
                let lower = word.lowercased()
                if stopWords.contains(lower, language: .english) || stopWords.contains(lower, language: .indonesian)
                    || CalendarWords.all.contains(lower)
                {
                    flush()
                    continue
                }
                result.append(lower)
                run.append(lower)
            }
            flush()
        }
        return result
    }

    /// Whether a title is in headline case (most words capitalised), where capitals say nothing about names.
    static func isHeadlineCase(_ title: String) -> Bool {
        let words = title.split(separator: " ").filter { $0.first?.isLetter == true }
        guard words.count >= 3 else { return true }
        let capitalised = words.filter { $0.first?.isUppercase == true }.count
        return Double(capitalised) >= 0.6 * Double(words.count)
    }
}
