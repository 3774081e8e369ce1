import Foundation
import WartaCore
import WartaDates
import WartaEntities
import WartaExtract
import WartaQuotes
import WartaStore
import WartaText

/// The per-document stages in order: extraction, annotation, and the analysis that gives search terms.
///
/// One value, built once, used by every runner; `process` is pure and safe to call from many tasks at once.
public struct ArticlePipeline: Sendable {
    public var extractor: PlainTextExtractor
    /// The extractor for HTML pages; `nil` keeps HTML raw (``Outcome/rawOnly``).
    public var htmlExtractor: HTMLExtractor?

    /// Whether index pages, feeds and files that are not news (a README, a CSV) are kept as articles instead of
    /// dropped as `not-article` (``PageKind``).
    public var keepsNonArticles: Bool {
        get { extractor.configuration.keepNonArticles }
        set {
            extractor.configuration.keepNonArticles = newValue
            htmlExtractor?.configuration.keepNonArticles = newValue
        }
    }
    public let annotator: ArticleAnnotator
    public let analyzer: TextAnalyzer
    /// Entities, dates and quotes; `nil` skips them.
    public let semantics: SemanticAnnotators?
    /// An article whose clean text is longer is dropped (`too-long`) before annotation. The longest real news
    /// articles hold a few hundred kilobytes of text; 2 MiB keeps every one of them and bounds the cost of a
    /// hostile "article" (a log file, a 10 MB line). Every stage is linear in the text, about 3 s per MiB in a
    /// release build (docs/robustness.md).
    public var maxTextBytes = 2 << 20

    /// The annotators that find who, what was said and when.
    public struct SemanticAnnotators: Sendable {
        public var tagger: EntityTagger
        public var dates = DateAnnotator()
        public var quotes = QuoteAnnotator()
        public var published = PublishedDateResolver()
        /// Corrects mentions with what the article and its quotes say; `nil` keeps the tagger's mentions.
        public var refiner: MentionRefiner?
        /// Points quote speakers at the entity's name; `nil` keeps the quote finder's speaker phrases.
        public var speakers: SpeakerResolver?

        public init(tagger: EntityTagger, refiner: MentionRefiner? = nil, speakers: SpeakerResolver? = nil) {
            self.tagger = tagger
            self.refiner = refiner
            self.speakers = speakers
        }
    }

    public init(
        extractor: PlainTextExtractor, htmlExtractor: HTMLExtractor? = nil, annotator: ArticleAnnotator,
        analyzer: TextAnalyzer, semantics: SemanticAnnotators? = nil
    ) {
        self.extractor = extractor
        self.htmlExtractor = htmlExtractor
        self.annotator = annotator
        self.analyzer = analyzer
        self.semantics = semantics
    }

    /// Builds the pipeline from Warta's bundled language data.
    public static func bundled() throws -> ArticlePipeline {
        let rules = try DebrisRules.bundled()
        let lexicon = try AliasLexicon.bundled()
        return ArticlePipeline(
            extractor: PlainTextExtractor(rules: rules),
            htmlExtractor: HTMLExtractor(rules: rules),
            annotator: ArticleAnnotator(identifier: try LanguageIdentifier.bundled()),
            analyzer: try TextAnalyzer.bundled(),
            semantics: SemanticAnnotators(
                tagger: try EntityTagger.bundled(),
                refiner: MentionRefiner(lexicon: lexicon, knownOrganisations: QuoteAnnotator.knownOutlets),
                speakers: SpeakerResolver(lexicon: lexicon))
        )
    }

    /// Adds entities, dates and quotes, in this order:
    /// 1. a plain text without a published date gets the date it states (``PublishedDateResolver``);
    /// 2. entity mentions (``EntityTagger``);
    /// 3. date mentions, resolved against the published date (``DateAnnotator``);
    /// 4. quotes (``QuoteAnnotator``), with the publishing outlet appended to every relay chain;
    /// 5. the mentions corrected with the article's own evidence (``MentionRefiner``): quote sources become
    ///    organisations, countries glued to names are cut off, one kind per name;
    /// 6. relays named for a whole article, a paragraph or a quote's channel added to the quotes they cover
    ///    (``RelayMarkers``: "Dilansir autoevolution, …", "dalam unggahan di akun Instagram @kkpgoid");
    /// 7. each quote's speaker pointed at the clean name of the entity that spoke (``SpeakerResolver``).
    public func annotateSemantics(_ input: Article, fetchedAt: Date? = nil) -> Article {
        guard let semantics else { return input }
        var article = input
        if article.published == nil,
            let resolved = semantics.published.resolve(body: article.body, fetchedAt: fetchedAt)
        {
            article.published = resolved.published
        }
        article.entities = semantics.tagger.mentions(in: article.body, sentences: article.sentences.map(\.span))
        article.dates = semantics.dates.mentions(in: article.body, referenceDate: article.published?.date)
        let quotes = semantics.quotes.quotes(in: article.body)
        if let refiner = semantics.refiner {
            article.entities = refiner.refine(
                article.entities, body: article.body, sourceNames: quotes.flatMap(\.relay))
        }
        let sentences = article.sentences.map(\.span)
        let relayed = RelayMarkers.apply(quotes, body: article.body, sentences: sentences)
        let resolved =
            semantics.speakers?.resolve(relayed, body: article.body, mentions: article.entities, sentences: sentences)
            ?? relayed
        article.quotes = resolved.map { quote in
            var quote = quote
            if let outlet = article.outlet?.domain, quote.relay.last?.lowercased() != outlet {
                quote.relay.append(outlet)
            }
            return quote
        }
        article.producedBy += [EntityTagger.name, DateAnnotator.name, QuoteAnnotator.name]
        return article
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
        // No text encoding takes more than 4 bytes a character: a plain text this long cannot fit.
        if raw.contentType == .plainText, raw.bytes.count > 4 * maxTextBytes {
            return .dropped(stage: PlainTextExtractor.name, reason: tooLong(raw.bytes.count, what: "text"))
        }
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
            case .kept(let article):
                if article.body.utf8.count > maxTextBytes {
                    return .dropped(stage: stage, reason: tooLong(article.body.utf8.count, what: "article text"))
                }
                extracted = article
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
        return .article(index(annotateSemantics(annotated, fetchedAt: raw.fetchedAt)))
    }

    private func tooLong(_ count: Int, what: String) -> DropReason {
        DropReason(
            code: "too-long",
            message:
                "the \(what) is \(count) bytes, over the \(maxTextBytes) bytes an article may hold (not a news article; "
                + "see --max-text-bytes)")
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
