import ArgumentParser
import Foundation
import WartaCore
import WartaIngest
import WartaPipeline

/// `warta warc`: look inside WARC files without storing anything.
struct WARCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warc",
        abstract: "Read WARC files (plain or gzip): count their records, or list them.",
        discussion: """
            `warta ingest FILE.warc.gz` stores the HTML responses of a WARC file as articles; `warta warc` only
            reads. `scan` reads every record, parses its WARC and HTTP heads and counts them by type, HTTP status
            and what ingest would keep. `list` prints one line per record: offset, type, HTTP status, media type,
            target URI (the offset is the record's gzip member, as CDX indexes give it). A broken record is
            reported with its offset and reading goes on; the exit status is 1 when any was broken.
            """,
        subcommands: [WARCScanCommand.self, WARCListCommand.self],
        defaultSubcommand: WARCScanCommand.self
    )
}

struct WARCFilesOptions: ParsableArguments {
    @Argument(help: "WARC files (.warc, .warc.gz, or any name: gzip is recognised by content).")
    var files: [String] = []

    @Option(name: .customLong("max-bytes"), help: "The largest record block to hold in memory, in bytes.")
    var maxBytes = 10 * 1024 * 1024

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one WARC file") }
        if maxBytes < 1 { throw ValidationError("--max-bytes must be at least 1") }
    }

    func open(_ path: String) throws -> WARCReader {
        var configuration = WARCReader.Configuration()
        configuration.maxBlockBytes = maxBytes
        do {
            return try WARCReader(path: path, configuration: configuration)
        } catch {
            throw ValidationError("cannot open \(path): \(error)")
        }
    }
}

/// What `warta warc scan --json` prints.
struct WARCScanJSON: Encodable {
    var files: Int
    var records: Int
    var responses: Int
    /// Responses with status 200 and an HTML payload (what `warta ingest` would keep), plus HTML resource records.
    var documents: Int
    var types: [String: Int]
    var statuses: [String: Int]
    var failures: [Failure]
    var bytes: Int
    var seconds: Double

    struct Failure: Encodable {
        var path: String
        var offset: Int
        var reason: String
    }
}

struct WARCScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Read every record and count records by type, HTTP status and kept pages.")

    @OptionGroup var options: WARCFilesOptions

    @Flag(name: .long, help: "Print the counts as JSON.")
    var json = false

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        var scan = WARCScanJSON(
            files: 0, records: 0, responses: 0, documents: 0, types: [:], statuses: [:], failures: [], bytes: 0,
            seconds: 0)
        for path in options.files {
            let reader = try options.open(path)
            scan.files += 1
            scan.bytes += (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            while let item = reader.next(wantBlock: { _ in false }) {
                switch item {
                case .failure(let offset, let reason):
                    scan.failures.append(.init(path: path, offset: offset, reason: reason))
                case .record(let record):
                    let head = record.head
                    scan.records += 1
                    scan.types[head.type.isEmpty ? "(none)" : head.type, default: 0] += 1
                    if head.type == "response" { scan.responses += 1 }
                    if let status = head.http?.status { scan.statuses[String(status), default: 0] += 1 }
                    if WARCDocuments.isDocument(head) { scan.documents += 1 }
                }
            }
        }
        scan.seconds = (clock.now - start).seconds
        if json {
            Terminal.standardOutput.line(JSONOutput.encode(scan))
        } else {
            let out = Terminal.standardOutput
            out.line(
                "\(scan.records) records in \(scan.files) file(s), \(scan.responses) responses, "
                    + "\(scan.documents) HTML pages to ingest, \(scan.failures.count) broken, "
                    + String(
                        format: "%.2f s (%.0f records/s)", scan.seconds, Double(scan.records) / max(scan.seconds, 1e-9))
            )
            let types = scan.types.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            out.line("  types: " + types.joined(separator: ", "))
            let statuses = scan.statuses.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            if !statuses.isEmpty { out.line("  HTTP status: " + statuses.joined(separator: ", ")) }
            for failure in scan.failures { out.line("  broken: \(failure.path)@\(failure.offset): \(failure.reason)") }
        }
        if !scan.failures.isEmpty { throw ExitCode.failure }
    }
}

struct WARCListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "One line per record: offset, type, HTTP status, media type, target URI.")

    @OptionGroup var options: WARCFilesOptions

    @Flag(name: .long, help: "One JSON object per record.")
    var json = false

    struct Line: Encodable {
        var path: String
        var offset: Int
        var type: String?
        var status: Int?
        var mediaType: String?
        var uri: String?
        var date: String?
        var length: Int?
        var error: String?

        enum CodingKeys: String, CodingKey {
            case path, offset, type, status, uri, date, length, error
            case mediaType = "media_type"
        }
    }

    func run() throws {
        var broken = false
        let out = Terminal.standardOutput
        for path in options.files {
            let reader = try options.open(path)
            while let item = reader.next(wantBlock: { _ in false }) {
                let line: Line
                switch item {
                case .failure(let offset, let reason):
                    broken = true
                    line = Line(path: path, offset: offset, error: reason)
                case .record(let record):
                    let head = record.head
                    line = Line(
                        path: path, offset: head.offset, type: head.type, status: head.http?.status,
                        mediaType: head.http?.mediaType ?? head.contentType.map { String($0.prefix(60)) },
                        uri: head.targetURI, date: head.date, length: head.contentLength)
                }
                if json {
                    out.line(JSONOutput.encode(line))
                } else if let error = line.error {
                    out.line("\(line.offset)\tbroken\t\(error)")
                } else {
                    out.line(
                        [
                            String(line.offset), line.type ?? "-", line.status.map(String.init) ?? "-",
                            line.mediaType ?? "-", line.uri ?? "-",
                        ].joined(separator: "\t"))
                }
            }
        }
        if broken { throw ExitCode.failure }
    }
}
