import WartaCore

/// Relays the quote finder cannot see from a quote's own tag: a source named for a whole article or paragraph
/// ("Dilansir autoevolution, …", "Dikutip dari situs Let It Flo, …"), a platform the words were posted on ("kata
/// Doni dalam unggahan di akun Instagram @kkpgoid") and a programme they were said in ("ujar Fahri dalam tayangan
/// "Indonesia Lawyers Club"").
///
/// The rules, over the body's words:
/// 1. **Source markers**: a relay cue ("dilansir", "melansir", "dikutip", "mengutip", "diberitakan", "lansiran"),
///    optional fillers ("dari", "oleh") and report nouns ("situs", "laman", "media", "artikel"), then the source:
///    one to four capitalised words, or one lower-case word that is no ordinary word (a site name such as
///    "autoevolution", "setkab": not in the quote lexicon and not a date word). A weekday after the cue ("dikutip
///    Selasa (17/6)") is a date, not a source.
/// 2. **Channels**: "dalam"/"melalui"/"lewat"/"di" + "unggahan"/"akun"/"postingan"/"tayangan"/"program"/
///    "siaran"/"wawancara"/"podcast" and, within four words, a platform ("Instagram", "X", "TikTok", …, with the
///    "@handle" after it when there is one) or, after a programme word, a programme name in quotation marks, in two
///    capitalised words or more, or in capitals.
/// 3. **Scope**: a marker that opens its sentence ("Dilansir X, …") covers every later quote of the article, up to
///    the next such marker; any other marker covers the quotes whose words or tag share its sentence, and the next
///    quotes of the same speaker named again (within 600 bytes of each other; not through a pronoun) that name no
///    marker of their own. A covered quote gets the relay before the
///    outlet, unless its chain already names it.
public enum RelayMarkers {
    /// A relay found in the text and where it applies from.
    struct Marker {
        var name: String
        var sentence: Int
        var opensSentence: Bool
    }

    static let cues: Set<String> = [
        "dilansir", "melansir", "dikutip", "mengutip", "diberitakan", "lansiran", "dilansirkan", "lansir",
    ]
    static let fillers: Set<String> = [
        "dari", "oleh", "situs", "laman", "media", "artikel", "akun", "portal", "seperti", "sebagaimana", "resmi",
    ]
    static let channelWords: Set<String> = [
        "unggahan", "akun", "postingan", "unggah", "diunggah", "story", "tayangan", "program", "siaran", "wawancara",
        "podcast",
    ]
    /// Channel words after which a capitalised name is the programme ("tayangan", "wawancara").
    static let programmeWords: Set<String> = ["tayangan", "program", "siaran", "wawancara", "podcast"]
    static let channelOpeners: Set<String> = ["dalam", "melalui", "lewat", "di", "seperti", "via"]
    static let platforms: [String: String] = [
        "instagram": "Instagram", "twitter": "Twitter", "x": "X", "tiktok": "TikTok", "facebook": "Facebook",
        "youtube": "YouTube", "threads": "Threads", "linkedin": "LinkedIn",
    ]
    /// Lower-case words after a cue that are never a source.
    static let notSources: Set<String> = [
        "dari", "oleh", "data", "laporan", "keterangan", "pernyataan", "informasi", "hasil", "sejumlah", "beberapa",
        "pada", "dalam", "melalui", "sebelumnya", "kembali", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu",
        "minggu", "ahad", "the", "a",
    ]

    /// A word of the body.
    struct Word {
        var start: Int
        var end: Int
        var key: String
        var capitalised: Bool
    }

    /// The quotes with the relays of the markers that cover them added before the last item (the outlet, which the
    /// caller appends after this pass: so here, at the end).
    ///
    /// - Complexity: O(n + q·log s) for `n` body bytes, `q` quotes and `s` sentences.
    public static func apply(_ quotes: [Quote], body: String, sentences: [TextSpan]) -> [Quote] {
        guard !quotes.isEmpty, !sentences.isEmpty else { return quotes }
        let bytes = Array(body.utf8)
        let words = Self.words(bytes)
        func sentenceIndex(_ offset: Int) -> Int {
            max(sentences.partitionPoint { $0.start <= offset } - 1, 0)
        }
        var markers: [Marker] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            let opens = index == 0 || startsSentence(bytes, before: word.start, words[index - 1].end)
            if cues.contains(word.key), let name = source(after: index, words: words, bytes: bytes) {
                markers.append(Marker(name: name, sentence: sentenceIndex(word.start), opensSentence: opens))
            } else if channelOpeners.contains(word.key), index + 1 < words.count,
                channelWords.contains(words[index + 1].key),
                let name = channel(after: index + 1, words: words, bytes: bytes)
            {
                markers.append(Marker(name: name, sentence: sentenceIndex(word.start), opensSentence: false))
            }
            index += 1
        }
        guard !markers.isEmpty else { return quotes }
        var result = quotes
        var bySentence: [Int: [String]] = [:]
        for marker in markers where !marker.opensSentence {
            bySentence[marker.sentence, default: []].append(marker.name)
        }
        let articleWide = markers.filter(\.opensSentence)
        var previous: (speaker: String?, names: [String], end: Int)?
        for (q, quote) in quotes.enumerated() {
            let first = sentenceIndex(quote.span.start)
            var last = sentenceIndex(max(quote.span.end, quote.cue?.end ?? 0, quote.speaker?.end ?? 0) - 1)
            last = max(first, last)
            // The quote's tag may follow it in the next sentence of the splitter ("…," ujar Fahri dalam tayangan …).
            var names: [String] = []
            for sentence in first...last { names += bySentence[sentence] ?? [] }
            let speaker = quote.speaker.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
            // The same speaker named again (a pronoun's span is only the finder's guess of who it is).
            if names.isEmpty, quote.speakerKind != .pronoun, let previous, previous.speaker == speaker,
                quote.span.start - previous.end < 600
            {
                names = previous.names
            }
            if names.isEmpty, let wide = articleWide.last(where: { $0.sentence <= first }) { names = [wide.name] }
            var own = Set(quote.relay.map(folded))
            for name in names where own.insert(folded(name)).inserted { result[q].relay.append(name) }
            previous = (speaker, names, quote.span.end)
        }
        return result
    }

    /// The source after the cue at word `i` (rule 1).
    static func source(after i: Int, words: [Word], bytes: [UInt8]) -> String? {
        var next = i + 1
        while next < words.count, next - i <= 3, !words[next].capitalised, fillers.contains(words[next].key),
            !hasBreak(bytes, words[next - 1].end, words[next].start)
        {
            next += 1
        }
        guard next < words.count, !hasBreak(bytes, words[next - 1].end, words[next].start),
            !notSources.contains(words[next].key)
        else { return nil }
        if !words[next].capitalised {
            // One site name written in lower case: "autoevolution", "setkab", "detik.com".
            let key = words[next].key
            guard key.utf8.count >= 4, key.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(decoding: bytes[words[next].start..<words[next].end], as: UTF8.self)
        }
        var last = next
        while last + 1 < words.count, last + 1 - next < 4, words[last + 1].capitalised,
            bytes[words[last].end..<words[last + 1].start].allSatisfy({ $0 == 0x20 }),
            !notSources.contains(words[last + 1].key)
        {
            last += 1
        }
        return String(decoding: bytes[words[next].start..<words[last].end], as: UTF8.self)
    }

    /// The platform or programme after the channel word at `i` (rule 2).
    static func channel(after i: Int, words: [Word], bytes: [UInt8]) -> String? {
        let isProgramme = programmeWords.contains(words[i].key)
        var probe = i + 1
        while probe < words.count, probe - i <= 4, !hasBreak(bytes, words[probe - 1].end, words[probe].start) {
            let word = words[probe]
            if let platform = platforms[word.key], word.capitalised {
                if probe + 1 < words.count, bytes[words[probe + 1].start] == 0x40,
                    !hasBreak(bytes, word.end, words[probe + 1].start)
                {
                    let handle = String(decoding: bytes[words[probe + 1].start..<words[probe + 1].end], as: UTF8.self)
                    return platform + " " + handle
                }
                return platform
            }
            if word.capitalised {
                // A programme named in quotation marks, in two capitalised words or more, or in capitals.
                guard isProgramme else { return nil }
                let quoted = word.start > 0 && (bytes[word.start - 1] == 0x22 || bytes[word.start - 1] == 0x9C)
                var last = probe
                while last + 1 < words.count, last + 1 - probe < 6, words[last + 1].capitalised,
                    bytes[words[last].end..<words[last + 1].start].allSatisfy({ $0 == 0x20 })
                {
                    last += 1
                }
                let text = String(decoding: bytes[word.start..<words[last].end], as: UTF8.self)
                guard quoted || last > probe || text.utf8.allSatisfy({ !($0 >= 0x61 && $0 <= 0x7A) }) else {
                    return nil
                }
                return text
            }
            probe += 1
        }
        return nil
    }

    /// Whether the bytes between two words hold punctuation that ends a phrase (anything but spaces and quotes).
    static func hasBreak(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        bytes[start..<end].contains { $0 != 0x20 && $0 != 0x22 && $0 < 0x80 }
    }

    /// Whether a sentence or paragraph starts between the previous word's end and `start`.
    static func startsSentence(_ bytes: [UInt8], before start: Int, _ previousEnd: Int) -> Bool {
        bytes[previousEnd..<start].contains { $0 == 0x2E || $0 == 0x0A || $0 == 0x21 || $0 == 0x3F }
    }

    static func folded(_ name: String) -> String {
        String(
            name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil })
    }

    /// Words: runs of letters, digits, "@", "_" and inner dots ("detik.com", "@kkpgoid"); UTF-8 offsets.
    static func words(_ bytes: [UInt8]) -> [Word] {
        var result: [Word] = []
        var start = -1
        func isWordByte(_ byte: UInt8) -> Bool {
            byte >= 0x80 || byte == 0x40 || byte == 0x5F || (byte >= 0x30 && byte <= 0x39)
                || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
        }
        var index = 0
        while index <= bytes.count {
            let byte: UInt8 = index < bytes.count ? bytes[index] : 0x20
            // Curly quotes, dashes and other punctuation of U+2000–U+2BFF are three bytes starting 0xE2: a separator.
            let punctuation = byte == 0xE2
            let inWord =
                !punctuation
                && (isWordByte(byte)
                    || (byte == 0x2E && start >= 0 && index + 1 < bytes.count && isWordByte(bytes[index + 1])
                        && bytes[index + 1] != 0xE2))
            if inWord {
                if start < 0 { start = index }
            } else if start >= 0 {
                let text = String(decoding: bytes[start..<index], as: UTF8.self)
                let first = bytes[start]
                result.append(
                    Word(
                        start: start, end: index, key: text.lowercased(),
                        capitalised: (first >= 0x41 && first <= 0x5A) || first == 0x40))
                start = -1
            }
            index += punctuation ? 3 : 1
        }
        return result
    }
}
