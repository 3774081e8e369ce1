import WartaCore

/// One mention in a cluster: the tagger's mention, the part of it that is the name, and what was cut off.
public struct ClusterMention: Hashable, Sendable, Codable {
    /// The mention as the tagger gave it ("Presiden AS Joe Biden").
    public var mention: EntityMention
    /// The name inside it ("Joe Biden"), as UTF-8 offsets into the body.
    public var name: TextSpan
    /// What was cut from the front, in order.
    public var trims: [AliasTrim]
    /// `true` for a country cut from the front of a person's mention ("AS" in "Presiden AS Joe Biden") and kept as
    /// a place mention of its own.
    public var derived: Bool

    public init(mention: EntityMention, name: TextSpan, trims: [AliasTrim] = [], derived: Bool = false) {
        self.mention = mention
        self.name = name
        self.trims = trims
        self.derived = derived
    }
}

/// A spelling of a cluster's name and how often the article writes it.
public struct AliasForm: Hashable, Sendable, Codable {
    /// The name as written ("Bagheri-Kani").
    public var text: String
    /// The number of mentions with this spelling.
    public var count: Int

    public init(text: String, count: Int) {
        self.text = text
        self.count = count
    }
}

/// The mentions of one entity in one article, with a canonical name and the merges that joined them.
public struct EntityCluster: Hashable, Sendable, Codable {
    /// The kind all the mentions share.
    public var kind: EntityKind
    /// The name shown for the cluster ("Ali Bagheri Kani"); see ``AliasResolver`` for how it is chosen.
    public var canonicalName: String
    /// The mentions, in body order.
    public var mentions: [ClusterMention]
    /// The distinct spellings, most frequent first.
    public var forms: [AliasForm]
    /// Every merge, with its rule and evidence.
    public var merges: [AliasMerge]
    /// The token spellings that merges took as one ("Kani" kept over "Kank").
    public var slips: [TokenSlip]
    /// The ISO 3166 code when the cluster is a country ("US" for "AS", "Amerika Serikat").
    public var countryCode: String?
    /// The ISO 3166 code of the country whose capital this place is ("IR" for "Teheran"): a link, never a merge.
    public var capitalOf: String?
}

/// What ``AliasResolver`` found in one article.
public struct AliasResolution: Hashable, Sendable, Codable {
    /// A short name that fits several clusters and so joined none ("Biden" beside "Joe Biden" and "Hunter Biden").
    public struct Ambiguity: Hashable, Sendable, Codable {
        /// The short name as written.
        public var alias: String
        /// The names it fits, one per cluster.
        public var candidates: [String]

        public init(alias: String, candidates: [String]) {
            self.alias = alias
            self.candidates = candidates
        }
    }

    /// The clusters, in order of their first mention.
    public var clusters: [EntityCluster]
    /// Short names left on their own because they fit more than one cluster.
    public var ambiguities: [Ambiguity]
    /// `true` when the article had so many distinct names that the comparison budget ran out; exact and
    /// country merges were still made, fuzzy ones possibly not all.
    public var budgetExhausted: Bool

    public init(clusters: [EntityCluster], ambiguities: [Ambiguity] = [], budgetExhausted: Bool = false) {
        self.clusters = clusters
        self.ambiguities = ambiguities
        self.budgetExhausted = budgetExhausted
    }
}

/// Groups an article's entity mentions into one cluster per entity: "Ali Bagheri Kank", "Bagheri Kani",
/// "Bagheri-Kani" and "Ali Bagheri" are one person.
///
/// Pure: the lexicon is passed in; the same body and mentions give the same clusters. The steps:
/// 1. **Trim** a person's mention of leading role words and country names that NER glued on
///    ("Presiden AS Joe Biden" → "Joe Biden", the country kept as a derived place mention;
///    "Iran Ali Bagheri Kank" → "Ali Bagheri Kank"), and of organisation and place names the article also writes
///    on their own ("AJI Padang Andika D Khagen" → "Andika D Khagen" when "AJI" and "Padang" stand alone
///    elsewhere; two tokens stay). At least one token always stays.
/// 2. **Group** names of one kind by their key (case and separators folded): rule `sameLetters`.
/// 3. **Countries**: place names of one country join (rule `countryName`); a capital stays a place of its own
///    with `capitalOf` set, and never joins a country.
/// 4. **Equal length**: names with the same number of tokens join on a spelling slip (rule `editDistance`).
/// 5. **Shorter into longer**, longest first: a name joins the one cluster whose longer names contain it (rules
///    `partOf`, `headWord`, `acronym`; see ``NameMatcher``). A name that fits several clusters joins none and is
///    reported as an ambiguity: in one article "Biden" beside "Joe Biden" joins it, beside "Joe Biden" and
///    "Hunter Biden" it stays alone. Two different first names ("Joe Biden", "Hunter Biden") never join.
///    Then the aliases the text states ("A (juga dikenal sebagai B)"), short forms it defines ("Kementerian
///    Perhubungan (Kemenhub)", ``ShortForm``) and known short forms (``AliasLexicon/expansions(of:)``) join: rule
///    `statedAlias` or `shortForm`.
/// 6. **Canonical name**: for a country, its Indonesian CLDR name; otherwise the longest well-formed spelling
///    (most tokens; ties go to the most frequent, then the earliest), with each slipped token replaced by the
///    spelling more mentions use (ties: the earliest in the body).
public struct AliasResolver: Stage {
    public static let name: StageName = "annotate.aliases.v1"

    /// What the resolver reads: the fixed body and the tagger's mentions of it.
    public struct Input: Sendable {
        public var body: String
        public var mentions: [EntityMention]

        public init(body: String, mentions: [EntityMention]) {
            self.body = body
            self.mentions = mentions
        }
    }

    /// Settings with documented defaults.
    public struct Configuration: Sendable {
        /// The name rules' thresholds.
        public var matcher = NameMatcher.Configuration()
        /// The most name comparisons made in one article (steps 4 and 5); bounds the cost of hostile input such as
        /// 10,000 capitalised words in a row.
        public var maximumComparisons = 200_000

        public init() {}
    }

    /// The word lists.
    public var lexicon: AliasLexicon
    /// The configuration.
    public var configuration: Configuration

    public init(lexicon: AliasLexicon, configuration: Configuration = Configuration()) {
        self.lexicon = lexicon
        self.configuration = configuration
    }

    public func process(_ input: Input, context: StageContext) throws -> StageResult<AliasResolution> {
        .kept(resolve(body: input.body, mentions: input.mentions))
    }

    /// One distinct name (by kind and key) and the mentions that write it.
    private struct Form {
        var kind: EntityKind
        var name: AliasName
        var spellings: [String: Int] = [:]
        var firstSpelling: [String: Int] = [:]
        var mentions: [Int] = []
        var first: Int
        var country: String?
        var capital: String?
    }

    /// The phrases that state an alias between two names, lower-case.
    static let aliasPhrases = [
        "juga dikenal sebagai", "dikenal juga sebagai", "atau dikenal sebagai", "yang dikenal sebagai", "alias",
        "also known as", "a.k.a.", "aka",
    ]

    /// The alias phrase alone (with spaces, commas and an opening parenthesis around it) between `start` and `end`.
    static func statedAliasPhrase(_ bytes: [UInt8], from start: Int, to end: Int) -> String? {
        guard start <= end, end - start <= 40, end <= bytes.count else { return nil }
        // Space, comma, opening parenthesis and tab around the phrase.
        func isSeparator(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x2C || byte == 0x28 || byte == 0x09 }
        var lower = start
        var upper = end
        while lower < upper, isSeparator(bytes[lower]) { lower += 1 }
        while upper > lower, isSeparator(bytes[upper - 1]) { upper -= 1 }
        let phrase = String(decoding: bytes[lower..<upper], as: UTF8.self).lowercased()
        return aliasPhrases.contains(phrase) ? phrase : nil
    }

    /// Whether the bytes between two names are a space and an opening parenthesis alone: "Long Form (SF".
    static func isParenthesis(_ bytes: [UInt8], from start: Int, to end: Int) -> Bool {
        guard start <= end, end - start <= 4, end <= bytes.count else { return false }
        let gap = bytes[start..<end].filter { $0 != 0x20 }
        return gap == [0x28]
    }

    /// Clusters `mentions` of `body`.
    ///
    /// - Complexity: O(n + f·k) for `n` body bytes covered by mentions and `f` distinct names, with `k` candidate
    ///   names per name through a token index, capped by `Configuration.maximumComparisons`.
    public func resolve(body: String, mentions: [EntityMention]) -> AliasResolution {
        let bytes = Array(body.utf8)
        // 1. Trim.
        var items: [ClusterMention] = []
        // Organisation and place names the article writes on their own, folded, to cut from the front of a person's.
        var otherNames: Set<String> = []
        for mention in mentions where mention.kind != .person {
            otherNames.insert(AliasName(Self.text(bytes, mention.span)).key)
        }
        for mention in mentions.sorted(by: { ($0.span.start, $0.span.end) < ($1.span.start, $1.span.end) }) {
            items.append(contentsOf: trim(mention, bytes: bytes, otherNames: otherNames))
        }
        // 2. Group by kind and key.
        var forms: [Form] = []
        var formIndex: [String: Int] = [:]
        var formOfItem: [Int] = []
        for (index, item) in items.enumerated() {
            let text = Self.text(bytes, item.name)
            let name = AliasName(text)
            guard !name.tokens.isEmpty else {
                formOfItem.append(-1)
                continue
            }
            let key = item.mention.kind.rawValue + "\t" + name.key
            let position: Int
            if let existing = formIndex[key] {
                position = existing
            } else {
                position = forms.count
                formIndex[key] = position
                var form = Form(kind: item.mention.kind, name: name, first: index)
                if item.mention.kind == .place {
                    form.country = lexicon.country(for: name)
                    form.capital = lexicon.capital(for: name)
                }
                forms.append(form)
            }
            forms[position].spellings[text, default: 0] += 1
            if forms[position].firstSpelling[text] == nil { forms[position].firstSpelling[text] = index }
            forms[position].mentions.append(index)
            formOfItem.append(position)
        }
        for index in forms.indices { forms[index].name = AliasName(Self.preferredSpelling(forms[index])) }

        var sets = UnionFind(count: forms.count)
        var merges: [[AliasMerge]] = Array(repeating: [], count: forms.count)
        var slips: [[TokenSlip]] = Array(repeating: [], count: forms.count)
        var ambiguities: [AliasResolution.Ambiguity] = []
        for (index, form) in forms.enumerated() {
            for spelling in form.spellings.keys.sorted() where spelling != form.name.text {
                merges[index].append(
                    AliasMerge(
                        rule: .sameLetters, alias: spelling, target: form.name.text,
                        evidence: [AliasEvidence.sameLetters(AliasName(spelling), form.name)]))
            }
        }
        // 3. Countries, and capitals of one country.
        var placeForm: [String: Int] = [:]
        for (index, form) in forms.enumerated() {
            let key: String
            let evidence: [String]
            let rule: AliasRule
            if let code = form.country {
                key = "country\t" + code
                rule = .countryName
                evidence = [AliasEvidence.country(form.name, code)]
            } else if let code = form.capital {
                key = "capital\t" + code
                rule = .capitalName
                evidence = [AliasEvidence.capital(form.name, code)]
            } else {
                continue
            }
            guard let target = placeForm[key] else {
                placeForm[key] = index
                continue
            }
            sets.union(index, into: target)
            let targetName = forms[target].name
            let targetEvidence =
                rule == .countryName
                ? AliasEvidence.country(targetName, forms[target].country ?? "")
                : AliasEvidence.capital(targetName, forms[target].capital ?? "")
            merges[index].append(
                AliasMerge(
                    rule: rule, alias: form.name.text, target: targetName.text, evidence: evidence + [targetEvidence]))
        }
        let matcher = NameMatcher(lexicon: lexicon, configuration: configuration.matcher)
        var budget = configuration.maximumComparisons
        // Countries and capitals join only by step 3.
        func comparable(_ a: Int, _ b: Int) -> Bool {
            forms[a].kind == forms[b].kind && forms[a].country == nil && forms[b].country == nil
                && forms[a].capital == nil && forms[b].capital == nil
        }
        var byToken: [String: [Int]] = [:]
        for (index, form) in forms.enumerated() {
            for token in Set(form.name.folded) { byToken[token, default: []].append(index) }
        }
        // 4. Equal length, through shared tokens (a one-token name only has its length bucket).
        var lone: [Int: [Int]] = [:]
        for (index, form) in forms.enumerated() where form.name.count == 1 {
            lone[form.name.folded[0].utf8.count, default: []].append(index)
        }
        for a in forms.indices where budget > 0 {
            var candidates: Set<Int> = []
            if forms[a].name.count == 1 {
                let length = forms[a].name.folded[0].utf8.count
                for delta in -2...2 { candidates.formUnion(lone[length + delta] ?? []) }
            } else {
                for token in Set(forms[a].name.folded) { candidates.formUnion(byToken[token] ?? []) }
            }
            for b in candidates.sorted() where b > a && forms[b].name.count == forms[a].name.count {
                guard budget > 0 else { break }
                budget -= 1
                guard comparable(a, b), sets.find(a) != sets.find(b),
                    let found = matcher.match(forms[b].name, forms[a].name, kind: forms[a].kind)
                else { continue }
                // The later, less frequent form joins the earlier one.
                let (alias, target) = Self.count(forms[b]) <= Self.count(forms[a]) ? (b, a) : (a, b)
                let match =
                    alias == b ? found : matcher.match(forms[a].name, forms[b].name, kind: forms[a].kind) ?? found
                sets.union(alias, into: target)
                merges[alias].append(
                    AliasMerge(
                        rule: match.rule, alias: forms[alias].name.text, target: forms[target].name.text,
                        evidence: match.evidence))
                slips[alias].append(contentsOf: match.slips)
            }
        }
        // 5. Shorter into longer, longest shorter names first.
        let order = forms.indices.sorted { (forms[$0].name.count, -$0) > (forms[$1].name.count, -$1) }
        for s in order where budget > 0 {
            var candidates: Set<Int> = []
            for token in Set(forms[s].name.folded) { candidates.formUnion(byToken[token] ?? []) }
            if forms[s].kind != .person && forms[s].name.count == 1 && forms[s].name.isAllCaps {
                // An acronym shares no token with what it abbreviates.
                for (index, form) in forms.enumerated() where form.kind == forms[s].kind && form.name.count > 1 {
                    candidates.insert(index)
                }
            }
            var fits: [(index: Int, match: NameMatch)] = []
            for l in candidates.sorted() where forms[l].name.count > forms[s].name.count {
                guard budget > 0 else { break }
                budget -= 1
                guard comparable(s, l), let match = matcher.match(forms[s].name, forms[l].name, kind: forms[s].kind)
                else { continue }
                fits.append((l, match))
            }
            let roots = Set(fits.map { sets.find($0.index) })
            if roots.count > 1 {
                let names = roots.sorted().map { root in
                    fits.filter { sets.find($0.index) == root }.map { forms[$0.index].name.text }.sorted()[0]
                }
                ambiguities.append(.init(alias: forms[s].name.text, candidates: names))
                continue
            }
            // The longest name it fits, exact fits before slips, is the evidence.
            guard
                let best = fits.min(by: {
                    ($0.match.slips.count, -forms[$0.index].name.count, $0.index)
                        < ($1.match.slips.count, -forms[$1.index].name.count, $1.index)
                }), sets.find(s) != sets.find(best.index)
            else { continue }
            sets.union(s, into: best.index)
            merges[s].append(
                AliasMerge(
                    rule: best.match.rule, alias: forms[s].name.text, target: forms[best.index].name.text,
                    evidence: best.match.evidence))
            slips[s].append(contentsOf: best.match.slips)
        }
        // 5b. Aliases the text states: "A (juga dikenal sebagai B)", "A, also known as B".
        for (index, item) in items.enumerated().dropFirst() {
            // A country right after the name belongs to it ("Houthi Yaman (juga dikenal sebagai Ansar Allah)").
            var before = index - 1
            if before > 0, formOfItem[before] >= 0, forms[formOfItem[before]].country != nil,
                items[before].name.start - items[before - 1].name.end <= 1
            {
                before -= 1
            }
            let a = formOfItem[before]
            let b = formOfItem[index]
            guard a >= 0, b >= 0, a != b, comparable(a, b), sets.find(a) != sets.find(b) else { continue }
            if let phrase = Self.statedAliasPhrase(bytes, from: items[index - 1].name.end, to: item.name.start) {
                sets.union(b, into: a)
                merges[b].append(
                    AliasMerge(
                        rule: .statedAlias, alias: forms[b].name.text, target: forms[a].name.text,
                        evidence: [AliasEvidence.stated(forms[b].name, forms[a].name, phrase)]))
            } else if Self.isParenthesis(bytes, from: items[index - 1].name.end, to: item.name.start),
                ShortForm.definesEnd(of: forms[a].name, short: forms[b].name)
                    || ShortForm.definesEnd(of: forms[b].name, short: forms[a].name)
            {
                // "Badan Pengawas Obat dan Makanan (BPOM)", "BPOM (Badan Pengawas …)": the long form leads.
                let (short, long) = forms[a].name.count < forms[b].name.count ? (a, b) : (b, a)
                sets.union(short, into: long)
                merges[short].append(
                    AliasMerge(
                        rule: .shortForm, alias: forms[short].name.text, target: forms[long].name.text,
                        evidence: [AliasEvidence.stated(forms[short].name, forms[long].name, "( )")]))
            }
        }
        // 5c. Known short forms (``AliasLexicon/expansions(of:)``): "Kemenkeu" = "Kementerian Keuangan",
        // "Pemprov Banten" = "Pemerintah Provinsi Banten".
        var formsByKey: [String: [Int]] = [:]
        for (index, form) in forms.enumerated() { formsByKey[form.name.key, default: []].append(index) }
        for (short, form) in forms.enumerated() {
            for expansion in lexicon.expansions(of: form.name) {
                for long in formsByKey[expansion] ?? []
                where comparable(short, long) && sets.find(short) != sets.find(long) {
                    sets.union(short, into: long)
                    merges[short].append(
                        AliasMerge(
                            rule: .shortForm, alias: form.name.text, target: forms[long].name.text,
                            evidence: [AliasEvidence.stated(form.name, forms[long].name, "known short form")]))
                }
            }
        }
        // 6. Clusters and canonical names.
        var members: [Int: [Int]] = [:]
        for index in forms.indices { members[sets.find(index), default: []].append(index) }
        var clusters: [EntityCluster] = []
        for (_, group) in members {
            let groupForms = group.map { forms[$0] }
            let mentionIndices = group.flatMap { forms[$0].mentions }.sorted()
            var spellings: [String: Int] = [:]
            var firstSeen: [String: Int] = [:]
            for form in groupForms {
                for (text, count) in form.spellings { spellings[text, default: 0] += count }
                for (text, first) in form.firstSpelling { firstSeen[text] = min(firstSeen[text] ?? first, first) }
            }
            let clusterSlips = group.flatMap { slips[$0] }
            let country = groupForms.compactMap(\.country).first
            let canonical: String
            if let country, let names = lexicon.countryNames(country) {
                canonical = names.indonesian
            } else {
                canonical = Self.canonicalName(spellings: spellings, firstSeen: firstSeen, slips: clusterSlips)
            }
            let formList = spellings.map { AliasForm(text: $0.key, count: $0.value) }.sorted {
                ($0.count, firstSeen[$1.text] ?? 0) > ($1.count, firstSeen[$0.text] ?? 0)
            }
            clusters.append(
                EntityCluster(
                    kind: groupForms[0].kind, canonicalName: canonical, mentions: mentionIndices.map { items[$0] },
                    forms: formList, merges: group.sorted().flatMap { merges[$0] }, slips: clusterSlips,
                    countryCode: country, capitalOf: groupForms.compactMap(\.capital).first))
        }
        clusters.sort { ($0.mentions.first?.name.start ?? 0) < ($1.mentions.first?.name.start ?? 0) }
        return AliasResolution(clusters: clusters, ambiguities: ambiguities, budgetExhausted: budget <= 0)
    }

    /// The number of mentions of a form.
    private static func count(_ form: Form) -> Int { form.mentions.count }

    /// The spelling a form is shown by: the most frequent; ties go to the one written with spaces, then the earliest.
    private static func preferredSpelling(_ form: Form) -> String {
        form.spellings.keys.sorted { a, b in
            let ca = form.spellings[a] ?? 0
            let cb = form.spellings[b] ?? 0
            if ca != cb { return ca > cb }
            let sa = AliasName(a).spaced == a
            let sb = AliasName(b).spaced == b
            if sa != sb { return sa }
            return (form.firstSpelling[a] ?? 0) < (form.firstSpelling[b] ?? 0)
        }.first ?? form.name.text
    }

    /// Step 6: the longest well-formed spelling, with slipped tokens replaced by their more frequent spelling.
    ///
    /// - Parameters:
    ///   - spellings: every spelling with its number of mentions.
    ///   - firstSeen: the order in which each spelling first appears (smaller is earlier).
    ///   - slips: the token spellings merges took as one.
    static func canonicalName(spellings: [String: Int], firstSeen: [String: Int], slips: [TokenSlip]) -> String {
        let names = spellings.keys.map { AliasName($0) }
        guard
            let best = names.min(by: { a, b in
                if a.isWellFormed != b.isWellFormed { return a.isWellFormed }
                if a.count != b.count { return a.count > b.count }
                let ca = spellings[a.text] ?? 0
                let cb = spellings[b.text] ?? 0
                if ca != cb { return ca > cb }
                if (a.spaced == a.text) != (b.spaced == b.text) { return a.spaced == a.text }
                return (firstSeen[a.text] ?? 0) < (firstSeen[b.text] ?? 0)
            })
        else { return "" }
        guard !slips.isEmpty else { return best.text }
        // Token spelling → (mentions using it, earliest appearance).
        var support: [String: (count: Int, first: Int)] = [:]
        for name in names {
            let count = spellings[name.text] ?? 0
            let first = firstSeen[name.text] ?? 0
            for token in Set(name.tokens) {
                let old = support[token] ?? (0, Int.max)
                support[token] = (old.count + count, min(old.first, first))
            }
        }
        var replacement: [String: String] = [:]
        for slip in slips {
            let kept = support[slip.kept] ?? (0, Int.max)
            let other = support[slip.other] ?? (0, Int.max)
            let otherWins = other.count > kept.count || (other.count == kept.count && other.first < kept.first)
            let (winner, loser) = otherWins ? (slip.other, slip.kept) : (slip.kept, slip.other)
            replacement[loser] = winner
        }
        let tokens = best.tokens.map { replacement[$0] ?? $0 }
        return tokens == best.tokens ? best.text : tokens.joined(separator: " ")
    }

    /// Step 1: cuts leading role words and country names from a person's mention.
    ///
    /// Returns the mention (with its name span) and, for each country cut, a derived place mention.
    private func trim(_ mention: EntityMention, bytes: [UInt8], otherNames: Set<String>) -> [ClusterMention] {
        let start = max(0, min(mention.span.start, bytes.count))
        let end = max(start, min(mention.span.end, bytes.count))
        let whole = TextSpan(start: start, end: end)
        guard mention.kind == .person else { return [ClusterMention(mention: mention, name: whole)] }
        let tokens = Self.tokenRanges(bytes, start..<end)
        guard tokens.count > 1 else { return [ClusterMention(mention: mention, name: whole)] }
        let name = AliasName(Self.text(bytes, whole))
        // `AliasName` cuts tokens as `tokenRanges` does, so the positions agree.
        guard name.count == tokens.count else { return [ClusterMention(mention: mention, name: whole)] }
        var first = 0
        var trims: [AliasTrim] = []
        var derived: [ClusterMention] = []
        while tokens.count - first > 1 {
            if lexicon.roleWords.contains(name.folded[first]) {
                trims.append(AliasTrim(removed: name.tokens[first], reason: .role))
                first += 1
                continue
            }
            let length = lexicon.countryPrefixLength(name, from: first)
            if length > 0, tokens.count - first - length >= 1 {
                let span = TextSpan(start: tokens[first].lowerBound, end: tokens[first + length - 1].upperBound)
                trims.append(AliasTrim(removed: Self.text(bytes, span), reason: .country))
                let place = EntityMention(span: span, kind: .place, confidence: mention.confidence)
                derived.append(ClusterMention(mention: place, name: span, derived: true))
                first += length
                continue
            }
            // Another entity's name glued on, the longest first; two tokens at least stay for the person.
            guard
                let other = (1...4).reversed().first(where: { length in
                    tokens.count - first - length >= 2
                        && otherNames.contains(name.folded[first..<(first + length)].joined(separator: " "))
                })
            else { break }
            let span = TextSpan(start: tokens[first].lowerBound, end: tokens[first + other - 1].upperBound)
            trims.append(AliasTrim(removed: Self.text(bytes, span), reason: .otherName))
            first += other
        }
        // What is left must look like a name; otherwise keep the mention whole.
        guard first > 0, name.tokens[first].unicodeScalars.first?.properties.isUppercase == true else {
            return [ClusterMention(mention: mention, name: whole)]
        }
        let kept = ClusterMention(
            mention: mention, name: TextSpan(start: tokens[first].lowerBound, end: end), trims: trims)
        return derived + [kept]
    }

    /// The byte ranges of the tokens of `range`, cut as ``AliasName`` cuts them.
    static func tokenRanges(_ bytes: [UInt8], _ range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var index = range.lowerBound
        var start = -1
        while index < range.upperBound {
            let width = AliasName.separatorWidth(bytes, at: index)
            if width > 0 {
                if start >= 0 { result.append(start..<index) }
                start = -1
                index += width
                continue
            }
            if start < 0 { start = index }
            index += 1
        }
        if start >= 0 { result.append(start..<range.upperBound) }
        return result
    }

    /// The text of `span` in `bytes`, or "" when it lies outside.
    static func text(_ bytes: [UInt8], _ span: TextSpan) -> String {
        guard span.start >= 0, span.end <= bytes.count, span.start <= span.end else { return "" }
        return String(decoding: bytes[span.start..<span.end], as: UTF8.self)
    }
}

/// Disjoint sets over `0..<count`, with path halving.
struct UnionFind {
    private var parent: [Int]

    init(count: Int) { parent = Array(0..<count) }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    /// Puts `a`'s set under `b`'s root.
    mutating func union(_ a: Int, into b: Int) {
        let ra = find(a)
        let rb = find(b)
        if ra != rb { parent[ra] = rb }
    }
}
