/// Porter2 ("Snowball English") stemmer.
///
/// A pure-Swift implementation of the English stemming algorithm of the Snowball project
/// (<https://snowballstem.org/algorithms/english/stemmer.html>), following the current `english.sbl`
/// (Snowball 3.x). Its output matches the reference `snowballstemmer` package, stemmer `english`, for
/// lower-case ASCII words.
///
/// The algorithm runs, in order:
///
/// 1. the exceptional forms (`skis` → `ski`, `skies` → `sky`, `idly`, `gently`, `ugly`, `early`, `only`,
///    `singly`, and the invariant `sky`, `news`, `howe`, `atlas`, `cosmos`, `bias`, `andes`);
/// 2. the prelude: a leading apostrophe is dropped, and an initial `y` or a `y` after a vowel is marked
///    as a consonant;
/// 3. the regions R1 and R2, where the prefixes `arsen`, `commun`, `emerg`, `gener`, `inter`, `later`,
///    `organ`, `past` and `univers` end R1 early;
/// 4. Step 0 (possessive apostrophes), Step 1a (plurals), Step 1b (`-ed`, `-ing`, with the invariant
///    forms `inning`, `outing`, `canning`, `herring`, `earring`, `evening`, `proceed`, `exceed`,
///    `succeed`, and `dying` → `die`), Step 1c (final `y` → `i`), Steps 2–4 (derivational suffixes) and
///    Step 5 (final `e` and `ll`).
///
/// The stemmer works on the word's UTF-8 bytes and does not allocate beyond one byte buffer and the
/// result string. Words of one or two letters, and words that contain any non-ASCII character, are
/// returned unchanged.
///
/// ```swift
/// let stemmer = EnglishStemmer()
/// stemmer.stem("running")      // "run"
/// stemmer.stem("generously")   // "generous"
/// ```
public struct EnglishStemmer: Sendable {
    /// The identifier of this stemmer and of its output, for caches and provenance records.
    public static let name = "text.stem.en.porter2.v1"

    /// Creates a stemmer. The stemmer holds no state, so one value can be shared freely.
    public init() {}

    /// Stems one lower-case word. Words of 1–2 letters and words with non-ASCII letters are returned unchanged.
    ///
    /// - Parameter word: A single lower-case word, without surrounding punctuation. Apostrophes (`'`)
    ///   are handled as Porter2 specifies (`"dog's"` → `"dog"`).
    /// - Returns: The Porter2 stem of `word`.
    public func stem(_ word: String) -> String {
        let count = word.utf8.count
        if count < 3 {
            return word
        }
        var bytes = Array(word.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> String in
            for byte in buffer where byte >= 0x80 {
                return word
            }
            var stemmer = Porter2Word(buffer)
            if let exceptional = stemmer.exceptionalForm() {
                return exceptional ?? word
            }
            stemmer.run()
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<stemmer.length]), as: UTF8.self)
        }
    }
}

// MARK: - Character classes

/// ASCII code points used by the stemmer.
private enum ASCII {
    static let apostrophe: UInt8 = 0x27
    static let upperY: UInt8 = 0x59
    static let a: UInt8 = 0x61
    static let b: UInt8 = 0x62
    static let c: UInt8 = 0x63
    static let d: UInt8 = 0x64
    static let e: UInt8 = 0x65
    static let f: UInt8 = 0x66
    static let g: UInt8 = 0x67
    static let h: UInt8 = 0x68
    static let i: UInt8 = 0x69
    static let k: UInt8 = 0x6B
    static let l: UInt8 = 0x6C
    static let m: UInt8 = 0x6D
    static let n: UInt8 = 0x6E
    static let o: UInt8 = 0x6F
    static let p: UInt8 = 0x70
    static let r: UInt8 = 0x72
    static let s: UInt8 = 0x73
    static let t: UInt8 = 0x74
    static let u: UInt8 = 0x75
    static let w: UInt8 = 0x77
    static let x: UInt8 = 0x78
    static let y: UInt8 = 0x79
    static let z: UInt8 = 0x7A
}

/// Whether `byte` is a Porter2 vowel: `a e i o u y`. The consonant marker `Y` is not a vowel.
@inline(__always)
private func isVowel(_ byte: UInt8) -> Bool {
    switch byte {
    case ASCII.a, ASCII.e, ASCII.i, ASCII.o, ASCII.u, ASCII.y:
        return true
    default:
        return false
    }
}

/// Whether `byte` is a vowel, `w`, `x` or the consonant marker `Y` (the letters that cannot end a short syllable).
@inline(__always)
private func isVowelWXY(_ byte: UInt8) -> Bool {
    switch byte {
    case ASCII.a, ASCII.e, ASCII.i, ASCII.o, ASCII.u, ASCII.y, ASCII.w, ASCII.x, ASCII.upperY:
        return true
    default:
        return false
    }
}

/// Whether `byte` may precede a deleted `-li` in Step 2: `c d e g h k m n r t`.
@inline(__always)
private func isValidLIEnding(_ byte: UInt8) -> Bool {
    switch byte {
    case ASCII.c, ASCII.d, ASCII.e, ASCII.g, ASCII.h, ASCII.k, ASCII.m, ASCII.n, ASCII.r, ASCII.t:
        return true
    default:
        return false
    }
}

// MARK: - Suffix tables

/// What a matched suffix of Steps 2–4 turns into.
private enum SuffixAction: Sendable {
    /// Replace the suffix with the rule's replacement (empty: delete it). Applies when the suffix is in R1
    /// (Steps 2, 3) or R2 (Step 4).
    case replace
    /// Step 2 `ogi`: replace with `og` when preceded by `l`.
    case ogiAfterL
    /// Step 2 `li`: delete when preceded by a valid `li` ending.
    case deleteLI
    /// Step 3 `ative`: delete when also in R2.
    case deleteInR2
    /// Step 4 `ion`: delete when preceded by `s` or `t`.
    case deleteIONAfterSOrT
}

/// One suffix of a Step 2–4 table. All fields are trivial values, so tables need no reference counting.
private struct SuffixRule: Sendable {
    let suffix: StaticString
    let replacement: StaticString
    let action: SuffixAction

    init(_ suffix: StaticString, _ action: SuffixAction) {
        self.suffix = suffix
        self.replacement = ""
        self.action = action
    }

    init(_ suffix: StaticString, _ replacement: StaticString) {
        self.suffix = suffix
        self.replacement = replacement
        self.action = .replace
    }
}

/// A suffix table with Snowball `among` semantics: the longest matching suffix wins, and if its
/// condition fails no shorter suffix is tried. Rules are grouped by their last byte and sorted
/// longest first, so a lookup only compares the few rules that can match.
private struct SuffixTable: Sendable {
    /// The rules, ordered by last byte, then by decreasing length.
    private let rules: [SuffixRule]
    /// `rules[bucketStart[b] ..< bucketStart[b + 1]]` are the rules whose suffix ends in byte `b`.
    private let bucketStart: [Int]

    init(_ rules: [SuffixRule]) {
        func lastByte(_ rule: SuffixRule) -> Int {
            Int(rule.suffix.utf8Start[rule.suffix.utf8CodeUnitCount - 1])
        }
        let sorted = rules.sorted { lhs, rhs in
            let (left, right) = (lastByte(lhs), lastByte(rhs))
            return left != right ? left < right : lhs.suffix.utf8CodeUnitCount > rhs.suffix.utf8CodeUnitCount
        }
        var bucketStart = [Int](repeating: 0, count: 129)
        for rule in sorted {
            bucketStart[lastByte(rule) + 1] += 1
        }
        for byte in 1...128 {
            bucketStart[byte] += bucketStart[byte - 1]
        }
        self.rules = sorted
        self.bucketStart = bucketStart
    }

    /// The longest rule whose suffix ends `word`, if any.
    @inline(__always)
    func longestMatch(in word: Porter2Word) -> SuffixRule? {
        guard word.length > 0 else {
            return nil
        }
        let last = Int(word[word.length - 1])
        var index = bucketStart[last]
        let end = bucketStart[last + 1]
        while index < end {
            let rule = rules[index]
            if word.hasSuffix(rule.suffix) {
                return rule
            }
            index += 1
        }
        return nil
    }
}

/// The static data of the algorithm.
private enum Porter2Tables {
    /// Prefixes that end R1 early (Snowball 3 extends Porter2's `gener`, `commun`, `arsen`).
    static let r1Prefixes: [StaticString] = [
        "arsen", "commun", "emerg", "gener", "inter", "later", "organ",
        "past", "univers",
    ]

    /// Exceptional forms, checked against the whole word before anything else; `nil` keeps the word.
    static let exceptions: [(word: StaticString, stem: String?)] = [
        ("andes", nil), ("atlas", nil), ("bias", nil), ("cosmos", nil), ("early", "earli"), ("gently", "gentl"),
        ("howe", nil), ("idly", "idl"), ("news", nil), ("only", "onli"), ("singly", "singl"), ("skies", "sky"),
        ("skis", "ski"), ("sky", nil), ("ugly", "ugli"),
    ]

    /// Stems after which `eed`/`eedly` is kept whole (`succeed`, `proceed`, `exceed`).
    static let eedStems: [StaticString] = ["succ", "proc", "exc"]

    /// Stems after which `ing` is kept whole (`evening`, `canning`, `inning`, `earring`, `herring`, `outing`).
    static let ingStems: [StaticString] = ["even", "cann", "inn", "earr", "herr", "out"]

    static let step2 = SuffixTable([
        SuffixRule("anci", "ance"), SuffixRule("enci", "ence"), SuffixRule("ogi", .ogiAfterL),
        SuffixRule("li", .deleteLI), SuffixRule("bli", "ble"), SuffixRule("abli", "able"),
        SuffixRule("alli", "al"), SuffixRule("fulli", "ful"), SuffixRule("lessli", "less"),
        SuffixRule("ousli", "ous"), SuffixRule("entli", "ent"), SuffixRule("aliti", "al"),
        SuffixRule("biliti", "ble"), SuffixRule("iviti", "ive"), SuffixRule("tional", "tion"),
        SuffixRule("ational", "ate"), SuffixRule("alism", "al"), SuffixRule("ation", "ate"),
        SuffixRule("ization", "ize"), SuffixRule("izer", "ize"), SuffixRule("ator", "ate"),
        SuffixRule("iveness", "ive"), SuffixRule("fulness", "ful"), SuffixRule("ousness", "ous"),
        SuffixRule("ogist", "og"),
    ])

    static let step3 = SuffixTable([
        SuffixRule("icate", "ic"), SuffixRule("ative", .deleteInR2), SuffixRule("alize", "al"),
        SuffixRule("iciti", "ic"), SuffixRule("ical", "ic"), SuffixRule("tional", "tion"),
        SuffixRule("ational", "ate"), SuffixRule("ful", ""), SuffixRule("ness", ""),
    ])

    static let step4 = SuffixTable([
        SuffixRule("ic", ""), SuffixRule("ance", ""), SuffixRule("ence", ""), SuffixRule("able", ""),
        SuffixRule("ible", ""), SuffixRule("ate", ""), SuffixRule("ive", ""), SuffixRule("ize", ""),
        SuffixRule("iti", ""), SuffixRule("al", ""), SuffixRule("ism", ""), SuffixRule("ion", .deleteIONAfterSOrT),
        SuffixRule("er", ""), SuffixRule("ous", ""), SuffixRule("ant", ""), SuffixRule("ent", ""),
        SuffixRule("ment", ""), SuffixRule("ement", ""),
    ])
}

// MARK: - The algorithm

/// One word being stemmed: a byte buffer holding the word, its current length, and the region starts.
///
/// Stemming never makes a word longer than the input, so every step edits the buffer in place: a suffix
/// is replaced by writing the new bytes over it and setting `length`.
private struct Porter2Word {
    /// The word's bytes; `word[..<length]` is the current word, with `Y` marking a `y` that is a consonant.
    private let word: UnsafeMutableBufferPointer<UInt8>
    /// The length of the current word.
    private(set) var length: Int
    /// Start of region R1 (an index into the word; the word's length when R1 is empty).
    private var p1 = 0
    /// Start of region R2.
    private var p2 = 0
    /// Whether the prelude marked any `y` as `Y`.
    private var foundY = false

    init(_ word: UnsafeMutableBufferPointer<UInt8>) {
        self.word = word
        self.length = word.count
    }

    @inline(__always)
    subscript(index: Int) -> UInt8 {
        word[index]
    }

    /// The exceptional form of the word: `nil` if the word is not exceptional, `.some(nil)` if it is kept
    /// as is, `.some(stem)` if it has a fixed stem.
    func exceptionalForm() -> String?? {
        guard length >= 3 && length <= 6 else {
            return nil
        }
        for entry in Porter2Tables.exceptions where length == entry.word.utf8CodeUnitCount && hasSuffix(entry.word) {
            return .some(entry.stem)
        }
        return nil
    }

    /// Runs the prelude, the region marking, Steps 0–5 and the postlude.
    mutating func run() {
        prelude()
        markRegions()
        step1a()
        step1b()
        step1c()
        step2()
        step3()
        step4()
        step5()
        if foundY {
            for index in 0..<length where word[index] == ASCII.upperY {
                word[index] = ASCII.y
            }
        }
    }

    // MARK: Helpers

    /// Whether the word ends with `suffix`.
    @inline(__always)
    func hasSuffix(_ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        let offset = length - count
        guard offset >= 0 else {
            return false
        }
        let bytes = suffix.utf8Start
        var index = 0
        while index < count {
            if word[offset + index] != bytes[index] {
                return false
            }
            index += 1
        }
        return true
    }

    /// Whether the word ends with the two bytes `first`, `second`.
    @inline(__always)
    private func hasSuffix(_ first: UInt8, _ second: UInt8) -> Bool {
        length >= 2 && word[length - 2] == first && word[length - 1] == second
    }

    /// Whether the word starts with `prefix`.
    private func hasPrefix(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard length >= count else {
            return false
        }
        let bytes = prefix.utf8Start
        var index = 0
        while index < count {
            if word[index] != bytes[index] {
                return false
            }
            index += 1
        }
        return true
    }

    /// Whether `word[..<end]` is exactly `stem`.
    private func isWhole(_ stem: StaticString, endingAt end: Int) -> Bool {
        guard end == stem.utf8CodeUnitCount else {
            return false
        }
        let bytes = stem.utf8Start
        var index = 0
        while index < end {
            if word[index] != bytes[index] {
                return false
            }
            index += 1
        }
        return true
    }

    /// Whether `word[..<end]` contains a vowel.
    private func hasVowel(before end: Int) -> Bool {
        var index = 0
        while index < end {
            if isVowel(word[index]) {
                return true
            }
            index += 1
        }
        return false
    }

    /// Whether `word[..<end]` ends in a short syllable: non-vowel, vowel, non-vowel other than `w`, `x`, `Y`;
    /// or a vowel then a non-vowel at the start of the word; or `past`.
    private func endsInShortSyllable(_ end: Int) -> Bool {
        if end >= 3 && !isVowelWXY(word[end - 1]) && isVowel(word[end - 2]) && !isVowel(word[end - 3]) {
            return true
        }
        if end == 2 && !isVowel(word[1]) && isVowel(word[0]) {
            return true
        }
        return end >= 4 && word[end - 4] == ASCII.p && word[end - 3] == ASCII.a && word[end - 2] == ASCII.s
            && word[end - 1] == ASCII.t
    }

    /// Replaces `word[start...]` with `replacement`, which is never longer than the bytes it replaces.
    @inline(__always)
    private mutating func replaceSuffix(from start: Int, with replacement: StaticString) {
        let count = replacement.utf8CodeUnitCount
        let bytes = replacement.utf8Start
        var index = 0
        while index < count {
            word[start + index] = bytes[index]
            index += 1
        }
        length = start + count
    }

    // MARK: Prelude and regions

    /// Drops a leading apostrophe, and marks an initial `y` and each `y` after a vowel as `Y`.
    private mutating func prelude() {
        if word[0] == ASCII.apostrophe {
            var index = 1
            while index < length {
                word[index - 1] = word[index]
                index += 1
            }
            length -= 1
        }
        guard length > 0 else {
            return
        }
        if word[0] == ASCII.y {
            word[0] = ASCII.upperY
            foundY = true
        }
        var index = 1
        while index < length {
            if word[index] == ASCII.y && isVowel(word[index - 1]) {
                word[index] = ASCII.upperY
                foundY = true
            }
            index += 1
        }
    }

    /// The index after the first non-vowel that follows a vowel, searching from `start`; `nil` if none.
    private func regionStart(from start: Int) -> Int? {
        var index = start
        while index < length && !isVowel(word[index]) {
            index += 1
        }
        guard index < length else {
            return nil
        }
        index += 1
        while index < length && isVowel(word[index]) {
            index += 1
        }
        guard index < length else {
            return nil
        }
        return index + 1
    }

    /// Sets R1 and R2. R1 starts after one of the special prefixes, or else after the first
    /// vowel–non-vowel pair; R2 starts after the next vowel–non-vowel pair within R1.
    private mutating func markRegions() {
        p1 = length
        p2 = length
        var start: Int?
        for prefix in Porter2Tables.r1Prefixes where hasPrefix(prefix) {
            start = prefix.utf8CodeUnitCount
            break
        }
        guard let r1 = start ?? regionStart(from: 0) else {
            return
        }
        p1 = r1
        if let r2 = regionStart(from: r1) {
            p2 = r2
        }
    }

    // MARK: Steps

    /// Step 0 and Step 1a: possessive apostrophes, then plural endings.
    private mutating func step1a() {
        // Step 0: the longest of `'s'`, `'s`, `'`.
        if length >= 3 && word[length - 3] == ASCII.apostrophe && word[length - 2] == ASCII.s
            && word[length - 1] == ASCII.apostrophe
        {
            length -= 3
        } else if hasSuffix(ASCII.apostrophe, ASCII.s) {
            length -= 2
        } else if length >= 1 && word[length - 1] == ASCII.apostrophe {
            length -= 1
        }

        guard length >= 1 else {
            return
        }
        let last = word[length - 1]
        if last == ASCII.s {
            if length >= 4 && word[length - 4] == ASCII.s && word[length - 3] == ASCII.s
                && word[length - 2] == ASCII.e
            {
                // sses → ss
                length -= 2
            } else if length >= 3 && word[length - 3] == ASCII.i && word[length - 2] == ASCII.e {
                replaceIES()
            } else if length >= 2 && (word[length - 2] == ASCII.s || word[length - 2] == ASCII.u) {
                // ss, us: unchanged
            } else if hasVowel(before: length - 2) {
                // s: deleted when a vowel occurs before the letter preceding it
                length -= 1
            }
        } else if last == ASCII.d && length >= 3 && word[length - 3] == ASCII.i && word[length - 2] == ASCII.e {
            replaceIES()
        }
    }

    /// `ies`/`ied` → `i` when preceded by more than one letter, else `ie`.
    private mutating func replaceIES() {
        if length - 3 >= 2 {
            length -= 2
        } else {
            // "ties" → "tie": keep "ie", drop the last letter.
            length -= 1
        }
    }

    /// Step 1b: `eed`, `eedly`, `ed`, `edly`, `ing`, `ingly`.
    private mutating func step1b() {
        let suffixLength: Int
        var isEED = false
        var isING = false
        if hasSuffix(Porter2Tables.eedly) {
            suffixLength = 5
            isEED = true
        } else if hasSuffix(Porter2Tables.ingly) {
            suffixLength = 5
        } else if hasSuffix(Porter2Tables.edly) {
            suffixLength = 4
        } else if hasSuffix(Porter2Tables.eed) {
            suffixLength = 3
            isEED = true
        } else if hasSuffix(Porter2Tables.ing) {
            suffixLength = 3
            isING = true
        } else if hasSuffix(ASCII.e, ASCII.d) {
            suffixLength = 2
        } else {
            return
        }
        let start = length - suffixLength

        if isEED {
            // eed, eedly → ee in R1, except in succeed, proceed, exceed.
            guard start >= p1 else {
                return
            }
            for stem in Porter2Tables.eedStems where isWhole(stem, endingAt: start) {
                return
            }
            replaceSuffix(from: start, with: Porter2Tables.ee)
            return
        }

        if isING {
            // inning, outing, canning, herring, earring, evening stay whole.
            for stem in Porter2Tables.ingStems where isWhole(stem, endingAt: start) {
                return
            }
            // dying, lying, tying → die, lie, tie.
            if start == 2 && word[1] == ASCII.y && !isVowel(word[0]) {
                replaceSuffix(from: 1, with: Porter2Tables.ie)
                return
            }
        }

        // ed, edly, ing, ingly: delete if the preceding part contains a vowel, then tidy the ending.
        guard hasVowel(before: start) else {
            return
        }
        length = start
        guard length >= 2 else {
            if length == p1 && endsInShortSyllable(length) {
                appendE()
            }
            return
        }
        let penultimate = word[length - 2]
        let last = word[length - 1]
        if (penultimate == ASCII.a && last == ASCII.t) || (penultimate == ASCII.b && last == ASCII.l)
            || (penultimate == ASCII.i && last == ASCII.z)
        {
            // at, bl, iz → ate, ble, ize
            appendE()
        } else if penultimate == last && Self.isDoubleConsonant(last) {
            // Undouble, except after an initial a, e, o (added, egged, odder).
            if length == 3 && (word[0] == ASCII.a || word[0] == ASCII.e || word[0] == ASCII.o) {
                return
            }
            length -= 1
        } else if length == p1 && endsInShortSyllable(length) {
            // A short word gets its e back (hoped → hope).
            appendE()
        }
    }

    /// Appends an `e`. Only called after Step 1b has removed at least two bytes, so the buffer has room.
    @inline(__always)
    private mutating func appendE() {
        word[length] = ASCII.e
        length += 1
    }

    /// The doubles `bb dd ff gg mm nn pp rr tt` are undoubled in Step 1b.
    private static func isDoubleConsonant(_ byte: UInt8) -> Bool {
        switch byte {
        case ASCII.b, ASCII.d, ASCII.f, ASCII.g, ASCII.m, ASCII.n, ASCII.p, ASCII.r, ASCII.t:
            return true
        default:
            return false
        }
    }

    /// Step 1c: a final `y`/`Y` after a non-vowel that is not the first letter becomes `i`.
    private mutating func step1c() {
        guard length >= 3 else {
            return
        }
        let last = word[length - 1]
        if (last == ASCII.y || last == ASCII.upperY) && !isVowel(word[length - 2]) {
            word[length - 1] = ASCII.i
        }
    }

    /// Step 2: derivational suffixes in R1.
    private mutating func step2() {
        guard let rule = Porter2Tables.step2.longestMatch(in: self) else {
            return
        }
        let start = length - rule.suffix.utf8CodeUnitCount
        guard start >= p1 else {
            return
        }
        switch rule.action {
        case .replace:
            replaceSuffix(from: start, with: rule.replacement)
        case .ogiAfterL:
            if start > 0 && word[start - 1] == ASCII.l {
                length -= 1
            }
        case .deleteLI:
            if start > 0 && isValidLIEnding(word[start - 1]) {
                length -= 2
            }
        case .deleteInR2, .deleteIONAfterSOrT:
            break
        }
    }

    /// Step 3: derivational suffixes in R1 (`ative` in R2).
    private mutating func step3() {
        guard let rule = Porter2Tables.step3.longestMatch(in: self) else {
            return
        }
        let start = length - rule.suffix.utf8CodeUnitCount
        guard start >= p1 else {
            return
        }
        switch rule.action {
        case .replace:
            replaceSuffix(from: start, with: rule.replacement)
        case .deleteInR2:
            if start >= p2 {
                length = start
            }
        case .ogiAfterL, .deleteLI, .deleteIONAfterSOrT:
            break
        }
    }

    /// Step 4: suffixes deleted in R2 (`ion` only after `s` or `t`).
    private mutating func step4() {
        guard let rule = Porter2Tables.step4.longestMatch(in: self) else {
            return
        }
        let start = length - rule.suffix.utf8CodeUnitCount
        guard start >= p2 else {
            return
        }
        switch rule.action {
        case .replace:
            replaceSuffix(from: start, with: rule.replacement)
        case .deleteIONAfterSOrT:
            if start > 0 && (word[start - 1] == ASCII.s || word[start - 1] == ASCII.t) {
                length = start
            }
        case .ogiAfterL, .deleteLI, .deleteInR2:
            break
        }
    }

    /// Step 5: a final `e` in R2, or in R1 when not after a short syllable; a final `l` in R2 after `l`.
    private mutating func step5() {
        guard length >= 1 else {
            return
        }
        let start = length - 1
        let last = word[start]
        if last == ASCII.e {
            if start >= p2 || (start >= p1 && !endsInShortSyllable(start)) {
                length = start
            }
        } else if last == ASCII.l {
            if start >= p2 && start > 0 && word[start - 1] == ASCII.l {
                length = start
            }
        }
    }
}

extension Porter2Tables {
    static let eedly: StaticString = "eedly"
    static let ingly: StaticString = "ingly"
    static let edly: StaticString = "edly"
    static let eed: StaticString = "eed"
    static let ing: StaticString = "ing"
    static let ee: StaticString = "ee"
    static let ie: StaticString = "ie"
}
