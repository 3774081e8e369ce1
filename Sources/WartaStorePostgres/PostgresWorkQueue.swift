import Foundation
import PostgresNIO
import WartaCore
import WartaStore

extension PostgresStore: WorkQueue {
    public func enqueue(_ documents: [RawDocument]) async throws -> [RawInsertOutcome] {
        guard !documents.isEmpty else { return [] }
        return try await transaction { [logger] connection in
            var outcomes: [RawInsertOutcome] = []
            for document in documents {
                var inserted: Int64?
                for try await id in try await connection.query(
                    Self.insertRawQuery(document, hash: document.contentHash), logger: logger
                ).decode(Int64.self) {
                    inserted = id
                }
                if let inserted {
                    try await connection.query("INSERT INTO work_item (raw_id) VALUES (\(inserted))", logger: logger)
                    outcomes.append(.inserted(inserted))
                    continue
                }
                var known: Int64?
                for try await id in try await connection.query(
                    "SELECT id FROM raw_document WHERE content_hash = \(document.contentHash)", logger: logger
                ).decode(Int64.self) {
                    known = id
                }
                guard let known else {
                    throw WartaError.databaseFailed(
                        path: "postgres", reason: "raw document \(document.contentHash) vanished")
                }
                outcomes.append(.known(known))
            }
            if outcomes.contains(where: { if case .inserted = $0 { true } else { false } }) {
                // Delivered when the transaction commits, once however many were queued: idle workers wake.
                try await connection.query("SELECT pg_notify(\(WorkSignal.channel), '')", logger: logger)
            }
            return outcomes
        }
    }

    public func waitForWork(upTo limit: Duration) async {
        await workSignal.wait(upTo: limit, client: client)
    }

    public func claim(worker: String, limit: Int, now: Date, duration: TimeInterval) async throws -> [WorkClaim] {
        let time = now.timeIntervalSince1970
        let expires = time + duration
        // SKIP LOCKED: workers claiming at once take different rows instead of waiting for each other.
        let claimed = try await rows(
            """
            UPDATE work_item SET claimed_by = \(worker), claim_expires = \(expires), attempts = attempts + 1
            WHERE raw_id IN (
                SELECT raw_id FROM work_item WHERE claim_expires <= \(time) ORDER BY raw_id
                LIMIT \(Int64(clamping: limit)) FOR UPDATE SKIP LOCKED)
            RETURNING raw_id, attempts
            """
        ).map { try $0.decode((Int64, Int32).self) }
        guard !claimed.isEmpty else { return [] }
        let attempts = Dictionary(claimed.map { ($0.0, Int($0.1)) }) { a, _ in a }
        let documents = try await rows(
            """
            SELECT id, origin, url, content_type, declared_charset, fetched_at, bytes, hints
            FROM raw_document WHERE id = ANY(\(claimed.map(\.0))) ORDER BY id
            """
        ).map { row -> WorkClaim in
            let (id, origin, url, contentType, charset, fetchedAt, bytes, hints) = try row.decode(
                (Int64, String, String?, String, String?, Date?, ByteBuffer, String?).self)
            let raw = RawDocument(
                origin: origin, url: url, bytes: Array(buffer: bytes),
                contentType: RawDocument.ContentType(rawValue: contentType) ?? .plainText,
                declaredCharset: charset, hints: Self.hints(hints), fetchedAt: fetchedAt)
            return WorkClaim(id: id, raw: raw, attempts: attempts[id] ?? 1)
        }
        return documents
    }

    public func complete(_ outcomes: [(id: Int64, outcome: WorkOutcome)]) async throws {
        guard !outcomes.isEmpty else { return }
        let ids = outcomes.map(\.id)
        var noted: [(id: Int64, kind: String, stage: String, reason: String)] = []
        for (id, outcome) in outcomes {
            switch outcome {
            case .stored: continue
            case .dropped(let stage, let reason): noted.append((id, "dropped", stage, reason))
            case .failed(let reason): noted.append((id, "failed", "", reason))
            }
        }
        try await transaction { [logger] connection in
            // Only documents still queued get an outcome: one another worker completed keeps the first.
            var removed = Set<Int64>()
            for try await id in try await connection.query(
                "DELETE FROM work_item WHERE raw_id = ANY(\(ids)) RETURNING raw_id", logger: logger
            ).decode(Int64.self) {
                removed.insert(id)
            }
            let kept = noted.filter { removed.contains($0.id) }
            guard !kept.isEmpty else { return }
            try await connection.query(
                """
                INSERT INTO work_outcome (raw_id, outcome, stage, reason)
                SELECT id, kind, nullif(stage, ''), reason
                FROM unnest(\(kept.map(\.id))::bigint[], \(kept.map(\.kind))::text[], \(kept.map(\.stage))::text[],
                    \(kept.map(\.reason))::text[]) AS outcome (id, kind, stage, reason)
                ON CONFLICT (raw_id) DO NOTHING
                """, logger: logger)
        }
    }

    public func release(_ id: Int64, worker: String, error: String, retryAt: Date) async throws {
        _ = try await rows(
            """
            UPDATE work_item SET claimed_by = NULL, claim_expires = \(retryAt.timeIntervalSince1970),
                last_error = \(error)
            WHERE raw_id = \(id) AND claimed_by = \(worker)
            """)
    }

    public func workCounts(now: Date) async throws -> WorkCounts {
        let time = now.timeIntervalSince1970
        var counts = WorkCounts()
        for row in try await rows(
            """
            SELECT (SELECT count(*) FROM work_item WHERE claim_expires <= \(time) OR claimed_by IS NULL),
                (SELECT count(*) FROM work_item WHERE claim_expires > \(time) AND claimed_by IS NOT NULL),
                (SELECT count(*) FROM article),
                (SELECT count(*) FROM work_outcome WHERE outcome = 'dropped'),
                (SELECT count(*) FROM work_outcome WHERE outcome = 'failed')
            """)
        {
            let (queued, claimed, stored, dropped, failed) = try row.decode((Int64, Int64, Int64, Int64, Int64).self)
            counts.queued = Int(queued)
            counts.claimed = Int(claimed)
            counts.stored = Int(stored)
            counts.dropped = Int(dropped)
            counts.failed = Int(failed)
        }
        return counts
    }

    /// Hints as stored: a JSON object of their fields.
    static func hintsJSON(_ hints: RawDocument.Hints) -> String? {
        var fields: [String: String] = ["source": hints.source.rawValue]
        if let outlet = hints.outlet { fields["outlet"] = outlet }
        if let title = hints.title { fields["title"] = title }
        if let published = hints.published { fields["published"] = published }
        if let author = hints.author { fields["author"] = author }
        guard fields.count > 1 || hints.source != .record else { return nil }
        return try? json(fields)
    }

    static func hints(_ text: String?) -> RawDocument.Hints {
        guard let text, let fields: [String: String] = try? decode(text) else { return RawDocument.Hints() }
        return RawDocument.Hints(
            outlet: fields["outlet"], title: fields["title"], published: fields["published"], author: fields["author"],
            source: fields["source"].flatMap(RawDocument.Hints.Source.init(rawValue:)) ?? .record)
    }
}

/// Wakes this handle's idle workers when any process queues documents: one `LISTEN` connection, started on the first
/// wait and kept (reconnecting after a lost connection) until the store is closed.
actor WorkSignal {
    static let channel = "warta_work"
    private var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiter = 0
    private var listener: Task<Void, Never>?

    func wait(upTo limit: Duration, client: PostgresClient) async {
        if listener == nil { listen(client) }
        let id = nextWaiter
        nextWaiter += 1
        await withCheckedContinuation { continuation in
            waiters[id] = continuation
            Task {
                try? await Task.sleep(for: limit)
                self.resume(id)
            }
        }
    }

    private func resume(_ id: Int) {
        waiters.removeValue(forKey: id)?.resume()
    }

    /// Wakes every waiter.
    private func wake() {
        let woken = waiters.values
        waiters = [:]
        for continuation in woken { continuation.resume() }
    }

    private func listen(_ client: PostgresClient) {
        listener = Task {
            while !Task.isCancelled {
                do {
                    try await client.withConnection { connection in
                        try await connection.listen(on: Self.channel) { notifications in
                            // Listening from now on: what was queued before is worth a claim too.
                            self.wake()
                            for try await _ in notifications { self.wake() }
                        }
                    }
                } catch {
                    // The connection was lost or the store closed: waiters fall back to their time limit.
                }
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    func stop() {
        listener?.cancel()
        listener = nil
        wake()
    }
}
