/// The rule that joined two names into one entity.
public enum AliasRule: String, Hashable, Sendable, Codable, CaseIterable {
    /// The same letters in another case or with other separators: "Bagheri-Kani" = "Bagheri Kani".
    case sameLetters
    /// A spelling slip: the names differ in one token within a small edit distance, "Kank" ≈ "Kani".
    case editDistance
    /// A shorter name whose tokens appear, in order, in a longer one: "Ali Bagheri" ⊂ "Ali Bagheri Kani".
    case partOf
    /// An organisation or place name with a head word the other lacks: "Jalur Gaza" ⊃ "Gaza".
    case headWord
    /// An all-capitals name made of the other's initials: "PBB" = "Perserikatan Bangsa-Bangsa".
    case acronym
    /// Two names of one country (CLDR en/id/ms or the curated list): "AS" → US, "Amerika Serikat" → US.
    case countryName
    /// Two names of one country's capital (GeoNames or the curated list): "Tehran", "Teheran" → capital of IR.
    case capitalName
    /// Across articles: a name the catalog entity already has as an alias.
    case knownAlias
    /// The text says so: "Houthi (juga dikenal sebagai Ansar Allah)", "X, also known as Y".
    case statedAlias
    /// The text defines a short form in parentheses: "Kementerian Perhubungan (Kemenhub)" (``ShortForm``).
    case shortForm
}

/// One merge: which name joined which, by what rule, and the evidence a user is shown.
///
/// `evidence` holds short, stable texts such as `editDistance(Kank, Kani)=1`,
/// `partOf(Ali Bagheri ⊂ Ali Bagheri Kani)` or `countryName(AS → US)`.
public struct AliasMerge: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The rule that fired.
    public var rule: AliasRule
    /// The name that joined, as written ("Bagheri Kani").
    public var alias: String
    /// The name it joined, as written ("Ali Bagheri Kank").
    public var target: String
    /// Why, in short texts, one per fact used.
    public var evidence: [String]

    public init(rule: AliasRule, alias: String, target: String, evidence: [String]) {
        self.rule = rule
        self.alias = alias
        self.target = target
        self.evidence = evidence
    }

    /// "Bagheri Kani → Ali Bagheri Kank by partOf: editDistance(Kank, Kani)=1; partOf(…)".
    public var description: String {
        "\(alias) → \(target) by \(rule.rawValue): \(evidence.joined(separator: "; "))"
    }
}

/// Something NER glued onto a name and the resolver cut off: "Presiden AS Joe Biden" → "Joe Biden".
public struct AliasTrim: Hashable, Sendable, Codable {
    /// Why a word was cut.
    public enum Reason: String, Hashable, Sendable, Codable {
        /// A role or title word ("Presiden", "Menteri", "juru bicara").
        case role
        /// A country name before a person's name ("Iran Ali Bagheri Kank", "AS").
        case country
        /// The name of an organisation or place the article also names on its own, before a person's name
        /// ("AJI Padang Andika D Khagen" where "AJI" and "Padang" stand alone elsewhere).
        case otherName
    }

    /// The words cut, as written ("Presiden").
    public var removed: String
    /// Why.
    public var reason: Reason

    public init(removed: String, reason: Reason) {
        self.removed = removed
        self.reason = reason
    }

    /// `trimmed(role: Presiden)`.
    public var evidence: String { "trimmed(\(reason.rawValue): \(removed))" }
}

/// Evidence texts, written in one place so that tests and users see the same words.
enum AliasEvidence {
    static func sameLetters(_ a: AliasName, _ b: AliasName) -> String { "sameLetters(\(a) = \(b))" }
    static func editDistance(_ a: String, _ b: String, _ distance: Int) -> String {
        "editDistance(\(a), \(b))=\(distance)"
    }
    static func partOf(_ short: AliasName, _ long: AliasName) -> String { "partOf(\(short) ⊂ \(long))" }
    static func headWord(_ long: AliasName, _ short: AliasName, heads: [String]) -> String {
        "headWord(\(long) ⊃ \(short), head: \(heads.joined(separator: " ")))"
    }
    static func acronym(_ short: AliasName, _ long: AliasName) -> String { "acronym(\(short) = \(long))" }
    static func country(_ name: AliasName, _ code: String) -> String { "countryName(\(name) → \(code))" }
    static func capital(_ name: AliasName, _ code: String) -> String { "capitalOf(\(name) → \(code))" }
    static func knownAlias(_ name: String, _ canonical: String) -> String { "knownAlias(\(name) ∈ \(canonical))" }
    static func stated(_ alias: AliasName, _ target: AliasName, _ phrase: String) -> String {
        "statedAlias(\(alias) = \(target): \"\(phrase)\")"
    }
    static func unique(_ candidates: Int) -> String { "unique(1 of \(candidates) candidates)" }
}
