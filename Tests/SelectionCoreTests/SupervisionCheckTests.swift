import Foundation
import Testing
@testable import SelectionCore

// CHK-1…6: a check as a value — planned, sample drawn, reviewed (files, main leaders, findings), a rectification
// notice followed item by item to closure — and the CHK-3 hints and the CHK-5 list.

@Suite("Supervision: a check from plan to closure (CHK-1, CHK-3…6)")
struct SupervisionCheckTests {
    static func day(_ s: String) -> CivilDay { CivilDay(s)! }

    static func planned(_ kind: CheckKind = .fromAbove) throws -> Check {
        try Check.plan(kind: kind, title: "2025年度选人用人工作检查", unitName: "青岚县教育局", period: CheckPeriod.year(2025)!,
                       secretary: kind == .departure ? "李书记" : nil)
    }

    static func drawn(files: Int = 3) throws -> Check {
        var c = try planned()
        let s = try FileSampling.draw((0 ..< files).map { FileSampling.File(id: "f\($0)") }, seed: 5)
        try c.recordDraw(CheckDraw(s, day: day("2026-03-02"), by: "检查组"))
        return c
    }

    static func answerAll(_ c: inout Check, found: LeaderQuestion? = nil) throws {
        for q in LeaderQuestion.allCases { try c.answer(q, found: q == found, note: q == found ? "组织部长授意推荐某人" : "", by: "检查组", on: day("2026-03-05")) }
    }

    @Test("CHK-1 the states in order: planned → drawn → reviewing → findings → notice issued → rectifying → closed")
    func wholeRun() throws {
        var c = try Self.drawn()
        #expect(c.state == .drawn && c.draw?.files == 3 && c.draw?.drawn == 1)
        try c.fileReviewed()
        #expect(c.state == .reviewing)
        try Self.answerAll(&c)
        let f = try c.addFinding(rule: "REG-4", problem: "某干部出生日期前后不一致，未予核实", requirement: "一个月内核实认定并报送结果", file: "f1", fileName: "张三",
                                 by: "检查组", on: Self.day("2026-03-06"))
        #expect(f == "F1")
        try c.concludeReview(unreviewed: [], problemFiles: ["f1": "张三"], on: Self.day("2026-03-07"))
        #expect(c.state == .findings)
        try c.issueNotice(reference: "青组检〔2026〕3号", issuer: "中共青岚县委组织部", on: Self.day("2026-03-10"), deadline: Self.day("2026-06-10"), by: "县委组织部")
        #expect(c.state == .noticeIssued && c.notice?.unitName == "青岚县教育局")
        try c.followUp("F1", text: "已调取原始材料，正在核实", done: false, by: "教育局组织人事股", on: Self.day("2026-04-01"))
        #expect(c.state == .rectifying && c.findings[0].progress == .inProgress)
        try c.followUp("F1", text: "已核实并重新认定出生日期，档案已更正", done: true, by: "教育局组织人事股", on: Self.day("2026-05-01"))
        #expect(c.findings[0].progress == .reported)
        try c.verify("F1", accepted: true, note: "", by: "检查组", on: Self.day("2026-05-08"))
        #expect(c.findings[0].progress == .rectified)
        try c.close(summary: "整改到位", by: "检查组", on: Self.day("2026-05-09"))
        #expect(c.state == .closed && c.closure?.summary == "整改到位")
        #expect(CheckState.allCases == [.planned, .drawn, .reviewing, .findings, .noticeIssued, .rectifying, .closed])
    }

    @Test("CHK-2 the sample is drawn once, and holds at least a third of the files")
    func drawnOnce() throws {
        var c = try Self.drawn()
        let again = CheckDraw(seed: 9, day: Self.day("2026-03-03"), by: "x", files: 3, drawn: 1, mandatory: 0, sampled: 1)
        #expect(throws: CheckError.alreadyDrawn(5)) { try c.recordDraw(again) }
        var p = try Self.planned()
        #expect(throws: CheckError.sampleTooSmall(files: 10, sampled: 3)) {
            try p.recordDraw(CheckDraw(seed: 1, day: Self.day("2026-03-03"), by: "x", files: 10, drawn: 3, mandatory: 0, sampled: 3))
        }
        #expect(p.state == .planned)
        // nothing to review before the draw
        #expect(throws: CheckError.wrongState(.planned, expected: [.drawn, .reviewing])) { try p.fileReviewed() }
        #expect(throws: CheckError.self) { try p.addFinding(rule: "", problem: "x", requirement: "y", by: "x", on: Self.day("2026-03-03")) }
    }

    @Test("CHK-2 the review does not conclude while a sampled file is unreviewed or a problem found is not among the findings")
    func conclusionNeedsEverything() throws {
        var c = try Self.drawn()
        try c.fileReviewed()
        try Self.answerAll(&c)
        #expect(throws: CheckError.unreviewed(["李四"])) { try c.concludeReview(unreviewed: ["李四"], problemFiles: [:], on: Self.day("2026-03-07")) }
        #expect(throws: CheckError.uncovered(["张三"])) { try c.concludeReview(unreviewed: [], problemFiles: ["f1": "张三"], on: Self.day("2026-03-07")) }
        #expect(c.state == .reviewing && c.concluded == nil)
    }

    @Test("CHK-3 every question on the main leaders is answered; a problem found needs its note and a finding")
    func leaderQuestions() throws {
        var c = try Self.drawn()
        try c.answer(.designatedTargets, found: false, note: "", by: "检查组", on: Self.day("2026-03-05"))
        #expect(throws: CheckError.unanswered([.hintedRecommendation, .decidedAlone, .promotedRelatives, .promotedSecretaries])) {
            try c.concludeReview(unreviewed: [], problemFiles: [:], on: Self.day("2026-03-07"))
        }
        #expect(throws: CheckError.required(field: "note", rule: "CHK-3")) { try c.answer(.hintedRecommendation, found: true, note: " ", by: "x", on: Self.day("2026-03-05")) }
        try Self.answerAll(&c, found: .hintedRecommendation)
        #expect(c.answers.count == 5 && c.answer(to: .hintedRecommendation)?.found == true)
        #expect(throws: CheckError.uncovered([LeaderQuestion.hintedRecommendation.title(in: .zhHans)])) {
            try c.concludeReview(unreviewed: [], problemFiles: [:], on: Self.day("2026-03-07"))
        }
        try c.addFinding(rule: "CHK-3", problem: "主要领导授意推荐", requirement: "严肃批评教育，作出深刻检查", question: .hintedRecommendation, by: "检查组", on: Self.day("2026-03-06"))
        try c.concludeReview(unreviewed: [], problemFiles: [:], on: Self.day("2026-03-07"))
        #expect(c.state == .findings)
        // answered again, the later answer stands
        var d = try Self.drawn()
        try d.answer(.decidedAlone, found: true, note: "书记首先表态", by: "x", on: Self.day("2026-03-05"))
        try d.answer(.decidedAlone, found: false, note: "核实后不属实", by: "x", on: Self.day("2026-03-06"))
        #expect(d.answers.count == 1 && d.answer(to: .decidedAlone)?.found == false)
    }

    @Test("CHK-4 a notice needs findings, a reference and a later deadline; a check without findings closes from its findings")
    func noticeRules() throws {
        var c = try Self.drawn()
        try c.fileReviewed()
        try Self.answerAll(&c)
        try c.concludeReview(unreviewed: [], problemFiles: [:], on: Self.day("2026-03-07"))
        #expect(throws: CheckError.noFindings) { try c.issueNotice(reference: "x", issuer: "县委组织部", on: Self.day("2026-03-08"), deadline: Self.day("2026-04-08"), by: "x") }
        try c.close(summary: "未发现问题", by: "检查组", on: Self.day("2026-03-08"))
        #expect(c.state == .closed)

        var d = try Self.drawn()
        try d.fileReviewed(); try Self.answerAll(&d)
        try d.addFinding(rule: "", problem: "考察材料不全", requirement: "补齐材料", by: "检查组", on: Self.day("2026-03-06"))
        #expect(d.findings[0].rule == "CHK-2")
        try d.concludeReview(unreviewed: [], problemFiles: [:], on: Self.day("2026-03-07"))
        #expect(throws: CheckError.noticeNeeded(1)) { try d.close(summary: "", by: "x", on: Self.day("2026-03-08")) }
        #expect(throws: CheckError.required(field: "issuer", rule: "CHK-4")) { try d.issueNotice(reference: "青组检〔2026〕4号", issuer: "", on: Self.day("2026-03-08"), deadline: Self.day("2026-04-08"), by: "x") }
        #expect(throws: CheckError.required(field: "reference", rule: "CHK-4")) { try d.issueNotice(reference: " ", issuer: "县委组织部", on: Self.day("2026-03-08"), deadline: Self.day("2026-04-08"), by: "x") }
        #expect(throws: CheckError.badDeadline(issued: Self.day("2026-03-08"), deadline: Self.day("2026-03-08"))) {
            try d.issueNotice(reference: "青组检〔2026〕4号", issuer: "县委组织部", on: Self.day("2026-03-08"), deadline: Self.day("2026-03-08"), by: "x")
        }
        #expect(throws: CheckError.beforeConclusion(Self.day("2026-03-07"))) {
            try d.issueNotice(reference: "青组检〔2026〕4号", issuer: "县委组织部", on: Self.day("2026-03-06"), deadline: Self.day("2026-04-08"), by: "x")
        }
        #expect(d.state == .findings && d.notice == nil)
        // findings are final once concluded
        #expect(throws: CheckError.wrongState(.findings, expected: [.drawn, .reviewing])) {
            try d.addFinding(rule: "", problem: "x", requirement: "y", by: "x", on: Self.day("2026-03-08"))
        }
    }

    @Test("CHK-4 followed to closure: every item reported done and accepted; an item sent back reopens until reported again")
    func followUpToClosure() throws {
        var c = try Self.drawn()
        try c.fileReviewed(); try Self.answerAll(&c)
        for i in 1 ... 2 { try c.addFinding(rule: "CHK-2", problem: "问题\(i)", requirement: "要求\(i)", by: "检查组", on: Self.day("2026-03-06")) }
        try c.concludeReview(unreviewed: [], problemFiles: [:], on: Self.day("2026-03-07"))
        try c.issueNotice(reference: "青组检〔2026〕5号", issuer: "县委组织部", on: Self.day("2026-03-10"), deadline: Self.day("2026-06-10"), by: "x")
        #expect(throws: CheckError.beforeNotice(Self.day("2026-03-10"))) { try c.followUp("F1", text: "x", done: true, by: "u", on: Self.day("2026-03-09")) }
        #expect(throws: CheckError.unknownFinding("F9")) { try c.followUp("F9", text: "x", done: true, by: "u", on: Self.day("2026-03-11")) }
        try c.followUp("F1", text: "已整改", done: true, by: "u", on: Self.day("2026-04-01"))
        #expect(throws: CheckError.notReported("F2")) { try c.verify("F2", accepted: true, note: "", by: "t", on: Self.day("2026-04-02")) }
        #expect(throws: CheckError.required(field: "note", rule: "CHK-4")) { try c.verify("F1", accepted: false, note: "", by: "t", on: Self.day("2026-04-02")) }
        try c.verify("F1", accepted: false, note: "整改不彻底，须补充材料", by: "t", on: Self.day("2026-04-02"))
        #expect(c.findings[0].progress == .inProgress)
        #expect(throws: CheckError.notReported("F1")) { try c.verify("F1", accepted: true, note: "", by: "t", on: Self.day("2026-04-03")) }
        try c.followUp("F1", text: "已补充材料", done: true, by: "u", on: Self.day("2026-04-05"))
        try c.verify("F1", accepted: true, note: "", by: "t", on: Self.day("2026-04-06"))
        #expect(c.findings[0].progress == .rectified)
        #expect(throws: CheckError.alreadyRectified("F1")) { try c.followUp("F1", text: "x", done: false, by: "u", on: Self.day("2026-04-07")) }
        #expect(throws: CheckError.notRectified(["F2"])) { try c.close(summary: "", by: "t", on: Self.day("2026-04-07")) }
        #expect(c.findings[1].progress == .open)
        try c.followUp("F2", text: "已整改", done: true, by: "u", on: Self.day("2026-04-08"))
        try c.verify("F2", accepted: true, note: "", by: "t", on: Self.day("2026-04-09"))
        try c.close(summary: "", by: "t", on: Self.day("2026-04-10"))
        #expect(c.state == .closed && c.openFindings.isEmpty)
    }

    @Test("CHK-6 a departure check names the departing secretary; a finding may carry an accountability proposal")
    func departure() throws {
        #expect(throws: CheckError.required(field: "secretary", rule: "CHK-6")) {
            try Check.plan(kind: .departure, title: "县委书记离任检查", unitName: "中共青岚县委员会", period: CheckPeriod.year(2025)!, secretary: " ")
        }
        let period = try CheckPeriod(from: Self.day("2021-06-01"), to: Self.day("2026-05-31"))
        var c = try Check.plan(kind: .departure, title: "县委书记离任检查", unitName: "中共青岚县委员会", period: period, secretary: "李书记")
        #expect(c.secretary == "李书记" && c.kind.rule == "CHK-6")
        try c.recordDraw(CheckDraw(seed: 1, day: Self.day("2026-06-02"), by: "x", files: 0, drawn: 0, mandatory: 0, sampled: 0))
        try c.addFinding(rule: "CHK-6", problem: "任期内突击提拔干部", requirement: "逐一核查", accountability: "建议对时任县委书记进行诫勉谈话", by: "检查组", on: Self.day("2026-06-03"))
        #expect(c.findings[0].accountability == "建议对时任县委书记进行诫勉谈话")
        // a self-check has no secretary even if one is given
        let s = try Check.plan(kind: .selfCheck, title: "年度自查", unitName: "教育局", period: period, secretary: "某某")
        #expect(s.secretary == nil)
    }

    @Test("CHK-1 a period ends on or after its start and spans at most eleven years; a year is 1 January to 31 December")
    func periods() throws {
        #expect(throws: CheckError.badPeriod(from: Self.day("2026-01-02"), to: Self.day("2026-01-01"))) { try CheckPeriod(from: Self.day("2026-01-02"), to: Self.day("2026-01-01")) }
        #expect(throws: CheckError.self) { try CheckPeriod(from: Self.day("2010-01-01"), to: Self.day("2026-01-01")) }
        let y = try #require(CheckPeriod.year(2025))
        #expect(y.from == Self.day("2025-01-01") && y.to == Self.day("2025-12-31"))
        #expect(y.contains(Self.day("2025-12-31")) && !y.contains(Self.day("2026-01-01")))
        #expect(throws: CheckError.required(field: "title", rule: "CHK-1")) {
            try Check.plan(kind: .selfCheck, title: "", unitName: "教育局", period: y)
        }
    }

    @Test("CHK-1 a check's JSON reads back as the same value, the seed exact above 2^53")
    func json() throws {
        var c = try Self.planned()
        try c.recordDraw(CheckDraw(seed: UInt64.max - 1, day: Self.day("2026-03-02"), by: "x", files: 0, drawn: 0, mandatory: 0, sampled: 0))
        let data = try JSONEncoder().encode(c)
        #expect(String(decoding: data, as: UTF8.self).contains("\"18446744073709551614\""))
        #expect(try JSONDecoder().decode(Check.self, from: data) == c)
    }

    @Test("CHK-2 a file review answers every item; a problem says what was found")
    func fileReview() throws {
        let day = Self.day("2026-03-05")
        var answers = FileCheckItem.allCases.map { FileReview.Answer($0, .ok) }
        let r = try FileReview(answers: answers.reversed(), by: "检查组", on: day)
        #expect(r.answers.map(\.item) == FileCheckItem.allCases && r.problems.isEmpty)
        answers[1] = FileReview.Answer(.threeAges, .problem)
        #expect(throws: InvalidInput.self) { try FileReview(answers: answers, by: "x", on: day) }
        answers[1].note = "出生日期涂改"
        #expect(try FileReview(answers: answers, by: "x", on: day).problems.map(\.item) == [.threeAges])
        #expect(throws: InvalidInput.self) { try FileReview(answers: Array(answers.dropLast()), by: "x", on: day) }
    }

    @Test("CHK-3 hints: a relative named like a main leader (either file), a former secretary, a nomination outside the channels; main leaders by title")
    func hints() {
        let leaders = [LeaderRelations.Leader(name: "李建国", title: "县委书记", family: [CadreFile.Relative(relation: "女儿", name: "李晓雯")])]
        let promoted = [
            LeaderRelations.Promoted(file: "a", name: "王芳", family: [CadreFile.Relative(relation: "丈夫", name: "李建国")]),
            LeaderRelations.Promoted(file: "b", name: "李晓雯"),
            LeaderRelations.Promoted(file: "c", name: "赵强", formerPost: "县委办公室秘书科科长"),
            LeaderRelations.Promoted(file: "d", name: "孙丽", nominatedOutsideChannels: true),
            LeaderRelations.Promoted(file: "e", name: "周明", family: [CadreFile.Relative(relation: "父亲", name: "周建")]),
        ]
        let h = LeaderRelations.hints(leaders: leaders, promoted: promoted)
        #expect(h.map(\.file) == ["a", "b", "c", "d"])
        #expect(h.map(\.question) == [.promotedRelatives, .promotedRelatives, .promotedSecretaries, .designatedTargets])
        #expect(h[0].zh.contains("配偶") && h[1].zh.contains("子女"))
        #expect(LeaderRelations.isMainLeader(title: "县委书记") && LeaderRelations.isMainLeader(title: "书记"))
        #expect(LeaderRelations.isMainLeader(title: "县委副书记、县长") && LeaderRelations.isMainLeader(title: "局党组书记、局长"))
        #expect(!LeaderRelations.isMainLeader(title: "县委副书记") && !LeaderRelations.isMainLeader(title: "县委常委、组织部部长"))
        #expect(!LeaderRelations.isMainLeader(title: "县委常委、县纪委书记") && !LeaderRelations.isMainLeader(title: "委员"))
    }

    @Test("CHK-5 the prior-report list: exceptional positions and batches, reported, set aside or missing")
    func priorReports() {
        let unit = UUID()
        func pos(_ id: String, exceptional: Bool, posts: Int = 1) -> MatterPosition {
            MatterPosition(id: id, unitID: unit, unitName: "教育局", post: "副局长\(id)", grade: 4, posts: posts,
                           conditions: PositionConditions(referenceDate: YearMonth(year: 2025, month: 1), targetGrade: 4), exceptional: exceptional)
        }
        let one = PriorReports.Matter(id: "m1", title: "教育局副局长选任", positions: [pos("p1", exceptional: true), pos("p2", exceptional: false)], batchPosts: 5, people: [
            .init(name: "甲", positionID: "p1", reference: "青组报〔2025〕1号", appointed: true),
            .init(name: "乙", positionID: "p2", reference: nil, appointed: true),
        ])
        let batch = PriorReports.Matter(id: "m2", title: "乡镇班子调整", positions: [pos("p1", exceptional: false, posts: 6)], batchPosts: 5, people: [
            .init(name: "丙", positionID: "p1", reference: nil, overriddenBy: "常委会决定", appointed: true),
            .init(name: "丁", positionID: "p1", reference: nil, appointed: false),
        ])
        let lines = PriorReports.lines([one, batch])
        #expect(lines.map(\.name) == ["甲", "丙", "丁"])
        #expect(lines.map(\.status) == [.reported, .setAside, .missing])
        #expect(lines[1].zh.contains("批量提拔") && lines[0].zh.contains("破格"))
    }
}
