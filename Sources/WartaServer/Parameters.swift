import Foundation
import WartaDates
import WartaQuery

/// A request's query parameters, checked against the names a route takes: an unknown name or a bad value is a
/// ``QueryError`` naming the parameter (HTTP 400), never a guess.
struct Parameters: Sendable {
    private(set) var values: [String: String] = [:]
    /// Forms send empty fields: a page reads `from=` as no day; the API refuses it as a bad day.
    let emptyIsAbsent: Bool

    /// Reads `query` (the raw query string: `+` is a space, `%XX` a byte) and refuses names outside `allowed` and
    /// names given twice.
    init(query: String?, allowed: Set<String>, emptyIsAbsent: Bool = false) throws(QueryError) {
        self.emptyIsAbsent = emptyIsAbsent
        guard let query, !query.isEmpty else { return }
        guard query.utf8.count <= 8_192 else {
            throw QueryError(
                .badParameter("query"), code: "W0901", message: "the query string is longer than 8 KiB",
                hint: "send fewer or shorter parameters")
        }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else {
                throw QueryError(
                    .badParameter("query"), code: "W0901",
                    message: "a parameter name is not valid percent-encoded UTF-8",
                    hint: "encode names and values as UTF-8 with %XX escapes")
            }
            guard allowed.contains(name) else {
                throw QueryError(
                    .badParameter(name), code: "W0901", message: "unknown parameter \"\(name)\"",
                    hint: "this endpoint takes: " + allowed.sorted().joined(separator: ", "))
            }
            guard let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw QueryError(
                    .badParameter(name), code: "W0901",
                    message: "the value of \"\(name)\" is not valid percent-encoded UTF-8",
                    hint: "encode values as UTF-8 with %XX escapes")
            }
            guard values[name] == nil else {
                throw QueryError(
                    .badParameter(name), code: "W0901", message: "\"\(name)\" is given more than once",
                    hint: "give each parameter once")
            }
            values[name] = value
        }
    }

    /// The value of a typed parameter: `nil` when absent (or empty on a page); an empty value on the API is bad.
    private func typed(_ name: String, example: String) throws(QueryError) -> String? {
        guard let value = values[name] else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            if emptyIsAbsent { return nil }
            throw QueryError(
                .badParameter(name), code: "W0901", message: "\"\(name)\" is empty",
                hint: "\(name)=\(example) or leave it out")
        }
        return trimmed
    }

    /// Form decoding: `+` is a space, `%XX` a byte; `nil` for a bad escape or bytes that are not UTF-8.
    static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(0x20)
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hex), let low = iterator.next().flatMap(hex) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A non-empty value, trimmed; `nil` when absent or blank.
    func string(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// A text value that may be absent but, when given, must not be empty.
    func text(_ name: String, example: String) throws(QueryError) -> String? {
        try typed(name, example: example)
    }

    func require(_ name: String, example: String) throws(QueryError) -> String {
        guard let value = string(name) else {
            throw QueryError(
                .badParameter(name), code: "W0901", message: "\"\(name)\" is required", hint: "\(name)=\(example)")
        }
        return value
    }

    func int(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws(QueryError) -> Int {
        guard let text = try typed(name, example: String(fallback)) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw QueryError(
                .badParameter(name), code: "W0901",
                message:
                    "\"\(name)\" takes a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"",
                hint: "\(name)=\(fallback)")
        }
        return value
    }

    func id(_ name: String) throws(QueryError) -> Int64? {
        guard let text = try typed(name, example: "1") else { return nil }
        guard let value = Int64(text), value > 0 else {
            throw QueryError(
                .badParameter(name), code: "W0901", message: "\"\(name)\" takes a positive id, not \"\(text)\"",
                hint: "\(name)=1")
        }
        return value
    }

    /// A day as YYYY-MM-DD.
    func day(_ name: String) throws(QueryError) -> String? {
        guard let text = try typed(name, example: "2019-09-01") else { return nil }
        guard text.utf8.count == 10, ISODay.days(text) != nil else {
            throw QueryError(
                .badParameter(name), code: "W0901", message: "\"\(name)\" takes a day as YYYY-MM-DD, not \"\(text)\"",
                hint: "\(name)=2019-09-01")
        }
        return text
    }

    func choice<T: RawRepresentable & CaseIterable>(_ name: String, default fallback: T) throws(QueryError) -> T
    where T.RawValue == String {
        guard let text = try typed(name, example: fallback.rawValue) else { return fallback }
        guard let value = T(rawValue: text.lowercased()) else {
            throw QueryError(
                .badParameter(name), code: "W0901",
                message: "\"\(name)\" is one of " + T.allCases.map(\.rawValue).joined(separator: ", ")
                    + ", not \"\(text)\"",
                hint: "\(name)=\(fallback.rawValue)")
        }
        return value
    }
}
