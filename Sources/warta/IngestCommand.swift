import ArgumentParser
import Foundation
import WartaCore
import WartaIngest
import WartaPipeline
import WartaQuery
import WartaStore
import WartaStoreSQLite

struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read files, directories, JSON lines or stdin (-) and store clean, searchable articles.",
        discussion: """
            Exit status: 0 when every document went in (new or already known), 1 when some failed,
            64 for bad arguments. Failures are listed with their path and reason; the run goes on.
            """
    )

    @Argument(help: "Files, directories (read recursively), .jsonl files, or - for standard input.")
    var paths: [String] = []

    @Option(name: .long, help: "Only files whose name or relative path matches this glob (repeatable).")
    var include: [String] = []

    @Option(name: .long, help: "Skip files and directories whose name or relative path matches this glob (repeatable).")
    var exclude: [String] = []

    @Option(name: .long, help: "Refuse files and records larger than this many bytes.")
    var maxBytes = 10 * 1024 * 1024

    @Option(
        name: .long,
        help: "Drop an article whose clean text is longer than this many bytes (not a news article; default 2 MiB).")
    var maxTextBytes = 2 << 20

    @Flag(
        name: .long,
        help: "Only store the raw documents and queue them for `warta worker` processes (PostgreSQL store).")
    var enqueue = false

    @Flag(
        name: .customLong("keep-non-articles"),
        help: "Keep index pages, feeds and files that are not news (README, CSV) as articles instead of dropping them.")
    var keepNonArticles = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if paths.isEmpty {
            throw ValidationError("give at least one path to ingest (a file, a directory, or - for stdin)")
        }
        if maxBytes <= 0 { throw ValidationError("--max-bytes must be positive, not \(maxBytes)") }
        if maxTextBytes <= 0 { throw ValidationError("--max-text-bytes must be positive, not \(maxTextBytes)") }
        if enqueue, store.postgresURL == nil {
            throw ValidationError("--enqueue needs a PostgreSQL store (--postgres URL): workers share its queue")
        }
    }

    func run() async throws {
        var readerConfiguration = FileReader.Configuration()
        readerConfiguration.include = include
        readerConfiguration.exclude = exclude
        readerConfiguration.maxBytes = maxBytes
        let reader = FileReader(configuration: readerConfiguration)
        if enqueue {
            try await runEnqueue(reader: reader)
            return
        }
        var report = IngestReport()
        try await reportingErrors {
            let opened = try await store.openWritableStore()
            defer { opened.close() }
            var pipeline = try loadPipeline(keepNonArticles: keepNonArticles)
            pipeline.maxTextBytes = maxTextBytes
            let runner = IngestRunner(pipeline: pipeline, store: opened.articles)
            let progress = ProgressLine(
                total: Terminal.standardError.isInteractive ? reader.estimateDocumentCount(paths: paths) : nil)
            report = await runner.run(paths: paths, reader: reader) { progress.update($0) }
            progress.finish()
            // Views and the server read the read model: bring it up to date now, not on the first read.
            if report.new > 0 || report.known > 0, let failure = await opened.refreshViews() {
                report.failed.append(.init(path: "(read model)", reason: failure))
            }
        }
        if store.json {
            Terminal.standardOutput.line(JSONOutput.encode(IngestSummaryJSON(report)))
        } else {
            printSummary(report)
        }
        if !report.failed.isEmpty { throw ExitCode.failure }
    }

    /// `--enqueue`: raw documents into the store's work queue, in batches; workers do the rest.
    private func runEnqueue(reader: FileReader) async throws {
        var read = 0
        var queued = 0
        var known = 0
        var failures: [String] = []
        try await reportingErrors {
            let opened = try await store.openWritableStore()
            defer { opened.close() }
            guard let queue = opened.queue else { return }
            var batch: [RawDocument] = []
            func flush() async {
                guard !batch.isEmpty else { return }
                do {
                    for outcome in try await queue.enqueue(batch) {
                        if case .inserted = outcome { queued += 1 } else { known += 1 }
                    }
                } catch {
                    failures += batch.map { "\($0.origin): not queued: \(error)" }
                }
                batch.removeAll(keepingCapacity: true)
            }
            for item in reader.items(paths: paths) {
                switch item {
                case .document(let document):
                    read += 1
                    batch.append(document)
                    if batch.count >= 64 { await flush() }
                case .failure(let failure):
                    read += 1
                    failures.append("\(failure.path): \(failure.reason)")
                case .skipped:
                    break
                }
            }
            await flush()
        }
        let out = Terminal.standardOutput
        if store.json {
            out.line(JSONOutput.encode(EnqueueJSON(read: read, queued: queued, known: known, failed: failures)))
        } else {
            out.line("read \(read), queued \(queued), already known \(known), failed \(failures.count)")
            for failure in failures { out.line("  failed: \(failure)") }
            out.line("database: \(store.storeName) (run `warta worker` to process the queue)")
        }
        if !failures.isEmpty { throw ExitCode.failure }
    }

    private func printSummary(_ report: IngestReport) {
        let out = Terminal.standardOutput
        var line =
            "read \(report.read), new \(report.new), already known \(report.known), failed \(report.failed.count)"
        if report.rawOnly > 0 { line += ", HTML stored raw \(report.rawOnly) (extraction pending)" }
        out.line(line)
        if !report.skipped.isEmpty {
            let reasons = report.skipped.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            out.line("  skipped (not articles): " + reasons.joined(separator: ", "))
        }
        for failure in report.failed { out.line("  failed: \(failure.path): \(failure.reason)") }
        if report.pendingLinks > 0 {
            let holder = report.linkedBy.map { " (\($0))" } ?? ""
            out.line(
                "  \(report.pendingLinks) articles wait to be linked by another process that stores or links now\(holder); "
                    + "`warta link` waits for it and links what is left")
        }
        for stage in report.stages {
            let dropped = stage.dropped.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            let drops = dropped.isEmpty ? "" : ", dropped " + dropped.joined(separator: ", ")
            out.line("  stage \(stage.stage): kept \(stage.kept)\(drops), \(String(format: "%.2f", stage.seconds)) s")
        }
        out.line("database: \(store.storeName)")
    }
}

/// Loads the bundled pipeline, or says which data file is missing.
func loadPipeline(keepNonArticles: Bool = false) throws -> ArticlePipeline {
    do {
        var pipeline = try ArticlePipeline.bundled()
        pipeline.keepsNonArticles = keepNonArticles
        return pipeline
    } catch {
        throw WartaErrorBridge.languageData("\(error)")
    }
}

/// `warta ingest --enqueue --json`.
struct EnqueueJSON: Codable {
    var read: Int
    var queued: Int
    var known: Int
    var failed: [String]
}
