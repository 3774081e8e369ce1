import WartaCore

/// The words the date rules know, for one language or merged over several.
///
/// Each language gives one value (``DateLexicon/indonesian``, ``DateLexicon/english``); the annotator merges
/// them, since Indonesian news quotes English and the two word sets barely collide. Keys are lower-case.
struct DateLexicon: Sendable {
    /// Month names, full and old spellings ("januari", "pebruari", "october"): month 1–12.
    var months: [String: Int] = [:]
    /// Month abbreviations ("okt", "agt", "oct"): accepted only next to a day number or a year.
    var monthAbbreviations: [String: Int] = [:]
    /// Month names that are also common words or names ("may", "april" in English text): they need a capital and
    /// a day, a year or a trigger word.
    var ambiguousMonths: Set<String> = []
    /// Weekday names: ISO weekday, Monday 1 to Sunday 7.
    var weekdays: [String: Int] = [:]
    /// Words that name a day relative to the reference day ("kemarin" −1, "besok" +1, "hari ini" is a phrase).
    var dayOffsets: [String: Int] = [:]
    /// Two-word phrases that name a day relative to the reference day ("hari ini" 0, "kemarin lusa" −2).
    var dayPhrases: [String: Int] = [:]
    /// Unit words: "hari" → day, "pekan" → week, "bulan" → month, "tahun" → year.
    var units: [String: Unit] = [:]
    /// Words after a unit or weekday that point back ("lalu", "silam"), here (`0`: "ini") or ahead ("depan").
    var directionsAfter: [String: Int] = [:]
    /// Words before a unit or weekday that point back ("last"), here ("this") or ahead ("next").
    var directionsBefore: [String: Int] = [:]
    /// Words after "N units" that mean ago ("lalu", "ago") as −1 or hence ("lagi", "later") as +1.
    var countDirectionsAfter: [String: Int] = [:]
    /// Words before "N units" that mean "in N units" ("dalam", "in").
    var countPrefixes: Set<String> = []
    /// Number words ("dua" 2, "three" 3).
    var numbers: [String: Int] = [:]
    /// One-word "one unit" forms ("sepekan", "sebulan"): the unit.
    var oneUnitWords: [String: Unit] = [:]
    /// Modifiers before a period ("awal" early, "pertengahan" mid, "akhir" late).
    var modifiers: [String: Modifier] = [:]
    /// Words just before a month or year that mark it as a date ("sejak", "pada", "bulan", "since", "in").
    var triggers: Set<String> = []
    /// The word that names "month" right before a month name ("bulan April").
    var monthNouns: Set<String> = []
    /// The word that names "year" right before a year ("tahun 2024").
    var yearNouns: Set<String> = []
    /// The word that names "day" before a weekday ("hari Jumat").
    var dayNouns: Set<String> = []
    /// Words in the clause that mark the future ("akan", "dijadwalkan", "will").
    var futureMarkers: Set<String> = []
    /// Words that introduce a time of day ("pukul", "jam", "at").
    var timeWords: Set<String> = []
    /// Time zones and "local time" words after a time ("wib", "gmt").
    var timeZones: Set<String> = []
    /// Parts of the day after a date ("pagi", "malam", "morning").
    var dayParts: Set<String> = []
    /// Weekday words that are also ordinary words when lower-case ("minggu" is "week").
    var weekdaysNeedingCapital: Set<String> = []
    /// Words that number a document before "Nomor 30 Tahun 2002": its year is part of a name, not a date.
    var numberingWords: Set<String> = []

    /// The calendar units the relative rules count in.
    enum Unit: Sendable {
        case day, week, month, year
    }

    /// A modifier before a period.
    typealias Modifier = DateMention.Modifier

    /// Merges two lexicons; on a collision the receiver's entry wins.
    func merging(_ other: DateLexicon) -> DateLexicon {
        func keep<V>(_ a: V, _ b: V) -> V { a }
        var merged = self
        merged.months.merge(other.months, uniquingKeysWith: keep)
        merged.monthAbbreviations.merge(other.monthAbbreviations, uniquingKeysWith: keep)
        merged.ambiguousMonths.formUnion(other.ambiguousMonths)
        merged.weekdays.merge(other.weekdays, uniquingKeysWith: keep)
        merged.dayOffsets.merge(other.dayOffsets, uniquingKeysWith: keep)
        merged.dayPhrases.merge(other.dayPhrases, uniquingKeysWith: keep)
        merged.units.merge(other.units, uniquingKeysWith: keep)
        merged.directionsAfter.merge(other.directionsAfter, uniquingKeysWith: keep)
        merged.directionsBefore.merge(other.directionsBefore, uniquingKeysWith: keep)
        merged.countDirectionsAfter.merge(other.countDirectionsAfter, uniquingKeysWith: keep)
        merged.countPrefixes.formUnion(other.countPrefixes)
        merged.numbers.merge(other.numbers, uniquingKeysWith: keep)
        merged.oneUnitWords.merge(other.oneUnitWords, uniquingKeysWith: keep)
        merged.modifiers.merge(other.modifiers, uniquingKeysWith: keep)
        merged.triggers.formUnion(other.triggers)
        merged.monthNouns.formUnion(other.monthNouns)
        merged.yearNouns.formUnion(other.yearNouns)
        merged.dayNouns.formUnion(other.dayNouns)
        merged.futureMarkers.formUnion(other.futureMarkers)
        merged.timeWords.formUnion(other.timeWords)
        merged.timeZones.formUnion(other.timeZones)
        merged.dayParts.formUnion(other.dayParts)
        merged.weekdaysNeedingCapital.formUnion(other.weekdaysNeedingCapital)
        merged.numberingWords.formUnion(other.numberingWords)
        return merged
    }
}

/// Month names and abbreviations (lower case) of every language the annotator knows, each to its month number: for
/// readers that parse dates of their own (feeds), so the spellings Indonesian news uses are listed in one place.
package enum MonthNames {
    package static let all: [String: Int] = {
        var names: [String: Int] = [:]
        for lexicon in [DateLexicon.english, DateLexicon.indonesian] {
            names.merge(lexicon.months) { first, _ in first }
            names.merge(lexicon.monthAbbreviations) { first, _ in first }
        }
        return names
    }()
}
