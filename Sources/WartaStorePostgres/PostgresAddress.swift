import Foundation
import PostgresNIO
import WartaCore

/// A PostgreSQL connection URL, read: `postgres://user:password@host:port/database?sslmode=disable|prefer|require`
/// (also `postgresql://`); `?host=/run/postgresql` connects through the Unix socket in that folder.
struct PostgresAddress {
    enum Security { case disable, prefer, require }

    var host: String?
    var socketPath: String?
    var port: Int
    var user: String
    var password: String?
    var database: String
    var security: Security
    /// The server and database without the password, for messages.
    var display: String

    init(_ url: String) throws {
        func invalid(_ reason: String) -> WartaError {
            WartaError.database(path: Self.redacted(url), reason: "not a PostgreSQL URL: \(reason)")
        }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            throw invalid("expected postgres://user@host:port/database")
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw invalid("the scheme is \(scheme), not postgres")
        }
        user = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
        port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw invalid("port \(port)") }
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] { parameters[item.name.lowercased()] = item.value ?? "" }
        switch parameters["sslmode"] ?? "disable" {
        case "disable", "allow": security = .disable
        case "prefer": security = .prefer
        case "require", "verify-ca", "verify-full": security = .require
        case let mode: throw invalid("sslmode \(mode)")
        }
        if let folder = parameters["host"], folder.hasPrefix("/") {
            socketPath = folder + "/.s.PGSQL.\(port)"
            host = nil
            display = "postgres://\(user)@\(folder + "/.s.PGSQL.\(port)")/\(database)"
        } else {
            guard let host = components.host, !host.isEmpty else { throw invalid("no host") }
            self.host = host
            socketPath = nil
            display = "postgres://\(user)@\(host):\(port)/\(database)"
        }
    }

    /// The pool's configuration.
    var client: PostgresClient.Configuration {
        if let socketPath {
            return PostgresClient.Configuration(
                unixSocketPath: socketPath, username: user, password: password, database: database)
        }
        let tls: PostgresClient.Configuration.TLS
        switch security {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(.makeClientConfiguration())
        case .require: tls = .require(.makeClientConfiguration())
        }
        return PostgresClient.Configuration(
            host: host ?? "127.0.0.1", port: port, username: user, password: password, database: database, tls: tls)
    }

    /// One connection's configuration (the first connection, which says at once why a server cannot be used).
    func connection() throws -> PostgresConnection.Configuration {
        if let socketPath {
            return PostgresConnection.Configuration(
                unixSocketPath: socketPath, username: user, password: password, database: database)
        }
        let tls: PostgresConnection.Configuration.TLS
        switch security {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        return PostgresConnection.Configuration(
            host: host ?? "127.0.0.1", port: port, username: user, password: password, database: database, tls: tls)
    }

    /// `url` with any password replaced by `***`.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? "postgres://…"
    }
}

/// Databases on a server: the scratch databases tests, benchmarks and the crash harness work in.
public enum PostgresDatabases {
    /// Creates the empty database `name` (lower-case letters, digits and `_`) on the server at `serverURL` and
    /// returns its URL.
    public static func create(serverURL: String, name: String) async throws -> String {
        try await run(serverURL: serverURL, name: name, statement: "CREATE DATABASE \(name)")
        guard var components = URLComponents(string: serverURL) else { return serverURL }
        components.path = "/" + name
        return components.string ?? serverURL
    }

    /// Drops the database `name` on the server at `serverURL`, closing its connections; nothing when it is missing.
    public static func drop(serverURL: String, name: String) async throws {
        try await run(serverURL: serverURL, name: name, statement: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs `body` with a new store in a new database on the server at `serverURL`, dropped afterwards (tests,
    /// benchmarks).
    public static func withScratchStore<Result>(
        serverURL: String, prefix: String = "warta_scratch", _ body: (PostgresStore) async throws -> Result
    ) async throws -> Result {
        let name = "\(prefix)_\(UInt64.random(in: 0...UInt64.max))"
        let databaseURL = try await create(serverURL: serverURL, name: name)
        let result: Result
        do {
            let store = try await PostgresStore(url: databaseURL)
            defer { store.close() }
            result = try await body(store)
        } catch {
            try? await drop(serverURL: serverURL, name: name)
            throw error
        }
        try await drop(serverURL: serverURL, name: name)
        return result
    }

    private static func run(serverURL: String, name: String, statement: String) async throws {
        guard !name.isEmpty, name.utf8.count < 60,
            name.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F })
        else {
            throw WartaError.database(path: name, reason: "a database name is lower-case letters, digits and _")
        }
        let address = try PostgresAddress(serverURL)
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try address.connection(), id: 1, logger: PostgresStore.quietLogger)
            defer { Task { try? await connection.close() } }
            // The name was checked above: identifiers cannot be bound as parameters.
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresStore.quietLogger)
        } catch {
            throw WartaError.database(path: address.display, reason: PostgresStore.describe(error))
        }
    }
}
