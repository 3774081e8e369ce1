import ArgumentParser
import Foundation
import WartaPipeline
import WartaQuery
import WartaStore

/// `warta link` and `warta relink`: the store's linker, run on its own.
struct LinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Link the articles waiting in the store (events, storylines, copies), as the store's one linker.",
        discussion: """
            Ingest stores articles and queues them; whichever process holds the store's linker lease links them in
            publication order. `warta link` waits for the lease (up to --wait seconds), links every queued article
            and gives the lease up. `--all` forgets every link and links every article again (after a model
            change, or to repair a store). Exit status 1 when the lease stayed taken or a link failed.
            """
    )

    @Flag(name: .long, help: "Forget every link, event and storyline and link every article again.")
    var all = false

    @OptionGroup var waiting: LinkWaitOption

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await Self.link(all: all, wait: waiting.wait, store: store)
    }

    static func link(all: Bool, wait: Double, store: StoreOptions) async throws {
        var outcome = StoreLinker.Drain()
        try await reportingErrors {
            let opened = try await store.openWritableStore(redoable: true)
            defer { opened.close() }
            let linker = StoreLinker(
                articles: opened.articles, stories: opened.stories, semantics: try loadPipeline().semantics)
            let timeout = Duration.milliseconds(Int64(wait * 1000))
            outcome = all ? try await linker.relinkAll(timeout: timeout) : await linker.drainWaiting(timeout: timeout)
            if outcome.linked > 0, let failure = await opened.refreshViews() {
                outcome.failures.append("(read model): " + failure)
            }
        }
        let out = Terminal.standardOutput
        if store.json {
            out.line(JSONOutput.encode(LinkJSON(outcome)))
        } else {
            out.line(
                "linked \(outcome.linked), failed \(outcome.failed), still waiting \(outcome.pending), "
                    + String(format: "%.2f s", outcome.seconds))
            if let holder = outcome.heldBy, outcome.pending > 0 {
                out.line("  the linker lease is held by \(holder); try again later or raise --wait")
            }
            for failure in outcome.failures { out.line("  failed: \(failure)") }
        }
        if !outcome.failures.isEmpty || (outcome.heldBy != nil && outcome.pending > 0) { throw ExitCode.failure }
    }
}

/// `warta relink`: `warta link --all` under the name users look for.
struct RelinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relink",
        abstract: "Forget every link and link every stored article again, in publication order (warta link --all).",
        discussion: "Use it after a model change, or to repair a store. Exit status as `warta link`."
    )

    @OptionGroup var waiting: LinkWaitOption

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await LinkCommand.link(all: true, wait: waiting.wait, store: store)
    }
}

/// `--wait S` of `warta link` and `warta relink`.
struct LinkWaitOption: ParsableArguments {
    @Option(name: .long, help: "Seconds to wait for another process's linker lease.")
    var wait = 60.0

    func validate() throws {
        if !(wait >= 0) { throw ValidationError("--wait must be zero or more seconds, not \(wait)") }
    }
}

/// `warta link --json`.
struct LinkJSON: Codable {
    var linked: Int
    var failed: [String]
    var pending: Int
    var heldBy: String?
    var seconds: Double

    enum CodingKeys: String, CodingKey {
        case linked, failed, pending, seconds
        case heldBy = "held_by"
    }

    init(_ drain: StoreLinker.Drain) {
        linked = drain.linked
        failed = drain.failures
        pending = drain.pending
        heldBy = drain.heldBy
        seconds = drain.seconds
    }
}
