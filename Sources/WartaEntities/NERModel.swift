/// A trained sequence model: one weight row per feature key and a tag-transition matrix, all integers.
///
/// Weights are the averaged perceptron weights times `quantum`, rounded, so scoring is integer arithmetic and the
/// model file is the same on every machine.
package struct NERModel: Sendable, Equatable {
    /// How many feature keys map to rows.
    package var featureCount: Int { rows.count }
    /// Feature key → row index into `weights`.
    package var rows: [UInt64: Int32]
    /// `weights[row * BILOUTag.count + tag]`.
    package var weights: [Int32]
    /// `transitions[previous * BILOUTag.count + tag]`; `previous == BILOUTag.count` is the sentence start.
    package var transitions: [Int32]
    /// What produced the model.
    package var metadata: Metadata

    /// Training facts stored in the model file.
    package struct Metadata: Sendable, Equatable {
        /// `FeatureExtractor.version` at training time.
        package var featureVersion: UInt32
        /// The scale of the integer weights.
        package var quantum: UInt32
        /// Passes over the training data.
        package var epochs: UInt32
        /// The shuffling seed.
        package var seed: UInt64
        /// Training sentences seen per epoch.
        package var sentences: UInt32

        package init(featureVersion: UInt32, quantum: UInt32, epochs: UInt32, seed: UInt64, sentences: UInt32) {
            self.featureVersion = featureVersion
            self.quantum = quantum
            self.epochs = epochs
            self.seed = seed
            self.sentences = sentences
        }
    }

    package init(rows: [UInt64: Int32], weights: [Int32], transitions: [Int32], metadata: Metadata) {
        self.rows = rows
        self.weights = weights
        self.transitions = transitions
        self.metadata = metadata
    }

    /// The weight rows of a sentence's features (keys the model never saw are left out), in CSR form.
    package func rowIndices(_ features: SentenceFeatures) -> (rows: [Int32], offsets: [Int]) {
        var indices: [Int32] = []
        indices.reserveCapacity(features.keys.count)
        var offsets: [Int] = [0]
        offsets.reserveCapacity(features.offsets.count)
        for token in 0..<features.count {
            for position in features.offsets[token]..<features.offsets[token + 1] {
                if let row = rows[features.keys[position]] { indices.append(row) }
            }
            offsets.append(indices.count)
        }
        return (indices, offsets)
    }

    /// The best BILOU tag sequence for a sentence, with a confidence per token.
    /// `allowed`: optional per-token masks of the tags each token may take (`ViterbiDecoder`).
    package func decode(_ features: SentenceFeatures, allowed: [UInt16] = []) -> Decoding {
        let (indices, offsets) = rowIndices(features)
        return ViterbiDecoder.decode(
            rows: indices, offsets: offsets, weights: weights, transitions: transitions, allowed: allowed)
    }

    /// The element-wise mean of models with the same quantum (rounded half away from zero); rows are numbered in
    /// key order, so the result does not depend on dictionary order.
    package static func average(_ models: [NERModel], seed: UInt64) -> NERModel {
        guard let first = models.first else {
            return NERModel(
                rows: [:], weights: [], transitions: [],
                metadata: Metadata(
                    featureVersion: FeatureExtractor.version, quantum: 1, epochs: 0, seed: seed, sentences: 0))
        }
        if models.count == 1 { return first }
        let tagCount = BILOUTag.count
        let divisor = Int64(models.count)
        func mean(_ total: Int64) -> Int32 {
            Int32(clamping: total >= 0 ? (total + divisor / 2) / divisor : -((-total + divisor / 2) / divisor))
        }
        var keys = Set<UInt64>()
        for model in models { keys.formUnion(model.rows.keys) }
        var rows: [UInt64: Int32] = [:]
        var weights: [Int32] = []
        var totals = [Int64](repeating: 0, count: tagCount)
        for key in keys.sorted() {
            for tag in 0..<tagCount { totals[tag] = 0 }
            for model in models {
                guard let row = model.rows[key] else { continue }
                for tag in 0..<tagCount { totals[tag] += Int64(model.weights[Int(row) * tagCount + tag]) }
            }
            let row = totals.map(mean)
            guard row.contains(where: { $0 != 0 }) else { continue }
            rows[key] = Int32(weights.count / tagCount)
            weights.append(contentsOf: row)
        }
        let transitions = first.transitions.indices.map { index in
            mean(models.reduce(Int64(0)) { $0 + Int64($1.transitions[index]) })
        }
        var metadata = first.metadata
        metadata.seed = seed
        return NERModel(rows: rows, weights: weights, transitions: transitions, metadata: metadata)
    }
}
