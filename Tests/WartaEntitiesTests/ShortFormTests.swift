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
