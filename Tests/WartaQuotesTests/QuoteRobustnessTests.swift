import Testing
import WartaCore
import WartaQuotes

/// Bad input finishes with no crash; no timing is asserted (the machine is shared), but every rule is bounded.
@Suite("Quote robustness")
struct QuoteRobustnessTests {
    @Test("empty, huge, endless, capitalised and unbalanced bodies")
    func hostile() {
        let paragraph =
            "\"Pembicaraan berjalan baik,\" kata Bagheri Kani dikutip Reuters. "
            + "Sebuah sumber mengatakan kepada Middle East Eye bahwa kesepakatan dekat.\n\n"
        let large = String(repeating: paragraph, count: 2_000_000 / paragraph.utf8.count + 1)
        let capitals = (0..<10_000).map { "Nama\($0)" }.joined(separator: " ") + " mengatakan bahwa semua baik"
        let noEnds = String(repeating: "dia mengatakan bahwa menurut laporan Reuters kata Ali ", count: 20_000)
        let unbalanced = String(repeating: "\" “ kata ” « \" katanya, ", count: 20_000)
        for text in ["", capitals, noEnds, unbalanced] {
            _ = QuoteAnnotator().quotes(in: text)
        }
        let quotes = QuoteAnnotator().quotes(in: large)
        #expect(quotes.count >= 2 * (2_000_000 / paragraph.utf8.count))
    }
}
