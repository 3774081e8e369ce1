/// What one run read: a summary the regression tests compare (`kept`, `dropped: empty`, `3 documents, 0 skipped,
/// 1 failed`) and details that may change with the readers' wording (sizes, error messages).
public struct FuzzOutcome: Sendable, Equatable, CustomStringConvertible {
    public var summary: String
    public var detail: String

    public init(_ summary: String, detail: String = "") {
        self.summary = summary
        self.detail = detail
    }

    public var description: String { detail.isEmpty ? summary : "\(summary) (\(detail))" }
}
