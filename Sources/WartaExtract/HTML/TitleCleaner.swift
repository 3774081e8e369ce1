import Foundation

/// Takes the outlet's name off a page title: "Prostitusi merambah pelajar Lampung - ANTARA News" → "Prostitusi
/// merambah pelajar Lampung".
enum TitleCleaner {
    private static let separators = [
        " | ", " - ", " \u{2013} ", " \u{2014} ", " :: ", " \u{00BB} ", " \u{00B7} ", " / ",
    ]

    /// The title without a leading or trailing segment that names the site.
    ///
    /// A segment names the site when, compared as lower-case letters and digits only, it contains or is contained
    /// in the site name or the host's main label (`antaranews` for `www.antaranews.com`). Without such evidence
    /// a trailing segment of at most three words is dropped when the rest is at least twice as long.
    static func clean(_ title: String, siteName: String?, host: String?) -> String {
        let folded = PlainTextExtractor.foldSpaces(title)
        // An ASCII title holds none of the non-ASCII separators and the ASCII ones as bytes; Foundation's search
        // is asked only about other titles.
        let isASCII = ASCII.isASCII(folded)
        func holds(_ separator: String) -> Bool {
            guard isASCII else { return folded.contains(separator) }
            return ASCII.contains(folded, separator)
        }
        var parts: [String] = [folded]
        for separator in separators where holds(separator) {
            parts = folded.components(separatedBy: separator)
            break
        }
        if parts.count == 1, let colon = folded.range(of: ": ") {
            // "KapanLagi.com: Brandon Salim …": a leading site name before a colon.
            let head = String(folded[..<colon.lowerBound])
            let names = [siteName, host.map(mainLabel)].compactMap { $0 }.map(key).filter { $0.count >= 3 }
            if names.contains(where: { key(head).contains($0) || $0.contains(key(head)) }) {
                return String(folded[colon.upperBound...])
            }
        }
        guard parts.count > 1 else { return folded }
        let names = [siteName, host.map(mainLabel)].compactMap { $0 }.map(key).filter { $0.count >= 3 }
        func namesSite(_ segment: String) -> Bool {
            let segmentKey = key(segment)
            guard !segmentKey.isEmpty else { return true }
            return names.contains { segmentKey.contains($0) || $0.contains(segmentKey) }
        }
        let separator = separators.first { holds($0) } ?? " - "
        if let last = parts.last, namesSite(last) {
            parts.removeLast()
        } else if let first = parts.first, namesSite(first), parts.count > 1 {
            parts.removeFirst()
        } else if let last = parts.last, last.split(separator: " ").count <= 3,
            parts.dropLast().joined(separator: separator).utf8.count >= 2 * last.utf8.count, names.isEmpty
        {
            parts.removeLast()
        }
        let cleaned = parts.joined(separator: separator).trimmingCharactersSpaces()
        return cleaned.isEmpty ? folded : cleaned
    }

    private static func key(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    }

    private static func mainLabel(_ host: String) -> String {
        let domain = RegistrableDomain.of(host: host) ?? host
        return String(domain.split(separator: ".").first ?? Substring(domain))
    }
}

extension String {
    fileprivate func trimmingCharactersSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}

/// The registrable domain of a host: `www.news.bbc.co.uk` → `bbc.co.uk`, `m.detik.com` → `detik.com`.
///
/// Knows the second-level public suffixes news sites use (`co.id`, `go.id`, `co.uk`, `com.au`, …); a full
/// public-suffix list is not bundled.
enum RegistrableDomain {
    private static let secondLevel: Set<String> = [
        "co.id", "or.id", "ac.id", "go.id", "web.id", "my.id", "sch.id", "net.id", "mil.id", "biz.id", "ponpes.id",
        "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "com.au", "net.au", "org.au", "gov.au",
        "edu.au", "co.nz", "org.nz", "govt.nz", "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "co.kr", "or.kr",
        "com.br", "org.br", "gov.br", "com.cn", "net.cn", "org.cn", "com.sg", "edu.sg", "gov.sg", "com.my", "gov.my",
        "com.ph", "co.in", "gov.in", "com.tr", "com.mx", "com.ar", "co.za", "com.hk", "com.tw", "co.th", "in.th",
        "com.vn", "com.pk", "com.ng", "co.ke", "com.eg", "com.sa", "co.il", "com.ua", "com.ru", "com.pl", "com.es",
        "com.pt", "co.at", "com.bd", "com.np", "com.lk",
    ]

    /// The registrable domain of `host`, lower-case; `nil` for IP addresses and single labels.
    static func of(host: String) -> String? {
        let labels = host.lowercased().split(separator: ".").map(String.init)
        guard labels.count >= 2, labels.last?.allSatisfy(\.isLetter) == true else { return nil }
        let lastTwo = labels.suffix(2).joined(separator: ".")
        if secondLevel.contains(lastTwo), labels.count >= 3 { return labels.suffix(3).joined(separator: ".") }
        return lastTwo
    }
}
