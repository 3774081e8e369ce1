import WartaCore

extension DateLexicon {
    /// English date words: CLDR 47 `en` month and weekday names and the relative words of English news
    /// ("yesterday", "last week", "two days ago", "earlier this month").
    static let english = DateLexicon(
        months: [
            "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
            "september": 9, "october": 10, "november": 11, "december": 12,
        ],
        monthAbbreviations: [
            "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
            "nov": 11, "dec": 12,
        ],
        ambiguousMonths: ["may", "march"],
        weekdays: [
            "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
        ],
        dayOffsets: ["yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0],
        dayPhrases: ["this morning": 0, "last night": -1],
        units: [
            "day": .day, "days": .day, "week": .week, "weeks": .week, "month": .month, "months": .month,
            "year": .year, "years": .year,
        ],
        directionsBefore: ["last": -1, "past": -1, "this": 0, "next": 1, "coming": 1],
        countDirectionsAfter: ["ago": -1, "later": 1, "earlier": -1, "hence": 1],
        countPrefixes: ["in", "within"],
        numbers: [
            "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1,
        ],
        modifiers: ["early": .early, "mid": .mid, "late": .late],
        triggers: ["since", "in", "on", "until", "till", "by", "during", "from", "early", "late", "mid", "of"],
        monthNouns: [],
        yearNouns: [],
        dayNouns: ["on"],
        futureMarkers: ["will", "scheduled", "plans", "planned", "expected", "upcoming", "next"],
        timeWords: ["at"],
        timeZones: ["gmt", "utc", "local", "time", "am", "pm", "a.m", "p.m", "et", "edt", "est"],
        dayParts: ["morning", "afternoon", "evening", "night"]
    )
}
