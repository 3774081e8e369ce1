import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Testing
import WartaCore
import WartaFetch
import WartaTestSite

@Suite("Fetcher against a live local server")
struct FetcherTests {
    static let pageName = "anpandu-detik-singlepage.html"

    @Test("fetches a corpus page with its headers, charset, digest and validators")
    func fetchesPage() async throws {
        let page = try Corpus.page(Self.pageName)
        let routes: [String: Handler] = [
            "/berita": { _ in
                Reply.bytes(page, headers: [.eTag: "\"v1\"", .lastModified: "Thu, 11 Jul 2024 08:00:00 GMT"])
            }
        ]
        try await TestServer.with(routes: routes) { server in
            let configuration = Fetcher.Configuration(
                contactURL: "https://example.org/warta", addressPolicy: AddressPolicy(allowLoopback: true))
            let result = try await withFetcher(configuration) { await $0.fetch(server.url("/berita")) }
            let fetched = try #require(result.page)
            #expect(fetched.status == 200)
            #expect(fetched.body == page)
            #expect(fetched.bodySHA256 == SHA256.hex(page))
            #expect(fetched.contentType == "text/html")
            #expect(fetched.charset == "utf-8")
            #expect(fetched.finalURL == server.url("/berita"))
            #expect(fetched.redirectChain.isEmpty)
            #expect(fetched.validators == Validators(etag: "\"v1\"", lastModified: "Thu, 11 Jul 2024 08:00:00 GMT"))
            let seen = try #require(await server.log.requests.first)
            #expect(seen.headers[.userAgent] == "Warta/0.1 (+https://example.org/warta)")
            #expect(seen.headers[.accept]?.hasPrefix("text/html,") == true)
            #expect(seen.headers[.acceptEncoding] == "gzip, deflate")
        }
    }

    @Test("a second fetch sends If-None-Match and gets notModified")
    func conditionalGet() async throws {
        let page = try Corpus.page(Self.pageName)
        let routes: [String: Handler] = [
            "/berita": { request in
                if request.headers[.ifNoneMatch] == "\"v1\"" {
                    return Response(status: .notModified, headers: [.eTag: "\"v1\""])
                }
                return Reply.bytes(page, headers: [.eTag: "\"v1\""])
            }
        ]
        try await TestServer.with(routes: routes) { server in
            try await withFetcher { fetcher in
                let first = try #require(await fetcher.fetch(server.url("/berita")).page)
                let second = await fetcher.fetch(server.url("/berita"), validators: first.validators)
                #expect(second == .notModified)
            }
            let requests = await server.log.requests
            #expect(requests.count == 2)
            #expect(requests.first?.headers[.ifNoneMatch] == nil)
            #expect(requests.last?.headers[.ifNoneMatch] == "\"v1\"")
        }
    }

    @Test("serves gzip bodies decompressed")
    func gzip() async throws {
        let page = try Corpus.page(Self.pageName)
        let routes: [String: Handler] = [
            "/gz": { _ in Reply.bytes(Gzip.stored(page), headers: [.contentEncoding: "gzip"]) }
        ]
        try await TestServer.with(routes: routes) { server in
            let result = try await withFetcher { await $0.fetch(server.url("/gz")) }
            #expect(result.page?.body == page)
        }
    }

    @Test(
        "a redirect to a private or metadata address is refused before connecting",
        arguments: [
            ("http://10.0.0.1/", "10.0.0.1", AddressRefusal.Reason.privateNetwork),
            ("http://169.254.169.254/latest/meta-data", "169.254.169.254", .linkLocal),
            ("http://[::ffff:169.254.169.254]/latest/meta-data", "::ffff:169.254.169.254", .linkLocal),
        ])
    func redirectToPrivate(location: String, address: String, reason: AddressRefusal.Reason) async throws {
        let routes: [String: Handler] = ["/go": { _ in Reply.redirect(to: location) }]
        try await TestServer.with(routes: routes) { server in
            let result = try await withFetcher { await $0.fetch(server.url("/go")) }
            let failure = try #require(result.failure)
            guard case .refusedAddress(let refusal) = failure.kind else {
                Issue.record("expected a refused address, got \(failure)")
                return
            }
            #expect(refusal.address.description == address)
            #expect(refusal.reason == reason)
            #expect(failure.redirectChain == [server.url("/go")])
            #expect(failure.description.contains("refused address \(address)"))
            // Refused before connecting: the kind says so (a connect attempt would end as a timeout or a network
            // error), and the server saw only the redirect.
            #expect(await server.log.paths == ["/go"])
        }
    }

    @Test(
        "literal loopback forms are refused without allowLoopback",
        arguments: [
            "http://0x7f000001:PORT/", "http://[::ffff:127.0.0.1]:PORT/", "http://2130706433:PORT/",
            "http://0x7f.1:PORT/", "http://127.1:PORT/", "http://0177.0.0.1:PORT/", "http://localhost:PORT/",
        ])
    func literalLoopback(template: String) async throws {
        try await TestServer.with(routes: [:]) { server in
            let url = template.replacingOccurrences(of: "PORT", with: "\(server.port)")
            let result = try await withFetcher(Fetcher.Configuration()) { await $0.fetch(url) }
            let failure = try #require(result.failure)
            guard case .refusedAddress(let refusal) = failure.kind else {
                Issue.record("expected a refused address, got \(failure)")
                return
            }
            #expect(refusal.reason == .loopback)
            #expect(await server.log.requests.isEmpty)
        }
    }

    @Test("DNS rebinding: a name checked as public but connecting to loopback is refused at connect time")
    func rebinding() async throws {
        let listener = try SilentListener()
        // The guard's lookup says "public"; AsyncHTTPClient's own lookup of localhost says 127.0.0.1.
        let resolver = TableResolver(table: ["localhost": [.v4(0x5db8_d822)]])  // 93.184.216.34
        let result = try await withFetcher(Fetcher.Configuration(), resolver: resolver) {
            await $0.fetch("http://localhost:\(listener.port)/")
        }
        let failure = try #require(result.failure)
        guard case .refusedAddress(let refusal) = failure.kind else {
            Issue.record("expected a refused address, got \(failure)")
            return
        }
        #expect(refusal.reason == .loopback)
        #expect(refusal.host == "localhost")
        // The connection was opened and closed again without a single byte of the request.
        #expect(listener.acceptAndDrain() == [])
    }

    @Test("only http and https, on every hop")
    func schemes() async throws {
        let routes: [String: Handler] = ["/file": { _ in Reply.redirect(to: "file:///etc/passwd") }]
        try await TestServer.with(routes: routes) { server in
            try await withFetcher { fetcher in
                #expect(await fetcher.fetch("ftp://example.com/x").failure?.kind == .badScheme("ftp"))
                #expect(await fetcher.fetch("not a url").failure?.kind == .invalidURL)
                let viaRedirect = try #require(await fetcher.fetch(server.url("/file")).failure)
                #expect(viaRedirect.kind == .badScheme("file"))
                #expect(viaRedirect.url == "file:///etc/passwd")
            }
        }
    }

    @Test("a redirect loop stops after five redirects")
    func redirectLoop() async throws {
        let routes: [String: Handler] = [
            "/a": { _ in Reply.redirect(to: "/b") },
            "/b": { _ in Reply.redirect(to: "/a", status: .movedPermanently) },
        ]
        try await TestServer.with(routes: routes) { server in
            let result = try await withFetcher { await $0.fetch(server.url("/a")) }
            let failure = try #require(result.failure)
            #expect(failure.kind == .tooManyRedirects)
            #expect(failure.redirectChain.count == 6)
            // The first request and five followed redirects.
            #expect(await server.log.paths == ["/a", "/b", "/a", "/b", "/a", "/b"])
        }
    }

    @Test("redirects are followed to the final URL")
    func redirectChain() async throws {
        let routes: [String: Handler] = [
            "/old": { _ in Reply.redirect(to: "/new", status: .movedPermanently) },
            "/new": { _ in Reply.text("<p>baru</p>") },
        ]
        try await TestServer.with(routes: routes) { server in
            let page = try #require(try await withFetcher { await $0.fetch(server.url("/old")) }.page)
            #expect(page.finalURL == server.url("/new"))
            #expect(page.requestedURL == server.url("/old"))
            #expect(page.redirectChain == [server.url("/old")])
        }
    }

    @Test("a 50 MB streamed body fails as tooLarge without being downloaded")
    func tooLarge() async throws {
        let streamed = PacedBody(chunk: ByteBuffer(repeating: UInt8(ascii: "a"), count: 64 * 1024), count: 800)
        let declared = PacedBody(chunk: ByteBuffer(repeating: UInt8(ascii: "a"), count: 64 * 1024), count: 800)
        let routes: [String: Handler] = [
            // No Content-Length: the limit has to be enforced while streaming.
            "/huge": { _ in streamed.response(headers: [.contentType: "text/html"]) },
            // With Content-Length the fetcher refuses at the response head.
            "/declared": { _ in
                declared.response(headers: [.contentType: "text/html"], contentLength: 50 * 1024 * 1024)
            },
        ]
        // The body comes in 64 KiB chunks with a 1 ms pause between them: on a machine busy with other tests the
        // pauses stretch, so the request gets 5 minutes rather than 30 s (what is tested is the size limit).
        let patient = Fetcher.Configuration(
            requestTimeout: .seconds(300), addressPolicy: AddressPolicy(allowLoopback: true))
        try await TestServer.with(routes: routes) { server in
            try await withFetcher(patient) { fetcher in
                let failure = try #require(await fetcher.fetch(server.url("/huge")).failure)
                #expect(failure.kind == .tooLarge)
                #expect(failure.description.contains("limit 10485760 bytes"))
                #expect(await fetcher.fetch(server.url("/declared")).failure?.kind == .tooLarge)
            }
            // The client hung up: the server's next write failed long before 50 MB were sent.
            for stream in [streamed, declared] {
                let outcome = try await stream.outcome()
                #expect(outcome.aborted)
                #expect(outcome.bytes < 25 * 1024 * 1024)
            }
        }
    }

    @Test("a gzip bomb fails cleanly instead of filling memory")
    func gzipBomb() async throws {
        // 800 writes of 1000 units: 10 MB on the wire, 1.6 GB of zeros once inflated.
        let units = ByteBuffer(bytes: Array([[UInt8]](repeating: Gzip.bombUnit, count: 1_000).joined()))
        let bomb = PacedBody(prefix: ByteBuffer(bytes: Gzip.bombPrefix), chunk: units, count: 800)
        let routes: [String: Handler] = [
            "/bomb": { _ in bomb.response(headers: [.contentType: "text/html", .contentEncoding: "gzip"]) }
        ]
        try await TestServer.with(routes: routes) { server in
            let result = try await withFetcher { await $0.fetch(server.url("/bomb")) }
            let failure = try #require(result.failure)
            #expect(failure.kind == .decompression)
            let outcome = try await bomb.outcome()
            #expect(outcome.aborted)
            #expect(outcome.bytes < 2_000_000)
        }
    }

    @Test("a response slower than the timeout fails as timeout")
    func timeout() async throws {
        let routes: [String: Handler] = [
            "/slow": { _ in
                try await Task.sleep(for: .seconds(2))
                return Reply.text("late")
            },
            "/drip": { _ in
                Response(
                    status: .ok, headers: [.contentType: "text/html"],
                    body: ResponseBody { writer in
                        for _ in 0..<20 {
                            try await writer.write(ByteBuffer(bytes: Array("x".utf8)))
                            try await Task.sleep(for: .milliseconds(100))
                        }
                        try await writer.finish(nil)
                    })
            },
        ]
        try await TestServer.with(routes: routes) { server in
            let configuration = Fetcher.Configuration(
                requestTimeout: .milliseconds(300), addressPolicy: AddressPolicy(allowLoopback: true))
            try await withFetcher(configuration) { fetcher in
                #expect(await fetcher.fetch(server.url("/slow")).failure?.kind == .timeout)
                // A body that keeps trickling in is cut off too: the timeout covers the whole request.
                #expect(await fetcher.fetch(server.url("/drip")).failure?.kind == .timeout)
            }
        }
    }

    @Test("a DNS lookup that hangs is cut off by the request timeout")
    func slowResolver() async throws {
        let configuration = Fetcher.Configuration(requestTimeout: .milliseconds(200))
        let result = try await withFetcher(configuration, resolver: HangingResolver()) {
            await $0.fetch("http://news.example/berita")
        }
        // The resolver would answer in an hour: a timeout is the request deadline cutting it off.
        #expect(result.failure?.kind == .timeout)
    }

    @Test("HTTP errors and 429 are failures with their status")
    func statuses() async throws {
        let routes: [String: Handler] = [
            "/gone": { _ in Reply.text("gone", status: .gone) },
            "/busy": { _ in Reply.text("slow down", status: .tooManyRequests, headers: [.retryAfter: "7"]) },
        ]
        try await TestServer.with(routes: routes) { server in
            try await withFetcher { fetcher in
                #expect(await fetcher.fetch(server.url("/gone")).failure?.kind == .httpStatus(410))
                #expect(await fetcher.fetch(server.url("/missing")).failure?.kind == .httpStatus(404))
                #expect(await fetcher.fetch(server.url("/busy")).failure?.kind == .rateLimited(retryAfter: .seconds(7)))
            }
        }
    }
}
