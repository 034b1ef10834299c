import Foundation
import Testing
@testable import SelectionCore

// The working-day calendar of publicity periods (PUB-1): the State Council's holidays and make-up workdays, shipped
// as Resources/holidays/cn-state-council.json; counting starts the day after publication.

@Suite("Holiday calendar: publicity periods in working and calendar days (PUB-1)")
struct CalendarTests {
    func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDay { CivilDay(year: y, month: m, day: d)! }
    func days(_ texts: String...) -> [CivilDay] { texts.map { CivilDay($0)! } }

    /// The file shipped in the repository (tests may read it; SelectionCore itself does no I/O).
    static let shippedURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Resources/holidays/cn-state-council.json")

    func shipped() throws -> HolidayCalendar {
        try HolidayCalendar.parse([UInt8](try Data(contentsOf: Self.shippedURL)))
    }

    @Test("PUB-1 2025-09-30 + 5 working days ends 2025-10-14: National Day 10-01…10-08 off, Saturday 10-11 worked")
    func issueExample() throws {
        let p = try shipped().end(published: day(2025, 9, 30), workingDays: 5)
        #expect(p.ends == day(2025, 10, 14))
        #expect(p.days == days("2025-10-09", "2025-10-10", "2025-10-11", "2025-10-13", "2025-10-14"))
        #expect(p.json == #"{"published":"2025-09-30","ends":"2025-10-14","days":["2025-10-09","2025-10-10","2025-10-11","2025-10-13","2025-10-14"]}"#)
    }

    @Test("PUB-1 make-up workdays (调休) are counted, the holidays they pay for are not")
    func makeUpWorkdays() throws {
        let c = try shipped()
        // Saturday 2025-10-11 and Sunday 2025-09-28 are worked; the Sunday after (10-12) is not
        #expect(try c.isWorkingDay(day(2025, 10, 11)))
        #expect(try c.isWorkingDay(day(2025, 9, 28)))
        #expect(try !c.isWorkingDay(day(2025, 10, 12)))
        // 2026: the Sunday 1-04 after New Year and the Saturday 2-14 before the Spring Festival are worked
        #expect(try c.isWorkingDay(day(2026, 1, 4)))
        #expect(try c.isWorkingDay(day(2026, 2, 14)))
        // published Friday 2026-02-13: Saturday 2-14 counts, then nothing until Tuesday 2-24
        let p = try c.end(published: day(2026, 2, 13), workingDays: 2)
        #expect(p.days == days("2026-02-14", "2026-02-24"))
        // published Friday 2025-09-26: Sunday 9-28 (make-up), Mon 9-29, Tue 9-30, then Thursday 10-09
        #expect(try c.end(published: day(2025, 9, 26), workingDays: 4).days == days("2025-09-28", "2025-09-29", "2025-09-30", "2025-10-09"))
    }

    @Test("PUB-1 a holiday spanning a weekend: weekend days inside it are off, weekdays inside it are off too")
    func holidaySpanningWeekend() throws {
        let c = try shipped()
        // 劳动节 2025: Thursday 5-01 … Monday 5-05, the weekend in the middle; Sunday 4-27 worked before it
        for d in 1 ... 5 { #expect(try !c.isWorkingDay(day(2025, 5, d)), "2025-05-0\(d) is off") }
        // published Wednesday 2025-04-30: Tuesday 5-06 is the first working day; Saturday 5-10 is an ordinary weekend day
        #expect(try c.end(published: day(2025, 4, 30), workingDays: 5).days == days("2025-05-06", "2025-05-07", "2025-05-08", "2025-05-09", "2025-05-12"))
        // 春节 2026: Sunday 2-15 … Monday 2-23 (nine days over two weekends)
        var d = day(2026, 2, 15)
        while d <= day(2026, 2, 23) { #expect(try !c.isWorkingDay(d), "\(d) is off"); d = d.adding(days: 1) }
        // an ordinary weekend stays off and an ordinary weekday stays a working day
        #expect(try !c.isWorkingDay(day(2025, 11, 15)))
        #expect(try c.isWorkingDay(day(2025, 11, 14)))
    }

    @Test("PUB-1 N calendar days end on publication + N, holidays or not, and need no calendar data")
    func calendarDays() throws {
        let c = try shipped()
        let p = try c.end(published: day(2025, 9, 30), calendarDays: 7)
        #expect(p.ends == day(2025, 10, 7))
        #expect(p.days.count == 7 && p.days.first == day(2025, 10, 1))
        #expect(p.json == #"{"published":"2025-09-30","ends":"2025-10-07","days":["2025-10-01","2025-10-02","2025-10-03","2025-10-04","2025-10-05","2025-10-06","2025-10-07"]}"#)
        // into 2027, where the calendar has no data: calendar days still count
        #expect(try c.end(published: day(2026, 12, 28), calendarDays: 7).ends == day(2027, 1, 4))
        #expect(try HolidayCalendar.calendarDays(after: day(2024, 2, 27), 3).ends == day(2024, 3, 1))
    }

    @Test("PUB-1 a period reaching into 2027 is refused with a clear message (no data), never guessed")
    func missingYearRefused() throws {
        let c = try shipped()
        #expect(c.coveredYears == [2025, 2026])
        // published Monday 2026-12-28: Tue 29, Wed 30, Thu 31 count, then 2027-01-01 has no data
        let error = #expect(throws: HolidayCalendarError.self) { try c.end(published: day(2026, 12, 28), workingDays: 5) }
        #expect(error == .noData(year: 2027, day: day(2027, 1, 1), covered: [2025, 2026]))
        #expect(error?.kind == .badInput)
        #expect(error?.message(in: .zhHans).contains("没有2027年的节假日安排数据") == true)
        #expect(error?.message(in: .en).contains("no holiday calendar data for 2027") == true)
        #expect(error?.message(in: .en).contains("2025, 2026") == true)
        #expect(throws: HolidayCalendarError.noData(year: 2027, day: day(2027, 1, 4), covered: [2025, 2026])) { try c.isWorkingDay(day(2027, 1, 4)) }
        // three working days still fit in 2026
        #expect(try c.end(published: day(2026, 12, 28), workingDays: 3).ends == day(2026, 12, 31))
        // lengths outside 1…1000 are refused
        #expect(throws: HolidayCalendarError.badLength(.workingDays, 0)) { try c.end(published: day(2025, 9, 30), workingDays: 0) }
        #expect(throws: HolidayCalendarError.badLength(.calendarDays, -1)) { try c.end(published: day(2025, 9, 30), calendarDays: -1) }
    }

    @Test("PUB-1 the shipped calendar holds the notices' days: 2025 (国办发明电〔2024〕12号) and 2026 (2025-11-04)")
    func shippedData() throws {
        let c = try shipped()
        func workingDays(_ y: Int) throws -> Int {
            var n = 0, d = day(y, 1, 1)
            while d.year == y { if try c.isWorkingDay(d) { n += 1 }; d = d.adding(days: 1) }
            return n
        }
        let y25 = try #require(c.years[2025]), y26 = try #require(c.years[2026])
        #expect(y25.notice.number == "国办发明电〔2024〕12号" && y25.notice.date == day(2024, 11, 12))
        #expect(y26.notice.date == day(2025, 11, 4) && y26.notice.title == "国务院办公厅关于2026年部分节假日安排的通知")
        #expect(y25.off.reduce(0) { $0 + $1.first.days(until: $1.last) + 1 } == 28)   // 1 + 8 + 3 + 5 + 3 + 8
        #expect(y26.off.reduce(0) { $0 + $1.first.days(until: $1.last) + 1 } == 33)   // 3 + 9 + 3 + 5 + 3 + 3 + 7
        #expect(y25.workdays == days("2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"))
        #expect(y26.workdays == days("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"))
        // every make-up workday is a weekend day, as the notices say (周六/周日)
        #expect((y25.workdays + y26.workdays).allSatisfy { $0.weekday >= 6 })
        // 261 weekdays each year; 2025: 18 of them off, 5 weekend days worked; 2026: 19 off, 6 worked
        #expect(try workingDays(2025) == 248)
        #expect(try workingDays(2026) == 248)
    }

    @Test("PUB-1 a malformed calendar file is refused naming the line and the field")
    func malformedFile() throws {
        func refusal(_ text: String) -> HolidayCalendarError? {
            #expect(throws: HolidayCalendarError.self) { try HolidayCalendar.parse(text) }
        }
        let good = """
        {
          "format": "xuanren.holiday-calendar/1",
          "years": [
            {
              "year": 2025,
              "notice": {"title": "通知", "date": "2024-11-12"},
              "off": [
                {"name": "国庆节、中秋节", "from": "2025-10-01", "to": "2025-10-08"},
                "2025-01-01"
              ],
              "workdays": ["2025-09-28", "2025-10-11"]
            }
          ]
        }
        """
        let c = try HolidayCalendar.parse(good)
        #expect(try c.end(published: day(2025, 9, 30), workingDays: 5).ends == day(2025, 10, 14))

        // an impossible date on line 8
        let badDate = refusal(good.replacingOccurrences(of: "2025-10-08", with: "2025-10-32"))
        #expect(badDate == .malformed(line: 8, field: "years[0].off[0].to", .notADate("2025-10-32")))
        #expect(badDate?.message(in: .en) == "not a valid holiday calendar: line 8, years[0].off[0].to: “2025-10-32” is not a date; write YYYY-MM-DD")
        #expect(badDate?.message(in: .zhHans) == "无效的节假日安排文件：第8行，years[0].off[0].to：“2025-10-32”不是日期，应写为 YYYY-MM-DD")
        // a make-up workday on a weekday (line 11), a date in another year (line 9), a misspelt key (line 11)
        #expect(refusal(good.replacingOccurrences(of: "\"2025-10-11\"]", with: "\"2025-10-10\"]")) == .malformed(line: 11, field: "years[0].workdays[1]", .notAWeekend(day(2025, 10, 10))))
        #expect(refusal(good.replacingOccurrences(of: "\"2025-01-01\"", with: "\"2026-01-01\"")) == .malformed(line: 9, field: "years[0].off[1]", .outsideYear(day(2026, 1, 1), 2025)))
        #expect(refusal(good.replacingOccurrences(of: "\"workdays\"", with: "\"workday\"")) == .malformed(line: 11, field: "years[0].workday", .unknownKey("workday")))
        // a day both off and worked, a reversed range, a missing notice date (named at its object's line)
        #expect(refusal(good.replacingOccurrences(of: "\"2025-09-28\"", with: "\"2025-10-04\"")) == .malformed(line: 11, field: "years[0].workdays[0]", .offAndWorked(day(2025, 10, 4))))
        #expect(refusal(good.replacingOccurrences(of: "\"from\": \"2025-10-01\"", with: "\"from\": \"2025-10-09\"")) == .malformed(line: 8, field: "years[0].off[0]", .reversedRange(day(2025, 10, 9), day(2025, 10, 8))))
        #expect(refusal(good.replacingOccurrences(of: ", \"date\": \"2024-11-12\"", with: "")) == .malformed(line: 6, field: "years[0].notice.date", .missing))
        // JSON syntax: a missing comma after line 9's entry is found on line 10
        #expect(refusal(good.replacingOccurrences(of: "],\n      \"workdays\"", with: "]\n      \"workdays\"")) == .malformed(line: 11, field: "years[0]", .syntax("“,” or “}”")))
        // the year as text, a second 2025, another format, an empty file
        #expect(refusal(good.replacingOccurrences(of: "\"year\": 2025", with: "\"year\": \"2025\"")) == .malformed(line: 5, field: "years[0].year", .wrongType("integer")))
        let twice = good.replacingOccurrences(of: "\n  ]\n}", with: ",\n    {\"year\": 2025, \"notice\": {\"title\": \"t\", \"date\": \"2024-11-12\"}, \"off\": []}\n  ]\n}")
        #expect(refusal(twice) == .malformed(line: 13, field: "years[1].year", .duplicateYear(2025)))
        #expect(refusal(good.replacingOccurrences(of: "/1", with: "/2")) == .malformed(line: 2, field: "format", .unknownFormat("xuanren.holiday-calendar/2")))
        #expect(refusal("  \n") == .malformed(line: 1, field: "$", .empty))
        #expect(throws: HolidayCalendarError.malformed(line: 0, field: "$", .invalidUTF8)) { try HolidayCalendar.parse([0x7B, 0xFF, 0x7D]) }
    }
}
