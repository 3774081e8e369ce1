import Foundation
import Testing
import WartaTestSupport

@testable import WartaIngest

@Suite("Line splitting")
struct LineSplitterTests {
    /// Every line of `text`, fed in chunks of `size` bytes.
    private func split(_ text: String, chunk size: Int) -> [String] {
        var splitter = LineSplitter()
        var lines: [String] = []
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            splitter.append(Data(bytes[offset..<min(offset + size, bytes.count)]))
            offset += size
            while let line = splitter.nextLine() { lines.append(String(decoding: line, as: UTF8.self)) }
        }
        let rest = splitter.takeRest()
        if !rest.isEmpty { lines.append(String(decoding: rest, as: UTF8.self)) }
        return lines
    }

    @Test("gives the same lines whatever the chunk size, the last one without its newline too")
    func chunkSizes() throws {
        let seed = try String(
            contentsOf: Fixtures.directory.appendingPathComponent("seeds/000_cecf07360ee17b14.txt"), encoding: .utf8)
        let expected = seed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // A file that ends in a newline has no line after it.
        let trimmed = seed.hasSuffix("\n") ? Array(expected.dropLast()) : expected
        for size in [1, 2, 7, 64, 4096, 1 << 20] {
            #expect(split(seed, chunk: size) == trimmed, "chunks of \(size) bytes")
        }
    }

    @Test("JSON lines: blank lines skipped and counted, a line over the limit reported and stepped over")
    func jsonLinesReader() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("warta-lines-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("in.jsonl").path
        // Line 1 and 4 are records, 2 is blank, 3 is 3 MB without a break (over a 1 MB limit), 5 ends the file
        // without a newline.
        let long = String(repeating: "x", count: 3_000_000)
        let text = "{\"id\":\"a\"}\n  \n\(long)\n{\"id\":\"b\"}\n{\"id\":\"c\"}"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let reader = try JSONLinesReader(path: path, maxLineBytes: 1 << 20)
        var seen: [String] = []
        var tooLong: [Int] = []
        while true {
            do {
                guard let line = try reader.next() else { break }
                seen.append("\(reader.lineNumber):\(String(decoding: line, as: UTF8.self))")
            } catch let error as JSONLinesReader.LineTooLong {
                tooLong.append(error.line)
            }
        }
        #expect(seen == ["1:{\"id\":\"a\"}", "4:{\"id\":\"b\"}", "5:{\"id\":\"c\"}"])
        #expect(tooLong == [3])
    }
}
