import Foundation
import WartaCore

/// One entity across articles: its canonical name, every alias with counts and dates, and why each alias joined.
public struct CatalogEntity: Hashable, Sendable, Codable, Identifiable {
    /// A catalog entity's id: its position in the catalog, stable for the catalog's life.
    public struct ID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
        public var rawValue: Int

        public init(_ rawValue: Int) { self.rawValue = rawValue }

        public static func < (a: ID, b: ID) -> Bool { a.rawValue < b.rawValue }
        public var description: String { "e\(rawValue)" }
    }

    /// One spelling of the entity's name and where it has been seen.
    public struct Alias: Hashable, Sendable, Codable {
        /// The name as written ("Bagheri-Kani").
        public var name: String
        /// The number of mentions with this spelling.
        public var count: Int
        /// The number of articles that wrote it.
        public var articles: Int
        /// The date of the first article that wrote it.
        public var firstSeen: Date
        /// The date of the last article that wrote it.
        public var lastSeen: Date
    }

    public var id: ID
    public var kind: EntityKind
    /// The name shown ("Ali Bagheri Kani"), chosen as ``AliasResolver`` chooses it, over all aliases.
    public var canonicalName: String
    /// The aliases, in the order they were first seen.
    public var aliases: [Alias]
    /// The number of mentions over all articles.
    public var mentionCount: Int
    /// The number of articles that mention the entity.
    public var articleCount: Int
    public var firstSeen: Date
    public var lastSeen: Date
    /// The ISO 3166 code when the entity is a country.
    public var countryCode: String?
    /// The ISO 3166 code of the country whose capital this place is: a link, never a merge ("Teheran" → IR).
    public var capitalOf: String?
    /// Every merge that made the entity, in order, with its rule and evidence.
    public var merges: [AliasMerge]
    /// The token spellings merges took as one.
    public var slips: [TokenSlip]
    /// Set when the whole entity later joined another one; it then holds no aliases.
    public var mergedInto: ID?
}

/// A user's undoing of a merge (`warta entity split`), remembered so that the alias is not merged back.
public struct EntitySplit: Hashable, Sendable, Codable {
    /// The alias split off, as written.
    public var alias: String
    /// The entity it left.
    public var from: CatalogEntity.ID
    /// The entity it now belongs to.
    public var to: CatalogEntity.ID

    public init(alias: String, from: CatalogEntity.ID, to: CatalogEntity.ID) {
        self.alias = alias
        self.from = from
        self.to = to
    }
}

/// Canonical entities across articles, built one article at a time: aliases with counts, first and last seen,
/// countries under all their names, capitals linked to their country, and merges a user can undo.
///
/// A value with explicit state (no singletons): the linker owns one and hands it the clusters of each article in
/// publication order, with the article's date. An article's cluster joins an existing entity of the same kind by,
/// in this order:
/// 1. **countryName**: a country cluster joins the entity of its ISO code.
/// 2. **capitalName**: a capital joins the entity of the same country's capital, never the country itself.
/// 3. **knownAlias**: a name the entity already has (case and separators folded); the entity with most such names.
/// 4. **Name rules** (``NameMatcher``) between the cluster's names and the entity's aliases, when exactly one
///    entity matches; a name matching several entities joins none and starts an entity of its own.
/// Then any other entity whose names all fit inside the joined entity's names (and no third entity's) joins too, so
/// the result does not depend on whether "Ali Bagheri" or "Ali Bagheri Kank" came first.
///
/// A split alias is never merged back into the entity it was split from, by any rule.
public struct EntityCatalog: Sendable {
    /// Why ``split(_:alias:)`` refused.
    public enum SplitError: Error, Hashable, Sendable, CustomStringConvertible {
        /// No entity has this id.
        case unknownEntity(CatalogEntity.ID)
        /// The entity has no such alias; the known ones are listed.
        case unknownAlias(String, known: [String])
        /// The alias is the entity's only name, so there is nothing to split it from.
        case onlyAlias(String)

        public var description: String {
            switch self {
            case .unknownEntity(let id): return "unknown entity \(id)"
            case .unknownAlias(let alias, let known):
                return "entity has no alias \"\(alias)\". Known aliases: \(known.joined(separator: ", "))."
            case .onlyAlias(let alias): return "\"\(alias)\" is the entity's only name; there is nothing to split"
            }
        }
    }

    /// Settings with documented defaults.
    public struct Configuration: Sendable {
        /// The name rules' thresholds.
        public var matcher = NameMatcher.Configuration()
        /// The most name comparisons for one cluster; candidates come from a token index, so this bounds only
        /// pathological names whose tokens are in thousands of entities.
        public var maximumComparisons = 20_000

        public init() {}
    }

    /// Every entity ever created, indexed by id; entities that joined another have `mergedInto` set.
    public private(set) var entities: [CatalogEntity] = []
    /// Every split, in order.
    public private(set) var splits: [EntitySplit] = []
    /// The word lists.
    public let lexicon: AliasLexicon
    /// The configuration.
    public let configuration: Configuration
    private let matcher: NameMatcher
    /// Kind → key → entities with an alias of that key.
    private var byKey: [EntityKind: [String: Set<CatalogEntity.ID>]] = [:]
    /// Parsed names by text: parsing one (tokens, folding) is the catalog's most repeated work.
    private let nameCache = AliasNameCache()
    /// Kind → token → entities with an alias holding that token.
    private var byToken: [EntityKind: [String: Set<CatalogEntity.ID>]] = [:]
    /// ISO code → the country's entity, and → the capital's entity.
    private var countryEntity: [String: CatalogEntity.ID] = [:]
    private var capitalEntity: [String: CatalogEntity.ID] = [:]
    /// Entity id → its aliases' parsed names, in the order of its `aliases`: the inner loops compare names without
    /// looking each one up again.
    private var aliasNames: [[AliasName]] = []
    /// "entity\tkey" pairs that a split forbids.
    private var blocked: Set<String> = []
    /// The number of articles added so far; each article's serial number.
    private var articleSerial = 0
    /// Entity → the serial numbers of the articles that mention it, so that two clusters of one article count once.
    private var articlesOf: [CatalogEntity.ID: Set<Int>] = [:]

    public init(lexicon: AliasLexicon, configuration: Configuration = Configuration()) {
        self.lexicon = lexicon
        self.configuration = configuration
        self.matcher = NameMatcher(lexicon: lexicon, configuration: configuration.matcher)
    }

    /// The entities that are still their own (not merged into another).
    public var liveEntities: [CatalogEntity] { entities.filter { $0.mergedInto == nil } }

    /// The entity with id `id`, following merges to the entity it now belongs to.
    public func entity(_ id: CatalogEntity.ID) -> CatalogEntity? {
        var current = id
        var steps = 0
        while current.rawValue >= 0, current.rawValue < entities.count, steps <= entities.count {
            let entity = entities[current.rawValue]
            guard let next = entity.mergedInto else { return entity }
            current = next
            steps += 1
        }
        return nil
    }

    /// The live entities with an alias written like `name` (case and separators folded), most mentioned first; when
    /// none has, those whose canonical name it is ("Ali Bagheri Kani", the spelling the merges settled on, may be no
    /// alias as written).
    public func entities(named name: String) -> [CatalogEntity] {
        let key = nameCache.name(name).key
        var found = EntityKind.allCases.flatMap { kind in
            (byKey[kind]?[key] ?? []).compactMap(entity)
        }
        if found.isEmpty {
            found = liveEntities.filter { nameCache.name($0.canonicalName).key == key }
        }
        return found.sorted { ($0.mentionCount, $1.id) > ($1.mentionCount, $0.id) }
    }

    /// Adds every cluster of one article seen on `date`; returns the entity of each cluster, in order.
    public mutating func add(_ resolution: AliasResolution, seen date: Date) -> [CatalogEntity.ID] {
        articleSerial += 1
        var ids: [CatalogEntity.ID] = []
        for cluster in resolution.clusters { ids.append(add(cluster, seen: date, article: articleSerial)) }
        return ids
    }

    /// Adds one article's cluster seen on `date`; returns the entity it joined or started.
    ///
    /// - Complexity: O(a·k) for `a` aliases of the cluster and `k` candidate entities from the token index, at most
    ///   `Configuration.maximumComparisons` name comparisons.
    @discardableResult
    public mutating func add(_ cluster: EntityCluster, seen date: Date) -> CatalogEntity.ID {
        articleSerial += 1
        return add(cluster, seen: date, article: articleSerial)
    }

    private mutating func add(_ cluster: EntityCluster, seen date: Date, article: Int) -> CatalogEntity.ID {
        var pending = cluster.forms
        var excluded: Set<CatalogEntity.ID> = []
        var primary: CatalogEntity.ID?
        var working = cluster
        while !pending.isEmpty {
            let target = choose(pending.map { nameCache.name($0.text) }, cluster: working, excluding: excluded)
            guard let target else {
                let id = create(
                    kind: cluster.kind, date: date, country: working.countryCode, capital: working.capitalOf)
                absorb(pending, cluster: working, into: id, merge: nil, date: date, article: article)
                primary = primary ?? id
                break
            }
            let allowed = pending.filter { !isBlocked(target.id, nameCache.name($0.text).key) }
            excluded.insert(target.id)
            guard !allowed.isEmpty else {
                // A name split off a country (or capital) is no longer that country's: look for it as a plain name.
                working.countryCode = nil
                working.capitalOf = nil
                continue
            }
            let known = entities[target.id.rawValue].aliases.count
            absorb(allowed, cluster: working, into: target.id, merge: target.merge, date: date, article: article)
            // Only a new name can let another entity fit inside this one; a known name seen again changes counts.
            if entities[target.id.rawValue].aliases.count > known { relink(target.id) }
            primary = primary ?? target.id
            let taken = Set(allowed.map(\.text))
            pending.removeAll { taken.contains($0.text) }
        }
        return primary ?? CatalogEntity.ID(-1)
    }

    /// Splits `alias` (every spelling with its key) off entity `id` into an entity of its own, and remembers it.
    ///
    /// - Returns: the new entity's id.
    /// - Throws: ``SplitError`` when the entity or alias is unknown, or the alias is the entity's only name.
    public mutating func split(_ id: CatalogEntity.ID, alias: String) throws(SplitError) -> CatalogEntity.ID {
        guard let entity = entity(id) else { throw .unknownEntity(id) }
        let key = nameCache.name(alias).key
        let moving = entity.aliases.filter { nameCache.name($0.name).key == key }
        guard !moving.isEmpty else { throw .unknownAlias(alias, known: entity.aliases.map(\.name)) }
        guard moving.count < entity.aliases.count else { throw .onlyAlias(alias) }
        let from = entity.id
        var source = entity
        source.aliases.removeAll { nameCache.name($0.name).key == key }
        source.mentionCount -= moving.reduce(0) { $0 + $1.count }
        source.merges.removeAll { nameCache.name($0.alias).key == key }
        let remainingTokens = Set(source.aliases.flatMap { nameCache.name($0.name).tokens })
        source.slips.removeAll { !remainingTokens.contains($0.kept) || !remainingTokens.contains($0.other) }
        if source.countryCode != nil
            && source.aliases.allSatisfy({ lexicon.country(for: nameCache.name($0.name)) == nil })
        {
            source.countryCode = nil
        }
        entities[from.rawValue] = source
        aliasNames[from.rawValue] = source.aliases.map { nameCache.name($0.name) }
        recomputeCanonical(from)
        unindex(key: key, kind: source.kind, id: from)
        let newID = create(
            kind: source.kind, date: moving.map(\.firstSeen).min() ?? source.firstSeen, country: nil, capital: nil)
        var split = entities[newID.rawValue]
        split.aliases = moving
        split.mentionCount = moving.reduce(0) { $0 + $1.count }
        split.articleCount = moving.map(\.articles).max() ?? 0
        split.firstSeen = moving.map(\.firstSeen).min() ?? split.firstSeen
        split.lastSeen = moving.map(\.lastSeen).max() ?? split.lastSeen
        entities[newID.rawValue] = split
        aliasNames[newID.rawValue] = split.aliases.map { nameCache.name($0.name) }
        index(newID, names: aliasNames[newID.rawValue])
        recomputeCanonical(newID)
        blocked.insert(Self.blockKey(from, key))
        splits.append(EntitySplit(alias: alias, from: from, to: newID))
        return newID
    }

    // MARK: - Choosing where a cluster goes

    private struct Target {
        var id: CatalogEntity.ID
        var merge: AliasMerge?
    }

    /// Steps 1–4 of the type's documentation.
    private func choose(_ names: [AliasName], cluster: EntityCluster, excluding: Set<CatalogEntity.ID>) -> Target? {
        // 1. countryName; a country joins only the entity of its code.
        if let code = cluster.countryCode {
            guard let id = countryEntity[code], !excluding.contains(id), let name = names.first else { return nil }
            let merge = AliasMerge(
                rule: .countryName, alias: name.text, target: entities[id.rawValue].canonicalName,
                evidence: [AliasEvidence.country(name, code)])
            return Target(id: id, merge: merge)
        }
        // 2. capitalName; a capital joins only the entity of the same country's capital.
        if let code = cluster.capitalOf {
            guard let id = capitalEntity[code], !excluding.contains(id), let name = names.first else { return nil }
            let merge = AliasMerge(
                rule: .capitalName, alias: name.text, target: entities[id.rawValue].canonicalName,
                evidence: [AliasEvidence.capital(name, code)])
            return Target(id: id, merge: merge)
        }
        // Other names never join a country or a capital.
        let plain: (CatalogEntity.ID) -> Bool = { id in
            entities[id.rawValue].mergedInto == nil && !excluding.contains(id)
                && entities[id.rawValue].countryCode == nil && entities[id.rawValue].capitalOf == nil
        }
        // 3. knownAlias
        var hits: [CatalogEntity.ID: Int] = [:]
        var hitName: [CatalogEntity.ID: AliasName] = [:]
        for name in names {
            for id in byKey[cluster.kind]?[name.key] ?? [] where plain(id) {
                guard !isBlocked(id, name.key) else { continue }
                hits[id, default: 0] += 1
                if hitName[id] == nil { hitName[id] = name }
            }
        }
        if let best = hits.keys.max(by: { a, b in
            (hits[a] ?? 0, entities[a.rawValue].mentionCount, b.rawValue)
                < (hits[b] ?? 0, entities[b.rawValue].mentionCount, a.rawValue)
        }), let name = hitName[best] {
            let canonical = entities[best.rawValue].canonicalName
            let merge = AliasMerge(
                rule: .knownAlias, alias: name.text, target: canonical,
                evidence: [AliasEvidence.knownAlias(name.text, canonical)])
            return Target(id: best, merge: merge)
        }
        // 4. Name rules, when exactly one entity matches.
        var found: [CatalogEntity.ID: AliasMerge] = [:]
        var budget = configuration.maximumComparisons
        var candidates: Set<CatalogEntity.ID> = []
        for name in names {
            for token in name.folded { candidates.formUnion(byToken[cluster.kind]?[token] ?? []) }
        }
        for id in candidates.sorted() where plain(id) && budget > 0 {
            search: for name in names where !isBlocked(id, name.key) {
                for alias in aliasNames[id.rawValue] {
                    budget -= 1
                    if let match = matcher.match(name, alias, kind: cluster.kind) {
                        found[id] = AliasMerge(
                            rule: match.rule, alias: name.text, target: alias.text, evidence: match.evidence)
                        break search
                    }
                }
            }
        }
        guard found.count == 1, let (id, merge) = found.first else { return nil }
        var evidenced = merge
        if candidates.count > 1 { evidenced.evidence.append(AliasEvidence.unique(candidates.count)) }
        return Target(id: id, merge: evidenced)
    }

    // MARK: - Changing entities

    private mutating func create(kind: EntityKind, date: Date, country: String?, capital: String?) -> CatalogEntity.ID {
        let id = CatalogEntity.ID(entities.count)
        entities.append(
            CatalogEntity(
                id: id, kind: kind, canonicalName: "", aliases: [], mentionCount: 0, articleCount: 0,
                firstSeen: date, lastSeen: date, countryCode: country, capitalOf: capital, merges: [], slips: [],
                mergedInto: nil))
        aliasNames.append([])
        if let country, countryEntity[country] == nil { countryEntity[country] = id }
        if let capital, country == nil, capitalEntity[capital] == nil { capitalEntity[capital] = id }
        return id
    }

    /// Adds a cluster's forms to entity `id`: counts, dates, the cluster's own merges and the catalog's.
    private mutating func absorb(
        _ forms: [AliasForm], cluster: EntityCluster, into id: CatalogEntity.ID, merge: AliasMerge?, date: Date,
        article: Int
    ) {
        var entity = entities[id.rawValue]
        let keys = Set(forms.map { nameCache.name($0.text).key })
        for form in forms {
            if let position = entity.aliases.firstIndex(where: { $0.name == form.text }) {
                entity.aliases[position].count += form.count
                entity.aliases[position].articles += 1
                entity.aliases[position].firstSeen = min(entity.aliases[position].firstSeen, date)
                entity.aliases[position].lastSeen = max(entity.aliases[position].lastSeen, date)
            } else {
                entity.aliases.append(
                    CatalogEntity.Alias(
                        name: form.text, count: form.count, articles: 1, firstSeen: date, lastSeen: date))
                aliasNames[id.rawValue].append(nameCache.name(form.text))
            }
            entity.mentionCount += form.count
        }
        articlesOf[id, default: []].insert(article)
        entity.articleCount = articlesOf[id]?.count ?? 1
        entity.firstSeen = min(entity.firstSeen, date)
        entity.lastSeen = max(entity.lastSeen, date)
        if let merge, !entity.merges.contains(merge) { entity.merges.append(merge) }
        for inner in cluster.merges
        where keys.contains(nameCache.name(inner.alias).key) && !entity.merges.contains(inner) {
            entity.merges.append(inner)
        }
        for slip in cluster.slips where !entity.slips.contains(slip) { entity.slips.append(slip) }
        entities[id.rawValue] = entity
        // The entity's other aliases are indexed already.
        index(id, names: forms.map { nameCache.name($0.text) })
        recomputeCanonical(id)
    }

    /// Merges into `id` every other live entity of its kind whose aliases all fit inside `id`'s longer names and
    /// inside no third entity's, so that the order articles arrive in does not decide the entities.
    private mutating func relink(_ id: CatalogEntity.ID) {
        let target = entities[id.rawValue]
        guard target.countryCode == nil, target.capitalOf == nil else { return }
        let targetNames = aliasNames[id.rawValue]
        var candidates: Set<CatalogEntity.ID> = []
        for name in targetNames {
            for token in name.folded { candidates.formUnion(byToken[target.kind]?[token] ?? []) }
        }
        candidates.remove(id)
        var budget = configuration.maximumComparisons
        for other in candidates.sorted() {
            guard entities[other.rawValue].mergedInto == nil, entities[other.rawValue].kind == target.kind,
                entities[other.rawValue].countryCode == nil, entities[other.rawValue].capitalOf == nil, budget > 0
            else { continue }
            let names = aliasNames[other.rawValue]
            guard !names.contains(where: { isBlocked(id, $0.key) }) else { continue }
            var evidence: AliasMerge?
            var fitsAll = true
            for name in names {
                var fit: AliasMerge?
                for long in targetNames where long.count > name.count {
                    budget -= 1
                    if let match = matcher.match(name, long, kind: target.kind) {
                        fit = AliasMerge(
                            rule: match.rule, alias: name.text, target: long.text, evidence: match.evidence)
                        break
                    }
                }
                guard let fit else {
                    fitsAll = false
                    break
                }
                evidence = evidence ?? fit
            }
            guard fitsAll, let evidence, !fitsElsewhere(names, kind: target.kind, besides: [id, other]) else {
                continue
            }
            merge(other, into: id, evidence: evidence)
        }
    }

    /// Whether any of `names` fits a longer name of a live entity other than those in `besides`.
    private func fitsElsewhere(_ names: [AliasName], kind: EntityKind, besides: Set<CatalogEntity.ID>) -> Bool {
        var budget = configuration.maximumComparisons
        for name in names {
            var candidates: Set<CatalogEntity.ID> = []
            for token in name.folded { candidates.formUnion(byToken[kind]?[token] ?? []) }
            for id in candidates where !besides.contains(id) && entities[id.rawValue].mergedInto == nil {
                for long in aliasNames[id.rawValue] {
                    budget -= 1
                    guard budget > 0 else { return true }
                    if long.count > name.count, matcher.match(name, long, kind: kind) != nil { return true }
                }
            }
        }
        return false
    }

    /// Moves everything of entity `other` into `id` and leaves `other` pointing at it.
    private mutating func merge(_ other: CatalogEntity.ID, into id: CatalogEntity.ID, evidence: AliasMerge) {
        var source = entities[other.rawValue]
        var target = entities[id.rawValue]
        for alias in source.aliases {
            if let position = target.aliases.firstIndex(where: { $0.name == alias.name }) {
                target.aliases[position].count += alias.count
                target.aliases[position].articles += alias.articles
                target.aliases[position].firstSeen = min(target.aliases[position].firstSeen, alias.firstSeen)
                target.aliases[position].lastSeen = max(target.aliases[position].lastSeen, alias.lastSeen)
            } else {
                target.aliases.append(alias)
            }
            unindex(key: nameCache.name(alias.name).key, kind: source.kind, id: other)
        }
        target.mentionCount += source.mentionCount
        articlesOf[id, default: []].formUnion(articlesOf[other] ?? [])
        target.articleCount = articlesOf[id]?.count ?? target.articleCount + source.articleCount
        target.firstSeen = min(target.firstSeen, source.firstSeen)
        target.lastSeen = max(target.lastSeen, source.lastSeen)
        target.merges.append(contentsOf: source.merges.filter { !target.merges.contains($0) })
        target.merges.append(evidence)
        target.slips.append(contentsOf: source.slips.filter { !target.slips.contains($0) })
        source.aliases = []
        source.mergedInto = id
        entities[other.rawValue] = source
        entities[id.rawValue] = target
        aliasNames[other.rawValue] = []
        aliasNames[id.rawValue] = target.aliases.map { nameCache.name($0.name) }
        index(id, names: aliasNames[id.rawValue])
        recomputeCanonical(id)
    }

    private mutating func recomputeCanonical(_ id: CatalogEntity.ID) {
        var entity = entities[id.rawValue]
        if let code = entity.countryCode, let names = lexicon.countryNames(code) {
            entity.canonicalName = names.indonesian
        } else {
            var spellings: [String: Int] = [:]
            var order: [String: Int] = [:]
            let firstSeen = entity.aliases.enumerated().sorted {
                ($0.element.firstSeen, $0.offset) < ($1.element.firstSeen, $1.offset)
            }
            for (rank, item) in firstSeen.enumerated() {
                spellings[item.element.name, default: 0] += item.element.count
                order[item.element.name] = order[item.element.name] ?? rank
            }
            entity.canonicalName = AliasResolver.canonicalName(
                spellings: spellings, firstSeen: order, slips: entity.slips)
        }
        entities[id.rawValue] = entity
    }

    /// Indexes `names` (aliases of entity `id`) by key and by token.
    private mutating func index(_ id: CatalogEntity.ID, names: [AliasName]) {
        let kind = entities[id.rawValue].kind
        for name in names {
            byKey[kind, default: [:]][name.key, default: []].insert(id)
            for token in name.folded { byToken[kind, default: [:]][token, default: []].insert(id) }
        }
    }

    /// Drops `id` from the index entries of `key` and, where no other alias of the entity holds them, its tokens.
    private mutating func unindex(key: String, kind: EntityKind, id: CatalogEntity.ID) {
        byKey[kind]?[key]?.remove(id)
        let remaining = Set(aliasNames[id.rawValue].flatMap(\.folded))
        for token in nameCache.name(key).folded where !remaining.contains(token) {
            byToken[kind]?[token]?.remove(id)
        }
    }

    private func isBlocked(_ id: CatalogEntity.ID, _ key: String) -> Bool {
        !blocked.isEmpty && blocked.contains(Self.blockKey(id, key))
    }

    private static func blockKey(_ id: CatalogEntity.ID, _ key: String) -> String { "\(id.rawValue)\t\(key)" }
}

/// Parsed ``AliasName``s by their text, shared by copies of a catalog (a name's parse never changes).
final class AliasNameCache: @unchecked Sendable {
    private let lock = NSLock()
    private var parsed: [String: AliasName] = [:]

    func name(_ text: String) -> AliasName {
        lock.lock()
        defer { lock.unlock() }
        if let found = parsed[text] { return found }
        let name = AliasName(text)
        parsed[text] = name
        return name
    }
}
