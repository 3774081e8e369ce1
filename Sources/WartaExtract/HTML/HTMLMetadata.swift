import Foundation
import WartaCore
import WartaHTML

/// The metadata of a page, each field with where it was found.
struct HTMLMetadata: Sendable {
    var title: String?
    var canonicalURL: String?
    /// The site's name as it calls itself (`og:site_name`, JSON-LD `publisher.name`).
    var siteName: String?
    var byline: String?
    var published: PublishedDate?
    var modified: PublishedDate?
    /// The language the markup declares (`inLanguage`, `<html lang>`, `og:locale`), lower-case, e.g. `id`.
    var languageHint: String?
    var section: String?
    var tags: [String] = []
    /// JSON-LD `articleBody`, when given: a last-resort body.
    var jsonLDBody: String?

    /// What the page's `<meta>` elements say, by lower-cased `property`/`name`/`itemprop`.
    private var metas: [String: String] = [:]
}

extension HTMLMetadata {
    /// Reads a page's metadata in Warta's fixed order of trust.
    ///
    /// Each field takes the first source that has it:
    /// 1. JSON-LD: the first `NewsArticle`-like object (also inside `@graph` and lists);
    /// 2. OpenGraph and `<meta>`: `og:*`, `article:*`, `author`, Parse.ly, Dublin Core, `itemprop`;
    /// 3. `<time datetime>` (preferring `pubdate` and `itemprop=datePublished`);
    /// 4. a full date in the URL;
    /// 5. a written dateline near the start of the text (`dateline` argument).
    /// Dates outside 1995 … fetch time are refused at every step.
    static func read(
        _ document: HTMLDocument, url: String?, fetchedAt: Date?, dateline: () -> String?
    ) -> HTMLMetadata {
        var metadata = HTMLMetadata()
        metadata.readMetaElements(document)
        let article = JSONLD.article(in: document.jsonLD)

        // Title.
        metadata.title =
            article?.headline ?? metadata.meta("og:title", "twitter:title", "parsely-title", "dc.title", "headline")
            ?? document.first(.title).map { document.textContent(of: $0) }
        metadata.siteName = metadata.meta("og:site_name", "application-name") ?? article?.publisher

        // Canonical URL.
        for index in document.nodes.indices where document.nodes[index].tag == .link {
            if document.attribute(.rel, of: index)?.lowercased() == "canonical",
                let href = document.attribute(.href, of: index), href.hasPrefix("http")
            {
                metadata.canonicalURL = href
                break
            }
        }
        if metadata.canonicalURL == nil, let ogURL = metadata.meta("og:url"), ogURL.hasPrefix("http") {
            metadata.canonicalURL = ogURL
        }

        // Byline.
        metadata.byline = Byline.clean(
            article?.authors ?? [],
            fallback: metadata.meta("author", "parsely-author", "dc.creator", "byl", "byline")
                ?? metadata.meta("article:author").flatMap { $0.hasPrefix("http") ? nil : $0 })

        // Dates, in order of trust.
        func plausible(_ text: String?, _ source: PublishedDate.Source) -> PublishedDate? {
            guard let text, let parts = HTMLDate.parse(text), let date = parts.date(),
                HTMLDate.isPlausible(date, fetchedAt: fetchedAt)
            else { return nil }
            return PublishedDate(date: date, text: text, source: source)
        }
        metadata.published =
            plausible(article?.datePublished, .jsonLD)
            ?? plausible(
                metadata.meta(
                    "article:published_time", "og:article:published_time", "article:published", "datepublished",
                    "parsely-pub-date", "sailthru.date", "dc.date.issued", "dc.date", "dcterms.created",
                    "dcterms.date", "publishdate", "publish-date", "pubdate", "date", "og:published_time",
                    "article.published", "originalpublicationdate", "publication_date", "content_publishdate",
                    "datecreated"),
                .meta)
            ?? timeElement(document).flatMap { plausible($0, .time) }
            ?? (url ?? metadata.canonicalURL).flatMap { address in
                guard let parts = HTMLDate.fromURL(address), let date = parts.date(),
                    HTMLDate.isPlausible(date, fetchedAt: fetchedAt)
                else { return nil }
                return PublishedDate(date: date, text: address, source: .url)
            }
            ?? dateline().flatMap { text in
                guard let parts = HTMLDate.parseWritten(text), let date = parts.date(),
                    HTMLDate.isPlausible(date, fetchedAt: fetchedAt)
                else { return nil }
                return PublishedDate(date: date, text: text, source: .dateline)
            }
        metadata.modified =
            plausible(article?.dateModified, .jsonLD)
            ?? plausible(
                metadata.meta(
                    "article:modified_time", "og:updated_time", "datemodified", "dc.date.modified", "dcterms.modified",
                    "last-modified", "parsely-updated"),
                .meta)

        // Language, section, tags.
        let htmlLang = document.first(.html).flatMap { document.attribute(.lang, of: $0) }
        metadata.languageHint =
            (article?.inLanguage ?? htmlLang ?? metadata.meta("og:locale", "dc.language", "language")
            ?? metadata.meta("content-language"))
            .map { String($0.lowercased().prefix { $0.isLetter }) }
            .flatMap { $0.isEmpty ? nil : $0 }
        metadata.section = article?.section ?? metadata.meta("article:section", "parsely-section", "section")
        let tagText = article?.keywords ?? metadata.allMeta("article:tag").joined(separator: ",")
        var tags = tagText.split(separator: ",").map { $0.trimmedFast(.whitespaces) }.filter { !$0.isEmpty }
        if tags.isEmpty, let keywords = metadata.meta("news_keywords", "keywords", "parsely-tags") {
            tags = keywords.split(separator: ",").map { $0.trimmedFast(.whitespaces) }.filter { !$0.isEmpty }
        }
        metadata.tags = Array(tags.prefix(30))
        metadata.jsonLDBody = article?.articleBody
        return metadata
    }

    private static let metaNameAttributes: [HTMLAttributeName] = [.property, .name, .itemprop, .httpEquiv]

    private mutating func readMetaElements(_ document: HTMLDocument) {
        // Every value is kept only for `article:tag`, the one name read as a list.
        var tags: [String] = []
        for index in document.nodes.indices where document.nodes[index].tag == .meta {
            guard let content = document.attribute(.content, of: index) ?? document.attribute(.datetime, of: index)
            else { continue }
            let value = content.trimmedFast()
            guard !value.isEmpty else { continue }
            for key in Self.metaNameAttributes {
                if let name = document.attribute(key, of: index)?.lowercased() {
                    if metas[name] == nil { metas[name] = value }
                    if name == "article:tag" { tags.append(value) }
                }
            }
        }
        if !tags.isEmpty { metas["article:tag"] = tags.joined(separator: ",") }
    }

    /// The first of `keys` that a `<meta>` gives.
    private func meta(_ keys: String...) -> String? {
        for key in keys {
            if let value = metas[key] { return value }
        }
        return nil
    }

    private func allMeta(_ key: String) -> [String] {
        metas[key].map { [$0] } ?? []
    }

    /// The `datetime` of the page's publication `<time>` (or `itemprop=datePublished` element).
    private static func timeElement(_ document: HTMLDocument) -> String? {
        var first: String?
        for index in document.nodes.indices where !document.nodes[index].isText {
            let tag = document.nodes[index].tag
            let itemprop = document.attribute(.itemprop, of: index)?.lowercased()
            if itemprop == "datepublished" || itemprop == "datecreated" {
                if let value = document.attribute(.datetime, of: index) ?? document.attribute(.content, of: index) {
                    return value
                }
            }
            guard tag == .time, let value = document.attribute(.datetime, of: index) else { continue }
            if document.attribute(.pubdate, of: index) != nil { return value }
            if first == nil { first = value }
        }
        return first
    }
}

/// Cleans author names: drops job titles, relative times and links, keeps desk names only when nobody is named.
enum Byline {
    private static let prefixes = ["by ", "oleh ", "penulis:", "penulis ", "reporter:", "reporter ", "author:", "von "]
    private static let junk: Set<String> = [
        "senior reporter", "reporter", "staff writer", "contributor", "editor", "correspondent", "staff",
        "hours ago", "minutes ago", "jam lalu", "menit lalu", "admin", "administrator", "guest",
    ]
    private static let desks = ["redaksi", "tim ", "newsroom", "desk", "staff", "wires", "team"]

    /// The byline from structured names, else from a free-text meta value.
    static func clean(_ names: [String], fallback: String?) -> String? {
        var people: [String] = []
        var organisations: [String] = []
        let candidates = names.isEmpty ? (fallback.map { [$0] } ?? []) : names
        for raw in candidates {
            for piece in split(raw) {
                var name = piece
                for prefix in prefixes where name.lowercased().hasPrefix(prefix) {
                    name = String(name.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
                }
                let lower = name.lowercased()
                guard !name.isEmpty, name.utf8.count <= 80, !lower.hasPrefix("http"), !junk.contains(lower),
                    !lower.hasSuffix(" ago"), !lower.contains("@"), name.contains(where: { $0.isLetter })
                else { continue }
                if desks.contains(where: { lower.contains($0) }) {
                    organisations.append(name)
                } else if !people.contains(name) {
                    people.append(name)
                }
            }
        }
        if !people.isEmpty { return people.prefix(5).joined(separator: ", ") }
        return organisations.first
    }

    /// Splits "A, B and C" / "A dan B" / "A | Senior Reporter" into names.
    private static func split(_ text: String) -> [String] {
        let normalized = text.replacingOccurrences(of: " and ", with: ",").replacingOccurrences(of: " dan ", with: ",")
            .replacingOccurrences(of: "|", with: ",").replacingOccurrences(of: ";", with: ",")
            .replacingOccurrences(of: "\n", with: ",")
        return normalized.split(separator: ",").map { $0.trimmedFast(.whitespaces) }
    }
}
