import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import NIOCore
import Prometheus
import WartaCore
import WartaQuery

/// How `warta serve` runs.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// The bearer token write endpoints require; `nil` refuses every write.
    public var token: String?
    /// Request bodies above this many bytes are refused with 413.
    public var bodyLimit = 16 * 1024 * 1024
    /// Read responses kept until the read model changes; 0 turns the cache off.
    public var cacheEntries = 4_096
    /// A connection that sends nothing for this many seconds is closed (a client that opens connections and
    /// leaves them hold no resources for long).
    public var idleTimeout = 30

    public init(
        host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, bodyLimit: Int = 16 * 1024 * 1024,
        cacheEntries: Int = 4_096, idleTimeout: Int = 30
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.bodyLimit = bodyLimit
        self.cacheEntries = cacheEntries
        self.idleTimeout = idleTimeout
    }

    /// Whether `host` reaches only this machine.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// Stores an ingest request's body as the CLI would a file, and reports the same new / known / failed counts.
public protocol IngestService: Sendable {
    /// `kind` is "text", "html" or "jsonl".
    func ingest(_ body: [UInt8], kind: String) async throws -> IngestResult
}

public struct IngestResult: Sendable, Codable, Equatable {
    public struct Failure: Sendable, Codable, Equatable {
        public var path: String
        public var reason: String

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    public var read: Int
    public var new: Int
    public var known: Int
    public var failed: [Failure]

    public init(read: Int, new: Int, known: Int, failed: [Failure]) {
        self.read = read
        self.new = new
        self.known = known
        self.failed = failed
    }
}

/// The process-wide Prometheus registry: the metrics system can be bootstrapped once per process.
enum Telemetry {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}

/// Builds Warta's HTTP server: the JSON API under `/api/v1`, the web UI, `/healthz` and `/metrics`.
public struct WartaServer: Sendable {
    public let queries: QueryService
    public let ingest: (any IngestService)?
    public let configuration: ServerConfiguration
    public let storePath: String?
    let pages: Pages
    let cache: ResponseCache

    public init(
        queries: QueryService, ingest: (any IngestService)?, configuration: ServerConfiguration,
        storePath: String? = nil
    ) throws {
        self.queries = queries
        self.ingest = ingest
        self.configuration = configuration
        self.storePath = storePath
        self.pages = try Pages()
        self.cache = ResponseCache(capacity: max(0, configuration.cacheEntries))
        _ = Telemetry.registry
    }

    /// The router with every route and middleware, for a socket or for tests.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ResponseCacheMiddleware(cache: cache, queries: queries))
        addAPIRoutes(to: router)
        addPageRoutes(to: router)
        router.get("/healthz") { _, _ in
            try JSONBody.response(["status": "ok"])
        }
        router.get("/metrics") { _, _ -> Response in
            if let storePath, let size = try? FileManager.default.attributesOfItem(atPath: storePath)[.size] as? Int {
                Gauge(label: "warta_store_bytes").record(size)
            }
            var buffer: [UInt8] = []
            Telemetry.registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
        return router
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests in flight and returns.
    public func run(logger: Logger) async throws {
        let app = Application(
            router: router(),
            server: .http1(configuration: .init(idleTimeout: .seconds(Int64(max(1, configuration.idleTimeout))))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "warta"),
            onServerRunning: { channel in
                logger.notice("serving on http://\(channel.localAddress?.description ?? "?")")
            },
            logger: logger)
        try await app.runService()
    }
}

/// JSON bodies: snake_case keys, sorted for stable output.
enum JSONBody {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The error body every failure gets: `{code, message, hint}`.
struct ErrorBody: Encodable {
    var code: String
    var message: String
    var hint: String
    var parameter: String?
}

/// Turns every error into a JSON error with the right status: 400 for a bad parameter, 404, 413, and 500 only for
/// the server's own failures (logged, with no detail sent).
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as QueryError {
            switch error.kind {
            case .badParameter(let name):
                return try Self.error(
                    .badRequest,
                    ErrorBody(code: error.code, message: error.message, hint: error.hint, parameter: name), request)
            case .notFound:
                return try Self.error(
                    .notFound, ErrorBody(code: error.code, message: error.message, hint: error.hint), request)
            }
        } catch is NIOTooManyBytesError {
            return try Self.error(
                .contentTooLarge,
                ErrorBody(
                    code: "W0903", message: "the request body is larger than the server accepts",
                    hint: "send a smaller body, or start the server with a larger --body-limit"), request)
        } catch let error as HTTPError {
            let body: ErrorBody
            switch error.status {
            case .notFound:
                body = ErrorBody(
                    code: "W0902", message: "no such page: \(request.uri.path)",
                    hint: "the API lives under /api/v1; see /api/v1/openapi.json")
            case .contentTooLarge:
                body = ErrorBody(
                    code: "W0903", message: "the request body is larger than the server accepts",
                    hint: "send a smaller body, or start the server with a larger --body-limit")
            case .unauthorized:
                body = ErrorBody(
                    code: "W0904", message: error.body ?? "a bearer token is required",
                    hint: "send Authorization: Bearer <the token in WARTA_TOKEN>")
            case .methodNotAllowed:
                body = ErrorBody(code: "W0905", message: "method not allowed here", hint: "see /api/v1/openapi.json")
            default:
                body = ErrorBody(
                    code: "W0901", message: error.body ?? "bad request", hint: "see /api/v1/openapi.json")
            }
            var response = try Self.error(error.status, body, request)
            if error.status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
            return response
        } catch {
            context.logger.error("request failed: \(error)", metadata: ["path": .string(request.uri.path)])
            return try Self.error(
                .internalServerError,
                ErrorBody(code: "W0999", message: "the server failed to answer", hint: "see the server's log"), request)
        }
    }

    static func error(_ status: HTTPResponse.Status, _ body: ErrorBody, _ request: Request) throws -> Response {
        var response = try JSONBody.response(body, status: status)
        if !request.uri.path.hasPrefix("/api/"), request.headers[.accept]?.contains("text/html") == true {
            response = Pages.errorPage(status: status, message: body.message, hint: body.hint)
        }
        return response
    }
}

/// No page may run a script or load anything from elsewhere.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return response
    }
}

/// Compares two tokens in time that depends only on their lengths.
func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    var difference = UInt8(x.count == y.count ? 0 : 1)
    for index in 0..<max(x.count, y.count) {
        difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
    }
    return difference == 0
}
