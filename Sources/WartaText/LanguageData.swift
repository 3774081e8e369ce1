import Foundation
import WartaCore

/// Reads Warta's bundled language data (stop words, root words, models) from the target's resources.
///
/// Files live under `Sources/WartaText/Resources/`, each folder with its source and licence.
package enum LanguageData {
    /// A bundled data file is missing or unreadable.
    package struct MissingFile: Error, CustomStringConvertible {
        package var path: String
        package var description: String { "Warta's language data file \"\(path)\" is missing from the bundle" }
    }

    /// Returns the contents of a bundled file, such as `id/stopwords.txt`, as UTF-8 text.
    package static func text(_ relativePath: String) throws -> String {
        guard let base = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw MissingFile(path: relativePath)
        }
        let url = base.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw MissingFile(path: relativePath) }
        return String(decoding: data, as: UTF8.self)
    }

    /// Returns the non-empty lines of a bundled word list, trimmed, without `#` comment lines.
    package static func words(_ relativePath: String) throws -> [String] {
        try text(relativePath).split(whereSeparator: \.isNewline).compactMap { line in
            let word = line.trimmingCharacters(in: .whitespaces)
            return word.isEmpty || word.hasPrefix("#") ? nil : word
        }
    }
}
