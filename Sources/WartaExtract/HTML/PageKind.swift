import Foundation
import WartaCore
import WartaHTML

/// Tells pages that are not articles from articles: an index of other pages, a feed, or a file that is not news.
///
/// Warta stores articles; a front page, a section index or a feed read as an article gives a "body" of teasers and
/// a date of whatever came first. The tests, in order:
/// - **feed**: the document is XML whose root is `rss`, `feed` or `rdf:RDF`;
/// - **index**: the markup for machines does not call the page an article, the page links at least
///   ``minHeadlineLinks`` headline-sized texts (4 to 20 words), its URL does not name one article
///   (``urlNamesAnArticle(_:)``), and the text found is teaser-like: under ``shortBody`` bytes, or at least
///   ``minTeasers`` paragraphs that are mostly the texts of links.
public enum PageKind {
    static let minHeadlineLinks = 20
    static let shortBody = 600
    static let minTeasers = 8

    /// Whether the document is XML whose root is a feed (RSS, Atom, RDF), read from the first bytes.
    static func sniffFeed(_ bytes: [UInt8]) -> Bool {
        var head = bytes.prefix(4096)
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
        let text = String(decoding: head, as: UTF8.self).lowercased()
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        guard trimmed.hasPrefix("<?xml") || trimmed.hasPrefix("<rss") || trimmed.hasPrefix("<feed") else {
            return false
        }
        return text.contains("<rss") || text.contains("<feed") || text.contains("<rdf:rdf")
    }

    /// Why the page reads as an index, or `nil` for an article.
    static func indexEvidence(
        _ document: HTMLDocument, body: [String], saysArticle: Bool, url: String?
    ) -> String? {
        guard !saysArticle, !urlNamesAnArticle(url) else { return nil }
        var linkTexts: Set<String> = []
        var headlineLinks = 0
        for index in document.nodes.indices where !document.nodes[index].isText && document.nodes[index].tag == .a {
            let text = document.textContent(of: index)
            let words = text.split(separator: " ").count
            if words >= 4, words <= 20 {
                headlineLinks += 1
                linkTexts.insert(text)
            }
        }
        guard headlineLinks >= minHeadlineLinks else { return nil }
        let bytes = body.reduce(0) { $0 + $1.utf8.count }
        let linked = body.filter { linkTexts.contains($0) }.reduce(0) { $0 + $1.utf8.count }
        if bytes < shortBody {
            return "\(headlineLinks) headline links and \(bytes) bytes of text"
        }
        if body.count >= minTeasers, linked * 2 >= bytes {
            return "\(headlineLinks) headline links, and \(linked * 100 / max(bytes, 1)) % of the text is link text"
        }
        return nil
    }

    /// Whether the URL's path reads as one article's: a last segment of three or more words joined by hyphens or
    /// underscores ("/how-to-start-a-vegetable-garden"), or a number of five digits or more in the path
    /// ("/read/2015/11/05/100026/3062623/…"). Index pages sit at "/", "/indeks", "/news/", "/engine".
    static func urlNamesAnArticle(_ url: String?) -> Bool {
        guard let url, let schemeEnd = url.range(of: "://") else { return false }
        let afterHost = url[schemeEnd.upperBound...].drop { $0 != "/" }
        let path = afterHost.prefix { $0 != "?" && $0 != "#" }
        let segments = path.split(separator: "/")
        if let last = segments.last, last.split(whereSeparator: { $0 == "-" || $0 == "_" }).count >= 3 {
            return true
        }
        return segments.contains { segment in
            var run = 0
            var longest = 0
            for character in segment {
                run = character.isASCII && character.isNumber ? run + 1 : 0
                longest = max(longest, run)
            }
            return longest >= 5
        }
    }

    /// Repository and data files by name: what a folder of news may also hold.
    private static let fileNames = [
        "readme", "license", "licence", "copying", "notice", "changelog", "authors", "contributing",
    ]
    private static let dataExtensions: [String: String] = [
        "md": "a Markdown file", "markdown": "a Markdown file", "rst": "a reStructuredText file",
        "csv": "a CSV file", "tsv": "a TSV file", "json": "a JSON file", "xml": "an XML file",
        "yaml": "a YAML file", "yml": "a YAML file", "toml": "a TOML file", "ini": "a settings file",
        "cfg": "a settings file", "conf": "a settings file", "log": "a log file", "sql": "an SQL file",
        "py": "a program", "sh": "a program", "swift": "a program", "js": "a program", "css": "a style sheet",
    ]

    /// What a file is when its path says it is not news ("a licence or README file", "a CSV file"), else `nil`.
    /// Only file paths are judged: a URL, standard input ("-") and JSON-lines records ("file.jsonl:12") are not.
    public static func nonArticleFile(_ origin: String) -> String? {
        guard origin != "-", !origin.contains("://") else { return nil }
        let name = origin.split(separator: "/").last.map(String.init) ?? origin
        let lower = name.lowercased()
        let stem = lower.split(separator: ".").first.map(String.init) ?? lower
        if fileNames.contains(stem) || ["license", "licence", "copying"].contains(where: { stem.hasPrefix($0 + "-") }) {
            return "a licence or README file"
        }
        guard let dot = lower.lastIndex(of: ".") else { return nil }
        return dataExtensions[String(lower[lower.index(after: dot)...])]
    }
}
