import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing
import WartaCore
import WartaIngest
import WartaPipeline
import WartaQuery
import WartaServer
import WartaStore
import WartaStoreSQLite
import WartaTestSupport

/// A store made once per test run: the two seeds, a hostile article (`Fixtures/hostile`: markup and `javascript:` in
/// its title, body and outlet), and the first 200 CLICK-ID articles.
enum ServerFixture {
    struct Setup: Sendable {
        let store: SQLiteStore
        let queries: QueryService
        let pipeline: ArticlePipeline
        let directory: URL
    }

    static let shared = Task<Setup, any Error> { try await make(corpus: true) }

    /// A store of its own, for a test that writes: the seeds and the hostile article, plus the CLICK-ID articles
    /// when `corpus` is set. Tests that only read share `shared`; one that ingests must not change what they read.
    static func make(corpus withCorpus: Bool) async throws -> Setup {
        let directory = try Fixtures.temporaryDirectory("server")
        let store = try SQLiteStore(path: directory.appendingPathComponent("w.sqlite").path)
        let pipeline = try ArticlePipeline.bundled()
        var paths = Fixtures.seedNames.map { Fixtures.directory.appendingPathComponent("seeds/\($0)").path }
        let hostile = Fixtures.directory.appendingPathComponent("hostile/hostile.jsonl")
        paths.append(hostile.path)
        if withCorpus, let shared = Fixtures.shared {
            let corpus = directory.appendingPathComponent("clickid-200.jsonl")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = [
                "-c",
                "gzip -dc '\(shared.path)/corpus/id-news/clickid-2019/articles.jsonl.gz' | head -n 200 > '\(corpus.path)'",
            ]
            try process.run()
            process.waitUntilExit()
            paths.append(corpus.path)
        }
        let report = await IngestRunner(pipeline: pipeline, store: store).run(paths: paths, reader: FileReader())
        // The corpus has a few empty records (its README lists them): they fail and are counted; the rest go in.
        let unexpected = report.failed.filter { !$0.reason.contains("empty") }
        guard unexpected.isEmpty, report.new >= (withCorpus && Fixtures.shared != nil ? 190 : 3) else {
            throw Fixtures.MissingFixture(path: "ingest failed: \(report.new) new, \(report.failed)")
        }
        let queries = QueryService.bundled(store: store)
        try await queries.refresh()
        return Setup(store: store, queries: queries, pipeline: pipeline, directory: directory)
    }

    static func server(
        token: String? = nil, bodyLimit: Int = 1 << 20, setup given: Setup? = nil
    ) async throws -> WartaServer {
        let setup: Setup
        if let given { setup = given } else { setup = try await shared.value }
        return try WartaServer(
            queries: setup.queries, ingest: TestIngest(setup: setup),
            configuration: ServerConfiguration(token: token, bodyLimit: bodyLimit))
    }

    /// Ingest as `warta serve` does it: the body as a file through the runner.
    struct TestIngest: IngestService {
        let setup: Setup

        func ingest(_ body: [UInt8], kind: String) async throws -> IngestResult {
            let file = setup.directory.appendingPathComponent(
                "posted-\(UUID().uuidString).\(kind == "text" ? "txt" : kind)")
            try Data(body).write(to: file)
            let report = await IngestRunner(pipeline: setup.pipeline, store: setup.store).run(
                paths: [file.path], reader: FileReader())
            try await setup.queries.refresh(wait: true)
            return IngestResult(
                read: report.read, new: report.new, known: report.known,
                failed: report.failed.map { .init(path: $0.path, reason: $0.reason) })
        }
    }
}

/// Runs requests against the router without a socket.
func withClient(
    _ server: WartaServer, _ body: @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    var logger = Logger(label: "warta.test")
    logger.logLevel = .warning
    let app = Application(router: server.router(), logger: logger)
    try await app.test(.router) { client in try await body(client) }
}

func json(_ response: TestResponse) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
    return try #require(object as? [String: Any], "not a JSON object: \(String(buffer: response.body))")
}

func items(_ object: [String: Any]) throws -> [[String: Any]] {
    try #require(object["items"] as? [[String: Any]])
}

@Suite("HTTP API", .serialized)
struct APIRouteTests {
    @Test("storylines page through every storyline once, in a stable order, with the total beside the page")
    func storylinePaging() async throws {
        try await withClient(try await ServerFixture.server()) { client in
            for order in ["newest", "largest"] {
                var seen: [Int] = []
                var cursor: String?
                var total = -1
                repeat {
                    let uri = "/api/v1/storylines?limit=7&order=\(order)" + (cursor.map { "&cursor=\($0)" } ?? "")
                    let page = try await client.execute(uri: uri, method: .get) { try json($0) }
                    total = try #require(page["total"] as? Int)
                    seen += try items(page).compactMap { $0["id"] as? Int }
                    cursor = page["next_cursor"] as? String
                } while cursor != nil
                #expect(seen.count == total && Set(seen).count == total, "\(order): \(seen.count) of \(total)")
                #expect(total > 10)
            }
        }
    }

    @Test("the seeds' storyline has both events, Reuters' relay chain and the timeline; its events fold copies")
    func seedStoryline() async throws {
        let setup = try await ServerFixture.shared.value
        let placement = try #require(try await setup.store.placement(of: 1))
        try await withClient(try await ServerFixture.server()) { client in
            let detail = try await client.execute(uri: "/api/v1/storylines/\(placement.storyline)", method: .get) {
                #expect($0.status == .ok)
                return try json($0)
            }
            let events = try #require(detail["events"] as? [[String: Any]])
            let eventArticles = events.flatMap { ($0["articles"] as? [[String: Any]]) ?? [] }
                .compactMap { ($0["article"] as? [String: Any])?["id"] as? Int }
            #expect(Set(eventArticles).isSuperset(of: [1, 2]))
            #expect(!events.isEmpty)
            let chains = try #require(detail["quotes"] as? [[String: Any]]).compactMap { $0["chain"] as? [String] }
            #expect(chains.contains(["Bagheri Kani", "Reuters", "gemalantang.com"]))
            let timeline = try #require(detail["timeline"] as? [[String: Any]])
            #expect(timeline.contains { ($0["approximate"] as? Bool) == true })
            #expect(timeline.contains { ($0["approximate"] as? Bool) == false })
            let event = try #require(events.first?["id"] as? Int)
            try await client.execute(uri: "/api/v1/events/\(event)", method: .get) { response in
                #expect(response.status == .ok)
                let body = try json(response)
                #expect(body["storyline"] as? Int == Int(placement.storyline))
            }
        }
    }

    @Test("an entity is found by any spelling and shows its merges with rule and evidence, quotes and storylines")
    func bagheriKani() async throws {
        try await withClient(try await ServerFixture.server()) { client in
            let found = try await client.execute(uri: "/api/v1/entities?q=bagheri-kani&kind=PERSON", method: .get) {
                try items(try json($0))
            }
            let id = try #require(found.first?["id"] as? Int)
            let entity = try await client.execute(uri: "/api/v1/entities/\(id)", method: .get) { try json($0) }
            let aliases = try #require(entity["aliases"] as? [[String: Any]]).compactMap { $0["name"] as? String }
            #expect(Set(aliases).isSuperset(of: ["Ali Bagheri Kank", "Bagheri Kani", "Bagheri-Kani", "Ali Bagheri"]))
            let merges = try #require(entity["merges"] as? [[String: Any]])
            #expect(
                merges.allSatisfy {
                    ($0["rule"] as? String)?.isEmpty == false && ($0["evidence"] as? [String])?.isEmpty == false
                })
            // "menyebut" and "kata"; "dia menegaskan kembali" is Pezeshkian's (the sentence before names him).
            #expect((entity["quotes"] as? [[String: Any]])?.count == 2)
            #expect((entity["storylines"] as? [[String: Any]])?.isEmpty == false)
            #expect((entity["mentions_per_day"] as? [[String: Any]])?.isEmpty == false)
            let quotes = try await client.execute(uri: "/api/v1/quotes?speaker=\(id)&limit=200", method: .get) {
                try json($0)
            }
            #expect(quotes["total"] as? Int == (entity["quotes"] as? [[String: Any]])?.count)
            let timeline = try await client.execute(uri: "/api/v1/timeline?entity=\(id)", method: .get) { try json($0) }
            #expect(Set(try items(timeline).compactMap { $0["article"] as? Int }) == [1, 2])
        }
    }

    @Test("articles filter by outlet, day range, entity and storyline, and page without repeats")
    func articleFilters() async throws {
        try await withClient(try await ServerFixture.server()) { client in
            let all = try await client.execute(uri: "/api/v1/articles?limit=200", method: .get) { try json($0) }
            let total = try #require(all["total"] as? Int)
            #expect(total >= 150)
            let rows = try items(all)
            var seen: [Int] = []
            var cursor: String?
            repeat {
                let page = try await client.execute(
                    uri: "/api/v1/articles?limit=33" + (cursor.map { "&cursor=\($0)" } ?? ""), method: .get
                ) { try json($0) }
                seen += try items(page).compactMap { $0["id"] as? Int }
                cursor = page["next_cursor"] as? String
            } while cursor != nil
            #expect(Array(seen.prefix(rows.count)) == rows.compactMap { $0["id"] as? Int })
            #expect(Set(seen).count == total)
            let outlet = try #require(rows.compactMap { $0["outlet"] as? String }.first)
            let byOutlet = try await client.execute(uri: "/api/v1/articles?limit=200&outlet=\(outlet)", method: .get) {
                try items(try json($0))
            }
            #expect(!byOutlet.isEmpty && byOutlet.allSatisfy { $0["outlet"] as? String == outlet })
            let day = try #require(rows.compactMap { ($0["published"] as? String).map { $0.prefix(10) } }.first)
            let onDay = try await client.execute(uri: "/api/v1/articles?limit=200&from=\(day)&to=\(day)", method: .get)
            {
                try items(try json($0))
            }
            #expect(!onDay.isEmpty && onDay.allSatisfy { ($0["published"] as? String)?.hasPrefix(String(day)) == true })
            let storyline = try #require(rows.compactMap { $0["storyline"] as? Int }.first)
            let inStoryline = try await client.execute(
                uri: "/api/v1/articles?limit=200&storyline=\(storyline)", method: .get
            ) { try items(try json($0)) }
            #expect(!inStoryline.isEmpty && inStoryline.allSatisfy { $0["storyline"] as? Int == storyline })
        }
    }

    @Test("an article's spans are byte offsets into its body, and each metadata field names its source")
    func articleDetail() async throws {
        try await withClient(try await ServerFixture.server()) { client in
            let article = try await client.execute(uri: "/api/v1/articles/1", method: .get) { try json($0) }
            let body = Array(try #require(article["body"] as? String).utf8)
            for kind in ["entities", "quotes", "dates"] {
                let spans = try #require(article[kind] as? [[String: Any]])
                #expect(!spans.isEmpty, "\(kind)")
                for entry in spans {
                    let span = try #require(entry["span"] as? [String: Any])
                    let start = try #require(span["start"] as? Int)
                    let end = try #require(span["end"] as? Int)
                    #expect(String(decoding: body[start..<end], as: UTF8.self) == span["text"] as? String)
                }
            }
            #expect((article["outlet"] as? [String: Any])?["source"] as? String == "dateline")
            #expect((article["related"] as? [[String: Any]])?.count == 13)
        }
    }

    @Test("search: totals, facets and count over time agree; filters narrow; export streams every match")
    func search() async throws {
        try await withClient(try await ServerFixture.server()) { client in
            let result = try await client.execute(uri: "/api/v1/search?q=presiden&limit=5", method: .get) {
                try json($0)
            }
            let total = try #require(result["total"] as? Int)
            #expect(total > 5)
            #expect(try items(result).count == 5)
            let facets = try #require(result["facets"] as? [String: Any])
            let outlets = try #require(facets["outlet"] as? [[String: Any]])
            #expect(outlets.compactMap { $0["count"] as? Int }.reduce(0, +) == total)
            let first = try #require(try items(result).first)
            let highlights = try #require(first["highlights"] as? [[String: Any]])
            #expect(!highlights.isEmpty)
            let counts = try await client.execute(
                uri: "/api/v1/search/count-over-time?q=presiden&bucket=month", method: .get
            ) {
                try json($0)
            }
            let buckets = try #require(counts["buckets"] as? [[String: Any]])
            let dated = try #require(facets["day"] as? [[String: Any]]).compactMap { $0["count"] as? Int }.reduce(0, +)
            #expect(buckets.compactMap { $0["count"] as? Int }.reduce(0, +) == dated)
            #expect(buckets.allSatisfy { ($0["share"] as? Double ?? 2) <= 1 })
            let outlet = try #require(outlets.first?["value"] as? String)
            let narrowed = try await client.execute(uri: "/api/v1/search?q=presiden&outlet=\(outlet)", method: .get) {
                try json($0)
            }
            #expect(narrowed["total"] as? Int == outlets.first?["count"] as? Int)
            let csv = try await client.execute(uri: "/api/v1/export?format=csv&q=presiden", method: .get) {
                #expect($0.headers[.contentType]?.hasPrefix("text/csv") == true)
                return String(buffer: $0.body)
            }
            #expect(csv.split(separator: "\r\n").count == total + 1)
            let lines = try await client.execute(uri: "/api/v1/export?format=jsonl", method: .get) {
                String(buffer: $0.body).split(separator: "\n")
            }
            let articles = try await client.execute(uri: "/api/v1/articles?limit=1", method: .get) { try json($0) }
            #expect(lines.count == articles["total"] as? Int)
        }
    }

    @Test("bad input is a 400 naming the parameter, unknown ids 404, never a 500")
    func badInput() async throws {
        try await withClient(try await ServerFixture.server()) { client in
            let cases: [(String, HTTPResponse.Status, String?)] = [
                ("/api/v1/storylines?colour=red", .badRequest, "colour"),
                ("/api/v1/storylines?limit=0", .badRequest, "limit"),
                ("/api/v1/storylines?limit=abc", .badRequest, "limit"),
                ("/api/v1/storylines?order=oldest", .badRequest, "order"),
                ("/api/v1/storylines?cursor=%%%", .badRequest, "cursor"),
                ("/api/v1/storylines?cursor=bm90IG1pbmU", .badRequest, "cursor"),
                ("/api/v1/articles?from=2019-13-45", .badRequest, "from"),
                ("/api/v1/articles?entity=-3", .badRequest, "entity"),
                ("/api/v1/entities?kind=ANIMAL", .badRequest, "kind"),
                ("/api/v1/search", .badRequest, "q"),
                ("/api/v1/search?q=%20%20", .badRequest, "q"),
                ("/api/v1/search?q=%FF", .badRequest, "q"),
                ("/api/v1/storylines/abc", .badRequest, "id"),
                ("/api/v1/storylines/999999", .notFound, nil),
                ("/api/v1/articles/999999", .notFound, nil),
                ("/api/v1/entities/5", .notFound, nil),
                ("/api/v1/nothing", .notFound, nil),
            ]
            for (uri, status, parameter) in cases {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == status, "\(uri): \(response.status)")
                    let body = try json(response)
                    #expect((body["code"] as? String)?.hasPrefix("W09") == true, "\(uri)")
                    #expect(body["message"] is String && body["hint"] is String, "\(uri)")
                    if let parameter { #expect(body["parameter"] as? String == parameter, "\(uri)") }
                }
            }
        }
    }

    @Test("ingest needs the configured bearer token, refuses big and empty bodies, and shows new articles at once")
    func ingest() async throws {
        // Its own store: the read-model tests compare the shared store with views built from it, and an article
        // arriving between their two reads was a failure that had nothing to do with either.
        let setup = try await ServerFixture.make(corpus: false)
        let text = Array(
            "JAKARTA — Banjir merendam ratusan rumah di Kelurahan Cawang, Jakarta Timur, Selasa (3/9/2019). \"Air naik sejak subuh,\" kata Lurah Cawang, Bambang Setiawan."
                .utf8)
        try await withClient(try await ServerFixture.server(token: nil, setup: setup)) { client in
            try await client.execute(
                uri: "/api/v1/ingest", method: .post, headers: [.authorization: "Bearer x"],
                body: ByteBuffer(bytes: text)
            ) {
                #expect($0.status == .unauthorized)
            }
        }
        try await withClient(try await ServerFixture.server(token: "s3cret", bodyLimit: 4_096, setup: setup)) {
            client in
            try await client.execute(uri: "/api/v1/ingest", method: .post, body: ByteBuffer(bytes: text)) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(
                uri: "/api/v1/ingest", method: .post, headers: [.authorization: "Bearer s3cre7"],
                body: ByteBuffer(bytes: text)
            ) { #expect($0.status == .unauthorized) }
            let good: HTTPFields = [.authorization: "Bearer s3cret", .contentType: "text/plain; charset=utf-8"]
            try await client.execute(
                uri: "/api/v1/ingest", method: .post, headers: good,
                body: ByteBuffer(bytes: [UInt8](repeating: 65, count: 5_000))
            ) { #expect($0.status == .contentTooLarge) }
            try await client.execute(uri: "/api/v1/ingest", method: .post, headers: good, body: ByteBuffer()) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(
                uri: "/api/v1/ingest", method: .post,
                headers: [.authorization: "Bearer s3cret", .contentType: "image/png"],
                body: ByteBuffer(bytes: text)
            ) { #expect($0.status == .badRequest) }
            // Asked (and cached) before the ingest: the answer must change after it.
            let earlier = try await client.execute(uri: "/api/v1/search?q=banjir+Cawang", method: .get) { try json($0) }
            #expect(earlier["total"] as? Int == 0)
            let report = try await client.execute(
                uri: "/api/v1/ingest", method: .post, headers: good, body: ByteBuffer(bytes: text)
            ) {
                #expect($0.status == .created)
                return try json($0)
            }
            #expect(report["new"] as? Int == 1)
            let again = try await client.execute(
                uri: "/api/v1/ingest", method: .post, headers: good, body: ByteBuffer(bytes: text)
            ) {
                #expect($0.status == .ok)
                return try json($0)
            }
            #expect(again["known"] as? Int == 1)
            let found = try await client.execute(uri: "/api/v1/search?q=Cawang", method: .get) { try json($0) }
            #expect(found["total"] as? Int == 1)
            let later = try await client.execute(uri: "/api/v1/search?q=banjir+Cawang", method: .get) { try json($0) }
            #expect(later["total"] as? Int == 1, "a response cached before the ingest was served after it")
        }
    }

    @Test("health, metrics and the OpenAPI document answer")
    func service() async throws {
        try await withClient(try await ServerFixture.server()) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            _ = try await client.execute(uri: "/api/v1/storylines", method: .get) { $0.status }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("hb_requests") || text.contains("hb_request"), "\(text.prefix(400))")
            }
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                let document = try json(response)
                #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
            }
        }
    }
}

@Suite("Web UI", .serialized)
struct PageRouteTests {
    @Test("home, storyline, entity, article and search pages render with charts and the security policy")
    func pages() async throws {
        let setup = try await ServerFixture.shared.value
        let storyline = try #require(try await setup.store.placement(of: 1)).storyline
        let bagheri = try #require(try await setup.queries.entity(named: "Bagheri Kani")).id
        try await withClient(try await ServerFixture.server()) { client in
            for (uri, needles) in [
                ("/?lang=en", ["<svg", "Storylines"]),
                ("/storylines/\(storyline)", ["<svg", "Reuters", "gemalantang.com", "≈"]),
                ("/entities/\(bagheri)", ["<svg", "Ali Bagheri Kank", "Bagheri-Kani", "partOf"]),
                ("/articles/1", ["<mark class=\"entity", "<time datetime=\"2024-07-11\"", "dateline"]),
                ("/search?q=berunding", ["<mark>", "<svg", "format=csv"]),
            ] {
                try await client.execute(uri: uri, method: .get, headers: [.acceptLanguage: "en-GB,en;q=0.8"]) {
                    response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                    let html = String(buffer: response.body)
                    for needle in needles { #expect(html.contains(needle), "\(uri) lacks \(needle)") }
                    #expect(!html.contains("<script"), "\(uri)")
                }
            }
            try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "id-ID,id"]) {
                #expect(String(buffer: $0.body).contains("Alur berita"))
            }
        }
    }

    @Test("a hostile article's title, body and outlet show as text on every page that shows them")
    func hostileArticle() async throws {
        let setup = try await ServerFixture.shared.value
        let id = try #require(try await setup.queries.matchingIDs("onerror").first)
        let hit = try #require(try await setup.queries.articles(ArticleFilter(ids: [id]), limit: 1).items.first)
        try await withClient(try await ServerFixture.server()) { client in
            var uris = ["/articles/\(hit.id)", "/search?q=onerror"]
            if let storyline = hit.storyline { uris.append("/storylines/\(storyline)") }
            for uri in uris {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    let html = String(buffer: response.body)
                    #expect(!html.contains("<script"), "\(uri)")
                    #expect(!html.contains("<img src=x"), "\(uri)")
                    #expect(!html.contains("<b>evil"), "\(uri)")
                    #expect(!html.contains("href=\"javascript:"), "\(uri)")
                    #expect(html.contains("&lt;script&gt;document.documentElement"), "\(uri)")
                }
            }
        }
    }
}

@Suite("HTTP over a socket")
struct LiveTests {
    @Test("the server answers over a real loopback socket")
    func live() async throws {
        let server = try await ServerFixture.server()
        let app = Application(
            router: server.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await client.execute(uri: "/api/v1/storylines?limit=1", method: .get) { response in
                #expect(response.status == .ok)
                let page = try items(try json(response))
                #expect(page.count == 1)
            }
        }
    }
}
