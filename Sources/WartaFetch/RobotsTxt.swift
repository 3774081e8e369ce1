/// A parsed robots.txt file (RFC 9309), answering "may this crawler fetch this path?".
///
/// Parsing never fails: lines that are not `key: value` with a known key are skipped, as the RFC
/// asks. Only the first ``maximumSize`` bytes are read.
///
/// ```swift
/// let robots = RobotsTxt("User-agent: *\nDisallow: /private\nAllow: /private/press\nCrawl-delay: 2")
/// robots.isAllowed("/private/x", productToken: "Warta")        // false
/// robots.isAllowed("/private/press/1", productToken: "Warta")  // true, the longer rule wins
/// robots.crawlDelay(for: "Warta")                              // 2 seconds
/// ```
public struct RobotsTxt: Sendable, Hashable {
    /// RFC 9309 §2.5: crawlers must parse at least 500 KiB; the rest is ignored.
    public static let maximumSize = 500 * 1024

    /// One `Allow` or `Disallow` line.
    public struct Rule: Sendable, Hashable {
        /// `true` for `Allow`, `false` for `Disallow`.
        public let allows: Bool
        /// The path pattern as normalised for matching: percent-encoding made canonical, `*` kept
        /// as the wildcard, a trailing `$` kept as the end anchor.
        public let pattern: String

        let segments: [[UInt8]]
        let anchored: Bool
        /// Octets in the normalised pattern; the longest matching rule wins.
        let specificity: Int

        /// Creates a rule from a path pattern as written in robots.txt ("/private*", "/*.pdf$").
        public init(allows: Bool, pattern: String) {
            self.allows = allows
            var bytes = Array(pattern.utf8)
            var anchored = false
            if bytes.last == UInt8(ascii: "$") {
                anchored = true
                bytes.removeLast()
            }
            if let first = bytes.first, first != UInt8(ascii: "/"), first != UInt8(ascii: "*") {
                bytes.insert(UInt8(ascii: "/"), at: 0)
            }
            let normalised = RobotsTxt.normalise(bytes, isPattern: true)
            self.segments = normalised.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false).map(
                Array.init)
            self.anchored = anchored
            self.specificity = normalised.count + (anchored ? 1 : 0)
            self.pattern = String(decoding: normalised, as: UTF8.self) + (anchored ? "$" : "")
        }

        /// Whether the rule matches a normalised path.
        func matches(_ path: [UInt8]) -> Bool {
            guard let first = segments.first, path.starts(with: first) else { return false }
            var position = first.count
            if segments.count == 1 {
                return !anchored || position == path.count
            }
            for segment in segments.dropFirst().dropLast() {
                guard let found = Self.find(segment, in: path, from: position) else { return false }
                position = found + segment.count
            }
            guard let last = segments.last else { return true }
            if anchored {
                return path.count - last.count >= position && path.suffix(last.count).elementsEqual(last)
            }
            return Self.find(last, in: path, from: position) != nil
        }

        private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
            if needle.isEmpty { return start }
            guard haystack.count >= needle.count else { return nil }
            var index = start
            while index + needle.count <= haystack.count {
                if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
                index += 1
            }
            return nil
        }
    }

    /// The rules for one set of `User-agent` lines.
    public struct Group: Sendable, Hashable {
        /// Lower-cased product tokens ("warta", "*").
        public var userAgents: [String]
        /// `Allow` and `Disallow` lines in file order.
        public var rules: [Rule]
        /// `Crawl-delay` in seconds, when given.
        public var crawlDelay: Double?

        /// Creates a group.
        public init(userAgents: [String], rules: [Rule], crawlDelay: Double? = nil) {
            self.userAgents = userAgents
            self.rules = rules
            self.crawlDelay = crawlDelay
        }
    }

    /// The groups in file order.
    public var groups: [Group]
    /// `Sitemap:` URLs; they apply to every crawler, wherever they appear in the file.
    public var sitemaps: [String]

    /// Creates a robots.txt from groups and sitemaps.
    public init(groups: [Group], sitemaps: [String] = []) {
        self.groups = groups
        self.sitemaps = sitemaps
    }

    /// No rules: everything is allowed (RFC 9309 §2.3.1.3, robots.txt answered 4xx).
    public static let allowAll = RobotsTxt(groups: [])

    /// Everything disallowed (RFC 9309 §2.3.1.4, robots.txt answered 5xx or was unreachable).
    public static let disallowAll = RobotsTxt(groups: [
        Group(userAgents: ["*"], rules: [Rule(allows: false, pattern: "/")])
    ])

    /// Everything disallowed for a while because robots.txt could not be fetched (5xx, 429, a timeout, a network
    /// error): a fetch refused by it is a temporary failure of the host, not a rule of the site.
    public static let unreachable: RobotsTxt = {
        var robots = disallowAll
        robots.isUnreachable = true
        return robots
    }()

    /// Whether these rules stand in for a robots.txt that could not be fetched (``unreachable``).
    public internal(set) var isUnreachable = false

    /// Parses robots.txt text.
    public init(_ text: String) {
        self.init(parsing: Array(text.utf8))
    }

    /// Parses robots.txt bytes (UTF-8; invalid sequences are replaced, a byte-order mark skipped).
    ///
    /// Groups start at a `User-agent` line that follows a rule; consecutive `User-agent` lines share
    /// one group. Rules before the first `User-agent` line belong to no group and are ignored.
    /// - Complexity: O(n) in the number of bytes, at most ``maximumSize``.
    public init(parsing bytes: some Collection<UInt8>) {
        var text = String(decoding: bytes.prefix(Self.maximumSize), as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var groups: [Group] = []
        var sitemaps: [String] = []
        var current: Group?
        var collectingAgents = false
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            var line = rawLine
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = Self.trimmed(line[..<colon]).lowercased()
            let value = Self.trimmed(line[line.index(after: colon)...])
            switch key {
            case "user-agent", "useragent", "user agent":
                if !collectingAgents {
                    if let group = current { groups.append(group) }
                    current = Group(userAgents: [], rules: [])
                    collectingAgents = true
                }
                current?.userAgents.append(Self.productToken(value))
            case "allow", "disallow", "dissallow", "disalow":
                collectingAgents = false
                guard !value.isEmpty else { continue }
                current?.rules.append(Rule(allows: key == "allow", pattern: String(value)))
            case "crawl-delay", "crawldelay":
                collectingAgents = false
                if let seconds = Double(value), seconds.isFinite, seconds >= 0 {
                    current?.crawlDelay = seconds
                }
            case "sitemap", "site-map":
                if !value.isEmpty { sitemaps.append(String(value)) }
            default:
                continue
            }
        }
        if let group = current { groups.append(group) }
        self.init(groups: groups, sitemaps: sitemaps)
    }

    /// The rules that apply to a crawler: every group naming its product token (merged), else every
    /// `*` group (merged), else `nil` (no rules at all).
    ///
    /// - Parameter productToken: the crawler's name without version, e.g. "Warta"; matched
    ///   case-insensitively.
    public func group(for productToken: String) -> Group? {
        let token = productToken.lowercased()
        var matching = groups.filter { $0.userAgents.contains(token) }
        if matching.isEmpty {
            matching = groups.filter { $0.userAgents.contains("*") }
        }
        guard !matching.isEmpty else { return nil }
        let delays = matching.compactMap(\.crawlDelay)
        return Group(
            userAgents: Array(Set(matching.flatMap(\.userAgents))).sorted(),
            rules: matching.flatMap(\.rules),
            crawlDelay: delays.max()
        )
    }

    /// Whether `pathAndQuery` may be fetched.
    ///
    /// Order: 1. "/robots.txt" itself is always allowed. 2. Among matching rules of the crawler's
    /// group, the one with the longest pattern wins. 3. On a tie, `Allow` wins. 4. No match allows.
    /// - Parameters:
    ///   - pathAndQuery: the URL's path and query as sent in the request line ("/berita?page=2");
    ///     percent-encoding is normalised before matching, so "/%7Ejoe" and "/~joe" are the same.
    ///   - productToken: the crawler's name, e.g. "Warta".
    /// - Complexity: O(rules × path length).
    public func isAllowed(_ pathAndQuery: String, productToken: String) -> Bool {
        let raw = pathAndQuery.isEmpty ? "/" : pathAndQuery
        if raw == "/robots.txt" { return true }
        guard let group = group(for: productToken) else { return true }
        let path = Self.normalise(Array(raw.utf8), isPattern: false)
        var best: Rule?
        for rule in group.rules where rule.matches(path) {
            guard let current = best else {
                best = rule
                continue
            }
            if rule.specificity > current.specificity || (rule.specificity == current.specificity && rule.allows) {
                best = rule
            }
        }
        return best?.allows ?? true
    }

    /// The `Crawl-delay` for a crawler, if its group sets one.
    public func crawlDelay(for productToken: String) -> Duration? {
        group(for: productToken)?.crawlDelay.map { Duration.seconds($0) }
    }

    // MARK: Normalisation

    private static func trimmed(_ text: Substring) -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = text.firstIndex(where: { !isSpace($0) }),
            let end = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return text[start...end]
    }

    /// "Warta/0.1" → "warta"; "*" stays "*".
    private static func productToken(_ value: Substring) -> String {
        if value.hasPrefix("*") { return "*" }
        let token = value.prefix { $0.isASCII && ($0.isLetter || $0 == "_" || $0 == "-") }
        return token.lowercased()
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// RFC 9309 §2.2.2: decode `%XX` that stands for an unreserved character, upper-case the hex of
    /// every other escape, and escape what may not appear raw (non-ASCII bytes, controls, space).
    /// In a path, `*` and `$` are escaped too, so they can only match `%2A`/`%24` in a pattern.
    static func normalise(_ bytes: [UInt8], isPattern: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        func escape(_ byte: UInt8) {
            out.append(UInt8(ascii: "%"))
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0f)])
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                if index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
                {
                    let decoded = high << 4 | low
                    if isUnreserved(decoded) { out.append(decoded) } else { escape(decoded) }
                    index += 3
                    continue
                }
                escape(byte)
            } else if byte >= 0x80 || byte <= 0x20 || byte == 0x7f {
                escape(byte)
            } else if !isPattern, byte == UInt8(ascii: "*") || byte == UInt8(ascii: "$") {
                escape(byte)
            } else if isPattern, byte == UInt8(ascii: "$") {
                // A `$` that is not the final anchor is a literal dollar sign.
                escape(byte)
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
