/// An IPv4 or IPv6 address, as numbers rather than text.
///
/// Parsing is deliberately generous on the IPv4 side, because `getaddrinfo` (via `inet_aton`) is:
/// "http://2130706433/", "http://0x7f.1/" and "http://0177.0.0.1/" all reach 127.0.0.1 on Linux,
/// so the address guard has to see them as the loopback address they are.
public enum IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// An IPv4 address, most significant octet first (`0x7f00_0001` is 127.0.0.1).
    case v4(UInt32)
    /// An IPv6 address as two 64-bit halves, most significant first (`::1` is `v6(0, 1)`).
    case v6(UInt64, UInt64)

    /// Parses a host as written in a URL: a dotted or numeric IPv4 form, or an IPv6 address with or
    /// without brackets.
    ///
    /// IPv4 follows `inet_aton`: one to four parts separated by dots, each decimal, octal (leading
    /// `0`) or hexadecimal (leading `0x`); the last part fills the remaining bytes, so "127.1" is
    /// 127.0.0.1 and "2130706433" is too. A single trailing dot is accepted ("127.0.0.1."). IPv6
    /// accepts `::` compression, an embedded dotted IPv4 tail ("::ffff:10.0.0.1") and a zone suffix
    /// ("fe80::1%eth0", "%25eth0"), which is dropped.
    ///
    /// - Parameter host: the host part of a URL, for example "0x7f.1" or "[::ffff:127.0.0.1]".
    /// - Returns: the address, or `nil` when `host` is a name rather than an address.
    public init?(parsing host: String) {
        var text = Substring(host)
        if text.hasPrefix("["), text.hasSuffix("]") {
            text = text.dropFirst().dropLast()
        }
        if text.contains(":") {
            guard let (high, low) = Self.parseIPv6(text) else { return nil }
            self = .v6(high, low)
        } else {
            guard let value = Self.parseIPv4(text) else { return nil }
            self = .v4(value)
        }
    }

    /// An address from 4 (IPv4) or 16 (IPv6) bytes in network order, as in `sockaddr_in`.
    public init?(bytes: some Collection<UInt8>) {
        let bytes = Array(bytes)
        switch bytes.count {
        case 4:
            self = .v4(bytes.reduce(0) { $0 << 8 | UInt32($1) })
        case 16:
            let high = bytes[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let low = bytes[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            self = .v6(high, low)
        default:
            return nil
        }
    }

    /// The canonical text form: dotted quad for IPv4, RFC 5952 for IPv6 ("::ffff:10.0.0.1" keeps its
    /// dotted tail so the embedded IPv4 address stays readable).
    public var description: String {
        switch self {
        case .v4(let value):
            return Self.dotted(value)
        case .v6(let high, let low):
            if high == 0, low >> 32 == 0xffff {
                return "::ffff:" + Self.dotted(UInt32(truncatingIfNeeded: low))
            }
            return Self.ipv6Text(high, low)
        }
    }

    /// The IPv4 address embedded in an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), else `nil`.
    public var ipv4Mapped: UInt32? {
        guard case .v6(let high, let low) = self, high == 0, low >> 32 == 0xffff else { return nil }
        return UInt32(truncatingIfNeeded: low)
    }

    // MARK: IPv4

    private static func dotted(_ value: UInt32) -> String {
        "\(value >> 24).\((value >> 16) & 0xff).\((value >> 8) & 0xff).\(value & 0xff)"
    }

    /// `inet_aton` rules; see ``init(parsing:)``.
    private static func parseIPv4(_ text: Substring) -> UInt32? {
        var text = text
        if text.hasSuffix(".") { text = text.dropLast() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var numbers: [UInt64] = []
        numbers.reserveCapacity(parts.count)
        for part in parts {
            guard let number = parseIPv4Part(part) else { return nil }
            numbers.append(number)
        }
        // Every part but the last is one octet; the last fills what is left.
        var value: UInt64 = 0
        for number in numbers.dropLast() {
            guard number <= 0xff else { return nil }
            value = value << 8 | number
        }
        guard let last = numbers.last else { return nil }
        let remainingBits = UInt64(8 * (5 - numbers.count))
        guard last < (1 << remainingBits) else { return nil }
        value = value << remainingBits | last
        return UInt32(truncatingIfNeeded: value)
    }

    private static func parseIPv4Part(_ part: Substring) -> UInt64? {
        guard !part.isEmpty, part.utf8.count <= 34 else { return nil }
        var digits = part
        var radix = 10
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            radix = 16
            digits = digits.dropFirst(2)
            // "0x" alone is zero for inet_aton.
            if digits.isEmpty { return 0 }
        } else if digits.count > 1, digits.hasPrefix("0") {
            radix = 8
            digits = digits.dropFirst()
        }
        guard digits.utf8.allSatisfy({ isDigit($0, radix: radix) }) else { return nil }
        return UInt64(digits, radix: radix)
    }

    private static func isDigit(_ byte: UInt8, radix: Int) -> Bool {
        switch radix {
        case 8: return (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte)
        case 10: return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        default:
            return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
    }

    // MARK: IPv6

    private static func parseIPv6(_ text: Substring) -> (UInt64, UInt64)? {
        var text = text
        if let percent = text.firstIndex(of: "%") {
            text = text[..<percent]
        }
        let groups: [UInt16]
        if let range = text.firstRange(of: "::") {
            let after = text[range.upperBound...]
            guard !after.contains("::"),
                let head = parseGroups(text[..<range.lowerBound], allowIPv4Tail: false),
                let tail = parseGroups(after, allowIPv4Tail: true),
                head.count + tail.count <= 7
            else { return nil }
            groups = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard let all = parseGroups(text, allowIPv4Tail: true), all.count == 8 else { return nil }
            groups = all
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for group in groups[0..<4] { high = high << 16 | UInt64(group) }
        for group in groups[4..<8] { low = low << 16 | UInt64(group) }
        return (high, low)
    }

    /// Parses colon-separated hex groups; a dotted IPv4 tail counts as two groups.
    private static func parseGroups(_ text: Substring, allowIPv4Tail: Bool) -> [UInt16]? {
        if text.isEmpty { return [] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var groups: [UInt16] = []
        for (index, part) in parts.enumerated() {
            if part.contains(".") {
                guard allowIPv4Tail, index == parts.count - 1, let v4 = parseStrictDottedQuad(part) else {
                    return nil
                }
                groups.append(UInt16(truncatingIfNeeded: v4 >> 16))
                groups.append(UInt16(truncatingIfNeeded: v4))
                continue
            }
            guard (1...4).contains(part.utf8.count), part.utf8.allSatisfy({ isDigit($0, radix: 16) }),
                let group = UInt16(part, radix: 16)
            else { return nil }
            groups.append(group)
        }
        return groups
    }

    /// Inside IPv6 only the plain dotted quad is valid ("::ffff:10.0.0.1").
    private static func parseStrictDottedQuad(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.utf8.count), part.utf8.allSatisfy({ isDigit($0, radix: 10) }),
                let octet = UInt32(part), octet <= 255
            else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    /// RFC 5952: lower-case hex, no leading zeros, the longest run (two or more) of zero groups as `::`.
    private static func ipv6Text(_ high: UInt64, _ low: UInt64) -> String {
        var groups: [UInt16] = []
        for shift in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: high >> shift)) }
        for shift in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: low >> shift)) }
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            let start = index
            while index < 8, groups[index] == 0 { index += 1 }
            if index - start > bestLength {
                bestStart = start
                bestLength = index - start
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestLength >= 2 else { return hex.joined(separator: ":") }
        let before = hex[0..<bestStart].joined(separator: ":")
        let after = hex[(bestStart + bestLength)...].joined(separator: ":")
        return before + "::" + after
    }
}
