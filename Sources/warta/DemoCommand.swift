import ArgumentParser
import Foundation
import WartaCore
import WartaIngest
import WartaPipeline
import WartaQuery
import WartaStore
import WartaStoreSQLite

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Ingest the two bundled seed articles into a temporary database and show what Warta found."
    )

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Option(name: .long, help: "The query the demo searches for.")
    var query = "berunding"

    @Option(name: .long, help: "Keep the demo's database in this file (to explore it, or `warta serve --db FILE`).")
    var keep: String?

    func run() async throws {
        try await reportingErrors {
            guard let samples = Bundle.module.url(forResource: "Samples", withExtension: nil)?.path else {
                throw WartaErrorBridge.languageData("the bundled sample articles are missing")
            }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "warta-demo-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = keep ?? directory.appendingPathComponent("demo.sqlite").path
            let database = try SQLiteStore(path: path)
            let pipeline = try loadPipeline()
            let report = await IngestRunner(pipeline: pipeline, store: database).run(
                paths: [samples], reader: FileReader())
            let articles = try await database.allArticles()
            let results = try await SearchService(index: database, analyzer: pipeline.analyzer).search(query, limit: 10)
            let storylines = Reports.storylines(articles: articles, links: try await database.links())
            if json {
                Terminal.standardOutput.line(
                    JSONOutput.encode(
                        DemoJSON(
                            ingest: IngestSummaryJSON(report), articles: articles.map(ArticleJSON.init),
                            search: SearchResultsJSON(query: query, hits: results.map(SearchHitJSON.init)),
                            storylines: storylines),
                        pretty: true))
                return
            }
            let out = Terminal.standardOutput
            out.line(
                "Ingested the \(report.read) bundled seed articles: new \(report.new), already known \(report.known), "
                    + "failed \(report.failed.count).")
            for article in articles {
                out.line()
                ArticleText.print(article, to: out, bodyLimit: 300, shortSource: true)
            }
            out.line()
            out.line("$ warta search \(query)")
            SearchText.print(query: query, results: results, json: false)
            out.line()
            out.line("$ warta stories")
            for line in storylines {
                out.line("storyline \(line.id): \(line.events.count) events, \(line.outlets.joined(separator: ", "))")
                for event in line.events {
                    let titles = event.articles.map { "[\($0.id)] \($0.outlet ?? "-") \($0.published ?? "undated")" }
                    out.line("  event \(event.id): " + titles.joined(separator: "; "))
                }
            }
            out.line()
            out.line("$ warta quotes")
            for quote in Reports.quotes(articles) {
                let words = quote.text.split(separator: " ")
                let text = words.count > 12 ? words.prefix(12).joined(separator: " ") + " \u{2026}" : quote.text
                out.line(
                    "[\(quote.article)] \(quote.speaker ?? "?") (\(quote.cue ?? "-")): \"\(text)\" via "
                        + quote.relay.joined(separator: " \u{2192} "))
            }
            out.line()
            out.line("$ warta timeline")
            for entry in Reports.timeline(articles) {
                out.line("\(entry.shownDate)  [\(entry.article)] \(entry.expression)")
            }
            if let keep {
                try await QueryService.bundled(store: database).refresh()
                out.line()
                out.line("The database is kept in \(keep). Explore it in a browser:")
                out.line("  warta serve --db \(keep)    # then open http://127.0.0.1:8080/")
            }
        }
    }
}

struct DemoJSON: Encodable {
    var ingest: IngestSummaryJSON
    var articles: [ArticleJSON]
    var search: SearchResultsJSON
    var storylines: [Reports.StorylineView]
}
