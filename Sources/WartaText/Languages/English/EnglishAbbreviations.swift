/// English abbreviations that end in a period, lower-case, without their final period.
enum EnglishAbbreviations {
    /// Abbreviations that never end a sentence.
    static let inner: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "sgt", "capt", "gov", "sen",
        "rep", "rev", "hon", "pres", "supt", "insp", "no", "nos", "vol", "pp", "fig", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "vs", "approx",
        "dept", "est", "inc", "ltd", "co", "corp", "ave", "blvd", "rd", "a.m", "p.m", "d.c", "u.s.a",
    ]
    /// Abbreviations that may end a sentence.
    static let terminal: Set<String> = ["etc", "al"]
}
