/// Outlets that relay news into Indonesian and English reporting, lower-case, from
/// `shared/notes/id-reporting-verbs.md` §3 plus common English titles. A name here after "kepada"/"told" or
/// before "melaporkan"/"reported" is an outlet; an acronym of a name here that the article also spells out
/// ("MEE" after "Middle East Eye") is one too.
enum OutletNames {
    static let names: Set<String> = [
        "reuters", "afp", "ap", "associated press", "al jazeera", "cnn", "bbc", "xinhua", "anadolu", "irna",
        "tasnim", "fars", "isna", "mehr", "press tv", "sputnik", "tass", "bernama", "antara", "kompas",
        "kompas.com", "detikcom", "detik.com", "tribunnews.com", "tempo", "cnn indonesia", "liputan6.com", "kumparan",
        "okezone", "republika", "media indonesia", "jawa pos", "times of israel", "the times of israel", "haaretz",
        "the guardian", "guardian", "new york times", "the new york times", "washington post",
        "the washington post", "bloomberg", "axios", "politico", "middle east eye", "etemad", "financial times",
        "wall street journal", "the wall street journal", "al arabiya", "sky news", "nbc", "cbs", "abc",
        "fox news", "npr", "kyodo", "yonhap", "nhk", "dpa", "efe", "ansa", "the national", "arab news",
    ]

    /// Last words that mark a name as a publication ("Middle East Eye", "Arab News", "Press TV").
    static let mediaWords: Set<String> = [
        "eye", "news", "times", "post", "journal", "tv", "radio", "press", "daily", "tribune", "herald",
        "guardian", "telegraph", "agency", "media", "network", "monitor", "gazette", "chronicle", "com",
    ]
}
