import ArgumentParser
import Foundation
import WartaCluster
import WartaCore
import WartaIngest
import WartaPipeline
import WartaText

/// `warta train clustering`: fits the event model on labelled streams and reports held-out B³, so that every
/// figure quoted comes from data the model did not see.
struct TrainClusteringCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clustering",
        abstract: "Fit the event-clustering model on gold-labelled streams and report held-out B³ F1.",
        discussion: """
            Each --gold file is a labelled stream (JSON lines with "cluster" or "story", and "topic" when there
            is one). For every file: k-fold cross-validation by topic when records have a topic, else a time
            split (fit on the first half, test on the second), always training on the other files as well.
            Then one model is fitted on everything and printed.
            """
    )

    @Option(name: .long, help: "A gold-labelled JSON-lines file (repeatable).")
    var gold: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A --gold file whose events take in their aftermath (repeatable): scored against Warta's incidents.",
            discussion: "gva-dev's incidents and ECB+'s events hold the trial or the repair months on."))
    var incidents: [String] = []

    @Option(name: .long, help: "Folds for topic cross-validation.")
    var folds = 5

    @Flag(name: .long, help: "Fit no merge threshold (events never merge).")
    var noMerges = false

    @Flag(name: .long, help: "Fit only the model on all streams (no held-out fits).")
    var finalOnly = false

    @Option(name: .long, help: "Tune the thresholds for b3 (B³ F1) or mean (of B³ and pairwise F1).")
    var objective = "mean"

    @Flag(name: .long, help: "Report the held-out figures only (no model fitted on all streams).")
    var noFinal = false

    @Option(
        name: .customLong("held-out"),
        help: "Held-out figures for this --gold file only (repeatable; default: every file). The others still train.")
    var heldOutFiles: [String] = []

    func validate() throws {
        if gold.isEmpty { throw ValidationError("give at least one --gold file") }
        if folds < 2 { throw ValidationError("--folds must be at least 2") }
        if finalOnly && noFinal { throw ValidationError("--final-only and --no-final exclude each other") }
        for file in heldOutFiles where !gold.contains(file) {
            throw ValidationError("--held-out \(file) is not one of the --gold files")
        }
        for file in incidents where !gold.contains(file) {
            throw ValidationError("--incidents \(file) is not one of the --gold files")
        }
    }

    struct Stream: Sendable {
        var name: String
        var inputs: [StreamLinker.Input]
        var labels: [String]
        var topics: [String?]
        /// Scored against incidents (``TrainClusteringCommand/incidents``).
        var incidents = false
    }

    func run() async throws {
        try await reportingErrors {
            let builder = DocumentBuilder(analyzer: try TextAnalyzer.bundled(), stopWords: try StopWords.bundled())
            let identifier = try LanguageIdentifier.bundled()
            let streams = try gold.map { path in
                var stream = try Self.load(path)
                stream.incidents = incidents.contains(path)
                return stream
            }
            let configuration = StoryClusterer.Configuration()
            var trainer = ClusterTrainer()
            if noMerges { trainer.fragmentSteps = 0...0 }
            guard let chosen = ClusterTrainer.Objective(rawValue: objective) else {
                throw WartaError(code: "W0606", message: "--objective must be b3 or mean, not \"\(objective)\"")
            }
            trainer.objective = chosen
            let fitter = Fitter(
                builder: builder, identifier: identifier, configuration: configuration, trainer: trainer)
            let built: [Fitter.Labelled] = streams.map {
                Fitter.Labelled(documents: fitter.documents($0.inputs), labels: $0.labels, incidents: $0.incidents)
            }
            // Every held-out fit, and the final one, is independent of the others: they run side by side.
            var jobs: [Job] = []
            for (index, stream) in streams.enumerated()
            where !finalOnly && (heldOutFiles.isEmpty || heldOutFiles.contains(gold[index])) {
                if stream.topics.allSatisfy({ $0 != nil }) {
                    let topics = Array(Set(stream.topics.compactMap { $0 })).sorted()
                    for fold in 0..<folds {
                        let held = Set(topics.enumerated().filter { $0.offset % folds == fold }.map(\.element))
                        jobs.append(
                            Job(
                                stream: index,
                                train: stream.inputs.indices.filter { !held.contains(stream.topics[$0] ?? "") },
                                test: stream.inputs.indices.filter { held.contains(stream.topics[$0] ?? "") }))
                    }
                } else {
                    let half = stream.inputs.count / 2
                    jobs.append(Job(stream: index, train: Array(0..<half), test: Array(half..<stream.inputs.count)))
                }
            }
            let fits = jobs
            let heldOut = await withTaskGroup(of: (Int, StoryClusterer.Model, (b3: Double, pairwise: Double)).self) {
                group in
                for (number, job) in fits.enumerated() {
                    group.addTask {
                        let stream = streams[job.stream]
                        let others = built.enumerated().filter { $0.offset != job.stream }.map(\.element)
                        let model = fitter.fitTuned(
                            others + [
                                Fitter.Labelled(
                                    documents: fitter.documents(job.train.map { stream.inputs[$0] }),
                                    labels: job.train.map { stream.labels[$0] }, incidents: stream.incidents)
                            ])
                        let score = fitter.evaluate(
                            job.test.map { stream.inputs[$0] }, labels: job.test.map { stream.labels[$0] },
                            model: model, incidents: stream.incidents)
                        return (number, model, score)
                    }
                }
                if !noFinal { group.addTask { (fits.count, fitter.fitTuned(built), (0, 0)) } }
                var results: [Int: (StoryClusterer.Model, (b3: Double, pairwise: Double))] = [:]
                for await (number, model, score) in group { results[number] = (model, score) }
                return results
            }
            let out = Terminal.standardOutput
            for (index, stream) in streams.enumerated()
            where !finalOnly && (heldOutFiles.isEmpty || heldOutFiles.contains(gold[index])) {
                let numbers = jobs.indices.filter { jobs[$0].stream == index }
                let results = numbers.compactMap { heldOut[$0] }
                if stream.topics.allSatisfy({ $0 != nil }) {
                    out.line(
                        "\(stream.name): \(folds)-fold topic CV\(stream.incidents ? " (incidents)" : "") B3 F1 "
                            + Self.summary(results.map(\.1.b3))
                            + "; pairwise F1 " + Self.summary(results.map(\.1.pairwise))
                            + "; fragment thresholds fitted per fold: "
                            + results.map { Self.thresholds($0.0) }.joined(separator: ", "))
                } else if let result = results.first {
                    out.line("\(stream.name): fragment threshold fitted: " + Self.thresholds(result.0))
                    out.line(
                        "\(stream.name): time split (fit first half, test second half)"
                            + (stream.incidents ? " (incidents)" : "") + " B3 F1 "
                            + String(format: "%.4f", result.1.b3) + ", pairwise F1 "
                            + String(format: "%.4f", result.1.pairwise))
                }
            }
            guard let model = heldOut[jobs.count]?.0 else { return }
            out.line(
                "model fitted on all streams: weights "
                    + model.weights.map { String(format: "%.3f", $0) }.joined(separator: ", ")
                    + String(format: "; bias %.3f", model.bias) + "; fragment threshold "
                    + Self.thresholds(model))
            for stream in streams {
                let score = fitter.evaluate(
                    stream.inputs, labels: stream.labels, model: model, incidents: stream.incidents)
                out.line(
                    "\(stream.name): in-sample\(stream.incidents ? " (incidents)" : "") B3 F1 "
                        + String(format: "%.4f", score.b3) + ", pairwise F1 " + String(format: "%.4f", score.pairwise))
            }
        }
    }

    /// One held-out fit: train on the stream's `train` records (and all other streams), score its `test` records.
    struct Job: Sendable {
        var stream: Int
        var train: [Int]
        var test: [Int]
    }

    /// Builds documents, fits tuned models and scores them; shared read-only by the parallel fits.
    struct Fitter: Sendable {
        typealias Labelled = ClusterTrainer.LabelledStream
        var builder: DocumentBuilder
        var identifier: LanguageIdentifier
        var configuration: StoryClusterer.Configuration
        var trainer: ClusterTrainer

        func documents(_ inputs: [StreamLinker.Input]) -> [NewsDocument] {
            TrainClusteringCommand.documents(inputs, builder: builder, identifier: identifier)
        }

        func fitTuned(_ training: [Labelled]) -> StoryClusterer.Model {
            let examples = training.flatMap {
                trainer.examples($0.documents, labels: $0.labels, configuration: configuration)
            }
            return trainer.tuneBias(trainer.fit(examples), streams: training, configuration: configuration)
        }

        func evaluate(
            _ inputs: [StreamLinker.Input], labels: [String], model: StoryClusterer.Model, incidents: Bool
        ) -> (b3: Double, pairwise: Double) {
            var config = configuration
            config.eventModel = model
            let clusters = StoryClusterer.clusters(of: documents(inputs), configuration: config)
            let predicted = (incidents ? clusters.incidents : clusters.events).map { "e\($0)" }
            return (bCubed(predicted: predicted, gold: labels).f1, pairwise(predicted: predicted, gold: labels).f1)
        }
    }

    /// One labelled stream's documents, with a vocabulary of its own.
    static func documents(
        _ inputs: [StreamLinker.Input], builder: DocumentBuilder, identifier: LanguageIdentifier
    ) -> [NewsDocument] {
        let vocabulary = Vocabulary()
        var result: [NewsDocument] = []
        result.reserveCapacity(inputs.count)
        for input in inputs {
            let language = input.language ?? identifier.identify(input.title + "\n" + input.text).language
            result.append(
                builder.document(
                    id: input.id, title: input.title, body: input.text, language: language, day: input.day,
                    outlet: input.outlet, vocabulary: vocabulary))
        }
        return result
    }

    /// The fragment threshold, or "none".
    static func thresholds(_ model: StoryClusterer.Model) -> String {
        model.fragmentThreshold.map { String(format: "%.2f", $0) } ?? "none"
    }

    static func summary(_ scores: [Double]) -> String {
        let mean = scores.reduce(0, +) / Double(max(scores.count, 1))
        let variance = scores.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(scores.count, 1))
        return String(format: "%.4f ± %.4f (", mean, variance.squareRoot())
            + scores.map { String(format: "%.3f", $0) }.joined(separator: ", ") + ")"
    }

    struct Labels: Decodable {
        var cluster: String?
        var story: String?
        var topic: String?

        enum CodingKeys: String, CodingKey { case cluster, story, topic }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func text(_ key: CodingKeys) -> String? {
                if let s = try? c.decode(String.self, forKey: key) { return s }
                if let n = try? c.decode(Int.self, forKey: key) { return String(n) }
                return nil
            }
            cluster = text(.cluster)
            story = text(.story)
            topic = text(.topic)
        }
    }

    static func load(_ path: String) throws -> Stream {
        let inputs = try ClusterInput.read(path)
        // Labels by id, read again (ClusterInput sorts; the ids tie the two readings together).
        let reader = try JSONLinesReader(path: path)
        var labels: [String: (String, String?)] = [:]
        let decoder = JSONDecoder()
        while let line = try reader.next() {
            let record = try decoder.decode(ClusterInput.Record.self, from: Data(line))
            let label = try decoder.decode(Labels.self, from: Data(line))
            labels[record.id] = (label.cluster ?? label.story ?? record.id, label.topic)
        }
        return Stream(
            name: URL(fileURLWithPath: path).lastPathComponent, inputs: inputs,
            labels: inputs.map { labels[$0.id]?.0 ?? $0.id }, topics: inputs.map { labels[$0.id]?.1 })
    }
}

/// `warta train …`.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Fit Warta's models from data.",
        subcommands: [TrainClusteringCommand.self, TrainNERCommand.self])
}
