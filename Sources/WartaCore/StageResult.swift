import Foundation

/// What a stage did with one input: kept it (possibly changed) or dropped it for a reason.
public enum StageResult<Value: Sendable>: Sendable {
    case kept(Value)
    case dropped(DropReason)
}

/// Why a stage dropped a document. A struct with static members, since the set grows with new stages.
public struct DropReason: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    /// A stable, machine-readable code such as `empty`.
    public var code: String
    /// A human sentence that names what was wrong, with the offending detail.
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    public static let empty = DropReason(code: "empty", message: "the document is empty")
    public static func binary(offset: Int) -> DropReason {
        DropReason(code: "binary", message: "binary content (NUL byte at offset \(offset)), not text")
    }
    public static func undecodable(_ detail: String) -> DropReason {
        DropReason(code: "encoding", message: detail)
    }
    public static let noText = DropReason(code: "no-text", message: "no article text left after removing debris")
    /// A document that is not an article: `what` names it ("an RSS or Atom feed", "a CSV file").
    public static func notArticle(_ what: String) -> DropReason {
        DropReason(code: "not-article", message: "\(what), not an article (--keep-non-articles keeps it)")
    }
    public static func tooLarge(bytes: Int, limit: Int) -> DropReason {
        DropReason(code: "too-large", message: "\(bytes) bytes is over the limit of \(limit) bytes")
    }
    public static let htmlPending = DropReason(
        code: "html-pending",
        message: "HTML is stored raw; main-text extraction of HTML is not built yet"
    )
}

/// What every stage sees besides its input: configuration that comes from the run, never from a clock.
public struct StageContext: Sendable {
    /// The date that relative expressions resolve against, when known (the article's own date).
    public var referenceDate: Date?

    public init(referenceDate: Date? = nil) {
        self.referenceDate = referenceDate
    }
}

/// A pipeline stage: a pure function from one value to a kept or dropped result.
///
/// Same input and configuration, same output: no I/O, no clock, no global state.
public protocol Stage: Sendable {
    associatedtype Input: Sendable
    associatedtype Output: Sendable
    /// The stable, versioned name of this stage; bump the version when its output changes.
    static var name: StageName { get }
    func process(_ input: Input, context: StageContext) throws -> StageResult<Output>
}
