import Foundation
import Testing

@testable import WartaFetch

@Suite("Address parsing and the SSRF policy")
struct AddressPolicyTests {
    @Test(
        "numeric IPv4 forms that getaddrinfo accepts are recognised",
        arguments: [
            ("2130706433", "127.0.0.1"),
            ("0x7f000001", "127.0.0.1"),
            ("0x7f.1", "127.0.0.1"),
            ("0177.0.0.1", "127.0.0.1"),
            ("127.1", "127.0.0.1"),
            ("127.0.0.1.", "127.0.0.1"),
            ("10.1", "10.0.0.1"),
            ("0xa9.0xfe.0xa9.0xfe", "169.254.169.254"),
            ("0", "0.0.0.0"),
            ("8.8.8.8", "8.8.8.8"),
        ])
    func ipv4Forms(host: String, expected: String) {
        #expect(IPAddress(parsing: host)?.description == expected)
    }

    @Test(
        "IPv6 forms, with brackets, zones and IPv4 tails",
        arguments: [
            ("::1", "::1"),
            ("[::1]", "::1"),
            ("::", "::"),
            ("[::ffff:127.0.0.1]", "::ffff:127.0.0.1"),
            ("::ffff:7f00:1", "::ffff:127.0.0.1"),
            ("fe80::1%eth0", "fe80::1"),
            ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
            ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
            ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
        ])
    func ipv6Forms(host: String, expected: String) {
        #expect(IPAddress(parsing: host)?.description == expected)
    }

    @Test(
        "names and malformed addresses are not addresses",
        arguments: [
            "example.com", "1.2.3.4.5", "256.1.1.1", "1.2.3.0x100", "::g", "1::2::3", "12345::", "1:2:3:4:5:6:7",
            "09.1.1.1", "",
        ])
    func notAddresses(host: String) {
        #expect(IPAddress(parsing: host) == nil)
    }

    @Test(
        "special-purpose ranges are classified",
        arguments: [
            ("127.0.0.1", AddressRefusal.Reason.loopback),
            ("127.255.0.9", .loopback),
            ("::1", .loopback),
            ("10.0.0.1", .privateNetwork),
            ("172.16.0.1", .privateNetwork),
            ("172.31.255.255", .privateNetwork),
            ("192.168.1.1", .privateNetwork),
            ("100.64.0.1", .sharedAddressSpace),
            ("169.254.169.254", .linkLocal),
            ("fe80::1", .linkLocal),
            ("fc00::1", .uniqueLocal),
            ("fd12:3456::1", .uniqueLocal),
            ("224.0.0.1", .multicast),
            ("ff02::1", .multicast),
            ("0.0.0.0", .unspecified),
            ("::", .unspecified),
            ("255.255.255.255", .broadcast),
            ("192.0.2.1", .documentation),
            ("198.51.100.7", .documentation),
            ("203.0.113.9", .documentation),
            ("2001:db8::1", .documentation),
            ("240.0.0.1", .reserved),
            ("0.1.2.3", .reserved),
            ("198.18.0.1", .reserved),
            ("::ffff:10.0.0.1", .privateNetwork),
            ("::ffff:169.254.169.254", .linkLocal),
            ("::ffff:127.0.0.1", .loopback),
            ("64:ff9b::a00:1", .privateNetwork),
            ("2002:a00:1::1", .privateNetwork),
            ("2001::1", .reserved),
        ])
    func classification(address: String, reason: AddressRefusal.Reason) throws {
        let parsed = try #require(IPAddress(parsing: address))
        #expect(AddressPolicy.classify(parsed) == reason)
    }

    @Test(
        "public unicast is allowed",
        arguments: [
            "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "2a00:1450::1", "::ffff:8.8.8.8",
        ]
    )
    func publicAddresses(address: String) throws {
        let parsed = try #require(IPAddress(parsing: address))
        #expect(AddressPolicy.classify(parsed) == nil)
        #expect(AddressPolicy().refusal(for: parsed, host: address) == nil)
    }

    @Test("allowLoopback opens only loopback; allowPrivate opens everything")
    func options() throws {
        let loopbackOnly = AddressPolicy(allowLoopback: true)
        for allowed in ["127.0.0.1", "::1", "::ffff:127.0.0.1"] {
            let address = try #require(IPAddress(parsing: allowed))
            #expect(loopbackOnly.refusal(for: address, host: allowed) == nil)
        }
        for refused in ["10.0.0.1", "169.254.169.254", "::ffff:10.0.0.1", "0.0.0.0"] {
            let address = try #require(IPAddress(parsing: refused))
            #expect(loopbackOnly.refusal(for: address, host: refused) != nil)
        }
        let everything = AddressPolicy(allowPrivate: true)
        for text in ["10.0.0.1", "169.254.169.254", "fe80::1", "224.0.0.1"] {
            let address = try #require(IPAddress(parsing: text))
            #expect(everything.refusal(for: address, host: text) == nil)
        }
    }

    @Test("the refusal message names the host, the address and the range")
    func message() throws {
        let address = try #require(IPAddress(parsing: "0xa9fea9fe"))
        let refusal = try #require(AddressPolicy().refusal(for: address, host: "0xa9fea9fe"))
        #expect(
            refusal.description
                == "refused address 169.254.169.254 for host \"0xa9fea9fe\": link-local address (169.254.0.0/16, fe80::/10)"
        )
    }

    @Test("getaddrinfo resolves localhost to loopback only")
    func systemResolver() async throws {
        let addresses = try await SystemHostResolver().addresses(for: "localhost", port: 80)
        #expect(!addresses.isEmpty)
        #expect(addresses.allSatisfy { AddressPolicy.classify($0) == .loopback })
    }

    @Test("Retry-After: delay-seconds and HTTP-dates")
    func retryAfter() throws {
        let now = try #require(RetryAfter.httpDate("Sun, 06 Nov 1994 08:49:07 GMT"))
        #expect(RetryAfter.parse("120", now: now) == .seconds(120))
        #expect(RetryAfter.parse(" 0 ", now: now) == .zero)
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: now) == .seconds(30))
        #expect(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", now: now) == .seconds(30))
        #expect(RetryAfter.parse("Sun Nov  6 08:49:37 1994", now: now) == .seconds(30))
        #expect(RetryAfter.parse("Sat, 05 Nov 1994 08:49:37 GMT", now: now) == .zero)
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(RetryAfter.parse("-5", now: now) == nil)
    }

    @Test("Content-Type gives the media type and charset")
    func contentType() {
        let parsed = Fetcher.parseContentType("Text/HTML; Charset=\"UTF-8\"")
        #expect(parsed.mediaType == "text/html")
        #expect(parsed.charset == "utf-8")
        #expect(Fetcher.parseContentType("application/rss+xml").charset == nil)
    }

    @Test("the User-Agent names Warta and the contact URL")
    func userAgent() {
        #expect(Fetcher.Configuration().userAgent == "Warta/0.1")
        #expect(
            Fetcher.Configuration(contactURL: "https://example.org/warta").userAgent
                == "Warta/0.1 (+https://example.org/warta)")
    }
}
