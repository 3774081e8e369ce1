import Foundation
import Testing
import WartaCore
import WartaExtract
import WartaIngest
import WartaTestSupport

/// Where dates and bylines come from when the markup for machines is missing, wrong or hidden (issue 14), and
/// pages that libxml2's HTML 4 rules or a script-driven layout would otherwise leave empty.
@Suite("HTML metadata sources")
struct HTMLMetadataSourcesTests {
    static let paragraphs = (1...4).map {
        "<p>Paragraph \($0): the council voted on Tuesday to extend the programme for another year, officials "
            + "said, after a long debate about its cost and the number of families it reaches.</p>"
    }.joined()

    static func extract(_ body: String, head: String = "", url: String? = "https://www.example.com/news/story")
        throws -> Article
    {
        try HTMLExtractorTests.extract(HTMLExtractorTests.page(body, head: head), url: url)
    }

    static func day(_ article: Article) -> String? {
        article.published.map { String(HTMLExtractor.isoString($0).prefix(10)) }
    }

    @Test("a meta date that does not parse gives way to the next meta name that does")
    func metaNamesInTurn() throws {
        let article = try Self.extract(
            "<article><h1>Rates</h1>\(Self.paragraphs)</article>",
            head: #"<meta name="date" content="01/07/16"><meta property="og:published_time" "#
                + #"content="2024-10-08T00:00:00-04:00">"#)
        #expect(Self.day(article) == "2024-10-08")
        #expect(article.published?.source == .meta)
    }

    @Test("a modified date that does not parse gives way to the next meta name that does")
    func modifiedNamesInTurn() throws {
        let article = try Self.extract(
            "<article><h1>Rates</h1>\(Self.paragraphs)</article>",
            head: #"<meta property="article:published_time" content="2024-10-08T09:00:00Z">"#
                + #"<meta property="article:modified_time" content="TBD">"#
                + #"<meta name="dcterms.modified" content="2024-10-09T10:30:00Z">"#)
        #expect(article.modified?.date == ISO8601DateFormatter().date(from: "2024-10-09T10:30:00Z"))
        #expect(article.modified?.source == .meta)
    }

    @Test("a date written under the headline, when the markup gives none")
    func visibleDate() throws {
        let article = try Self.extract(
            "<article><h1>Rates</h1><div class=\"meta\"><span>Published on</span> <span>Oct 21, 2024</span>"
                + "</div>\(Self.paragraphs)</article>")
        #expect(Self.day(article) == "2024-10-21")
        #expect(article.published?.source == .page)
    }

    @Test("numeric dates: dots are day first, a number above 12 decides, else the page's language")
    func numericDates() throws {
        let dotted = try Self.extract("<article><h1>Rates</h1><span>17.05.2021</span>\(Self.paragraphs)</article>")
        #expect(Self.day(dotted) == "2021-05-17")
        let american = try Self.extract("<article><h1>Rates</h1><i>Updated: 10/31/2024</i>\(Self.paragraphs)</article>")
        #expect(Self.day(american) == "2024-10-31")
        let ambiguous = "<article><h1>Rates</h1><span>4/5/2020</span>\(Self.paragraphs)</article>"
        let british = try HTMLExtractorTests.extract(
            "<html lang=\"en-GB\"><body>\(ambiguous)</body></html>", url: "https://example.co.uk/a")
        let us = try HTMLExtractorTests.extract(
            "<html lang=\"en-US\"><body>\(ambiguous)</body></html>", url: "https://example.com/a")
        #expect(Self.day(british) == "2020-05-04")
        #expect(Self.day(us) == "2020-04-05")
    }

    @Test("a <time> without a datetime attribute is read by its text; one that does not parse is skipped")
    func timeText() throws {
        let article = try Self.extract(
            "<article><h1>Rates</h1><time datetime=\"soon\">x</time><time>Dec 19, 2024</time>"
                + "\(Self.paragraphs)</article>")
        #expect(Self.day(article) == "2024-12-19")
        #expect(article.published?.source == .time)
    }

    @Test("a UTC time a day after the URL's date is the URL's local day")
    func urlLocalDay() throws {
        let head = #"<meta property="article:published_time" content="2024-12-19T02:41:41+00:00">"#
        let body = "<article><h1>Rates</h1>\(Self.paragraphs)</article>"
        let dated = try Self.extract(body, head: head, url: "https://blog.example.com/2024/12/18/rates")
        #expect(Self.day(dated) == "2024-12-18")
        let undated = try Self.extract(body, head: head, url: "https://blog.example.com/rates")
        #expect(Self.day(undated) == "2024-12-19")
    }

    @Test("JSON-LD: a nested article, an author named through @id, a date from a script that is not valid JSON")
    func jsonLDGraph() throws {
        let graph = """
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Blog","blogPost":[
            {"@type":"BlogPosting","headline":"Rates","datePublished":"2024-03-06T10:00:00+01:00",
            "author":{"@id":"https://example.com/#/person/1"}}]}</script>
            <script type="application/ld+json">{"@graph":[{"@type":"Person","@id":"https://example.com/#/person/1",
            "name":"Jayesh Shinde"}]}</script>
            """
        let article = try Self.extract("<article><h1>Rates</h1>\(Self.paragraphs)</article>", head: graph)
        #expect(Self.day(article) == "2024-03-06")
        #expect(article.byline == "Jayesh Shinde")
        let broken =
            #"<script type="application/ld+json">{"@type":"NewsArticle", "datePublished" : "#
            + #""2023-09-01T09:28:15.000Z", }</script>"#
        let repaired = try Self.extract("<article><h1>Rates</h1>\(Self.paragraphs)</article>", head: broken)
        #expect(Self.day(repaired) == "2023-09-01")
    }

    @Test("a byline on the page when the markup names nobody, or names only the publisher")
    func visibleByline() throws {
        let body =
            "<article><h1>Rates</h1><div class=\"post-detail__meta\">September 1st, 2023 "
            + "<span class=\"post-detail__meta-author\">By Emily Norwood</span></div>\(Self.paragraphs)</article>"
        #expect(try Self.extract(body).byline == "Emily Norwood")
        let publisher = try Self.extract(
            body, head: #"<meta name="author" content="Example"><meta property="og:site_name" content="Example">"#)
        #expect(publisher.byline == "Emily Norwood")
        // The publisher stays as the last resort when the page names nobody else.
        let alone = try Self.extract(
            "<article><h1>Rates</h1>\(Self.paragraphs)</article>", head: #"<meta name="author" content="Example">"#)
        #expect(alone.byline == "Example")
        // Each text node is a piece: a label and a role in their own elements stay apart from the name.
        let pieces = try Self.extract(
            "<article><h1>Rates</h1><div class=\"author-info\"><span>Written by</span><a href=\"/a\">Dan Pantelo"
                + "</a><div>Tech Reporter</div></div>\(Self.paragraphs)</article>")
        #expect(pieces.byline == "Dan Pantelo")
        // A commenter is not the author.
        let commenter = try Self.extract(
            "<article><h1>Rates</h1>\(Self.paragraphs)</article><ol><li><div class=\"comment-author\">"
                + "<b>Florence</b> <span>says:</span></div></li></ol>")
        #expect(commenter.byline == nil)
        // A company form is never a byline.
        let company = try Self.extract(
            "<article><h1>Rates</h1>\(Self.paragraphs)</article>",
            head: #"<meta name="author" content="PT. VIVA MEDIA BARU">"#)
        #expect(company.byline == nil)
    }

    /// WCXB dev pages (../shared/bench/extraction-wcxb-dev) that gave no text at all: 4007 and 0044 (a
    /// `<button>` and a caption whose end tags libxml2 ignores, with the article after them inside), 0155 and 0384
    /// (React streaming: the text in `<div hidden>`).
    @Test("pages that gave no text now give their article", arguments: ["4007", "0044", "0155", "0384"])
    func formerlyEmptyPages(id: String) throws {
        guard let shared = Fixtures.shared else {
            print("skipped: ../shared/bench/extraction-wcxb-dev is not beside the repository")
            return
        }
        let folder = shared.appendingPathComponent("bench/extraction-wcxb-dev")
        let gzipped = try Data(contentsOf: folder.appendingPathComponent("html/\(id).html.gz"))
        let bytes = try #require(Gzip.decompress([UInt8](gzipped), limit: 64 << 20))
        let truth =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: folder.appendingPathComponent("ground-truth.json"))) as? [String: Any]
        let gold = try #require(truth?[id] as? [String: Any])
        let snippets = try #require(gold["with"] as? [String])
        let article = try HTMLExtractorTests.extract(bytes: bytes, url: gold["url"] as? String)
        let body = article.body.lowercased()
        let found = snippets.filter { body.contains($0.lowercased()) }
        #expect(found.count * 2 >= snippets.count, "\(found.count) of \(snippets.count) gold snippets in the body")
    }

    @Test("text a streamed React page keeps in <div hidden> is read when nothing else is")
    func hiddenStreamedText() throws {
        let article = try Self.extract(
            "<div id=\"root\"><h1>Rates</h1></div><div hidden id=\"S:1\"><article>\(Self.paragraphs)</article></div>")
        #expect(article.body.contains("Paragraph 1"))
        // A hidden box beside a visible article stays out.
        let beside = try Self.extract(
            "<article>\(Self.paragraphs)</article><div hidden><p>Hidden menu text that is not the article, "
                + "long enough to be read as a paragraph if it were shown to anyone at all.</p></div>")
        #expect(!beside.body.contains("Hidden menu"))
    }

    @Test("files that are not news are judged by their path; URLs, records and ordinary names are not")
    func nonArticleFiles() throws {
        #expect(PageKind.nonArticleFile("corpus/README.md") == "a licence or README file")
        #expect(PageKind.nonArticleFile("LICENSE-fundus-MIT.txt") == "a licence or README file")
        #expect(PageKind.nonArticleFile("data/outlets.csv") == "a CSV file")
        #expect(PageKind.nonArticleFile("gold/fundus-mediaindonesia_2026_01_08.json") == "a JSON file")
        for origin in [
            "berita/notice-of-meeting.txt", "seeds/000_cecf07360ee17b14.txt", "articles.jsonl:12", "-",
            "https://example.com/readme.md", "halaman.html",
        ] {
            #expect(PageKind.nonArticleFile(origin) == nil, "\(origin)")
        }
        // The plain-text stage drops them with a counted reason, and keeps them when asked.
        var extractor = PlainTextExtractor(rules: try HTMLExtractorTests.rules.get())
        let readme = RawDocument(
            origin: "corpus/README.md", bytes: Array("# Corpus\n\nPages for development and tests.\n".utf8),
            contentType: .plainText)
        guard case .dropped(let reason) = try extractor.process(readme, context: StageContext()) else {
            Issue.record("a README was kept as an article")
            return
        }
        #expect(reason.code == "not-article")
        extractor.configuration.keepNonArticles = true
        guard case .kept = try extractor.process(readme, context: StageContext()) else {
            Issue.record("a README was dropped with keepNonArticles")
            return
        }
    }

    @Test("an RSS document given as a page is a feed, not an article")
    func feedAsPage() throws {
        let rss = """
            <?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Berita</title>
            <item><title>Satu</title><link>https://example.com/1</link><description>\(Self.paragraphs)</description></item>
            </channel></rss>
            """
        do {
            _ = try HTMLExtractorTests.extract(rss)
            Issue.record("an RSS feed was kept as an article")
        } catch let reason as DropReason {
            #expect(reason.code == "not-article")
            #expect(reason.message.contains("feed"))
        }
    }
}
