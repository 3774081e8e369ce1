import Foundation
import WartaCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads files, directories (recursively), JSON-lines files and standard input into raw documents.
///
/// A reader does I/O only and never judges content: a file it cannot read becomes a ``ReadFailure`` with the
/// path and the reason, and the run goes on. Files are read one at a time, so memory stays bounded by the
/// largest accepted file (``Configuration/maxBytes``); JSON-lines files are streamed line by line.
public struct FileReader: Sendable {
    public struct Configuration: Sendable {
        /// Shell globs a file's name or relative path must match (any of them), e.g. `*.txt`; empty: all files.
        public var include: [String] = []
        /// Shell globs that exclude a file or a whole directory, e.g. `.git`, `*.bak`.
        public var exclude: [String] = []
        /// Files (and JSON-lines records) larger than this are refused. Default 10 MiB.
        public var maxBytes = 10 * 1024 * 1024

        public init() {}
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Reads every path in order; `-` is standard input. Calls `body` for each item as it is read.
    public func read(paths: [String], _ body: (ReadItem) throws -> Void) rethrows {
        for item in items(paths: paths) { try body(item) }
    }

    /// The items of `paths`, read lazily: one file (or one JSON-lines record) at a time.
    public func items(paths: [String]) -> ReadItems {
        ReadItems(reader: self, paths: paths)
    }

    /// The files below `directory`, sorted by path, without excluded files and directories.
    package func files(under given: String) -> [(path: String, relative: String)] {
        // "dir/" and "dir" name the same files: "dir/a.txt", never "dir//a.txt".
        var directory = given
        while directory.count > 1, directory.hasSuffix("/") { directory.removeLast() }
        var found: [(String, String)] = []
        var stack = [""]
        while let relativeDirectory = stack.popLast() {
            let full = relativeDirectory.isEmpty ? directory : directory + "/" + relativeDirectory
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: full) else { continue }
            for name in names.sorted().reversed() {
                let relative = relativeDirectory.isEmpty ? name : relativeDirectory + "/" + name
                if configuration.exclude.contains(where: {
                    Self.glob($0, matches: name) || Self.glob($0, matches: relative)
                }) {
                    continue
                }
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: full + "/" + name, isDirectory: &isDirectory)
                if isDirectory.boolValue {
                    stack.append(relative)
                } else {
                    found.append((full + "/" + name, relative))
                }
            }
        }
        found.sort { $0.0 < $1.0 }
        return found.filter { file in
            configuration.include.isEmpty
                || configuration.include.contains {
                    Self.glob($0, matches: (file.1 as NSString).lastPathComponent) || Self.glob($0, matches: file.1)
                }
        }
    }

    /// One file: a document, a failure, or a JSON-lines source to stream.
    fileprivate func readFile(_ path: String) -> SourceStep {
        if Self.isWARC(path) {
            var warc = WARCReader.Configuration()
            warc.maxBlockBytes = configuration.maxBytes
            do {
                return .stream(
                    WARCSource(
                        reader: try WARCReader(path: path, configuration: warc), path: path,
                        maxBytes: configuration.maxBytes))
            } catch {
                return .item(.failure(ReadFailure(path: path, reason: "cannot open the file (\(error))")))
            }
        }
        if Self.isJSONLines(path) {
            // Plain or gzip, by content.
            guard let input = try? ArchiveInput(path: path) else {
                return .item(.failure(ReadFailure(path: path, reason: "cannot open the file")))
            }
            return .stream(
                LineSource(read: input.nextChunk, initial: Data(), origin: path, maxBytes: configuration.maxBytes))
        }
        switch readBytes(path) {
        case .failure(let failure):
            return .item(.failure(failure))
        case .success(let bytes):
            return .item(
                .document(
                    RawDocument(
                        origin: path,
                        url: URL(fileURLWithPath: path).standardizedFileURL.absoluteString,
                        bytes: bytes,
                        contentType: Self.contentType(path: path, bytes: bytes)
                    )
                )
            )
        }
    }

    private func readBytes(_ path: String) -> Result<[UInt8], ReadFailure> {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            return .failure(ReadFailure(path: path, reason: "cannot read the file (\(Self.errnoText()))"))
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        if size > configuration.maxBytes {
            return .failure(
                ReadFailure(
                    path: path,
                    reason:
                        "the file is \(size) bytes, over the limit of \(configuration.maxBytes) bytes (see --max-bytes)"
                )
            )
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(
                ReadFailure(path: path, reason: "cannot open the file (permission denied or not a regular file)"))
        }
        defer { try? handle.close() }
        do {
            // Read one byte past the limit, in case the file grew since stat.
            let data = try handle.read(upToCount: configuration.maxBytes + 1) ?? Data()
            if data.count > configuration.maxBytes {
                return .failure(
                    ReadFailure(path: path, reason: "the file is over the limit of \(configuration.maxBytes) bytes"))
            }
            return .success([UInt8](data))
        } catch {
            return .failure(ReadFailure(path: path, reason: "read error: \(error.localizedDescription)"))
        }
    }

    /// Standard input: JSON lines when it starts with "{", else one document.
    fileprivate func readStandardInput() -> SourceStep {
        let handle = FileHandle.standardInput
        // Peek: a stream that starts with "{" is JSON lines, anything else is one document.
        let first = (try? handle.read(upToCount: 1 << 16)) ?? Data()
        let firstByte = first.first {
            $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF
        }
        if firstByte == UInt8(ascii: "{") {
            return .stream(LineSource(handle: handle, initial: first, origin: "-", maxBytes: configuration.maxBytes))
        }
        var bytes = [UInt8](first)
        while let data = try? handle.read(upToCount: 1 << 20), !data.isEmpty {
            bytes.append(contentsOf: data)
            if bytes.count > configuration.maxBytes {
                return .item(
                    .failure(
                        ReadFailure(
                            path: "-", reason: "standard input is over the limit of \(configuration.maxBytes) bytes"))
                )
            }
        }
        return .item(
            .document(RawDocument(origin: "-", bytes: bytes, contentType: Self.contentType(path: "-", bytes: bytes))))
    }

    // MARK: - Helpers

    /// WARC files by name: `.warc`, `.warc.gz`.
    static func isWARC(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".warc") || lower.hasSuffix(".warc.gz")
    }

    static func isJSONLines(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl.gz")
            || lower.hasSuffix(".ndjson.gz")
    }

    /// HTML by file extension, or by a leading `<!doctype html` / `<html`; plain text otherwise.
    static func contentType(path: String, bytes: [UInt8]) -> RawDocument.ContentType {
        let lower = path.lowercased()
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".xhtml") { return .html }
        let head = String(decoding: bytes.prefix(512), as: UTF8.self).lowercased()
        let trimmed = head.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{FEFF}" }
        if trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html") { return .html }
        return .plainText
    }

    /// Shell-style glob match (`*`, `?`, `[...]`) through the C library's `fnmatch`.
    static func glob(_ pattern: String, matches name: String) -> Bool {
        fnmatch(pattern, name, 0) == 0
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

/// What reading one source gave: an item, or a stream of items (JSON-lines records, WARC records).
fileprivate enum SourceStep {
    case item(ReadItem)
    case stream(any ItemSource)
}

/// A source of many items, read one at a time.
protocol ItemSource: AnyObject {
    func next() -> ReadItem?
}

/// The items of a list of paths, read lazily, in order: directories expand to their sorted files, JSON-lines
/// files stream one record at a time, so memory holds one document (or one 1 MiB chunk) at a time.
public final class ReadItems: Sequence, IteratorProtocol {
    private let reader: FileReader
    private var paths: [String]
    private var files: [String] = []
    private var lines: (any ItemSource)?

    init(reader: FileReader, paths: [String]) {
        self.reader = reader
        self.paths = paths.reversed()
    }

    public func next() -> ReadItem? {
        while true {
            if let source = lines {
                if let item = source.next() { return item }
                lines = nil
            }
            if let file = files.popLast() {
                switch reader.readFile(file) {
                case .item(let item): return item
                case .stream(let source): lines = source
                }
                continue
            }
            guard let path = paths.popLast() else { return nil }
            if path == "-" {
                switch reader.readStandardInput() {
                case .item(let item): return item
                case .stream(let source): lines = source
                }
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return .failure(ReadFailure(path: path, reason: "no such file or directory"))
            }
            if isDirectory.boolValue {
                files = reader.files(under: path).map(\.path).reversed()
            } else {
                files = [path]
            }
        }
    }
}

/// Streams the records of a JSON-lines source; a bad line is a failure at `path:line` and the rest go on.
final class LineSource: ItemSource {
    private let read: () throws -> Data?
    private let origin: String
    private var lines: LineSplitter

    /// Reads lines from a file handle, closed when the source is done.
    convenience init(handle: FileHandle, initial: Data, origin: String, maxBytes: Int) {
        self.init(read: { try handle.read(upToCount: 1 << 20) }, initial: initial, origin: origin, maxBytes: maxBytes)
    }

    /// Reads lines from chunks that `read` returns until it returns `nil` or empty data.
    init(read: @escaping () throws -> Data?, initial: Data, origin: String, maxBytes: Int) {
        self.read = read
        self.origin = origin
        lines = LineSplitter(initial: [UInt8](initial), maxBytes: maxBytes)
    }

    func next() -> ReadItem? {
        let line: LineSplitter.Line?
        do {
            line = try lines.next(reading: read)
        } catch {
            return .failure(ReadFailure(path: origin, reason: "\(error) after line \(lines.lineNumber)"))
        }
        let place = "\(origin):\(lines.lineNumber)"
        switch line {
        case nil:
            return nil
        case .bytes(let bytes):
            return JSONLinesRecord.document(line: bytes, origin: place)
        case .tooLong:
            return .failure(ReadFailure(path: place, reason: "the record is over the limit of \(lines.maxBytes) bytes"))
        }
    }
}

extension FileReader {
    /// How many documents `paths` hold, counted without parsing (files, plus newlines of JSON-lines files), for
    /// a progress ETA. Standard input counts as unknown (`nil`).
    /// - Complexity: one directory listing, and one pass over each JSON-lines file's bytes.
    public func estimateDocumentCount(paths: [String]) -> Int? {
        var total = 0
        for path in paths {
            if path == "-" { return nil }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                total += 1
                continue
            }
            let files = isDirectory.boolValue ? self.files(under: path).map(\.path) : [path]
            // A WARC file's record count is unknown until it is read through.
            if files.contains(where: Self.isWARC) { return nil }
            for file in files {
                total += Self.isJSONLines(file) ? Self.countLines(file) : 1
            }
        }
        return total
    }

    private static func countLines(_ path: String) -> Int {
        guard let input = try? ArchiveInput(path: path) else { return 1 }
        var lines = 0
        var last: UInt8 = 0x0A
        while let data = try? input.nextChunk(), !data.isEmpty {
            lines += data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            last = data.last ?? last
        }
        return lines + (last == 0x0A ? 0 : 1)
    }
}
