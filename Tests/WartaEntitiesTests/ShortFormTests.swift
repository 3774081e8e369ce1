import Testing
import WartaCore
import WartaEntities

/// Short forms defined in parentheses and known short forms, on sentences written the way id-news writes them.
@Suite("Short forms")
struct ShortFormTests {
    @Test(
        "a short form's letters run in order through its long form, from its first letter",
        arguments: [
            ("Badan Pengawas Obat dan Makanan", "BPOM", true),
            ("Kementerian Perhubungan", "Kemenhub", true),
            ("Sumatra Barat", "Sumbar", true),
            ("Suku Dinas Penanggulangan Kebakaran dan Penyelamatan", "Sudin PKP", true),
            ("Aliansi Jurnalis Independen", "AJI", true),
            ("Kota Bandung", "Jabar", false),
            ("PT PLN", "Persero", false),
            ("Jakarta", "Jkt", false),
            // A place after a venue is where it is, not its short form.
            ("Stadion Gelora Bandung Lautan Api", "Bandung", false),
            ("Indonesia Raya", "Indo", false),
            ("Joko Widodo", "Jokowi", true),
        ])
    func defines(_ long: String, _ short: String, _ expected: Bool) {
        #expect(ShortForm.defines(long: AliasName(long), short: AliasName(short)) == expected)
    }

    @Test("definitions: the shortest run before the parenthesis that defines it, roles left out, both orders")
    func definitions() {
        let body =
            "Kepala Seksi Operasional Suku Dinas Penanggulangan Kebakaran dan Penyelamatan (Sudin PKP) Jakarta Timur "
            + "datang. Ketua Aliansi Jurnalis Independen (AJI) Padang bicara. BPOM (Badan Pengawas Obat dan Makanan) "
            + "menarik produk. Ia tinggal di Jakarta (Indonesia)."
        let found = ShortForm.definitions(in: body, skipped: ["kepala", "ketua"]).map {
            [$0.long.text(in: body), $0.short.text(in: body)]
        }
        #expect(
            found == [
                ["Suku Dinas Penanggulangan Kebakaran dan Penyelamatan", "Sudin PKP"],
                ["Aliansi Jurnalis Independen", "AJI"],
                ["Badan Pengawas Obat dan Makanan", "BPOM"],
            ])
    }

    @Test("a defined short form, a known one and a known prefix form join their long forms in one article")
    func resolverJoins() throws {
        let lexicon = try AliasLexicon.bundled()
        let body =
            "Menurut Kementerian Perhubungan (Kemenhub), tarif naik. Kemenhub juga mengatakan Kementerian Keuangan "
            + "setuju. Kemenkeu menambah anggaran. Pemerintah Provinsi Banten mendukung; Pemprov Banten menyiapkan dana."
        let refiner = MentionRefiner(lexicon: lexicon)
        let mentions = refiner.refine([], body: body)
        let clusters = AliasResolver(lexicon: lexicon).resolve(body: body, mentions: mentions).clusters
        let groups = Set(clusters.map { Set($0.forms.map(\.text)) })
        #expect(groups.contains(["Kementerian Perhubungan", "Kemenhub"]))
        #expect(groups.contains(["Kementerian Keuangan", "Kemenkeu"]))
        #expect(groups.contains(["Pemerintah Provinsi Banten", "Pemprov Banten"]))
        let rules = Set(clusters.flatMap(\.merges).map(\.rule))
        #expect(rules == [.shortForm])
    }
}

extension ShortFormTests {
    @Test("site furniture is no entity: \"[Gambas:Video 20detik]\" leaves no mention")
    func siteFurniture() throws {
        let body = "Marquez menang di Misano. [Gambas:Video 20detik] Rossi finis keempat."
        let start = try #require(body.utf8.firstIndex(of: UInt8(ascii: "G")))
        let offset = body.utf8.distance(from: body.utf8.startIndex, to: start)
        let gambas = EntityMention(span: TextSpan(start: offset, end: offset + 6), kind: .place)
        let refined = MentionRefiner(lexicon: try AliasLexicon.bundled()).refine([gambas], body: body)
        #expect(!refined.contains { $0.span.text(in: body) == "Gambas" })
    }
}
