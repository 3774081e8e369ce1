#if Crawl
    import ArgumentParser
    import Foundation
    import WartaCore
    import WartaCrawl
    import WartaFetch
    import WartaIngest
    import WartaPipeline
    import WartaQuery
    import WartaStore
    import WartaStoreSQLite

    #if canImport(Glibc)
        import Glibc
    #endif

    /// Fetch settings shared by `warta crawl` and `warta fetch`.
    struct FetchOptions: ParsableArguments {
        @Flag(
            name: .customLong("keep-non-articles"),
            help: "Keep index pages and feeds fetched as pages as articles instead of dropping them.")
        var keepNonArticles = false

        @Flag(
            name: .customLong("allow-private"),
            help: "Allow loopback, private and link-local addresses (a local test site). Off by default.")
        var allowPrivate = false

        @Option(
            name: .customLong("delay"), help: "Seconds between two requests to one host (robots.txt Crawl-delay wins).")
        var delay = 5.0

        @Option(name: .customLong("contact"), help: "A URL naming who runs this crawler, sent in the User-Agent.")
        var contact: String?

        @Option(name: .customLong("timeout"), help: "Seconds a request may take.")
        var timeout = 30.0

        @Option(name: .customLong("max-bytes"), help: "The largest page body accepted, in bytes.")
        var maxBytes = 10 * 1024 * 1024

        @Option(name: .customLong("archive"), help: "Also write every fetched page to rotating WARC files in DIR.")
        var archive: String?

        func validate() throws {
            if delay < 0 { throw ValidationError("--delay must be 0 or more") }
            if timeout <= 0 { throw ValidationError("--timeout must be positive") }
            if maxBytes <= 0 { throw ValidationError("--max-bytes must be positive") }
        }

        func politeFetcher() -> PoliteFetcher {
            var fetch = Fetcher.Configuration()
            fetch.contactURL = contact
            fetch.connectTimeout = .milliseconds(Int64(min(timeout, 30) * 1000))
            fetch.requestTimeout = .milliseconds(Int64(timeout * 1000))
            fetch.maxBodyBytes = maxBytes
            fetch.addressPolicy = AddressPolicy(allowLoopback: allowPrivate, allowPrivate: allowPrivate)
            return PoliteFetcher(
                configuration: PoliteFetcher.Configuration(fetcher: fetch, minDelay: .milliseconds(Int64(delay * 1000)))
            )
        }

        func warcArchive() throws -> WARCArchive? {
            guard let archive else { return nil }
            do {
                return try WARCArchive(directory: archive)
            } catch {
                throw ValidationError("cannot use \(archive) for WARC files: \(error)")
            }
        }
    }

    /// Cancels `task` on SIGINT or SIGTERM: the crawl stops between pages, with everything stored so far kept.
    final class InterruptHandler: @unchecked Sendable {
        // The sources are only created in init and cancelled once, from the task that made them.
        private let sources: [any DispatchSourceSignal]

        init(cancel: @escaping @Sendable () -> Void) {
            var sources: [any DispatchSourceSignal] = []
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
                source.setEventHandler {
                    Terminal.standardError.write("\nstopping: storing what was fetched, then exiting\n")
                    cancel()
                }
                source.resume()
                sources.append(source)
            }
            self.sources = sources
        }

        func cancel() {
            for source in sources { source.cancel() }
        }
    }

    struct CrawlCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "crawl",
            abstract: "Follow news feeds and sitemaps: fetch each new article once, politely, and store it.",
            discussion: """
                --feeds FILE lists feeds and sitemaps: one URL a line (# comments), or an OPML file. Feeds are
                remembered in the database; a restart resumes where it stopped. Each feed is polled with a conditional
                GET; every article URL it lists (canonical: no fragment, no utm_* parameters) is fetched once, then
                extracted, annotated and linked like `warta ingest`. Polling adapts per feed (sooner when most items
                are new, later when none are). robots.txt is honoured, one request at a time per host with --delay
                seconds between them, and loopback, private and link-local addresses are refused unless
                --allow-private. --once polls every feed once and exits; otherwise polls run until Ctrl-C, which
                stops cleanly. --site URL adds the sitemaps the site's robots.txt names. Exit status 1 when a feed or
                page failed in the (last) round.
                """
        )

        @Option(name: .long, help: "Feeds and sitemaps to follow: one URL a line, or OPML.")
        var feeds: String?

        @Option(
            name: .long,
            help: "A site whose robots.txt names its sitemaps (Sitemap: lines): they are followed too. Repeatable.")
        var site: [String] = []

        @Flag(name: .long, help: "Poll every feed once, fetch what is new, and exit.")
        var once = false

        @Option(name: .long, help: "The first interval between polls of a feed, e.g. 10m, 1h, 90s.")
        var interval = "10m"

        @OptionGroup var fetch: FetchOptions

        @OptionGroup var store: StoreOptions

        func validate() throws {
            for site in site where CanonicalURL.of(site) == nil {
                throw ValidationError("--site \(site) is not an http(s) URL")
            }
            if Self.seconds(interval) == nil { throw ValidationError("--interval must look like 90s, 10m or 1h") }
        }

        static func seconds(_ text: String) -> TimeInterval? {
            let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
            guard let last = text.last else { return nil }
            if let unit = units[last], let value = Double(text.dropLast()), value > 0 { return value * unit }
            if let value = Double(text), value > 0 { return value }
            return nil
        }

        func run() async throws {
            var failed = false
            try await reportingErrors {
                let database = try await store.openStore()
                var configuration = Crawler.Configuration()
                configuration.interval = Self.seconds(interval) ?? 600
                configuration.minInterval = min(configuration.minInterval, configuration.interval)
                let pipeline = try loadPipeline(keepNonArticles: fetch.keepNonArticles)
                let runner = IngestRunner(
                    pipeline: pipeline, store: database,
                    linker: StoreLinker(articles: database, stories: database, semantics: pipeline.semantics))
                let fetcher = fetch.politeFetcher()
                let archive = try fetch.warcArchive()
                let crawler = Crawler(
                    store: database, runner: runner, fetcher: fetcher, configuration: configuration, archive: archive)
                if let feeds {
                    let list = try Self.readFeedList(feeds)
                    let added = try await crawler.add(feeds: list)
                    Terminal.standardError.write("feeds: \(list.count) listed, \(added) new\n")
                }
                for site in site {
                    switch await crawler.discoverSitemaps(site: site) {
                    case .failure(let failure):
                        try? await fetcher.shutdown()
                        Terminal.standardError.write("error: cannot read the robots.txt of \(failure)\n")
                        throw ExitCode.failure
                    case .success(let sitemaps) where sitemaps.isEmpty:
                        Terminal.standardError.write("\(site): robots.txt names no sitemap\n")
                    case .success(let sitemaps):
                        let added = try await crawler.add(feeds: sitemaps)
                        Terminal.standardError.write(
                            "\(site): robots.txt names \(sitemaps.count) sitemap\(sitemaps.count == 1 ? "" : "s"), \(added) new\n"
                        )
                    }
                }
                let json = store.json
                let interactive = Terminal.standardError.isInteractive
                let once = self.once
                let work = Task { () -> Bool in
                    var failed = false
                    while !Task.isCancelled {
                        let round = await crawler.round(all: once) { round in
                            if interactive { Terminal.standardError.write("\r\u{1B}[K" + Self.describe(round)) }
                        }
                        if interactive { Terminal.standardError.write("\r\u{1B}[K") }
                        if json {
                            Terminal.standardOutput.line(JSONOutput.encode(round))
                        } else {
                            Terminal.standardOutput.line(Self.describe(round))
                            for failure in round.failures.prefix(20) {
                                Terminal.standardOutput.line("  failed: \(failure)")
                            }
                            if round.failures.count > 20 {
                                Terminal.standardOutput.line("  … and \(round.failures.count - 20) more failures")
                            }
                        }
                        failed = !round.failures.isEmpty
                        if round.articlesNew > 0 {
                            _ = try? await QueryService.bundled(store: database).refresh()
                        }
                        if once { break }
                        let due = (try? await crawler.nextDue()) ?? nil
                        let wait = max(1, (due ?? Date().addingTimeInterval(60)).timeIntervalSinceNow)
                        try? await Task.sleep(for: .milliseconds(Int64(wait * 1000)))
                    }
                    return failed
                }
                let interrupts = InterruptHandler { work.cancel() }
                failed = await work.value
                interrupts.cancel()
                try? await fetcher.shutdown()
                try? await archive?.close()
            }
            if failed { throw ExitCode.failure }
        }

        static func readFeedList(_ path: String) throws -> [String] {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("cannot read the feed list \(path)")
            }
            do {
                return try FeedList.parse(bytes: [UInt8](data)).subscriptions.map(\.url)
            } catch {
                throw ValidationError("\(path) is not a feed list: \(error)")
            }
        }

        static func describe(_ round: Crawler.Round) -> String {
            "feeds polled \(round.feedsPolled) (unchanged \(round.feedsUnchanged), failed \(round.feedsFailed)); "
                + "articles fetched \(round.articlesFetched): new \(round.articlesNew), "
                + "same text stored before \(round.articlesDuplicate), no article \(round.articlesDropped), "
                + "failed \(round.articlesFailed); known URLs skipped \(round.articlesKnown); "
                + String(format: "%.1f s", round.seconds)
                + (round.seconds > 0 && round.articlesFetched > 0
                    ? String(format: " (%.1f pages/s)", Double(round.articlesFetched) / round.seconds) : "")
                + (round.interrupted ? "; interrupted: the rest is fetched next time" : "")
        }
    }

    struct FeedsCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "feeds",
            abstract:
                "The feeds `warta crawl` follows, with their health: last success, last error, articles in 7 days."
        )

        @OptionGroup var store: StoreOptions

        struct Line: Encodable {
            var url: String
            var lastSuccess: Date?
            var lastError: String?
            var lastErrorAt: Date?
            var failures: Int
            var retired: Bool
            var nextPoll: Date
            var intervalSeconds: Double
            var articles7Days: Int

            enum CodingKeys: String, CodingKey {
                case url, failures, retired
                case lastSuccess = "last_success"
                case lastError = "last_error"
                case lastErrorAt = "last_error_at"
                case nextPoll = "next_poll"
                case intervalSeconds = "interval_seconds"
                case articles7Days = "articles_7_days"
            }
        }

        func run() async throws {
            try await reportingErrors {
                let database = try await store.openStore()
                let feeds = try await database.feeds()
                let counts = try await database.storedCounts(since: Date().addingTimeInterval(-7 * 86_400))
                let lines = feeds.map { feed in
                    Line(
                        url: feed.url, lastSuccess: feed.lastSuccess, lastError: feed.lastError,
                        lastErrorAt: feed.lastErrorAt, failures: feed.failures, retired: feed.retired,
                        nextPoll: feed.nextPoll, intervalSeconds: feed.interval, articles7Days: counts[feed.url] ?? 0)
                }
                let out = Terminal.standardOutput
                if store.json {
                    let encoder = JSONEncoder()
                    encoder.dateEncodingStrategy = .iso8601
                    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                    for line in lines {
                        out.line(String(decoding: (try? encoder.encode(line)) ?? Data(), as: UTF8.self))
                    }
                    return
                }
                if lines.isEmpty { out.line("no feeds: `warta crawl --feeds FILE` adds them") }
                let formatter = ISO8601DateFormatter()
                for line in lines {
                    let state = line.retired ? "retired" : line.failures > 0 ? "failing (\(line.failures))" : "ok"
                    out.line("\(line.url)")
                    out.line(
                        "  \(state); articles in 7 days: \(line.articles7Days); last success: "
                            + "\(line.lastSuccess.map(formatter.string(from:)) ?? "never"); next poll: "
                            + formatter.string(from: line.nextPoll))
                    if let error = line.lastError {
                        out.line("  last error (\(line.lastErrorAt.map(formatter.string(from:)) ?? "?")): \(error)")
                    }
                }
            }
        }
    }

    struct FetchCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fetch",
            abstract: "Fetch pages by URL (politely, with the address guard) and store them like `warta ingest`.",
            discussion: "Exit status 1 when a page could not be fetched or stored."
        )

        @Argument(help: "http or https URLs.")
        var urls: [String] = []

        @OptionGroup var fetch: FetchOptions

        @OptionGroup var store: StoreOptions

        func validate() throws {
            if urls.isEmpty { throw ValidationError("give at least one URL to fetch") }
        }

        func run() async throws {
            var report = IngestReport()
            try await reportingErrors {
                let database = try await store.openStore()
                let fetcher = fetch.politeFetcher()
                let archive = try fetch.warcArchive()
                var documents: [RawDocument] = []
                for url in urls {
                    switch await fetcher.fetch(url) {
                    case .fetched(let page):
                        _ = try? await archive?.write(
                            url: page.finalURL, date: page.fetchedAt, status: page.status, requestHeaders: [],
                            responseHeaders: page.headers.map { HeaderField(name: $0.name, value: $0.value) },
                            body: page.body)
                        documents.append(
                            RawDocument(
                                origin: url, url: page.finalURL, bytes: page.body, contentType: .html,
                                declaredCharset: page.charset, fetchedAt: page.fetchedAt))
                    case .notModified:
                        report.failed.append(.init(path: url, reason: "304 without a conditional request"))
                    case .failed(let failure):
                        report.failed.append(.init(path: url, reason: failure.description))
                    }
                }
                try? await fetcher.shutdown()
                try? await archive?.close()
                let runner = IngestRunner(
                    pipeline: try loadPipeline(keepNonArticles: fetch.keepNonArticles), store: database)
                let stored = await runner.run(documents: documents)
                let failed = report.failed
                report = stored
                report.failed = failed + stored.failed
                if report.new > 0 { _ = try? await QueryService.bundled(store: database).refresh() }
            }
            if store.json {
                Terminal.standardOutput.line(JSONOutput.encode(IngestSummaryJSON(report)))
            } else {
                Terminal.standardOutput.line(
                    "fetched \(report.read), new \(report.new), already known \(report.known), failed \(report.failed.count)"
                )
                for failure in report.failed {
                    Terminal.standardOutput.line("  failed: \(failure.path): \(failure.reason)")
                }
            }
            if !report.failed.isEmpty { throw ExitCode.failure }
        }
    }
#endif
