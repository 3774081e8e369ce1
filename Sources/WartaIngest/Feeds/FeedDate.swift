import Foundation

/// A date read from a feed, a sitemap or a news page: the instant, the offset the text gave, and what was guessed.
///
/// Parses the forms feeds really carry, over UTF-8 bytes, without `DateFormatter` and without the process locale:
/// - RFC 822/1123 and their relatives: `Wed, 18 Jun 2025 07:30:00 +0700`, `18 Jun 25 07:30 GMT`,
///   `Wed, 18 Jun 2025 07:30:00 +07:00`, with zones `GMT`, `UT`, `UTC`, `Z`, military letters, `EST` `EDT` `CST`
///   `CDT` `MST` `MDT` `PST` `PDT`, and Indonesia's `WIB` (+07), `WITA` (+08), `WIT` (+09);
/// - ISO 8601/RFC 3339: `2025-06-18T07:30:00+07:00`, `2025-06-18T00:30Z`, `2025-06-18T07:30:00.123+0700`,
///   `2025-06-18` (date only), `20250618T003000Z`, and `2025-06-18 07:30:00` with a space (WordPress);
/// - what real feeds and pages get wrong: a weekday that does not match the date (ignored), missing seconds,
///   doubled spaces, English or Indonesian month and day names (`Rabu, 18 Juni 2025 07:30 WIB`,
///   `Jum'at, 20 Jun 2025`, `18 Agu 2025`), a time written `20.04`, words before the date
///   (`Diperbarui 18 Jun 2025, 14:05 WIB`, `Kompas.com- 18/06/2025, 21:35 WIB`), `|` between date and time.
///
/// A text without a zone is read as UTC, and ``isZoneAssumed`` says so. Unknown alphabetic zone names (`CEST`)
/// are treated the same way, as RFC 5322 says for unknown zones. Anything else after the date and time makes the
/// text junk: the parser returns `nil` rather than guess.
///
/// Numeric dates such as `18/06/2025` are read day first, as Indonesian and most non-US writers do; when the second
/// number cannot be a month (`06/18/2025`), month first. Two-digit years below 50 are 20xx, others 19xx.
/// Military zone letters follow the military convention (`A` is +01:00, `N` is −01:00, `Z` is UTC), not the
/// reversed signs of RFC 822's erratum.
///
/// ```swift
/// let date = FeedDate("Rabu, 18 Jun 2025 07:30 WIB")
/// // date?.date == 2025-06-18T00:30:00Z, date?.utcOffset == 25_200
/// ```
public struct FeedDate: Sendable, Hashable {
    /// The instant the text names.
    public var date: Date
    /// The offset from UTC the text gave, in seconds (`25_200` for `WIB` or `+0700`); `nil` when the text named no
    /// zone, or one Warta does not know, and the time was read as UTC.
    public var utcOffset: Int?
    /// Whether the text had a time of day; a date alone (`2025-06-18`) stands for midnight.
    public var hasTime: Bool

    /// Whether the zone was assumed (UTC) rather than read from the text.
    public var isZoneAssumed: Bool { utcOffset == nil }

    /// A date from its parts, for tests and callers that already know them.
    public init(date: Date, utcOffset: Int?, hasTime: Bool = true) {
        self.date = date
        self.utcOffset = utcOffset
        self.hasTime = hasTime
    }

    /// Parses a feed date, or returns `nil` for text that is not one (`kemarin`, `N/A`, `0000-00-00 00:00:00`).
    ///
    /// - Parameter text: the date as the feed wrote it; surrounding white space is ignored.
    /// - Complexity: O(n) in the length of the text; no allocation for a native Swift string.
    public init?(_ text: String) {
        var text = text
        guard let parsed = text.withUTF8({ FeedDate(utf8: $0) }) else { return nil }
        self = parsed
    }

    /// Parses a feed date from its UTF-8 bytes, or returns `nil` for text that is not one.
    ///
    /// For callers that hold the bytes already (a parser's buffer); the pointer is read during the call only.
    ///
    /// - Parameter bytes: the date's UTF-8 bytes.
    /// - Complexity: O(n) in the number of bytes.
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        // Dates are short; anything long is not a date, and refusing it early bounds the work on hostile input.
        guard bytes.count <= 200 else { return nil }
        var scanner = FeedDateScanner(bytes: bytes)
        guard let parsed = scanner.parse() else { return nil }
        self = parsed
    }
}

/// The parts of a date as read, before they are checked and turned into an instant.
private struct FeedDateParts {
    var year = 0
    var month = 0
    var day = 0
    var hour = 0
    var minute = 0
    var second = 0
    var nanoseconds = 0
    var offsetSeconds: Int?
    var hasTime = false

    /// The date, or `nil` when a part is out of range (month 13, 31 June, hour 25).
    func resolved() -> FeedDate? {
        guard (1900...2200).contains(year), (1...12).contains(month) else { return nil }
        guard day >= 1, day <= FeedCalendar.daysInMonth(month, year: year) else { return nil }
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        let days = FeedCalendar.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - (offsetSeconds ?? 0)
        let date = Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9)
        return FeedDate(date: date, utcOffset: offsetSeconds, hasTime: hasTime)
    }
}

/// Civil-calendar arithmetic without `Calendar` (proleptic Gregorian, UTC).
enum FeedCalendar {
    /// Days from 1970-01-01 to the given date (Howard Hinnant's `days_from_civil`).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A cursor over a date's bytes; each `read…` method consumes what it recognises and nothing else.
private struct FeedDateScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The order, first match wins:
    /// 1. up to six words before the first number are skipped (weekdays, "Diperbarui", "Kompas.com-"); a month name
    ///    among them starts a month-first date instead (`Jun 18, 2025 7:30 PM EDT`, asctime's `Wed Jun 18 …`);
    /// 2. a number of four digits followed by `-` or `/`, or of eight digits, starts a year-first date (ISO 8601,
    ///    RFC 3339, `2025-06-18 07:30:00`);
    /// 3. any other number is the day: `18/06/2025` (`06/18/2025` when 18 cannot be a month), `18 Jun 2025`;
    /// 4. an optional time, zone and trailing comment follow; anything else left over makes the text junk.
    mutating func parse() -> FeedDate? {
        var skippedWords = 0
        while true {
            skipSeparators()
            guard position < bytes.count else { return nil }
            if isDigit(bytes[position]) { break }
            if let word = readWord(), let month = FeedDateNames.months[word] {
                return readMonthFirst(month: month)?.resolved()
            }
            skippedWords += 1
            if skippedWords > 6 { return nil }
        }
        let numberStart = position
        if let parts = readYearFirst() { return parts.resolved() }
        position = numberStart
        guard let (first, firstDigits) = readNumber(), firstDigits <= 2, position < bytes.count else { return nil }
        var parts = FeedDateParts()
        let separator = bytes[position]
        if separator == UInt8(ascii: "/") || separator == UInt8(ascii: "-") || separator == UInt8(ascii: "."),
            position + 1 < bytes.count, isDigit(bytes[position + 1])
        {
            // 18/06/2025, 18-06-2025, 18.06.2025
            position += 1
            guard let (second, secondDigits) = readNumber(), secondDigits <= 2, consume(separator),
                let year = readYear()
            else { return nil }
            let monthFirst = second > 12 && first <= 12
            parts.day = monthFirst ? second : first
            parts.month = monthFirst ? first : second
            parts.year = year
        } else {
            // 18 Jun 2025, 18-Jun-2025, 18. Juni 2025, 18th June 2025
            skipDateSeparators()
            var word = readWord()
            if let suffix = word, FeedDateNames.ordinalSuffixes.contains(suffix) {
                skipDateSeparators()
                word = readWord()
            }
            guard let word, let month = FeedDateNames.months[word] else { return nil }
            skipDateSeparators()
            guard let year = readYear() else { return nil }
            parts.day = first
            parts.month = month
            parts.year = year
        }
        guard readTimeAndZone(into: &parts) else { return nil }
        return parts.resolved()
    }

    /// `Jun 18, 2025 07:30 PM EDT`, `June 18 2025`, and asctime's `Jun 18 07:30:00 2025`, after the month name.
    private mutating func readMonthFirst(month: Int) -> FeedDateParts? {
        var parts = FeedDateParts()
        parts.month = month
        skipDateSeparators()
        guard let (day, dayDigits) = readNumber(), dayDigits <= 2 else { return nil }
        parts.day = day
        let afterDay = position
        if let suffix = readWord(), !FeedDateNames.ordinalSuffixes.contains(suffix) { position = afterDay }
        skipDateSeparators()
        if isTimeAhead() {
            // asctime: the time and zone come before the year.
            guard readTime(into: &parts) else { return nil }
            skipSpaces()
            _ = readZone(into: &parts)
            skipSpaces()
            guard let year = readYear() else { return nil }
            parts.year = year
            return readTrailer() ? parts : nil
        }
        guard let year = readYear() else { return nil }
        parts.year = year
        return readTimeAndZone(into: &parts) ? parts : nil
    }

    /// `2025-06-18`, `2025/06/18`, `20250618`, each with an optional `T` or space and a time, then a zone.
    private mutating func readYearFirst() -> FeedDateParts? {
        guard let (year, digits) = readNumber() else { return nil }
        var parts = FeedDateParts()
        if digits == 8 {
            parts.year = year / 10_000
            parts.month = year / 100 % 100
            parts.day = year % 100
        } else {
            guard digits == 4, position < bytes.count else { return nil }
            let separator = bytes[position]
            guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") else { return nil }
            position += 1
            guard let (month, monthDigits) = readNumber(), monthDigits <= 2, consume(separator),
                let (day, dayDigits) = readNumber(), dayDigits <= 2
            else { return nil }
            parts.year = year
            parts.month = month
            parts.day = day
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "t") {
            position += 1
            if !readTime(into: &parts) && !readBasicTime(into: &parts) { return nil }
            _ = readZone(into: &parts)
            return readTrailer() ? parts : nil
        }
        return readTimeAndZone(into: &parts) ? parts : nil
    }

    /// What may follow a date: separators (`,` `|` `-` `@`, `pukul`, `at`), a time, a zone and a trailer.
    private mutating func readTimeAndZone(into parts: inout FeedDateParts) -> Bool {
        let beforeSeparators = position
        skipTimeSeparators()
        if position < bytes.count, isDigit(bytes[position]) {
            guard readTime(into: &parts) else { return false }
        } else {
            position = beforeSeparators
        }
        skipSpaces()
        _ = readZone(into: &parts)
        return readTrailer()
    }

    /// `07:30`, `07:30:00`, `07:30:00.123`, `20.04`, then an optional `AM`/`PM`.
    private mutating func readTime(into parts: inout FeedDateParts) -> Bool {
        let start = position
        guard let (hour, hourDigits) = readNumber(), hourDigits <= 2, position < bytes.count,
            bytes[position] == UInt8(ascii: ":") || bytes[position] == UInt8(ascii: ".")
        else {
            position = start
            return false
        }
        position += 1
        guard let (minute, minuteDigits) = readNumber(), minuteDigits == 2 else { return false }
        parts.hour = hour
        parts.minute = minute
        parts.hasTime = true
        if consume(UInt8(ascii: ":")) {
            guard let (second, secondDigits) = readNumber(), secondDigits == 2 else { return false }
            parts.second = second
            readFraction(into: &parts)
        }
        return readMeridiem(into: &parts)
    }

    /// ISO 8601's basic format after `T`: `073000` or `0730`.
    private mutating func readBasicTime(into parts: inout FeedDateParts) -> Bool {
        guard let (value, digits) = readNumber() else { return false }
        switch digits {
        case 4:
            parts.hour = value / 100
            parts.minute = value % 100
        case 6:
            parts.hour = value / 10_000
            parts.minute = value / 100 % 100
            parts.second = value % 100
            readFraction(into: &parts)
        default:
            return false
        }
        parts.hasTime = true
        return true
    }

    /// `.123` or `,123456789` after the seconds; digits past nanoseconds are read and ignored.
    private mutating func readFraction(into parts: inout FeedDateParts) {
        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: ".") || bytes[position] == UInt8(ascii: ","),
            isDigit(bytes[position + 1])
        else { return }
        position += 1
        var nanoseconds = 0
        var digits = 0
        while position < bytes.count, isDigit(bytes[position]) {
            if digits < 9 {
                nanoseconds = nanoseconds * 10 + Int(bytes[position] &- 0x30)
                digits += 1
            }
            position += 1
        }
        while digits < 9 {
            nanoseconds *= 10
            digits += 1
        }
        parts.nanoseconds = nanoseconds
    }

    /// `AM`, `PM`, `a.m.`, `p.m.` after a twelve-hour time.
    private mutating func readMeridiem(into parts: inout FeedDateParts) -> Bool {
        let start = position
        skipSpaces()
        guard position < bytes.count else { return true }
        let first = bytes[position] | 0x20
        guard first == UInt8(ascii: "a") || first == UInt8(ascii: "p") else {
            position = start
            return true
        }
        var cursor = position + 1
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") { cursor += 1 }
        guard cursor < bytes.count, bytes[cursor] | 0x20 == UInt8(ascii: "m") else {
            position = start
            return true
        }
        cursor += 1
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") { cursor += 1 }
        // "AM" followed by more letters is a word, not a meridiem.
        if cursor < bytes.count, isLetter(bytes[cursor]) {
            position = start
            return true
        }
        guard (1...12).contains(parts.hour) else { return false }
        parts.hour = parts.hour % 12 + (first == UInt8(ascii: "p") ? 12 : 0)
        position = cursor
        return true
    }

    /// A numeric offset (`+0700`, `+07:00`, `-05`), `Z`, or a zone name, possibly followed by an offset
    /// (`GMT+7`, `UTC+07:00`). Returns whether anything was read; an unknown name leaves the zone assumed.
    private mutating func readZone(into parts: inout FeedDateParts) -> Bool {
        guard position < bytes.count else { return false }
        if let offset = readOffset() {
            parts.offsetSeconds = offset
            return true
        }
        let start = position
        guard let word = readWord() else { return false }
        if let minutes = FeedDateNames.zones[word] {
            parts.offsetSeconds = minutes * 60
            if minutes == 0, let offset = readOffset() { parts.offsetSeconds = offset }
            return true
        }
        let length = position - start
        if (3...5).contains(length) {
            // An unknown zone name (RFC 5322 §4.3): the instant is read as UTC and flagged as a guess.
            parts.offsetSeconds = nil
            return true
        }
        position = start
        return false
    }

    /// `+0700`, `+07:00`, `-05`, `+7`; `nil` (and nothing consumed) when there is none or it is out of range.
    private mutating func readOffset() -> Int? {
        guard position + 1 < bytes.count else { return nil }
        let sign = bytes[position]
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), isDigit(bytes[position + 1]) else { return nil }
        let start = position
        position += 1
        guard let (value, digits) = readNumber() else { return nil }
        var hours = 0
        var minutes = 0
        switch digits {
        case 1, 2:
            hours = value
            if consume(UInt8(ascii: ":")) {
                guard let (minuteValue, minuteDigits) = readNumber(), minuteDigits == 2 else {
                    position = start
                    return nil
                }
                minutes = minuteValue
            }
        case 4:
            hours = value / 100
            minutes = value % 100
        default:
            position = start
            return nil
        }
        guard hours <= 18, minutes <= 59 else {
            position = start
            return nil
        }
        let seconds = hours * 3_600 + minutes * 60
        return sign == UInt8(ascii: "-") ? -seconds : seconds
    }

    /// Only white space, full stops and a parenthesised comment (`(WIB)`) may follow a date.
    private mutating func readTrailer() -> Bool {
        while position < bytes.count {
            let byte = bytes[position]
            let space = spaceLength(at: position)
            if space > 0 {
                position += space
            } else if byte == UInt8(ascii: ".") {
                position += 1
            } else if byte == UInt8(ascii: "(") {
                guard let close = bytes[position...].firstIndex(of: UInt8(ascii: ")")) else { return false }
                position = close + 1
            } else {
                return false
            }
        }
        return true
    }

    /// Whether a time (`07:30`) starts here.
    private func isTimeAhead() -> Bool {
        var cursor = position
        while cursor < bytes.count, isDigit(bytes[cursor]) { cursor += 1 }
        return cursor > position && cursor - position <= 2 && cursor < bytes.count && bytes[cursor] == UInt8(ascii: ":")
    }

    /// A year of four digits, or two (below 50: 20xx; otherwise 19xx).
    private mutating func readYear() -> Int? {
        guard let (value, digits) = readNumber() else { return nil }
        switch digits {
        case 4: return value
        case 2: return value < 50 ? 2000 + value : 1900 + value
        default: return nil
        }
    }

    /// Up to nine decimal digits and how many there were; longer runs are not part of a date.
    private mutating func readNumber() -> (Int, Int)? {
        var value = 0
        var digits = 0
        while position < bytes.count, isDigit(bytes[position]) {
            guard digits < 9 else { return nil }
            value = value * 10 + Int(bytes[position] &- 0x30)
            digits += 1
            position += 1
        }
        return digits > 0 ? (value, digits) : nil
    }

    /// An ASCII word, case-folded and packed into a key (see ``FeedDateNames/key(_:)``); apostrophes inside it are
    /// skipped (`Jum'at`, `Jum’at`). Returns `nil`, consuming the word, when it is longer than twelve letters.
    private mutating func readWord() -> UInt64? {
        guard position < bytes.count, isLetter(bytes[position]) else { return nil }
        var key: UInt64 = 0
        var letters = 0
        while position < bytes.count {
            let byte = bytes[position]
            if isLetter(byte) {
                letters += 1
                if letters <= 12 { key = key << 5 | UInt64((byte | 0x20) &- 0x60) }
                position += 1
            } else if byte == UInt8(ascii: "'"), position + 1 < bytes.count, isLetter(bytes[position + 1]) {
                position += 1
            } else if byte == 0xE2, position + 3 < bytes.count, bytes[position + 1] == 0x80,
                bytes[position + 2] == 0x99, isLetter(bytes[position + 3])
            {
                position += 3
            } else {
                break
            }
        }
        return letters <= 12 ? key : nil
    }

    @discardableResult
    private mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func skipSpaces() {
        while position < bytes.count {
            let length = spaceLength(at: position)
            guard length > 0 else { return }
            position += length
        }
    }

    /// Between the parts of a date: spaces, `,`, `-`, `.`, `/`.
    private mutating func skipDateSeparators() {
        while position < bytes.count {
            let byte = bytes[position]
            let space = spaceLength(at: position)
            if space > 0 {
                position += space
                continue
            }
            guard
                byte == UInt8(ascii: ",") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: "/")
            else { return }
            position += 1
        }
    }

    /// Between a date and its time: spaces, `,`, `|`, `@`, `T`, `-` when a time follows it, and the words `pukul`,
    /// `jam`, `at`.
    private mutating func skipTimeSeparators() {
        while position < bytes.count {
            let byte = bytes[position]
            let space = spaceLength(at: position)
            if space > 0 {
                position += space
            } else if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "|") || byte == UInt8(ascii: "@") {
                position += 1
            } else if byte == UInt8(ascii: "-") {
                let saved = position
                position += 1
                skipSpaces()
                if isTimeAhead() || isDottedTimeAhead() { continue }
                position = saved
                return
            } else if isLetter(byte) {
                let start = position
                if let word = readWord(), FeedDateNames.timeWords.contains(word) { continue }
                position = start
                return
            } else {
                return
            }
        }
    }

    /// Whether a time written with a dot (`20.04`) starts here.
    private func isDottedTimeAhead() -> Bool {
        var cursor = position
        while cursor < bytes.count, isDigit(bytes[cursor]) { cursor += 1 }
        return cursor > position && cursor - position <= 2 && cursor < bytes.count
            && bytes[cursor] == UInt8(ascii: ".")
    }

    /// Skips what may stand between words before a date: anything but letters and digits, including non-ASCII
    /// bytes such as the no-break space in `, Jurnalis-Senin`.
    private mutating func skipSeparators() {
        while position < bytes.count, !isLetter(bytes[position]), !isDigit(bytes[position]) { position += 1 }
    }

    @inline(__always) private func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    @inline(__always) private func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
    /// The length of the white space at `index`: 1 for ASCII space, tab and line breaks, 2 for a no-break space
    /// (U+00A0, which pages put after a weekday's comma), 0 otherwise.
    @inline(__always) private func spaceLength(at index: Int) -> Int {
        let byte = bytes[index]
        if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { return 1 }
        if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 { return 2 }
        return 0
    }
}
