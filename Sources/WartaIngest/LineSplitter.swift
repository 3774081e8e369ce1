import Foundation

/// The lines of a byte stream that arrives in chunks.
///
/// Each byte is searched for a newline once, however long its line and however many chunks it spans: the search
/// goes on where the last one stopped. Lines already returned are discarded when the next chunk is added, so the
/// buffer holds at most the unfinished line and one chunk, or ``maxBytes`` of a line too long to keep. Shared by
/// ``JSONLinesReader`` and the JSON-lines source of ``FileReader``, which read it through ``next(reading:)``.
struct LineSplitter {
    /// One line that ``next(reading:)`` returns.
    enum Line {
        case bytes(ArraySlice<UInt8>)
        /// A line over ``LineSplitter/maxBytes``: its bytes were dropped as they came.
        case tooLong
    }

    private var buffer: [UInt8]
    /// Where the unfinished line starts.
    private var start = 0
    /// Bytes before this offset hold no newline.
    private var searched = 0
    /// The longest line ``next(reading:)`` returns as bytes.
    let maxBytes: Int
    /// The number of the line ``next(reading:)`` returned last, from 1 (blank lines count).
    private(set) var lineNumber = 0
    private var finished = false
    private var skippingLongLine = false

    init(initial: [UInt8] = [], maxBytes: Int = Int.max) {
        buffer = initial
        self.maxBytes = maxBytes
    }

    /// The next line that is not blank (empty, or only spaces, tabs and carriage returns: counted, not returned), or
    /// ``Line/tooLong``; `nil` at the end. Chunks come from `read` until it returns `nil` or empty data.
    /// - Throws: `read`'s error; the splitter is at its end after it.
    mutating func next(reading read: () throws -> Data?) throws -> Line? {
        while true {
            // The newline that ends a long line being skipped is not an empty line.
            if !skippingLongLine { lineNumber += skipNewlines() }
            if let line = nextLine() {
                if let kept = take(line) { return kept }
                continue
            }
            if finished {
                guard pendingCount > 0 || skippingLongLine else { return nil }
                return take(takeRest())
            }
            if pendingCount > maxBytes {
                dropPending()
                skippingLongLine = true
            }
            do {
                if let data = try read(), !data.isEmpty { append(data) } else { finished = true }
            } catch {
                finished = true
                dropPending()
                skippingLongLine = false
                throw error
            }
        }
    }

    /// The line as ``next(reading:)`` returns it, `nil` for a blank one.
    private mutating func take(_ line: ArraySlice<UInt8>) -> Line? {
        lineNumber += 1
        if skippingLongLine || line.count > maxBytes {
            skippingLongLine = false
            return .tooLong
        }
        return line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) ? nil : .bytes(line)
    }

    /// The bytes of the unfinished line so far.
    private var pendingCount: Int { buffer.count - start }

    /// The next complete line, without its newline; `nil` when the buffered bytes end inside a line.
    mutating func nextLine() -> ArraySlice<UInt8>? {
        let from = min(max(start, searched), buffer.count)
        guard let newline = buffer[from...].firstIndex(of: 0x0A) else {
            searched = buffer.count
            return nil
        }
        let line = buffer[start..<newline]
        start = newline + 1
        searched = start
        return line
    }

    /// Steps over a run of newlines (empty lines) in one tight loop and returns how many there were: a file of
    /// millions of them, such as a decompression bomb, costs a byte scan, not a call per line.
    private mutating func skipNewlines() -> Int {
        let count = buffer.count
        let skipped = buffer.withUnsafeBufferPointer { bytes -> Int in
            var index = start
            while index < count, bytes[index] == 0x0A { index += 1 }
            return index - start
        }
        start += skipped
        return skipped
    }

    /// The unfinished line (possibly empty), at the end of the input.
    mutating func takeRest() -> ArraySlice<UInt8> {
        let rest = buffer[start...]
        start = buffer.count
        searched = start
        return rest
    }

    /// Forgets the unfinished line's bytes so far (a line over a size limit).
    private mutating func dropPending() {
        buffer.removeAll(keepingCapacity: false)
        start = 0
        searched = 0
    }

    /// Adds a chunk, first discarding the lines already returned.
    mutating func append(_ data: Data) {
        if start > 0 {
            buffer.removeFirst(start)
            searched = max(0, searched - start)
            start = 0
        }
        buffer.append(contentsOf: data)
    }
}
