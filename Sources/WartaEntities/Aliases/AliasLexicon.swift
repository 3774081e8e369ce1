import WartaCore

/// The word lists alias merging draws on: country and capital names, role words, head words and connectors.
///
/// Built once (``bundled()`` reads `Resources/aliases/` and the cue words of `Resources/cues.tsv`) and passed to
/// ``AliasResolver`` and ``EntityCatalog``; nothing here is global state.
public struct AliasLexicon: Sendable {
    /// A country's display names.
    public struct CountryNames: Hashable, Sendable, Codable {
        /// ISO 3166-1 alpha-2 code ("US").
        public var code: String
        /// The English CLDR name ("United States").
        public var english: String
        /// The Indonesian CLDR name ("Amerika Serikat").
        public var indonesian: String
    }

    /// Folded name key → ISO code, for names matched in any case ("amerika serikat" → US).
    package var countries: [String: String] = [:]
    /// Folded name key → ISO code, for acronyms matched only when written in capitals ("as" → US for "AS").
    package var countryAcronyms: [String: String] = [:]
    /// Folded capital name → ISO code of the country ("teheran" → IR).
    package var capitals: [String: String] = [:]
    /// ISO code → display names.
    package var names: [String: CountryNames] = [:]
    /// Folded role and title words that may be trimmed from the front of a person's name ("presiden", "menteri").
    package var roleWords: Set<String> = []
    /// Folded head words of organisation and place names ("kelompok", "partai", "kota", "jalur").
    package var headWords: Set<String> = []
    /// Folded connectors skipped when forming acronyms and never taken as a name on their own ("dan", "bin", "of").
    package var connectors: Set<String> = []

    /// Folded head words of organisation names ("kementerian", "badan", "dinas").
    package var organisationHeads: Set<String> = []
    /// Folded head words of place names ("provinsi", "jalan", "gunung").
    package var placeHeads: Set<String> = []
    /// Known short forms written whole: folded short form → the folded long forms it stands for, and its kind
    /// ("kemenkeu" → ["kementerian keuangan"]).
    package var shortForms: [String: (longs: [String], kind: EntityKind)] = [:]
    /// Known short prefixes: "Pemprov X" = "Pemerintah Provinsi X" (folded tokens).
    package var shortPrefixes: [(short: [String], long: [String])] = []

    /// An empty lexicon: no countries, no word lists. Useful in tests of the name rules alone.
    public init() {}

    /// Reads `short-forms.tsv` rows: short form, long form (a trailing "…" on both makes a prefix), kind.
    package mutating func addShortForms(_ lines: [String]) {
        for line in lines where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2 else { continue }
            let kind: EntityKind = fields.count > 2 && fields[2] == "PLACE" ? .place : .organisation
            if fields[0].hasSuffix("…"), fields[1].hasSuffix("…") {
                let short = AliasName(String(fields[0].dropLast())).folded
                let long = AliasName(String(fields[1].dropLast())).folded
                if !short.isEmpty, !long.isEmpty { shortPrefixes.append((short, long)) }
            } else {
                let short = AliasName(fields[0]).key
                let long = AliasName(fields[1]).key
                guard !short.isEmpty, !long.isEmpty else { continue }
                shortForms[short, default: ([], kind)].longs.append(long)
            }
        }
    }

    /// The folded long forms a name may stand for by the known short forms: "Kemenkeu" → "kementerian keuangan",
    /// "Pemprov Banten" → "pemerintah provinsi banten", "DPRD Kabupaten Ponorogo" → "dprd ponorogo".
    public func expansions(of name: AliasName) -> [String] {
        var result = shortForms[name.key]?.longs ?? []
        for (short, long) in shortPrefixes
        where name.count > short.count && Array(name.folded.prefix(short.count)) == short {
            result.append((long + name.folded.dropFirst(short.count)).joined(separator: " "))
        }
        return result
    }

    /// The kind of a known short form written whole ("KPK" → organisation, "Sumbar" → place), or `nil`.
    public func shortFormKind(_ name: AliasName) -> EntityKind? { shortForms[name.key]?.kind }

    /// Builds a lexicon from the lines of the bundled files.
    ///
    /// - Parameters:
    ///   - countryLines: `countries.tsv` rows: code, capital, names…
    ///   - curatedLines: `curated.tsv` rows: `country` or `capital`, code, name.
    ///   - cueLines: `cues.tsv` rows: class, word.
    ///   - roleLines: `roles.txt` lines: a word to add to the role words, or `-word` to keep one out.
    package init(countryLines: [String], curatedLines: [String], cueLines: [String], roleLines: [String]) {
        for line in countryLines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3, fields[0].utf8.count == 2 else { continue }
            let code = fields[0]
            let english = fields[2]
            let indonesian = fields.count > 3 ? fields[3] : english
            names[code] = CountryNames(code: code, english: english, indonesian: indonesian)
            for name in fields[2...] { addCountry(name, code: code) }
            let capital = AliasName(fields[1]).key
            if !capital.isEmpty { capitals[capital] = code }
        }
        for line in curatedLines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3 else { continue }
            switch fields[0] {
            case "country": addCountry(fields[2], code: fields[1])
            case "capital": capitals[AliasName(fields[2]).key] = fields[1]
            default: continue
            }
        }
        var excluded: Set<String> = []
        for line in roleLines {
            if line.hasPrefix("-") {
                excluded.insert(String(line.dropFirst()))
            } else {
                roleWords.insert(line)
            }
        }
        for line in cueLines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2 else { continue }
            let word = fields[1].lowercased()
            switch fields[0] {
            case "title", "honorific": roleWords.insert(word)
            case "organisation":
                headWords.insert(word)
                organisationHeads.insert(word)
            case "place":
                headWords.insert(word)
                placeHeads.insert(word)
            case "connector": connectors.insert(word)
            default: continue
            }
        }
        roleWords.subtract(excluded)
        // "jalur" (Jalur Gaza) and "tepi" (Tepi Barat) are place heads that news uses but the NER cue list lacks.
        headWords.formUnion(["jalur", "tepi", "semenanjung", "kepulauan", "gedung", "istana"])
        // Institution heads of Indonesian government names that the cue list lacks.
        organisationHeads.formUnion([
            "dinas", "suku", "direktorat", "pusat", "kantor", "pengadilan", "kejaksaan", "kepolisian", "satuan",
            "otoritas", "mahkamah", "majelis", "konsulat", "kedutaan", "pemerintah", "balai", "biro", "inspektorat",
        ])
        placeHeads.formUnion(["jalur", "tepi", "semenanjung", "kepulauan", "gedung", "istana"])
    }

    /// The lexicon bundled with WartaEntities.
    ///
    /// - Throws: `EntityResources.MissingFile` when a resource is not in the bundle.
    public static func bundled() throws -> AliasLexicon {
        var lexicon = AliasLexicon(
            countryLines: try EntityResources.lines("aliases/countries.tsv"),
            curatedLines: try EntityResources.lines("aliases/curated.tsv"),
            cueLines: try EntityResources.lines("cues.tsv"),
            roleLines: try EntityResources.lines("aliases/roles.txt"))
        lexicon.addShortForms(try EntityResources.lines("aliases/short-forms.tsv"))
        return lexicon
    }

    private mutating func addCountry(_ name: String, code: String) {
        let alias = AliasName(name)
        guard !alias.tokens.isEmpty else { return }
        if alias.isAllCaps && alias.text.utf8.count <= 5 {
            countryAcronyms[alias.key] = code
        } else if countries[alias.key] == nil {
            countries[alias.key] = code
        }
    }

    /// The ISO code of the country `name` names ("AS", "Amerika Serikat", "United States" → US), or `nil`.
    ///
    /// Acronyms count only when written in capitals, so the English word "as" is no country.
    public func country(for name: AliasName) -> String? {
        let key = name.key
        if let code = countries[key] { return code }
        if name.isAllCaps, let code = countryAcronyms[key] { return code }
        return nil
    }

    /// The ISO code of the country whose capital `name` is ("Teheran" → IR), or `nil`.
    ///
    /// A name that is also a country ("Singapura", "Kuwait") is a country, never a capital.
    public func capital(for name: AliasName) -> String? {
        guard country(for: name) == nil else { return nil }
        return capitals[name.key]
    }

    /// The display names of the country with code `code`.
    public func countryNames(_ code: String) -> CountryNames? { names[code] }

    /// The number of tokens of the longest country name that starts `tokens` at `start` (0 when none does).
    func countryPrefixLength(_ name: AliasName, from start: Int) -> Int {
        var best = 0
        var length = 1
        while length <= 4 && start + length <= name.count {
            let part = AliasName(name.tokens[start..<(start + length)].joined(separator: " "))
            if country(for: part) != nil { best = length }
            length += 1
        }
        return best
    }
}
