import Foundation

/// Reads the article object out of a page's JSON-LD scripts.
enum JSONLD {
    /// The fields Warta reads from a `NewsArticle`-like object.
    struct Article: Equatable {
        /// Whether the best object is an article type, not only a `WebPage`/`ItemPage`.
        var isArticleType = false
        var headline: String?
        var datePublished: String?
        var dateModified: String?
        var authors: [String] = []
        var publisher: String?
        var section: String?
        var keywords: String?
        var inLanguage: String?
        var articleBody: String?
    }

    /// `@type`s that describe an article, best first.
    private static let articleTypes: [String] = [
        "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle",
        "reviewnewsarticle", "article", "blogposting", "liveblogposting", "report", "techarticle",
        "scholarlyarticle", "socialmediaposting", "webpage", "itempage",
    ]

    /// The article in `scripts`: each field from the most specific article-like object that has it (objects
    /// of one rank in page order), looking through `@graph`s, lists and nested objects. A script that is not
    /// valid JSON still gives its `"datePublished"` and `"dateModified"` strings.
    /// - Complexity: O(size of the JSON).
    static func article(in scripts: [String]) -> Article? {
        var objects: [[String: Any]] = []
        var broken: [String] = []
        // Objects by `@id`: an author given as `{"@id": "…#author"}` (Yoast's graphs) is named elsewhere.
        var identified: [String: [String: Any]] = [:]
        for script in scripts {
            guard let value = parse(script) else {
                broken.append(script)
                continue
            }
            // An explicit stack, not recursion: JSON-LD nests `@graph`s, lists and objects.
            var stack: [Any] = [value]
            var visited = 0
            while let item = stack.popLast(), visited < 10_000 {
                visited += 1
                if let list = item as? [Any] {
                    stack.append(contentsOf: list.reversed())
                } else if let object = item as? [String: Any] {
                    objects.append(object)
                    if let id = object["@id"] as? String, object.count > 1, identified[id] == nil {
                        identified[id] = object
                    }
                    // Nested objects and lists, in key order for a stable result.
                    for key in object.keys.sorted().reversed() where key != "@context" {
                        if let value = object[key], value is [Any] || value is [String: Any] { stack.append(value) }
                    }
                }
            }
        }
        var ranked: [(rank: Int, order: Int, object: [String: Any])] = []
        for (order, object) in objects.enumerated() {
            let types = typeNames(object["@type"])
            guard let rank = types.compactMap({ articleTypes.firstIndex(of: $0) }).min() else { continue }
            ranked.append((rank, order, object))
        }
        ranked.sort { ($0.rank, $0.order) < ($1.rank, $1.order) }
        let candidates = ranked.map(\.object)
        func first<T>(_ read: ([String: Any]) -> T?) -> T? {
            for object in candidates { if let value = read(object) { return value } }
            return nil
        }
        func names(_ value: Any?) -> [String] { Self.names(value, identified: identified) }
        func authors(_ object: [String: Any]) -> [String] {
            names(object["author"]) + (object["author"] == nil ? names(object["creator"]) : [])
        }
        var article = Article()
        if let rank = ranked.first?.rank {
            article.isArticleType = articleTypes[rank] != "webpage" && articleTypes[rank] != "itempage"
        }
        if let object = candidates.first {
            article.headline = string(object["headline"]) ?? string(object["name"])
            article.publisher = names(object["publisher"]).first
            article.section =
                string(object["articleSection"]) ?? (object["articleSection"] as? [Any])?.compactMap(string).first
            if let keywords = object["keywords"] {
                article.keywords = string(keywords) ?? (keywords as? [Any])?.compactMap(string).joined(separator: ",")
            }
            article.inLanguage = string(object["inLanguage"])
            article.articleBody = string(object["articleBody"])
        }
        article.datePublished = first { string($0["datePublished"]) ?? string($0["dateCreated"]) }
        article.dateModified = first { string($0["dateModified"]) }
        article.authors =
            first { object in
                let found = authors(object)
                return found.isEmpty ? nil : found
            } ?? []
        if article.headline == nil { article.headline = first { string($0["headline"]) } }
        for script in broken {
            if article.datePublished == nil { article.datePublished = quotedValue(of: "datePublished", in: script) }
            if article.dateModified == nil { article.dateModified = quotedValue(of: "dateModified", in: script) }
        }
        if candidates.isEmpty && article.datePublished == nil && article.dateModified == nil { return nil }
        return article
    }

    /// The string after `"key":` in text that is not valid JSON, when short enough to be a date.
    private static func quotedValue(of key: String, in script: String) -> String? {
        let bytes = Array(script.utf8)
        let needle = Array("\"\(key)\"".utf8)
        guard bytes.count >= needle.count else { return nil }
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == 0x22, bytes[index..<index + needle.count].elementsEqual(needle) {
                var position = index + needle.count
                while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x0A { position += 1 }
                guard position < bytes.count, bytes[position] == 0x3A else { return nil }
                position += 1
                while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x0A { position += 1 }
                guard position < bytes.count, bytes[position] == 0x22 else { return nil }
                let start = position + 1
                var end = start
                while end < bytes.count, bytes[end] != 0x22, end - start <= 40 { end += 1 }
                guard end < bytes.count, bytes[end] == 0x22, end > start else { return nil }
                return String(decoding: bytes[start..<end], as: UTF8.self)
            }
            index += 1
        }
        return nil
    }

    /// Parses leniently: raw control characters inside strings (common in hand-made JSON-LD) become spaces.
    private static func parse(_ script: String) -> Any? {
        var text = script.trimmedFast()
        if text.hasPrefix("<!--") { text = String(text.dropFirst(4)) }
        if text.hasSuffix("-->") { text = String(text.dropLast(3)) }
        if text.hasPrefix("//<![CDATA[") { text = String(text.dropFirst(11)) }
        if text.hasSuffix("//]]>") { text = String(text.dropLast(5)) }
        let bytes = Array(text.utf8)
        if let value = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) {
            return value
        }
        let cleaned = bytes.map { $0 < 0x20 ? 0x20 : $0 }
        return try? JSONSerialization.jsonObject(with: Data(cleaned), options: [.fragmentsAllowed])
    }

    private static func typeNames(_ value: Any?) -> [String] {
        if let name = value as? String { return [name.lowercased()] }
        if let list = value as? [Any] { return list.compactMap { ($0 as? String)?.lowercased() } }
        return []
    }

    private static func string(_ value: Any?) -> String? {
        guard let text = value as? String else { return nil }
        let trimmed = text.trimmedFast()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Names from a string, an object with `name` (or an `@id` naming an object with one), or a list of either.
    private static func names(_ value: Any?, identified: [String: [String: Any]] = [:]) -> [String] {
        if let text = string(value) { return [text] }
        if let object = value as? [String: Any] {
            if let name = string(object["name"]) { return [name] }
            if let id = object["@id"] as? String, let named = identified[id], let name = string(named["name"]) {
                return [name]
            }
            return []
        }
        if let list = value as? [Any] { return list.flatMap { names($0, identified: identified) } }
        return []
    }
}
