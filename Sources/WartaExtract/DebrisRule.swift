import Foundation
import WartaCore

/// One rule of site debris, read from a language's data file (`Resources/debris/id.tsv`, `en.tsv`).
public struct DebrisRule: Sendable {
    /// What happens to a line the rule matches.
    public enum Action: String, Sendable {
        /// "Baca Juga: …": the rest of the line becomes an inline related item.
        case relatedInline = "related-inline"
        /// "Artikel Terkait": the following headline lines become block related items.
        case relatedBlock = "related-block"
        /// "Penulis: …": the rest of the line is the byline.
        case byline
        /// The line leaves the body.
        case drop
    }

    /// How the rule matches a line.
    public enum Match: Sendable {
        case prefix(String)
        case line(String)
        case regex(NSRegularExpressionBox)
    }

    public var action: Action
    public var match: Match
    /// Where the rule was read from (`id.tsv:12`), for explanations.
    public var source: String

    public init(action: Action, match: Match, source: String) {
        self.action = action
        self.match = match
        self.source = source
    }
}

/// A compiled regular expression that may cross threads.
///
/// `NSRegularExpression` is immutable after creation and documented as safe to use from several threads.
public final class NSRegularExpressionBox: @unchecked Sendable {
    public let expression: NSRegularExpression
    /// The pattern as written in the rule file.
    public let pattern: String

    public init(_ pattern: String) throws {
        self.pattern = pattern
        expression = try NSRegularExpression(pattern: "^(?:" + pattern + ")$", options: [.caseInsensitive])
    }

    /// Whether the whole of `line` matches; returns the first capture group when there is one.
    public func match(_ line: String) -> (matched: Bool, capture: String?) {
        let range = NSRange(line.startIndex..<line.endIndex, in: line)
        guard let result = expression.firstMatch(in: line, options: [], range: range) else { return (false, nil) }
        if result.numberOfRanges > 1, let captured = Range(result.range(at: 1), in: line) {
            return (true, String(line[captured]))
        }
        return (true, nil)
    }
}

/// The debris rules of every bundled language, parsed once.
public struct DebrisRules: Sendable {
    public var rules: [DebrisRule] {
        didSet { screen = Screen(rules) }
    }

    /// What each rule needs of a line before it can match; kept in step with ``rules``.
    private var screen: Screen

    public init(rules: [DebrisRule]) {
        self.rules = rules
        screen = Screen(rules)
    }

    /// A rule file has a bad line.
    public struct ParseError: Error, CustomStringConvertible {
        public var location: String
        public var reason: String
        public var description: String { "\(location): \(reason)" }
    }

    /// Parses one rule file (`ACTION<TAB>MATCH<TAB>PATTERN` per line, `#` comments).
    public static func parse(_ text: String, fileName: String) throws -> [DebrisRule] {
        var rules: [DebrisRule] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let location = "\(fileName):\(number + 1)"
            let fields = rawLine.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else {
                throw ParseError(location: location, reason: "expected 3 tab-separated fields, found \(fields.count)")
            }
            guard let action = DebrisRule.Action(rawValue: fields[0]) else {
                throw ParseError(location: location, reason: "unknown action \"\(fields[0])\"")
            }
            let match: DebrisRule.Match
            switch fields[1] {
            case "prefix": match = .prefix(fields[2].lowercased())
            case "line": match = .line(fields[2].lowercased())
            case "regex":
                do {
                    match = .regex(try NSRegularExpressionBox(fields[2]))
                } catch {
                    throw ParseError(location: location, reason: "bad regular expression \"\(fields[2])\"")
                }
            default:
                throw ParseError(location: location, reason: "unknown match kind \"\(fields[1])\"")
            }
            rules.append(DebrisRule(action: action, match: match, source: location))
        }
        return rules
    }

    /// The rule files bundled with Warta, one per language.
    public static let bundledFiles = ["id.tsv", "en.tsv"]

    /// Loads and parses the bundled rule files.
    public static func bundled() throws -> DebrisRules {
        var all: [DebrisRule] = []
        for file in bundledFiles {
            guard
                let url = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent(
                    "debris/\(file)"),
                let data = FileManager.default.contents(atPath: url.path)
            else {
                throw ParseError(location: file, reason: "bundled debris rule file is missing")
            }
            all += try parse(String(decoding: data, as: UTF8.self), fileName: file)
        }
        return DebrisRules(rules: all)
    }

    /// What a rule said about one line.
    public struct Verdict: Sendable {
        public var rule: DebrisRule
        /// The rest of the line after a prefix, or a regex's first capture, trimmed; may be empty.
        public var remainder: String
    }

    /// The first rule that matches `line` (trimmed), if any.
    ///
    /// Debris lines are short, so lines over 300 bytes are not tried against the rules at all.
    public func verdict(for line: String) -> Verdict? {
        guard line.utf8.count <= 300 else { return nil }
        // Most lines match no rule. A byte screen rules out the rules that cannot match, so the lower-casing,
        // the `Character` comparisons and the regular expressions below run only for the few that might.
        guard let possible = screen.possibleRules(for: line) else {
            let lower = line.lowercased()
            for rule in rules {
                if let verdict = Self.verdict(of: rule, line: line, lower: lower) { return verdict }
            }
            return nil
        }
        guard !possible.isEmpty else { return nil }
        let lower = line.lowercased()
        for position in possible {
            if let verdict = Self.verdict(of: rules[position], line: line, lower: lower) { return verdict }
        }
        return nil
    }

    /// ``verdict(for:)`` without the byte screen: every rule is tried. The reference the screen is tested against.
    func verdictTryingEveryRule(for line: String) -> Verdict? {
        guard line.utf8.count <= 300 else { return nil }
        let lower = line.lowercased()
        for rule in rules {
            if let verdict = Self.verdict(of: rule, line: line, lower: lower) { return verdict }
        }
        return nil
    }

    /// What `rule` says of `line`, whose lower-cased form is `lower`.
    private static func verdict(of rule: DebrisRule, line: String, lower: String) -> Verdict? {
        switch rule.match {
        case .line(let pattern):
            if lower == pattern { return Verdict(rule: rule, remainder: "") }
        case .prefix(let pattern):
            guard lower.hasPrefix(pattern) else { return nil }
            let rest = lower.dropFirst(pattern.count)
            guard let first = rest.first else { return Verdict(rule: rule, remainder: "") }
            // A prefix must end a word: "Editor: X" and "Editor - X" match, "Editorial" does not.
            guard first == ":" || first == " " || first == "-" || first == "\u{2013}" || first == "\u{2014}"
            else { return nil }
            if first == " ", rule.action == .drop || rule.action == .byline, !pattern.contains(" ") {
                // "Sumber daya alam …" is a sentence, not a credit: a one-word prefix needs a colon or dash.
                let afterSpace = rest.drop(while: { $0 == " " })
                if !(afterSpace.first.map { ":-\u{2013}\u{2014}".contains($0) } ?? true) { return nil }
            }
            let original = line.dropFirst(pattern.count)
            return Verdict(rule: rule, remainder: Self.trimSeparators(original))
        case .regex(let box):
            let (matched, capture) = box.match(line)
            if matched { return Verdict(rule: rule, remainder: capture.map(Self.trimSeparators) ?? "") }
        }
        return nil
    }

    /// A byte screen over the rules: for each rule, bytes a line must hold for the rule to have any chance.
    ///
    /// The screen only ever rules out; whatever it lets through is decided by the rule itself. It answers for
    /// lines whose first bytes are ASCII (the bytes the `line` and `prefix` patterns cover, and one more), where
    /// lower-casing is a byte operation and every byte is its own `Character`; for other lines it gives up and
    /// every rule is tried.
    private struct Screen: Sendable {
        enum Need: Sendable {
            /// The line lower-cased starts with these bytes (a `prefix` rule).
            case prefix([UInt8])
            /// The line starts with these bytes, ASCII case aside (a regex's leading literal).
            case startsWith([UInt8])
            /// The line lower-cased is exactly these bytes.
            case line([UInt8])
            /// The line, all ASCII, holds these bytes lower-cased somewhere (a literal every match contains).
            case contains([UInt8])
            /// Nothing known: always try the rule.
            case any
        }

        var needs: [Need] = []
        /// How many leading bytes must be ASCII for the `prefix` and `line` needs to be exact.
        var window = 0
        /// Whether all `prefix` and `line` patterns are ASCII (they are lower-cased letters and punctuation).
        var patternsAreASCII = true
        /// For a line that starts with the ASCII byte `b` (not a carriage return), the rules worth screening:
        /// those whose pattern starts with `b` lower-cased, or that do not need a particular first byte. Any other
        /// rule wants a different first character, which no case mapping or canonical equivalence gives an ASCII
        /// character followed by anything.
        var rulesByFirstByte: [[Int]] = []

        init(_ rules: [DebrisRule]) {
            var longest = 0
            for rule in rules {
                switch rule.match {
                case .prefix(let pattern):
                    needs.append(.prefix(Array(pattern.utf8)))
                    longest = max(longest, pattern.utf8.count)
                    if pattern.utf8.contains(where: { $0 >= 0x80 || $0 == 0x0D || $0 == 0x0A }) {
                        patternsAreASCII = false
                    }
                case .line(let pattern):
                    needs.append(.line(Array(pattern.utf8)))
                    longest = max(longest, pattern.utf8.count)
                    if pattern.utf8.contains(where: { $0 >= 0x80 || $0 == 0x0D || $0 == 0x0A }) {
                        patternsAreASCII = false
                    }
                case .regex(let box):
                    let need = Self.literal(of: box.pattern)
                    if case .startsWith(let literal) = need { longest = max(longest, literal.count - 2) }
                    needs.append(need)
                }
            }
            // The pattern's bytes, the byte after them (the "ends a word" test reads it) and one more, so that
            // the byte after the pattern is a whole `Character` (nothing can combine with it).
            window = longest + 2
            rulesByFirstByte = (0..<128).map { byte in
                needs.indices.filter { position in
                    switch needs[position] {
                    case .prefix(let pattern), .line(let pattern), .startsWith(let pattern):
                        return pattern.first.map { $0 == ASCII.lower(UInt8(byte)) } ?? true
                    case .contains, .any:
                        return true
                    }
                }
            }
        }

        /// The positions in the rules of those that may match `line`, in order; `nil` when the screen cannot
        /// tell for this line.
        ///
        /// A `prefix` or `line` rule is decided on the line's first bytes when they are ASCII: the pattern's
        /// length and two more, so that the byte after the pattern is a whole `Character`. A regex literal that
        /// must start the line is decided on its own length of ASCII bytes; one that may sit anywhere on a line
        /// whose every non-ASCII character is a barrier.
        ///
        /// A barrier is a non-ASCII scalar that lower-casing and case folding leave alone and that is not
        /// canonically equivalent to an ASCII character (curly quotes, dashes, letters of caseless scripts, …): no
        /// case-insensitive comparison can match it, or the `Character` it belongs to, with an ASCII pattern
        /// character. A line whose ASCII head ends at a barrier is decided too: a pattern reaching past the
        /// barrier cannot match it. Any other non-ASCII scalar (the Kelvin sign lower-cases to "k", "ſ" folds to
        /// "s") leaves the rule possible.
        func possibleRules(for line: String) -> [Int]? {
            guard patternsAreASCII else { return nil }
            var line = line
            return line.withUTF8 { bytes -> [Int]? in
                // How many leading bytes are ASCII (and not a carriage return, which joins a line feed into
                // one `Character`), counted up to the longest window any rule needs.
                var asciiHead = 0
                let limit = min(bytes.count, window)
                while asciiHead < limit, bytes[asciiHead] < 0x80, bytes[asciiHead] != 0x0D { asciiHead += 1 }
                let headEndsAtBarrier = asciiHead < bytes.count && ASCII.isBarrier(at: asciiHead, in: bytes)
                var onlyBarriers: Bool?
                var possible: [Int] = []
                let first = bytes.first ?? 0
                let screened = first < 0x80 && first != 0x0D && !bytes.isEmpty ? rulesByFirstByte[Int(first)] : nil
                for position in screened ?? Array(needs.indices) {
                    switch needs[position] {
                    case .any:
                        possible.append(position)
                    case .line(let pattern):
                        let region = min(bytes.count, pattern.count + 2)
                        if asciiHead >= region {
                            // A longer line has more than `pattern.count` characters, since its head is ASCII.
                            if bytes.count == pattern.count, Self.startsLowercased(bytes, with: pattern) {
                                possible.append(position)
                            }
                        } else if !headEndsAtBarrier {
                            possible.append(position)
                        }
                    case .prefix(let pattern):
                        let region = min(bytes.count, pattern.count + 2)
                        if asciiHead >= region || (headEndsAtBarrier && asciiHead >= pattern.count) {
                            if Self.startsLowercased(bytes, with: pattern) { possible.append(position) }
                        } else if !headEndsAtBarrier {
                            possible.append(position)
                        }
                    case .startsWith(let literal):
                        // A regex compares characters, not graphemes: the literal's own bytes settle it.
                        if asciiHead >= min(bytes.count, literal.count) {
                            if Self.startsLowercased(bytes, with: literal) { possible.append(position) }
                        } else if !headEndsAtBarrier {
                            possible.append(position)
                        }
                    case .contains(let literal):
                        if onlyBarriers == nil { onlyBarriers = Self.nonASCIIAreBarriers(bytes) }
                        if onlyBarriers != true || ASCII.find(literal, in: bytes, lowering: true) {
                            possible.append(position)
                        }
                    }
                }
                return possible
            }
        }

        /// Whether every non-ASCII scalar of `bytes` is a barrier.
        private static func nonASCIIAreBarriers(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var offset = 0
            while offset < bytes.count {
                let lead = bytes[offset]
                if lead < 0x80 {
                    offset += 1
                    continue
                }
                guard ASCII.isBarrier(at: offset, in: bytes) else { return false }
                offset += lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            }
            return true
        }

        private static func startsLowercased(_ bytes: UnsafeBufferPointer<UInt8>, with pattern: [UInt8]) -> Bool {
            guard bytes.count >= pattern.count else { return false }
            for index in 0..<pattern.count where ASCII.lower(bytes[index]) != pattern[index] { return false }
            return true
        }

        /// A literal that every match of the (case-insensitive, whole-line) regex `pattern` contains: the
        /// longest run of plain ASCII letters, digits and spaces outside groups, classes and escapes, without a
        /// character that a `?`, `*` or `{` makes optional. A leading run must start the line. `.any` when the
        /// pattern has a top-level alternative or no such run.
        static func literal(of pattern: String) -> Need {
            let bytes = Array(pattern.utf8)
            var runs: [(start: Int, bytes: [UInt8])] = []
            var run: [UInt8] = []
            var runStart = 0
            var depth = 0
            var index = 0
            func endRun() {
                if !run.isEmpty { runs.append((runStart, run)) }
                run = []
            }
            while index < bytes.count {
                let byte = bytes[index]
                let isPlain =
                    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                    || byte == 0x20
                if depth == 0, isPlain {
                    if run.isEmpty { runStart = index }
                    run.append(ASCII.lower(byte))
                    index += 1
                    continue
                }
                switch byte {
                case 0x3F, 0x2A:  // "?", "*": the character before is optional.
                    if depth == 0, !run.isEmpty { run.removeLast() }
                    endRun()
                case 0x7B:  // "{": a repeat count, which may be zero; skip it.
                    if depth == 0, !run.isEmpty { run.removeLast() }
                    endRun()
                    while index < bytes.count, bytes[index] != 0x7D { index += 1 }
                case 0x5C:  // "\": an escape; skip what it escapes.
                    endRun()
                    index += 1
                case 0x28:  // "("
                    endRun()
                    depth += 1
                case 0x29:  // ")"
                    endRun()
                    depth = max(depth - 1, 0)
                case 0x5B:  // "[": skip the class.
                    endRun()
                    index += 1
                    while index < bytes.count, bytes[index] != 0x5D {
                        if bytes[index] == 0x5C { index += 1 }
                        index += 1
                    }
                case 0x7C:  // "|"
                    if depth == 0 { return .any }
                default:
                    endRun()
                }
                index += 1
            }
            endRun()
            if let first = runs.first, first.start == 0 { return .startsWith(first.bytes) }
            guard let longest = runs.max(by: { $0.bytes.count < $1.bytes.count }) else { return .any }
            return .contains(longest.bytes)
        }
    }

    static func trimSeparators(_ text: some StringProtocol) -> String {
        let separators: Set<Character> = [":", "-", "\u{2013}", "\u{2014}", " ", "\u{00A0}", "\t", "|", ">"]
        var slice = Substring(text)
        while let first = slice.first, separators.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
