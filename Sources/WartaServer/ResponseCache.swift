import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization
import WartaQuery

/// Whole responses of read routes, kept until the read model changes (``QueryService/generation``): a storyline page
/// is the same bytes for every reader until the next ingest. Bounded; emptied when full.
final class ResponseCache: Sendable {
    struct Entry: Sendable {
        var generation: Int
        var headers: HTTPFields
        var body: ByteBuffer
    }

    struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
        /// Requests waiting for a response being computed now: a burst of requests for one cold page computes it
        /// once.
        var waiting: [String: [CheckedContinuation<Entry?, Never>]] = [:]
    }

    let capacity: Int
    let maximumBytes: Int
    private let state = Mutex(State())

    /// `capacity` 0 turns caching off.
    init(capacity: Int, maximumBytes: Int = 128 * 1024 * 1024) {
        self.capacity = capacity
        self.maximumBytes = maximumBytes
    }

    func entry(_ key: String, generation: Int) -> Entry? {
        state.withLock { state in
            guard let entry = state.entries[key], entry.generation == generation else { return nil }
            return entry
        }
    }

    /// Whether the caller computes `key` (the first to ask), or waited for the one computing it: then the entry it
    /// got, or `nil` when that response could not be cached (the caller then answers for itself).
    enum Turn {
        case compute
        case waited(Entry?)
    }

    static func pendingKey(_ key: String, _ generation: Int) -> String { key + "\u{2}" + String(generation) }

    func turn(_ key: String, generation: Int) async -> Turn {
        let pending = Self.pendingKey(key, generation)
        let first = state.withLock { state -> Bool in
            guard state.waiting[pending] == nil else { return false }
            state.waiting[pending] = []
            return true
        }
        if first { return .compute }
        let entry: Entry? = await withCheckedContinuation { continuation in
            let registered = state.withLock { state -> Bool in
                guard var waiters = state.waiting[pending] else { return false }
                waiters.append(continuation)
                state.waiting[pending] = waiters
                return true
            }
            // The computation finished in between: its entry, if any, is in the cache.
            if !registered { continuation.resume(returning: self.entry(key, generation: generation)) }
        }
        return .waited(entry)
    }

    /// Ends the computation of `key`: keeps `entry` (when there is one) and hands it to every waiting request.
    func finish(_ key: String, generation: Int, _ entry: Entry?) {
        if let entry { store(key, entry) }
        let waiters = state.withLock { $0.waiting.removeValue(forKey: Self.pendingKey(key, generation)) ?? [] }
        for waiter in waiters { waiter.resume(returning: entry) }
    }

    func store(_ key: String, _ entry: Entry) {
        guard capacity > 0, entry.body.readableBytes < maximumBytes / 16 else { return }
        state.withLock { state in
            if state.entries.count >= capacity || state.bytes + entry.body.readableBytes > maximumBytes {
                state.entries.removeAll(keepingCapacity: true)
                state.bytes = 0
            }
            state.bytes += entry.body.readableBytes - (state.entries[key]?.body.readableBytes ?? 0)
            state.entries[key] = entry
        }
    }
}

/// Serves cached read responses (GET, 200, a body of known length) for the current read model.
struct ResponseCacheMiddleware<Context: RequestContext>: RouterMiddleware {
    let cache: ResponseCache
    let queries: QueryService

    static func cacheable(_ request: Request) -> Bool {
        guard request.method == .get else { return false }
        let path = request.uri.path
        return path != "/metrics" && path != "/healthz" && !path.hasPrefix("/api/v1/export")
            && !path.hasPrefix("/static/")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard cache.capacity > 0, Self.cacheable(request) else { return try await next(request, context) }
        let generation = try await queries.currentGeneration()
        // Pages speak the reader's language; the API does not depend on it.
        let language = request.uri.path.hasPrefix("/api/") ? "" : request.headers[.acceptLanguage] ?? ""
        let key = request.uri.path + "?" + (request.uri.query ?? "") + "\u{1}" + language
        if let hit = cache.entry(key, generation: generation) {
            return Response(status: .ok, headers: hit.headers, body: .init(byteBuffer: hit.body))
        }
        // The first request for a cold key computes it; the others wait for its bytes.
        switch await cache.turn(key, generation: generation) {
        case .waited(let entry?):
            return Response(status: .ok, headers: entry.headers, body: .init(byteBuffer: entry.body))
        case .waited(nil):
            return try await next(request, context)
        case .compute:
            var entry: ResponseCache.Entry?
            defer { cache.finish(key, generation: generation, entry) }
            let response = try await next(request, context)
            guard response.status == .ok, response.body.contentLength != nil else { return response }
            let collected = CollectingWriter.Buffer()
            try await response.body.write(CollectingWriter(into: collected))
            entry = ResponseCache.Entry(generation: generation, headers: response.headers, body: collected.bytes)
            return Response(status: .ok, headers: response.headers, body: .init(byteBuffer: collected.bytes))
        }
    }
}

/// Gathers a response body into one buffer (the writer is consumed, so the bytes live in a box).
struct CollectingWriter: ResponseBodyWriter {
    final class Buffer {
        var bytes = ByteBuffer()
    }

    let into: Buffer

    mutating func write(_ part: ByteBuffer) async throws {
        var part = part
        into.bytes.writeBuffer(&part)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
