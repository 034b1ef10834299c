import Foundation
import Testing
@testable import SelectionCore

/// The guards of the last four stages (DEC, PUB, PRB) on the facts the store reads, and the registry file an
/// appointment writes (PUB-3, PRB-1).
@Suite("Decision stages")
struct DecisionStageTests {
    let s = MatterSettings()
    let today = DecisionFixture.day("2025-10-15")

    func facts(_ d: DecisionFacts?) -> StageFacts {
        var f = StageFacts(today: today)
        f.decisions = d
        return f
    }

    func publicity(_ published: String, reportOpen: Bool = false, affecting: Bool = false) throws -> Publicity {
        var p = try Publicity(person: "王立新", post: "财政局副局长", published: DecisionFixture.day(published), length: 5, inWorkingDays: true, calendar: try DecisionFixture.calendar())
        if reportOpen || affecting { try p.receiveReport(id: "R1", on: p.published, summary: "反映问题", enteredBy: "clerk") }
        if affecting { try p.confirmReport("R1", reason: "属实", by: "org", on: p.published) }
        return p
    }

    @Test("DEC-1 DEC-3 DEC-6 the decision stage waits for a meeting, its closing and every position voted or left vacant")
    func committeeExit() {
        #expect(StageGuards.exit(.committeeDecision, facts(nil), s).map(\.rule) == ["LED-1"])
        #expect(StageGuards.exit(.committeeDecision, facts(DecisionFacts()), s).map(\.rule) == ["DEC-1"])
        let open = DecisionFacts(meetings: 1, openMeeting: true, undecidedPosts: ["财政局副局长"])
        let r = StageGuards.exit(.committeeDecision, facts(open), s)
        #expect(r.map(\.rule) == ["DEC-6", "DEC-3"] && r[1].zh.contains("财政局副局长"))
        #expect(StageGuards.exit(.committeeDecision, facts(DecisionFacts(meetings: 2)), s) == [])
    }

    @Test("PUB-1 PUB-2 publicity ends only after its last counted day with no report open; a cancelled person waits for nothing")
    func publicityExit() throws {
        let unpublished = DecisionFacts(meetings: 1, appointees: [.init(name: "王立新")])
        #expect(StageGuards.exit(.publicity, facts(unpublished), s).map(\.rule) == ["PUB-1"])
        // 2025-09-30 + 5 working days = 2025-10-14 (National Day off, the Saturday 10-11 worked)
        let running = DecisionFacts(meetings: 1, appointees: [.init(name: "王立新", publicity: try publicity("2025-09-30"))])
        var f = facts(running)
        f.today = DecisionFixture.day("2025-10-14")
        #expect(StageGuards.exit(.publicity, f, s).map(\.rule) == ["PUB-1"])
        f.today = DecisionFixture.day("2025-10-15")
        #expect(StageGuards.exit(.publicity, f, s) == [])
        let held = DecisionFacts(meetings: 1, appointees: [.init(name: "王立新", publicity: try publicity("2025-09-30", reportOpen: true))])
        #expect(StageGuards.exit(.publicity, facts(held), s).map(\.rule) == ["PUB-2"])
        let cancelled = DecisionFacts(meetings: 1, appointees: [.init(name: "王立新", publicity: try publicity("2025-09-30", affecting: true))])
        #expect(StageGuards.exit(.publicity, facts(cancelled), s) == [])
        #expect(StageGuards.exit(.appointment, facts(cancelled), s) == [])
    }

    @Test("PUB-3 PRB-1 the appointment stage waits for every appointment, probation for every final outcome")
    func appointmentAndProbationExit() throws {
        var p = try publicity("2025-09-30")
        let waiting = DecisionFacts(meetings: 1, appointees: [.init(name: "王立新", publicity: p)])
        #expect(StageGuards.exit(.appointment, facts(waiting), s).map(\.rule) == ["PUB-3"])
        try p.recordTalk(PreAppointmentTalk(day: today, officials: ["组织部长"], form: .individual))
        try p.appoint(on: today, document: "青组干〔2025〕45号", by: "org")
        var prob = try Probation(person: "王立新", post: "副局长", former: "副科级", start: today, months: 12)
        let appointed = DecisionFacts(meetings: 1, appointees: [.init(name: "王立新", publicity: p, probation: prob)])
        #expect(StageGuards.exit(.appointment, facts(appointed), s) == [])
        #expect(StageGuards.exit(.probation, facts(appointed), s).map(\.rule) == ["PRB-1"])
        try prob.conclude(.basicPass, report: "述职", on: DecisionFixture.day("2026-10-15"))
        #expect(StageGuards.exit(.probation, facts(DecisionFacts(meetings: 1, appointees: [.init(name: "王立新", publicity: p, probation: prob)])), s).map(\.rule) == ["PRB-1"])
        try prob.conclude(.pass, report: "述职", on: DecisionFixture.day("2027-04-15"))
        #expect(StageGuards.exit(.probation, facts(DecisionFacts(meetings: 1, appointees: [.init(name: "王立新", publicity: p, probation: prob)])), s) == [])
    }

    @Test("PUB-3 the appointment closes the open résumé line at its month and opens one for the new post, with the rank and since when")
    func appointmentFile() {
        var f = CadreFile()
        f.currentPost = "财政局副局长"; f.rank = "副科级"; f.rankSince = "2020-03"
        f.resume = "2004.09--2008.07  厦门大学学习\n2008.07--2020.03  财政局科员\n2020.03--  财政局副局长（其间：2022.03—2022.07在县委党校学习）\n"
        let g = AppointmentFile.appointing(f, post: "青岚县财政局局长", rank: "正科级", on: DecisionFixture.day("2025-10-16"))
        #expect(g.currentPost == "青岚县财政局局长" && g.rank == "正科级" && g.rankSince == "2025-10" && g.postSince == "2025-10")
        let lines = g.resume.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[2] == "2020.03—2025.10  财政局副局长（其间：2022.03—2022.07在县委党校学习）")
        #expect(lines[3] == "2025.10—  青岚县财政局局长")
        let parsed = Resume(text: g.resume)
        #expect(parsed.unparsed.isEmpty && parsed.entries.last?.end == nil && parsed.entries[2].end == YearMonth(year: 2025, month: 10))
        // only the dates of the open line change: its continuation lines stay as written, once
        var g2 = f
        g2.resume = "2008.07--2020.03  财政局科员\n2020.03--  财政局副局长\n  （分管预算、国库）\n（其间：2022.03—2022.07在县委党校学习）"
        let r2 = AppointmentFile.appointing(g2, post: "财政局局长", rank: "", on: DecisionFixture.day("2025-10-16")).resume
        #expect(r2 == "2008.07--2020.03  财政局科员\n2020.03—2025.10  财政局副局长\n  （分管预算、国库）\n（其间：2022.03—2022.07在县委党校学习）\n2025.10—  财政局局长")
        // the same rank keeps its date
        #expect(AppointmentFile.appointing(f, post: "x", rank: "副科级", on: DecisionFixture.day("2025-10-16")).rankSince == "2020-03")
    }
}
