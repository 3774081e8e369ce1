import ArgumentParser
import Foundation
import WartaCore
import WartaIngest
import WartaPipeline
import WartaStore

/// `warta annotate PATH… --json`: the whole per-article pipeline without storing anything.
struct AnnotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Extract and annotate files or JSON lines without storing: one JSON line per input.",
        discussion: """
            Each line is the article's JSON (the fields of `warta article --json`) with its entities, quotes and
            dates; an input that fails prints {"path", "error"} instead. Exit status 1 when any input failed.
            """
    )

    @Argument(help: "Files, directories, .jsonl files, or - for standard input.")
    var paths: [String] = []

    @Flag(name: .long, help: "Print JSON (the only output this command has; accepted for symmetry).")
    var json = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one path to annotate") }
    }

    func run() async throws {
        var failed = false
        try await reportingErrors {
            let pipeline = try loadPipeline()
            let out = Terminal.standardOutput
            for item in FileReader().items(paths: paths) {
                switch item {
                case .skipped:
                    continue
                case .failure(let failure):
                    failed = true
                    out.line(JSONOutput.encode(AnnotateFailure(path: failure.path, error: failure.reason)))
                case .document(let document):
                    switch pipeline.process(document) {
                    case .article(let indexed):
                        out.line(JSONOutput.encode(ArticleJSON(indexed.article)))
                    case .rawOnly:
                        failed = true
                        out.line(JSONOutput.encode(AnnotateFailure(path: document.origin, error: "not extracted")))
                    case .dropped(_, let reason):
                        failed = true
                        out.line(JSONOutput.encode(AnnotateFailure(path: document.origin, error: reason.message)))
                    }
                }
            }
        }
        if failed { throw ExitCode.failure }
    }
}

struct AnnotateFailure: Encodable {
    var path: String
    var error: String
}
