import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import WartaQuery
import WartaStore

extension WartaServer {
    func addPageRoutes(to router: Router<BasicRequestContext>) {
        let queries = self.queries
        let pages = self.pages
        router.get("/static/style.css") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(bytes: pages.stylesheet)))
        }
        router.get("/") { request, _ in
            let p = try Parameters(query: request.uri.query, allowed: ["cursor", "lang", "order"], emptyIsAbsent: true)
            let ui = Self.interface(request, p)
            let page = try await queries.storylines(
                order: try p.choice("order", default: StorylineOrder.newest), cursor: p.string("cursor"), limit: 30)
            var context = Self.base(ui, title: ui["storylines"])
            context["total"] = page.total
            context["storylines"] = page.items.map { line -> [String: Any] in
                [
                    "id": line.id, "title": line.title, "eventCount": line.eventCount,
                    "articleCount": line.articleCount,
                    "outletCount": line.outlets.count, "firstDay": line.firstDay ?? "", "lastDay": line.lastDay ?? "",
                    "sparkline": Charts.sparkline(line.articlesPerDay, label: ui["articlesPerDay"]),
                ]
            }
            if let next = page.nextCursor { context["next"] = next }
            return pages.render("home", context)
        }
        router.get("/storylines/:id") { request, context in
            let p = try Parameters(query: request.uri.query, allowed: ["lang"], emptyIsAbsent: true)
            let ui = Self.interface(request, p)
            let detail = try await queries.storyline(try Self.pathID(context), articlesPerEvent: 10)
            let line = detail.storyline
            var page = Self.base(ui, title: line.title)
            page["title"] = line.title
            page["articleCount"] = line.articleCount
            page["eventCount"] = line.eventCount
            page["shownEvents"] = detail.events.count
            page["moreEvents"] = detail.events.count < line.eventCount
            page["firstDay"] = line.firstDay ?? ""
            page["lastDay"] = line.lastDay ?? ""
            page["outlets"] = line.outlets
            page["axis"] = Charts.eventAxis(
                detail.events.map { ($0.title, $0.firstDay, $0.lastDay, $0.articleCount) }, label: ui["eventsOnTime"])
            page["perDay"] = Charts.bars(line.articlesPerDay, label: ui["articlesPerDay"])
            page["events"] = detail.events.map { event -> [String: Any] in
                var byOutlet: [String: [[String: Any]]] = [:]
                var order: [String] = []
                for item in event.articles {
                    let outlet = item.article.outlet ?? "-"
                    if byOutlet[outlet] == nil { order.append(outlet) }
                    byOutlet[outlet, default: []].append([
                        "id": item.article.id, "title": item.article.title,
                        "published": Self.shortTime(item.article.published), "hasCopies": !item.copies.isEmpty,
                        "copies": item.copies.map { copy -> [String: Any] in
                            [
                                "id": copy.id, "outlet": copy.outlet ?? "-",
                                "published": Self.shortTime(copy.published),
                            ]
                        },
                    ])
                }
                return [
                    "id": event.id, "title": event.title, "firstDay": event.firstDay ?? "",
                    "lastDay": event.lastDay ?? "",
                    "articleCount": event.articleCount,
                    "outletGroups": order.map { ["outlet": $0, "articles": byOutlet[$0] ?? []] as [String: Any] },
                ]
            }
            page["hasQuotes"] = !detail.quotes.isEmpty
            page["quotes"] = detail.quotes.map(Self.quote)
            page["hasEntities"] = !line.topEntities.isEmpty
            page["entities"] = line.topEntities.map(Self.entityRef)
            page["hasTimeline"] = !detail.timeline.isEmpty
            page["timeline"] = detail.timeline.map { entry -> [String: Any] in
                [
                    "date": entry.date, "shown": (entry.approximate ? "≈" : "") + entry.date,
                    "approximate": entry.approximate,
                    "expression": entry.expression, "sentence": entry.sentence, "article": entry.article,
                ]
            }
            return pages.render("storyline", page)
        }
        router.get("/articles/:id") { request, context in
            let p = try Parameters(query: request.uri.query, allowed: ["lang"], emptyIsAbsent: true)
            let ui = Self.interface(request, p)
            let detail = try await queries.article(try Self.pathID(context))
            var page = Self.base(ui, title: detail.title.value)
            page["title"] = detail.title.value
            page["outlet"] = detail.outlet?.value ?? "-"
            page["published"] = detail.published?.value ?? ""
            if let storyline = detail.storyline { page["storyline"] = storyline }
            if let origin = detail.duplicateOf { page["duplicateOf"] = origin }
            page["body"] = MarkedBody.html(detail)
            var fields: [[String: Any]] = [
                ["name": "title", "value": detail.title.value, "source": detail.title.source]
            ]
            if let outlet = detail.outlet {
                fields.append(["name": "outlet", "value": outlet.value, "source": outlet.source])
            }
            if let published = detail.published {
                fields.append(["name": "published", "value": published.value, "source": published.source])
            }
            if let modified = detail.modified {
                fields.append(["name": "modified", "value": modified.value, "source": modified.source])
            }
            if let byline = detail.byline { fields.append(["name": "byline", "value": byline, "source": "document"]) }
            if let url = detail.url { fields.append(["name": "url", "value": url, "source": "document"]) }
            if let canonical = detail.canonicalUrl {
                fields.append(["name": "canonical", "value": canonical, "source": "document"])
            }
            fields.append(["name": "language", "value": detail.language, "source": "detected"])
            if let section = detail.section {
                fields.append(["name": "section", "value": section, "source": "document"])
            }
            page["fields"] = fields
            page["hasEntities"] = !detail.namedEntities.isEmpty
            page["entities"] = detail.namedEntities.map(Self.entityRef)
            page["hasQuotes"] = !detail.quotes.isEmpty
            page["quotes"] = detail.quotes.map { quote -> [String: Any] in
                [
                    "text": quote.span.text,
                    "chain": QuoteItem.chain(speaker: quote.speaker, relay: quote.relay, outlet: detail.outlet?.value),
                ]
            }
            page["hasRelated"] = !detail.related.isEmpty
            page["related"] = detail.related.map { link -> [String: Any] in
                var row: [String: Any] = ["title": link.title, "kind": link.kind]
                if let url = link.url { row["url"] = url }
                return row
            }
            return pages.render("article", page)
        }
        router.get("/entities/:id") { request, context in
            let p = try Parameters(query: request.uri.query, allowed: ["lang"], emptyIsAbsent: true)
            let ui = Self.interface(request, p)
            let entity = try await queries.entity(try Self.pathID(context))
            var page = Self.base(ui, title: entity.name)
            page["name"] = entity.name
            page["kind"] = entity.kind
            page["articleCount"] = entity.articleCount
            page["mentionCount"] = entity.mentionCount
            if let capital = entity.capitalOf { page["capitalOf"] = capital }
            page["aliases"] = entity.aliases.map { ["name": $0.name, "mentions": $0.mentions] as [String: Any] }
            page["hasMerges"] = !entity.merges.isEmpty
            page["merges"] = entity.merges.map { merge -> [String: Any] in
                [
                    "alias": merge.alias, "target": merge.target, "rule": merge.rule,
                    "evidence": merge.evidence.joined(separator: "; "),
                ]
            }
            page["chart"] = Charts.bars(entity.mentionsPerDay, label: ui["mentionsOverTime"])
            page["hasQuotes"] = !entity.quotes.isEmpty
            page["quotes"] = entity.quotes.map(Self.quote)
            page["storylines"] = entity.storylines.map { line -> [String: Any] in
                ["id": line.id, "title": line.title, "articles": line.articles, "lastDay": line.lastDay ?? ""]
            }
            page["hasCo"] = !entity.coOccurring.isEmpty
            page["coOccurring"] = entity.coOccurring.map(Self.entityRef)
            page["articles"] = entity.articles.map(Self.summary)
            return pages.render("entity", page)
        }
        router.get("/search") { request, _ in
            let p = try Parameters(
                query: request.uri.query, allowed: ["q", "lang", "outlet", "language", "from", "to", "cursor"],
                emptyIsAbsent: true)
            let ui = Self.interface(request, p)
            let query = p.string("q") ?? ""
            var page = Self.base(ui, title: ui["search"] + (query.isEmpty ? "" : ": " + query))
            page["query"] = query
            for name in ["outlet", "language", "from", "to"] { page[name] = p.string(name) ?? "" }
            let filter = try Self.articleFilter(p)
            var filterQuery: [(String, String)] = [("q", query)]
            for name in ["outlet", "language", "from", "to"] {
                if let value = p.string(name) { filterQuery.append((name, value)) }
            }
            page["exportQuery"] = Self.encode(filterQuery)
            guard !query.isEmpty else {
                page["total"] = 0
                page["hasResults"] = false
                return pages.render("search", page)
            }
            let results = try await queries.search(query, filter: filter, cursor: p.string("cursor"), limit: 20)
            let counts = try await queries.countOverTime(query, filter: filter, bucket: .day)
            page["total"] = results.total
            page["hasResults"] = results.total > 0
            page["chart"] = Charts.bars(
                counts.buckets.map { DayCount(day: $0.start, count: $0.count) }, label: ui["countOverTime"])
            page["items"] = results.items.map { item -> [String: Any] in
                var row = Self.summary(item.article)
                row["snippet"] = MarkedBody.snippet(item.snippet, highlights: item.highlights)
                return row
            }
            let base = filterQuery + [("lang", ui.language)]
            page["outlets"] = results.facets.outlet.map { facet -> [String: Any] in
                [
                    "value": facet.value, "count": facet.count,
                    "link": Self.encode(base.filter { $0.0 != "outlet" } + [("outlet", facet.value)]),
                ]
            }
            page["languages"] = results.facets.language.map { facet -> [String: Any] in
                [
                    "value": facet.value, "count": facet.count,
                    "link": Self.encode(base.filter { $0.0 != "language" } + [("language", facet.value)]),
                ]
            }
            if let next = results.nextCursor { page["next"] = Self.encode(base + [("cursor", next)]) }
            return pages.render("search", page)
        }
    }

    static func interface(_ request: Request, _ parameters: Parameters) -> Interface {
        Interface(query: parameters.string("lang"), acceptLanguage: request.headers[.acceptLanguage])
    }

    static func base(_ ui: Interface, title: String) -> [String: Any] {
        ["lang": ui.language, "t": ui.text, "title": title, "query": ""]
    }

    static func quote(_ quote: QuoteItem) -> [String: Any] {
        ["text": quote.text, "chain": quote.chain, "article": quote.article]
    }

    static func entityRef(_ entity: EntityRef) -> [String: Any] {
        ["id": entity.id, "name": entity.name, "kind": entity.kind, "articles": entity.articles]
    }

    static func summary(_ article: ArticleSummary) -> [String: Any] {
        [
            "id": article.id, "title": article.title, "outlet": article.outlet ?? "-",
            "published": shortTime(article.published),
        ]
    }

    /// "2019-09-01T10:20:00Z" → "2019-09-01 10:20".
    static func shortTime(_ iso: String?) -> String {
        guard let iso else { return "" }
        return String(iso.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    /// A query string from pairs, every name and value percent-encoded.
    static func encode(_ pairs: [(String, String)]) -> String {
        let allowed = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return pairs.map { name, value in
            (name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") + "="
                + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
    }
}
