import Foundation
import WartaCore
import WartaDates
import WartaEntities
import WartaStore

/// Views over stored articles and links for the CLI (and later the HTTP API): stories, duplicates, entities,
/// quotes and timelines. Pure functions of their inputs.
///
/// - Complexity: linear in the articles given; the CLI passes the whole store, which suits stores of tens of
///   thousands of articles. Larger stores want these as store queries.
public enum Reports {
    /// An event in a storyline.
    public struct EventView: Sendable, Codable, Equatable {
        public var id: Int
        public var title: String
        public var articles: [ArticleRow]
        public var outlets: [String]
        public var firstSeen: String?
        public var lastSeen: String?

        enum CodingKeys: String, CodingKey {
            case id, title, articles, outlets
            case firstSeen = "first_seen"
            case lastSeen = "last_seen"
        }
    }

    /// A storyline with its events.
    public struct StorylineView: Sendable, Codable, Equatable {
        public var id: Int
        public var title: String
        public var events: [EventView]
        public var articleCount: Int
        public var outlets: [String]
        public var firstSeen: String?
        public var lastSeen: String?
        public var topEntities: [EntityCount]

        enum CodingKeys: String, CodingKey {
            case id, title, events, outlets
            case articleCount = "article_count"
            case firstSeen = "first_seen"
            case lastSeen = "last_seen"
            case topEntities = "top_entities"
        }
    }

    /// One article in a list.
    public struct ArticleRow: Sendable, Codable, Equatable {
        public var id: Int64
        public var title: String
        public var outlet: String?
        public var published: String?
        /// For a copy: the article it copies (its origin).
        public var duplicateOf: Int64?
        /// For an origin: its copies, folded under it.
        public var copies: [Int64]

        enum CodingKeys: String, CodingKey {
            case id, title, outlet, published, copies
            case duplicateOf = "duplicate_of"
        }
    }

    /// A duplicate group: the text's origin, the copies the linker found of it, and the outlets that carried it.
    public struct DuplicateGroup: Sendable, Codable, Equatable {
        /// The first article of the group in publication (linking) order.
        public var origin: ArticleRow
        /// The copies in linking order, each with ``ArticleRow/duplicateOf`` set to the origin and its own title
        /// (a re-post often has a new one).
        public var copies: [ArticleRow]
        /// Every outlet that published the text, each once: the origin's first, then in the copies' order.
        public var outlets: [String]
    }

    public struct EntityCount: Sendable, Codable, Equatable {
        public var name: String
        public var kind: String
        public var mentions: Int
        public var articles: Int
    }

    public struct QuoteView: Sendable, Codable, Equatable {
        public var article: Int64
        public var kind: String
        public var text: String
        public var speaker: String?
        public var role: String?
        public var cue: String?
        public var relay: [String]
    }

    public struct TimelineEntry: Sendable, Codable, Equatable {
        public var date: String
        public var granularity: String
        public var article: Int64
        public var expression: String
        public var sentence: String
        public var entities: [String]
        /// "story" when the date was resolved against the story's date (the article states none); absent otherwise.
        public var reference: String?
        /// The expression's place in the article's body (not encoded: views show the text).
        public var span = TextSpan(start: 0, end: 0)

        enum CodingKeys: String, CodingKey {
            case date, granularity, article, expression, sentence, entities, reference
        }

        /// The date as printed: approximate ones (resolved against the story's date) marked with "≈".
        public var shownDate: String { reference == nil ? date : "≈" + date }
    }

    /// The day an article was published (YYYY-MM-DD, UTC), when known.
    public static func day(_ article: Article) -> String? {
        article.published?.date.map(ISODay.string)
    }

    static func row(_ article: Article, link: ArticleLink?, copies: [Int64]) -> ArticleRow {
        ArticleRow(
            id: article.id?.rawValue ?? 0, title: article.title, outlet: article.outlet?.domain,
            published: day(article),
            duplicateOf: link?.duplicateOf?.rawValue, copies: copies)
    }

    /// Storylines with their events, newest activity first; `since` keeps those seen on or after a day.
    public static func storylines(articles: [Article], links: [ArticleLink], since: Date? = nil) -> [StorylineView] {
        let byID = Dictionary(articles.compactMap { a in a.id.map { ($0, a) } }) { a, _ in a }
        var copies: [ArticleID: [Int64]] = [:]
        for link in links {
            if let origin = link.duplicateOf { copies[origin, default: []].append(link.article.rawValue) }
        }
        var lines: [Int: [Int: [ArticleLink]]] = [:]
        // Merged events show as one, under the oldest event of the set and in that event's storyline.
        let merged = mergedEvents(links)
        var storylineOfRoot: [Int: Int] = [:]
        if !merged.isEmpty {
            let roots = Set(merged.values)
            for link in links where roots.contains(link.event) && storylineOfRoot[link.event] == nil {
                storylineOfRoot[link.event] = link.storyline
            }
        }
        for link in links {
            let event = merged[link.event] ?? link.event
            lines[storylineOfRoot[event] ?? link.storyline, default: [:]][event, default: []].append(link)
        }
        var result: [StorylineView] = []
        for (lineID, events) in lines {
            var eventViews: [EventView] = []
            var lineArticles: [Article] = []
            for (eventID, eventLinks) in events.sorted(by: { $0.key < $1.key }) {
                let members = eventLinks.compactMap { byID[$0.article] }
                lineArticles += members
                let origins = eventLinks.filter { $0.duplicateOf == nil }.compactMap { link in
                    byID[link.article].map { row($0, link: link, copies: copies[link.article] ?? []) }
                }.sorted {
                    ($0.published ?? "~", $0.outlet ?? "", $0.id) < ($1.published ?? "~", $1.outlet ?? "", $1.id)
                }
                let days = members.compactMap(day).sorted()
                eventViews.append(
                    EventView(
                        id: eventID + 1, title: members.first?.title ?? "", articles: origins,
                        outlets: Array(Set(members.compactMap { $0.outlet?.domain })).sorted(),
                        firstSeen: days.first, lastSeen: days.last))
            }
            let days = lineArticles.compactMap(day).sorted()
            if let since, let last = days.last, let sinceDay = day(of: since), last < sinceDay { continue }
            result.append(
                StorylineView(
                    id: lineID + 1, title: eventViews.first?.title ?? "", events: eventViews,
                    articleCount: lineArticles.count,
                    outlets: Array(Set(lineArticles.compactMap { $0.outlet?.domain })).sorted(),
                    firstSeen: days.first, lastSeen: days.last, topEntities: Array(entities(lineArticles).prefix(10))))
        }
        return result.sorted { ($0.lastSeen ?? "", $0.id) > ($1.lastSeen ?? "", $1.id) }
    }

    /// The events the links' merges joined (``ArticleLink/mergedEvents``): each event of a merged set mapped to the
    /// lowest (oldest) number in it; events never merged are left out.
    public static func mergedEvents(_ links: [ArticleLink]) -> [Int: Int] {
        var parent: [Int: Int] = [:]
        func find(_ event: Int) -> Int {
            var root = event
            while let next = parent[root], next != root { root = next }
            var current = event
            while let next = parent[current], next != root {
                parent[current] = root
                current = next
            }
            return root
        }
        for link in links {
            for other in link.mergedEvents {
                let a = find(link.event)
                let b = find(other)
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        return Dictionary(uniqueKeysWithValues: parent.keys.map { ($0, find($0)) })
    }

    static func day(of date: Date) -> String? {
        ISODay.string(date)
    }

    /// Duplicate groups, by origin id: each origin with its copies (in linking order) and the outlets that
    /// carried the text.
    public static func duplicates(articles: [Article], links: [ArticleLink]) -> [DuplicateGroup] {
        let byID = Dictionary(articles.compactMap { a in a.id.map { ($0, a) } }) { a, _ in a }
        var copies: [ArticleID: [ArticleLink]] = [:]
        for link in links.sorted(by: { $0.position < $1.position }) {
            if let origin = link.duplicateOf { copies[origin, default: []].append(link) }
        }
        return copies.keys.sorted().compactMap { origin in
            guard let article = byID[origin] else { return nil }
            let links = copies[origin] ?? []
            let rows = links.compactMap { link in byID[link.article].map { row($0, link: link, copies: []) } }
            var outlets: [String] = []
            for outlet in [article.outlet?.domain] + rows.map(\.outlet) {
                if let outlet, !outlets.contains(outlet) { outlets.append(outlet) }
            }
            return DuplicateGroup(
                origin: row(article, link: nil, copies: links.map(\.article.rawValue)), copies: rows, outlets: outlets)
        }
    }

    /// Warta's bundled alias lexicon, loaded once for the views that group mentions into entities; `nil` when the
    /// language data cannot be read (the views then group by spelling).
    public static let aliasLexicon: AliasLexicon? = try? AliasLexicon.bundled()

    /// Entities by how many articles mention them: mentions grouped into catalog entities (aliases merged, one kind
    /// per name, `EntityCatalog.build`), or by spelling when there is no lexicon.
    public static func entities(
        _ articles: [Article], kind: EntityKind? = nil, lexicon: AliasLexicon? = Reports.aliasLexicon
    ) -> [EntityCount] {
        if let lexicon {
            return EntityCatalog.build(articles, lexicon: lexicon).liveEntities
                .filter { kind == nil || $0.kind == kind }
                .map {
                    EntityCount(
                        name: $0.canonicalName, kind: $0.kind.rawValue, mentions: $0.mentionCount,
                        articles: $0.articleCount)
                }
                .sorted { ($1.articles, $1.mentions, $0.name) < ($0.articles, $0.mentions, $1.name) }
        }
        var counts: [String: (name: String, kind: String, mentions: Int, articles: Set<Int64>)] = [:]
        for article in articles {
            for mention in article.entities where kind == nil || mention.kind == kind {
                let name = mention.span.text(in: article.body)
                let key = mention.kind.rawValue + "\u{1}" + name.lowercased()
                var entry = counts[key] ?? (name, mention.kind.rawValue, 0, [])
                entry.mentions += 1
                entry.articles.insert(article.id?.rawValue ?? 0)
                counts[key] = entry
            }
        }
        return counts.values.map {
            EntityCount(name: $0.name, kind: $0.kind, mentions: $0.mentions, articles: $0.articles.count)
        }
        .sorted { ($1.articles, $1.mentions, $0.name) < ($0.articles, $0.mentions, $1.name) }
    }

    /// Quotes, optionally only those of `speaker`: a speaker written as one of `aliases` (the catalog entity's
    /// names, case and separators folded) when given, else one whose name contains `speaker` (case-insensitive).
    public static func quotes(_ articles: [Article], speaker: String? = nil, aliases: [String]? = nil) -> [QuoteView] {
        var result: [QuoteView] = []
        let aliasKeys = aliases.map { Set($0.map { AliasName($0).key }) }
        for article in articles {
            for quote in article.quotes {
                let who = quote.speaker.map { $0.text(in: article.body) }
                if let aliasKeys {
                    guard let who, aliasKeys.contains(AliasName(who).key) else { continue }
                } else if let speaker, !(who ?? "").lowercased().contains(speaker.lowercased()) {
                    continue
                }
                result.append(
                    QuoteView(
                        article: article.id?.rawValue ?? 0, kind: quote.kind.rawValue,
                        text: quote.span.text(in: article.body),
                        speaker: who, role: quote.role.map { $0.text(in: article.body) },
                        cue: quote.cue.map { $0.text(in: article.body) }, relay: quote.relay))
            }
        }
        return result
    }

    /// Dated sentences, oldest first; with `entity`, only sentences of articles that mention it.
    ///
    /// With `entity`, only articles that name it: by any of `aliases` (the catalog entity's names, compared with case
    /// and separators folded) when given, else by a mention containing `entity`.
    public static func timeline(_ articles: [Article], entity: String? = nil, aliases: [String]? = nil)
        -> [TimelineEntry]
    {
        var entries: [TimelineEntry] = []
        let aliasKeys = aliases.map { Set($0.map { AliasName($0).key }) }
        for article in articles {
            if let aliasKeys {
                guard
                    article.entities.contains(where: {
                        aliasKeys.contains(AliasName($0.span.text(in: article.body)).key)
                    })
                else { continue }
            } else if let entity,
                !article.entities.contains(where: {
                    $0.span.text(in: article.body).lowercased().contains(entity.lowercased())
                })
            {
                continue
            }
            for date in article.dates {
                guard
                    let sentence = article.sentences.first(where: {
                        $0.span.start <= date.span.start && date.span.end <= $0.span.end
                    })
                else { continue }
                var seen: Set<String> = []
                let names = article.entities.filter {
                    $0.span.start >= sentence.span.start && $0.span.end <= sentence.span.end
                }.map { $0.span.text(in: article.body) }.filter { seen.insert($0).inserted }
                entries.append(
                    TimelineEntry(
                        date: date.iso, granularity: date.granularity.rawValue, article: article.id?.rawValue ?? 0,
                        expression: date.span.text(in: article.body), sentence: sentence.span.text(in: article.body),
                        entities: names, reference: date.reference?.rawValue, span: date.span))
            }
        }
        return entries.sorted { ($0.date, $0.article) < ($1.date, $1.article) }
    }
}

extension Reports {
    /// `articles` in the order the linker decided them (publication order: the same in every store, however many
    /// processes stored them), unlinked ones last in the order given. The entity catalog depends on the order it
    /// meets names in; article ids depend on which process stored an article first.
    public static func inLinkOrder(_ articles: [Article], links: [ArticleLink]) -> [Article] {
        let position = Dictionary(links.map { ($0.article, $0.position) }) { a, _ in a }
        return articles.enumerated().sorted { a, b in
            let x = a.element.id.flatMap { position[$0] } ?? Int.max
            let y = b.element.id.flatMap { position[$0] } ?? Int.max
            return (x, a.offset) < (y, b.offset)
        }.map(\.element)
    }
}

extension EntityCatalog {
    /// The catalog of `articles`, in the order given: one name, one kind across them (``NameKinds``), then each
    /// article's mentions resolved into clusters (``AliasResolver``) and added, seen on its published day.
    public static func build(_ articles: [Article], lexicon: AliasLexicon) -> EntityCatalog {
        var kinds = NameKinds(lexicon: lexicon)
        for article in articles { kinds.count(article.entities, body: article.body) }
        let resolver = AliasResolver(lexicon: lexicon)
        var catalog = EntityCatalog(lexicon: lexicon)
        for article in articles where !article.entities.isEmpty {
            let mentions = kinds.harmonised(article.entities, body: article.body)
            let resolution = resolver.resolve(body: article.body, mentions: mentions)
            _ = catalog.add(resolution, seen: article.published?.date ?? Date(timeIntervalSince1970: 0))
        }
        return catalog
    }
}
