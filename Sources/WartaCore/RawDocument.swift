import Foundation

/// One document as a reader found it: bytes and what the source said about them, never judged.
///
/// Readers produce raw documents; extraction decodes and cleans them into an ``Article``.
public struct RawDocument: Sendable, Equatable {
    /// What kind of content the bytes hold, as far as the source says.
    public enum ContentType: String, Sendable, Codable {
        case plainText = "text/plain"
        case html = "text/html"
    }

    /// Where the document came from: a file path (with a line number for JSON lines) or `-` for stdin.
    public var origin: String
    /// The document's URL when the source gave one (a JSON-lines `url` field), else a `file://` URL.
    public var url: String?
    /// The bytes exactly as read.
    public let bytes: [UInt8]
    /// SHA-256 of `bytes` as hex: the document's identity for idempotent ingest, computed once when it is read, so
    /// that extraction and the store share it.
    public let contentHash: String
    public var contentType: ContentType
    /// A charset the source declared (a JSON-lines record is always UTF-8), or `nil` to detect it.
    public var declaredCharset: String?
    /// Hints the source supplied alongside the content (JSON lines: `outlet`, `title`, `published`).
    public var hints: Hints
    /// When the document was fetched, if the source says.
    public var fetchedAt: Date?

    /// Metadata a source supplied next to the content.
    public struct Hints: Sendable, Equatable {
        /// Where hints come from, which decides whether they outrank the page's own metadata.
        public enum Source: String, Sendable, Equatable {
            /// A field of the input record (JSON lines): the user's data, trusted over the page.
            case record
            /// A news feed or sitemap item: used only where the page itself says nothing (its JSON-LD, meta tags
            /// and title come first).
            case feed
        }

        public var outlet: String?
        public var title: String?
        public var published: String?
        /// A byline the source gave (a feed item's author).
        public var author: String?
        public var source: Source

        public init(
            outlet: String? = nil, title: String? = nil, published: String? = nil, author: String? = nil,
            source: Source = .record
        ) {
            self.outlet = outlet
            self.title = title
            self.published = published
            self.author = author
            self.source = source
        }
    }

    public init(
        origin: String,
        url: String? = nil,
        bytes: [UInt8],
        contentType: ContentType,
        declaredCharset: String? = nil,
        hints: Hints = Hints(),
        fetchedAt: Date? = nil
    ) {
        self.origin = origin
        self.url = url
        self.bytes = bytes
        self.contentHash = SHA256.hex(bytes)
        self.contentType = contentType
        self.declaredCharset = declaredCharset
        self.hints = hints
        self.fetchedAt = fetchedAt
    }
}
