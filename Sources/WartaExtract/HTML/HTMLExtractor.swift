import Foundation
import WartaCore
import WartaHTML
import WartaText

/// Turns an HTML page into an ``Article``: charset, parse, main text, metadata, then the same debris rules as
/// plain text, with the links that debris carried kept as ``RelatedLink``s.
///
/// The steps, in order:
/// 1. decode the bytes (``HTMLCharset``: declared → BOM → `<meta charset>` → sniff); refuse binary content;
/// 2. parse with libxml2 into an ``HTMLDocument`` (scripts, styles and comments cut out first);
/// 3. find the main text (``MainContent``): prune, score, join siblings, emit blocks;
/// 4. filter blocks: headline-level `h1`, link-heavy blocks, repeats; "Baca Juga" / "Artikel Terkait" blocks
///    become related links with their URLs, other debris lines (``DebrisRules``) leave the body;
/// 5. fall back to every `<p>` of the page, then to JSON-LD `articleBody`, when the text is under
///    ``Configuration/minBodyCharacters``;
/// 6. read metadata (``HTMLMetadata``: JSON-LD → OpenGraph/meta → `<time>` → URL → dateline) and clean the title;
/// 7. read a dateline at the start of the lead and a closing credit line, as for plain text;
/// 8. NFC-normalise title and body; paragraphs are separated by one blank line.
public struct HTMLExtractor: Stage {
    public static let name: StageName = "extract.html.v1"

    /// Settings with documented defaults.
    public struct Configuration: Sendable {
        /// Below this many characters of main text the fallbacks are tried (trafilatura's 250).
        public var minBodyCharacters = 250
        /// The fetch time assumed when a document carries none: dates after it are refused. `nil`: no upper bound.
        public var defaultFetchTime: Date?
        /// Blocks with more than this share of their text in links leave the body.
        public var maxLinkDensity = 0.65
        /// Keep index pages and feeds as articles instead of dropping them (``PageKind``).
        public var keepNonArticles = false

        public init(defaultFetchTime: Date? = nil) {
            self.defaultFetchTime = defaultFetchTime
        }
    }

    public var configuration: Configuration
    public let rules: DebrisRules

    /// The lower-cased phrases of the `related-block` rules that match by prefix or whole line.
    private let relatedBlockPhrases: [String]
    /// The same phrases as bytes, for the byte screen in ``relatedBlocks(_:)``.
    private let relatedBlockPhraseBytes: [[UInt8]]
    /// Whether some phrase starts with this (lower-case ASCII) byte: a text that starts with another ASCII byte
    /// (not a carriage return) starts with another `Character` than every phrase.
    private let relatedBlockFirstBytes: [Bool]

    public init(rules: DebrisRules, configuration: Configuration = Configuration()) {
        self.rules = rules
        self.configuration = configuration
        relatedBlockPhrases = rules.rules.compactMap { rule in
            guard rule.action == .relatedBlock else { return nil }
            switch rule.match {
            case .prefix(let phrase), .line(let phrase): return phrase
            case .regex: return nil
            }
        }
        // The byte screen is exact only for ASCII phrases (and one with a carriage return could join a line
        // feed); with any other phrase every text takes the full test.
        let phraseBytes =
            relatedBlockPhrases.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } }
            ? relatedBlockPhrases.map { Array($0.utf8) } : [[]]
        relatedBlockPhraseBytes = phraseBytes
        relatedBlockFirstBytes = (0..<128).map { byte in
            phraseBytes.contains { $0.first.map { $0 == ASCII.lower(UInt8(byte)) } ?? true }
        }
    }

    /// The publication date: a record's outranks the page's, the page's outranks a feed item's.
    static func published(hint: RawDocument.Hints, page: PublishedDate?) -> PublishedDate? {
        guard let text = hint.published else { return page }
        switch hint.source {
        case .record:
            return PublishedDate(date: PlainTextExtractor.parseISODate(text), text: text, source: .record)
        case .feed:
            return page ?? PublishedDate(date: PlainTextExtractor.parseISODate(text), text: text, source: .feed)
        }
    }

    public func process(_ input: RawDocument, context: StageContext) throws -> StageResult<Article> {
        guard !input.bytes.isEmpty else { return .dropped(.empty) }
        if let offset = Self.binaryOffset(input.bytes) { return .dropped(.binary(offset: offset)) }
        if !configuration.keepNonArticles, PageKind.sniffFeed(input.bytes) {
            return .dropped(.notArticle("an RSS or Atom feed (warta crawl reads feeds)"))
        }
        // 1–2. Charset and parse.
        var decoded = HTMLCharset.decode(input.bytes, declared: input.declaredCharset)
        var document = HTMLDocument.parse(decoded.bytes, encoding: decoded.libxml2Encoding ?? "UTF-8")
        if decoded.libxml2Encoding != nil, document.nodes.isEmpty {
            decoded = HTMLCharset.fallback(input.bytes)
            document = HTMLDocument.parse(decoded.bytes, encoding: "UTF-8")
        }
        guard !document.nodes.isEmpty else { return .dropped(.noText) }
        let result = extract(document: document, from: input)
        guard case .kept(var article) = result else { return result }
        article.encoding = decoded.encoding
        return .kept(article)
    }

    /// The offset of a NUL byte when the page looks binary (a NUL, or over 10 % control bytes, in the first
    /// 64 KiB), else `nil`.
    static func binaryOffset(_ bytes: [UInt8]) -> Int? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return nil }
        let headCount = min(bytes.count, 65_536)
        var controls = 0
        var firstNul: Int?
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            /// 0x80 in each byte of `word` that is zero, 0 elsewhere (exact, no carries between bytes).
            func zeroBytes(_ word: UInt64) -> UInt64 {
                let low = 0x7F7F_7F7F_7F7F_7F7F as UInt64
                return ~(((word & low) &+ low) | word | low)
            }
            var offset = 0
            // Eight bytes at a time: a byte below 0x20 has its top three bits clear; tab, line feed, form feed
            // and carriage return are not counted.
            while offset + 8 <= headCount {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                let low = zeroBytes(word & 0xE0E0_E0E0_E0E0_E0E0)
                if low != 0 {
                    let allowed =
                        zeroBytes(word ^ 0x0909_0909_0909_0909) | zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
                        | zeroBytes(word ^ 0x0C0C_0C0C_0C0C_0C0C) | zeroBytes(word ^ 0x0D0D_0D0D_0D0D_0D0D)
                    controls += (low & ~allowed).nonzeroBitCount
                    let nul = zeroBytes(word)
                    if nul != 0, firstNul == nil { firstNul = offset + nul.littleEndian.trailingZeroBitCount / 8 }
                }
                offset += 8
            }
            while offset < headCount {
                let byte = buffer[offset]
                if byte < 0x20 {
                    if byte == 0, firstNul == nil { firstNul = offset }
                    if byte != 0x09, byte != 0x0A, byte != 0x0D, byte != 0x0C { controls += 1 }
                }
                offset += 1
            }
        }
        if controls * 10 > headCount { return firstNul ?? 0 }
        return nil
    }

    /// Extracts an article from a parsed page.
    public func extract(document: HTMLDocument, from input: RawDocument) -> StageResult<Article> {
        // 3. Main text.
        let content = MainContent(document: document)
        let fetchedAt = input.fetchedAt ?? configuration.defaultFetchTime
        var paragraphs = filter(content.blocks(under: content.candidates().sorted()))
        // 5. Fallbacks.
        if Self.characters(paragraphs.body) < configuration.minBodyCharacters {
            let relaxed = MainContent(document: document, relaxed: true)
            for attempt in [
                content.paragraphBlocks(), relaxed.blocks(under: relaxed.candidates()), relaxed.paragraphBlocks(),
            ] {
                let found = filter(attempt)
                if Self.characters(found.body) > Self.characters(paragraphs.body) { paragraphs = found }
                if Self.characters(paragraphs.body) >= configuration.minBodyCharacters { break }
            }
            // Markup that libxml2's HTML 4 rules nest wrongly (an end tag it ignores leaves a link or a header
            // open to the end of the page) puts the whole article inside a link: read every paragraph whatever
            // its links, rather than give nothing.
            if Self.characters(paragraphs.body) < configuration.minBodyCharacters {
                let found = filter(relaxed.paragraphBlocks(), maxLinkDensity: 1)
                if Self.characters(found.body) > Self.characters(paragraphs.body) { paragraphs = found }
            }
        }
        let pageURL = input.url.flatMap { $0.hasPrefix("http") ? $0 : nil }
        // 6. Metadata.
        let firstText = paragraphs.body.prefix(3).joined(separator: " ")
        let metadata = HTMLMetadata.read(
            document, url: pageURL, fetchedAt: fetchedAt, dateline: { Self.datelineText(document, lead: firstText) })
        if Self.characters(paragraphs.body) < configuration.minBodyCharacters, let jsonBody = metadata.jsonLDBody,
            jsonBody.count > Self.characters(paragraphs.body)
        {
            paragraphs.body = jsonBody.split(whereSeparator: \.isNewline).map {
                PlainTextExtractor.foldSpaces(String($0))
            }.filter { !$0.isEmpty }
        }
        let base = metadata.canonicalURL ?? pageURL
        var title = metadata.title.map(Self.cleanEntities).map {
            TitleCleaner.clean($0, siteName: metadata.siteName, host: base.flatMap { URL(string: $0)?.host })
        }
        // The headline as the page shows it, the page's one `h1`, outranks the markup's title (often a search
        // title: "Amp AI Fitness Machine Review With Photos" for "I Tried Amp, the AI Strength Training System").
        if let headline = Self.headline(document) { title = headline }
        // A record's title outranks the page's; a feed item's fills in only where the page has none.
        if let hint = input.hints.title, !hint.isEmpty, input.hints.source == .record || title?.isEmpty ?? true {
            title = hint
        }
        var body = paragraphs.body
        // The headline repeated as the first paragraph is not body text.
        if let title, let first = body.first, first == title { body.removeFirst() }

        // 7. Dateline and credit line, as for plain text.
        var outlet: Outlet? = input.hints.outlet.flatMap(PlainTextExtractor.domain(from:)).map {
            Outlet(domain: $0, source: .record)
        }
        if let first = body.first, let dateline = Dateline.read(first), dateline.domain != nil {
            body[0] = dateline.rest
            if outlet == nil, let domain = dateline.domain { outlet = Outlet(domain: domain, source: .dateline) }
            if body[0].isEmpty { body.removeFirst() }
        }
        // A lead that is only a place and a dash ("Jakarta -", detik's dateline in its own element).
        if let first = body.first, first.utf8.count <= 40,
            first.hasSuffix(" -") || first.hasSuffix(" \u{2013}")
                || first.hasSuffix(" --"), first.split(separator: " ").count <= 5
        {
            body.removeFirst()
        }
        // Date lines ("Kamis, 05 November 2015 | 11:13 WIB") at the edges of the text are page furniture.
        body.removeAll { paragraph in
            paragraph.utf8.count <= 60 && HTMLDate.parseWritten(paragraph) != nil
                && paragraph.split(separator: " ").count <= 9
        }
        var byline = metadata.byline ?? paragraphs.byline ?? metadata.pageByline ?? input.hints.author
        if let last = body.last, let credit = CreditLine.read(last) {
            body.removeLast()
            if byline == nil { byline = credit.byline }
        }
        if byline == nil { byline = metadata.publisherByline }
        if outlet == nil, let host = base.flatMap({ URL(string: $0)?.host }),
            let domain = RegistrableDomain.of(host: host)
        {
            outlet = Outlet(domain: domain, source: .url)
        }
        guard !body.isEmpty else {
            guard let depth = document.stoppedAtDepth else { return .dropped(.noText) }
            return .dropped(
                DropReason(
                    code: "too-deep",
                    message: "no article text before the page nests elements \(depth) deep, where parsing stops"))
        }
        if !configuration.keepNonArticles,
            let evidence = PageKind.indexEvidence(
                document, body: body, saysArticle: metadata.saysArticle, insists: metadata.insistsOnArticle,
                url: metadata.canonicalURL ?? pageURL)
        {
            return .dropped(.notArticle("an index page (\(evidence))"))
        }
        let bodyText = ASCII.nfc(body.joined(separator: "\n\n"))
        var relatedLinks = paragraphs.related
        for link in relatedBlocks(document) where !relatedLinks.contains(where: { $0.url == link.url }) {
            relatedLinks.append(link)
        }
        let related = relatedLinks.map { link in
            RelatedLink(
                title: ASCII.nfc(link.title), url: link.url.flatMap { Self.absolute($0, base: base) },
                kind: link.kind)
        }
        let finalTitle = ASCII.nfc(title ?? "")
        let article = Article(
            origin: input.origin,
            url: input.url,
            outlet: outlet,
            title: finalTitle.isEmpty ? String(bodyText.prefix(110)) : finalTitle,
            titleDerived: finalTitle.isEmpty,
            byline: byline.map(ASCII.nfc),
            published: Self.published(hint: input.hints, page: metadata.published),
            language: Self.language(metadata.languageHint),
            languageConfidence: 0,
            body: bodyText,
            related: related,
            sentences: [],
            tokenCount: 0,
            encoding: "utf-8",
            contentHash: input.contentHash,
            bodyHash: SHA256.hex(PlainTextExtractor.normalisedForHash(bodyText)),
            producedBy: [Self.name],
            canonicalURL: metadata.canonicalURL,
            modified: metadata.modified,
            section: metadata.section,
            tags: metadata.tags
        )
        return .kept(article)
    }

    /// The text of the page's only `h1`, when it has one of 2 to 40 words.
    static func headline(_ document: HTMLDocument) -> String? {
        var found: Int?
        for index in document.nodes.indices where !document.nodes[index].isText && document.nodes[index].tag == .h1 {
            if found != nil { return nil }
            found = index
        }
        guard let found else { return nil }
        let text = cleanEntities(document.textContent(of: found))
        let words = text.split(separator: " ").count
        return (2...40).contains(words) ? text : nil
    }

    // MARK: - 4. Block filtering

    /// Body paragraphs, related links and a byline found among the blocks.
    struct Paragraphs {
        var body: [String] = []
        var related: [RelatedLink] = []
        var byline: String?
    }

    func filter(_ blocks: [MainContent.Block], maxLinkDensity: Double? = nil) -> Paragraphs {
        let maxLinkDensity = maxLinkDensity ?? configuration.maxLinkDensity
        var result = Paragraphs()
        var seen: Set<NFCHashedText> = []
        var inRelatedBlock = false
        var pendingInline = false
        var headingPending: String?
        for block in blocks {
            let text = block.text
            var utf8 = text
            let visible = max(utf8.withUTF8 { MainContent.visibleBytes($0) }, 1)
            let density = Double(block.linkBytes) / Double(visible)
            if let verdict = rules.verdict(for: text) {
                inRelatedBlock = false
                pendingInline = false
                switch verdict.rule.action {
                case .relatedInline:
                    if verdict.remainder.isEmpty {
                        pendingInline = true
                    } else {
                        result.related.append(
                            RelatedLink(title: verdict.remainder, url: block.firstLink, kind: .inline))
                    }
                case .relatedBlock:
                    inRelatedBlock = true
                    if !verdict.remainder.isEmpty, block.links > 0 {
                        result.related.append(RelatedLink(title: verdict.remainder, url: block.firstLink, kind: .block))
                    }
                case .byline:
                    if result.byline == nil, !verdict.remainder.isEmpty { result.byline = verdict.remainder }
                case .drop:
                    break
                }
                continue
            }
            if pendingInline || inRelatedBlock {
                if block.links > 0, density > 0.5, visible < 300 {
                    result.related.append(
                        RelatedLink(title: text, url: block.firstLink, kind: pendingInline ? .inline : .block))
                    pendingInline = false
                    continue
                }
                pendingInline = false
                inRelatedBlock = false
            }
            if block.tag == .h1 { continue }
            if density > maxLinkDensity { continue }
            if visible >= 20, !seen.insert(NFCHashedText(text)).inserted { continue }
            if block.tag.isHeading {
                headingPending = text
                continue
            }
            if let heading = headingPending {
                result.body.append(heading)
                headingPending = nil
            }
            result.body.append(text)
        }
        return result
    }

    // MARK: - Related blocks

    /// The links of "Artikel Terkait" / "Berita Terkait" / "Baca Juga" boxes anywhere on the page, even those the
    /// main-text search cut as boilerplate: a short text that a `related-block` rule matches names its box (the
    /// heading's parent), and every link after it in that box with a headline-sized text is a related item.
    /// - Complexity: O(n) in the number of nodes.
    func relatedBlocks(_ document: HTMLDocument) -> [RelatedLink] {
        var links: [RelatedLink] = []
        // One buffer for every short text node's folded bytes.
        var folded: [UInt8] = []
        folded.reserveCapacity(64)
        // The node and phrase arrays are read through local copies: reading them through `document` and `self`
        // inside the closure retains and releases them for every node.
        let nodes = document.nodes
        let phrases = relatedBlockPhraseBytes
        let firstBytes = relatedBlockFirstBytes
        document.text.withUnsafeBufferPointer { text in
            var index = 0
            while index < nodes.count {
                defer { index += 1 }
                let node = nodes[index]
                guard node.isText, node.textEnd - node.textStart <= 60 else { continue }
                let raw = MainContent.bytes(of: node, in: text)
                // White space alone folds to at most one space: too short to name a box.
                guard raw.contains(where: { $0 > 0x20 }) else { continue }
                folded.removeAll(keepingCapacity: true)
                HTMLDocument.appendFolded(raw, to: &folded)
                guard folded.count >= 5, folded.count <= 40 else { continue }
                while folded.last == 0x20 { folded.removeLast() }
                // Cheap test first: the rule files' related-block phrases, lower-cased, compared on bytes where
                // that gives the same answer (``ASCII/mayStartLowercased(_:with:)``).
                if let first = folded.first, first < 0x80, first != 0x0D, !firstBytes[Int(first)] { continue }
                let mayMatch = folded.withUnsafeBufferPointer { bytes in
                    phrases.contains { ASCII.mayStartLowercased(bytes, with: $0) }
                }
                guard mayMatch else { continue }
                let text = String(decoding: folded, as: UTF8.self)
                let lower = text.lowercased()
                guard relatedBlockPhrases.contains(where: { lower.hasPrefix($0) }),
                    let verdict = rules.verdict(for: text), verdict.rule.action == .relatedBlock,
                    verdict.remainder.isEmpty, node.parent >= 0
                else { continue }
                let heading = Int(node.parent)
                let box = document.nodes[heading].parent >= 0 ? Int(document.nodes[heading].parent) : heading
                var position = Int(document.nodes[heading].end)
                let end = Int(document.nodes[box].end)
                while position < end, links.count < 50 {
                    if !document.nodes[position].isText, document.nodes[position].tag == .a,
                        let href = document.attribute(.href, of: position)
                    {
                        let title = document.textContent(of: position)
                        if title.utf8.count >= 15, !links.contains(where: { $0.url == href }) {
                            links.append(RelatedLink(title: title, url: href, kind: .block))
                        }
                        position = Int(document.nodes[position].end)
                        continue
                    }
                    position += 1
                }
                index = max(index, end - 1)
            }
        }
        return links
    }

    // MARK: - Helpers

    static func characters(_ paragraphs: [String]) -> Int {
        paragraphs.reduce(0) { $0 + $1.utf8.count }
    }

    private static let datelineWords = ["date", "time", "tanggal", "publish"].map { Array($0.utf8) }

    /// Text near the top of the page where a written date may sit: elements whose class names a date, then the
    /// lead.
    static func datelineText(_ document: HTMLDocument, lead: String) -> String? {
        for index in document.nodes.indices where !document.nodes[index].isText {
            let node = document.nodes[index]
            guard node.attributeStart < node.attributeEnd else { continue }
            let classValue = document.attribute(.class, of: index) ?? ""
            let idValue = document.attribute(.id, of: index) ?? ""
            if classValue.isEmpty, idValue.isEmpty { continue }
            let names: Bool
            if ASCII.isASCII(classValue), ASCII.isASCII(idValue) {
                // ASCII names are searched byte by byte; no needle can straddle the space that joins them.
                names = Self.datelineWords.contains { word in
                    ASCII.containsLowercased(classValue, word) || ASCII.containsLowercased(idValue, word)
                }
            } else {
                let words = (classValue + " " + idValue).lowercased()
                names =
                    words.contains("date") || words.contains("time") || words.contains("tanggal")
                    || words.contains("publish")
            }
            guard names else { continue }
            let text = document.textContent(of: index)
            if text.utf8.count <= 200, HTMLDate.parseWritten(text) != nil { return text }
        }
        return lead.isEmpty ? nil : String(lead.prefix(300))
    }

    /// The date as ISO 8601 in the offset the page wrote (`2024-07-11T10:08:58+07:00`), or UTC when it gave
    /// none; the text as given when it holds no instant.
    public static func isoString(_ published: PublishedDate) -> String {
        guard let date = published.date else { return published.text }
        let formatter = ISO8601DateFormatter()
        if let offset = HTMLDate.parse(published.text)?.offset, let zone = TimeZone(secondsFromGMT: offset) {
            formatter.timeZone = zone
        }
        return formatter.string(from: date)
    }

    static func language(_ hint: String?) -> LanguageCode {
        switch hint {
        case "id", "in": return .indonesian
        case "en": return .english
        case "ms": return .malay
        default: return .other
        }
    }

    static func absolute(_ href: String, base: String?) -> String? {
        let trimmed = href.trimmedFast()
        guard !trimmed.isEmpty, !trimmed.lowercased().hasPrefix("javascript:") else { return nil }
        if let base, let baseURL = URL(string: base), let resolved = URL(string: trimmed, relativeTo: baseURL) {
            return resolved.absoluteString
        }
        return trimmed
    }

    /// Decodes the entities that JSON-LD and meta values sometimes carry encoded twice (`&amp;`, `&#8217;`).
    static func cleanEntities(_ text: String) -> String {
        guard text.contains("&") else { return PlainTextExtractor.foldSpaces(text) }
        let document = HTMLDocument.parse(Array(("<p>" + text).utf8))
        return document.first(.p).map { document.textContent(of: $0) } ?? text
    }
}
