import Foundation

/// Finds test fixtures and shared data from any test target.
public enum Fixtures {
    /// The repository root (this file is `Sources/WartaTestSupport/Fixtures.swift`).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures`.
    public static let directory = repositoryRoot.appendingPathComponent("Tests/Fixtures")

    /// The seed articles, byte for byte: `000_cecf07360ee17b14.txt` (gemalantang.com), `001_d4d0aa6ca0a23adc.txt`
    /// (tribunnews.com).
    public static let seedNames = ["000_cecf07360ee17b14.txt", "001_d4d0aa6ca0a23adc.txt"]

    /// The bytes of a fixture file, such as `seeds/000_cecf07360ee17b14.txt`.
    public static func bytes(_ relativePath: String) throws -> [UInt8] {
        let url = directory.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw MissingFixture(path: url.path)
        }
        return [UInt8](data)
    }

    /// `../shared` beside the repository (bench and corpus data), or `nil` when it is not there.
    public static var shared: URL? {
        let url = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// A fixture file is missing.
    public struct MissingFixture: Error, CustomStringConvertible {
        public var path: String

        public init(path: String) {
            self.path = path
        }

        public var description: String { "missing fixture \(path)" }
    }

    /// The `warta` binary beside the test bundle (SwiftPM builds it with the tests), else the debug build's.
    public static func wartaBinary() throws -> URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("warta"),
            repositoryRoot.appendingPathComponent(".build/debug/warta"),
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw MissingFixture(path: candidates.map(\.path).joined(separator: " or "))
        }
        return found
    }

    /// A fresh temporary directory, removed by the caller.
    public static func temporaryDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("warta-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
