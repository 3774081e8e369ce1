import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTPCompression
import WartaCore

/// Downloads one URL safely: address guard, manual redirects, body and decompression limits,
/// timeouts and conditional GET, over one shared `HTTPClient`.
///
/// `Fetcher` is not polite by itself: it keeps no per-host delay and does not read robots.txt. Use
/// ``PoliteFetcher`` for crawling; use `Fetcher` directly for one-off requests the user asked for.
///
/// ## The address guard and DNS rebinding
///
/// Every hop is checked twice:
/// 1. Before connecting, the host is resolved with ``HostResolver`` (or parsed, when it is a literal
///    such as "0x7f.1" or "[::ffff:127.0.0.1]") and every address must pass ``AddressPolicy``.
/// 2. When AsyncHTTPClient opens a new connection, the socket's peer address is checked again in
///    its connection initializer, and the connection is closed before any byte of the request is
///    written if the address is refused. (For https the TLS handshake, with the host name as SNI,
///    has happened by then; the HTTP request has not.)
///
/// AsyncHTTPClient resolves names itself and has no per-request hook to connect to an address chosen
/// by the caller, so the connection cannot be pinned to the address checked in step 1. Step 2 closes
/// that gap: a name that answers with a public address to the first lookup and with 10.0.0.1 to the
/// second (DNS rebinding) is refused at connect time. Pooled connections are reused only for the
/// same scheme, host and port and were checked when they were opened.
///
/// Call ``shutdown()`` before the fetcher is released.
public final class Fetcher: Sendable {
    /// Limits, headers and the address policy.
    public struct Configuration: Sendable {
        /// The product token in `User-Agent`, also used to pick robots.txt groups.
        public var productToken: String
        /// The version in `User-Agent`.
        public var version: String
        /// A page describing the crawler and how to reach its operator, sent in `User-Agent`.
        public var contactURL: String?
        /// Time allowed to open a connection. Default 30 s.
        public var connectTimeout: Duration
        /// Time allowed for one request, from sending it to the last body byte. Each redirect hop
        /// gets its own allowance. Default 30 s.
        public var requestTimeout: Duration
        /// Redirects followed before giving up. Default 5.
        public var maxRedirects: Int
        /// Largest body accepted, counted after decompression while streaming. Default 10 MB.
        public var maxBodyBytes: Int
        /// Largest ratio of decompressed to compressed bytes before the body counts as a
        /// decompression bomb. Default 100.
        public var maxDecompressionRatio: Int
        /// Which addresses may be contacted.
        public var addressPolicy: AddressPolicy
        /// The `Accept` header: HTML and the feed formats first.
        public var accept: String

        /// Creates a configuration with the documented defaults.
        public init(
            productToken: String = "Warta",
            version: String = "0.1",
            contactURL: String? = nil,
            connectTimeout: Duration = .seconds(30),
            requestTimeout: Duration = .seconds(30),
            maxRedirects: Int = 5,
            maxBodyBytes: Int = 10 * 1024 * 1024,
            maxDecompressionRatio: Int = 100,
            addressPolicy: AddressPolicy = AddressPolicy(),
            accept: String = Configuration.defaultAccept
        ) {
            self.productToken = productToken
            self.version = version
            self.contactURL = contactURL
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.maxRedirects = maxRedirects
            self.maxBodyBytes = maxBodyBytes
            self.maxDecompressionRatio = maxDecompressionRatio
            self.addressPolicy = addressPolicy
            self.accept = accept
        }

        /// HTML, then RSS, Atom and JSON Feed, then generic XML, then anything.
        public static let defaultAccept =
            "text/html,application/xhtml+xml;q=0.9,application/rss+xml;q=0.9,application/atom+xml;q=0.9,"
            + "application/feed+json;q=0.8,application/xml;q=0.8,text/xml;q=0.8,*/*;q=0.5"

        /// "Warta/0.1 (+https://example.org/bot)", or "Warta/0.1" without a contact URL.
        public var userAgent: String {
            let product = "\(productToken)/\(version)"
            guard let contactURL, !contactURL.isEmpty else { return product }
            return "\(product) (+\(contactURL))"
        }
    }

    /// The configuration this fetcher was made with.
    public let configuration: Configuration
    let client: HTTPClient
    let resolver: any HostResolver
    let logger: Logger
    let now: @Sendable () -> Date

    /// Creates a fetcher and its HTTP client.
    ///
    /// - Parameters:
    ///   - configuration: limits and policy.
    ///   - resolver: resolves host names before the address check; tests pass a fixed table.
    ///   - logger: receives `debug` messages per hop with `fetch.url` and `fetch.status` metadata.
    ///   - now: the wall clock for ``FetchedPage/fetchedAt`` and `Retry-After` dates.
    public init(
        configuration: Configuration = Configuration(),
        resolver: any HostResolver = SystemHostResolver(),
        logger: Logger = Fetcher.disabledLogger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.resolver = resolver
        self.logger = logger
        self.now = now

        var client = HTTPClient.Configuration()
        // Redirects are followed by `fetch`, so each hop passes the scheme, address and robots checks.
        client.redirectConfiguration = .disallow
        client.timeout = HTTPClient.Configuration.Timeout(
            connect: TimeAmount(configuration.connectTimeout),
            read: TimeAmount(configuration.requestTimeout)
        )
        client.decompression = .enabled(limit: .ratio(max(1, configuration.maxDecompressionRatio)))
        // A refused peer fails the connection; retrying would only repeat the refusal until the deadline.
        client.connectionPool.retryConnectionEstablishment = false
        let policy = configuration.addressPolicy
        let verifyPeer: @Sendable (any Channel) -> EventLoopFuture<Void> = { channel in
            Self.verifyPeer(of: channel, policy: policy)
        }
        client.http1_1ConnectionDebugInitializer = verifyPeer
        client.http2ConnectionDebugInitializer = verifyPeer
        self.client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: client, backgroundActivityLogger: logger)
    }

    /// A logger that discards everything, the default.
    public static let disabledLogger = Logger(label: "warta.fetch", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Shuts the HTTP client down; call once, after the last fetch.
    ///
    /// - Throws: the client's shutdown error, e.g. when already shut down.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// Fetches `url`, following up to ``Configuration/maxRedirects`` redirects.
    ///
    /// Steps per hop, in order: 1. parse the URL, only http and https; 2. resolve the host and
    /// check every address; 3. send the request with `validators` as `If-None-Match` /
    /// `If-Modified-Since`; 4. follow 301/302/303/307/308, return 304 as ``FetchResult/notModified``,
    /// stream a 2xx body up to the limit, turn anything else into a failure.
    ///
    /// - Parameters:
    ///   - url: an absolute http(s) URL.
    ///   - validators: from the previous ``FetchedPage/validators`` of this URL, if any.
    /// - Returns: the page, `notModified`, or a failure; this method does not throw.
    public func fetch(_ url: String, validators: Validators? = nil) async -> FetchResult {
        await fetch(
            url, validators: validators, options: RequestOptions(bodyLimit: configuration.maxBodyBytes), gate: nil)
    }

    /// The redirect loop shared by ``fetch(_:validators:)`` and ``PoliteFetcher``, which passes a
    /// gate that applies robots.txt and per-host scheduling to every hop.
    func fetch(_ url: String, validators: Validators?, options: RequestOptions, gate: (any HopGate)?) async
        -> FetchResult
    {
        var chain: [String] = []
        var current = url
        while true {
            let target: FetchTarget
            switch FetchTarget.parse(current) {
            case .target(let parsed):
                target = parsed
            case .failure(let kind):
                return .failed(FetchFailure(kind: kind, url: current, redirectChain: chain))
            }
            let hop: HopResult
            if let gate {
                hop = await gate.admit(target) {
                    await self.performHop(target, validators: validators, options: options)
                }
            } else {
                hop = await performHop(target, validators: validators, options: options)
            }
            let here = target.url.absoluteString
            logger.debug(
                "fetched hop",
                metadata: ["fetch.url": "\(here)", "fetch.status": "\(hop.status.map(String.init) ?? "-")"])
            switch hop.outcome {
            case .redirect(let next):
                chain.append(here)
                guard chain.count <= configuration.maxRedirects else {
                    return .failed(
                        FetchFailure(
                            kind: .tooManyRedirects, url: next.absoluteString, redirectChain: chain,
                            detail: "limit \(configuration.maxRedirects)"))
                }
                current = next.absoluteString
            case .notModified:
                return .notModified
            case .response(let response):
                return .fetched(makePage(response, requestedURL: url, finalURL: here, redirectChain: chain))
            case .failed(let kind):
                return .failed(
                    FetchFailure(
                        kind: kind, url: here, redirectChain: chain, detail: detail(for: kind, options: options)))
            }
        }
    }

    private func detail(for kind: FetchFailure.Kind, options: RequestOptions) -> String? {
        switch kind {
        case .tooLarge: return "limit \(options.bodyLimit) bytes"
        case .timeout: return "limit \(configuration.requestTimeout)"
        case .decompression: return "limit ratio \(configuration.maxDecompressionRatio)"
        default: return nil
        }
    }

    private func makePage(_ response: ReceivedResponse, requestedURL: String, finalURL: String, redirectChain: [String])
        -> FetchedPage
    {
        let contentType = response.header("content-type").map(Self.parseContentType)
        return FetchedPage(
            requestedURL: requestedURL,
            finalURL: finalURL,
            status: response.status,
            headers: response.headers,
            contentType: contentType?.mediaType,
            charset: contentType?.charset,
            body: response.body,
            bodySHA256: SHA256.hex(response.body),
            fetchedAt: now(),
            redirectChain: redirectChain,
            validators: Validators(etag: response.header("etag"), lastModified: response.header("last-modified"))
        )
    }

    /// "text/html; charset=\"UTF-8\"" → ("text/html", "utf-8").
    static func parseContentType(_ value: String) -> (mediaType: String?, charset: String?) {
        let parts = value.split(separator: ";")
        let mediaType = parts.first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var charset: String?
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else {
                continue
            }
            let raw = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                in: CharacterSet(charactersIn: "\"'"))
            charset = raw.isEmpty ? nil : raw.lowercased()
        }
        return (mediaType?.isEmpty == false ? mediaType : nil, charset)
    }
}

extension TimeAmount {
    /// Converts a Swift `Duration`, saturating at the largest `TimeAmount`.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else {
            self = .nanoseconds(seconds < 0 ? .min : .max)
            return
        }
        let (total, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        self = .nanoseconds(overflow2 ? .max : total)
    }
}
