import Foundation
import WartaCore
import WartaText

/// The word knowledge the tagger's features draw on: gazetteers, cue words and word statistics.
///
/// Loaded once from the target's resources (`Resources/gazetteer`, `Resources/cues.tsv`,
/// `Resources/word-statistics.tsv`) and shared by training and tagging, so both see the same features.
package struct NERLexicon: Sendable {
    /// Place, person and organisation lists (in `BILOUTag.kinds` order).
    package var gazetteer: Gazetteer
    /// Lower-cased word hash → cue class (1 title, 2 organisation head, 3 place head, 4 speech verb, …).
    package var cues: [UInt64: UInt8]
    /// Lower-cased word hash → statistics from unlabelled news.
    package var statistics: [UInt64: WordStatistics]

    package init(
        gazetteer: Gazetteer = Gazetteer(), cues: [UInt64: UInt8] = [:], statistics: [UInt64: WordStatistics] = [:]
    ) {
        self.gazetteer = gazetteer
        self.cues = cues
        self.statistics = statistics
    }

    /// The cue classes of `cues.tsv`, in order; the position + 1 is the class id.
    package static let cueClasses = ["title", "organisation", "place", "speech", "honorific", "connector"]

    /// Loads the lexicon bundled with WartaEntities.
    package static func bundled() throws -> NERLexicon {
        var lexicon = NERLexicon()
        for (list, name) in ["person", "organisation", "place"].enumerated() {
            for line in try EntityResources.lines("gazetteer/\(name).txt") {
                lexicon.gazetteer.add(line, list: list)
            }
        }
        for line in try EntityResources.lines("cues.tsv") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, let index = cueClasses.firstIndex(of: String(fields[0])) else { continue }
            lexicon.cues[FeatureHash.string(String(fields[1]).lowercased())] = UInt8(index + 1)
        }
        for line in try EntityResources.lines("word-statistics.tsv") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 6, let a = Int16(fields[1]), let b = Int16(fields[2]), let c = Int16(fields[3]),
                let ratio = Int8(fields[4]), let frequency = Int8(fields[5])
            else { continue }
            lexicon.statistics[FeatureHash.string(String(fields[0]))] = WordStatistics(
                clusters: (a, b, c), capitalisedTenths: ratio, frequencyBucket: frequency)
        }
        return lexicon
    }
}

/// Reads WartaEntities' bundled resources.
package enum EntityResources {
    /// A bundled file is missing.
    package struct MissingFile: Error, CustomStringConvertible {
        package var path: String
        package var description: String { "WartaEntities' resource \"\(path)\" is missing from the bundle" }
    }

    /// The bytes of a bundled file such as `model/ner-id.bin`.
    package static func data(_ relativePath: String) throws -> Data {
        guard let base = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw MissingFile(path: relativePath)
        }
        let url = base.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw MissingFile(path: relativePath) }
        return data
    }

    /// The non-empty lines of a bundled text file, without `#` comment lines.
    package static func lines(_ relativePath: String) throws -> [String] {
        let text = String(decoding: try data(relativePath), as: UTF8.self)
        return text.split(separator: "\n").compactMap { line in
            line.isEmpty || line.hasPrefix("#") ? nil : String(line)
        }
    }
}
