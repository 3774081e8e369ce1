import Foundation

/// A proleptic Gregorian calendar day, with the day arithmetic the date rules need and no `Calendar`.
///
/// Days count from 1970-01-01 (day 0); the conversions are Howard Hinnant's `days_from_civil` and
/// `civil_from_days`, exact for every year Warta meets.
package struct CivilDate: Hashable, Comparable, Sendable {
    package var year: Int
    package var month: Int
    package var day: Int

    package init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The calendar day that holds `date` at a fixed offset from UTC, in seconds.
    init(_ date: Date, utcOffset: Int) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + utcOffset
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        self.init(days: days)
    }

    /// The day `days` after 1970-01-01.
    package init(days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01.
    package var days: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// ISO weekday: Monday 1 to Sunday 7.
    var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        let index = ((days % 7) + 7 + 3) % 7
        return index + 1
    }

    /// The Monday of this day's week.
    var monday: CivilDate { CivilDate(days: days - (weekday - 1)) }

    /// This day moved by whole days.
    func adding(days count: Int) -> CivilDate { CivilDate(days: days + count) }

    /// The instant at 12:00 UTC of this day: the same calendar day in every zone from UTC−11 to UTC+11.
    var noonUTC: Date { Date(timeIntervalSince1970: TimeInterval(days * 86_400 + 43_200)) }

    /// The number of days in a month.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whether year, month and day name a real calendar day.
    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        month >= 1 && month <= 12 && day >= 1 && day <= daysIn(month: month, year: year)
    }

    package static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
