import WartaCore

/// Stop-word lists for ranking and search, by language.
///
/// Never run them before quote, date or entity extraction: the Indonesian list holds reporting verbs
/// ("kata", "mengatakan") and time words ("hari", "lalu").
public struct StopWords: Sendable {
    private let lists: [LanguageCode: Set<String>]

    public init(lists: [LanguageCode: Set<String>]) {
        self.lists = lists
    }

    /// Loads the bundled lists: Indonesian from stopwords-iso (also used for Malay), English from spaCy.
    public static func bundled() throws -> StopWords {
        let indonesian = Set(try LanguageData.words("id/stopwords.txt").map { $0.lowercased() })
        let english = Set(try LanguageData.words("en/stopwords.txt").map { $0.lowercased() })
        return StopWords(lists: [.indonesian: indonesian, .malay: indonesian, .english: english])
    }

    /// Whether `word` (lower-case) is a stop word of `language`.
    public func contains(_ word: String, language: LanguageCode) -> Bool {
        lists[language]?.contains(word) ?? false
    }
}
