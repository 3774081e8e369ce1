import Foundation
import Testing
import WartaCore
import WartaTestSupport

@testable import WartaIngest

@Suite("File reader")
struct FileReaderTests {
    @Test(
        "tells HTML from plain text by extension or leading markup",
        arguments: [
            ("page.html", "x", RawDocument.ContentType.html),
            ("page.HTM", "x", .html),
            ("a.txt", "  <!DOCTYPE html><html>", .html),
            ("a.txt", "<html lang=id>", .html),
            ("a.txt", "Banjir <b>besar</b>", .plainText),
        ] as [(String, String, RawDocument.ContentType)]
    )
    func contentType(path: String, text: String, expected: RawDocument.ContentType) {
        #expect(FileReader.contentType(path: path, bytes: Array(text.utf8)) == expected)
    }

    @Test("reads the seeds as plain text with file URLs, lazily and in path order")
    func seeds() throws {
        let items = Array(FileReader().items(paths: [Fixtures.directory.appendingPathComponent("seeds").path]))
        let documents = items.compactMap { item -> RawDocument? in
            if case .document(let document) = item { return document }
            return nil
        }
        #expect(documents.count == 2)
        #expect(documents.map { URL(fileURLWithPath: $0.origin).lastPathComponent } == Fixtures.seedNames)
        #expect(documents.allSatisfy { $0.contentType == .plainText && $0.url?.hasPrefix("file:///") == true })
        #expect(documents[0].bytes == (try Fixtures.bytes("seeds/\(Fixtures.seedNames[0])")))
    }

    @Test("refuses a record longer than the limit and goes on with the next line")
    func longRecord() throws {
        let directory = try Fixtures.temporaryDirectory("long")
        defer { try? FileManager.default.removeItem(at: directory) }
        let long = #"{"url": "u1", "text": ""# + String(repeating: "a", count: 3_000) + #""}"#
        let short = #"{"url": "u2", "text": "pendek"}"#
        let file = directory.appendingPathComponent("x.jsonl")
        try Data((long + "\n" + short + "\n").utf8).write(to: file)
        var configuration = FileReader.Configuration()
        configuration.maxBytes = 1_000
        let items = Array(FileReader(configuration: configuration).items(paths: [file.path]))
        #expect(items.count == 2)
        guard case .failure(let failure) = items.first else {
            Issue.record("the long record was not refused")
            return
        }
        #expect(failure == ReadFailure(path: file.path + ":1", reason: "the record is over the limit of 1000 bytes"))
        guard case .document(let document) = items.last else {
            Issue.record("the short record was lost")
            return
        }
        #expect(document.origin == file.path + ":2")
        #expect(document.url == "u2")
    }

    @Test("stops a gzip decompression bomb with an error naming the file and the byte where reading stopped")
    func gzipBomb() throws {
        let directory = try Fixtures.temporaryDirectory("bomb")
        defer { try? FileManager.default.removeItem(at: directory) }
        // 65,275 bytes that expand to 67,108,881 (over 1,000 times): stopped past the 16 MiB floor, before the end.
        let file = directory.appendingPathComponent("bomb.jsonl.gz")
        try Data(try Fixtures.bytes("feeds/gzip-bomb-sitemap.xml.gz")).write(to: file)
        let items = Array(
            FileReader().items(paths: [file.path, Fixtures.directory.appendingPathComponent("seeds").path]))
        let failures = items.compactMap { item -> ReadFailure? in
            if case .failure(let failure) = item { return failure }
            return nil
        }
        // Reading stops at the bomb (and its one line is over the record limit); the seeds after it are read.
        let bomb = failures.first { $0.path == file.path }
        let stoppedAt = bomb?.reason.split(separator: "reading stopped at byte ").last?.prefix { $0.isNumber }
        #expect(bomb?.reason.contains("expands more than 100 times") == true, "\(failures)")
        #expect(stoppedAt.flatMap { Int($0) }.map { $0 > 0 && $0 < 65_275 } == true, "\(failures)")
        let documents = items.filter { if case .document = $0 { true } else { false } }
        #expect(documents.count == 2)
    }

    @Test("a record with invalid UTF-8 in every field is kept with U+FFFD; broken JSON names the first bad byte")
    func invalidUTF8Record() throws {
        let bad: [UInt8] = [0xFF, 0xC0, 0x80]
        let line: [UInt8] =
            Array(#"{"url": "https://example.id/"#.utf8) + bad + Array(#"", "title": "Judul "#.utf8) + bad
            + Array(#"", "text": "Banjir di Jakarta "#.utf8) + bad + Array(#" hari ini."}"#.utf8)
        guard case .document(let document) = JSONLinesRecord.document(line: line[...], origin: "r.jsonl:1") else {
            Issue.record("the record was lost")
            return
        }
        #expect(document.hints.title == "Judul \u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(
            String(decoding: document.bytes, as: UTF8.self) == "Banjir di Jakarta \u{FFFD}\u{FFFD}\u{FFFD} hari ini.")
        let broken: [UInt8] = Array(#"{"url": "a", "text": "b"#.utf8) + bad
        guard case .failure(let failure) = JSONLinesRecord.document(line: broken[...], origin: "r.jsonl:2") else {
            Issue.record("broken JSON was accepted")
            return
        }
        #expect(failure.reason.hasSuffix("(and not UTF-8 at byte 23)"), "\(failure.reason)")
    }
}
