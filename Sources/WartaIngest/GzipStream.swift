import CZlib
import Foundation

/// Reads a gzip file (one member or many, as `.jsonl.gz` and `.warc.gz` files are) as a stream of decompressed
/// chunks, through zlib.
///
/// A file that ends inside a member is reported as truncated, after every byte before the cut was delivered.
final class GzipStream {
    /// What went wrong while decompressing.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let handle: FileHandle
    private var stream = z_stream()
    private var input: [UInt8] = []
    private var inputOffset = 0
    private var finishedInput = false
    private var atMemberEnd = true
    private var initialised = false

    init(handle: FileHandle) throws {
        self.handle = handle
        let status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure(description: "zlib could not start (status \(status))") }
        initialised = true
    }

    deinit {
        if initialised { inflateEnd(&stream) }
        try? handle.close()
    }

    /// The next decompressed chunk, `nil` at the end of the file.
    /// - Throws: ``Failure`` for corrupt or truncated input.
    func next() throws -> Data? {
        var output = [UInt8](repeating: 0, count: 1 << 18)
        while true {
            if inputOffset >= input.count && !finishedInput {
                if let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
                    input = [UInt8](data)
                    inputOffset = 0
                } else {
                    finishedInput = true
                }
            }
            if inputOffset >= input.count {
                if finishedInput {
                    if !atMemberEnd { throw Failure(description: "the gzip file is truncated") }
                    return nil
                }
                continue
            }
            let available = input.count - inputOffset
            let (status, consumed, produced) = input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer -> (Int32, Int, Int) in
                    stream.next_in = inBuffer.baseAddress.map { $0 + inputOffset }
                    stream.avail_in = UInt32(available)
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(outBuffer.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, available - Int(stream.avail_in), outBuffer.count - Int(stream.avail_out))
                }
            }
            inputOffset += consumed
            switch status {
            case Z_OK:
                atMemberEnd = false
            case Z_STREAM_END:
                atMemberEnd = true
                inflateReset(&stream)
            case Z_BUF_ERROR where produced == 0 && consumed == 0:
                continue
            default:
                throw Failure(description: "the gzip data is corrupt (zlib status \(status))")
            }
            if produced > 0 { return Data(output[0..<produced]) }
        }
    }
}
