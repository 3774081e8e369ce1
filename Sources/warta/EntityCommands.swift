import ArgumentParser
import Foundation
import WartaCore
import WartaEntities
import WartaPipeline
import WartaStore
import WartaStoreSQLite

/// The entity catalog of a store: every article's mentions resolved into entities with their aliases, and the
/// user's splits applied.
struct CatalogSnapshot {
    var catalog: EntityCatalog
    var articles: [Article]

    static func load(_ options: StoreOptions) async throws -> CatalogSnapshot {
        let store = try options.openStore()
        let articles = try await store.allArticles()
        let lexicon: AliasLexicon
        do {
            lexicon = try AliasLexicon.bundled()
        } catch {
            throw WartaErrorBridge.languageData("\(error)")
        }
        var catalog = EntityCatalog.build(articles, lexicon: lexicon)
        for split in try await store.entitySplits() {
            if let entity = catalog.entities(named: split.entity).first {
                _ = try? catalog.split(entity.id, alias: split.alias)
            }
        }
        return CatalogSnapshot(catalog: catalog, articles: articles)
    }

    /// The stored articles and every alias of the entity `name` names (through the catalog), or `nil` aliases when
    /// the catalog knows no such entity (the views then match the name as a substring).
    static func aliases(of name: String, in options: StoreOptions) async throws -> ([Article], [String]?) {
        let snapshot = try await load(options)
        return (snapshot.articles, snapshot.catalog.entities(named: name).first.map { $0.aliases.map(\.name) })
    }

    /// The entity that goes by `name`, the most mentioned when several do.
    /// - Throws: `WartaError` W0702 when none does.
    func entity(named name: String) throws -> CatalogEntity {
        guard let entity = catalog.entities(named: name).first else {
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
            let snapshot = try await CatalogSnapshot.load(store)
            let wanted = kind.flatMap { EntityKind(rawValue: $0.uppercased()) }
            let rows = snapshot.catalog.liveEntities.filter { wanted == nil || $0.kind == wanted }
                .sorted {
                    ($1.articleCount, $1.mentionCount, $0.canonicalName) < (
                        $0.articleCount, $0.mentionCount, $1.canonicalName
                    )
                }
                .prefix(limit)
                .map {
                    EntityRow(
                        name: $0.canonicalName, kind: $0.kind.rawValue, articles: $0.articleCount,
                        mentions: $0.mentionCount, aliases: $0.aliases.map(\.name))
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
            let snapshot = try await CatalogSnapshot.load(store)
            let entity = try snapshot.entity(named: name)
            let names = Set(entity.aliases.map { $0.name.lowercased() })
            let articles = snapshot.articles.filter { article in
                article.entities.contains { names.contains($0.span.text(in: article.body).lowercased()) }
            }
            let quotes = entity.aliases.flatMap { Reports.quotes(snapshot.articles, speaker: $0.name) }
            var seen = Set<String>()
            let uniqueQuotes = quotes.filter { seen.insert("\($0.article)\u{1}\($0.text)").inserted }
            let out = Terminal.standardOutput
            if store.json {
                out.line(
                    JSONOutput.encode(
                        EntityJSON(
                            name: entity.canonicalName, kind: entity.kind.rawValue,
                            aliases: entity.aliases.map { .init(name: $0.name, count: $0.count) },
                            merges: entity.merges.map(\.description), capitalOf: entity.capitalOf,
                            articles: articles.map { $0.id?.rawValue ?? 0 }, quotes: uniqueQuotes)))
                return
            }
            out.line(out.bold(entity.canonicalName) + " [\(entity.kind.rawValue)]")
            if let capital = entity.capitalOf { out.line("  capital of \(capital) (linked, not merged)") }
            out.line("  aliases: " + entity.aliases.map { "\($0.name) (\($0.count))" }.joined(separator: ", "))
            for merge in entity.merges { out.line("  merged: \(merge.description)") }
            out.line("  articles: " + articles.map { "[\($0.id?.rawValue ?? 0)] \($0.title)" }.joined(separator: "; "))
            for quote in uniqueQuotes {
                out.line(
                    "  quote [\(quote.article)]: \"\(quote.text)\" via \(quote.relay.joined(separator: " \u{2192} "))")
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
            let snapshot = try await CatalogSnapshot.load(store)
            let entity = try snapshot.entity(named: name)
            var catalog = snapshot.catalog
            do {
                _ = try catalog.split(entity.id, alias: alias)
            } catch {
                throw WartaError(
                    code: "W0703", message: "cannot split \"\(alias)\" off \"\(entity.canonicalName)\": \(error)",
                    hint: "its aliases are: " + entity.aliases.map(\.name).joined(separator: ", "))
            }
            try await store.openStore().saveEntitySplit(entity: entity.canonicalName, alias: alias)
            Terminal.standardOutput.line("\"\(alias)\" is now apart from \"\(entity.canonicalName)\"")
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
    var quotes: [Reports.QuoteView]
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

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let quotes: [Reports.QuoteView]
            if let speaker {
                let (articles, aliases) = try await CatalogSnapshot.aliases(of: speaker, in: store)
                quotes = Reports.quotes(articles, speaker: speaker, aliases: aliases)
            } else {
                quotes = Reports.quotes(try await StoreSnapshot.load(store).articles)
            }
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

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let entries: [Reports.TimelineEntry]
            if let entity {
                let (articles, aliases) = try await CatalogSnapshot.aliases(of: entity, in: store)
                entries = Reports.timeline(articles, entity: entity, aliases: aliases)
            } else {
                entries = Reports.timeline(try await StoreSnapshot.load(store).articles)
            }
            let out = Terminal.standardOutput
            for entry in entries {
                if store.json {
                    out.line(JSONOutput.encode(entry))
                } else {
                    out.line("\(entry.shownDate)\t[\(entry.article)] \(entry.expression): \(entry.sentence)")
                }
            }
        }
    }
}
