/// A sparse vector over term ids: the representation of documents and cluster centroids.
public struct SparseVector: Sendable, Equatable {
    public var entries: [Int32: Float] = [:]

    public init(_ entries: [Int32: Float] = [:]) {
        self.entries = entries
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// Adds `other` times `scale`.
    public mutating func add(_ other: SparseVector, scale: Float = 1) {
        for (term, value) in other.entries { entries[term, default: 0] += value * scale }
    }

    /// Keeps the `count` largest entries when there are more than `limit` (bounded memory for big clusters).
    public mutating func prune(limit: Int, keep count: Int) {
        guard entries.count > limit else { return }
        let kept = entries.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(count)
        entries = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
    }

    /// The norm with each term weighted by `weight(term)` (IDF).
    public func norm(weight: (Int32) -> Float) -> Float {
        var sum: Float = 0
        for (term, value) in entries {
            let a = value * weight(term)
            sum += a * a
        }
        return sum.squareRoot()
    }

    /// Cosine similarity when both weighted norms are known (``norm(weight:)``): one pass over the smaller vector.
    public func cosine(_ other: SparseVector, weight: (Int32) -> Float, norm: Float, otherNorm: Float) -> Float {
        guard norm > 0, otherNorm > 0 else { return 0 }
        let (small, large) = entries.count <= other.entries.count ? (self, other) : (other, self)
        var dot: Float = 0
        for (term, value) in small.entries {
            guard let b = large.entries[term] else { continue }
            let w = weight(term)
            dot += value * b * w * w
        }
        return dot / (norm * otherNorm)
    }

    /// Cosine similarity with each term weighted by `weight(term)` on both sides (IDF).
    /// - Complexity: O(|self| + |other|).
    public func cosine(_ other: SparseVector, weight: (Int32) -> Float) -> Float {
        guard !entries.isEmpty, !other.entries.isEmpty else { return 0 }
        let (small, large) = entries.count <= other.entries.count ? (self, other) : (other, self)
        var dot: Float = 0
        var normSmall: Float = 0
        for (term, value) in small.entries {
            let w = weight(term)
            let a = value * w
            normSmall += a * a
            if let b = large.entries[term] { dot += a * b * w }
        }
        guard dot > 0 else { return 0 }
        var normLarge: Float = 0
        for (term, value) in large.entries {
            let b = value * weight(term)
            normLarge += b * b
        }
        return dot / (normSmall.squareRoot() * normLarge.squareRoot())
    }
}

/// A sparse vector frozen into parallel arrays sorted by term: a dot product is one pass over contiguous memory,
/// in an order that does not depend on a dictionary's seed.
public struct CompactVector: Sendable {
    public var terms: [Int32]
    public var values: [Float]

    public init(_ vector: SparseVector) {
        self.init(vector, weighted: false) { _ in 1 }
    }

    /// The vector with each value times its squared weight (``TermTable``'s form of the same), sorted by term.
    public init(_ vector: SparseVector, weight: (Int32) -> Float) {
        self.init(vector, weighted: true, weight: weight)
    }

    private init(_ vector: SparseVector, weighted: Bool, weight: (Int32) -> Float) {
        // Each entry packed as term (high half) and value bits (low half): terms are unique and not negative, so
        // the packed integers sort by term, with a plain integer sort instead of a closure over tuples.
        var packed: [UInt64] = []
        packed.reserveCapacity(vector.entries.count)
        for (term, value) in vector.entries {
            var stored = value
            if weighted {
                let w = weight(term)
                stored = value * w * w
            }
            packed.append(UInt64(UInt32(bitPattern: term)) << 32 | UInt64(stored.bitPattern))
        }
        packed.sort()
        terms = packed.map { Int32(bitPattern: UInt32(truncatingIfNeeded: $0 >> 32)) }
        values = packed.map { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) }
    }

    public var count: Int { terms.count }

    /// The weighted norm, as ``SparseVector/norm(weight:)``.
    public func norm(weight: (Int32) -> Float) -> Float {
        var sum: Float = 0
        for index in terms.indices {
            let a = values[index] * weight(terms[index])
            sum += a * a
        }
        return sum.squareRoot()
    }
}

/// One article's vector with each value times its squared weight, in an open-addressing table keyed by term: the
/// weighted dot product with any ``CompactVector`` is then one table probe per entry, without hashing strings or
/// seeding a hasher.
public struct TermTable: Sendable {
    private var keys: [Int32]
    private var values: [Float]
    private var mask: Int
    /// 32 − log2(capacity): the slot is the top bits of the multiplicative hash (Fibonacci hashing). Its low bits,
    /// used before, depend only on the term id's low bits, and runs of nearby ids made long probe chains.
    private var shift: UInt32

    /// The vector's values as they are.
    public init(_ vector: SparseVector) {
        self.init(vector, weighted: false) { _ in 1 }
    }

    public init(_ vector: SparseVector, weight: (Int32) -> Float) {
        self.init(vector, weighted: true, weight: weight)
    }

    private init(_ vector: SparseVector, weighted: Bool, weight: (Int32) -> Float) {
        var bits: UInt32 = 3
        while 1 << bits < vector.entries.count * 2 { bits += 1 }
        let capacity = 1 << bits
        keys = [Int32](repeating: -1, count: capacity)
        values = [Float](repeating: 0, count: capacity)
        mask = capacity - 1
        shift = 32 - bits
        for (term, value) in vector.entries {
            var slot = Self.slot(term, shift)
            while keys[slot] != -1 { slot = (slot + 1) & mask }
            keys[slot] = term
            if weighted {
                let w = weight(term)
                values[slot] = value * w * w
            } else {
                values[slot] = value
            }
        }
    }

    @inline(__always)
    private static func slot(_ term: Int32, _ shift: UInt32) -> Int {
        Int(truncatingIfNeeded: (UInt32(bitPattern: term) &* 0x9E37_79B1) >> shift)
    }

    @inline(__always)
    public func value(_ term: Int32) -> Float {
        var slot = Self.slot(term, shift)
        while true {
            let key = keys[slot]
            if key == term { return values[slot] }
            if key == -1 { return 0 }
            slot = (slot + 1) & mask
        }
    }

    /// Σ value × table value over `other`'s entries, in `other`'s (term) order: the weighted dot product with the
    /// table's vector. Terms missing from the table add 0, so the sum is the same whichever side holds the weights:
    /// over the shared terms in ascending order.
    public func dot(_ other: CompactVector) -> Float {
        var sum: Float = 0
        other.terms.withUnsafeBufferPointer { terms in
            other.values.withUnsafeBufferPointer { values in
                for index in 0..<terms.count { sum += values[index] * value(terms[index]) }
            }
        }
        return sum
    }
}
