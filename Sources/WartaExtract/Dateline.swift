import Foundation
import WartaCore

/// A dateline at the start of an article's lead: "GEMALANTANG.COM --", "JAKARTA, KOMPAS.com -",
/// "Liputan6.com, Jakarta -", "WASHINGTON (Reuters) -".
struct Dateline: Equatable {
    /// The dateline as written, without its dash.
    var text: String
    /// A domain named in it, lower-case ("gemalantang.com").
    var domain: String?
    /// The lead without the dateline.
    var rest: String

    /// The dashes that close a dateline, each with white space on both sides.
    private static let separators = [" -- ", " \u{2013} ", " \u{2014} ", " - ", " \u{2014}\u{2014} "]
    /// A dateline is short: its dash comes within the first 80 bytes of the lead.
    private static let maxLength = 80
    private static let maxWords = 6

    /// Reads the dateline of `line`, if it starts with one.
    static func read(_ line: String) -> Dateline? {
        // Only the head of the line can hold a dateline; searching a whole one-line article would be O(n) each.
        let head = String(String.UnicodeScalarView(line.unicodeScalars.prefix(maxLength + 8)))
        var best: Range<String.Index>?
        // An ASCII head is searched byte by byte: it cannot hold the non-ASCII dashes, and Foundation finds the
        // ASCII ones where the bytes are.
        let isASCII = ASCII.isASCII(head)
        for separator in separators {
            if let range = isASCII ? ASCII.range(of: separator, in: head) : head.range(of: separator),
                head.utf8.distance(from: head.startIndex, to: range.lowerBound)
                    <= maxLength, best.map({ range.lowerBound < $0.lowerBound }) ?? true
            {
                best = range
            }
        }
        guard let separator = best else { return nil }
        let prefix = String(head[..<separator.lowerBound])
        let restOffset = head.utf8.distance(from: head.startIndex, to: separator.upperBound)
        let restStart = line.utf8.index(line.startIndex, offsetBy: restOffset)
        let words = prefix.split(separator: " ")
        guard !words.isEmpty, words.count <= maxWords else { return nil }
        var domain: String?
        var datelineish = false
        for raw in words {
            let word = raw.trimmingCharacters(in: CharacterSet(charactersIn: ",()[]"))
            guard let first = word.unicodeScalars.first else { continue }
            if let found = PlainTextExtractor.domain(from: word) {
                domain = domain ?? found
                datelineish = true
                continue
            }
            // Every word of a dateline is capitalised: a place, an agency, an outlet.
            guard first.properties.isUppercase else { return nil }
            if word.count >= 2, word == word.uppercased() || raw.hasPrefix("(") { datelineish = true }
        }
        // "Jakarta -" alone is a dateline too, but only as a single capitalised word or two.
        guard datelineish || words.count <= 2 else { return nil }
        let rest = String(line[restStart...]).trimmedFast(.whitespaces)
        guard !rest.isEmpty else { return nil }
        return Dateline(text: prefix, domain: domain, rest: rest)
    }
}
