import ArgumentParser
import Foundation
import WartaCore
import WartaPipeline
import WartaStore
import WartaStoreSQLite

struct ArticlesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "articles", abstract: "List stored articles.")

    @Option(name: .long, help: "At most this many articles.")
    var limit = 50

    @Option(name: .long, help: "Skip this many articles first.")
    var offset = 0

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if limit <= 0 { throw ValidationError("--limit must be positive, not \(limit)") }
        if offset < 0 { throw ValidationError("--offset must not be negative, not \(offset)") }
    }

    func run() async throws {
        try await reportingErrors {
            let database = try await store.openStore()
            let articles = try await database.articles(limit: limit, offset: offset)
            let out = Terminal.standardOutput
            if store.json {
                // One JSON object per line, so a long list streams.
                for article in articles { out.line(JSONOutput.encode(ArticleJSON(article))) }
                return
            }
            let total = try await database.articleCount()
            for article in articles {
                let id = article.id.map(String.init(describing:)) ?? "-"
                let outlet = article.outlet?.domain ?? "-"
                out.line("\(id)\t\(outlet)\t\(article.language.rawValue)\t\(article.title)")
            }
            out.line("\(articles.count) of \(total) articles")
        }
    }
}

struct ArticleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "article", abstract: "Show one stored article.")

    @Argument(help: "The article's id (see `warta articles`).")
    var id: Int64

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let database = try await store.openStore()
            guard let article = try await database.article(ArticleID(id)) else {
                throw WartaError.unknownArticle(ArticleID(id))
            }
            if store.json {
                Terminal.standardOutput.line(JSONOutput.encode(ArticleJSON(article)))
            } else {
                ArticleText.print(article, to: .standardOutput, bodyLimit: nil)
            }
        }
    }
}

/// The human rendering of an article.
enum ArticleText {
    static func print(_ article: Article, to out: Terminal, bodyLimit: Int?, shortSource: Bool = false) {
        let derived = article.titleDerived ? " (derived from the lead)" : ""
        out.line(out.bold(article.title) + derived)
        out.line("  id:        \(article.id.map(String.init(describing:)) ?? "-")")
        out.line("  outlet:    \(article.outlet.map { "\($0.domain) (from the \($0.source.rawValue))" } ?? "-")")
        out.line("  byline:    \(article.byline ?? "-")")
        out.line("  published: \(article.published.map { "\($0.text) (\($0.source.rawValue))" } ?? "-")")
        out.line(
            "  language:  \(article.language.rawValue) (confidence \(String(format: "%.2f", article.languageConfidence)))"
        )
        out.line("  text:      \(article.sentences.count) sentences, \(article.tokenCount) tokens, \(article.encoding)")
        // The demo's files live in a build folder; their names say enough and keep its output stable.
        let source =
            shortSource ? URL(fileURLWithPath: article.origin).lastPathComponent : article.url ?? article.origin
        out.line("  source:    \(source)")
        // Where it was read from, when that is not the URL: an archive record (`crawl.warc.gz@1234`), a JSON line.
        if !shortSource, let url = article.url, !url.hasPrefix("file://"), article.origin != url {
            out.line("  read from: \(article.origin)")
        }
        if !article.entities.isEmpty {
            var seen = Set<String>()
            let names = article.entities.map { $0.span.text(in: article.body) }.filter { seen.insert($0).inserted }
            out.line("  entities:  \(names.prefix(12).joined(separator: ", "))\(names.count > 12 ? ", \u{2026}" : "")")
        }
        if !article.related.isEmpty {
            out.line("  related:   \(article.related.count) links lifted out of the body")
            for link in article.related { out.line("    - [\(link.kind.rawValue)] \(link.title)") }
        }
        out.line()
        if let bodyLimit, article.body.count > bodyLimit {
            let cut = article.body.prefix(bodyLimit)
            let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
            out.line(String(atWord) + " \u{2026}")
        } else {
            out.line(article.body)
        }
    }
}
