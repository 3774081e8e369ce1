/// Indonesian abbreviations that end in a period, lower-case, without their final period.
enum IndonesianAbbreviations {
    /// Abbreviations that never end a sentence: titles, honorifics, address and number words.
    static let inner: Set<String> = [
        "dr", "drs", "dra", "prof", "h", "hj", "ir", "kh", "st", "sdr", "sdri", "bpk", "ibu", "yth", "tn", "ny", "nn",
        "jl", "jln", "gg", "kec", "kab", "kel", "prov", "no", "nomor", "hlm", "tlp", "telp", "a.n", "u.p", "s.h",
        "s.e", "s.pd", "s.sos", "s.ip", "s.kom", "s.t", "m.si", "m.m", "m.h", "m.pd", "m.a", "ph.d", "s.ag", "s.psi",
        "lc", "kol", "let", "mayjen", "brigjen", "kompol", "akbp", "ipda", "iptu", "aiptu", "bripka", "brigadir",
        "jend", "letjen", "marsda", "laksda", "kapt", "sersan", "serma", "pol", "pdt", "rp", "tgl", "thn", "bln",
    ]
    /// Abbreviations that may end a sentence (break only when a capitalised word follows).
    static let terminal: Set<String> = ["dll", "dsb", "dst", "dkk", "ybs", "sbb", "tsb", "dll.nya"]
}
