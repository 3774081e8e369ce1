import Foundation
import WartaCore
import WartaHTML

/// Tells pages that are not articles from articles: an index of other pages, a feed, or a file that is not news.
///
/// Warta stores articles; a front page, a section index or a feed read as an article gives a "body" of teasers and
/// a date of whatever came first. The tests, in order:
/// - **feed**: the document is XML whose root is `rss`, `feed` or `rdf:RDF`;
/// - **index**: the page's URL does not name one article (``urlNamesAnArticle(_:)``), and either the markup for
///   machines does not call the page an article, the page links at least ``minHeadlineLinks`` headline-sized texts
///   (4 to 20 words) and the text found is teaser-like (under ``shortBody`` bytes, or at least ``minTeasers``
///   paragraphs that are mostly the texts of links); or the markup calls it an article by `og:type` alone (front
///   pages carry it too), the page is a list of at least ``minTeaserUnits`` headlines with teasers that link to
///   articles (their URLs name one, ``urlNamesAnArticle(_:)``), and most of the text found is theirs (``teaserUnit(_:link:linkBytes:)``).
public enum PageKind {
    static let minHeadlineLinks = 20
    static let shortBody = 600
    static let minTeasers = 8
    static let minTeaserUnits = 8
    /// How many bytes of text a teaser unit may hold beside its headline link.
    static let teaserSlack = 400
    /// The largest subtree (in nodes) read as one teaser unit: a list item with a picture, a section label, a time,
    /// the headline and its teaser; bounds the work per link.
    static let teaserNodes = 80

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
        _ document: HTMLDocument, body: [String], saysArticle: Bool, insists: Bool, url: String?
    ) -> String? {
        guard !insists, !urlNamesAnArticle(url) else { return nil }
        var linkTexts: Set<String> = []
        var headlineLinks = 0
        var units: Set<Int> = []
        for index in document.nodes.indices where !document.nodes[index].isText && document.nodes[index].tag == .a {
            let text = document.textContent(of: index)
            let words = text.split(separator: " ").count
            if words >= 4, words <= 20 {
                headlineLinks += 1
                linkTexts.insert(text)
            }
            if words >= 3, words <= 20, linksToArticle(document, index),
                let unit = teaserUnit(document, link: index, linkBytes: text.utf8.count)
            {
                units.insert(unit)
            }
        }
        let bytes = body.reduce(0) { $0 + $1.utf8.count }
        let linked = body.filter { linkTexts.contains($0) }.reduce(0) { $0 + $1.utf8.count }
        if !saysArticle, headlineLinks >= minHeadlineLinks {
            if bytes < shortBody {
                return "\(headlineLinks) headline links and \(bytes) bytes of text"
            }
            if body.count >= minTeasers, linked * 2 >= bytes {
                return "\(headlineLinks) headline links, and \(linked * 100 / max(bytes, 1)) % of the text is link text"
            }
        }
        guard units.count >= minTeaserUnits else { return nil }
        // The texts of every element inside the units (each at most ``teaserNodes`` nodes): a paragraph found is a
        // teaser when it is one of them. A set, so a page of thousands of units costs one lookup per paragraph.
        var teaserTexts: Set<String> = []
        for unit in units {
            for inner in unit..<Int(document.nodes[unit].end) where !document.nodes[inner].isText {
                teaserTexts.insert(document.textContent(of: inner))
            }
        }
        let teased = body.filter { !linkTexts.contains($0) && teaserTexts.contains($0) }.reduce(0) {
            $0 + $1.utf8.count
        }
        if (teased + linked) * 2 >= bytes {
            return
                "\(units.count) headlines with teasers, and \((teased + linked) * 100 / max(bytes, 1)) % of the text is "
                + "theirs"
        }
        return nil
    }

    /// Whether link `index` points at a URL that names one article (a relative one read against any host).
    static func linksToArticle(_ document: HTMLDocument, _ index: Int) -> Bool {
        guard let href = document.attribute(.href, of: index), !href.isEmpty else { return false }
        if href.contains("://") { return urlNamesAnArticle(href) }
        // Protocol-relative ("//host/path") or relative to the page.
        return pathNamesAnArticle(href.hasPrefix("//") ? href.dropFirst(2).drop { $0 != "/" } : Substring(href))
    }

    /// The small block around a headline link (a list item, a card): the largest of its nearest four ancestors whose
    /// text holds at most ``teaserSlack`` bytes more than the link's, when that block holds some text of its own
    /// beside the link (a teaser, a time, a section name); else `nil`.
    static func teaserUnit(_ document: HTMLDocument, link: Int, linkBytes: Int) -> Int? {
        var unit: Int?
        var unitBytes = 0
        var parent = Int(document.nodes[link].parent)
        var steps = 0
        while parent >= 0, steps < 4, Int(document.nodes[parent].end) - parent <= teaserNodes {
            let bytes = document.textContent(of: parent).utf8.count
            guard bytes <= linkBytes + teaserSlack else { break }
            unit = parent
            unitBytes = bytes
            parent = Int(document.nodes[parent].parent)
            steps += 1
        }
        return unitBytes > linkBytes + 20 ? unit : nil
    }

    /// Whether the URL's path reads as one article's (``pathNamesAnArticle(_:)``).
    static func urlNamesAnArticle(_ url: String?) -> Bool {
        guard let url, let schemeEnd = url.range(of: "://") else { return false }
        return pathNamesAnArticle(url[schemeEnd.upperBound...].drop { $0 != "/" })
    }

    /// Whether a path (with any query or fragment after it) reads as one article's: a last segment of three or more
    /// words joined by hyphens or underscores ("/how-to-start-a-vegetable-garden"), or a number of five digits or more
    /// in the path ("/read/2015/11/05/100026/3062623/…"). Index pages sit at "/", "/indeks", "/news/", "/engine".
    static func pathNamesAnArticle(_ path: Substring) -> Bool {
        let segments = path.utf8.prefix { $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
            .split(separator: UInt8(ascii: "/"))
        if let last = segments.last,
            last.split(whereSeparator: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }).count >= 3
        {
            return true
        }
        return segments.contains { segment in
            var run = 0
            var longest = 0
            for byte in segment {
                run = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? run + 1 : 0
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
