import WartaCore

extension DateLexicon {
    /// Indonesian date words: CLDR 47 `id` month and weekday names with the old spellings news still uses
    /// ("Pebruari", "Nopember", "Jum'at"), and the relative words of `shared/notes/id-dates.md`.
    static let indonesian = DateLexicon(
        months: [
            "januari": 1, "djanuari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6,
            "juli": 7, "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11, "desember": 12,
        ],
        monthAbbreviations: [
            "jan": 1, "feb": 2, "peb": 2, "mar": 3, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agt": 8,
            "ags": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "nop": 11, "des": 12,
        ],
        weekdays: [
            "senin": 1, "selasa": 2, "rabu": 3, "kamis": 4, "jumat": 5, "jum'at": 5, "jum\u{2019}at": 5, "sabtu": 6,
            "minggu": 7, "ahad": 7,
        ],
        dayOffsets: ["kemarin": -1, "besok": 1, "lusa": 2, "semalam": -1],
        dayPhrases: [
            "hari ini": 0, "kemarin lusa": -2, "tadi malam": -1, "esok hari": 1, "hari kemarin": -1, "pagi ini": 0,
            "siang ini": 0, "sore ini": 0, "malam ini": 0, "tadi pagi": 0, "tadi siang": 0, "tadi sore": 0,
        ],
        units: ["hari": .day, "pekan": .week, "minggu": .week, "bulan": .month, "tahun": .year],
        directionsAfter: [
            "lalu": -1, "silam": -1, "kemarin": -1, "ini": 0, "depan": 1, "mendatang": 1, "nanti": 1,
        ],
        countDirectionsAfter: ["lalu": -1, "silam": -1, "lagi": 1, "kemudian": 1],
        countPrefixes: ["dalam"],
        numbers: [
            "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
            "sembilan": 9, "sepuluh": 10, "sebelas": 11,
        ],
        oneUnitWords: ["sehari": .day, "sepekan": .week, "seminggu": .week, "sebulan": .month, "setahun": .year],
        modifiers: ["awal": .early, "pertengahan": .mid, "medio": .mid, "akhir": .late, "penghujung": .late],
        triggers: [
            "sejak", "pada", "hingga", "sampai", "bulan", "tahun", "awal", "akhir", "pertengahan", "medio",
            "penghujung", "selama", "antara", "jelang", "menjelang", "tanggal", "per", "mulai", "sepanjang",
        ],
        monthNouns: ["bulan"],
        yearNouns: ["tahun"],
        dayNouns: ["hari"],
        futureMarkers: [
            "akan", "bakal", "rencananya", "direncanakan", "dijadwalkan", "nanti", "mendatang", "depan", "hendak",
        ],
        timeWords: ["pukul", "jam"],
        timeZones: ["wib", "wita", "wit", "gmt", "utc", "waktu", "setempat"],
        dayParts: ["pagi", "siang", "sore", "petang", "malam", "dini"],
        weekdaysNeedingCapital: ["minggu"],
        numberingWords: ["nomor", "nomer", "no"]
    )
}
