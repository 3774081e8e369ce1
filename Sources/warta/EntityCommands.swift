import ArgumentParser
import Foundation
import WartaCore
import WartaEntities
import WartaPipeline
import WartaQuery
import WartaStore
import WartaStoreSQLite

extension QueryService {
    /// The entity that goes by `name`, the most mentioned when several do.
    /// - Throws: `WartaError` W0702 when none does.
    func requireEntity(named name: String) async throws -> EntityRecord {
        guard let entity = try await entity(named: name) else {
            throw WartaError(
                code: "W0702", message: "no entity named \"\(name)\"",
                hint: "run `warta entities` to list the known ones")
        }
        return entity
    }
}

struct EntityRow: Encodable {
    var name: String
    var kind: String
    var articles: Int
    var mentions: Int
    var aliases: [String]
}

struct EntitiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities",
        abstract: "People, organisations and places (spellings merged) by the number of articles that name them.")

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
            let wanted = kind.flatMap { EntityKind(rawValue: $0.uppercased()) }
            let rows = try await store.openQueries().entityRecords(kind: wanted?.rawValue, limit: limit).map {
                EntityRow(
                    name: $0.name, kind: $0.kind, articles: $0.articleCount, mentions: $0.mentionCount,
                    aliases: $0.aliases.map(\.name))
            }
            let out = Terminal.standardOutput
            for row in rows {
                if store.json {
                    out.line(JSONOutput.encode(row))
                } else {
                    let others = row.aliases.filter { $0 != row.name }
                    out.line(
                        "\(row.kind)\t\(row.articles) articles\t\(row.mentions) mentions\t\(row.name)"
                            + (others.isEmpty ? "" : "  (also: \(others.joined(separator: ", ")))"))
                }
            }
        }
    }
}

struct EntityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity",
        abstract: "One entity: its aliases and why they were merged, articles, quotes; or split.",
        subcommands: [EntityShowCommand.self, EntitySplitCommand.self], defaultSubcommand: EntityShowCommand.self)
}

struct EntityShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "One entity: aliases with the rule and evidence of each merge, articles, quotes."
    )

    @Argument(help: "A name the entity goes by (case and hyphens do not matter).")
    var name: String

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let queries = try await store.openQueries()
            let entity = try await queries.entity(try await queries.requireEntity(named: name).id)
            let articles = try await queries.articles(ArticleFilter(entity: entity.id), limit: 10_000).items
            let quotes = try await queries.quotes(speaker: entity.id, limit: 10_000).items
            let out = Terminal.standardOutput
            if store.json {
                out.line(
                    JSONOutput.encode(
                        EntityJSON(
                            name: entity.name, kind: entity.kind,
                            aliases: entity.aliases.map { .init(name: $0.name, count: $0.mentions) },
                            merges: entity.merges.map {
                                "\($0.alias) → \($0.target) by \($0.rule): \($0.evidence.joined(separator: "; "))"
                            },
                            capitalOf: entity.capitalOf, articles: articles.map(\.id).sorted(), quotes: quotes)))
                return
            }
            out.line(out.bold(entity.name) + " [\(entity.kind)]")
            if let capital = entity.capitalOf { out.line("  capital of \(capital) (linked, not merged)") }
            out.line("  aliases: " + entity.aliases.map { "\($0.name) (\($0.mentions))" }.joined(separator: ", "))
            for merge in entity.merges {
                out.line(
                    "  merged: \(merge.alias) → \(merge.target) by \(merge.rule): \(merge.evidence.joined(separator: "; "))"
                )
            }
            out.line("  articles: " + articles.map { "[\($0.id)] \($0.title)" }.joined(separator: "; "))
            for quote in quotes {
                out.line(
                    "  quote [\(quote.article)]: \"\(quote.text)\" — \(quote.chain.joined(separator: " \u{2192} "))")
            }
        }
    }
}

struct EntitySplitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split", abstract: "Undo a merge: keep ALIAS apart from the entity NAME from now on.")

    @Argument(help: "The entity, by any of its names.")
    var name: String

    @Option(name: .long, help: "The alias to split off.")
    var alias: String

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let queries = try await store.openQueries()
            let entity = try await queries.requireEntity(named: name)
            let key = AliasName(alias).key
            let moving = entity.aliases.filter { $0.key == key }
            guard !moving.isEmpty, moving.count < entity.aliases.count else {
                throw WartaError(
                    code: "W0703",
                    message: moving.isEmpty
                        ? "\"\(alias)\" is not an alias of \"\(entity.name)\""
                        : "\"\(alias)\" is the only name of \"\(entity.name)\"",
                    hint: "its aliases are: " + entity.aliases.map(\.name).joined(separator: ", "))
            }
            try await store.openStore().saveEntitySplit(entity: entity.name, alias: alias)
            try await queries.refresh(force: true)
            Terminal.standardOutput.line("\"\(alias)\" is now apart from \"\(entity.name)\"")
        }
    }
}

struct EntityJSON: Encodable {
    struct Alias: Encodable {
        var name: String
        var count: Int
    }

    var name: String
    var kind: String
    var aliases: [Alias]
    var merges: [String]
    var capitalOf: String?
    var articles: [Int64]
    var quotes: [QuoteItem]
}

struct QuotesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes", abstract: "Quotes and reported speech with speaker, cue and relay chain.")

    @Option(
        name: .long,
        help:
            "Only quotes of this speaker: an entity's quotes under any of its aliases, else speakers containing the name."
    )
    var speaker: String?

    @Option(name: .long, help: "At most this many quotes, newest first.")
    var limit = 1_000

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if limit <= 0 { throw ValidationError("--limit must be positive, not \(limit)") }
    }

    func run() async throws {
        try await reportingErrors {
            let queries = try await store.openQueries()
            var quotes: [QuoteItem]
            if let speaker, let entity = try await queries.entity(named: speaker) {
                quotes = try await queries.quotes(speaker: entity.id, limit: limit).items
            } else {
                quotes = try await queries.quotes(limit: speaker == nil ? limit : 1_000_000).items
                if let speaker {
                    let wanted = speaker.lowercased()
                    quotes = Array(quotes.filter { ($0.speaker ?? "").lowercased().contains(wanted) }.prefix(limit))
                }
            }
            quotes.sort { ($0.article, $0.position) < ($1.article, $1.position) }
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

    @Option(name: .long, help: "Only articles that name this entity (under any of its aliases).")
    var entity: String?

    @Option(name: .long, help: "Only this storyline's articles.")
    var storyline: Int64?

    @Option(name: .long, help: "At most this many entries.")
    var limit = 1_000

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if limit <= 0 { throw ValidationError("--limit must be positive, not \(limit)") }
    }

    func run() async throws {
        try await reportingErrors {
            let queries = try await store.openQueries()
            let entries: [TimelineItem]
            if let entity {
                if let found = try await queries.entity(named: entity) {
                    entries = try await queries.timeline(storyline: storyline, entity: found.id, limit: limit).items
                } else {
                    // No entity by that name: sentences naming something that contains it.
                    let wanted = entity.lowercased()
                    entries = Array(
                        try await queries.timeline(storyline: storyline, limit: 1_000_000).items.filter {
                            $0.entities.contains { $0.lowercased().contains(wanted) }
                        }.prefix(limit))
                }
            } else {
                entries = try await queries.timeline(storyline: storyline, limit: limit).items
            }
            let out = Terminal.standardOutput
            for entry in entries {
                if store.json {
                    out.line(JSONOutput.encode(entry))
                } else {
                    out.line(
                        "\(entry.approximate ? "≈" : "")\(entry.date)\t[\(entry.article)] \(entry.expression): \(entry.sentence)"
                    )
                }
            }
        }
    }
}
