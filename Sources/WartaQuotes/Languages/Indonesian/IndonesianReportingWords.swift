extension QuoteLexicon {
    /// Indonesian reporting verbs, speaker shapes and relay cues, from `shared/notes/id-reporting-verbs.md`.
    static let indonesian = QuoteLexicon(
        tagVerbs: [
            "kata", "ujar", "tutur", "ucap", "ungkap", "jelas", "terang", "papar", "sebut", "imbuh", "tambah",
            "lanjut", "sambung", "tegas", "tandas", "pungkas", "tutup", "beber", "urai", "rinci", "cerita", "kisah",
            "kenang", "tulis", "cuit", "pesan", "ajak", "imbau", "himbau", "pinta", "harap", "aku", "kilah",
            "seloroh", "canda", "keluh", "sindir", "kritik", "klaim", "bantah", "tanya", "jawab", "timpal", "sergah",
            "tukas",
        ],
        fullVerbs: [
            "mengatakan", "berkata", "menyatakan", "menyampaikan", "mengungkapkan", "menjelaskan", "menerangkan",
            "menegaskan", "menuturkan", "mengucapkan", "memaparkan", "menyebut", "menyebutkan", "menambahkan",
            "mengumumkan", "membantah", "menampik", "menyangkal", "mengklaim", "menilai", "memperingatkan",
            "mengingatkan", "mengakui", "menekankan", "mengungkap", "membeberkan", "menduga", "memperkirakan",
            "mengkritik", "mengecam", "menuding", "menuduh", "mendesak", "meminta", "mengimbau", "menyerukan",
            "berjanji", "mengancam", "menanggapi", "mengisyaratkan", "menulis", "memastikan", "berharap",
            "mengharapkan", "memprediksi", "menganggap", "meyakini", "mengira", "menanyakan", "bertanya",
            "merinci", "menguraikan", "menceritakan", "bercerita", "mengisahkan", "menuliskan", "mengonfirmasi",
            "mengkonfirmasi", "menginformasikan", "mengabarkan", "memberitahukan", "mengaku", "mengajak",
            "menyesalkan", "menyayangkan", "menyindir", "merespons", "berkomentar", "menyinggung", "melanjutkan",
            "menjanjikan", "memproyeksikan", "bertutur",
        ],
        reportVerbs: ["melaporkan", "memberitakan", "mewartakan"],
        pronounSuffixes: ["nya"],
        pronouns: ["dia", "ia", "beliau", "mereka", "pihaknya"],
        descriptors: [
            "sebuah", "seorang", "para", "sejumlah", "beberapa", "salah", "sumber", "pihak", "kalangan", "banyak",
        ],
        roleWords: [
            "juru", "bicara", "jubir", "presiden", "wakil", "perdana", "menteri", "menlu", "menhan", "wamen",
            "kepala", "ketua", "sekjen", "sekretaris", "jenderal", "direktur", "dirjen", "dirut", "utama", "kapolri",
            "kapolda", "kapolres", "panglima", "gubernur", "bupati", "wali", "kota", "anggota", "pengamat", "analis",
            "peneliti", "dosen", "pakar", "pejabat", "senior", "tinggi", "luar", "negeri", "dalam", "pertahanan",
            "keuangan", "duta", "besar", "dubes", "utusan", "khusus", "negosiator", "pemimpin", "tertinggi",
            "ayatollah", "raja", "pangeran", "penasihat", "komandan", "kuasa", "hukum", "pengacara", "mantan",
        ],
        roleComplements: ["iran", "as", "ri", "israel", "amerika", "serikat", "indonesia", "kemlu", "kemenlu", "dpr"],
        organisationHeads: [
            "gedung", "kementerian", "kemlu", "kemenlu", "departemen", "partai", "dewan", "badan", "komisi", "kantor",
            "pemerintah", "istana", "kedutaan", "kepolisian", "polda", "polres", "pengadilan", "mahkamah",
        ],
        complementizers: ["bahwa"],
        conjunctions: ["dan", "tetapi", "namun", "sementara", "sedangkan", "serta", "lalu", "kemudian", "karena"],
        addresseeWords: ["kepada"],
        relayCues: [
            "dikutip", "dilansir", "dilaporkan", "diberitakan", "mengutip", "melansir", "lansir", "lapor", "via",
        ],
        relayFillers: ["dari", "oleh", "seperti", "sebagaimana"],
        accordingTo: ["menurut"],
        reportNouns: ["laporan", "surat", "kabar", "media", "kantor", "berita", "harian", "situs", "majalah"],
        speakerStops: [
            "dikutip", "dilansir", "dilaporkan", "diberitakan", "seperti", "sebagaimana", "kepada", "dalam", "saat",
            "ketika", "di", "pada", "usai", "setelah", "sambil", "melalui", "via", "menurut", "dan", "yang",
            "kemarin", "dengan",
        ]
    )
}
