import WartaDates

/// The words ``FeedDate`` knows: month names (English and Indonesian), zone names, ordinal suffixes and the words
/// that may stand between a date and its time. Weekday names need no table: the parser skips any word before a date.
///
/// Words are looked up by a key, not a `String`: each ASCII letter, case-folded, packed into five bits (`a` = 1 …
/// `z` = 26), so a word of up to twelve letters is one `UInt64` and a lookup allocates nothing.
enum FeedDateNames {
    /// The key of a lower-case ASCII word of at most twelve letters, as the parser computes it from bytes.
    static func key(_ word: String) -> UInt64 {
        var key: UInt64 = 0
        for byte in word.utf8 where (byte | 0x20) &- 0x61 < 26 {
            key = key << 5 | UInt64((byte | 0x20) &- 0x60)
        }
        return key
    }

    private static func table(_ entries: [(String, Int)]) -> [UInt64: Int] {
        var table: [UInt64: Int] = [:]
        for (word, value) in entries { table[key(word)] = value }
        return table
    }

    /// Month names and abbreviations, English and Indonesian (WartaDates' lexicons: Pebruari, Nopember, Agt …), to
    /// month numbers.
    static let months: [UInt64: Int] = table(MonthNames.all.map { ($0.key, $0.value) })

    /// Zone names to offsets from UTC in minutes. Military letters: `A`–`I` are +1 to +9, `K`–`M` +10 to +12,
    /// `N`–`Y` −1 to −12, `Z` is UTC (`J`, local time, has no offset and is not listed).
    static let zones: [UInt64: Int] = {
        var entries: [(String, Int)] = [
            ("gmt", 0), ("ut", 0), ("utc", 0), ("z", 0),
            ("est", -300), ("edt", -240), ("cst", -360), ("cdt", -300), ("mst", -420), ("mdt", -360),
            ("pst", -480), ("pdt", -420),
            // Indonesia: Waktu Indonesia Barat, Tengah, Timur.
            ("wib", 420), ("wita", 480), ("wit", 540),
        ]
        let letters = Array("abcdefghiklmnopqrstuvwxy")
        for (index, letter) in letters.enumerated() {
            let hours = index < 12 ? index + 1 : -(index - 11)
            entries.append((String(letter), hours * 60))
        }
        return table(entries)
    }()

    /// `st`, `nd`, `rd`, `th` after a day number (`18th June 2025`).
    static let ordinalSuffixes: Set<UInt64> = Set(["st", "nd", "rd", "th"].map(key))

    /// Words between a date and its time: `pukul` and `jam` (Indonesian), `at`.
    static let timeWords: Set<UInt64> = Set(["pukul", "jam", "at"].map(key))
}
