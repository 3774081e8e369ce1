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
    /// Country names: a span that opens with one is decoded again with the country as a place of its own.
    package let countries: AliasLexicon?

    package init(
        model: NERModel, lexicon: NERLexicon, countries: AliasLexicon? = nil,
        configuration: Configuration = Configuration()
    ) {
        self.model = model
        self.extractor = FeatureExtractor(lexicon: lexicon)
        self.countries = countries
        self.configuration = configuration
    }

    /// The tagger with the model and lexicon bundled with WartaEntities (Indonesian news, NERGrit-trained).
    public static func bundled(configuration: Configuration = Configuration()) throws -> EntityTagger {
        let model = try NERModel(serialized: try EntityResources.data(NERModelFile.bundledPath))
        return EntityTagger(
            model: model, lexicon: try NERLexicon.bundled(), countries: try AliasLexicon.bundled(),
            configuration: configuration)
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
        let decoding = decode(bytes: bytes, tokens: tokens)
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

extension EntityTagger {
    /// The BILOU tags of one sequence of tokens, with a country split off the front of a span where one opens it.
    package func decode(bytes: UnsafeBufferPointer<UInt8>, tokens: [Range<Int>]) -> Decoding {
        let features = extractor.features(bytes: bytes, tokens: tokens)
        let decoding = model.decode(features)
        guard let allowed = countryConstraints(BILOUTag.spans(decoding.tags), bytes: bytes, tokens: tokens) else {
            return decoding
        }
        return model.decode(features, allowed: allowed)
    }

    /// The only tag of a one-token country, and the tags of a longer one (begin, inside, last), all PLACE.
    private static let placeTags: (unit: UInt16, begin: UInt16, inside: UInt16, last: UInt16) = {
        let place = BILOUTag.kinds.firstIndex(of: .place) ?? 2
        return (
            1 << BILOUTag.index(place, .unit), 1 << BILOUTag.index(place, .begin),
            1 << BILOUTag.index(place, .inside), 1 << BILOUTag.index(place, .last)
        )
    }()

    /// The tags that open a span or stand outside one: what may follow a country split off.
    private static let openingTags: UInt16 = BILOUTag.kinds.indices.reduce(1 << BILOUTag.outside) {
        $0 | 1 << BILOUTag.index($1, .begin) | 1 << BILOUTag.index($1, .unit)
    }

    /// Tag masks that split a country off the front of a longer span, or nil when no span opens with one.
    ///
    /// "di Palestina Ismail Haniyeh" can come out as one span; when the first one to three tokens of a span of
    /// several are a country name (CLDR and curated names, `AliasLexicon`), the whole span is not, and a capitalised
    /// token follows, the sentence is decoded again with the country forced to be a place span of its own and the
    /// next token forced to open a new span or be outside one. The model then decides what the rest is.
    package func countryConstraints(
        _ spans: [EntitySpan], bytes: UnsafeBufferPointer<UInt8>, tokens: [Range<Int>]
    ) -> [UInt16]? {
        guard let countries else { return nil }
        func text(_ range: Range<Int>) -> String {
            let bytes = bytes[tokens[range.lowerBound].lowerBound..<tokens[range.upperBound - 1].upperBound]
            return String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
        }
        var allowed: [UInt16] = []
        for span in spans where span.end - span.start >= 2 {
            guard countries.country(for: AliasName(text(span.start..<span.end))) == nil else { continue }
            for length in stride(from: min(3, span.end - span.start - 1), through: 1, by: -1) {
                let next = span.start + length
                guard UTF8Scanner.isUppercaseStart(UTF8Scanner.scalar(in: bytes, at: tokens[next].lowerBound).0),
                    countries.country(for: AliasName(text(span.start..<next))) != nil
                else { continue }
                if allowed.isEmpty { allowed = [UInt16](repeating: UInt16.max, count: tokens.count) }
                let tags = Self.placeTags
                if length == 1 {
                    allowed[span.start] = tags.unit
                } else {
                    allowed[span.start] = tags.begin
                    for token in (span.start + 1)..<(next - 1) { allowed[token] = tags.inside }
                    allowed[next - 1] = tags.last
                }
                allowed[next] = Self.openingTags
                break
            }
        }
        return allowed.isEmpty ? nil : allowed
    }
}

/// Where the shipped model lives.
package enum NERModelFile {
    /// The bundled model's path inside `Resources`.
    package static let bundledPath = "model/ner-id.bin"
}
