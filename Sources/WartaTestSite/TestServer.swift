import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import WartaTestSupport

/// One request as the test server saw it.
public struct LoggedRequest: Sendable {
    /// Path and query, e.g. "/page?x=1".
    public var target: String
    public var headers: HTTPFields
    public var start: ContinuousClock.Instant
    /// When the handler returned its response (before a streamed body is written).
    public var end: ContinuousClock.Instant?
    public var path: String { String(target.prefix { $0 != "?" }) }
}

/// Every request a test server received, in arrival order: the evidence the tests check.
public actor RequestLog {
    public private(set) var requests: [LoggedRequest] = []

    public init() {}

    func begin(target: String, headers: HTTPFields) -> Int {
        requests.append(LoggedRequest(target: target, headers: headers, start: .now))
        return requests.count - 1
    }

    func end(_ index: Int) {
        requests[index].end = .now
    }

    public var paths: [String] { requests.map(\.path) }

    public func requests(to path: String) -> [LoggedRequest] {
        requests.filter { $0.path == path }
    }
}

public typealias Handler = @Sendable (Request) async throws -> Response

/// A Hummingbird server on 127.0.0.1 and an ephemeral port, alive for the duration of `body`.
public struct TestServer: Sendable {
    public let port: Int
    public let log: RequestLog

    /// "http://127.0.0.1:PORT" + path.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    public static func with<T: Sendable>(
        routes: [String: Handler], _ body: @Sendable (TestServer) async throws -> T
    ) async throws -> T {
        let log = RequestLog()
        let router = Router()
        router.get("**") { request, _ -> Response in
            let index = await log.begin(target: request.uri.description, headers: request.headers)
            let response: Response
            if let handler = routes[request.uri.path] {
                response = try await handler(request)
            } else {
                response = Response(status: .notFound)
            }
            await log.end(index)
            return response
        }
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: Logger(label: "warta.fetch.test-server", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else {
                group.cancelAll()
                throw TestServerError.noPort
            }
            let result = try await body(TestServer(port: port, log: log))
            group.cancelAll()
            return result
        }
    }

    /// Several servers at once: separate ports are separate hosts for the fetcher.
    public static func with<T: Sendable>(
        count: Int, routes: [String: Handler], _ body: @Sendable ([TestServer]) async throws -> T
    ) async throws -> T {
        guard count > 0 else { return try await body([]) }
        return try await with(routes: routes) { first in
            try await with(count: count - 1, routes: routes) { rest in
                try await body([first] + rest)
            }
        }
    }
}

public enum TestServerError: Error {
    case noPort
}

// MARK: Responses

public enum Reply {
    public static func bytes(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response
    {
        var fields = headers
        if fields[.contentType] == nil {
            fields[.contentType] = "text/html; charset=utf-8"
        }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    public static func text(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        bytes(Array(text.utf8), status: status, headers: headers)
    }

    public static func redirect(to location: String, status: HTTPResponse.Status = .found) -> Response {
        Response(status: status, headers: [.location: location])
    }
}

// MARK: Fixtures and helpers

public enum Corpus {
    /// `../shared/corpus/id-news/html-pages/html` beside the repository.
    public static let directory = (Fixtures.shared ?? Fixtures.repositoryRoot.appendingPathComponent("../shared"))
        .appendingPathComponent("corpus/id-news/html-pages/html")

    /// The bytes of one corpus page; the tests fail, not crash, when it is missing.
    public static func page(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}
