import Foundation
import WartaCore
import WartaText

/// Turns a scraped plain-text article into an ``Article``: decodes it, reads the dateline and credit line,
/// moves site debris out of the body and keeps the links it carried.
///
/// The steps, in order:
/// 1. decode the bytes (``TextDecoder``: charset detection, NFC);
/// 2. split into lines, trim them and fold runs of white space;
/// 3. take a title line when the text starts with one (short, no closing period, more text after it);
/// 4. read a dateline at the start of the lead ("GEMALANTANG.COM --", "JAKARTA, KOMPAS.com -") and remove it;
///    a domain in it names the outlet;
/// 5. read a closing credit line ("(Tribunnews.com, Andari Ulan Nugrahani)"): the outlet and the byline;
/// 6. apply the debris rules (data, one file per language) to every line: inline links and related blocks
///    become ``RelatedLink``s, bylines are kept, other debris is dropped;
/// 7. derive a title from the lead when there was no title line (`titleDerived`).
///
/// Annotation (language, sentences, tokens) is left to later stages.
public struct PlainTextExtractor: Stage {
    public static let name: StageName = "extract.plaintext.v1"

    /// Settings with documented defaults.
    public struct Configuration: Sendable {
        /// Longest title line, in words, that is still taken as a title.
        public var maxTitleWords = 25
        /// Longest related-block item, in words; a longer line ends the block.
        public var maxHeadlineWords = 25
        /// Longest derived title, in characters, before it is cut at a word boundary.
        public var maxDerivedTitleCharacters = 110
        /// Keep files that are not news (a README, a licence, a CSV) as articles instead of dropping them
        /// (``PageKind/nonArticleFile(_:)``).
        public var keepNonArticles = false

        public init() {}
    }

    public var configuration: Configuration
    public let rules: DebrisRules
    private let decoder = TextDecoder()

    public init(rules: DebrisRules, configuration: Configuration = Configuration()) {
        self.rules = rules
        self.configuration = configuration
    }

    public func process(_ input: RawDocument, context: StageContext) throws -> StageResult<Article> {
        if !configuration.keepNonArticles, let kind = PageKind.nonArticleFile(input.origin) {
            return .dropped(.notArticle(kind))
        }
        let decoded: TextDecoder.Decoded
        switch decoder.decode(input.bytes, declared: input.declaredCharset) {
        case .success(let value): decoded = value
        case .failure(let reason): return .dropped(reason)
        }
        return extract(text: decoded.text, encoding: decoded.encoding, from: input)
    }

    /// Extracts an article from already-decoded text.
    public func extract(text: String, encoding: String, from input: RawDocument) -> StageResult<Article> {
        var lines = Self.cleanLines(text)
        guard !lines.isEmpty else { return .dropped(.empty) }

        // 3. A title line.
        var title: String? = input.hints.title.map(Self.foldSpaces).flatMap { $0.isEmpty ? nil : $0 }
        if lines.count > 1, Dateline.read(lines[0]) == nil, looksLikeTitle(lines[0]) {
            let line = lines.removeFirst()
            if title == nil { title = line }
        }

        // 4. Dateline.
        var outlet: Outlet? = input.hints.outlet.flatMap(Self.domain(from:)).map { Outlet(domain: $0, source: .record) }
        if let dateline = Dateline.read(lines[0]) {
            lines[0] = dateline.rest
            if outlet == nil, let domain = dateline.domain { outlet = Outlet(domain: domain, source: .dateline) }
            if lines[0].isEmpty { lines.removeFirst() }
        }

        // 5. Closing credit line.
        var byline: String?
        if let last = lines.last, let credit = CreditLine.read(last) {
            lines.removeLast()
            if outlet == nil, let domain = credit.domain { outlet = Outlet(domain: domain, source: .credit) }
            byline = credit.byline
        }

        // 6. Debris rules.
        var body: [String] = []
        var related: [RelatedLink] = []
        var inBlock = false
        var pendingInline = false
        for line in lines {
            if let verdict = rules.verdict(for: line) {
                inBlock = false
                pendingInline = false
                switch verdict.rule.action {
                case .relatedInline:
                    if verdict.remainder.isEmpty {
                        pendingInline = true
                    } else {
                        related.append(RelatedLink(title: verdict.remainder, kind: .inline))
                    }
                case .relatedBlock:
                    inBlock = true
                    // "Artikel TerkaitRatusan Truk …": a header glued to its first item.
                    if !verdict.remainder.isEmpty {
                        related.append(RelatedLink(title: verdict.remainder, kind: .block))
                    }
                case .byline:
                    if byline == nil, !verdict.remainder.isEmpty { byline = verdict.remainder }
                case .drop:
                    break
                }
                continue
            }
            if pendingInline, looksLikeHeadline(line) {
                related.append(RelatedLink(title: line, kind: .inline))
                pendingInline = false
                continue
            }
            pendingInline = false
            if inBlock {
                if looksLikeHeadline(line) {
                    related.append(RelatedLink(title: line, kind: .block))
                    continue
                }
                inBlock = false
            }
            body.append(line)
        }
        guard !body.isEmpty else { return .dropped(.noText) }
        let bodyText = body.joined(separator: "\n\n")

        // 7. Derived title.
        var titleDerived = false
        if title == nil {
            title = deriveTitle(from: body[0])
            titleDerived = true
        }
        if outlet == nil, let url = input.url, let host = URL(string: url)?.host, let domain = Self.domain(from: host) {
            outlet = Outlet(domain: domain, source: .url)
        }

        let article = Article(
            origin: input.origin,
            url: input.url,
            outlet: outlet,
            title: title ?? "",
            titleDerived: titleDerived,
            byline: byline,
            published: input.hints.published.map {
                PublishedDate(
                    date: Self.parseISODate($0), text: $0, source: input.hints.source == .feed ? .feed : .record)
            },
            language: .other,
            languageConfidence: 0,
            body: bodyText,
            related: related,
            sentences: [],
            tokenCount: 0,
            encoding: encoding,
            contentHash: input.contentHash,
            bodyHash: SHA256.hex(Self.normalisedForHash(bodyText)),
            producedBy: [TextDecoder.name, Self.name]
        )
        return .kept(article)
    }

    // MARK: - Line shapes

    private func looksLikeTitle(_ line: String) -> Bool {
        let words = Self.wordCount(line)
        guard words >= 2, words <= configuration.maxTitleWords else { return false }
        guard let last = line.last else { return false }
        return last != "." && last != "," && last != ";" && last != ":" && rules.verdict(for: line) == nil
    }

    /// A related headline: short, and not a sentence that ends in a period.
    private func looksLikeHeadline(_ line: String) -> Bool {
        let words = Self.wordCount(line)
        guard words >= 1, words <= configuration.maxHeadlineWords else { return false }
        if line.hasSuffix(".") && !line.hasSuffix("..") { return false }
        return !line.hasSuffix(",") && !line.hasSuffix(";") && !line.hasSuffix(":")
    }

    private func deriveTitle(from lead: String) -> String {
        let first = SentenceSplitter().sentences(in: lead).first.map { $0.span.text(in: lead) } ?? lead
        var sentence = first
        while let last = sentence.last, last == "." || last == " " { sentence.removeLast() }
        guard sentence.count > configuration.maxDerivedTitleCharacters else { return sentence }
        let cut = sentence.prefix(configuration.maxDerivedTitleCharacters)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        var trimmed = String(atWord)
        while let last = trimmed.last, ",;:-\u{2013}".contains(last) || last == " " { trimmed.removeLast() }
        return trimmed + "\u{2026}"
    }

    // MARK: - Text helpers

    /// Splits into trimmed, non-empty lines with runs of white space folded to one space.
    static func cleanLines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .map { foldSpaces(String($0)) }
            .filter { !$0.isEmpty }
    }

    static func foldSpaces(_ line: String) -> String {
        var out = ""
        out.reserveCapacity(line.utf8.count)
        var pendingSpace = false
        for scalar in line.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\u{00A0}" || scalar == "\u{200B}" || scalar == "\u{FEFF}"
                || scalar == "\u{000C}" || scalar == "\u{000B}"
            {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.unicodeScalars.append(" ")
                pendingSpace = false
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    static func wordCount(_ line: String) -> Int {
        line.split(separator: " ").count
    }

    /// The registrable-looking domain in a name such as "GEMALANTANG.COM", "www.Tribunnews.com" or a URL host.
    static func domain(from text: String) -> String? {
        var lower = text.lowercased().trimmingCharacters(in: .whitespaces)
        if lower.hasPrefix("www.") { lower.removeFirst(4) }
        let parts = lower.split(separator: ".")
        guard parts.count >= 2,
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }),
            let tld = parts.last, tld.count >= 2, tld.allSatisfy(\.isLetter)
        else { return nil }
        return lower
    }

    /// Lower-cased, white space folded: two copies that differ only in spacing or case hash alike.
    ///
    /// Lower-cases scalar by scalar, as `String.lowercased()` does, but straight into the output bytes: ASCII
    /// bytes with a byte operation, other scalars with their Unicode lower-case mapping.
    /// - Complexity: O(n) in the UTF-8 length of the body.
    static func normalisedForHash(_ body: String) -> [UInt8] {
        var text = body
        // Everything stays local to the closure: captured variables would be boxed and checked for exclusive
        // access on every byte.
        return text.withUTF8 { bytes -> [UInt8] in
            // Lower-casing lengthens text by half at most (U+0130 "İ", two bytes, becomes "i̇", three); the
            // output is written straight into a buffer of that size, and the checked path below takes over
            // should a mapping ever not fit.
            let capacity = bytes.count + bytes.count / 2 + 8
            var complete = true
            let fast = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                var written = 0
                var pendingSpace = false
                var index = 0
                func put(_ byte: UInt8) -> Bool {
                    if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                        pendingSpace = written > 0
                        return true
                    }
                    guard written + 2 <= capacity else { return false }
                    if pendingSpace {
                        buffer[written] = 0x20
                        written += 1
                        pendingSpace = false
                    }
                    buffer[written] = byte
                    written += 1
                    return true
                }
                while index < bytes.count {
                    let lead = bytes[index]
                    if lead < 0x80 {
                        if !put(ASCII.lower(lead)) {
                            complete = false
                            break
                        }
                        index += 1
                        continue
                    }
                    let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                    if let scalar = ASCII.scalar(at: index, in: bytes) {
                        if !scalar.properties.changesWhenLowercased {
                            // Its lower-case mapping is itself: copy its bytes, no mapping string needed.
                            for offset in 0..<length where !put(bytes[index + offset]) {
                                complete = false
                                break
                            }
                        } else {
                            for byte in scalar.properties.lowercaseMapping.utf8 where !put(byte) {
                                complete = false
                                break
                            }
                        }
                        if !complete { break }
                    }
                    index += length
                }
                initialized = written
            }
            if complete { return fast }
            var folder = SpaceFolder(capacity: bytes.count)
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 {
                    folder.append(ASCII.lower(lead))
                    index += 1
                    continue
                }
                let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                if let scalar = ASCII.scalar(at: index, in: bytes) {
                    for byte in scalar.properties.lowercaseMapping.utf8 { folder.append(byte) }
                }
                index += length
            }
            return folder.out
        }
    }

    /// Appends bytes, turning each run of spaces, tabs and line breaks into one space between other bytes.
    private struct SpaceFolder {
        var out: [UInt8] = []
        private var pendingSpace = false

        init(capacity: Int) {
            out.reserveCapacity(capacity)
        }

        @inline(__always)
        mutating func append(_ byte: UInt8) {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                pendingSpace = !out.isEmpty
                return
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(byte)
        }
    }

    static func parseISODate(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let full = ISO8601DateFormatter()
        if let date = full.date(from: trimmed) { return date }
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withFraction.date(from: trimmed) { return date }
        let dateOnly = ISO8601DateFormatter()
        dateOnly.formatOptions = [.withFullDate]
        return dateOnly.date(from: String(trimmed.prefix(10)))
    }
}
