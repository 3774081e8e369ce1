import Foundation
import WartaCore

/// One decision of the linker: an article's event, storyline and, for a copy, its origin.
public struct ArticleLink: Sendable, Equatable {
    public var article: ArticleID
    /// The order the linker decided in (its state is rebuilt by replaying links in this order).
    public var position: Int
    /// The event's number, from 0 in the order events were opened.
    public var event: Int
    public var storyline: Int
    public var duplicateOf: ArticleID?
    /// Events merged into `event` by this decision, in order (fragments that fit it once it grew); replayed with it.
    public var mergedEvents: [Int]
    /// The closed event this decision's new event follows up (a late follow-up: one incident, later days).
    public var followUpOf: Int?

    public init(
        article: ArticleID, position: Int, event: Int, storyline: Int, duplicateOf: ArticleID?,
        mergedEvents: [Int] = [], followUpOf: Int? = nil
    ) {
        self.article = article
        self.position = position
        self.event = event
        self.storyline = storyline
        self.duplicateOf = duplicateOf
        self.mergedEvents = mergedEvents
        self.followUpOf = followUpOf
    }
}

/// The right to link a store's articles: one holder at a time, for a limited time, renewed by every link it saves.
///
/// `epoch` grows with every new holder, so a holder that lost the lease (it stalled past `expires`, another process
/// took over) is refused on its next write instead of writing beside the new holder (a fencing token).
public struct LinkerLease: Sendable, Equatable {
    public var holder: String
    public var epoch: Int64
    public var expires: Date

    public init(holder: String, epoch: Int64, expires: Date) {
        self.holder = holder
        self.epoch = epoch
        self.expires = expires
    }
}

/// Keeps the linker's decisions: duplicates, events and storylines.
///
/// Every stored article waits in a pending queue (written in the same unit of work as the article) until the
/// holder of the store's linker lease links it; only that holder writes links.
public protocol StoryStore: Sendable {
    /// This store handle's name as a writer and linker: unique per opened store (host, process, random).
    var session: String { get }

    /// Every link, in decision order.
    func links() async throws -> [ArticleLink]

    /// The position of the latest link, `nil` when nothing is linked.
    func lastLinkPosition() async throws -> Int?

    /// Articles waiting to be linked, in publication order (dated ones by date, then undated ones; ties in the order
    /// their raw documents were stored, so that stores filled by several workers link in the same order).
    func pendingLinks(limit: Int) async throws -> [ArticleID]

    /// How many articles wait to be linked.
    func pendingLinkCount() async throws -> Int

    /// Takes the lease for `holder` when it is free, expired or already `holder`'s (then renewed with the same
    /// epoch); `nil` when another holder has it until after `now`.
    func acquireLinkerLease(holder: String, now: Date, duration: TimeInterval) async throws -> LinkerLease?

    /// The lease as stored (held or expired), `nil` when nobody ever took it.
    func linkerLease() async throws -> LinkerLease?

    /// Gives the lease up (only when `lease` is still the stored one).
    func releaseLinkerLease(_ lease: LinkerLease) async throws

    /// Records one decision in one unit of work, only while `lease` is the store's lease: an event or storyline
    /// seen for the first time is created with `title`, the article leaves the pending queue, `dates` (when given)
    /// replace its date mentions, and the lease is renewed until `now + duration`.
    /// - Returns: the renewed lease.
    /// - Throws: ``LinkerLeaseLost`` when another holder took the lease; nothing is written then.
    func saveLink(
        _ link: ArticleLink, title: String, dates: [DateMention]?, lease: LinkerLease, now: Date,
        duration: TimeInterval
    ) async throws -> LinkerLease

    /// Says that `holder` is storing articles now (its heartbeat), so that the linker can wait for it: articles
    /// stored by several processes at once are then linked together, in publication order.
    func registerWriter(_ holder: String, now: Date) async throws

    /// `holder` stores no more articles.
    func unregisterWriter(_ holder: String) async throws

    /// Writers other than `holder` whose heartbeat is later than `since`.
    func otherWriters(than holder: String, since: Date) async throws -> [String]

    /// Forgets every link, event and storyline and puts every article back in the pending queue (`warta relink`),
    /// only while `lease` is the store's lease.
    func resetLinks(lease: LinkerLease) async throws
}

/// A write refused because the writer's linker lease is no longer the store's.
public struct LinkerLeaseLost: Error, Sendable, CustomStringConvertible {
    public var holder: String
    public var epoch: Int64

    public init(holder: String, epoch: Int64) {
        self.holder = holder
        self.epoch = epoch
    }

    public var description: String {
        "the linker lease of \(holder) (epoch \(epoch)) was taken over by another process"
    }
}
