import Foundation
import Testing
import WartaTestSupport

@testable import WartaIngest

/// One row of the date table: the text, the instant in UTC, and the offset the text gave (`nil`: none, UTC assumed).
struct FeedDateCase: CustomTestStringConvertible, Sendable {
    var text: String
    var utc: String
    var offset: Int?
    var hasTime = true

    var testDescription: String { text }
}

@Suite("Feed dates")
struct FeedDateTests {
    /// Real forms: RFC 822 as feeds write it, ISO 8601 as Atom, JSON Feed and sitemaps do, and the Indonesian page
    /// dates of ../shared/corpus/id-news/rss-2025-06 (`date_raw`, one per outlet) that sloppy feeds put in `pubDate`.
    static let cases: [FeedDateCase] = [
        // RFC 822 / RFC 1123, as feeds write them.
        FeedDateCase(text: "Wed, 18 Jun 2025 07:30:00 +0700", utc: "2025-06-18T00:30:00Z", offset: 25_200),
        FeedDateCase(text: "Wed, 18 Jun 2025 07:30:00 +07:00", utc: "2025-06-18T00:30:00Z", offset: 25_200),
        FeedDateCase(text: "Wed, 18 Jun 2025 00:30:00 GMT", utc: "2025-06-18T00:30:00Z", offset: 0),
        FeedDateCase(text: "Wed, 18 Jun 2025 00:30:00 UT", utc: "2025-06-18T00:30:00Z", offset: 0),
        FeedDateCase(text: "Wed, 18 Jun 2025 00:30:00 Z", utc: "2025-06-18T00:30:00Z", offset: 0),
        FeedDateCase(text: "Wed, 18 Jun 2025 00:30:00 -0000", utc: "2025-06-18T00:30:00Z", offset: 0),
        FeedDateCase(text: "18 Jun 2025 07:30:00 +0700", utc: "2025-06-18T00:30:00Z", offset: 25_200),
        FeedDateCase(text: "Wed, 18 Jun 25 07:30:00 +0700", utc: "2025-06-18T00:30:00Z", offset: 25_200),
        FeedDateCase(text: "Wed, 18 Jun 2025 07:30 +0700", utc: "2025-06-18T00:30:00Z", offset: 25_200),
        FeedDateCase(text: "Mon, 18 Jun 2025 07:30:00 +0700", utc: "2025-06-18T00:30:00Z", offset: 25_200),
        FeedDateCase(text: "Wed,  18 Jun 2025  07:30:00   +0700", utc: "2025-06-18T00:30:00Z", offset: 25_200),
        FeedDateCase(text: "Wed, 18 Jun 2025 07:30:00 +0700 (WIB)", utc: "2025-06-18T00:30:00Z", offset: 25_200),
        FeedDateCase(text: "Wed, 18 Jun 2025 07:30:00 GMT+7", utc: "2025-06-18T00:30:00Z", offset: 25_200),
        FeedDateCase(text: "Tue, 17 Jun 2025 20:30:00 EDT", utc: "2025-06-18T00:30:00Z", offset: -14_400),
        FeedDateCase(text: "Tue, 17 Jun 2025 19:30:00 EST", utc: "2025-06-18T00:30:00Z", offset: -18_000),
        FeedDateCase(text: "Tue, 17 Jun 2025 18:30:00 CDT", utc: "2025-06-17T23:30:00Z", offset: -18_000),
        FeedDateCase(text: "Tue, 17 Jun 2025 17:30:00 CST", utc: "2025-06-17T23:30:00Z", offset: -21_600),
        FeedDateCase(text: "Tue, 17 Jun 2025 18:30:00 MDT", utc: "2025-06-18T00:30:00Z", offset: -21_600),
        FeedDateCase(text: "Tue, 17 Jun 2025 17:30:00 MST", utc: "2025-06-18T00:30:00Z", offset: -25_200),
        FeedDateCase(text: "Tue, 17 Jun 2025 17:30:00 PDT", utc: "2025-06-18T00:30:00Z", offset: -25_200),
        FeedDateCase(text: "Tue, 17 Jun 2025 16:30:00 PST", utc: "2025-06-18T00:30:00Z", offset: -28_800),
        FeedDateCase(text: "Wed, 18 Jun 2025 07:30:00 G", utc: "2025-06-18T00:30:00Z", offset: 25_200),
        FeedDateCase(text: "Tue, 17 Jun 2025 18:30:00 R", utc: "2025-06-17T23:30:00Z", offset: -18_000),
        FeedDateCase(text: "Wed, 18 Jun 2025 08:30:00 WITA", utc: "2025-06-18T00:30:00Z", offset: 28_800),
        FeedDateCase(text: "Wed, 18 Jun 2025 09:30:00 WIT", utc: "2025-06-18T00:30:00Z", offset: 32_400),
        FeedDateCase(text: "Wed, 18 Jun 2025 07:30:00", utc: "2025-06-18T07:30:00Z", offset: nil),
        FeedDateCase(text: "Wed, 18 Jun 2025 07:30:00 CEST", utc: "2025-06-18T07:30:00Z", offset: nil),
        FeedDateCase(text: "Jun 18, 2025 7:30 PM EDT", utc: "2025-06-18T23:30:00Z", offset: -14_400),
        FeedDateCase(text: "Wed Jun 18 00:30:00 2025", utc: "2025-06-18T00:30:00Z", offset: nil),
        // Indonesian page dates, as the corpus's date_raw has them (detik, republika, liputan6, okezone, tempo,
        // kompas), and other Indonesian month spellings.
        FeedDateCase(text: "Rabu, 18 Jun 2025 07:30 WIB", utc: "2025-06-18T00:30:00Z", offset: 25_200),
        FeedDateCase(text: "Rabu   18 Jun 2025  22:02 WIB", utc: "2025-06-18T15:02:00Z", offset: 25_200),
        FeedDateCase(text: "Diperbarui 18 Jun 2025, 14:05 WIB", utc: "2025-06-18T07:05:00Z", offset: 25_200),
        FeedDateCase(
            text: ",\u{00A0}Jurnalis-Senin, 16 Juni 2025 |15:20 WIB", utc: "2025-06-16T08:20:00Z", offset: 25_200),
        FeedDateCase(
            text: ",\u{00A0}Jurnalis-Jum'at, 20 Juni 2025 |12:01 WIB", utc: "2025-06-20T05:01:00Z", offset: 25_200),
        FeedDateCase(text: "18 Juni 2025 | 20.04 WIB", utc: "2025-06-18T13:04:00Z", offset: 25_200),
        FeedDateCase(text: "Kompas.com- 18/06/2025, 21:35 WIB", utc: "2025-06-18T14:35:00Z", offset: 25_200),
        FeedDateCase(text: "Kompas.com- Diperbarui 19/06/2025, 10:25 WIB", utc: "2025-06-19T03:25:00Z", offset: 25_200),
        FeedDateCase(text: "Rabu, 18 Juni 2025 07:30:00 WIB", utc: "2025-06-18T00:30:00Z", offset: 25_200),
        FeedDateCase(text: "Selasa, 17 Agustus 2025 10:00 WIB", utc: "2025-08-17T03:00:00Z", offset: 25_200),
        FeedDateCase(text: "2 Ags 2025 08:00 WIB", utc: "2025-08-02T01:00:00Z", offset: 25_200),
        FeedDateCase(text: "2 Agu 2025 08:00 WIB", utc: "2025-08-02T01:00:00Z", offset: 25_200),
        FeedDateCase(text: "1 Desember 2024 09:00 WITA", utc: "2024-12-01T01:00:00Z", offset: 28_800),
        FeedDateCase(text: "Minggu, 5 Okt 2025 19.30 WIT", utc: "2025-10-05T10:30:00Z", offset: 32_400),
        FeedDateCase(text: "Kamis, 3 Nopember 2016 08:00 WIB", utc: "2016-11-03T01:00:00Z", offset: 25_200),
        FeedDateCase(text: "Sabtu, 1 Mei 2025", utc: "2025-05-01T00:00:00Z", offset: nil, hasTime: false),
        // ISO 8601 / RFC 3339.
        FeedDateCase(text: "2025-06-18T07:30:00+07:00", utc: "2025-06-18T00:30:00Z", offset: 25_200),
        FeedDateCase(text: "2025-06-18T00:30:00Z", utc: "2025-06-18T00:30:00Z", offset: 0),
        FeedDateCase(text: "2025-06-18T00:30Z", utc: "2025-06-18T00:30:00Z", offset: 0),
        FeedDateCase(text: "2025-06-18t00:30:00z", utc: "2025-06-18T00:30:00Z", offset: 0),
        FeedDateCase(text: "2025-06-18T07:30:00+0700", utc: "2025-06-18T00:30:00Z", offset: 25_200),
        FeedDateCase(text: "2025-06-17T20:30:00-04:00", utc: "2025-06-18T00:30:00Z", offset: -14_400),
        FeedDateCase(text: "2025-06-18 07:30:00", utc: "2025-06-18T07:30:00Z", offset: nil),
        FeedDateCase(text: "2025-06-18 07:30:00 WIB", utc: "2025-06-18T00:30:00Z", offset: 25_200),
        FeedDateCase(text: "20250618T003000Z", utc: "2025-06-18T00:30:00Z", offset: 0),
        FeedDateCase(text: "2025-06-18", utc: "2025-06-18T00:00:00Z", offset: nil, hasTime: false),
        FeedDateCase(text: "  2025-06-18T07:30:00+07:00\n", utc: "2025-06-18T00:30:00Z", offset: 25_200),
    ]

    @Test("parses real feed and page dates to the right instant and offset", arguments: cases)
    func table(_ row: FeedDateCase) throws {
        let parsed = try #require(FeedDate(row.text))
        #expect(parsed.date.isoUTC == row.utc)
        #expect(parsed.utcOffset == row.offset)
        #expect(parsed.isZoneAssumed == (row.offset == nil))
        #expect(parsed.hasTime == row.hasTime)
    }

    @Test(
        "returns nil for junk and impossible dates",
        arguments: [
            "", "   ", "kemarin", "N/A", "1 jam yang lalu", "12345", "0000-00-00 00:00:00", "2025-13-01",
            "31 Juni 2025", "29 Feb 2025 10:00 WIB", "Wed, 18 Jun 2025 25:00:00 +0700", "18 Foo 2025",
            "Wed, 18 Jun 2025 07:30:00 +0700 lalu dihapus", "2025-06-18T07:30:00+25:00", "18 Jun 2025 13:00 PM",
            String(repeating: "9", count: 500), "Senin Selasa Rabu Kamis Jumat Sabtu Minggu 18 Jun 2025",
        ]
    )
    func junk(_ text: String) {
        #expect(FeedDate(text) == nil)
    }

    @Test("keeps fractional seconds")
    func fraction() throws {
        let parsed = try #require(FeedDate("2025-06-18T07:30:00.123456789+07:00"))
        #expect(parsed.date.timeIntervalSince1970 == 1_750_206_600.123_456_789)
        let millis = try #require(FeedDate("2025-06-18T00:30:00.5Z"))
        #expect(millis.date.timeIntervalSince1970 == 1_750_206_600.5)
    }

    @Test("accepts 29 February in a leap year only")
    func leapDay() throws {
        #expect(try #require(FeedDate("29 Feb 2024 10:00 WIB")).date.isoUTC == "2024-02-29T03:00:00Z")
        #expect(FeedDate("29 Feb 2025 10:00 WIB") == nil)
    }

    @Test("reads every date_raw of the rss-2025-06 corpus as the corpus's own date", .enabled(if: corpus != nil))
    func corpusDates() throws {
        let url = try #require(Self.corpus)
        let compressed = try #require(FileManager.default.contents(atPath: url.path))
        let data = try FeedInput.gunzip([UInt8](compressed), limit: 64 << 20)
        var checked = 0
        var mismatches: [String] = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            let record = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            guard let raw = record?["date_raw"] as? String, let iso = record?["date"] as? String,
                let expected = FeedDate(iso)
            else { continue }
            checked += 1
            if FeedDate(raw)?.date != expected.date { mismatches.append(raw) }
        }
        #expect(checked == 3_697)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// `../shared/corpus/id-news/rss-2025-06/articles.jsonl.gz`, when the shared data is there.
    static var corpus: URL? {
        guard let shared = Fixtures.shared else { return nil }
        let url = shared.appendingPathComponent("corpus/id-news/rss-2025-06/articles.jsonl.gz")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}
