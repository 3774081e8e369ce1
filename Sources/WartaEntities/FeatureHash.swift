/// 64-bit hashing for feature keys: FNV-1a over bytes, finished with the SplitMix64 mixer.
///
/// Feature keys must be the same on every run and platform, so `Hasher` (randomly seeded per process)
/// is not used.
package enum FeatureHash {
    /// The FNV-1a offset basis.
    package static let basis: UInt64 = 0xCBF2_9CE4_8422_2325

    /// Hashes the bytes `bytes[range]`.
    @inline(__always)
    package static func bytes(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var hash = basis
        for index in range {
            hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3
        }
        return mix(hash)
    }

    /// Hashes an array of bytes.
    package static func bytes(_ array: [UInt8]) -> UInt64 {
        array.withUnsafeBufferPointer { bytes($0, 0..<$0.count) }
    }

    /// Hashes a string's UTF-8 bytes.
    package static func string(_ text: String) -> UInt64 {
        bytes(Array(text.utf8))
    }

    /// The SplitMix64 finaliser: spreads every input bit over the output.
    @inline(__always)
    package static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Combines two hashes in an order-sensitive way.
    @inline(__always)
    package static func combine(_ first: UInt64, _ second: UInt64) -> UInt64 {
        mix(first &* 0x0000_0100_0000_01B3 ^ (second &+ 0x632B_E59B_D9B4_E019))
    }
}

/// A small deterministic random number generator (SplitMix64) for shuffling training data.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Fisher–Yates shuffle with this generator; unlike `shuffle(using:)`, the sequence is fixed here,
    /// not by the standard library's implementation.
    package mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for index in stride(from: array.count - 1, to: 0, by: -1) {
            let other = Int(next() % UInt64(index + 1))
            array.swapAt(index, other)
        }
    }
}
