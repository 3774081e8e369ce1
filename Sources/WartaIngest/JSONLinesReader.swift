import Foundation

/// Reads the lines of a JSON-lines file, plain or gzip-compressed (`.gz`), one at a time.
///
/// For commands that read their own record shapes (`warta cluster`, `warta bench dedup`); ingest uses
/// ``FileReader``, which also turns records into documents.
public final class JSONLinesReader {
    /// The file cannot be opened or decompressed.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// A line longer than ``JSONLinesReader/maxLineBytes``: its bytes were skipped, and reading may go on.
    public struct LineTooLong: Error, CustomStringConvertible {
        /// The line's number, from 1.
        public var line: Int
        public var limit: Int
        public var description: String { "line \(line) is over the limit of \(limit) bytes; skipped" }
    }

    private let read: () throws -> Data?
    private var lines: LineSplitter
    /// The longest line returned; a longer one is skipped with ``LineTooLong``.
    public var maxLineBytes: Int { lines.maxBytes }
    /// The number of the line last returned, from 1.
    public var lineNumber: Int { lines.lineNumber }

    public init(path: String, maxLineBytes: Int = Int.max) throws {
        // Plain or gzip, by content.
        let input: ArchiveInput
        do {
            input = try ArchiveInput(path: path)
        } catch {
            throw Failure(description: "cannot open \"\(path)\"")
        }
        read = input.nextChunk
        lines = LineSplitter(maxBytes: maxLineBytes)
    }

    /// The next non-blank line's bytes, `nil` at the end. Each byte is searched once, however long its line.
    /// - Throws: ``LineTooLong`` for a line over the limit (call again for the lines after it); ``Failure`` when
    ///   the file is corrupt or truncated.
    public func next() throws -> [UInt8]? {
        let line: LineSplitter.Line?
        do {
            line = try lines.next(reading: read)
        } catch {
            throw Failure(description: "\(error) after line \(lineNumber)")
        }
        switch line {
        case nil: return nil
        case .bytes(let bytes): return Array(bytes)
        case .tooLong: throw LineTooLong(line: lineNumber, limit: maxLineBytes)
        }
    }
}
