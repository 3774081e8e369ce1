import ArgumentParser
import Foundation
import WartaCore
import WartaDates
import WartaPipeline
import WartaQuery
import WartaStore
import WartaStoreSQLite
import WartaText

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search over stored articles (stemmed: \"berunding\" finds \"perundingan\").",
        discussion: """
            Every word must match. "Jakarta Selatan" in quotes is a phrase; OR, AND, NOT or -word, and
            parentheses combine words; korup* is a prefix; title:KPK looks in titles only; outlet:kompas.com
            and lang:id narrow the whole query. Results are ranked by bm25, titles weighing more; the total
            count is printed beside the page (--offset pages on).
            """
    )

    @Argument(parsing: .allUnrecognized, help: "The query: words, \"phrases\", OR, -word, (…), prefix*, field:value.")
    var query: [String] = []

    @Option(name: .long, help: "At most this many results.")
    var limit = 10

    @Option(name: .long, help: "Skip this many results first (the next page starts at --offset plus --limit).")
    var offset = 0

    @Option(name: .long, help: "Only articles published on or after this day (YYYY-MM-DD).")
    var since: String?

    @Option(name: .long, help: "Only articles published on or before this day (YYYY-MM-DD).")
    var until: String?

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if query.isEmpty { throw ValidationError("give words to search for, e.g. `warta search berunding`") }
        if limit <= 0 { throw ValidationError("--limit must be positive, not \(limit)") }
        if offset < 0 { throw ValidationError("--offset must be 0 or more, not \(offset)") }
        for (name, day) in [("--since", since), ("--until", until)] {
            if let day, day.utf8.count != 10 || ISODay.days(day) == nil {
                throw ValidationError("\(name) takes a day as YYYY-MM-DD, not \"\(day)\"")
            }
        }
    }

    func run() async throws {
        try await reportingErrors {
            let queries = try await store.openQueries()
            // Shell words back into one query: `warta search KPK -DPR` and `warta search 'KPK -DPR'` are the same;
            // a phrase keeps its quotes inside the shell's ('"Jakarta Selatan"').
            let text = query.joined(separator: " ")
            do {
                let page = try await queries.search(
                    text, filter: ArticleFilter(since: since, until: until), offset: offset, limit: limit)
                SearchText.print(page, offset: offset, json: store.json)
            } catch let error as QueryError {
                throw WartaError(code: error.code, message: error.message, hint: error.hint)
            }
        }
    }
}

enum SearchText {
    /// A page of results with the total: "174 results for "korupsi", 1–10 shown".
    static func print(_ page: SearchPage, offset: Int, json: Bool) {
        let out = Terminal.standardOutput
        let snippets = page.items.map { item in
            SearchService.Snippet(
                text: item.snippet, highlights: item.highlights.map { TextSpan(start: $0.start, end: $0.end) })
        }
        if json {
            let hits = zip(page.items, snippets).map { item, snippet in
                SearchHitJSON(
                    id: item.article.id, score: item.score, title: item.article.title, outlet: item.article.outlet,
                    url: item.article.url, snippet: snippet)
            }
            out.line(JSONOutput.encode(SearchResultsJSON(query: page.query, hits: hits, total: page.total)))
            return
        }
        var line = "\(page.total) result\(page.total == 1 ? "" : "s") for \"\(page.query)\""
        if page.items.count < page.total {
            line +=
                page.items.isEmpty ? ", none from \(offset + 1)" : ", \(offset + 1)–\(offset + page.items.count) shown"
        }
        out.line(line)
        for (item, snippet) in zip(page.items, snippets) {
            out.line("[\(item.article.id)] \(out.bold(item.article.title)) — \(item.article.outlet ?? "-")")
            let open = out.isInteractive ? "\u{1B}[1;33m" : "**"
            let close = out.isInteractive ? "\u{1B}[0m" : "**"
            out.line("    " + snippet.marked(open: open, close: close))
        }
    }

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
