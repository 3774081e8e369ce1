import Foundation

/// The model file: a small binary format with fixed byte order, so training twice gives the same bytes.
///
/// Layout (all integers little-endian):
/// `WARTANER` · format UInt32 (1) · feature version UInt32 · tag count UInt32 · quantum UInt32 · epochs UInt32 ·
/// seed UInt64 · sentences UInt32 · row count UInt32 · transitions ((tags + 1) × tags Int32) ·
/// rows sorted by key: key UInt64 · non-zero tag mask UInt16 · one Int32 per set bit.
extension NERModel {
    /// The file's first bytes.
    package static let magic = Array("WARTANER".utf8)
    /// The format version this code reads and writes.
    package static let formatVersion: UInt32 = 1

    /// A model file that cannot be read.
    package struct FormatError: Error, CustomStringConvertible {
        package var description: String
    }

    /// The model as bytes.
    package func serialized() -> [UInt8] {
        var out: [UInt8] = Self.magic
        func put32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        func put64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        func put16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        let tagCount = BILOUTag.count
        put32(Self.formatVersion)
        put32(metadata.featureVersion)
        put32(UInt32(tagCount))
        put32(metadata.quantum)
        put32(metadata.epochs)
        put64(metadata.seed)
        put32(metadata.sentences)
        put32(UInt32(rows.count))
        for weight in transitions { put32(UInt32(bitPattern: weight)) }
        for key in rows.keys.sorted() {
            guard let row = rows[key] else { continue }
            let base = Int(row) * tagCount
            var mask: UInt16 = 0
            for tag in 0..<tagCount where weights[base + tag] != 0 { mask |= 1 << UInt16(tag) }
            put64(key)
            put16(mask)
            for tag in 0..<tagCount where weights[base + tag] != 0 { put32(UInt32(bitPattern: weights[base + tag])) }
        }
        return out
    }

    /// Reads a model from bytes written by `serialized()`.
    package init(serialized data: Data) throws {
        let bytes = [UInt8](data)
        var position = 0
        func need(_ count: Int) throws {
            guard position + count <= bytes.count else {
                throw FormatError(description: "the model file ends early at byte \(position)")
            }
        }
        func get32() throws -> UInt32 {
            try need(4)
            var value: UInt32 = 0
            for shift in 0..<4 { value |= UInt32(bytes[position + shift]) << (8 * UInt32(shift)) }
            position += 4
            return value
        }
        func get64() throws -> UInt64 {
            try need(8)
            var value: UInt64 = 0
            for shift in 0..<8 { value |= UInt64(bytes[position + shift]) << (8 * UInt64(shift)) }
            position += 8
            return value
        }
        func get16() throws -> UInt16 {
            try need(2)
            let value = UInt16(bytes[position]) | UInt16(bytes[position + 1]) << 8
            position += 2
            return value
        }
        try need(Self.magic.count)
        guard Array(bytes[0..<Self.magic.count]) == Self.magic else {
            throw FormatError(description: "not a Warta NER model (bad magic bytes)")
        }
        position = Self.magic.count
        let format = try get32()
        guard format == Self.formatVersion else {
            throw FormatError(description: "model format \(format); this build reads format \(Self.formatVersion)")
        }
        let featureVersion = try get32()
        let tagCount = Int(try get32())
        guard tagCount == BILOUTag.count else {
            throw FormatError(description: "model has \(tagCount) tags; expected \(BILOUTag.count)")
        }
        let quantum = try get32()
        let epochs = try get32()
        let seed = try get64()
        let sentences = try get32()
        let rowCount = Int(try get32())
        var transitions: [Int32] = []
        transitions.reserveCapacity((tagCount + 1) * tagCount)
        for _ in 0..<((tagCount + 1) * tagCount) { transitions.append(Int32(bitPattern: try get32())) }
        var rows: [UInt64: Int32] = [:]
        rows.reserveCapacity(rowCount)
        var weights = [Int32](repeating: 0, count: rowCount * tagCount)
        for row in 0..<rowCount {
            let key = try get64()
            let mask = try get16()
            for tag in 0..<tagCount where mask & (1 << UInt16(tag)) != 0 {
                weights[row * tagCount + tag] = Int32(bitPattern: try get32())
            }
            rows[key] = Int32(row)
        }
        guard position == bytes.count else {
            throw FormatError(description: "\(bytes.count - position) unexpected bytes after the last row")
        }
        self.init(
            rows: rows, weights: weights, transitions: transitions,
            metadata: Metadata(
                featureVersion: featureVersion, quantum: quantum, epochs: epochs, seed: seed, sentences: sentences))
    }
}
