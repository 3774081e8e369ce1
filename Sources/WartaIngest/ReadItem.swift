import WartaCore

/// One thing a reader found: a document, a source it could not read and why, or a record it passed over on
/// purpose (a WARC request record, a 404 response, an image).
public enum ReadItem: Sendable {
    case document(RawDocument)
    case failure(ReadFailure)
    case skipped(ReadSkip)
}

/// A record a reader passed over on purpose: where, and a short reason code to count it by (`warc request`,
/// `http 404`, `not html`).
public struct ReadSkip: Sendable, Equatable, Codable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// A source that could not be read: where, and the reason in words.
public struct ReadFailure: Sendable, Equatable, Codable, Error {
    /// The path (with `:line` for a JSON-lines record).
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
