/// What the feed, sitemap and feed-list parsers do to bytes before looking at them: size limits, gzip, UTF-16, and
/// a look at the first character to tell the formats apart.
enum FeedInput {
    /// Whether the bytes start with the gzip magic number `1f 8b`.
    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Refuses input over `maxBytes`, then decompresses it when it is gzip, refusing output over
    /// `maxDecompressedBytes`.
    /// - Throws: ``FeedError/tooLarge(bytes:limit:)``, ``FeedError/decompressedTooLarge(limit:)``,
    ///   ``FeedError/corruptGzip(reason:)``, ``FeedError/empty``.
    static func prepare(_ bytes: [UInt8], maxBytes: Int, maxDecompressedBytes: Int) throws(FeedError) -> [UInt8] {
        guard bytes.count <= maxBytes else { throw .tooLarge(bytes: bytes.count, limit: maxBytes) }
        let plain = isGzip(bytes) ? try gunzip(bytes, limit: maxDecompressedBytes) : bytes
        guard firstSignificantByte(plain) != nil else { throw .empty }
        return plain
    }

    /// Decompresses gzip data (one member or several) in memory, stopping as soon as the output would pass `limit`.
    ///
    /// Bytes after the last member that are not another gzip member (zero padding some servers add) are ignored.
    /// - Throws: ``FeedError/decompressedTooLarge(limit:)`` past the limit, ``FeedError/corruptGzip(reason:)`` for
    ///   data that is cut short or corrupt.
    /// - Complexity: O(n) in the size of the output.
    static func gunzip(_ bytes: [UInt8], limit: Int) throws(FeedError) -> [UInt8] {
        let (output, end) = Inflate.run(bytes, format: .gzip, limit: limit, members: true)
        switch end {
        case .complete: return output
        case .tooLarge: throw .decompressedTooLarge(limit: limit)
        case .truncated: throw .corruptGzip(reason: "truncated")
        case .corrupt(let status): throw .corruptGzip(reason: "corrupt (zlib status \(status))")
        }
    }

    /// The first byte after a UTF-8 byte-order mark and white space, or `nil` when there is none.
    static func firstSignificantByte(_ bytes: [UInt8]) -> UInt8? {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return byte }
            index += 1
        }
        return nil
    }

    /// UTF-16 input (with a byte-order mark, or XML's `<` as `3c 00` / `00 3c`) re-encoded as UTF-8, or `nil` for
    /// input that is not UTF-16. Unpaired surrogates become U+FFFD.
    static func utf8FromUTF16(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 2 else { return nil }
        var start = 0
        let littleEndian: Bool
        switch (bytes[0], bytes[1]) {
        case (0xFF, 0xFE):
            littleEndian = true
            start = 2
        case (0xFE, 0xFF):
            littleEndian = false
            start = 2
        case (0x3C, 0x00):
            littleEndian = true
        case (0x00, 0x3C):
            littleEndian = false
        default:
            return nil
        }
        var units: [UInt16] = []
        units.reserveCapacity((bytes.count - start) / 2)
        var index = start
        while index + 1 < bytes.count {
            let low = UInt16(bytes[littleEndian ? index : index + 1])
            let high = UInt16(bytes[littleEndian ? index + 1 : index])
            units.append(high << 8 | low)
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// The text of `bytes` as lines, for the plain-text list formats: UTF-8 (a byte-order mark is dropped, invalid
    /// bytes become U+FFFD), each line with its 1-based number, trimmed of white space. Lines end at LF, CRLF or CR.
    static func lines(_ bytes: [UInt8]) -> [(number: Int, text: String)] {
        var lines: [(number: Int, text: String)] = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var number = 0
        var index = start
        while index <= bytes.count {
            let atEnd = index == bytes.count
            if atEnd || bytes[index] == 0x0A || bytes[index] == 0x0D {
                number += 1
                lines.append((number, trimmed(bytes[start..<index])))
                if !atEnd, bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                start = index + 1
            }
            index += 1
        }
        return lines
    }

    /// Whether the bytes look like binary data rather than text: a NUL byte, or more than 1 % control bytes other
    /// than tab, line feed, carriage return and form feed, in the first 4 KB.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(4_096)
        var controls = 0
        for byte in sample {
            if byte == 0 { return true }
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D, byte != 0x0C { controls += 1 }
        }
        return controls * 100 > sample.count
    }

    /// The bytes without leading and trailing ASCII white space, decoded as UTF-8.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        var lower = bytes.startIndex
        var upper = bytes.endIndex
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}
