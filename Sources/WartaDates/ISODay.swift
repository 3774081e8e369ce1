import Foundation

/// Reads and writes ISO 8601 dates without a date formatter.
public enum ISODay {
    /// "2024-07-11" for a day number (days since 1970-01-01).
    public static func string(days: Int) -> String {
        let date = CivilDate(days: days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(date.year, 4) + "-" + pad(date.month, 2) + "-" + pad(date.day, 2)
    }

    /// The UTC day of `date` as "2024-07-11" (an ICU date formatter per call cost more than a whole view).
    public static func string(_ date: Date) -> String {
        string(days: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// Days since 1970 for "2024-07-11", "2024-07-11T08:00:00+07:00", "2024-07-11T08:00Z" or
    /// "2014-03-10 16:52:00" (no zone: UTC); the day alone when what follows the date is not a time; `nil` when
    /// it does not start with a date. Read by hand, byte by byte: a date formatter
    /// per record cost more than the clustering.
    public static func days(_ text: String) -> Double? {
        let bytes = Array(text.utf8.drop { $0 == 0x20 })
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[from..<(from + count)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), bytes.count >= 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
            let month = number(5, 2), let day = number(8, 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var days = Double(CivilDate(year: year, month: month, day: day).days)
        guard bytes.count > 10 else { return days }
        guard bytes[10] == 0x54 || bytes[10] == 0x20, let hour = number(11, 2), bytes.count >= 16, bytes[13] == 0x3A,
            let minute = number(14, 2), hour < 24, minute < 60
        else { return days }
        var index = 16
        var second = 0
        if bytes.count >= 19, bytes[16] == 0x3A, let value = number(17, 2) {
            second = min(value, 60)
            index = 19
            // Fractions of a second.
            if index < bytes.count, bytes[index] == 0x2E {
                index += 1
                while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            }
        }
        var offset = 0
        if index < bytes.count {
            switch bytes[index] {
            case 0x5A:  // Z
                index += 1
            case 0x2B, 0x2D:
                let sign = bytes[index] == 0x2D ? -1 : 1
                guard let hours = number(index + 1, 2) else { return days }
                var minutes = 0
                if let value = number(index + 4, 2), bytes[index + 3] == 0x3A {
                    minutes = value
                    index += 6
                } else if let value = number(index + 3, 2) {
                    minutes = value
                    index += 5
                } else {
                    index += 3
                }
                offset = sign * (hours * 60 + minutes)
            default:
                return days
            }
        }
        guard index == bytes.count || bytes[index...].allSatisfy({ $0 == 0x20 }) else { return days }
        days += (Double(hour * 3_600 + minute * 60 + second) - Double(offset * 60)) / 86_400
        return days
    }
}
