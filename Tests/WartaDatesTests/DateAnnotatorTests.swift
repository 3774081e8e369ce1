import Foundation
import Testing
import WartaCore
import WartaDates

/// Date expressions on invented sentences, each resolved against a fixed reference day.
@Suite("Date annotator")
struct DateAnnotatorTests {
    /// 12:00 UTC of a day, as a reference date.
    static func day(_ iso: String) -> Date {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        var components = DateComponents()
        components.year = parts[0]
        components.month = parts[1]
        components.day = parts[2]
        components.hour = 12
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }

    /// One row: the sentence, the reference day, the expression's text and its resolved ISO value.
    struct Row: Sendable, CustomStringConvertible {
        var text: String
        var reference: String
        var expression: String
        var iso: String
        var description: String { "\(expression) @ \(reference)" }
    }

    static let indonesianRows: [Row] = [
        // Everyday forms measured on bench/annotations/id-dev (issue 13).
        Row(
            text: "Konser itu digelar pada Oktober nanti di Jakarta.", reference: "2019-09-05",
            expression: "Oktober nanti",
            iso: "2019-10"),
        Row(
            text: "Festival digelar 20 Juli di Ponorogo.", reference: "2025-06-18", expression: "20 Juli",
            iso: "2025-07-20"),
        Row(
            text: "Polisi tiba pagi ini di lokasi.", reference: "2025-06-14", expression: "pagi ini", iso: "2025-06-14"),
        Row(
            text: "Kejadian serupa terjadi setahun yang lalu.", reference: "2019-09-10",
            expression: "setahun yang lalu", iso: "2018"),
        Row(
            text: "Laga itu digelar Kamis (12/12) di Manila.", reference: "2019-09-10", expression: "Kamis (12/12)",
            iso: "2019-12-12"),
        Row(
            text: "Modal asing masuk sejak awal tahun.", reference: "2025-06-18", expression: "awal tahun",
            iso: "2025"),
        Row(
            text: "Sejak Hamas menyerang Israel pada 7 Oktober, sekutu Iran menyerang.", reference: "2024-05-27",
            expression: "7 Oktober", iso: "2023-10-07"),
        Row(
            text: "Pertemuan itu akan digelar pada 7 Oktober di Jakarta.", reference: "2024-05-27",
            expression: "7 Oktober", iso: "2024-10-07"),
        Row(
            text: "Peristiwa 7 Oktober 2023 mengubah kawasan.", reference: "2024-05-27", expression: "7 Oktober 2023",
            iso: "2023-10-07"),
        Row(
            text: "kata dia dikutip Reuters (11/07/2024).", reference: "2024-07-12", expression: "(11/07/2024)",
            iso: "2024-07-11"),
        Row(
            text: "Ia tiba di Jakarta, Jumat (12/7/2024) pukul 10.00 WIB.", reference: "2024-07-12",
            expression: "Jumat (12/7/2024) pukul 10.00 WIB", iso: "2024-07-12"),
        Row(
            text: "Ia berbicara pada Rabu (10/7) malam.", reference: "2024-07-12", expression: "Rabu (10/7) malam",
            iso: "2024-07-10"),
        Row(
            text: "Drone ditembak jatuh pada bulan April.", reference: "2024-05-27", expression: "bulan April",
            iso: "2024-04"),
        Row(text: "Ini putaran pertama sejak Januari.", reference: "2024-05-27", expression: "Januari", iso: "2024-01"),
        Row(text: "Harga naik sejak Desember.", reference: "2024-05-27", expression: "Desember", iso: "2023-12"),
        Row(
            text: "Mereka bertemu awal bulan ini.", reference: "2024-05-27", expression: "awal bulan ini",
            iso: "2024-05"),
        Row(
            text: "Axios melaporkan berita itu pada hari Jumat.", reference: "2024-05-27", expression: "hari Jumat",
            iso: "2024-05-24"),
        Row(
            text: "Axios melaporkan berita itu pada hari Jumat.", reference: "2024-05-31", expression: "hari Jumat",
            iso: "2024-05-31"),
        Row(text: "Menteri akan datang Jumat.", reference: "2024-05-27", expression: "Jumat", iso: "2024-05-31"),
        Row(text: "Ia ditangkap Jumat lalu.", reference: "2024-05-31", expression: "Jumat lalu", iso: "2024-05-24"),
        Row(text: "Sidang digelar Senin depan.", reference: "2024-05-31", expression: "Senin depan", iso: "2024-06-03"),
        Row(text: "Polisi menangkapnya kemarin.", reference: "2024-05-31", expression: "kemarin", iso: "2024-05-30"),
        Row(text: "Hasilnya diumumkan hari ini.", reference: "2024-05-31", expression: "hari ini", iso: "2024-05-31"),
        Row(
            text: "Ia akan kembali pekan depan.", reference: "2024-05-29", expression: "pekan depan",
            iso: "2024-06-03/P1W"),
        Row(
            text: "Harga turun minggu lalu.", reference: "2024-05-29", expression: "minggu lalu",
            iso: "2024-05-20/P1W"),
        Row(text: "Inflasi tahun lalu tinggi.", reference: "2024-05-29", expression: "tahun lalu", iso: "2023"),
        Row(text: "Ia tiba dua hari lalu.", reference: "2024-05-29", expression: "dua hari lalu", iso: "2024-05-27"),
        Row(
            text: "Kapal itu tenggelam tiga bulan yang lalu.", reference: "2024-05-29",
            expression: "tiga bulan yang lalu", iso: "2024-02"),
        Row(text: "Ia lahir pada tahun 1990.", reference: "2024-05-29", expression: "tahun 1990", iso: "1990"),
        Row(text: "Proyek dimulai sejak 2019.", reference: "2024-05-29", expression: "2019", iso: "2019"),
        Row(text: "Laporan terbit Juli 2024.", reference: "2024-08-29", expression: "Juli 2024", iso: "2024-07"),
        Row(
            text: "Ia menjabat hingga akhir tahun lalu.", reference: "2024-05-29", expression: "akhir tahun lalu",
            iso: "2023"),
        Row(
            text: "Tanggal 12.07.2024 tercatat.", reference: "2024-08-29", expression: "12.07.2024",
            iso: "2024-07-12"),
        Row(
            text: "Sidang ditunda sampai bulan depan.", reference: "2024-12-15", expression: "bulan depan",
            iso: "2025-01"),
    ]

    static let englishRows: [Row] = [
        Row(
            text: "Hamas attacked Israel on October 7, 2023.", reference: "2024-05-27",
            expression: "October 7, 2023", iso: "2023-10-07"),
        Row(
            text: "Hamas attacked Israel on Oct. 7.", reference: "2024-05-27", expression: "Oct. 7",
            iso: "2023-10-07"),
        Row(
            text: "Axios first reported the talks on Friday.", reference: "2024-05-27", expression: "Friday",
            iso: "2024-05-24"),
        Row(
            text: "The envoy will travel on Friday.", reference: "2024-05-27", expression: "Friday",
            iso: "2024-05-31"),
        Row(
            text: "He met the envoy last Friday.", reference: "2024-05-31", expression: "last Friday",
            iso: "2024-05-24"),
        Row(
            text: "The talks resume next week.", reference: "2024-05-29", expression: "next week",
            iso: "2024-06-03/P1W"),
        Row(text: "He resigned two days ago.", reference: "2024-05-29", expression: "two days ago", iso: "2024-05-27"),
        Row(text: "Prices rose yesterday.", reference: "2024-01-01", expression: "yesterday", iso: "2023-12-31"),
        Row(text: "The strike happened in March.", reference: "2024-05-29", expression: "March", iso: "2024-03"),
        Row(text: "She said it late last year.", reference: "2024-05-29", expression: "late last year", iso: "2023"),
        Row(text: "It grew in 2020 and again since 2021.", reference: "2024-05-29", expression: "2020", iso: "2020"),
    ]

    @Test("resolves Indonesian expressions", arguments: indonesianRows)
    func indonesian(_ row: Row) throws {
        try check(row)
    }

    @Test("resolves English expressions", arguments: englishRows)
    func english(_ row: Row) throws {
        try check(row)
    }

    private func check(_ row: Row) throws {
        let mentions = DateAnnotator().mentions(in: row.text, referenceDate: Self.day(row.reference))
        let found = try #require(
            mentions.first { $0.span.text(in: row.text) == row.expression },
            "no mention \"\(row.expression)\"; found \(mentions.map { $0.span.text(in: row.text) })")
        #expect(found.iso == row.iso)
    }

    @Test("an early-month expression keeps month granularity and says early")
    func modifier() {
        let text = "Mereka bertemu awal bulan ini."
        let mentions = DateAnnotator().mentions(in: text, referenceDate: Self.day("2024-05-27"))
        #expect(mentions.count == 1)
        #expect(mentions.first?.granularity == .month)
        #expect(mentions.first?.modifier == .early)
        #expect(mentions.first?.resolution == .relative)
    }

    @Test(
        "is not fooled by look-alikes",
        arguments: [
            "Skor akhir 2/1 untuk tim tamu.",
            "Ia membawa 2024 orang ke lapangan.",
            "May I ask a question?",
            "Ia hanya punya minggu untuk bersiap.",
            "Sebanyak 10.00 persen saham dijual.",
            "Rapat berlangsung pukul 10.00 WIB.",
            "Mereka berunding selama tiga hari.",
        ])
    func noFalsePositives(_ text: String) {
        let mentions = DateAnnotator().mentions(in: text, referenceDate: Self.day("2024-05-27"))
        #expect(mentions.isEmpty, "found \(mentions.map { $0.span.text(in: text) })")
    }

    @Test("the year of a numbered document is part of its name: \"UU Nomor 30 Tahun 2002\" holds no date")
    func numberedDocumentYear() {
        let text = "Revisi UU Nomor 30 Tahun 2002 tentang KPK disahkan pada tahun 2019."
        let mentions = DateAnnotator().mentions(in: text, referenceDate: Self.day("2019-09-18"))
        #expect(mentions.map { $0.span.text(in: text) } == ["tahun 2019"])
    }

    @Test("without a reference date finds only full dates")
    func noReference() {
        let text = "Pada 7 Oktober dan kemarin, serta (11/07/2024), dan 12 Juli 2024."
        let mentions = DateAnnotator().mentions(in: text, referenceDate: nil)
        #expect(mentions.map(\.iso) == ["2024-07-11", "2024-07-12"])
        #expect(mentions.allSatisfy { $0.resolution == .absolute })
    }

    @Test("rejects impossible days")
    func impossible() {
        let text = "Tanggal (31/02/2024) dan 30 Februari 2024 tidak ada."
        let mentions = DateAnnotator().mentions(in: text, referenceDate: Self.day("2024-05-27"))
        // "Februari 2024" alone is a real month; no day may come out.
        #expect(mentions.allSatisfy { $0.granularity != .day })
    }
}
