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
        public var outlet: String?
        public var title: String?
        public var published: String?

        public init(outlet: String? = nil, title: String? = nil, published: String? = nil) {
            self.outlet = outlet
            self.title = title
            self.published = published
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
