import CZlib
import Foundation
import WartaCore
import WartaDates

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes WARC/1.1 records, each in its own gzip member (as CC-NEWS and warcio write them) or plain, so that
/// ``WARCReader``, warcio and FastWARC read them back record for record.
public final class WARCWriter {
    /// Why a write failed.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let path: String
    public let gzip: Bool
    private let descriptor: Int32
    /// Bytes written so far: the offset of the next record.
    public private(set) var offset = 0
    private var closed = false

    /// Creates (or truncates) `path`.
    /// - Throws: ``Failure`` when the file cannot be created.
    public init(path: String, gzip: Bool = true) throws(Failure) {
        self.path = path
        self.gzip = gzip
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        if !closed { _ = systemClose(descriptor) }
    }

    /// Flushes to disk and closes the file.
    public func close() throws(Failure) {
        guard !closed else { return }
        closed = true
        if fsync(descriptor) != 0 || systemClose(descriptor) != 0 {
            throw Failure(description: "cannot close \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Writes one record and returns its offset.
    /// - Parameters:
    ///   - type: `warcinfo`, `request`, `response`, `resource`, `metadata`, …
    ///   - fields: further named fields (`WARC-Concurrent-To`, `WARC-IP-Address`, …).
    @discardableResult
    public func write(
        type: String, targetURI: String?, date: Date, contentType: String, block: [UInt8],
        fields: [HeaderField] = [], recordID: String = WARCWriter.newRecordID()
    ) throws(Failure) -> Int {
        var head = "WARC/1.1\r\nWARC-Type: \(type)\r\nWARC-Record-ID: \(recordID)\r\n"
        head += "WARC-Date: \(Self.formatDate(date))\r\n"
        if let targetURI { head += "WARC-Target-URI: \(Self.clean(targetURI))\r\n" }
        for field in fields { head += "\(Self.clean(field.name)): \(Self.clean(field.value))\r\n" }
        head += "Content-Type: \(Self.clean(contentType))\r\nContent-Length: \(block.count)\r\n\r\n"
        var record = Array(head.utf8)
        record.append(contentsOf: block)
        record.append(contentsOf: [0x0D, 0x0A, 0x0D, 0x0A])
        let bytes = gzip ? try Self.compress(record) : record
        let at = offset
        try writeAll(bytes)
        offset += bytes.count
        return at
    }

    /// Writes a `warcinfo` record naming the software, as the first record of a file.
    @discardableResult
    public func writeInfo(software: String, date: Date, extra: [HeaderField] = []) throws(Failure) -> Int {
        var text = "software: \(software)\r\nformat: WARC File Format 1.1\r\n"
        for field in extra { text += "\(Self.clean(field.name)): \(Self.clean(field.value))\r\n" }
        return try write(
            type: "warcinfo", targetURI: nil, date: date, contentType: "application/warc-fields",
            block: Array(text.utf8),
            fields: [HeaderField(name: "WARC-Filename", value: (path as NSString).lastPathComponent)])
    }

    /// Writes a fetched page as a `request` and a `response` record that point at each other; returns the
    /// response's offset.
    @discardableResult
    public func writeExchange(
        url: String, date: Date, method: String = "GET", requestHeaders: [HeaderField], status: Int, reason: String,
        responseHeaders: [HeaderField], body: [UInt8], remoteAddress: String? = nil
    ) throws(Failure) -> Int {
        let requestID = Self.newRecordID()
        let responseID = Self.newRecordID()
        let target = URLComponents(string: url)
        var path = target?.percentEncodedPath ?? "/"
        if path.isEmpty { path = "/" }
        if let query = target?.percentEncodedQuery { path += "?" + query }
        var request = "\(method) \(path) HTTP/1.1\r\n"
        for header in requestHeaders { request += "\(Self.clean(header.name)): \(Self.clean(header.value))\r\n" }
        request += "\r\n"
        var response = "HTTP/1.1 \(status) \(Self.clean(reason))\r\n"
        for header in responseHeaders { response += "\(Self.clean(header.name)): \(Self.clean(header.value))\r\n" }
        response += "\r\n"
        var responseBlock = Array(response.utf8)
        responseBlock.append(contentsOf: body)
        var common: [HeaderField] = []
        if let remoteAddress { common.append(HeaderField(name: "WARC-IP-Address", value: remoteAddress)) }
        let at = try write(
            type: "response", targetURI: url, date: date, contentType: "application/http;msgtype=response",
            block: responseBlock,
            fields: common + [HeaderField(name: "WARC-Payload-Digest", value: "sha256:" + SHA256.hex(body))],
            recordID: responseID)
        try write(
            type: "request", targetURI: url, date: date, contentType: "application/http;msgtype=request",
            block: Array(request.utf8), fields: common + [HeaderField(name: "WARC-Concurrent-To", value: responseID)],
            recordID: requestID)
        return at
    }

    /// A new `<urn:uuid:…>` record ID.
    public static func newRecordID() -> String {
        "<urn:uuid:\(UUID().uuidString.lowercased())>"
    }

    /// `WARC-Date` in UTC with microseconds (WARC/1.1).
    static func formatDate(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        let whole = Int(seconds.rounded(.down))
        let micros = Int(((seconds - Double(whole)) * 1_000_000).rounded(.down))
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let secondOfDay = whole - days * 86_400
        let civil = CivilDate(days: days)
        let (year, month, day) = (civil.year, civil.month, civil.day)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var micro = String(micros)
        while micro.count < 6 { micro = "0" + micro }
        return "\(year)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):"
            + "\(two(secondOfDay % 60)).\(micro)Z"
    }

    /// A header value on one line: CR and LF would end the head early, so they become spaces.
    private static func clean(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) else { return value }
        return String(value.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" ? " " : $0 })
    }

    private func writeAll(_ bytes: [UInt8]) throws(Failure) {
        guard !closed else { throw Failure(description: "\(path) is closed") }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                systemWrite(descriptor, raw.baseAddress! + written, raw.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            written += count
        }
    }

    /// One gzip member holding `bytes`.
    static func compress(_ bytes: [UInt8]) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        let status = deflateInit2_(
            &stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure(description: "zlib could not start (status \(status))") }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 32)
        var result: Int32 = Z_OK
        var produced = 0
        bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = UInt32(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                result = deflate(&stream, Z_FINISH)
                produced = out.count - Int(stream.avail_out)
            }
        }
        guard result == Z_STREAM_END else { throw Failure(description: "zlib could not compress (status \(result))") }
        return Array(output[0..<produced])
    }
}

private func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
