extension FeedParser {
    /// Atom 1.0 (and 0.3): `<feed><entry>`; also a `feed` whose namespace was left out.
    func parseAtom(root: FeedXMLElement, warnings: [FeedWarning], url: String?) -> Feed {
        var warnings = warnings
        let ns: FeedVocabulary = root.vocabulary == .atom ? .atom : .none
        var feed = Feed(kind: .atom)
        let children = root.children
        feed.title = root.child("title", in: ns).flatMap(textConstruct)
        let site = alternateLink(in: children, ns: ns)
        feed.link = site.flatMap { Self.resolve($0.href, at: $0.element, fallback: url) }
        feed.description = (root.child("subtitle", in: ns) ?? root.child("tagline", in: ns)).flatMap(textConstruct)
        feed.language = FeedText.nonEmpty(root.language)
        let feedAuthors = children.filter { $0.matches("author", in: ns) }.compactMap {
            FeedText.nonEmpty($0.childText("name", in: ns))
        }
        let entries = children.filter { $0.matches("entry", in: ns) }
        let fallback = url ?? feed.link
        feed.items = limited(entries, warnings: &warnings).map {
            atomEntry($0, ns: ns, feedAuthors: feedAuthors, fallback: fallback)
        }
        feed.warnings = warnings
        return feed
    }

    /// One Atom entry; see ``FeedItem`` for which element wins where several could fill a field.
    private func atomEntry(
        _ element: FeedXMLElement, ns: FeedVocabulary, feedAuthors: [String], fallback: String?
    ) -> FeedItem {
        var item = FeedItem()
        var links: [FeedXMLElement] = []
        var published: String?
        var updated: String?
        var created: String?
        var dcDate: String?
        for child in element.children {
            if child.vocabulary == ns || (ns == .none && child.isPlain) {
                switch child.localName {
                case "title": item.title = item.title ?? textConstruct(child)
                case "link": links.append(child)
                case "id": item.id = item.id ?? FeedText.nonEmpty(child.text)
                case "published", "issued": published = published ?? child.text
                case "created": created = created ?? child.text
                case "updated", "modified": updated = updated ?? child.text
                case "author": item.addAuthor(child.childText("name", in: ns))
                case "summary": item.summary = item.summary ?? textConstruct(child)
                case "content": item.contentHTML = item.contentHTML ?? contentHTML(child)
                case "category": item.addCategory(child.attribute("label") ?? child.attribute("term"))
                default: break
                }
                continue
            }
            switch (child.vocabulary, child.localName) {
            case (.dublinCore, "creator"): item.addAuthor(child.text)
            case (.dublinCore, "date"): dcDate = dcDate ?? child.text
            case (.dublinCore, "subject"): item.addCategory(child.text)
            case (.feedburner, "origLink"):
                item.link = item.link ?? Self.resolve(FeedText.nonEmpty(child.text), at: child, fallback: fallback)
            default: break
            }
        }
        if item.authors.isEmpty {
            for name in feedAuthors { item.addAuthor(name) }
        }
        if item.link == nil, let alternate = alternateLink(in: links, ns: ns) {
            item.link = Self.resolve(alternate.href, at: alternate.element, fallback: fallback)
        }
        if item.link == nil, let id = item.id, id.hasPrefix("http://") || id.hasPrefix("https://") {
            item.link = FeedURL.absolute(id, base: nil)
        }
        item.setPublished(fromFirstOf: [published, created, dcDate, updated])
        item.setUpdated(fromFirstOf: [updated])
        return item
    }

    /// An Atom text construct (`title`, `summary`, `subtitle`) as plain text: `type="html"` is stripped of tags and
    /// its references decoded; `text` and `xhtml` are already text once parsed.
    private func textConstruct(_ element: FeedXMLElement) -> String? {
        switch element.attribute("type")?.lowercased() {
        case "html", "text/html":
            return FeedText.nonEmpty(FeedText.plainText(fromHTML: element.text))
        default:
            return FeedText.nonEmpty(element.text)
        }
    }

    /// Atom `content` as HTML: `html` as written, `xhtml` serialised from its `div`, `text` escaped; `nil` for
    /// out-of-line content (`src`) and other media types.
    private func contentHTML(_ element: FeedXMLElement) -> String? {
        guard element.attribute("src") == nil else { return nil }
        let type = element.attribute("type")?.lowercased() ?? "text"
        switch type {
        case "html", "text/html":
            return FeedText.nonEmpty(element.text)
        case "xhtml", "application/xhtml+xml":
            let children = element.children
            let wrapper = children.count == 1 && children[0].localName == "div" ? children[0] : element
            return FeedText.nonEmpty(wrapper.innerMarkup)
        case "text", "text/plain":
            return FeedText.nonEmpty(element.text).map(FeedText.escapingHTML)
        default:
            return nil
        }
    }
}
