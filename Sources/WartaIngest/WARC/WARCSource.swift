import Foundation
import WartaCore
import WartaDates

/// The documents of a WARC file: each `response` record with HTTP status 200 and an HTML payload (and each HTML
/// `resource` record) becomes a raw document whose origin is `FILE@OFFSET`, whose URL is the record's target URI
/// and whose fetch time is its `WARC-Date`. Every other record is skipped with a reason to count it by.
final class WARCSource: ItemSource {
    private let reader: WARCReader
    private let path: String
    private let maxBytes: Int

    init(reader: WARCReader, path: String, maxBytes: Int) {
        self.reader = reader
        self.path = path
        self.maxBytes = maxBytes
    }

    func next() -> ReadItem? {
        guard let item = reader.next(wantBlock: WARCDocuments.isDocument) else { return nil }
        switch item {
        case .failure(let offset, let reason):
            return .failure(ReadFailure(path: "\(path)@\(offset)", reason: reason))
        case .record(let record):
            return document(record)
        }
    }

    private func document(_ record: WARCRecord) -> ReadItem {
        let origin = "\(path)@\(record.head.offset)"
        if let reason = WARCDocuments.skipReason(record.head) {
            return .skipped(ReadSkip(path: origin, reason: reason))
        }
        guard let payload = record.payload else {
            return .skipped(ReadSkip(path: origin, reason: "no payload"))
        }
        let bytes: [UInt8]
        var charset: String?
        if let http = record.head.http {
            do {
                bytes = try HTTPPayload.decode(payload, head: http, limit: maxBytes)
            } catch {
                return .failure(ReadFailure(path: origin, reason: error.description))
            }
            charset = http.charset
        } else {
            bytes = Array(payload)
            charset = record.head.contentType.flatMap(HTTPHead.charset(of:))
        }
        return .document(
            RawDocument(
                origin: origin,
                url: record.head.targetURI,
                bytes: bytes,
                contentType: .html,
                declaredCharset: charset,
                fetchedAt: record.head.date.flatMap(WARCDate.parse)
            )
        )
    }

}

/// Which WARC records are documents: `response` records with HTTP status 200 and an HTML payload, and HTML
/// `resource` records.
public enum WARCDocuments {
    /// Whether `warta ingest` reads the record as a document.
    public static func isDocument(_ head: WARCRecordHead) -> Bool {
        skipReason(head) == nil
    }

    /// Why a record is not a document (`warc request`, `http 404`, `not html`), `nil` when it is one.
    public static func skipReason(_ head: WARCRecordHead) -> String? {
        switch head.type.lowercased() {
        case "response":
            guard let http = head.http, let status = http.status else { return "not http" }
            guard status == 200 else { return "http \(status)" }
            guard let media = http.mediaType else { return "not html" }
            return isHTML(media) ? nil : "not html"
        case "resource":
            guard let type = head.contentType else { return "not html" }
            return isHTML(HTTPHead.mediaType(of: type)) ? nil : "not html"
        case "":
            return "warc untyped"
        case let type:
            return "warc \(type)"
        }
    }

    private static func isHTML(_ media: String) -> Bool {
        media == "text/html" || media == "application/xhtml+xml"
    }
}

/// `WARC-Date` values: ISO 8601 UTC with optional fractions of a second (`2019-08-01T07:12:33Z`,
/// `2026-12-06T20:31:05.123456Z`).
enum WARCDate {
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[from..<(from + count)] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0.0
        if bytes.count > 10 {
            guard bytes[10] == UInt8(ascii: "T"), let h = number(11, 2), let m = number(14, 2), h < 24, m < 60 else {
                return nil
            }
            (hour, minute) = (h, m)
            if let s = number(17, 2), s <= 60 {
                second = Double(s)
                if bytes.count > 20, bytes[19] == UInt8(ascii: ".") {
                    var index = 20
                    var scale = 0.1
                    while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
                        second += Double(bytes[index] - 0x30) * scale
                        scale /= 10
                        index += 1
                    }
                }
            }
        }
        let days = CivilDate(year: year, month: month, day: day).days
        return Date(timeIntervalSince1970: Double(days) * 86_400 + Double(hour * 3600 + minute * 60) + second)
    }
}
