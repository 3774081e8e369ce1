import Foundation

/// A sentence of annotated data: its text (tokens joined by single spaces), token ranges and gold entities.
package struct LabelledSentence: Sendable {
    /// The UTF-8 bytes of the tokens joined by spaces.
    package var bytes: [UInt8]
    /// Byte ranges of the tokens in `bytes`.
    package var tokens: [Range<Int>]
    /// The gold entities, in token indices (conlleval reading: an `I-X` after `O` or another kind opens a span).
    package var entities: [EntitySpan]

    package init(bytes: [UInt8], tokens: [Range<Int>], entities: [EntitySpan]) {
        self.bytes = bytes
        self.tokens = tokens
        self.entities = entities
    }

    /// The token texts.
    package var words: [String] {
        tokens.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// Reads CoNLL-style `TOKEN<TAB>TAG` lines with blank lines between sentences (NERGrit, NERP).
    ///
    /// Labels map to Warta's kinds through `BILOUTag.kindIndex(label:)`; other kinds (NERP's EVT, FNB) read as `O`.
    /// A line without a tab is a token tagged `O`.
    package static func read(conll text: String) -> [LabelledSentence] {
        var sentences: [LabelledSentence] = []
        var bytes: [UInt8] = []
        var tokens: [Range<Int>] = []
        var entities: [EntitySpan] = []
        var openKind = -1
        var openStart = 0
        func closeSpan() {
            if openKind >= 0 { entities.append(EntitySpan(start: openStart, end: tokens.count, kind: openKind)) }
            openKind = -1
        }
        func finishSentence() {
            closeSpan()
            if !tokens.isEmpty { sentences.append(LabelledSentence(bytes: bytes, tokens: tokens, entities: entities)) }
            bytes = []
            tokens = []
            entities = []
        }
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                finishSentence()
                continue
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            let word = fields[0]
            let tag = fields.count > 1 ? fields[fields.count - 1] : "O"
            var prefix: Substring = "O"
            var kind = -1
            if let dash = tag.firstIndex(of: "-") {
                prefix = tag[..<dash]
                kind = BILOUTag.kindIndex(label: tag[tag.index(after: dash)...]) ?? -1
            }
            if kind < 0 {
                closeSpan()
            } else if prefix == "B" || prefix == "S" || prefix == "U" || openKind != kind {
                closeSpan()
                openKind = kind
                openStart = tokens.count
            }
            if !bytes.isEmpty { bytes.append(0x20) }
            let start = bytes.count
            bytes.append(contentsOf: word.utf8)
            tokens.append(start..<bytes.count)
            if prefix == "E" || prefix == "L" || prefix == "S" || prefix == "U" { closeSpan() }
        }
        finishSentence()
        return sentences
    }
}
