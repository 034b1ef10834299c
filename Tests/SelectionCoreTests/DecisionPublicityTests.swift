import Foundation
import Testing
@testable import SelectionCore

// Pre-appointment publicity and the appointment (PUB-1…4, CAS-3): the end day on the State Council's calendar, a
// report that holds the appointment until cleared or cancels the qualification, no appointment before the end day
// has passed, and the pre-appointment talk.

@Suite("Publicity and appointment: the end day, reports, the talk (PUB-1…4, CAS-3)")
struct DecisionPublicityTests {
    typealias F = DecisionFixture

    func started(_ published: String = "2025-09-30", settings: MatterSettings = MatterSettings()) throws -> Publicity {
        try Publicity.start(person: "张三", post: "办公室主任", published: F.day(published), settings: settings, calendar: F.calendar())
    }

    func talk(_ day: String, _ form: PreAppointmentTalk.Form = .individual) -> PreAppointmentTalk {
        PreAppointmentTalk(day: F.day(day), officials: ["副书记 王某", "纪委书记 李某", "组织部长 赵某"], form: form)
    }

    // MARK: PUB-1

    @Test("PUB-1 published 2025-09-30 for 5 working days (the default) over National Day ends 2025-10-14, the 调休 Saturday 2025-10-11 counted")
    func nationalDay() throws {
        let p = try started()
        #expect(p.length == 5 && p.inWorkingDays)
        #expect(p.ends == F.day("2025-10-14"))
        #expect(p.counted == F.days("2025-10-09", "2025-10-10", "2025-10-11", "2025-10-13", "2025-10-14"))
        #expect(p.counted.contains(F.day("2025-10-11")) && F.day("2025-10-11").weekday == 6)
        #expect(!p.counted.contains { F.day("2025-10-01") <= $0 && $0 <= F.day("2025-10-08") }, "no day of the holiday is counted")
        #expect(p.period.json == #"{"published":"2025-09-30","ends":"2025-10-14","days":["2025-10-09","2025-10-10","2025-10-11","2025-10-13","2025-10-14"]}"#)
        #expect(p.isRunning(on: F.day("2025-10-14")) && !p.isRunning(on: F.day("2025-10-15")))
    }

    @Test("PUB-1 published Friday 2026-02-13 over the Spring Festival: Saturday 02-14 (调休) counted, 02-15…02-23 off, ends 2026-02-27")
    func springFestival() throws {
        let p = try started("2026-02-13")
        #expect(p.counted == F.days("2026-02-14", "2026-02-24", "2026-02-25", "2026-02-26", "2026-02-27"))
        #expect(p.ends == F.day("2026-02-27"))
    }

    @Test("PUB-1 in calendar days when the plan says so: 7 days from 2025-09-30 end 2025-10-07, holiday or not")
    func calendarDays() throws {
        var s = MatterSettings()
        s.publicityDays = 7; s.publicityInWorkingDays = false
        let p = try started(settings: s)
        #expect(p.ends == F.day("2025-10-07") && p.counted.count == 7)
        // calendar days need no calendar data, even into a year without it
        #expect(try started("2026-12-28", settings: s).ends == F.day("2027-01-04"))
    }

    @Test("PUB-1 a working-day period reaching 2027 (no calendar data) is refused with the calendar's words, never guessed")
    func yearWithoutData() throws {
        // Monday 2026-12-28: 12-29, 12-30, 12-31 counted, then 2027-01-01 must be looked at
        #expect(throws: PublicityError.calendar(.noData(year: 2027, day: F.day("2027-01-01"), covered: [2025, 2026]))) { try started("2026-12-28") }
        let calendar = try F.calendar()
        do {
            _ = try Publicity.start(person: "张三", post: "办公室主任", published: F.day("2026-12-28"), calendar: calendar)
            Issue.record("counted into 2027 without data")
        } catch {
            #expect(error.rule == "PUB-1" && error.kind == .badInput)
            #expect(error.message(in: .zhHans).contains("没有2027年的节假日安排数据") && error.message(in: .zhHans).hasSuffix("（PUB-1）"))
            #expect(error.message(in: .en).contains("no holiday calendar data for 2027"))
        }
        // a period that ends before the year turns is fine
        var s = MatterSettings(); s.publicityDays = 3
        #expect(try started("2026-12-28", settings: s).ends == F.day("2026-12-31"))
        // and a length outside the calendar's range is refused too
        s.publicityDays = 0
        #expect(throws: PublicityError.calendar(.badLength(.workingDays, 0))) { try started(settings: s) }
    }

    // MARK: PUB-2, CAS-3

    @Test("PUB-2 a report holds the appointment (CAS-3); cleared with its reason, the hold is lifted and the appointment proceeds")
    func reportHoldsThenCleared() throws {
        var p = try started()
        try p.recordTalk(talk("2025-10-15"))
        try p.receiveReport(id: "R1", on: F.day("2025-10-10"), summary: "反映其在某项目中存在违规问题", enteredBy: "clerk")
        #expect(p.isOnHold)
        #expect(p.holds.count == 1 && p.holds[0].isOpen)
        var gates = GateFacts()
        gates.holds = p.holds
        #expect(Gates.evaluate(gates, settings: MatterSettings()).first { $0.kind == .hold }?.passes == false)
        #expect(p.waitingFor(on: F.day("2025-10-15")).map(\.rule) == ["PUB-2"])
        #expect(throws: PublicityError.notYet(p.waitingFor(on: F.day("2025-10-15")))) {
            try p.appoint(on: F.day("2025-10-15"), document: "任〔2025〕12号", by: "organizer")
        }
        #expect(throws: PublicityError.required(field: "reason", rule: "PUB-2")) { try p.clearReport("R1", reason: "", by: "organizer", on: F.day("2025-10-14")) }
        #expect(throws: PublicityError.beforeReceived(F.day("2025-10-10"))) { try p.clearReport("R1", reason: "经核查不属实", by: "organizer", on: F.day("2025-10-09")) }
        try p.clearReport("R1", reason: "经核查，反映问题不属实", by: "organizer", on: F.day("2025-10-14"))
        #expect(!p.isOnHold && p.holds[0].liftedReason == "经核查，反映问题不属实")
        #expect(throws: PublicityError.reportResolved("R1")) { try p.confirmReport("R1", reason: "x", by: "organizer", on: F.day("2025-10-14")) }
        try p.appoint(on: F.day("2025-10-15"), document: "任〔2025〕12号", by: "organizer")
        #expect(p.appointment?.day == F.day("2025-10-15"))
        #expect(throws: PublicityError.alreadyAppointed) { try p.receiveReport(id: "R2", on: F.day("2025-10-16"), summary: "x", enteredBy: "clerk") }
    }

    @Test("PUB-2 a verified report affecting the appointment cancels the qualification, with the reason; nothing proceeds after")
    func verifiedCancels() throws {
        var p = try started()
        try p.recordTalk(talk("2025-10-15"))
        try p.receiveReport(id: "R1", on: F.day("2025-10-10"), summary: "反映其个人有关事项报告不实", enteredBy: "clerk")
        try p.confirmReport("R1", reason: "经核查属实，隐瞒房产，影响任用", by: "organizer", on: F.day("2025-10-20"))
        #expect(p.isCancelled && p.cancellation == "经核查属实，隐瞒房产，影响任用")
        #expect(!p.isOnHold)
        #expect(p.holds[0].isOpen, "an affecting report's hold is never lifted")
        #expect(throws: PublicityError.cancelled("经核查属实，隐瞒房产，影响任用")) {
            try p.appoint(on: F.day("2025-10-21"), document: "任〔2025〕12号", by: "organizer")
        }
        #expect(throws: PublicityError.cancelled("经核查属实，隐瞒房产，影响任用")) { try p.recordTalk(talk("2025-10-21")) }
        #expect(PublicityError.cancelled("x").message(in: .zhHans).hasSuffix("（PUB-2）"))
    }

    @Test("PUB-2 reports: not before publication, not twice, each field required; one arriving after the end day still holds")
    func reportsChecked() throws {
        var p = try started()
        #expect(throws: PublicityError.beforePublication(F.day("2025-09-30"))) {
            try p.receiveReport(id: "R1", on: F.day("2025-09-29"), summary: "x", enteredBy: "clerk")
        }
        #expect(throws: PublicityError.required(field: "summary", rule: "PUB-2")) { try p.receiveReport(id: "R1", on: F.day("2025-10-09"), summary: " ", enteredBy: "clerk") }
        try p.receiveReport(id: "R1", on: F.day("2025-10-16"), summary: "期满后收到的来信", enteredBy: "clerk")
        #expect(throws: PublicityError.duplicateReport("R1")) { try p.receiveReport(id: "R1", on: F.day("2025-10-16"), summary: "x", enteredBy: "clerk") }
        #expect(throws: PublicityError.unknownReport("R9")) { try p.clearReport("R9", reason: "x", by: "organizer", on: F.day("2025-10-16")) }
        try p.recordTalk(talk("2025-10-15"))
        #expect(p.waitingFor(on: F.day("2025-10-17")).map(\.rule) == ["PUB-2"])
    }

    // MARK: PUB-3, PUB-4

    @Test("PUB-3 no appointment on or before the end day: 2025-10-14 refused, 2025-10-15 made")
    func notBeforeTheEnd() throws {
        var p = try started()
        try p.recordTalk(talk("2025-10-09", .collective))
        let before = p
        for d in ["2025-10-09", "2025-10-13", "2025-10-14"] {
            #expect(throws: PublicityError.notYet([Refusal("PUB-3", zh: "任前公示至2025-10-14期满，2025-10-15起方可任职", en: "the publicity runs until 2025-10-14; the appointment can be made from 2025-10-15")])) {
                try p.appoint(on: F.day(d), document: "任〔2025〕12号", by: "organizer")
            }
        }
        #expect(p == before)
        #expect(throws: PublicityError.required(field: "document", rule: "PUB-3")) { try p.appoint(on: F.day("2025-10-15"), document: "", by: "organizer") }
        try p.appoint(on: F.day("2025-10-15"), document: "任〔2025〕12号", by: "organizer")
        #expect(p.appointment == Appointment(day: F.day("2025-10-15"), document: "任〔2025〕12号", by: "organizer"))
        let zh = PublicityError.notYet(before.waitingFor(on: F.day("2025-10-14"))).message(in: .zhHans)
        #expect(zh == "现在还不能任职：任前公示至2025-10-14期满，2025-10-15起方可任职（PUB-3）")
    }

    @Test("PUB-4 the pre-appointment talk is required before the appointment, held on or before its day, with the named officials")
    func talkRequired() throws {
        var p = try started()
        #expect(p.waitingFor(on: F.day("2025-10-15")).map(\.rule) == ["PUB-4"])
        #expect(throws: PublicityError.required(field: "officials", rule: "PUB-4")) {
            try p.recordTalk(PreAppointmentTalk(day: F.day("2025-10-15"), officials: [" ", ""], form: .individual))
        }
        try p.recordTalk(talk("2025-10-20"))     // held after the day asked for: does not count for it
        #expect(throws: PublicityError.notYet([Refusal("PUB-4", zh: "尚未进行任前谈话", en: "the pre-appointment talk has not been held")])) {
            try p.appoint(on: F.day("2025-10-15"), document: "任〔2025〕12号", by: "organizer")
        }
        try p.appoint(on: F.day("2025-10-20"), document: "任〔2025〕12号", by: "organizer")
        #expect(p.talks.map(\.form) == [.individual] && p.talks[0].officials.count == 3)
        // with everything missing the appointment says every reason, each with its rule
        var q = try started()
        try q.receiveReport(id: "R1", on: F.day("2025-10-09"), summary: "来信", enteredBy: "clerk")
        #expect(q.waitingFor(on: F.day("2025-10-10")).map(\.rule) == ["PUB-3", "PUB-2", "PUB-4"])
    }

    @Test("PUB-1 a publicity record survives a JSON round trip")
    func codable() throws {
        var p = try started()
        try p.receiveReport(id: "R1", on: F.day("2025-10-10"), summary: "来信", enteredBy: "clerk")
        try p.recordTalk(talk("2025-10-15"))
        #expect(try JSONDecoder().decode(Publicity.self, from: JSONEncoder().encode(p)) == p)
    }
}
