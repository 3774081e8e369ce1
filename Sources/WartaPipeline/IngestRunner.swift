import Foundation
import Logging
import WartaCore
import WartaDates
import WartaIngest
import WartaStore

/// Runs the pipeline over what readers find and stores the results: in batches, extraction and annotation in
/// parallel across cores, storage in read order, one transaction per article.
///
/// One bad document never stops a run: it is counted with its path and reason. Everything stored before a
/// failure stays stored.
public struct IngestRunner: Sendable {
    public let pipeline: ArticlePipeline
    public let store: any ArticleStore
    /// How many documents are processed at once; the default is the number of active cores.
    public var parallelism: Int
    /// How many documents are read before a batch is processed.
    public var batchSize = 64
    public var logger: Logger
    /// The store's linker to link with; by default a new one per run, which rebuilds its state from the stored
    /// decisions when it first links. A long-lived process (the server) passes one it keeps, so that only its
    /// first run pays for the rebuild.
    public var linker: StoreLinker?

    public init(
        pipeline: ArticlePipeline,
        store: any ArticleStore,
        parallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
        logger: Logger = Logger(label: "warta.ingest"),
        linker: StoreLinker? = nil
    ) {
        self.pipeline = pipeline
        self.store = store
        self.parallelism = max(1, parallelism)
        self.logger = logger
        self.linker = linker
    }

    /// Progress after each batch.
    public struct Progress: Sendable {
        public var done: Int
        public var elapsed: Duration
    }

    /// Reads `paths` with `reader`, processes and stores every document, and reports.
    /// - Parameter progress: called after each batch (for a progress line on a terminal).
    public func run(
        paths: [String], reader: FileReader, progress: @Sendable (Progress) -> Void = { _ in }
    ) async -> IngestReport {
        await run(items: reader.items(paths: paths), progress: progress)
    }

    /// Processes and stores documents already in hand (pages a crawler fetched), as ``run(paths:reader:progress:)``.
    public func run(documents: [RawDocument], progress: @Sendable (Progress) -> Void = { _ in }) async -> IngestReport {
        await run(items: documents.map(ReadItem.document), progress: progress)
    }

    /// Processes and stores what a reader found, item by item, in batches.
    public func run(
        items: some Sequence<ReadItem>, progress: @Sendable (Progress) -> Void = { _ in }
    ) async -> IngestReport {
        let clock = ContinuousClock()
        let start = clock.now
        var report = IngestReport()
        var extract = StageStatistics(stage: "extract+annotate")
        var storeStats = StageStatistics(stage: "store")
        var linkStats = StageStatistics(stage: "link")
        var done = 0
        // Articles are stored and queued; the store's one linker (this process while it holds the lease) links them.
        let linker =
            self.linker
            ?? (store as? any StoryStore).map { stories in
                StoreLinker(articles: store, stories: stories, semantics: pipeline.semantics)
            }
        do {
            try await linker?.beganWriting()
        } catch {
            report.failed.append(IngestReport.Failure(path: "(linker)", reason: "\(error)"))
        }
        var items = items.makeIterator()
        var exhausted = false
        while !exhausted {
            // Read one batch: memory holds at most `batchSize` documents.
            var documents: [RawDocument] = []
            while documents.count < batchSize {
                guard let item = items.next() else {
                    exhausted = true
                    break
                }
                switch item {
                case .skipped(let skip):
                    // Not a document (a WARC request record, a 404): counted apart, not read.
                    report.skipped[skip.reason, default: 0] += 1
                case .failure(let failure):
                    report.read += 1
                    report.failed.append(IngestReport.Failure(path: failure.path, reason: failure.reason))
                    done += 1
                case .document(let document):
                    report.read += 1
                    documents.append(document)
                }
            }
            let extractStart = clock.now
            let outcomes = await processBatch(documents)
            extract.seconds += (clock.now - extractStart).seconds
            let storeStart = clock.now
            var toStore: [(IndexedArticle, RawDocument)] = []
            for (document, outcome) in zip(documents, outcomes) {
                switch outcome {
                case .dropped(_, let reason):
                    extract.dropped[reason.code, default: 0] += 1
                    report.failed.append(IngestReport.Failure(path: document.origin, reason: reason.message))
                case .rawOnly:
                    extract.dropped[DropReason.htmlPending.code, default: 0] += 1
                    do {
                        switch try await store.insertRaw(document) {
                        case .inserted: report.rawOnly += 1
                        case .known: report.known += 1
                        }
                    } catch {
                        report.failed.append(
                            IngestReport.Failure(path: document.origin, reason: "not stored: \(error)"))
                    }
                case .article(let indexed):
                    extract.kept += 1
                    toStore.append((indexed, document))
                }
            }
            let results: [Result<InsertOutcome, any Error>]
            do {
                results = try await store.insert(batch: toStore)
            } catch {
                results = toStore.map { _ in .failure(error) }
            }
            for ((_, document), result) in zip(toStore, results) {
                switch result {
                case .success(.inserted(let id)):
                    report.new += 1
                    storeStats.kept += 1
                    logger.debug("stored", metadata: ["article.id": "\(id)", "article.origin": "\(document.origin)"])
                case .success(.known):
                    report.known += 1
                    storeStats.dropped["known", default: 0] += 1
                case .failure(let error):
                    storeStats.dropped["error", default: 0] += 1
                    report.failed.append(IngestReport.Failure(path: document.origin, reason: "not stored: \(error)"))
                }
            }
            storeStats.seconds += (clock.now - storeStart).seconds
            if let linker {
                let drained = await linker.stored()
                record(drained, into: &linkStats, report: &report)
            }
            done += documents.count
            progress(Progress(done: done, elapsed: clock.now - start))
        }
        if let linker {
            // Link what is queued (unless another process still stores articles and will), and give the lease up.
            let drained = await linker.finishedWriting()
            record(drained, into: &linkStats, report: &report)
            report.pendingLinks = drained.pending
            report.linkedBy = drained.pending > 0 ? drained.heldBy : nil
        }
        report.stages = [extract, storeStats] + (linker == nil ? [] : [linkStats])
        return report
    }

    private func record(_ drained: StoreLinker.Drain, into stats: inout StageStatistics, report: inout IngestReport) {
        stats.kept += drained.linked
        stats.seconds += drained.seconds
        if drained.failed > 0 { stats.dropped["error", default: 0] += drained.failed }
        for failure in drained.failures {
            report.failed.append(IngestReport.Failure(path: "(linker)", reason: failure))
        }
    }

    /// Runs the pipeline over a batch in parallel, keeping the batch's order.
    private func processBatch(_ documents: [RawDocument]) async -> [ArticlePipeline.Outcome] {
        await Self.process(documents, pipeline: pipeline, parallelism: parallelism)
    }

    /// Runs the pipeline over `documents`, `parallelism` at a time; outcomes in the documents' order.
    static func process(_ documents: [RawDocument], pipeline: ArticlePipeline, parallelism: Int) async
        -> [ArticlePipeline.Outcome]
    {
        await withTaskGroup(of: (Int, ArticlePipeline.Outcome).self) { group in
            var results = [ArticlePipeline.Outcome?](repeating: nil, count: documents.count)
            var next = 0
            while next < min(parallelism, documents.count) {
                let index = next
                group.addTask { (index, pipeline.process(documents[index])) }
                next += 1
            }
            while let (index, outcome) = await group.next() {
                results[index] = outcome
                if next < documents.count {
                    let index = next
                    group.addTask { (index, pipeline.process(documents[index])) }
                    next += 1
                }
            }
            return results.map { $0 ?? .dropped(stage: "pipeline", reason: DropReason(code: "error", message: "lost")) }
        }
    }
}
