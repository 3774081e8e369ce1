import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import WartaFetch

/// A fetcher that can reach 127.0.0.1 and is always shut down.
func withFetcher<T: Sendable>(
    _ configuration: Fetcher.Configuration = Fetcher.Configuration(addressPolicy: AddressPolicy(allowLoopback: true)),
    resolver: any HostResolver = SystemHostResolver(),
    _ body: (Fetcher) async throws -> T
) async throws -> T {
    let fetcher = Fetcher(configuration: configuration, resolver: resolver)
    do {
        let result = try await body(fetcher)
        try await fetcher.shutdown()
        return result
    } catch {
        // The body's error is the one worth reporting; a shutdown error on top of it would hide it.
        try? await fetcher.shutdown()
        throw error
    }
}

/// A polite fetcher that can reach 127.0.0.1 and is always shut down.
func withPoliteFetcher<T: Sendable>(
    _ configuration: PoliteFetcher.Configuration, _ body: (PoliteFetcher) async throws -> T
) async throws -> T {
    let fetcher = PoliteFetcher(configuration: configuration)
    do {
        let result = try await body(fetcher)
        try await fetcher.shutdown()
        return result
    } catch {
        // As in `withFetcher`: keep the body's error.
        try? await fetcher.shutdown()
        throw error
    }
}

extension PoliteFetcher.Configuration {
    /// Loopback allowed and a short delay, so tests run in well under a second per host.
    static func test(minDelay: Duration = .milliseconds(50), requestTimeout: Duration = .seconds(10)) -> Self {
        PoliteFetcher.Configuration(
            fetcher: Fetcher.Configuration(
                requestTimeout: requestTimeout, addressPolicy: AddressPolicy(allowLoopback: true)),
            minDelay: minDelay
        )
    }
}

/// A resolver answering from a table, to simulate DNS.
struct TableResolver: HostResolver {
    var table: [String: [IPAddress]]

    func addresses(for host: String, port: Int) async throws -> [IPAddress] {
        guard let addresses = table[host] else {
            throw HostResolutionError(host: host, message: "not in the test table")
        }
        return addresses
    }
}

/// A resolver that never answers (until cancelled), like a DNS server that drops queries.
struct HangingResolver: HostResolver {
    func addresses(for host: String, port: Int) async throws -> [IPAddress] {
        try await Task.sleep(for: .seconds(3600))
        return []
    }
}

/// A long response body written one chunk per millisecond, recording how far it got.
///
/// Hummingbird's body writer buffers without waiting for the socket, so only pacing makes "bytes
/// written" mean "bytes sent"; a write that throws means the client hung up.
final class PacedBody: Sendable {
    struct Outcome: Sendable {
        var bytes = 0
        var aborted = false
    }

    private let prefix: ByteBuffer?
    private let chunk: ByteBuffer
    private let count: Int
    private let state = Progress()

    init(prefix: ByteBuffer? = nil, chunk: ByteBuffer, count: Int) {
        self.prefix = prefix
        self.chunk = chunk
        self.count = count
    }

    func response(headers: HTTPFields, contentLength: Int? = nil) -> Response {
        let (prefix, chunk, count, state) = (self.prefix, self.chunk, self.count, self.state)
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody(contentLength: contentLength) { writer in
                do {
                    if let prefix {
                        try await writer.write(prefix)
                    }
                    for _ in 0..<count {
                        try await writer.write(chunk)
                        await state.add(chunk.readableBytes)
                        try await Task.sleep(for: .milliseconds(1))
                    }
                    try await writer.finish(nil)
                } catch {
                    await state.abort()
                    throw error
                }
            })
    }

    /// Waits until the writer stopped (finished or failed), at most two seconds.
    func outcome() async throws -> Outcome {
        for _ in 0..<200 {
            let current = await state.outcome
            if current.aborted || current.bytes >= chunk.readableBytes * count { return current }
            try await Task.sleep(for: .milliseconds(10))
        }
        return await state.outcome
    }

    private actor Progress {
        var outcome = Outcome()
        func add(_ bytes: Int) { outcome.bytes += bytes }
        func abort() { outcome.aborted = true }
    }
}
