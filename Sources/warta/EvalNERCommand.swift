import ArgumentParser
import Foundation
import WartaCore
import WartaEntities

/// `warta eval ner`: CoNLL exact-span precision, recall and F1 of the shipped tagger on a NERGrit split.
struct EvalNERCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Score the entity tagger on NERGrit (CoNLL exact-span P/R/F1 per type and overall).",
        discussion: """
            An entity counts only if its start, end and type match the gold span (an I- tag after O opens a span, as
            in conlleval). The last line is `ner: P=… R=… F1=… n=N`, N the number of gold entities.
            """
    )

    @Option(name: .long, help: "The NERGrit folder (default: ../shared/data/id/ner/nergrit from the repository root).")
    var data: String?

    @Option(name: .long, help: "The split to score: test, valid or train.")
    var split = "test"

    @Option(name: .long, help: "A model file to score instead of the bundled one.")
    var model: String?

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Option(name: .long, help: "Write every token with its gold and predicted BIO tag (tab-separated) to this file.")
    var predictions: String?

    func run() async throws {
        try await reportingErrors {
            let directory = try NERDataLocation.resolve(data)
            let sentences = try NERDataLocation.read(split: split, in: directory)
            let tagger: EntityTagger
            do {
                if let model {
                    guard let bytes = FileManager.default.contents(atPath: model) else {
                        throw WartaError(code: "W0803", message: "cannot read the model file \"\(model)\"")
                    }
                    tagger = EntityTagger(
                        model: try NERModel(serialized: bytes), lexicon: try NERLexicon.bundled(),
                        countries: try AliasLexicon.bundled())
                } else {
                    tagger = try EntityTagger.bundled()
                }
            } catch let error as WartaError {
                throw error
            } catch {
                throw WartaErrorBridge.languageData("\(error)")
            }
            let clock = ContinuousClock()
            let started = clock.now
            // Predictions are kept only when asked for, and written after the clock stops.
            let keep = predictions != nil
            var predicted: [[EntitySpan]] = []
            let evaluation = NEREvaluation.evaluate(tagger: tagger, sentences: sentences) { spans in
                if keep { predicted.append(spans) }
            }
            let elapsed = clock.now - started
            if let predictions {
                try Self.writePredictions(sentences, predicted: predicted, to: predictions)
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let names = ["PERSON", "ORGANISATION", "PLACE"]
            let overall = evaluation.overall
            let f = { (value: Double) in NERReport.fixed(value) }
            if json {
                var kinds: [String] = []
                for (index, counts) in evaluation.perKind.enumerated() {
                    kinds.append(
                        "\"\(names[index])\":{\"precision\":\(f(counts.precision)),\"recall\":\(f(counts.recall)),"
                            + "\"f1\":\(f(counts.f1)),\"gold\":\(counts.gold),\"predicted\":\(counts.predicted)}")
                }
                Terminal.standardOutput.line(
                    "{\"split\":\"\(split)\",\"sentences\":\(evaluation.sentences),\"tokens\":\(evaluation.tokens),"
                        + "\"precision\":\(f(overall.precision)),\"recall\":\(f(overall.recall)),\"f1\":\(f(overall.f1)),"
                        + "\"n\":\(overall.gold),\"types\":{\(kinds.joined(separator: ","))}}")
                return
            }
            Terminal.standardOutput.line(
                "NER \(split) split: \(evaluation.sentences) sentences, \(evaluation.tokens) tokens, "
                    + "\(overall.gold) gold entities (\(directory.path))")
            Terminal.standardOutput.line("type            precision  recall      F1   gold  predicted")
            for (index, counts) in evaluation.perKind.enumerated() {
                Terminal.standardOutput.line(
                    names[index].padding(toLength: 14, withPad: " ", startingAt: 0)
                        + "  \(f(counts.precision))      \(f(counts.recall))   \(f(counts.f1))  "
                        + "\(String(counts.gold).leftPadded(5))  \(String(counts.predicted).leftPadded(9))")
            }
            let rate = seconds > 0 ? Double(evaluation.tokens) / seconds : 0
            Terminal.standardOutput.line(
                "tagged in \(NERReport.fixed(seconds, digits: 2)) s (\(Int(rate)) tokens/s, features and decoding)")
            Terminal.standardOutput.line(
                "ner: P=\(f(overall.precision)) R=\(f(overall.recall)) F1=\(f(overall.f1)) n=\(overall.gold)")
        }
    }
}

extension EvalNERCommand {
    /// Writes `TOKEN<TAB>GOLD<TAB>PREDICTED` lines (BIO) with a blank line after each sentence.
    fileprivate static func writePredictions(
        _ sentences: [LabelledSentence], predicted: [[EntitySpan]], to path: String
    ) throws {
        var output = ""
        for (sentence, spans) in zip(sentences, predicted) {
            let count = sentence.tokens.count
            let gold = NEREvaluation.bioTags(sentence.entities, count: count)
            let guess = NEREvaluation.bioTags(spans, count: count)
            for (index, word) in sentence.words.enumerated() {
                output += "\(word)\t\(gold[index])\t\(guess[index])\n"
            }
            output += "\n"
        }
        do {
            try Data(output.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw WartaError(code: "W0802", message: "cannot write predictions to \"\(path)\": \(error)")
        }
    }
}

extension String {
    /// The string right-aligned in `width` columns.
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
