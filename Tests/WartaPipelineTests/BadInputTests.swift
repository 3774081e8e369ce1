import Foundation
import Testing
import WartaCore
import WartaIngest
import WartaPipeline
import WartaStore
import WartaStoreSQLite
import WartaTestSupport

/// Hostile input: each bad file gets a clear reason naming it, the run goes on, and nothing stored is lost.
@Suite("Bad input", .serialized)
struct BadInputTests {
    static let pipeline = Result { try ArticlePipeline.bundled() }

    static func write(_ bytes: [UInt8], to url: URL) throws {
        try Data(bytes).write(to: url)
    }

    @Test("empty, binary, invalid UTF-8, Latin-1, 20 MB and missing files, among good ones")
    func mixedDirectory() async throws {
        let directory = try Fixtures.temporaryDirectory("bad")
        defer { try? FileManager.default.removeItem(at: directory) }
        let good1 = directory.appendingPathComponent("a-good.txt")
        let good2 = directory.appendingPathComponent("z-good.txt")
        try Self.write(Array("Banjir melanda Jakarta pada Senin pagi. Warga mengungsi.".utf8), to: good1)
        try Self.write(Array("Harga beras naik di pasar Bandung. Pedagang mengeluh.".utf8), to: good2)
        try Self.write([], to: directory.appendingPathComponent("empty.txt"))
        try Self.write(
            [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00], to: directory.appendingPathComponent("binary.txt"))
        try Self.write(
            Array("Kafe ".utf8) + [0xC3, 0xA9, 0x20, 0xFF, 0xFE, 0x41],
            to: directory.appendingPathComponent("invalid.txt"))
        // "Café di Jakarta ramai." in Latin-1: detected, not refused.
        try Self.write(
            Array("Caf".utf8) + [0xE9] + Array(" di Jakarta ramai pengunjung.".utf8),
            to: directory.appendingPathComponent("latin1.txt"))
        let huge = [UInt8](repeating: UInt8(ascii: "a"), count: 20 * 1024 * 1024)
        try Self.write(huge, to: directory.appendingPathComponent("huge.txt"))
        let store = InMemoryStore()
        let runner = IngestRunner(pipeline: try Self.pipeline.get(), store: store)
        let missing = directory.appendingPathComponent("missing.txt").path
        let report = await runner.run(paths: [directory.path, missing], reader: FileReader())

        #expect(report.read == 8)
        #expect(report.new == 3)
        let reasons = Dictionary(report.failed.map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0.reason) }) {
            a, _ in a
        }
        #expect(reasons["empty.txt"] == "the document is empty")
        #expect(reasons["binary.txt"] == "binary content (NUL byte at offset 6), not text")
        #expect(reasons["invalid.txt"]?.hasPrefix("invalid UTF-8 at byte offset 8") == true)
        #expect(reasons["huge.txt"] == "the file is 20971520 bytes, over the limit of 10485760 bytes (see --max-bytes)")
        #expect(reasons["missing.txt"] == "no such file or directory")
        #expect(report.failed.count == 5)
        let stored = try await store.allArticles()
        #expect(
            stored.map { URL(fileURLWithPath: $0.origin).lastPathComponent } == [
                "a-good.txt", "latin1.txt", "z-good.txt",
            ])
        #expect(stored.first { $0.origin.hasSuffix("latin1.txt") }?.encoding == "iso-8859-1")
        #expect(stored.first { $0.origin.hasSuffix("latin1.txt") }?.body.hasPrefix("Café di Jakarta") == true)
    }

    @Test("a directory of 5,000 small files goes in whole; a second run knows them all")
    func fiveThousand() async throws {
        let directory = try Fixtures.temporaryDirectory("many")
        defer { try? FileManager.default.removeItem(at: directory) }
        for index in 0..<5_000 {
            let text = "Berita nomor \(index) tentang banjir di kecamatan \(index % 97). Warga diminta waspada."
            try Self.write(Array(text.utf8), to: directory.appendingPathComponent(String(format: "%05d.txt", index)))
        }
        let store = try SQLiteStore(path: directory.appendingPathComponent("many.sqlite").path)
        let runner = IngestRunner(pipeline: try Self.pipeline.get(), store: store)
        let reader = FileReader(
            configuration: {
                var c = FileReader.Configuration(); c.include = ["*.txt"]; return c
            }())
        let first = await runner.run(paths: [directory.path], reader: reader)
        #expect(first.read == 5_000)
        #expect(first.new == 5_000)
        #expect(first.failed.isEmpty)
        let second = await runner.run(paths: [directory.path], reader: reader)
        #expect(second.new == 0)
        #expect(second.known == 5_000)
        #expect(try await store.articleCount() == 5_000)
    }

    @Test("JSON lines: good records go in, bad lines fail with their line number")
    func jsonLines() async throws {
        let directory = try Fixtures.temporaryDirectory("jsonl")
        defer { try? FileManager.default.removeItem(at: directory) }
        let lines = [
            #"{"url": "https://example.com/1", "outlet": "Example.com", "title": "Banjir", "published": "2024-07-11T08:00:00+07:00", "text": "Banjir melanda Jakarta pada Senin pagi."}"#,
            #"{"url": "https://example.com/2", "text": "#,
            #"{"outlet": "x", "text": "tanpa url"}"#,
            "",
            #"{"url": "https://example.com/3", "text": "a", "html": "<p>b</p>"}"#,
            #"{"url": "https://example.com/4", "html": "<html><body><p>Halo</p></body></html>"}"#,
            #"{"url": "https://example.com/5", "text": 42}"#,
            #"{"url": "https://example.com/6", "text": "Harga beras naik di pasar Bandung."}"#,
        ]
        let file = directory.appendingPathComponent("input.jsonl")
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        let store = InMemoryStore()
        let report = await IngestRunner(pipeline: try Self.pipeline.get(), store: store).run(
            paths: [file.path], reader: FileReader())
        // The HTML record goes through the HTML extractor like any page.
        #expect(report.new == 3)
        #expect(report.rawOnly == 0)
        let failures = Dictionary(report.failed.map { ($0.path.components(separatedBy: ":").last ?? "", $0.reason) }) {
            a, _ in a
        }
        #expect(failures["2"]?.hasPrefix("invalid JSON") == true)
        #expect(failures["3"] == "the record has no \"url\"")
        #expect(failures["5"] == "the record has both \"text\" and \"html\"; give one")
        #expect(failures["7"] == "field \"text\" must be a string")
        let first = try #require(try await store.article(ArticleID(1)))
        #expect(first.title == "Banjir")
        #expect(!first.titleDerived)
        #expect(first.outlet == Outlet(domain: "example.com", source: .record))
        #expect(first.published?.date == ISO8601DateFormatter().date(from: "2024-07-11T01:00:00Z"))
        let second = try #require(try await store.article(ArticleID(2)))
        #expect(second.outlet == Outlet(domain: "example.com", source: .url))
    }

    @Test("include and exclude globs pick files and skip directories")
    func globs() throws {
        let directory = try Fixtures.temporaryDirectory("globs")
        defer { try? FileManager.default.removeItem(at: directory) }
        let nested = directory.appendingPathComponent("skip-me")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        for name in ["a.txt", "b.md", "skip-me/c.txt", "d.txt.bak"] {
            try Data("x".utf8).write(to: directory.appendingPathComponent(name))
        }
        var configuration = FileReader.Configuration()
        configuration.include = ["*.txt"]
        configuration.exclude = ["skip-me"]
        let files = FileReader(configuration: configuration).files(under: directory.path).map(\.relative)
        #expect(files == ["a.txt"])
        #expect(
            FileReader().files(under: directory.path).map(\.relative) == [
                "a.txt", "b.md", "d.txt.bak", "skip-me/c.txt",
            ])
    }
}
