/// A half-open range of UTF-8 byte offsets into an article's fixed body.
///
/// Annotations never copy text: they point into `Article.body` with a span.
public struct TextSpan: Hashable, Sendable, Codable {
    /// The offset of the first byte.
    public var start: Int
    /// The offset one past the last byte.
    public var end: Int

    public init(start: Int, end: Int) {
        precondition(start <= end, "a span ends before it starts")
        self.start = start
        self.end = end
    }

    /// The number of UTF-8 bytes covered.
    public var length: Int { end - start }

    /// Returns the text this span covers in `text`, or an empty string if the span lies outside it.
    public func text(in text: String) -> String {
        let utf8 = text.utf8
        guard start >= 0, end <= utf8.count else { return "" }
        let lower = utf8.index(utf8.startIndex, offsetBy: start)
        let upper = utf8.index(lower, offsetBy: end - start)
        return String(decoding: utf8[lower..<upper], as: UTF8.self)
    }
}
