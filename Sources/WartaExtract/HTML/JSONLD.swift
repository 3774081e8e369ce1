import Foundation

/// Reads the article object out of a page's JSON-LD scripts.
enum JSONLD {
    /// The fields Warta reads from a `NewsArticle`-like object.
    struct Article: Equatable {
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

    /// The best article object in `scripts`: the first object of the most specific type.
    /// - Complexity: O(size of the JSON).
    static func article(in scripts: [String]) -> Article? {
        var objects: [[String: Any]] = []
        for script in scripts {
            guard let value = parse(script) else { continue }
            // An explicit stack, not recursion: JSON-LD nests `@graph`s and lists.
            var stack: [Any] = [value]
            var visited = 0
            while let item = stack.popLast(), visited < 10_000 {
                visited += 1
                if let list = item as? [Any] {
                    stack.append(contentsOf: list.reversed())
                } else if let object = item as? [String: Any] {
                    objects.append(object)
                    if let graph = object["@graph"] { stack.append(graph) }
                    if let main = object["mainEntity"] as? [String: Any] { stack.append(main) }
                }
            }
        }
        var best: (rank: Int, object: [String: Any])?
        for object in objects {
            let types = typeNames(object["@type"])
            guard let rank = types.compactMap({ articleTypes.firstIndex(of: $0) }).min() else { continue }
            if best == nil || rank < best?.rank ?? Int.max { best = (rank, object) }
        }
        guard let object = best?.object else { return nil }
        var article = Article()
        article.headline = string(object["headline"]) ?? string(object["name"])
        article.datePublished = string(object["datePublished"]) ?? string(object["dateCreated"])
        article.dateModified = string(object["dateModified"])
        article.authors = names(object["author"]) + (object["author"] == nil ? names(object["creator"]) : [])
        article.publisher = names(object["publisher"]).first
        article.section =
            string(object["articleSection"]) ?? (object["articleSection"] as? [Any])?.compactMap(string).first
        if let keywords = object["keywords"] {
            article.keywords = string(keywords) ?? (keywords as? [Any])?.compactMap(string).joined(separator: ",")
        }
        article.inLanguage = string(object["inLanguage"])
        article.articleBody = string(object["articleBody"])
        return article
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

    /// Names from a string, an object with `name`, or a list of either.
    private static func names(_ value: Any?) -> [String] {
        if let text = string(value) { return [text] }
        if let object = value as? [String: Any] { return string(object["name"]).map { [$0] } ?? [] }
        if let list = value as? [Any] { return list.flatMap { names($0) } }
        return []
    }
}
