import ArgumentParser
import Foundation
import WartaCore
import WartaDates
import WartaIngest
import WartaPipeline

/// `warta cluster INPUT.jsonl[.gz]`: duplicates, events and storylines for a file of articles, as a black box.
struct ClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Group a JSON-lines file of articles into duplicates, events and storylines.",
        discussion: """
            Input: one article per line, {"id", "date"?, "lang"?, "outlet"?, "url"?, "title", "text"} (.gz works).
            Articles are taken in date order (undated ones last, in file order). Output: one line per input,
            {"id", "story", "incident", "storyline", "duplicate_of"?}, where "story" is the event (days of one
            happening) and "incident" the event with the closed events it follows up (a trial months after a
            shooting): the event itself when it follows up none.
            """
    )

    @Argument(help: "The JSON-lines file (.jsonl or .jsonl.gz).")
    var input: String

    @Option(name: .long, help: "Write the assignments here instead of stdout.")
    var output: String?

    @Option(name: .long, help: "Skip a line longer than this many bytes (default 10 MiB).")
    var maxBytes = 10 << 20

    @Option(name: .long, help: "Skip an article whose text is longer than this many bytes (default 2 MiB).")
    var maxTextBytes = 2 << 20

    func validate() throws {
        if maxBytes <= 0 { throw ValidationError("--max-bytes must be positive, not \(maxBytes)") }
        if maxTextBytes <= 0 { throw ValidationError("--max-text-bytes must be positive, not \(maxTextBytes)") }
    }

    func run() async throws {
        try await reportingErrors {
            let started = ContinuousClock.now
            var skipped = 0
            let records = try ClusterInput.read(input, maxLineBytes: maxBytes, maxTextBytes: maxTextBytes) {
                skipped += 1
                Terminal.standardError.line("skipped \($0)")
            }
            var linker = try StreamLinker.bundled()
            var lines: [String] = []
            lines.reserveCapacity(records.count)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            // Every story is resolved once the stream has ended: a later article can merge two events.
            for assigned in linker.addAll(records) {
                lines.append(String(decoding: try encoder.encode(assigned), as: UTF8.self))
            }
            let text = lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8)) else {
                    throw WartaError(code: "W0601", message: "cannot write \"\(output)\"")
                }
            } else {
                Terminal.standardOutput.write(text)
            }
            let seconds = (ContinuousClock.now - started).secondsValue
            Terminal.standardError.line(
                "clustered \(records.count) articles into \(linker.distinctEventCount) events in "
                    + String(format: "%.2f s (%.0f articles/s)", seconds, Double(records.count) / max(seconds, 1e-9))
                    + (skipped > 0 ? "; skipped \(skipped) lines" : ""))
            // The assignments are written; a skipped line still makes the exit status say so, as ingest's does.
            if skipped > 0 { throw ExitCode.failure }
        }
    }
}

/// Reads `warta cluster` input records, sorted into publication order.
enum ClusterInput {
    struct Record: Decodable {
        var id: String
        var date: String?
        var lang: String?
        var outlet: String?
        var title: String?
        var text: String?

        enum CodingKeys: String, CodingKey { case id, date, lang, outlet, title, text }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let text = try? container.decode(String.self, forKey: .id) {
                id = text
            } else {
                id = String(try container.decode(Int.self, forKey: .id))
            }
            date = try container.decodeIfPresent(String.self, forKey: .date)
            lang = try container.decodeIfPresent(String.self, forKey: .lang)
            outlet = try container.decodeIfPresent(String.self, forKey: .outlet)
            title = try container.decodeIfPresent(String.self, forKey: .title)
            text = try container.decodeIfPresent(String.self, forKey: .text)
        }
    }

    /// The records of `path` in publication order. With `skip`, a line that is not a record, a line over
    /// `maxLineBytes` and a text over `maxTextBytes` are handed to it (as "path:line: reason") and reading goes
    /// on; without it (training on labelled files, where every line counts) the first one ends the run.
    static func read(
        _ path: String, maxLineBytes: Int = 10 << 20, maxTextBytes: Int = 2 << 20,
        skip: ((String) -> Void)? = nil
    ) throws -> [StreamLinker.Input] {
        let reader: JSONLinesReader
        do {
            reader = try JSONLinesReader(path: path, maxLineBytes: maxLineBytes)
        } catch {
            throw WartaError(code: "W0602", message: "cannot read \"\(path)\": \(error)")
        }
        var inputs: [(Int, StreamLinker.Input)] = []
        let decoder = JSONDecoder()
        func reject(_ reason: String) throws {
            let message = "\(path):\(reader.lineNumber): \(reason)"
            guard let skip else { throw WartaError(code: "W0603", message: message) }
            skip(message)
        }
        while true {
            let line: [UInt8]
            do {
                guard let next = try reader.next() else { break }
                line = next
            } catch let tooLong as JSONLinesReader.LineTooLong {
                try reject("the line is over the limit of \(tooLong.limit) bytes")
                continue
            } catch {
                throw WartaError(code: "W0602", message: "cannot read \"\(path)\": \(error)")
            }
            let record: Record
            do {
                record = try decoder.decode(Record.self, from: Data(line))
            } catch {
                try reject("not an article record (\"id\" is required)")
                continue
            }
            let text = record.text ?? ""
            if text.utf8.count > maxTextBytes {
                try reject("the text is \(text.utf8.count) bytes, over the \(maxTextBytes) bytes an article may hold")
                continue
            }
            inputs.append(
                (
                    inputs.count,
                    StreamLinker.Input(
                        id: record.id, day: record.date.flatMap(ISODay.days), language: language(record.lang),
                        outlet: record.outlet, title: record.title ?? "", text: text)
                ))
        }
        // Publication order: dated articles by date, then undated ones in file order (a stable sort).
        inputs.sort { a, b in
            switch (a.1.day, b.1.day) {
            case (let x?, let y?): return x != y ? x < y : a.0 < b.0
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.0 < b.0
            }
        }
        return inputs.map(\.1)
    }

    static func language(_ code: String?) -> LanguageCode? {
        switch code?.lowercased() {
        case "id", "ind", "in": .indonesian
        case "en", "eng": .english
        case "ms", "msa", "zsm", "may": .malay
        case nil, "": nil
        default: .other
        }
    }
}

extension Duration {
    var secondsValue: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
