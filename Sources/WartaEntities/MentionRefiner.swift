import WartaCore
import WartaText

/// Corrects the tagger's mentions with evidence the tagger cannot see, sentence by sentence: what the whole article
/// says, and what the quote finder found. Each step is a documented rule over spans the tagger or the quote finder
/// produced; no step knows particular names.
///
/// 1. **Organisations named as sources.** The outlets that relay a quote ("dikutip Reuters", "mengatakan kepada
///    Middle East Eye") and the known news outlets of `knownOrganisations` become ORGANISATION mentions wherever the
///    article writes them with a capital; a tagger span that overlaps one gives way ("East Eye" inside "Middle East
///    Eye"), and what is left of a longer span is kept when it is a country ("Etemad Iran" → "Etemad" + "Iran").
/// 2. **A country glued to a person.** A PERSON span that starts or ends with a country name ("AS Joe Biden",
///    "Iran Ali Bagheri Kank", "Houthi Yaman") is cut into the country (PLACE) and the rest.
///    Faith words glued after a name are cut too ("Hizbullah Muslim Syiah" → "Hizbullah").
/// 3. **Organisation heads.** A mention right after a word that names a group ("kelompok Hamas", "gerakan
///    Houthi", "partai", "militia") is an ORGANISATION, unless it is a country.
/// 4. **One name, one kind per article.** Mentions with the same text take the kind most of them have (the kinds
///    set by steps 1 and 3 count first); a single name that is the last or first word of a longer PERSON mention
///    ("Pezeshkian" after "Masoud Pezeshkian") is that person.
/// 5. **Hyphenated names.** A person mention right after "Xxx-" takes the capitalised word before the hyphen when a
///    longer mention of the person has both ("Bagheri-Kani", tagged "Kani", beside "Bagheri Kani").
/// 6. **Stated aliases** take the kind of the name they follow ("Houthi (juga dikenal sebagai Ansar Allah)").
/// 7. **Site furniture** is no name: a mention between "[" and ":" ("[Gambas:Video 20detik]") is dropped.
///    **Defined short forms** (``ShortForm``): "Badan Pengawas Obat dan Makanan (BPOM)" makes the long form one
///    mention, organisation unless it starts with a place word ("Provinsi Sumatra Barat (Sumbar)"), and the short
///    form a mention of the same kind.
/// 8. **Headed names the tagger missed** ("Kementerian Keuangan", "Kelurahan Mabar") and known short forms
///    ("Kemenkeu", "Sumbar"; `aliases/short-forms.tsv`) become mentions.
public struct MentionRefiner: Sendable {
    public let lexicon: AliasLexicon
    /// Lower-cased names of organisations known to be news outlets ("reuters", "middle east eye").
    public let knownOrganisations: Set<String>
    /// Lower-cased words that, right before a name, make it a group.
    public static let groupHeads: Set<String> = [
        "kelompok", "gerakan", "partai", "organisasi", "faksi", "milisi", "grup", "perusahaan", "lembaga", "klub",
        "group", "movement", "party", "militia", "faction", "company", "organisation", "organization",
    ]

    /// Lower-cased words naming a faith or a branch of one, which news glues after a group's name.
    public static let faithWords: Set<String> = [
        "muslim", "islam", "syiah", "sunni", "kristen", "katolik", "protestan", "yahudi", "hindu", "buddha",
        "shia", "shiite", "christian", "catholic", "jewish",
    ]

    public init(lexicon: AliasLexicon, knownOrganisations: Set<String> = []) {
        self.lexicon = lexicon
        self.knownOrganisations = Set(knownOrganisations.map { $0.lowercased() })
    }

    /// A mention on its way through the rules, and whether a rule (not the tagger) set its kind.
    private struct Working {
        var mention: EntityMention
        var ruled = false
        var span: TextSpan {
            get { mention.span }
            set { mention.span = newValue }
        }
        var kind: EntityKind {
            get { mention.kind }
            set { mention.kind = newValue }
        }
    }

    /// The refined mentions, in body order. `sourceNames` are names the article itself uses as sources (quote
    /// relays and speakers that are outlets).
    public func refine(_ mentions: [EntityMention], body: String, sourceNames: [String] = []) -> [EntityMention] {
        let words = Self.words(in: body)
        var result = mentions.sorted { $0.span.start < $1.span.start }.map { Working(mention: $0) }

        // 1. Organisations named as sources.
        let organisations = Set(sourceNames.map { $0.lowercased() }).union(knownOrganisations)
        let sourceSpans = occurrences(of: organisations, words: words, body: body)
        if !sourceSpans.isEmpty {
            var kept: [Working] = []
            // Source spans are in body order and never overlap one another: the ones a mention overlaps are found by
            // binary search, so the step stays linear-logarithmic on hostile text.
            for item in result {
                let first = sourceSpans.partitionPoint { $0.end <= item.span.start }
                let overlapping = sourceSpans[first...].prefix { $0.start < item.span.end }
                guard !overlapping.isEmpty else {
                    kept.append(item)
                    continue
                }
                // What is left of the mention outside the source names, kept when it is a country.
                for piece in remainder(of: item.span, minus: Array(overlapping), words: words)
                where lexicon.country(for: AliasName(piece.text(in: body))) != nil {
                    kept.append(
                        Working(mention: EntityMention(span: piece, kind: .place, confidence: item.mention.confidence)))
                }
            }
            kept += sourceSpans.map { Working(mention: EntityMention(span: $0, kind: .organisation), ruled: true) }
            result = kept.sorted { $0.span.start < $1.span.start }
        }

        // 2. A country glued to a person.
        result = result.flatMap { item -> [Working] in
            guard item.kind == .person else { return [item] }
            let pieces = cutCountry(Array(words[Self.inside(item.span, words)]), body: body)
            guard pieces.count > 1 else { return [item] }
            return pieces.map {
                Working(mention: EntityMention(span: $0.span, kind: $0.kind, confidence: item.mention.confidence))
            }
        }

        // 2b. Faith descriptors glued after a group's or person's name ("Hizbullah Muslim Syiah", "Hamas Muslim
        // Sunni") are cut off, unless what is left is only a head word ("Partai Kristen" stays).
        for index in result.indices where result[index].kind != .place {
            let inner = Array(words[Self.inside(result[index].span, words)])
            var keep = inner.count
            while keep > 1, Self.faithWords.contains(inner[keep - 1].text(in: body).lowercased()) { keep -= 1 }
            guard keep < inner.count, keep > 0,
                !(keep == 1 && Self.groupHeads.contains(inner[0].text(in: body).lowercased()))
            else { continue }
            result[index].span.end = inner[keep - 1].end
        }

        // 3. Organisation heads.
        for index in result.indices where result[index].kind != .organisation {
            let span = result[index].span
            guard let previous = Self.before(span.start, words), span.start - previous.end <= 1,
                Self.groupHeads.contains(previous.text(in: body).lowercased()),
                lexicon.country(for: AliasName(span.text(in: body))) == nil
            else { continue }
            result[index].kind = .organisation
            result[index].ruled = true
        }

        // 4. One kind per name within the article.
        let names = result.map { AliasName($0.span.text(in: body)) }
        var votes: [String: [EntityKind: Int]] = [:]
        var ruled: [String: EntityKind] = [:]
        for (item, name) in zip(result, names) {
            votes[name.key, default: [:]][item.kind, default: 0] += 1
            if item.ruled { ruled[name.key] = item.kind }
        }
        // The longer person names: their first and last words, and each word's names (for step 5).
        let people = Set(zip(result, names).filter { $0.0.kind == .person && $0.1.count >= 2 }.map { $0.1.folded })
        var ends: Set<String> = []
        var peopleByWord: [String: [[String]]] = [:]
        for person in people {
            if let first = person.first, let last = person.last { ends.formUnion([first, last]) }
            for word in Set(person) { peopleByWord[word, default: []].append(person) }
        }
        for (index, name) in names.enumerated() {
            if let kind = ruled[name.key] {
                result[index].kind = kind
            } else if name.count == 1, result[index].kind != .person, lexicon.country(for: name) == nil,
                lexicon.capital(for: name) == nil, ends.contains(name.folded[0])
            {
                result[index].kind = .person
            } else if let counts = votes[name.key], counts.count > 1,
                let best = counts.max(by: {
                    $0.value != $1.value ? $0.value < $1.value : $0.key.rawValue > $1.key.rawValue
                })
            {
                result[index].kind = best.key
            }
        }

        // 5. A hyphenated name the tagger cut at the hyphen ("Bagheri-" + "Kani"): the person takes the capitalised
        // word before the hyphen when a longer mention of the person has it too.
        let bytes = Array(body.utf8)
        for index in result.indices where result[index].kind == .person {
            let start = result[index].span.start
            guard start >= 2, start - 1 < bytes.count, bytes[start - 1] == UInt8(ascii: "-"),
                let previous = Self.before(start - 1, words), previous.end == start - 1, previous.capitalised,
                index == 0 || result[index - 1].span.end <= previous.start
            else { continue }
            let folded = AliasName(previous.text(in: body)).key
            let own = names[index].folded
            if (peopleByWord[folded] ?? []).contains(where: { person in own.allSatisfy(person.contains) }) {
                result[index].span.start = previous.start
            }
        }

        // 6. A stated alias ("gerakan Houthi (juga dikenal sebagai Ansar Allah)") is the same thing as the name
        // before it, so it takes that name's kind.
        for index in result.indices.dropFirst() {
            guard
                AliasResolver.statedAliasPhrase(bytes, from: result[index - 1].span.end, to: result[index].span.start)
                    != nil
            else { continue }
            // A country right after the name belongs to it ("Houthi Yaman (juga dikenal sebagai Ansar Allah)").
            var named = index - 1
            if index >= 2, lexicon.country(for: names[named]) != nil,
                result[named].span.start - result[index - 2].span.end <= 1
            {
                named = index - 2
            }
            result[index].kind = result[named].kind
        }

        // 7a. Site furniture is no name: "[Gambas:Video 20detik]".
        let bodyBytes = Array(body.utf8)
        result.removeAll { item in
            let start = item.span.start
            let end = item.span.end
            return start > 0 && end < bodyBytes.count && bodyBytes[start - 1] == UInt8(ascii: "[")
                && bodyBytes[end] == UInt8(ascii: ":")
        }

        // 7. Short forms defined in parentheses: the long form and the short form are mentions of one kind.
        for definition in ShortForm.definitions(in: body, skipped: lexicon.roleWords) {
            define(definition, in: &result, body: body)
        }

        // 8. Institution and place names the tagger missed, and known short forms.
        result = addingHeadedNames(result, words: words, body: body)
        return result.map(\.mention)
    }

    /// Words that make a defined long form a place rather than an organisation, folded.
    static let placeHeads: Set<String> = [
        "provinsi", "kabupaten", "kota", "kecamatan", "kelurahan", "desa", "jalan", "jl", "pulau", "gunung", "danau",
        "sungai", "selat", "teluk", "kawasan", "taman", "bandara", "pelabuhan", "stasiun", "terminal",
    ]

    /// Step 7 for one definition: the long form becomes one mention (the tagger's mentions inside it give way, its
    /// kind kept when the tagger had the whole), and the short form a mention of the same kind. A tagger mention that
    /// crosses the long form's edge leaves the definition alone.
    private func define(_ definition: ShortForm.Definition, in result: inout [Working], body: String) {
        var long = definition.long
        let short = definition.short
        // A tagger mention that holds the long form and ends with it is the long form ("Provinsi Sumatra Barat").
        if let holder = result.first(where: { $0.span.end == long.end && $0.span.start <= long.start }) {
            long = holder.span
        }
        let inside = result.indices.filter { result[$0].span.start < long.end && long.start < result[$0].span.end }
        guard inside.allSatisfy({ long.start <= result[$0].span.start && result[$0].span.end <= long.end }) else {
            return
        }
        let firstWord = AliasName(long.text(in: body)).folded.first ?? ""
        let kind: EntityKind =
            inside.first { result[$0].span == long }.map { result[$0].kind }
            ?? (Self.placeHeads.contains(firstWord) ? .place : .organisation)
        if !inside.contains(where: { result[$0].span == long }) {
            for index in inside.reversed() { result.remove(at: index) }
            let at = result.partitionPoint { $0.span.start < long.start }
            result.insert(Working(mention: EntityMention(span: long, kind: kind, confidence: 1), ruled: true), at: at)
        }
        let overlapping = result.indices.filter {
            result[$0].span.start < short.end && short.start < result[$0].span.end
        }
        if overlapping.isEmpty {
            let at = result.partitionPoint { $0.span.start < short.start }
            result.insert(Working(mention: EntityMention(span: short, kind: kind, confidence: 1), ruled: true), at: at)
        } else if let same = overlapping.first(where: { result[$0].span == short }) {
            result[same].kind = kind
        }
    }

    /// Folded connectors that may stand inside a headed name ("Kementerian Pemuda dan Olahraga").
    static let nameConnectors: Set<String> = ["dan", "serta", "untuk", "of", "and"]

    /// Step 8: a capitalised organisation or place head followed by capitalised words ("Kementerian Keuangan",
    /// "Suku Dinas Gulkarmat Jakarta Barat", "Kelurahan Mabar"; at most eight words, single spaces or hyphens between,
    /// connectors inside) is a mention when the tagger has none crossing its edges and no person or country inside it
    /// ("Pasukan Israel" stays the country it names); the tagger's
    /// organisation and place mentions inside it give way. A known short form (``AliasLexicon/shortFormKind(_:)``)
    /// the tagger missed is a mention of its kind ("Kemenkeu", "Sumbar"); one it tagged takes that kind.
    ///
    /// - Complexity: O((w + m) log m) for `w` words and `m` mentions.
    private func addingHeadedNames(_ mentions: [Working], words: [Word], body: String) -> [Working] {
        let bytes = Array(body.utf8)
        var result = mentions.sorted { ($0.span.start, $0.span.end) < ($1.span.start, $1.span.end) }
        func overlapping(_ span: TextSpan) -> Range<Int> {
            // Mentions do not overlap one another, so sorted by start they are sorted by end too.
            let first = result.partitionPoint { $0.span.end <= span.start }
            var last = first
            while last < result.count, result[last].span.start < span.end { last += 1 }
            return first..<last
        }
        func gapIsJoin(_ a: Word, _ b: Word) -> Bool {
            b.start - a.end == 1 && (bytes[a.end] == 0x20 || bytes[a.end] == 0x2D)
        }
        var added: [Working] = []
        var removed: Set<Int> = []
        var index = 0
        while index < words.count {
            let word = words[index]
            guard word.capitalised else {
                index += 1
                continue
            }
            let folded = word.text(in: body).lowercased()
            // A known short form of one or two words.
            var known: (span: TextSpan, kind: EntityKind)?
            if index + 1 < words.count, gapIsJoin(word, words[index + 1]), words[index + 1].capitalised {
                let span = TextSpan(start: word.start, end: words[index + 1].end)
                if let kind = lexicon.shortFormKind(AliasName(span.text(in: body))) { known = (span, kind) }
            }
            if known == nil, let kind = lexicon.shortFormKind(AliasName(folded)) { known = (word.span, kind) }
            if let known {
                let hits = overlapping(known.span)
                if hits.isEmpty {
                    added.append(Working(mention: EntityMention(span: known.span, kind: known.kind, confidence: 1)))
                } else if let same = hits.first(where: { result[$0].span == known.span }), result[same].kind != .person
                {
                    result[same].kind = known.kind
                }
                index += known.span.end == word.end ? 1 : 2
                continue
            }
            let isOrganisation = lexicon.organisationHeads.contains(folded)
            guard isOrganisation || lexicon.placeHeads.contains(folded) else {
                index += 1
                continue
            }
            var last = index
            var next = index + 1
            while next < words.count, next - index < 8, gapIsJoin(words[next - 1], words[next]) {
                let candidate = words[next]
                let isDigit = bytes[candidate.start] >= 0x30 && bytes[candidate.start] <= 0x39
                if candidate.capitalised || isDigit {
                    last = next
                } else if !Self.nameConnectors.contains(candidate.text(in: body).lowercased()) {
                    break
                }
                next += 1
            }
            guard last > index else {
                index += 1
                continue
            }
            let span = TextSpan(start: word.start, end: words[last].end)
            let rest = AliasName(TextSpan(start: words[index + 1].start, end: words[last].end).text(in: body))
            guard lexicon.country(for: rest) == nil else {
                index = last + 1
                continue
            }
            let hits = overlapping(span)
            // Not over a person, and not a head before a country alone ("Pasukan Israel", "Pemerintah Indonesia").
            let fits = hits.allSatisfy { hit in
                span.start <= result[hit].span.start && result[hit].span.end <= span.end && result[hit].kind != .person
                    && result[hit].span != span
                    && lexicon.country(for: AliasName(result[hit].span.text(in: body))) == nil
            }
            if fits {
                removed.formUnion(hits)
                added.append(
                    Working(
                        mention: EntityMention(
                            span: span, kind: isOrganisation ? .organisation : .place, confidence: 1),
                        ruled: true))
            }
            index = last + 1
        }
        guard !added.isEmpty else { return result }
        let kept = result.indices.filter { !removed.contains($0) }.map { result[$0] }
        return (kept + added).sorted { ($0.span.start, $0.span.end) < ($1.span.start, $1.span.end) }
    }

    // MARK: - Words

    /// A word of the body: one of the tagger's tokens that is a run of letters and digits (UTF-8 offsets).
    struct Word {
        var start: Int
        var end: Int
        var capitalised: Bool
        var span: TextSpan { TextSpan(start: start, end: end) }
        func text(in body: String) -> String { span.text(in: body) }
    }

    /// The body's words, cut as the tagger cuts them (``NERTokenizer``), so spans meet the tagger's on the same
    /// boundaries ("Bagheri-Kani" is `Bagheri`, `Kani`).
    static func words(in body: String) -> [Word] {
        let bytes = Array(body.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            NERTokenizer().tokens(in: buffer, range: 0..<buffer.count).compactMap { token in
                let (scalar, _) = UTF8Scanner.scalar(in: buffer, at: token.lowerBound)
                switch UTF8Scanner.classify(scalar) {
                case .letter, .digit:
                    return Word(
                        start: token.lowerBound, end: token.upperBound, capitalised: scalar.properties.isUppercase)
                default:
                    return nil
                }
            }
        }
    }

    /// The index of the first word starting at or after `offset` (binary search; words are in body order).
    static func firstWord(startingAtOrAfter offset: Int, _ words: [Word]) -> Int {
        words.partitionPoint { $0.start < offset }
    }

    /// The words that lie inside `span`.
    static func inside(_ span: TextSpan, _ words: [Word]) -> Range<Int> {
        let first = firstWord(startingAtOrAfter: span.start, words)
        var last = first
        while last < words.count, words[last].end <= span.end { last += 1 }
        return first..<last
    }

    /// The last word that ends at or before `offset`.
    static func before(_ offset: Int, _ words: [Word]) -> Word? {
        var index = firstWord(startingAtOrAfter: offset, words) - 1
        while index >= 0, words[index].end > offset { index -= 1 }
        return index >= 0 ? words[index] : nil
    }

    /// Every capitalised occurrence of one of `names` (lower-cased) whose words follow one another one byte apart
    /// ("Middle East Eye", "Tribunnews.com").
    func occurrences(of names: Set<String>, words: [Word], body: String) -> [TextSpan] {
        var byFirst: [String: [[String]]] = [:]
        for name in names {
            let parts = AliasName(name).folded
            guard let first = parts.first else { continue }
            byFirst[first, default: []].append(parts)
        }
        var spans: [TextSpan] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            guard word.capitalised, let candidates = byFirst[word.text(in: body).lowercased()] else {
                index += 1
                continue
            }
            var best = 0
            for parts in candidates where parts.count > best && index + parts.count <= words.count {
                var matches = true
                for offset in 1..<max(parts.count, 1) where matches {
                    let next = words[index + offset]
                    let gap = next.start - words[index + offset - 1].end
                    matches = gap == 1 && next.text(in: body).lowercased() == parts[offset]
                }
                if matches { best = parts.count }
            }
            if best > 0 {
                spans.append(TextSpan(start: word.start, end: words[index + best - 1].end))
                index += best
            } else {
                index += 1
            }
        }
        return spans
    }

    /// The word runs of `span` outside `holes`.
    func remainder(of span: TextSpan, minus holes: [TextSpan], words: [Word]) -> [TextSpan] {
        var pieces: [TextSpan] = []
        var current: TextSpan?
        for word in words[Self.inside(span, words)] {
            if holes.contains(where: { $0.start < word.end && word.start < $0.end }) {
                if let piece = current { pieces.append(piece) }
                current = nil
            } else {
                current = TextSpan(start: current?.start ?? word.start, end: word.end)
            }
        }
        if let piece = current { pieces.append(piece) }
        return pieces
    }

    /// A person span's words cut into a leading or trailing country and the rest; one piece when nothing is cut.
    func cutCountry(_ words: [Word], body: String) -> [(span: TextSpan, kind: EntityKind)] {
        guard words.count >= 2, let first = words.first, let last = words.last else {
            return words.isEmpty ? [] : [(TextSpan(start: words[0].start, end: words[words.count - 1].end), .person)]
        }
        let whole = TextSpan(start: first.start, end: last.end)
        let name = AliasName(whole.text(in: body))
        // The whole span a country ("Amerika Serikat") is left to the tagger's kind and step 4.
        if lexicon.country(for: name) != nil { return [(whole, .person)] }
        func isCountry(_ range: Range<Int>) -> Bool {
            let span = TextSpan(start: words[range.lowerBound].start, end: words[range.upperBound - 1].end)
            return lexicon.country(for: AliasName(span.text(in: body))) != nil
        }
        func span(_ range: Range<Int>) -> TextSpan {
            TextSpan(start: words[range.lowerBound].start, end: words[range.upperBound - 1].end)
        }
        // The longest country prefix (up to three words) with at least one capitalised word after it.
        for length in stride(from: min(3, words.count - 1), through: 1, by: -1) where isCountry(0..<length) {
            guard words[length].capitalised else { break }
            return [(span(0..<length), .place)] + cutCountry(Array(words[length...]), body: body)
        }
        for length in stride(from: min(3, words.count - 1), through: 1, by: -1)
        where isCountry((words.count - length)..<words.count) {
            return [(span(0..<(words.count - length)), .person), (span((words.count - length)..<words.count), .place)]
        }
        return [(whole, .person)]
    }
}
