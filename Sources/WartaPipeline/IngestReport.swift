/// What an ingest run did: the summary users see and scripts read (`warta ingest --json`).
public struct IngestReport: Sendable, Codable, Equatable {
    /// Documents read (including those that then failed).
    public var read = 0
    /// Articles stored now.
    public var new = 0
    /// Documents already stored before (same bytes, or same URL and body).
    public var known = 0
    /// HTML documents stored raw, waiting for HTML extraction.
    public var rawOnly = 0
    /// Records a reader passed over on purpose, by reason (`warc request`, `http 404`, `not html`): not documents.
    public var skipped: [String: Int] = [:]
    /// Sources or documents that could not go in, each with its path and reason.
    public var failed: [Failure] = []
    /// Per-stage counts: kept, dropped by reason, time.
    public var stages: [StageStatistics] = []
    /// Articles still waiting to be linked when the run ended: another process held the store's linker lease
    /// (`linkedBy`) and links them.
    public var pendingLinks = 0
    public var linkedBy: String?

    public init() {}

    public struct Failure: Sendable, Codable, Equatable {
        public var path: String
        public var reason: String

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    enum CodingKeys: String, CodingKey {
        case read, new, known, failed, stages, skipped
        case rawOnly = "raw_only"
        case pendingLinks = "pending_links"
        case linkedBy = "linked_by"
    }
}

/// How one stage did over a run.
public struct StageStatistics: Sendable, Codable, Equatable {
    public var stage: String
    public var kept = 0
    /// Drop counts by reason code.
    public var dropped: [String: Int] = [:]
    public var seconds = 0.0

    public init(stage: String) {
        self.stage = stage
    }
}
