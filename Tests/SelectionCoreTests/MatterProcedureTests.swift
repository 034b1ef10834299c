import Foundation
import Testing
@testable import SelectionCore

// Tests of the selection matter's procedures, plan and workflow (Sources/SelectionCore/Matters), without a
// database: the facts a store would gather are built by hand here.

/// Plans, teams, candidates and stage facts for the matter tests (prefixed so as not to clash with other suites).
enum MatterFixtures {
    static let unitID = UUID(uuidString: "6F1C2B9A-0000-4000-8000-00000000000A")!
    /// Monday 2 March 2026.
    static let day0 = CivilDay(year: 2026, month: 3, day: 2)!

    static func position(id: String = "p1", posts: Int = 1, exceptional: Bool = false) -> MatterPosition {
        MatterPosition(id: id, unitID: unitID, unitName: "县财政局", post: "副局长", grade: 8, posts: posts,
                       conditions: PositionConditions(referenceDate: YearMonth(year: 2026, month: 3), targetGrade: 8), exceptional: exceptional)
    }

    static func plan(_ kind: ProcedureKind = .organizational, posts: Int = 1, settings: MatterSettings = MatterSettings()) -> MatterPlan {
        MatterPlan(positions: [position(posts: posts)], procedure: Procedure(kind), settings: settings,
                   scope: "全县科级干部", timetable: "2026年3月至6月", discipline: "严禁拉票贿选")
    }

    static func draft(_ kind: ProcedureKind = .organizational, posts: Int = 1, settings: MatterSettings = MatterSettings()) throws -> Matter {
        try Matter.draft(title: "县财政局副局长选拔", unitID: unitID, plan: plan(kind, posts: posts, settings: settings))
    }

    static func published(_ kind: ProcedureKind = .organizational, posts: Int = 1, settings: MatterSettings = MatterSettings(), on day: CivilDay = day0) throws -> Matter {
        var m = try draft(kind, posts: posts, settings: settings)
        try m.publish(on: day)
        return m
    }

    /// INS-2: a leader from the standing committee and the organization department, then discipline, personnel, legal … staff.
    static func team(size: Int = 3) -> [TeamMember] {
        let backgrounds: [TeamMember.Background] = [.discipline, .personnel, .legal, .organization]
        return [TeamMember(name: "王常委", background: .organization, leader: true, standingCommittee: true)]
            + (0 ..< max(0, size - 1)).map { TeamMember(name: "组员\($0 + 1)", background: backgrounds[$0 % backgrounds.count]) }
    }

    /// Every gate holds: no finding, report consistent, opinion answered without a problem, exam passed, full consent, no hold.
    static func passingGates(on day: CivilDay = day0) -> GateFacts {
        var g = GateFacts()
        g.personalMatters = PersonalMattersCheck(date: day, consistent: true, handling: .none)
        g.integrityOpinion = BodyOpinion(body: "县纪委监委", requested: day, answered: day, answer: "无问题", isIntegrity: true)
        g.integrityExam = IntegrityExam(date: day, score: 92)
        g.evaluation = (consent: 42, total: 42)
        return g
    }

    static func candidate(_ name: String, gates: GateFacts = passingGates()) -> StageFacts.Candidate {
        StageFacts.Candidate(name: name, talks: 15, materials: true, gates: gates)
    }

    static let names = ["张三", "李四", "王五", "赵六", "钱七", "孙八", "周九"]

    static func targets(_ count: Int, doubleMajority: Bool? = true) -> [StageFacts.Target] {
        (0 ..< count).map { StageFacts.Target(name: names[$0 % names.count], reason: "推荐得票靠前，综合考虑", doubleMajority: doubleMajority) }
    }

    /// Only the facts that the exit guard of `stage` and the entry guard of `next` look at, set so that both hold.
    static func facts(exiting stage: StageKind, entering next: StageKind?, today: CivilDay, posts: Int, settings: MatterSettings,
                      recommendationHeld: Bool) -> StageFacts {
        var f = StageFacts(today: today, posts: posts)
        switch stage {
        case .initialNomination:
            f.consolidated = true
            f.qualifiedNominees = posts + 1
        case .democraticRecommendation:
            f.meetingVoteClosed = true
            f.talkVoteClosed = true
            f.talksRecorded = 25
        case .democraticEvaluation:
            f.evaluationClosed = true
        case .consultation:
            f.consultationRecorded = true
        case .registration, .qualificationReview, .writtenExam, .interview, .compositeScore:
            f.competition = settledCompetition
        case .inspection:
            f.noticePublished = today.adding(days: -settings.noticeDays)
            f.team = team(size: settings.minTeamSize)
            f.candidates = (0 ..< posts + 1).map { candidate(names[$0]) }
            f.comparisonWritten = true
        default:
            f.recordedOutcomes = [stage]
            f.decisions = DecisionFacts(meetings: 1)
        }
        switch next {
        case .inspection:
            f.recommendationHeld = recommendationHeld
            f.targets = targets(posts + 1, doubleMajority: recommendationHeld ? true : nil)
        case .committeeDecision:
            f.candidates = (0 ..< posts + 1).map { candidate(names[$0]) }
        default:
            break
        }
        return f
    }

    /// Facts under which every guard of every stage holds at once.
    static func allGood(today: CivilDay, posts: Int, settings: MatterSettings, recommendationHeld: Bool = true) -> StageFacts {
        var f = StageFacts(today: today, posts: posts)
        f.consolidated = true
        f.qualifiedNominees = posts + 1
        f.meetingVoteClosed = true
        f.talkVoteClosed = true
        f.talksRecorded = 25
        f.recommendationHeld = recommendationHeld
        f.targets = targets(posts + 1, doubleMajority: recommendationHeld ? true : nil)
        f.evaluationClosed = true
        f.consultationRecorded = true
        f.noticePublished = today.adding(days: -settings.noticeDays)
        f.team = team(size: settings.minTeamSize)
        f.candidates = (0 ..< posts + 1).map { candidate(names[$0 % names.count]) }
        f.comparisonWritten = true
        f.recordedOutcomes = Set(StageKind.allCases.filter(\.recordedByHand))
        f.decisions = DecisionFacts(meetings: 1)
        f.competition = settledCompetition
        return f
    }

    /// Registration closed with applicants, every one reviewed, the papers graded and the key opened.
    static var settledCompetition: CompetitionFacts {
        var c = CompetitionFacts()
        c.now = 2_000_000_000; c.closes = 1_900_000_000; c.applicants = 12; c.sealed = true; c.keyOpened = true
        return c
    }

    static func rules(_ refusals: [Refusal]) -> Set<String> { Set(refusals.map(\.rule)) }

    /// The fields an input error names.
    static func fields(_ e: InvalidInput?) -> [String] { e?.issues.map(\.field) ?? [] }

    /// The error `body` throws (nil when it does not throw).
    static func error(_ body: () throws -> Void) -> (any Error)? {
        do { try body(); return nil } catch { return error }
    }

    /// Runs a published matter through every stage, one week a stage, and returns it with the stages it visited.
    static func runThrough(_ kind: ProcedureKind, posts: Int = 2) throws -> (Matter, [StageKind]) {
        try Procedure(kind).check()
        var m = try draft(kind, posts: posts)
        #expect(m.phase == .drafting && m.current == nil)
        try m.publish(on: day0)
        #expect(m.phase == .running && m.published == day0)
        let recommendationHeld = kind.stages.contains(.democraticRecommendation)
        var visited: [StageKind] = []
        var day = day0
        while m.phase == .running, let i = m.currentIndex {
            let stage = m.stages[i].kind
            visited.append(stage)
            #expect(m.readyForCommittee == (stage == .committeeDecision))
            day = day.adding(days: 7)
            // with nothing done the stage waits, and advancing is refused in words naming the stage
            let bare = StageFacts(today: day, posts: posts)
            let waiting = m.waitingFor(bare)
            #expect(!waiting.isEmpty, "\(stage) moved on with no facts")
            let refused = error { try m.advance(bare, on: day) } as? MatterError
            #expect(refused == .guardFailed(stage, waiting))
            #expect(m.currentIndex == i)
            if stage.recordedByHand { try m.recordOutcome("  \(stage.title(in: .zhHans))结果，见县委组织部文件第\(i + 1)号 ") }
            let f = facts(exiting: stage, entering: m.next, today: day, posts: posts, settings: m.plan.settings, recommendationHeld: recommendationHeld)
            #expect(m.waitingFor(f) == [], "\(stage): \(m.waitingFor(f).map(\.en))")
            try m.advance(f, on: day)
        }
        return (m, visited)
    }

    static func checkRun(_ kind: ProcedureKind) throws {
        let (m, visited) = try runThrough(kind)
        #expect(m.phase == .finished)
        #expect(visited == kind.stages)
        #expect(m.stages.map(\.kind) == kind.stages)
        #expect(m.current == nil && m.next == nil && m.waitingFor(StageFacts(today: day0)) == [])
        for (i, s) in m.stages.enumerated() {
            #expect(s.started == day0.adding(days: 7 * i), "\(s.kind) started \(String(describing: s.started))")
            #expect(s.finished == day0.adding(days: 7 * (i + 1)), "\(s.kind) finished \(String(describing: s.finished))")
            #expect((s.outcome != nil) == s.kind.recordedByHand)
        }
        if let outcome = m.stages.first(where: { $0.kind == .committeeDecision })?.outcome {
            #expect(outcome.hasPrefix("讨论决定结果") && !outcome.hasSuffix(" "))
        }
        // a finished matter does not move again
        var after = m
        #expect(error { try after.advance(allGood(today: day0.adding(days: 400), posts: 2, settings: m.plan.settings), on: day0.adding(days: 400)) } as? MatterError == .wrongPhase(.finished))
        #expect(after == m)
    }
}

@Suite("Procedure templates run through every stage (SEL-1…7)")
struct MatterTemplateTests {
    @Test("SEL-1 公开选拔 template passes its check and runs through every stage to finished")
    func openSelection() throws { try MatterFixtures.checkRun(.openSelection) }

    @Test("SEL-2 竞争上岗 template passes its check and runs through every stage to finished")
    func internalCompetition() throws { try MatterFixtures.checkRun(.internalCompetition) }

    @Test("SEL-3 缺位竞岗 template passes its check and runs through every stage to finished")
    func vacancyCompetition() throws { try MatterFixtures.checkRun(.vacancyCompetition) }

    @Test("SEL-4 公推公选 template passes its check and runs through every stage to finished")
    func publicRecommendation() throws { try MatterFixtures.checkRun(.publicRecommendation) }

    @Test("SEL-5 公推直选 template passes its check and runs through every stage to finished")
    func directElection() throws { try MatterFixtures.checkRun(.directElection) }

    @Test("SEL-6 组织选拔 template runs through every stage")
    func organizational() throws { try MatterFixtures.checkRun(.organizational) }

    @Test("SEL-7 训练班选拔 template passes its check and runs through every stage to finished")
    func trainingClass() throws { try MatterFixtures.checkRun(.trainingClass) }

    @Test("SEL-2 a custom procedure starts from the 组织选拔 stages and runs through them")
    func customDefault() throws {
        #expect(ProcedureKind.custom.stages == ProcedureKind.organizational.stages)
        try MatterFixtures.checkRun(.custom)
    }

    @Test("SEL-1 the templates carry their rule and the stages the catalogue lists, ending in the required tail")
    func templateShapes() throws {
        let rules = ProcedureKind.allCases.map(\.rule)
        #expect(rules == ["SEL-6", "SEL-1", "SEL-2", "SEL-3", "SEL-4", "SEL-5", "SEL-7", "SEL-2"])
        for kind in ProcedureKind.allCases {
            let s = kind.stages
            #expect(Array(s.suffix(5)) == [.inspection, .committeeDecision, .publicity, .appointment, .probation], "\(kind)")
            #expect(Set(s).count == s.count)
            #expect(Procedure(kind).stages == s && Procedure(kind).kind == kind)
        }
        #expect(ProcedureKind.openSelection.stages.prefix(5) == [.registration, .qualificationReview, .writtenExam, .interview, .compositeScore])
        #expect(ProcedureKind.directElection.stages.contains(.directElection) && !ProcedureKind.directElection.stages.contains(.initialNomination))
        #expect(ProcedureKind.vacancyCompetition.stages.contains(.democraticEvaluation))
        #expect(ProcedureKind.organizational.stages.prefix(2) == [.initialNomination, .democraticRecommendation])
    }
}

@Suite("Custom procedures (SEL-2)")
struct MatterCustomProcedureTests {
    static let tail: [StageKind] = [.inspection, .committeeDecision, .publicity, .appointment, .probation]

    /// The error a custom sequence is refused with, after checking that every issue names "stages".
    func refusal(_ stages: [StageKind], sourceLocation: SourceLocation = #_sourceLocation) -> InvalidInput? {
        do {
            _ = try Procedure.custom(stages)
            Issue.record("accepted \(stages)", sourceLocation: sourceLocation)
            return nil
        } catch {
            #expect(!error.issues.isEmpty && error.issues.allSatisfy { $0.field == "stages" }, sourceLocation: sourceLocation)
            return error
        }
    }

    @Test("SEL-2 written exam, interview and recommendation may come in any order", arguments: [
        [StageKind.writtenExam, .interview, .democraticRecommendation],
        [.interview, .writtenExam, .democraticRecommendation],
        [.democraticRecommendation, .writtenExam, .interview],
        [.democraticRecommendation, .interview, .writtenExam],
        [.interview, .democraticRecommendation, .writtenExam],
    ])
    func reorderAccepted(_ middle: [StageKind]) throws {
        let stages = [StageKind.registration, .qualificationReview] + middle + Self.tail
        let p = try Procedure.custom(stages)
        #expect(p.kind == .custom && p.stages == stages)
        // and a matter with it runs through in that order
        var m = try MatterFixtures.draft()
        var plan = m.plan
        plan.procedure = p
        try m.revise(plan)
        try m.publish(on: MatterFixtures.day0)
        var visited: [StageKind] = []
        var day = MatterFixtures.day0
        while let stage = m.current {
            visited.append(stage)
            day = day.adding(days: 6)
            try m.advance(MatterFixtures.facts(exiting: stage, entering: m.next, today: day, posts: 1, settings: m.plan.settings, recommendationHeld: true), on: day)
        }
        #expect(visited == stages && m.phase == .finished)
    }

    @Test("SEL-2 a stage that appears twice is refused")
    func duplicates() {
        let e = refusal([.registration, .qualificationReview, .interview, .writtenExam, .interview] + Self.tail)
        #expect(e?.message(in: .en).contains("appears twice") == true)
        #expect(refusal([.initialNomination] + Self.tail + [.probation]) != nil)
    }

    @Test("SEL-2 inspection, committee decision, publicity and appointment are required", arguments: Procedure.required)
    func missingRequired(_ missing: StageKind) {
        let stages = ([StageKind.initialNomination, .democraticRecommendation] + Self.tail).filter { $0 != missing }
        let e = refusal(stages)
        #expect(e?.message(in: .en).contains(missing.title(in: .en)) == true)
        #expect(e?.message(in: .zhHans).contains("程序必须包含") == true)
    }

    @Test("SEL-2 inspection after the committee decision is refused, as is any tail out of order")
    func tailOrder() {
        let e = refusal([.initialNomination, .democraticRecommendation, .committeeDecision, .inspection, .publicity, .appointment])
        #expect(e?.message(in: .en).contains("“Inspection” must come before “Committee decision”") == true)
        _ = refusal([.initialNomination, .inspection, .committeeDecision, .appointment, .publicity])
        _ = refusal([.initialNomination, .inspection, .committeeDecision, .publicity, .probation, .appointment])
    }

    @Test("SEL-2 exams, interviews, registration and review come before inspection (never after the decision)", arguments: [
        StageKind.writtenExam, .interview, .registration, .qualificationReview, .democraticRecommendation, .democraticEvaluation, .compositeScore, .consultation,
    ])
    func nothingAfterInspection(_ late: StageKind) {
        // a source of candidates first, then the required tail with the stage somewhere after inspection
        for position in 2 ... 5 {
            var stages: [StageKind] = [.initialNomination, .inspection, .committeeDecision, .publicity, .appointment]
            stages.insert(late, at: position)
            let e = refusal(stages)
            #expect(e != nil, "\(late) accepted at \(position)")
        }
    }

    @Test("SEL-2 a composite score needs a written exam, an interview or an evaluation before it")
    func compositeWithoutScores() throws {
        let e = refusal([.registration, .qualificationReview, .compositeScore] + Self.tail)
        #expect(e?.message(in: .en).contains("composite score needs") == true)
        for scored in [StageKind.writtenExam, .interview, .democraticEvaluation] {
            _ = try Procedure.custom([.registration, .qualificationReview, scored, .compositeScore] + Self.tail)
            // and the scored stage must come before the composite
            _ = refusal([.registration, .qualificationReview, .compositeScore, scored] + Self.tail)
        }
    }

    @Test("SEL-2 a procedure needs a stage that produces candidates; registration precedes review")
    func sourcesAndOrder() throws {
        _ = refusal([.democraticRecommendation] + Self.tail)
        _ = refusal(Self.tail)
        _ = refusal([.qualificationReview, .registration] + Self.tail)
        _ = refusal([.democraticRecommendation, .initialNomination] + Self.tail)
        _ = try Procedure.custom([.qualificationReview, .directElection] + Self.tail)
        _ = try Procedure.custom([.registration, .initialNomination, .democraticRecommendation, .consultation] + Self.tail)
        // without probation too: probation is not required
        _ = try Procedure.custom([.initialNomination, .inspection, .committeeDecision, .publicity, .appointment])
    }

    @Test("SEL-9 a draft cannot take an invalid procedure, and publishing refuses an incomplete plan")
    func reviseAndPublishCheck() throws {
        var m = try MatterFixtures.draft()
        let before = m
        var bad = m.plan
        bad.procedure.stages = [.initialNomination, .inspection, .committeeDecision, .publicity]
        let e = MatterFixtures.error { try m.revise(bad) } as? InvalidInput
        #expect(MatterFixtures.fields(e) == ["stages"])
        #expect(m == before)
        var empty = m.plan
        empty.positions = []
        try m.revise(empty)
        let p = MatterFixtures.error { try m.publish(on: MatterFixtures.day0) } as? InvalidInput
        #expect(MatterFixtures.fields(p).contains("positions"))
        #expect(m.phase == .drafting && m.published == nil && m.stages.allSatisfy { $0.started == nil })
    }
}

@Suite("The published plan is frozen; it changes only by a recorded decision (SEL-9)")
struct MatterAmendmentTests {
    let day0 = MatterFixtures.day0

    /// An organizational matter in its recommendation stage (nomination finished, recommendation started).
    func inRecommendation() throws -> Matter {
        var m = try MatterFixtures.published(.organizational)
        let d = day0.adding(days: 3)
        try m.advance(MatterFixtures.facts(exiting: .initialNomination, entering: .democraticRecommendation, today: d, posts: 1, settings: m.plan.settings, recommendationHeld: true), on: d)
        #expect(m.current == .democraticRecommendation)
        return m
    }

    @Test("SEL-9 revise changes a draft (and its stages) freely")
    func reviseWhileDrafting() throws {
        var m = try MatterFixtures.draft()
        var p = m.plan
        p.settings.noticeDays = 7
        p.procedure = Procedure(.openSelection)
        try m.revise(p)
        #expect(m.plan == p)
        #expect(m.stages.map(\.kind) == ProcedureKind.openSelection.stages && m.stages.allSatisfy { $0.started == nil })
        #expect(m.amendments.isEmpty)
    }

    @Test("SEL-9 after publishing, revise throws planFrozen and leaves the plan as it was")
    func frozenAfterPublish() throws {
        var m = try MatterFixtures.draft()
        try m.publish(on: day0)
        #expect(m.stages[0].started == day0 && m.stages.dropFirst().allSatisfy { $0.started == nil })
        let before = m
        var p = m.plan
        p.settings.noticeDays = 9
        #expect(MatterFixtures.error { try m.revise(p) } as? MatterError == .planFrozen)
        #expect(m == before)
        #expect(MatterError.planFrozen.kind == .conflict && MatterError.planFrozen.message(in: .en).contains("SEL-9"))
        // publishing twice is refused too
        #expect(MatterFixtures.error { try m.publish(on: day0) } as? MatterError == .wrongPhase(.running))
    }

    @Test("SEL-9 amend needs a reason and a decision, each named when missing")
    func amendNeedsReasonAndDecision() throws {
        var m = try inRecommendation()
        let before = m
        var p = m.plan
        p.settings.noticeDays = 7
        let both = MatterFixtures.error { try m.amend(p, reason: "  ", decision: "", by: "组织部", on: day0) } as? InvalidInput
        #expect(MatterFixtures.fields(both) == ["reason", "decision"])
        let reason = MatterFixtures.error { try m.amend(p, reason: "", decision: "县委常委会〔2026〕5号", by: "组织部", on: day0) } as? InvalidInput
        #expect(MatterFixtures.fields(reason) == ["reason"])
        let decision = MatterFixtures.error { try m.amend(p, reason: "职数调整", decision: " \n", by: "组织部", on: day0) } as? InvalidInput
        #expect(MatterFixtures.fields(decision) == ["decision"])
        #expect(m == before)
    }

    @Test("SEL-9 amend refuses a plan that did not change, and an invalid plan")
    func amendNothingOrInvalid() throws {
        var m = try inRecommendation()
        let before = m
        #expect(MatterFixtures.error { try m.amend(m.plan, reason: "调整", decision: "常委会决定", by: "组织部", on: day0) } as? MatterError == .nothingChanged)
        #expect(MatterError.nothingChanged.kind == .badInput)
        var bad = m.plan
        bad.settings.weightStaff = 50
        let e = MatterFixtures.error { try m.amend(bad, reason: "调整", decision: "常委会决定", by: "组织部", on: day0) } as? InvalidInput
        #expect(MatterFixtures.fields(e) == ["weightLeaders"])
        #expect(m == before)
    }

    @Test("SEL-9 amend refuses changing stages already started")
    func amendChangesPast() throws {
        var m = try inRecommendation()
        let before = m
        var p = m.plan
        p.procedure = try Procedure.custom([.initialNomination, .inspection, .committeeDecision, .publicity, .appointment, .probation])
        #expect(MatterFixtures.error { try m.amend(p, reason: "简化程序", decision: "常委会决定", by: "组织部", on: day0) } as? MatterError == .changesPast(.democraticRecommendation))
        p.procedure = Procedure(.trainingClass)
        #expect(MatterFixtures.error { try m.amend(p, reason: "改为训练班选拔", decision: "常委会决定", by: "组织部", on: day0) } as? MatterError == .changesPast(.democraticRecommendation))
        #expect(MatterError.changesPast(.democraticRecommendation).kind == .badInput)
        #expect(m == before)
    }

    @Test("SEL-9 amend records the decision and the changed setting in words, and keeps the progress of started stages")
    func amendRecords() throws {
        var m = try inRecommendation()
        let startedBefore = Array(m.stages.prefix(2))
        var p = m.plan
        p.settings.noticeDays = 7
        let on = day0.adding(days: 5)
        try m.amend(p, reason: "  考察预告期延长 ", decision: "县委常委会〔2026〕5号", by: "组织部干部科", on: on)
        #expect(m.plan == p)
        #expect(m.amendments.count == 1)
        let a = try #require(m.amendments.first)
        #expect(a.on == on && a.by == "组织部干部科" && a.reason == "考察预告期延长" && a.decision == "县委常委会〔2026〕5号")
        #expect(a.changesZh == ["考察预告公示天数：5 → 7"])
        #expect(a.changesEn == ["Inspection notice days: 5 → 7"])
        #expect(Array(m.stages.prefix(2)) == startedBefore)
        #expect(m.current == .democraticRecommendation && m.phase == .running)

        // a second amendment changing later stages and two more figures is appended, not replacing the first
        var q = m.plan
        q.procedure = try Procedure.custom([.initialNomination, .democraticRecommendation, .consultation, .inspection, .committeeDecision, .publicity, .appointment, .probation])
        q.settings.vetoPercent = 85
        q.settings.competitiveStages = [.democraticRecommendation]
        try m.amend(q, reason: "增加酝酿环节", decision: "县委常委会〔2026〕6号", by: "组织部", on: on.adding(days: 1))
        #expect(m.amendments.count == 2 && m.amendments[0] == a)
        let b = m.amendments[1]
        #expect(b.changesZh.contains("选拔程序") && b.changesZh.contains("民意否决线：测评认可率低于（%）：80 → 85") && b.changesZh.contains("差额环节"))
        #expect(b.changesEn.contains("procedure") && b.changesEn.contains("competitive stages"))
        #expect(m.stages.map(\.kind) == q.procedure.stages)
        #expect(Array(m.stages.prefix(2)) == startedBefore)
        #expect(m.next == .consultation)
    }

    @Test("SEL-9 every kind of change is named in the amendment")
    func differencesNamed() throws {
        let base = MatterFixtures.plan()
        var p = base
        p.positions[0].posts = 2
        p.disclosure = .everyone
        p.timetable = "延至7月"
        p.settings.doubleMajority = false
        p.settings.publicityInWorkingDays = false
        let en = p.differences(from: base, in: .en)
        #expect(en == ["positions, posts or conditions", "double majority", "how publicity days are counted", "disclosure scope", "scope, timetable or discipline"])
        #expect(p.differences(from: base, in: .zhHans).count == 5)
        #expect(base.differences(from: base, in: .en).isEmpty)
        // every editable figure, changed alone, is named with its old and new value
        for f in MatterSettings.fields {
            var q = base
            let old = q.settings[keyPath: f.path]
            q.settings[keyPath: f.path] = old == f.range.upperBound ? old - 1 : old + 1
            let changes = q.differences(from: base, in: .zhHans)
            #expect(changes == ["\(f.zh)：\(old) → \(q.settings[keyPath: f.path])"], "\(f.key)")
        }
    }

    @Test("SEL-9 amend is only for a running matter")
    func amendPhases() throws {
        var d = try MatterFixtures.draft()
        var p = d.plan
        p.settings.noticeDays = 6
        #expect(MatterFixtures.error { try d.amend(p, reason: "r", decision: "d", by: "x", on: day0) } as? MatterError == .wrongPhase(.drafting))
        var m = try MatterFixtures.published()
        try m.cancel(reason: "岗位撤销")
        #expect(MatterFixtures.error { try m.amend(p, reason: "r", decision: "d", by: "x", on: day0) } as? MatterError == .wrongPhase(.cancelled))
        #expect(MatterFixtures.error { try m.revise(p) } as? MatterError == .wrongPhase(.cancelled))
    }

    @Test("SEL-9 cancelling needs a reason, and a cancelled matter does nothing more")
    func cancel() throws {
        var m = try MatterFixtures.published()
        #expect(MatterFixtures.fields(MatterFixtures.error { try m.cancel(reason: " ") } as? InvalidInput) == ["reason"])
        #expect(m.phase == .running)
        try m.cancel(reason: " 职位调整，终止选拔 ")
        #expect(m.phase == .cancelled && m.cancellation == "职位调整，终止选拔" && m.current == nil)
        let before = m
        let good = MatterFixtures.allGood(today: day0.adding(days: 30), posts: 1, settings: m.plan.settings)
        #expect(m.waitingFor(good) == [])
        #expect(MatterFixtures.error { try m.advance(good, on: day0) } as? MatterError == .wrongPhase(.cancelled))
        #expect(MatterFixtures.error { try m.recordOutcome("x") } as? MatterError == .wrongPhase(.cancelled))
        #expect(MatterFixtures.error { try m.cancel(reason: "again") } as? MatterError == .wrongPhase(.cancelled))
        #expect(MatterFixtures.error { try m.publish(on: day0) } as? MatterError == .wrongPhase(.cancelled))
        #expect(m == before)
        // a draft can be cancelled too
        var d = try MatterFixtures.draft()
        try d.cancel(reason: "不再选拔")
        #expect(d.phase == .cancelled)
    }

    @Test("SEL-9 an outcome is recorded by hand only in a stage carried by hand, with its text")
    func recordOutcome() throws {
        var m = try MatterFixtures.published(.openSelection)
        #expect(m.current == .registration)
        // the competitive stages have their own records now
        #expect(MatterFixtures.error { try m.recordOutcome("报名42人") } as? MatterError == .notInStage(.registration))
        var direct = try MatterFixtures.published(.directElection)
        try direct.advance(MatterFixtures.facts(exiting: direct.current!, entering: direct.next, today: MatterFixtures.day0, posts: 1, settings: direct.plan.settings, recommendationHeld: false), on: MatterFixtures.day0)
        #expect(direct.current == .directElection)
        #expect(MatterFixtures.fields(MatterFixtures.error { try direct.recordOutcome("   ") } as? InvalidInput) == ["outcome"])
        #expect(MatterFixtures.fields(MatterFixtures.error { try direct.recordOutcome(String(repeating: "字", count: 2001)) } as? InvalidInput) == ["outcome"])
        try direct.recordOutcome(" 直选结果见公告 ")
        #expect(direct.stages[1].outcome == "直选结果见公告")
        var o = try MatterFixtures.published(.organizational)
        #expect(MatterFixtures.error { try o.recordOutcome("文号") } as? MatterError == .notInStage(.initialNomination))
        #expect(o.stages[0].outcome == nil)
        try o.require(.initialNomination, .democraticRecommendation)
        #expect(MatterFixtures.error { try o.require(.inspection) } as? MatterError == .notInStage(.inspection))
        var d = try MatterFixtures.draft()
        #expect(MatterFixtures.error { try d.recordOutcome("x") } as? MatterError == .wrongPhase(.drafting))
    }

    @Test("SEL-9 a matter needs a title (trimmed, at most 200 characters)")
    func title() throws {
        let plan = MatterFixtures.plan()
        #expect(MatterFixtures.fields(MatterFixtures.error { _ = try Matter.draft(title: " \n", unitID: MatterFixtures.unitID, plan: plan) } as? InvalidInput) == ["title"])
        #expect(MatterFixtures.fields(MatterFixtures.error { _ = try Matter.draft(title: String(repeating: "选", count: 201), unitID: MatterFixtures.unitID, plan: plan) } as? InvalidInput) == ["title"])
        let m = try Matter.draft(title: "  县财政局副局长  ", unitID: MatterFixtures.unitID, plan: plan)
        #expect(m.title == "县财政局副局长" && m.stages.map(\.kind) == plan.procedure.stages)
    }

    @Test("SEL-9 a matter survives a JSON round trip")
    func codable() throws {
        var m = try inRecommendation()
        var p = m.plan
        p.settings.noticeDays = 7
        try m.amend(p, reason: "延长", decision: "常委会决定", by: "组织部", on: day0)
        let data = try JSONEncoder().encode(m)
        #expect(try JSONDecoder().decode(Matter.self, from: data) == m)
        #expect(String(decoding: data, as: UTF8.self).contains("\"2026-03-02\""))
    }
}

@Suite("Plan settings (SEL-8, BAL-1, BAL-6, DEC-1, DEC-4, ELG-1)")
struct MatterSettingsTests {
    func fields(_ s: MatterSettings) -> [String] {
        do { try s.check(); return [] } catch { return error.issues.map(\.field) }
    }

    @Test("ELG-1 the default settings pass their check")
    func defaults() throws {
        try MatterSettings().check()
        try MatterFixtures.plan().checkComplete()
        #expect(MatterSettings().competitiveStages == [.democraticRecommendation, .inspection])
    }

    @Test("BAL-1 recommendation weights must add up to 100")
    func recommendationWeights() {
        var s = MatterSettings()
        s.weightLeaders = 50
        #expect(fields(s) == ["weightLeaders"])
        s.weightStaff = 20
        #expect(fields(s) == [])
        var v = MatterSettings()
        v.weightAssessment = 30
        #expect(fields(v) == ["weightSpeech"])
        var points = MatterSettings()
        points.pointsUnnamed = 85
        #expect(fields(points) == ["pointsFirst"])
    }

    @Test("DEC-1 a quorum below one half (or above all) is refused; exactly one half passes")
    func quorum() {
        var s = MatterSettings()
        s.quorumNumerator = 2; s.quorumDenominator = 5
        #expect(fields(s) == ["quorumNumerator"])
        s.quorumNumerator = 1; s.quorumDenominator = 2
        #expect(fields(s) == [])
        s.quorumNumerator = 6; s.quorumDenominator = 5
        #expect(fields(s) == ["quorumNumerator"])
        s.quorumNumerator = 2; s.quorumDenominator = 3
        #expect(fields(s) == [])
    }

    @Test("DEC-4 approval of all members (or more) is refused, as is below one half")
    func approval() {
        var s = MatterSettings()
        s.approvalNumerator = 3; s.approvalDenominator = 3
        #expect(fields(s) == ["approvalNumerator"])
        s.approvalNumerator = 4; s.approvalDenominator = 3
        #expect(fields(s) == ["approvalNumerator"])
        s.approvalNumerator = 1; s.approvalDenominator = 3
        #expect(fields(s) == ["approvalNumerator"])
        s.approvalNumerator = 1; s.approvalDenominator = 2
        #expect(fields(s) == [])
    }

    @Test("SEL-8 only stages that can be run 差额 may be listed as competitive")
    func competitiveStages() {
        for stage in StageKind.allCases {
            var s = MatterSettings()
            s.competitiveStages = [stage]
            #expect(fields(s) == (stage.canBeCompetitive ? [] : ["competitiveStages"]), "\(stage)")
            #expect(s.isCompetitive(stage) && !s.isCompetitive(stage == .inspection ? .publicity : .inspection))
        }
        #expect(Set(StageKind.allCases.filter(\.canBeCompetitive)) == [.initialNomination, .democraticRecommendation, .consultation, .inspection, .committeeDecision])
    }

    @Test("ELG-1 every editable figure has a unique key, a rule, words, and a default inside its range")
    func fieldTable() {
        let fs = MatterSettings.fields
        #expect(Set(fs.map(\.key)).count == fs.count)
        let defaults = MatterSettings()
        for f in fs {
            #expect(f.range.contains(defaults[keyPath: f.path]), "\(f.key) default \(defaults[keyPath: f.path]) outside \(f.range)")
            #expect(!f.rule.isEmpty && !f.zh.isEmpty && !f.en.isEmpty && f.label(in: .en) == f.en && f.label(in: .zhHans) == f.zh)
            // one past either end is refused, naming the field
            for bad in [f.range.lowerBound - 1, f.range.upperBound + 1] {
                var s = defaults
                s[keyPath: f.path] = bad
                #expect(fields(s).contains(f.key), "\(f.key) = \(bad) accepted")
            }
        }
        // the key is the property's name: a figure set by key is found under it
        #expect(fs.first { $0.key == "noticeDays" }?.path == \MatterSettings.noticeDays)
        #expect(fs.first { $0.key == "vetoPercent" }?.rule == "BAL-6")
    }

    @Test("ELG-1 a plan to publish needs positions with a post and 1…50 posts, unique ids, and valid settings")
    func planComplete() {
        func planFields(_ p: MatterPlan) -> [String] {
            do { try p.checkComplete(); return [] } catch { return error.issues.map(\.field) }
        }
        var p = MatterFixtures.plan()
        p.positions = []
        #expect(planFields(p) == ["positions"])
        p.positions = [MatterFixtures.position(posts: 0), MatterFixtures.position(posts: 51)]
        #expect(planFields(p) == ["posts", "posts", "positions"])
        p.positions = [MatterFixtures.position(id: "p1", posts: 50), MatterFixtures.position(id: "p2", posts: 1)]
        #expect(planFields(p) == [])
        #expect(p.totalPosts == 51)
        p.positions[1].post = "  "
        p.settings.vetoPercent = 40
        p.procedure.stages = [.initialNomination]
        #expect(planFields(p) == ["post", "stages", "vetoPercent"])
    }
}
