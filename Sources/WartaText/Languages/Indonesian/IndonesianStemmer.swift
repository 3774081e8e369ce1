/// A dictionary-based Indonesian stemmer in the Nazief–Adriani "Enhanced Confix Stripping" (ECS) manner.
///
/// The algorithm follows the ECS stemmer of Arifin, Mahendra and Ciptaningtyas (2009) as refined by
/// Jelita Asian (2007, "Effective Techniques for Indonesian Text Retrieval") and implemented by Sastrawi:
///
/// 1. A word found in the dictionary (root words plus protected words) is its own stem.
/// 2. Inflectional particles (`-lah`, `-kah`, `-tah`, `-pun`), then possessive pronouns (`-ku`, `-mu`, `-nya`),
///    then derivational suffixes (`-i`, `-kan`, `-an`, and the loan suffixes `-is`, `-isme`, `-isasi`) are
///    removed, checking the dictionary after each step.
/// 3. Up to three derivational prefixes are removed (`di-`, `ke-`, `se-`, `be(r)-`, `te(r)-`, `me(N)-`,
///    `pe(N)-`, `per-`, `ku-`, `kau-` and the infixes `-er-`, `-el-`, `-em-`, `-in-`), with the ECS recoding
///    rules that restore the initial consonant a nasal prefix replaced (`menyapu` → `sapu`, `memukul` →
///    `pukul`, `mengambil` → `ambil`). The first prefix may not form one of the pairs Nazief and Adriani
///    disallow with the removed derivational suffix: `be-…-i`, `di-…-an`, `ke-…-i` (except `ketahui`),
///    `ke-…-kan`, `me-…-an`, `se-…-i`, `se-…-kan`, `te-…-an`.
/// 4. Words matching `be-…-lah`, `be-…-an`, `me-…-i`, `di-…-i`, `pe-…-i` or `ter-…-i` try prefix removal
///    before suffix removal (Asian's precedence adjustment).
/// 5. If no root was found, the removed suffixes are put back one at a time, innermost first (`-kan` first
///    as `-k` + `-an`), and prefix removal is retried ("loop pengembalian akhiran"). As a last resort a
///    `-kan` is read as `-k` + `-an` without the pair check, for the common misspelling of `-kkan`
///    (`menunjukan` → `tunjuk`).
/// 6. If still no root was found, the word is returned unchanged.
///
/// Reduplicated words (`buku-buku`, `anak-anaknya`, `berbalas-balasan`) are stemmed half by half and
/// collapse to the common root; a hyphenated word that is itself in the dictionary (`kupu-kupu`,
/// `sayur-mayur`) is kept, and a plain reduplication of a root (`anak-anak`) gives that root. Words of three
/// letters or fewer are never stripped.
///
/// The stemmer works on the UTF-8 bytes of the word and an open-addressing hash table, and needs no heap
/// allocation for an unhyphenated word (the stem is returned from the stored dictionary entry). Words
/// containing anything but the ASCII letters `a`–`z` and interior hyphens (digits, capitals, punctuation,
/// non-ASCII letters) are returned unchanged.
///
/// The type is immutable and `Sendable`; share one instance across tasks. It loads no files: pass the
/// root list and the protected-word list in ``init(rootWords:protectedWords:)``.
public struct IndonesianStemmer: Sendable {
    /// Identifier of the algorithm and its version, for provenance records and cache keys.
    public static let name = "text.stem.id.ecs.v1"

    private let lexicon: RootLexicon

    /// Creates a stemmer over a root-word dictionary.
    ///
    /// Entries are trimmed of surrounding whitespace and ASCII-lower-cased; entries containing anything but
    /// letters `a`–`z` and interior hyphens are ignored.
    ///
    /// - Parameters:
    ///   - rootWords: lower-case roots (entries shorter than 3 letters are ignored).
    ///   - protectedWords: words returned unchanged. They also count as dictionary entries, so their
    ///     inflected forms stem to them (`pemerintahnya` → `pemerintah`).
    public init(rootWords: some Sequence<String>, protectedWords: some Sequence<String>) {
        var builder = RootLexicon.Builder()
        for word in rootWords {
            builder.add(word, minimumLength: 3, isProtected: false)
        }
        for word in protectedWords {
            builder.add(word, minimumLength: 1, isProtected: true)
        }
        lexicon = builder.build()
    }

    /// Stems one lower-case word ("perundingan" → "runding", "negosiasinya" → "negosiasi").
    ///
    /// Words that are not letters (numbers, mixed tokens) are returned unchanged; a word whose root cannot
    /// be found is returned unchanged too (as Sastrawi does). Protected words are returned unchanged.
    ///
    /// - Parameter word: a lower-case word, without surrounding punctuation.
    /// - Returns: the root, or `word` itself.
    public func stem(_ word: String) -> String {
        let outcome: Outcome
        if let fast = word.utf8.withContiguousStorageIfAvailable({ stem(bytes: $0) }) {
            outcome = fast
        } else {
            let bytes = Array(word.utf8)
            outcome = bytes.withUnsafeBufferPointer { stem(bytes: $0) }
        }
        switch outcome {
        case .unchanged:
            return word
        case .entry(let index):
            return lexicon.string(at: index)
        case .bytes(let bytes):
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Whether `stem(_:)` would treat `word` as a dictionary entry (root or protected word).
    func isDictionaryWord(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            lexicon.find(Candidate(start: 0, end: buffer.count), in: buffer) >= 0
        }
    }

    // MARK: - Word level

    private enum Outcome {
        case unchanged
        case entry(Int32)
        case bytes([UInt8])
    }

    private func stem(bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        let count = bytes.count
        guard count > 0 else { return .unchanged }
        var hyphens = 0
        for byte in bytes {
            if byte == Letter.hyphen {
                hyphens += 1
            } else if byte &- Letter.a > 25 {
                return .unchanged
            }
        }
        let whole = Candidate(start: 0, end: count)
        let found = lexicon.find(whole, in: bytes)
        if found >= 0 && lexicon.isProtected(found) {
            return .unchanged
        }
        if hyphens == 0 {
            return outcome(of: ConfixStripper(lexicon: lexicon, buffer: bytes).stemSingular(whole))
        }
        guard bytes[0] != Letter.hyphen, bytes[count - 1] != Letter.hyphen else { return .unchanged }
        // `nikmat-ku`, `kata-nya`: one hyphen before an inflectional suffix is not a reduplication.
        if hyphens == 1, let dash = bytes.lastIndex(of: Letter.hyphen),
            ConfixStripper.isInflectionalSuffix(bytes, from: dash + 1, to: count)
        {
            return outcome(of: ConfixStripper(lexicon: lexicon, buffer: bytes).stemSingular(whole))
        }
        return stemHyphenated(bytes, found: found)
    }

    private func outcome(of entry: Int32) -> Outcome {
        entry >= 0 ? .entry(entry) : .unchanged
    }

    /// Reduplications and other hyphenated compounds (Asian 2007, pp. 76–77, as in Sastrawi).
    private func stemHyphenated(_ bytes: UnsafeBufferPointer<UInt8>, found: Int32) -> Outcome {
        let ecs = ConfixStripper(lexicon: lexicon, buffer: bytes)
        let whole = Candidate(start: 0, end: bytes.count)
        // A hyphenated dictionary entry, possibly followed by inflectional suffixes (`kupu-kupunya`).
        var entry = found
        if entry < 0 {
            entry = ecs.findAfterInflectionalSuffixes(whole)
        }
        if entry >= 0 {
            if let root = reduplicatedRoot(ofEntry: entry) {
                return .entry(root)
            }
            return .entry(entry)
        }
        guard let lastDash = bytes.lastIndex(of: Letter.hyphen) else { return .unchanged }
        var left = Candidate(start: 0, end: lastDash)
        var right = Candidate(start: lastDash + 1, end: bytes.count)
        // `malaikat-malaikat-nya` → `malaikat` + `malaikat-nya`.
        if let innerDash = bytes[0..<lastDash].lastIndex(of: Letter.hyphen),
            ConfixStripper.isInflectionalSuffix(bytes, from: lastDash + 1, to: bytes.count)
        {
            left = Candidate(start: 0, end: innerDash)
            right = Candidate(start: innerDash + 1, end: bytes.count)
        }
        guard left.end > left.start, right.end > right.start else { return .unchanged }
        let leftRoot = ecs.stemSingular(left)
        let leftBytes = leftRoot >= 0 ? lexicon.bytes(at: leftRoot) : ecs.bytes(of: left)
        let rightRoot = ecs.stemSingular(right)
        var rightBytes = rightRoot >= 0 ? lexicon.bytes(at: rightRoot) : ecs.bytes(of: right)
        // `meniru-nirukan`: the second half may have lost the nasal of a `me-` prefix.
        if rightRoot < 0 && lexicon.find(right, in: bytes) < 0 {
            let prefixed = [Letter.m, Letter.e] + ecs.bytes(of: right)
            rightBytes = prefixed.withUnsafeBufferPointer { buffer in
                let stripper = ConfixStripper(lexicon: lexicon, buffer: buffer)
                let retry = stripper.stemSingular(Candidate(start: 0, end: buffer.count))
                return retry >= 0 ? lexicon.bytes(at: retry) : prefixed
            }
        }
        guard leftBytes == rightBytes else { return .unchanged }
        return leftRoot >= 0 ? .entry(leftRoot) : .bytes(leftBytes)
    }

    /// For an entry `x-x` whose half `x` is itself an entry, that half (`anak-anak` → `anak`).
    private func reduplicatedRoot(ofEntry entry: Int32) -> Int32? {
        let bytes = lexicon.bytes(at: entry)
        let count = bytes.count
        guard count % 2 == 1, bytes[count / 2] == Letter.hyphen else { return nil }
        let half = count / 2
        for index in 0..<half where bytes[index] != bytes[half + 1 + index] {
            return nil
        }
        return bytes.withUnsafeBufferPointer { buffer in
            let root = lexicon.find(Candidate(start: 0, end: half), in: buffer)
            return root >= 0 ? root : nil
        }
    }
}

// MARK: - Bytes

private enum Letter {
    static let a = UInt8(ascii: "a")
    static let e = UInt8(ascii: "e")
    static let i = UInt8(ascii: "i")
    static let k = UInt8(ascii: "k")
    static let l = UInt8(ascii: "l")
    static let m = UInt8(ascii: "m")
    static let n = UInt8(ascii: "n")
    static let p = UInt8(ascii: "p")
    static let r = UInt8(ascii: "r")
    static let s = UInt8(ascii: "s")
    static let t = UInt8(ascii: "t")
    static let hyphen = UInt8(ascii: "-")
}

/// Character classes of the ECS rules, as bit sets over the letters `a`–`z` (bit 0 is `a`).
private enum LetterClass {
    static let vowel = mask("aiueo")
    static let consonant = mask("bcdfghjklmnpqrstvwxyz")
    static let letter = mask("abcdefghijklmnopqrstuvwxyz")
    /// Consonants other than `l m n r w y` (rules 35 and 36).
    static let obstruent = mask("bcdfghjkpqstvxz")
    /// The letters Sastrawi's rule 19 accepts after `memp` (not `e`, `n`).
    static let afterMemp = mask("abcdfghijklmopqrstuvwxyz")
    /// Rule 10.
    static let liquid = mask("lrwy")
    /// Rules 14 and 27.
    static let dental = mask("cdjstz")
    /// Rules 11 and 25.
    static let labial = mask("bfv")
    /// Rule 16.
    static let velar = mask("ghqk")

    private static func mask(_ letters: StaticString) -> UInt32 {
        letters.withUTF8Buffer { buffer in
            buffer.reduce(UInt32(0)) { $0 | 1 << UInt32($1 - Letter.a) }
        }
    }

    @inline(__always)
    static func contains(_ set: UInt32, _ byte: UInt8) -> Bool {
        let offset = byte &- Letter.a
        return offset < 26 && (set >> UInt32(offset)) & 1 == 1
    }
}

// MARK: - Tokens

/// A candidate word: an optional single recoded head letter followed by a slice of the input bytes.
///
/// Every ECS recoding replaces a prefix by at most one letter (`meny-sapu`, `me-pukul`, `me-tulis`,
/// `meng-kirim`, the `C` of an infix), so a candidate never needs more than one extra byte.
private struct Candidate: Equatable {
    /// The recoded first letter, or 0 for none.
    var head: UInt8 = 0
    var start: Int
    var end: Int

    var count: Int { (head == 0 ? 0 : 1) + end - start }
}

// MARK: - Dictionary

/// Roots and protected words in an open-addressing hash table keyed by FNV-1a over the bytes.
private final class RootLexicon: Sendable {
    struct Builder {
        private var storage: [UInt8] = []
        private var offsets: [UInt32] = []
        private var lengths: [UInt8] = []
        private var strings: [String] = []
        private var protected: [Bool] = []
        private var index: [[UInt8]: Int] = [:]

        mutating func add(_ word: String, minimumLength: Int, isProtected: Bool) {
            var bytes = Array(word.utf8)
            while let last = bytes.last, Builder.isSpace(last) { bytes.removeLast() }
            let leading = bytes.prefix(while: Builder.isSpace).count
            bytes.removeFirst(leading)
            for index in bytes.indices {
                switch bytes[index] {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    bytes[index] |= 0x20
                case UInt8(ascii: "a")...UInt8(ascii: "z"), Letter.hyphen:
                    break
                default:
                    return
                }
            }
            guard bytes.count >= minimumLength, bytes.count <= Int(UInt8.max),
                bytes.first != Letter.hyphen, bytes.last != Letter.hyphen
            else { return }
            if let existing = index[bytes] {
                protected[existing] = protected[existing] || isProtected
                return
            }
            index[bytes] = strings.count
            offsets.append(UInt32(storage.count))
            lengths.append(UInt8(bytes.count))
            storage.append(contentsOf: bytes)
            strings.append(String(decoding: bytes, as: UTF8.self))
            protected.append(isProtected)
        }

        private static func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
                || byte == UInt8(ascii: "\n")
        }

        func build() -> RootLexicon {
            RootLexicon(storage: storage, offsets: offsets, lengths: lengths, strings: strings, protected: protected)
        }
    }

    private let storage: [UInt8]
    private let offsets: [UInt32]
    private let lengths: [UInt8]
    private let strings: [String]
    private let protected: [Bool]
    /// `hash << 32 | (entry + 1)`; 0 marks an empty slot.
    private let slots: [UInt64]
    private let mask: Int

    private init(storage: [UInt8], offsets: [UInt32], lengths: [UInt8], strings: [String], protected: [Bool]) {
        self.storage = storage
        self.offsets = offsets
        self.lengths = lengths
        self.strings = strings
        self.protected = protected
        var capacity = 16
        while capacity < strings.count * 2 { capacity <<= 1 }
        var slots = [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        storage.withUnsafeBufferPointer { buffer in
            for entry in offsets.indices {
                let start = Int(offsets[entry])
                let hash = RootLexicon.hash(Candidate(start: start, end: start + Int(lengths[entry])), in: buffer)
                var slot = Int(truncatingIfNeeded: hash) & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = UInt64(hash) << 32 | UInt64(entry + 1)
            }
        }
        self.slots = slots
        self.mask = mask
    }

    @inline(__always)
    private static func hash(_ token: Candidate, in buffer: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        if token.head != 0 {
            hash = (hash ^ UInt32(token.head)) &* 16_777_619
        }
        var index = token.start
        while index < token.end {
            hash = (hash ^ UInt32(buffer[index])) &* 16_777_619
            index += 1
        }
        return hash
    }

    /// The entry number of `token`, or -1.
    func find(_ token: Candidate, in buffer: UnsafeBufferPointer<UInt8>) -> Int32 {
        let length = token.count
        guard length > 0, length <= Int(UInt8.max) else { return -1 }
        let hash = RootLexicon.hash(token, in: buffer)
        var slot = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            storage.withUnsafeBufferPointer { storage in
                while true {
                    let value = slots[slot]
                    if value == 0 { return -1 }
                    if UInt32(truncatingIfNeeded: value >> 32) == hash {
                        let entry = Int(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1
                        if Int(lengths[entry]) == length
                            && RootLexicon.matches(token, in: buffer, storage: storage, at: Int(offsets[entry]))
                        {
                            return Int32(entry)
                        }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    @inline(__always)
    private static func matches(
        _ token: Candidate, in buffer: UnsafeBufferPointer<UInt8>, storage: UnsafeBufferPointer<UInt8>, at offset: Int
    ) -> Bool {
        var position = offset
        if token.head != 0 {
            if storage[position] != token.head { return false }
            position += 1
        }
        var index = token.start
        while index < token.end {
            if storage[position] != buffer[index] { return false }
            position += 1
            index += 1
        }
        return true
    }

    func isProtected(_ entry: Int32) -> Bool { protected[Int(entry)] }

    func string(at entry: Int32) -> String { strings[Int(entry)] }

    func bytes(at entry: Int32) -> [UInt8] {
        let start = Int(offsets[Int(entry)])
        return Array(storage[start..<start + Int(lengths[Int(entry)])])
    }
}

// MARK: - Confix stripping

/// One run of the ECS (enhanced confix stripping) algorithm over the bytes of one word.
private struct ConfixStripper {
    /// Prefix families that take part in the disallowed prefix–suffix pairs.
    enum Family {
        case none, be, di, ke, me, pe, se, te
    }

    /// Derivational suffixes that take part in the disallowed prefix–suffix pairs.
    enum Suffix {
        case none, i, kan, an, other
    }

    /// A removed suffix: the word before the removal, and what kind of suffix it was.
    struct SuffixRemoval {
        var subject: Candidate
        var derivational: Suffix
    }

    /// The suffixes removed in one pass, in the order removed (particle, possessive, derivational).
    struct SuffixRemovals {
        var items: (SuffixRemoval?, SuffixRemoval?, SuffixRemoval?) = (nil, nil, nil)
        var derivational: Suffix = .none
    }

    let lexicon: RootLexicon
    let buffer: UnsafeBufferPointer<UInt8>

    // MARK: Bytes of a token

    @inline(__always)
    func at(_ token: Candidate, _ index: Int) -> UInt8 {
        if token.head != 0 {
            if index == 0 { return token.head }
            let position = token.start + index - 1
            return position < token.end ? buffer[position] : 0
        }
        let position = token.start + index
        return position < token.end ? buffer[position] : 0
    }

    @inline(__always)
    func has(_ token: Candidate, _ index: Int, _ set: UInt32) -> Bool {
        LetterClass.contains(set, at(token, index))
    }

    func hasPrefix(_ token: Candidate, _ prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { prefix in
            guard token.count >= prefix.count else { return false }
            for index in 0..<prefix.count where at(token, index) != prefix[index] {
                return false
            }
            return true
        }
    }

    func hasSuffix(_ token: Candidate, _ suffix: StaticString) -> Bool {
        suffix.withUTF8Buffer { suffix in
            let offset = token.count - suffix.count
            guard offset >= 0 else { return false }
            for index in 0..<suffix.count where at(token, offset + index) != suffix[index] {
                return false
            }
            return true
        }
    }

    func equals(_ token: Candidate, _ word: StaticString) -> Bool {
        token.count == word.utf8CodeUnitCount && hasPrefix(token, word)
    }

    /// `token` without its first `count` letters, optionally with a recoded `head` letter in front.
    @inline(__always)
    func dropFirst(_ token: Candidate, _ count: Int, head: UInt8 = 0) -> Candidate {
        let skipped = token.head == 0 ? count : count - 1
        return Candidate(head: head, start: token.start + skipped, end: token.end)
    }

    func dropLast(_ token: Candidate, _ count: Int) -> Candidate {
        let slice = token.end - token.start
        if count <= slice {
            return Candidate(head: token.head, start: token.start, end: token.end - count)
        }
        return Candidate(start: token.start, end: token.start)
    }

    func contains(_ token: Candidate) -> Bool { lexicon.find(token, in: buffer) >= 0 }

    func bytes(of token: Candidate) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(token.count)
        if token.head != 0 { bytes.append(token.head) }
        bytes.append(contentsOf: buffer[token.start..<token.end])
        return bytes
    }

    // MARK: Suffixes

    /// Whether `bytes[start..<end]` is `ku`, `mu`, `nya`, `lah`, `kah`, `tah` or `pun`.
    static func isInflectionalSuffix(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        let slice = bytes[start..<end]
        for suffix in inflectionalSuffixes where slice.elementsEqual(suffix) {
            return true
        }
        return false
    }

    private static let inflectionalSuffixes: [[UInt8]] = ["ku", "mu", "nya", "lah", "kah", "tah", "pun"].map {
        Array($0.utf8)
    }

    /// Removes `count` letters and any hyphens before them (`nikmat-ku`).
    private func dropInflection(_ token: Candidate, _ count: Int) -> Candidate {
        var result = dropLast(token, count)
        while result.end > result.start && buffer[result.end - 1] == Letter.hyphen {
            result.end -= 1
        }
        return result
    }

    /// `-lah`, `-kah`, `-tah`, `-pun`
    func removeParticle(_ token: Candidate) -> Candidate? {
        if hasSuffix(token, "lah") || hasSuffix(token, "kah") || hasSuffix(token, "tah") || hasSuffix(token, "pun") {
            return dropInflection(token, 3)
        }
        return nil
    }

    /// `-ku`, `-mu`, `-nya`
    func removePossessive(_ token: Candidate) -> Candidate? {
        if hasSuffix(token, "nya") { return dropInflection(token, 3) }
        if hasSuffix(token, "ku") || hasSuffix(token, "mu") { return dropInflection(token, 2) }
        return nil
    }

    /// `-isasi`, `-isme`, `-kan`, `-is`, `-an`, `-i`: the longest that matches.
    func removeDerivational(_ token: Candidate) -> (Candidate, Suffix)? {
        if hasSuffix(token, "isasi") { return (dropLast(token, 5), .other) }
        if hasSuffix(token, "isme") { return (dropLast(token, 4), .other) }
        if hasSuffix(token, "kan") { return (dropLast(token, 3), .kan) }
        if hasSuffix(token, "is") { return (dropLast(token, 2), .other) }
        if hasSuffix(token, "an") { return (dropLast(token, 2), .an) }
        if hasSuffix(token, "i") { return (dropLast(token, 1), .i) }
        return nil
    }

    /// The dictionary entry that `token` becomes once inflectional suffixes are removed, or -1.
    func findAfterInflectionalSuffixes(_ token: Candidate) -> Int32 {
        var current = token
        if let next = removeParticle(current) {
            current = next
            let entry = lexicon.find(current, in: buffer)
            if entry >= 0 { return entry }
        }
        if let next = removePossessive(current) {
            return lexicon.find(next, in: buffer)
        }
        return -1
    }

    /// Removes particle, possessive and derivational suffix in turn, stopping at a dictionary word.
    func removeSuffixes(_ token: Candidate, into removals: inout SuffixRemovals) -> (Candidate, Bool) {
        var current = token
        if let next = removeParticle(current) {
            removals.items.0 = SuffixRemoval(subject: current, derivational: .none)
            current = next
            if contains(current) { return (current, true) }
        }
        if let next = removePossessive(current) {
            removals.items.1 = SuffixRemoval(subject: current, derivational: .none)
            current = next
            if contains(current) { return (current, true) }
        }
        if let (next, suffix) = removeDerivational(current) {
            removals.items.2 = SuffixRemoval(subject: current, derivational: suffix)
            removals.derivational = suffix
            current = next
            if contains(current) { return (current, true) }
        }
        return (current, false)
    }

    // MARK: Prefixes

    /// Nazief and Adriani's disallowed prefix–suffix combinations.
    func isDisallowed(_ family: Family, _ suffix: Suffix, subject: Candidate) -> Bool {
        switch (family, suffix) {
        case (.be, .i), (.di, .an), (.me, .an), (.se, .i), (.se, .kan), (.te, .an), (.ke, .kan):
            return true
        case (.ke, .i):
            return !equals(subject, "ketahu")
        default:
            return false
        }
    }

    /// Removes up to three prefixes, stopping at a dictionary word. The first prefix must not form a
    /// disallowed pair with `suffix`.
    func removePrefixes(_ token: Candidate, suffix: Suffix) -> (Candidate, Bool) {
        var current = token
        for round in 0..<3 {
            if round == 0 && !startsWithPlainPrefix(current) && contains(current) {
                return (current, true)
            }
            guard let (next, family, found) = removePrefix(current) else { return (current, false) }
            if round == 0 && suffix != .none && isDisallowed(family, suffix, subject: current) {
                return (current, false)
            }
            current = next
            if found || contains(current) { return (current, true) }
        }
        return (current, false)
    }

    private func startsWithPlainPrefix(_ token: Candidate) -> Bool {
        hasPrefix(token, "di") || hasPrefix(token, "ke") || hasPrefix(token, "se")
    }

    /// Picks among the readings of one disambiguation rule: the first that is a dictionary word, otherwise
    /// the last one tried (Sastrawi's semantics, including a trailing rule that does not match).
    private struct Choice {
        var result: Candidate?
        var found = false

        /// Tries one reading; returns `true` when the choice is settled.
        mutating func offer(_ candidate: Candidate?, _ ecs: ConfixStripper) -> Bool {
            result = candidate
            if let candidate, ecs.contains(candidate) {
                found = true
                return true
            }
            return false
        }

        /// The removal this rule makes, if any.
        func settle(_ family: Family) -> (Candidate, Family, Bool)? {
            guard let result else { return nil }
            return (result, family, found)
        }
    }

    /// Applies the first prefix rule that removes something: the new token, the prefix family, and whether
    /// the new token is known to be a dictionary word.
    func removePrefix(_ word: Candidate) -> (Candidate, Family, Bool)? {
        let vowel = LetterClass.vowel, consonant = LetterClass.consonant, letter = LetterClass.letter
        // Plain prefixes di-, ke-, se-.
        if hasPrefix(word, "di") { return (dropFirst(word, 2), .di, false) }
        if hasPrefix(word, "ke") { return (dropFirst(word, 2), .ke, false) }
        if hasPrefix(word, "se") { return (dropFirst(word, 2), .se, false) }

        var choice = Choice()

        let c0 = at(word, 0), c1 = at(word, 1), c2 = at(word, 2), c3 = at(word, 3)
        if c0 == UInt8(ascii: "b") && c1 == Letter.e {
            let ber = c2 == Letter.r
            // 1: berV → ber-V | be-rV
            if ber && has(word, 3, vowel) {
                if !choice.offer(dropFirst(word, 3), self) { _ = choice.offer(dropFirst(word, 2), self) }
                if let result = choice.settle(.be) { return result }
            }
            // 2: berCAP → ber-CAP where P != 'er'
            if ber && has(word, 3, consonant) && has(word, 4, letter)
                && !(at(word, 5) == Letter.e && at(word, 6) == Letter.r)
            {
                _ = choice.offer(dropFirst(word, 3), self)
                return choice.settle(.be)
            }
            // 3: berCAerV → ber-CAerV where C != 'r'
            if ber && has(word, 3, consonant) && c3 != Letter.r && has(word, 4, letter) && at(word, 5) == Letter.e
                && at(word, 6) == Letter.r && has(word, 7, vowel)
            {
                _ = choice.offer(dropFirst(word, 3), self)
                return choice.settle(.be)
            }
            // 4: belajar → bel-ajar
            if equals(word, "belajar") {
                _ = choice.offer(dropFirst(word, 3), self)
                return choice.settle(.be)
            }
            // 5: beC1erC2 → be-C1erC2 where C1 != 'r'
            if has(word, 2, consonant) && c2 != Letter.r && c3 == Letter.e && at(word, 4) == Letter.r
                && has(word, 5, consonant)
            {
                _ = choice.offer(dropFirst(word, 2), self)
                return choice.settle(.be)
            }
        }
        if c0 == Letter.t && c1 == Letter.e {
            let ter = c2 == Letter.r
            // 6: terV → ter-V | te-rV
            if ter && has(word, 3, vowel) {
                if !choice.offer(dropFirst(word, 3), self) { _ = choice.offer(dropFirst(word, 2), self) }
                return choice.settle(.te)
            }
            // 7: terCerV → ter-CerV where C != 'r'
            if ter && has(word, 3, consonant) && c3 != Letter.r && at(word, 4) == Letter.e && at(word, 5) == Letter.r
                && has(word, 6, vowel)
            {
                _ = choice.offer(dropFirst(word, 3), self)
                return choice.settle(.te)
            }
            // 8: terCP → ter-CP where C != 'r' and P != 'er'
            if ter && has(word, 3, consonant) && c3 != Letter.r
                && !(at(word, 4) == Letter.e && at(word, 5) == Letter.r)
            {
                _ = choice.offer(dropFirst(word, 3), self)
                return choice.settle(.te)
            }
            // 9: teC1erC2 → te-C1erC2 where C1 != 'r'
            if has(word, 2, consonant) && c2 != Letter.r && c3 == Letter.e && at(word, 4) == Letter.r
                && has(word, 5, consonant)
            {
                _ = choice.offer(dropFirst(word, 2), self)
                return choice.settle(.te)
            }
        }
        if c0 == Letter.m && c1 == Letter.e {
            // 10: me{l|r|w|y}V → me-{l|r|w|y}V
            if has(word, 2, LetterClass.liquid) && has(word, 3, vowel) {
                _ = choice.offer(dropFirst(word, 2), self)
                return choice.settle(.me)
            }
            if c2 == Letter.m {
                // 11: mem{b|f|v} → mem-{b|f|v}
                if has(word, 3, LetterClass.labial) {
                    _ = choice.offer(dropFirst(word, 3), self)
                    return choice.settle(.me)
                }
                // 12: mempe → mem-pe
                if c3 == Letter.p && at(word, 4) == Letter.e {
                    _ = choice.offer(dropFirst(word, 3), self)
                    return choice.settle(.me)
                }
                // 13: mem{rV|V} → me-m{rV|V} | me-p{rV|V}
                if has(word, 3, vowel) {
                    if !choice.offer(dropFirst(word, 2), self) {
                        _ = choice.offer(dropFirst(word, 3, head: Letter.p), self)
                    }
                    return choice.settle(.me)
                }
            }
            if c2 == Letter.n {
                // 14: men{c|d|j|s|t|z} → men-{c|d|j|s|t|z}
                if has(word, 3, LetterClass.dental) {
                    _ = choice.offer(dropFirst(word, 3), self)
                    return choice.settle(.me)
                }
                // 15: men{V} → me-n{V} | me-t{V}
                if has(word, 3, vowel) {
                    if !choice.offer(dropFirst(word, 2), self) {
                        _ = choice.offer(dropFirst(word, 3, head: Letter.t), self)
                    }
                    return choice.settle(.me)
                }
                if c3 == UInt8(ascii: "g") {
                    // 16: meng{g|h|q|k} → meng-{g|h|q|k}
                    let c4 = at(word, 4)
                    if LetterClass.contains(LetterClass.velar, c4) {
                        _ = choice.offer(dropFirst(word, 4), self)
                        return choice.settle(.me)
                    }
                    // 17: mengV → meng-V | meng-kV | (menge →) meng-e- | me-ngV
                    if has(word, 4, vowel) {
                        if choice.offer(dropFirst(word, 4), self)
                            || choice.offer(dropFirst(word, 4, head: Letter.k), self)
                            || (c4 == Letter.e && choice.offer(dropFirst(word, 5), self))
                        {
                            return choice.settle(.me)
                        }
                        _ = choice.offer(dropFirst(word, 2), self)
                        return choice.settle(.me)
                    }
                }
                // 18: menyV → me-nyV | meny-sV
                if c3 == UInt8(ascii: "y") && has(word, 4, vowel) {
                    if !choice.offer(dropFirst(word, 2), self) {
                        _ = choice.offer(dropFirst(word, 4, head: Letter.s), self)
                    }
                    return choice.settle(.me)
                }
            }
            // 19: mempA → mem-pA where A != 'e' (nor 'n', as in Sastrawi)
            if c2 == Letter.m && c3 == Letter.p && has(word, 4, LetterClass.afterMemp) {
                _ = choice.offer(dropFirst(word, 3), self)
                return choice.settle(.me)
            }
        }
        if c0 == Letter.p && c1 == Letter.e {
            // 20: pe{w|y}V → pe-{w|y}V
            if (c2 == UInt8(ascii: "w") || c2 == UInt8(ascii: "y")) && has(word, 3, vowel) {
                _ = choice.offer(dropFirst(word, 2), self)
                return choice.settle(.pe)
            }
            if c2 == Letter.r {
                // 21: perV → per-V | pe-rV
                if has(word, 3, vowel) {
                    if !choice.offer(dropFirst(word, 3), self) { _ = choice.offer(dropFirst(word, 2), self) }
                    return choice.settle(.pe)
                }
                // 23: perCAP → per-CAP where P != 'er'
                if has(word, 3, consonant) && has(word, 4, letter)
                    && !(at(word, 5) == Letter.e && at(word, 6) == Letter.r)
                {
                    _ = choice.offer(dropFirst(word, 3), self)
                    return choice.settle(.pe)
                }
                // 24: perCAerV → per-CAerV where C != 'r'
                if has(word, 3, consonant) && c3 != Letter.r && has(word, 4, letter) && at(word, 5) == Letter.e
                    && at(word, 6) == Letter.r && has(word, 7, vowel)
                {
                    _ = choice.offer(dropFirst(word, 3), self)
                    return choice.settle(.pe)
                }
            }
            if c2 == Letter.m {
                // 25: pem{b|f|v} → pem-{b|f|v}
                if has(word, 3, LetterClass.labial) {
                    _ = choice.offer(dropFirst(word, 3), self)
                    return choice.settle(.pe)
                }
                // 26: pem{rV|V} → pe-m{rV|V} | pe-p{rV|V}
                if has(word, 3, vowel) {
                    if !choice.offer(dropFirst(word, 2), self) {
                        _ = choice.offer(dropFirst(word, 3, head: Letter.p), self)
                    }
                    return choice.settle(.pe)
                }
            }
            if c2 == Letter.n {
                // 27: pen{c|d|j|s|t|z} → pen-{c|d|j|s|t|z}
                if has(word, 3, LetterClass.dental) {
                    _ = choice.offer(dropFirst(word, 3), self)
                    return choice.settle(.pe)
                }
                // 28: pen{V} → pe-n{V} | pe-t{V}
                if has(word, 3, vowel) {
                    if !choice.offer(dropFirst(word, 2), self) {
                        _ = choice.offer(dropFirst(word, 3, head: Letter.t), self)
                    }
                    return choice.settle(.pe)
                }
                if c3 == UInt8(ascii: "g") {
                    // 29: pengC → peng-C
                    if has(word, 4, consonant) {
                        _ = choice.offer(dropFirst(word, 4), self)
                        return choice.settle(.pe)
                    }
                    // 30: pengV → peng-V | peng-kV | (penge →) peng-e-; Sastrawi removes nothing when neither
                    // of the first two readings is a root and the vowel is not 'e'.
                    if has(word, 4, vowel) {
                        if !choice.offer(dropFirst(word, 4), self)
                            && !choice.offer(dropFirst(word, 4, head: Letter.k), self)
                        {
                            _ = choice.offer(at(word, 4) == Letter.e ? dropFirst(word, 5) : nil, self)
                        }
                        if let result = choice.settle(.pe) { return result }
                    }
                }
                // 31: penyV → pe-nyV | peny-sV
                if c3 == UInt8(ascii: "y") && has(word, 4, vowel) {
                    if !choice.offer(dropFirst(word, 2), self) {
                        _ = choice.offer(dropFirst(word, 4, head: Letter.s), self)
                    }
                    return choice.settle(.pe)
                }
            }
            // 32: pelV → pe-lV, except pelajar → pel-ajar
            if equals(word, "pelajar") {
                _ = choice.offer(dropFirst(word, 3), self)
                return choice.settle(.pe)
            }
            if c2 == Letter.l && has(word, 3, vowel) {
                _ = choice.offer(dropFirst(word, 2), self)
                return choice.settle(.pe)
            }
            // 34: peCP → pe-CP where P != 'er'
            if has(word, 2, consonant) && !(c3 == Letter.e && at(word, 4) == Letter.r) {
                _ = choice.offer(dropFirst(word, 2), self)
                return choice.settle(.pe)
            }
        }
        // 35: terC1erC2 → ter-C1erC2 where C1 is not l, m, n, r, w, y
        if c0 == Letter.t && c1 == Letter.e && c2 == Letter.r && has(word, 3, LetterClass.obstruent)
            && at(word, 4) == Letter.e && at(word, 5) == Letter.r && has(word, 6, consonant)
        {
            _ = choice.offer(dropFirst(word, 3), self)
            return choice.settle(.te)
        }
        // 36: peC1erC2 → pe-C1erC2 where C1 is not l, m, n, r, w, y
        if c0 == Letter.p && c1 == Letter.e && has(word, 2, LetterClass.obstruent) && c3 == Letter.e
            && at(word, 4) == Letter.r && has(word, 5, consonant)
        {
            _ = choice.offer(dropFirst(word, 2), self)
            return choice.settle(.pe)
        }
        // 37–40: infixes CerV, CelV, CemV, CinV → CV (the whole word itself is tried first)
        if has(word, 0, consonant) && has(word, 3, vowel)
            && ((c1 == Letter.e && (c2 == Letter.r || c2 == Letter.l || c2 == Letter.m))
                || (c1 == Letter.i && c2 == Letter.n))
        {
            if !choice.offer(word, self) { _ = choice.offer(dropFirst(word, 3, head: c0), self) }
            return choice.settle(.none)
        }
        // 41: kuA → ku-A; 42: kauA → kau-A
        if c0 == Letter.k && c1 == UInt8(ascii: "u") {
            _ = choice.offer(dropFirst(word, 2), self)
            return choice.settle(.none)
        }
        if c0 == Letter.k && c1 == Letter.a && c2 == UInt8(ascii: "u") {
            _ = choice.offer(dropFirst(word, 3), self)
            return choice.settle(.none)
        }
        return nil
    }

    // MARK: Word

    /// Asian's precedence adjustment: confixes whose prefix is removed before the suffix.
    func prefersPrefixFirst(_ word: Candidate) -> Bool {
        (hasPrefix(word, "be")
            && (hasSuffix(word, "lah") && word.count >= 5
                || hasSuffix(word, "an")
                    && word.count >= 4))
            || (hasPrefix(word, "me") && hasSuffix(word, "i") && word.count >= 3)
            || (hasPrefix(word, "di") && hasSuffix(word, "i") && word.count >= 3)
            || (hasPrefix(word, "pe") && hasSuffix(word, "i") && word.count >= 3)
            || (hasPrefix(word, "ter") && hasSuffix(word, "i") && word.count >= 4)
    }

    /// The dictionary entry `word` stems to, or -1 when no root is found.
    func stemSingular(_ word: Candidate) -> Int32 {
        let direct = lexicon.find(word, in: buffer)
        if direct >= 0 { return direct }
        if word.count <= 3 { return -1 }

        if prefersPrefixFirst(word) {
            let (stripped, found) = removePrefixes(word, suffix: .none)
            if found { return lexicon.find(stripped, in: buffer) }
            var ignored = SuffixRemovals()
            let (bare, foundBare) = removeSuffixes(stripped, into: &ignored)
            if foundBare { return lexicon.find(bare, in: buffer) }
        }

        var removals = SuffixRemovals()
        let (bare, foundBare) = removeSuffixes(word, into: &removals)
        if foundBare { return lexicon.find(bare, in: buffer) }
        let (stripped, found) = removePrefixes(bare, suffix: removals.derivational)
        if found { return lexicon.find(stripped, in: buffer) }

        // Loop pengembalian akhiran: put the suffixes back, innermost first, and retry the prefixes.
        for position in 0..<3 {
            let removal: SuffixRemoval?
            switch position {
            case 0: removal = removals.items.2
            case 1: removal = removals.items.1
            default: removal = removals.items.0
            }
            guard let removal else { continue }
            if removal.derivational == .kan {
                let (candidate, found) = removePrefixes(dropLast(removal.subject, 2), suffix: .an)
                if found { return lexicon.find(candidate, in: buffer) }
            }
            let (candidate, found) = removePrefixes(removal.subject, suffix: .none)
            if found { return lexicon.find(candidate, in: buffer) }
        }
        // Last resort for `-kan` misspelt for `-kkan` (`menunjukan`, `dimasukan`): the `-k` + `-an` reading
        // without the disallowed-pair check, which only guards against a wrong root (`dimakan` ≠ `mak`).
        if let removal = removals.items.2, removal.derivational == .kan {
            let (candidate, found) = removePrefixes(dropLast(removal.subject, 2), suffix: .none)
            if found { return lexicon.find(candidate, in: buffer) }
        }
        return -1
    }
}
