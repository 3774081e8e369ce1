import Foundation

/// Training and evaluation on a folder of CoNLL files (`train.tsv`, `valid.tsv`, `test.tsv`), as the CLI runs them.
package enum NERTraining {
    /// A split file that is missing or unreadable.
    package struct MissingSplit: Error, CustomStringConvertible {
        package var path: String
        package var description: String { "cannot read \"\(path)\"" }
    }

    /// Reads one split, such as `train`, from `directory`.
    package static func read(split: String, in directory: URL) throws -> [LabelledSentence] {
        let url = directory.appendingPathComponent(split + ".tsv")
        guard let data = FileManager.default.contents(atPath: url.path) else { throw MissingSplit(path: url.path) }
        return LabelledSentence.read(conll: String(decoding: data, as: UTF8.self))
    }

    /// Trains on `train` sentences with the bundled lexicon; `afterEpoch` gets each epoch's averaged model.
    package static func train(
        _ train: [LabelledSentence], lexicon: NERLexicon, configuration: PerceptronTrainer.Configuration,
        afterEpoch: (Int, NERModel) -> Void = { _, _ in }
    ) -> NERModel {
        let extractor = FeatureExtractor(lexicon: lexicon)
        let examples = PerceptronTrainer.examples(train, extractor: extractor)
        var models: [NERModel] = []
        for member in 0..<max(configuration.models, 1) {
            var memberConfiguration = configuration
            memberConfiguration.seed = configuration.seed &+ UInt64(member) &* 1_000_003
            models.append(
                PerceptronTrainer(configuration: memberConfiguration).train(
                    examples, afterEpoch: member == 0 ? afterEpoch : { _, _ in }))
        }
        return NERModel.average(models, seed: configuration.seed)
    }
}
