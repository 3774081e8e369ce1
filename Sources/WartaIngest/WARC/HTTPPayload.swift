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
        let (output, end) = Inflate.run(bytes, format: raw ? .raw : .zlibOrGzip, limit: limit)
        switch end {
        case .complete:
            return output
        case .tooLarge:
            throw Failure(description: "the payload decompresses past the limit of \(limit) bytes")
        case .truncated:
            // Input ended inside the stream: keep what decoded, as browsers do.
            if output.isEmpty { throw Failure(description: "the compressed payload is cut short") }
            return output
        case .corrupt:
            if !raw && bytes.first != 0x1F {
                // "deflate" that is raw deflate, as some servers send.
                return try inflate(bytes, raw: true, limit: limit)
            }
            throw Failure(description: "the compressed payload is corrupt")
        }
    }
}
