/// Which network addresses the fetcher may connect to: the guard against server-side request forgery.
///
/// A feed or a redirect can point anywhere, including "http://169.254.169.254/latest/meta-data" (a
/// cloud metadata service) or "http://10.0.0.1/" (the office router). By default only public unicast
/// addresses are allowed. The check runs on addresses, never on names: after DNS resolution (every
/// resolved address must pass), for every redirect hop, and again on the peer address of every new
/// connection (see ``Fetcher``).
public struct AddressPolicy: Sendable, Hashable {
    /// Allows 127.0.0.0/8 and ::1 (also as ::ffff:127.x.y.z). Tests use this to reach a local server
    /// while 10.0.0.1 and 169.254.169.254 stay refused.
    public var allowLoopback: Bool
    /// Allows every address: private, link-local, multicast, reserved, everything. Use it only for a
    /// crawler that is meant to read an intranet.
    public var allowPrivate: Bool

    /// Creates a policy; the default refuses everything that is not public unicast.
    public init(allowLoopback: Bool = false, allowPrivate: Bool = false) {
        self.allowLoopback = allowLoopback
        self.allowPrivate = allowPrivate
    }

    /// Why an address is not public, or `nil` when it is public unicast.
    ///
    /// This ignores the policy's options; ``refusal(for:)`` applies them.
    /// - Complexity: O(1).
    public static func classify(_ address: IPAddress) -> AddressRefusal.Reason? {
        switch address {
        case .v4(let value):
            return classifyIPv4(value)
        case .v6(let high, let low):
            return classifyIPv6(high, low)
        }
    }

    /// Whether the policy refuses `address`, and why.
    ///
    /// - Parameters:
    ///   - address: a resolved or literal address.
    ///   - host: the host name as written in the URL, quoted in the refusal message.
    /// - Returns: `nil` when the address may be contacted.
    public func refusal(for address: IPAddress, host: String) -> AddressRefusal? {
        guard !allowPrivate, let reason = Self.classify(address) else { return nil }
        if allowLoopback, reason == .loopback { return nil }
        return AddressRefusal(host: host, address: address, reason: reason)
    }

    // MARK: IPv4

    private struct Block4 {
        let base: UInt32
        let prefix: Int
        let reason: AddressRefusal.Reason

        func contains(_ value: UInt32) -> Bool {
            let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << (32 - prefix)
            return value & mask == base
        }
    }

    /// IANA IPv4 special-purpose registry, narrowed to what a crawler must never contact. The order
    /// matters only for 255.255.255.255, which is listed before 240.0.0.0/4.
    private static let ipv4Blocks: [Block4] = [
        Block4(base: 0x0000_0000, prefix: 32, reason: .unspecified),  // 0.0.0.0
        Block4(base: 0x0000_0000, prefix: 8, reason: .reserved),  // 0.0.0.0/8 "this network"
        Block4(base: 0x0a00_0000, prefix: 8, reason: .privateNetwork),  // 10.0.0.0/8
        Block4(base: 0x6440_0000, prefix: 10, reason: .sharedAddressSpace),  // 100.64.0.0/10 CGNAT
        Block4(base: 0x7f00_0000, prefix: 8, reason: .loopback),  // 127.0.0.0/8
        Block4(base: 0xa9fe_0000, prefix: 16, reason: .linkLocal),  // 169.254.0.0/16
        Block4(base: 0xac10_0000, prefix: 12, reason: .privateNetwork),  // 172.16.0.0/12
        Block4(base: 0xc000_0000, prefix: 24, reason: .reserved),  // 192.0.0.0/24 IETF assignments
        Block4(base: 0xc000_0200, prefix: 24, reason: .documentation),  // 192.0.2.0/24 TEST-NET-1
        Block4(base: 0xc058_6300, prefix: 24, reason: .reserved),  // 192.88.99.0/24 6to4 relay
        Block4(base: 0xc0a8_0000, prefix: 16, reason: .privateNetwork),  // 192.168.0.0/16
        Block4(base: 0xc612_0000, prefix: 15, reason: .reserved),  // 198.18.0.0/15 benchmarking
        Block4(base: 0xc633_6400, prefix: 24, reason: .documentation),  // 198.51.100.0/24 TEST-NET-2
        Block4(base: 0xcb00_7100, prefix: 24, reason: .documentation),  // 203.0.113.0/24 TEST-NET-3
        Block4(base: 0xe000_0000, prefix: 4, reason: .multicast),  // 224.0.0.0/4
        Block4(base: 0xffff_ffff, prefix: 32, reason: .broadcast),  // 255.255.255.255
        Block4(base: 0xf000_0000, prefix: 4, reason: .reserved),  // 240.0.0.0/4
    ]

    private static func classifyIPv4(_ value: UInt32) -> AddressRefusal.Reason? {
        ipv4Blocks.first { $0.contains(value) }?.reason
    }

    // MARK: IPv6

    private static func classifyIPv6(_ high: UInt64, _ low: UInt64) -> AddressRefusal.Reason? {
        let top16 = UInt16(truncatingIfNeeded: high >> 48)
        let top32 = UInt32(truncatingIfNeeded: high >> 32)
        // ::/96 covers ::, ::1, and the deprecated IPv4-compatible form; ::ffff:0:0/96 is IPv4-mapped.
        if high == 0 {
            if low == 0 { return .unspecified }
            if low == 1 { return .loopback }
            if low >> 32 == 0xffff { return classifyIPv4(UInt32(truncatingIfNeeded: low)) }
            return .reserved
        }
        // 64:ff9b::/96, the NAT64 well-known prefix, reaches whatever IPv4 address it embeds.
        if high == 0x0064_ff9b_0000_0000, low >> 32 == 0 {
            return classifyIPv4(UInt32(truncatingIfNeeded: low))
        }
        // 2002::/16, 6to4, embeds an IPv4 address in bits 16–47.
        if top16 == 0x2002 {
            return classifyIPv4(UInt32(truncatingIfNeeded: high >> 16))
        }
        if top16 & 0xfe00 == 0xfc00 { return .uniqueLocal }  // fc00::/7
        if top16 & 0xffc0 == 0xfe80 { return .linkLocal }  // fe80::/10
        if top16 & 0xffc0 == 0xfec0 { return .privateNetwork }  // fec0::/10, deprecated site-local
        if top16 & 0xff00 == 0xff00 { return .multicast }  // ff00::/8
        if top32 == 0x2001_0db8 { return .documentation }  // 2001:db8::/32
        if top16 & 0xfff0 == 0x3ff0 { return .documentation }  // 3fff::/20 (RFC 9637)
        // 2001::/23 IETF protocol assignments, Teredo (2001::/32) among them.
        if top16 == 0x2001, (high >> 32) & 0xfe00 == 0 { return .reserved }
        // Everything outside global unicast 2000::/3 is unassigned or special.
        if top16 & 0xe000 != 0x2000 { return .reserved }
        return nil
    }
}

/// A refused connection: which host, which address, and why.
///
/// Its ``description`` is the message a user sees, e.g.
/// `refused address 169.254.169.254 for host "169.254.169.254": link-local address (169.254.0.0/16, fe80::/10)`.
public struct AddressRefusal: Sendable, Hashable, CustomStringConvertible {
    /// The host as written in the URL ("0x7f.1", "example.com").
    public var host: String
    /// The resolved or literal address that was refused.
    public var address: IPAddress
    /// The class of address that is not allowed.
    public var reason: Reason

    /// Creates a refusal.
    public init(host: String, address: IPAddress, reason: Reason) {
        self.host = host
        self.address = address
        self.reason = reason
    }

    /// Classes of non-public addresses.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// 127.0.0.0/8, ::1.
        case loopback
        /// 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fec0::/10.
        case privateNetwork
        /// 100.64.0.0/10, carrier-grade NAT.
        case sharedAddressSpace
        /// 169.254.0.0/16 (cloud metadata lives here), fe80::/10.
        case linkLocal
        /// fc00::/7.
        case uniqueLocal
        /// 224.0.0.0/4, ff00::/8.
        case multicast
        /// 0.0.0.0, ::.
        case unspecified
        /// 255.255.255.255.
        case broadcast
        /// 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32, 3fff::/20.
        case documentation
        /// Everything else that is not public unicast: 0.0.0.0/8, 240.0.0.0/4, 198.18.0.0/15, 2001::/23, …
        case reserved

        /// A short human description naming the ranges.
        public var explanation: String {
            switch self {
            case .loopback: return "loopback address (127.0.0.0/8, ::1)"
            case .privateNetwork: return "private network address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)"
            case .sharedAddressSpace: return "carrier-grade NAT address (100.64.0.0/10)"
            case .linkLocal: return "link-local address (169.254.0.0/16, fe80::/10)"
            case .uniqueLocal: return "unique-local address (fc00::/7)"
            case .multicast: return "multicast address (224.0.0.0/4, ff00::/8)"
            case .unspecified: return "unspecified address (0.0.0.0, ::)"
            case .broadcast: return "broadcast address (255.255.255.255)"
            case .documentation: return "documentation address (TEST-NET, 2001:db8::/32)"
            case .reserved: return "reserved or special-purpose address"
            }
        }
    }

    /// The user-facing message.
    public var description: String {
        "refused address \(address) for host \"\(host)\": \(reason.explanation)"
    }
}
