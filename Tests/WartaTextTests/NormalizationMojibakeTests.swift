import Testing
import WartaText

/// Quotation marks some Indonesian sites publish as Mac Roman misreadings of UTF-8 (the rss-2025-06 corpus).
@Suite("Mojibake repair")
struct NormalizationMojibakeTests {
    @Test("\"‚Äú\" and \"‚Äù\" are quotation marks again; dashes, apostrophes and ellipses too")
    func repairs() {
        let text = "‚ÄúKeamanan itu mutlak,‚Äù ujar Paku Alam ‚Äî Jum‚Äôat‚Ä¶ 2019‚Äì2020"
        #expect(Normalization.repairingMojibake(text) == "“Keamanan itu mutlak,” ujar Paku Alam — Jum’at… 2019–2020")
    }

    @Test(
        "text without the misreading is returned as it is, other non-ASCII included",
        arguments: [
            "Borussia Mönchengladbach menang", "‚Ä alone", "Äú without the comma-quote", "",
        ])
    func untouched(_ text: String) {
        #expect(Normalization.repairingMojibake(text) == text)
    }
}
