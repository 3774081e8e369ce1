import Foundation
import WartaCore
import WartaText

/// Finds people, organisations and places in an article's body with a trained averaged-perceptron model.
///
/// Pure: the model and lexicon are loaded once and passed in; the same article gives the same mentions.
/// Works sentence by sentence over `Article.sentences` (the whole body when there are none), and cuts very long
/// sentences into windows of `Configuration.maximumTokens`, so any input costs time linear in its length.
public struct EntityTagger: Stage {
    public static let name: StageName = "annotate.ner.perceptron.v1"

    /// Settings with documented defaults.
    public struct Configuration: Sendable {
        /// Sentences longer than this many tokens are tagged in windows of this size.
        public var maximumTokens = 250
        /// Mentions with a confidence below this are left out.
        public var minimumConfidence = 0.0

        public init() {}
    }

    /// The configuration.
    public var configuration: Configuration
    package let model: NERModel
    package let extractor: FeatureExtractor

    package init(model: NERModel, lexicon: NERLexicon, configuration: Configuration = Configuration()) {
        self.model = model
        self.extractor = FeatureExtractor(lexicon: lexicon)
        self.configuration = configuration
    }

    /// The tagger with the model and lexicon bundled with WartaEntities (Indonesian news, NERGrit-trained).
    public static func bundled(configuration: Configuration = Configuration()) throws -> EntityTagger {
        let model = try NERModel(serialized: try EntityResources.data(NERModelFile.bundledPath))
        return EntityTagger(model: model, lexicon: try NERLexicon.bundled(), configuration: configuration)
    }

    /// Returns the article's entity mentions, in body order.
    public func process(_ input: Article, context: StageContext) throws -> StageResult<[EntityMention]> {
        .kept(mentions(in: input.body, sentences: input.sentences.map(\.span)))
    }

    /// The entity mentions in `text`, tagging each sentence span (or the whole text when `sentences` is empty).
    public func mentions(in text: String, sentences: [TextSpan] = []) -> [EntityMention] {
        var copy = text
        return copy.withUTF8 { bytes in
            let all = sentences.isEmpty ? [TextSpan(start: 0, end: bytes.count)] : sentences
            var result: [EntityMention] = []
            let tokenizer = NERTokenizer()
            for sentence in all {
                let start = max(0, min(sentence.start, bytes.count))
                let end = max(start, min(sentence.end, bytes.count))
                let tokens = tokenizer.tokens(in: bytes, range: start..<end)
                var windowStart = 0
                while windowStart < tokens.count {
                    let windowEnd = min(tokens.count, windowStart + max(configuration.maximumTokens, 1))
                    let window = Array(tokens[windowStart..<windowEnd])
                    result.append(contentsOf: tag(bytes: bytes, tokens: window))
                    windowStart = windowEnd
                }
            }
            return result
        }
    }

    /// Tags one window of tokens.
    private func tag(bytes: UnsafeBufferPointer<UInt8>, tokens: [Range<Int>]) -> [EntityMention] {
        let features = extractor.features(bytes: bytes, tokens: tokens)
        let decoding = model.decode(features)
        let scale = Double(max(model.metadata.quantum, 1))
        return BILOUTag.spans(decoding.tags).compactMap { span in
            // Confidence: the smallest per-token margin over the span, squashed by a logistic curve. A heuristic
            // ranking signal, not a calibrated probability.
            let margin = decoding.margins[span.start..<span.end].min() ?? 0
            let confidence = 1 / (1 + exp(-Double(margin) / scale))
            guard confidence >= configuration.minimumConfidence else { return nil }
            return EntityMention(
                span: TextSpan(start: tokens[span.start].lowerBound, end: tokens[span.end - 1].upperBound),
                kind: BILOUTag.kinds[span.kind], confidence: confidence)
        }
    }
}

/// Where the shipped model lives.
package enum NERModelFile {
    /// The bundled model's path inside `Resources`.
    package static let bundledPath = "model/ner-id.bin"
}
