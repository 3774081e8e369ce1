import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression

/// Per-call limits that differ between pages and robots.txt.
struct RequestOptions: Sendable {
    /// Largest body accepted.
    var bodyLimit: Int
    /// Keep the first `bodyLimit` bytes instead of failing (robots.txt: RFC 9309 §2.5).
    var truncatesBody = false
}

/// Decides whether and when one hop may run; ``PoliteFetcher`` checks robots.txt and waits for the
/// host's turn here.
protocol HopGate: Sendable {
    /// Runs `perform` when the hop is allowed, or returns a failure without running it.
    func admit(_ target: FetchTarget, perform: @Sendable () async -> HopResult) async -> HopResult
}

/// A 2xx response with its body read.
struct ReceivedResponse: Sendable {
    var status: Int
    var headers: [FetchedPage.Header]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name }?.value
    }
}

/// What one request produced, plus what the scheduler needs for back-off.
struct HopResult: Sendable {
    enum Outcome: Sendable {
        case response(ReceivedResponse)
        case redirect(URL)
        case notModified
        case failed(FetchFailure.Kind)
    }

    var outcome: Outcome
    /// The HTTP status, when a response head arrived.
    var status: Int?
    /// `Retry-After`, when the response carried a valid one.
    var retryAfter: Duration?

    static func failed(_ kind: FetchFailure.Kind) -> HopResult {
        HopResult(outcome: .failed(kind), status: nil, retryAfter: nil)
    }
}

/// Thrown from AsyncHTTPClient's connection initializer when the connected peer is not allowed.
struct PeerAddressRefused: Error {
    /// `nil` when the socket had no IP peer address at all.
    var refusal: AddressRefusal?
}

extension Fetcher {
    /// Checks the addresses of `target`, then sends the request; both under the request timeout, so a
    /// hanging DNS lookup times out too.
    func performHop(_ target: FetchTarget, validators: Validators?, options: RequestOptions) async -> HopResult {
        let request = makeRequest(target, validators: validators)
        let timeout = configuration.requestTimeout
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        return await withTaskGroup(of: HopResult?.self) { group in
            group.addTask {
                if let refused = await self.checkAddresses(of: target) {
                    return .failed(refused)
                }
                return await self.exchange(request, target: target, options: options, deadline: deadline)
            }
            group.addTask {
                // The timer. When the exchange finishes first this sleep is cancelled, which is the
                // expected way for it to end, so its CancellationError carries no information.
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            // Cancelling the exchange makes AsyncHTTPClient abort the request and close the connection.
            group.cancelAll()
            if let first { return first }
            return .failed(Task.isCancelled ? .network("cancelled") : .timeout)
        }
    }

    /// A refusal for the first address that fails the policy, or a DNS failure; `nil` when every
    /// address may be contacted.
    func checkAddresses(of target: FetchTarget) async -> FetchFailure.Kind? {
        let addresses: [IPAddress]
        if let literal = IPAddress(parsing: target.host) {
            addresses = [literal]
        } else {
            do {
                addresses = try await resolver.addresses(for: target.host, port: target.key.port)
            } catch {
                return .network(String(describing: error))
            }
        }
        guard !addresses.isEmpty else { return .network("no address for host \"\(target.host)\"") }
        for address in addresses {
            if let refusal = configuration.addressPolicy.refusal(for: address, host: target.host) {
                return .refusedAddress(refusal)
            }
        }
        return nil
    }

    private func makeRequest(_ target: FetchTarget, validators: Validators?) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: target.url.absoluteString)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        request.headers.add(name: "Accept", value: configuration.accept)
        request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        if let etag = validators?.etag {
            request.headers.add(name: "If-None-Match", value: etag)
        }
        if let lastModified = validators?.lastModified {
            request.headers.add(name: "If-Modified-Since", value: lastModified)
        }
        return request
    }

    private func exchange(
        _ request: HTTPClientRequest, target: FetchTarget, options: RequestOptions, deadline: NIODeadline
    ) async -> HopResult {
        do {
            let response = try await client.execute(request, deadline: deadline, logger: logger)
            let status = Int(response.status.code)
            let retryAfter = response.headers.first(name: "retry-after").flatMap { RetryAfter.parse($0, now: now()) }
            var result = HopResult(outcome: .notModified, status: status, retryAfter: retryAfter)
            switch status {
            case 301, 302, 303, 307, 308:
                // The body of a redirect is dropped unread; AsyncHTTPClient then closes the connection.
                guard let location = response.headers.first(name: "location"),
                    let next = URL(string: location, relativeTo: target.url)?.absoluteURL
                else {
                    result.outcome = .failed(.httpStatus(status))
                    return result
                }
                result.outcome = .redirect(next)
            case 304:
                result.outcome = .notModified
            case 200..<300:
                result.outcome = try await readBody(of: response, status: status, options: options)
            case 429:
                result.outcome = .failed(.rateLimited(retryAfter: retryAfter))
            default:
                result.outcome = .failed(.httpStatus(status))
            }
            return result
        } catch {
            return .failed(Self.kind(of: error, host: target.host))
        }
    }

    /// Streams the body, stopping as soon as it passes the limit so an endless or huge body never
    /// sits in memory.
    private func readBody(of response: HTTPClientResponse, status: Int, options: RequestOptions) async throws
        -> HopResult.Outcome
    {
        let declared = response.headers.first(name: "content-length").flatMap { Int($0) }
        if let declared, declared > options.bodyLimit, !options.truncatesBody {
            return .failed(.tooLarge)
        }
        var body: [UInt8] = []
        body.reserveCapacity(min(declared ?? 64 * 1024, options.bodyLimit))
        for try await chunk in response.body {
            let room = options.bodyLimit - body.count
            if chunk.readableBytes > room {
                guard options.truncatesBody else { return .failed(.tooLarge) }
                body.append(contentsOf: chunk.readableBytesView.prefix(room))
                break
            }
            body.append(contentsOf: chunk.readableBytesView)
        }
        let headers = response.headers.map { FetchedPage.Header(name: $0.name, value: $0.value) }
        return .response(ReceivedResponse(status: status, headers: headers, body: body))
    }

    /// Maps what AsyncHTTPClient and NIO throw onto failure kinds.
    static func kind(of error: any Error, host: String) -> FetchFailure.Kind {
        switch error {
        case let refused as PeerAddressRefused:
            guard let refusal = refused.refusal else { return .network("connection has no IP peer address") }
            return .refusedAddress(AddressRefusal(host: host, address: refusal.address, reason: refusal.reason))
        case let error as HTTPClientError:
            let timeouts: [HTTPClientError] = [
                .deadlineExceeded, .readTimeout, .connectTimeout, .getConnectionFromPoolTimeout, .tlsHandshakeTimeout,
                .writeTimeout,
            ]
            if timeouts.contains(error) { return .timeout }
            return .network(error.description)
        case is NIOHTTPDecompression.DecompressionError, is NIOHTTPDecompression.ExtraDecompressionError:
            return .decompression
        case is CancellationError:
            return .network("cancelled")
        default:
            return .network(String(describing: error))
        }
    }

    /// Runs in AsyncHTTPClient's connection initializer, after connecting and before the first
    /// request is written: refuses a peer the policy does not allow, whatever DNS said earlier.
    static func verifyPeer(of channel: any Channel, policy: AddressPolicy) -> EventLoopFuture<Void> {
        let peer = channel.remoteAddress?.ipAddress.flatMap { IPAddress(parsing: $0) }
        guard let peer else {
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(PeerAddressRefused(refusal: nil))
        }
        if let refusal = policy.refusal(for: peer, host: "connection peer") {
            // Closing here is safe: the pool ignores close events for a connection it never started
            // using, and the failed future removes it from the pool.
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(PeerAddressRefused(refusal: refusal))
        }
        return channel.eventLoop.makeSucceededVoidFuture()
    }
}
