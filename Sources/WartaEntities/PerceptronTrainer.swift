/// Trains an `NERModel` with the averaged structured perceptron (Collins 2002) and Viterbi decoding.
///
/// Deterministic: sentences are shuffled each epoch by `SplitMix64` from a fixed seed, feature rows are numbered
/// in order of first appearance, updates are integers, and the averaged weights are rounded with integer division,
/// so the same data and configuration give the same model bytes on every machine.
package struct PerceptronTrainer: Sendable {
    /// Training settings, with the defaults the shipped model was trained with.
    package struct Configuration: Sendable {
        /// Passes over the training data (chosen by 5-fold cross-validation over NERGrit train + valid).
        package var epochs = 38
        /// The shuffling seed.
        package var seed: UInt64 = 20_240_711
        /// Features seen fewer times than this in training get no weights.
        package var minimumFeatureCount = 1
        /// The scale of the stored integer weights.
        package var quantum: UInt32 = 1000
        /// How many perceptrons, trained with different shuffles, are averaged into the model.
        package var models = 1
        /// Per-mille chance that a feature is left out of one training step (dropout; 0: none). Chosen by 5-fold
        /// cross-validation, like `epochs`.
        package var dropout = 500

        package init() {}
    }

    /// A training sentence: features and gold BILOU tags.
    package struct Example: Sendable {
        package var features: SentenceFeatures
        package var tags: [Int]

        package init(features: SentenceFeatures, tags: [Int]) {
            self.features = features
            self.tags = tags
        }
    }

    package var configuration: Configuration

    package init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Prepares examples from annotated sentences.
    package static func examples(_ sentences: [LabelledSentence], extractor: FeatureExtractor) -> [Example] {
        sentences.map { sentence in
            let features = sentence.bytes.withUnsafeBufferPointer {
                extractor.features(bytes: $0, tokens: sentence.tokens)
            }
            return Example(
                features: features, tags: BILOUTag.tags(spans: sentence.entities, count: sentence.tokens.count))
        }
    }

    /// Trains on `examples`; `afterEpoch` sees the averaged model after each epoch (for tuning on held-out data).
    package func train(_ examples: [Example], afterEpoch: (Int, NERModel) -> Void = { _, _ in }) -> NERModel {
        let tagCount = BILOUTag.count
        // 1. Number feature keys in order of first appearance; count them.
        var rowOf: [UInt64: Int32] = [:]
        var keysInOrder: [UInt64] = []
        var counts: [Int32] = []
        for example in examples {
            for key in example.features.keys {
                if let row = rowOf[key] {
                    counts[Int(row)] += 1
                } else {
                    rowOf[key] = Int32(keysInOrder.count)
                    keysInOrder.append(key)
                    counts.append(1)
                }
            }
        }
        // 2. Map each example to row indices once, leaving out rare features.
        let minimum = Int32(configuration.minimumFeatureCount)
        var rowsOf: [[Int32]] = []
        var offsetsOf: [[Int]] = []
        for example in examples {
            var rows: [Int32] = []
            rows.reserveCapacity(example.features.keys.count)
            var offsets = [0]
            for token in 0..<example.features.count {
                for position in example.features.offsets[token]..<example.features.offsets[token + 1] {
                    if let row = rowOf[example.features.keys[position]], counts[Int(row)] >= minimum {
                        rows.append(row)
                    }
                }
                offsets.append(rows.count)
            }
            rowsOf.append(rows)
            offsetsOf.append(offsets)
        }
        // 3. Perceptron epochs with lazy averaging: average = w − u / c, where u sums c·Δ for every update.
        let featureTotal = keysInOrder.count
        var weights = [Int32](repeating: 0, count: featureTotal * tagCount)
        var sums = [Int64](repeating: 0, count: featureTotal * tagCount)
        var transitions = [Int32](repeating: 0, count: (tagCount + 1) * tagCount)
        var transitionSums = [Int64](repeating: 0, count: (tagCount + 1) * tagCount)
        var step: Int64 = 1
        var random = SplitMix64(seed: configuration.seed)
        var dropoutRandom = SplitMix64(seed: configuration.seed ^ Self.dropoutSeed)
        var order = Array(examples.indices)
        for epoch in 1...max(configuration.epochs, 1) {
            random.shuffle(&order)
            for index in order {
                let gold = examples[index].tags
                var rows = rowsOf[index]
                var offsets = offsetsOf[index]
                if configuration.dropout > 0 {
                    (rows, offsets) = Self.dropped(
                        rows: rows, offsets: offsets, perMille: configuration.dropout, random: &dropoutRandom)
                }
                let predicted = ViterbiDecoder.decode(
                    rows: rows, offsets: offsets, weights: weights, transitions: transitions
                ).tags
                if predicted != gold {
                    for token in 0..<gold.count {
                        let good = gold[token]
                        let bad = predicted[token]
                        if good != bad {
                            for position in offsets[token]..<offsets[token + 1] {
                                let base = Int(rows[position]) * tagCount
                                weights[base + good] += 1
                                sums[base + good] += step
                                weights[base + bad] -= 1
                                sums[base + bad] -= step
                            }
                        }
                        let goodPrevious = token == 0 ? tagCount : gold[token - 1]
                        let badPrevious = token == 0 ? tagCount : predicted[token - 1]
                        if goodPrevious != badPrevious || good != bad {
                            transitions[goodPrevious * tagCount + good] += 1
                            transitionSums[goodPrevious * tagCount + good] += step
                            transitions[badPrevious * tagCount + bad] -= 1
                            transitionSums[badPrevious * tagCount + bad] -= step
                        }
                    }
                }
                step += 1
            }
            let model = averaged(
                keys: keysInOrder, weights: weights, sums: sums, transitions: transitions,
                transitionSums: transitionSums, step: step, epochs: epoch, sentences: examples.count)
            afterEpoch(epoch, model)
            if epoch == configuration.epochs { return model }
        }
        return averaged(
            keys: keysInOrder, weights: weights, sums: sums, transitions: transitions, transitionSums: transitionSums,
            step: step, epochs: configuration.epochs, sentences: examples.count)
    }

    /// Mixed into the seed for the dropout draws, so they do not repeat the shuffling draws.
    private static let dropoutSeed: UInt64 = 0x6472_6F70  // "drop"

    /// A sentence's feature rows with each one left out with probability `perMille`/1000, token boundaries kept.
    ///
    /// Dropout in training (Wager, Wang & Liang 2013: an adaptive regulariser) makes the model spread weight over
    /// redundant features instead of leaning on the few that fire in training, such as a name's own word.
    package static func dropped(
        rows: [Int32], offsets: [Int], perMille: Int, random: inout SplitMix64
    ) -> (rows: [Int32], offsets: [Int]) {
        var kept: [Int32] = []
        kept.reserveCapacity(rows.count)
        var keptOffsets = [0]
        keptOffsets.reserveCapacity(offsets.count)
        let threshold = UInt64(perMille)
        for token in 0..<(offsets.count - 1) {
            for position in offsets[token]..<offsets[token + 1] where random.next() % 1000 >= threshold {
                kept.append(rows[position])
            }
            keptOffsets.append(kept.count)
        }
        return (kept, keptOffsets)
    }

    /// The averaged weights, scaled by the quantum and rounded; rows that round to all zeros are left out.
    private func averaged(
        keys: [UInt64], weights: [Int32], sums: [Int64], transitions: [Int32], transitionSums: [Int64], step: Int64,
        epochs: Int, sentences: Int
    ) -> NERModel {
        let tagCount = BILOUTag.count
        let quantum = Int64(configuration.quantum)
        func average(_ weight: Int32, _ sum: Int64) -> Int32 {
            let numerator = (Int64(weight) * step - sum) * quantum
            let rounded = numerator >= 0 ? (numerator + step / 2) / step : -((-numerator + step / 2) / step)
            return Int32(clamping: rounded)
        }
        var rows: [UInt64: Int32] = [:]
        var averagedWeights: [Int32] = []
        var row = [Int32](repeating: 0, count: tagCount)
        for (index, key) in keys.enumerated() {
            var nonZero = false
            for tag in 0..<tagCount {
                row[tag] = average(weights[index * tagCount + tag], sums[index * tagCount + tag])
                nonZero = nonZero || row[tag] != 0
            }
            guard nonZero else { continue }
            rows[key] = Int32(averagedWeights.count / tagCount)
            averagedWeights.append(contentsOf: row)
        }
        let averagedTransitions = transitions.indices.map { average(transitions[$0], transitionSums[$0]) }
        return NERModel(
            rows: rows, weights: averagedWeights, transitions: averagedTransitions,
            metadata: NERModel.Metadata(
                featureVersion: FeatureExtractor.version, quantum: configuration.quantum, epochs: UInt32(epochs),
                seed: configuration.seed, sentences: UInt32(sentences)))
    }
}
