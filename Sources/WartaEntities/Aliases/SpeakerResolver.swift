import WartaCore

/// Points each quote's speaker at a clean name of the entity that spoke, using the article's entity mentions.
///
/// The quote finder works before entity tagging, so its speaker spans are phrases as written: a role glued to the
/// name ("Kapolres Jakarta Timur Gatot Sulaeman", "AKBP Hardi"), a role alone ("Menaker"), a description that
/// points back ("Mantan Wali Kota Tangerang tersebut", "pebalap Italia itu") or a pronoun. This pass, run once the
/// mentions are known, rewrites the speaker span (the role span is left as the finder read it). A speaker found by
/// pointing back (rules 2, 3 and 5) is shown as the entity's canonical name where the article writes it, else its
/// longest spelling:
/// 1. **A name inside the phrase**: the last person mention the phrase overlaps (else the last organisation) is the
///    speaker; the span becomes that mention's name with roles and glued names cut (``AliasResolver``: "Hardi
///    Dinata" for "Kapolres Dumai AKBP Hardi Dinata").
/// 2. **A pronoun, or a phrase that ends with a demonstrative** ("tersebut", "itu", "ini") and has no relative
///    clause ("yang …"): the antecedent is the
///    nearest earlier sentence, within ``Configuration/reach`` bytes, that has a quote with a person speaker (that
///    speaker) or a person mention outside quotation (its first: the subject). The quote's own sentence is skipped,
///    so that "Dalam suratnya kepada … Ismail Haniyeh, dia menegaskan kembali" does not take the addressee.
/// 3. **A role alone** ("Menaker", "Lebih lanjut Kadispenad"): a capitalised word of the phrase that the article
///    also writes right before a person's name ("Menaker M. Hanif Dhakiri", "(Kadispenad) Brigjen TNI Candra
///    Wijaya": at most three capitalised words such as a rank between) names that person; the occurrence nearest
///    before the quote wins. A phrase of at most three capitalised words whose holder is not written so is read as
///    pointing back (rule 2): "kata Menaker" after "Menteri Ketenagakerjaan M. Hanif Dhakiri".
/// 4. **A phrase cut short** right before a person's name ("dr" in "ungkap … dr Reza Pahlevi") names that person.
/// 5. **A direct quote with no speaker** continues the talk of the antecedent found as in rule 2 (a person only).
/// 6. Anything else (a description such as "warga", "sebuah sumber") stays as written.
public struct SpeakerResolver: Sendable {
    /// Settings with documented defaults.
    public struct Configuration: Sendable {
        /// How far back, in bytes, an antecedent is looked for. Default 2,000 (a few paragraphs).
        public var reach = 2_000

        public init() {}
    }

    public var configuration: Configuration
    let resolver: AliasResolver

    /// Words that make a speaker phrase point back to an earlier name (folded).
    static let demonstratives: Set<String> = ["tersebut", "itu", "ini", "beliau", "dia", "ia", "he", "she"]
    /// Sentence connectives a speaker phrase may start with ("Lebih lanjut Kadispenad"), folded.
    static let connectives: Set<String> = [
        "lebih", "lanjut", "selanjutnya", "kemudian", "sementara", "adapun", "pun", "juga", "sendiri",
    ]

    public init(lexicon: AliasLexicon, configuration: Configuration = Configuration()) {
        self.configuration = configuration
        resolver = AliasResolver(lexicon: lexicon)
    }

    /// The quotes with their speakers resolved as described above.
    ///
    /// - Complexity: O(q·(m + s) + n) for `q` quotes, `m` mentions, `s` sentences and the alias resolution of the
    ///   mentions (linear in the bytes they cover).
    public func resolve(_ quotes: [Quote], body: String, mentions: [EntityMention], sentences: [TextSpan]) -> [Quote] {
        guard !quotes.isEmpty, !mentions.isEmpty, !sentences.isEmpty else { return quotes }
        let bytes = Array(body.utf8)
        let resolution = resolver.resolve(body: body, mentions: mentions)
        // Each mention's cluster, and each cluster's canonical name span (its first spelling as the canonical name).
        var clusterOf: [TextSpan: Int] = [:]
        // Each mention's name with roles and glued names trimmed ("Hardi Dinata" of "AKBP Hardi Dinata").
        var nameOf: [TextSpan: TextSpan] = [:]
        var canonical: [TextSpan] = []
        var kinds: [EntityKind] = []
        for (index, cluster) in resolution.clusters.enumerated() {
            let key = AliasName(cluster.canonicalName).key
            var best: TextSpan?
            for item in cluster.mentions {
                clusterOf[item.mention.span] = index
                if !item.derived { nameOf[item.mention.span] = item.name }
                if best == nil, AliasName(Self.text(bytes, item.name)).key == key { best = item.name }
            }
            let longest = cluster.mentions.map(\.name).max { ($0.end - $0.start) < ($1.end - $1.start) }
            canonical.append(best ?? longest ?? cluster.mentions[0].name)
            kinds.append(cluster.kind)
        }
        let sorted = mentions.sorted { ($0.span.start, $0.span.end) < ($1.span.start, $1.span.end) }
        var mentionAt: [Int: EntityMention] = [:]
        for mention in sorted where mentionAt[mention.span.start] == nil { mentionAt[mention.span.start] = mention }
        let quoteSpans = quotes.map(\.span).sorted { $0.start < $1.start }
        func insideQuote(_ span: TextSpan) -> Bool {
            // The quotes starting at or before the span; quotes do not nest, so a few back suffice.
            let after = quoteSpans.partitionPoint { $0.start <= span.start }
            return quoteSpans[max(0, after - 8)..<after].contains { $0.end >= span.end }
        }
        func sentenceIndex(_ offset: Int) -> Int {
            max(sentences.partitionPoint { $0.start <= offset } - 1, 0)
        }
        // The first person named outside quotation in each sentence: its subject, as far as a name can tell.
        var subject: [Int: Int] = [:]
        for mention in sorted where mention.kind == .person && !insideQuote(mention.span) {
            let index = sentenceIndex(mention.span.start)
            if subject[index] == nil, let cluster = clusterOf[mention.span] { subject[index] = cluster }
        }
        // The person who spoke in each sentence, as quotes are resolved in order.
        var spoke: [Int: Int] = [:]

        /// The speaker or subject of the nearest earlier sentence within reach.
        func antecedent(before anchor: Int) -> Int? {
            let current = sentenceIndex(anchor)
            var index = current - 1
            while index >= 0, sentences[index].end > anchor - configuration.reach {
                if let cluster = spoke[index] ?? subject[index] { return cluster }
                index -= 1
            }
            return nil
        }

        /// The person cluster whose mention starts at `offset` after spaces and at most three capitalised words
        /// (a rank such as "Kolonel Inf").
        func personAfter(_ offset: Int) -> Int? {
            var position = offset
            for _ in 0...3 {
                // Spaces, the closing parenthesis of a spelled-out role ("(Kadispenad) Brigjen TNI …") and the dot of
                // an abbreviated title ("dr. Reza Pahlevi").
                while position < bytes.count,
                    bytes[position] == 0x20 || bytes[position] == 0x29 || bytes[position] == 0x2E
                {
                    position += 1
                }
                if let mention = mentionAt[position] {
                    return mention.kind == .person ? clusterOf[mention.span] : nil
                }
                guard position < bytes.count, bytes[position] >= 0x41, bytes[position] <= 0x5A else { return nil }
                while position < bytes.count, bytes[position] != 0x20 {
                    // A word ends at a space; punctuation inside the gap ends the search.
                    if bytes[position] == 0x2C || bytes[position] == 0x0A { return nil }
                    position += 1
                }
            }
            return nil
        }

        func roleHolder(_ speaker: TextSpan, before anchor: Int) -> Int? {
            let lower = max(0, anchor - 8 * configuration.reach)
            let upper = min(bytes.count, anchor + configuration.reach)
            for word in Self.words(bytes, speaker).reversed()
            where Self.isCapitalised(bytes, word) && word.end - word.start >= 3 {
                let needle = Array(bytes[word.start..<word.end])
                var best: (distance: Int, cluster: Int)?
                var offset = lower
                while let found = Self.find(needle, in: bytes, from: offset, to: upper) {
                    offset = found + needle.count
                    guard found != word.start, Self.isWordBoundary(bytes, found, found + needle.count),
                        let cluster = personAfter(found + needle.count)
                    else { continue }
                    let distance = found < anchor ? anchor - found : configuration.reach * 8 + found - anchor
                    if best == nil || distance < best!.distance { best = (distance, cluster) }
                }
                if let best { return best.cluster }
            }
            return nil
        }

        var result = quotes
        for (q, quote) in quotes.enumerated() {
            guard let speaker = quote.speaker, speaker.end <= bytes.count, speaker.start < speaker.end else {
                // A direct quote with no tag continues the talk of the nearest earlier speaker or subject.
                if quote.kind == .direct, quote.span.start <= bytes.count,
                    let cluster = antecedent(before: quote.span.start), kinds[cluster] == .person
                {
                    spoke[sentenceIndex(quote.span.start)] = cluster
                    result[q].speaker = canonical[cluster]
                    result[q].speakerKind = .pronoun
                }
                continue
            }
            // A pronoun's span already points back to the finder's guess; the search starts where the quote is.
            let anchor =
                quote.speakerKind == .pronoun
                ? min(quote.cue?.start ?? quote.span.start, quote.span.start) : min(speaker.start, quote.span.start)
            // Names are short: a mention starting 256 bytes before the phrase cannot reach into it.
            var overlapping: [EntityMention] = []
            var index = sorted.partitionPoint { $0.span.start < speaker.start - 256 }
            while index < sorted.count, sorted[index].span.start < speaker.end {
                if speaker.start < sorted[index].span.end { overlapping.append(sorted[index]) }
                index += 1
            }
            let named = overlapping.last { $0.kind == .person } ?? overlapping.last { $0.kind == .organisation }
            var cluster: Int?
            var pointsBack = false
            if quote.speakerKind != .pronoun, let named, let found = clusterOf[named.span] {
                // The name as the phrase writes it, cleaned of roles: a clean name already.
                if kinds[found] == .person { spoke[sentenceIndex(quote.span.start)] = found }
                result[q].speaker = nameOf[named.span] ?? named.span
                result[q].speakerKind = .name
                continue
            } else {
                let folded = Self.words(bytes, speaker).map { Self.text(bytes, $0).lowercased() }
                    .filter { !Self.connectives.contains($0) }
                // "Mantan Wali Kota Tangerang tersebut", "pebalap Italia itu": the demonstrative ends the phrase
                // ("sebuah sumber yang mengetahui masalah tersebut" describes someone new).
                pointsBack =
                    quote.speakerKind == .pronoun
                    || (folded.last.map { Self.demonstratives.contains($0) } == true && !folded.contains("yang"))
                if pointsBack {
                    cluster = antecedent(before: anchor)
                } else if overlapping.isEmpty {
                    // A phrase cut short before the name ("kata dr Reza Pahlevi" read as "dr").
                    cluster = personAfter(speaker.end) ?? roleHolder(speaker, before: anchor)
                    // A role alone, all capitalised, whose holder the article names only earlier ("kata Menaker").
                    if cluster == nil, folded.count <= 3,
                        Self.words(bytes, speaker).allSatisfy({ Self.isCapitalised(bytes, $0) })
                    {
                        cluster = antecedent(before: anchor)
                        pointsBack = cluster != nil
                    }
                }
            }
            guard let cluster, kinds[cluster] != .place else { continue }
            if kinds[cluster] == .person { spoke[sentenceIndex(quote.span.start)] = cluster }
            result[q].speaker = canonical[cluster]
            if !pointsBack, overlapping.isEmpty, result[q].role == nil { result[q].role = speaker }
            if quote.speakerKind != .pronoun { result[q].speakerKind = pointsBack ? .pronoun : .name }
        }
        return result
    }

    static func text(_ bytes: [UInt8], _ span: TextSpan) -> String {
        String(decoding: bytes[span.start..<span.end], as: UTF8.self)
    }

    /// The word spans of `span`, cut as names are cut (``AliasResolver/tokenRanges(_:_:)``).
    static func words(_ bytes: [UInt8], _ span: TextSpan) -> [TextSpan] {
        AliasResolver.tokenRanges(bytes, span.start..<span.end).map {
            TextSpan(start: $0.lowerBound, end: $0.upperBound)
        }
    }

    static func isCapitalised(_ bytes: [UInt8], _ span: TextSpan) -> Bool {
        bytes[span.start] >= 0x41 && bytes[span.start] <= 0x5A
    }

    static func isWordBoundary(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        func letter(_ byte: UInt8) -> Bool { byte >= 0x80 || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) }
        return (start == 0 || !letter(bytes[start - 1])) && (end >= bytes.count || !letter(bytes[end]))
    }

    static func find(_ needle: [UInt8], in hay: [UInt8], from offset: Int, to end: Int) -> Int? {
        guard !needle.isEmpty, offset + needle.count <= end else { return nil }
        var index = offset
        while index + needle.count <= end {
            if hay[index] == needle[0], hay[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
