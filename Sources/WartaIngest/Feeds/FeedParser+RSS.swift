extension FeedParser {
    /// RSS 2.0 (`<rss><channel><item>`) and RSS 1.0 (`<rdf:RDF><channel/><item/>`, items beside the channel).
    ///
    /// Items are the channel's `item` children; for RSS 1.0 also the root's; for broken RSS 2.0 without a
    /// `channel`, the root's.
    func parseRSS(root: FeedXMLElement, kind: Feed.Kind, warnings: [FeedWarning], url: String?) -> Feed {
        var warnings = warnings
        let channel = root.child("channel")
        var feed = Feed(kind: kind)
        let feedBase = url
        if let channel {
            feed.title = FeedText.nonEmpty(channel.childText("title").map(FeedText.decodingEntities))
            let siteLink = channel.childText("link") ?? alternateLink(in: channel.children, ns: .atom)?.href
            feed.link = siteLink.flatMap { Self.resolve($0, at: channel, fallback: feedBase) }
            feed.description = channel.childText("description").map(FeedText.plainText(fromHTML:))
                .flatMap(FeedText.nonEmpty)
            feed.language = FeedText.nonEmpty(
                channel.childText("language") ?? channel.childText("language", in: .dublinCore))
        }
        var itemElements = channel?.children.filter { $0.matches("item") } ?? []
        if kind == .rss1 || itemElements.isEmpty {
            itemElements += root.children.filter { $0.matches("item") }
        }
        let fallback = feedBase ?? feed.link
        feed.items = limited(itemElements, warnings: &warnings).map { rssItem($0, fallback: fallback) }
        feed.warnings = warnings
        return feed
    }

    /// One RSS item; see ``FeedItem`` for which element wins where several could fill a field.
    private func rssItem(_ element: FeedXMLElement, fallback: String?) -> FeedItem {
        var item = FeedItem()
        var title: String?
        var link: String?
        var originalLink: String?
        var guid: String?
        var guidIsPermaLink = true
        var pubDate: String?
        var dcDate: String?
        var atomPublished: String?
        var atomUpdated: String?
        var dcModified: String?
        var description: String?
        var dcDescription: String?
        var atomLinks: [FeedXMLElement] = []
        for child in element.children {
            if child.isPlain {
                switch child.localName {
                case "title": title = title ?? child.text
                case "link": link = link ?? FeedText.nonEmpty(child.text)
                case "guid":
                    guid = guid ?? FeedText.nonEmpty(child.text)
                    guidIsPermaLink = child.attribute("isPermaLink")?.lowercased() != "false"
                case "pubDate": pubDate = pubDate ?? child.text
                case "author": item.addAuthor(Self.authorName(child.text))
                case "description": description = description ?? child.text
                case "category": item.addCategory(child.text)
                default: break
                }
                continue
            }
            switch (child.vocabulary, child.localName) {
            case (.dublinCore, "creator"), (.dublinCore, "contributor"): item.addAuthor(child.text)
            case (.dublinCore, "date"): dcDate = dcDate ?? child.text
            case (.dublinCore, "modified"): dcModified = dcModified ?? child.text
            case (.dublinCore, "subject"): item.addCategory(child.text)
            case (.dublinCore, "title"): title = title ?? child.text
            case (.dublinCore, "description"): dcDescription = dcDescription ?? child.text
            case (.dublinCore, "identifier"): guid = guid ?? FeedText.nonEmpty(child.text)
            case (.content, "encoded"): item.contentHTML = item.contentHTML ?? FeedText.nonEmpty(child.text)
            case (.feedburner, "origLink"): originalLink = originalLink ?? FeedText.nonEmpty(child.text)
            case (.atom, "link"): atomLinks.append(child)
            case (.atom, "published"): atomPublished = atomPublished ?? child.text
            case (.atom, "updated"): atomUpdated = atomUpdated ?? child.text
            case (.atom, "author"): item.addAuthor(child.childText("name", in: .atom))
            default: break
            }
        }
        let about = element.attribute("about")
        item.id = guid ?? FeedText.nonEmpty(about)
        item.title = FeedText.nonEmpty(title.map(FeedText.decodingEntities))
        let permalink = guidIsPermaLink ? guid : nil
        let atomLink = alternateLink(in: atomLinks, ns: .atom)
        let candidates: [(String?, FeedXMLElement)] = [
            (originalLink, element), (link, element), (atomLink?.href, atomLink?.element ?? element),
            (permalink, element), (about, element),
        ]
        item.link = candidates.lazy.compactMap { Self.resolve($0.0, at: $0.1, fallback: fallback) }.first
        item.setPublished(fromFirstOf: [pubDate, dcDate, atomPublished])
        item.setUpdated(fromFirstOf: [atomUpdated, dcModified])
        item.summary = (description ?? dcDescription).map(FeedText.plainText(fromHTML:)).flatMap(FeedText.nonEmpty)
        return item
    }

    /// The link an Atom-style `link` list offers for reading: `rel="alternate"` (or no `rel`) with an HTML or no
    /// type first, then any alternate, then any link but `self`, `edit`, `enclosure`, `replies` and paging links.
    func alternateLink(in elements: [FeedXMLElement], ns: FeedVocabulary) -> (href: String, element: FeedXMLElement)? {
        var anyAlternate: (String, FeedXMLElement)?
        var anyOther: (String, FeedXMLElement)?
        for element in elements where element.matches("link", in: ns) {
            guard let href = FeedText.nonEmpty(element.attribute("href")) else { continue }
            let rel = element.attribute("rel")?.lowercased() ?? "alternate"
            let type = element.attribute("type")?.lowercased()
            if rel == "alternate" {
                if type == nil || type == "text/html" || type == "application/xhtml+xml" { return (href, element) }
                anyAlternate = anyAlternate ?? (href, element)
            } else if !Self.nonReadingRelations.contains(rel) {
                anyOther = anyOther ?? (href, element)
            }
        }
        return anyAlternate ?? anyOther
    }

    private static let nonReadingRelations: Set<String> = [
        "self", "edit", "edit-media", "enclosure", "replies", "hub", "first", "last", "next", "previous", "license",
        "payment",
    ]
}
