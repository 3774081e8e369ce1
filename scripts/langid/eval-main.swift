// Evaluation harness for LanguageIdentifier: reads "source<TAB>label<TAB>text" lines on stdin and writes
// "guess<TAB>confidence" lines on stdout, in the same order. Built by scripts/langid/evaluate.sh in a
// throwaway package under /tmp; not part of Warta's targets.
import Foundation
import WartaCore
import WartaText

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: langid-eval MODEL_DIR < data.tsv\n".utf8))
    exit(64)
}
let folder = URL(fileURLWithPath: arguments[1])
var files: [String: String] = [:]
for name in LanguageIdentifier.modelFileNames {
    files[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
}
let loadStart = Date()
let identifier = try LanguageIdentifier(modelFiles: files)
let loadSeconds = Date().timeIntervalSince(loadStart)
var texts: [String] = []
while let line = readLine(strippingNewline: true) {
    let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
    texts.append(fields.count == 3 ? String(fields[2]) : "")
}
let start = Date()
var output = ""
var bytes = 0
for text in texts {
    let guess = identifier.identify(text)
    bytes += min(text.utf8.count, identifier.maxBytes)
    output += "\(guess.language.rawValue)\t\(String(format: "%.4f", guess.confidence))\n"
}
let seconds = Date().timeIntervalSince(start)
FileHandle.standardOutput.write(Data(output.utf8))
FileHandle.standardError.write(
    Data(
        String(
            format: "model load %.1f ms; %d texts in %.1f ms (%.1f µs/text, %.1f MB/s of scanned text)\n",
            loadSeconds * 1000, texts.count, seconds * 1000, seconds * 1e6 / Double(max(1, texts.count)),
            Double(bytes) / max(seconds, 1e-9) / 1e6
        ).utf8))
