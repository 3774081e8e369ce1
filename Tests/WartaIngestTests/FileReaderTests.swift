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
}
