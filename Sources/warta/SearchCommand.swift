import ArgumentParser
import Foundation
import WartaCore
import WartaPipeline
import WartaStore
import WartaStoreSQLite
import WartaText

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search over stored articles (stemmed: \"berunding\" finds \"perundingan\").",
        discussion: "Every word of the query must match. Results are ranked by bm25, titles weighing more."
    )

    @Argument(help: "The words to search for.")
    var query: [String] = []

    @Option(name: .long, help: "At most this many results.")
    var limit = 10

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if query.isEmpty { throw ValidationError("give words to search for, e.g. `warta search berunding`") }
        if limit <= 0 { throw ValidationError("--limit must be positive, not \(limit)") }
    }

    func run() async throws {
        try await reportingErrors {
            let database = try store.openStore()
            let analyzer = try loadAnalyzer()
            let service = SearchService(index: database, analyzer: analyzer)
            let text = query.joined(separator: " ")
            let results = try await service.search(text, limit: limit)
            SearchText.print(query: text, results: results, json: store.json)
        }
    }
}

enum SearchText {
    static func print(query: String, results: [SearchService.Result], json: Bool) {
        let out = Terminal.standardOutput
        if json {
            out.line(JSONOutput.encode(SearchResultsJSON(query: query, hits: results.map(SearchHitJSON.init))))
            return
        }
        out.line("\(results.count) result\(results.count == 1 ? "" : "s") for \"\(query)\"")
        for result in results {
            let id = result.article.id.map(String.init(describing:)) ?? "-"
            out.line("[\(id)] \(out.bold(result.article.title)) — \(result.article.outlet?.domain ?? "-")")
            let snippet =
                out.isInteractive
                ? result.snippet.marked(open: "\u{1B}[1;33m", close: "\u{1B}[0m") : result.snippet.marked()
            out.line("    \(snippet)")
        }
    }
}

func loadAnalyzer() throws -> TextAnalyzer {
    do {
        return try TextAnalyzer.bundled()
    } catch {
        throw WartaErrorBridge.languageData("\(error)")
    }
}
