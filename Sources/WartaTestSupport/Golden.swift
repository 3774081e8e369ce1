import Foundation

/// Golden files under `Tests/Fixtures/golden/`: a test compares its output with the committed file.
///
/// `WARTA_RECORD=1 swift test` rewrites the files; a test that records reports `.recorded`, which tests treat as
/// a failure, so recording can never pass unnoticed.
public enum Golden {
    public enum Outcome: Equatable, CustomStringConvertible {
        case match
        case mismatch(String)
        case recorded(String)

        public var description: String {
            switch self {
            case .match: "matches the golden file"
            case .mismatch(let detail): detail
            case .recorded(let path): "recorded new golden file \(path); run the tests again without WARTA_RECORD"
            }
        }
    }

    /// Compares `actual` with `Tests/Fixtures/golden/<name>`.
    public static func check(_ actual: String, name: String) -> Outcome {
        let url = Fixtures.directory.appendingPathComponent("golden/\(name)")
        if ProcessInfo.processInfo.environment["WARTA_RECORD"] == "1" {
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url)
            } catch {
                return .mismatch("cannot record \(url.path): \(error)")
            }
            return .recorded(url.path)
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .mismatch("no golden file \(url.path); record it with WARTA_RECORD=1")
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected == actual { return .match }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let e = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
            let a = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
            if e != a { return .mismatch("\(name) differs at line \(index + 1):\n  expected: \(e)\n  actual:   \(a)") }
        }
        return .mismatch("\(name) differs")
    }
}
