import Foundation
import HTTPTypes
import Hummingbird
import Testing
import WartaCore
import WartaCrawl
import WartaFetch
import WartaPipeline
import WartaStore
import WartaStoreSQLite
import WartaTestSite
import WartaTestSupport

/// A news site on loopback, from real pages of the shared corpus: an RSS feed with ETag, an Atom feed, a news
/// sitemap index, robots.txt that disallows a path, and links a crawler must refuse.
struct NewsSite {
    let pages: [(path: String, bytes: [UInt8])]

    static func load() throws -> NewsSite? {
        guard let shared = Fixtures.shared else { return nil }
        let folder = shared.appendingPathComponent("corpus/id-news/html-pages/html")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.contains("singlepage") }.sorted().prefix(9)
        return NewsSite(
            pages: try names.map { ("/berita/\($0)", [UInt8](try Data(contentsOf: folder.appendingPathComponent($0)))) }
        )
    }

    func routes(base: @escaping @Sendable () -> String) -> [String: Handler] {
        var routes: [String: Handler] = [:]
        for page in pages {
            let bytes = page.bytes
            routes[page.path] = { _ in Reply.bytes(bytes) }
        }
        let rssPages = Array(pages.prefix(5)).map(\.path)
        let atomPages = Array(pages.dropFirst(3).prefix(3)).map(\.path)  // overlaps the RSS feed by two
        let sitemapPages = Array(pages.dropFirst(6)).map(\.path)
        let jsonPages = Array(pages.dropFirst(5).prefix(3)).map(\.path)  // overlaps the Atom feed and the sitemap
        routes["/robots.txt"] = { _ in
            Reply.text(
                "User-agent: *\nDisallow: /private/\nSitemap: \(base())/sitemap-index.xml\n",
                headers: [.contentType: "text/plain"])
        }
        routes["/feed.json"] = { _ in
            // JSON Feed 1.1, with an HTML entity in a title and a date without seconds' zone colon.
            let items = jsonPages.map { path in
                "{\"id\": \"\(path)\", \"url\": \"\(base())\(path)\", \"title\": \"Kabar &amp; berita\", "
                    + "\"date_published\": \"2025-06-10T06:00:00+0700\"}"
            }
            return Reply.text(
                "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Situs\", \"items\": ["
                    + items.joined(separator: ", ") + "]}", headers: [.contentType: "application/feed+json"])
        }
        routes["/rss.xml"] = { request in
            let etag = "\"rss-1\""
            if request.headers[.ifNoneMatch] == etag { return Response(status: .notModified, headers: [.eTag: etag]) }
            var items = rssPages.enumerated().map { index, path in
                // Tracking parameters and fragments: the same page however a feed spells its link.
                "<item><title>Berita \(index)</title><link>\(base())\(path)?utm_source=rss&amp;utm_medium=feed#top</link>"
                    + "<pubDate>Tue, 10 Jun 2025 0\(index):30:00 +0700</pubDate><dc:creator>Redaksi</dc:creator></item>"
            }
            items.append("<item><title>Rahasia</title><link>\(base())/private/rahasia.html</link></item>")
            items.append("<item><title>Metadata</title><link>\(base())/pindah</link></item>")
            let rss =
                "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                + "<channel><title>Situs</title><link>\(base())/</link>\(items.joined())</channel></rss>"
            return Reply.text(rss, headers: [.contentType: "application/rss+xml", .eTag: etag])
        }
        routes["/atom.xml"] = { _ in
            let entries = atomPages.map { path in
                "<entry><title>Atom \(path)</title><link rel=\"alternate\" href=\"\(base())\(path)\"/>"
                    + "<id>\(path)</id><updated>2025-06-10T05:00:00Z</updated></entry>"
            }
            return Reply.text(
                "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Atom</title>"
                    + "\(entries.joined())</feed>", headers: [.contentType: "application/atom+xml"])
        }
        routes["/sitemap-index.xml"] = { _ in
            Reply.text(
                "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                    + "<sitemap><loc>\(base())/sitemap-news.xml</loc></sitemap></sitemapindex>",
                headers: [.contentType: "application/xml"])
        }
        routes["/sitemap-news.xml"] = { _ in
            let urls = sitemapPages.map { path in
                "<url><loc>\(base())\(path)</loc><news:news><news:publication><news:name>Situs</news:name>"
                    + "<news:language>id</news:language></news:publication>"
                    + "<news:publication_date>2025-06-11T08:00:00+07:00</news:publication_date>"
                    + "<news:title>Peta \(path)</news:title></news:news></url>"
            }
            return Reply.text(
                "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                    + "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\(urls.joined())</urlset>",
                headers: [.contentType: "application/xml"])
        }
        // A redirect to a cloud metadata address: refused, never connected.
        routes["/pindah"] = { _ in Reply.redirect(to: "http://169.254.169.254/latest/meta-data") }
        return routes
    }
}

/// A switch the first caller turns off.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Bool
    init(_ value: Bool) { self.value = value }
    /// The value before this call; it is `false` afterwards.
    func take() -> Bool {
        lock.withLock {
            defer { value = false }
            return value
        }
    }
}

/// The server's base URL, known only once it listens.
final class BaseURL: @unchecked Sendable {
    private let lock = NSLock()
    private var value = ""
    func set(_ url: String) { lock.withLock { value = url } }
    func get() -> String { lock.withLock { value } }
}

@Suite("Crawling feeds and sitemaps")
struct CrawlTests {
    static func crawler(store: SQLiteStore, delay: Duration = .zero) throws -> (Crawler, PoliteFetcher) {
        var fetch = Fetcher.Configuration()
        fetch.addressPolicy = AddressPolicy(allowLoopback: true)
        let fetcher = PoliteFetcher(configuration: .init(fetcher: fetch, minDelay: delay))
        let pipeline = try ArticlePipeline.bundled()
        let runner = IngestRunner(pipeline: pipeline, store: store, parallelism: 2)
        return (Crawler(store: store, runner: runner, fetcher: fetcher), fetcher)
    }

    @Test(
        "feeds and a sitemap index: every page once, nothing disallowed or private, and a second run only revalidates",
    )
    func crawlTwice() async throws {
        guard let site = try NewsSite.load() else {
            Issue.record("../shared is missing: the crawl test reads real pages from it")
            return
        }
        let directory = try Fixtures.temporaryDirectory("crawl")
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = BaseURL()
        try await TestServer.with(routes: site.routes(base: { base.get() })) { server in
            base.set(server.url(""))
            let store = try SQLiteStore(path: directory.appendingPathComponent("w.sqlite").path)
            let (crawler, fetcher) = try Self.crawler(store: store, delay: .milliseconds(150))
            let added = try await crawler.add(feeds: [
                server.url("/rss.xml"), server.url("/atom.xml"), server.url("/feed.json"),
            ])
            #expect(added == 3)
            // The sitemap index is found through robots.txt's Sitemap: line.
            let discovered = try await crawler.discoverSitemaps(site: server.url("/")).get()
            #expect(discovered == [server.url("/sitemap-index.xml")])
            #expect(try await crawler.add(feeds: discovered) == 1)
            let first = await crawler.round()
            #expect(first.feedsPolled == 4 && first.feedsFailed == 0)
            #expect(first.articlesFetched == site.pages.count)
            #expect(first.articlesNew == site.pages.count)
            #expect(first.articlesFailed == 2, "the disallowed page and the redirect to 169.254.169.254")
            let paths = await server.log.paths
            for page in site.pages {
                #expect(paths.filter { $0 == page.path }.count == 1, "\(page.path) fetched once")
            }
            #expect(!paths.contains { $0.hasPrefix("/private/") })
            #expect(paths.filter { $0 == "/robots.txt" }.count == 1)
            #expect(first.failures.contains { $0.contains("169.254.169.254") })
            // One host: requests never overlap, and keep the gap.
            let requests = await server.log.requests
            for (earlier, later) in zip(requests, requests.dropFirst()) {
                #expect(later.start - earlier.start >= .milliseconds(140))
            }
            // Feed metadata fills in what a page lacks, never what it has.
            let articles = try await store.allArticles()
            #expect(articles.count == site.pages.count)
            #expect(Set(articles.compactMap(\.url)).count == site.pages.count)
            #expect(articles.allSatisfy { $0.published != nil })

            // Second run: the RSS feed answers 304, the others send the same bytes; no page is fetched again.
            let before = await server.log.requests.count
            let second = await crawler.round(all: true)
            #expect(second.feedsPolled == 4)
            #expect(second.feedsUnchanged == 4)
            #expect(second.articlesFetched == 0 && second.articlesNew == 0)
            let again = await server.log.requests.dropFirst(before).map(\.path)
            #expect(
                Set(again) == ["/rss.xml", "/atom.xml", "/feed.json", "/sitemap-index.xml"])
            #expect(!again.contains { $0.hasPrefix("/berita/") })
            let rssRequests = await server.log.requests(to: "/rss.xml")
            #expect(rssRequests.last?.headers[.ifNoneMatch] == "\"rss-1\"")
            let feeds = try await store.feeds()
            #expect(feeds.allSatisfy { $0.failures == 0 && $0.lastSuccess != nil })
            let counts = try await store.storedCounts(since: Date().addingTimeInterval(-3600))
            #expect(counts.values.reduce(0, +) == site.pages.count)
            try await fetcher.shutdown()
        }
    }

    @Test("a page that fails for now (HTTP 500) is fetched in the next round, though its feed did not change")
    func temporaryFailureRetried() async throws {
        guard let site = try NewsSite.load() else {
            Issue.record("../shared is missing: the crawl test reads real pages from it")
            return
        }
        let directory = try Fixtures.temporaryDirectory("crawl-retry")
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = BaseURL()
        let pages = Array(site.pages.prefix(3))
        let flaky = pages[1].path
        let failing = Flag(true)
        var routes: [String: Handler] = [:]
        for page in pages {
            let bytes = page.bytes
            routes[page.path] = { _ in
                if page.path == flaky, failing.take() { return Response(status: .internalServerError) }
                return Reply.bytes(bytes)
            }
        }
        routes["/robots.txt"] = { _ in Reply.text("User-agent: *\nAllow: /\n", headers: [.contentType: "text/plain"]) }
        routes["/rss.xml"] = { request in
            let etag = "\"rss-1\""
            if request.headers[.ifNoneMatch] == etag { return Response(status: .notModified, headers: [.eTag: etag]) }
            let items = pages.map { "<item><title>Berita</title><link>\(base.get())\($0.path)</link></item>" }
            return Reply.text(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Situs</title>\(items.joined())</channel></rss>",
                headers: [.contentType: "application/rss+xml", .eTag: etag])
        }
        try await TestServer.with(routes: routes) { server in
            base.set(server.url(""))
            let store = try SQLiteStore(path: directory.appendingPathComponent("w.sqlite").path)
            let (crawler, fetcher) = try Self.crawler(store: store)
            _ = try await crawler.add(feeds: [server.url("/rss.xml")])
            let first = await crawler.round(all: true)
            #expect(first.articlesNew == 2 && first.articlesFailed == 1)
            let second = await crawler.round(all: true)
            #expect(second.articlesFetched == 1 && second.articlesNew == 1, "the failed page, and only it")
            #expect(second.articlesKnown == 2)
            #expect(try await store.allArticles().count == 3)
            // Read in full, not revalidated: the feed had a page left to fetch. Then it is revalidated again.
            let rss = await server.log.requests(to: "/rss.xml")
            #expect(rss.count == 2 && rss[1].headers[.ifNoneMatch] == nil)
            let third = await crawler.round(all: true)
            #expect(third.feedsUnchanged == 1 && third.articlesFetched == 0)
            #expect(await server.log.requests(to: "/rss.xml").last?.headers[.ifNoneMatch] == "\"rss-1\"")
            try await fetcher.shutdown()
        }
    }

    @Test("canonical URLs: case, default ports, fragments and tracking parameters do not make a new page")
    func canonical() {
        #expect(
            CanonicalURL.of("HTTPS://News.Example.ID:443/berita/a?utm_source=x&id=7&fbclid=abc#komentar")
                == "https://news.example.id/berita/a?id=7")
        #expect(CanonicalURL.of("http://news.example.id") == "http://news.example.id/")
        #expect(
            CanonicalURL.of("http://news.example.id:8080/a?b=1&utm_medium=rss") == "http://news.example.id:8080/a?b=1")
        #expect(CanonicalURL.of("ftp://news.example.id/a") == nil)
        #expect(CanonicalURL.of("/relative/only") == nil)
    }
}

@Suite("warta crawl killed and started again", .serialized)
struct CrawlKillTests {
    static func crawl(database: String, feeds: String) throws -> Process {
        let process = Process()
        process.executableURL = try Fixtures.wartaBinary()
        process.arguments = [
            "crawl", "--db", database, "--feeds", feeds, "--once", "--allow-private", "--delay", "0.4",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// A crawl of the loopback site stopped by `signal` once it has fetched a few pages, and a second crawl after
    /// it; `check` sees the site, the server, the database and the first process.
    static func interrupted(
        by signal: Int32, _ name: String,
        check:
            @Sendable (NewsSite, TestServer, String, Process, _ crawlAgain: () async throws -> Void) async throws
            -> Void
    ) async throws {
        guard let site = try NewsSite.load() else {
            Issue.record("../shared is missing: the crawl test reads real pages from it")
            return
        }
        let directory = try Fixtures.temporaryDirectory(name)
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = BaseURL()
        try await TestServer.with(routes: site.routes(base: { base.get() })) { server in
            base.set(server.url(""))
            let feeds = directory.appendingPathComponent("feeds.txt").path
            try [server.url("/rss.xml"), server.url("/atom.xml"), server.url("/sitemap-index.xml")]
                .joined(separator: "\n").write(toFile: feeds, atomically: true, encoding: .utf8)
            let database = directory.appendingPathComponent("w.sqlite").path
            let first = try crawl(database: database, feeds: feeds)
            // Stopped once a few pages are in (the gap between requests makes the run last seconds).
            var pages = 0
            for _ in 0..<600 where pages < 4 {
                try await Task.sleep(for: .milliseconds(50))
                pages = await server.log.paths.filter { $0.hasPrefix("/berita/") }.count
            }
            #expect(pages >= 4 && pages < site.pages.count, "the crawl was stopped half-way")
            kill(first.processIdentifier, signal)
            try await check(site, server, database, first) {
                let second = try crawl(database: database, feeds: feeds)
                while second.isRunning { try await Task.sleep(for: .milliseconds(100)) }
                // Exit status 1: the site lists a page robots.txt disallows and one on a private address, failures.
                #expect(second.terminationReason == .exit)
                let urls = try await SQLiteStore(path: database).allArticles().compactMap(\.url)
                #expect(urls.count == site.pages.count, "every page stored")
                #expect(Set(urls).count == urls.count, "none twice")
                #expect(Set(urls.map { URL(string: $0)?.path ?? "" }) == Set(site.pages.map(\.path)))
            }
        }
    }

    @Test("SIGKILL in the middle of a crawl, then a second run: every article stored once, none lost")
    func killAndResume() async throws {
        try await Self.interrupted(by: SIGKILL, "crawl-kill") { _, _, _, first, crawlAgain in
            first.waitUntilExit()
            #expect(first.terminationReason == .uncaughtSignal)
            try await crawlAgain()
        }
    }

    @Test("SIGTERM stops a crawl within seconds and keeps what it fetched; the next run fetches the rest, none twice")
    func terminateAndResume() async throws {
        try await Self.interrupted(by: SIGTERM, "crawl-term") { site, server, database, first, crawlAgain in
            // It exits (storing what it fetched takes a moment in a debug build under load), and fetches nothing more:
            // `afterStop` below is short of the whole site.
            for _ in 0..<300 where first.isRunning { try await Task.sleep(for: .milliseconds(100)) }
            #expect(!first.isRunning, "still running 30 s after SIGTERM")
            if first.isRunning {
                kill(first.processIdentifier, SIGKILL)
                return
            }
            #expect(first.terminationReason == .exit)
            let afterStop = await server.log.paths.filter { $0.hasPrefix("/berita/") }.count
            let kept = try await SQLiteStore(path: database).allArticles().count
            #expect(kept >= 1 && kept <= afterStop, "pages fetched before the stop are stored")
            #expect(afterStop < site.pages.count, "the stop came before the end")
            try await crawlAgain()
            // A page stored before the stop is not fetched again.
            let fetchedTwice = await server.log.paths.filter { $0.hasPrefix("/berita/") }.count - site.pages.count
            #expect(fetchedTwice <= afterStop - kept, "only pages in flight at the stop are fetched again")
        }
    }
}
