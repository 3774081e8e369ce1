/// A model table's row for each 64-bit key, in an open-addressing table probed with a multiplicative hash.
///
/// The language identifier looks up every character n-gram and word of a text; `Dictionary` seeds a hasher and
/// runs SipHash for each lookup, which cost as much as the scoring itself.
struct RowTable: Sendable {
    private var keys: [UInt64]
    /// -1 marks an empty slot.
    private var rows: [Int32]
    private let shift: UInt64
    private let mask: Int

    init(_ dictionary: [UInt64: Int32]) {
        var bits = 3
        while 1 << bits < dictionary.count * 2 { bits += 1 }
        let capacity = 1 << bits
        keys = [UInt64](repeating: 0, count: capacity)
        rows = [Int32](repeating: -1, count: capacity)
        shift = UInt64(64 - bits)
        mask = capacity - 1
        for (key, row) in dictionary {
            var slot = slot(key)
            while rows[slot] != -1 { slot = (slot + 1) & mask }
            keys[slot] = key
            rows[slot] = row
        }
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always)
    subscript(key: UInt64) -> Int32? {
        var slot = slot(key)
        return keys.withUnsafeBufferPointer { keys in
            rows.withUnsafeBufferPointer { rows in
                while true {
                    let row = rows[slot]
                    if row == -1 { return nil }
                    if keys[slot] == key { return row }
                    slot = (slot + 1) & mask
                }
            }
        }
    }
}
