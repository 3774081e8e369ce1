/// Hand-built gzip streams, so the tests need no zlib.
enum Gzip {
    /// gzip header: magic, deflate, no flags, no mtime, no extra flags, OS unknown.
    static let header: [UInt8] = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]

    /// A valid gzip member holding `data` in stored (uncompressed) deflate blocks.
    static func stored(_ data: [UInt8]) -> [UInt8] {
        var out = header
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let isLast = offset + length == data.count
            out.append(isLast ? 0x01 : 0x00)  // BFINAL, BTYPE=00, then padding to the byte boundary
            out += [UInt8(length & 0xff), UInt8(length >> 8), UInt8(~length & 0xff), UInt8((~length >> 8) & 0xff)]
            out += data[offset..<(offset + length)]
            offset += length
        } while offset < data.count
        out += littleEndian(crc32(data))
        out += littleEndian(UInt32(truncatingIfNeeded: data.count))
        return out
    }

    /// The start of a gzip bomb: a fixed-Huffman deflate block of zeros that never ends.
    ///
    /// Bits: BFINAL 1, BTYPE 01 (3 bits); literal 0 (8 bits, code 00110000); one back-reference of
    /// length 258 at distance 1 (code 285 = 11000101, then distance code 00000: 13 bits). That is 24
    /// bits, so ``bombUnit`` starts on a byte boundary. Checked with Python's `zlib.decompressobj(-15)`.
    static let bombPrefix: [UInt8] = header + [0x63, 0x18, 0x05]

    /// Eight more back-references (8 × 13 = 104 bits = 13 bytes), expanding to 8 × 258 = 2064 zero
    /// bytes: a ratio of about 159 per unit, and any number of units can follow each other.
    static let bombUnit: [UInt8] = [0xa3, 0x60, 0x14, 0x8c, 0x82, 0x51, 0x30, 0x0a, 0x46, 0xc1, 0x28, 0x18, 0x05]

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1
            }
        }
        return ~crc
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xff), UInt8((value >> 8) & 0xff), UInt8((value >> 16) & 0xff), UInt8(value >> 24)]
    }
}
