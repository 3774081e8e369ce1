import Foundation
import WartaCore
import WartaDates
import WartaStore

/// The one linker of a store: links the articles waiting in the store's pending queue, in publication order,
/// while it holds the store's linker lease.
///
/// Any number of processes may store articles at once; only the lease holder links, so decisions keep one order
/// and one set of event numbers. A process that finds the lease taken leaves its articles queued for the holder,
/// which drains the queue again after it gives the lease up (so nothing queued meanwhile is left behind). A
/// holder that dies stops renewing; after `leaseDuration` the next process takes over, rebuilding the linker
/// from the stored decisions.
public actor StoreLinker {
    public let articles: any ArticleStore
    public let stories: any StoryStore
    let semantics: ArticlePipeline.SemanticAnnotators?
    /// Who this linker is in the lease row and the writer list: the store handle's session.
    public var holder: String { stories.session }
    public let leaseDuration: TimeInterval
    let now: @Sendable () -> Date

    private var linker: StreamLinker?
    private var nextPosition = 0
    private var lease: LinkerLease?
    /// The epoch of the lease this linker held last (kept after a release).
    private var heldEpoch: Int64?
    /// How often this linker rebuilt its state from the stored decisions (once, unless another process linked).
    public private(set) var rebuilds = 0

    public init(
        articles: any ArticleStore, stories: any StoryStore, semantics: ArticlePipeline.SemanticAnnotators?,
        leaseDuration: TimeInterval = 30,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.articles = articles
        self.stories = stories
        self.semantics = semantics
        self.leaseDuration = leaseDuration
        self.now = now
    }

    /// What one drain did.
    public struct Drain: Sendable, Equatable {
        /// Articles linked by this call.
        public var linked = 0
        /// Articles whose link could not be written (each also in `failures`).
        public var failed = 0
        public var failures: [String] = []
        /// Articles still queued when the call ended (another process holds the lease, or it was lost).
        public var pending = 0
        /// The lease holder when this process could not link, `nil` when it linked.
        public var heldBy: String?
        public var seconds = 0.0

        public init() {}
    }

    /// Called by a process before it stores articles: from now on other processes' linkers wait for it.
    public func beganWriting() async throws {
        try await stories.registerWriter(holder, now: now())
    }

    /// Called by a process that stores articles, after each batch it stored: keeps its writer heartbeat, so that
    /// other processes' linkers keep waiting for it. It links nothing: the writer links once it has stored
    /// everything (``finishedWriting()``), all in publication order, so that the decisions do not depend on where
    /// batches began or on a run that was killed and started again.
    public func stored() async -> Drain {
        do {
            try await stories.registerWriter(holder, now: now())
        } catch {
            return Self.failed(error)
        }
        return Drain()
    }

    /// Called once a writer has stored everything: it stops counting as a writer, and links the queue (giving the
    /// lease up afterwards) unless another process is still storing articles, which then links them.
    public func finishedWriting() async -> Drain {
        do {
            try await stories.unregisterWriter(holder)
            if let other = try await otherWriters().first {
                if let held = lease {
                    lease = nil
                    try await stories.releaseLinkerLease(held)
                }
                return try await deferred(to: other)
            }
        } catch {
            return Self.failed(error)
        }
        return await drain(release: true)
    }

    /// Nothing linked: `other` will.
    private func deferred(to other: String) async throws -> Drain {
        var result = Drain()
        result.heldBy = other
        result.pending = try await stories.pendingLinkCount()
        return result
    }

    private static func failed(_ error: any Error) -> Drain {
        var result = Drain()
        result.failures.append("(linker): \(error)")
        return result
    }

    /// Other processes storing articles now (a heartbeat within two lease durations; a dead writer stops counting,
    /// at once when it ran on this machine and its process is gone).
    private func otherWriters() async throws -> [String] {
        var writers: [String] = []
        for writer in try await stories.otherWriters(than: holder, since: now().addingTimeInterval(-2 * leaseDuration))
        {
            if Self.isGone(writer) {
                try await stories.unregisterWriter(writer)
            } else {
                writers.append(writer)
            }
        }
        return writers
    }

    /// Whether `writer` (a session "host:pid:random") ran on this machine in a process that no longer exists.
    static func isGone(_ writer: String) -> Bool {
        let parts = writer.split(separator: ":")
        guard parts.count >= 3, let pid = Int32(parts[parts.count - 2]), pid > 0 else { return false }
        let host = parts.dropLast(2).joined(separator: ":")
        guard host == ProcessInfo.processInfo.hostName, pid != ProcessInfo.processInfo.processIdentifier else {
            return false
        }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// Links every queued article if this process holds the lease or can take it now; with `release`, gives the
    /// lease up afterwards and drains again whatever was queued meanwhile.
    /// - Parameter known: articles already in memory (just stored), to spare reading them back.
    public func drain(known: [ArticleID: Article] = [:], release: Bool = false) async -> Drain {
        let start = ContinuousClock.now
        var result = Drain()
        while true {
            do {
                try await drainOnce(known: known, into: &result)
                if release, let held = lease {
                    lease = nil
                    try await stories.releaseLinkerLease(held)
                    // Articles queued between the last read and the release would otherwise wait for the next
                    // run: their writer saw the lease taken. Not after a failed link: it would fail again, forever.
                    if result.failed == 0, try await stories.pendingLinkCount() > 0 { continue }
                }
            } catch {
                result.failures.append("(linker): \(error)")
            }
            break
        }
        result.pending = (try? await stories.pendingLinkCount()) ?? 0
        result.seconds = (ContinuousClock.now - start).seconds
        return result
    }

    /// Waits (polling) until the lease is free, then drains and releases it: `warta link`.
    /// - Parameter timeout: give up after this long and report the holder.
    public func drainWaiting(timeout: Duration) async -> Drain {
        let deadline = ContinuousClock.now + timeout
        while true {
            let result = await drain(release: true)
            if result.heldBy == nil || ContinuousClock.now >= deadline { return result }
            try? await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Takes the lease (waiting for it up to `timeout`), forgets every link and links every article again in
    /// publication order: `warta relink`, after a model change or to repair a store.
    public func relinkAll(timeout: Duration) async throws -> Drain {
        let deadline = ContinuousClock.now + timeout
        while try await take() == nil {
            if ContinuousClock.now >= deadline {
                var result = Drain()
                result.heldBy = try await stories.linkerLease()?.holder
                result.pending = try await stories.pendingLinkCount()
                return result
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        guard let held = lease else { return Drain() }
        try await stories.resetLinks(lease: held)
        linker = try StreamLinker.bundled()
        nextPosition = 0
        return await drain(release: true)
    }

    private func drainOnce(known: [ArticleID: Article], into result: inout Drain) async throws {
        // Nothing queued: no lease to take, no state to rebuild.
        if try await stories.pendingLinkCount() == 0 { return }
        guard try await take() != nil else {
            result.heldBy = try await stories.linkerLease()?.holder
            return
        }
        while true {
            let ids = try await stories.pendingLinks(limit: 256)
            if ids.isEmpty { return }
            let before = result.linked
            for id in ids {
                guard let held = lease else { return }
                let article: Article
                if let cached = known[id] {
                    article = cached
                } else if let stored = try await articles.article(id) {
                    article = stored
                } else {
                    continue
                }
                var input = article
                input.id = id
                // Taken out, not copied: while `linker` held the same state, every change `add` makes would copy
                // the whole clusterer's storage (copy on write), which cost more than linking itself. `linker` stays
                // nil until the decision is stored, as the failure paths below require anyway.
                guard var current = linker.take() else { return }
                let output = current.add(StreamLinker.Input(article: input))
                let link = ArticleLink(
                    article: id, position: nextPosition, event: output.eventNumber, storyline: output.storylineNumber,
                    duplicateOf: output.duplicateOf.flatMap { Int64($0) }.map(ArticleID.init),
                    mergedEvents: output.mergedEvents, followUpOf: output.followUpOf)
                do {
                    lease = try await stories.saveLink(
                        link, title: article.title, dates: redated(article, day: output.referenceDay), lease: held,
                        now: now(), duration: leaseDuration)
                    linker = current
                    nextPosition += 1
                    result.linked += 1
                } catch let lost as LinkerLeaseLost {
                    // Another process links now; its state, not ours, is the store's.
                    lease = nil
                    linker = nil
                    throw lost
                } catch {
                    // The decision is not stored: the linker's state must not keep it either, or the next
                    // decision would be numbered against a state the store never saw.
                    result.failed += 1
                    result.failures.append("article \(id): link not stored: \(error)")
                    linker = nil
                    return
                }
            }
            // Rows that vanished under us (their article deleted) must not spin this loop.
            if result.linked == before { return }
        }
    }

    /// The lease, taken or renewed, with the linker's state in step with the store's decisions.
    private func take() async throws -> LinkerLease? {
        guard let taken = try await stories.acquireLinkerLease(holder: holder, now: now(), duration: leaseDuration)
        else {
            lease = nil
            return nil
        }
        // Each take after a release or an expiry moves the epoch by one; more means another holder had the lease
        // in between (it may have relinked everything), so this linker's state is no longer the store's.
        let stale = heldEpoch.map { taken.epoch > $0 + 1 } ?? true
        heldEpoch = taken.epoch
        lease = taken
        let last = try await stories.lastLinkPosition()
        if stale || linker == nil || nextPosition != (last ?? -1) + 1 {
            try await rebuild()
        }
        return taken
    }

    /// The linker rebuilt by replaying every stored decision in order.
    private func rebuild() async throws {
        rebuilds += 1
        var rebuilt = try StreamLinker.bundled()
        let links = try await stories.links()
        // One read of the stored articles, not one query per link.
        let stored = Dictionary(
            try await articles.allArticles().compactMap { article in article.id.map { ($0, article) } }
        ) { first, _ in first }
        for link in links {
            guard let article = stored[link.article] else { continue }
            rebuilt.restore(
                StreamLinker.Input(article: article), event: link.event, storyline: link.storyline,
                duplicateOf: link.duplicateOf.map { String($0.rawValue) }, mergedEvents: link.mergedEvents,
                followUpOf: link.followUpOf)
        }
        nextPosition = (links.last?.position ?? -1) + 1
        linker = rebuilt
    }

    /// An undated article's date mentions resolved again against its story's day, marked as such; `nil` when the
    /// article has a date of its own, the story has none, or nothing changes.
    func redated(_ article: Article, day: Double?) -> [DateMention]? {
        guard article.published == nil, let day, let dates = semantics?.dates else { return nil }
        let resolved = dates.mentions(in: article.body, referenceDate: Date(timeIntervalSince1970: day * 86_400))
            .map { mention in
                var mention = mention
                if mention.resolution != .absolute { mention.reference = .story }
                return mention
            }
        return resolved == article.dates ? nil : resolved
    }
}
