import ArgumentParser
import Foundation
import WartaCluster
import WartaCore
import WartaPipeline

/// `warta eval clustering --gold FILE`: runs `warta cluster` on the gold file's articles and scores the events with
/// ../shared/bench/clustering/evaluate.py, printing its report (the last line is B³).
struct ClusteringEvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clustering",
        abstract: "Score story clustering on a gold-labelled JSON-lines file with the benchmark's evaluate.py.",
        discussion: """
            The gold file holds the articles too ({"id", "date"?, "title", "text", "cluster" or "story"}), as
            ../shared/bench/clustering/ecbplus/ecbplus.jsonl.gz and uci-news-sample/uci-news-sample.jsonl.gz do.
            Prints evaluate.py's report, ending "clustering: P=… R=… F1=… docs=N clusters=M" (B³). Needs python3.
            """
    )

    @Option(name: .long, help: "The gold-labelled file.")
    var gold: String?

    @Option(name: .long, help: "An unlabelled stream (same fields, no labels): only the size and span figures.")
    var stream: String?

    @Flag(name: .long, help: "Score the storylines instead of the events.")
    var storylines = false

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Score the incidents (each event with its late follow-ups) instead of the events.",
            discussion: "An incident is what gva-dev and ECB+ call an event: the happening with its aftermath."))
    var incidents = false

    @Option(name: .long, help: "Also write the predictions ({\"id\", \"cluster\"} lines) here.")
    var output: String?

    @Option(name: .long, help: "Largest events listed with their first titles.")
    var largest = 10

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Score with a feature's weight set to 0, or without fragment merges (\"merges\"); repeatable.",
            discussion: "Features: " + StoryClusterer.Features.names.joined(separator: ", ")))
    var without: [String] = []

    func validate() throws {
        for name in without where name != "merges" && !StoryClusterer.Features.names.contains(name) {
            throw ValidationError("--without: unknown feature \"\(name)\"")
        }
        if storylines && incidents { throw ValidationError("give at most one of --storylines and --incidents") }
        guard (gold == nil) != (stream == nil) else {
            throw ValidationError("give one of --gold FILE (labelled) or --stream FILE (unlabelled)")
        }
    }

    @Option(name: .long, help: "evaluate.py (default: $WARTA_SHARED/bench/clustering/evaluate.py, else ../shared/…).")
    var evaluator: String?

    @Option(name: .long, help: "Score at this gold key instead (e.g. topic for ECB+).")
    var goldKey: String?

    func run() async throws {
        try await reportingErrors {
            let input = gold ?? stream ?? ""
            let script =
                evaluator
                ?? (ProcessInfo.processInfo.environment["WARTA_SHARED"].map { $0 + "/bench/clustering/evaluate.py" }
                    ?? "../shared/bench/clustering/evaluate.py")
            guard gold == nil || FileManager.default.fileExists(atPath: script) else {
                throw WartaError(
                    code: "W0604", message: "evaluate.py not found at \"\(script)\"",
                    hint: "pass --evaluator PATH or set WARTA_SHARED")
            }
            let started = ContinuousClock.now
            let records = try ClusterInput.read(input)
            var configuration = StoryClusterer.Configuration()
            for name in without {
                if name == "merges" {
                    configuration.eventModel.fragmentThreshold = nil
                } else if let index = StoryClusterer.Features.names.firstIndex(of: name) {
                    configuration.eventModel.weights[index] = 0
                }
            }
            var linker = try StreamLinker.bundled(configuration: configuration)
            var lines: [String] = []
            var members: [(label: String, day: Double?, title: String)] = []
            for (output, record) in zip(linker.addAll(records), records) {
                let label = storylines ? output.storyline : incidents ? output.incident : output.story
                lines.append(JSONOutput.encode(PredictionJSON(id: output.id, cluster: label)))
                members.append(
                    (label, record.day, record.title.isEmpty ? String(record.text.prefix(100)) : record.title))
            }
            let seconds = (ContinuousClock.now - started).secondsValue
            let predictions =
                output.map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                    "warta-clustering-\(UUID().uuidString).jsonl")
            let keep = output != nil
            defer { if !keep { try? FileManager.default.removeItem(at: predictions) } }
            guard
                FileManager.default.createFile(
                    atPath: predictions.path, contents: Data(lines.joined(separator: "\n").utf8))
            else {
                throw WartaError(code: "W0601", message: "cannot write \"\(predictions.path)\"")
            }
            Terminal.standardError.line(
                "clustered \(records.count) articles into \(linker.distinctEventCount) events in "
                    + String(
                        format: "%.2f s (%.0f articles/s, one core)", seconds,
                        Double(records.count) / max(seconds, 1e-9)))
            Terminal.standardOutput.write(
                ClusterStatistics(members, largestKept: largest).report() + "\n")
            guard let gold else { return }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments =
                ["python3", script, predictions.path, gold] + (goldKey.map { ["--gold-key", $0] } ?? [])
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            Terminal.standardOutput.write(String(decoding: output, as: UTF8.self))
            if process.terminationStatus != 0 {
                throw WartaError(code: "W0605", message: "evaluate.py failed with status \(process.terminationStatus)")
            }
        }
    }
}

struct PredictionJSON: Encodable {
    var id: String
    var cluster: String
}
