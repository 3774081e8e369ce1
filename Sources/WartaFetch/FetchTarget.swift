import Foundation

/// One URL, checked for scheme and host and split into what the fetcher needs.
struct FetchTarget: Sendable {
    let url: URL
    let key: HostKey
    /// The path and query as they go on the request line, for robots.txt matching.
    let pathAndQuery: String

    var host: String { key.host }

    /// A parsed target, or why `text` cannot be fetched.
    enum Parsed {
        case target(FetchTarget)
        case failure(FetchFailure.Kind)
    }

    /// Parses `text`, refusing what is not an http(s) URL with a host.
    static func parse(_ text: String) -> Parsed {
        guard let url = URL(string: text), let rawScheme = url.scheme else { return .failure(.invalidURL) }
        let scheme = rawScheme.lowercased()
        guard scheme == "http" || scheme == "https" else { return .failure(.badScheme(scheme)) }
        // `url.host` is what AsyncHTTPClient connects to, so the guard must look at the same value.
        guard var host = url.host, !host.isEmpty else { return .failure(.invalidURL) }
        if host.hasPrefix("["), host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        guard (1...65_535).contains(port) else { return .failure(.invalidURL) }
        var pathAndQuery = url.path(percentEncoded: true)
        if pathAndQuery.isEmpty { pathAndQuery = "/" }
        if let query = url.query(percentEncoded: true) { pathAndQuery += "?" + query }
        return .target(
            FetchTarget(url: url, key: HostKey(scheme: scheme, host: host, port: port), pathAndQuery: pathAndQuery))
    }
}
