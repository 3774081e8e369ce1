import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns a host name into the addresses a connection could reach.
///
/// The fetcher checks every returned address against its ``AddressPolicy`` before connecting. Tests
/// substitute a fixed table to simulate DNS answers (for example a rebinding name).
public protocol HostResolver: Sendable {
    /// All addresses `host` resolves to for TCP on `port`.
    ///
    /// - Throws: ``HostResolutionError`` when the name does not resolve.
    func addresses(for host: String, port: Int) async throws -> [IPAddress]
}

/// The name did not resolve.
public struct HostResolutionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The host as written in the URL.
    public var host: String
    /// The resolver's message, e.g. `getaddrinfo` "Name or service not known".
    public var message: String

    /// Creates a resolution error.
    public init(host: String, message: String) {
        self.host = host
        self.message = message
    }

    /// "cannot resolve host "nowhere.invalid": Name or service not known".
    public var description: String { "cannot resolve host \"\(host)\": \(message)" }
}

/// Resolves with the system's `getaddrinfo`, the same resolver AsyncHTTPClient uses.
///
/// `getaddrinfo` blocks, so each call runs on a global dispatch queue rather than on a Swift
/// concurrency thread.
public struct SystemHostResolver: HostResolver {
    /// Creates the resolver.
    public init() {}

    /// See ``HostResolver/addresses(for:port:)``.
    ///
    /// Cancelling the task returns at once with `CancellationError`; the `getaddrinfo` call itself
    /// cannot be interrupted and finishes in the background.
    public func addresses(for host: String, port: Int) async throws -> [IPAddress] {
        let answer = SingleAnswer()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                answer.wait(with: continuation)
                DispatchQueue.global().async {
                    answer.resume(with: Self.lookUp(host: host, port: port).mapError { $0 as any Error })
                }
            }
        } onCancel: {
            answer.resume(with: .failure(CancellationError()))
        }
    }

    private static func lookUp(host: String, port: Int) -> Result<[IPAddress], HostResolutionError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
            hints.ai_socktype = SOCK_STREAM
        #else
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0 else {
            let message = gai_strerror(status).map { String(cString: $0) } ?? "error \(status)"
            return .failure(HostResolutionError(host: host, message: message))
        }
        defer { freeaddrinfo(list) }
        var addresses: [IPAddress] = []
        var cursor = list
        while let entry = cursor {
            if let address = entry.pointee.ai_addr.flatMap(Self.address(of:)), !addresses.contains(address) {
                addresses.append(address)
            }
            cursor = entry.pointee.ai_next
        }
        guard !addresses.isEmpty else {
            return .failure(HostResolutionError(host: host, message: "no IPv4 or IPv6 address"))
        }
        return .success(addresses)
    }

    private static func address(of socketAddress: UnsafeMutablePointer<sockaddr>) -> IPAddress? {
        switch Int32(socketAddress.pointee.sa_family) {
        case AF_INET:
            return socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                .v4(UInt32(bigEndian: $0.pointee.sin_addr.s_addr))
            }
        case AF_INET6:
            return socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                withUnsafeBytes(of: pointer.pointee.sin6_addr) { IPAddress(bytes: $0) }
            }
        default:
            return nil
        }
    }
}

/// Resumes a continuation once, with whichever comes first: the lookup's answer or cancellation.
///
/// `@unchecked Sendable` because `lock` guards both stored properties.
private final class SingleAnswer: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<[IPAddress], any Error>?
    private var early: Result<[IPAddress], any Error>?

    /// Stores the continuation, or resumes it at once when an answer (cancellation) came first.
    func wait(with continuation: CheckedContinuation<[IPAddress], any Error>) {
        lock.lock()
        if let early {
            lock.unlock()
            continuation.resume(with: early)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    /// Resumes the continuation if nothing else has; later answers are dropped.
    func resume(with result: Result<[IPAddress], any Error>) {
        lock.lock()
        guard let continuation else {
            if early == nil { early = result }
            lock.unlock()
            return
        }
        self.continuation = nil
        early = result
        lock.unlock()
        continuation.resume(with: result)
    }
}
