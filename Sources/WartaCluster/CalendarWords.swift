/// Month and weekday names in English, Indonesian and Malay (CLDR 47, wide and common short forms), lower-case:
/// capitalised, but never names of the people, places and organisations that tie articles to one event.
enum CalendarWords {
    static let all: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "januari", "februari", "maret", "mei", "juni", "juli", "agustus", "oktober", "desember", "pebruari",
        "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "ahad",
        "mac", "julai", "ogos", "disember", "isnin", "khamis", "jumaat",
    ]
}
