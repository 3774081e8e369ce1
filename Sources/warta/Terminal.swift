import Foundation
import WartaCore
import WartaStore
import WartaStoreSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the CLI writes: stdout for results, stderr for progress and errors.
struct Terminal: Sendable {
    let descriptor: Int32

    static let standardOutput = Terminal(descriptor: 1)
    static let standardError = Terminal(descriptor: 2)

    /// Whether this stream is an interactive terminal (progress lines and colour only then).
    var isInteractive: Bool { isatty(descriptor) == 1 }

    func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written <= 0 { return }
            offset += written
        }
        bytes.removeAll()
    }

    func line(_ text: String = "") { write(text + "\n") }

    func bold(_ text: String) -> String { isInteractive ? "\u{1B}[1m" + text + "\u{1B}[0m" : text }
}
