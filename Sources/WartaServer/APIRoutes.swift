import Foundation
import HTTPTypes
import Hummingbird
import Metrics
import NIOCore
import WartaCore
import WartaQuery
import WartaStore

extension WartaServer {
    static let pageParameters: Set<String> = ["cursor", "limit"]
    static let articleFilterParameters: Set<String> = [
        "outlet", "language", "from", "to", "entity", "storyline", "event",
    ]

    static func articleFilter(_ parameters: Parameters) throws(QueryError) -> ArticleFilter {
        ArticleFilter(
            outlet: parameters.string("outlet"), language: parameters.string("language"),
            since: try parameters.day("from"), until: try parameters.day("to"), entity: try parameters.id("entity"),
            storyline: try parameters.id("storyline"), event: try parameters.id("event"))
    }

    static func limit(_ parameters: Parameters, default fallback: Int = 20) throws(QueryError) -> Int {
        try parameters.int("limit", default: fallback, in: 1...200)
    }

    static func pathID(_ context: BasicRequestContext) throws(QueryError) -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else {
            throw QueryError(
                .badParameter("id"), code: "W0901",
                message: "the id in the path must be a positive number, not \"\(context.parameters.get("id") ?? "")\"",
                hint: "/api/v1/storylines/1")
        }
        return id
    }

    func addAPIRoutes(to router: Router<BasicRequestContext>) {
        let api = router.group("api/v1")
        let queries = self.queries
        api.get("openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.bytes)))
        }
        api.get("storylines") { request, _ in
            let p = try Parameters(query: request.uri.query, allowed: Self.pageParameters.union(["order", "since"]))
            return try JSONBody.response(
                try await queries.storylines(
                    order: try p.choice("order", default: StorylineOrder.newest), since: try p.day("since"),
                    cursor: p.string("cursor"), limit: try Self.limit(p)))
        }
        api.get("storylines/:id") { request, context in
            _ = try Parameters(query: request.uri.query, allowed: [])
            return try JSONBody.response(try await queries.storyline(try Self.pathID(context)))
        }
        api.get("events/:id") { request, context in
            _ = try Parameters(query: request.uri.query, allowed: [])
            return try JSONBody.response(try await queries.event(try Self.pathID(context)))
        }
        api.get("articles") { request, _ in
            let p = try Parameters(
                query: request.uri.query, allowed: Self.pageParameters.union(Self.articleFilterParameters))
            return try JSONBody.response(
                try await queries.articles(
                    try Self.articleFilter(p), cursor: p.string("cursor"), limit: try Self.limit(p)))
        }
        api.get("articles/:id") { request, context in
            _ = try Parameters(query: request.uri.query, allowed: [])
            return try JSONBody.response(try await queries.article(try Self.pathID(context)))
        }
        api.get("entities") { request, _ in
            let p = try Parameters(query: request.uri.query, allowed: Self.pageParameters.union(["q", "kind"]))
            return try JSONBody.response(
                try await queries.entities(
                    name: p.string("q"), kind: try p.text("kind", example: "PERSON")?.uppercased(),
                    cursor: p.string("cursor"),
                    limit: try Self.limit(p)))
        }
        api.get("entities/:id") { request, context in
            _ = try Parameters(query: request.uri.query, allowed: [])
            return try JSONBody.response(try await queries.entity(try Self.pathID(context)))
        }
        api.get("quotes") { request, _ in
            let p = try Parameters(
                query: request.uri.query, allowed: Self.pageParameters.union(["speaker", "storyline", "from", "to"]))
            return try JSONBody.response(
                try await queries.quotes(
                    speaker: try p.id("speaker"), storyline: try p.id("storyline"), since: try p.day("from"),
                    until: try p.day("to"), cursor: p.string("cursor"), limit: try Self.limit(p)))
        }
        api.get("timeline") { request, _ in
            let p = try Parameters(
                query: request.uri.query, allowed: Self.pageParameters.union(["storyline", "entity"]))
            return try JSONBody.response(
                try await queries.timeline(
                    storyline: try p.id("storyline"), entity: try p.id("entity"), cursor: p.string("cursor"),
                    limit: try Self.limit(p, default: 100)))
        }
        api.get("search") { request, _ in
            let p = try Parameters(
                query: request.uri.query,
                allowed: Self.pageParameters.union(["q", "outlet", "language", "from", "to"]))
            return try JSONBody.response(
                try await queries.search(
                    try p.require("q", example: "berunding"), filter: try Self.articleFilter(p),
                    cursor: p.string("cursor"), limit: try Self.limit(p)))
        }
        api.get("search/count-over-time") { request, _ in
            let p = try Parameters(
                query: request.uri.query, allowed: ["q", "bucket", "outlet", "language", "from", "to"])
            return try JSONBody.response(
                try await queries.countOverTime(
                    try p.require("q", example: "berunding"), filter: try Self.articleFilter(p),
                    bucket: try p.choice("bucket", default: Bucket.day)))
        }
        api.get("export") { request, _ in
            let p = try Parameters(
                query: request.uri.query, allowed: Self.articleFilterParameters.union(["format", "q"]))
            let format = try p.choice("format", default: ExportFormat.jsonl)
            let filter = try Self.articleFilter(p)
            let query = try p.text("q", example: "berunding")
            // Fail on bad input before the first byte goes out.
            if let query { _ = try await queries.countOverTime(query, filter: filter, bucket: .month) }
            return Self.export(queries: queries, filter: filter, query: query, format: format)
        }
        api.post("ingest") { request, _ in
            try await self.handleIngest(request)
        }
    }

    enum ExportFormat: String, CaseIterable {
        case jsonl, csv
    }

    /// Streams every article of a query page by page: memory stays flat however many there are.
    static func export(queries: QueryService, filter: ArticleFilter, query: String?, format: ExportFormat) -> Response {
        let body = ResponseBody { writer in
            if format == .csv {
                try await writer.write(
                    ByteBuffer(string: "id,published,outlet,language,title,url,storyline,event,duplicate_of\r\n"))
            }
            var scoped = filter
            if let query { scoped.ids = try await queries.matchingIDs(query, filter: filter) }
            var cursor: String?
            repeat {
                let page = try await queries.articles(scoped, cursor: cursor, limit: 200)
                var chunk = ""
                for item in page.items {
                    if format == .csv {
                        chunk += Self.csvRow(item)
                    } else {
                        chunk += String(decoding: try JSONBody.encoder.encode(item), as: UTF8.self) + "\n"
                    }
                }
                try await writer.write(ByteBuffer(string: chunk))
                cursor = page.nextCursor
            } while cursor != nil
            try await writer.finish(nil)
        }
        let type = format == .csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8"
        return Response(
            status: .ok,
            headers: [
                .contentType: type,
                .contentDisposition: "attachment; filename=\"warta-articles.\(format.rawValue)\"",
            ], body: body)
    }

    static func csvRow(_ item: ArticleSummary) -> String {
        func field(_ value: String?) -> String {
            guard var text = value else { return "" }
            // A leading =, +, - or @ would run as a formula in a spreadsheet.
            if let first = text.first, "=+-@".contains(first) { text = "'" + text }
            if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return text
        }
        let fields = [
            String(item.id), field(item.published), field(item.outlet), field(item.language), field(item.title),
            field(item.url), item.storyline.map(String.init) ?? "", item.event.map(String.init) ?? "",
            item.duplicateOf.map(String.init) ?? "",
        ]
        return fields.joined(separator: ",") + "\r\n"
    }

    func handleIngest(_ request: Request) async throws -> Response {
        guard let expected = configuration.token, !expected.isEmpty else {
            throw HTTPError(.unauthorized, message: "writes are refused: the server was started without WARTA_TOKEN")
        }
        let header = request.headers[.authorization] ?? ""
        let prefix = "Bearer "
        guard header.hasPrefix(prefix), constantTimeEquals(String(header.dropFirst(prefix.count)), expected) else {
            throw HTTPError(.unauthorized, message: "the bearer token is missing or wrong")
        }
        _ = try Parameters(query: request.uri.query, allowed: [])
        guard let ingest else {
            throw HTTPError(.serviceUnavailable, message: "this server cannot ingest")
        }
        let type = (request.headers[.contentType] ?? "text/plain").lowercased()
        let kind: String
        if type.hasPrefix("text/html") || type.hasPrefix("application/xhtml") {
            kind = "html"
        } else if type.hasPrefix("application/x-ndjson") || type.hasPrefix("application/jsonl")
            || type.hasPrefix("application/json")
        {
            kind = "jsonl"
        } else if type.hasPrefix("text/plain") {
            kind = "text"
        } else {
            throw QueryError(
                .badParameter("Content-Type"), code: "W0901", message: "cannot ingest a body of type \"\(type)\"",
                hint: "send text/plain, text/html or application/x-ndjson")
        }
        // A declared length over the limit is refused at once, not after waiting for bytes that may never come.
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > configuration.bodyLimit {
            throw HTTPError(.contentTooLarge)
        }
        var request = request
        let buffer = try await request.collectBody(upTo: configuration.bodyLimit)
        guard buffer.readableBytes > 0 else {
            throw QueryError(
                .badParameter("body"), code: "W0901", message: "the body is empty", hint: "send a document")
        }
        let result = try await ingest.ingest(Array(buffer.readableBytesView), kind: kind)
        Counter(label: "warta_ingest_documents_total", dimensions: [("outcome", "new")]).increment(by: result.new)
        Counter(label: "warta_ingest_documents_total", dimensions: [("outcome", "known")]).increment(by: result.known)
        Counter(label: "warta_ingest_documents_total", dimensions: [("outcome", "failed")])
            .increment(by: result.failed.count)
        return try JSONBody.response(result, status: result.new > 0 ? .created : .ok)
    }
}
