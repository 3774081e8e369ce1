import Foundation

/// A named header field of a WARC record or an HTTP message, as written (name case kept).
public struct HeaderField: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Header names compare without ASCII case (`content-length` is `Content-Length`).
    static func sameName(_ left: String, _ right: String) -> Bool {
        func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        return left.utf8.count == right.utf8.count && zip(left.utf8, right.utf8).allSatisfy { lower($0) == lower($1) }
    }
}

extension [HeaderField] {
    /// The first field named `name`, compared without case.
    public subscript(field name: String) -> String? {
        first { HeaderField.sameName($0.name, name) }?.value
    }
}

/// The head of a WARC record: its place in the file and its named fields, with the HTTP head of an
/// `application/http` block.
public struct WARCRecordHead: Sendable, Equatable {
    /// Where the record starts in the file: for gzip files the offset of its gzip member (as CDX indexes give it),
    /// for plain files of its `WARC/` line.
    public var offset: Int
    /// `1.0`, `1.1`, … from the `WARC/` line.
    public var version: String
    public var fields: [HeaderField]
    /// The length of the record's block, from `Content-Length`.
    public var contentLength: Int
    /// The HTTP status line and headers when the block is an HTTP message (`Content-Type: application/http`).
    public var http: HTTPHead?

    /// `WARC-Type`: `warcinfo`, `response`, `request`, `resource`, `metadata`, `revisit`, `conversion`,
    /// `continuation`.
    public var type: String { fields[field: "WARC-Type"] ?? "" }
    public var targetURI: String? {
        fields[field: "WARC-Target-URI"].map { uri in
            // WARC/1.0 writers (wget) put the URI in angle brackets.
            uri.hasPrefix("<") && uri.hasSuffix(">") ? String(uri.dropFirst().dropLast()) : uri
        }
    }
    public var date: String? { fields[field: "WARC-Date"] }
    public var contentType: String? { fields[field: "Content-Type"] }
    public var recordID: String? { fields[field: "WARC-Record-ID"] }
}

/// The head of an HTTP message stored in a WARC block.
public struct HTTPHead: Sendable, Equatable {
    /// The status code of a response (`nil` for a request).
    public var status: Int?
    /// `GET`, `POST`, … for a request.
    public var method: String?
    public var headers: [HeaderField]
    /// How many bytes of the block the status line and headers take: the payload starts there.
    public var length: Int

    public init(status: Int?, method: String?, headers: [HeaderField], length: Int) {
        self.status = status
        self.method = method
        self.headers = headers
        self.length = length
    }

    /// The media type of the payload without parameters, lower-cased (`text/html`).
    public var mediaType: String? {
        headers[field: "Content-Type"].map(Self.mediaType(of:))
    }

    /// The `charset` parameter of `Content-Type`, lower-cased, without quotes.
    public var charset: String? {
        headers[field: "Content-Type"].flatMap(Self.charset(of:))
    }

    static func mediaType(of contentType: String) -> String {
        let type = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return type.trimmingCharacters(in: .whitespaces).lowercased()
    }

    static func charset(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else {
                continue
            }
            let value = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                in: CharacterSet(charactersIn: "\"'"))
            return value.isEmpty ? nil : value.lowercased()
        }
        return nil
    }
}

/// One record: its head, and its block when the caller asked for it.
public struct WARCRecord: Sendable, Equatable {
    public var head: WARCRecordHead
    /// The block's bytes, `nil` when the caller did not want them (they were skipped without a copy).
    public var block: [UInt8]?

    /// The HTTP payload (the block after the HTTP head), as stored: still chunked or compressed when the server
    /// sent it so; ``HTTPPayload/decode(_:head:limit:)`` undoes both.
    public var payload: ArraySlice<UInt8>? {
        guard let block else { return nil }
        return block[min(head.http?.length ?? 0, block.count)...]
    }
}

/// What a WARC reader found at one place of a file.
public enum WARCItem: Sendable, Equatable {
    case record(WARCRecord)
    /// Something at `offset` could not be read as a record; the reader went on after it where it could.
    case failure(offset: Int, reason: String)
}
