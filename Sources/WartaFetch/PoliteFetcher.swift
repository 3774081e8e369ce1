import Foundation
import Logging

/// The crawler's entry point: a ``Fetcher`` that honours robots.txt and keeps to a polite pace.
///
/// For every hop, redirects included, in order:
/// 1. robots.txt of the hop's host (scheme, host and port, see ``HostKey``) is read once and kept
///    for ``Configuration/robotsLifetime``; a disallowed path fails as
///    ``FetchFailure/Kind/disallowedByRobots`` without a request. robots.txt itself goes through the
///    same address guard. 4xx means "allow all"; 5xx, 429 or no answer means "disallow all" for
///    ``Configuration/robotsRetryAfterError`` (RFC 9309 §2.3.1).
/// 2. The host's turn: one request in flight per host, at least ``Configuration/minDelay`` (or the
///    host's `Crawl-delay`, capped at ``Configuration/maxCrawlDelay``) after the previous request
///    ended, and after any back-off.
/// 3. A global slot, at most ``Configuration/maxConcurrentRequests`` in flight over all hosts.
/// 4. The request. A 429 or 503 backs the host off for its `Retry-After` (seconds or HTTP-date),
///    else exponentially from ``Configuration/initialBackoff``, capped at ``Configuration/maxBackoff``.
///
/// ```swift
/// let fetcher = PoliteFetcher(configuration: .init(fetcher: .init(contactURL: "https://example.org/bot")))
/// let result = await fetcher.fetch("https://example.com/berita/1", validators: stored)
/// try await fetcher.shutdown()
/// ```
public final class PoliteFetcher: Sendable {
    /// Politeness settings and the underlying fetcher's configuration.
    public struct Configuration: Sendable {
        /// Limits, user agent and address policy for each request.
        public var fetcher: Fetcher.Configuration
        /// Gap between two requests to one host. Default 5 s; 0 for benchmarks against local servers.
        public var minDelay: Duration
        /// Requests in flight over all hosts. Default 8.
        public var maxConcurrentRequests: Int
        /// `Crawl-delay` is honoured up to this. Default 120 s.
        public var maxCrawlDelay: Duration
        /// How long a downloaded robots.txt is used. Default 24 h.
        public var robotsLifetime: Duration
        /// How long "disallow all" lasts after robots.txt failed with 5xx, 429, a timeout or a network
        /// error, before it is tried again. Default 30 min.
        public var robotsRetryAfterError: Duration
        /// First back-off after a 429/503 without `Retry-After`; doubles per consecutive one. Default 30 s.
        public var initialBackoff: Duration
        /// Longest back-off, also the cap on `Retry-After`. Default 1 h.
        public var maxBackoff: Duration
        /// A fetch whose host is not available for longer than this fails with
        /// ``FetchFailure/Kind/rateLimited(retryAfter:)`` instead of waiting. Default 5 min.
        public var maxHostWait: Duration

        /// Creates a configuration with the documented defaults.
        public init(
            fetcher: Fetcher.Configuration = Fetcher.Configuration(),
            minDelay: Duration = .seconds(5),
            maxConcurrentRequests: Int = 8,
            maxCrawlDelay: Duration = .seconds(120),
            robotsLifetime: Duration = .seconds(24 * 3600),
            robotsRetryAfterError: Duration = .seconds(30 * 60),
            initialBackoff: Duration = .seconds(30),
            maxBackoff: Duration = .seconds(3600),
            maxHostWait: Duration = .seconds(300)
        ) {
            self.fetcher = fetcher
            self.minDelay = minDelay
            self.maxConcurrentRequests = maxConcurrentRequests
            self.maxCrawlDelay = maxCrawlDelay
            self.robotsLifetime = robotsLifetime
            self.robotsRetryAfterError = robotsRetryAfterError
            self.initialBackoff = initialBackoff
            self.maxBackoff = maxBackoff
            self.maxHostWait = maxHostWait
        }
    }

    /// The configuration this fetcher was made with.
    public let configuration: Configuration
    /// The fetcher doing the requests, for one-off fetches that skip politeness.
    public let fetcher: Fetcher
    private let scheduler: HostScheduler
    private let robots: RobotsCache

    /// Creates a polite fetcher and its HTTP client.
    ///
    /// - Parameters:
    ///   - configuration: politeness and fetch settings.
    ///   - resolver: resolves host names for the address guard.
    ///   - clock: measures host delays and back-off; tests may pass their own.
    ///   - logger: receives `debug` messages with `fetch.url`, `fetch.host` metadata.
    ///   - now: the wall clock for fetch times and `Retry-After` dates.
    public init<C: Clock>(
        configuration: Configuration = Configuration(),
        resolver: any HostResolver = SystemHostResolver(),
        clock: C = ContinuousClock(),
        logger: Logger = Fetcher.disabledLogger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) where C.Duration == Duration {
        self.configuration = configuration
        let fetcher = Fetcher(configuration: configuration.fetcher, resolver: resolver, logger: logger, now: now)
        let schedulerClock = SchedulerClock(clock)
        let scheduler = HostScheduler(
            configuration: HostScheduler.Configuration(
                minDelay: configuration.minDelay,
                maxConcurrentRequests: max(1, configuration.maxConcurrentRequests),
                maxCrawlDelay: configuration.maxCrawlDelay,
                initialBackoff: configuration.initialBackoff,
                maxBackoff: configuration.maxBackoff,
                maxHostWait: configuration.maxHostWait
            ),
            clock: schedulerClock
        )
        self.fetcher = fetcher
        self.scheduler = scheduler
        self.robots = RobotsCache(clock: schedulerClock) { key in
            await Self.loadRobots(for: key, fetcher: fetcher, scheduler: scheduler, configuration: configuration)
        }
    }

    /// Fetches `url` politely; see the type's discussion for the order of checks.
    ///
    /// - Parameters:
    ///   - url: an absolute http(s) URL.
    ///   - validators: from the previous ``FetchedPage/validators`` of this URL, if any.
    /// - Returns: the page, `notModified`, or a failure; this method does not throw.
    public func fetch(_ url: String, validators: Validators? = nil) async -> FetchResult {
        let gate = PoliteGate(
            scheduler: scheduler, robots: robots, productToken: configuration.fetcher.productToken)
        return await fetcher.fetch(
            url, validators: validators, options: RequestOptions(bodyLimit: configuration.fetcher.maxBodyBytes),
            gate: gate)
    }

    /// The robots.txt that applies to `url`'s host (cached, or fetched now), for example to read its
    /// ``RobotsTxt/sitemaps``.
    ///
    /// - Returns: the rules, or the failure when the host itself cannot be fetched.
    public func robotsTxt(for url: String) async -> Result<RobotsTxt, FetchFailure> {
        switch FetchTarget.parse(url) {
        case .failure(let kind):
            return .failure(FetchFailure(kind: kind, url: url))
        case .target(let target):
            switch await robots.answer(for: target.key) {
            case .rules(let robotsTxt, _):
                return .success(robotsTxt)
            case .failed(let kind):
                return .failure(FetchFailure(kind: kind, url: target.key.robotsURL))
            }
        }
    }

    /// Shuts the HTTP client down; call once, after the last fetch.
    ///
    /// - Throws: the client's shutdown error, e.g. when already shut down.
    public func shutdown() async throws {
        try await fetcher.shutdown()
    }

    // MARK: robots.txt

    /// Downloads robots.txt in the host's turn and turns the outcome into rules (RFC 9309 §2.3.1).
    private static func loadRobots(
        for key: HostKey, fetcher: Fetcher, scheduler: HostScheduler, configuration: Configuration
    ) async -> RobotsCache.Answer {
        let permit: HostScheduler.Permit
        switch await scheduler.acquire(key) {
        case .granted(let granted):
            permit = granted
        case .backingOff(let remaining):
            return .failed(.rateLimited(retryAfter: remaining))
        case .cancelled:
            return .failed(.network("cancelled"))
        }
        let result = await fetcher.fetch(
            key.robotsURL, validators: nil,
            options: RequestOptions(bodyLimit: RobotsTxt.maximumSize, truncatesBody: true),
            gate: nil)
        let answer = robotsAnswer(for: result, configuration: configuration)
        if case .rules(let robotsTxt, _) = answer {
            // Before releasing, so the first page already waits for the crawl delay.
            await scheduler.setCrawlDelay(robotsTxt.crawlDelay(for: configuration.fetcher.productToken), for: key)
        }
        await scheduler.release(permit, feedback: feedback(for: result))
        return answer
    }

    static func robotsAnswer(for result: FetchResult, configuration: Configuration) -> RobotsCache.Answer {
        let unreachable = RobotsCache.Answer.rules(.unreachable, keepFor: configuration.robotsRetryAfterError)
        switch result {
        case .fetched(let page):
            return .rules(RobotsTxt(parsing: page.body), keepFor: configuration.robotsLifetime)
        case .notModified:
            return .rules(.allowAll, keepFor: configuration.robotsLifetime)
        case .failed(let failure):
            switch failure.kind {
            case .httpStatus(let status) where (400..<500).contains(status):
                return .rules(.allowAll, keepFor: configuration.robotsLifetime)
            case .tooManyRedirects:
                // RFC 9309 §2.3.1.2: after five redirects robots.txt may be taken as unavailable (4xx).
                return .rules(.allowAll, keepFor: configuration.robotsLifetime)
            case .refusedAddress, .badScheme, .invalidURL:
                // On the host itself the page would be refused too; on a redirect target it is a
                // robots.txt we may not read, so nothing is allowed.
                return failure.redirectChain.isEmpty ? .failed(failure.kind) : unreachable
            case .rateLimited, .httpStatus, .timeout, .network, .decompression, .tooLarge, .disallowedByRobots:
                return unreachable
            }
        }
    }

    static func feedback(for result: FetchResult) -> HostScheduler.Feedback {
        guard case .failed(let failure) = result else { return .normal }
        switch failure.kind {
        case .rateLimited(let retryAfter): return .backOff(retryAfter: retryAfter)
        case .httpStatus(503): return .backOff(retryAfter: nil)
        default: return .normal
        }
    }
}

/// Applies robots.txt and the host schedule to each hop.
private struct PoliteGate: HopGate {
    let scheduler: HostScheduler
    let robots: RobotsCache
    let productToken: String

    func admit(_ target: FetchTarget, perform: @Sendable () async -> HopResult) async -> HopResult {
        switch await robots.answer(for: target.key) {
        case .failed(let kind):
            return .failed(kind)
        case .rules(let robotsTxt, _):
            guard robotsTxt.isAllowed(target.pathAndQuery, productToken: productToken) else {
                // robots.txt could not be fetched: the host is unavailable for now, which is not a rule of the site.
                return .failed(
                    robotsTxt.isUnreachable
                        ? .network("robots.txt could not be fetched; the host is not crawled for a while")
                        : .disallowedByRobots)
            }
            await scheduler.setCrawlDelay(robotsTxt.crawlDelay(for: productToken), for: target.key)
        }
        switch await scheduler.acquire(target.key) {
        case .cancelled:
            return .failed(.network("cancelled"))
        case .backingOff(let remaining):
            return .failed(.rateLimited(retryAfter: remaining))
        case .granted(let permit):
            let result = await perform()
            let feedback: HostScheduler.Feedback
            switch result.status {
            case 429, 503: feedback = .backOff(retryAfter: result.retryAfter)
            default: feedback = .normal
            }
            await scheduler.release(permit, feedback: feedback)
            return result
        }
    }
}
