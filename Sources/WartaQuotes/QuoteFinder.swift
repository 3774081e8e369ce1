import WartaCore
import WartaText

/// The rules of ``QuoteAnnotator`` over one text, applied in one left-to-right pass so that a pronoun sees the
/// speakers before it.
struct QuoteFinder {
    /// A pair of quotation marks, as byte offsets.
    struct Pair {
        var openStart: Int
        var openEnd: Int
        var closeStart: Int
        var closeEnd: Int
    }

    /// Who spoke, as spans of the text.
    struct Speaker {
        var speaker: TextSpan?
        var role: TextSpan?
        var kind: Quote.SpeakerKind?
    }

    /// Reported content: its last word, the last word taken with a trailing relay, and that relay.
    struct Reported {
        var last: Int
        var consumed: Int
        var relay: [String]
    }

    /// A found quote and the last word it took.
    struct Found {
        var quote: Quote
        var lastWord: Int
    }

    let text: String
    let bytes: [UInt8]
    let words: [WordIndex.Word]
    let lexicon: QuoteLexicon
    let configuration: QuoteAnnotator.Configuration
    private var lastSpeaker: (speaker: Speaker, offset: Int)?
    private var lastDirect: (quote: Quote, lastWord: Int)?
    private var acronyms: Set<String>?

    init(text: String, lexicon: QuoteLexicon, configuration: QuoteAnnotator.Configuration) {
        self.text = text
        bytes = Array(text.utf8)
        words = WordIndex(text).words
        self.lexicon = lexicon
        self.configuration = configuration
    }

    mutating func run() -> [Quote] {
        let pairs = quotePairs()
        var result: [Quote] = []
        var pairIndex = 0
        var current = 0
        while current < words.count || pairIndex < pairs.count {
            if pairIndex < pairs.count, current >= words.count || pairs[pairIndex].openStart < words[current].start {
                let pair = pairs[pairIndex]
                pairIndex += 1
                let inside = firstWord(atOrAfter: pair.closeEnd) - 1
                if let found = direct(pair) {
                    result.append(found.quote)
                    remember(found.quote)
                    lastDirect = (found.quote, found.lastWord)
                    current = max(current, found.lastWord + 1)
                } else {
                    current = max(current, inside + 1)
                }
                continue
            }
            if let found = indirect(at: current) {
                result.append(found.quote)
                remember(found.quote)
                current = found.lastWord + 1
            } else {
                current += 1
            }
        }
        return result
    }

    private mutating func remember(_ quote: Quote) {
        guard let speaker = quote.speaker, quote.speakerKind != .pronoun else { return }
        lastSpeaker = (Speaker(speaker: speaker, role: quote.role, kind: quote.speakerKind), speaker.end)
    }

    // MARK: - Rule 1: quotation marks

    private func quotePairs() -> [Pair] {
        var pairs: [Pair] = []
        var open: (start: Int, end: Int)?
        var index = 0
        let count = bytes.count
        func close(_ start: Int, _ end: Int) {
            if let opened = open {
                pairs.append(Pair(openStart: opened.start, openEnd: opened.end, closeStart: start, closeEnd: end))
                open = nil
            }
        }
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                open = nil  // unbalanced: a quote does not run past its line
            } else if byte == UInt8(ascii: "\"") {
                if open == nil { open = (index, index + 1) } else { close(index, index + 1) }
            } else if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80 {
                switch bytes[index + 2] {
                case 0x9C, 0x9E: open = (index, index + 3)  // “ „
                case 0x9D:  // ”, also used for both ends by some sites
                    if open == nil { open = (index, index + 3) } else { close(index, index + 3) }
                default: break
                }
                index += 3
                continue
            } else if byte == 0xC2, index + 1 < count {
                if bytes[index + 1] == 0xAB { open = (index, index + 2) }
                if bytes[index + 1] == 0xBB { close(index, index + 2) }
                index += 2
                continue
            }
            index += 1
        }
        return pairs
    }

    /// The index of the first word that starts at or after `offset` (`words.count` if none).
    private func firstWord(atOrAfter offset: Int) -> Int {
        words.partitionPoint { $0.start < offset }
    }

    /// Whether the bytes in `start..<end` are only spaces and the given ASCII marks.
    private func onlySpaces(_ start: Int, _ end: Int, allowing marks: [UInt8]) -> Bool {
        guard start <= end else { return false }
        for index in start..<end {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || marks.contains(byte) { continue }
            return false
        }
        return true
    }

    private func contentSpan(_ pair: Pair) -> TextSpan? {
        var start = pair.openEnd
        var end = pair.closeStart
        while start < end, bytes[start] == UInt8(ascii: " ") { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: ",") { end -= 1 }
        return start < end ? TextSpan(start: start, end: end) : nil
    }

    // MARK: - Rules 2–5: direct quotes

    private mutating func direct(_ pair: Pair) -> Found? {
        guard let span = contentSpan(pair) else { return nil }
        let after = firstWord(atOrAfter: pair.closeEnd)
        let inside = after - 1
        let insideCount = inside - firstWord(atOrAfter: pair.openEnd) + 1
        // 2. A tag after the quote.
        if after < words.count, onlySpaces(pair.closeEnd, words[after].start, allowing: [UInt8(ascii: ",")]) {
            if let isPronoun = tag(words[after].key) {
                var speaker = Speaker()
                var last = after
                if isPronoun {
                    speaker = pronounSpeaker(at: words[after].start)
                } else if let phrase = speakerPhrase(after: after + 1, appositive: true) {
                    speaker = phrase.speaker
                    last = phrase.last
                }
                let relay = relayChain(from: last + 1)
                return Found(
                    quote: quote(.direct, span, speaker, cue: after, relay: relay.names),
                    lastWord: max(last, relay.last))
            }
            // `"…," Smith said.`
            var probe = after + 1
            while probe < words.count, probe - after <= 6, words[probe].gap.isEmpty {
                if tag(words[probe].key) == false {
                    let speaker = classify(after, probe - 1)
                    let relay = relayChain(from: probe + 1)
                    return Found(
                        quote: quote(.direct, span, speaker, cue: probe, relay: relay.names),
                        lastWord: max(probe, relay.last))
                }
                probe += 1
            }
        }
        // 3. A verb before the quote, perhaps with an addressee between: `X mengatakan kepada Reuters: "…"`.
        let before = firstWord(atOrAfter: pair.openStart) - 1
        if before >= 0,
            onlySpaces(words[before].end, pair.openStart, allowing: [UInt8(ascii: ","), UInt8(ascii: ":")]),
            insideCount >= configuration.minimumUntaggedWords
                || !onlySpaces(words[before].end, pair.openStart, allowing: [])
        {
            var verb = before
            while verb >= 0, before - verb <= 6 {
                let key = words[verb].key
                if lexicon.fullVerbs.contains(key) || lexicon.tagVerbs.contains(key) { break }
                if verb < before, !words[verb + 1].gap.isEmpty { verb = -1 }
                verb -= 1
            }
            if verb >= 0, before - verb <= 6, let subject = subject(before: verb) {
                let speaker = classify(subject.lowerBound, subject.upperBound)
                let relay = relayChain(from: verb + 1, to: before)
                return Found(quote: quote(.direct, span, speaker, cue: verb, relay: relay.names), lastWord: inside)
            }
        }
        // 4. A continuation of the quote before it, after a sentence end or a comma: marks right after a word
        // (`dalam tayangan "Indonesia Lawyers Club"`) hold a title or a name inside the sentence.
        if let previous = lastDirect, previous.quote.speaker != nil,
            firstWord(atOrAfter: pair.openStart) == previous.lastWord + 1,
            before < 0 || !onlySpaces(words[before].end, pair.openStart, allowing: [])
        {
            var continued = previous.quote
            continued.span = span
            continued.cue = nil
            return Found(quote: continued, lastWord: inside)
        }
        // 5. Untagged.
        guard insideCount >= configuration.minimumUntaggedWords else { return nil }
        return Found(quote: Quote(kind: .direct, span: span, speaker: nil, cue: nil), lastWord: inside)
    }

    /// `false` for a tag verb, `true` for a tag verb with a pronoun suffix ("katanya"), `nil` for another word.
    private func tag(_ key: String) -> Bool? {
        if lexicon.tagVerbs.contains(key) { return false }
        for suffix in lexicon.pronounSuffixes where key.hasSuffix(suffix) {
            if lexicon.tagVerbs.contains(String(key.dropLast(suffix.count))) { return true }
        }
        return nil
    }

    private func quote(_ kind: Quote.Kind, _ span: TextSpan, _ speaker: Speaker, cue: Int, relay: [String]) -> Quote {
        Quote(
            kind: kind, span: span, speaker: speaker.speaker, role: speaker.role,
            cue: TextSpan(start: words[cue].start, end: words[cue].end), relay: relay, speakerKind: speaker.kind)
    }

    // MARK: - Rules 6–7: reported speech

    private mutating func indirect(at i: Int) -> Found? {
        let key = words[i].key
        if let found = interrupted(at: i) { return found }
        if let found = retroactive(at: i) { return found }
        if lexicon.accordingTo.contains(key) { return accordingTo(at: i) }
        let isReport = lexicon.reportVerbs.contains(key)
        guard lexicon.fullVerbs.contains(key) || isReport, let subject = subject(before: i) else { return nil }
        var speaker = classify(subject.lowerBound, subject.upperBound)
        var relay: [String] = []
        if isReport {
            // "Axios pertama kali melaporkan …": an outlet reporting is a relay, not a speaker.
            guard let outlet = outletName(at: subject.lowerBound, requireOutlet: true, opensClause: true) else {
                return nil
            }
            relay.append(outlet.name)
            speaker = Speaker()
        }
        var next = i + 1
        if next < words.count, words[next].gap.isEmpty {
            if lexicon.addresseeWords.contains(words[next].key) {
                if let outlet = outletName(at: next + 1, requireOutlet: true) {
                    relay.append(outlet.name)
                    next = outlet.end + 1
                } else {
                    // "kepada wartawan": an addressee that is not an outlet; skip it up to "bahwa".
                    var probe = next + 1
                    while probe < words.count, probe - next <= 6, words[probe].gap.isEmpty,
                        !lexicon.complementizers.contains(words[probe].key)
                    {
                        probe += 1
                    }
                    guard probe < words.count, lexicon.complementizers.contains(words[probe].key) else { return nil }
                    next = probe
                }
            } else if key == "told", let outlet = outletName(at: next, requireOutlet: true) {
                relay.append(outlet.name)
                next = outlet.end + 1
            }
        }
        // "Dovizioso mengatakan dikutip Crash.": a relay after the verb, no content; "menyampaikan terima kasih",
        // "mengucapkan selamat": a thing said, not what was said.
        guard next < words.count, words[next].gap.isSubset(of: [.comma]), !lexicon.relayCues.contains(words[next].key),
            !Self.plainObjects.contains(words[next].key)
        else { return nil }
        let afterComplementizer = lexicon.complementizers.contains(words[next].key)
        let start = afterComplementizer ? next + 1 : next
        guard let content = reported(from: start, cutAtConjunction: !afterComplementizer) else { return nil }
        relay += content.relay
        let span = TextSpan(start: words[start].start, end: words[content.last].end)
        if speaker.kind == .pronoun { speaker = pronounSpeaker(at: words[subject.lowerBound].start) }
        let found = Quote(
            kind: .indirect, span: span, speaker: speaker.speaker, role: speaker.role,
            cue: TextSpan(start: words[i].start, end: words[i].end), relay: relay, speakerKind: speaker.kind)
        return Found(quote: found, lastWord: content.consumed)
    }

    /// Sentence connectives left out before interrupted speech ("Dengan demikian, kata dia, …").
    static let connectives: Set<String> = [
        "dengan", "demikian", "namun", "selain", "itu", "sementara", "oleh", "karena", "sehingga", "kemudian", "lalu",
        "maka", "jadi", "adapun", "bahkan", "meski", "begitu", "kendati", "tetapi",
    ]

    /// Rule 6b, speech interrupted by its tag: "Sejak jalan dibangun, kata dia, memancing banyak wisatawan" and
    /// "Situasi tersebut menurutnya akan memengaruhi …": the quote runs from the start of the sentence to its end with
    /// the tag inside (a leading connective such as "Dengan demikian" left out, and then from after the tag).
    private mutating func interrupted(at i: Int) -> Found? {
        let key = words[i].key
        let pronounAccording =
            lexicon.accordingTo.contains { key.count == $0.count + 3 && key.hasPrefix($0) }
            && key.hasSuffix("nya")
        guard i > 0, pronounAccording || (words[i].gap == .comma && tag(key) != nil) else { return nil }
        // The sentence's first word; at least one word before the tag.
        var first = i
        while first > 0, words[first].gap.isDisjoint(with: [.stop, .newline, .quote, .colon, .semicolon]) {
            first -= 1
            if i - first > configuration.maximumReportedWords { return nil }
        }
        guard first < i else {
            // "Menurutnya, …" opening the sentence: the content follows the comma.
            guard pronounAccording, i + 1 < words.count, words[i + 1].gap == .comma,
                let content = reported(from: i + 1, cutAtConjunction: false)
            else { return nil }
            let speaker = pronounSpeaker(at: words[i].start)
            return Found(
                quote: quote(
                    .indirect, TextSpan(start: words[i + 1].start, end: words[content.last].end), speaker, cue: i,
                    relay: content.relay),
                lastWord: content.consumed)
        }
        var speaker: Speaker
        var last = i
        if pronounAccording || tag(key) == true {
            speaker = pronounSpeaker(at: words[i].start)
        } else {
            // The speaker between the tag and the next comma: "kata Wahidin,", "tutur Candra,".
            var end = i + 1
            while end < words.count, end - i <= 6, words[end].gap.isEmpty { end += 1 }
            guard end < words.count, end > i + 1, words[end].gap == .comma else { return nil }
            last = end - 1
            speaker =
                last == i + 1 && lexicon.pronouns.contains(words[last].key)
                ? pronounSpeaker(at: words[last].start) : classify(i + 1, last)
        }
        let next = last + 1
        guard next < words.count, pronounAccording || words[next].gap == .comma,
            let content = reported(from: next, cutAtConjunction: false)
        else { return nil }
        let before = (first..<i).map { words[$0].key }
        let start = before.allSatisfy { Self.connectives.contains($0) } ? words[next].start : words[first].start
        let span = TextSpan(start: start, end: words[content.last].end)
        return Found(quote: quote(.indirect, span, speaker, cue: i, relay: content.relay), lastWord: content.consumed)
    }

    /// Nouns that make a reporting verb's object a courtesy or a figure rather than reported content ("menyampaikan
    /// terima kasih", "menyatakan duka", "menyampaikan capaian kinerja"): the gold guidelines' non-quotes.
    static let plainObjects: Set<String> = [
        "terima", "apresiasi", "ucapan", "selamat", "belasungkawa", "duka", "permohonan", "salam", "capaian",
        "penghargaan", "rasa",
    ]

    /// Passive reporting verbs after "Hal tersebut" ("disampaikan", "dikatakan").
    static let passiveReports: Set<String> = [
        "disampaikan", "dikatakan", "diungkapkan", "ditegaskan", "dijelaskan", "dinyatakan", "diutarakan",
        "dipaparkan", "diterangkan", "dituturkan", "diucapkan",
    ]

    /// Rule 6c, retroactive attribution: "Hal tersebut disampaikan Menteri Ketenagakerjaan M. Hanif Dhakiri" makes
    /// the sentence before it an indirect quote of that speaker (the cue is the passive verb). A sentence that is a
    /// quote already, or holds quotation marks, is left alone.
    private mutating func retroactive(at i: Int) -> Found? {
        guard words[i].key == "hal", i > 0, !words[i].gap.isDisjoint(with: [.stop, .newline]),
            i + 2 < words.count, ["tersebut", "itu", "ini"].contains(words[i + 1].key),
            words[i + 2].gap.isEmpty, Self.passiveReports.contains(words[i + 2].key),
            let phrase = speakerPhrase(after: i + 3)
        else { return nil }
        // The sentence before: back to the previous sentence end, without quotation marks.
        var first = i - 1
        while first > 0, words[first].gap.isDisjoint(with: [.stop, .newline, .quote]), i - first <= 80 { first -= 1 }
        guard words[first].gap.isDisjoint(with: [.quote]), i - first <= 80, i - first >= 3 else { return nil }
        if let previous = lastDirect?.quote.span, previous.end > words[first].start { return nil }
        let span = TextSpan(start: words[first].start, end: words[i - 1].end)
        let found = Quote(
            kind: .indirect, span: span, speaker: phrase.speaker.speaker, role: phrase.speaker.role,
            cue: TextSpan(start: words[i + 2].start, end: words[i + 2].end), relay: [],
            speakerKind: phrase.speaker.kind)
        return Found(quote: found, lastWord: phrase.last)
    }

    /// Reported content from word `start`: to the end of its sentence, a trailing relay ("menurut surat kabar X",
    /// "seperti dilansir AFP"), or, without "bahwa", a comma and a conjunction.
    private mutating func reported(from start: Int, cutAtConjunction: Bool) -> Reported? {
        guard start < words.count, words[start].gap.isSubset(of: [.comma]) else { return nil }
        var last = start
        var index = start + 1
        while index < words.count, index - start < configuration.maximumReportedWords {
            let word = words[index]
            if !word.gap.isDisjoint(with: [.stop, .newline, .quote, .semicolon, .colon]) { break }
            if cutAtConjunction, word.gap.contains(.comma), lexicon.conjunctions.contains(word.key) { break }
            if lexicon.accordingTo.contains(word.key)
                || (lexicon.relayFillers.contains(word.key)
                    && index + 1 < words.count && lexicon.relayCues.contains(words[index + 1].key))
                || lexicon.relayCues.contains(word.key)
            {
                let relay = relayChain(from: index)
                if !relay.names.isEmpty {
                    return Reported(last: last, consumed: max(relay.last, last), relay: relay.names)
                }
            }
            last = index
            index += 1
        }
        guard last > start else { return nil }
        return Reported(last: last, consumed: last, relay: [])
    }

    private mutating func accordingTo(at i: Int) -> Found? {
        var next = i + 1
        if words[i].key == "according" {
            guard next < words.count, words[next].key == "to" else { return nil }
            next += 1
        }
        var isRelay = false
        while next < words.count, next - i <= 5, words[next].gap.isEmpty,
            lexicon.reportNouns.contains(words[next].key) || lexicon.relayFillers.contains(words[next].key)
        {
            isRelay = isRelay || lexicon.reportNouns.contains(words[next].key)
            next += 1
        }
        guard next < words.count, words[next].gap.isEmpty else { return nil }
        var speaker = Speaker()
        var relay: [String] = []
        let last: Int
        if isRelay {
            guard let outlet = outletName(at: next, requireOutlet: false) else { return nil }
            relay.append(outlet.name)
            last = outlet.end
        } else {
            guard var phrase = speakerPhrase(after: next) else { return nil }
            // "Menurut Cahyo, KAI Daop 9 Jember terus …": the phrase took the content's first capitalised words as
            // an appositive; when no content follows it, the speaker ends at its comma.
            if phrase.last > next, !(phrase.last + 1 < words.count && words[phrase.last + 1].gap == .comma),
                let comma = ((next + 1)...phrase.last).first(where: { words[$0].gap == .comma })
            {
                phrase = (classify(next, comma - 1), comma - 1)
                if comma - 1 == next, lexicon.pronouns.contains(words[next].key) {
                    phrase.speaker = pronounSpeaker(at: words[next].start)
                }
            }
            speaker = phrase.speaker
            last = phrase.last
        }
        // "Menurut Reuters, …": the content follows. A trailing "… menurut X." was taken by the speech it closes.
        guard last + 1 < words.count, words[last + 1].gap == .comma,
            let content = reported(from: last + 1, cutAtConjunction: false)
        else { return nil }
        let span = TextSpan(start: words[last + 1].start, end: words[content.last].end)
        let cue = TextSpan(start: words[i].start, end: words[words[i].key == "according" ? i + 1 : i].end)
        let found = Quote(
            kind: .indirect, span: span, speaker: speaker.speaker, role: speaker.role, cue: cue,
            relay: relay + content.relay, speakerKind: speaker.kind)
        return Found(quote: found, lastWord: content.consumed)
    }

    // MARK: - Rule 8: speakers

    /// The subject before a verb: back to a punctuation mark or a conjunction, at most 12 words. Before a comma, the
    /// capitalised appositive between two commas ("Ketua The Fed, Jerome Powell, mengatakan …") is the subject.
    private func subject(before verb: Int) -> ClosedRange<Int>? {
        guard verb > 0 else { return nil }
        if words[verb].gap == .comma {
            var first = verb - 1
            while first > 0, verb - first < 6, words[first].gap.isEmpty { first -= 1 }
            guard verb - first < 6, words[first].gap == .comma,
                (first...(verb - 1)).allSatisfy({ words[$0].isCapitalised })
            else { return nil }
            return first...(verb - 1)
        }
        guard words[verb].gap.isEmpty else { return nil }
        var first = verb
        var index = verb - 1
        while index >= 0 {
            if verb - index > 12 { return nil }
            if lexicon.conjunctions.contains(words[index].key) { break }
            first = index
            if !words[index].gap.isEmpty { break }
            index -= 1
        }
        return first < verb ? first...(verb - 1) : nil
    }

    /// The speaker phrase after a tag: "Bagheri Kani", "Juru Bicara Kemlu Iran, Nasser Kanaani",
    /// "John Kirby, the White House spokesman".
    private mutating func speakerPhrase(after first: Int, appositive: Bool = false) -> (speaker: Speaker, last: Int)? {
        guard first < words.count, words[first].gap.isEmpty else { return nil }
        var last = first - 1
        var index = first
        var usedComma = false
        while index < words.count, index - first < 12 {
            let word = words[index]
            if index > first, !word.gap.isEmpty {
                guard word.gap == .comma, !usedComma, word.isCapitalised else { break }
                usedComma = true
            }
            if !word.isCapitalised, lexicon.speakerStops.contains(word.key) || lexicon.relayCues.contains(word.key) {
                break
            }
            if index > first, tag(word.key) != nil || lexicon.fullVerbs.contains(word.key) { break }
            last = index
            index += 1
        }
        guard last >= first else { return nil }
        if last == first, lexicon.pronouns.contains(words[first].key) {
            return (pronounSpeaker(at: words[first].start), last)
        }
        var speaker = classify(first, last)
        // An English appositive role: ", the White House spokesman".
        if appositive, index < words.count, words[index].gap == .comma, !words[index].isCapitalised,
            ["the", "a", "an"].contains(words[index].key) || lexicon.roleWords.contains(words[index].key)
        {
            var end = index
            while end + 1 < words.count, end + 1 - index < 8, words[end + 1].gap.isEmpty,
                !lexicon.speakerStops.contains(words[end + 1].key)
            {
                end += 1
            }
            speaker.role = TextSpan(start: words[index].start, end: words[end].end)
            last = end
        }
        return (speaker, last)
    }

    /// Splits a phrase into role and name (rule 8).
    private func classify(_ first: Int, _ last: Int) -> Speaker {
        let whole = TextSpan(start: words[first].start, end: words[last].end)
        if first == last, lexicon.pronouns.contains(words[first].key) {
            return Speaker(speaker: whole, role: nil, kind: .pronoun)
        }
        let description = Speaker(speaker: whole, role: whole, kind: .description)
        if lexicon.descriptors.contains(words[first].key) { return description }
        let allCapitalised = (first...last).allSatisfy { words[$0].isCapitalised }
        var rest = first
        while rest <= last, lexicon.roleWords.contains(words[rest].key), words[rest].gap.isEmpty || rest == first {
            rest += 1
        }
        guard rest > first else {
            return allCapitalised ? Speaker(speaker: whole, role: nil, kind: .name) : description
        }
        guard rest <= last else { return description }
        // "Menteri Luar Negeri Iran, Ali Bagheri Kani": the name after the comma.
        if let comma = (rest...last).first(where: { words[$0].gap.contains(.comma) }),
            (comma...last).allSatisfy({ words[$0].isCapitalised })
        {
            return Speaker(
                speaker: TextSpan(start: words[comma].start, end: words[last].end),
                role: TextSpan(start: words[first].start, end: words[comma - 1].end), kind: .name)
        }
        guard (rest...last).allSatisfy({ words[$0].isCapitalised }),
            !lexicon.organisationHeads.contains(words[rest].key)
        else { return description }
        var nameStart = rest
        if last - rest + 1 >= 3 { nameStart += 1 }
        while nameStart < last, lexicon.roleComplements.contains(words[nameStart].key) { nameStart += 1 }
        if nameStart == last, lexicon.roleComplements.contains(words[nameStart].key) { return description }
        return Speaker(
            speaker: TextSpan(start: words[nameStart].start, end: words[last].end),
            role: TextSpan(start: words[first].start, end: words[nameStart - 1].end), kind: .name)
    }

    /// The latest earlier speaker, within reach, for a pronoun at `offset`.
    private func pronounSpeaker(at offset: Int) -> Speaker {
        guard let last = lastSpeaker, offset - last.offset <= configuration.pronounReach else {
            return Speaker()
        }
        return Speaker(speaker: last.speaker.speaker, role: last.speaker.role, kind: .pronoun)
    }

    // MARK: - Rule 9: relay chain

    /// Outlets named after a cue, nearest first, up to the end of the sentence (or word `limit`).
    private mutating func relayChain(from start: Int, to limit: Int? = nil) -> (names: [String], last: Int) {
        var names: [String] = []
        var last = start - 1
        var index = start
        let end = min(limit ?? Int.max, words.count - 1, start + 30)
        while index <= end {
            let word = words[index]
            if !word.gap.isDisjoint(with: [.stop, .newline, .quote]) { break }
            let key = word.key
            var outletStart: Int?
            var requireOutlet = true
            if lexicon.relayCues.contains(key) {
                var next = index + 1
                while next < words.count, next - index <= 2, lexicon.relayFillers.contains(words[next].key) {
                    next += 1
                }
                outletStart = next
                requireOutlet = false
            } else if lexicon.addresseeWords.contains(key) || key == "told" {
                outletStart = index + 1
            } else if lexicon.accordingTo.contains(key) {
                var next = index + 1
                if key == "according", next < words.count, words[next].key == "to" { next += 1 }
                var sawNoun = false
                while next < words.count, next - index <= 5,
                    lexicon.reportNouns.contains(words[next].key)
                        || lexicon.relayFillers.contains(words[next].key)
                {
                    sawNoun = true
                    next += 1
                }
                outletStart = next
                requireOutlet = !sawNoun
            } else if (key == "interview" || key == "wawancara"), index + 1 < words.count,
                ["with", "dengan"].contains(words[index + 1].key)
            {
                outletStart = index + 2
            }
            if let outletStart, let outlet = outletName(at: outletStart, requireOutlet: requireOutlet) {
                names.append(outlet.name)
                last = outlet.end
                index = outlet.end + 1
                continue
            }
            last = index
            index += 1
        }
        return (names, last)
    }

    /// An outlet's name at word `start`: a capitalised run ("Middle East Eye", "Times of Israel",
    /// "Tribunnews.com"), cut to the longest known outlet it starts with. With `requireOutlet`, the name must look
    /// like an outlet (see ``QuoteAnnotator``, rule 9).
    /// Weekdays and months: "dikutip Rabu (18/6)" names a day, not a source.
    static let dateWords: Set<String> = [
        "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "ahad", "januari", "februari", "maret",
        "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember", "monday",
        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "june",
        "july", "august", "october", "december",
    ]

    private mutating func outletName(at start: Int, requireOutlet: Bool, opensClause: Bool = false)
        -> (name: String, end: Int)?
    {
        guard start < words.count, words[start].isCapitalised,
            opensClause || words[start].gap.isDisjoint(with: [.stop, .newline, .quote, .openParen]),
            !Self.dateWords.contains(words[start].key)
        else { return nil }
        var end = start
        var index = start + 1
        while index < words.count, index - start < 6 {
            let word = words[index]
            let joined = word.start - words[index - 1].end == 1 && bytes[word.start - 1] == UInt8(ascii: ".")
            if joined, ["com", "co", "id", "net", "org"].contains(word.key) {
                end = index
                index += 1
                continue
            }
            guard word.gap.isEmpty else { break }
            if word.isCapitalised {
                end = index
                index += 1
                continue
            }
            if ["of", "al"].contains(word.key), index + 1 < words.count, words[index + 1].isCapitalised,
                words[index + 1].gap.isEmpty
            {
                index += 1
                continue
            }
            break
        }
        // Cut to the longest known outlet: "Reuters Jumat" is "Reuters".
        var cut = end
        while cut >= start {
            let name = spanText(start, cut)
            if OutletNames.names.contains(name.lowercased()) { return (name, cut) }
            cut -= 1
        }
        let name = spanText(start, end)
        if requireOutlet, !looksLikeOutlet(name, start, end) { return nil }
        return (name, end)
    }

    private func spanText(_ first: Int, _ last: Int) -> String {
        TextSpan(start: words[first].start, end: words[last].end).text(in: text)
    }

    private mutating func looksLikeOutlet(_ name: String, _ first: Int, _ last: Int) -> Bool {
        if OutletNames.mediaWords.contains(words[last].key), last > first { return true }
        guard first == last else { return false }
        // An acronym of an outlet the article spells out: "MEE" after "Middle East Eye".
        let isAcronym = name.utf8.count >= 2 && name.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
        guard isAcronym else { return false }
        if acronyms == nil {
            let lowered = text.lowercased()
            var found: Set<String> = []
            for outlet in OutletNames.names where outlet.contains(" ") && lowered.contains(outlet) {
                let initials = outlet.split(separator: " ").filter { $0 != "of" && $0 != "the" }
                    .compactMap { $0.first.map { String($0).uppercased() } }.joined()
                found.insert(initials)
            }
            acronyms = found
        }
        return acronyms?.contains(name) ?? false
    }
}
