import Foundation
import WartaCore
import WartaStore
import WartaStoreSQLite

/// Errors only the CLI raises, in WartaError's one shape.
enum WartaErrorBridge {
    static func languageData(_ detail: String) -> WartaError {
        WartaError(
            code: "W0501",
            message: "Warta's bundled language data cannot be loaded: \(detail)",
            hint: "run warta from its build folder (the resource bundles sit beside the binary), or rebuild"
        )
    }
}
