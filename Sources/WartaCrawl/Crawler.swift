import Foundation
import Logging
import WartaCore
import WartaFetch
import WartaIngest
import WartaPipeline
import WartaStore

/// Follows feeds and sitemaps: polls the ones that are due (conditional GET, body hash), fetches each article URL
/// they list once (canonical URL), and stores, annotates and links the pages like `warta ingest`. Its state (each
/// feed's validators, schedule and health; each URL fetched) lives in the store, so a restart resumes where it
/// stopped and a page is never stored twice.
///
/// Politeness (robots.txt, one request at a time and a gap per host, back-off on 429/503) and the address guard
/// are the ``PoliteFetcher``'s. Pages are stored in batches as they arrive, one transaction per article; a run that
/// is killed loses at most the pages fetched and not yet stored, and the next run fetches them again.
public actor Crawler {
    public struct Configuration: Sendable {
        /// The first interval between polls of a feed; it then adapts between `minInterval` and `maxInterval`.
        public var interval: TimeInterval = 600
        public var minInterval: TimeInterval = 300
        public var maxInterval: TimeInterval = 86_400
        /// The newest items of a feed or sitemap considered per poll.
        public var maxItemsPerFeed = 300
        /// Child sitemaps of a sitemap index fetched per poll (the most recently modified first).
        public var maxChildSitemaps = 10
        /// Failures with 404 or 410 in a row after which a feed is retired.
        public var retireAfter = 3
        /// Pages stored per batch.
        public var batchSize = 32

        public init() {}
    }

    /// What one round did.
    public struct Round: Sendable, Equatable, Codable {
        public var feedsPolled = 0
        /// Feeds that answered 304 or sent the body they sent last time.
        public var feedsUnchanged = 0
        public var feedsFailed = 0
        /// Article URLs the feeds listed that were fetched before: not fetched again.
        public var articlesKnown = 0
        public var articlesFetched = 0
        public var articlesFailed = 0
        /// Pages stored as new articles, and pages whose article was stored already (same text from elsewhere).
        public var articlesNew = 0
        public var articlesDuplicate = 0
        /// Pages fetched that held no article.
        public var articlesDropped = 0
        public var pendingLinks = 0
        /// The round was cancelled: feeds and pages not reached are left for the next round.
        public var interrupted = false
        public var failures: [String] = []
        public var seconds = 0.0

        public init() {}

        enum CodingKeys: String, CodingKey {
            case failures, seconds, interrupted
            case feedsPolled = "feeds_polled"
            case feedsUnchanged = "feeds_unchanged"
            case feedsFailed = "feeds_failed"
            case articlesKnown = "articles_known"
            case articlesFetched = "articles_fetched"
            case articlesFailed = "articles_failed"
            case articlesNew = "articles_new"
            case articlesDuplicate = "articles_duplicate"
            case articlesDropped = "articles_dropped"
            case pendingLinks = "pending_links"
        }
    }

    let store: any ArticleStore & CrawlStore
    let runner: IngestRunner
    let fetcher: PoliteFetcher
    let configuration: Configuration
    let archive: WARCArchive?
    let logger: Logger
    private let now: @Sendable () -> Date
    /// Article URLs some feed of this round is fetching: two feeds that list one page fetch it once.
    private var claimed = Set<String>()

    public init(
        store: any ArticleStore & CrawlStore, runner: IngestRunner, fetcher: PoliteFetcher,
        configuration: Configuration = Configuration(), archive: WARCArchive? = nil,
        logger: Logger = Logger(label: "warta.crawl"), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.runner = runner
        self.fetcher = fetcher
        self.configuration = configuration
        self.archive = archive
        self.logger = logger
        self.now = now
    }

    /// Adds feeds (canonical URLs) not yet known; returns how many were new.
    public func add(feeds urls: [String]) async throws -> Int {
        let canonical = urls.compactMap(CanonicalURL.of)
        return try await store.addFeeds(canonical, interval: configuration.interval, now: now())
    }

    /// The sitemaps a site names in its robots.txt (`Sitemap:` lines), canonical, each once.
    ///
    /// - Parameter site: any URL on the site, e.g. its home page.
    /// - Returns: the sitemap URLs (possibly none), or why robots.txt could not be read.
    public func discoverSitemaps(site: String) async -> Result<[String], FetchFailure> {
        switch await fetcher.robotsTxt(for: site) {
        case .failure(let failure):
            return .failure(failure)
        case .success(let robots) where robots.isUnreachable:
            return .failure(FetchFailure(kind: .network("robots.txt could not be fetched"), url: site))
        case .success(let robots):
            var seen = Set<String>()
            return .success(robots.sitemaps.compactMap(CanonicalURL.of).filter { seen.insert($0).inserted })
        }
    }

    /// When the next feed is due, `nil` when none is polled any more.
    public func nextDue() async throws -> Date? {
        try await store.feeds().filter { !$0.retired }.map(\.nextPoll).min()
    }

    /// Polls every feed that is due (`all`: every feed not retired), fetches and stores what is new.
    public func round(all: Bool = false, progress: @escaping @Sendable (Round) -> Void = { _ in }) async -> Round {
        let started = now()
        let clock = ContinuousClock()
        let start = clock.now
        var round = Round()
        claimed.removeAll()
        let feeds: [FeedState]
        do {
            feeds = try await store.feeds().filter { !$0.retired && (all || $0.nextPoll <= started) }
        } catch {
            round.failures.append("cannot read the feeds: \(error)")
            return round
        }
        // Feeds are polled concurrently (the fetcher keeps to one request at a time per host); their pages flow
        // into one stream that one task stores in batches, so storing and linking stay in one place. Cancelling the
        // round (SIGINT, SIGTERM) cancels the polling: requests in flight and waiting end at once, while the storing
        // task, which is not cancelled, still stores every page that was fetched.
        let (pages, continuation) = AsyncStream.makeStream(of: Fetched.self)
        let polling = Task {
            await withTaskGroup(of: Void.self) { group in
                for feed in feeds {
                    group.addTask { await self.poll(feed, into: continuation) }
                }
            }
            continuation.finish()
        }
        let storing = Task { [round] () -> Round in
            var round = round
            var batch: [Fetched] = []
            // A feed's state is saved only after every page it listed is stored: saved earlier, a kill in between
            // would leave the feed unchanged for the next run and its pages never fetched.
            var saves: [FeedState] = []
            var retry = Set<String>()
            for await item in pages {
                switch item {
                case .feed(let outcome, let save):
                    if let save { saves.append(save) }
                    if outcome.interrupted { continue }
                    round.feedsPolled += 1
                    if outcome.unchanged { round.feedsUnchanged += 1 }
                    if let failure = outcome.failure {
                        round.feedsFailed += 1
                        round.failures.append(failure)
                    }
                    round.articlesKnown += outcome.known
                case .failed(let url, let reason):
                    round.articlesFailed += 1
                    round.failures.append("\(url): \(reason)")
                case .page:
                    round.articlesFetched += 1
                    batch.append(item)
                    if batch.count >= configuration.batchSize {
                        retry.formUnion(await store(batch, into: &round))
                        batch.removeAll()
                        await save(saves, retry: retry)
                        saves.removeAll()
                        progress(round)
                    }
                }
            }
            if !batch.isEmpty { retry.formUnion(await store(batch, into: &round)) }
            await save(saves, retry: retry)
            return round
        }
        round = await withTaskCancellationHandler {
            await polling.value
            return await storing.value
        } onCancel: {
            polling.cancel()
        }
        round.interrupted = polling.isCancelled
        round.seconds = (clock.now - start).seconds
        progress(round)
        return round
    }

    /// What the polling tasks send the storing task.
    enum Fetched: Sendable {
        /// Sent after every page of the feed: its new state is saved once those pages are stored.
        case feed(FeedOutcome, save: FeedState?)
        case page(document: RawDocument, canonical: String, feed: String)
        case failed(url: String, reason: String)
    }

    struct FeedOutcome: Sendable {
        var interrupted = false
        var unchanged = false
        var failure: String?
        var known = 0
    }

    /// Saves feed states whose pages are all stored. A feed with a page to try again (failed for now, or not stored)
    /// forgets its validators and body hash, so the next poll reads it in full and lists that page again.
    private func save(_ feeds: [FeedState], retry: Set<String>) async {
        for var feed in feeds {
            if retry.contains(feed.url) { feed.forgetValidators() }
            await save(feed)
        }
    }

    /// Stores a batch of pages; returns the feeds of pages that could not be stored (to be fetched again).
    private func store(_ batch: [Fetched], into round: inout Round) async -> Set<String> {
        var documents: [RawDocument] = []
        var sources: [(canonical: String, feed: String)] = []
        for case .page(let document, let canonical, let feed) in batch {
            documents.append(document)
            sources.append((canonical, feed))
        }
        let report = await runner.run(documents: documents)
        round.articlesNew += report.new
        round.articlesDuplicate += report.known
        round.pendingLinks = report.pendingLinks
        var retry = Set<String>()
        var failed: [String: String] = [:]
        for failure in report.failed { failed[failure.path] = failure.reason }
        let at = now()
        for (document, source) in zip(documents, sources) {
            let outcome: CrawlOutcome
            if let reason = failed[document.origin] {
                round.articlesDropped += 1
                logger.debug("no article", metadata: ["crawl.url": "\(source.canonical)", "reason": "\(reason)"])
                outcome = reason.hasPrefix("not stored") ? .failed : .dropped
                // A store error is not the page's fault: leave it to be fetched again.
                if outcome == .failed {
                    retry.insert(source.feed)
                    continue
                }
            } else {
                outcome = .stored
            }
            do {
                try await store.recordCrawl(
                    url: source.canonical, feed: source.feed, outcome: outcome, article: nil, at: at)
            } catch {
                round.failures.append("\(source.canonical): not recorded: \(error)")
            }
        }
        let origins = Set(documents.map(\.origin))
        for failure in report.failed where !origins.contains(failure.path) {
            round.failures.append("\(failure.path): \(failure.reason)")
        }
        return retry
    }

    // MARK: - Polling one feed

    private func poll(_ given: FeedState, into continuation: AsyncStream<Fetched>.Continuation) async {
        var feed = given
        var outcome = FeedOutcome()
        var saving: FeedState?
        // A page or child sitemap failed for now: the feed is read in full next time, not revalidated.
        var retry = false
        defer {
            if retry { saving?.forgetValidators() }
            continuation.yield(.feed(outcome, save: saving))
        }
        let validators = Validators(etag: feed.etag, lastModified: feed.lastModified)
        let result = await fetcher.fetch(feed.url, validators: validators.isEmpty ? nil : validators)
        if Task.isCancelled, case .failed = result {
            // Interrupted, not failed: the feed keeps its state and is polled again next time.
            outcome.interrupted = true
            return
        }
        let polledAt = now()
        var entries: [Entry] = []
        switch result {
        case .notModified:
            outcome.unchanged = true
        case .failed(let failure):
            outcome.failure = "feed \(feed.url): \(failure)"
            feed.failures += 1
            feed.lastError = failure.description
            feed.lastErrorAt = polledAt
            if case .httpStatus(let status) = failure.kind, status == 404 || status == 410,
                feed.failures >= configuration.retireAfter
            {
                feed.retired = true
            }
            let backoff = min(configuration.maxInterval, feed.interval * pow(2, Double(min(feed.failures, 8))))
            feed.nextPoll = polledAt.addingTimeInterval(backoff)
            saving = feed
            return
        case .fetched(let page):
            feed.etag = page.validators.etag
            feed.lastModified = page.validators.lastModified
            if page.bodySHA256 == feed.bodyHash {
                outcome.unchanged = true
            } else {
                switch await parse(page) {
                case .success(let found):
                    entries = found.entries
                    feed.bodyHash = page.bodySHA256
                    retry = !found.complete
                case .failure(let failure):
                    let reason = failure.description
                    outcome.failure = "feed \(feed.url): \(reason)"
                    feed.failures += 1
                    feed.lastError = reason
                    feed.lastErrorAt = polledAt
                    feed.nextPoll = polledAt.addingTimeInterval(feed.interval)
                    saving = feed
                    return
                }
            }
        }
        feed.failures = 0
        feed.lastSuccess = polledAt
        // Only the newest items, each once, by canonical URL.
        var seen = Set<String>()
        let canonical = entries.sorted { ($0.published ?? .distantPast) > ($1.published ?? .distantPast) }
            .compactMap { entry -> (String, Entry)? in
                guard let url = CanonicalURL.of(entry.url), seen.insert(url).inserted else { return nil }
                return (url, entry)
            }
            .prefix(configuration.maxItemsPerFeed)
        var fresh: [(String, Entry)] = []
        do {
            let known = try await store.crawledURLs(among: canonical.map(\.0))
            fresh = canonical.filter { !known.contains($0.0) }
            outcome.known = canonical.count - fresh.count
            // Claimed by another feed of this round: that feed fetches it.
            fresh = fresh.filter { claimed.insert($0.0).inserted }
        } catch {
            outcome.failure = "feed \(feed.url): cannot read the crawl state: \(error)"
        }
        // Adapt: poll sooner when most items were new, later when none were.
        if !outcome.unchanged && !canonical.isEmpty && fresh.count * 2 > canonical.count {
            feed.interval = max(configuration.minInterval, feed.interval / 2)
        } else if fresh.isEmpty {
            feed.interval = min(configuration.maxInterval, feed.interval * 1.5)
        }
        feed.nextPoll = polledAt.addingTimeInterval(feed.interval)
        let feedURL = feed.url
        let articles = fresh
        let pageToRetry = await withTaskGroup(of: Bool.self) { group in
            for (url, entry) in articles {
                group.addTask { await self.fetchArticle(url: url, entry: entry, feed: feedURL, into: continuation) }
            }
            var again = false
            for await tryAgain in group where tryAgain { again = true }
            return again
        }
        retry = retry || pageToRetry
        if Task.isCancelled {
            // Some of its pages may not have been fetched: keeping the feed's new validators would make the next
            // poll see it unchanged and skip them for good. Left as it was, the feed is read again next time.
            outcome.interrupted = true
            return
        }
        saving = feed
    }

    private func save(_ feed: FeedState) async {
        do {
            try await store.saveFeed(feed)
        } catch {
            logger.error("cannot save feed state", metadata: ["feed": "\(feed.url)", "error": "\(error)"])
        }
    }

    struct ParseFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// An article link a feed or sitemap listed, with what it said about it.
    struct Entry: Sendable {
        var url: String
        var title: String?
        var published: Date?
        var author: String?
    }

    /// The entries of a feed or sitemap; `complete` is false when a child sitemap could not be read.
    struct Listing: Sendable {
        var entries: [Entry]
        var complete = true
    }

    /// The entries of a feed, a sitemap, or a sitemap index's children.
    private func parse(_ page: FetchedPage) async -> Result<Listing, ParseFailure> {
        let feedError: FeedError
        do {
            let feed = try FeedParser().parse(bytes: page.body, url: page.finalURL)
            return .success(
                Listing(
                    entries: feed.items.compactMap { item in
                        item.link.map {
                            Entry(url: $0, title: item.title, published: item.published, author: item.authors.first)
                        }
                    }))
        } catch {
            feedError = error
        }
        let sitemap: Sitemap
        do {
            sitemap = try SitemapParser().parse(bytes: page.body, url: page.finalURL)
        } catch {
            return .failure(ParseFailure(description: "neither a feed (\(feedError)) nor a sitemap (\(error))"))
        }
        var listing = Listing(entries: sitemap.urls.map(Self.entry))
        let children = sitemap.sitemaps.sorted { ($0.lastModified ?? .distantPast) > ($1.lastModified ?? .distantPast) }
            .prefix(configuration.maxChildSitemaps)
        for child in children {
            guard case .fetched(let childPage) = await fetcher.fetch(child.location),
                let childMap = try? SitemapParser().parse(bytes: childPage.body, url: childPage.finalURL)
            else {
                listing.complete = false
                continue
            }
            listing.entries += childMap.urls.map(Self.entry)
        }
        return .success(listing)
    }

    private static func entry(_ url: SitemapURL) -> Entry {
        Entry(url: url.location, title: url.news?.title, published: url.news?.publicationDate ?? url.lastModified)
    }

    /// Fetches one article page into the stream; returns whether it should be tried again (a failure that may pass).
    private func fetchArticle(
        url: String, entry: Entry, feed: String, into continuation: AsyncStream<Fetched>.Continuation
    ) async -> Bool {
        switch await fetcher.fetch(url) {
        case .notModified:
            continuation.yield(.failed(url: url, reason: "304 without a conditional request"))
            return true
        case .failed(let failure):
            // Interrupted, not failed: nothing is recorded, so the next round fetches the page.
            if Task.isCancelled { return true }
            continuation.yield(.failed(url: url, reason: failure.description))
            guard Self.isPermanent(failure.kind) else { return true }
            try? await store.recordCrawl(url: url, feed: feed, outcome: .failed, article: nil, at: now())
            return false
        case .fetched(let page):
            let media = (page.contentType ?? "text/html").lowercased()
            guard media.hasPrefix("text/html") || media.hasPrefix("application/xhtml") else {
                continuation.yield(.failed(url: url, reason: "not HTML (\(media))"))
                try? await store.recordCrawl(url: url, feed: feed, outcome: .dropped, article: nil, at: now())
                return false
            }
            if let archive {
                do {
                    try await archive.write(
                        url: page.finalURL, date: page.fetchedAt, status: page.status,
                        requestHeaders: [
                            HeaderField(name: "User-Agent", value: fetcher.configuration.fetcher.userAgent)
                        ],
                        responseHeaders: page.headers.map { HeaderField(name: $0.name, value: $0.value) },
                        body: page.body)
                } catch {
                    logger.error("cannot archive", metadata: ["crawl.url": "\(url)", "error": "\(error)"])
                }
            }
            let document = RawDocument(
                origin: url, url: page.finalURL, bytes: page.body, contentType: .html, declaredCharset: page.charset,
                hints: RawDocument.Hints(
                    title: entry.title, published: entry.published.map(Self.iso), author: entry.author, source: .feed),
                fetchedAt: page.fetchedAt)
            continuation.yield(.page(document: document, canonical: url, feed: feed))
            return false
        }
    }

    /// Failures that will not go away by asking again.
    static func isPermanent(_ kind: FetchFailure.Kind) -> Bool {
        switch kind {
        case .invalidURL, .badScheme, .refusedAddress, .disallowedByRobots, .tooLarge, .tooManyRedirects,
            .decompression:
            true
        case .httpStatus(let status):
            (400..<500).contains(status) && status != 408
        case .timeout, .rateLimited, .network:
            false
        }
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

extension FeedState {
    /// Forgets ETag, Last-Modified and body hash, so the next poll reads the feed in full and lists every page again.
    fileprivate mutating func forgetValidators() {
        etag = nil
        lastModified = nil
        bodyHash = nil
    }
}
