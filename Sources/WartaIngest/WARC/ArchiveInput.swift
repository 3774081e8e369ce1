import CLibDeflate
import CZlib
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of an archive file, plain or gzip (one member or many), read in chunks that never cross a gzip
/// member, each with the file offset of the member it came from.
///
/// WARC files are compressed one record per gzip member, so a member's offset is the record's address in the file
/// (what `warcio index` and CDX files print). A corrupt member can be skipped: ``skipToNextMember()`` seeks the next
/// gzip header after it.
///
/// Members are decoded whole by libdeflate (about twice zlib's speed) into a buffer that grows to the largest member
/// up to 64 MiB; a larger member (a whole file compressed as one), one that does not decode, or one cut short is
/// streamed through zlib instead, which also says precisely whether it is truncated or corrupt.
final class ArchiveInput {
    /// Why the bytes stopped.
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// The file ends inside the gzip member that starts at `offset`.
        case truncated(offset: Int)
        /// The gzip member at `offset` is not valid deflate data (zlib's message).
        case corrupt(offset: Int, message: String)
        /// The operating system refused a read.
        case io(String)
        /// The data expands more than ``ArchiveInput/maxExpansion`` times past ``ArchiveInput/bombFloor`` bytes: a
        /// decompression bomb. Reading stops; `compressed` is how far into the file it got.
        case bomb(compressed: Int, decompressed: Int)

        var description: String {
            switch self {
            case .truncated(let offset): "the gzip file is truncated (the member at byte \(offset) is cut short)"
            case .corrupt(let offset, let message): "the gzip data is corrupt at byte \(offset) (\(message))"
            case .io(let message): "read error: \(message)"
            case .bomb(let compressed, let decompressed):
                "the gzip data expands more than \(ArchiveInput.maxExpansion) times (\(decompressed) bytes from "
                    + "\(compressed)): a decompression bomb; reading stopped at byte \(compressed)"
            }
        }
    }

    let isGzip: Bool
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var stream = z_stream()
    private var streamReady = false
    private var input: UnsafeMutableRawBufferPointer
    private var decompressor: OpaquePointer?
    /// The member decoded whole, and which of its bytes are not read yet.
    private var member = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    private var memberStart = 0
    private var memberEnd = 0
    private var memberFileOffset = 0
    /// This member goes through zlib, chunk by chunk.
    private var streaming = false
    static let maxWholeMember = 64 << 20
    static let maxInputWindow = 32 << 20
    private var inputStart = 0
    private var inputEnd = 0
    /// The file offset of `input[0]`.
    private var inputFileOffset = 0
    private var inputAtEOF = false
    /// The file offset where the member being inflated starts.
    private(set) var memberOffset = 0
    private var inMember = false
    /// Plain files: the file offset of the next byte returned.
    private var plainOffset = 0
    /// Gzip files: the decompressed bytes returned so far, and whether a bomb stopped reading.
    private var decompressedTotal = 0
    private var stoppedByBomb = false
    /// No real archive expands more than this: text and HTML compress 4 to 15 times.
    static let maxExpansion = 100
    /// The expansion is judged only after this many decompressed bytes, so that a small file of one repeated
    /// byte is still read.
    static let bombFloor = 16 << 20

    /// Opens `path`; gzip is recognised by its magic bytes, not the file name.
    /// - Throws: ``Failure/io(_:)`` when the file cannot be opened.
    convenience init(path: String) throws(Failure) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .io(String(cString: strerror(errno))) }
        try self.init(descriptor: descriptor, owns: true)
    }

    /// Reads from an open descriptor (standard input, a pipe): skipping a corrupt member then scans forward.
    init(descriptor: Int32, owns: Bool) throws(Failure) {
        self.descriptor = descriptor
        ownsDescriptor = owns
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        var magic = false
        // Peek at the first two bytes without losing them: they stay in the input buffer.
        while inputEnd < 2 {
            let count = systemRead(descriptor, input.baseAddress! + inputEnd, input.count - inputEnd)
            if count < 0 {
                if errno == EINTR { continue }
                input.deallocate()
                if owns { close(descriptor) }
                throw .io(String(cString: strerror(errno)))
            }
            if count == 0 {
                inputAtEOF = true
                break
            }
            inputEnd += count
        }
        if inputEnd >= 2 { magic = input[0] == 0x1F && input[1] == 0x8B }
        isGzip = magic
        if isGzip {
            let status = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
            guard status == Z_OK else {
                input.deallocate()
                if owns { close(descriptor) }
                throw .io("zlib could not start (status \(status))")
            }
            streamReady = true
            decompressor = libdeflate_alloc_decompressor()
            member = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        }
    }

    deinit {
        if streamReady { inflateEnd(&stream) }
        if let decompressor { libdeflate_free_decompressor(decompressor) }
        member.deallocate()
        input.deallocate()
        if ownsDescriptor { close(descriptor) }
    }

    /// Reads up to `buffer.count` bytes into `buffer`, all from one gzip member (or from the plain file).
    /// - Returns: how many bytes, 0 at the end of the file, and the file offset of their member (plain files: of
    ///   the first byte).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> (count: Int, offset: Int) {
        guard isGzip else { return try readPlain(into: buffer) }
        if stoppedByBomb { return (0, memberOffset) }
        let result = try readDecompressed(into: buffer)
        decompressedTotal += result.count
        let compressed = inputFileOffset + inputStart
        if decompressedTotal > Self.bombFloor && decompressedTotal / max(compressed, 1) > Self.maxExpansion {
            stoppedByBomb = true
            throw .bomb(compressed: compressed, decompressed: decompressedTotal)
        }
        return result
    }

    /// ``read(into:)`` for gzip files, without the bomb guard.
    private func readDecompressed(into buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> (
        count: Int, offset: Int
    ) {
        guard buffer.count > 0 else { return (0, memberOffset) }
        if memberStart < memberEnd {
            let count = min(buffer.count, memberEnd - memberStart)
            buffer.baseAddress!.copyMemory(from: member.baseAddress! + memberStart, byteCount: count)
            memberStart += count
            return (count, memberFileOffset)
        }
        if streaming || decompressor == nil { return try readStreaming(into: buffer) }
        while true {
            if inputStart == inputEnd {
                if inputAtEOF { return (0, memberOffset) }
                try refill()
                continue
            }
            memberOffset = inputFileOffset + inputStart
            // Enough input for a typical member; more is read when it does not decode.
            if inputEnd - inputStart < 1 << 20 && !inputAtEOF { try fillInput(atLeast: 1 << 20) }
            var used = 0
            var produced = 0
            let result = libdeflate_gzip_decompress_ex(
                decompressor, input.baseAddress! + inputStart, inputEnd - inputStart, member.baseAddress!,
                member.count, &used, &produced)
            if result == LIBDEFLATE_SUCCESS {
                inputStart += used
                skipPadding()
                memberStart = 0
                memberEnd = produced
                memberFileOffset = memberOffset
                if produced == 0 { continue }
                return try readDecompressed(into: buffer)
            }
            if result == LIBDEFLATE_INSUFFICIENT_SPACE && member.count < Self.maxWholeMember {
                let grown = UnsafeMutableRawBufferPointer.allocate(
                    byteCount: min(Self.maxWholeMember, member.count * 2), alignment: 8)
                member.deallocate()
                member = grown
                continue
            }
            if result == LIBDEFLATE_BAD_DATA && !inputAtEOF && inputEnd - inputStart < Self.maxInputWindow {
                // The member may run past the input read so far.
                try fillInput(atLeast: min(Self.maxInputWindow, (inputEnd - inputStart) * 2))
                continue
            }
            // Too large to hold, corrupt, or cut short: zlib streams it and says which.
            streaming = true
            inMember = false
            return try readStreaming(into: buffer)
        }
    }

    /// Reads input until `count` bytes are buffered from `inputStart` (growing the buffer) or the file ends.
    private func fillInput(atLeast count: Int) throws(Failure) {
        while inputEnd - inputStart < count && !inputAtEOF {
            if inputStart == 0 && inputEnd == input.count {
                let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: input.count * 2, alignment: 8)
                grown.baseAddress!.copyMemory(from: input.baseAddress!, byteCount: inputEnd)
                input.deallocate()
                input = grown
            }
            try refill()
        }
    }

    /// One member through zlib, chunk by chunk (see ``read(into:)``).
    private func readStreaming(into buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> (count: Int, offset: Int)
    {
        while true {
            if inputStart == inputEnd {
                if inputAtEOF {
                    if inMember { throw .truncated(offset: memberOffset) }
                    return (0, memberOffset)
                }
                try refill()
                continue
            }
            if !inMember {
                memberOffset = inputFileOffset + inputStart
                inMember = true
            }
            let available = inputEnd - inputStart
            stream.next_in = input.baseAddress!.advanced(by: inputStart).assumingMemoryBound(to: Bytef.self)
            stream.avail_in = UInt32(available)
            stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
            let status = inflate(&stream, Z_NO_FLUSH)
            let consumed = available - Int(stream.avail_in)
            let produced = buffer.count - Int(stream.avail_out)
            inputStart += consumed
            switch status {
            case Z_OK:
                if produced > 0 { return (produced, memberOffset) }
            case Z_STREAM_END:
                inflateReset(&stream)
                inMember = false
                streaming = false
                let offset = memberOffset
                skipPadding()
                if produced > 0 { return (produced, offset) }
                return try readDecompressed(into: buffer)
            case Z_BUF_ERROR where consumed == 0 && produced == 0:
                // zlib needs more input than the buffer holds.
                if inputAtEOF { throw .truncated(offset: memberOffset) }
                try refill()
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                throw .corrupt(offset: memberOffset, message: message)
            }
        }
    }

    /// The next chunk of decompressed bytes (up to 1 MiB), `nil` at the end of the file: for line readers.
    func nextChunk() throws(Failure) -> Data? {
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        let result = chunk.withUnsafeMutableBytes { raw in Result { () throws(Failure) in try read(into: raw).count } }
        let count = try result.get()
        return count > 0 ? Data(chunk[0..<count]) : nil
    }

    /// Moves past the member that failed to the next gzip header (`1f 8b 08`) after its start, ready to inflate.
    /// - Returns: the offset of that member, or `nil` when the file holds none.
    func skipToNextMember() throws(Failure) -> Int? {
        guard isGzip else { return nil }
        inflateReset(&stream)
        inMember = false
        streaming = false
        memberStart = 0
        memberEnd = 0
        let from = max(memberOffset + 1, inputFileOffset)
        if lseek(descriptor, off_t(from), SEEK_SET) >= 0 {
            inputFileOffset = from
            inputStart = 0
            inputEnd = 0
            inputAtEOF = false
        } else {
            // Not seekable: scan what is buffered and what follows.
            inputStart = max(inputStart, from - inputFileOffset)
        }
        while true {
            if inputEnd - inputStart < 3 {
                if inputAtEOF { return nil }
                try refill()
                continue
            }
            let base = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var index = inputStart
            while index + 2 < inputEnd {
                if base[index] == 0x1F && base[index + 1] == 0x8B && base[index + 2] == 0x08 {
                    inputStart = index
                    memberOffset = inputFileOffset + index
                    return memberOffset
                }
                index += 1
            }
            inputStart = index
            if inputAtEOF { return nil }
            try refill()
        }
    }

    /// Some writers pad between members with zero bytes: skip them so they do not read as a corrupt member.
    private func skipPadding() {
        let base = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
        while inputStart < inputEnd && base[inputStart] == 0 { inputStart += 1 }
    }

    private func refill() throws(Failure) {
        if inputStart > 0 {
            let remaining = inputEnd - inputStart
            if remaining > 0 {
                input.baseAddress!.copyMemory(from: input.baseAddress!.advanced(by: inputStart), byteCount: remaining)
            }
            inputFileOffset += inputStart
            inputStart = 0
            inputEnd = remaining
        }
        while true {
            let count = systemRead(descriptor, input.baseAddress! + inputEnd, input.count - inputEnd)
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(String(cString: strerror(errno)))
            }
            if count == 0 { inputAtEOF = true }
            inputEnd += count
            return
        }
    }

    private func readPlain(into buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> (count: Int, offset: Int) {
        let offset = plainOffset
        // Bytes peeked at open come first.
        if inputStart < inputEnd {
            let count = min(buffer.count, inputEnd - inputStart)
            buffer.baseAddress!.copyMemory(from: input.baseAddress! + inputStart, byteCount: count)
            inputStart += count
            plainOffset += count
            return (count, offset)
        }
        if inputAtEOF { return (0, offset) }
        while true {
            let count = systemRead(descriptor, buffer.baseAddress!, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(String(cString: strerror(errno)))
            }
            if count == 0 { inputAtEOF = true }
            plainOffset += count
            return (count, offset)
        }
    }
}

/// `read(2)`, named apart from ``ArchiveInput/read(into:)``.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
