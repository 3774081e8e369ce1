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

    private let read: () throws -> Data?
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false
    /// The number of the line last returned, from 1.
    public private(set) var lineNumber = 0

    public init(path: String) throws {
        // Plain or gzip, by content.
        let input: ArchiveInput
        do {
            input = try ArchiveInput(path: path)
        } catch {
            throw Failure(description: "cannot open \"\(path)\"")
        }
        read = input.nextChunk
    }

    /// The next non-empty line's bytes, `nil` at the end.
    /// - Throws: ``Failure`` when the file is corrupt or truncated.
    public func next() throws -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                lineNumber += 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
                return line
            }
            if finished {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                lineNumber += 1
                return line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) ? nil : line
            }
            buffer.removeFirst(start)
            start = 0
            do {
                if let data = try read(), !data.isEmpty { buffer.append(contentsOf: data) } else { finished = true }
            } catch {
                throw Failure(description: "\(error) after line \(lineNumber)")
            }
        }
    }
}
