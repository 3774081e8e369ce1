/// Why a fetch produced no page, with the URL where it stopped.
///
/// ``description`` is the message for people, e.g.
/// `http://example.com/a → http://10.0.0.1/: refused address 10.0.0.1 for host "10.0.0.1": private network address (…)`.
public struct FetchFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of failure a crawler counts separately.
    public enum Kind: Sendable, Hashable {
        /// The text is not a URL with a host.
        case invalidURL
        /// Not http or https; carries the scheme ("ftp", "file").
        case badScheme(String)
        /// The address guard refused the host's address.
        case refusedAddress(AddressRefusal)
        /// robots.txt disallows the path for this crawler.
        case disallowedByRobots
        /// Connecting or the whole request took longer than the configured timeout.
        case timeout
        /// The body exceeded the configured maximum; the download was aborted.
        case tooLarge
        /// More redirects than the configured maximum.
        case tooManyRedirects
        /// A non-2xx, non-304 status other than 429.
        case httpStatus(Int)
        /// 429 Too Many Requests, or this host is backing off; `retryAfter` is the server's
        /// `Retry-After` (or the remaining back-off), when known.
        case rateLimited(retryAfter: Duration?)
        /// DNS, connection or protocol failure, with its message.
        case network(String)
        /// The compressed body was corrupt or expanded beyond the allowed ratio (a "gzip bomb").
        case decompression
    }

    /// What went wrong.
    public var kind: Kind
    /// The URL whose request failed (the last hop when redirects were followed).
    public var url: String
    /// URLs that redirected before the failure, in order.
    public var redirectChain: [String]
    /// Extra detail for ``description`` (limits, the underlying error).
    public var detail: String?

    /// Creates a failure.
    public init(kind: Kind, url: String, redirectChain: [String] = [], detail: String? = nil) {
        self.kind = kind
        self.url = url
        self.redirectChain = redirectChain
        self.detail = detail
    }

    /// The message for people: the hops, then what happened.
    public var description: String {
        let hops = (redirectChain + [url]).joined(separator: " → ")
        let what: String
        switch kind {
        case .invalidURL: what = "not a valid http(s) URL"
        case .badScheme(let scheme): what = "scheme \"\(scheme)\" is not allowed (only http and https)"
        case .refusedAddress(let refusal): what = refusal.description
        case .disallowedByRobots: what = "disallowed by robots.txt"
        case .timeout: what = "timed out"
        case .tooLarge: what = "body too large"
        case .tooManyRedirects: what = "too many redirects"
        case .httpStatus(let status): what = "HTTP status \(status)"
        case .rateLimited(let retryAfter):
            what = "rate limited" + (retryAfter.map { ", retry after \($0)" } ?? "")
        case .network(let message): what = "network error: \(message)"
        case .decompression: what = "content decoding failed"
        }
        return "\(hops): \(what)" + (detail.map { " (\($0))" } ?? "")
    }
}
