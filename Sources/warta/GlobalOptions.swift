import ArgumentParser
import Foundation
import WartaCore
import WartaQuery
import WartaStore
import WartaStoreSQLite

#if Postgres
    import WartaStorePostgres
#endif

/// Options every command that reads or writes a database takes.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file (default: $WARTA_DB, else ./warta.sqlite).")
    var db: String?

    @Option(
        name: .long,
        help: """
            A PostgreSQL store instead of the SQLite file: postgres://user[:password]@host[:port]/database \
            (default: $WARTA_STORE when it is a postgres:// URL).
            """)
    var postgres: String?

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    /// The PostgreSQL store's URL: --postgres, else WARTA_STORE when it names one; `nil` for the SQLite file.
    var postgresURL: String? {
        if let postgres { return postgres }
        if let env = ProcessInfo.processInfo.environment["WARTA_STORE"],
            env.hasPrefix("postgres://") || env.hasPrefix("postgresql://")
        {
            return env
        }
        return nil
    }

    /// Where the store is, for messages (a PostgreSQL URL without its password).
    var storeName: String {
        guard let url = postgresURL else { return databasePath }
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }

    /// The database path: --db, else WARTA_DB, else ./warta.sqlite.
    var databasePath: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["WARTA_DB"], !env.isEmpty { return env }
        return "warta.sqlite"
    }

    /// The store the views, the server and the crawler read and write: the SQLite file, or PostgreSQL with
    /// --postgres (its read model is kept the same way).
    func openStore() async throws -> any ServedStore {
        try await openWritableStore().served
    }

    /// The store articles go into and the linker links: the SQLite file, or PostgreSQL with --postgres.
    /// - Parameter redoable: the writes can be done again after a server crash (workers, the linker): PostgreSQL
    ///   then commits without waiting for the disk.
    func openWritableStore(redoable: Bool = false) async throws -> WritableStore {
        guard let url = postgresURL else { return .sqlite(try SQLiteStore(path: databasePath)) }
        #if Postgres
            return .postgres(try await PostgresStore(url: url, synchronousCommit: !redoable))
        #else
            throw WartaError(
                code: "W0303", message: "this warta was built without the PostgreSQL store (the Postgres trait)",
                hint: "build it with `swift build --product warta` (the default traits)")
        #endif
    }
}

/// What the CLI's commands and the server ask of a store: views, search, articles, links and the crawler's state.
typealias ServedStore = QueryableStore & CrawlStore

/// A store that takes articles and links them.
enum WritableStore {
    case sqlite(SQLiteStore)
    #if Postgres
        case postgres(PostgresStore)
    #endif

    var articles: any ArticleStore { served }

    var stories: any StoryStore { served }

    /// The store's work queue for `warta worker` (PostgreSQL only).
    var queue: (any WorkQueue)? {
        #if Postgres
            if case .postgres(let store) = self { return store }
        #endif
        return nil
    }

    /// This handle's name in claims and the linker lease.
    var session: String { stories.session }

    /// The store with its views, which are refreshed after writing.
    var served: any ServedStore {
        switch self {
        case .sqlite(let store): store
        #if Postgres
            case .postgres(let store): store
        #endif
        }
    }

    /// Brings the views up to date after this process wrote, so that the next view or server starts from them;
    /// returns why it could not (the writes stand either way).
    func refreshViews() async -> String? {
        do {
            try await QueryService.bundled(store: served).refresh()
            return nil
        } catch {
            return "views not updated: \(error)"
        }
    }

    func close() {
        #if Postgres
            if case .postgres(let store) = self { store.close() }
        #endif
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
