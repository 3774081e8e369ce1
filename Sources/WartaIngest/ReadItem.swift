import WartaCore

/// One thing a reader found: a document, or a source it could not read and why.
public enum ReadItem: Sendable {
    case document(RawDocument)
    case failure(ReadFailure)
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
