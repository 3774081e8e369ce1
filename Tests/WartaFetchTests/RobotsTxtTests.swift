import Testing
import WartaFetch

@Suite("robots.txt (RFC 9309)")
struct RobotsTxtTests {
    @Test("the group naming the crawler wins over *, matched case-insensitively and without version")
    func groupSelection() {
        let robots = RobotsTxt(
            """
            User-agent: *
            Disallow: /

            User-agent: WARTA/2.0
            Disallow: /private
            """)
        #expect(robots.isAllowed("/berita/1", productToken: "Warta"))
        #expect(!robots.isAllowed("/private/x", productToken: "warta"))
        #expect(!robots.isAllowed("/berita/1", productToken: "OtherBot"))
    }

    @Test("without a matching group or a * group, everything is allowed")
    func noGroup() {
        let robots = RobotsTxt("User-agent: Googlebot\nDisallow: /")
        #expect(robots.group(for: "Warta") == nil)
        #expect(robots.isAllowed("/anything", productToken: "Warta"))
    }

    @Test("consecutive User-agent lines share a group; groups for one agent are merged")
    func groupsMerge() {
        let robots = RobotsTxt(
            """
            User-agent: bingbot
            User-agent: warta
            Disallow: /a

            User-agent: other
            Disallow: /b

            User-agent: Warta
            Disallow: /c
            Crawl-delay: 4
            """)
        #expect(!robots.isAllowed("/a", productToken: "Warta"))
        #expect(robots.isAllowed("/b", productToken: "Warta"))
        #expect(!robots.isAllowed("/c", productToken: "Warta"))
        #expect(!robots.isAllowed("/a", productToken: "bingbot"))
        #expect(robots.crawlDelay(for: "Warta") == .seconds(4))
        #expect(robots.crawlDelay(for: "bingbot") == nil)
    }

    @Test("the longest matching rule wins and Allow wins a tie")
    func precedence() {
        let robots = RobotsTxt(
            """
            User-agent: *
            Disallow: /berita
            Allow: /berita/nasional
            Disallow: /berita/nasional/arsip
            Allow: /page
            Disallow: /page
            """)
        #expect(!robots.isAllowed("/berita/dunia", productToken: "Warta"))
        #expect(robots.isAllowed("/berita/nasional/1", productToken: "Warta"))
        #expect(!robots.isAllowed("/berita/nasional/arsip/2", productToken: "Warta"))
        #expect(robots.isAllowed("/page", productToken: "Warta"))
        #expect(robots.isAllowed("/lain", productToken: "Warta"))
    }

    @Test(
        "* and $ patterns",
        arguments: [
            ("/*.pdf$", "/files/a.pdf", false),
            ("/*.pdf$", "/files/a.pdf?x=1", true),
            ("/*.pdf$", "/files/a.pdfx", true),
            ("/*.pdf", "/files/a.pdfx", false),
            ("/fish*", "/fishheads", false),
            ("/fish*", "/Fish", true),
            ("/*/print/", "/2024/07/print/", false),
            ("/*?", "/search?q=oman", false),
            ("/*?", "/search", true),
            ("/exact$", "/exact", false),
            ("/exact$", "/exact/", true),
            ("*/arsip", "/berita/arsip", false),
            ("/a*b*c$", "/axxbyyc", false),
            ("/a*b*c$", "/axxbyycd", true),
        ])
    func wildcards(pattern: String, path: String, allowed: Bool) {
        let robots = RobotsTxt("User-agent: *\nDisallow: \(pattern)")
        #expect(robots.isAllowed(path, productToken: "Warta") == allowed)
    }

    @Test(
        "percent-encoding is normalised before matching",
        arguments: [
            ("/~joe", "/%7Ejoe/index.html", false),
            ("/%7ejoe", "/~joe/index.html", false),
            ("/a%2fb", "/a/b", true),
            ("/a%2Fb", "/a%2fb", false),
            ("/foo-%24", "/foo-$", false),
            ("/file-%2A.html", "/file-*.html", false),
            ("/berita/über", "/berita/%C3%BCber/1", false),
            ("/berita/%c3%bcber", "/berita/über", false),
        ])
    func percentEncoding(pattern: String, path: String, allowed: Bool) {
        let robots = RobotsTxt("User-agent: *\nDisallow: \(pattern)")
        #expect(robots.isAllowed(path, productToken: "Warta") == allowed)
    }

    @Test("comments, CRLF, fractional Crawl-delay and global Sitemap lines")
    func otherLines() {
        let robots = RobotsTxt(
            "Sitemap: https://example.com/a.xml\r\n# a comment\r\nUser-agent: * # everyone\r\n"
                + "Disallow: /tmp # scratch\r\nCrawl-delay: 0.5\r\n\r\nUser-agent: x\r\nSitemap: https://example.com/b.xml\r\n"
        )
        #expect(robots.sitemaps == ["https://example.com/a.xml", "https://example.com/b.xml"])
        #expect(!robots.isAllowed("/tmp/1", productToken: "Warta"))
        #expect(robots.crawlDelay(for: "Warta") == .milliseconds(500))
    }

    @Test("rules before any User-agent and empty Disallow lines are ignored")
    func ignoredLines() {
        let robots = RobotsTxt("Disallow: /\nUser-agent: *\nDisallow:\nFoo: bar\nnot a rule")
        #expect(robots.isAllowed("/", productToken: "Warta"))
        #expect(robots.group(for: "Warta")?.rules.isEmpty == true)
    }

    @Test("/robots.txt is always allowed, even under Disallow: /")
    func robotsItself() {
        #expect(RobotsTxt.disallowAll.isAllowed("/robots.txt", productToken: "Warta"))
        #expect(!RobotsTxt.disallowAll.isAllowed("/", productToken: "Warta"))
        #expect(RobotsTxt.allowAll.isAllowed("/anything", productToken: "Warta"))
    }

    @Test("only the first 500 KiB are parsed")
    func sizeLimit() {
        let padding = String(repeating: "# padding padding padding padding padding padding padding\n", count: 10_000)
        let text = "User-agent: *\nDisallow: /early\n" + padding + "Disallow: /late\n"
        #expect(text.utf8.count > RobotsTxt.maximumSize)
        let robots = RobotsTxt(text)
        #expect(!robots.isAllowed("/early", productToken: "Warta"))
        #expect(robots.isAllowed("/late", productToken: "Warta"))
    }

    @Test("a byte-order mark does not hide the first line")
    func byteOrderMark() {
        let robots = RobotsTxt(parsing: [0xef, 0xbb, 0xbf] + Array("User-agent: *\nDisallow: /x".utf8))
        #expect(!robots.isAllowed("/x", productToken: "Warta"))
    }
}
