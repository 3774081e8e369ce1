import WartaText

/// The features of each token in a sentence, as 64-bit keys in one flat array.
package struct SentenceFeatures: Sendable {
    /// All keys, token after token.
    package var keys: [UInt64]
    /// `keys[offsets[i]..<offsets[i + 1]]` are token `i`'s keys.
    package var offsets: [Int]

    /// The number of tokens.
    package var count: Int { offsets.count - 1 }
}

/// Turns tokens into hashed feature keys: word, shape, affixes, context ±2, cue words, gazetteer codes,
/// word clusters, capitalisation statistics and sentence position.
///
/// Every feature is a key `combine(template, value)`; the model maps keys to weight rows. Feature values are
/// computed from UTF-8 bytes without building strings, except to lower-case non-ASCII words.
package struct FeatureExtractor: Sendable {
    /// The lexicon features draw on.
    package var lexicon: NERLexicon

    /// A version of the feature set, stored in the model; bump it when features change.
    package static let version: UInt32 = 1

    package init(lexicon: NERLexicon) {
        self.lexicon = lexicon
    }

    /// Per-token values that neighbours' features reuse.
    private struct TokenInfo {
        var lower: UInt64 = 0
        var raw: UInt64 = 0
        var shape: UInt64 = 0
        var shortShape: UInt64 = 0
        var flags: UInt64 = 0
        var cue: UInt64 = 0
        var statistics = WordStatistics.unknown
        var lowerStart = 0
        var lowerEnd = 0
    }

    // Flag bits.
    private static let initialUpper: UInt64 = 1
    private static let allUpper: UInt64 = 2
    private static let hasDigit: UInt64 = 4
    private static let allDigit: UInt64 = 8
    private static let punctuation: UInt64 = 16
    private static let innerUpper: UInt64 = 32
    private static let singleLetter: UInt64 = 64

    /// The features of the tokens `tokens` (byte ranges into `bytes`).
    package func features(bytes: UnsafeBufferPointer<UInt8>, tokens: [Range<Int>]) -> SentenceFeatures {
        let count = tokens.count
        var lowered: [UInt8] = []
        lowered.reserveCapacity(tokens.reduce(0) { $0 + $1.count })
        var infos = [TokenInfo](repeating: TokenInfo(), count: count)
        var shapeBuffer: [UInt8] = []
        var shortBuffer: [UInt8] = []
        for (index, range) in tokens.enumerated() {
            var info = TokenInfo()
            info.raw = FeatureHash.bytes(bytes, range)
            info.lowerStart = lowered.count
            appendLowered(bytes, range, to: &lowered)
            info.lowerEnd = lowered.count
            info.lower = lowered.withUnsafeBufferPointer { FeatureHash.bytes($0, info.lowerStart..<info.lowerEnd) }
            shape(bytes, range, shape: &shapeBuffer, short: &shortBuffer, flags: &info.flags)
            info.shape = FeatureHash.bytes(shapeBuffer)
            info.shortShape = FeatureHash.bytes(shortBuffer)
            info.cue = UInt64(lexicon.cues[info.lower] ?? 0)
            info.statistics = lexicon.statistics[info.lower] ?? .unknown
            infos[index] = info
        }
        let gazetteer = lexicon.gazetteer.codes(
            lowerHashes: infos.map(\.lower), startsUpper: infos.map { $0.flags & Self.initialUpper != 0 })

        var result = SentenceFeatures(keys: [], offsets: [0])
        result.keys.reserveCapacity(count * 64)
        result.offsets.reserveCapacity(count + 1)
        let boundary = TokenInfo(lower: 1, raw: 1, shape: 1, shortShape: 1, flags: 1 << 20)
        lowered.withUnsafeBufferPointer { low in
            for index in 0..<count {
                let w0 = infos[index]
                let p1 = index > 0 ? infos[index - 1] : boundary
                let p2 = index > 1 ? infos[index - 2] : boundary
                let n1 = index + 1 < count ? infos[index + 1] : boundary
                let n2 = index + 2 < count ? infos[index + 2] : boundary
                var keys = result.keys
                result.keys = []
                func add(_ template: UInt64, _ value: UInt64) {
                    keys.append(FeatureHash.combine(template, value))
                }
                add(1, 0)
                add(2, w0.lower)
                add(3, w0.raw)
                add(4, w0.shape)
                add(5, w0.shortShape)
                let length = w0.lowerEnd - w0.lowerStart
                for affix in 1...4 where affix <= length {
                    add(5 + UInt64(affix), FeatureHash.bytes(low, w0.lowerStart..<(w0.lowerStart + affix)))
                    add(9 + UInt64(affix), FeatureHash.bytes(low, (w0.lowerEnd - affix)..<w0.lowerEnd))
                }
                add(14, w0.flags)
                add(15, (index == 0 ? 2 : 0) | (w0.flags & Self.initialUpper))
                add(16, p1.lower)
                add(17, p2.lower)
                add(18, n1.lower)
                add(19, n2.lower)
                add(20, p1.shortShape)
                add(21, n1.shortShape)
                add(22, p2.shortShape)
                add(23, n2.shortShape)
                add(24, FeatureHash.combine(p1.lower, w0.lower))
                add(25, FeatureHash.combine(w0.lower, n1.lower))
                add(26, FeatureHash.combine(p2.lower, p1.lower))
                add(27, FeatureHash.combine(n1.lower, n2.lower))
                add(28, FeatureHash.combine(FeatureHash.combine(p1.shortShape, w0.shortShape), n1.shortShape))
                add(29, (p1.flags & 0x1F) << 8 | (w0.flags & 0x1F))
                add(53, FeatureHash.combine(p1.lower, w0.shortShape))
                add(54, FeatureHash.combine(w0.shortShape, n1.lower))
                // Gazetteer codes of w0 and its neighbours, per list.
                let g0 = UInt64(gazetteer[index])
                let gp = index > 0 ? UInt64(gazetteer[index - 1]) : 0
                let gn = index + 1 < count ? UInt64(gazetteer[index + 1]) : 0
                for list in 0..<UInt64(3) {
                    let c0 = (g0 >> (3 * list)) & 7
                    let cp = (gp >> (3 * list)) & 7
                    let cn = (gn >> (3 * list)) & 7
                    if c0 != 0 {
                        add(30, list << 3 | c0)
                        add(55, FeatureHash.combine(list << 3 | c0, w0.shortShape))
                    }
                    if cp != 0 { add(31, list << 3 | cp) }
                    if cn != 0 { add(32, list << 3 | cn) }
                }
                // Cue classes: titles before names, head words of organisations and places, speech verbs.
                add(33, p1.cue)
                add(34, p2.cue)
                add(35, w0.cue)
                add(36, n1.cue)
                // Word clusters and capitalisation statistics from unlabelled news.
                let s0 = w0.statistics
                if s0.clusters.0 >= 0 {
                    add(37, UInt64(s0.clusters.0))
                    add(38, UInt64(s0.clusters.1))
                    add(39, UInt64(s0.clusters.2))
                    add(56, FeatureHash.combine(UInt64(s0.clusters.1), w0.flags & Self.initialUpper))
                }
                let sp = p1.statistics
                if sp.clusters.0 >= 0 {
                    add(40, UInt64(sp.clusters.1))
                    add(41, UInt64(sp.clusters.2))
                }
                let sn = n1.statistics
                if sn.clusters.0 >= 0 {
                    add(42, UInt64(sn.clusters.1))
                    add(43, UInt64(sn.clusters.2))
                }
                if p2.statistics.clusters.0 >= 0 { add(44, UInt64(p2.statistics.clusters.1)) }
                if n2.statistics.clusters.0 >= 0 { add(45, UInt64(n2.statistics.clusters.1)) }
                add(46, UInt64(bitPattern: Int64(s0.capitalisedTenths)) << 1 | (w0.flags & Self.initialUpper))
                add(47, UInt64(bitPattern: Int64(sp.capitalisedTenths)))
                add(48, UInt64(bitPattern: Int64(sn.capitalisedTenths)))
                add(49, UInt64(bitPattern: Int64(s0.frequencyBucket)))
                // Sentence position.
                add(52, index == 0 ? 0 : (index + 1 == count ? 1 : (index < 3 ? 2 : 3)))
                result.keys = keys
                result.offsets.append(keys.count)
            }
        }
        return result
    }

    /// Appends the lower-cased bytes of `bytes[range]` to `output`; ASCII in place, other scripts through `String`.
    private func appendLowered(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, to output: inout [UInt8]) {
        var ascii = true
        for index in range where bytes[index] >= 0x80 {
            ascii = false
            break
        }
        if ascii {
            for index in range {
                let byte = bytes[index]
                output.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
        } else {
            let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            output.append(contentsOf: word.lowercased().utf8)
        }
    }

    /// Writes the word shape (`Xxxx`, `dd/dd`, runs capped at 4) and the short shape (runs collapsed) of
    /// `bytes[range]`, and sets case and character-class flags.
    private func shape(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, shape: inout [UInt8], short: inout [UInt8],
        flags: inout UInt64
    ) {
        shape.removeAll(keepingCapacity: true)
        short.removeAll(keepingCapacity: true)
        var index = range.lowerBound
        var run = 0
        var letters = 0
        var uppers = 0
        var digits = 0
        var others = 0
        var first = true
        while index < range.upperBound {
            let byte = bytes[index]
            var symbol: UInt8
            var length = 1
            if byte < 0x80 {
                if byte >= 0x41 && byte <= 0x5A {
                    symbol = UInt8(ascii: "X")
                } else if byte >= 0x61 && byte <= 0x7A {
                    symbol = UInt8(ascii: "x")
                } else if byte >= 0x30 && byte <= 0x39 {
                    symbol = UInt8(ascii: "d")
                } else {
                    symbol = byte
                }
            } else {
                let (scalar, scalarLength) = UTF8Scanner.scalar(in: bytes, at: index)
                length = max(scalarLength, 1)
                let properties = scalar.properties
                if properties.isUppercase {
                    symbol = UInt8(ascii: "X")
                } else if properties.isAlphabetic {
                    symbol = UInt8(ascii: "x")
                } else if properties.numericType != nil {
                    symbol = UInt8(ascii: "d")
                } else {
                    symbol = UInt8(ascii: "o")
                }
            }
            switch symbol {
            case UInt8(ascii: "X"):
                letters += 1
                uppers += 1
                if !first { flags |= Self.innerUpper }
            case UInt8(ascii: "x"): letters += 1
            case UInt8(ascii: "d"): digits += 1
            default: others += 1
            }
            if first && symbol == UInt8(ascii: "X") { flags |= Self.initialUpper }
            if let last = shape.last, last == symbol {
                run += 1
            } else {
                run = 1
                short.append(symbol)
            }
            if run <= 4 { shape.append(symbol) }
            first = false
            index += length
        }
        if uppers > 1 && uppers == letters { flags |= Self.allUpper }
        if digits > 0 { flags |= Self.hasDigit }
        if digits > 0 && letters == 0 && others == 0 { flags |= Self.allDigit }
        if letters == 0 && digits == 0 { flags |= Self.punctuation }
        if letters == 1 && digits == 0 && others == 0 { flags |= Self.singleLetter }
        // An all-caps word also counts as starting upper for the initial-capital tests.
        if uppers > 0 && uppers == letters { flags |= Self.initialUpper }
    }
}
