import Foundation
import Testing
import WartaTestSupport

@testable import WartaHTML

/// The SAX builder behind ``HTMLDocument/parse(_:encoding:)`` against the reference path that lets libxml2 build
/// its own tree and copies it: the same nodes, text and attributes, on tricky invented markup and, when
/// ../shared is beside the repository, on every page of the extraction benchmark and the Indonesian corpus.
@Suite("HTML parse: SAX builder equals libxml2's tree")
struct HTMLParseEquivalenceTests {
    static func expectSame(_ html: [UInt8], encoding: String? = "UTF-8", _ label: String) {
        let sax = HTMLDocument.parse(html, encoding: encoding)
        let tree = HTMLDocument.parseThroughLibXML2Tree(html, encoding: encoding)
        // The first difference, not the whole arrays: a page has thousands of nodes.
        let node = sax.nodes.indices.first { $0 < tree.nodes.count && sax.nodes[$0] != tree.nodes[$0] }
        #expect(sax.nodes.count == tree.nodes.count && node == nil, "nodes differ at \(node ?? -1): \(label)")
        #expect(sax.text == tree.text, "text differs: \(label)")
        let attribute = sax.attributes.indices.first {
            $0 < tree.attributes.count && sax.attributes[$0] != tree.attributes[$0]
        }
        #expect(
            sax.attributes.count == tree.attributes.count && attribute == nil,
            "attributes differ at \(attribute ?? -1): \(label)")
        #expect(sax.jsonLD == tree.jsonLD, "JSON-LD differs: \(label)")
    }

    @Test(
        "invented markup",
        arguments: [
            "<p>Hello <b>bold</b> world</p>",
            "<!DOCTYPE html><html><body><p>a</p></body></html><p>after the end</p>text after",
            "<html><body><p>a</p></body></html><div>late <i>element</i></div>tail",
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><body> <p> x </p> </body>",
            "<?xml version=\"1.0\"?><html><p>pi first</p></html><p>late</p>",
            "<p>a<?php echo 1; ?>b</p><p>c&amp;d&nbsp;e&#8217;f&unknown;g</p>",
            "<o:p>word</o:p><fb:like data-src=x>y</fb:like><:odd>z</:odd><a:>w</a:>",
            "<div class=\"article-body\" id=main hidden aria-hidden=\"true\" style=\"display: none\">t</div>",
            "<table><tr><td>cell<td>next</table><ul><li>one<li>two</ul>",
            "plain text with no markup at all",
            "<p>unclosed <b>bold <i>italic</p> after",
            "<textarea>raw <b>text</b></textarea><title>T &amp; U</title>",
            "<head> <meta charset=\"windows-1252\"> </head> <body> x </body>",
            "<html><head><title>t</title></head><!DOCTYPE html><body>late doctype</body></html><p>after</p>",
            "<p>nul\u{0}byte</p>",
            "<script>var a = '<p>';</script><style>p{}</style><p>kept</p>",
        ]
    )
    func invented(_ html: String) {
        Self.expectSame(Array(html.utf8), html)
    }

    @Test("deep nesting past libxml2's depth limit")
    func deep() {
        for depth in [250, 256, 257, 258, 300, 2_000] {
            let html =
                String(repeating: "<div>x", count: depth) + "deep" + String(repeating: "</div>y", count: depth)
                + "<p>after</p>"
            Self.expectSame(Array(html.utf8), "depth \(depth)")
        }
    }

    @Test("a charset libxml2 converts")
    func converted() {
        let html: [UInt8] = Array("<p>caf".utf8) + [0xE9] + Array(" na".utf8) + [0xEF] + Array("ve</p>".utf8)
        Self.expectSame(html, encoding: "ISO-8859-1", "latin-1")
        Self.expectSame(Array("<p>\u{65E5}\u{672C}</p>".utf8), encoding: "shift_jis", "shift_jis over UTF-8")
    }

    @Test("every shared benchmark and corpus page")
    func sharedPages() throws {
        guard let shared = Fixtures.shared else { return }
        var checked = 0
        for folder in ["bench/extraction/html", "corpus/id-news/html-pages/html"] {
            let directory = shared.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".html") {
                let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
                Self.expectSame(bytes, "\(folder)/\(name)")
                checked += 1
            }
        }
        #expect(checked > 0)
    }
}
