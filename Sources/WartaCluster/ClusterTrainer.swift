import Foundation

/// Fits the event model from a labelled stream, as the literature does (Miranda et al. 2018): replay the stream
/// in publication order with the gold events, and for every article collect its features against its gold
/// event (a positive, when the event exists already) and against the most similar other open events (negatives);
/// then fit a logistic regression on those examples.
public struct ClusterTrainer: Sendable {
    public struct Example: Sendable {
        public var features: [Float]
        public var label: Float
    }

    public var negativesPerArticle = 5
    public var epochs = 300
    public var learningRate: Float = 0.5
    public var l2: Float = 1e-4
    /// The fragment thresholds tried (``StoryClusterer/Model/fragmentThreshold``): none (step 0), then
    /// (step − 1) / 4, from 0 to 5.
    public var fragmentSteps = 0...21

    public init() {}

    /// The training examples of one labelled stream (documents in publication order, with gold labels).
    public func examples(
        _ documents: [NewsDocument], labels: [String], configuration: StoryClusterer.Configuration
    ) -> [Example] {
        var clusterer = StoryClusterer(configuration: configuration)
        var examples: [Example] = []
        var clusterOfLabel: [String: Int] = [:]
        for (document, label) in zip(documents, labels) {
            clusterer.observe(document)
            var scored: [(Int, [Float], Float)] = []
            for index in clusterer.joinableEvents(for: document) {
                let features = clusterer.features(document, clusterer.events[index]).vector
                scored.append((index, features, features[0]))
            }
            let gold = clusterOfLabel[label]
            if let gold, let positive = scored.first(where: { $0.0 == gold }) {
                examples.append(Example(features: positive.1, label: 1))
            }
            let negatives = scored.filter { $0.0 != gold }.sorted { $0.2 > $1.2 }.prefix(negativesPerArticle)
            for negative in negatives { examples.append(Example(features: negative.1, label: 0)) }
            if let gold {
                clusterer.join(document, event: gold)
            } else {
                clusterOfLabel[label] = clusterer.open(document)
            }
        }
        return examples
    }

    /// Logistic regression by full-batch gradient descent (deterministic), with balanced class weights.
    public func fit(_ examples: [Example]) -> StoryClusterer.Model {
        guard let width = examples.first?.features.count else { return .event }
        var weights = [Float](repeating: 0, count: width)
        var bias: Float = 0
        let positives = Float(examples.filter { $0.label > 0.5 }.count)
        let negatives = Float(examples.count) - positives
        guard positives > 0, negatives > 0 else { return .event }
        let positiveWeight = Float(examples.count) / (2 * positives)
        let negativeWeight = Float(examples.count) / (2 * negatives)
        for _ in 0..<epochs {
            var gradient = [Float](repeating: 0, count: width)
            var gradientBias: Float = 0
            for example in examples {
                var z = bias
                for i in 0..<width { z += weights[i] * example.features[i] }
                let p = 1 / (1 + exp(-z))
                let classWeight = example.label > 0.5 ? positiveWeight : negativeWeight
                let error = (p - example.label) * classWeight
                for i in 0..<width { gradient[i] += error * example.features[i] }
                gradientBias += error
            }
            let n = Float(examples.count)
            for i in 0..<width { weights[i] -= learningRate * (gradient[i] / n + l2 * weights[i]) }
            bias -= learningRate * gradientBias / n
        }
        return StoryClusterer.Model(weights: weights, bias: bias)
    }
}

extension ClusterTrainer {
    /// Chooses the decision thresholds that give the best mean B³ F1 when the training streams are clustered with
    /// the model: the classifier ranks, the thresholds decide when to open a new event. First the bias (every
    /// pair), then the weight of ``StoryClusterer/Features/timeMissing``, which is the threshold's offset for pairs
    /// without a date on both sides, tuned on the streams that have undated articles.
    public func tuneBias(
        _ model: StoryClusterer.Model, streams: [(documents: [NewsDocument], labels: [String])],
        configuration: StoryClusterer.Configuration
    ) -> StoryClusterer.Model {
        func score(_ candidate: StoryClusterer.Model, _ streams: [(documents: [NewsDocument], labels: [String])])
            -> Double
        {
            var config = configuration
            config.eventModel = candidate
            var total = 0.0
            for stream in streams {
                let predicted = StoryClusterer.events(of: stream.documents, configuration: config).map { "e\($0)" }
                total += bCubed(predicted: predicted, gold: stream.labels).f1
            }
            return total / Double(max(streams.count, 1))
        }
        func best(
            _ steps: ClosedRange<Int>, _ streams: [(documents: [NewsDocument], labels: [String])],
            _ change: (inout StoryClusterer.Model, Float) -> Void, from start: StoryClusterer.Model
        ) -> StoryClusterer.Model {
            var chosen = start
            var chosenScore = -1.0
            for step in steps {
                var candidate = start
                change(&candidate, Float(step) * 0.25)
                let value = score(candidate, streams)
                if value > chosenScore + 1e-9 {
                    chosenScore = value
                    chosen = candidate
                }
            }
            return chosen
        }
        var tuned = best(-12...12, streams, { $0.bias += $1 }, from: model)
        let undated = streams.filter { $0.documents.contains { $0.day == nil } }
        let fullText = streams.filter { $0.documents.contains { !$0.headlineOnly } }
        // The offsets for undated pairs and the fragment threshold depend on each other (merges mend splits, so a
        // stricter offset can pay): two rounds of coordinate ascent.
        for _ in 0..<2 {
            for offset in [StoryClusterer.Features.timeMissingIndex, StoryClusterer.Features.bothUndatedIndex]
            where !undated.isEmpty && tuned.weights.count > offset {
                tuned = best(-12...12, undated, { $0.weights[offset] += $1 }, from: tuned)
            }
            // The fragment threshold, on the streams with full texts (headlines never merge events); step 0 is
            // "never merge", so merging has to earn its place on the training streams.
            if !fullText.isEmpty, fragmentSteps.upperBound > 0 {
                tuned = best(
                    fragmentSteps, fullText, { $0.fragmentThreshold = $1 == 0 ? nil : $1 - 0.25 }, from: tuned)
            }
        }
        return tuned
    }
}

/// B-cubed precision, recall and F1 of a predicted clustering against gold labels (as evaluate.py computes).
public func bCubed(predicted: [String], gold: [String]) -> (precision: Double, recall: Double, f1: Double) {
    var pair: [String: Int] = [:]
    var predictedSize: [String: Int] = [:]
    var goldSize: [String: Int] = [:]
    for (p, g) in zip(predicted, gold) {
        pair[p + "\u{1}" + g, default: 0] += 1
        predictedSize[p, default: 0] += 1
        goldSize[g, default: 0] += 1
    }
    var precision = 0.0
    var recall = 0.0
    for (p, g) in zip(predicted, gold) {
        let both = Double(pair[p + "\u{1}" + g] ?? 0)
        precision += both / Double(predictedSize[p] ?? 1)
        recall += both / Double(goldSize[g] ?? 1)
    }
    let n = Double(max(gold.count, 1))
    precision /= n
    recall /= n
    return (precision, recall, precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0)
}
