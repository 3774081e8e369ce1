import Foundation
import WartaCore

/// Reads the published date of a plain-text article from its own text, when the text states one.
///
/// Plain text carries no metadata, so this is the last step of the order of trust (JSON-LD → OpenGraph/meta →
/// `<time>` → URL → text). Only dates written in full (day, month and year) count; a partial date such as
/// "7 Oktober" needs the very date being looked for and is never used. The steps, in order:
/// 1. **Lead date:** a full date in the first ``Configuration/leadBytes`` bytes of the body, where outlets put
///    their dateline ("JAKARTA, Jumat (12/7/2024) –"): source `.dateline`, confidence 0.8.
/// 2. **Latest stated date:** otherwise the latest full date anywhere in the text: source `.text`. A report is
///    published on or after every day it reports, and news reports recent days, so the latest stated day is the
///    best single guess and a lower bound. Confidence 0.6 when it is a parenthesised numeric date, the signature
///    Indonesian outlets give a report's day ("dikutip Reuters (11/07/2024)"), else 0.4.
/// 3. Dates after `fetchedAt` (when given) are skipped in both steps: an article cannot report a day after it
///    was fetched. With no full date left, the result is `nil`: no guess from weekdays or relative words.
///
/// The date is returned as 12:00 UTC of the day, which is the same calendar day from UTC−11 to UTC+11.
/// Pure: same text, same answer.
public struct PublishedDateResolver: Sendable {
    /// Settings with documented defaults.
    public struct Configuration: Sendable {
        /// How many bytes from the start of the body count as the lead for step 1. Default 240.
        public var leadBytes = 240
        /// The offset from UTC, in seconds, at which `fetchedAt` is read as a calendar day. Default `+07:00` (WIB).
        public var utcOffset = 7 * 3_600

        public init() {}
    }

    /// What the resolver found: the date, where it stands in the body and how sure the guess is.
    public struct Resolution: Sendable, Hashable {
        /// Which step of the resolver gave the date.
        public enum Rule: String, Sendable, Hashable {
            case leadDate
            case latestStatedDate
        }

        /// The date with its text and source (`.dateline` or `.text`).
        public var published: PublishedDate
        /// Where the date is written in the body.
        public var span: TextSpan
        /// The date as a mention (day granularity, absolute).
        public var mention: DateMention
        /// How sure the guess is, from 0 to 1.
        public var confidence: Double
        public var rule: Rule
    }

    public var configuration: Configuration
    private let annotator: DateAnnotator

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        annotator = DateAnnotator()
    }

    /// Returns the published date the body states, or `nil` when it states no full date.
    ///
    /// Seed 000 ("… kata Bagheri Kani dikutip Reuters (11/07/2024).") gives 2024-07-11 by step 2 with
    /// confidence 0.6; seed 001 states no full date and gives `nil`.
    /// - Parameters:
    ///   - body: The article body.
    ///   - fetchedAt: When the document was fetched, if known; later dates are ignored.
    /// - Complexity: O(n) in the UTF-8 length of the body.
    public func resolve(body: String, fetchedAt: Date? = nil) -> Resolution? {
        let limit = fetchedAt.map { CivilDate($0, utcOffset: configuration.utcOffset) }
        let full = annotator.mentions(in: body, referenceDate: nil).filter { mention in
            guard mention.granularity == .day, mention.resolution == .absolute, let month = mention.month,
                let day = mention.day
            else { return false }
            guard let limit else { return true }
            return CivilDate(year: mention.year, month: month, day: day) <= limit
        }
        // 1. A date in the lead.
        if let lead = full.first(where: { $0.span.start < configuration.leadBytes }) {
            return resolution(lead, in: body, source: .dateline, confidence: 0.8, rule: .leadDate)
        }
        // 2. The latest date stated anywhere; the first one written wins a tie.
        var latest: DateMention?
        for mention in full {
            guard let current = latest else {
                latest = mention
                continue
            }
            if Self.day(of: mention) > Self.day(of: current) { latest = mention }
        }
        guard let latest else { return nil }
        let text = latest.span.text(in: body)
        let parenthesised = text.hasPrefix("(") || text.hasSuffix(")")
        return resolution(
            latest, in: body, source: .text, confidence: parenthesised ? 0.6 : 0.4, rule: .latestStatedDate)
    }

    private static func day(of mention: DateMention) -> CivilDate {
        CivilDate(year: mention.year, month: mention.month ?? 1, day: mention.day ?? 1)
    }

    private func resolution(
        _ mention: DateMention, in body: String, source: PublishedDate.Source, confidence: Double, rule: Resolution.Rule
    ) -> Resolution {
        Resolution(
            published: PublishedDate(
                date: Self.day(of: mention).noonUTC, text: mention.span.text(in: body), source: source),
            span: mention.span, mention: mention, confidence: confidence, rule: rule)
    }
}
