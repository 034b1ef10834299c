import Foundation
import Testing
@testable import SelectionCore

// Probation (PRB-1, PRB-2): the end day in calendar months (same day of the month, clamped to a shorter month's
// end), the outcome with its staff-meeting report, one six-month extension, a fail that returns to the former
// level, days left and the reminder window.

@Suite("Probation: end day, outcome, extension once, reminders (PRB-1, PRB-2)")
struct DecisionProbationTests {
    typealias F = DecisionFixture

    func probation(_ start: String, months: Int = 12) throws -> Probation {
        try Probation(person: "张三", post: "办公室主任", former: "办公室副主任（四级主任科员）", start: F.day(start), months: months)
    }

    @Test("PRB-1 calendar months: same day of the month, clamped to the month's end (31 Jan + 1 month = 28 Feb, 29 in a leap year)")
    func addingMonths() {
        #expect(F.day("2025-01-31").adding(months: 1) == F.day("2025-02-28"))
        #expect(F.day("2024-01-31").adding(months: 1) == F.day("2024-02-29"))
        #expect(F.day("2024-02-29").adding(months: 12) == F.day("2025-02-28"))
        #expect(F.day("2025-03-31").adding(months: 1) == F.day("2025-04-30"))
        #expect(F.day("2025-10-15").adding(months: 12) == F.day("2026-10-15"))
        #expect(F.day("2025-12-15").adding(months: 1) == F.day("2026-01-15"))
        #expect(F.day("2025-08-31").adding(months: 18) == F.day("2027-02-28"))
        #expect(F.day("2025-03-31").adding(months: -1) == F.day("2025-02-28"))
        #expect(F.day("2026-01-15").adding(months: -13) == F.day("2024-12-15"))
        #expect(F.day("2025-05-20").adding(months: 0) == F.day("2025-05-20"))
    }

    @Test("PRB-1 the plan's months (default 12): from 2025-10-15 the probation ends 2026-10-15; from 2025-01-31 for 1 month on 2025-02-28")
    func endDay() throws {
        let p = try Probation.start(person: "张三", post: "办公室主任", former: "办公室副主任", on: F.day("2025-10-15"))
        #expect(p.months == 12 && p.ends == F.day("2026-10-15") && p.originalEnd == p.ends)
        var s = MatterSettings(); s.probationMonths = 1
        #expect(try Probation.start(person: "张三", post: "办公室主任", former: "办公室副主任", on: F.day("2025-01-31"), settings: s).ends == F.day("2025-02-28"))
        #expect(throws: ProbationError.badMonths(0)) { try probation("2025-10-15", months: 0) }
        #expect(throws: ProbationError.required(field: "former", rule: "PRB-1")) {
            try Probation(person: "张三", post: "办公室主任", former: " ", start: F.day("2025-10-15"), months: 12)
        }
    }

    @Test("PRB-1 pass: formal appointment, recorded with the staff-meeting report, on or after the end day only")
    func pass() throws {
        var p = try probation("2025-10-15")
        #expect(throws: ProbationError.notEnded(F.day("2026-10-15"))) { try p.conclude(.pass, report: "2026年10月述职报告", on: F.day("2026-10-14")) }
        #expect(throws: ProbationError.required(field: "staffReport", rule: "PRB-1")) { try p.conclude(.pass, report: "", on: F.day("2026-10-15")) }
        try p.conclude(.pass, report: "2026年10月干部职工大会述职报告", on: F.day("2026-10-15"))
        #expect(p.status(on: F.day("2026-12-01")) == .confirmed(F.day("2026-10-15")))
        #expect(p.final?.report == "2026年10月干部职工大会述职报告")
        #expect(throws: ProbationError.concluded(.pass)) { try p.conclude(.fail, report: "x", on: F.day("2026-11-01")) }
    }

    @Test("PRB-1 basic pass extends six months once (counted from the start: 2025-08-31 + 18 months = 2027-02-28); a second basic pass is refused in words")
    func extensionOnce() throws {
        var p = try probation("2025-08-31")
        #expect(p.ends == F.day("2026-08-31"))
        try p.conclude(.basicPass, report: "2026年8月述职报告", on: F.day("2026-09-01"))
        #expect(p.isExtended && p.final == nil)
        #expect(p.ends == F.day("2027-02-28") && p.originalEnd == F.day("2026-08-31"))
        #expect(p.status(on: F.day("2026-09-02")) == .running(daysLeft: F.day("2026-09-02").days(until: F.day("2027-02-28"))))
        #expect(throws: ProbationError.notEnded(F.day("2027-02-28"))) { try p.conclude(.pass, report: "x", on: F.day("2027-02-27")) }
        let before = p
        #expect(throws: ProbationError.secondExtension(F.day("2026-09-01"))) { try p.conclude(.basicPass, report: "2027年2月述职报告", on: F.day("2027-02-28")) }
        #expect(p == before)
        let zh = ProbationError.secondExtension(F.day("2026-09-01")).message(in: .zhHans)
        #expect(zh.contains("不能再次延长") && zh.contains("合格（正式任职）或不合格（回到原职级）") && zh.hasSuffix("（PRB-1）"))
        #expect(ProbationError.secondExtension(F.day("2026-09-01")).message(in: .en).contains("cannot be extended again"))
        try p.conclude(.pass, report: "2027年2月述职报告", on: F.day("2027-02-28"))
        #expect(p.assessments.map(\.outcome) == [.basicPass, .pass])
        #expect(p.status(on: F.day("2027-03-01")) == .confirmed(F.day("2027-02-28")))
    }

    @Test("PRB-1 fail: the probation is cancelled and the person returns to the former level")
    func fail() throws {
        var p = try probation("2025-10-15")
        try p.conclude(.fail, report: "2026年10月考核材料", on: F.day("2026-10-20"))
        #expect(p.status(on: F.day("2026-10-21")) == .cancelled(F.day("2026-10-20")))
        #expect(p.final?.outcome == .fail && p.former == "办公室副主任（四级主任科员）")
        #expect(ProbationOutcome.fail.title(in: .zhHans) == "不合格，取消试用，回到原职级")
        #expect(throws: ProbationError.concluded(.fail)) { try p.conclude(.pass, report: "x", on: F.day("2026-10-21")) }
        // a fail after the extension returns as well
        var q = try probation("2025-10-15")
        try q.conclude(.basicPass, report: "r1", on: F.day("2026-10-15"))
        try q.conclude(.fail, report: "r2", on: F.day("2027-04-15"))
        #expect(q.status(on: F.day("2027-05-01")) == .cancelled(F.day("2027-04-15")))
    }

    @Test("PRB-2 days left and the reminder window: due within 30 days by default, a setting; overdue after the end day")
    func reminders() throws {
        let p = try probation("2025-10-15")                 // ends 2026-10-15
        #expect(p.daysLeft(on: F.day("2025-10-15")) == 365)
        #expect(p.status(on: F.day("2026-09-14")) == .running(daysLeft: 31))
        #expect(p.status(on: F.day("2026-09-15")) == .dueSoon(daysLeft: 30))
        #expect(p.status(on: F.day("2026-10-15")) == .dueSoon(daysLeft: 0))
        #expect(p.status(on: F.day("2026-10-16")) == .overdue(days: 1))
        #expect(p.status(on: F.day("2026-09-15"), reminderDays: 10) == .running(daysLeft: 30))
        #expect(p.status(on: F.day("2026-10-05"), reminderDays: 10) == .dueSoon(daysLeft: 10))

        let later = try probation("2025-11-01")              // ends 2026-11-01
        var done = try probation("2025-09-01")
        try done.conclude(.pass, report: "r", on: F.day("2026-09-01"))
        let list = [later, p, done]
        #expect(Probation.reminders(list, on: F.day("2026-10-10")).map(\.ends) == F.days("2026-10-15", "2026-11-01"))
        #expect(Probation.reminders(list, on: F.day("2026-10-10"), reminderDays: 7).map(\.ends) == F.days("2026-10-15"))
        #expect(Probation.reminders(list, on: F.day("2026-09-01")).isEmpty)
    }

    @Test("PRB-1 a probation survives a JSON round trip")
    func codable() throws {
        var p = try probation("2025-10-15")
        try p.conclude(.basicPass, report: "r1", on: F.day("2026-10-15"))
        #expect(try JSONDecoder().decode(Probation.self, from: JSONEncoder().encode(p)) == p)
    }
}
