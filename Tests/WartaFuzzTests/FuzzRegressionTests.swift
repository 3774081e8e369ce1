import Foundation
import Testing
import WartaFuzzTargets
import WartaTestSupport

/// Replays every input in `Tests/Fixtures/fuzz/expected.tsv` through its fuzz target and compares the outcome:
/// the inputs the fuzzer found (minimised crashes, hangs and leaks, in `fuzz/<target>/`) and seed inputs of each
/// target from the other fixtures.
@Suite struct FuzzRegressionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var target: FuzzTarget
        var path: String
        var expected: String
        var testDescription: String { "\(target.rawValue) \(path)" }
    }

    static let manifest = Fixtures.directory.appendingPathComponent("fuzz/expected.tsv")

    /// The manifest's rows: target, fixture path (relative to `Tests/Fixtures`), expected summary.
    static func cases() throws -> [Case] {
        let text = try String(contentsOf: manifest, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line -> Case? in
            if line.hasPrefix("#") { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, let target = FuzzTarget(rawValue: fields[0]) else { return nil }
            return Case(target: target, path: fields[1], expected: fields[2])
        }
    }

    static let context = Result { try FuzzContext() }

    @Test(arguments: try cases())
    func replays(_ row: Case) throws {
        let bytes = try Fixtures.bytes(row.path)
        let outcome = row.target.run(bytes, in: try Self.context.get())
        #expect(outcome.summary == row.expected, "\(outcome)")
    }

    @Test func theManifestIsWhole() throws {
        let text = try String(contentsOf: Self.manifest, encoding: .utf8)
        let rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        // Every row is well formed: a target, a fixture that exists, an expected summary.
        for row in rows {
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false)
            #expect(fields.count == 3 && FuzzTarget(rawValue: String(fields[0])) != nil, "bad row: \(row)")
        }
        // Every target has seed inputs, and every finding kept in fuzz/<target>/ is replayed.
        let cases = try Self.cases()
        for target in FuzzTarget.allCases {
            #expect(cases.contains { $0.target == target }, "no input replays \(target.rawValue)")
            let folder = Fixtures.directory.appendingPathComponent("fuzz/\(target.rawValue)")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names where !name.hasPrefix(".") {
                #expect(
                    cases.contains { $0.target == target && $0.path == "fuzz/\(target.rawValue)/\(name)" },
                    "fuzz/\(target.rawValue)/\(name) is not in expected.tsv")
            }
        }
    }
}
