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

    public init(_ pattern: String) throws {
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
    public var rules: [DebrisRule]

    public init(rules: [DebrisRule]) {
        self.rules = rules
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
        let lower = line.lowercased()
        for rule in rules {
            switch rule.match {
            case .line(let pattern):
                if lower == pattern { return Verdict(rule: rule, remainder: "") }
            case .prefix(let pattern):
                guard lower.hasPrefix(pattern) else { continue }
                let rest = lower.dropFirst(pattern.count)
                guard let first = rest.first else { return Verdict(rule: rule, remainder: "") }
                // A prefix must end a word: "Editor: X" and "Editor - X" match, "Editorial" does not.
                guard first == ":" || first == " " || first == "-" || first == "\u{2013}" || first == "\u{2014}"
                else { continue }
                if first == " ", rule.action == .drop || rule.action == .byline, !pattern.contains(" ") {
                    // "Sumber daya alam …" is a sentence, not a credit: a one-word prefix needs a colon or dash.
                    let afterSpace = rest.drop(while: { $0 == " " })
                    if !(afterSpace.first.map { ":-\u{2013}\u{2014}".contains($0) } ?? true) { continue }
                }
                let original = line.dropFirst(pattern.count)
                return Verdict(rule: rule, remainder: Self.trimSeparators(original))
            case .regex(let box):
                let (matched, capture) = box.match(line)
                if matched { return Verdict(rule: rule, remainder: capture.map(Self.trimSeparators) ?? "") }
            }
        }
        return nil
    }

    static func trimSeparators(_ text: some StringProtocol) -> String {
        let separators: Set<Character> = [":", "-", "\u{2013}", "\u{2014}", " ", "\u{00A0}", "\t", "|", ">"]
        var slice = Substring(text)
        while let first = slice.first, separators.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
