import Foundation
import WartaCore

/// The language of a text as ``LanguageIdentifier`` sees it, with how sure it is.
public struct LanguageGuess: Sendable, Equatable {
    /// The language: Indonesian, English, Malay, or ``LanguageCode/other`` for anything else.
    public var language: LanguageCode
    /// A rough probability in `0...1` that ``language`` is right; `0` when there was too little text.
    public var confidence: Double

    /// Creates a guess.
    public init(language: LanguageCode, confidence: Double) {
        self.language = language
        self.confidence = confidence
    }
}

/// Identifies whether a text is Indonesian, English, Malay or something else.
///
/// How it decides, in order:
/// 1. Only the first ``maxBytes`` UTF-8 bytes are read (4,096 in the bundled model, about 600 words).
///    Letters are split into Latin-script letters and letters of other scripts; everything else
///    (digits, punctuation, spaces) separates words. Combining accents are skipped.
/// 2. Fewer than ``minLetters`` letters: ``LanguageCode/other`` with confidence 0.
///    More letters in other scripts than in Latin script: ``LanguageCode/other``.
/// 3. Every modelled language gets a naive-Bayes score: the log-probabilities of the character
///    1- to 4-grams of each lower-cased word padded with boundaries (`_kata_`), plus, weighted,
///    the log-probabilities of the words themselves. Indonesian, English and Malay have word tables;
///    the 24 other Latin-script languages and a pooled profile of 300-odd further languages (which all
///    mean ``LanguageCode/other``) get a fixed per-word probability instead, so text whose words no
///    target language knows falls to ``LanguageCode/other``.
/// 4. When Indonesian or Malay wins, the two are separated by the words whose frequencies differ
///    clearly between them (`karena`/`kerana`, `bisa`/`boleh`, `uang`/`wang`, …): the sum of the
///    clipped log frequency ratios of those words, plus a small bias towards Indonesian. Text
///    without such a word is called Indonesian.
///
/// The model is built once from its text files (see `scripts/langid/` and `docs/langid.md`);
/// ``identify(_:)`` then does no I/O and allocates only small per-call buffers.
public struct LanguageIdentifier: Sendable {
    /// The stable, versioned name of this identifier and its model.
    public static let name = "text.langid.v1"

    /// The model files, relative to the `langid` resource folder, that ``init(modelFiles:)`` needs.
    public static let modelFileNames = ["char-ngrams.tsv", "words.tsv", "parameters.tsv"]

    /// How many bytes of UTF-8 ``identify(_:)`` reads from the start of a text.
    public let maxBytes: Int
    /// The fewest letters a text needs to be identified at all.
    public let minLetters: Int

    /// The label of each modelled language, in model order.
    private let labels: [LanguageCode]
    /// Which modelled language has which word-table column (`nil`: no word table).
    private let wordColumns: [Int?]
    /// Character code of each non-ASCII Latin letter that occurs in the model.
    private let extraCodes: [UInt32: UInt16]
    /// Row of each character n-gram (packed codes) in ``ngramLogProbs``.
    private let ngramRows: RowTable
    /// Row-major `rows × labels.count` log-probabilities; a language's floor where it lacks the n-gram.
    private let ngramLogProbs: [Double]
    /// Row of each word (hash of its codes) in ``wordLogProbs`` and ``idMsRatios``.
    private let wordRows: RowTable
    /// Row-major `rows × 3` log-probabilities for Indonesian, English and Malay.
    private let wordLogProbs: [Double]
    /// `log P(word | id) − log P(word | ms)` per word row.
    private let idMsRatios: [Double]
    private let ngramFloor: Double
    private let wordFloor: Double
    private let otherWordLogProb: Double
    private let wordWeight: Double
    private let idMsMinRatio: Double
    private let idMsClip: Double
    private let idMsBias: Double
    private let confidenceScale: Double

    /// Word-table columns, in the order of ``wordLogProbs``.
    private static let wordLanguages = ["id", "en", "ms"]
    /// Code of the word boundary in n-grams.
    private static let boundary: UInt16 = 1
    /// Code of a Latin letter the model has never seen.
    private static let unknownLetter: UInt16 = 0xFFFF
    /// Longest word prefix, in letters, that contributes character n-grams.
    private static let maxWordLetters = 32

    /// Builds the identifier from the model files' contents (keyed by file name), so no I/O happens here.
    ///
    /// - Parameter modelFiles: the contents of each name in ``modelFileNames``.
    /// - Throws: ``LanguageModelError`` when a file is missing or malformed.
    /// - Complexity: O(n) in the total size of the files (about 1.2 MB; tens of milliseconds).
    public init(modelFiles: [String: String]) throws {
        let parameters = try Self.parameters(Self.file("parameters.tsv", in: modelFiles))
        func parameter(_ key: String) throws -> Double {
            guard let value = parameters[key] else { throw LanguageModelError.missingParameter(key) }
            return value
        }
        maxBytes = Int(try parameter("max_bytes"))
        minLetters = Int(try parameter("min_letters"))
        ngramFloor = try parameter("ngram_floor_log")
        wordFloor = try parameter("word_floor_log")
        otherWordLogProb = try parameter("other_word_log")
        wordWeight = try parameter("word_weight")
        idMsMinRatio = try parameter("idms_min_ratio")
        idMsClip = try parameter("idms_clip")
        idMsBias = try parameter("idms_bias")
        confidenceScale = try parameter("confidence_scale")

        let charBlocks = try Self.blocks(Self.file("char-ngrams.tsv", in: modelFiles), name: "char-ngrams.tsv")
        let wordBlocks = try Self.blocks(Self.file("words.tsv", in: modelFiles), name: "words.tsv")

        // Character codes: 1 boundary, 2...27 a...z, then every other letter the model uses.
        var extraCodes: [UInt32: UInt16] = [:]
        func assignCodes(_ key: Substring) {
            for scalar in key.unicodeScalars where scalar.value >= 0x80 && extraCodes[scalar.value] == nil {
                extraCodes[scalar.value] = UInt16(28 + extraCodes.count)
            }
        }
        for block in charBlocks + wordBlocks {
            for entry in block.entries { assignCodes(entry.key) }
        }
        guard extraCodes.count < Int(Self.unknownLetter) - 28 else {
            throw LanguageModelError.malformed(file: "char-ngrams.tsv", line: 0)
        }
        self.extraCodes = extraCodes

        labels = try charBlocks.map { block in
            guard let label = LanguageCode(rawValue: block.label) else {
                throw LanguageModelError.malformed(file: "char-ngrams.tsv", line: block.line)
            }
            return label
        }
        let languageCount = charBlocks.count
        var ngramRows: [UInt64: Int32] = [:]
        var ngramLogProbs: [Double] = []
        for (column, block) in charBlocks.enumerated() {
            for entry in block.entries {
                let codes = Self.codes(of: entry.key, extraCodes: extraCodes)
                guard (1...4).contains(codes.count) else {
                    throw LanguageModelError.malformed(file: "char-ngrams.tsv", line: block.line)
                }
                let key = Self.ngramKey(codes[...])
                let row: Int
                if let existing = ngramRows[key] {
                    row = Int(existing)
                } else {
                    row = ngramRows.count
                    ngramRows[key] = Int32(row)
                    ngramLogProbs.append(contentsOf: repeatElement(ngramFloor, count: languageCount))
                }
                ngramLogProbs[row * languageCount + column] = entry.logProb
            }
        }
        self.ngramRows = RowTable(ngramRows)
        self.ngramLogProbs = ngramLogProbs

        var wordRows: [UInt64: Int32] = [:]
        var wordLogProbs: [Double] = []
        for block in wordBlocks {
            guard let column = Self.wordLanguages.firstIndex(of: block.code) else {
                throw LanguageModelError.malformed(file: "words.tsv", line: block.line)
            }
            for entry in block.entries {
                let key = Self.wordKey(Self.codes(of: entry.key, extraCodes: extraCodes)[...])
                let row: Int
                if let existing = wordRows[key] {
                    row = Int(existing)
                } else {
                    row = wordRows.count
                    wordRows[key] = Int32(row)
                    wordLogProbs.append(contentsOf: repeatElement(wordFloor, count: Self.wordLanguages.count))
                }
                wordLogProbs[row * Self.wordLanguages.count + column] = entry.logProb
            }
        }
        for code in Self.wordLanguages where !wordBlocks.contains(where: { $0.code == code }) {
            throw LanguageModelError.missingLanguage(code)
        }
        self.wordRows = RowTable(wordRows)
        self.wordLogProbs = wordLogProbs
        let stride = Self.wordLanguages.count
        idMsRatios = (0..<wordRows.count).map { wordLogProbs[$0 * stride] - wordLogProbs[$0 * stride + 2] }
        wordColumns = charBlocks.map { Self.wordLanguages.firstIndex(of: $0.code) }
    }

    /// Builds the identifier from the model files bundled with WartaText (`Resources/langid/`).
    ///
    /// - Throws: what ``LanguageData`` or ``init(modelFiles:)`` throws.
    public static func bundled() throws -> LanguageIdentifier {
        var files: [String: String] = [:]
        for name in modelFileNames {
            files[name] = try LanguageData.text("langid/" + name)
        }
        return try LanguageIdentifier(modelFiles: files)
    }

    /// Identifies the language of a text (a sentence up to a whole article).
    ///
    /// Reads at most the first ``maxBytes`` bytes of the text's UTF-8 (4,096 with the bundled model),
    /// so the cost of a long article is that of its opening. Text with fewer than ``minLetters``
    /// letters is ``LanguageCode/other`` with confidence 0; text mostly in a non-Latin script is
    /// ``LanguageCode/other``.
    ///
    /// - Complexity: O(min(n, ``maxBytes``)) in the length of the text.
    public func identify(_ text: String) -> LanguageGuess {
        var text = text
        let scan = text.withUTF8 { bytes in
            Self.scan(UnsafeBufferPointer(rebasing: bytes.prefix(maxBytes)), extraCodes: extraCodes)
        }
        let letters = scan.latinLetters + scan.otherLetters
        if letters < minLetters { return LanguageGuess(language: .other, confidence: 0) }
        if scan.otherLetters > scan.latinLetters {
            return LanguageGuess(language: .other, confidence: Double(scan.otherLetters) / Double(letters))
        }
        if scan.latinLetters < minLetters { return LanguageGuess(language: .other, confidence: 0) }
        return classify(scan)
    }

    // MARK: - Scoring

    /// Steps 3 and 4 of the type's documentation, on scanned words.
    private func classify(_ scan: Scan) -> LanguageGuess {
        let languageCount = labels.count
        var scores = [Double](repeating: 0, count: languageCount)
        var unseenNgrams = 0
        var wordScores = [Double](repeating: 0, count: Self.wordLanguages.count)
        var idMsEvidence = idMsBias
        var padded: [UInt16] = []
        padded.reserveCapacity(Self.maxWordLetters + 2)

        // The same additions in the same order as a plain loop over the n-grams, through unsafe buffers: this
        // loop reads every n-gram of up to 4 KB of text.
        scores.withUnsafeMutableBufferPointer { scores in
            ngramLogProbs.withUnsafeBufferPointer { logProbs in
                for word in scan.words {
                    let codes = scan.codes[word]
                    padded.removeAll(keepingCapacity: true)
                    padded.append(Self.boundary)
                    padded.append(contentsOf: codes.prefix(Self.maxWordLetters))
                    padded.append(Self.boundary)
                    padded.withUnsafeBufferPointer { padded in
                        for order in 1...4 where order <= padded.count {
                            for start in 0...(padded.count - order) {
                                if order == 1 && padded[start] == Self.boundary { continue }
                                var key: UInt64 = 0
                                for index in start..<(start + order) { key = key << 16 | UInt64(padded[index]) }
                                if let row = ngramRows[key] {
                                    let base = Int(row) * languageCount
                                    for column in 0..<languageCount { scores[column] += logProbs[base + column] }
                                } else {
                                    unseenNgrams += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        for word in scan.words {
            let codes = scan.codes[word]
            if let row = wordRows[Self.wordKey(codes)] {
                let base = Int(row) * Self.wordLanguages.count
                for column in 0..<Self.wordLanguages.count { wordScores[column] += wordLogProbs[base + column] }
                let ratio = idMsRatios[Int(row)]
                if abs(ratio) >= idMsMinRatio { idMsEvidence += min(idMsClip, max(-idMsClip, ratio)) }
            } else {
                for column in 0..<Self.wordLanguages.count { wordScores[column] += wordFloor }
            }
        }

        // Best score per label.
        let wordCount = Double(scan.words.count)
        var best: [LanguageCode: Double] = [:]
        for column in 0..<languageCount {
            var score = scores[column] + Double(unseenNgrams) * ngramFloor
            if let wordColumn = wordColumns[column] {
                score += wordWeight * wordScores[wordColumn]
            } else {
                score += wordWeight * wordCount * otherWordLogProb
            }
            let label = labels[column]
            if let current = best[label], current >= score { continue }
            best[label] = score
        }
        var winner = LanguageCode.other
        var top = -Double.infinity
        for label in LanguageCode.allCases {
            if let score = best[label], score > top {
                winner = label
                top = score
            }
        }
        let scale = confidenceScale / max(1, wordCount)
        var weights: [LanguageCode: Double] = [:]
        var total = 0.0
        // In a fixed order: a sum in a dictionary's order differs in its last bits from one run to the next.
        for label in LanguageCode.allCases {
            guard let score = best[label] else { continue }
            let weight = exp((score - top) * scale)
            weights[label] = weight
            total += weight
        }
        guard winner == .indonesian || winner == .malay else {
            return LanguageGuess(language: winner, confidence: (weights[winner] ?? 0) / total)
        }
        let group = ((weights[.indonesian] ?? 0) + (weights[.malay] ?? 0)) / total
        let probabilityIndonesian = 1 / (1 + exp(-idMsEvidence))
        if idMsEvidence >= 0 {
            return LanguageGuess(language: .indonesian, confidence: group * probabilityIndonesian)
        }
        return LanguageGuess(language: .malay, confidence: group * (1 - probabilityIndonesian))
    }

    // MARK: - Scanning

    /// Words of a text as character codes, and its letter counts by script.
    private struct Scan {
        /// Character codes of all words, back to back.
        var codes: [UInt16] = []
        /// Each word's range in ``codes``.
        var words: [Range<Int>] = []
        var latinLetters = 0
        var otherLetters = 0
    }

    /// Splits UTF-8 into lower-cased Latin words (as character codes) and counts letters by script.
    ///
    /// A multi-byte sequence cut off by the end of the buffer is ignored.
    /// - Complexity: O(n) in the number of bytes.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, extraCodes: [UInt32: UInt16]) -> Scan {
        var result = Scan()
        result.codes.reserveCapacity(bytes.count)
        var wordStart = 0
        func endWord() {
            if result.codes.count > wordStart { result.words.append(wordStart..<result.codes.count) }
            wordStart = result.codes.count
        }
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {  // ASCII fast path
                index += 1
                if lead >= 0x61 && lead <= 0x7A {
                    result.codes.append(UInt16(lead - 0x61) + 2)
                    result.latinLetters += 1
                } else if lead >= 0x41 && lead <= 0x5A {
                    result.codes.append(UInt16(lead - 0x41) + 2)
                    result.latinLetters += 1
                } else {
                    endWord()
                }
                continue
            }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            guard index + length <= bytes.count else { break }
            var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
            index += length
            guard let scalar = Unicode.Scalar(value) else {
                endWord()
                continue
            }
            if (0x0300...0x036F).contains(value) { continue }  // combining accents: skipped
            guard isLetter(scalar) else {
                endWord()
                continue
            }
            guard isLatin(value) else {
                result.otherLetters += 1
                endWord()
                continue
            }
            result.latinLetters += 1
            for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                result.codes.append(code(of: lower, extraCodes: extraCodes))
            }
        }
        endWord()
        return result
    }

    /// Whether a scalar is a letter (general category L*).
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return false
        }
    }

    /// Whether a non-ASCII letter is Latin (Latin-1, Extended-A and -B, Extended Additional).
    private static func isLatin(_ value: UInt32) -> Bool {
        (0x00C0...0x024F).contains(value) || (0x1E00...0x1EFF).contains(value)
    }

    private static func code(of scalar: Unicode.Scalar, extraCodes: [UInt32: UInt16]) -> UInt16 {
        let value = scalar.value
        if value >= 0x61 && value <= 0x7A { return UInt16(value - 0x61) + 2 }
        if value == 0x5F { return boundary }
        return extraCodes[value] ?? unknownLetter
    }

    private static func codes(of key: Substring, extraCodes: [UInt32: UInt16]) -> [UInt16] {
        key.unicodeScalars.map { code(of: $0, extraCodes: extraCodes) }
    }

    /// Packs one to four character codes into a key.
    private static func ngramKey(_ codes: ArraySlice<UInt16>) -> UInt64 {
        var key: UInt64 = 0
        for code in codes { key = key << 16 | UInt64(code) }
        return key
    }

    /// FNV-1a hash of a word's character codes.
    private static func wordKey(_ codes: ArraySlice<UInt16>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for code in codes {
            hash = (hash ^ UInt64(code & 0xFF)) &* 0x100_0000_01b3
            hash = (hash ^ UInt64(code >> 8)) &* 0x100_0000_01b3
        }
        return hash
    }

    // MARK: - Model files

    private struct Entry {
        var key: Substring
        var logProb: Double
    }

    private struct Block {
        var code: String
        var label: String
        var line: Int
        var entries: [Entry] = []
    }

    private static func file(_ name: String, in files: [String: String]) throws -> String {
        guard let text = files[name] else { throw LanguageModelError.missingFile(name) }
        return text
    }

    /// Reads `key<TAB>value` lines, skipping blank lines and `#` comments.
    private static func parameters(_ text: String) throws -> [String: Double] {
        var values: [String: Double] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let value = Double(fields[1]) else {
                throw LanguageModelError.malformed(file: "parameters.tsv", line: number + 1)
            }
            values[String(fields[0])] = value
        }
        return values
    }

    /// Reads `@code<TAB>label` blocks of `key<TAB>parts-per-10^8` lines.
    private static func blocks(_ text: String, name: String) throws -> [Block] {
        var blocks: [Block] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2 else { throw LanguageModelError.malformed(file: name, line: number + 1) }
            if line.hasPrefix("@") {
                blocks.append(Block(code: String(fields[0].dropFirst()), label: String(fields[1]), line: number + 1))
                continue
            }
            guard !blocks.isEmpty, !fields[0].isEmpty, let parts = Int(fields[1]), parts > 0 else {
                throw LanguageModelError.malformed(file: name, line: number + 1)
            }
            blocks[blocks.count - 1].entries.append(Entry(key: fields[0], logProb: log(Double(parts) / 1e8)))
        }
        return blocks
    }
}

/// What can be wrong with the language-identifier model files.
package enum LanguageModelError: Error, Equatable {
    /// A file named in ``LanguageIdentifier/modelFileNames`` was not given.
    case missingFile(String)
    /// A line that does not have the expected `key<TAB>value` shape.
    case malformed(file: String, line: Int)
    /// `parameters.tsv` lacks a constant the scorer needs.
    case missingParameter(String)
    /// `words.tsv` lacks the word table of a target language.
    case missingLanguage(String)
}
