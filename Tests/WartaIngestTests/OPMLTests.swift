import Foundation
import Testing
import WartaTestSupport

@testable import WartaIngest

@Suite("OPML and feed lists")
struct OPMLTests {
    @Test("reads the nested outline tree of an OPML 2.0 file")
    func tree() throws {
        let document = try OPMLParser().parse(bytes: FeedFixtures.bytes("outlets.opml"))
        #expect(document.title == "Media Indonesia")
        #expect(document.warnings.isEmpty)
        let national = try #require(document.outlines.first)
        #expect(document.outlines.count == 1)
        #expect(national.title == "Nasional")
        #expect(national.feedURL == nil)
        #expect(
            national.children.map(\.title) == [
                "detik.com", "kompas.com", "liputan6.com", "okezone.com", "republika.co.id", "tempo.co",
            ])
        let detik = try #require(national.children.first?.children.first)
        #expect(detik.title == "news.detik.com")
        #expect(detik.feedURL == "https://news.detik.com/rss")
        #expect(detik.siteURL == "https://news.detik.com/")
        #expect(detik.type == "rss")
        #expect(detik.children.isEmpty)
    }

    @Test("flattens OPML into subscriptions with their folders, through FeedList")
    func opmlList() throws {
        let list = try FeedList.parse(bytes: FeedFixtures.bytes("outlets.opml"))
        #expect(list.format == .opml)
        #expect(list.title == "Media Indonesia")
        let expected = try FeedFixtures.expected("outlets.opml")
        #expect(list.subscriptions.count == 16)
        #expect(list.subscriptions.map(\.url) == expected.compactMap(\.url))
        #expect(list.subscriptions.map(\.siteURL) == expected.map(\.siteURL))
        #expect(list.subscriptions.map(\.title) == expected.map(\.title))
        #expect(list.subscriptions.map(\.folders) == expected.compactMap(\.folders))
        #expect(
            list.subscriptions.first
                == FeedSubscription(
                    url: "https://news.detik.com/rss", siteURL: "https://news.detik.com/", title: "news.detik.com",
                    folders: ["Nasional", "detik.com"]))
    }

    @Test("reads the same feeds from a plain list as from the OPML file")
    func plainList() throws {
        let list = try FeedList.parse(bytes: FeedFixtures.bytes("outlets.txt"))
        let opml = try FeedList.parse(bytes: FeedFixtures.bytes("outlets.opml"))
        #expect(list.format == .plainText)
        #expect(list.warnings.isEmpty)
        #expect(list.subscriptions.map(\.url) == opml.subscriptions.map(\.url))
        #expect(list.subscriptions.map(\.title) == opml.subscriptions.map(\.title))
        #expect(list.subscriptions.allSatisfy { $0.folders.isEmpty && $0.siteURL == nil })
    }

    @Test("a plain list: comments, blank lines, CRLF, a byte-order mark, feed: URLs, titles and bad lines")
    func plainListDetails() throws {
        let text =
            "\u{FEFF}# langganan\r\n\r\n  https://rss.detik.com/index.php/detikcom   detikcom\r\n"
            + "feed://www.antaranews.com/rss/terkini.xml # komentar\r\n" + "bukan-url\r\n"
            + "feed:https://www.tempo.co/rss\r\n" + "ftp://arsip.example.id/feed.xml\r\n"
        let list = try FeedList.parse(bytes: Array(text.utf8))
        #expect(
            list.subscriptions == [
                FeedSubscription(url: "https://rss.detik.com/index.php/detikcom", title: "detikcom"),
                FeedSubscription(url: "http://www.antaranews.com/rss/terkini.xml"),
                FeedSubscription(url: "https://www.tempo.co/rss"),
            ])
        #expect(list.warnings == [.skippedEntries(count: 2, firstLine: 5)])
        #expect(
            list.warnings.first?.description == "skipped 2 entries without a usable URL, the first on line 5")
    }

    @Test("OPML 1.0: text without title, entities in names, relative and non-web URLs")
    func opml1() throws {
        let xml = """
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <opml version="1.0">
              <head><title>Langganan</title></head>
              <body>
                <outline text="Ekonomi &amp; Bisnis">
                  <outline text="Bisnis&nbsp;Tempo" type="rss" xmlUrl="/rss/bisnis" htmlUrl="https://bisnis.tempo.co/"/>
                  <outline text="Rusak" type="rss" xmlUrl="javascript:alert(1)"/>
                </outline>
                <outline text="Antara" xmlUrl="https://www.antaranews.com/rss/ekonomi.xml"/>
              </body>
            </opml>
            """
        let list = try FeedList.parse(bytes: Array(xml.utf8), url: "https://www.tempo.co/langganan.opml")
        #expect(list.title == "Langganan")
        #expect(
            list.subscriptions == [
                FeedSubscription(
                    url: "https://www.tempo.co/rss/bisnis", siteURL: "https://bisnis.tempo.co/", title: "Bisnis Tempo",
                    folders: ["Ekonomi & Bisnis"]),
                FeedSubscription(url: "https://www.antaranews.com/rss/ekonomi.xml", title: "Antara"),
            ])
        let local = try FeedList.parse(bytes: Array(xml.utf8))
        #expect(local.subscriptions.map(\.url) == ["https://www.antaranews.com/rss/ekonomi.xml"])
    }

    @Test("caps the outline count over the whole tree")
    func limit() throws {
        var configuration = OPMLParser.Configuration()
        configuration.maxOutlines = 5
        let document = try OPMLParser(configuration: configuration).parse(bytes: FeedFixtures.bytes("outlets.opml"))
        #expect(
            document.subscriptions.map(\.url) == [
                "https://news.detik.com/rss", "https://oto.detik.com/rss", "https://finance.detik.com/rss",
            ])
        #expect(document.warnings == [.truncated(kept: 5, dropped: 18)])
    }

    @Test("refuses a feed, binary data and an entity bomb's expansion")
    func refusals() throws {
        #expect(throws: FeedError.unexpectedRoot(found: "rss", expected: ["opml"])) {
            try FeedList.parse(bytes: FeedFixtures.bytes("detik-rss2.xml"))
        }
        #expect(throws: FeedError.unrecognisedFormat(found: "binary data", expected: "OPML or a list of feed URLs")) {
            try FeedList.parse(bytes: FeedFixtures.bytes("binary-blob.bin"))
        }
        #expect(throws: FeedError.unrecognisedFormat(found: "plain text", expected: "OPML")) {
            try OPMLParser().parse(bytes: FeedFixtures.bytes("outlets.txt"))
        }
        let bomb = """
            <!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
            <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY x SYSTEM "file:///etc/passwd">]>
            <opml version="2.0"><body><outline text="&c;&x;" xmlUrl="https://bom.example.id/rss?&c;"/></body></opml>
            """
        let list = try FeedList.parse(bytes: Array(bomb.utf8))
        #expect(list.subscriptions == [FeedSubscription(url: "https://bom.example.id/rss?&c;", title: "&c;&x;")])
        #expect(list.warnings == [.removedDoctype])
    }
}
