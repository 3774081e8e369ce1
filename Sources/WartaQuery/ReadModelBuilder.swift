import Foundation
import WartaCore
import WartaEntities
import WartaPipeline
import WartaStore

/// Builds a store's ``ReadModel`` from its articles and links: the one rebuild path, a pure function of its inputs.
///
/// Storylines and events follow ``Reports/storylines(articles:links:since:)`` (merged events shown as their oldest,
/// in its storyline); entities follow ``EntityCatalog/build(_:lexicon:)`` with the user's splits applied, and every
/// mention is counted for the entity its cluster joined.
public enum ReadModelBuilder {
    /// Bump when what is built changes: every store's read model is rebuilt on its next read.
    public static let version = 2

    /// The read model of `articles` (in id order) and their `links`, with `splits` (entity name, alias) applied.
    public static func build(
        articles: [Article], links: [ArticleLink], splits: [(entity: String, alias: String)], lexicon: AliasLexicon
    ) -> ReadModel {
        let entityPart = entities(Reports.inLinkOrder(articles, links: links), splits: splits, lexicon: lexicon)
        var model = stories(articles: articles, links: links)
        model.entities = entityPart.records
        model.entityArticles = entityPart.articles
        let storylineOf = Dictionary(model.placements.map { ($0.article, $0.storyline) }) { a, _ in a }
        let speakerEntity = entityPart.speakerKeys
        for article in articles {
            guard let id = article.id?.rawValue else { continue }
            let day = Reports.day(article)
            for (position, quote) in article.quotes.enumerated() {
                let speaker = quote.speaker.map { $0.text(in: article.body) }
                model.quotes.append(
                    QuoteRecord(
                        article: id, position: position, kind: quote.kind.rawValue,
                        text: quote.span.text(in: article.body), speaker: speaker,
                        speakerEntity: speaker.flatMap { speakerEntity[AliasName($0).key] },
                        role: quote.role.map { $0.text(in: article.body) },
                        cue: quote.cue.map { $0.text(in: article.body) }, relay: quote.relay,
                        outlet: article.outlet?.domain, day: day, storyline: storylineOf[id],
                        start: quote.span.start, end: quote.span.end))
            }
            for (position, entry) in Reports.timeline([article]).enumerated() {
                model.dates.append(
                    DateRecord(
                        article: id, position: position, iso: entry.date, granularity: entry.granularity,
                        reference: entry.reference, expression: entry.expression, sentence: entry.sentence,
                        entities: entry.entities, storyline: storylineOf[id], start: entry.span.start,
                        end: entry.span.end))
            }
        }
        // Storylines' top entities: the entities named by the most of their articles.
        var perStoryline: [Int64: [Int64: Int]] = [:]
        for row in model.entityArticles {
            if let line = storylineOf[row.article] { perStoryline[line, default: [:]][row.entity, default: 0] += 1 }
        }
        for index in model.storylines.indices {
            let counts = perStoryline[model.storylines[index].id] ?? [:]
            model.storylines[index].topEntities = top(counts, 10)
        }
        model.neighbours = neighbours(model.entityArticles, perStoryline: perStoryline)
        return model
    }

    /// The `count` largest counts, ties by the smaller id.
    static func top(_ counts: [Int64: Int], _ count: Int) -> [EntityShare] {
        counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(count)
            .map { EntityShare(entity: $0.key, articles: $0.value) }
    }

    /// Entities of one article that count towards co-occurrence: its most mentioned ones. A news article names a few
    /// dozen; a hostile or broken one (a whole feed pasted as one text) can name thousands, and every pair of them
    /// would cost time and memory quadratic in the article's size.
    static let coOccurrencePerArticle = 64

    /// Each entity's 15 most co-occurring entities and 20 storylines naming it most.
    /// - Complexity: O(Σ min(e, 64)²) over articles with e entities each.
    static func neighbours(_ rows: [EntityArticleRecord], perStoryline: [Int64: [Int64: Int]]) -> [EntityNeighbours] {
        var byArticle: [Int64: [EntityArticleRecord]] = [:]
        for row in rows { byArticle[row.article, default: []].append(row) }
        var co: [Int64: [Int64: Int]] = [:]
        for records in byArticle.values {
            let entities =
                records.count <= coOccurrencePerArticle
                ? records.map(\.entity)
                : records.sorted { ($0.mentions, $1.entity) > ($1.mentions, $0.entity) }
                    .prefix(coOccurrencePerArticle).map(\.entity)
            for a in entities {
                for b in entities where b != a { co[a, default: [:]][b, default: 0] += 1 }
            }
        }
        var lines: [Int64: [Int64: Int]] = [:]
        for (line, counts) in perStoryline {
            for (entity, count) in counts { lines[entity, default: [:]][line] = count }
        }
        return Set(co.keys).union(lines.keys).sorted().map { entity in
            EntityNeighbours(
                entity: entity, coOccurring: top(co[entity] ?? [:], 15), storylines: top(lines[entity] ?? [:], 20))
        }
    }

    // MARK: - Storylines and events

    static func stories(articles: [Article], links: [ArticleLink]) -> ReadModel {
        let byID = Dictionary(articles.compactMap { a in a.id.map { ($0, a) } }) { a, _ in a }
        let merged = Reports.mergedEvents(links)
        var storylineOfRoot: [Int: Int] = [:]
        let roots = Set(merged.values)
        for link in links where roots.contains(link.event) && storylineOfRoot[link.event] == nil {
            storylineOfRoot[link.event] = link.storyline
        }
        var model = ReadModel()
        var eventMembers: [Int: [Article]] = [:]
        var eventLine: [Int: Int] = [:]
        var lineEvents: [Int: Set<Int>] = [:]
        for link in links {
            let event = merged[link.event] ?? link.event
            let line = storylineOfRoot[event] ?? link.storyline
            eventLine[event] = eventLine[event] ?? line
            lineEvents[line, default: []].insert(event)
            model.placements.append(
                ArticlePlacement(
                    article: link.article.rawValue, event: Int64(event + 1), storyline: Int64(line + 1),
                    duplicateOf: link.duplicateOf?.rawValue))
            if let article = byID[link.article] { eventMembers[event, default: []].append(article) }
        }
        for (event, members) in eventMembers.sorted(by: { $0.key < $1.key }) {
            let days = members.compactMap(Reports.day).sorted()
            model.events.append(
                EventRecord(
                    id: Int64(event + 1), storyline: Int64((eventLine[event] ?? 0) + 1),
                    title: members.first?.title ?? "",
                    firstDay: days.first, lastDay: days.last, articleCount: members.count,
                    outlets: Array(Set(members.compactMap { $0.outlet?.domain })).sorted()))
        }
        for (line, events) in lineEvents.sorted(by: { $0.key < $1.key }) {
            let ordered = events.sorted()
            let members = ordered.flatMap { eventMembers[$0] ?? [] }
            var perDay: [String: Int] = [:]
            for day in members.compactMap(Reports.day) { perDay[day, default: 0] += 1 }
            let days = perDay.keys.sorted()
            model.storylines.append(
                StorylineRecord(
                    id: Int64(line + 1), title: ordered.first.flatMap { eventMembers[$0]?.first?.title } ?? "",
                    firstDay: days.first, lastDay: days.last, articleCount: members.count, eventCount: ordered.count,
                    outlets: Array(Set(members.compactMap { $0.outlet?.domain })).sorted(),
                    perDay: days.map { DayCount(day: $0, count: perDay[$0] ?? 0) }, topEntities: []))
        }
        return model
    }

    // MARK: - Entities

    struct EntityPart {
        var records: [EntityRecord]
        var articles: [EntityArticleRecord]
        /// Folded alias key → entity id, the most named entity for a key several share.
        var speakerKeys: [String: Int64]
    }

    static func entities(_ articles: [Article], splits: [(entity: String, alias: String)], lexicon: AliasLexicon)
        -> EntityPart
    {
        var kinds = NameKinds(lexicon: lexicon)
        for article in articles { kinds.count(article.entities, body: article.body) }
        let resolver = AliasResolver(lexicon: lexicon)
        var catalog = EntityCatalog(lexicon: lexicon)
        // Which catalog entity (as first joined) each article's mentions went to, with the mentions' folded names.
        var joined: [(article: Int64, day: String?, entity: CatalogEntity.ID, keys: [String])] = []
        for article in articles where !article.entities.isEmpty {
            guard let id = article.id?.rawValue else { continue }
            let mentions = kinds.harmonised(article.entities, body: article.body)
            let resolution = resolver.resolve(body: article.body, mentions: mentions)
            let ids = catalog.add(resolution, seen: article.published?.date ?? Date(timeIntervalSince1970: 0))
            let day = Reports.day(article)
            for (cluster, entity) in zip(resolution.clusters, ids) where entity.rawValue >= 0 {
                let keys = cluster.mentions.map { AliasName($0.name.text(in: article.body)).key }
                joined.append((id, day, entity, keys))
            }
        }
        for split in splits {
            if let entity = catalog.entities(named: split.entity).first {
                _ = try? catalog.split(entity.id, alias: split.alias)
            }
        }
        // Stable ids: a hash of kind and canonical name, probed past collisions in catalog order.
        var idOf: [CatalogEntity.ID: Int64] = [:]
        var taken: Set<Int64> = []
        for entity in catalog.liveEntities {
            var id = stableID(kind: entity.kind.rawValue, name: AliasName(entity.canonicalName).key)
            while taken.contains(id) { id = id % 9_007_199_254_740_991 + 1 }
            taken.insert(id)
            idOf[entity.id] = id
        }
        // A mention belongs to the live entity that now holds its alias key (a split moves keys to a new entity).
        var holder: [String: CatalogEntity.ID] = [:]
        for entity in catalog.liveEntities {
            for alias in entity.aliases {
                holder[entity.kind.rawValue + "\t" + AliasName(alias.name).key] = entity.id
            }
        }
        var mentions: [Int64: [Int64: Int]] = [:]
        var days: [Int64: [Int64: String]] = [:]
        for row in joined {
            guard let first = catalog.entity(row.entity) else { continue }
            for key in row.keys {
                let live = holder[first.kind.rawValue + "\t" + key] ?? first.id
                guard let id = idOf[live] else { continue }
                mentions[id, default: [:]][row.article, default: 0] += 1
                if let day = row.day { days[id, default: [:]][row.article] = day }
            }
        }
        var part = EntityPart(records: [], articles: [], speakerKeys: [:])
        var bestForKey: [String: (Int64, Int)] = [:]
        for entity in catalog.liveEntities {
            guard let id = idOf[entity.id] else { continue }
            let byArticle = mentions[id] ?? [:]
            var perDay: [String: Int] = [:]
            for day in (days[id] ?? [:]).values { perDay[day, default: 0] += 1 }
            part.records.append(
                EntityRecord(
                    id: id, name: entity.canonicalName, nameKey: AliasName(entity.canonicalName).key,
                    kind: entity.kind.rawValue,
                    articleCount: byArticle.isEmpty ? entity.articleCount : byArticle.count,
                    mentionCount: entity.mentionCount,
                    aliases: entity.aliases.map {
                        EntityRecord.Alias(name: $0.name, key: AliasName($0.name).key, mentions: $0.count)
                    },
                    merges: entity.merges.map {
                        EntityRecord.Merge(
                            alias: $0.alias, target: $0.target, rule: $0.rule.rawValue, evidence: $0.evidence)
                    },
                    capitalOf: entity.capitalOf,
                    perDay: perDay.keys.sorted().map { DayCount(day: $0, count: perDay[$0] ?? 0) }))
            for (article, count) in byArticle.sorted(by: { $0.key < $1.key }) {
                part.articles.append(EntityArticleRecord(entity: id, article: article, mentions: count))
            }
            for alias in entity.aliases {
                let key = AliasName(alias.name).key
                if let best = bestForKey[key], best.1 >= entity.mentionCount { continue }
                bestForKey[key] = (id, entity.mentionCount)
            }
        }
        part.speakerKeys = bestForKey.mapValues(\.0)
        return part
    }

    /// A positive id below 2^53 (exact in JSON numbers) from FNV-1a over kind and folded name.
    static func stableID(kind: String, name: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (kind + "\t" + name).utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return Int64(hash & 0x001f_ffff_ffff_ffff) | 1
    }
}
