import Foundation
import WartaCore
import WartaText

/// One JSON-lines input record: `{"url", "outlet"?, "fetched_at"?, "published"?, "title"?, "text"? | "html"?}`.
struct JSONLinesRecord: Decodable {
    var url: String?
    var outlet: String?
    var fetchedAt: String?
    var published: String?
    /// Some corpora call the publication time `date` (CLICK-ID, the id-news sets); read it when `published` is absent.
    var date: String?
    var title: String?
    var text: String?
    var html: String?

    enum CodingKeys: String, CodingKey {
        case url, outlet, published, date, title, text, html
        case fetchedAt = "fetched_at"
    }

    /// Parses one line into a raw document, or says what is wrong with it.
    ///
    /// A line that is not valid UTF-8 is read with each invalid sequence replaced by U+FFFD (one bad byte in a
    /// title does not lose the article); when even that does not parse, the failure names the first bad byte.
    static func document(line: ArraySlice<UInt8>, origin: String) -> ReadItem {
        let record: JSONLinesRecord
        do {
            do {
                record = try JSONDecoder().decode(JSONLinesRecord.self, from: Data(line))
            } catch DecodingError.dataCorrupted(_) where TextDecoder.firstInvalidUTF8(line) != nil {
                record = try JSONDecoder().decode(
                    JSONLinesRecord.self, from: Data(String(decoding: line, as: UTF8.self).utf8))
            }
        } catch let DecodingError.dataCorrupted(context) {
            let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            let invalid = TextDecoder.firstInvalidUTF8(line).map { " (and not UTF-8 at byte \($0))" } ?? ""
            return .failure(
                ReadFailure(path: origin, reason: "invalid JSON: \(detail ?? context.debugDescription)\(invalid)"))
        } catch DecodingError.typeMismatch(_, let context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return .failure(ReadFailure(path: origin, reason: "field \"\(field)\" must be a string"))
        } catch {
            return .failure(ReadFailure(path: origin, reason: "invalid JSON record"))
        }
        guard let url = record.url, !url.isEmpty else {
            return .failure(ReadFailure(path: origin, reason: "the record has no \"url\""))
        }
        let content: (String, RawDocument.ContentType)
        switch (record.text, record.html) {
        case (let text?, nil): content = (text, .plainText)
        case (nil, let html?): content = (html, .html)
        case (.some, .some):
            return .failure(ReadFailure(path: origin, reason: "the record has both \"text\" and \"html\"; give one"))
        case (nil, nil):
            return .failure(ReadFailure(path: origin, reason: "the record has neither \"text\" nor \"html\""))
        }
        return .document(
            RawDocument(
                origin: origin,
                url: url,
                bytes: Array(content.0.utf8),
                contentType: content.1,
                declaredCharset: "utf-8",
                hints: RawDocument.Hints(
                    outlet: record.outlet, title: record.title, published: record.published ?? record.date),
                fetchedAt: record.fetchedAt.flatMap { ISO8601DateFormatter().date(from: $0) }
            )
        )
    }
}
