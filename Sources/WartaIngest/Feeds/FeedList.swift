/// The feeds a user asked for, read from a file that is either OPML or a plain list — what `--feeds FILE` takes.
///
/// A plain list has one feed URL a line; blank lines and lines starting with `#` are ignored, and anything after
/// the URL (separated by white space) is its title:
///
/// ```
/// # Berita nasional
/// https://rss.detik.com/index.php/detikcom   detikcom
/// https://www.antaranews.com/rss/terkini.xml
/// ```
///
/// A file whose first character (after a byte-order mark and white space) is `<` is read as OPML.
public struct FeedList: Sendable, Equatable {
    /// The format the list was written in, told from its content.
    public enum Format: String, Sendable, Equatable, Codable {
        case opml
        case plainText
    }

    /// The format the list was written in.
    public var format: Format
    /// The list's title (OPML `head/title`), if any.
    public var title: String?
    /// The feeds, in file order.
    public var subscriptions: [FeedSubscription]
    /// What the parser repaired, skipped or cut.
    public var warnings: [FeedWarning]

    public init(format: Format, title: String? = nil, subscriptions: [FeedSubscription], warnings: [FeedWarning] = []) {
        self.format = format
        self.title = title
        self.subscriptions = subscriptions
        self.warnings = warnings
    }

    /// Reads a feed list in either format.
    ///
    /// - Parameters:
    ///   - bytes: the file.
    ///   - url: where the list came from, to resolve relative URLs; `nil` for a local file.
    ///   - configuration: limits; ``OPMLParser/Configuration/maxOutlines`` also bounds the lines of a plain list.
    /// - Returns: the feeds; lines of a plain list that are not `http`/`https` URLs are skipped and counted in a
    ///   ``FeedWarning/skippedEntries(count:firstLine:)`` that names the first such line.
    /// - Throws: ``FeedError`` for input that is too large, empty, binary, or XML that is not OPML.
    public static func parse(
        bytes: [UInt8], url: String? = nil, configuration: OPMLParser.Configuration = OPMLParser.Configuration()
    ) throws(FeedError) -> FeedList {
        let input = try FeedInput.prepare(
            bytes, maxBytes: configuration.maxBytes, maxDecompressedBytes: configuration.maxBytes)
        let text = FeedInput.utf8FromUTF16(input) ?? input
        if FeedInput.firstSignificantByte(text) == UInt8(ascii: "<") {
            let document = try OPMLParser(configuration: configuration).parse(bytes: input, url: url)
            return FeedList(
                format: .opml, title: document.title, subscriptions: document.subscriptions,
                warnings: document.warnings)
        }
        guard !FeedInput.looksBinary(text) else {
            throw .unrecognisedFormat(found: "binary data", expected: "OPML or a list of feed URLs")
        }
        var subscriptions: [FeedSubscription] = []
        var warnings: [FeedWarning] = []
        var skipped = 0
        var firstSkippedLine: Int?
        var dropped = 0
        for line in FeedInput.lines(text) where !line.text.isEmpty && !line.text.hasPrefix("#") {
            let fields = line.text.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
            guard let field = fields.first, let feedURL = FeedURL.absolute(String(field), base: url) else {
                skipped += 1
                firstSkippedLine = firstSkippedLine ?? line.number
                continue
            }
            guard subscriptions.count < configuration.maxOutlines else {
                dropped += 1
                continue
            }
            // Whatever follows the URL is its title, unless it is a comment.
            let rest = fields.count > 1 ? FeedText.nonEmpty(String(fields[1])) : nil
            let title = rest?.hasPrefix("#") == true ? nil : rest
            subscriptions.append(FeedSubscription(url: feedURL, title: title))
        }
        if dropped > 0 { warnings.append(.truncated(kept: subscriptions.count, dropped: dropped)) }
        if skipped > 0 { warnings.append(.skippedEntries(count: skipped, firstLine: firstSkippedLine)) }
        return FeedList(format: .plainText, subscriptions: subscriptions, warnings: warnings)
    }
}
