import Foundation
import WartaHTML

/// A byline written on the page for readers, for pages whose markup for machines names nobody: an
/// `itemprop=author` element, a `rel=author` link, then a small element whose class or id says author or byline
/// ("By Emily Norwood", "Posted by BeauHD", `<span class="entry-author-name">`), the one nearest after the
/// headline first.
enum VisibleByline {
    /// Longer texts are an author box with a biography, not a byline.
    static let maxBytes = 80

    static func find(in document: HTMLDocument) -> String? {
        let nodes = document.nodes
        let headline = document.first(.h1) ?? 0
        var marked: [(rank: Int, distance: Int, text: String)] = []
        for index in nodes.indices where !nodes[index].isText && nodes[index].attributeStart < nodes[index].attributeEnd
        {
            guard Int(nodes[index].end) - index <= 16 else { continue }
            let rank: Int
            if document.attribute(.itemprop, of: index)?.lowercased() == "author" {
                rank = 0
            } else if nodes[index].tag == .a, document.attribute(.rel, of: index)?.lowercased() == "author" {
                rank = 1
            } else if let words = document.attribute(.class, of: index) ?? document.attribute(.id, of: index),
                words.utf8.count <= 200, isBylineClass(words.lowercased())
            {
                rank = 2
            } else {
                continue
            }
            guard let text = name(in: index, of: document) else { continue }
            // After the headline before it, nearer before farther.
            let distance = index >= headline ? index - headline : 1_000_000 + headline - index
            marked.append((rank, distance, text))
        }
        return marked.min { ($0.rank, $0.distance) < ($1.rank, $1.distance) }?.text
    }

    /// The first piece of text in the box that reads as a name: each text node is a piece, so a label ("Written
    /// by", "Author") and a role ("Tech Reporter") in their own elements stay apart from the name.
    static func name(in index: Int, of document: HTMLDocument) -> String? {
        // A commenter ("Florence says:") is not the author.
        let whole = document.textContent(of: index).lowercased()
        if whole.hasSuffix(" says") || whole.hasSuffix(" says:") { return nil }
        var position = index
        let end = Int(document.nodes[index].end)
        var pieces = 0
        while position < end, pieces < 8 {
            if document.nodes[position].isText {
                var folded: [UInt8] = []
                HTMLDocument.appendFolded(document.textBytes(of: position), to: &folded)
                while folded.last == 0x20 { folded.removeLast() }
                if !folded.isEmpty {
                    pieces += 1
                    if let name = clean(String(decoding: folded, as: UTF8.self)) { return name }
                }
            }
            position += 1
        }
        return nil
    }

    private static let bylineWords = ["author", "byline", "byl", "writer"]
    private static let notBylineWords = ["avatar", "image", "img", "photo", "bio", "description", "tooltip", "about"]

    private static func isBylineClass(_ words: String) -> Bool {
        bylineWords.contains { words.contains($0) } && !notBylineWords.contains { words.contains($0) }
    }

    private static let leads = [
        "posted by ", "written by ", "words by ", "story by ", "article by ", "recipe by ", "reviewed by ",
        "by: ", "by ", "author: ", "author ", "oleh ", "penulis: ", "penulis ",
    ]

    private static let labels: Set<String> = [
        "by", "author", "authors", "the author", "about the author", "written by", "posted by", "article by",
        "reviewed by", "share", "follow", "oleh", "penulis",
    ]

    /// The name in a byline text: without "By", "Posted by", "Author:", and without what follows a separator
    /// (a date, a role); `nil` when what is left is not a short name.
    static func clean(_ raw: String) -> String? {
        var text = raw
        for separator in [" | ", " • ", " · ", " - ", " – ", " — ", "\n"] {
            if let range = text.range(of: separator) { text = String(text[..<range.lowerBound]) }
        }
        text = text.trimmedFast()
        var changed = true
        while changed {
            changed = false
            for lead in leads where text.lowercased().hasPrefix(lead) {
                text = String(text.dropFirst(lead.count)).trimmedFast()
                changed = true
            }
        }
        while let last = text.last, last == ":" || last == "," { text.removeLast() }
        let lower = text.lowercased()
        let words = text.split(separator: " ")
        guard !text.isEmpty, text.utf8.count <= maxBytes, words.count <= 8,
            text.first?.isLetter ?? false, !text.contains(where: \.isNumber), !lower.hasPrefix("http"),
            !labels.contains(lower),
            // A commenter ("Florence says:") is not the author.
            !lower.hasSuffix(" says"),
            // A user name or a template key ("andrew.keaveney", "page.head.extra.author").
            !(words.count == 1 && text.contains("."))
        else { return nil }
        return text
    }
}
