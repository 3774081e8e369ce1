import CZlib
import Foundation

/// Undoes what HTTP did to a stored payload: chunked transfer coding, then gzip or deflate content coding.
public enum HTTPPayload {
    /// Why a payload could not be decoded.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The payload's bytes as the server meant them, at most `limit` bytes.
    /// - Throws: ``Failure`` for an unsupported or broken coding, or a payload that decodes past `limit`.
    public static func decode(_ payload: ArraySlice<UInt8>, head: HTTPHead, limit: Int) throws(Failure) -> [UInt8] {
        var bytes = Array(payload)
        let transfer = head.headers[field: "Transfer-Encoding"]?.lowercased() ?? ""
        if transfer.contains("chunked"), let unchunked = dechunk(bytes) {
            // Some archivers store the payload already de-chunked but keep the header: use it as it is then.
            bytes = unchunked
        }
        let coding = (head.headers[field: "Content-Encoding"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        switch coding {
        case "", "identity":
            break
        case "gzip", "x-gzip", "deflate":
            // Archivers that decoded the payload but kept the header leave plain bytes behind: keep them.
            if coding != "deflate" && !(bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B) { break }
            bytes = try inflate(bytes, raw: false, limit: limit)
        default:
            throw Failure(description: "the payload's content coding \"\(coding)\" is not supported")
        }
        if bytes.count > limit {
            throw Failure(description: "the payload is \(bytes.count) bytes, over the limit of \(limit)")
        }
        return bytes
    }

    /// The bytes of a chunked body, `nil` when it is not valid chunked coding.
    static func dechunk(_ bytes: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            // Size line: hex digits, optional extensions, CRLF.
            var size = 0
            var digits = 0
            while index < bytes.count, let value = hexValue(bytes[index]) {
                size = size &* 16 &+ value
                digits += 1
                index += 1
                if digits > 12 { return nil }
            }
            guard digits > 0 else { return nil }
            while index < bytes.count && bytes[index] != 0x0A { index += 1 }
            guard index < bytes.count else { return nil }
            index += 1
            if size == 0 { return output }
            guard size <= bytes.count - index else { return nil }
            output.append(contentsOf: bytes[index..<(index + size)])
            index += size
            if index < bytes.count && bytes[index] == 0x0D { index += 1 }
            if index < bytes.count && bytes[index] == 0x0A { index += 1 }
        }
        // No closing zero-size chunk: a body cut short, still usable.
        return output
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// gzip or zlib data (raw deflate when `raw`), stopping at `limit` output bytes.
    static func inflate(_ bytes: [UInt8], raw: Bool, limit: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        let status = inflateInit2_(&stream, raw ? -15 : 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure(description: "zlib could not start (status \(status))") }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: min(max(bytes.count * 4, 1 << 16), limit + 1))
        var produced = 0
        var result: Int32 = Z_OK
        bytes.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = UInt32(input.count)
            while true {
                if produced == output.count {
                    if output.count > limit { break }
                    output.append(contentsOf: repeatElement(0, count: min(output.count, limit + 1 - output.count)))
                }
                output.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress! + produced
                    stream.avail_out = UInt32(out.count - produced)
                    result = CZlib.inflate(&stream, Z_NO_FLUSH)
                    produced = out.count - Int(stream.avail_out)
                }
                if result == Z_STREAM_END || (result != Z_OK && result != Z_BUF_ERROR) { break }
                if result == Z_BUF_ERROR && stream.avail_in == 0 { break }
            }
        }
        if produced > limit {
            throw Failure(description: "the payload decompresses past the limit of \(limit) bytes")
        }
        switch result {
        case Z_STREAM_END:
            break
        case Z_BUF_ERROR, Z_OK:
            // Input ended inside the stream: keep what decoded, as browsers do.
            if produced == 0 { throw Failure(description: "the compressed payload is cut short") }
        default:
            if !raw && bytes.first != 0x1F {
                // "deflate" that is raw deflate, as some servers send.
                return try inflate(bytes, raw: true, limit: limit)
            }
            throw Failure(description: "the compressed payload is corrupt")
        }
        return Array(output[0..<produced])
    }
}
