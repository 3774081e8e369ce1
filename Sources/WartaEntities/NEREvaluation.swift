import WartaCore

/// CoNLL exact-span scoring: an entity counts only if its start, end and kind all match.
package struct NEREvaluation: Sendable, Equatable {
    /// Counts for one kind, or for all kinds together.
    package struct Counts: Sendable, Equatable {
        package var truePositives = 0
        package var predicted = 0
        package var gold = 0

        package init() {}

        package var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
        package var recall: Double { gold == 0 ? 0 : Double(truePositives) / Double(gold) }
        package var f1: Double {
            precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        }
    }

    /// Counts per kind index (0 person, 1 organisation, 2 place).
    package var perKind = [Counts](repeating: Counts(), count: 3)
    /// Micro-averaged counts over all kinds.
    package var overall = Counts()
    /// Sentences scored.
    package var sentences = 0
    /// Tokens scored.
    package var tokens = 0

    package init() {}

    /// Adds one sentence's gold and predicted entities.
    package mutating func add(gold: [EntitySpan], predicted: [EntitySpan], tokens: Int) {
        sentences += 1
        self.tokens += tokens
        let goldSet = Set(gold)
        for span in predicted {
            perKind[span.kind].predicted += 1
            overall.predicted += 1
            if goldSet.contains(span) {
                perKind[span.kind].truePositives += 1
                overall.truePositives += 1
            }
        }
        for span in gold {
            perKind[span.kind].gold += 1
            overall.gold += 1
        }
    }

    /// Tags `sentences` with `model` and scores the result; `predicted` sees each sentence's spans, in order.
    package static func evaluate(
        model: NERModel, extractor: FeatureExtractor, sentences: [LabelledSentence],
        predicted: ([EntitySpan]) -> Void = { _ in }
    ) -> NEREvaluation {
        score(sentences, predicted: predicted) { bytes, tokens in
            model.decode(extractor.features(bytes: bytes, tokens: tokens))
        }
    }

    /// Tags `sentences` as the `EntityTagger` stage tags a sentence (the model, then the country split) and scores
    /// the result; `predicted` sees each sentence's spans, in order.
    package static func evaluate(
        tagger: EntityTagger, sentences: [LabelledSentence], predicted: ([EntitySpan]) -> Void = { _ in }
    ) -> NEREvaluation {
        score(sentences, predicted: predicted, decode: tagger.decode(bytes:tokens:))
    }

    /// Decodes every sentence with `decode` and scores its spans against the gold ones.
    private static func score(
        _ sentences: [LabelledSentence], predicted: ([EntitySpan]) -> Void,
        decode: (UnsafeBufferPointer<UInt8>, [Range<Int>]) -> Decoding
    ) -> NEREvaluation {
        var evaluation = NEREvaluation()
        for sentence in sentences {
            let spans = sentence.bytes.withUnsafeBufferPointer { BILOUTag.spans(decode($0, sentence.tokens).tags) }
            evaluation.add(gold: sentence.entities, predicted: spans, tokens: sentence.tokens.count)
            predicted(spans)
        }
        return evaluation
    }

    /// CoNLL BIO tags (`B-PERSON`, `I-PERSON`, `O`) for `spans` over `count` tokens.
    package static func bioTags(_ spans: [EntitySpan], count: Int) -> [String] {
        var tags = [String](repeating: "O", count: count)
        for span in spans where span.start >= 0 && span.end <= count && BILOUTag.kinds.indices.contains(span.kind) {
            let name = BILOUTag.kinds[span.kind].rawValue
            for token in span.start..<span.end { tags[token] = (token == span.start ? "B-" : "I-") + name }
        }
        return tags
    }
}
