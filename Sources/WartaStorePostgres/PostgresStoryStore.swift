import Foundation
import PostgresNIO
import WartaCore
import WartaStore

extension PostgresStore: StoryStore {
    public func links() async throws -> [ArticleLink] {
        try await rows(
            """
            SELECT article_id, position, event_id, storyline_id, duplicate_of, merged_events, follow_up_of
            FROM article_link ORDER BY position
            """
        ).map { row in
            let (article, position, event, storyline, duplicate, merged, followUp) = try row.decode(
                (Int64, Int64, Int64, Int64, Int64?, String, Int64?).self)
            let mergedEvents: [Int] = try Self.decode(merged)
            return ArticleLink(
                article: ArticleID(article), position: Int(position), event: Int(event) - 1,
                storyline: Int(storyline) - 1, duplicateOf: duplicate.map(ArticleID.init), mergedEvents: mergedEvents,
                followUpOf: followUp.map { Int($0) })
        }
    }

    public func lastLinkPosition() async throws -> Int? {
        try await rows("SELECT max(position) FROM article_link").first.flatMap { try $0.decode(Int64?.self) }
            .map { Int($0) }
    }

    public func pendingLinks(limit: Int) async throws -> [ArticleID] {
        try await rows(
            """
            SELECT pending_link.article_id FROM pending_link JOIN article ON article.id = pending_link.article_id
            ORDER BY article.published_at IS NULL, article.published_at, article.raw_id, pending_link.article_id
            LIMIT \(Int64(clamping: limit))
            """
        ).map { ArticleID(try $0.decode(Int64.self)) }
    }

    public func pendingLinkCount() async throws -> Int {
        Int(try await rows("SELECT count(*) FROM pending_link").first?.decode(Int64.self) ?? 0)
    }

    public func acquireLinkerLease(holder: String, now: Date, duration: TimeInterval) async throws -> LinkerLease? {
        try await transaction { [logger] connection in
            let expires = now.timeIntervalSince1970 + duration
            // The row exists after this, and `FOR UPDATE` holds it until the decision commits.
            try await connection.query(
                """
                INSERT INTO linker_lease (id, holder, epoch, expires_at) VALUES (1, \(holder), 0, 0)
                ON CONFLICT (id) DO NOTHING
                """, logger: logger)
            var current: LinkerLease?
            for try await (currentHolder, epoch, expiresAt) in try await connection.query(
                "SELECT holder, epoch, expires_at FROM linker_lease WHERE id = 1 FOR UPDATE", logger: logger
            ).decode((String, Int64, Double).self) {
                current = LinkerLease(
                    holder: currentHolder, epoch: epoch, expires: Date(timeIntervalSince1970: expiresAt))
            }
            guard let current else { return nil }
            if current.holder == holder && current.expires > now && current.epoch > 0 {
                try await connection.query(
                    "UPDATE linker_lease SET expires_at = \(expires) WHERE id = 1", logger: logger)
                return LinkerLease(holder: holder, epoch: current.epoch, expires: Date(timeIntervalSince1970: expires))
            }
            guard current.expires <= now || current.epoch == 0 else { return nil }
            let epoch = current.epoch + 1
            try await connection.query(
                "UPDATE linker_lease SET holder = \(holder), epoch = \(epoch), expires_at = \(expires) WHERE id = 1",
                logger: logger)
            return LinkerLease(holder: holder, epoch: epoch, expires: Date(timeIntervalSince1970: expires))
        }
    }

    public func linkerLease() async throws -> LinkerLease? {
        try await rows("SELECT holder, epoch, expires_at FROM linker_lease WHERE id = 1 AND epoch > 0").first.map {
            let (holder, epoch, expires) = try $0.decode((String, Int64, Double).self)
            return LinkerLease(holder: holder, epoch: epoch, expires: Date(timeIntervalSince1970: expires))
        }
    }

    public func releaseLinkerLease(_ lease: LinkerLease) async throws {
        _ = try await rows(
            "UPDATE linker_lease SET expires_at = 0 WHERE id = 1 AND holder = \(lease.holder) AND epoch = \(lease.epoch)"
        )
    }

    public func saveLink(
        _ link: ArticleLink, title: String, dates: [DateMention]?, lease: LinkerLease, now: Date,
        duration: TimeInterval
    ) async throws -> LinkerLease {
        let encodedDates = try dates.map(Self.json)
        let merged = try Self.json(link.mergedEvents)
        let expires = now.timeIntervalSince1970 + max(duration, 0)
        let storyline = Int64(link.storyline + 1)
        let event = Int64(link.event + 1)
        let article = link.article.rawValue
        // One statement, one round trip: the fence (the lease renewed only while holder and epoch are still this
        // one's) and every write, each write only when the fence row came back. The link is a plain insert: with
        // one linker per store, a second decision for an article or a position is a bug, and it fails instead of
        // replacing another process's decision.
        let renewed = try await rows(
            """
            WITH fence AS (
                UPDATE linker_lease SET expires_at = \(expires)
                WHERE id = 1 AND holder = \(lease.holder) AND epoch = \(lease.epoch) RETURNING epoch),
            new_storyline AS (
                INSERT INTO storyline (id, title) SELECT \(storyline), \(title) FROM fence
                ON CONFLICT (id) DO NOTHING),
            new_event AS (
                INSERT INTO event (id, storyline_id, title) SELECT \(event), \(storyline), \(title) FROM fence
                ON CONFLICT (id) DO NOTHING),
            decision AS (
                INSERT INTO article_link (
                    article_id, position, event_id, storyline_id, duplicate_of, merged_events, follow_up_of)
                SELECT \(article), \(Int64(link.position)), \(event), \(storyline), \(link.duplicateOf?.rawValue),
                    \(merged), \(link.followUpOf.map { Int64($0) })
                FROM fence),
            dequeued AS (DELETE FROM pending_link WHERE article_id = \(article) AND EXISTS (SELECT 1 FROM fence)),
            dated AS (
                UPDATE annotation SET dates = \(encodedDates ?? "")
                WHERE article_id = \(article) AND \(encodedDates != nil) AND EXISTS (SELECT 1 FROM fence))
            SELECT epoch FROM fence
            """
        ).count
        guard renewed == 1 else { throw LinkerLeaseLost(holder: lease.holder, epoch: lease.epoch) }
        return LinkerLease(holder: lease.holder, epoch: lease.epoch, expires: Date(timeIntervalSince1970: expires))
    }

    public func registerWriter(_ holder: String, now: Date) async throws {
        _ = try await rows(
            """
            INSERT INTO active_writer (holder, heartbeat) VALUES (\(holder), \(now.timeIntervalSince1970))
            ON CONFLICT (holder) DO UPDATE SET heartbeat = excluded.heartbeat
            """)
    }

    public func unregisterWriter(_ holder: String) async throws {
        _ = try await rows("DELETE FROM active_writer WHERE holder = \(holder)")
    }

    public func otherWriters(than holder: String, since: Date) async throws -> [String] {
        try await rows(
            """
            SELECT holder FROM active_writer WHERE holder <> \(holder) AND heartbeat > \(since.timeIntervalSince1970)
            ORDER BY holder
            """
        ).map { try $0.decode(String.self) }
    }

    public func resetLinks(lease: LinkerLease) async throws {
        try await transaction { [logger] connection in
            _ = try await Self.fence(
                connection, lease, now: Date(), duration: lease.expires.timeIntervalSinceNow, logger: logger)
            try await connection.query(
                """
                INSERT INTO pending_link (article_id, queued_at) SELECT id, now() FROM article
                ON CONFLICT (article_id) DO NOTHING
                """, logger: logger)
            try await connection.query("DELETE FROM article_link", logger: logger)
            try await connection.query("DELETE FROM event", logger: logger)
            try await connection.query("DELETE FROM storyline", logger: logger)
        }
    }

    /// Renews `lease` inside the caller's transaction, or throws when it is no longer the store's lease.
    private static func fence(
        _ connection: PostgresConnection, _ lease: LinkerLease, now: Date, duration: TimeInterval, logger: Logger
    ) async throws -> LinkerLease {
        let expires = now.timeIntervalSince1970 + max(duration, 0)
        var renewed = false
        for try await _ in try await connection.query(
            """
            UPDATE linker_lease SET expires_at = \(expires)
            WHERE id = 1 AND holder = \(lease.holder) AND epoch = \(lease.epoch) RETURNING epoch
            """, logger: logger
        ).decode(Int64.self) {
            renewed = true
        }
        guard renewed else { throw LinkerLeaseLost(holder: lease.holder, epoch: lease.epoch) }
        return LinkerLease(holder: lease.holder, epoch: lease.epoch, expires: Date(timeIntervalSince1970: expires))
    }
}

extension PostgresStore {
    /// The splits users asked for, in the order they asked: (entity name, alias).
    public func entitySplits() async throws -> [(entity: String, alias: String)] {
        try await rows("SELECT entity, alias FROM entity_split ORDER BY seq").map {
            let (entity, alias) = try $0.decode((String, String).self)
            return (entity: entity, alias: alias)
        }
    }

    /// Remembers that `alias` must stay apart from `entity`.
    public func saveEntitySplit(entity: String, alias: String) async throws {
        _ = try await rows(
            "INSERT INTO entity_split (entity, alias) VALUES (\(entity), \(alias)) ON CONFLICT DO NOTHING")
    }
}

extension PostgresStore: CrawlStore {
    public func addFeeds(_ urls: [String], interval: TimeInterval, now: Date) async throws -> Int {
        guard !urls.isEmpty else { return 0 }
        let time = now.timeIntervalSince1970
        return try await rows(
            """
            INSERT INTO crawl_feed (url, next_poll, poll_interval, added)
            SELECT url, \(time), \(interval), \(time) FROM unnest(\(urls)::text[]) AS url
            ON CONFLICT (url) DO NOTHING RETURNING url
            """
        ).count
    }

    public func feeds() async throws -> [FeedState] {
        try await rows(
            """
            SELECT url, etag, last_modified, body_hash, next_poll, poll_interval, failures, last_success, last_error,
                last_error_at, retired, added
            FROM crawl_feed ORDER BY added, url
            """
        ).map { row in
            let cells = row.makeRandomAccess()
            var feed = FeedState(
                url: try cells["url"].decode(String.self), interval: try cells["poll_interval"].decode(Double.self),
                now: Date(timeIntervalSince1970: try cells["added"].decode(Double.self)))
            feed.etag = try cells["etag"].decode(String?.self)
            feed.lastModified = try cells["last_modified"].decode(String?.self)
            feed.bodyHash = try cells["body_hash"].decode(String?.self)
            feed.nextPoll = Date(timeIntervalSince1970: try cells["next_poll"].decode(Double.self))
            feed.failures = Int(try cells["failures"].decode(Int64.self))
            feed.lastSuccess = try cells["last_success"].decode(Double?.self).map(Date.init(timeIntervalSince1970:))
            feed.lastError = try cells["last_error"].decode(String?.self)
            feed.lastErrorAt = try cells["last_error_at"].decode(Double?.self).map(Date.init(timeIntervalSince1970:))
            feed.retired = try cells["retired"].decode(Bool.self)
            return feed
        }
    }

    public func saveFeed(_ feed: FeedState) async throws {
        _ = try await rows(
            """
            INSERT INTO crawl_feed (url, etag, last_modified, body_hash, next_poll, poll_interval, failures,
                last_success, last_error, last_error_at, retired, added)
            VALUES (\(feed.url), \(feed.etag), \(feed.lastModified), \(feed.bodyHash),
                \(feed.nextPoll.timeIntervalSince1970), \(feed.interval), \(Int64(feed.failures)),
                \(feed.lastSuccess?.timeIntervalSince1970), \(feed.lastError), \(feed.lastErrorAt?.timeIntervalSince1970),
                \(feed.retired), \(feed.added.timeIntervalSince1970))
            ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                body_hash = excluded.body_hash, next_poll = excluded.next_poll, poll_interval = excluded.poll_interval,
                failures = excluded.failures, last_success = excluded.last_success, last_error = excluded.last_error,
                last_error_at = excluded.last_error_at, retired = excluded.retired, added = excluded.added
            """)
    }

    public func crawledURLs(among urls: [String]) async throws -> Set<String> {
        guard !urls.isEmpty else { return [] }
        return Set(
            try await rows("SELECT url FROM crawl_url WHERE url = ANY(\(urls)::text[])").map {
                try $0.decode(String.self)
            })
    }

    public func recordCrawl(url: String, feed: String, outcome: CrawlOutcome, article: ArticleID?, at: Date)
        async throws
    {
        _ = try await rows(
            """
            INSERT INTO crawl_url (url, feed, outcome, article_id, crawled_at)
            VALUES (\(url), \(feed), \(outcome.rawValue), \(article?.rawValue), \(at.timeIntervalSince1970))
            ON CONFLICT (url) DO UPDATE SET feed = excluded.feed, outcome = excluded.outcome,
                article_id = excluded.article_id, crawled_at = excluded.crawled_at
            """)
    }

    public func storedCounts(since: Date) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await rows(
            """
            SELECT feed, count(*) FROM crawl_url WHERE outcome = 'stored' AND crawled_at >= \(since.timeIntervalSince1970)
            GROUP BY feed
            """)
        {
            let (feed, count) = try row.decode((String, Int64).self)
            counts[feed] = Int(count)
        }
        return counts
    }
}
