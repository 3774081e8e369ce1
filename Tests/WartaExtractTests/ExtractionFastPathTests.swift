import Foundation
import Testing
import WartaText

@testable import WartaExtract

/// The byte-level fast paths of extraction give exactly what the `String` and Foundation operations they stand
/// in for give.
@Suite("Extraction fast paths")
struct ExtractionFastPathTests {
    /// Texts that probe case mapping, white space, normalisation and grapheme edges.
    static let samples: [String] = [
        "", " ", "\n\t ", "Hello, World", "  padded  ", "\u{00A0}nbsp\u{00A0}", "\u{2003}em space\u{3000}",
        "\u{0085}next line\u{0085}", "tab\tand\nnewline\r\n", "Caf\u{00E9} CAF\u{00C9}", "Cafe\u{0301} e\u{0301}",
        "\u{212A}elvin \u{212B}ngstr\u{00F6}m", "\u{0130}stanbul \u{0049}\u{0307}", "Stra\u{00DF}e \u{1E9E}",
        "\u{03A3}\u{039F}\u{03A6}\u{039F}\u{03A3} \u{03C3}\u{03C2}", "\u{201C}Quoted\u{201D} \u{2014} dash \u{2026}",
        "\u{2000}\u{2001} quads", "emoji \u{1F600} and \u{1F1EE}\u{1F1E9}", "\u{AC00}\u{1100}\u{1161}\u{11A8}",
        "\u{0915}\u{094D}\u{0937} devanagari", "\u{FB01}ligature", "nul\u{0}inside", "\u{200B}zero width\u{FEFF}",
        "Jakarta, KOMPAS.com \u{2013} Presiden", "\u{037E}greek question", "x\u{0308}\u{0323} marks",
    ]

    /// `normalisedForHash` as it was written before, on `String.lowercased()`.
    static func oldNormalisedForHash(_ body: String) -> [UInt8] {
        var out: [UInt8] = []
        var pendingSpace = false
        for byte in body.lowercased().utf8 {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(byte)
        }
        return out
    }

    @Test("hash normalisation lower-cases like String.lowercased()")
    func hashNormalisation() {
        for text in Self.samples + [Self.samples.joined(separator: "\n\n")] {
            #expect(PlainTextExtractor.normalisedForHash(text) == Self.oldNormalisedForHash(text), "\(text)")
        }
        // Every scalar of the first planes' scripts and symbols, between words.
        for value in UInt32(0x80)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "Ab " + String(scalar) + "\u{0130}x \t" + String(scalar)
            #expect(PlainTextExtractor.normalisedForHash(text) == Self.oldNormalisedForHash(text), "U+\(value)")
        }
    }

    @Test("the NFC quick check never skips text Foundation would change")
    func nfc() {
        for text in Self.samples {
            #expect(ASCII.nfc(text).utf8.elementsEqual(Normalization.nfc(text).utf8), "\(text)")
        }
        // Every scalar the quick check lets through, alone and before a combining mark.
        for range in [0x20...0x7F] + ASCII.nfcStable {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                for text in ["a" + String(scalar) + "b", String(scalar) + "\u{0301}", String(scalar) + "\u{3099}"] {
                    #expect(ASCII.nfc(text).utf8.elementsEqual(Normalization.nfc(text).utf8), "U+\(value)")
                }
            }
        }
    }

    @Test("trimming cuts what Foundation cuts")
    func trimming() {
        for text in Self.samples {
            for padded in [text, " \(text) ", "\n\(text)\t", "\u{00A0}\(text)", "\(text)\u{2028}", "\r\n\(text)\r\n"] {
                #expect(padded.trimmedFast() == padded.trimmingCharacters(in: .whitespacesAndNewlines), "\(padded)")
                #expect(padded.trimmedFast(.whitespaces) == padded.trimmingCharacters(in: .whitespaces), "\(padded)")
                let sub = Substring(padded)
                #expect(sub.trimmedFast() == sub.trimmingCharacters(in: .whitespacesAndNewlines), "\(padded)")
            }
        }
    }

    @Test("ASCII search finds what Foundation finds")
    func asciiSearch() {
        let texts = [
            "Banjir Surut - ANTARA News", "A | B | C", "JAKARTA, KOMPAS.com -- Presiden", "KapanLagi.com: Brandon",
            "no separator here", "", " - ", "a -- b - c", "trailing - ", "x\r\n - y",
        ]
        let needles = [" - ", " | ", ": ", " -- ", " \u{2013} ", " \u{2014} ", " \u{00BB} ", " :: ", " / ", "-"]
        for text in texts {
            for needle in needles {
                let ours = ASCII.range(of: needle, in: text).map {
                    text.utf8.distance(from: text.startIndex, to: $0.lowerBound)
                }
                let theirs = text.range(of: needle).map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }
                #expect(ours == theirs, "\(needle) in \(text)")
                #expect(ASCII.contains(text, needle) == text.contains(needle), "\(needle) in \(text)")
            }
        }
    }

    @Test("the debris byte screen rules out only rules that cannot match")
    func debrisScreen() throws {
        let rules = try DebrisRules.bundled()
        var lines: [String] = Self.samples
        for rule in rules.rules {
            let phrase: String
            switch rule.match {
            case .prefix(let pattern), .line(let pattern): phrase = pattern
            case .regex(let box): phrase = box.pattern
            }
            for variant in [phrase, phrase.uppercased(), phrase.capitalized] {
                for suffix in ["", ":", ": Budi Santoso", " - Budi", " Budi", "x", " \u{00E9}", "\u{0301} x", "  :x"] {
                    lines.append(variant + suffix)
                    lines.append("\u{212A}" + variant + suffix)
                    lines.append(" " + variant + suffix)
                    lines.append("\u{201C}" + variant + suffix)
                }
            }
        }
        lines += [
            "Halaman 1 2 3", "Halaman 2 selanjutnya", "Selanjutnya >>", "Halaman Selanjutnya", "\u{017F}elanjutnya",
            "Page 1 2 next", "By John Smith", "By John Smith and Jane Doe", "by \u{00C9}mile Zola", "\u{0412}y Ivan",
            "Laporan Wartawan Tribunnews.com, Budi Santoso", "LAPORAN WARTAWAN X, \u{00C9}lodie",
            "Baca juga: Harga Beras Naik", "BACA JUGA\u{2014}Harga", "Editorial board", "Sumber daya alam",
            "Selanjutnya \u{201C}x\u{201D}", "\u{201C}By John Smith", "Halaman\u{2013}Selanjutnya",
            "Baca\u{0301} juga: x",
            "Baca juga\u{2013}X", "\u{00E9}diteur: X", "Page 1\u{00A0}2", "Halaman 1 \u{017F}elanjutnya",
        ]
        for line in lines {
            let screened = rules.verdict(for: line)
            let full = rules.verdictTryingEveryRule(for: line)
            #expect(screened?.rule.source == full?.rule.source, "\(line)")
            #expect(screened?.remainder == full?.remainder, "\(line)")
        }
    }

    @Test("class and id words read in pieces as when joined")
    func classEvidencePieces() {
        let values = [
            "article-body", "sidebar_left", "leftsidebar", "commentlist", "content-with-sidebar", "comments-content",
            "related-posts", "ARTICLE Body", "entry-content main", "head download gradient", "isi-berita",
            "caption", "itemprop-articleBody", "\u{00E9}l\u{00E9}ment-share", "", "  ",
        ]
        for first in values {
            for second in values {
                var reader = ClassEvidence.Reader()
                reader.append(first.utf8)
                reader.append(CollectionOfOne(0x20))
                reader.append(second.utf8)
                let joined = ClassEvidence(classAndID: first + " " + second)
                #expect(reader.isEmpty || reader.evidence() == joined, "\(first) | \(second)")
            }
        }
        #expect(ClassEvidence(classAndID: "article-body").isBodyHint)
        #expect(ClassEvidence(classAndID: "leftsidebar").isBoilerplate)
        #expect(!ClassEvidence(classAndID: "download-head").isBoilerplate)
        #expect(ClassEvidence(classAndID: "post content").weight == 25)
        #expect(ClassEvidence(classAndID: "image-caption").isMinorBoilerplate)
    }
}
