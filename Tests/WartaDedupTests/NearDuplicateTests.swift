import Foundation
import Testing
import WartaCore
import WartaDedup
import WartaExtract
import WartaTestSupport

@Suite("Near-duplicates")
struct NearDuplicateTests {
    static let lead = """
        Juru bicara Gedung Putih mengatakan Amerika Serikat tidak siap untuk melanjutkan perundingan nuklir dengan Iran \
        di bawah presiden yang baru terpilih, Masoud Pezeshkian. Akan tetapi, pejabat luar negeri Iran Ali Bagheri Kani \
        menyebut Iran masih melakukan perundingan nuklir tidak langsung dengan Amerika Serikat melalui Oman menurut surat \
        kabar Etemad Iran. Pezeshkian menjabat disaat konflik timur tengah meningkat akibat perang Hamas dan Israel di \
        Gaza yang telah memperburuk hubungan Teheran dan Washington.
        """

    @Test("exact Jaccard on sorted hash sets")
    func jaccard() {
        #expect(MinHasher.jaccard([1, 2, 3, 4], [3, 4, 5, 6]) == 2.0 / 6.0)
        #expect(MinHasher.jaccard([], []) == 1)
        #expect(MinHasher.jaccard([1], []) == 0)
    }

    @Test("shingles are sorted, unique, case-blind; short texts use 3-word shingles")
    func shingles() {
        let shingler = Shingler()
        let a = shingler.shingles("Banjir melanda Jakarta pada Senin pagi")
        #expect(a == a.sorted())
        #expect(Set(a).count == a.count)
        #expect(a.count == 4)  // 6 words, 3-word shingles
        #expect(shingler.shingles("BANJIR melanda jakarta pada senin PAGI") == a)
        #expect(shingler.shingles("") == [])
        #expect(shingler.shingles("satu").count == 1)
    }

    @Test("MinHash estimates track exact Jaccard")
    func estimate() {
        let shingler = Shingler()
        let hasher = MinHasher()
        let a = shingler.shingles(Self.lead)
        let edited = Self.lead.replacingOccurrences(of: "Etemad", with: "Kayhan")
        let b = shingler.shingles(edited)
        let exact = MinHasher.jaccard(a, b)
        let estimate = MinHasher.estimate(hasher.signature(a), hasher.signature(b))
        #expect(exact > 0.8 && exact < 1)
        #expect(abs(estimate - exact) < 0.15)
        #expect(hasher.signature(a) == hasher.signature(a))
    }

    @Test("finds a syndicated copy with another dateline and credit, and groups copies under the origin")
    func syndicatedCopy() throws {
        let extractor = PlainTextExtractor(rules: try DebrisRules.bundled())
        func body(_ text: String) throws -> String {
            let raw = RawDocument(origin: "x", bytes: Array(text.utf8), contentType: .plainText)
            guard case .kept(let article) = try extractor.process(raw, context: StageContext()) else { return "" }
            return article.body
        }
        let original = try body("GEMALANTANG.COM -- " + Self.lead)
        let copy = try body("TRIBUNJATENG.COM, SEMARANG – " + Self.lead + "\n(Tribunjateng.com/Budi Santoso)")
        let other = try body(
            "JAKARTA - Harga beras di pasar induk naik untuk pekan ketiga berturut-turut, kata pedagang, "
                + "sementara pemerintah menyiapkan operasi pasar di dua puluh kota besar pekan depan.")
        var index = NearDuplicateIndex()
        #expect(index.add(text: original) == nil)
        #expect(index.add(text: other) == nil)
        let found = index.add(text: copy)
        let match = try #require(found)
        #expect(match.origin == 0)
        #expect(match.jaccard == 1)
        // A copy of the copy is folded under the first origin too.
        let edited = index.add(text: copy.replacingOccurrences(of: "Etemad", with: "Kayhan"))
        #expect(edited?.origin == 0)
        #expect((edited?.jaccard ?? 0) >= 0.8)
        #expect(index.add(text: "sesuatu yang lain sama sekali", exactKey: "k1") == nil)
        let exact = index.add(text: "teks berbeda", exactKey: "k1")
        #expect(exact?.origin == 4 && exact?.exact == true && exact?.jaccard == 1)
    }

    @Test("forgets the shingles of documents older than the window, so memory stays bounded")
    func window() {
        var configuration = NearDuplicateIndex.Configuration()
        configuration.retainedDocuments = 2
        var index = NearDuplicateIndex(configuration: configuration)
        let edited = Self.lead.replacingOccurrences(of: "Etemad", with: "Kayhan")
        #expect(index.add(text: Self.lead) == nil)
        #expect(index.add(text: edited)?.origin == 0)
        #expect(index.add(text: "Harga beras naik di pasar induk untuk pekan ketiga berturut-turut.") == nil)
        #expect(index.add(text: "Pemerintah menyiapkan operasi pasar di dua puluh kota besar.") == nil)
        // Documents 0 and 1 are past the window of 2: a third copy finds nothing to verify against.
        #expect(index.add(text: edited) == nil)
    }

    @Test("does not join texts below the threshold")
    func belowThreshold() {
        var index = NearDuplicateIndex()
        let words = Self.lead.split(separator: " ")
        let half = words.prefix(words.count / 2).joined(separator: " ")
        #expect(index.add(text: Self.lead) == nil)
        #expect(index.add(text: half) == nil)
    }
}
