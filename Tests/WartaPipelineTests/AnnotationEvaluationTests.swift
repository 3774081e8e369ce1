import Foundation
import Testing
import WartaCore
import WartaPipeline
import WartaTestSupport

/// The annotation scorer on the real id-dev gold: the gold itself scores 1 everywhere, and each kind of damage
/// lowers exactly the measure it touches.
@Suite struct AnnotationEvaluationTests {
    typealias Eval = AnnotationEvaluation

    static func load() throws -> [(Eval.GoldText, Eval.Gold)] {
        let folder = Fixtures.repositoryRoot.appendingPathComponent("bench/annotations/id-dev")
        func lines<T: Decodable>(_ name: String) throws -> [T] {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            return try data.split(separator: UInt8(ascii: "\n")).map {
                try JSONDecoder().decode(T.self, from: Data($0))
            }
        }
        let texts: [Eval.GoldText] = try lines("texts.jsonl")
        let golds: [Eval.Gold] = try lines("gold.jsonl")
        #expect(texts.count == 80)
        #expect(texts.map(\.id) == golds.map(\.id))
        return Array(zip(texts, golds))
    }

    /// The gold turned into a prediction, with `damage` applied to each text's parts.
    static func prediction(
        _ text: Eval.GoldText, _ gold: Eval.Gold,
        quotes keepQuote: (Int) -> Bool = { _ in true },
        speaker: (String?) -> String? = { $0 },
        relay: ([String]) -> [String] = { $0 },
        dateValue: (String) -> String = { $0 },
        entities: ([[String]]) -> [[String]] = { $0 }
    ) throws -> Eval.Prediction {
        var quotes: [Eval.Prediction.Quote] = []
        for (index, quote) in gold.quotes.enumerated() where keepQuote(index) {
            let span = try #require(Eval.locate(quote.text, occurrence: quote.occurrence, in: text.text))
            quotes.append(.init(span: span, speaker: speaker(quote.speaker), relay: relay(quote.relay)))
        }
        let dates = try gold.dates.map { date in
            Eval.Prediction.DateValue(
                span: try #require(Eval.locate(date.text, occurrence: date.occurrence, in: text.text)),
                value: dateValue(date.value))
        }
        return Eval.Prediction(
            body: text.text, quotes: quotes, dates: dates, entities: entities(gold.entities.map(\.spellings)))
    }

    @Test func goldScoresOneOnEveryMeasure() throws {
        var tally = Eval.Tally()
        for (text, gold) in try Self.load() { tally.add(gold, text: text, prediction: try Self.prediction(text, gold)) }
        #expect(tally.unlocated == 0)
        #expect(tally.goldQuotes == 369)
        #expect(tally.goldDates == 241)
        // 183 entities have two spellings or more; in 4 they differ only in case or separators, one spelling here.
        #expect(tally.multiSpellingEntities == 179)
        for value in [
            tally.quotesFound, tally.quotePrecision, tally.speakers, tally.relayItems, tally.datesFound,
            tally.datePrecision, tally.dateValues, tally.spellingsMerged,
        ] {
            #expect(value == 1)
        }
        #expect(tally.wrongMerges == 0)
        #expect(tally.misses.isEmpty)
    }

    @Test func eachDamageLowersItsOwnMeasure() throws {
        let all = try Self.load()
        var dropped = Eval.Tally()
        var noSpeaker = Eval.Tally()
        var noRelay = Eval.Tally()
        var wrongDates = Eval.Tally()
        var oneEntity = Eval.Tally()
        var split = Eval.Tally()
        for (text, gold) in all {
            dropped.add(gold, text: text, prediction: try Self.prediction(text, gold, quotes: { $0 % 2 == 0 }))
            noSpeaker.add(gold, text: text, prediction: try Self.prediction(text, gold, speaker: { _ in "dia" }))
            noRelay.add(gold, text: text, prediction: try Self.prediction(text, gold, relay: { Array($0.suffix(1)) }))
            wrongDates.add(gold, text: text, prediction: try Self.prediction(text, gold, dateValue: { $0 + "x" }))
            oneEntity.add(
                gold, text: text, prediction: try Self.prediction(text, gold, entities: { [$0.flatMap { $0 }] }))
            split.add(
                gold, text: text,
                prediction: try Self.prediction(text, gold, entities: { $0.flatMap { $0.map { [$0] } } }))
        }
        #expect(dropped.quotesFound < 0.6 && dropped.quotePrecision == 1 && dropped.speakers == 1)
        #expect(noSpeaker.speakers < 0.05 && noSpeaker.quotesFound == 1)
        // Only chains with a source besides the outlet lose items.
        #expect(noRelay.relaySources == 0 && noRelay.relayItems < 1 && noRelay.relayItems > 0.7)
        #expect(wrongDates.dateValues == 0 && wrongDates.datesFound == 1)
        #expect(oneEntity.spellingsMerged == 1 && oneEntity.wrongMerges > 0.9)
        #expect(split.spellingsMerged == 0 && split.wrongMerges == 0)
    }

    @Test func relayNamesMatchAcrossSpellingsOfOneOutlet() {
        #expect(Eval.relayMatches(gold: ["Antaranews", "kompas.com"], predicted: ["Antara", "Kompas.com"]) == [0, 1])
        #expect(Eval.relayMatches(gold: ["Reuters", "detik.com"], predicted: ["detik.com"]) == [1])
        #expect(Eval.relayMatches(gold: ["X", "tempo.co"], predicted: ["Xinhua", "tempo.co"]) == [1])
    }
}
