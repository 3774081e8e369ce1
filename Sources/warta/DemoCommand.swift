import ArgumentParser
import Foundation
import WartaCore
import WartaIngest
import WartaPipeline
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

    func run() async throws {
        try await reportingErrors {
            guard let samples = Bundle.module.url(forResource: "Samples", withExtension: nil)?.path else {
                throw WartaErrorBridge.languageData("the bundled sample articles are missing")
            }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "warta-demo-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let database = try SQLiteStore(path: directory.appendingPathComponent("demo.sqlite").path)
            let pipeline = try loadPipeline()
            let report = await IngestRunner(pipeline: pipeline, store: database).run(
                paths: [samples], reader: FileReader())
            let articles = try await database.allArticles()
            let results = try await SearchService(index: database, analyzer: pipeline.analyzer).search(query, limit: 10)
            if json {
                Terminal.standardOutput.line(
                    JSONOutput.encode(
                        DemoJSON(
                            ingest: IngestSummaryJSON(report), articles: articles.map(ArticleJSON.init),
                            search: SearchResultsJSON(query: query, hits: results.map(SearchHitJSON.init))),
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
        }
    }
}

struct DemoJSON: Encodable {
    var ingest: IngestSummaryJSON
    var articles: [ArticleJSON]
    var search: SearchResultsJSON
}
