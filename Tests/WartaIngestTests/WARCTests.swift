import Foundation
import Testing
import WartaCore
import WartaTestSupport

@testable import WartaIngest

@Suite("WARC reader and writer")
struct WARCTests {
    /// Real pages from the shared corpus when it is beside the repository, else the seeds.
    static func pages() throws -> [(url: String, bytes: [UInt8])] {
        if let shared = Fixtures.shared {
            let folder = shared.appendingPathComponent("corpus/id-news/html-pages/html")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().prefix(8)
            return try names.map { name in
                ("https://example.id/\(name)", [UInt8](try Data(contentsOf: folder.appendingPathComponent(name))))
            }
        }
        return try Fixtures.seedNames.map { ("https://example.id/\($0)", try Fixtures.bytes("seeds/\($0)")) }
    }

    /// Writes `count` real pages as `resource` records; returns their offsets.
    static func writeResources(_ path: String, count: Int) throws -> [Int] {
        let writer = try WARCWriter(path: path)
        let date = Date(timeIntervalSince1970: 1_560_000_000)
        var offsets: [Int] = []
        for page in try pages().prefix(count) {
            offsets.append(
                try writer.write(
                    type: "resource", targetURI: page.url, date: date, contentType: "text/html", block: page.bytes))
        }
        try writer.close()
        return offsets
    }

    static func records(_ path: String, want: Bool = true) throws -> [WARCItem] {
        let reader = try WARCReader(path: path)
        var items: [WARCItem] = []
        while let item = reader.next(wantBlock: { _ in want }) { items.append(item) }
        return items
    }

    @Test("what Warta writes it reads back record for record, gzip and plain, at the offsets it wrote")
    func roundTrip() throws {
        let directory = try Fixtures.temporaryDirectory("warc")
        defer { try? FileManager.default.removeItem(at: directory) }
        let pages = try Self.pages()
        for gzip in [true, false] {
            let path = directory.appendingPathComponent(gzip ? "out.warc.gz" : "out.warc").path
            let writer = try WARCWriter(path: path, gzip: gzip)
            let date = Date(timeIntervalSince1970: 1_749_999_999.25)
            var offsets = [try writer.writeInfo(software: "warta-test", date: date)]
            for page in pages {
                offsets.append(
                    try writer.writeExchange(
                        url: page.url, date: date, requestHeaders: [HeaderField(name: "Host", value: "example.id")],
                        status: 200, reason: "OK",
                        responseHeaders: [HeaderField(name: "Content-Type", value: "text/html; charset=utf-8")],
                        body: page.bytes))
            }
            try writer.close()
            let items = try Self.records(path)
            let records = items.compactMap { item -> WARCRecord? in
                if case .record(let record) = item { return record }
                return nil
            }
            #expect(records.count == items.count, "no failures")
            #expect(records.count == 1 + 2 * pages.count)
            let responses = records.filter { $0.head.type == "response" }
            #expect(responses.map(\.head.offset) == Array(offsets.dropFirst()))
            #expect(records.first?.head.offset == 0)
            #expect(records.first?.head.type == "warcinfo")
            for (response, page) in zip(responses, pages) {
                #expect(response.head.targetURI == page.url)
                #expect(response.head.version == "1.1")
                #expect(response.head.http?.status == 200)
                #expect(response.head.http?.charset == "utf-8")
                #expect(response.payload.map(Array.init) == page.bytes)
                #expect(response.head.date == "2025-06-15T15:06:39.250000Z")
            }
            let requests = records.filter { $0.head.type == "request" }
            #expect(requests.map { $0.head.http?.method } == pages.map { _ in "GET" })
            #expect(
                requests.map { $0.head.fields[field: "WARC-Concurrent-To"] } == responses.map { $0.head.recordID })
        }
    }

    @Test("ingest reads HTML responses as documents with file@offset, URL, charset and fetch time; counts the rest")
    func documents() throws {
        let directory = try Fixtures.temporaryDirectory("warc-docs")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("crawl.warc.gz").path
        let writer = try WARCWriter(path: path)
        let date = Date(timeIntervalSince1970: 1_560_000_000)
        try writer.writeInfo(software: "warta-test", date: date)
        let page = try Self.pages()[0]
        let kept = try writer.writeExchange(
            url: page.url, date: date, requestHeaders: [], status: 200, reason: "OK",
            responseHeaders: [HeaderField(name: "Content-Type", value: "text/html; charset=ISO-8859-1")],
            body: page.bytes)
        try writer.writeExchange(
            url: "https://example.id/missing", date: date, requestHeaders: [], status: 404, reason: "Not Found",
            responseHeaders: [HeaderField(name: "Content-Type", value: "text/html")], body: Array("gone".utf8))
        try writer.writeExchange(
            url: "https://example.id/logo.png", date: date, requestHeaders: [], status: 200, reason: "OK",
            responseHeaders: [HeaderField(name: "Content-Type", value: "image/png")], body: [0x89, 0x50, 0x4E, 0x47])
        let chunked = try HTTPPayloadTests.chunk(page.bytes, size: 1000)
        let compressed = try WARCWriter.compress(page.bytes)
        let second = try writer.writeExchange(
            url: "https://example.id/chunked", date: date, requestHeaders: [], status: 200, reason: "OK",
            responseHeaders: [
                HeaderField(name: "Content-Type", value: "text/html"),
                HeaderField(name: "Transfer-Encoding", value: "chunked"),
            ], body: chunked)
        let third = try writer.writeExchange(
            url: "https://example.id/gzip", date: date, requestHeaders: [], status: 200, reason: "OK",
            responseHeaders: [
                HeaderField(name: "Content-Type", value: "text/html"),
                HeaderField(name: "Content-Encoding", value: "gzip"),
            ], body: compressed)
        try writer.close()
        var documents: [RawDocument] = []
        var skipped: [String: Int] = [:]
        var failures: [ReadFailure] = []
        for item in FileReader().items(paths: [path]) {
            switch item {
            case .document(let document): documents.append(document)
            case .skipped(let skip): skipped[skip.reason, default: 0] += 1
            case .failure(let failure): failures.append(failure)
            }
        }
        #expect(failures.isEmpty)
        #expect(skipped == ["warc warcinfo": 1, "warc request": 5, "http 404": 1, "not html": 1])
        #expect(documents.map(\.origin) == ["\(path)@\(kept)", "\(path)@\(second)", "\(path)@\(third)"])
        #expect(documents.map(\.url) == [page.url, "https://example.id/chunked", "https://example.id/gzip"])
        #expect(documents.allSatisfy { $0.bytes == page.bytes && $0.contentType == .html })
        #expect(documents.map(\.declaredCharset) == ["iso-8859-1", nil, nil])
        #expect(documents.allSatisfy { $0.fetchedAt == date })
        #expect(FileReader().estimateDocumentCount(paths: [path]) == nil)
    }

    @Test("a file cut inside a gzip member: every whole record before the cut, then one failure at the member")
    func truncatedGzip() throws {
        let directory = try Fixtures.temporaryDirectory("warc-cut")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("full.warc.gz").path
        let offsets = try Self.writeResources(path, count: 4)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let cutPath = directory.appendingPathComponent("cut.warc.gz").path
        try bytes.prefix(offsets[2] + 40).write(to: URL(fileURLWithPath: cutPath))
        let items = try Self.records(cutPath)
        #expect(items.count == 3)
        let kept = items.prefix(2).compactMap { item -> Int? in
            if case .record(let record) = item { return record.head.offset }
            return nil
        }
        #expect(kept == Array(offsets.prefix(2)))
        #expect(
            items.last
                == .failure(offset: offsets[2], reason: "the gzip file is cut short in the member that starts here"))
    }

    @Test("a corrupt gzip member is reported at its offset and reading goes on at the next member")
    func corruptMember() throws {
        let directory = try Fixtures.temporaryDirectory("warc-corrupt")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("full.warc.gz").path
        let offsets = try Self.writeResources(path, count: 4)
        try #require(offsets.count >= 3, "the WARC needs pages from ../shared to write its members")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // Scramble the deflate data in the middle of the second member.
        let middle = (offsets[1] + offsets[2]) / 2
        for index in middle..<(middle + 64) { bytes[index] ^= 0x5A }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let items = try Self.records(path)
        let offsetsRead = items.compactMap { item -> Int? in
            if case .record(let record) = item { return record.head.offset }
            return nil
        }
        #expect(offsetsRead == [offsets[0], offsets[2], offsets[3]])
        let failures = items.compactMap { item -> Int? in
            if case .failure(let offset, _) = item { return offset }
            return nil
        }
        #expect(failures == [offsets[1]])
    }

    @Test("a Content-Length too long, too short or not a number is reported and reading goes on at the next record")
    func badLengths() throws {
        func record(_ uri: String, _ body: String, length: String? = nil) -> String {
            "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: \(uri)\r\nContent-Type: text/html\r\n"
                + "Content-Length: \(length ?? String(body.utf8.count))\r\n\r\n\(body)\r\n\r\n"
        }
        let parts = [
            record("https://a.id/1", "<p>satu</p>"),
            record("https://a.id/2", "<p>dua</p>", length: "5000"),
            record("https://a.id/3", "<p>tiga</p>"),
            record("https://a.id/4", "<p>empat</p>", length: "4"),
            record("https://a.id/5", "<p>lima</p>", length: "12x"),
            record("https://a.id/6", "<p>enam</p>"),
            "garbage that is not a record\r\n",
            record("https://a.id/7", "<p>tujuh</p>"),
        ]
        let directory = try Fixtures.temporaryDirectory("warc-length")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bad.warc").path
        try parts.joined().write(toFile: path, atomically: true, encoding: .utf8)
        var offsets: [Int] = []
        var at = 0
        for part in parts {
            offsets.append(at)
            at += part.utf8.count
        }
        let items = try Self.records(path)
        var read: [String] = []
        var failed: [Int] = []
        for item in items {
            switch item {
            case .record(let record): read.append(record.head.targetURI ?? "")
            case .failure(let offset, _): failed.append(offset)
            }
        }
        #expect(read == ["https://a.id/1", "https://a.id/3", "https://a.id/6", "https://a.id/7"])
        #expect(failed == [offsets[1], offsets[3], offsets[4], offsets[6]])
        guard case .failure(_, let reason) = items[3] else {
            Issue.record("expected the fourth record to fail")
            return
        }
        #expect(reason.contains("does not end at a record boundary"))
    }

    @Test("a block over the limit is skipped without being held, and one wanted is a failure")
    func overLimit() throws {
        let directory = try Fixtures.temporaryDirectory("warc-big")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("big.warc.gz").path
        let writer = try WARCWriter(path: path)
        let date = Date(timeIntervalSince1970: 1_560_000_000)
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: 3 << 20)
        let first = try writer.write(
            type: "resource", targetURI: "https://a.id/big", date: date, contentType: "text/html", block: big)
        try writer.write(
            type: "metadata", targetURI: "https://a.id/big", date: date, contentType: "text/plain", block: big)
        try writer.write(
            type: "resource", targetURI: "https://a.id/small", date: date, contentType: "text/html",
            block: Array("<p>x</p>".utf8))
        try writer.close()
        var configuration = WARCReader.Configuration()
        configuration.maxBlockBytes = 1 << 20
        let reader = try WARCReader(path: path, configuration: configuration)
        var items: [WARCItem] = []
        while let item = reader.next(wantBlock: { $0.type == "resource" }) { items.append(item) }
        #expect(items.count == 3)
        #expect(
            items.first
                == .failure(
                    offset: first, reason: "the record's block is \(3 << 20) bytes, over the limit of \(1 << 20)"))
        if case .record(let metadata) = items[1] {
            #expect(metadata.head.type == "metadata" && metadata.block == nil)
        } else {
            Issue.record("the metadata record should be read")
        }
        if case .record(let small) = items[2] {
            #expect(small.block == Array("<p>x</p>".utf8))
        } else {
            Issue.record("the small record should be read")
        }
    }

    @Test("binary junk that is not a WARC gives failures, never a record or a crash")
    func junk() throws {
        let directory = try Fixtures.temporaryDirectory("warc-junk")
        defer { try? FileManager.default.removeItem(at: directory) }
        var generator = SystemRandomNumberGenerator()
        for (name, gzip) in [("junk.warc", false), ("junk.warc.gz", true)] {
            let junk = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let bytes = gzip ? try WARCWriter.compress(junk) : junk
            let path = directory.appendingPathComponent(name).path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let items = try Self.records(path)
            #expect(!items.isEmpty)
            #expect(items.allSatisfy { if case .failure = $0 { true } else { false } })
        }
    }

    @Test("WARC-Date values parse with and without fractions, and the writer's dates read back")
    func dates() {
        #expect(WARCDate.parse("2019-08-01T07:12:33Z") == Date(timeIntervalSince1970: 1_564_643_553))
        #expect(WARCDate.parse("2019-08-01T07:12:33.5Z") == Date(timeIntervalSince1970: 1_564_643_553.5))
        #expect(WARCDate.parse("2019-08-01") == Date(timeIntervalSince1970: 1_564_617_600))
        #expect(WARCDate.parse("01/08/2019") == nil)
        #expect(WARCDate.parse("2019-13-01T00:00:00Z") == nil)
        for seconds in [0.0, 951_782_400.0, 1_749_999_999.123456, 4_102_444_800.0] {
            let text = WARCWriter.formatDate(Date(timeIntervalSince1970: seconds))
            let back = WARCDate.parse(text)?.timeIntervalSince1970 ?? -1
            #expect(abs(back - seconds) < 1e-5, "\(text)")
        }
    }
}

@Suite("HTTP payloads")
struct HTTPPayloadTests {
    static func chunk(_ bytes: [UInt8], size: Int) throws -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let piece = bytes[index..<min(bytes.count, index + size)]
            output += Array("\(String(piece.count, radix: 16));ext=1\r\n".utf8) + piece + [0x0D, 0x0A]
            index += size
        }
        return output + Array("0\r\n\r\n".utf8)
    }

    @Test("chunked, gzip and both decode to the page; a bomb stops at the limit; junk says what is wrong")
    func decode() throws {
        let page = Array(String(repeating: "<p>Banjir melanda Jakarta.</p>", count: 200).utf8)
        let chunked = try Self.chunk(page, size: 333)
        func head(_ fields: [(String, String)]) -> HTTPHead {
            HTTPHead(status: 200, method: nil, headers: fields.map { HeaderField(name: $0.0, value: $0.1) }, length: 0)
        }
        #expect(
            try HTTPPayload.decode(chunked[...], head: head([("Transfer-Encoding", "chunked")]), limit: 1 << 20) == page
        )
        let gzipped = try WARCWriter.compress(chunked)
        let both = head([("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")])
        // Chunking over compression is what servers send; compression over chunking is wrong but must not crash.
        let gzippedPage = try WARCWriter.compress(page)
        #expect(try HTTPPayload.decode(try Self.chunk(gzippedPage, size: 100)[...], head: both, limit: 1 << 20) == page)
        #expect((try? HTTPPayload.decode(gzipped[...], head: both, limit: 1 << 20)) != nil)
        // Stored already decoded though the header still says gzip: kept as it is.
        #expect(try HTTPPayload.decode(page[...], head: head([("Content-Encoding", "gzip")]), limit: 1 << 20) == page)
        let bomb = try WARCWriter.compress([UInt8](repeating: 0, count: 50 << 20))
        #expect(throws: HTTPPayload.Failure.self) {
            try HTTPPayload.decode(bomb[...], head: head([("Content-Encoding", "gzip")]), limit: 1 << 20)
        }
        #expect(throws: HTTPPayload.Failure.self) {
            try HTTPPayload.decode(page[...], head: head([("Content-Encoding", "br")]), limit: 1 << 20)
        }
        var broken = gzippedPage
        for index in 20..<60 { broken[index] ^= 0xFF }
        #expect(throws: HTTPPayload.Failure.self) {
            try HTTPPayload.decode(broken[...], head: head([("Content-Encoding", "gzip")]), limit: 1 << 20)
        }
    }
}

/// The warcio-written fixtures, compared record for record with what warcio itself reads (`manifest.json`).
@Suite("WARC files written by warcio")
struct WARCFixtureTests {
    struct Manifest: Decodable {
        var records: [Record]
        var hostile: Hostile

        struct Record: Decodable {
            var index: Int
            var offset: [String: Int]
            var warcType: String
            var recordID: String
            var targetURI: String?
            var date: String
            var dateV11: String
            var httpStatus: Int?
            var httpMethod: String?
            var payloadSHA256: String
            var payloadSHA256V11: String?
            var decodedSHA256: String?

            enum CodingKeys: String, CodingKey {
                case index, offset, date
                case warcType = "warc_type"
                case recordID = "record_id"
                case targetURI = "target_uri"
                case dateV11 = "date_v11"
                case httpStatus = "http_status"
                case httpMethod = "http_method"
                case payloadSHA256 = "payload_sha256"
                case payloadSHA256V11 = "payload_sha256_v11"
                case decodedSHA256 = "decoded_sha256"
            }
        }

        struct Hostile: Decodable {
            var badLength: BadLength
            var truncated: Truncated

            enum CodingKeys: String, CodingKey {
                case badLength = "bad-length.warc"
                case truncated = "truncated.warc.gz"
            }
        }

        struct BadLength: Decodable {
            var records: [Entry]

            struct Entry: Decodable {
                var offset: Int
                var readable: Bool
                var recordID: String

                enum CodingKeys: String, CodingKey {
                    case offset, readable
                    case recordID = "record_id"
                }
            }
        }

        struct Truncated: Decodable {
            var records: [String]
            var errorOffset: Int

            enum CodingKeys: String, CodingKey {
                case records
                case errorOffset = "error_offset"
            }
        }
    }

    static func manifest() throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(try Fixtures.bytes("warc/manifest.json")))
    }

    static func path(_ name: String) -> String {
        Fixtures.directory.appendingPathComponent("warc/\(name)").path
    }

    @Test(
        "every record as warcio reads it: offset, type, id, URI, date, HTTP status or method, payload bytes",
        arguments: ["warcio-small.warc.gz", "warcio-small.warc", "warcio-v11.warc.gz"])
    func records(file: String) throws {
        let manifest = try Self.manifest()
        let items = try WARCTests.records(Self.path(file))
        let records = items.compactMap { item -> WARCRecord? in
            if case .record(let record) = item { return record }
            return nil
        }
        #expect(records.count == items.count, "no failures")
        try #require(records.count == manifest.records.count)
        let v11 = file.contains("v11")
        for (record, expected) in zip(records, manifest.records) {
            let head = record.head
            #expect(head.offset == expected.offset[file], "record \(expected.index)")
            #expect(head.type == expected.warcType)
            #expect(head.recordID == expected.recordID)
            #expect(head.targetURI == expected.targetURI)
            #expect(head.date == (v11 ? expected.dateV11 : expected.date))
            #expect(head.version == (v11 ? "1.1" : "1.0"))
            #expect(head.http?.status == expected.httpStatus, "record \(expected.index)")
            #expect(head.http?.method == expected.httpMethod, "record \(expected.index)")
            let payload = record.payload.map { SHA256.hex(Array($0)) }
            let wanted = v11 ? (expected.payloadSHA256V11 ?? expected.payloadSHA256) : expected.payloadSHA256
            #expect(payload == wanted, "record \(expected.index)")
            if let decoded = expected.decodedSHA256, let http = head.http, let body = record.payload {
                #expect(SHA256.hex(try HTTPPayload.decode(body, head: http, limit: 1 << 20)) == decoded)
            }
        }
    }

    @Test("ingest keeps the six pages and the two encoded pages, and counts what it skips")
    func documents() throws {
        let manifest = try Self.manifest()
        var documents: [RawDocument] = []
        var skipped: [String: Int] = [:]
        for item in FileReader().items(paths: [Self.path("warcio-small.warc.gz")]) {
            switch item {
            case .document(let document): documents.append(document)
            case .skipped(let skip): skipped[skip.reason, default: 0] += 1
            case .failure(let failure): Issue.record("unexpected failure \(failure)")
            }
        }
        let pages = manifest.records.filter { $0.warcType == "response" && $0.httpStatus == 200 && $0.index != 14 }
        #expect(documents.map(\.url) == pages.map(\.targetURI))
        #expect(
            documents.map(\.origin)
                == pages.map { "\(Self.path("warcio-small.warc.gz"))@\($0.offset["warcio-small.warc.gz"] ?? -1)" })
        #expect(
            skipped == [
                "warc warcinfo": 1, "warc request": 6, "http 404": 1, "not html": 1, "warc revisit": 1,
                "warc metadata": 1,
            ])
        for (document, page) in zip(documents, pages) {
            #expect(SHA256.hex(document.bytes) == (page.decodedSHA256 ?? page.payloadSHA256))
        }
    }

    @Test("bad lengths: the readable records, and one failure at each broken record's offset")
    func badLength() throws {
        let manifest = try Self.manifest()
        let items = try WARCTests.records(Self.path("bad-length.warc"))
        var read: [String] = []
        var failed: [Int] = []
        for item in items {
            switch item {
            case .record(let record): read.append(record.head.recordID ?? "")
            case .failure(let offset, _): failed.append(offset)
            }
        }
        let entries = manifest.hostile.badLength.records
        #expect(read == entries.filter(\.readable).map(\.recordID))
        #expect(failed == entries.filter { !$0.readable }.map(\.offset))
    }

    @Test("a truncated gzip: the whole records before the cut, never a short one, then the member's offset")
    func truncated() throws {
        let manifest = try Self.manifest()
        let items = try WARCTests.records(Self.path("truncated.warc.gz"))
        let read = items.compactMap { item -> String? in
            if case .record(let record) = item { return record.head.recordID }
            return nil
        }
        #expect(read == manifest.hostile.truncated.records)
        guard case .failure(let offset, let reason) = items.last else {
            Issue.record("the file should end with a failure")
            return
        }
        #expect(offset == manifest.hostile.truncated.errorOffset)
        #expect(reason.contains("cut short"))
    }

    @Test("gzip of random bytes: one failure at offset 0, no record")
    func notWARC() throws {
        let items = try WARCTests.records(Self.path("not-warc.warc.gz"))
        #expect(items.count == 1)
        guard case .failure(let offset, let reason) = items.first else {
            Issue.record("expected a failure")
            return
        }
        #expect(offset == 0)
        #expect(reason.contains("no WARC record"))
    }
}
