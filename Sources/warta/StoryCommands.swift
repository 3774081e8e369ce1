import ArgumentParser
import Foundation
import WartaCore
import WartaDates
import WartaPipeline
import WartaQuery
import WartaStore
import WartaStoreSQLite

/// Loads the whole store, for the views not yet kept as read models (duplicates).
struct StoreSnapshot {
    var articles: [Article]
    var links: [ArticleLink]

    static func load(_ options: StoreOptions) async throws -> StoreSnapshot {
        let store = try await options.openStore()
        return StoreSnapshot(articles: try await store.allArticles(), links: try await store.links())
    }
}

struct StoriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories", abstract: "Storylines with their events: title, articles, outlets, first and last seen."
    )

    @Option(name: .long, help: "Only storylines seen on or after this day (YYYY-MM-DD).")
    var since: String?

    @Option(name: .long, help: "newest (most recently active first) or largest (most articles first).")
    var order = "newest"

    @Option(name: .long, help: "At most this many storylines.")
    var limit = 50

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let since, ISODay.days(since) == nil {
            throw ValidationError("--since takes a day as YYYY-MM-DD, not \"\(since)\"")
        }
        if StorylineOrder(rawValue: order) == nil {
            throw ValidationError("--order is newest or largest, not \"\(order)\"")
        }
        if limit <= 0 { throw ValidationError("--limit must be positive, not \(limit)") }
    }

    func run() async throws {
        try await reportingErrors {
            let queries = try await store.openQueries()
            let page = try await queries.storylines(
                order: StorylineOrder(rawValue: order) ?? .newest, since: since, limit: limit)
            let out = Terminal.standardOutput
            for line in page.items {
                let events = try await queries.events(ofStoryline: line.id)
                if store.json {
                    out.line(JSONOutput.encode(StorylineJSON(storyline: line, events: events)))
                    continue
                }
                out.line(
                    out.bold("storyline \(line.id)") + ": \(line.title) — \(line.articleCount) articles, "
                        + "\(line.eventCount) events, \(line.outlets.joined(separator: ", ")), "
                        + "\(line.firstDay ?? "undated") .. \(line.lastDay ?? "undated")")
                for event in events {
                    out.line(
                        "  event \(event.id): \(event.title) — \(event.articleCount) articles, "
                            + "\(event.outlets.joined(separator: ", ")), \(event.firstDay ?? "undated")")
                }
            }
            if !store.json {
                out.line(
                    page.items.count < page.total
                        ? "\(page.items.count) of \(page.total) storylines (--limit shows more)"
                        : "\(page.total) storylines")
            }
        }
    }
}

struct StorylineJSON: Encodable {
    var storyline: StorylineItem
    var events: [EventRecord]
}

struct StoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "story",
        abstract: "One storyline: its events, articles by time and outlet (copies under their origin), entities, "
            + "quotes and timeline.")

    @Argument(help: "The storyline's id (see `warta stories`).")
    var id: Int64

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let queries = try await store.openQueries()
            let detail: StorylineDetail
            do {
                detail = try await queries.storyline(id)
            } catch let error as QueryError where error.kind == .notFound {
                throw WartaError(
                    code: "W0701", message: "no storyline with id \(id)", hint: "run `warta stories` to list them")
            }
            let out = Terminal.standardOutput
            if store.json {
                out.line(JSONOutput.encode(detail))
                return
            }
            let line = detail.storyline
            out.line(out.bold("storyline \(line.id): \(line.title)"))
            out.line("  \(line.articleCount) articles from \(line.outlets.joined(separator: ", "))")
            for event in detail.events {
                out.line("  event \(event.id): \(event.title)")
                for item in event.articles {
                    let article = item.article
                    out.line(
                        "    [\(article.id)] \(article.published.map { String($0.prefix(10)) } ?? "undated")  "
                            + "\(article.outlet ?? "-")  \(article.title)")
                    for copy in item.copies {
                        // A re-post often has a title of its own: show it, and the copy's day and outlet.
                        let title = copy.title == article.title ? "" : "  \(copy.title)"
                        out.line(
                            "        copy: [\(copy.id)] \(copy.published.map { String($0.prefix(10)) } ?? "undated")  "
                                + "\(copy.outlet ?? "-")\(title)")
                    }
                }
            }
            out.line("  entities: " + line.topEntities.map { "\($0.name) (\($0.articles))" }.joined(separator: ", "))
            if !detail.quotes.isEmpty { out.line("  quotes:") }
            for quote in detail.quotes {
                out.line("    [\(quote.article)] \"\(quote.text)\" — \(quote.chain.joined(separator: " → "))")
            }
            if !detail.timeline.isEmpty { out.line("  timeline:") }
            for entry in detail.timeline {
                out.line(
                    "    \(entry.approximate ? "≈" : "")\(entry.date)  [\(entry.article)] \(entry.expression): \(entry.sentence)"
                )
            }
        }
    }
}

extension StoreOptions {
    /// The query layer over this store (the read model brought up to date on first use).
    func openQueries() async throws -> QueryService {
        QueryService.bundled(store: try await openStore())
    }
}

struct DuplicatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duplicates",
        abstract: "Duplicate groups: each origin, its copies and re-posts, and the outlets that carried it.",
        discussion: """
            A copy is an article whose body is at least 0.8 alike (Jaccard of word 5-grams) with an earlier one; \
            titles are not compared, since a re-post often has a new one (bodies under 50 words are compared \
            with their title). The origin is the group's first article as linked, in publication order (within \
            each ingested batch; `warta relink` relinks the whole store in that order).
            """)

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let snapshot = try await StoreSnapshot.load(store)
            let groups = Reports.duplicates(articles: snapshot.articles, links: snapshot.links)
            let out = Terminal.standardOutput
            if store.json {
                for group in groups { out.line(JSONOutput.encode(group)) }
                return
            }
            for group in groups {
                out.line("origin " + Self.line(group.origin))
                for copy in group.copies { out.line("    copy " + Self.line(copy)) }
                out.line("    outlets: " + group.outlets.joined(separator: ", "))
            }
            let copies = groups.reduce(0) { $0 + $1.copies.count }
            out.line("\(groups.count) duplicate groups, \(copies) copies")
        }
    }

    /// `[id] day  outlet  title`, as `warta story` lists articles.
    static func line(_ row: Reports.ArticleRow) -> String {
        "[\(row.id)] \(row.published ?? "undated")  \(row.outlet ?? "-")  \(row.title)"
    }
}
