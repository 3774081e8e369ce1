/// `ETag` and `Last-Modified` from an earlier response, sent back as `If-None-Match` and
/// `If-Modified-Since` so an unchanged page costs a 304 instead of a download.
public struct Validators: Sendable, Hashable {
    /// The `ETag` header value, quotes included (`"abc"`, `W/"abc"`).
    public var etag: String?
    /// The `Last-Modified` header value, an HTTP-date.
    public var lastModified: String?

    /// Creates validators; either may be absent.
    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }

    /// `true` when there is nothing to send.
    public var isEmpty: Bool { etag == nil && lastModified == nil }
}
