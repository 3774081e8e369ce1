import Foundation
import WartaCore

/// A raw document a worker claimed, until `expires`.
public struct WorkClaim: Sendable, Equatable {
    /// The raw document's id in the store.
    public var id: Int64
    public var raw: RawDocument
    /// Claims before this one (1 for the first).
    public var attempts: Int

    public init(id: Int64, raw: RawDocument, attempts: Int) {
        self.id = id
        self.raw = raw
        self.attempts = attempts
    }
}

/// What became of a claimed document.
public enum WorkOutcome: Sendable, Equatable {
    /// Its article is stored (now or before).
    case stored(ArticleID)
    /// Not an article (the pipeline dropped it at `stage`, saying why).
    case dropped(stage: String, reason: String)
    /// It failed `attempts` times; kept with the last error instead of being retried forever.
    case failed(reason: String)
}

/// How much work a queue holds.
public struct WorkCounts: Sendable, Equatable, Codable {
    /// Waiting for a worker, or claimed by one whose claim has not expired.
    public var queued = 0
    public var claimed = 0
    public var stored = 0
    public var dropped = 0
    public var failed = 0

    public init() {}
}

/// Raw documents waiting for workers: stored once by `enqueue`, claimed in batches by any number of workers
/// (each document by one worker at a time), and completed with an outcome. A worker that dies stops renewing;
/// its claims expire and another worker takes them, so nothing claimed is forgotten.
public protocol WorkQueue: Sendable {
    /// Stores raw documents and queues the new ones, in one unit of work; known bytes are neither stored nor
    /// queued again.
    func enqueue(_ documents: [RawDocument]) async throws -> [RawInsertOutcome]

    /// Claims at most `limit` queued documents whose claim is free or expired, oldest first, for `worker` until
    /// `now + duration`.
    func claim(worker: String, limit: Int, now: Date, duration: TimeInterval) async throws -> [WorkClaim]

    /// Takes documents off the queue with their outcomes, in one unit of work (a no-op for a document no longer
    /// queued: another worker finished it after this one's claim expired).
    func complete(_ outcomes: [(id: Int64, outcome: WorkOutcome)]) async throws

    /// Gives a claim back after a failed attempt, to be claimed again after `retryAt`.
    func release(_ id: Int64, worker: String, error: String, retryAt: Date) async throws

    func workCounts(now: Date) async throws -> WorkCounts

    /// Waits until documents may have been queued, at most `limit`: a store that can tell (PostgreSQL's
    /// `LISTEN/NOTIFY`) returns as soon as another process queues some. Only a hint: callers claim to find out.
    func waitForWork(upTo limit: Duration) async
}

extension WorkQueue {
    /// A store that cannot tell when documents are queued: waits the whole `limit` (polling).
    public func waitForWork(upTo limit: Duration) async {
        try? await Task.sleep(for: limit)
    }
}
