import Foundation

/// The lines of a byte stream that arrives in chunks.
///
/// Each byte is searched for a newline once, however long its line and however many chunks it spans: the search
/// goes on where the last one stopped. Lines already returned are discarded when the next chunk is added, so the
/// buffer holds at most the unfinished line and one chunk. Shared by ``JSONLinesReader`` and the JSON-lines source
/// of ``FileReader``.
struct LineSplitter {
    private var buffer: [UInt8]
    /// Where the unfinished line starts.
    private var start = 0
    /// Bytes before this offset hold no newline.
    private var searched = 0

    init(initial: [UInt8] = []) {
        buffer = initial
    }

    /// The bytes of the unfinished line so far.
    var pendingCount: Int { buffer.count - start }

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
    mutating func skipNewlines() -> Int {
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
    mutating func dropPending() {
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
