import Foundation
import Testing
import WartaCore
import WartaQuery
import WartaStore
import WartaStoreSQLite
import WartaText

@Suite("Search language", .serialized)
struct SearchSyntaxTests {
    /// The ids a query finds on the fixture store.
    func ids(_ query: String, filter: ArticleFilter = ArticleFilter()) async throws -> Set<Int64> {
        Set(try await ServerFixture.shared.value.queries.matchingIDs(query, filter: filter))
    }

    @Test("operators mean what they say: OR is a union, -word and NOT a difference, parentheses group")
    func operators() async throws {
        let presiden = try await ids("presiden")
        let jakarta = try await ids("jakarta")
        #expect(!presiden.isEmpty && !jakarta.isEmpty && !presiden.isSubset(of: jakarta))
        #expect(try await ids("presiden OR jakarta") == presiden.union(jakarta))
        #expect(try await ids("presiden jakarta") == presiden.intersection(jakarta))
        #expect(try await ids("presiden AND jakarta") == presiden.intersection(jakarta))
        #expect(try await ids("presiden -jakarta") == presiden.subtracting(jakarta))
        #expect(try await ids("presiden NOT jakarta") == presiden.subtracting(jakarta))
        let polisi = try await ids("polisi")
        #expect(try await ids("(presiden OR polisi) -jakarta") == presiden.union(polisi).subtracting(jakarta))
    }

    @Test("a phrase finds the words side by side only; a prefix finds every word that starts so")
    func phrasesAndPrefixes() async throws {
        let words = try await ids("Jakarta Selatan")
        let phrase = try await ids("\"Jakarta Selatan\"")
        #expect(!phrase.isEmpty)
        #expect(phrase.isSubset(of: words))
        let store = try await ServerFixture.shared.value.store
        for id in phrase {
            let body = try #require(try await store.article(ArticleID(id))).body.lowercased()
            #expect(body.contains("jakarta selatan"), "article \(id) has no \"jakarta selatan\"")
        }
        let prefix = try await ids("presid*")
        let presiden = try await ids("presiden")
        #expect(prefix.isSuperset(of: presiden))
    }

    @Test("title: looks in titles only, outlet: and lang: narrow the whole query")
    func fields() async throws {
        let setup = try await ServerFixture.shared.value
        let inTitle = try await ids("title:jokowi")
        let jokowi = try await ids("jokowi")
        #expect(!inTitle.isEmpty && inTitle.isSubset(of: jokowi))
        for id in inTitle {
            let title = try #require(try await setup.store.article(ArticleID(id))).title
            #expect(title.lowercased().contains("jokowi"), "\(title)")
        }
        let outlet = try #require(
            try await setup.queries.articles(ArticleFilter(), limit: 50).items.compactMap(\.outlet).first)
        let narrowed = try await ids("presiden outlet:\(outlet)")
        #expect(narrowed == (try await ids("presiden", filter: ArticleFilter(outlet: outlet))))
        let presiden = try await ids("presiden")
        #expect(narrowed.isSubset(of: presiden) && narrowed.count < presiden.count)
        #expect(try await ids("presiden lang:id") == (try await ids("presiden", filter: ArticleFilter(language: "id"))))
    }

    @Test("bad syntax is a clear error naming the position, never a crash or an FTS5 message")
    func errors() throws {
        let syntax = SearchSyntax(analyzer: try TextAnalyzer.bundled())
        let cases: [(String, String)] = [
            ("(KPK OR DPR", "character 1: an opening parenthesis without a closing one"),
            ("KPK)", "character 4: a closing parenthesis"),
            ("\"Jakarta Selatan", "character 1: a quote without its closing quote"),
            ("KPK OR", "OR needs a word after it"),
            ("OR KPK", "OR needs a word before it"),
            ("KPK AND", "AND needs a word after it"),
            ("-DPR", "at least one word that is not excluded"),
            ("NOT KPK", "at least one word that is not excluded"),
            ("KPK OR -DPR", "each side of OR needs a word"),
            ("foo:bar KPK", "character 1: unknown field \"foo:\""),
            ("KPK (outlet:kompas.com DPR)", "outlet: narrows the whole query"),
            ("k*", "at least 2 letters"),
            ("ko*rup*", "* only ends a word"),
            ("()", "empty parentheses"),
            ("\"\"", "an empty phrase"),
            (String(repeating: "(", count: 40) + "KPK" + String(repeating: ")", count: 40), "nested deeper than 32"),
            (String(repeating: "a ", count: 1_500), "longer than 2,000 characters"),
        ]
        for (query, expected) in cases {
            do {
                let parsed = try syntax.parse(query)
                Issue.record("\(query) parsed as \(parsed.expression)")
            } catch {
                #expect(error.message.contains(expected), "\(query): \(error.message)")
                #expect(error.kind == .badParameter("q"))
                #expect(!error.message.lowercased().contains("fts5"))
            }
        }
    }
}
