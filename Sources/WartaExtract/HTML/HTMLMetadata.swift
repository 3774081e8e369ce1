import Foundation
import WartaCore
import WartaHTML

/// The metadata of a page, each field with where it was found.
struct HTMLMetadata: Sendable {
    var title: String?
    var canonicalURL: String?
    /// The site's name as it calls itself (`og:site_name`, JSON-LD `publisher.name`).
    var siteName: String?
    /// The byline that the markup for machines gives (JSON-LD, `<meta>`), when it names someone other than the
    /// publisher.
    var byline: String?
    /// A byline written on the page (``VisibleByline``), read when the markup names nobody.
    var pageByline: String?
    /// The publisher named as the author (`"author": "GlossGenius"` on glossgenius.com): the last resort.
    var publisherByline: String?
    var published: PublishedDate?
    var modified: PublishedDate?
    /// The language the markup declares (`inLanguage`, `<html lang>`, `og:locale`), lower-case, e.g. `id`.
    var languageHint: String?
    var section: String?
    var tags: [String] = []
    /// JSON-LD `articleBody`, when given: a last-resort body.
    var jsonLDBody: String?
    /// Whether the markup for machines calls the page an article: a JSON-LD article type, `og:type` article, or
    /// an `article:published_time`.
    var saysArticle = false
    /// Whether it does so beyond `og:type` (which many sites put on every page, front pages included): a JSON-LD
    /// article type or an `article:published_time`.
    var insistsOnArticle = false

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
        let labelled = ["written by", "author", "by", "penulis"].contains(
            metadata.meta("twitter:label1")?.lowercased() ?? "")
        var byline = Byline.clean(
            article?.authors ?? [],
            fallback: metadata.meta(
                "author", "parsely-author", "dc.creator", "byl", "byline", "sailthru.author", "citation_author",
                "article.author")
                ?? metadata.meta("article:author").flatMap { $0.hasPrefix("http") ? nil : $0 }
                ?? (labelled ? metadata.meta("twitter:data1") : nil))
        let siteName = metadata.siteName
        let isPublisher = { Byline.isPublisher($0, siteName: siteName, publisher: article?.publisher, url: url) }
        if let name = byline, isPublisher(name) {
            metadata.publisherByline = Byline.isCompany(name) ? nil : name
            byline = nil
        }
        metadata.byline = byline
        if byline == nil {
            metadata.pageByline = VisibleByline.find(in: document).flatMap { Byline.clean([$0], fallback: nil) }
                .flatMap { isPublisher($0) ? nil : $0 }
        }

        // Dates, in order of trust.
        func plausible(_ text: String?, _ source: PublishedDate.Source) -> PublishedDate? {
            text.flatMap { dated(HTMLDate.parse($0), $0, source, fetchedAt: fetchedAt) }
        }
        metadata.published = metadata.publishedDate(
            document, jsonLD: article?.datePublished, url: url, fetchedAt: fetchedAt, dateline: dateline)
        // Each meta name in turn, as for the publication date: a first name whose value does not parse ("TBD",
        // "01/07/16") must not hide a later one that does.
        metadata.modified =
            plausible(article?.dateModified, .jsonLD)
            ?? metadata.metas(Self.modifiedMetaKeys).lazy.compactMap { plausible($0, .meta) }.first

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
        metadata.insistsOnArticle =
            (article?.isArticleType ?? false) || metadata.meta("article:published_time") != nil
        metadata.saysArticle = metadata.insistsOnArticle || metadata.meta("og:type")?.lowercased() == "article"
        return metadata
    }

    /// The publication date from the first source that gives a plausible one, in the order of ``read(_:url:fetchedAt:dateline:)``,
    /// then a date written near the headline (``VisibleDate``).
    private func publishedDate(
        _ document: HTMLDocument, jsonLD: String?, url: String?, fetchedAt: Date?, dateline: () -> String?
    ) -> PublishedDate? {
        func dated(_ parts: HTMLDate.Parts?, _ text: String, _ source: PublishedDate.Source) -> PublishedDate? {
            Self.dated(parts, text, source, fetchedAt: fetchedAt)
        }
        let address = url ?? canonicalURL
        let fromURL = address.flatMap { dated(HTMLDate.fromURL($0), $0, .url) }
        /// The date read from `parts`; a UTC time a day off the URL's date is the same moment on the publisher's
        /// local day: the URL's.
        func local(_ parts: HTMLDate.Parts?, _ text: String, _ source: PublishedDate.Source) -> PublishedDate? {
            guard let found = dated(parts, text, source) else { return nil }
            guard let fromURL, let date = found.date, let urlDate = fromURL.date, (parts?.offset ?? 0) == 0,
                abs(date.timeIntervalSince(urlDate)) < 2 * 86_400, HTMLDate.calendar.startOfDay(for: date) != urlDate
            else { return found }
            return fromURL
        }
        if let text = jsonLD, let found = local(HTMLDate.parse(text), text, .jsonLD) { return found }
        for text in metas(Self.publishedMetaKeys) {
            if let found = local(HTMLDate.parse(text), text, .meta) { return found }
        }
        let monthFirst = Self.writesMonthFirst(document)
        for text in Self.timeElements(document) {
            let parts = HTMLDate.parse(text) ?? HTMLDate.parseNumeric(text, monthFirst: monthFirst)
            if let found = local(parts, text, .time) { return found }
        }
        if let fromURL { return fromURL }
        if let text = dateline(), let found = dated(HTMLDate.parseWritten(text), text, .dateline) { return found }
        for text in VisibleDate.candidates(in: document) {
            let parts = HTMLDate.parseWritten(text) ?? HTMLDate.parseNumeric(text, monthFirst: monthFirst)
            if let found = dated(parts, text, .page) { return found }
        }
        return nil
    }

    /// `text` read as `parts`, when they make an instant plausible for a page fetched at `fetchedAt`.
    private static func dated(
        _ parts: HTMLDate.Parts?, _ text: String, _ source: PublishedDate.Source, fetchedAt: Date?
    ) -> PublishedDate? {
        guard let date = parts?.date(), HTMLDate.isPlausible(date, fetchedAt: fetchedAt) else { return nil }
        return PublishedDate(date: date, text: text, source: source)
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

    /// Every value the page gives for `keys`, in the order of `keys`.
    private func metas(_ keys: [String]) -> [String] {
        keys.compactMap { metas[$0] }
    }

    /// Meta names of the publication date, best first.
    private static let publishedMetaKeys = [
        "article:published_time", "og:article:published_time", "article:published", "datepublished",
        "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created",
        "dcterms.date", "publishdate", "publish-date", "publish_date", "pubdate", "date", "og:published_time",
        "og:pubdate", "article.published", "article.created", "originalpublicationdate", "publication_date",
        "publication-date", "content_publishdate", "date_published", "published", "published_time",
        "published-date", "w-published-date", "datecreated", "citation_publication_date", "citation_date",
        "release_date", "cxenseparse:recs:publishtime", "bt:pubdate", "created",
    ]

    /// Meta names of the last modification date, best first.
    private static let modifiedMetaKeys = [
        "article:modified_time", "og:updated_time", "datemodified", "dc.date.modified", "dcterms.modified",
        "last-modified", "parsely-updated", "article:modified", "og:article:modified_time", "modified_time",
        "date_modified", "dateupdated", "updated_time", "lastmod",
    ]

    /// Whether the page's language writes numeric dates month first (American English: `en`, `en-us`).
    private static func writesMonthFirst(_ document: HTMLDocument) -> Bool {
        guard let lang = document.first(.html).flatMap({ document.attribute(.lang, of: $0) })?.lowercased() else {
            return false
        }
        return lang == "en" || lang.hasPrefix("en-us") || lang.hasPrefix("en_us")
    }

    private func allMeta(_ key: String) -> [String] {
        metas[key].map { [$0] } ?? []
    }

    /// The publication `<time>` values of the page, best first: `itemprop=datePublished` (or `dateCreated`), a
    /// `<time pubdate>`, then every other `<time>` in page order (its `datetime`, else its text).
    private static func timeElements(_ document: HTMLDocument) -> [String] {
        var marked: [String] = []
        var others: [String] = []
        for index in document.nodes.indices where !document.nodes[index].isText {
            let tag = document.nodes[index].tag
            let itemprop = document.attribute(.itemprop, of: index)?.lowercased()
            if itemprop == "datepublished" || itemprop == "datecreated" {
                if let value = document.attribute(.datetime, of: index) ?? document.attribute(.content, of: index) {
                    marked.append(value)
                }
            }
            guard tag == .time, others.count < 20 else { continue }
            let value = document.attribute(.datetime, of: index) ?? document.textContent(of: index)
            guard !value.isEmpty, value.utf8.count <= 120 else { continue }
            if document.attribute(.pubdate, of: index) != nil { marked.append(value) } else { others.append(value) }
        }
        return marked + others
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

    /// Whether `name` is the publisher, not a person: the site's name, the JSON-LD publisher, the domain's
    /// name ("GlossGenius" on glossgenius.com), or a company form ("PT. VIVA MEDIA BARU", "Acme Inc").
    static func isPublisher(_ name: String, siteName: String?, publisher: String?, url: String?) -> Bool {
        if isCompany(name) { return true }
        let key = squeezed(name)
        guard !key.isEmpty else { return false }
        if let siteName, squeezed(siteName) == key { return true }
        if let publisher, squeezed(publisher) == key { return true }
        if let host = url.flatMap({ URL(string: $0)?.host }), let domain = RegistrableDomain.of(host: host),
            let label = domain.split(separator: ".").first, squeezed(String(label)) == key
        {
            return true
        }
        return false
    }

    /// Whether `name` reads as a company: "PT …", "… Tbk", "… Inc", "… LLC", "… Ltd", "… Cyber Media".
    static func isCompany(_ name: String) -> Bool {
        let lower = name.lowercased()
        if lower.hasPrefix("pt ") || lower.hasPrefix("pt. ") { return true }
        return [" tbk", " inc", " inc.", " llc", " ltd", " ltd.", " corp", " corp.", " gmbh", " cyber media"].contains {
            lower.hasSuffix($0)
        }
    }

    /// Letters and digits only, lower-cased: "Gloss Genius" and "glossgenius" compare equal.
    private static func squeezed(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// Splits "A, B and C" / "A dan B" / "A | Senior Reporter" into names.
    private static func split(_ text: String) -> [String] {
        let normalized = text.replacingOccurrences(of: " and ", with: ",").replacingOccurrences(of: " dan ", with: ",")
            .replacingOccurrences(of: "|", with: ",").replacingOccurrences(of: ";", with: ",")
            .replacingOccurrences(of: "\n", with: ",")
        return normalized.split(separator: ",").map { $0.trimmedFast(.whitespaces) }
    }
}
