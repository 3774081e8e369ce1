/// What "one host" means for politeness and robots.txt: scheme, host and port.
///
/// RFC 9309 scopes robots.txt to exactly this triple, so "http://example.com" and
/// "https://example.com" have separate robots.txt files, delays and back-off, and so do two ports
/// on 127.0.0.1.
public struct HostKey: Sendable, Hashable, CustomStringConvertible {
    /// "http" or "https".
    public var scheme: String
    /// The lower-cased host name or address, without IPv6 brackets.
    public var host: String
    /// The port, explicit or the scheme's default.
    public var port: Int

    /// Creates a key; `scheme` and `host` are lower-cased.
    public init(scheme: String, host: String, port: Int) {
        self.scheme = scheme.lowercased()
        self.host = host.lowercased()
        self.port = port
    }

    /// "https://example.com:443".
    public var description: String { "\(scheme)://\(authority)" }

    /// Host and port as written in a URL, with brackets around an IPv6 address.
    var authority: String {
        (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
    }

    /// This host's robots.txt URL.
    public var robotsURL: String { "\(scheme)://\(authority)/robots.txt" }
}
