import WartaCore
import WartaExtract
import WartaStore
import WartaText

/// The per-document stages in order: extraction, annotation, and the analysis that gives search terms.
///
/// One value, built once, used by every runner; `process` is pure and safe to call from many tasks at once.
public struct ArticlePipeline: Sendable {
    public let extractor: PlainTextExtractor
    /// The extractor for HTML pages; `nil` keeps HTML raw (``Outcome/rawOnly``).
    public let htmlExtractor: HTMLExtractor?
    public let annotator: ArticleAnnotator
    public let analyzer: TextAnalyzer

    public init(
        extractor: PlainTextExtractor, htmlExtractor: HTMLExtractor? = nil, annotator: ArticleAnnotator,
        analyzer: TextAnalyzer
    ) {
        self.extractor = extractor
        self.htmlExtractor = htmlExtractor
        self.annotator = annotator
        self.analyzer = analyzer
    }

    /// Builds the pipeline from Warta's bundled language data.
    public static func bundled() throws -> ArticlePipeline {
        let rules = try DebrisRules.bundled()
        return ArticlePipeline(
            extractor: PlainTextExtractor(rules: rules),
            htmlExtractor: HTMLExtractor(rules: rules),
            annotator: ArticleAnnotator(identifier: try LanguageIdentifier.bundled()),
            analyzer: try TextAnalyzer.bundled()
        )
    }

    /// What happened to one document in the pipeline.
    public enum Outcome: Sendable {
        case article(IndexedArticle)
        /// Kept raw only: HTML when the pipeline has no HTML extractor.
        case rawOnly
        case dropped(stage: StageName, reason: DropReason)
    }

    /// Runs every stage on one raw document.
    public func process(_ raw: RawDocument) -> Outcome {
        let context = StageContext()
        let extracted: Article
        let stage: StageName
        do {
            let result: StageResult<Article>
            if raw.contentType == .html {
                guard let htmlExtractor else { return .rawOnly }
                stage = HTMLExtractor.name
                result = try htmlExtractor.process(raw, context: context)
            } else {
                stage = PlainTextExtractor.name
                result = try extractor.process(raw, context: context)
            }
            switch result {
            case .kept(let article): extracted = article
            case .dropped(let reason): return .dropped(stage: stage, reason: reason)
            }
        } catch {
            let stage = raw.contentType == .html ? HTMLExtractor.name : PlainTextExtractor.name
            return .dropped(stage: stage, reason: DropReason(code: "error", message: "\(error)"))
        }
        let annotated: Article
        do {
            switch try annotator.process(extracted, context: context) {
            case .kept(let article): annotated = article
            case .dropped(let reason): return .dropped(stage: ArticleAnnotator.name, reason: reason)
            }
        } catch {
            return .dropped(stage: ArticleAnnotator.name, reason: DropReason(code: "error", message: "\(error)"))
        }
        return .article(index(annotated))
    }

    /// The search terms of an annotated article.
    public func index(_ article: Article) -> IndexedArticle {
        IndexedArticle(
            article: article,
            titleTerms: analyzer.indexText(article.title, language: article.language),
            bodyTerms: analyzer.indexText(article.body, language: article.language)
        )
    }
}
