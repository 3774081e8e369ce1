import Foundation
import WartaFuzzTargets

// Two builds of one program (see scripts/fuzz/README.md):
// - `scripts/fuzz/build` compiles it with address sanitizer, libFuzzer's coverage and WARTA_LIBFUZZER: then it is
//   the libFuzzer driver for the target named by WARTA_FUZZ_TARGET, taking libFuzzer's flags and corpus folders;
// - the ordinary build replays inputs: `warta-fuzz TARGET FILE|FOLDER...` runs each file once and prints its time
//   and outcome, to reproduce a finding or time a hostile input.

#if WARTA_LIBFUZZER
    import CLibFuzzer

    nonisolated(unsafe) private var fuzzTarget = FuzzTarget.html
    nonisolated(unsafe) private var fuzzContext: FuzzContext?

    /// SwiftPM links an executable's `main` to this symbol; it hands the command line to libFuzzer's driver.
    @_cdecl("warta_fuzz_main")
    func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        let name = ProcessInfo.processInfo.environment["WARTA_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("warta-fuzz: set WARTA_FUZZ_TARGET to one of: \(names)\n".utf8))
            return 2
        }
        do {
            fuzzContext = try FuzzContext()
        } catch {
            FileHandle.standardError.write(Data("warta-fuzz: cannot load the bundled data: \(error)\n".utf8))
            return 1
        }
        fuzzTarget = target
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
            guard let context = fuzzContext else { return 0 }
            let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
            _ = fuzzTarget.run(bytes, in: context)
            return 0
        }
    }
#else
    @main
    struct ReplayMain {
        static func main() {
            let arguments = Array(CommandLine.arguments.dropFirst())
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
            guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
                FileHandle.standardError.write(Data("usage: warta-fuzz \(names) FILE|FOLDER...\n".utf8))
                exit(2)
            }
            let context: FuzzContext
            do {
                context = try FuzzContext()
            } catch {
                FileHandle.standardError.write(Data("warta-fuzz: cannot load the bundled data: \(error)\n".utf8))
                exit(1)
            }
            var failed = false
            for path in files(arguments.dropFirst()) {
                guard let data = FileManager.default.contents(atPath: path) else {
                    FileHandle.standardError.write(Data("warta-fuzz: cannot read \(path)\n".utf8))
                    failed = true
                    continue
                }
                let start = ContinuousClock.now
                let outcome = target.run([UInt8](data), in: context)
                let elapsed = ContinuousClock.now - start
                let milliseconds =
                    Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3
                print("\(path)\t\(data.count) bytes\t\(String(format: "%.1f", milliseconds)) ms\t\(outcome)")
            }
            exit(failed ? 1 : 0)
        }

        /// The files named, with folders expanded to their files in name order.
        static func files(_ paths: ArraySlice<String>) -> [String] {
            var found: [String] = []
            for path in paths {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue
                else {
                    found.append(path)
                    continue
                }
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                found += names.sorted().filter { !$0.hasPrefix(".") }.map { path + "/" + $0 }
            }
            return found
        }
    }
#endif
