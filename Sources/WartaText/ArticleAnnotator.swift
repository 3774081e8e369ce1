import WartaCore

/// Adds the basic annotations to an extracted article: language, sentence spans and the token count.
///
/// Pure: the body is never edited, only described.
public struct ArticleAnnotator: Stage {
    public static let name: StageName = "annotate.basic.v1"

    public let identifier: LanguageIdentifier
    private let splitter = SentenceSplitter()
    private let tokenizer = Tokenizer()

    public init(identifier: LanguageIdentifier) {
        self.identifier = identifier
    }

    public func process(_ input: Article, context: StageContext) throws -> StageResult<Article> {
        var article = input
        let guess = identifier.identify(article.titleDerived ? article.body : article.title + "\n" + article.body)
        article.language = guess.language
        article.languageConfidence = guess.confidence
        article.sentences = splitter.sentences(in: article.body)
        article.tokenCount = tokenizer.tokens(in: article.body).count
        article.producedBy += [Self.name, LanguageIdentifier.name.stageName, SentenceSplitter.name, Tokenizer.name]
        return .kept(article)
    }
}

extension String {
    /// A stage name from a plain string constant.
    var stageName: StageName { StageName(self) }
}
