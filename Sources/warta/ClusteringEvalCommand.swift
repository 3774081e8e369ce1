import ArgumentParser
import Foundation
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
    var gold: String

    @Option(name: .long, help: "evaluate.py (default: $WARTA_SHARED/bench/clustering/evaluate.py, else ../shared/…).")
    var evaluator: String?

    @Option(name: .long, help: "Score at this gold key instead (e.g. topic for ECB+).")
    var goldKey: String?

    func run() async throws {
        try await reportingErrors {
            let script =
                evaluator
                ?? (ProcessInfo.processInfo.environment["WARTA_SHARED"].map { $0 + "/bench/clustering/evaluate.py" }
                    ?? "../shared/bench/clustering/evaluate.py")
            guard FileManager.default.fileExists(atPath: script) else {
                throw WartaError(
                    code: "W0604", message: "evaluate.py not found at \"\(script)\"",
                    hint: "pass --evaluator PATH or set WARTA_SHARED")
            }
            let started = ContinuousClock.now
            let records = try ClusterInput.read(gold)
            var linker = try StreamLinker.bundled()
            var lines: [String] = []
            for output in linker.addAll(records) {
                lines.append(JSONOutput.encode(PredictionJSON(id: output.id, cluster: output.story)))
            }
            let seconds = (ContinuousClock.now - started).secondsValue
            let predictions = FileManager.default.temporaryDirectory.appendingPathComponent(
                "warta-clustering-\(UUID().uuidString).jsonl")
            defer { try? FileManager.default.removeItem(at: predictions) }
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
