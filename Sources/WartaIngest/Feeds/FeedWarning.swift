/// Something a feed, sitemap or feed-list parser repaired, skipped or cut, counted so that a run can report it.
public enum FeedWarning: Sendable, Equatable, CustomStringConvertible {
    /// More entries than the configured limit: the first `kept` were read, `dropped` more were not.
    case truncated(kept: Int, dropped: Int)
    /// libxml2 met `errors` markup errors (an unescaped `<`, a tag closed out of order, a cut-off end) and recovered;
    /// `firstLine` is where the first one was.
    case recoveredMarkup(errors: Int, firstLine: Int)
    /// Bytes that were not valid in the declared (or implied) UTF-8 were read as windows-1252.
    case repairedEncoding(invalidBytes: Int)
    /// A document type declaration was removed unread: its entities are never expanded and its external
    /// references never fetched.
    case removedDoctype
    /// Entries or lines that carried no usable URL, from line `firstLine` on.
    case skippedEntries(count: Int, firstLine: Int?)

    public var description: String {
        switch self {
        case .truncated(let kept, let dropped):
            return "kept the first \(kept) entries and dropped \(dropped) over the limit"
        case .recoveredMarkup(let errors, let firstLine):
            return "recovered from \(errors) markup error\(errors == 1 ? "" : "s"), the first on line \(firstLine)"
        case .repairedEncoding(let invalidBytes):
            return "read \(invalidBytes) byte\(invalidBytes == 1 ? "" : "s") of invalid UTF-8 as windows-1252"
        case .removedDoctype:
            return "removed a document type declaration without expanding its entities"
        case .skippedEntries(let count, let firstLine):
            let line = firstLine.map { ", the first on line \($0)" } ?? ""
            return "skipped \(count) entr\(count == 1 ? "y" : "ies") without a usable URL\(line)"
        }
    }
}
