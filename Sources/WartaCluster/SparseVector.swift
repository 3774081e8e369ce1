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
