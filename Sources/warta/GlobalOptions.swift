import ArgumentParser
import Foundation
import WartaCore
import WartaStore
import WartaStoreSQLite

/// Options every command that reads or writes a database takes.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file (default: $WARTA_DB, else ./warta.sqlite).")
    var db: String?

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    /// The database path: --db, else WARTA_DB, else ./warta.sqlite.
    var databasePath: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["WARTA_DB"], !env.isEmpty { return env }
        return "warta.sqlite"
    }

    func openStore() throws -> SQLiteStore {
        try SQLiteStore(path: databasePath)
    }
}

/// Runs a command body, turning a `WartaError` into its one rendering on stderr and exit code 1.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as WartaError {
        Terminal.standardError.write(error.description + "\n")
        throw ExitCode.failure
    }
}
