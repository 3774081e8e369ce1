import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streams the records of a WARC file (WARC/1.0 and 1.1; plain, or gzip with one member per record as CC-NEWS
/// and warcio write it, or one member for the whole file), with memory bounded by the largest record it keeps.
///
/// Every record is checked before it is handed out: its head must parse, its `Content-Length` must be a number,
/// and its block must be followed by the blank line that ends a record. A record that fails is reported as a
/// ``WARCItem/failure(offset:reason:)`` with its offset, and reading goes on at the next `WARC/` line (or the next
/// gzip member after a corrupt one); a file cut short ends with one failure that says where.
public final class WARCReader {
    public struct Configuration: Sendable {
        /// A record whose block is longer is skipped without being held in memory; one the caller wants becomes a
        /// failure. Default 10 MiB.
        public var maxBlockBytes = 10 * 1024 * 1024
        /// The most bytes a record's (or an HTTP message's) head may take. Default 64 KiB.
        public var maxHeadBytes = 64 * 1024

        public init() {}
    }

    private let input: ArchiveInput
    private let configuration: Configuration
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    /// The position in the decompressed stream of `buffer[0]`.
    private var bufferPosition = 0
    /// Where gzip members start in the decompressed stream: (position, file offset), ascending.
    private var members: [(position: Int, offset: Int)] = []
    private var atEOF = false
    /// A failure the input reported, handed out before reading goes on.
    private var pendingFailure: WARCItem?
    private var finished = false

    /// Opens `path` (gzip or plain, by content).
    /// - Throws: ``ArchiveInput/Failure`` when the file cannot be opened.
    public convenience init(path: String, configuration: Configuration = Configuration()) throws {
        try self.init(input: ArchiveInput(path: path), configuration: configuration)
    }

    init(input: ArchiveInput, configuration: Configuration) {
        self.input = input
        self.configuration = configuration
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
    }

    deinit {
        buffer.deallocate()
    }

    /// Whether the file is gzip-compressed.
    public var isGzip: Bool { input.isGzip }

    /// The next record or failure, `nil` at the end of the file.
    /// - Parameter wantBlock: called with each record's head (HTTP head included); the block is copied out only
    ///   when it returns `true`, else skipped.
    public func next(wantBlock: (WARCRecordHead) -> Bool = { _ in true }) -> WARCItem? {
        while true {
            if let failure = pendingFailure {
                pendingFailure = nil
                return failure
            }
            if finished { return nil }
            // Blank lines between records.
            while true {
                if start == end {
                    guard fill() else { break }
                    if pendingFailure != nil { break }
                }
                let byte = buffer[start]
                guard byte == 0x0D || byte == 0x0A else { break }
                start += 1
            }
            if pendingFailure != nil { continue }
            if start == end && atEOF {
                finished = true
                return nil
            }
            if let item = readRecord(wantBlock: wantBlock) { return item }
        }
    }

    // MARK: - Records

    private func readRecord(wantBlock: (WARCRecordHead) -> Bool) -> WARCItem? {
        let offset = fileOffset(ofBufferIndex: start)
        guard ensure(9) else { return endOfInput(offset: offset, what: "a record head") }
        guard hasPrefix("WARC/", at: start) else {
            let found = describe(at: start)
            resync(from: start + 1)
            return .failure(offset: offset, reason: "no WARC record starts here (found \(found))")
        }
        // The head ends at the first blank line.
        var headEnd: Int?
        while headEnd == nil {
            headEnd = find("\r\n\r\n", from: start, limit: configuration.maxHeadBytes)
            if headEnd != nil { break }
            if end - start >= configuration.maxHeadBytes {
                resync(from: start + 1)
                return .failure(
                    offset: offset, reason: "the record head is longer than \(configuration.maxHeadBytes) bytes")
            }
            guard fill() else { return endOfInput(offset: offset, what: "a record head") }
            if let failure = takeInputFailure() { return failure }
        }
        guard let headEnd else { return nil }
        let (versionLine, fields) = parseHead(from: start, to: headEnd)
        let version = String(versionLine.dropFirst(5))
        let bodyStart = headEnd + 4
        guard let lengthText = fields[field: "Content-Length"] else {
            resync(from: bodyStart)
            return .failure(offset: offset, reason: "the record has no Content-Length")
        }
        guard let contentLength = Int(lengthText.trimmingCharacters(in: .whitespaces)), contentLength >= 0 else {
            resync(from: bodyStart)
            return .failure(offset: offset, reason: "the record's Content-Length \"\(lengthText)\" is not a number")
        }
        var head = WARCRecordHead(
            offset: offset, version: version, fields: fields, contentLength: contentLength, http: nil)
        // `start` is still the record's first byte (the buffer may have moved while its head arrived).
        let headBytes = bodyStart - start
        if contentLength > configuration.maxBlockBytes {
            // Parse the HTTP head from what arrives first, then let the rest stream by.
            start = bodyStart
            _ = ensure(min(contentLength, configuration.maxHeadBytes))
            head.http = httpHead(from: start, count: min(contentLength, end - start), contentType: head.contentType)
            let wanted = wantBlock(head)
            guard skip(contentLength) else { return endOfInput(offset: offset, what: "the record's block") }
            guard ensure(4), hasPrefix("\r\n\r\n", at: start) else {
                resync(from: start)
                return .failure(
                    offset: offset,
                    reason: "the record's Content-Length (\(contentLength)) does not end at a record boundary")
            }
            start += 4
            if wanted {
                return .failure(
                    offset: offset,
                    reason:
                        "the record's block is \(contentLength) bytes, over the limit of \(configuration.maxBlockBytes)"
                )
            }
            return .record(WARCRecord(head: head, block: nil))
        }
        // Hold the whole record and its closing blank line: nothing is handed out before it is known to be whole.
        let needed = headBytes + contentLength + 4
        while end - start < needed {
            guard fill() else {
                // Cut short, or its length runs past the next record: go on at the next record head after its head.
                let available = end - (start + headBytes)
                if resyncWithinBuffer(from: start + headBytes) {
                    return .failure(
                        offset: offset,
                        reason:
                            "the record's Content-Length (\(contentLength)) runs past the next record "
                            + "(\(available) bytes follow before the end of the file)")
                }
                return endOfInput(offset: offset, what: "the record's block (\(available) of \(contentLength) bytes)")
            }
            if let failure = takeInputFailure() { return failure }
        }
        let blockStart = start + headBytes
        guard hasPrefix("\r\n\r\n", at: blockStart + contentLength) else {
            start = blockStart
            resync(from: blockStart)
            return .failure(
                offset: offset,
                reason: "the record's Content-Length (\(contentLength)) does not end at a record boundary")
        }
        head.http = httpHead(from: blockStart, count: contentLength, contentType: head.contentType)
        var block: [UInt8]?
        if wantBlock(head) {
            block = [UInt8](UnsafeRawBufferPointer(rebasing: buffer[blockStart..<(blockStart + contentLength)]))
        }
        start = blockStart + contentLength + 4
        return .record(WARCRecord(head: head, block: block))
    }

    /// The HTTP head of an `application/http` block, when it parses.
    private func httpHead(from index: Int, count: Int, contentType: String?) -> HTTPHead? {
        guard let contentType, HTTPHead.mediaType(of: contentType) == "application/http" else { return nil }
        let limit = min(count, configuration.maxHeadBytes)
        guard limit > 0 else { return nil }
        let headEnd: Int
        let separator: Int
        if let crlf = find("\r\n\r\n", from: index, limit: limit) {
            (headEnd, separator) = (crlf, 4)
        } else if let lf = find("\n\n", from: index, limit: limit) {
            (headEnd, separator) = (lf, 2)
        } else {
            return nil
        }
        let (first, headers) = parseHead(from: index, to: headEnd)
        let parts = first.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        var status: Int?
        var method: String?
        if first.hasPrefix("HTTP/") {
            guard parts.count >= 2, let code = Int(parts[1]), (100...999).contains(code) else { return nil }
            status = code
        } else if parts.count >= 2 {
            method = String(parts[0])
        } else {
            return nil
        }
        return HTTPHead(
            status: status, method: method, headers: headers, length: headEnd + separator - index)
    }

    // MARK: - Buffer

    /// Reads more input into the buffer, growing it for a record up to the block limit.
    /// - Returns: `false` at the end of the input (or when it failed: see `pendingFailure`).
    private func fill() -> Bool {
        if atEOF { return false }
        if start > 0 && (start == end || start >= buffer.count / 2 || end == buffer.count) {
            let remaining = end - start
            if remaining > 0 {
                buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: remaining)
            }
            bufferPosition += start
            end = remaining
            start = 0
        }
        if end == buffer.count {
            let limit = configuration.maxBlockBytes + configuration.maxHeadBytes * 2 + 1024
            guard buffer.count < limit else { return false }
            let grown = UnsafeMutableRawBufferPointer.allocate(
                byteCount: min(limit, buffer.count * 2), alignment: 8)
            grown.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: end)
            buffer.deallocate()
            buffer = grown
        }
        let target = UnsafeMutableRawBufferPointer(rebasing: buffer[end..<min(buffer.count, end + (1 << 20))])
        do {
            let (count, offset) = try input.read(into: target)
            if count == 0 {
                atEOF = true
                return false
            }
            if input.isGzip && (members.last?.offset != offset) {
                members.append((bufferPosition + end, offset))
                pruneMembers()
            }
            end += count
            return true
        } catch {
            switch error {
            case .truncated(let offset):
                atEOF = true
                pendingFailure = .failure(
                    offset: offset, reason: "the gzip file is cut short in the member that starts here")
                finished = true
                start = end
                return false
            case .corrupt(let offset, let message):
                pendingFailure = .failure(offset: offset, reason: "the gzip member is corrupt (\(message))")
                // What is buffered belongs to the broken member's record: drop it and go on at the next member.
                start = end
                do {
                    if try input.skipToNextMember() == nil { atEOF = true }
                } catch {
                    atEOF = true
                }
                return true
            case .io(let message):
                atEOF = true
                finished = true
                start = end
                pendingFailure = .failure(offset: fileOffset(ofBufferIndex: end), reason: "read error: \(message)")
                return false
            case .bomb(let offset, _):
                atEOF = true
                finished = true
                start = end
                pendingFailure = .failure(offset: offset, reason: error.description)
                return false
            }
        }
    }

    /// A failure the input just reported, for the record being read (which is abandoned).
    private func takeInputFailure() -> WARCItem? {
        guard let failure = pendingFailure else { return nil }
        pendingFailure = nil
        return failure
    }

    /// Makes at least `count` bytes available from `start`.
    private func ensure(_ count: Int) -> Bool {
        while end - start < count {
            guard fill(), pendingFailure == nil else { return false }
        }
        return true
    }

    /// Lets `count` bytes go by from `start` without keeping them.
    private func skip(_ count: Int) -> Bool {
        var remaining = count
        while remaining > 0 {
            if start == end {
                guard fill(), pendingFailure == nil else { return false }
            }
            let step = min(remaining, end - start)
            start += step
            remaining -= step
        }
        return true
    }

    private func endOfInput(offset: Int, what: String) -> WARCItem {
        if let failure = takeInputFailure() { return failure }
        finished = true
        start = end
        return .failure(offset: offset, reason: "the file ends inside \(what)")
    }

    /// Moves `start` to the next line that begins with `WARC/1.` at or after `index`, reading on as needed;
    /// at the end of the input `start` is the end.
    private func resync(from index: Int) {
        start = min(index, end)
        while true {
            if resyncWithinBuffer(from: start) { return }
            // Keep a few bytes: the pattern may straddle the refill.
            start = max(start, end - 8)
            guard fill() else {
                start = end
                return
            }
            if pendingFailure != nil { return }
        }
    }

    /// Moves `start` to a `\nWARC/1.` line found in the buffer at or after `index`.
    private func resyncWithinBuffer(from index: Int) -> Bool {
        var from = index
        while let found = find("WARC/1.", from: from, limit: end - from) {
            if found == 0 || buffer[found - 1] == 0x0A {
                start = found
                return true
            }
            from = found + 1
        }
        return false
    }

    // MARK: - Bytes

    private func hasPrefix(_ text: StaticString, at index: Int) -> Bool {
        let count = text.utf8CodeUnitCount
        guard end - index >= count else { return false }
        return memcmp(buffer.baseAddress! + index, text.utf8Start, count) == 0
    }

    /// The index of the first `pattern` in `buffer[from ..< min(end, from + limit)]`.
    private func find(_ pattern: StaticString, from: Int, limit: Int) -> Int? {
        let upper = min(end, from + limit)
        guard upper - from >= pattern.utf8CodeUnitCount else { return nil }
        let count = pattern.utf8CodeUnitCount
        let first = Int32(pattern.utf8Start.pointee)
        let base = buffer.baseAddress!
        var index = from
        while upper - index >= count {
            guard let hit = memchr(base + index, first, upper - count + 1 - index) else { return nil }
            let at = base.distance(to: hit)
            if memcmp(hit, pattern.utf8Start, count) == 0 { return at }
            index = at + 1
        }
        return nil
    }

    /// The first line of `buffer[from..<to]` and the `Name: value` fields of the lines after it, read over the
    /// bytes: lines end at LF (a CR before it dropped); a line starting with a space or tab continues the previous
    /// value; a line without a colon is ignored.
    private func parseHead(from: Int, to: Int) -> (first: String, fields: [HeaderField]) {
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[from..<to])
        var first = ""
        var fields: [HeaderField] = []
        var lineStart = 0
        var isFirst = true
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var end = lineEnd
            if end > lineStart && bytes[end - 1] == 0x0D { end -= 1 }
            if isFirst {
                first = String(decoding: bytes[lineStart..<end], as: UTF8.self)
                isFirst = false
            } else if end > lineStart {
                if bytes[lineStart] == 0x20 || bytes[lineStart] == 0x09, !fields.isEmpty {
                    let (low, high) = Self.trim(bytes, lineStart, end)
                    fields[fields.count - 1].value += " " + String(decoding: bytes[low..<high], as: UTF8.self)
                } else if let colon = bytes[lineStart..<end].firstIndex(of: UInt8(ascii: ":")) {
                    let (nameLow, nameHigh) = Self.trim(bytes, lineStart, colon)
                    if nameHigh > nameLow {
                        let (valueLow, valueHigh) = Self.trim(bytes, colon + 1, end)
                        fields.append(
                            HeaderField(
                                name: String(decoding: bytes[nameLow..<nameHigh], as: UTF8.self),
                                value: String(decoding: bytes[valueLow..<valueHigh], as: UTF8.self)))
                    }
                }
            }
            lineStart = lineEnd + 1
        }
        return (first, fields)
    }

    /// `low..<high` without leading and trailing spaces and tabs.
    private static func trim(_ bytes: UnsafeRawBufferPointer, _ low: Int, _ high: Int) -> (Int, Int) {
        var low = low
        var high = high
        while low < high && (bytes[low] == 0x20 || bytes[low] == 0x09) { low += 1 }
        while high > low && (bytes[high - 1] == 0x20 || bytes[high - 1] == 0x09) { high -= 1 }
        return (low, high)
    }

    private func describe(at index: Int) -> String {
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[index..<min(end, index + 16)])
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return "\"\(String(decoding: bytes, as: UTF8.self))\""
        }
        return bytes.prefix(8).map { String($0, radix: 16) }.joined(separator: " ")
    }

    /// The file offset of the record that starts at buffer index `index`.
    private func fileOffset(ofBufferIndex index: Int) -> Int {
        let position = bufferPosition + index
        guard input.isGzip else { return position }
        // The member holding `position`: the last one that starts at or before it.
        var low = 0
        var high = members.count - 1
        var found: Int?
        while low <= high {
            let middle = (low + high) / 2
            if members[middle].position <= position {
                found = middle
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        return found.map { members[$0].offset } ?? 0
    }

    /// Forgets member starts before the buffer, keeping the last one (a record may start inside it).
    private func pruneMembers() {
        guard members.count > 64 else { return }
        let keepFrom = members.lastIndex { $0.position <= bufferPosition + start } ?? 0
        if keepFrom > 0 { members.removeFirst(keepFrom) }
    }
}
