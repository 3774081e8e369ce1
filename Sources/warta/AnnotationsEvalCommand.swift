import ArgumentParser
import Foundation
import WartaCore
import WartaEntities
import WartaPipeline
import WartaStore

/// `warta eval annotations [--gold DIR] [--split dev|check|all]`: runs the article pipeline over the hand-annotated
/// Indonesian texts and scores quotes, speakers, relays, dates and entity spellings (``AnnotationEvaluation``).
struct AnnotationsEvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotations",
        abstract: "Score quotes, speakers, relays, dates and merged spellings on hand-made gold.",
        discussion: """
            The gold folder holds texts.jsonl and gold.jsonl (bench/annotations/id-dev, its GUIDELINES.md says what
            was annotated and how). Each text goes through the whole article pipeline as a plain-text document with
            its URL, outlet and publication time; its entities are grouped as one article's (``AliasResolver``), or
            with --catalog as the store groups them over all texts scored. Prints one measure a line.
            """
    )

    @Option(name: .long, help: "The gold folder (texts.jsonl, gold.jsonl).")
    var gold = "bench/annotations/id-dev"

    @Option(name: .long, help: "Which texts to score: dev, check or all.")
    var split = "dev"

    @Flag(name: .long, help: "Group spellings as the store's entity catalog does over all texts scored.")
    var catalog = false

    @Option(name: .long, help: "Write every miss (JSON lines: id, kind, gold, predicted, detail) to this file.")
    var misses: String?

    @Flag(name: .long, help: "Print the measures as one JSON object instead of the report.")
    var json = false

    func validate() throws {
        guard ["dev", "check", "all"].contains(split) else { throw ValidationError("--split: dev, check or all") }
    }

    func run() async throws {
        try await reportingErrors {
            let texts: [AnnotationEvaluation.GoldText] = try readLines(gold + "/texts.jsonl")
            let golds: [AnnotationEvaluation.Gold] = try readLines(gold + "/gold.jsonl")
            let goldByID = Dictionary(golds.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let chosen = texts.filter { split == "all" || $0.split == split }
            let pipeline = try loadPipeline()
            var articles: [(AnnotationEvaluation.GoldText, Article)] = []
            var failed = 0
            for text in chosen {
                let raw = RawDocument(
                    origin: text.id, url: text.url, bytes: Array(text.text.utf8), contentType: .plainText,
                    declaredCharset: "utf-8",
                    hints: RawDocument.Hints(outlet: text.outlet, title: text.title, published: text.published),
                    fetchedAt: nil)
                if case .article(let indexed) = pipeline.process(raw) {
                    articles.append((text, indexed.article))
                } else {
                    failed += 1
                    FileHandle.standardError.write(Data("\(text.id): not extracted\n".utf8))
                }
            }
            let lexicon = try AliasLexicon.bundled()
            var kinds = NameKinds(lexicon: lexicon)
            for (_, article) in articles { kinds.count(article.entities, body: article.body) }
            let resolver = AliasResolver(lexicon: lexicon)
            var entityCatalog = EntityCatalog(lexicon: lexicon)
            var clusters: [[(forms: [String], entity: CatalogEntity.ID)]] = []
            for (_, article) in articles {
                let resolution = resolver.resolve(
                    body: article.body, mentions: kinds.harmonised(article.entities, body: article.body))
                let ids = entityCatalog.add(resolution, seen: article.published?.date ?? Date(timeIntervalSince1970: 0))
                clusters.append(zip(resolution.clusters, ids).map { cluster, id in (cluster.forms.map(\.text), id) })
            }
            var tally = AnnotationEvaluation.Tally()
            for ((text, article), articleClusters) in zip(articles, clusters) {
                guard let goldText = goldByID[text.id] else { continue }
                let body = article.body
                // The pipeline ends every chain with the article's outlet when it knows one; else the record's.
                let outlet = article.outlet?.domain ?? text.outlet
                let quotes = article.quotes.map { quote in
                    AnnotationEvaluation.Prediction.Quote(
                        span: quote.span.start..<quote.span.end, speaker: quote.speaker.map { $0.text(in: body) },
                        relay: quote.relay.last?.lowercased() == outlet.lowercased()
                            ? quote.relay : quote.relay + [outlet])
                }
                let dates = article.dates.map { date in
                    AnnotationEvaluation.Prediction.DateValue(
                        span: date.span.start..<date.span.end, value: AnnotationEvaluation.goldValue(date))
                }
                let entities: [[String]]
                if catalog {
                    var byEntity: [CatalogEntity.ID: [String]] = [:]
                    for cluster in articleClusters {
                        let home = entityCatalog.entity(cluster.entity)?.id ?? cluster.entity
                        byEntity[home, default: []] += cluster.forms
                    }
                    entities = byEntity.keys.sorted().map { byEntity[$0]! }
                } else {
                    entities = articleClusters.map(\.forms)
                }
                tally.add(
                    goldText, text: text,
                    prediction: AnnotationEvaluation.Prediction(
                        body: body, quotes: quotes, dates: dates, entities: entities))
            }
            let out = Terminal.standardOutput
            if json {
                out.line(JSONOutput.encode(Measures(tally, notExtracted: failed)))
            } else {
                if failed > 0 { out.line("not extracted: \(failed)") }
                for line in tally.report { out.line(line) }
            }
            if let misses {
                let lines = tally.misses.map { JSONOutput.encode($0) }.joined(separator: "\n")
                try Data((lines + "\n").utf8).write(to: URL(fileURLWithPath: misses))
            }
        }
    }

    private func readLines<T: Decodable>(_ path: String) throws -> [T] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WartaError(
                code: "W0607", message: "cannot read \"\(path)\"",
                hint: "run from the repository root or pass --gold DIR (bench/annotations/id-dev)")
        }
        var result: [T] = []
        for (number, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() where !line.isEmpty {
            do {
                result.append(try JSONDecoder().decode(T.self, from: Data(line)))
            } catch {
                throw WartaError(
                    code: "W0607", message: "\(path) line \(number + 1) is not a gold record: \(error)",
                    hint: "regenerate it with bench/annotations/id-dev/compile_gold.py")
            }
        }
        return result
    }
}

/// The measures of `warta eval annotations --json`, named as `bench/annotations-floor.json` names its floors.
struct Measures: Encodable {
    var texts: Int
    var notExtracted: Int
    var quotesFound: Double
    var quotePrecision: Double
    var speakerRight: Double
    var relayItems: Double
    var relaySources: Double
    var relayPrecision: Double
    var datesFound: Double
    var datePrecision: Double
    var dateValues: Double
    var spellingsMerged: Double
    var wrongMerges: Double

    init(_ tally: AnnotationEvaluation.Tally, notExtracted: Int) {
        texts = tally.texts
        self.notExtracted = notExtracted
        quotesFound = tally.quotesFound
        quotePrecision = tally.quotePrecision
        speakerRight = tally.speakers
        relayItems = tally.relayItems
        relaySources = tally.relaySources
        relayPrecision = tally.relayPrecision
        datesFound = tally.datesFound
        datePrecision = tally.datePrecision
        dateValues = tally.dateValues
        spellingsMerged = tally.spellingsMerged
        wrongMerges = tally.wrongMerges
    }

    enum CodingKeys: String, CodingKey {
        case texts
        case notExtracted = "not_extracted"
        case quotesFound = "quotes_found"
        case quotePrecision = "quote_precision"
        case speakerRight = "speaker_right"
        case relayItems = "relay_items"
        case relaySources = "relay_sources"
        case relayPrecision = "relay_precision"
        case datesFound = "dates_found"
        case datePrecision = "date_precision"
        case dateValues = "date_values"
        case spellingsMerged = "spellings_merged"
        case wrongMerges = "wrong_merges"
    }
}
