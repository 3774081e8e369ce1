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
    /// Rounds of coordinate ascent over the offsets and the fragment threshold after the bias.
    public var rounds = 1
    /// What the thresholds are tuned for, per stream (averaged over the streams).
    public enum Objective: String, Sendable, CaseIterable {
        /// B³ F1 alone.
        case b3
        /// The mean of B³ and pairwise F1 (``clusteringObjective(predicted:gold:)``).
        case mean
    }
    public var objective = Objective.mean

    public init() {}

    /// A labelled stream: documents in publication order, their gold labels, and whether the gold events are
    /// incidents (a happening with its aftermath: gva-dev, ECB+), scored against Warta's incidents, not its events.
    public struct LabelledStream: Sendable {
        public var documents: [NewsDocument]
        public var labels: [String]
        public var incidents: Bool

        public init(documents: [NewsDocument], labels: [String], incidents: Bool = false) {
            self.documents = documents
            self.labels = labels
            self.incidents = incidents
        }
    }

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
        _ model: StoryClusterer.Model, streams: [LabelledStream], configuration: StoryClusterer.Configuration
    ) -> StoryClusterer.Model {
        /// The mean objective over `streams`, each at its level (events, or incidents where its gold events take
        /// in their aftermath), or of the storylines when `storylines` is set.
        func score(
            _ candidate: StoryClusterer.Model, _ streams: [LabelledStream], storylines: Bool = false
        ) -> Double {
            var config = configuration
            config.eventModel = candidate
            var total = 0.0
            for stream in streams {
                let clusters = StoryClusterer.clusters(of: stream.documents, configuration: config)
                let level = storylines ? clusters.storylines : stream.incidents ? clusters.incidents : clusters.events
                let predicted = level.map { "c\($0)" }
                total +=
                    objective == .b3
                    ? bCubed(predicted: predicted, gold: stream.labels).f1
                    : clusteringObjective(predicted: predicted, gold: stream.labels)
            }
            return total / Double(max(streams.count, 1))
        }
        /// The best step of `steps` (each step is a quarter), searched coarse to fine: every fourth step (and
        /// step 0 and the last), then two and one step either side of the best so far; 11 clusterings of the
        /// streams instead of 25 for −12…12. Ties go to the lower step.
        func best(
            _ steps: ClosedRange<Int>, _ streams: [LabelledStream],
            _ change: (inout StoryClusterer.Model, Float) -> Void, from start: StoryClusterer.Model,
            storylines: Bool = false
        ) -> StoryClusterer.Model {
            var scores: [Int: Double] = [:]
            func value(_ step: Int) -> Double {
                if let known = scores[step] { return known }
                var candidate = start
                change(&candidate, Float(step) * 0.25)
                let result = score(candidate, streams, storylines: storylines)
                scores[step] = result
                return result
            }
            var coarse = Array(stride(from: steps.lowerBound, through: steps.upperBound, by: 4))
            if steps.contains(0) { coarse.append(0) }
            coarse.append(steps.upperBound)
            var chosen = steps.lowerBound
            for step in Set(coarse).sorted() where value(step) > value(chosen) + 1e-9 { chosen = step }
            for delta in [2, 1] {
                let around = chosen
                for step in [around - delta, around + delta] where steps.contains(step) {
                    if value(step) > value(chosen) + 1e-9 || (abs(value(step) - value(chosen)) <= 1e-9 && step < chosen)
                    {
                        chosen = step
                    }
                }
            }
            var model = start
            change(&model, Float(chosen) * 0.25)
            return model
        }
        var tuned = best(-12...12, streams, { $0.bias += $1 }, from: model)
        let undated = streams.filter { $0.documents.contains { $0.day == nil } }
        let dated = streams.filter { $0.documents.contains { $0.day != nil } }
        let fullText = streams.filter { $0.documents.contains { !$0.headlineOnly } }
        // The offsets for undated pairs and the fragment threshold depend on each other (merges mend splits, so a
        // stricter offset can pay): `rounds` rounds of coordinate ascent.
        for _ in 0..<rounds {
            for offset in [StoryClusterer.Features.timeMissingIndex, StoryClusterer.Features.bothUndatedIndex]
            where !undated.isEmpty && tuned.weights.count > offset {
                tuned = best(-12...12, undated, { $0.weights[offset] += $1 }, from: tuned)
            }
            // Late follow-ups (a dated article that fits a closed event) have their own offset. Such an article
            // opens an event of its own that follows up the old one: the offset is tuned on the incidents of the
            // dated streams scored as incidents, else (none is) on the dated streams' storylines.
            let late = StoryClusterer.Features.lateIndex
            let incidentStreams = dated.filter(\.incidents)
            if configuration.lateFollowUps, !dated.isEmpty, tuned.weights.count > late {
                tuned = best(
                    -12...12, incidentStreams.isEmpty ? dated : incidentStreams, { $0.weights[late] += $1 },
                    from: tuned, storylines: incidentStreams.isEmpty)
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

/// What the thresholds are tuned for: the mean of B³ F1 and pairwise F1. B³ alone is lenient with topic buckets on
/// streams of many small events (leaving every article alone scores 0.74 on gva-dev); pairwise F1 is dominated by
/// the largest clusters, so it punishes a bucket at once.
public func clusteringObjective(predicted: [String], gold: [String]) -> Double {
    (bCubed(predicted: predicted, gold: gold).f1 + pairwise(predicted: predicted, gold: gold).f1) / 2
}

/// Pairwise ("standard", Miranda et al. 2018) precision, recall and F1 over unordered pairs of documents.
public func pairwise(predicted: [String], gold: [String]) -> (precision: Double, recall: Double, f1: Double) {
    let (pair, predictedSize, goldSize) = contingency(predicted: predicted, gold: gold)
    func pairs(_ counts: Dictionary<String, Int>.Values) -> Double {
        counts.reduce(0) { $0 + Double($1) * Double($1 - 1) / 2 }
    }
    let both = pairs(pair.values)
    let predictedPairs = pairs(predictedSize.values)
    let goldPairs = pairs(goldSize.values)
    let precision = predictedPairs > 0 ? both / predictedPairs : 0
    let recall = goldPairs > 0 ? both / goldPairs : 0
    return (precision, recall, precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0)
}

/// B-cubed precision, recall and F1 of a predicted clustering against gold labels (as evaluate.py computes).
public func bCubed(predicted: [String], gold: [String]) -> (precision: Double, recall: Double, f1: Double) {
    let (pair, predictedSize, goldSize) = contingency(predicted: predicted, gold: gold)
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

/// The gold × predicted contingency table (cells keyed "predicted\u{1}gold") and both sides' cluster sizes.
private func contingency(predicted: [String], gold: [String]) -> (
    pair: [String: Int], predicted: [String: Int], gold: [String: Int]
) {
    var pair: [String: Int] = [:]
    var predictedSize: [String: Int] = [:]
    var goldSize: [String: Int] = [:]
    for (p, g) in zip(predicted, gold) {
        pair[p + "\u{1}" + g, default: 0] += 1
        predictedSize[p, default: 0] += 1
        goldSize[g, default: 0] += 1
    }
    return (pair, predictedSize, goldSize)
}
