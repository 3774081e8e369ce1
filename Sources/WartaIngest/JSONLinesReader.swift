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
    private var lines = LineSplitter()
    private var finished = false
    private var skippingLongLine = false
    /// The longest line returned; a longer one is skipped with ``LineTooLong``.
    public let maxLineBytes: Int
    /// The number of the line last returned, from 1.
    public private(set) var lineNumber = 0

    public init(path: String, maxLineBytes: Int = Int.max) throws {
        // Plain or gzip, by content.
        let input: ArchiveInput
        do {
            input = try ArchiveInput(path: path)
        } catch {
            throw Failure(description: "cannot open \"\(path)\"")
        }
        read = input.nextChunk
        self.maxLineBytes = maxLineBytes
    }

    /// The next non-blank line's bytes, `nil` at the end. Each byte is searched once, however long its line.
    /// - Throws: ``LineTooLong`` for a line over the limit (call again for the lines after it); ``Failure`` when
    ///   the file is corrupt or truncated.
    public func next() throws -> [UInt8]? {
        while true {
            if !skippingLongLine { lineNumber += lines.skipNewlines() }
            if let line = lines.nextLine() {
                if let kept = try take(line) { return kept }
                continue
            }
            if finished {
                guard lines.pendingCount > 0 || skippingLongLine else { return nil }
                return try take(lines.takeRest())
            }
            if lines.pendingCount > maxLineBytes {
                lines.dropPending()
                skippingLongLine = true
            }
            do {
                if let data = try read(), !data.isEmpty { lines.append(data) } else { finished = true }
            } catch {
                finished = true
                lines.dropPending()
                skippingLongLine = false
                throw Failure(description: "\(error) after line \(lineNumber)")
            }
        }
    }

    /// The line as returned, `nil` for a blank one.
    private func take(_ line: ArraySlice<UInt8>) throws -> [UInt8]? {
        lineNumber += 1
        if skippingLongLine || line.count > maxLineBytes {
            skippingLongLine = false
            throw LineTooLong(line: lineNumber, limit: maxLineBytes)
        }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { return nil }
        return Array(line)
    }
}
