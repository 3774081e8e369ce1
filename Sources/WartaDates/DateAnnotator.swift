import Foundation
import WartaCore

/// Finds date expressions in an article body and resolves each against the article's own date.
///
/// Indonesian first, English second; both word sets are always on (``DateLexicon``), since Indonesian news quotes
/// English and the two barely collide. The reference day is `context.referenceDate` read at
/// ``Configuration/utcOffset`` (WIB by default); without a reference date the stage finds only dates written in
/// full.
///
/// The rules, tried in this order at each word; the first that matches takes the words it covers:
/// 1. **Numeric day/month[/year]**, always day first: "(11/07/2024)" is 2024-07-11, never 2024-11-07; also
///    "11-07-2024", "12.07.2024", "12/7/24", ISO "2024-07-12". A weekday before it joins the span
///    ("Jumat (12/7/2024)"). Without a year ("Rabu (10/7)") it needs a parenthesis or a weekday.
/// 2. **Day and month name**, with or without a year: "7 Oktober 2023", "7 Oktober", "12 Jul 2024",
///    "October 7, 2023", "July 12", optionally after a weekday ("Jumat, 12 Juli 2024").
/// 3. **Month name** with a year ("Juli 2024") or after a trigger word ("bulan April", "sejak Januari",
///    "akhir Mei", "in March"). A bare month name is not taken: "Mei" and "May" are also names and words.
/// 4. **Year** after a trigger word: "tahun 2023", "sejak 2019", "awal 2024", "in 2020". A bare four-digit
///    number is not taken.
/// 5. **Day words**: "hari ini", "kemarin", "besok", "lusa", "today", "yesterday", "tomorrow".
/// 6. **Relative periods**, optionally after a modifier: "pekan lalu", "bulan ini", "tahun depan",
///    "awal bulan ini" (month, modifier `early`), "last week", "next month", "late last year".
/// 7. **Counted periods**: "dua hari lalu", "tiga bulan yang lalu", "sepekan lalu", "dalam dua hari",
///    "two days ago", "in three weeks". A count with no direction ("selama tiga hari") is a duration, not taken.
/// 8. **Weekdays**: "Jumat lalu" (the latest Friday before the reference day), "Jumat depan" / "Jumat mendatang"
///    / "next Friday" (the first after it), "Jumat ini" (the Friday of its week), and a bare "Jumat",
///    "pada hari Jumat", "on Friday": the latest Friday on or before the reference day, unless the clause before
///    it has a future marker ("akan", "dijadwalkan", "will"), then the first on or after it. Lower-case "minggu"
///    is "week", never Sunday.
/// 9. **Times** ("pukul 10.00 WIB", "at 3 p.m.") and parts of the day ("malam") right after a dated
///    expression join its span; a time on its own is dropped, since ``DateMention`` holds calendar dates only
///    and the day a bare time belongs to is a guess.
///
/// Completing a partial date ("7 Oktober", "bulan April", "(10/7)"): take the reference year; Indonesian marks
/// no tense and news reports the past, so if that lands after the reference day (month after the reference month
/// for month granularity) and the clause has no future marker, take the year before: "sejak Hamas menyerang
/// Israel pada 7 Oktober" in a May 2024 article is 2023-10-07. With a future marker or "mendatang"/"depan" after
/// it and a date before the reference day, take the year after. "lalu" after it ("7 Oktober lalu") always
/// means the past.
///
/// Anaphoric words ("saat itu", "keesokan harinya", "dua hari kemudian") need the narrative's own time and are
/// not resolved yet.
public struct DateAnnotator: Stage {
    public static let name: StageName = "annotate.dates.v1"

    /// Settings with documented defaults.
    public struct Configuration: Sendable {
        /// The offset from UTC, in seconds, at which the reference date is read as a calendar day. Default
        /// `+07:00` (WIB, Jakarta), the zone of national Indonesian outlets.
        public var utcOffset: Int = 7 * 3_600
        /// How far back, in words, a clause is searched for a future marker. Default 40.
        public var futureMarkerWindow: Int = 40

        public init() {}
    }

    public var configuration: Configuration
    let lexicon: DateLexicon

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        lexicon = DateLexicon.indonesian.merging(DateLexicon.english)
    }

    /// Returns the date mentions of an article's body, in text order.
    public func process(_ input: Article, context: StageContext) throws -> StageResult<[DateMention]> {
        .kept(mentions(in: input.body, referenceDate: context.referenceDate))
    }

    /// Returns the date mentions of `text`, in text order, resolved against `referenceDate`.
    ///
    /// Without a reference date only expressions written in full (rules 1–4 with a year) are returned.
    /// - Complexity: O(n) in the UTF-8 length of the text: each rule looks at a bounded number of words.
    public func mentions(in text: String, referenceDate: Date?) -> [DateMention] {
        let reference = referenceDate.map { CivilDate($0, utcOffset: configuration.utcOffset) }
        var matcher = DateMatcher(
            text: text, lexicon: lexicon, reference: reference, futureWindow: configuration.futureMarkerWindow)
        return matcher.scan()
    }
}
