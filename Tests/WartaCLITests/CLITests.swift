import Foundation
import Testing
import WartaCore
import WartaStore
import WartaStoreSQLite
import WartaTestSupport

/// Layer 4: the built `warta` binary end to end, stdout, stderr and exit codes.
@Suite("warta binary", .serialized)
struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `warta` binary beside the test bundle (SwiftPM builds it with the tests).
    static func binary() throws -> URL {
        try Fixtures.wartaBinary()
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "WARTA_DB")
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func seedPaths() -> [String] {
        Fixtures.seedNames.map { Fixtures.directory.appendingPathComponent("seeds/\($0)").path }
    }

    @Test("warta demo prints what it found in the seeds, exactly as the golden file")
    func demo() throws {
        let run = try Self.run(["demo"])
        #expect(run.status == 0, "\(run.stderr)")
        let outcome = Golden.check(run.stdout, name: "demo.txt")
        #expect(outcome == .match, "\(outcome)")
    }

    @Test("warta demo --json is valid JSON with the documented fields")
    func demoJSON() throws {
        let run = try Self.run(["demo", "--json"])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let articles = try #require(object["articles"] as? [[String: Any]])
        #expect(articles.count == 2)
        for field in [
            "id", "url", "outlet", "title", "title_derived", "byline", "published", "language", "body", "related",
            "sentences",
        ] {
            #expect(articles[0].keys.contains(field) || field == "byline" || field == "published", "missing \(field)")
        }
        let search = try #require(object["search"] as? [String: Any])
        #expect((search["hits"] as? [Any])?.count == 2)
    }

    /// The first `count` CLICK-ID articles of each day in `days` (local dates), each day's in time order.
    static func clickIDDays(_ days: [String], count: Int) throws -> [[String]] {
        let file = try #require(
            Fixtures.shared?.appendingPathComponent("corpus/id-news/clickid-2019/articles.jsonl.gz"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -dc \"$0\"", file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var byDay: [String: [(String, String)]] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let date = object["date"] as? String, days.contains(String(date.prefix(10)))
            else { continue }
            byDay[String(date.prefix(10)), default: []].append((date, String(line)))
        }
        return days.map { day in (byDay[day] ?? []).sorted { $0.0 < $1.0 }.prefix(count).map(\.1) }
    }

    /// Each event's articles by origin, for comparing two stores' events.
    static func events(_ path: String) async throws -> Set<[String]> {
        let store = try SQLiteStore(path: path)
        let origins = Dictionary(
            uniqueKeysWithValues: try await store.allArticles().compactMap { a in a.id.map { ($0, a.origin) } })
        var events: [Int: [String]] = [:]
        for link in try await store.links() { events[link.event, default: []].append(origins[link.article] ?? "?") }
        return Set(events.values.map { $0.sorted() })
    }

    @Test(
        "two ingests at once into one store: every article stored and linked once, the same events as one after the other",
        .enabled(if: Fixtures.shared != nil))
    func concurrentIngests() async throws {
        let directory = try Fixtures.temporaryDirectory("concurrent")
        defer { try? FileManager.default.removeItem(at: directory) }
        let days = try Self.clickIDDays(["2019-09-01", "2019-09-02"], count: 150)
        let files = try days.enumerated().map { index, lines in
            let url = directory.appendingPathComponent(index == 0 ? "a.jsonl" : "b.jsonl")
            try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        try #require(days.allSatisfy { $0.count == 150 })
        let sequential = directory.appendingPathComponent("sequential.sqlite").path
        for file in files {
            let run = try Self.run(["ingest", file, "--db", sequential])
            #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        }
        // Two processes on a new file: both migrate it, both store, one links.
        let concurrent = directory.appendingPathComponent("concurrent.sqlite").path
        let processes = try files.map { file in
            let process = Process()
            process.executableURL = try Self.binary()
            process.arguments = ["ingest", file, "--db", concurrent, "--json"]
            let log = file + ".log"
            FileManager.default.createFile(atPath: log, contents: nil)
            let handle = FileHandle(forWritingAtPath: log)
            process.standardOutput = handle
            process.standardError = handle
            process.standardInput = FileHandle.nullDevice
            try process.run()
            return (process, log)
        }
        for (process, log) in processes {
            process.waitUntilExit()
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            #expect(process.terminationStatus == 0, "\(output.suffix(2_000))")
        }
        let store = try SQLiteStore(path: concurrent)
        #expect(try await store.articleCount() == 300)
        #expect(try await store.links().count == 300)
        #expect(Set(try await store.links().map(\.article)).count == 300)
        #expect(try await store.pendingLinkCount() == 0)
        let alone = try await Self.events(sequential)
        #expect(alone.count > 100)
        #expect(try await Self.events(concurrent) == alone)
    }

    @Test("warta duplicates shows each re-post under its origin with the outlets; warta story folds it there too")
    func duplicatesAndStory() throws {
        let directory = try Fixtures.temporaryDirectory("duplicates")
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("w.sqlite").path
        let fixture = Fixtures.directory.appendingPathComponent("dedup/clickid-reposts.jsonl").path
        let ingest = try Self.run(["ingest", fixture, "--db", db])
        #expect(ingest.status == 0, "\(ingest.stderr)")

        let json = try Self.run(["duplicates", "--json", "--db", db])
        #expect(json.status == 0, "\(json.stderr)")
        let groups = try json.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        try #require(groups.count == 2)
        let kompas = try #require(
            groups.first { ($0["origin"] as? [String: Any])?["outlet"] as? String == "kompas.com" })
        let origin = try #require(kompas["origin"] as? [String: Any])
        let copies = try #require(kompas["copies"] as? [[String: Any]])
        #expect(
            origin["title"] as? String
                == "Masuk Penjara, Pencuri Motor Batal Nikah karena Ditinggal Tunangan, Undangan Sudah Disebar")
        #expect(copies.count == 1)
        #expect(copies.first?["outlet"] as? String == "tribunnews.com")
        #expect((copies.first?["title"] as? String)?.hasPrefix("Jaka Si Tersangka Pencurian Motor") == true)
        #expect(copies.first?["duplicate_of"] as? Int == origin["id"] as? Int)
        #expect(kompas["outlets"] as? [String] == ["kompas.com", "tribunnews.com"])

        let text = try Self.run(["duplicates", "--db", db])
        let originID = try #require(origin["id"] as? Int)
        let copyID = try #require(copies.first?["id"] as? Int)
        #expect(text.stdout.contains("origin [\(originID)] 2019-09-10  kompas.com  Masuk Penjara, Pencuri Motor"))
        #expect(text.stdout.contains("    copy [\(copyID)] 2019-09-10  tribunnews.com  Jaka Si Tersangka"))
        #expect(text.stdout.contains("    outlets: kompas.com, tribunnews.com\n"))
        #expect(text.stdout.contains("    outlets: liputan6.com\n"))
        #expect(text.stdout.hasSuffix("2 duplicate groups, 2 copies\n"))

        // The origin's storyline lists the re-post under it, with its own day, outlet and title.
        let stories = try Self.run(["stories", "--json", "--db", db])
        let storyline = try stories.stdout.split(separator: "\n").compactMap { line -> Int? in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let item = object?["storyline"] as? [String: Any]
            return (item?["title"] as? String)?.hasPrefix("Masuk Penjara") == true ? item?["id"] as? Int : nil
        }.first
        let story = try Self.run(["story", String(try #require(storyline)), "--db", db])
        #expect(story.status == 0, "\(story.stderr)")
        #expect(story.stdout.contains("copy: [\(copyID)] 2019-09-10  tribunnews.com  Jaka Si Tersangka"))
    }

    @Test(
        "warta bench dedup finds the re-posts of issue 11: liputan6 under a new title, kompas.com → wow.tribunnews.com",
        .enabled(if: Fixtures.shared != nil))
    func issueReposts() throws {
        let directory = try Fixtures.temporaryDirectory("reposts")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cases = [
            // Body Jaccard 0.91; title and body 0.74.
            ("corpus/id-news/rss-2025-06/articles.jsonl.gz", "rss25-18f91af80a5e\trss25-8d5945944aca"),
            // Body Jaccard 0.81; title and body 0.72.
            ("corpus/id-news/topic-groups-2019/articles.jsonl.gz", "kwg-6d96d16200d8-kw18\tkwg-1e5ec55a858b-kw18"),
        ]
        for (file, pair) in cases {
            let input = try #require(Fixtures.shared?.appendingPathComponent(file)).path
            let pairs = directory.appendingPathComponent("pairs.tsv").path
            let run = try Self.run(["bench", "dedup", input, "--pairs", pairs])
            #expect(run.status == 0, "\(run.stderr)")
            let lines = try String(contentsOfFile: pairs, encoding: .utf8).split(separator: "\n")
            #expect(lines.contains { $0 == pair }, "\(file): \(pair)")
        }
    }

    @Test("ingest stores the seeds, search finds both, re-ingest knows them")
    func ingestSearchReingest() throws {
        let directory = try Fixtures.temporaryDirectory("cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("w.sqlite").path
        let first = try Self.run(["ingest", "--json", "--db", db] + Self.seedPaths())
        #expect(first.status == 0, "\(first.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(report["read"] as? Int == 2)
        #expect(report["new"] as? Int == 2)
        #expect(report["known"] as? Int == 0)
        #expect((report["failed"] as? [Any])?.isEmpty == true)

        let again = try Self.run(["ingest", "--db", db] + Self.seedPaths())
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("read 2, new 0, already known 2, failed 0"))

        // WARTA_DB is used when --db is not given.
        let search = try Self.run(["search", "berunding", "--json"], environment: ["WARTA_DB": db])
        #expect(search.status == 0, "\(search.stderr)")
        let hits = try #require(
            (try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any])?["hits"]
                as? [[String: Any]])
        #expect(hits.count == 2)
        #expect(hits.allSatisfy { ($0["snippet"] as? String)?.contains("**") == true })

        let article = try Self.run(["article", "2", "--json", "--db", db])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(article.stdout.utf8)) as? [String: Any])
        #expect(json["outlet"] as? String == "tribunnews.com")
        #expect(json["byline"] as? String == "Andari Ulan Nugrahani")
        #expect(json["title_derived"] as? Bool == true)

        let list = try Self.run(["articles", "--db", db])
        #expect(list.status == 0)
        #expect(list.stdout.hasSuffix("2 of 2 articles\n"))
    }

    @Test("warta entities on the seeds: each entity the issue names once, under all its names, with its kind")
    func seedEntities() throws {
        let directory = try Fixtures.temporaryDirectory("cli-entities")
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("w.sqlite").path
        #expect(try Self.run(["ingest", "--db", db] + Self.seedPaths()).status == 0)
        let run = try Self.run(["entities", "--json", "--db", db])
        #expect(run.status == 0, "\(run.stderr)")
        var kindOf: [String: String] = [:]
        var entitiesOf: [String: Int] = [:]
        for line in run.stdout.split(separator: "\n") {
            let row = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let kind = try #require(row["kind"] as? String)
            for alias in row["aliases"] as? [String] ?? [] {
                kindOf[alias] = kind
                entitiesOf[alias, default: 0] += 1
            }
        }
        let expected: [String: String] = [
            "Ali Bagheri Kank": "PERSON", "Bagheri Kani": "PERSON", "Bagheri-Kani": "PERSON", "Ali Bagheri": "PERSON",
            "Masoud Pezeshkian": "PERSON", "Ibrahim Raisi": "PERSON", "Brett McGurk": "PERSON", "Joe Biden": "PERSON",
            "Ismail Haniyeh": "PERSON", "Hamas": "ORGANISATION", "Hizbullah": "ORGANISATION",
            "Houthi": "ORGANISATION", "Reuters": "ORGANISATION", "Axios": "ORGANISATION",
            "Middle East Eye": "ORGANISATION", "Etemad": "ORGANISATION", "Oman": "PLACE", "Muscat": "PLACE",
            "Iran": "PLACE", "Amerika Serikat": "PLACE", "AS": "PLACE", "Israel": "PLACE", "Gaza": "PLACE",
        ]
        for (name, kind) in expected {
            #expect(kindOf[name] == kind, "\(name): \(kindOf[name] ?? "missing")")
            #expect(entitiesOf[name] == 1, "\(name) is in \(entitiesOf[name] ?? 0) entities")
        }
        // One entity for each person and country under all its names; its canonical name finds it too.
        let bagheri = try Self.run(["entity", "Bagheri-Kani", "--json", "--db", db])
        #expect(bagheri.status == 0)
        #expect(bagheri.stdout.contains("Ali Bagheri Kank") && bagheri.stdout.contains("Ali Bagheri"))
        #expect(try Self.run(["entity", "Ali Bagheri Kani", "--db", db]).status == 0)
        // The entity's timeline covers every article that names it, under any alias.
        let timeline = try Self.run(["timeline", "--entity", "Ali Bagheri Kani", "--json", "--db", db])
        #expect(timeline.status == 0, "\(timeline.stderr)")
        let articles = try timeline.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])["article"] as? Int
        }
        #expect(Set(articles.compactMap { $0 }) == [1, 2])
        // Their quotes under every spelling the speaker was written with.
        let quotes = try Self.run(["quotes", "--speaker", "Ali Bagheri Kani", "--db", db])
        #expect(quotes.status == 0)
        #expect(quotes.stdout.contains("Ali Bagheri Kank (menyebut)") && quotes.stdout.contains("Bagheri Kani (kata)"))
    }

    @Test("a failing file is named with its reason, the others go in, and the exit code is 1")
    func partialFailure() throws {
        let directory = try Fixtures.temporaryDirectory("cli-fail")
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("w.sqlite").path
        let empty = directory.appendingPathComponent("empty.txt").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        let run = try Self.run(["ingest", "--db", db, Self.seedPaths()[0], empty, "/no/such/file.txt"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("failed: \(empty): the document is empty"))
        #expect(run.stdout.contains("failed: /no/such/file.txt: no such file or directory"))
        #expect(run.stdout.hasPrefix("read 3, new 1, already known 0, failed 2"))
    }

    @Test("bad arguments exit with 64, unknown ids with 1 and the documented message")
    func errors() throws {
        #expect(try Self.run(["ingest"]).status == 64)
        #expect(try Self.run(["search", "x", "--limit", "0"]).status == 64)
        #expect(try Self.run(["articles", "--limit", "-1"]).status == 64)
        let directory = try Fixtures.temporaryDirectory("cli-err")
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = try Self.run(["article", "99", "--db", directory.appendingPathComponent("w.sqlite").path])
        #expect(missing.status == 1)
        #expect(missing.stderr == "error[W0201]: no article with id 99\nhint: run `warta articles` to list them\n")
    }

    @Test("eval ner scores a CoNLL split and writes each token with its gold and predicted tag")
    func evalNERPredictions() throws {
        let directory = try Fixtures.temporaryDirectory("cli-ner")
        defer { try? FileManager.default.removeItem(at: directory) }
        let conll = """
            Presiden\tO
            Joko\tB-PERSON
            Widodo\tI-PERSON
            tiba\tO
            di\tO
            Jakarta\tB-PLACE
            .\tO

            Kantor\tO
            berita\tO
            Reuters\tB-ORGANISATION
            melaporkan\tO
            .\tO

            """
        for split in ["train", "valid", "test"] {
            try Data(conll.utf8).write(to: directory.appendingPathComponent("\(split).tsv"))
        }
        let output = directory.appendingPathComponent("predictions.tsv")
        let run = try Self.run(["eval", "ner", "--data", directory.path, "--predictions", output.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").last?.hasSuffix("n=3") == true, "\(run.stdout)")
        let written = try String(contentsOf: output, encoding: .utf8)
        let sentences = written.split(separator: "\n\n", omittingEmptySubsequences: true)
        #expect(sentences.count == 2)
        let rows = written.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        let input = conll.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.map { Array($0.prefix(2)) } == input)
        let tags = Set(["O", "B-PERSON", "I-PERSON", "B-ORGANISATION", "I-ORGANISATION", "B-PLACE", "I-PLACE"])
        #expect(rows.allSatisfy { $0.count == 3 && tags.contains($0[2]) })
        // The bundled tagger finds the person and the place of the first sentence.
        #expect(rows[1][2] == "B-PERSON" && rows[2][2] == "I-PERSON" && rows[5][2] == "B-PLACE")
    }
}
