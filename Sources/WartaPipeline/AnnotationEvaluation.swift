import Foundation
import WartaCore
import WartaEntities

/// Scores Warta's quotes, entity spellings and dates against hand-made gold (`bench/annotations/id-dev`).
///
/// Matching is by place in the body: a gold span is found in the article body as its `occurrence`-th match, and a
/// predicted quote or date matches a gold one it overlaps (quotes: with token F1 ≥ 0.5 between the two spans),
/// each used at most once, best overlap first. A gold span the body does not hold verbatim (the extractor changed
/// the text) is matched by its words alone and counted in ``Tally/unlocated``.
///
/// The measures (each a count over the texts scored):
/// - quotes found = matched gold quotes / gold quotes; precision = matched predictions / predictions;
/// - speaker right = matched quotes whose speaker is the gold speaker or a spelling of the gold speaker's entity
///   (case and separators folded), over matched quotes with a gold speaker;
/// - relay items found = gold relay items (the publishing outlet included, as the gold writes every chain) found in
///   the predicted chain, over matched quotes; the chain shown for a quote ends with its article's outlet; precision
///   = those found / the items of the predicted chains;
/// - dates found = matched gold dates / gold dates; values right = matched dates with the gold value;
/// - spellings merged = gold entities with two or more spellings whose spellings all sit in one Warta entity;
///   wrong merges = pairs of spellings Warta put in one entity that the gold gives to two entities, over all pairs of
///   gold spellings Warta put together.
public enum AnnotationEvaluation {
    /// One text of `texts.jsonl`.
    public struct GoldText: Decodable, Sendable {
        public var id: String
        public var source: String
        public var outlet: String
        public var url: String
        public var published: String?
        public var title: String
        public var text: String
        public var split: String
    }

    /// One line of `gold.jsonl`.
    public struct Gold: Decodable, Sendable {
        public struct Quote: Decodable, Sendable {
            public var text: String
            public var occurrence: Int
            public var kind: String
            public var speaker: String?
            public var cue: String?
            public var relay: [String]
        }

        public struct Entity: Decodable, Sendable {
            public var name: String
            public var kind: String
            public var spellings: [String]
        }

        public struct DateSpan: Decodable, Sendable {
            public var text: String
            public var occurrence: Int
            public var value: String
            public var granularity: String
            public var modifier: String?
        }

        public var id: String
        public var quotes: [Quote]
        public var entities: [Entity]
        public var dates: [DateSpan]
    }

    /// What Warta produced for one text.
    public struct Prediction: Sendable {
        public struct Quote: Sendable {
            public var span: Range<Int>
            public var speaker: String?
            /// The chain as shown: relays, then the publishing outlet.
            public var relay: [String]

            public init(span: Range<Int>, speaker: String?, relay: [String]) {
                self.span = span
                self.speaker = speaker
                self.relay = relay
            }
        }

        public struct DateValue: Sendable {
            public var span: Range<Int>
            /// The value as the gold writes it: `2019-08-19`, `2019-W34`, `2019-08`, `2019`.
            public var value: String

            public init(span: Range<Int>, value: String) {
                self.span = span
                self.value = value
            }
        }

        public var body: String
        public var quotes: [Quote]
        public var dates: [DateValue]
        /// The spellings of each entity Warta made for the text.
        public var entities: [[String]]

        public init(body: String, quotes: [Quote], dates: [DateValue], entities: [[String]]) {
            self.body = body
            self.quotes = quotes
            self.dates = dates
            self.entities = entities
        }
    }

    /// One thing the scorer counted against Warta, for error analysis.
    public struct Miss: Encodable, Sendable {
        public var id: String
        /// `quote-missed`, `quote-extra`, `speaker`, `relay`, `date-missed`, `date-extra`, `date-value`,
        /// `not-merged`, `wrong-merge`.
        public var kind: String
        public var gold: String?
        public var predicted: String?
        public var detail: String?
    }

    /// The counts over the texts scored so far.
    public struct Tally: Sendable {
        public var texts = 0
        public var goldQuotes = 0
        public var predictedQuotes = 0
        public var matchedQuotes = 0
        public var speakerGold = 0
        public var speakerRight = 0
        public var relayGold = 0
        public var relayFound = 0
        /// Relay items other than the publishing outlet.
        public var relaySourcesGold = 0
        public var relaySourcesFound = 0
        /// Relay items Warta gave the matched quotes (the outlet included).
        public var relayPredicted = 0
        public var goldDates = 0
        public var predictedDates = 0
        public var matchedDates = 0
        public var dateValuesRight = 0
        public var multiSpellingEntities = 0
        public var mergedEntities = 0
        public var pairsTogether = 0
        public var pairsWrong = 0
        /// Gold spans the body does not hold verbatim.
        public var unlocated = 0
        public var misses: [Miss] = []

        public init() {}

        public var quotesFound: Double { ratio(matchedQuotes, goldQuotes) }
        public var quotePrecision: Double { ratio(matchedQuotes, predictedQuotes) }
        public var speakers: Double { ratio(speakerRight, speakerGold) }
        public var relayItems: Double { ratio(relayFound, relayGold) }
        public var relaySources: Double { ratio(relaySourcesFound, relaySourcesGold) }
        public var relayPrecision: Double { ratio(relayFound, relayPredicted) }
        public var datesFound: Double { ratio(matchedDates, goldDates) }
        public var datePrecision: Double { ratio(matchedDates, predictedDates) }
        public var dateValues: Double { ratio(dateValuesRight, matchedDates) }
        public var spellingsMerged: Double { ratio(mergedEntities, multiSpellingEntities) }
        public var wrongMerges: Double { ratio(pairsWrong, pairsTogether) }

        private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }

        /// The report, one measure a line, with the counts behind each.
        public var report: [String] {
            func f(_ value: Double) -> String { String(format: "%.3f", value) }
            return [
                "texts: \(texts) (gold spans not in the body verbatim: \(unlocated))",
                "quotes found: \(f(quotesFound)) (\(matchedQuotes)/\(goldQuotes)), precision \(f(quotePrecision)) "
                    + "(\(matchedQuotes)/\(predictedQuotes))",
                "speaker right: \(f(speakers)) (\(speakerRight)/\(speakerGold))",
                "relay items found: \(f(relayItems)) (\(relayFound)/\(relayGold)), precision \(f(relayPrecision)) "
                    + "(\(relayFound)/\(relayPredicted)); sources besides the outlet \(f(relaySources)) "
                    + "(\(relaySourcesFound)/\(relaySourcesGold))",
                "dates found: \(f(datesFound)) (\(matchedDates)/\(goldDates)), precision \(f(datePrecision)) "
                    + "(\(matchedDates)/\(predictedDates)); values right \(f(dateValues)) "
                    + "(\(dateValuesRight)/\(matchedDates))",
                "spellings merged: \(f(spellingsMerged)) (\(mergedEntities)/\(multiSpellingEntities)); wrong merges "
                    + "\(f(wrongMerges)) (\(pairsWrong)/\(pairsTogether) pairs)",
            ]
        }

        /// Scores one text.
        public mutating func add(_ gold: Gold, text: GoldText, prediction: Prediction) {
            texts += 1
            let body = prediction.body
            scoreQuotes(gold, text: text, prediction: prediction, body: body)
            scoreDates(gold, text: text, prediction: prediction, body: body)
            scoreEntities(gold, text: text, prediction: prediction)
        }

        private mutating func scoreQuotes(_ gold: Gold, text: GoldText, prediction: Prediction, body: String) {
            goldQuotes += gold.quotes.count
            predictedQuotes += prediction.quotes.count
            let goldSpans = gold.quotes.map { locate($0.text, occurrence: $0.occurrence, in: body) }
            unlocated += goldSpans.filter { $0 == nil }.count
            let bodyBytes = Array(body.utf8)
            func words(_ span: Range<Int>) -> [String] {
                AnnotationEvaluation.words(String(decoding: bodyBytes[clamped(span, bodyBytes.count)], as: UTF8.self))
            }
            var candidates: [(score: Double, gold: Int, predicted: Int)] = []
            for (g, quote) in gold.quotes.enumerated() {
                let goldWords = AnnotationEvaluation.words(quote.text)
                for (p, predicted) in prediction.quotes.enumerated() {
                    if let span = goldSpans[g], !span.overlaps(predicted.span) { continue }
                    let score = AnnotationEvaluation.overlap(goldWords, words(predicted.span))
                    if score >= 0.5 { candidates.append((score, g, p)) }
                }
            }
            let pairs = AnnotationEvaluation.assign(candidates)
            matchedQuotes += pairs.count
            let entities = gold.entities
            for (g, p) in pairs.sorted(by: { $0.0 < $1.0 }) {
                let quote = gold.quotes[g]
                let predicted = prediction.quotes[p]
                if let speaker = quote.speaker {
                    speakerGold += 1
                    let keys = AnnotationEvaluation.speakerKeys(speaker, entities: entities)
                    if let said = predicted.speaker, keys.contains(AliasName(said).key) {
                        speakerRight += 1
                    } else {
                        misses.append(
                            Miss(
                                id: gold.id, kind: "speaker", gold: speaker, predicted: predicted.speaker,
                                detail: quote.text))
                    }
                }
                let found = AnnotationEvaluation.relayMatches(gold: quote.relay, predicted: predicted.relay)
                relayGold += quote.relay.count
                relayFound += found.count
                relayPredicted += predicted.relay.count
                relaySourcesGold += max(0, quote.relay.count - 1)
                relaySourcesFound += found.filter { $0 < quote.relay.count - 1 }.count
                if found.count < quote.relay.count {
                    misses.append(
                        Miss(
                            id: gold.id, kind: "relay", gold: quote.relay.joined(separator: " > "),
                            predicted: predicted.relay.joined(separator: " > "), detail: quote.text))
                }
            }
            let matchedGold = Set(pairs.map(\.0))
            let matchedPredicted = Set(pairs.map(\.1))
            for (g, quote) in gold.quotes.enumerated() where !matchedGold.contains(g) {
                misses.append(
                    Miss(id: gold.id, kind: "quote-missed", gold: quote.text, predicted: nil, detail: quote.speaker))
            }
            for (p, quote) in prediction.quotes.enumerated() where !matchedPredicted.contains(p) {
                let said = String(decoding: bodyBytes[clamped(quote.span, bodyBytes.count)], as: UTF8.self)
                misses.append(Miss(id: gold.id, kind: "quote-extra", gold: nil, predicted: said, detail: quote.speaker))
            }
        }

        private mutating func scoreDates(_ gold: Gold, text: GoldText, prediction: Prediction, body: String) {
            goldDates += gold.dates.count
            predictedDates += prediction.dates.count
            let bodyBytes = Array(body.utf8)
            var candidates: [(score: Double, gold: Int, predicted: Int)] = []
            for (g, date) in gold.dates.enumerated() {
                let span = locate(date.text, occurrence: date.occurrence, in: body)
                if span == nil { unlocated += 1 }
                for (p, predicted) in prediction.dates.enumerated() {
                    if let span {
                        guard span.overlaps(predicted.span) else { continue }
                        let shared =
                            min(span.upperBound, predicted.span.upperBound)
                            - max(span.lowerBound, predicted.span.lowerBound)
                        let union =
                            max(span.upperBound, predicted.span.upperBound)
                            - min(span.lowerBound, predicted.span.lowerBound)
                        candidates.append((Double(shared) / Double(max(union, 1)), g, p))
                    } else {
                        let said = String(decoding: bodyBytes[clamped(predicted.span, bodyBytes.count)], as: UTF8.self)
                        let score = AnnotationEvaluation.overlap(
                            AnnotationEvaluation.words(date.text), AnnotationEvaluation.words(said))
                        if score >= 0.5 { candidates.append((score, g, p)) }
                    }
                }
            }
            let pairs = AnnotationEvaluation.assign(candidates)
            matchedDates += pairs.count
            for (g, p) in pairs.sorted(by: { $0.0 < $1.0 }) {
                let date = gold.dates[g]
                if prediction.dates[p].value == date.value {
                    dateValuesRight += 1
                } else {
                    misses.append(
                        Miss(
                            id: gold.id, kind: "date-value", gold: "\(date.text) = \(date.value)",
                            predicted: prediction.dates[p].value, detail: text.published))
                }
            }
            let matchedGold = Set(pairs.map(\.0))
            let matchedPredicted = Set(pairs.map(\.1))
            for (g, date) in gold.dates.enumerated() where !matchedGold.contains(g) {
                misses.append(
                    Miss(
                        id: gold.id, kind: "date-missed", gold: "\(date.text) = \(date.value)", predicted: nil,
                        detail: nil))
            }
            for (p, date) in prediction.dates.enumerated() where !matchedPredicted.contains(p) {
                let said = String(decoding: bodyBytes[clamped(date.span, bodyBytes.count)], as: UTF8.self)
                misses.append(
                    Miss(id: gold.id, kind: "date-extra", gold: nil, predicted: "\(said) = \(date.value)", detail: nil))
            }
        }

        private mutating func scoreEntities(_ gold: Gold, text: GoldText, prediction: Prediction) {
            // A spelling may belong to two gold entities ("Bali" for the island and for Bali United).
            var goldOf: [String: Set<Int>] = [:]
            for (index, entity) in gold.entities.enumerated() {
                for spelling in entity.spellings { goldOf[AliasName(spelling).key, default: []].insert(index) }
            }
            var predictedOf: [String: Set<Int>] = [:]
            for (index, forms) in prediction.entities.enumerated() {
                for form in forms { predictedOf[AliasName(form).key, default: []].insert(index) }
            }
            for entity in gold.entities {
                let keys = Set(entity.spellings.map { AliasName($0).key })
                guard keys.count > 1 else { continue }
                multiSpellingEntities += 1
                // Merged when one Warta entity holds every spelling.
                let homes = keys.map { predictedOf[$0] ?? [] }.reduce(nil as Set<Int>?) { $0?.intersection($1) ?? $1 }
                if homes?.isEmpty == false {
                    mergedEntities += 1
                } else {
                    let groups = keys.sorted().map { key in
                        "\(key)→\(predictedOf[key].map { $0.sorted().map(String.init).joined(separator: "/") } ?? "-")"
                    }
                    misses.append(
                        Miss(
                            id: gold.id, kind: "not-merged", gold: entity.spellings.joined(separator: " | "),
                            predicted: groups.joined(separator: ", "), detail: entity.kind))
                }
            }
            for forms in prediction.entities {
                let keys = Array(Set(forms.map { AliasName($0).key }.filter { goldOf[$0] != nil })).sorted()
                guard keys.count > 1 else { continue }
                for i in 0..<keys.count {
                    for j in (i + 1)..<keys.count {
                        pairsTogether += 1
                        if goldOf[keys[i]]!.isDisjoint(with: goldOf[keys[j]]!) {
                            pairsWrong += 1
                            misses.append(
                                Miss(
                                    id: gold.id, kind: "wrong-merge", gold: nil, predicted: "\(keys[i]) + \(keys[j])",
                                    detail: forms.joined(separator: " | ")))
                        }
                    }
                }
            }
        }
    }

    /// The UTF-8 range of the `occurrence`-th non-overlapping match of `text` in `body`, or `nil`.
    public static func locate(_ text: String, occurrence: Int, in body: String) -> Range<Int>? {
        let needle = Array(text.utf8)
        let hay = Array(body.utf8)
        guard !needle.isEmpty, needle.count <= hay.count else { return nil }
        var seen = 0
        var index = 0
        while index + needle.count <= hay.count {
            if hay[index] == needle[0], hay[index..<(index + needle.count)].elementsEqual(needle) {
                seen += 1
                if seen == occurrence { return index..<(index + needle.count) }
                index += needle.count
            } else {
                index += 1
            }
        }
        return nil
    }

    /// Lower-cased runs of letters and digits.
    static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for scalar in text.lowercased().unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Token F1 between two word multisets.
    static func overlap(_ a: [String], _ b: [String]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var counts: [String: Int] = [:]
        for word in a { counts[word, default: 0] += 1 }
        var shared = 0
        for word in b where (counts[word] ?? 0) > 0 {
            counts[word]! -= 1
            shared += 1
        }
        guard shared > 0 else { return 0 }
        let precision = Double(shared) / Double(b.count)
        let recall = Double(shared) / Double(a.count)
        return 2 * precision * recall / (precision + recall)
    }

    /// One-to-one pairs, best score first (ties: earlier gold, then earlier prediction).
    static func assign(_ candidates: [(score: Double, gold: Int, predicted: Int)]) -> [(Int, Int)] {
        let ordered = candidates.sorted { ($0.score, -$0.gold, -$0.predicted) > ($1.score, -$1.gold, -$1.predicted) }
        var usedGold: Set<Int> = []
        var usedPredicted: Set<Int> = []
        var pairs: [(Int, Int)] = []
        for candidate in ordered
        where !usedGold.contains(candidate.gold) && !usedPredicted.contains(candidate.predicted) {
            usedGold.insert(candidate.gold)
            usedPredicted.insert(candidate.predicted)
            pairs.append((candidate.gold, candidate.predicted))
        }
        return pairs
    }

    /// The folded keys a right speaker may have: the gold speaker and every spelling of the entity it names.
    static func speakerKeys(_ speaker: String, entities: [Gold.Entity]) -> Set<String> {
        let key = AliasName(speaker).key
        var keys: Set<String> = [key]
        for entity in entities where entity.spellings.contains(where: { AliasName($0).key == key }) {
            for spelling in entity.spellings { keys.insert(AliasName(spelling).key) }
        }
        return keys
    }

    /// A relay source's comparable form: letters and digits, lower-cased, without a trailing domain suffix.
    static func relayKey(_ name: String) -> String {
        var key = words(name).joined()
        for suffix in ["com", "coid", "co", "id", "net"] where key.hasSuffix(suffix) && key.count > suffix.count + 2 {
            key.removeLast(suffix.count)
            break
        }
        return key
    }

    /// The indices of the gold relay items found in the predicted chain (each predicted item used once; one key a
    /// prefix of the other, four letters at least, counts: "Antara" is "Antaranews").
    package static func relayMatches(gold: [String], predicted: [String]) -> [Int] {
        var available = predicted.map(relayKey)
        var found: [Int] = []
        for (index, item) in gold.enumerated() {
            let key = relayKey(item)
            guard !key.isEmpty else { continue }
            if let at = available.firstIndex(where: { candidate in
                candidate == key
                    || (min(candidate.count, key.count) >= 4 && (candidate.hasPrefix(key) || key.hasPrefix(candidate)))
            }) {
                available[at] = ""
                found.append(index)
            }
        }
        return found
    }

    /// A date as the gold writes its value: weeks as ISO weeks.
    public static func goldValue(_ date: DateMention) -> String {
        switch date.granularity {
        case .week:
            var calendar = Calendar(identifier: .iso8601)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let components = DateComponents(year: date.year, month: date.month ?? 1, day: date.day ?? 1)
            guard let day = calendar.date(from: components) else { return date.iso }
            let week = calendar.component(.weekOfYear, from: day)
            let year = calendar.component(.yearForWeekOfYear, from: day)
            return String(format: "%04d-W%02d", year, week)
        case .day, .month, .year:
            return date.iso
        }
    }
}

private func clamped(_ range: Range<Int>, _ count: Int) -> Range<Int> {
    let lower = min(max(range.lowerBound, 0), count)
    return lower..<min(max(range.upperBound, lower), count)
}
