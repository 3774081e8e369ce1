import WartaCore

/// Two spellings of one token that a merge took as the same ("Kank", "Kani"), as written.
public struct TokenSlip: Hashable, Sendable, Codable {
    /// The spelling in the longer (or target) name.
    public var kept: String
    /// The other spelling.
    public var other: String

    public init(kept: String, other: String) {
        self.kept = kept
        self.other = other
    }
}

/// Why two names are one, when ``NameMatcher`` finds that they are.
public struct NameMatch: Hashable, Sendable {
    /// The rule that fired.
    public var rule: AliasRule
    /// The evidence texts.
    public var evidence: [String]
    /// The token spellings taken as one.
    public var slips: [TokenSlip]
}

/// Decides whether two names of one kind name the same thing, and says why.
///
/// The rules, tried in this order (the first that holds wins):
/// 1. **sameLetters**: the same tokens after case folding, whatever the separators ("Bagheri-Kani", "Bagheri Kani").
/// 2. **editDistance**: the same number of tokens, all equal but one, which differs by a small edit distance: at
///    most 1 (2 from 9 letters); the token must have at least 4 letters when another token matches exactly,
///    6 when it is the first of several (a given name: "Ibrahim"/"Ebrahim" merge, "Mark"/"Mary" do not), and 7 for
///    a one-token name. Tokens with digits never differ by a slip.
/// 3. **acronym** (organisations, places): an all-capitals token made of the other name's initials, connectors
///    skipped ("PBB" = "Perserikatan Bangsa-Bangsa").
/// 4. **partOf** (people): the shorter name's tokens appear in order in the longer one, at most one of them with a
///    slip as in rule 2. A one-token name must be the longer name's first or last token (a bare given name or
///    surname: "Pezeshkian" ⊂ "Masoud Pezeshkian"), at least 3 letters, no connector, and with no slip.
/// 5. **headWord** (organisations, places): the longer name is the shorter one plus head words
///    ("Kelompok Hamas" ⊃ "Hamas", "Jalur Gaza" ⊃ "Gaza").
///
/// The matcher compares two names only; whether a match is unambiguous is the caller's concern.
public struct NameMatcher: Sendable {
    /// Thresholds with documented defaults.
    public struct Configuration: Sendable {
        /// Shortest token that may differ by one edit when another token matches exactly ("Kank"/"Kani").
        public var minimumSlipLength = 4
        /// Shortest first token of a several-token name that may differ by one edit ("Ibrahim"/"Ebrahim").
        public var minimumGivenNameSlipLength = 6
        /// Shortest one-token name that may differ by one edit ("Pezeshkian"/"Pezeshkyan").
        public var minimumLoneSlipLength = 7
        /// Shortest token from which two edits are allowed.
        public var minimumTwoEditLength = 9
        /// Shortest token taken as a bare surname or given name.
        public var minimumPartLength = 3
        /// Names with more tokens are compared by rules 1–3 only (rule 4 searches alignments).
        public var maximumTokens = 8

        public init() {}
    }

    /// The word lists (head words, connectors).
    public var lexicon: AliasLexicon
    /// The thresholds.
    public var configuration: Configuration

    public init(lexicon: AliasLexicon, configuration: Configuration = Configuration()) {
        self.lexicon = lexicon
        self.configuration = configuration
    }

    /// Whether `a` and `b`, both of kind `kind`, name one thing, and why; `nil` when no rule holds.
    ///
    /// - Complexity: O(t²·c) in the token count `t` and token length `c` for names of equal length; for rule 4, at
    ///   most C(8, k) alignments of `k` tokens.
    public func match(_ a: AliasName, _ b: AliasName, kind: EntityKind) -> NameMatch? {
        guard !a.tokens.isEmpty, !b.tokens.isEmpty else { return nil }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        // 1. sameLetters
        if short.folded == long.folded {
            return NameMatch(rule: .sameLetters, evidence: [AliasEvidence.sameLetters(a, b)], slips: [])
        }
        // 2. editDistance
        if short.count == long.count {
            var differing: [Int] = []
            for index in 0..<long.count where long.folded[index] != short.folded[index] {
                differing.append(index)
                if differing.count > 1 { return nil }
            }
            guard let position = differing.first,
                let distance = slipDistance(long.folded[position], short.folded[position], at: position, of: long.count)
            else { return nil }
            return NameMatch(
                rule: .editDistance,
                evidence: [AliasEvidence.editDistance(b.tokens[position], a.tokens[position], distance)],
                slips: [TokenSlip(kept: b.tokens[position], other: a.tokens[position])])
        }
        guard long.count <= configuration.maximumTokens else { return nil }
        switch kind {
        case .person:
            return partOf(short, long)
        case .organisation, .place:
            // 3. acronym
            if let acronym = acronym(short, long) { return acronym }
            // 5. headWord
            return headWord(short, long)
        }
    }

    /// The edit distance between two spellings of the token at `position` of an `count`-token name, when it is
    /// small enough to be a slip.
    func slipDistance(_ x: String, _ y: String, at position: Int, of count: Int) -> Int? {
        let shorter = min(x.utf8.count, y.utf8.count)
        let minimum: Int
        if count == 1 {
            minimum = configuration.minimumLoneSlipLength
        } else if position == 0 {
            minimum = configuration.minimumGivenNameSlipLength
        } else {
            minimum = configuration.minimumSlipLength
        }
        guard shorter >= minimum else { return nil }
        let hasDigit = x.utf8.contains { $0 >= 0x30 && $0 <= 0x39 } || y.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
        guard !hasDigit, x.utf8.first == y.utf8.first || position == 0 && count > 1 else { return nil }
        let limit = shorter >= configuration.minimumTwoEditLength + (count == 1 ? 1 : 0) ? 2 : 1
        return EditDistance.distance(x, y, limit: limit)
    }

    /// Rule 4: the shorter person name inside the longer one.
    private func partOf(_ short: AliasName, _ long: AliasName) -> NameMatch? {
        guard let alignment = align(short, long, allowSlip: short.count > 1) else { return nil }
        if short.count == 1 {
            let position = alignment.positions[0]
            let token = short.folded[0]
            guard position == 0 || position == long.count - 1, token.utf8.count >= configuration.minimumPartLength,
                !lexicon.connectors.contains(token)
            else { return nil }
        }
        var evidence: [String] = []
        for slip in alignment.slips {
            if let distance = EditDistance.distance(slip.kept.lowercased(), slip.other.lowercased(), limit: 2) {
                evidence.append(AliasEvidence.editDistance(slip.kept, slip.other, distance))
            }
        }
        evidence.append(AliasEvidence.partOf(short, long))
        return NameMatch(rule: .partOf, evidence: evidence, slips: alignment.slips)
    }

    /// Rule 3: an all-capitals name made of the initials of the other's tokens.
    private func acronym(_ short: AliasName, _ long: AliasName) -> NameMatch? {
        guard short.count == 1, short.isAllCaps, long.count >= 2 else { return nil }
        var initials: [UInt8] = []
        for token in long.folded where !lexicon.connectors.contains(token) {
            guard let first = token.utf8.first else { continue }
            initials.append(first)
        }
        guard initials.count >= 2, Array(short.folded[0].utf8) == initials else { return nil }
        return NameMatch(rule: .acronym, evidence: [AliasEvidence.acronym(short, long)], slips: [])
    }

    /// Rule 5: the longer name is the shorter one plus head words (and connectors).
    private func headWord(_ short: AliasName, _ long: AliasName) -> NameMatch? {
        guard let alignment = align(short, long, allowSlip: false) else { return nil }
        let matched = Set(alignment.positions)
        var heads: [String] = []
        for index in 0..<long.count where !matched.contains(index) {
            let token = long.folded[index]
            if lexicon.headWords.contains(token) {
                heads.append(long.tokens[index])
            } else if !lexicon.connectors.contains(token) {
                return nil
            }
        }
        guard !heads.isEmpty else { return nil }
        return NameMatch(rule: .headWord, evidence: [AliasEvidence.headWord(long, short, heads: heads)], slips: [])
    }

    /// Where the short name's tokens sit, in order, in the long name, and the slips taken.
    private struct Alignment {
        var positions: [Int]
        var slips: [TokenSlip]
    }

    /// The alignment of `short`'s tokens, in order, onto `long`'s with the fewest slips (at most one), or `nil`.
    private func align(_ short: AliasName, _ long: AliasName, allowSlip: Bool) -> Alignment? {
        var best: Alignment?
        var positions: [Int] = []
        var slips: [TokenSlip] = []
        func search(_ j: Int, from start: Int) {
            if best?.slips.isEmpty == true { return }
            if j == short.count {
                if best == nil || slips.count < (best?.slips.count ?? Int.max) {
                    best = Alignment(positions: positions, slips: slips)
                }
                return
            }
            guard start < long.count else { return }
            for i in start..<long.count where long.count - i >= short.count - j {
                if long.folded[i] == short.folded[j] {
                    positions.append(i)
                    search(j + 1, from: i + 1)
                    positions.removeLast()
                } else if allowSlip, slips.isEmpty,
                    slipDistance(long.folded[i], short.folded[j], at: i, of: long.count) != nil
                {
                    positions.append(i)
                    slips.append(TokenSlip(kept: long.tokens[i], other: short.tokens[j]))
                    search(j + 1, from: i + 1)
                    slips.removeLast()
                    positions.removeLast()
                }
            }
        }
        search(0, from: 0)
        return best
    }
}
