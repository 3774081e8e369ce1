import Testing
import WartaCore
import WartaExtract

/// The debris rules on invented texts, Indonesian and English: the rules are data, the behaviour is general.
@Suite("Debris rules")
struct DebrisRuleTests {
    let extractor: PlainTextExtractor

    init() throws {
        extractor = PlainTextExtractor(rules: try DebrisRules.bundled())
    }

    func extract(_ text: String, title: String? = nil) throws -> Article? {
        let raw = RawDocument(
            origin: "invented.txt", bytes: Array(text.utf8), contentType: .plainText,
            hints: RawDocument.Hints(title: title))
        if case .kept(let article) = try extractor.process(raw, context: StageContext()) { return article }
        return nil
    }

    @Test(
        "drops debris lines and keeps the paragraphs around them",
        arguments: [
            "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Halaman 1 2 3", "Halaman 2",
            "Artikel ini telah tayang di Kompas.com dengan judul \"Banjir Surut\"", "Editor: Budi Santoso",
            "Sumber: Antara", "Advertisement", "Story continues below advertisement", "Page 1 2",
            "Copyright © 2016 PT.Viva Media Baru", "© 2025 WABC-TV. All Rights Reserved.", "Copyright 2024 Kompas.com",
        ]
    )
    func dropped(_ debris: String) throws {
        let text = "Banjir melanda Jakarta pada Senin pagi.\n\(debris)\nWarga mengungsi ke masjid terdekat."
        let article = try #require(try extract(text))
        #expect(article.body == "Banjir melanda Jakarta pada Senin pagi.\n\nWarga mengungsi ke masjid terdekat.")
        #expect(article.related.isEmpty)
    }

    @Test(
        "turns inline links into related items",
        arguments: [
            ("Baca juga: Harga Beras Naik Lagi", "Harga Beras Naik Lagi"),
            ("BACA JUGA - Harga Beras Naik Lagi", "Harga Beras Naik Lagi"),
            ("Simak juga: Video Banjir Jakarta", "Video Banjir Jakarta"),
            ("Lihat juga: Foto Banjir", "Foto Banjir"),
            ("Baca selengkapnya: Banjir Surut di Bekasi", "Banjir Surut di Bekasi"),
            ("Read more: Floods Hit Jakarta Again", "Floods Hit Jakarta Again"),
            ("Related: Floods Hit Jakarta Again", "Floods Hit Jakarta Again"),
        ] as [(String, String)]
    )
    func inline(line: String, title: String) throws {
        let text = "Banjir melanda Jakarta pada Senin pagi.\n\(line)\nWarga mengungsi ke masjid terdekat."
        let article = try #require(try extract(text))
        #expect(article.related == [RelatedLink(title: title, kind: .inline)])
        #expect(!article.body.contains(title))
    }

    @Test("takes the headline on the next line after a bare \"Baca Juga:\"")
    func bareInline() throws {
        let text = "Banjir melanda Jakarta.\nBaca Juga:\nHarga Beras Naik Lagi\nWarga mengungsi ke masjid terdekat."
        let article = try #require(try extract(text))
        #expect(article.related == [RelatedLink(title: "Harga Beras Naik Lagi", kind: .inline)])
        #expect(article.body == "Banjir melanda Jakarta.\n\nWarga mengungsi ke masjid terdekat.")
    }

    @Test("ends a related block at the first real paragraph")
    func blockEnds() throws {
        let text = """
            Banjir melanda Jakarta pada Senin pagi.
            Berita Terkait
            Harga Beras Naik Lagi
            Presiden Tinjau Lokasi Banjir!!!
            Pemerintah provinsi menyiapkan dua puluh posko pengungsian di lima kecamatan yang terdampak paling parah.
            """
        let article = try #require(try extract(text))
        #expect(article.related.map(\.title) == ["Harga Beras Naik Lagi", "Presiden Tinjau Lokasi Banjir!!!"])
        #expect(article.related.allSatisfy { $0.kind == .block })
        #expect(article.body.hasSuffix("lima kecamatan yang terdampak paling parah."))
    }

    @Test("reads a related block glued to its first item")
    func gluedBlock() throws {
        let text =
            "Banjir melanda Jakarta pada Senin pagi.\nArtikel Terkait: Harga Beras Naik Lagi\nPresiden Tinjau Banjir"
        let article = try #require(try extract(text))
        #expect(article.related.map(\.title) == ["Harga Beras Naik Lagi", "Presiden Tinjau Banjir"])
    }

    @Test(
        "reads datelines and names the outlet",
        arguments: [
            ("JAKARTA, KOMPAS.com - Banjir melanda Jakarta.", "kompas.com", "Banjir melanda Jakarta."),
            ("Liputan6.com, Jakarta - Banjir melanda Jakarta.", "liputan6.com", "Banjir melanda Jakarta."),
            ("TEMPO.CO, Jakarta – Banjir melanda Jakarta.", "tempo.co", "Banjir melanda Jakarta."),
            ("WASHINGTON (Reuters) - Talks resumed on Monday.", nil, "Talks resumed on Monday."),
            ("Jakarta - Banjir melanda Jakarta.", nil, "Banjir melanda Jakarta."),
        ] as [(String, String?, String)]
    )
    func dateline(line: String, outlet: String?, lead: String) throws {
        let article = try #require(try extract(line + "\nWarga mengungsi ke masjid terdekat."))
        #expect(article.outlet?.domain == outlet)
        #expect(article.body.hasPrefix(lead))
    }

    @Test("does not take an ordinary sentence with a dash for a dateline")
    func notDateline() throws {
        let text = "Menurut dia, harga beras - yang naik sejak Januari - akan turun.\nWarga lega."
        let article = try #require(try extract(text))
        #expect(article.body.hasPrefix("Menurut dia, harga beras - yang naik"))
        #expect(article.outlet == nil)
    }

    @Test("reads bylines from credit lines and from Penulis / By lines")
    func bylines() throws {
        let credit = try #require(
            try extract("Banjir melanda Jakarta.\nWarga mengungsi.\n(Kompas.com/Nabilla Tashandra)"))
        #expect(credit.byline == "Nabilla Tashandra")
        #expect(credit.outlet?.domain == "kompas.com")
        #expect(!credit.body.contains("Nabilla"))
        let penulis = try #require(try extract("Banjir melanda Jakarta.\nPenulis: Siti Aminah\nWarga mengungsi."))
        #expect(penulis.byline == "Siti Aminah")
        let english = try #require(try extract("By Jane Doe and John Smith\nFloods hit Jakarta on Monday."))
        #expect(english.byline == "Jane Doe and John Smith")
        for editorCode in ["(mg/rin)", "(Cas/Isk)", "(ant)"] {
            let code = try #require(try extract("Banjir melanda Jakarta.\nWarga mengungsi.\n\(editorCode)"))
            #expect(code.byline == nil)
            #expect(code.body == "Banjir melanda Jakarta.\n\nWarga mengungsi.", "\(editorCode)")
        }
        let aside = try #require(try extract("Banjir melanda Jakarta.\n(Foto: Antara)"))
        #expect(aside.body.hasSuffix("(Foto: Antara)"))
    }

    @Test("keeps a title line, or derives a title from the lead")
    func titles() throws {
        let titled = try #require(try extract("Banjir Besar Landa Jakarta\nBanjir melanda Jakarta pada Senin pagi."))
        #expect(titled.title == "Banjir Besar Landa Jakarta")
        #expect(!titled.titleDerived)
        #expect(titled.body == "Banjir melanda Jakarta pada Senin pagi.")
        let derived = try #require(try extract("Banjir melanda Jakarta pada Senin pagi. Warga mengungsi."))
        #expect(derived.title == "Banjir melanda Jakarta pada Senin pagi")
        #expect(derived.titleDerived)
        let hinted = try #require(try extract("Banjir melanda Jakarta pada Senin pagi.", title: "Judul dari Sumber"))
        #expect(hinted.title == "Judul dari Sumber")
        #expect(!hinted.titleDerived)
    }

    @Test("does not treat sentences that start like debris words as debris")
    func notDebris() throws {
        let text =
            "Sumber daya alam Indonesia melimpah.\nEditorial media itu mengkritik pemerintah.\n"
            + "Copyright lagu itu dipegang label rekaman sejak 1998."
        let article = try #require(try extract(text))
        #expect(
            article.body
                == "Sumber daya alam Indonesia melimpah.\n\nEditorial media itu mengkritik pemerintah.\n\n"
                + "Copyright lagu itu dipegang label rekaman sejak 1998.")
    }

    @Test("drops a document that is only debris, with a reason")
    func onlyDebris() throws {
        let raw = RawDocument(
            origin: "x.txt", bytes: Array("ADVERTISEMENT\nBaca Juga: Judul".utf8), contentType: .plainText)
        guard case .dropped(let reason) = try extractor.process(raw, context: StageContext()) else {
            Issue.record("a debris-only document was kept")
            return
        }
        #expect(reason == .noText)
    }

    @Test("rejects a malformed rule file with its location")
    func badRules() {
        #expect(throws: DebrisRules.ParseError.self) { try DebrisRules.parse("drop\tprefix", fileName: "x.tsv") }
        do {
            _ = try DebrisRules.parse("# c\nexplode\tline\tX", fileName: "x.tsv")
            Issue.record("an unknown action was accepted")
        } catch {
            #expect("\(error)" == "x.tsv:2: unknown action \"explode\"")
        }
    }
}
