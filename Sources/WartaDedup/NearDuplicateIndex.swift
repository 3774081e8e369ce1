import WartaCore

/// The near-duplicate index: exact copies by normalised body hash, near copies by MinHash with LSH banding,
/// every candidate verified by exact Jaccard. It is the linker's state for duplicates, owned by one task.
///
/// Banding uses `bands` × `rows` = signature length. The default 16 × 8 puts the S-curve's midpoint near 0.71,
/// so pairs at Jaccard 0.8 become candidates with probability 0.95 and the exact check removes the rest.
public struct NearDuplicateIndex: Sendable {
    public struct Configuration: Sendable {
        /// Jaccard similarity at or above which two documents are near-duplicates.
        public var threshold = 0.8
        public var bands = 16
        public var rows = 8
        public var shingler = Shingler.Configuration()

        public init() {}
    }

    /// A document found to copy an earlier one.
    public struct Match: Sendable, Equatable {
        /// The index (insertion order) of the document it matched, the group's origin.
        public var origin: Int
        /// Exact Jaccard similarity of the shingle sets (1 for an exact copy).
        public var jaccard: Double
        public var exact: Bool
    }

    public let configuration: Configuration
    private let shingler: Shingler
    private let hasher: MinHasher
    private var buckets: [[UInt64: [Int32]]]
    private var shingleSets: [[UInt64]] = []
    private var groupOrigin: [Int32] = []
    private var exactHashes: [String: Int32] = [:]

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        shingler = Shingler(configuration: configuration.shingler)
        hasher = MinHasher(count: configuration.bands * configuration.rows)
        buckets = Array(repeating: [:], count: configuration.bands)
    }

    /// The number of documents added.
    public var count: Int { shingleSets.count }

    /// Adds a document and returns the earlier document it duplicates, if any.
    ///
    /// The returned origin is the first document of the duplicate group (its earliest member in insertion
    /// order, which is publication order in a stream).
    /// - Parameters:
    ///   - text: the cleaned body (debris already removed), so copies with other datelines still match.
    ///   - exactKey: a normalised body hash; equal keys are exact copies without any shingling.
    public mutating func add(text: String, exactKey: String? = nil) -> Match? {
        let index = Int32(shingleSets.count)
        if let exactKey, let earlier = exactHashes[exactKey] {
            shingleSets.append([])
            groupOrigin.append(groupOrigin[Int(earlier)])
            return Match(origin: Int(groupOrigin[Int(earlier)]), jaccard: 1, exact: true)
        }
        let shingles = shingler.shingles(text)
        let signature = hasher.signature(shingles)
        var best: (Int32, Double)?
        var checked = Set<Int32>()
        for band in 0..<configuration.bands {
            let key = bandKey(signature, band: band)
            if let members = buckets[band][key] {
                for member in members where checked.insert(member).inserted {
                    let similarity = MinHasher.jaccard(shingles, shingleSets[Int(member)])
                    if similarity >= configuration.threshold, similarity > (best?.1 ?? -1) {
                        best = (member, similarity)
                    }
                }
            }
            buckets[band][key, default: []].append(index)
        }
        shingleSets.append(shingles)
        if let exactKey { exactHashes[exactKey] = index }
        if let (member, similarity) = best {
            let origin = groupOrigin[Int(member)]
            groupOrigin.append(origin)
            return Match(origin: Int(origin), jaccard: similarity, exact: false)
        }
        groupOrigin.append(index)
        return nil
    }

    private func bandKey(_ signature: [UInt64], band: Int) -> UInt64 {
        var h = UInt64(band) &* 0x9E37_79B9_7F4A_7C15
        let start = band * configuration.rows
        for row in start..<(start + configuration.rows) { h = Hashing.mix(h ^ signature[row]) }
        return h
    }
}
