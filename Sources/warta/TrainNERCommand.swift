import ArgumentParser
import Foundation
import WartaCore
import WartaEntities

/// `warta train ner`: trains the entity tagger on NERGrit and writes the model file.
///
/// The same data gives the same file, byte for byte: the shipped model is this command's output.
struct TrainNERCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Train the named-entity tagger (averaged perceptron) on NERGrit.",
        discussion: """
            Reads DIR/train.tsv (and DIR/valid.tsv for --report-valid). Writes the model that
            Sources/WartaEntities/Resources/model/ner-id.bin ships; training twice gives identical bytes.
            """
    )

    @Option(name: .long, help: "The NERGrit folder (default: ../shared/data/id/ner/nergrit from the repository root).")
    var data: String?

    @Option(name: .long, help: "Where to write the model.")
    var output = "ner-id.bin"

    @Option(name: .long, help: "Passes over the training data.")
    var epochs: Int?

    @Option(name: .long, help: "Perceptrons (different shuffles) averaged into the model.")
    var models: Int?

    @Option(name: .long, help: "Features seen fewer times in training get no weights.")
    var minFeatureCount: Int?

    @Option(name: .long, help: "Use only the first N training sentences (for quick checks).")
    var limit: Int?

    @Option(name: .long, help: "Per-mille chance that a feature is left out of a training step (0: no dropout).")
    var dropout: Int?

    @Flag(name: .long, help: "Print valid-set F1 after every epoch.")
    var reportValid = false

    func run() async throws {
        try await reportingErrors {
            let directory = try NERDataLocation.resolve(data)
            let lexicon: NERLexicon
            do { lexicon = try NERLexicon.bundled() } catch { throw WartaErrorBridge.languageData("\(error)") }
            var train = try NERDataLocation.read(split: "train", in: directory)
            if let limit { train = Array(train.prefix(max(limit, 0))) }
            let valid = reportValid ? try NERDataLocation.read(split: "valid", in: directory) : []
            var configuration = PerceptronTrainer.Configuration()
            if let epochs { configuration.epochs = max(epochs, 1) }
            if let models { configuration.models = max(models, 1) }
            if let dropout { configuration.dropout = min(max(dropout, 0), 999) }
            if let minFeatureCount { configuration.minimumFeatureCount = max(minFeatureCount, 1) }
            let extractor = FeatureExtractor(lexicon: lexicon)
            let clock = ContinuousClock()
            let started = clock.now
            Terminal.standardError.line(
                "training on \(train.count) sentences, \(configuration.epochs) epochs, seed \(configuration.seed)")
            let model = NERTraining.train(train, lexicon: lexicon, configuration: configuration) { epoch, model in
                guard reportValid else { return }
                let score = NEREvaluation.evaluate(model: model, extractor: extractor, sentences: valid).overall
                Terminal.standardError.line(
                    "epoch \(epoch): valid P=\(NERReport.fixed(score.precision)) R=\(NERReport.fixed(score.recall)) "
                        + "F1=\(NERReport.fixed(score.f1)) features=\(model.featureCount)")
            }
            if reportValid {
                let score = NEREvaluation.evaluate(model: model, extractor: extractor, sentences: valid).overall
                Terminal.standardError.line(
                    "final model: valid P=\(NERReport.fixed(score.precision)) R=\(NERReport.fixed(score.recall)) "
                        + "F1=\(NERReport.fixed(score.f1)) features=\(model.featureCount)")
            }
            let bytes = model.serialized()
            do {
                try Data(bytes).write(to: URL(fileURLWithPath: output))
            } catch {
                throw WartaError(code: "W0802", message: "cannot write the model to \"\(output)\": \(error)")
            }
            let seconds =
                Double((clock.now - started).components.attoseconds) / 1e18
                + Double((clock.now - started).components.seconds)
            Terminal.standardOutput.line(
                "wrote \(output): \(bytes.count) bytes, \(model.featureCount) feature rows, "
                    + "trained in \(NERReport.fixed(seconds, digits: 1)) s")
        }
    }
}

/// Finds the NER data folder: an explicit path, else `../shared/data/id/ner/nergrit` beside the repository root.
enum NERDataLocation {
    /// The default folder relative to the repository root.
    static let relativeDefault = "../shared/data/id/ner/nergrit"

    /// Returns the data folder, or a W0801 error with a hint.
    static func resolve(_ explicit: String?) throws -> URL {
        let fileManager = FileManager.default
        var candidates: [URL] = []
        if let explicit {
            candidates.append(URL(fileURLWithPath: explicit))
        } else {
            // Walk up from the current directory to the package root (the folder with Package.swift).
            var directory = URL(fileURLWithPath: fileManager.currentDirectoryPath)
            for _ in 0..<8 {
                if fileManager.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                    candidates.append(directory.appendingPathComponent(relativeDefault).standardizedFileURL)
                    break
                }
                directory = directory.deletingLastPathComponent()
            }
            candidates.append(URL(fileURLWithPath: relativeDefault).standardizedFileURL)
        }
        for candidate in candidates
        where fileManager.fileExists(atPath: candidate.appendingPathComponent("train.tsv").path)
            || fileManager.fileExists(atPath: candidate.appendingPathComponent("test.tsv").path)
        {
            return candidate
        }
        throw WartaError(
            code: "W0801",
            message: "no NER data in \(candidates.map { "\"\($0.path)\"" }.joined(separator: " or "))",
            hint: "pass --data DIR, a folder with train.tsv, valid.tsv and test.tsv (TOKEN<TAB>BIO-TAG lines), "
                + "or run from the repository with ../shared/data/id/ner/nergrit beside it"
        )
    }

    /// Reads one split, turning a missing file into W0801.
    static func read(split: String, in directory: URL) throws -> [LabelledSentence] {
        do {
            return try NERTraining.read(split: split, in: directory)
        } catch {
            throw WartaError(
                code: "W0801", message: "\(error)", hint: "the folder needs \(split).tsv with TOKEN<TAB>BIO-TAG lines")
        }
    }
}

/// Number formatting shared by the NER commands.
enum NERReport {
    /// `value` with a fixed number of decimals, independent of locale.
    static func fixed(_ value: Double, digits: Int = 3) -> String {
        String(format: "%.\(digits)f", locale: Locale(identifier: "en_US_POSIX"), value)
    }
}
