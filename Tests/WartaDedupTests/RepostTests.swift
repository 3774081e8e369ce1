import Foundation
import Testing
import WartaDedup
import WartaTestSupport

/// Re-posts under a new title (issue 11) on real CLICK-ID articles, `Tests/Fixtures/dedup/clickid-reposts.jsonl`:
/// a liputan6.com article re-posted by liputan6.com four hours later, a kompas.com article re-posted by
/// tribunnews.com, and two posmetro-medan.com pages whose scraped body is only "loading...".
@Suite("Re-posts under a new title")
struct RepostTests {
    struct Record {
        var id: String
        var outlet: String
        var title: String
        var text: String
    }

    /// The fixture's records in file order: origin and re-post of each pair, then the two stubs.
    static func records() throws -> [Record] {
        let text = String(decoding: try Fixtures.bytes("dedup/clickid-reposts.jsonl"), as: UTF8.self)
        return try text.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let id = object["id"] as? String, let outlet = object["outlet"] as? String,
                let title = object["title"] as? String, let body = object["text"] as? String
            else {
                throw Fixtures.MissingFixture(path: "dedup/clickid-reposts.jsonl: a record without id, title, text")
            }
            return Record(id: id, outlet: outlet, title: title, text: body)
        }
    }

    static func jaccard(_ a: String, _ b: String) -> Double {
        let shingler = Shingler()
        return MinHasher.jaccard(shingler.shingles(a), shingler.shingles(b))
    }

    @Test(
        "a re-post is found by its body: title and body together fall below 0.8 (the new title dilutes them), the body alone does not",
        arguments: [(0, 1), (2, 3)])
    func repost(pair: (origin: Int, copy: Int)) throws {
        let records = try Self.records()
        let origin = records[pair.origin]
        let copy = records[pair.copy]
        #expect(origin.title != copy.title)
        let whole = Self.jaccard(origin.title + "\n" + origin.text, copy.title + "\n" + copy.text)
        let body = Self.jaccard(origin.text, copy.text)
        #expect(whole < 0.8, "title and body: \(whole)")
        #expect(body >= 0.8, "body: \(body)")

        // Before issue 11 the linker compared title and body: the re-post was missed.
        var before = NearDuplicateIndex()
        #expect(before.add(text: origin.title + "\n" + origin.text) == nil)
        #expect(before.add(text: copy.title + "\n" + copy.text) == nil)

        var index = NearDuplicateIndex()
        #expect(index.add(title: origin.title, body: origin.text) == nil)
        let found = index.add(title: copy.title, body: copy.text)
        let match = try #require(found, "\(copy.id) copies \(origin.id)")
        #expect(match.origin == 0)
        #expect(match.jaccard == body)
        #expect(!match.exact)
    }

    @Test("bodies under 50 words are compared with their titles: two 'loading...' stubs are not copies")
    func stubs() throws {
        let records = try Self.records()
        let stubs = records.filter { $0.outlet == "posmetro-medan.com" }
        try #require(stubs.count == 2)
        // Alone, the stubs' bodies are one and the same shingle.
        #expect(Self.jaccard(stubs[0].text, stubs[1].text) == 1)
        var index = NearDuplicateIndex()
        #expect(index.add(title: stubs[0].title, body: stubs[0].text) == nil)
        #expect(index.add(title: stubs[1].title, body: stubs[1].text) == nil)
    }
}
