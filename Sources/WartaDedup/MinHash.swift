/// MinHash signatures: `count` minima of independent hash functions over a shingle set.
///
/// Hash function `i` is `a[i] · h + b[i]` on 64-bit words (odd `a[i]`, fixed seeds), taking the high bits'
/// order as the permutation; one multiply-add per shingle and function, a loop the compiler vectorises.
/// Two sets' signatures agree at position `i` with probability close to their Jaccard similarity.
public struct MinHasher: Sendable {
    public let count: Int
    private let multipliers: [UInt64]
    private let offsets: [UInt64]

    /// - Parameters:
    ///   - count: the signature length (128 gives a standard error of 0.035 at Jaccard 0.8).
    ///   - seed: fixes the hash functions; signatures from different seeds are not comparable.
    public init(count: Int = 128, seed: UInt64 = 0x5741_5254_4121) {
        self.count = count
        var state = seed
        var multipliers: [UInt64] = []
        var offsets: [UInt64] = []
        for _ in 0..<count {
            state = Hashing.mix(state)
            multipliers.append(state | 1)
            state = Hashing.mix(state)
            offsets.append(state)
        }
        self.multipliers = multipliers
        self.offsets = offsets
    }

    /// The signature of a shingle set; all `UInt64.max` for an empty set.
    /// - Complexity: O(n · count) multiply-adds.
    public func signature(_ shingles: [UInt64]) -> [UInt64] {
        var minima = [UInt64](repeating: .max, count: count)
        multipliers.withUnsafeBufferPointer { a in
            offsets.withUnsafeBufferPointer { b in
                minima.withUnsafeMutableBufferPointer { m in
                    for shingle in shingles {
                        // Pre-mixing spreads the shingle's bits so a simple affine map behaves like a permutation.
                        let h = Hashing.mix(shingle)
                        for i in 0..<m.count {
                            let value = a[i] &* h &+ b[i]
                            if value < m[i] { m[i] = value }
                        }
                    }
                }
            }
        }
        return minima
    }

    /// The share of positions where two signatures agree: an estimate of Jaccard similarity.
    public static func estimate(_ lhs: [UInt64], _ rhs: [UInt64]) -> Double {
        guard lhs.count == rhs.count, !lhs.isEmpty else { return 0 }
        var same = 0
        for i in lhs.indices where lhs[i] == rhs[i] { same += 1 }
        return Double(same) / Double(lhs.count)
    }

    /// Exact Jaccard similarity of two sorted, de-duplicated hash sets (a merge over both).
    /// - Complexity: O(m + n).
    public static func jaccard(_ lhs: [UInt64], _ rhs: [UInt64]) -> Double {
        if lhs.isEmpty && rhs.isEmpty { return 1 }
        var i = 0
        var j = 0
        var shared = 0
        while i < lhs.count && j < rhs.count {
            if lhs[i] == rhs[j] {
                shared += 1
                i += 1
                j += 1
            } else if lhs[i] < rhs[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(shared) / Double(lhs.count + rhs.count - shared)
    }
}
