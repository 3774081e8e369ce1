import ArgumentParser
import Foundation
import WartaCore
import WartaExtract
import WartaIngest
import WartaPipeline

/// `warta extract PATH… [--json]`: the clean article of each HTML file or JSON-lines record, stored nowhere.
struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the clean article of HTML files, directories or JSON lines, without storing anything.",
        discussion: """
            With --json, one line per document: {path|url, title, byline, published, published_source, outlet,
            language, body, related}. Exit status: 0 when every document gave an article, 1 when some did not,
            64 for bad arguments.
            """
    )

    @Argument(help: "HTML files, directories (read recursively), .jsonl files, or - for standard input.")
    var paths: [String] = []

    @Flag(
        name: .customLong("keep-non-articles"),
        help: "Keep index pages, feeds and files that are not news (README, CSV) as articles instead of dropping them.")
    var keepNonArticles = false

    @Flag(name: .long, help: "Print one JSON object per document instead of text.")
    var json = false

    @Option(name: .long, help: "Refuse files and records larger than this many bytes.")
    var maxBytes = 64 * 1024 * 1024

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one path to extract (a file, a directory, or -)") }
        if maxBytes <= 0 { throw ValidationError("--max-bytes must be positive, not \(maxBytes)") }
    }

    func run() async throws {
        var readerConfiguration = FileReader.Configuration()
        readerConfiguration.maxBytes = maxBytes
        let reader = FileReader(configuration: readerConfiguration)
        let rules = try WartaErrorBridge.debrisRules()
        // The CLI owns the clock: dates after "now" are refused as fetch-time violations.
        var html = HTMLExtractor(rules: rules, configuration: .init(defaultFetchTime: Date()))
        html.configuration.keepNonArticles = keepNonArticles
        var plain = PlainTextExtractor(rules: rules)
        plain.configuration.keepNonArticles = keepNonArticles
        var failures = 0
        for item in reader.items(paths: paths) {
            switch item {
            case .skipped:
                continue
            case .failure(let failure):
                failures += 1
                Terminal.standardError.write("failed: \(failure.path): \(failure.reason)\n")
            case .document(let document):
                let result: StageResult<Article>
                do {
                    result =
                        document.contentType == .html
                        ? try html.process(document, context: StageContext())
                        : try plain.process(document, context: StageContext())
                } catch {
                    result = .dropped(DropReason(code: "error", message: "\(error)"))
                }
                switch result {
                case .dropped(let reason):
                    failures += 1
                    Terminal.standardError.write("failed: \(document.origin): \(reason.message)\n")
                case .kept(let article):
                    print(article, origin: document)
                }
            }
        }
        if failures > 0 { throw ExitCode.failure }
    }

    private func print(_ article: Article, origin document: RawDocument) {
        let out = Terminal.standardOutput
        let record = ExtractedArticleJSON(
            article, path: document.url?.hasPrefix("file:") == false ? nil : document.origin)
        if json {
            out.line(JSONOutput.encode(record))
            return
        }
        out.line(out.bold(article.title))
        var facts: [String] = []
        if let outlet = record.outlet { facts.append(outlet) }
        if let published = record.published { facts.append("\(published) (\(record.publishedSource ?? "?"))") }
        if let byline = record.byline { facts.append(byline) }
        facts.append("language \(record.language)")
        out.line(facts.joined(separator: " · "))
        out.line()
        out.line(article.body)
        for link in article.related { out.line("  related: \(link.title)\(link.url.map { " <\($0)>" } ?? "")") }
        out.line()
    }
}

/// One line of `warta extract --json`.
struct ExtractedArticleJSON: Codable, Equatable {
    var path: String?
    var url: String?
    var title: String
    var byline: String?
    var published: String?
    var publishedSource: String?
    var modified: String?
    var outlet: String?
    var canonicalURL: String?
    var language: String
    var section: String?
    var tags: [String]
    var encoding: String
    var body: String
    var related: [ArticleJSON.RelatedJSON]

    enum CodingKeys: String, CodingKey {
        case path, url, title, byline, published, modified, outlet, language, section, tags, encoding, body, related
        case publishedSource = "published_source"
        case canonicalURL = "canonical_url"
    }

    init(_ article: Article, path: String?) {
        let shared = ArticleJSON(article)
        self.path = path
        url = path == nil ? article.url : nil
        title = article.title
        byline = article.byline
        published = article.published.map(HTMLExtractor.isoString)
        publishedSource = shared.publishedSource
        modified = article.modified.map(HTMLExtractor.isoString)
        outlet = article.outlet?.domain
        canonicalURL = article.canonicalURL
        language = article.language.rawValue
        section = article.section
        tags = article.tags
        encoding = article.encoding
        body = article.body
        related = shared.related
    }
}

extension WartaErrorBridge {
    /// The bundled debris rules; when they cannot be read, the W0501 error on stderr and exit code 1.
    static func debrisRules() throws -> DebrisRules {
        do {
            return try DebrisRules.bundled()
        } catch {
            Terminal.standardError.write(languageData("\(error)").description + "\n")
            throw ExitCode.failure
        }
    }
}
