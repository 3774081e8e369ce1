/// Lists of known names (places, people, organisations), matched longest-first over lower-cased tokens.
///
/// Matches become features, never decisions: a token gets `B`/`I`/`L`/`U` codes per list, and the model
/// learns how far to trust each (Ratinov & Roth 2009, "BIO-aware" gazetteer features).
package struct Gazetteer: Sendable {
    /// The longest entry, in tokens.
    package private(set) var maximumLength = 0
    /// Sequence hash of an entry's lower-cased tokens → bit mask of the lists that hold it.
    private var entries: [UInt64: UInt8] = [:]

    package init() {}

    /// The number of distinct entries.
    package var count: Int { entries.count }

    /// Adds the entry `text` (lower-cased, tokenized as the tagger tokenizes) to list `list` (0, 1 or 2).
    package mutating func add(_ text: String, list: Int) {
        let tokenizer = NERTokenizer()
        var copy = text
        let key: UInt64? = copy.withUTF8 { buffer in
            let tokens = tokenizer.tokens(in: buffer, range: 0..<buffer.count)
            guard !tokens.isEmpty, tokens.count <= 8 else { return nil }
            maximumLength = max(maximumLength, tokens.count)
            var hash = FeatureHash.basis
            for token in tokens { hash = FeatureHash.combine(hash, FeatureHash.bytes(buffer, token)) }
            return hash
        }
        if let key { entries[key, default: 0] |= UInt8(1 << list) }
    }

    /// Per-token match codes: for list `k`, bits `3k…3k+2` hold 0 (none) or 1–4 (B, I, L, U).
    ///
    /// A match must start on a token whose `startsUpper` is true, so lower-case common words that happen to be
    /// city names ("batu", "medan") do not fire in running text.
    /// - Parameters:
    ///   - lowerHashes: `FeatureHash.bytes` of each token's lower-cased form.
    ///   - startsUpper: whether each token begins with an upper-case letter.
    package func codes(lowerHashes: [UInt64], startsUpper: [Bool]) -> [UInt16] {
        let count = lowerHashes.count
        var codes = [UInt16](repeating: 0, count: count)
        guard maximumLength > 0 else { return codes }
        for list in 0..<3 {
            let bit = UInt8(1 << list)
            var index = 0
            while index < count {
                guard startsUpper[index] else {
                    index += 1
                    continue
                }
                var hash = FeatureHash.basis
                var matched = 0
                var length = 0
                while length < maximumLength && index + length < count {
                    hash = FeatureHash.combine(hash, lowerHashes[index + length])
                    length += 1
                    if let mask = entries[hash], mask & bit != 0 { matched = length }
                }
                guard matched > 0 else {
                    index += 1
                    continue
                }
                let shift = UInt16(3 * list)
                if matched == 1 {
                    codes[index] |= 4 << shift
                } else {
                    codes[index] |= 1 << shift
                    for inner in (index + 1)..<(index + matched - 1) { codes[inner] |= 2 << shift }
                    codes[index + matched - 1] |= 3 << shift
                }
                index += matched
            }
        }
        return codes
    }
}
