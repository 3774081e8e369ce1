/// Why a feed, sitemap or feed list could not be read at all.
///
/// Broken but usable input is not an error: it is read as far as it goes and the result carries
/// ``FeedWarning``s. The descriptions quote sizes and lines, never the input's text.
///
/// ```swift
/// do {
///     let feed = try FeedParser().parse(bytes: bytes, url: "https://www.antaranews.com/rss/terkini.xml")
/// } catch {
///     // error.description == "line 1: the input is not XML: Start tag expected, '<' not found"
/// }
/// ```
public enum FeedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input has no bytes, or only white space.
    case empty
    /// The input is larger than the configured limit.
    case tooLarge(bytes: Int, limit: Int)
    /// Gzip data would decompress to more than the configured limit; decompression stopped there.
    case decompressedTooLarge(limit: Int)
    /// Gzip data that is cut short or corrupt.
    case corruptGzip(reason: String)
    /// The input is none of the formats the parser reads; `found` says what it looks like.
    case unrecognisedFormat(found: String, expected: String)
    /// The XML parsed, but its root element is not one the parser reads.
    case unexpectedRoot(found: String, expected: [String])
    /// The XML is broken beyond what recovery can use (no root element at all).
    case malformedXML(line: Int?, reason: String)
    /// A JSON Feed whose JSON does not parse.
    case malformedJSON(reason: String)

    public var description: String {
        switch self {
        case .empty:
            return "the input is empty"
        case .tooLarge(let bytes, let limit):
            return "the input is \(bytes) bytes, over the limit of \(limit) bytes"
        case .decompressedTooLarge(let limit):
            return "the gzip data decompresses to more than the limit of \(limit) bytes"
        case .corruptGzip(let reason):
            return "the gzip data is \(reason)"
        case .unrecognisedFormat(let found, let expected):
            return "the input is \(found), not \(expected)"
        case .unexpectedRoot(let found, let expected):
            let names = expected.map { "<\($0)>" }.joined(separator: ", ")
            return "the root element is <\(found)>, not one of \(names)"
        case .malformedXML(let line, let reason):
            let prefix = line.map { "line \($0): " } ?? ""
            return prefix + "the input is not usable XML: \(reason)"
        case .malformedJSON(let reason):
            return "the JSON is broken: \(reason)"
        }
    }
}
