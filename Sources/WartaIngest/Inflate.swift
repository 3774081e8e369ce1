import CZlib

/// zlib inflation with a cap on the output: the one loop behind gzip feeds and sitemaps and the compressed HTTP
/// payloads in WARC records. It reports how the data ended; each caller decides what a cut or corrupt stream means.
enum Inflate {
    enum Format {
        /// gzip only.
        case gzip
        /// zlib or gzip, told apart by the header.
        case zlibOrGzip
        /// Raw deflate without a header, as some servers send for `Content-Encoding: deflate`.
        case raw

        var windowBits: Int32 {
            switch self {
            case .gzip: 15 + 16
            case .zlibOrGzip: 15 + 32
            case .raw: -15
            }
        }
    }

    /// How the compressed data ended.
    enum End: Equatable {
        case complete
        /// The input stopped inside the stream; `bytes` holds what decoded before.
        case truncated
        /// zlib refused the data (its status code).
        case corrupt(Int32)
        /// The output reached `limit`; `bytes` holds the first `limit` bytes.
        case tooLarge
    }

    /// Inflates `bytes`, stopping once the output would pass `limit`. With `members`, gzip members that follow one
    /// another are read as one stream; bytes after the last member that are not another member (the zero padding
    /// some servers add) are ignored.
    /// - Complexity: O(n) in the size of the output.
    static func run(_ bytes: [UInt8], format: Format, limit: Int, members: Bool = false) -> (bytes: [UInt8], end: End) {
        var stream = z_stream()
        let started = inflateInit2_(&stream, format.windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard started == Z_OK else { return ([], .corrupt(started)) }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(bytes.count * 4, 1 << 16)))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset = 0
        while true {
            let available = bytes.count - offset
            var produced = 0
            var consumed = 0
            var status: Int32 = Z_OK
            bytes.withUnsafeBufferPointer { input in
                chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress.map { $0 + offset })
                    stream.avail_in = UInt32(clamping: available)
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    consumed = Int(UInt32(clamping: available)) - Int(stream.avail_in)
                    produced = out.count - Int(stream.avail_out)
                }
            }
            offset += consumed
            if output.count + produced > limit {
                output.append(contentsOf: chunk[0..<(limit - output.count)])
                return (output, .tooLarge)
            }
            output.append(contentsOf: chunk[0..<produced])
            switch status {
            case Z_STREAM_END:
                guard members, bytes.count - offset >= 2, bytes[offset] == 0x1F, bytes[offset + 1] == 0x8B else {
                    return (output, .complete)
                }
                inflateReset(&stream)
            case Z_OK:
                if offset >= bytes.count && produced == 0 { return (output, .truncated) }
            case Z_BUF_ERROR:
                // No progress was possible: the input ended inside the stream.
                return (output, .truncated)
            default:
                return (output, .corrupt(status))
            }
        }
    }
}

/// A whole gzip file read into memory, for tools that read saved pages (`*.html.gz`).
public enum Gzip {
    /// The bytes of a complete gzip file, or `nil` when it is cut, corrupt, or inflates past `limit`.
    public static func decompress(_ bytes: [UInt8], limit: Int) -> [UInt8]? {
        let (output, end) = Inflate.run(bytes, format: .gzip, limit: limit, members: true)
        return end == .complete ? output : nil
    }
}
