import ArgumentParser
import Foundation
import WartaCore
import WartaExtract
import WartaHTML

/// `warta eval …`: quality measured on shared benchmark data.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure quality on the shared benchmarks.",
        subcommands: [
            ExtractionEvalCommand.self, ClusteringEvalCommand.self, EvalNERCommand.self, AnnotationsEvalCommand.self,
        ]
    )
}

/// `warta eval extraction [--bench DIR]`: extracts every page of the extraction benchmark and scores the bodies
/// with the benchmark's own `evaluate.py`, whose last line it prints.
struct ExtractionEvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extraction",
        abstract: "Score main-text extraction on ../shared/bench/extraction with its evaluate.py.",
        discussion: """
            Prints evaluate.py's report, ending in "extraction: P=… R=… F1=… n=…", and on stderr the pages per
            second of extraction alone (one thread; files are read into memory first). Needs python3.
            Exit status: 0 when scored, 1 when the benchmark or python3 is missing or scoring failed.
            """
    )

    @Option(name: .long, help: "The benchmark folder (default: $WARTA_SHARED/bench/extraction, else ../shared/…).")
    var bench: String?

    @Option(name: .long, help: "Also write the predictions ({id: text} JSON) to this file.")
    var output: String?

    @Option(name: .long, help: "List the N pages with the lowest F1 (evaluate.py --worst).")
    var worst = 0

    @Option(name: .customLong("repeat"), help: "Extract every page this many times, for steadier timing.")
    var rounds = 1

    func validate() throws {
        if rounds < 1 { throw ValidationError("--repeat must be at least 1, not \(rounds)") }
        if worst < 0 { throw ValidationError("--worst must not be negative, not \(worst)") }
    }

    var benchDirectory: String {
        if let bench { return bench }
        if let shared = ProcessInfo.processInfo.environment["WARTA_SHARED"], !shared.isEmpty {
            return shared + "/bench/extraction"
        }
        return "../shared/bench/extraction"
    }

    func run() async throws {
        let directory = benchDirectory
        let truthPath = directory + "/ground-truth.json"
        guard let truthData = FileManager.default.contents(atPath: truthPath),
            let truth = try? JSONSerialization.jsonObject(with: truthData) as? [String: Any]
        else {
            Terminal.standardError.write(
                WartaError(
                    code: "W0601", message: "no extraction benchmark at \"\(directory)\" (ground-truth.json missing)",
                    hint: "pass --bench DIR or set WARTA_SHARED to the shared data folder"
                ).description + "\n")
            throw ExitCode.failure
        }
        let rules = try WartaErrorBridge.debrisRules()
        let extractor = HTMLExtractor(rules: rules, configuration: .init(defaultFetchTime: Date()))
        var pages: [(id: String, document: RawDocument)] = []
        for id in truth.keys.sorted() {
            let path = directory + "/html/\(id).html"
            let bytes = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
            pages.append((id, RawDocument(origin: path, bytes: bytes, contentType: .html)))
        }
        var predictions: [String: String] = [:]
        let clock = ContinuousClock()
        let start = clock.now
        for round in 0..<rounds {
            for page in pages {
                let result = try? extractor.process(page.document, context: StageContext())
                if round == 0, case .kept(let article)? = result { predictions[page.id] = article.body }
            }
        }
        let seconds = (clock.now - start).seconds
        let count = pages.count * rounds
        Terminal.standardError.write(
            "warta: extracted \(count) pages in \(String(format: "%.3f", seconds)) s, "
                + "\(String(format: "%.1f", Double(count) / max(seconds, 1e-9))) pages/s (one thread)\n")
        let predictionsPath = output ?? (NSTemporaryDirectory() + "warta-eval-\(UUID().uuidString).json")
        do {
            let data = try JSONSerialization.data(withJSONObject: predictions, options: [.sortedKeys])
            try data.write(to: URL(fileURLWithPath: predictionsPath))
        } catch {
            Terminal.standardError.write("error: cannot write predictions to \(predictionsPath): \(error)\n")
            throw ExitCode.failure
        }
        defer { if output == nil { try? FileManager.default.removeItem(atPath: predictionsPath) } }
        var arguments = [directory + "/evaluate.py", predictionsPath, "--gt", truthPath]
        if worst > 0 { arguments += ["--worst", String(worst)] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        do {
            try process.run()
        } catch {
            Terminal.standardError.write("error: cannot run python3 \(directory)/evaluate.py: \(error)\n")
            throw ExitCode.failure
        }
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw ExitCode.failure }
    }
}
