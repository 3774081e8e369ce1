import WartaHTML

/// Dates written on the page for readers, near the headline or in a byline box ("Published on Oct 21, 2025",
/// "Dec 12, 2025", "17.05.2021"): the last source of a publication date, for pages whose markup names none
/// (htmldate's "extensive search" looks in the same places).
enum VisibleDate {
    /// How many text nodes after the first `h1` are read.
    static let textsAfterHeadline = 80
    /// How many text nodes before it (a date above the headline).
    static let textsBeforeHeadline = 20
    /// Longer texts are prose, not a date line.
    static let maxBytes = 60
    /// Nor is a line of more words than this ("By Dr. Vahid Osman - Mar 27, 2024" has eight).
    static let maxWords = 8

    /// Short texts that may hold the page's date, best first: after the first `h1` (nearest first, stopping
    /// once the body's prose has begun), then before it, then in elements whose class or id says date, time,
    /// published, posted, byline or meta.
    static func candidates(in document: HTMLDocument) -> [String] {
        var found: [String] = []
        let nodes = document.nodes
        if let headline = document.first(.h1) {
            var texts = 0
            var prose = 0
            var index = headline
            while index < nodes.count, texts < textsAfterHeadline, prose < 2 {
                if nodes[index].isText {
                    let bytes = document.textBytes(of: index)
                    if bytes.count > 200 { prose += 1 }
                    if let text = dateLine(bytes) {
                        found.append(text)
                    }
                    if bytes.contains(where: { $0 > 0x20 }) { texts += 1 }
                }
                index += 1
            }
            texts = 0
            index = headline - 1
            while index >= 0, texts < textsBeforeHeadline {
                if nodes[index].isText {
                    let bytes = document.textBytes(of: index)
                    if let text = dateLine(bytes) { found.append(text) }
                    if bytes.contains(where: { $0 > 0x20 }) { texts += 1 }
                }
                index -= 1
            }
        }
        var marked = 0
        for index in nodes.indices where !nodes[index].isText && marked < 10 {
            guard let words = document.attribute(.class, of: index) ?? document.attribute(.id, of: index),
                words.utf8.count <= 200, hasDateWord(words.lowercased())
            else { continue }
            let end = Int(nodes[index].end)
            guard end - index <= 12 else { continue }
            let text = document.textContent(of: index)
            if let line = dateLine(ArraySlice(text.utf8)) {
                found.append(line)
                marked += 1
            }
        }
        return found
    }

    private static let dateWords = ["date", "time", "publish", "posted", "byline", "meta"]

    private static func hasDateWord(_ words: String) -> Bool {
        dateWords.contains { words.contains($0) }
    }

    /// The text, folded, when it is short, has few words, and holds a year ("19xx" or "20xx").
    private static func dateLine(_ bytes: ArraySlice<UInt8>) -> String? {
        var folded: [UInt8] = []
        HTMLDocument.appendFolded(bytes, to: &folded)
        while folded.last == 0x20 { folded.removeLast() }
        guard folded.count >= 6, folded.count <= maxBytes, HTMLDate.holdsYear(folded),
            folded.split(separator: 0x20).count <= maxWords
        else { return nil }
        return String(decoding: folded, as: UTF8.self)
    }
}
