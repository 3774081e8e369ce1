import Foundation
import Testing
import WartaCore
import WartaDates

@Suite("Published date resolver")
struct PublishedDateResolverTests {
    @Test("takes a date in the lead as the dateline")
    func lead() throws {
        let body = "JAKARTA, Jumat (12/7/2024) – Pemerintah mengumumkan kebijakan baru pada 1 Juli 2024."
        let found = try #require(PublishedDateResolver().resolve(body: body))
        #expect(found.mention.iso == "2024-07-12")
        #expect(found.published.source == .dateline)
        #expect(found.rule == .leadDate)
    }

    @Test("takes the latest full date stated in the text")
    func latest() throws {
        let body =
            String(repeating: "Kalimat pengisi tanpa tanggal. ", count: 10)
            + "Perjanjian 1 Juli 2024 diteken. Hal itu dikutip Reuters (11/07/2024). Pada 3 Juli 2024 ada rapat."
        let found = try #require(PublishedDateResolver().resolve(body: body))
        #expect(found.mention.iso == "2024-07-11")
        #expect(found.published.source == .text)
        #expect(found.confidence == 0.6)
        #expect(found.published.text == "(11/07/2024)")
    }

    @Test("skips dates after the fetch time")
    func future() throws {
        let body = String(repeating: "Kalimat pengisi. ", count: 20) + "Rapat 1 Juli 2024. Pemilu 27 November 2024."
        let fetched = DateAnnotatorTests.day("2024-08-01")
        let found = try #require(PublishedDateResolver().resolve(body: body, fetchedAt: fetched))
        #expect(found.mention.iso == "2024-07-01")
    }

    @Test(
        "returns nil without a full date",
        arguments: [
            "Sejak Hamas menyerang Israel pada 7 Oktober, pada hari Jumat, awal bulan ini.",
            "",
            "Tidak ada tanggal di sini.",
        ])
    func none(_ body: String) {
        #expect(PublishedDateResolver().resolve(body: body) == nil)
    }
}
