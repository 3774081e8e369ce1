import ArgumentParser
import Foundation
import WartaCore
import WartaDates
import WartaPipeline
import WartaStore
import WartaStoreSQLite

/// Loads what the story and entity views need from the store.
struct StoreSnapshot {
    var articles: [Article]
    var links: [ArticleLink]

    static func load(_ options: StoreOptions) async throws -> StoreSnapshot {
        let store = try options.openStore()
        return StoreSnapshot(articles: try await store.allArticles(), links: try await store.links())
    }
}

struct StoriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories", abstract: "Storylines with their events: title, articles, outlets, first and last seen."
    )

    @Option(name: .long, help: "Only storylines seen on or after this day (YYYY-MM-DD).")
    var since: String?

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let since, ISODay.days(since) == nil {
            throw ValidationError("--since takes a day as YYYY-MM-DD, not \"\(since)\"")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let snapshot = try await StoreSnapshot.load(store)
            let sinceDate = since.flatMap(ISODay.days).map { Date(timeIntervalSince1970: $0 * 86_400) }
            let lines = Reports.storylines(articles: snapshot.articles, links: snapshot.links, since: sinceDate)
            let out = Terminal.standardOutput
            if store.json {
                for line in lines { out.line(JSONOutput.encode(line)) }
                return
            }
            for line in lines {
                out.line(
                    out.bold("storyline \(line.id)") + ": \(line.title) — \(line.articleCount) articles, "
                        + "\(line.events.count) events, \(line.outlets.joined(separator: ", ")), "
                        + "\(line.firstSeen ?? "undated") .. \(line.lastSeen ?? "undated")")
                for event in line.events {
                    out.line(
                        "  event \(event.id): \(event.title) — \(event.articles.count) articles, "
                            + "\(event.outlets.joined(separator: ", ")), \(event.firstSeen ?? "undated")")
                }
            }
            out.line("\(lines.count) storylines")
        }
    }
}

struct StoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "story",
        abstract: "One storyline: its events, articles by time and outlet (copies under their origin), entities, "
            + "quotes and timeline.")

    @Argument(help: "The storyline's id (see `warta stories`).")
    var id: Int

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let snapshot = try await StoreSnapshot.load(store)
            let lines = Reports.storylines(articles: snapshot.articles, links: snapshot.links)
            guard let line = lines.first(where: { $0.id == id }) else {
                throw WartaError(
                    code: "W0701", message: "no storyline with id \(id)",
                    hint: "run `warta stories` to list them (\(lines.count) stored)")
            }
            let ids = Set(line.events.flatMap { $0.articles.flatMap { [$0.id] + $0.copies } })
            let members = snapshot.articles.filter { ids.contains($0.id?.rawValue ?? -1) }
            let quotes = Reports.quotes(members)
            let timeline = Reports.timeline(members)
            let out = Terminal.standardOutput
            if store.json {
                out.line(JSONOutput.encode(StoryJSON(storyline: line, quotes: quotes, timeline: timeline)))
                return
            }
            out.line(out.bold("storyline \(line.id): \(line.title)"))
            out.line("  \(line.articleCount) articles from \(line.outlets.joined(separator: ", "))")
            for event in line.events {
                out.line("  event \(event.id): \(event.title)")
                for article in event.articles {
                    out.line(
                        "    [\(article.id)] \(article.published ?? "undated")  \(article.outlet ?? "-")  \(article.title)"
                    )
                    for copy in article.copies { out.line("        copy: [\(copy)]") }
                }
            }
            out.line("  entities: " + line.topEntities.map { "\($0.name) (\($0.articles))" }.joined(separator: ", "))
            if !quotes.isEmpty { out.line("  quotes:") }
            for quote in quotes {
                out.line(
                    "    [\(quote.article)] \(quote.speaker ?? "?"): \"\(quote.text)\" via \(quote.relay.joined(separator: " → "))"
                )
            }
            if !timeline.isEmpty { out.line("  timeline:") }
            for entry in timeline {
                out.line("    \(entry.shownDate)  [\(entry.article)] \(entry.expression): \(entry.sentence)")
            }
        }
    }
}

struct StoryJSON: Encodable {
    var storyline: Reports.StorylineView
    var quotes: [Reports.QuoteView]
    var timeline: [Reports.TimelineEntry]
}

struct DuplicatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duplicates", abstract: "Duplicate groups: each origin with its copies and syndicated re-posts.")

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
                out.line("[\(group.id)] \(group.outlet ?? "-")  \(group.title)")
                for copy in group.copies { out.line("    copy: [\(copy)]") }
            }
            out.line("\(groups.count) duplicate groups")
        }
    }
}
