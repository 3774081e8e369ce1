import ArgumentParser
import Foundation
import WartaCore
import WartaExtract
import WartaHTML
import WartaIngest

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
        abstract: "Score main-text extraction (and metadata) on a shared extraction benchmark.",
        discussion: """
            Reads BENCH/ground-truth.json and BENCH/html/<id>.html (or <id>.html.gz), extracts every page, and
            scores the bodies with the benchmark's evaluate.py (in BENCH or ../extraction beside it), whose report
            ends in "extraction: P=… R=… F1=… n=…". When the gold has titles, authors and dates (the WCXB set,
            ../shared/bench/extraction-wcxb-dev) the predictions carry them too and score_meta.py scores them.
            On stderr: the pages per second of extraction alone (one thread; files are read into memory first).
            --split fit|check keeps one half of the pages, chosen by a hash of the page id (fit to one half,
            check on the other). Needs python3.
            Exit status: 0 when scored, 1 when the benchmark or python3 is missing or scoring failed.
            """
    )

    enum Split: String, ExpressibleByArgument, CaseIterable {
        case all, fit, check

        /// Whether page `id` belongs to this half: the low bit of the first byte of SHA-256("split:" + id).
        func contains(_ id: String) -> Bool {
            guard self != .all else { return true }
            let first = SHA256.hex("split:" + id).prefix(2)
            let isFit = (UInt8(first, radix: 16) ?? 0) & 1 == 0
            return self == .fit ? isFit : !isFit
        }
    }

    @Option(name: .long, help: "The benchmark folder (default: $WARTA_SHARED/bench/extraction, else ../shared/…).")
    var bench: String?

    @Option(name: .long, help: "Also write the predictions ({id: text}, or {id: {text, title, author, publish_date}}).")
    var output: String?

    @Option(name: .long, help: "List the N pages with the lowest F1 (evaluate.py --worst).")
    var worst = 0

    @Option(name: .long, help: "List the first N metadata misses (score_meta.py --misses).")
    var misses = 0

    @Option(name: .long, help: "Which pages: all, fit or check (halves by a hash of the page id).")
    var split: Split = .all

    @Option(name: .customLong("repeat"), help: "Extract every page this many times, for steadier timing.")
    var rounds = 1

    func validate() throws {
        if rounds < 1 { throw ValidationError("--repeat must be at least 1, not \(rounds)") }
        if worst < 0 { throw ValidationError("--worst must not be negative, not \(worst)") }
        if misses < 0 { throw ValidationError("--misses must not be negative, not \(misses)") }
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
        let ids = truth.keys.sorted().filter(split.contains)
        let withMetadata = truth.values.contains { ($0 as? [String: Any])?["publish_date"] != nil }
        let rules = try WartaErrorBridge.debrisRules()
        let extractor = HTMLExtractor(rules: rules, configuration: .init(defaultFetchTime: Date()))
        var pages: [(id: String, document: RawDocument)] = []
        for id in ids {
            let record = truth[id] as? [String: Any]
            let url = record?["url"] as? String
            let path = directory + "/html/\(id).html"
            if let data = FileManager.default.contents(atPath: path) {
                pages.append((id, RawDocument(origin: path, url: url, bytes: [UInt8](data), contentType: .html)))
            } else if let data = FileManager.default.contents(atPath: path + ".gz"),
                let bytes = Gzip.decompress([UInt8](data), limit: 64 << 20)
            {
                pages.append((id, RawDocument(origin: path + ".gz", url: url, bytes: bytes, contentType: .html)))
            } else {
                Terminal.standardError.write("warning: page \(id): no readable \(path) or \(path).gz; scored empty\n")
                pages.append((id, RawDocument(origin: path, url: url, bytes: [], contentType: .html)))
            }
        }
        var predictions: [String: Any] = [:]
        let clock = ContinuousClock()
        let start = clock.now
        for round in 0..<rounds {
            for page in pages {
                let result = try? extractor.process(page.document, context: StageContext())
                guard round == 0 else { continue }
                let article: Article? = if case .kept(let article)? = result { article } else { nil }
                if withMetadata {
                    var fields: [String: Any] = ["text": article?.body ?? ""]
                    fields["title"] = article?.title
                    fields["author"] = article?.byline
                    fields["publish_date"] = article?.published.map(HTMLExtractor.isoString)
                    predictions[page.id] = fields
                } else if let article {
                    predictions[page.id] = article.body
                }
            }
        }
        let seconds = (clock.now - start).seconds
        let count = pages.count * rounds
        Terminal.standardError.write(
            "warta: extracted \(count) pages in \(String(format: "%.3f", seconds)) s, "
                + "\(String(format: "%.1f", Double(count) / max(seconds, 1e-9))) pages/s (one thread)\n")
        let scratch = NSTemporaryDirectory() + "warta-eval-\(UUID().uuidString)"
        let predictionsPath = output ?? (scratch + "-predictions.json")
        // The gold of the chosen pages; bodies only where the gold has one (an empty gold body would score any
        // output as precision 0).
        var bodyTruth: [String: Any] = [:]
        var splitTruth: [String: Any] = [:]
        for id in ids {
            splitTruth[id] = truth[id]
            if let record = truth[id] as? [String: Any], let body = record["articleBody"] as? String,
                !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            {
                bodyTruth[id] = ["articleBody": body]
            }
        }
        let bodyTruthPath = scratch + "-body.json"
        let splitTruthPath = scratch + "-gold.json"
        defer {
            for path in [bodyTruthPath, splitTruthPath] { try? FileManager.default.removeItem(atPath: path) }
            if output == nil { try? FileManager.default.removeItem(atPath: predictionsPath) }
        }
        do {
            try JSONSerialization.data(withJSONObject: predictions, options: [.sortedKeys])
                .write(to: URL(fileURLWithPath: predictionsPath))
            try JSONSerialization.data(withJSONObject: bodyTruth).write(to: URL(fileURLWithPath: bodyTruthPath))
            try JSONSerialization.data(withJSONObject: splitTruth).write(to: URL(fileURLWithPath: splitTruthPath))
        } catch {
            Terminal.standardError.write("error: cannot write predictions to \(predictionsPath): \(error)\n")
            throw ExitCode.failure
        }
        let evaluator =
            [directory + "/evaluate.py", directory + "/../extraction/evaluate.py"]
            .first { FileManager.default.fileExists(atPath: $0) } ?? directory + "/evaluate.py"
        var arguments = [evaluator, predictionsPath, "--gt", bodyTruthPath]
        if worst > 0 { arguments += ["--worst", String(worst)] }
        try runPython(arguments, what: evaluator)
        let metadataScorer = directory + "/score_meta.py"
        if withMetadata, FileManager.default.fileExists(atPath: metadataScorer) {
            var arguments = [metadataScorer, predictionsPath, "--gt", splitTruthPath]
            if misses > 0 { arguments += ["--misses", String(misses)] }
            try runPython(arguments, what: metadataScorer)
        }
    }

    private func runPython(_ arguments: [String], what: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        do {
            try process.run()
        } catch {
            Terminal.standardError.write("error: cannot run python3 \(what): \(error)\n")
            throw ExitCode.failure
        }
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw ExitCode.failure }
    }
}
