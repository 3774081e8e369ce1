/// MinHash signatures by one-permutation hashing with optimal densification.
///
/// One 64-bit hash per shingle (the splitmix64 mixer of the shingle salted by the seed) picks one of `count`
/// bins from its high bits, and each bin keeps its minimum (Li, Owen, Zhang, "One permutation hashing",
/// NIPS 2012). A bin no shingle fell into borrows the minimum of the first non-empty bin on a fixed
/// pseudo-random probe sequence of its own (Shrivastava, "Optimal densification for fast and accurate
/// minwise hashing", ICML 2017), so two sets' signatures still agree at each position with probability equal
/// to their Jaccard similarity. Cost: one mix and one compare per shingle plus the empty bins, instead of
/// `count` multiply-adds per shingle for `count` independent hash functions.
public struct MinHasher: Sendable {
    public let count: Int
    private let salt: UInt64

    /// - Parameters:
    ///   - count: the signature length (128 gives a standard error of 0.035 at Jaccard 0.8).
    ///   - seed: fixes the hash function; signatures from different seeds are not comparable.
    public init(count: Int = 128, seed: UInt64 = 0x5741_5254_4121) {
        self.count = max(count, 1)
        salt = Hashing.mix(seed)
    }

    /// The signature of a shingle set; all `UInt64.max` for an empty set. Duplicates and order do not matter.
    /// - Complexity: O(n + count) for n shingles.
    public func signature(_ shingles: [UInt64]) -> [UInt64] {
        var minima = [UInt64](repeating: .max, count: count)
        guard !shingles.isEmpty else { return minima }
        let bins = UInt64(count)
        minima.withUnsafeMutableBufferPointer { m in
            for shingle in shingles {
                let h = Hashing.mix(shingle ^ salt)
                // The high 32 bits choose the bin (multiply-shift, no division); the whole hash orders within it.
                let bin = Int(truncatingIfNeeded: ((h >> 32) &* bins) >> 32)
                if h < m[bin] { m[bin] = h }
            }
        }
        densify(&minima)
        return minima
    }

    /// Fills empty bins from non-empty ones: bin `i` probes bins `j = mix(salt, i, attempt) mod count` in a
    /// sequence that depends only on `i`, and takes the first that was filled by a shingle.
    private func densify(_ minima: inout [UInt64]) {
        let count = self.count
        let empty = minima.withUnsafeBufferPointer { m in m.reduce(0) { $0 + ($1 == .max ? 1 : 0) } }
        guard empty > 0 else { return }
        let filled = minima
        let bins = UInt64(count)
        for i in 0..<count where filled[i] == .max {
            var attempt: UInt64 = 1
            while true {
                let probe = Hashing.mix(salt ^ (UInt64(i) << 32 | attempt))
                let j = Int(truncatingIfNeeded: ((probe >> 32) &* bins) >> 32)
                if filled[j] != .max {
                    minima[i] = filled[j]
                    break
                }
                attempt += 1
            }
        }
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
