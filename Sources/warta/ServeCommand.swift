import ArgumentParser
import Foundation
import Logging
import WartaCore
import WartaIngest
import WartaPipeline
import WartaQuery
import WartaServer
import WartaStore
import WartaStoreSQLite

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the store over HTTP: the JSON API under /api/v1 and the web UI.",
        discussion: """
            Binds 127.0.0.1 unless --host says otherwise. POST /api/v1/ingest needs the bearer token in
            $WARTA_TOKEN; without it, writes are refused. Stops cleanly on Ctrl-C (SIGINT) or SIGTERM.
            `warta ingest` into the same database while the server runs is fine: new articles appear on the
            next request.
            """)

    @Option(name: .long, help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Option(name: .long, help: "Refuse request bodies larger than this many bytes (413).")
    var bodyLimit = 16 * 1024 * 1024

    @Option(name: .long, help: "Keep up to this many read responses until the next ingest (0: no cache).")
    var cacheEntries = 4_096

    @Option(name: .long, help: "Close a connection that sends nothing for this many seconds.")
    var idleTimeout = 30

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if !(0...65_535).contains(port) { throw ValidationError("--port must be 0 to 65535, not \(port)") }
        if bodyLimit <= 0 { throw ValidationError("--body-limit must be positive, not \(bodyLimit)") }
        if idleTimeout <= 0 { throw ValidationError("--idle-timeout must be positive, not \(idleTimeout)") }
    }

    func run() async throws {
        try await reportingErrors {
            var logger = Logger(label: "warta.serve")
            logger.logLevel = .info
            let token = ProcessInfo.processInfo.environment["WARTA_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            let configuration = ServerConfiguration(
                host: host, port: port, token: token, bodyLimit: bodyLimit, cacheEntries: max(0, cacheEntries),
                idleTimeout: idleTimeout)
            if !configuration.isLoopback && token == nil {
                Terminal.standardError.write(
                    "warning: serving on \(host), reachable from other machines, without WARTA_TOKEN: "
                        + "writes are refused, but every article can be read by anyone who reaches this address\n")
            }
            let database = try await store.openStore()
            let queries = QueryService.bundled(store: database)
            // Requests read the previous read model while a rebuild runs; only a store without one waits for it.
            await queries.allowStaleReads(true)
            let started = ContinuousClock.now
            if try await queries.refresh() {
                logger.notice("read model built in \(ContinuousClock.now - started)")
            }
            let pipeline = try loadPipeline()
            let ingest = PipelineIngest(
                store: database, pipeline: pipeline, queries: queries,
                linker: StoreLinker(articles: database, stories: database, semantics: pipeline.semantics))
            let server = try WartaServer(
                queries: queries, ingest: ingest, configuration: configuration,
                storePath: store.postgresURL == nil ? store.databasePath : nil)
            try await server.run(logger: logger)
        }
    }
}

/// Ingest for `POST /api/v1/ingest`: the body goes through the same reader and runner as a file given to
/// `warta ingest`, then the read model is brought up to date.
struct PipelineIngest: IngestService {
    let store: any ServedStore
    let pipeline: ArticlePipeline
    let queries: QueryService
    /// Kept across requests: the linker's state is rebuilt from the stored decisions once, not per request.
    let linker: StoreLinker

    func ingest(_ body: [UInt8], kind: String) async throws -> IngestResult {
        let suffix = ["html": "html", "jsonl": "jsonl"][kind] ?? "txt"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "warta-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("request.\(suffix)")
        try Data(body).write(to: file)
        var readerConfiguration = FileReader.Configuration()
        readerConfiguration.maxBytes = max(body.count, 1)
        let report = await IngestRunner(pipeline: pipeline, store: store, linker: linker).run(
            paths: [file.path], reader: FileReader(configuration: readerConfiguration))
        try await queries.refresh(wait: true)
        return IngestResult(
            read: report.read, new: report.new, known: report.known,
            failed: report.failed.map {
                IngestResult.Failure(
                    path: $0.path.replacingOccurrences(of: directory.path + "/", with: ""), reason: $0.reason)
            })
    }
}
