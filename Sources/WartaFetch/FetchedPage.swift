import Foundation

/// A successfully downloaded page.
public struct FetchedPage: Sendable, Hashable {
    /// One response header, as received.
    public struct Header: Sendable, Hashable {
        /// The header name as the server spelled it.
        public var name: String
        /// The header value.
        public var value: String

        /// Creates a header.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The URL the caller asked for.
    public var requestedURL: String
    /// The URL that finally answered, after redirects.
    public var finalURL: String
    /// The HTTP status, 200–299.
    public var status: Int
    /// All response headers in order.
    public var headers: [Header]
    /// The media type from `Content-Type`, lower-cased without parameters ("text/html").
    public var contentType: String?
    /// The `charset` parameter of `Content-Type`, lower-cased ("utf-8"), if the server sent one.
    public var charset: String?
    /// The body after content decoding (gzip, deflate).
    public var body: [UInt8]
    /// SHA-256 of ``body`` as 64 lower-case hex digits.
    public var bodySHA256: String
    /// When the response arrived.
    public var fetchedAt: Date
    /// The URLs that answered with a redirect, in order; empty when the first request succeeded.
    public var redirectChain: [String]
    /// Validators to send next time, from `ETag` and `Last-Modified`.
    public var validators: Validators

    /// Creates a page; ``bodySHA256`` is not recomputed, so pass the digest of `body`.
    public init(
        requestedURL: String, finalURL: String, status: Int, headers: [Header], contentType: String?,
        charset: String?, body: [UInt8], bodySHA256: String, fetchedAt: Date, redirectChain: [String],
        validators: Validators
    ) {
        self.requestedURL = requestedURL
        self.finalURL = finalURL
        self.status = status
        self.headers = headers
        self.contentType = contentType
        self.charset = charset
        self.body = body
        self.bodySHA256 = bodySHA256
        self.fetchedAt = fetchedAt
        self.redirectChain = redirectChain
        self.validators = validators
    }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}
