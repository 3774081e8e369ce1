import Foundation
import WartaCore

/// A feed or sitemap that `warta crawl` polls, with what it learnt about it.
public struct FeedState: Sendable, Equatable, Codable {
    public var url: String
    /// Validators for a conditional GET, and the hash of the last body, so an unchanged feed costs nothing.
    public var etag: String?
    public var lastModified: String?
    public var bodyHash: String?
    /// When to poll next, and the current interval (it adapts: shorter when most items are new, longer when none).
    public var nextPoll: Date
    public var interval: TimeInterval
    /// Failures in a row, the last error and when.
    public var failures: Int
    public var lastSuccess: Date?
    public var lastError: String?
    public var lastErrorAt: Date?
    /// A feed that kept answering 404 or 410 is retired: no longer polled.
    public var retired: Bool
    public var added: Date

    public init(url: String, interval: TimeInterval, now: Date) {
        self.url = url
        etag = nil
        lastModified = nil
        bodyHash = nil
        nextPoll = now
        self.interval = interval
        failures = 0
        lastSuccess = nil
        lastError = nil
        lastErrorAt = nil
        retired = false
        added = now
    }
}

/// What became of one article URL a crawl found.
public enum CrawlOutcome: String, Sendable, Codable {
    /// Fetched and stored (or found already stored).
    case stored
    /// Fetched, but extraction kept nothing (not an article page).
    case dropped
    /// The fetch failed for good (404, refused address, disallowed by robots.txt, too large).
    case failed
}

/// The crawler's memory in the store: feeds and their health, and which article URLs were fetched already, so that
/// a restart resumes where it stopped and nothing is fetched twice.
public protocol CrawlStore: Sendable {
    /// Adds feeds not yet known (known ones keep their state); returns how many were new.
    func addFeeds(_ urls: [String], interval: TimeInterval, now: Date) async throws -> Int
    func feeds() async throws -> [FeedState]
    func saveFeed(_ feed: FeedState) async throws
    /// Which of `urls` (canonical) were fetched before, with any outcome but a temporary failure.
    func crawledURLs(among urls: [String]) async throws -> Set<String>
    func recordCrawl(url: String, feed: String, outcome: CrawlOutcome, article: ArticleID?, at: Date) async throws
    /// Articles stored from each feed since `since`, by feed URL.
    func storedCounts(since: Date) async throws -> [String: Int]
}
