import WartaCore
import WartaText

/// The rules of ``DateAnnotator`` over one text: each `match…` function tries one rule at one word.
struct DateMatcher {
    /// A rule's result before it becomes a ``DateMention``: the words it covers and the resolved date.
    struct Match {
        var first: Int
        var last: Int
        var year: Int
        var month: Int?
        var day: Int?
        var granularity: DateMention.Granularity
        var resolution: DateMention.Resolution
        var modifier: DateMention.Modifier?
    }

    let bytes: [UInt8]
    let index: WordIndex
    let lexicon: DateLexicon
    let reference: CivilDate?
    let futureWindow: Int
    /// A day or month written without a year and without a marker of past or future is taken as this year's unless
    /// it lies more than this many days ahead (then last year's): news names the coming weeks without "nanti".
    static let pastWindowDays = 62
    var words: [WordIndex.Word] { index.words }

    init(text: String, lexicon: DateLexicon, reference: CivilDate?, futureWindow: Int) {
        bytes = Array(text.utf8)
        index = WordIndex(text)
        self.lexicon = lexicon
        self.reference = reference
        self.futureWindow = futureWindow
    }

    /// Runs the rules over every word, left to right; a match skips the words it took.
    mutating func scan() -> [DateMention] {
        var result: [DateMention] = []
        var current = 0
        let count = words.count
        while current < count {
            guard var found = match(at: current) else {
                current += 1
                continue
            }
            found.last = joinTime(after: found.last)
            result.append(mention(found))
            current = found.last + 1
        }
        return result
    }

    // MARK: - Order of the rules

    private func match(at i: Int) -> Match? {
        let key = words[i].key
        if let modifier = lexicon.modifiers[key], i + 1 < words.count,
            words[i + 1].gap.isEmpty || words[i + 1].gap == .dash
        {
            let next = i + 1
            if var inner = firstMatch(
                [.relativePeriod, .monthWithNoun, .yearWithNoun, .triggeredMonth, .triggeredYear], at: next),
                inner.granularity != .day
            {
                inner.first = i
                inner.modifier = modifier
                return inner
            }
            // "awal tahun", "akhir bulan", "akhir pekan" alone: the current period.
            if let reference, words[next].gap.isEmpty, let unit = lexicon.units[words[next].key], unit != .day,
                !(lexicon.weekdays[words[next].key] != nil && words[next].isCapitalised),
                next + 1 >= words.count || !words[next + 1].gap.isEmpty
                    || !(words[next + 1].isNumber || monthNumber(at: next + 1, abbreviations: false) != nil
                        || lexicon.directionsAfter[words[next + 1].key] != nil)
            {
                var inner = period(unit, offset: 0, from: reference, first: i, last: next)
                inner.modifier = modifier
                return inner
            }
        }
        if lexicon.weekdays[key] != nil, i + 1 < words.count {
            // A weekday that only introduces a written date: "Jumat (12/7/2024)", "Jumat, 12 Juli 2024".
            if var dated = numericDate(at: i + 1, afterWeekday: true) ?? dayMonth(at: i + 1) {
                dated.first = i
                // A year the text leaves out and the rules put in another year than the article's is the one, within
                // a year of the article, whose calendar puts this day on the weekday written ("Kamis (12/12)" in
                // September 2019 is 2019-12-12, a Thursday, not last year's). In the article's own year the written
                // day wins over a mistyped weekday ("Rabu (19/6)" in June 2025 stays 2025-06-19).
                if dated.resolution == .completed, let reference, dated.year != reference.year,
                    let month = dated.month, let day = dated.day, let weekday = lexicon.weekdays[key]
                {
                    let fitting = [reference.year, reference.year - 1, reference.year + 1].filter { year in
                        CivilDate.isValid(year: year, month: month, day: day)
                            && CivilDate(year: year, month: month, day: day).weekday == weekday
                    }
                    if !fitting.contains(dated.year),
                        let year = fitting.min(by: { a, b in
                            abs(CivilDate(year: a, month: month, day: day).days - reference.days)
                                < abs(CivilDate(year: b, month: month, day: day).days - reference.days)
                        })
                    {
                        dated.year = year
                    }
                }
                return dated
            }
        }
        return firstMatch(Rule.allCases, at: i)
    }

    /// The rules in the order ``DateAnnotator`` documents them.
    private enum Rule: CaseIterable {
        case numericDate, dayMonth, monthDay, monthWithNoun, month, yearWithNoun, year, dayWord, relativePeriod
        case counted, weekday
        // Used after a modifier ("awal …"), where the modifier is the trigger.
        case triggeredMonth, triggeredYear

        static let allCases: [Rule] = [
            .numericDate, .dayMonth, .monthDay, .monthWithNoun, .month, .yearWithNoun, .year, .dayWord,
            .relativePeriod, .counted, .weekday,
        ]
    }

    private func firstMatch(_ rules: [Rule], at i: Int) -> Match? {
        for rule in rules {
            let found: Match?
            switch rule {
            case .numericDate: found = numericDate(at: i, afterWeekday: false)
            case .dayMonth: found = dayMonth(at: i)
            case .monthDay: found = monthDay(at: i)
            case .monthWithNoun: found = monthWithNoun(at: i)
            case .month: found = month(at: i, triggered: isTriggered(i))
            case .yearWithNoun: found = yearWithNoun(at: i)
            case .year: found = year(at: i, triggered: isTriggered(i))
            case .dayWord: found = dayWord(at: i)
            case .relativePeriod: found = relativePeriod(at: i)
            case .counted: found = counted(at: i)
            case .weekday: found = weekday(at: i)
            case .triggeredMonth: found = month(at: i, triggered: true)
            case .triggeredYear: found = year(at: i, triggered: true)
            }
            if let found { return found }
        }
        return nil
    }

    // MARK: - Rule 1: numeric dates

    private func numericDate(at i: Int, afterWeekday: Bool) -> Match? {
        let first = words[i]
        guard first.isNumber else { return nil }
        // "12.07.2024" is one token.
        if first.value == nil {
            let parts = first.key.split(separator: ".")
            guard parts.count == 3, parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]),
                let y = Int(parts[2]), parts[0].count <= 2, parts[1].count <= 2
            else { return nil }
            return full(first: i, last: i, year: y, month: m, day: d)
        }
        guard let a = first.value, i + 1 < words.count, let b = words[i + 1].value, words[i + 1].isNumber else {
            return nil
        }
        let separator = words[i + 1].gap
        guard separator == .slash || separator == .dash else { return nil }
        let third: Int? =
            i + 2 < words.count && words[i + 2].gap == separator && words[i + 2].value != nil ? i + 2 : nil
        // ISO year-month-day.
        if first.digits == 4, separator == .dash, let third, let c = words[third].value {
            return full(first: i, last: third, year: a, month: b, day: c)
        }
        guard first.digits <= 2, words[i + 1].digits <= 2 else { return nil }
        if let third, let c = words[third].value, words[third].digits == 4 || words[third].digits == 2 {
            return full(first: i, last: third, year: words[third].digits == 2 ? 2000 + c : c, month: b, day: a)
        }
        // Day and month only: a fraction or a score unless a parenthesis or a weekday says it is a date.
        guard afterWeekday || first.gap.contains(.openParen), third == nil, b >= 1, b <= 12, a >= 1,
            a <= CivilDate.daysIn(month: b, year: 2024)
        else { return nil }
        return completed(first: i, last: i + 1, month: b, day: a)
    }

    private func full(first: Int, last: Int, year: Int, month: Int, day: Int) -> Match? {
        guard year >= 1000, year <= 2199, CivilDate.isValid(year: year, month: month, day: day) else { return nil }
        return Match(
            first: first, last: last, year: year, month: month, day: day, granularity: .day, resolution: .absolute)
    }

    // MARK: - Rule 2: day and month name

    private func monthNumber(at i: Int, abbreviations: Bool) -> Int? {
        guard i < words.count, !words[i].isNumber else { return nil }
        let key = words[i].key
        if let month = lexicon.months[key] {
            if lexicon.ambiguousMonths.contains(key), !words[i].isCapitalised { return nil }
            return month
        }
        if abbreviations, words[i].isCapitalised, let month = lexicon.monthAbbreviations[key] { return month }
        return nil
    }

    private func dayNumber(at i: Int) -> Int? {
        guard i < words.count, words[i].isNumber, words[i].digits >= 1, words[i].digits <= 2,
            let value = words[i].value, value >= 1, value <= 31
        else { return nil }
        return value
    }

    private func yearNumber(at i: Int) -> Int? {
        guard i < words.count, words[i].isNumber, words[i].digits == 4, let value = words[i].value,
            value >= 1000, value <= 2199
        else { return nil }
        return value
    }

    private func dayMonth(at i: Int) -> Match? {
        guard let day = dayNumber(at: i), i + 1 < words.count, words[i + 1].gap.isEmpty,
            let month = monthNumber(at: i + 1, abbreviations: true)
        else { return nil }
        if i + 2 < words.count, words[i + 2].gap.isSubset(of: [.comma, .stop]), let year = yearNumber(at: i + 2) {
            return full(first: i, last: i + 2, year: year, month: month, day: day)
        }
        guard day <= CivilDate.daysIn(month: month, year: 2024) else { return nil }
        return completed(first: i, last: i + 1, month: month, day: day)
    }

    private func monthDay(at i: Int) -> Match? {
        guard let month = monthNumber(at: i, abbreviations: true), words[i].isCapitalised, i + 1 < words.count,
            words[i + 1].gap.isSubset(of: [.stop]), let day = dayNumber(at: i + 1)
        else { return nil }
        if i + 2 < words.count, words[i + 2].gap == .comma, let year = yearNumber(at: i + 2) {
            return full(first: i, last: i + 2, year: year, month: month, day: day)
        }
        guard day <= CivilDate.daysIn(month: month, year: 2024) else { return nil }
        return completed(first: i, last: i + 1, month: month, day: day)
    }

    /// A day and month without a year, completed from the reference day (see ``DateAnnotator``).
    private func completed(first: Int, last: Int, month: Int, day: Int) -> Match? {
        guard let reference else { return nil }
        var last = last
        let direction = directionAfter(last, absorbing: &last)
        let candidate = (month, day)
        let after = candidate > (reference.month, reference.day)
        let before = candidate < (reference.month, reference.day)
        var year = reference.year
        if direction == -1 {
            if after { year -= 1 }
        } else if direction == 1 || isFuture(before: first) {
            if before { year += 1 }
        } else if after,
            CivilDate(year: year, month: month, day: min(day, 28)).days - reference.days > Self.pastWindowDays
        {
            // With no marker, a day more than about two months ahead is last year's.
            year -= 1
        }
        guard CivilDate.isValid(year: year, month: month, day: day) else { return nil }
        return Match(
            first: first, last: last, year: year, month: month, day: day, granularity: .day, resolution: .completed)
    }

    // MARK: - Rule 3: month name

    private func monthWithNoun(at i: Int) -> Match? {
        guard lexicon.monthNouns.contains(words[i].key), i + 1 < words.count, words[i + 1].gap.isEmpty,
            var found = month(at: i + 1, triggered: true)
        else { return nil }
        found.first = i
        return found
    }

    private func month(at i: Int, triggered: Bool) -> Match? {
        guard i < words.count, let month = monthNumber(at: i, abbreviations: false), words[i].isCapitalised else {
            return nil
        }
        if i + 1 < words.count, words[i + 1].gap.isSubset(of: [.comma]), let year = yearNumber(at: i + 1) {
            return Match(
                first: i, last: i + 1, year: year, month: month, day: nil, granularity: .month,
                resolution: .absolute)
        }
        guard triggered, let reference else { return nil }
        var last = i
        let direction = directionAfter(i, absorbing: &last)
        var year = reference.year
        if direction == -1 {
            if month > reference.month { year -= 1 }
        } else if direction == 1 || isFuture(before: i) {
            if month < reference.month { year += 1 }
        } else if month > reference.month + Self.pastWindowDays / 30 {
            // With no marker, a month more than about two months ahead is last year's.
            year -= 1
        }
        return Match(
            first: i, last: last, year: year, month: month, day: nil, granularity: .month, resolution: .completed)
    }

    // MARK: - Rule 4: year

    private func yearWithNoun(at i: Int) -> Match? {
        guard lexicon.yearNouns.contains(words[i].key), i + 1 < words.count, words[i + 1].gap.isEmpty,
            let year = yearNumber(at: i + 1), !isNumberingYear(i + 1)
        else { return nil }
        return Match(
            first: i, last: i + 1, year: year, month: nil, day: nil, granularity: .year, resolution: .absolute)
    }

    private func year(at i: Int, triggered: Bool) -> Match? {
        guard triggered, let year = yearNumber(at: i), !isNumberingYear(i) else { return nil }
        return Match(first: i, last: i, year: year, month: nil, day: nil, granularity: .year, resolution: .absolute)
    }

    /// Whether the year at word `i` numbers a document: "UU Nomor 30 Tahun 2002", "Perpres No. 12 Tahun 2024".
    private func isNumberingYear(_ i: Int) -> Bool {
        i >= 3 && lexicon.yearNouns.contains(words[i - 1].key) && words[i - 2].isNumber
            && lexicon.numberingWords.contains(words[i - 3].key)
    }

    private func isTriggered(_ i: Int) -> Bool {
        i > 0 && words[i].gap.isEmpty && lexicon.triggers.contains(words[i - 1].key)
    }

    // MARK: - Rule 5: day words

    private func dayWord(at i: Int) -> Match? {
        guard let reference else { return nil }
        if i + 1 < words.count, words[i + 1].gap.isEmpty,
            let offset = lexicon.dayPhrases[words[i].key + " " + words[i + 1].key]
        {
            return day(reference.adding(days: offset), first: i, last: i + 1)
        }
        guard let offset = lexicon.dayOffsets[words[i].key] else { return nil }
        return day(reference.adding(days: offset), first: i, last: i)
    }

    private func day(_ date: CivilDate, first: Int, last: Int) -> Match {
        Match(
            first: first, last: last, year: date.year, month: date.month, day: date.day, granularity: .day,
            resolution: .relative)
    }

    // MARK: - Rule 6: relative periods

    private func relativePeriod(at i: Int) -> Match? {
        guard let reference, i + 1 < words.count, words[i + 1].gap.isEmpty else { return nil }
        // "pekan lalu", "bulan ini", "tahun depan"; capitalised "Minggu" mid-sentence is Sunday (rule 8).
        if let unit = lexicon.units[words[i].key], unit != .day,
            let direction = lexicon.directionsAfter[words[i + 1].key],
            !(lexicon.weekdays[words[i].key] != nil && words[i].isCapitalised && !startsSentence(i))
        {
            return period(unit, offset: direction, from: reference, first: i, last: i + 1)
        }
        // "last week", "this month", "next year".
        if let direction = lexicon.directionsBefore[words[i].key], let unit = lexicon.units[words[i + 1].key],
            unit != .day
        {
            return period(unit, offset: direction, from: reference, first: i, last: i + 1)
        }
        return nil
    }

    private func startsSentence(_ i: Int) -> Bool {
        i == 0 || !words[i].gap.isDisjoint(with: [.stop, .newline, .quote])
    }

    private func period(_ unit: DateLexicon.Unit, offset: Int, from reference: CivilDate, first: Int, last: Int)
        -> Match
    {
        switch unit {
        case .day:
            return day(reference.adding(days: offset), first: first, last: last)
        case .week:
            let monday = reference.monday.adding(days: 7 * offset)
            return Match(
                first: first, last: last, year: monday.year, month: monday.month, day: monday.day,
                granularity: .week, resolution: .relative)
        case .month:
            let index = reference.year * 12 + (reference.month - 1) + offset
            let year = index >= 0 ? index / 12 : (index - 11) / 12
            return Match(
                first: first, last: last, year: year, month: index - year * 12 + 1, day: nil, granularity: .month,
                resolution: .relative)
        case .year:
            return Match(
                first: first, last: last, year: reference.year + offset, month: nil, day: nil, granularity: .year,
                resolution: .relative)
        }
    }

    // MARK: - Rule 7: counted periods

    private func count(at i: Int) -> Int? {
        guard i < words.count else { return nil }
        if words[i].isNumber {
            guard let value = words[i].value, words[i].digits <= 3, value >= 1 else { return nil }
            return value
        }
        return lexicon.numbers[words[i].key]
    }

    private func counted(at i: Int) -> Match? {
        guard let reference else { return nil }
        // "dalam dua hari", "in three weeks".
        if lexicon.countPrefixes.contains(words[i].key), let n = count(at: i + 1), i + 2 < words.count,
            words[i + 1].gap.isEmpty, words[i + 2].gap.isEmpty, let unit = lexicon.units[words[i + 2].key]
        {
            return shifted(reference, unit: unit, by: n, first: i, last: i + 2)
        }
        // "sepekan lalu", "setahun yang lalu".
        if let unit = lexicon.oneUnitWords[words[i].key], i + 1 < words.count, words[i + 1].gap.isEmpty {
            var next = i + 1
            if words[next].key == "yang", next + 1 < words.count, words[next + 1].gap.isEmpty { next += 1 }
            if let direction = lexicon.countDirectionsAfter[words[next].key] {
                return shifted(reference, unit: unit, by: direction, first: i, last: next)
            }
        }
        // "dua hari (yang) lalu", "two days ago", "tiga pekan lagi".
        guard let n = count(at: i), i + 2 < words.count, words[i + 1].gap.isEmpty,
            let unit = lexicon.units[words[i + 1].key]
        else { return nil }
        var next = i + 2
        if words[next].key == "yang", next + 1 < words.count, words[next + 1].gap.isEmpty { next += 1 }
        guard words[next].gap.isEmpty, let direction = lexicon.countDirectionsAfter[words[next].key] else {
            return nil
        }
        return shifted(reference, unit: unit, by: n * direction, first: i, last: next)
    }

    private func shifted(_ reference: CivilDate, unit: DateLexicon.Unit, by n: Int, first: Int, last: Int) -> Match {
        switch unit {
        case .day: return day(reference.adding(days: n), first: first, last: last)
        case .week:
            let monday = reference.adding(days: 7 * n).monday
            return Match(
                first: first, last: last, year: monday.year, month: monday.month, day: monday.day,
                granularity: .week, resolution: .relative)
        case .month, .year: return period(unit, offset: n, from: reference, first: first, last: last)
        }
    }

    // MARK: - Rule 8: weekdays

    private func weekdayNumber(at i: Int) -> Int? {
        var key = words[i].key
        // "Friday's talks": the tokenizer keeps the possessive on the word.
        if key.hasSuffix("'s") || key.hasSuffix("\u{2019}s") { key = String(key.dropLast(2)) }
        return lexicon.weekdays[key]
    }

    private func weekday(at i: Int) -> Match? {
        guard let reference, let target = weekdayNumber(at: i) else { return nil }
        let afterDayNoun = i > 0 && words[i].gap.isEmpty && words[i - 1].key == "hari"
        guard words[i].isCapitalised || afterDayNoun else { return nil }
        var first = i
        var last = i
        var direction: Int?
        if i + 1 < words.count, words[i + 1].gap.isEmpty, let after = lexicon.directionsAfter[words[i + 1].key] {
            // "Minggu lalu" opening a sentence is "last week" (rule 6 took it); here it is a weekday.
            direction = after
            last = i + 1
        } else if i > 0, words[i].gap.isEmpty, let before = lexicon.directionsBefore[words[i - 1].key] {
            direction = before
            first = i - 1
        }
        if afterDayNoun { first = i - 1 }
        let today = reference.weekday
        let date: CivilDate
        switch direction {
        case .some(-1):
            let back = (today - target + 7) % 7
            date = reference.adding(days: -(back == 0 ? 7 : back))
        case .some(1):
            let ahead = (target - today + 7) % 7
            date = reference.adding(days: ahead == 0 ? 7 : ahead)
        case .some(0):
            date = reference.monday.adding(days: target - 1)
        default:
            date =
                isFuture(before: first)
                ? reference.adding(days: (target - today + 7) % 7) : reference.adding(days: -((today - target + 7) % 7))
        }
        return day(date, first: first, last: last)
    }

    // MARK: - Context

    /// A direction word right after word `i` ("lalu", "mendatang"), taken into the span.
    private func directionAfter(_ i: Int, absorbing last: inout Int) -> Int? {
        guard i + 1 < words.count, words[i + 1].gap.isEmpty, let direction = lexicon.directionsAfter[words[i + 1].key],
            direction != 0, words[i + 1].key != "kemarin"
        else { return nil }
        last = i + 1
        return direction
    }

    /// Whether the clause before word `i` has a future marker ("akan", "dijadwalkan", "will").
    private func isFuture(before i: Int) -> Bool {
        var current = i - 1
        var steps = 0
        while current >= 0, steps < futureWindow {
            if lexicon.futureMarkers.contains(words[current].key) { return true }
            if !words[current].gap.isDisjoint(with: [.stop, .newline, .semicolon]) { break }
            current -= 1
            steps += 1
        }
        return false
    }

    // MARK: - Rule 9: times

    /// Takes a time of day or a part of the day right after a dated expression into its span.
    private func joinTime(after last: Int) -> Int {
        var end = last
        var next = last + 1
        // ")" closes "Jumat (12/7/2024) pukul 10.00 WIB".
        guard next < words.count, words[next].gap.isSubset(of: [.comma, .closeParen]) else { return end }
        if lexicon.timeWords.contains(words[next].key), next + 1 < words.count, words[next + 1].isNumber,
            words[next + 1].gap.isEmpty
        {
            next += 1
            end = next
            // "10:00" is two numbers around a colon.
            if next + 1 < words.count, words[next + 1].isNumber, words[next + 1].gap == .colon {
                next += 1
                end = next
            }
            var zones = 0
            while zones < 2, end + 1 < words.count, words[end + 1].gap.isSubset(of: [.stop]),
                lexicon.timeZones.contains(words[end + 1].key)
            {
                end += 1
                zones += 1
            }
            return end
        }
        if lexicon.dayParts.contains(words[next].key), words[next].gap.isSubset(of: [.closeParen]) {
            end = next
            if words[next].key == "dini", next + 1 < words.count, words[next + 1].key == "hari" { end = next + 1 }
        }
        return end
    }

    // MARK: - Output

    private func mention(_ found: Match) -> DateMention {
        var start = words[found.first].start
        var end = words[found.last].end
        // Take a surrounding pair of parentheses: "(11/07/2024)".
        if start > 0, bytes[start - 1] == UInt8(ascii: "("), end < bytes.count, bytes[end] == UInt8(ascii: ")") {
            start -= 1
            end += 1
        } else if end < bytes.count, bytes[end] == UInt8(ascii: ")"),
            bytes[start..<end].contains(UInt8(ascii: "(")), !bytes[start..<end].contains(UInt8(ascii: ")"))
        {
            // Close the parenthesis a weekday opened: "Sabtu (14/6)", not "Sabtu (14/6".
            end += 1
        }
        return DateMention(
            span: TextSpan(start: start, end: end), year: found.year, month: found.month, day: found.day,
            granularity: found.granularity, resolution: found.resolution, modifier: found.modifier)
    }
}
