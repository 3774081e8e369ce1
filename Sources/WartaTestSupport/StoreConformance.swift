import Foundation
import WartaCore
import WartaStore

/// The behaviour every store must show, run against each implementation (in memory, SQLite, later PostgreSQL).
///
/// Each check returns the problems it found; an empty list means the store conforms.
public enum StoreConformance {
    /// A small article for store tests, with its raw document.
    public static func sample(_ number: Int, body: String, url: String? = nil) -> (IndexedArticle, RawDocument) {
        let bytes = Array(body.utf8)
        let raw = RawDocument(origin: "sample-\(number).txt", url: url, bytes: bytes, contentType: .plainText)
        let article = Article(
            origin: raw.origin, url: url, outlet: Outlet(domain: "example.com", source: .record),
            title: "Judul \(number)", titleDerived: false, byline: "Penulis \(number)",
            published: PublishedDate(
                date: Date(timeIntervalSince1970: 1_720_656_000), text: "2024-07-11", source: .record),
            language: .indonesian, languageConfidence: 0.9, body: body,
            related: [RelatedLink(title: "Tautan \(number)", url: "https://example.com/\(number)", kind: .inline)],
            sentences: [Sentence(span: TextSpan(start: 0, end: bytes.count))], tokenCount: 3, encoding: "utf-8",
            contentHash: SHA256.hex(bytes), bodyHash: SHA256.hex(body.lowercased()), producedBy: ["test.v1"],
            canonicalURL: url, modified: PublishedDate(date: nil, text: "kemarin", source: .meta),
            section: "Internasional", tags: ["iran", "oman"]
        )
        let terms = body.lowercased().split(separator: " ").joined(separator: " ")
        return (IndexedArticle(article: article, titleTerms: "judul \(number)", bodyTerms: terms), raw)
    }

    /// Stores, reads back and re-stores: every field survives, the same document twice is stored once, the same body
    /// under another URL is another article.
    public static func roundTripAndIdempotence(_ store: some ArticleStore) async throws -> [String] {
        var problems: [String] = []
        let (first, raw1) = sample(1, body: "runding nuklir iran oman", url: "https://example.com/a")
        let (second, raw2) = sample(2, body: "bicara rahasia gaza", url: nil)
        guard case .inserted(let id1) = try await store.insert(first, raw: raw1) else {
            return ["the first insert was not new"]
        }
        guard case .inserted(let id2) = try await store.insert(second, raw: raw2) else {
            return ["the second insert was not new"]
        }
        if id1 == id2 { problems.append("two articles got the same id \(id1)") }
        if try await store.insert(first, raw: raw1) != .known(id1) {
            problems.append("the same bytes twice were not known")
        }
        // Same URL and body, different bytes (say, a trailing newline): still the same document.
        let changed = RawDocument(
            origin: raw1.origin, url: raw1.url, bytes: raw1.bytes + [0x0A], contentType: raw1.contentType,
            declaredCharset: raw1.declaredCharset, hints: raw1.hints, fetchedAt: raw1.fetchedAt)
        var sameBody = first
        sameBody.article.contentHash = changed.contentHash
        if try await store.insert(sameBody, raw: changed) != .known(id1) {
            problems.append("the same URL with the same body was not known")
        }
        // A stub body ("Video: …", a paywall line) under another URL and title is another article, not a known one.
        var (stub, _) = sample(3, body: "runding nuklir iran oman", url: "https://example.com/b")
        let rawStub = RawDocument(
            origin: "stub.html", url: stub.article.url,
            bytes: Array("<title>Judul 3</title><p>runding nuklir iran oman</p>".utf8), contentType: .html)
        stub.article.contentHash = rawStub.contentHash
        guard case .inserted(let id3) = try await store.insert(stub, raw: rawStub) else {
            return problems + ["the same body under another URL and title was not stored as new"]
        }
        if try await store.articleCount() != 3 { problems.append("count is \(try await store.articleCount()), not 3") }
        guard let back = try await store.article(id1) else { return problems + ["article \(id1) not found"] }
        var expected = first.article
        expected.id = id1
        if back != expected { problems.append("round trip changed the article:\n\(back)\nexpected\n\(expected)") }
        let listed = try await store.articles(limit: 10, offset: 0).map(\.id)
        if listed != [id1, id2, id3] { problems.append("articles() gave \(listed), not [\(id1), \(id2), \(id3)]") }
        if try await store.articles(limit: 1, offset: 1).map(\.id) != [id2] { problems.append("offset/limit wrong") }
        if try await store.article(ArticleID(9999)) != nil { problems.append("a missing id returned an article") }
        if case .known = try await store.insertRaw(raw1) {} else { problems.append("raw bytes stored twice") }
        return problems
    }

    /// Searches: every word must match one of its terms; titles weigh more than bodies.
    public static func search(_ store: some ArticleStore & SearchIndex) async throws -> [String] {
        var problems: [String] = []
        let (a, rawA) = sample(1, body: "runding nuklir iran oman runding")
        let (b, rawB) = sample(2, body: "bicara rahasia gaza iran")
        _ = try await store.insert(a, raw: rawA)
        _ = try await store.insert(b, raw: rawB)
        let hits = try await store.search(SearchQuery(words: [["runding", "berund"]], limit: 10))
        if hits.map(\.article.title) != ["Judul 1"] { problems.append("runding found \(hits.map(\.article.title))") }
        let both = try await store.search(SearchQuery(words: [["iran"]], limit: 10))
        if both.count != 2 { problems.append("iran found \(both.count) articles, not 2") }
        let and = try await store.search(SearchQuery(words: [["iran"], ["gaza"]], limit: 10))
        if and.map(\.article.title) != ["Judul 2"] {
            problems.append("iran AND gaza found \(and.map(\.article.title))")
        }
        let none = try await store.search(SearchQuery(words: [["tidakada"]], limit: 10))
        if !none.isEmpty { problems.append("a missing word found \(none.count) articles") }
        let hostile = try await store.search(SearchQuery(words: [["\"", "a\" OR \"b", "NEAR(x y)", "*"]], limit: 10))
        if !hostile.isEmpty { problems.append("FTS syntax in a query was not neutralised") }
        let title = try await store.search(SearchQuery(words: [["judul"], ["2"]], limit: 10))
        if title.first?.article.title != "Judul 2" { problems.append("a title match was not found first") }
        if let score = hits.first?.score, score <= 0 { problems.append("scores are not higher-is-better (\(score))") }
        problems += try await expressions(store)
        return problems
    }

    /// The search language's operators, on the two articles ``search(_:)`` stored: OR, NOT, phrases (consecutive
    /// terms only), prefixes, the title field, and hostile text inside each.
    static func expressions(_ store: some ArticleStore & SearchIndex) async throws -> [String] {
        var problems: [String] = []
        func titles(_ expression: SearchExpression) async throws -> [String] {
            try await store.search(SearchQuery(expression, limit: 10)).map(\.article.title).sorted()
        }
        func word(_ term: String, _ field: SearchExpression.Field? = nil) -> SearchExpression {
            .phrase([[term]], field: field)
        }
        let cases: [(String, SearchExpression, [String])] = [
            ("runding OR gaza", .or([word("runding"), word("gaza")]), ["Judul 1", "Judul 2"]),
            ("iran -gaza", .not(word("iran"), word("gaza")), ["Judul 1"]),
            ("\"nuklir iran\"", .phrase([["nuklir"], ["iran"]], field: nil), ["Judul 1"]),
            ("\"iran nuklir\" (not consecutive)", .phrase([["iran"], ["nuklir"]], field: nil), []),
            ("\"rahasia gaza\" with readings", .phrase([["rahasia", "rahasi"], ["gaza"]], field: nil), ["Judul 2"]),
            ("rah*", .prefix("rah", field: nil), ["Judul 2"]),
            ("title:judul", word("judul", .title), ["Judul 1", "Judul 2"]),
            ("title:iran", word("iran", .title), []),
            (
                "(runding OR rahasia) iran -oman",
                .not(.and([.or([word("runding"), word("rahasia")]), word("iran")]), word("oman")), ["Judul 2"]
            ),
            ("hostile prefix", .prefix("\" OR *", field: nil), []),
            ("hostile phrase", .phrase([["a\" NEAR(b"], ["*"]], field: .title), []),
        ]
        for (name, expression, expected) in cases {
            let found = try await titles(expression)
            if found != expected { problems.append("\(name) found \(found), not \(expected)") }
        }
        return problems
    }
}
