import Foundation
import Testing
import WartaCore
import WartaDates

/// Bad input finishes with no crash; no timing is asserted (the machine is shared), but every case is linear.
@Suite("Date robustness")
struct DateRobustnessTests {
    static let reference = DateAnnotatorTests.day("2024-05-27")

    @Test("an empty body has no dates")
    func empty() throws {
        #expect(DateAnnotator().mentions(in: "", referenceDate: Self.reference).isEmpty)
        #expect(PublishedDateResolver().resolve(body: "") == nil)
    }

    @Test("a 2 MB body is annotated")
    func large() {
        let paragraph = "Sejak Hamas menyerang Israel pada 7 Oktober, pembicaraan berlangsung pada hari Jumat. "
        let body = String(repeating: paragraph, count: 2_000_000 / paragraph.utf8.count + 1)
        let mentions = DateAnnotator().mentions(in: body, referenceDate: Self.reference)
        #expect(mentions.count >= 2 * (2_000_000 / paragraph.utf8.count))
        #expect(PublishedDateResolver().resolve(body: body) == nil)
    }

    @Test("text with no sentence ends, capitalised runs, stray digits and slashes")
    func hostile() {
        let noEnds = String(repeating: "pada hari Jumat kemarin dan 7 Oktober lalu ", count: 5_000)
        let capitals = (0..<10_000).map { "Jumat\($0 % 7) Oktober Minggu" }.joined(separator: " ")
        let digits = String(repeating: "1/2/3/4/5-6-7.8.9 (", count: 5_000)
        for text in [noEnds, capitals, digits] {
            _ = DateAnnotator().mentions(in: text, referenceDate: Self.reference)
            _ = PublishedDateResolver().resolve(body: text)
        }
    }
}
