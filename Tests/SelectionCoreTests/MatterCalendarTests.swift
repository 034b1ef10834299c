import Foundation
import Testing
@testable import SelectionCore

// The civil day on the Asia/Shanghai calendar: the dates of notices (INS-1), publicity periods and stages.

@Suite("CivilDay: the calendar of notices and stages (INS-1)")
struct MatterCalendarTests {
    func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDay { CivilDay(year: y, month: m, day: d)! }

    @Test("INS-1 dates parse as 2025-10-01, 2025/10/1 and 2025.10.01")
    func parsing() throws {
        let d = try #require(CivilDay("2025-10-01"))
        #expect(d.components == (2025, 10, 1))
        #expect(d.description == "2025-10-01")
        #expect(CivilDay("2025/10/1") == d)
        #expect(CivilDay("2025.10.01") == d)
        #expect(CivilDay(" 2025-10-01 ") == d)
        #expect(CivilDay("2026/5/8")?.description == "2026-05-08")
        #expect(d == day(2025, 10, 1))
    }

    @Test("INS-1 impossible dates and malformed text are nil", arguments: [
        "2025-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2025-10-00", "2025-10-32", "1900-02-29", "2100-02-29",
        "25-10-01", "2025-10", "2025", "", "abc", "2025-1o-01", "20251001", "1899-12-31",
    ])
    func invalid(_ text: String) {
        #expect(CivilDay(text) == nil, "\(text) parsed")
    }

    @Test("INS-1 leap days: 2024-02-29 and 2000-02-29 exist; 2025, 1900 and 2100 have none")
    func leapDays() {
        #expect(CivilDay("2024-02-29")?.description == "2024-02-29")
        #expect(CivilDay(year: 2000, month: 2, day: 29) != nil)
        #expect(CivilDay(year: 2025, month: 2, day: 29) == nil)
        #expect(CivilDay(year: 1900, month: 2, day: 29) == nil)
        #expect(CivilDay(year: 2100, month: 2, day: 29) == nil)
        #expect(CivilDay(year: 2026, month: 0, day: 1) == nil && CivilDay(year: 2026, month: 1, day: 0) == nil)
    }

    @Test("INS-1 weekdays: 2025-10-01 is a Wednesday (3), 2026-11-30 a Monday (1), 1970-01-01 a Thursday (4)")
    func weekdays() {
        #expect(day(2025, 10, 1).weekday == 3)
        #expect(day(2026, 11, 30).weekday == 1)
        #expect(CivilDay(daysSinceEpoch: 0).weekday == 4)
        #expect(day(2026, 12, 6).weekday == 7)
        #expect(day(1969, 12, 31).weekday == 3)
        // seven days in a row run Monday … Sunday
        let monday = day(2026, 11, 30)
        #expect((0 ..< 7).map { monday.adding(days: $0).weekday } == [1, 2, 3, 4, 5, 6, 7])
    }

    @Test("INS-1 adding days crosses month, leap-day and year ends")
    func adding() {
        #expect(day(2025, 12, 31).adding(days: 1) == day(2026, 1, 1))
        #expect(day(2026, 1, 1).adding(days: -1) == day(2025, 12, 31))
        #expect(day(2024, 2, 28).adding(days: 1) == day(2024, 2, 29))
        #expect(day(2024, 2, 28).adding(days: 2) == day(2024, 3, 1))
        #expect(day(2025, 2, 28).adding(days: 1) == day(2025, 3, 1))
        #expect(day(2025, 1, 31).adding(days: 30) == day(2025, 3, 2))
        #expect(day(2026, 4, 30).adding(days: 1) == day(2026, 5, 1))
        #expect(day(2025, 12, 27).adding(days: 5) == day(2026, 1, 1))
        #expect(day(2025, 1, 1).days(until: day(2026, 1, 1)) == 365)
        #expect(day(2024, 1, 1).days(until: day(2025, 1, 1)) == 366)
        #expect(day(2026, 3, 1).days(until: day(2026, 2, 1)) == -28)
        #expect(day(2026, 3, 1) < day(2026, 3, 2) && !(day(2026, 3, 2) < day(2026, 3, 2)))
        #expect(day(2026, 3, 1).year == 2026 && day(2026, 3, 1).yearMonth == YearMonth(year: 2026, month: 3))
    }

    @Test("INS-1 components and weekdays agree with Foundation's Gregorian calendar from 1900 to 2200")
    func agreesWithFoundation() throws {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let first = day(1900, 1, 1), last = day(2200, 12, 31)
        var n = first.daysSinceEpoch
        while n <= last.daysSinceEpoch {
            let d = CivilDay(daysSinceEpoch: n)
            let c = d.components
            let date = try #require(cal.date(from: DateComponents(year: c.year, month: c.month, day: c.day, hour: 12)))
            let f = cal.dateComponents([.year, .month, .day, .weekday], from: date)
            #expect(f.year == c.year && f.month == c.month && f.day == c.day, "\(d)")
            // Foundation counts Sunday = 1 … Saturday = 7
            #expect((f.weekday! + 5) % 7 + 1 == d.weekday, "\(d)")
            #expect(CivilDay(year: c.year, month: c.month, day: c.day) == d && CivilDay(d.description) == d)
            n += 13
        }
    }

    @Test("INS-1 an instant falls on its Asia/Shanghai day: 2026-11-29T16:00:00Z is 30 November, 15:59:59Z still the 29th")
    func shanghaiBoundary() {
        #expect(CivilDay(epochSeconds: 1_795_968_000) == day(2026, 11, 30))
        #expect(CivilDay(epochSeconds: 1_795_967_999) == day(2026, 11, 29))
        #expect(CivilDay(epochSeconds: 1_795_968_000 + 86_399) == day(2026, 11, 30))
        #expect(CivilDay(epochSeconds: 1_795_968_000 + 86_400) == day(2026, 12, 1))
        // before 1970 (negative seconds) too: 1969-12-31T16:00:00Z is 1 January 1970 in Shanghai
        #expect(CivilDay(epochSeconds: -8 * 3600) == day(1970, 1, 1))
        #expect(CivilDay(epochSeconds: -8 * 3600 - 1) == day(1969, 12, 31))
        #expect(CivilDay(epochSeconds: -8 * 3600 - 86_400) == day(1969, 12, 31))
        #expect(CivilDay(epochSeconds: -8 * 3600 - 86_401) == day(1969, 12, 30))
        // and agrees with Foundation's Shanghai calendar
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        for seconds in stride(from: Int64(-2_000_000_000), through: 4_000_000_000, by: 7_777_777) {
            let c = cal.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            // China kept UTC+8 without daylight saving only since 1991
            if seconds >= 670_000_000 { #expect(CivilDay(epochSeconds: seconds).components == (c.year!, c.month!, c.day!), "\(seconds)") }
        }
    }

    @Test("INS-1 a day encodes as \"YYYY-MM-DD\" and decodes back; an impossible date does not decode")
    func codable() throws {
        struct Notice: Codable, Equatable { var published: CivilDay; var ends: CivilDay? }
        let n = Notice(published: day(2026, 3, 2), ends: day(2026, 3, 7))
        let data = try JSONEncoder().encode(n)
        #expect(String(decoding: data, as: UTF8.self).contains("\"published\":\"2026-03-02\""))
        #expect(try JSONDecoder().decode(Notice.self, from: data) == n)
        let days = [day(1900, 1, 1), day(2024, 2, 29), day(2200, 12, 31)]
        let encoded = try JSONEncoder().encode(days)
        #expect(String(decoding: encoded, as: UTF8.self) == "[\"1900-01-01\",\"2024-02-29\",\"2200-12-31\"]")
        #expect(try JSONDecoder().decode([CivilDay].self, from: encoded) == days)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CivilDay].self, from: Data("[\"2026-02-30\"]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CivilDay].self, from: Data("[20260302]".utf8)) }
    }

    @Test("INS-1 a day reads in either language")
    func text() {
        #expect(day(2026, 5, 8).text(in: .zhHans) == "2026年5月8日")
        #expect(day(2026, 5, 8).text(in: .en) == "8 May 2026")
        #expect(day(2026, 11, 30).text(in: .en) == "30 Nov 2026")
    }
}
