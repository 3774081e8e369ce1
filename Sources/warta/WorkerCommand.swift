import ArgumentParser
import Foundation
import WartaCore
import WartaPipeline
import WartaStore

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract:
            "Process a PostgreSQL store's queue: extract, annotate, store and link what `ingest --enqueue` queued.",
        discussion: """
            Run as many workers as you like, on any machine that reaches the server: each claims batches of \
            documents no other worker holds. When the queue is empty one worker at a time links the new \
            articles (the linker lease; another takes over when its holder dies). A killed worker loses \
            nothing: its claims expire after --claim-seconds and are taken again. Exit status: 0, or 1 when \
            documents failed for good.
            """
    )

    @Option(name: .long, help: "Documents processed at once (default: the number of cores).")
    var concurrency = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "Documents claimed at a time.")
    var batch = 32

    @Option(name: .long, help: "Seconds a claim holds before another worker may take the documents.")
    var claimSeconds = 300.0

    @Option(name: .long, help: "Seconds the linker lease holds without renewal (another worker takes over after).")
    var leaseSeconds = 30.0

    @Option(
        name: .long,
        help: "Also link while the queue is busy once this many articles wait (default: only when it is empty).")
    var linkBacklog: Int?

    @Flag(name: .long, help: "Stop once the queue is empty and every article is linked (else run until stopped).")
    var exitWhenIdle = false

    @Flag(
        name: .customLong("keep-non-articles"),
        help: "Keep index pages, feeds and files that are not news (README, CSV) as articles instead of dropping them.")
    var keepNonArticles = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if store.postgresURL == nil {
            throw ValidationError("a worker needs a PostgreSQL store: --postgres URL or WARTA_STORE=postgres://…")
        }
        if concurrency <= 0 { throw ValidationError("--concurrency must be positive, not \(concurrency)") }
        if batch <= 0 { throw ValidationError("--batch must be positive, not \(batch)") }
        if !(claimSeconds > 0) { throw ValidationError("--claim-seconds must be positive, not \(claimSeconds)") }
        if let linkBacklog, linkBacklog <= 0 {
            throw ValidationError("--link-backlog must be positive, not \(linkBacklog)")
        }
        if !(leaseSeconds > 0) { throw ValidationError("--lease-seconds must be positive, not \(leaseSeconds)") }
    }

    func run() async throws {
        var report = QueueWorker.Report()
        try await reportingErrors {
            let opened = try await store.openWritableStore(redoable: true)
            defer { opened.close() }
            guard let queue = opened.queue else { return }
            let pipeline = try loadPipeline(keepNonArticles: keepNonArticles)
            let linker = StoreLinker(
                articles: opened.articles, stories: opened.stories, semantics: pipeline.semantics,
                leaseDuration: leaseSeconds)
            var worker = QueueWorker(
                pipeline: pipeline, queue: queue, articles: opened.articles, linker: linker, name: opened.session,
                concurrency: concurrency)
            worker.batchSize = batch
            worker.claimDuration = claimSeconds
            worker.linkBacklog = linkBacklog
            let interactive = Terminal.standardError.isInteractive
            report = await worker.run(exitWhenIdle: exitWhenIdle) { progress in
                guard interactive else { return }
                Terminal.standardError.write(
                    "\r\u{1B}[Kclaimed \(progress.claimed), stored \(progress.stored), linked \(progress.linked)")
            }
            if interactive { Terminal.standardError.write("\n") }
            // The worker that linked brings the views up to date, so the first `warta stories` need not.
            if exitWhenIdle, report.linked > 0, let failure = await opened.refreshViews() {
                report.failures.append("(read model): " + failure)
            }
        }
        let out = Terminal.standardOutput
        if store.json {
            out.line(JSONOutput.encode(WorkerJSON(report)))
        } else {
            out.line(
                "claimed \(report.claimed), stored \(report.stored), already known \(report.known), "
                    + "dropped \(report.dropped), failed \(report.failed), retried later \(report.retried), "
                    + "linked \(report.linked), "
                    + String(
                        format: "%.1f s (pipeline %.1f, store %.1f, complete %.1f, link %.1f)", report.seconds,
                        report.extractSeconds, report.storeSeconds, report.completeSeconds, report.linkSeconds))
            for failure in report.failures.prefix(20) { out.line("  failed: \(failure)") }
            if report.failures.count > 20 { out.line("  … and \(report.failures.count - 20) more") }
        }
        if report.failed > 0 || !report.failures.isEmpty { throw ExitCode.failure }
    }
}

struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "How much work a PostgreSQL store's queue holds: queued, claimed, stored, dropped, failed."
    )

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if store.postgresURL == nil {
            throw ValidationError("the work queue is in a PostgreSQL store: --postgres URL or WARTA_STORE=postgres://…")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let opened = try await store.openWritableStore()
            defer { opened.close() }
            guard let queue = opened.queue else { return }
            let counts = try await queue.workCounts(now: Date())
            let pending = try await opened.stories.pendingLinkCount()
            let out = Terminal.standardOutput
            if store.json {
                out.line(JSONOutput.encode(QueueJSON(counts: counts, unlinked: pending)))
            } else {
                out.line(
                    "queued \(counts.queued), claimed \(counts.claimed), articles \(counts.stored), "
                        + "dropped \(counts.dropped), failed \(counts.failed), waiting to be linked \(pending)")
            }
        }
    }
}

/// `warta worker --json`.
struct WorkerJSON: Codable {
    var claimed: Int
    var stored: Int
    var known: Int
    var dropped: Int
    var failed: Int
    var retried: Int
    var linked: Int
    var failures: [String]
    var seconds: Double
    var stageSeconds: [String: Double]

    init(_ report: QueueWorker.Report) {
        claimed = report.claimed
        stored = report.stored
        known = report.known
        dropped = report.dropped
        failed = report.failed
        retried = report.retried
        linked = report.linked
        failures = report.failures
        seconds = report.seconds
        stageSeconds = [
            "pipeline": report.extractSeconds, "store": report.storeSeconds, "complete": report.completeSeconds,
            "link": report.linkSeconds,
        ]
    }
}

/// `warta queue --json`.
struct QueueJSON: Codable {
    var counts: WorkCounts
    var unlinked: Int
}
