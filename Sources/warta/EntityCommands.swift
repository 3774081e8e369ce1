import ArgumentParser
import Foundation
import WartaCore
import WartaPipeline

struct EntitiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities", abstract: "People, organisations and places by the number of articles that name them.")

    @Option(name: .long, help: "Only this kind: PERSON, ORGANISATION or PLACE.")
    var kind: String?

    @Option(name: .long, help: "At most this many.")
    var limit = 50

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let kind, EntityKind(rawValue: kind.uppercased()) == nil {
            throw ValidationError("--kind is PERSON, ORGANISATION or PLACE, not \"\(kind)\"")
        }
        if limit <= 0 { throw ValidationError("--limit must be positive, not \(limit)") }
    }

    func run() async throws {
        try await reportingErrors {
            let snapshot = try await StoreSnapshot.load(store)
            let counts = Reports.entities(
                snapshot.articles, kind: kind.flatMap { EntityKind(rawValue: $0.uppercased()) }
            )
            .prefix(limit)
            let out = Terminal.standardOutput
            if store.json {
                for count in counts { out.line(JSONOutput.encode(count)) }
                return
            }
            for count in counts {
                out.line("\(count.kind)\t\(count.articles) articles\t\(count.mentions) mentions\t\(count.name)")
            }
        }
    }
}

struct EntityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity", abstract: "One entity: its spellings, the articles that name it, and its quotes.")

    @Argument(help: "A name or part of one (case-insensitive).")
    var name: String

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let snapshot = try await StoreSnapshot.load(store)
            let needle = name.lowercased()
            let spellings = Reports.entities(snapshot.articles).filter { $0.name.lowercased().contains(needle) }
            guard !spellings.isEmpty else {
                throw WartaError(
                    code: "W0702", message: "no entity named like \"\(name)\"",
                    hint: "run `warta entities` to list the known ones")
            }
            let articles = snapshot.articles.filter { article in
                article.entities.contains { $0.span.text(in: article.body).lowercased().contains(needle) }
            }
            let quotes = Reports.quotes(snapshot.articles, speaker: name)
            let out = Terminal.standardOutput
            if store.json {
                out.line(
                    JSONOutput.encode(
                        EntityJSON(
                            name: name, spellings: spellings, articles: articles.map { $0.id?.rawValue ?? 0 },
                            quotes: quotes)))
                return
            }
            out.line(out.bold(name))
            out.line("  spellings (matched because they contain \"\(name)\"):")
            for spelling in spellings {
                out.line("    \(spelling.name) [\(spelling.kind)] in \(spelling.articles) articles")
            }
            out.line("  articles: " + articles.map { "[\($0.id?.rawValue ?? 0)] \($0.title)" }.joined(separator: "; "))
            for quote in quotes {
                out.line("  quote [\(quote.article)]: \"\(quote.text)\" via \(quote.relay.joined(separator: " → "))")
            }
        }
    }
}

struct EntityJSON: Encodable {
    var name: String
    var spellings: [Reports.EntityCount]
    var articles: [Int64]
    var quotes: [Reports.QuoteView]
}

struct QuotesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes", abstract: "Quotes and reported speech with speaker, cue and relay chain.")

    @Option(name: .long, help: "Only quotes whose speaker contains this name.")
    var speaker: String?

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let snapshot = try await StoreSnapshot.load(store)
            let quotes = Reports.quotes(snapshot.articles, speaker: speaker)
            let out = Terminal.standardOutput
            for quote in quotes {
                if store.json {
                    out.line(JSONOutput.encode(quote))
                } else {
                    out.line(
                        "[\(quote.article)] \(quote.kind) \(quote.speaker ?? "?")\(quote.cue.map { " (\($0))" } ?? ""): "
                            + "\"\(quote.text)\" via \(quote.relay.joined(separator: " → "))")
                }
            }
            if !store.json { out.line("\(quotes.count) quotes") }
        }
    }
}

struct TimelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline", abstract: "Dated sentences, oldest first, with the entities they name.")

    @Option(name: .long, help: "Only articles that name this entity.")
    var entity: String?

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let snapshot = try await StoreSnapshot.load(store)
            let entries = Reports.timeline(snapshot.articles, entity: entity)
            let out = Terminal.standardOutput
            for entry in entries {
                if store.json {
                    out.line(JSONOutput.encode(entry))
                } else {
                    out.line("\(entry.date)\t[\(entry.article)] \(entry.expression): \(entry.sentence)")
                }
            }
        }
    }
}
