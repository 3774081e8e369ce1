import ArgumentParser
import Foundation
import WartaCore
import WartaDedup
import WartaIngest

/// `warta bench dedup INPUT.jsonl[.gz]`: times near-duplicate detection over a file of articles.
///
/// Every record goes through one ``NearDuplicateIndex`` in file order, as the linker adds articles
/// (``NearDuplicateIndex/add(title:body:exactKey:)``: the body alone, or with its title when it is short). Reading
/// and decoding the file happen first and are timed apart; the timed part is the dedup work alone: shingling,
/// MinHash signature, LSH lookup and insert, and the exact-Jaccard check of every candidate.
struct BenchDedupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup",
        abstract: "Time near-duplicate detection (shingles, MinHash, LSH, exact check) over a JSON-lines file.",
        discussion: """
            Input: one record per line, {"id", "title"?, "text"} (.gz works); --field names another body \
            field. Documents are added in file order as the linker adds them: a body of 50 words or more is \
            compared alone, a shorter one with its title. No exact-copy key is given, so exact copies go through \
            the near-duplicate path too. --pairs writes one line per document, id<TAB>origin_id, where the \
            origin is the group's first document (a document that copies nothing is its own origin). \
            Reading and decoding are timed apart; see docs/dedup.md and scripts/bench/dedup/compare.sh.
            """
    )

    @Argument(help: "The JSON-lines file (.jsonl or .jsonl.gz).")
    var input: String

    @Option(name: .long, help: "Jaccard similarity at or above which two documents are near-duplicates.")
    var threshold = 0.8

    @Option(name: .long, help: "Write every document's origin here: id<TAB>origin_id.")
    var pairs: String?

    @Option(name: .long, help: "The record field that holds the body.")
    var field = "text"

    @Option(name: .long, help: "Timed passes over the documents (a fresh index each); all are reported.")
    var repeats = 1

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard threshold > 0, threshold <= 1 else { throw ValidationError("--threshold must be in (0, 1].") }
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1.") }
    }

    func run() async throws {
        try await reportingErrors {
            let readStarted = ContinuousClock.now
            let documents = try BenchDedupInput.read(input, field: field)
            let readSeconds = Self.seconds(ContinuousClock.now - readStarted)
            var configuration = NearDuplicateIndex.Configuration()
            configuration.threshold = threshold
            var runs: [Double] = []
            var origins: [Int] = []
            for _ in 0..<repeats {
                let (seconds, found) = Self.timedPass(documents, configuration: configuration)
                runs.append(seconds)
                origins = found
            }
            let duplicates = origins.indices.filter { origins[$0] != $0 }.count
            let groups = Set(origins.indices.filter { origins[$0] != $0 }.map { origins[$0] }).count
            if let pairs { try Self.writeOrigins(origins, ids: documents.ids, to: pairs) }
            let count = documents.ids.count
            let best = runs.min() ?? 0
            if json {
                let object: [String: Any] = [
                    "docs": count, "read_seconds": readSeconds, "seconds": runs, "best_seconds": best,
                    "docs_per_second": Double(count) / max(best, 1e-9), "groups": groups, "duplicates": duplicates,
                    "threshold": threshold,
                ]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                Terminal.standardOutput.line(String(decoding: data, as: UTF8.self))
            } else {
                for (pass, seconds) in runs.enumerated() {
                    Terminal.standardOutput.line(
                        String(
                            format: "warta docs=%d seconds=%.4f docs_per_s=%.0f groups=%d duplicates=%d pass=%d",
                            count, seconds, Double(count) / max(seconds, 1e-9), groups, duplicates, pass + 1))
                }
                Terminal.standardOutput.line(String(format: "read+decode %.2f s (not timed above)", readSeconds))
            }
        }
    }

    /// One pass over the documents with a fresh index: the elapsed seconds and each document's origin.
    static func timedPass(
        _ documents: BenchDedupInput.Documents, configuration: NearDuplicateIndex.Configuration
    ) -> (Double, [Int]) {
        var index = NearDuplicateIndex(configuration: configuration)
        var origins = [Int](repeating: 0, count: documents.ids.count)
        let started = ContinuousClock.now
        for position in documents.ids.indices {
            let title = documents.titles[position]
            origins[position] = index.add(title: title, body: documents.bodies[position])?.origin ?? position
        }
        return (seconds(ContinuousClock.now - started), origins)
    }

    static func writeOrigins(_ origins: [Int], ids: [String], to path: String) throws {
        var text = ""
        text.reserveCapacity(ids.count * 40)
        for (position, origin) in origins.enumerated() {
            text += ids[position] + "\t" + ids[origin] + "\n"
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw WartaError(code: "W0601", message: "cannot write \"\(path)\"")
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// Reads `warta bench dedup` input: ids, titles and bodies, in file order.
enum BenchDedupInput {
    /// Parallel arrays: `ids[i]` is the record id, `titles[i]` and `bodies[i]` its title and body.
    struct Documents {
        var ids: [String] = []
        var titles: [String] = []
        var bodies: [String] = []
    }

    static func read(_ path: String, field: String) throws -> Documents {
        let reader: JSONLinesReader
        do {
            reader = try JSONLinesReader(path: path)
        } catch {
            throw WartaError(code: "W0602", message: "cannot read \"\(path)\": \(error)")
        }
        var documents = Documents()
        while true {
            let line: [UInt8]?
            do {
                line = try reader.next()
            } catch {
                throw WartaError(code: "W0602", message: "cannot read \"\(path)\": \(error)")
            }
            guard let line else { break }
            guard let record = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let id = identifier(record["id"])
            else {
                throw WartaError(
                    code: "W0603", message: "\(path):\(reader.lineNumber): not an article record (\"id\" is required)")
            }
            documents.ids.append(id)
            documents.titles.append(record["title"] as? String ?? "")
            documents.bodies.append(record[field] as? String ?? "")
        }
        return documents
    }

    /// A record id given as a string or a whole number.
    private static func identifier(_ value: Any?) -> String? {
        if let text = value as? String { return text }
        if let number = value as? Int { return String(number) }
        return nil
    }
}
