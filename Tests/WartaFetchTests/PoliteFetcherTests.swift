import Foundation
import HTTPTypes
import Hummingbird
import Testing
import WartaFetch
import WartaTestSite

@Suite("PoliteFetcher: robots.txt, per-host pacing, back-off")
struct PoliteFetcherTests {
    @Test("robots.txt is read once; disallowed paths are never requested; Crawl-delay spaces requests")
    func robotsAndCrawlDelay() async throws {
        let routes: [String: Handler] = [
            "/robots.txt": { _ in
                Reply.text(
                    "User-agent: *\nDisallow: /private\nCrawl-delay: 0.3\nSitemap: http://example.com/sitemap.xml\n",
                    headers: [.contentType: "text/plain"])
            },
            "/a": { _ in Reply.text("a") },
            "/b": { _ in Reply.text("b") },
            "/c": { _ in Reply.text("c") },
            "/private/secret": { _ in Reply.text("secret") },
        ]
        try await TestServer.with(routes: routes) { server in
            try await withPoliteFetcher(.test(minDelay: .milliseconds(50))) { fetcher in
                let refused = await fetcher.fetch(server.url("/private/secret"))
                #expect(refused.failure?.kind == .disallowedByRobots)
                async let a = fetcher.fetch(server.url("/a"))
                async let b = fetcher.fetch(server.url("/b"))
                async let c = fetcher.fetch(server.url("/c"))
                let results = await [a, b, c]
                #expect(results.allSatisfy { $0.page != nil })
                let robots = try await fetcher.robotsTxt(for: server.url("/")).get()
                #expect(robots.sitemaps == ["http://example.com/sitemap.xml"])
            }
            let requests = await server.log.requests
            #expect(requests.map(\.path).filter { $0 == "/robots.txt" }.count == 1)
            #expect(!requests.map(\.path).contains("/private/secret"))
            #expect(requests.count == 4)
            try expectSpacing(requests, atLeast: .milliseconds(300))
        }
    }

    @Test("robots.txt answering 5xx disallows everything for a while (a temporary failure); 4xx allows everything")
    func robotsStatus() async throws {
        let failing: [String: Handler] = [
            "/robots.txt": { _ in Reply.text("down", status: .internalServerError) },
            "/page": { _ in Reply.text("page") },
        ]
        try await TestServer.with(routes: failing) { server in
            let result = try await withPoliteFetcher(.test()) { await $0.fetch(server.url("/page")) }
            guard case .network(let message) = result.failure?.kind else {
                Issue.record("expected a temporary failure, got \(result)")
                return
            }
            #expect(message.contains("robots.txt could not be fetched"))
            #expect(await server.log.paths == ["/robots.txt"])
        }
        let missing: [String: Handler] = ["/page": { _ in Reply.text("page") }]
        try await TestServer.with(routes: missing) { server in
            let result = try await withPoliteFetcher(.test()) { await $0.fetch(server.url("/page")) }
            #expect(result.page != nil)
            #expect(await server.log.paths == ["/robots.txt", "/page"])
        }
    }

    @Test("every redirect hop is checked against robots.txt")
    func redirectIntoDisallowed() async throws {
        let routes: [String: Handler] = [
            "/robots.txt": { _ in Reply.text("User-agent: warta\nDisallow: /hidden\n") },
            "/open": { _ in Reply.redirect(to: "/hidden/page") },
            "/hidden/page": { _ in Reply.text("hidden") },
        ]
        try await TestServer.with(routes: routes) { server in
            let result = try await withPoliteFetcher(.test()) { await $0.fetch(server.url("/open")) }
            let failure = try #require(result.failure)
            #expect(failure.kind == .disallowedByRobots)
            #expect(failure.redirectChain == [server.url("/open")])
            #expect(await server.log.paths == ["/robots.txt", "/open"])
        }
    }

    @Test("429 with Retry-After: 1 delays the next request to that host")
    func retryAfter() async throws {
        let routes: [String: Handler] = [
            "/busy": { _ in Reply.text("slow down", status: .tooManyRequests, headers: [.retryAfter: "1"]) },
            "/page": { _ in Reply.text("page") },
        ]
        try await TestServer.with(routes: routes) { server in
            try await withPoliteFetcher(.test(minDelay: .zero)) { fetcher in
                let busy = await fetcher.fetch(server.url("/busy"))
                #expect(busy.failure?.kind == .rateLimited(retryAfter: .seconds(1)))
                #expect(await fetcher.fetch(server.url("/page")).page != nil)
            }
            let busy = try #require(await server.log.requests(to: "/busy").first?.end)
            let page = try #require(await server.log.requests(to: "/page").first?.start)
            #expect(busy.duration(to: page) >= .seconds(1))
        }
    }

    @Test("a host backing off longer than maxHostWait fails fast without a request")
    func maxHostWait() async throws {
        let routes: [String: Handler] = [
            "/busy": { _ in Reply.text("later", status: .serviceUnavailable, headers: [.retryAfter: "120"]) },
            "/page": { _ in Reply.text("page") },
        ]
        try await TestServer.with(routes: routes) { server in
            var configuration = PoliteFetcher.Configuration.test(minDelay: .zero)
            configuration.maxHostWait = .seconds(1)
            try await withPoliteFetcher(configuration) { fetcher in
                #expect(await fetcher.fetch(server.url("/busy")).failure?.kind == .httpStatus(503))
                let next = try #require(await fetcher.fetch(server.url("/page")).failure)
                guard case .rateLimited(let retryAfter) = next.kind else {
                    Issue.record("expected rate limiting, got \(next)")
                    return
                }
                #expect((retryAfter ?? .zero) > .seconds(100))
            }
            #expect(await server.log.paths == ["/robots.txt", "/busy"])
        }
    }

    @Test("different hosts are fetched in parallel while each host is serialised")
    func parallelHosts() async throws {
        let routes: [String: Handler] = [
            "/slow": { _ in
                try await Task.sleep(for: .milliseconds(300))
                return Reply.text("slow")
            }
        ]
        // Three ports on 127.0.0.1 are three hosts: politeness is per scheme, host and port.
        try await TestServer.with(count: 3, routes: routes) { servers in
            try await withPoliteFetcher(.test(minDelay: .milliseconds(100))) { fetcher in
                await withTaskGroup(of: FetchResult.self) { group in
                    for query in ["?1", "?2", "?3"] {
                        group.addTask { await fetcher.fetch(servers[0].url("/slow" + query)) }
                    }
                    for server in servers.dropFirst() {
                        group.addTask { await fetcher.fetch(server.url("/slow")) }
                    }
                    for await result in group {
                        #expect(result.page != nil)
                    }
                }
            }
            let busyHost = await servers[0].log.requests(to: "/slow")
            #expect(busyHost.count == 3)
            try expectSpacing(busyHost, atLeast: .milliseconds(100))
            // The other hosts did not wait for the busy host: their requests overlap its first one.
            let firstEnd = try #require(busyHost.first?.end)
            for server in servers.dropFirst() {
                let start = try #require(await server.log.requests(to: "/slow").first?.start)
                #expect(start < firstEnd)
                #expect(await server.log.requests(to: "/robots.txt").count == 1)
            }
        }
    }

    @Test("the global cap limits requests in flight across hosts")
    func globalCap() async throws {
        let routes: [String: Handler] = [
            "/slow": { _ in
                try await Task.sleep(for: .milliseconds(200))
                return Reply.text("slow")
            }
        ]
        try await TestServer.with(count: 2, routes: routes) { servers in
            var configuration = PoliteFetcher.Configuration.test(minDelay: .zero)
            configuration.maxConcurrentRequests = 1
            try await withPoliteFetcher(configuration) { fetcher in
                async let first = fetcher.fetch(servers[0].url("/slow"))
                async let second = fetcher.fetch(servers[1].url("/slow"))
                let results = await [first, second]
                #expect(results.allSatisfy { $0.page != nil })
            }
            let a = try #require(await servers[0].log.requests(to: "/slow").first)
            let b = try #require(await servers[1].log.requests(to: "/slow").first)
            let (earlier, later) = a.start < b.start ? (a, b) : (b, a)
            let earlierEnd = try #require(earlier.end)
            #expect(earlierEnd <= later.start)
        }
    }

    /// Many fetches at once over few hosts, with no gap: the scheduler's queues are under constant contention. Its
    /// waiters were once queued from outside the actor, which lost wake-ups (a crawl hung) and corrupted its state
    /// (a crawl crashed); this is the load that showed it.
    @Test(
        "under contention each host serves one request at a time, the global cap holds, and every fetch ends",
        .timeLimit(.minutes(5)))
    func contention() async throws {
        let routes: [String: Handler] = [
            "/page": { _ in
                try await Task.sleep(for: .milliseconds(3))
                return Reply.text("halaman")
            }
        ]
        try await TestServer.with(count: 3, routes: routes) { servers in
            var configuration = PoliteFetcher.Configuration.test(minDelay: .zero)
            configuration.maxConcurrentRequests = 2
            try await withPoliteFetcher(configuration) { fetcher in
                await withTaskGroup(of: FetchResult.self) { group in
                    for index in 0..<60 {
                        let url = servers[index % 3].url("/page?\(index)")
                        group.addTask { await fetcher.fetch(url) }
                    }
                    var fetched = 0
                    for await result in group where result.page != nil { fetched += 1 }
                    #expect(fetched == 60)
                }
            }
            var all: [LoggedRequest] = []
            for server in servers {
                let pages = await server.log.requests(to: "/page")
                #expect(pages.count == 20)
                try expectSpacing(pages, atLeast: .zero)
                all += pages
            }
            // Requests in flight at each start, counted on the server: never more than the cap.
            for request in all {
                let overlapping = try all.filter { other in
                    try other.start <= request.start && #require(other.end) > request.start
                }
                #expect(overlapping.count <= 2, "\(request.target)")
            }
        }
    }

    @Test(
        "cancelled fetches return at once and leave the host usable: the next fetch to it goes through",
        .timeLimit(.minutes(5)))
    func cancellation() async throws {
        let routes: [String: Handler] = [
            "/page": { _ in
                try await Task.sleep(for: .milliseconds(20))
                return Reply.text("halaman")
            }
        ]
        try await TestServer.with(routes: routes) { server in
            // Generous limits: on a machine busy with other tests, robots.txt and the first pages can take seconds.
            try await withPoliteFetcher(.test(minDelay: .milliseconds(5), requestTimeout: .seconds(120))) { fetcher in
                let crowd = Task {
                    await withTaskGroup(of: FetchResult.self) { group in
                        for index in 0..<40 {
                            let url = server.url("/page?\(index)")
                            group.addTask { await fetcher.fetch(url) }
                        }
                        var results: [FetchResult] = []
                        for await result in group { results.append(result) }
                        return results
                    }
                }
                // Cancel once a few pages are through (the host takes one request at a time).
                for _ in 0..<6_000 where await server.log.requests(to: "/page").count < 3 {
                    try await Task.sleep(for: .milliseconds(10))
                }
                crowd.cancel()
                let results = await crowd.value
                #expect(results.count == 40)
                let fetched = results.filter { $0.page != nil }.count
                #expect(fetched > 0 && fetched < 40, "\(fetched) of 40 fetched before the cancellation")
                // Nothing was left holding the host or a global slot.
                let after = await fetcher.fetch(server.url("/page?after"))
                #expect(after.page != nil)
            }
        }
    }

    @Test("robots.txt goes through the address guard too")
    func robotsGuarded() async throws {
        try await TestServer.with(routes: [:]) { server in
            var configuration = PoliteFetcher.Configuration.test()
            configuration.fetcher.addressPolicy = AddressPolicy()
            let result = try await withPoliteFetcher(configuration) { await $0.fetch(server.url("/page")) }
            guard case .refusedAddress(let refusal) = result.failure?.kind else {
                Issue.record("expected a refused address, got \(result)")
                return
            }
            #expect(refusal.reason == .loopback)
            #expect(await server.log.requests.isEmpty)
        }
    }
}

/// Each request starts at least `gap` after the previous one ended, in arrival order.
private func expectSpacing(_ requests: [LoggedRequest], atLeast gap: Duration) throws {
    for (previous, next) in zip(requests, requests.dropFirst()) {
        let end = try #require(previous.end)
        #expect(end.duration(to: next.start) >= gap, "\(previous.target) → \(next.target)")
    }
}
