import Foundation
import Testing
import WartaCore
import WartaEntities

@Suite("Training and the model file")
struct TrainingTests {
    static func slice() throws -> [LabelledSentence] {
        if TestData.hasNERGrit {
            // The first 40 sentences of NERGrit train: real data, still quick in a debug build.
            return Array(try NERTraining.read(split: "train", in: TestData.nergrit).prefix(40))
        }
        return LabelledSentence.read(conll: TestData.tinyCorpus)
    }

    @Test("training twice on the same slice gives the same model bytes")
    func deterministic() throws {
        let sentences = try Self.slice()
        let lexicon = try TestData.lexicon.get()
        var configuration = PerceptronTrainer.Configuration()
        configuration.epochs = 3
        let first = NERTraining.train(sentences, lexicon: lexicon, configuration: configuration).serialized()
        let second = NERTraining.train(sentences, lexicon: lexicon, configuration: configuration).serialized()
        #expect(first.count > 1000)
        #expect(first == second)
        // A different seed shuffles differently and so, in general, gives different weights.
        configuration.seed += 1
        let third = NERTraining.train(sentences, lexicon: lexicon, configuration: configuration).serialized()
        #expect(third != first)
    }

    @Test("dropout leaves out about the share asked for, keeps token boundaries, and changes what is learnt")
    func dropout() throws {
        let rows = (0..<10_000).map { Int32($0) }
        let offsets = Array(stride(from: 0, through: 10_000, by: 100))
        var random = SplitMix64(seed: 7)
        let none = PerceptronTrainer.dropped(rows: rows, offsets: offsets, perMille: 0, random: &random)
        #expect(none.rows == rows)
        #expect(none.offsets == offsets)
        let half = PerceptronTrainer.dropped(rows: rows, offsets: offsets, perMille: 500, random: &random)
        #expect(half.offsets.count == offsets.count)
        #expect(half.rows.count > 4_500 && half.rows.count < 5_500)
        // Each token keeps only its own rows, in order.
        for token in 0..<(offsets.count - 1) {
            let kept = half.rows[half.offsets[token]..<half.offsets[token + 1]]
            #expect(kept.allSatisfy { Int($0) >= offsets[token] && Int($0) < offsets[token + 1] })
            #expect(kept.sorted() == Array(kept))
        }
        // Training with and without dropout gives different models; with it, the same model twice.
        let sentences = try Self.slice()
        let lexicon = try TestData.lexicon.get()
        var configuration = PerceptronTrainer.Configuration()
        configuration.epochs = 3
        let with = NERTraining.train(sentences, lexicon: lexicon, configuration: configuration).serialized()
        #expect(with == NERTraining.train(sentences, lexicon: lexicon, configuration: configuration).serialized())
        configuration.dropout = 0
        let without = NERTraining.train(sentences, lexicon: lexicon, configuration: configuration).serialized()
        #expect(with != without)
    }

    @Test("a trained model learns its training data and survives a write–read round trip")
    func learnsAndRoundTrips() throws {
        let sentences = LabelledSentence.read(conll: TestData.tinyCorpus)
        let lexicon = try TestData.lexicon.get()
        var configuration = PerceptronTrainer.Configuration()
        configuration.epochs = 5
        let model = NERTraining.train(sentences, lexicon: lexicon, configuration: configuration)
        let score = NEREvaluation.evaluate(
            model: model, extractor: FeatureExtractor(lexicon: lexicon), sentences: sentences)
        #expect(score.overall.f1 == 1)
        let bytes = model.serialized()
        let reread = try NERModel(serialized: Data(bytes))
        #expect(reread.serialized() == bytes)
        #expect(reread.metadata == model.metadata)
        #expect(throws: NERModel.FormatError.self) { try NERModel(serialized: Data(bytes.prefix(40))) }
        #expect(throws: NERModel.FormatError.self) { try NERModel(serialized: Data("not a model".utf8)) }
    }

    @Test("the shipped model loads and says how it was trained")
    func bundledModel() throws {
        let tagger = try TestData.tagger.get()
        #expect(tagger.model.featureCount > 10_000)
        #expect(tagger.model.metadata.featureVersion == FeatureExtractor.version)
        #expect(tagger.model.metadata.epochs == UInt32(PerceptronTrainer.Configuration().epochs))
        #expect(tagger.model.metadata.seed == PerceptronTrainer.Configuration().seed)
        #expect(tagger.model.metadata.sentences == 1672)
    }

    @Test(
        "the shipped model scores at least 0.74 F1 on NERGrit test (reads ../shared; skipped without it)",
        .enabled(if: TestData.hasNERGrit, "../shared/data/id/ner/nergrit is absent: NERGrit floor not checked")
    )
    func nergritFloor() throws {
        let tagger = try TestData.tagger.get()
        let test = try NERTraining.read(split: "test", in: TestData.nergrit)
        let score = NEREvaluation.evaluate(model: tagger.model, extractor: tagger.extractor, sentences: test)
        #expect(score.overall.gold == 688)
        #expect(score.overall.f1 >= 0.74, "NERGrit test F1 \(score.overall.f1)")
    }
}
