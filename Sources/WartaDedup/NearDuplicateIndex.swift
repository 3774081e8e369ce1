import WartaCore

/// The near-duplicate index: exact copies by normalised body hash, near copies by MinHash with LSH banding,
/// every candidate verified by exact Jaccard. It is the linker's state for duplicates, owned by one task.
///
/// Banding uses `bands` × `rows` = signature length. The default 20 × 6 puts the S-curve's midpoint near 0.61,
/// so pairs at Jaccard 0.8 become candidates with probability 0.998 (16 × 8: 0.95, which left 9 of the dedup
/// bench's 383 pairs in [0.80, 0.85) without a candidate), and the exact check removes the rest.
public struct NearDuplicateIndex: Sendable {
    public struct Configuration: Sendable {
        /// Jaccard similarity at or above which two documents are near-duplicates.
        public var threshold = 0.8
        public var bands = 20
        public var rows = 6
        public var shingler = Shingler.Configuration()
        /// ``add(title:body:exactKey:)`` compares a body of at least this many words alone, without its title: a
        /// re-post keeps the body and rewrites the title, and a new title's shingles would dilute the body's (a
        /// 12-word title is 16 of the about 200 shingles of a 200-word body, enough to take a 0.87 copy below
        /// 0.8). A shorter body (a stub, a caption, a scraper's "loading...") says too little alone and is
        /// compared with its title, as ``add(text:exactKey:)`` compares any text.
        public var bodyOnlyWords = 50
        /// How many of the latest documents keep their shingle sets for verification. Older ones can no longer be
        /// matched (a stream's copies come within days), so memory stays bounded: beyond this window a document
        /// costs only its bucket links and group (about 80 bytes), not its shingles (about 2 KB).
        public var retainedDocuments = 200_000

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
    /// Per band, a bucket key to the newest document in that bucket.
    private var heads: [[UInt64: Int32]]
    /// `chain[document * bands + band]`: the next older document in the same bucket of that band, or -1.
    private var chain: [Int32] = []
    /// Each document's shingle hashes: in text order until an exact check first needs them sorted.
    private var shingleSets: [[UInt64]] = []
    private var sortedSets: [Bool] = []
    private var groupOrigin: [Int32] = []
    private var exactHashes: [String: Int32] = [:]

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        shingler = Shingler(configuration: configuration.shingler)
        hasher = MinHasher(count: configuration.bands * configuration.rows)
        heads = Array(repeating: [:], count: configuration.bands)
    }

    /// The number of documents added.
    public var count: Int { shingleSets.count }

    /// Adds an article and returns the earlier article it copies, if any: what the linker calls.
    ///
    /// Compares the body alone when it has at least ``Configuration/bodyOnlyWords`` words, so a re-post under a
    /// new title is found by its body; a shorter body is compared together with its title. Otherwise as
    /// ``add(text:exactKey:)``.
    /// - Parameters:
    ///   - title: the headline (`""` when there is none).
    ///   - body: the cleaned body (debris already removed), so copies with other datelines still match.
    ///   - exactKey: a normalised body hash; equal keys are exact copies without any shingling.
    public mutating func add(title: String, body: String, exactKey: String? = nil) -> Match? {
        let bodyWords = Shingler.wordHashes(body)
        if bodyWords.count >= configuration.bodyOnlyWords {
            return add(words: bodyWords, exactKey: exactKey)
        }
        return add(words: Shingler.wordHashes(title) + bodyWords, exactKey: exactKey)
    }

    /// Adds a document and returns the earlier document it duplicates, if any.
    ///
    /// The returned origin is the first document of the duplicate group (its earliest member in insertion
    /// order, which is publication order in a stream). Of several verified candidates the most similar wins;
    /// on a tie, the one found first (bands in order, older documents first within a bucket).
    /// - Parameters:
    ///   - text: the whole text compared, every word of it.
    ///   - exactKey: a normalised body hash; equal keys are exact copies without any shingling.
    public mutating func add(text: String, exactKey: String? = nil) -> Match? {
        add(words: Shingler.wordHashes(text), exactKey: exactKey)
    }

    /// ``add(text:exactKey:)`` for a text given as its word hashes.
    private mutating func add(words: [UInt64], exactKey: String?) -> Match? {
        let index = Int32(shingleSets.count)
        let bands = configuration.bands
        if let exactKey, let earlier = exactHashes[exactKey] {
            shingleSets.append([])
            sortedSets.append(true)
            chain.append(contentsOf: repeatElement(-1, count: bands))
            groupOrigin.append(groupOrigin[Int(earlier)])
            return Match(origin: Int(groupOrigin[Int(earlier)]), jaccard: 1, exact: true)
        }
        var shingles = shingler.rawShingles(words: words)
        let signature = hasher.signature(shingles)
        var sorted = false
        var best: (member: Int32, similarity: Double, band: Int)?
        var checked = Set<Int32>()
        for band in 0..<bands {
            let key = bandKey(signature, band: band)
            let head = heads[band].updateValue(index, forKey: key) ?? -1
            chain.append(head)
            var member = head
            while member >= 0 {
                if checked.insert(member).inserted {
                    if !sorted {
                        shingles = Shingler.sortedUnique(shingles)
                        sorted = true
                    }
                    let similarity = MinHasher.jaccard(shingles, sortedShingles(of: Int(member)))
                    // Walking newest first: within this band an equal score from an older document replaces.
                    if similarity >= configuration.threshold,
                        best == nil || similarity > (best?.similarity ?? -1)
                            || (similarity == best?.similarity && best?.band == band)
                    {
                        best = (member, similarity, band)
                    }
                }
                member = chain[Int(member) * bands + band]
            }
        }
        shingleSets.append(shingles)
        sortedSets.append(sorted)
        // An emptied set never verifies as a match again (its Jaccard with any non-empty set is 0).
        let expired = shingleSets.count - 1 - configuration.retainedDocuments
        if expired >= 0 { shingleSets[expired] = [] }
        if let exactKey { exactHashes[exactKey] = index }
        if let best {
            let origin = groupOrigin[Int(best.member)]
            groupOrigin.append(origin)
            return Match(origin: Int(origin), jaccard: best.similarity, exact: false)
        }
        groupOrigin.append(index)
        return nil
    }

    /// A stored document's shingles, sorted and de-duplicated (sorting them in place the first time).
    private mutating func sortedShingles(of member: Int) -> [UInt64] {
        if !sortedSets[member] {
            shingleSets[member] = Shingler.sortedUnique(shingleSets[member])
            sortedSets[member] = true
        }
        return shingleSets[member]
    }

    private func bandKey(_ signature: [UInt64], band: Int) -> UInt64 {
        var h = UInt64(band) &* 0x9E37_79B9_7F4A_7C15
        let start = band * configuration.rows
        for row in start..<(start + configuration.rows) { h = Hashing.mix(h ^ signature[row]) }
        return h
    }
}
