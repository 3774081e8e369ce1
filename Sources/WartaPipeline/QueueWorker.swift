import Foundation
import WartaCore
import WartaStore

/// One worker over a store's work queue (`warta worker`): claims raw documents in batches, runs the pipeline on
/// them, stores each article and takes each document off the queue with its outcome. When the queue is empty (or
/// a backlog of unlinked articles builds up) it links, as the store's one linker while it holds the lease.
///
/// Any number of workers may run, in any number of processes. A worker killed at any point loses nothing: its
/// claims expire and another worker takes them; storing is idempotent (the raw document is the article's key),
/// so a document processed twice is stored once; the lease moves to another worker when its holder stops
/// renewing it.
public struct QueueWorker: Sendable {
    public let pipeline: ArticlePipeline
    public let queue: any WorkQueue
    public let articles: any ArticleStore
    public let linker: StoreLinker
    /// This worker in claims (the store handle's session).
    public let name: String
    /// Documents processed at once.
    public var concurrency: Int
    public var batchSize = 32
    /// How long a claim holds; a worker that has not finished its batch by then loses it to another.
    public var claimDuration: TimeInterval = 300
    /// A document that failed this many times is kept as failed instead of being retried.
    public var maxAttempts = 3
    /// How long an idle worker waits before it asks the queue again, unless the store wakes it sooner.
    public var pollInterval: Duration = .milliseconds(500)
    /// Unlinked articles that make a worker link while the queue is still busy (a stream that never empties);
    /// `nil`: link only when the queue is empty, so that a bulk load is linked in publication order as a whole.
    public var linkBacklog: Int?

    public init(
        pipeline: ArticlePipeline, queue: any WorkQueue, articles: any ArticleStore, linker: StoreLinker,
        name: String, concurrency: Int
    ) {
        self.pipeline = pipeline
        self.queue = queue
        self.articles = articles
        self.linker = linker
        self.name = name
        self.concurrency = max(1, concurrency)
    }

    /// What a run did.
    public struct Report: Sendable, Equatable {
        public var claimed = 0
        public var stored = 0
        public var known = 0
        public var dropped = 0
        public var failed = 0
        /// Attempts given back to be tried again later.
        public var retried = 0
        public var linked = 0
        public var failures: [String] = []
        public var seconds = 0.0
        /// Where the time went: running the pipeline, storing articles, completing work items, linking.
        public var extractSeconds = 0.0
        public var storeSeconds = 0.0
        public var completeSeconds = 0.0
        public var linkSeconds = 0.0

        public init() {}
    }

    /// Works until the task is cancelled, or with `exitWhenIdle` until the queue is empty and every article is
    /// linked.
    /// - Parameter progress: called after each batch and each link.
    public func run(exitWhenIdle: Bool, progress: @Sendable (Report) -> Void = { _ in }) async -> Report {
        let start = ContinuousClock.now
        var report = Report()
        var errorsInARow = 0
        while !Task.isCancelled {
            do {
                let claims = try await queue.claim(
                    worker: name, limit: batchSize, now: Date(), duration: claimDuration)
                errorsInARow = 0
                if claims.isEmpty {
                    let counts = try await queue.workCounts(now: Date())
                    if counts.queued + counts.claimed == 0 {
                        // Everything is extracted: link it all, in publication order (one linker at a time).
                        let linkStart = ContinuousClock.now
                        let drained = await linker.drain(release: exitWhenIdle)
                        record(drained, into: &report)
                        report.linkSeconds += (ContinuousClock.now - linkStart).seconds
                        if drained.linked > 0 { progress(report) }
                        if exitWhenIdle, drained.pending == 0, drained.failures.isEmpty,
                            try await queue.workCounts(now: Date()).queued == 0
                        {
                            break
                        }
                    }
                    // Woken early when another process queues documents (PostgreSQL: LISTEN/NOTIFY).
                    await queue.waitForWork(upTo: pollInterval)
                    try Task.checkCancellation()
                    continue
                }
                try await process(claims, into: &report)
                if let linkBacklog, try await linker.stories.pendingLinkCount() >= linkBacklog {
                    let linkStart = ContinuousClock.now
                    record(await linker.drain(), into: &report)
                    report.linkSeconds += (ContinuousClock.now - linkStart).seconds
                }
                progress(report)
            } catch is CancellationError {
                break
            } catch {
                // The store is unreachable or refused: say so, wait, try again (a restart of the server is not
                // the end of a worker), and give up after a minute of failures in a row.
                report.failures.append("\(error)")
                errorsInARow += 1
                if errorsInARow >= 60 { break }
                try? await Task.sleep(for: .seconds(1))
            }
        }
        report.seconds = (ContinuousClock.now - start).seconds
        return report
    }

    private func record(_ drained: StoreLinker.Drain, into report: inout Report) {
        report.linked += drained.linked
        report.failures += drained.failures
    }

    /// Processes one batch of claims and completes them.
    private func process(_ claims: [WorkClaim], into report: inout Report) async throws {
        report.claimed += claims.count
        let clock = ContinuousClock()
        var mark = clock.now
        func lap() -> Double {
            let now = clock.now
            defer { mark = now }
            return (now - mark).seconds
        }
        let outcomes = await IngestRunner.process(claims.map(\.raw), pipeline: pipeline, parallelism: concurrency)
        report.extractSeconds += lap()
        var completed: [(id: Int64, outcome: WorkOutcome)] = []
        var toStore: [(claim: WorkClaim, indexed: IndexedArticle)] = []
        for (claim, outcome) in zip(claims, outcomes) {
            switch outcome {
            case .article(let indexed):
                toStore.append((claim, indexed))
            case .dropped(let stage, let reason):
                completed.append((claim.id, .dropped(stage: stage.rawValue, reason: reason.message)))
                report.dropped += 1
            case .rawOnly:
                completed.append((claim.id, .dropped(stage: "extract", reason: DropReason.htmlPending.message)))
                report.dropped += 1
            }
        }
        let results = try await articles.insert(batch: toStore.map { ($0.indexed, $0.claim.raw) })
        report.storeSeconds += lap()
        for (item, result) in zip(toStore, results) {
            switch result {
            case .success(.inserted(let id)):
                completed.append((item.claim.id, .stored(id)))
                report.stored += 1
            case .success(.known(let id)):
                completed.append((item.claim.id, .stored(id)))
                report.known += 1
            case .failure(let error):
                if item.claim.attempts >= maxAttempts {
                    completed.append((item.claim.id, .failed(reason: "\(error)")))
                    report.failed += 1
                } else {
                    // Tried again later (by any worker), after a pause that grows with each attempt.
                    let retryAt = Date().addingTimeInterval(Double(item.claim.attempts) * 5)
                    try await queue.release(item.claim.id, worker: name, error: "\(error)", retryAt: retryAt)
                    report.retried += 1
                }
            }
        }
        try await queue.complete(completed)
        report.completeSeconds += lap()
    }
}
