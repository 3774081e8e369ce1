import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore
import WartaCore
import WartaQuery
import WartaStore

/// The web UI: server-rendered pages from the bundled Mustache templates (text escaped by `{{…}}`; only the SVG and
/// marked-up fragments built here, from escaped text, go in unescaped).
struct Pages: Sendable {
    let library: MustacheLibrary
    let stylesheet: [UInt8]

    init() throws {
        guard let root = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw WartaError(
                code: "W0501", message: "the web UI's templates are missing", hint: "reinstall Warta")
        }
        var library = MustacheLibrary()
        let templates = root.appendingPathComponent("templates")
        for name in try FileManager.default.contentsOfDirectory(atPath: templates.path)
        where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        self.library = library
        self.stylesheet = Array(try Data(contentsOf: root.appendingPathComponent("static/style.css")))
    }

    func render(_ template: String, _ context: [String: Any]) -> Response {
        let html = library.render(context, withTemplate: template) ?? ""
        return Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func errorPage(status: HTTPResponse.Status, message: String, hint: String) -> Response {
        let html = """
            <!doctype html><html><head><meta charset="utf-8"><title>\(status.code) · Warta</title><link rel="stylesheet" href="/static/style.css"></head><body><header><a class="brand" href="/">Warta</a></header><main><h1>\(status.code)</h1><p>\(HTML.escape(message))</p><p class="hint">\(HTML.escape(hint))</p></main></body></html>
            """
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// Interface text in Indonesian and English.
struct Interface {
    let language: String
    let text: [String: String]

    static let indonesian: [String: String] = [
        "storylines": "Alur berita", "events": "peristiwa", "articles": "artikel", "outlets": "media",
        "search": "Cari", "searchPlaceholder": "Cari berita…", "quotes": "Kutipan", "timeline": "Linimasa",
        "entities": "Tokoh, lembaga dan tempat", "aliases": "Ejaan lain", "merges": "Mengapa digabung",
        "mentionsOverTime": "Penyebutan per hari", "coOccurring": "Sering disebut bersama", "copies": "salinan",
        "metadata": "Metadata", "source": "sumber", "related": "Tautan terkait", "more": "Berikutnya",
        "results": "hasil", "countOverTime": "Jumlah per hari", "export": "Unduh CSV", "approximate": "perkiraan",
        "articlesPerDay": "Artikel per hari", "eventsOnTime": "Peristiwa menurut waktu",
        "noResults": "Tidak ada hasil.",
        "from": "dari", "to": "sampai", "language": "bahasa", "outlet": "media", "apply": "Terapkan",
        "via": "lewat", "speaker": "Pembicara", "storyline": "Alur berita", "event": "Peristiwa", "kind": "jenis",
        "named": "Disebut", "articlesHeading": "Artikel",
        "empty": "Belum ada artikel. Jalankan `warta ingest` lalu muat ulang.",
    ]
    static let english: [String: String] = [
        "storylines": "Storylines", "events": "events", "articles": "articles", "outlets": "outlets",
        "search": "Search", "searchPlaceholder": "Search the news…", "quotes": "Quotes", "timeline": "Timeline",
        "entities": "People, organisations and places", "aliases": "Spellings", "merges": "Why merged",
        "mentionsOverTime": "Mentions per day", "coOccurring": "Often named with", "copies": "copies",
        "metadata": "Metadata", "source": "source", "related": "Related links", "more": "Next",
        "results": "results", "countOverTime": "Count per day", "export": "Download CSV", "approximate": "approximate",
        "articlesPerDay": "Articles per day", "eventsOnTime": "Events over time", "noResults": "No results.",
        "from": "from", "to": "to", "language": "language", "outlet": "outlet", "apply": "Apply",
        "via": "via", "speaker": "Speaker", "storyline": "Storyline", "event": "Event", "kind": "kind",
        "named": "Named", "articlesHeading": "Articles", "empty": "No articles yet. Run `warta ingest`, then reload.",
    ]

    /// `?lang=` first, then the first of `Accept-Language` Warta speaks; Indonesian otherwise.
    init(query: String?, acceptLanguage: String?) {
        var chosen: String?
        if let query = query?.lowercased(), query == "en" || query == "id" { chosen = query }
        if chosen == nil, let accept = acceptLanguage?.lowercased() {
            for part in accept.split(separator: ",") {
                let tag = part.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                if tag.hasPrefix("id") || tag.hasPrefix("in") {
                    chosen = "id"
                    break
                }
                if tag.hasPrefix("en") {
                    chosen = "en"
                    break
                }
            }
        }
        language = chosen ?? "id"
        text = language == "en" ? Self.english : Self.indonesian
    }

    subscript(_ key: String) -> String { text[key] ?? key }
}

/// An article body with entity, quote and date spans marked, every piece of text escaped.
enum MarkedBody {
    struct Mark {
        var start: Int
        var end: Int
        var open: String
        var close: String
        /// Outer marks (quotes) before inner ones (entities, dates) at the same place.
        var depth: Int
    }

    static func html(_ detail: ArticleDetail) -> String {
        var marks: [Mark] = []
        for quote in detail.quotes {
            marks.append(
                Mark(
                    start: quote.span.start, end: quote.span.end, open: "<span class=\"quote\">", close: "</span>",
                    depth: 0))
        }
        for entity in detail.entities {
            marks.append(
                Mark(
                    start: entity.span.start, end: entity.span.end,
                    open: "<mark class=\"entity \(entity.kind.lowercased())\" title=\"\(HTML.escape(entity.kind))\">",
                    close: "</mark>", depth: 1))
        }
        for date in detail.dates {
            marks.append(
                Mark(
                    start: date.span.start, end: date.span.end,
                    open:
                        "<time datetime=\"\(HTML.escape(date.date))\" title=\"\(date.approximate ? "≈" : "")\(HTML.escape(date.date))\">",
                    close: "</time>", depth: 2))
        }
        let bytes = Array(detail.body.utf8)
        var cuts = Set([0, bytes.count])
        for mark in marks where mark.start >= 0 && mark.end <= bytes.count && mark.start < mark.end {
            cuts.insert(mark.start)
            cuts.insert(mark.end)
        }
        let boundaries = cuts.sorted()
        var out = ""
        for (a, b) in zip(boundaries, boundaries.dropFirst()) {
            let text = HTML.escape(String(decoding: bytes[a..<b], as: UTF8.self))
            let active = marks.filter { $0.start <= a && b <= $0.end }.sorted { $0.depth < $1.depth }
            out += active.map(\.open).joined() + text + active.reversed().map(\.close).joined()
        }
        return out
    }

    /// A search snippet with its matches in `<mark>`.
    static func snippet(_ text: String, highlights: [BodySpan]) -> String {
        let bytes = Array(text.utf8)
        var out = ""
        var cursor = 0
        for span in highlights.sorted(by: { $0.start < $1.start })
        where span.start >= cursor && span.end <= bytes.count && span.start < span.end {
            out += HTML.escape(String(decoding: bytes[cursor..<span.start], as: UTF8.self))
            out += "<mark>" + HTML.escape(String(decoding: bytes[span.start..<span.end], as: UTF8.self)) + "</mark>"
            cursor = span.end
        }
        out += HTML.escape(String(decoding: bytes[cursor...], as: UTF8.self))
        return out
    }
}
