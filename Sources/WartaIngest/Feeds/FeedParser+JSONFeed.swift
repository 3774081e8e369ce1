import Foundation

extension FeedParser {
    /// JSON Feed 1.1 and 1.0 (https://www.jsonfeed.org/version/1.1/): an object with `version` and `items`.
    ///
    /// Read with `JSONSerialization`, after a byte scan refuses nesting deeper than 64 levels (a JSON Feed needs
    /// four). 1.0's single `author` and 1.1's `authors` are both read; items inherit the feed's authors.
    func parseJSONFeed(_ bytes: [UInt8], url: String?) throws(FeedError) -> Feed {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes[3...]) : bytes
        if let depth = Self.excessiveNesting(body, limit: 64) {
            throw .malformedJSON(reason: "nesting deeper than 64 levels at byte offset \(depth)")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(body))
        } catch {
            throw .malformedJSON(reason: "not valid JSON")
        }
        guard let root = object as? [String: Any] else {
            throw .unrecognisedFormat(found: "JSON that is not an object", expected: "a JSON Feed")
        }
        let version = root["version"] as? String ?? ""
        let isJSONFeed = version.hasPrefix("https://jsonfeed.org/version/") || version.hasPrefix("http://jsonfeed.org/")
        guard isJSONFeed || root["items"] is [Any] else {
            throw .unrecognisedFormat(found: "JSON that is not a JSON Feed", expected: "a JSON Feed")
        }
        var warnings: [FeedWarning] = []
        var feed = Feed(kind: .jsonFeed)
        feed.title = FeedText.nonEmpty(root["title"] as? String)
        let feedURL = url ?? (root["feed_url"] as? String).flatMap { FeedURL.absolute($0, base: nil) }
        feed.link = (root["home_page_url"] as? String).flatMap { FeedURL.absolute($0, base: feedURL) }
        feed.description = FeedText.nonEmpty(root["description"] as? String)
        feed.language = FeedText.nonEmpty(root["language"] as? String)
        let feedAuthors = Self.jsonAuthors(root)
        let items = (root["items"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
        let base = feedURL ?? feed.link
        feed.items = limited(items, warnings: &warnings).map { object in
            var item = FeedItem()
            item.id = Self.jsonString(object["id"])
            item.link =
                [object["url"], object["external_url"]].lazy
                .compactMap { ($0 as? String).flatMap { FeedURL.absolute($0, base: base) } }.first
            item.title = FeedText.nonEmpty(object["title"] as? String)
            item.contentHTML = FeedText.nonEmpty(object["content_html"] as? String)
            item.summary = FeedText.nonEmpty(object["summary"] as? String ?? object["content_text"] as? String)
            item.setPublished(fromFirstOf: [object["date_published"] as? String])
            item.setUpdated(fromFirstOf: [object["date_modified"] as? String])
            for name in Self.jsonAuthors(object) { item.addAuthor(name) }
            if item.authors.isEmpty {
                for name in feedAuthors { item.addAuthor(name) }
            }
            for tag in object["tags"] as? [Any] ?? [] { item.addCategory(tag as? String) }
            return item
        }
        feed.warnings = warnings
        return feed
    }

    /// The names in 1.1's `authors` array, or 1.0's `author` object.
    private static func jsonAuthors(_ object: [String: Any]) -> [String] {
        var authors = (object["authors"] as? [Any] ?? []).compactMap { ($0 as? [String: Any])?["name"] as? String }
        if authors.isEmpty, let author = object["author"] as? [String: Any], let name = author["name"] as? String {
            authors.append(name)
        }
        return authors.compactMap(FeedText.nonEmpty)
    }

    /// A string or number as text (JSON Feed ids may be either).
    private static func jsonString(_ value: Any?) -> String? {
        switch value {
        case let text as String: return FeedText.nonEmpty(text)
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }

    /// The byte offset where `[`/`{` nesting first passes `limit` outside strings, or `nil`.
    private static func excessiveNesting(_ bytes: [UInt8], limit: Int) -> Int? {
        var depth = 0
        var inString = false
        var escaped = false
        for (offset, byte) in bytes.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return offset }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return nil
    }
}
