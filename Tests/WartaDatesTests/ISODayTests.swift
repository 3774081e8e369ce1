import Testing
import WartaDates

@Suite("ISODay")
struct ISODayTests {
    @Test("dates and date-times in the forms the corpora use, zones applied")
    func forms() throws {
        #expect(ISODay.days("1970-01-01") == 0)
        #expect(ISODay.days("2024-07-11") == 19_915)
        #expect(ISODay.days("2000-03-01") == 11_017)
        // 08:00 at +07:00 is 01:00 UTC.
        let morning = try #require(ISODay.days("2019-09-01T08:00:00+07:00"))
        let expected: Double = 18_140 + 1.0 / 24
        #expect(abs(morning - expected) < 1e-9)
        #expect(ISODay.days("2019-09-01T08:00+0700") == morning)
        #expect(ISODay.days("2019-09-01T01:00:00Z") == morning)
        let fraction = try #require(ISODay.days("2019-09-01T01:00:00.250Z"))
        #expect(abs(fraction - morning) < 1e-5)
        // No zone: UTC.
        let afternoon: Double = 16_139 + Double(16 * 60 + 52) / 1_440
        #expect(ISODay.days("2014-03-10 16:52:00") == afternoon)
    }

    @Test("anything that does not start with a date is no date; a date with a bad time keeps its day")
    func badInput() {
        for text in ["", "2024", "11/07/2024", "2024-13-01", "2024-07-32", "abcd-ef-gh", "２０２４-07-11"] {
            #expect(ISODay.days(text) == nil, "\(text)")
        }
        #expect(ISODay.days("2024-07-11 sore") == 19_915)
        #expect(ISODay.days("2024-07-11T25:00") == 19_915)
    }
}
