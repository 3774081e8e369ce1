import Foundation
import WartaCore

/// Reads the dates that pages write: ISO 8601 and its loose variants, RFC 822, URL paths and Indonesian or
/// English datelines.
///
/// Every date must fall between 1995-01-01 and the fetch time (plus a day, for time zones); anything outside is
/// a trap (a copyright year, a cookie expiry) and is refused.
enum HTMLDate {
    /// The earliest date a news page can carry.
    static let earliest = Date(timeIntervalSince1970: 788_918_400)  // 1995-01-01T00:00:00Z

    /// The parts of a date as written.
    struct Parts: Equatable {
        var year: Int
        var month: Int
        var day: Int
        var hour = 0
        var minute = 0
        var second = 0
        /// Seconds east of UTC, when the text gave a zone.
        var offset: Int?
        /// Whether a time of day was given.
        var hasTime = false

        /// The instant, reading a missing zone as `defaultOffset` (UTC when `nil`).
        func date(defaultOffset: Int? = nil) -> Date? {
            guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
                (0...60).contains(second)
            else { return nil }
            var components = DateComponents()
            components.year = year
            components.month = month
            components.day = day
            components.hour = hour
            components.minute = minute
            components.second = min(second, 59)
            components.timeZone = TimeZone(secondsFromGMT: offset ?? defaultOffset ?? 0)
            return HTMLDate.calendar.date(from: components)
        }
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()

    /// Whether `date` is plausible for a page fetched at `fetchedAt`.
    static func isPlausible(_ date: Date, fetchedAt: Date?) -> Bool {
        guard date >= earliest else { return false }
        if let fetchedAt, date > fetchedAt.addingTimeInterval(86_400) { return false }
        return true
    }

    // MARK: - ISO 8601 and friends

    /// Reads `2024-07-11`, `2024-07-11T10:08:58+07:00`, `2024-07-11 10:08:58`, `2015-11-05 T10:08:58Z`,
    /// `2024/07/11`, `20240711T100858Z` and RFC 822 (`Thu, 11 Jul 2024 10:08:58 +0700`).
    /// - Complexity: O(n) in the length of the text.
    static func parse(_ text: String) -> Parts? {
        let bytes = Array(text.utf8.prefix(80))
        if let parts = parseISO(bytes) { return parts }
        return parseWritten(text)
    }

    private static func parseISO(_ bytes: [UInt8]) -> Parts? {
        var index = 0
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<width {
                let byte = bytes[index + offset]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += width
            return value
        }
        func skip(_ byte: UInt8) -> Bool {
            if index < bytes.count, bytes[index] == byte {
                index += 1
                return true
            }
            return false
        }
        guard let year = number(4), year >= 1900, year <= 2200 else { return nil }
        let dateSeparator: UInt8? =
            index < bytes.count && (bytes[index] == 0x2D || bytes[index] == 0x2F) ? bytes[index] : nil
        if dateSeparator != nil { index += 1 }
        guard let month = number(2) ?? (dateSeparator != nil ? number(1) : nil) else { return nil }
        if let dateSeparator { guard skip(dateSeparator) else { return nil } }
        guard let day = number(2) ?? (dateSeparator != nil ? number(1) : nil) else { return nil }
        var parts = Parts(year: year, month: month, day: day)
        // Time: "T", " ", " T" or nothing.
        var save = index
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        _ = skip(0x54) || skip(0x74)
        if let hour = number(2) {
            _ = skip(0x3A)
            if let minute = number(2) {
                parts.hour = hour
                parts.minute = minute
                parts.hasTime = true
                _ = skip(0x3A)
                if let second = number(2) { parts.second = second }
                if skip(0x2E) || skip(0x2C) {
                    while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
                }
                save = index
                while index < bytes.count, bytes[index] == 0x20 { index += 1 }
                if skip(0x5A) || skip(0x7A) {
                    parts.offset = 0
                } else if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D {
                    let sign = bytes[index] == 0x2D ? -1 : 1
                    index += 1
                    if let hours = number(2) {
                        _ = skip(0x3A)
                        let minutes = number(2) ?? 0
                        parts.offset = sign * (hours * 3600 + minutes * 60)
                    }
                } else {
                    index = save
                    parts.offset = zoneName(bytes[index...])
                }
            }
        } else {
            index = save
        }
        return parts
    }

    /// Time-zone names pages write after a local time.
    private static func zoneName(_ rest: ArraySlice<UInt8>) -> Int? {
        let word = String(decoding: rest.drop { $0 == 0x20 }.prefix { $0 != 0x20 && $0 != 0x29 }, as: UTF8.self)
            .uppercased()
        return zoneOffsets[word]
    }

    static let zoneOffsets: [String: Int] = [
        "WIB": 7 * 3600, "WITA": 8 * 3600, "WIT": 9 * 3600, "UTC": 0, "GMT": 0, "Z": 0,
        "EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600, "MST": -7 * 3600,
        "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600, "BST": 3600, "CET": 3600, "CEST": 7200,
        "IST": 19800, "JST": 9 * 3600, "KST": 9 * 3600, "AEST": 10 * 3600, "AEDT": 11 * 3600, "SGT": 8 * 3600,
    ]

    // MARK: - Written dates

    /// Month names, English and Indonesian, full and short.
    static let months: [String: Int] = {
        var table: [String: Int] = [:]
        let english = [
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december",
        ]
        let indonesian = [
            "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
            "november", "desember",
        ]
        for (offset, name) in english.enumerated() {
            table[name] = offset + 1
            table[String(name.prefix(3))] = offset + 1
        }
        for (offset, name) in indonesian.enumerated() {
            table[name] = offset + 1
            table[String(name.prefix(3))] = offset + 1
        }
        table["sept"] = 9
        table["agt"] = 8
        table["okt"] = 10
        table["des"] = 12
        table["ags"] = 8
        return table
    }()

    private static let writtenDayFirst: NSRegularExpression? = try? NSRegularExpression(
        pattern:
            #"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+((?:19|20)\d\d)(?:[\s,|\-–]+(?:pukul\s+)?(\d{1,2})[:.](\d\d)(?::(\d\d))?\s*([A-Za-z]{1,4}|[+-]\d\d:?\d\d)?)?"#,
        options: [.caseInsensitive])
    private static let writtenMonthFirst: NSRegularExpression? = try? NSRegularExpression(
        pattern:
            #"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)(?:[\s,|\-–@at]+(\d{1,2})[:.](\d\d)(?::(\d\d))?\s*(am|pm|a\.m\.|p\.m\.)?\s*([A-Za-z]{1,4})?)?"#,
        options: [.caseInsensitive])
    private static let numericDayFirst: NSRegularExpression? = try? NSRegularExpression(
        pattern: #"\((\d{1,2})/(\d{1,2})/((?:19|20)?\d\d)\)"#, options: [])

    /// Whether `text` holds what every pattern of ``parseWritten(_:)`` needs: the written patterns a year that
    /// starts with the ASCII digits "19" or "20", the numeric one "(" and "/". Most paragraphs hold neither, and
    /// this byte scan spares them three regular expressions.
    private static func mayHoldWrittenDate(_ text: String) -> Bool {
        if holdsYear(text.utf8) { return true }
        return text.utf8.contains(0x28) && text.utf8.contains(0x2F)
    }

    /// Whether `bytes` hold "19" or "20", the first digits of every year a written date may carry.
    static func holdsYear(_ bytes: some Sequence<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if (previous == 0x31 && byte == 0x39) || (previous == 0x32 && byte == 0x30) { return true }
            previous = byte
        }
        return false
    }

    /// Reads a written date: "Kamis, 05 November 2015 14:56 WIB", "5 Nov 2015", "November 5, 2015 2:30 PM EST",
    /// "Thu, 05 Nov 2015 14:56:43 +0700".
    static func parseWritten(_ text: String) -> Parts? {
        guard mayHoldWrittenDate(text) else { return nil }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        func group(_ match: NSTextCheckingResult, _ number: Int) -> String? {
            guard number < match.numberOfRanges, let found = Range(match.range(at: number), in: text) else {
                return nil
            }
            return String(text[found])
        }
        var best: (location: Int, parts: Parts)?
        if let expression = writtenDayFirst, let match = expression.firstMatch(in: text, range: range),
            let monthName = group(match, 2), let month = months[monthName.lowercased()],
            let day = group(match, 1).flatMap({ Int($0) }), let year = group(match, 3).flatMap({ Int($0) })
        {
            var parts = Parts(year: year, month: month, day: day)
            if let hour = group(match, 4).flatMap({ Int($0) }), let minute = group(match, 5).flatMap({ Int($0) }) {
                parts.hour = hour
                parts.minute = minute
                parts.second = group(match, 6).flatMap { Int($0) } ?? 0
                parts.hasTime = true
                parts.offset = group(match, 7).flatMap(offset(from:))
            }
            best = (match.range.location, parts)
        }
        if let expression = writtenMonthFirst, let match = expression.firstMatch(in: text, range: range),
            best == nil || match.range.location < best?.location ?? 0,
            let monthName = group(match, 1), let month = months[monthName.lowercased()],
            let day = group(match, 2).flatMap({ Int($0) }), let year = group(match, 3).flatMap({ Int($0) })
        {
            var parts = Parts(year: year, month: month, day: day)
            if var hour = group(match, 4).flatMap({ Int($0) }), let minute = group(match, 5).flatMap({ Int($0) }) {
                let meridiem = group(match, 7)?.lowercased().filter { $0 != "." }
                if meridiem == "pm", hour < 12 { hour += 12 }
                if meridiem == "am", hour == 12 { hour = 0 }
                parts.hour = hour
                parts.minute = minute
                parts.second = group(match, 6).flatMap { Int($0) } ?? 0
                parts.hasTime = true
                parts.offset = group(match, 8).flatMap(offset(from:))
            }
            best = (match.range.location, parts)
        }
        if best == nil, let expression = numericDayFirst, let match = expression.firstMatch(in: text, range: range),
            let day = group(match, 1).flatMap({ Int($0) }), let month = group(match, 2).flatMap({ Int($0) }),
            var year = group(match, 3).flatMap({ Int($0) })
        {
            if year < 100 { year += 2000 }
            best = (match.range.location, Parts(year: year, month: month, day: day))
        }
        return best?.parts
    }

    private static let numericDate: NSRegularExpression? = try? NSRegularExpression(
        pattern: #"(?<![\d./-])(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d\d)(?![\d./-])"#, options: [])

    /// Reads an all-numeric date standing in a short text: "17.05.2021", "10/31/2024", "4/24/2000 12:00:00 AM".
    /// Dots are day first; with slashes or hyphens a number above 12 tells which is the day, and otherwise
    /// `monthFirst` decides (American English pages write the month first).
    static func parseNumeric(_ text: String, monthFirst: Bool) -> Parts? {
        guard text.utf8.count <= 120, let expression = numericDate else { return nil }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        guard let match = expression.firstMatch(in: text, range: range) else { return nil }
        func number(_ group: Int) -> Int? {
            Range(match.range(at: group), in: text).flatMap { Int(text[$0]) }
        }
        guard let first = number(1), let second = number(3), let year = number(4),
            let separator = Range(match.range(at: 2), in: text).map({ text[$0] })
        else { return nil }
        let dayFirst: Bool
        if separator == "." || first > 12 {
            dayFirst = true
        } else if second > 12 {
            dayFirst = false
        } else {
            dayFirst = !monthFirst
        }
        let parts =
            dayFirst ? Parts(year: year, month: second, day: first) : Parts(year: year, month: first, day: second)
        guard (1...12).contains(parts.month), (1...31).contains(parts.day) else { return nil }
        return parts
    }

    private static func offset(from zone: String) -> Int? {
        if let named = zoneOffsets[zone.uppercased()] { return named }
        let bytes = Array(zone.utf8)
        guard bytes.count >= 5, bytes[0] == 0x2B || bytes[0] == 0x2D else { return nil }
        let digits = bytes.dropFirst().filter { $0 != 0x3A }
        guard digits.count == 4, let value = Int(String(decoding: digits, as: UTF8.self)) else { return nil }
        let seconds = (value / 100) * 3600 + (value % 100) * 60
        return bytes[0] == 0x2D ? -seconds : seconds
    }

    // MARK: - URLs

    /// A full date in a URL path: `/2024/07/11/`, `/2024-07-11/`, `/20240711`.
    static func fromURL(_ url: String) -> Parts? {
        let bytes = Array(url.utf8)
        var index = 0
        func digits(at start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[start + offset]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        while index < bytes.count {
            defer { index += 1 }
            guard bytes[index] == 0x2F || bytes[index] == 0x2D || bytes[index] == 0x5F else { continue }
            let start = index + 1
            guard let year = digits(at: start, 4), (1995...2099).contains(year) else { continue }
            // "/2024/07/11" or "/2024-07-11"
            if start + 4 < bytes.count, bytes[start + 4] == 0x2F || bytes[start + 4] == 0x2D {
                let separator = bytes[start + 4]
                if let month = digits(at: start + 5, 2), start + 7 < bytes.count, bytes[start + 7] == separator,
                    let day = digits(at: start + 8, 2), (1...12).contains(month), (1...31).contains(day)
                {
                    let after = start + 10
                    if after >= bytes.count || !(bytes[after] >= 0x30 && bytes[after] <= 0x39) {
                        return Parts(year: year, month: month, day: day)
                    }
                }
            }
            // "/20240711" followed by a non-digit.
            if let month = digits(at: start + 4, 2), let day = digits(at: start + 6, 2), (1...12).contains(month),
                (1...31).contains(day)
            {
                let after = start + 8
                if after >= bytes.count || !(bytes[after] >= 0x30 && bytes[after] <= 0x39) {
                    return Parts(year: year, month: month, day: day)
                }
            }
        }
        return nil
    }
}
