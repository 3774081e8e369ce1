import Foundation
import WartaIngest

/// Writes every fetched response to rotating WARC files in a directory (`warta-YYYYMMDDhhmmss-NNNNN.warc.gz`, one
/// gzip member per record), starting a new file when one passes `maxBytes`. `warta ingest` and warcio read them.
public actor WARCArchive {
    public let directory: String
    public let maxBytes: Int
    private var writer: WARCWriter?
    private var sequence = 0
    private let stamp: String
    /// Files written so far, in order.
    public private(set) var files: [String] = []

    public init(directory: String, maxBytes: Int = 1 << 30, now: Date = Date()) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.directory = directory
        self.maxBytes = maxBytes
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss"
        stamp = formatter.string(from: now)
    }

    /// Appends one exchange (a request and its response records); returns the file and the response's offset.
    @discardableResult
    public func write(
        url: String, date: Date, status: Int, requestHeaders: [HeaderField], responseHeaders: [HeaderField],
        body: [UInt8]
    ) throws -> (file: String, offset: Int) {
        let writer = try current(date: date)
        let offset = try writer.writeExchange(
            url: url, date: date, requestHeaders: requestHeaders, status: status, reason: Self.reason(status),
            responseHeaders: responseHeaders, body: body)
        if writer.offset >= maxBytes {
            try writer.close()
            self.writer = nil
        }
        return (writer.path, offset)
    }

    /// Closes the file being written.
    public func close() throws {
        try writer?.close()
        writer = nil
    }

    private func current(date: Date) throws -> WARCWriter {
        if let writer { return writer }
        sequence += 1
        var number = String(sequence)
        while number.count < 5 { number = "0" + number }
        let path = (directory as NSString).appendingPathComponent("warta-\(stamp)-\(number).warc.gz")
        let writer = try WARCWriter(path: path)
        try writer.writeInfo(software: "Warta/0.1 (warta crawl)", date: date)
        self.writer = writer
        files.append(path)
        return writer
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 203: "Non-Authoritative Information"
        case 206: "Partial Content"
        default: "Status \(status)"
        }
    }
}
