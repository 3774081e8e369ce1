import Foundation
import WartaCore
import WartaPipeline
import WartaStore
import WartaStoreSQLite

/// A one-line progress display on stderr (count, rate, ETA), shown only when stderr is a terminal.
final class ProgressLine: @unchecked Sendable {
    // Mutable state is guarded by `lock`: updates arrive from the ingest task.
    private let lock = NSLock()
    private let total: Int?
    private let terminal = Terminal.standardError
    private var shown = false

    init(total: Int?) {
        self.total = total
    }

    func update(_ progress: IngestRunner.Progress) {
        guard terminal.isInteractive else { return }
        lock.lock()
        defer { lock.unlock() }
        let seconds =
            Double(progress.elapsed.components.seconds) + Double(progress.elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(progress.done) / seconds : 0
        var text = "\r\(progress.done)"
        if let total { text += "/\(total)" }
        text += " documents, \(Int(rate))/s"
        if let total, rate > 0, total > progress.done {
            let remaining = Int(Double(total - progress.done) / rate)
            text += ", ETA \(remaining / 60):" + String(format: "%02d", remaining % 60)
        }
        terminal.write(text + "\u{1B}[K")
        shown = true
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { terminal.write("\n") }
    }
}
