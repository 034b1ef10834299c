import Foundation
import Testing
@testable import SelectionCore

// Each stage guard refuses with its rule when its fact is missing, and each pre-committee gate blocks with its rule.

@Suite("Stage guards refuse in words with their rule (NOM, ELG, SEL-8, BAL-5, INS)")
struct MatterGuardTests {
    let s = MatterSettings()
    let today = MatterFixtures.day0.adding(days: 20)

    /// The first refusal (a placeholder when there is none, so that a missing refusal fails the check, not the run).
    func first(_ r: [Refusal]) -> Refusal { r.first ?? Refusal("none", zh: "", en: "") }

    func nomination(posts: Int = 1) -> StageFacts {
        var f = StageFacts(today: today, posts: posts)
        f.consolidated = true
        f.qualifiedNominees = posts + 1
        return f
    }

    /// Facts under which inspection may end (the exit guard holds).
    func inspection(posts: Int = 1, settings: MatterSettings = MatterSettings()) -> StageFacts {
        MatterFixtures.facts(exiting: .inspection, entering: .committeeDecision, today: today, posts: posts, settings: settings, recommendationHeld: true)
    }

    func inspectionEntry(posts: Int = 1) -> StageFacts {
        var f = StageFacts(today: today, posts: posts)
        f.recommendationHeld = true
        f.targets = MatterFixtures.targets(posts + 1)
        return f
    }

    @Test("NOM-2 nomination cannot end before the channels are consolidated")
    func notConsolidated() {
        #expect(StageGuards.exit(.initialNomination, nomination(), s) == [])
        var f = nomination()
        f.consolidated = false
        let r = StageGuards.exit(.initialNomination, f, s)
        #expect(r.map(\.rule) == ["NOM-2"])
        #expect(first(r).text(in: .zhHans).contains("记实汇总"))
    }

    @Test("ELG-6 nomination cannot end while nominees are unreviewed")
    func unreviewed() {
        var f = nomination()
        f.unreviewedNominees = 3
        let r = StageGuards.exit(.initialNomination, f, s)
        #expect(r.map(\.rule) == ["ELG-6"])
        #expect(first(r).en.hasPrefix("3 nominees") && first(r).zh.contains("3名"))
    }

    @Test("SEL-8 差额 nomination needs more qualified nominees than posts; 等额 needs as many")
    func nomineeCounts() {
        // default: the recommendation is 差额, so posts + 1 are needed
        for posts in 1 ... 4 {
            var f = nomination(posts: posts)
            f.qualifiedNominees = posts
            #expect(MatterFixtures.rules(StageGuards.exit(.initialNomination, f, s)) == ["SEL-8"])
            #expect(first(StageGuards.exit(.initialNomination, f, s)).en.hasPrefix("competitive recommendation"))
            f.qualifiedNominees = posts + 1
            #expect(StageGuards.exit(.initialNomination, f, s) == [])
        }
        var equal = MatterSettings()
        equal.competitiveStages = [.inspection]
        var f = nomination(posts: 2)
        f.qualifiedNominees = 2
        #expect(StageGuards.exit(.initialNomination, f, equal) == [])
        f.qualifiedNominees = 1
        #expect(MatterFixtures.rules(StageGuards.exit(.initialNomination, f, equal)) == ["SEL-8"])
        // 差额 nomination alone is enough to need posts + 1
        var nominationOnly = equal
        nominationOnly.competitiveStages = [.initialNomination]
        f.qualifiedNominees = 2
        #expect(MatterFixtures.rules(StageGuards.exit(.initialNomination, f, nominationOnly)) == ["SEL-8"])
    }

    @Test("SEL-8 the recommendation's entry guard counts nominees only once they are consolidated")
    func recommendationEntry() throws {
        var f = nomination(posts: 2)
        f.qualifiedNominees = 2
        #expect(MatterFixtures.rules(StageGuards.entry(.democraticRecommendation, f, s)) == ["SEL-8"])
        f.consolidated = false
        #expect(StageGuards.entry(.democraticRecommendation, f, s) == [])
        // leaving nomination for recommendation the shortfall is said once
        let m = try MatterFixtures.published(.organizational, posts: 2)
        f.consolidated = true
        #expect(m.waitingFor(f).map(\.rule) == ["SEL-8"])
    }

    @Test("SEL-8 差额 inspection needs more targets than posts; 等额 needs as many")
    func targetCounts() {
        for posts in 1 ... 3 {
            var f = inspectionEntry(posts: posts)
            #expect(StageGuards.entry(.inspection, f, s) == [])
            f.targets.removeLast()
            let r = StageGuards.entry(.inspection, f, s)
            #expect(r.map(\.rule) == ["SEL-8"] && first(r).en.hasPrefix("competitive inspection"))
        }
        var equal = MatterSettings()
        equal.competitiveStages = []
        var f = inspectionEntry(posts: 2)
        f.targets = MatterFixtures.targets(2)
        #expect(StageGuards.entry(.inspection, f, equal) == [])
        f.targets.removeLast()
        #expect(StageGuards.entry(.inspection, f, equal).map(\.rule) == ["SEL-8"])
        #expect(first(StageGuards.entry(.inspection, f, equal)).en == "at least 2 people are needed (1 chosen)")
    }

    @Test("BAL-5 a target without the double majority cannot be inspected, unless the plan waives it")
    func doubleMajority() {
        var f = inspectionEntry(posts: 1)
        f.targets[1].doubleMajority = false
        let r = StageGuards.entry(.inspection, f, s)
        #expect(r.map(\.rule) == ["BAL-5"])
        #expect(first(r).zh.hasPrefix(f.targets[1].name) && first(r).zh.contains("双过半"))
        var waived = MatterSettings()
        waived.doubleMajority = false
        #expect(StageGuards.entry(.inspection, f, waived) == [])
        // no recommendation in the matter: no verdict, nothing to refuse
        var none = StageFacts(today: today)
        none.targets = MatterFixtures.targets(2, doubleMajority: nil)
        #expect(StageGuards.entry(.inspection, none, s) == [])
    }

    @Test("INS-8 a target needs a reason written down, not votes alone")
    func targetReason() {
        var f = inspectionEntry(posts: 1)
        f.targets[0].reason = "  "
        let r = StageGuards.entry(.inspection, f, s)
        #expect(r.map(\.rule) == ["INS-8"])
        #expect(first(r).en == "\(f.targets[0].name): no reason recorded for inspecting")
    }

    @Test("INS-1 inspection cannot end without a published notice")
    func noticeMissing() {
        var f = inspection()
        #expect(StageGuards.exit(.inspection, f, s) == [])
        f.noticePublished = nil
        #expect(StageGuards.exit(.inspection, f, s).map(\.rule) == ["INS-1"])
    }

    @Test("INS-1 the notice period: exactly noticeDays later passes, one day earlier refuses", arguments: [1, 5, 7, 30])
    func noticeBoundary(_ days: Int) {
        var settings = MatterSettings()
        settings.noticeDays = days
        var f = inspection(settings: settings)
        let published = CivilDay(year: 2026, month: 12, day: 28)!
        f.noticePublished = published
        f.today = published.adding(days: days)
        #expect(StageGuards.exit(.inspection, f, settings) == [])
        f.today = published.adding(days: days + 10)
        #expect(StageGuards.exit(.inspection, f, settings) == [])
        f.today = published.adding(days: days - 1)
        let r = StageGuards.exit(.inspection, f, settings)
        #expect(r.map(\.rule) == ["INS-1"])
        #expect(first(r).en == "the inspection notice runs until \(published.adding(days: days)) (\(days) days)")
        f.today = published
        #expect(StageGuards.exit(.inspection, f, settings).map(\.rule) == ["INS-1"])
    }

    @Test("INS-2 a team needs exactly one leader from the standing committee")
    func teamLeader() {
        let ok = MatterFixtures.team(size: 3)
        #expect(TeamMember.problems(ok, minSize: 2) == [])
        var noLeader = ok
        noLeader[0].leader = false
        #expect(TeamMember.problems(noLeader, minSize: 2).map(\.en) == ["the inspection team needs exactly one leader"])
        var twoLeaders = ok
        twoLeaders[1].leader = true
        twoLeaders[1].standingCommittee = true
        #expect(TeamMember.problems(twoLeaders, minSize: 2).map(\.en) == ["the inspection team needs exactly one leader"])
        var notStanding = ok
        notStanding[0].standingCommittee = false
        #expect(TeamMember.problems(notStanding, minSize: 2).map(\.en) == ["the team leader must be a standing-committee member"])
        // through the guard, with the rule
        var f = inspection()
        f.team = notStanding
        #expect(StageGuards.exit(.inspection, f, s).map(\.rule) == ["INS-2"])
    }

    @Test("INS-2 members come from organization, personnel, discipline or legal staff, with one from organization")
    func teamBackgrounds() {
        var team = MatterFixtures.team(size: 3)
        team.append(TeamMember(name: "刘某", background: .other))
        let r = TeamMember.problems(team, minSize: 2)
        #expect(r.map(\.rule) == ["INS-2"])
        #expect(first(r).en.hasSuffix("legal staff: 刘某") && first(r).zh.hasSuffix("刘某"))
        // a leader from elsewhere is fine while the team has an organization member
        var otherLeader = MatterFixtures.team(size: 3)
        otherLeader[0].background = .other
        otherLeader.append(TeamMember(name: "组织部干部", background: .organization))
        #expect(TeamMember.problems(otherLeader, minSize: 2) == [])
        otherLeader.removeLast()
        #expect(TeamMember.problems(otherLeader, minSize: 2).map(\.en) == ["the team needs a member from the organization department"])
    }

    @Test("INS-2 a team smaller than the plan's minimum is refused")
    func teamSize() {
        #expect(TeamMember.problems(MatterFixtures.team(size: 1), minSize: 2).map(\.en) == ["the inspection team needs at least 2 members (has 1)"])
        #expect(TeamMember.problems(MatterFixtures.team(size: 4), minSize: 5).map(\.rule) == ["INS-2"])
        #expect(TeamMember.problems(MatterFixtures.team(size: 5), minSize: 5) == [])
        let empty = TeamMember.problems([], minSize: 2)
        #expect(empty.count == 2 && empty.allSatisfy { $0.rule == "INS-2" })
        var settings = MatterSettings()
        settings.minTeamSize = 4
        var f = inspection()
        f.team = MatterFixtures.team(size: 3)
        #expect(StageGuards.exit(.inspection, f, settings).map(\.rule) == ["INS-2"])
    }

    @Test("INS-3 every active candidate needs individual talks; somebody must be inspected")
    func talks() {
        var f = inspection(posts: 1)
        f.candidates[1].talks = 0
        let r = StageGuards.exit(.inspection, f, s)
        #expect(r.map(\.rule) == ["INS-3"])
        #expect(first(r).en == "\(f.candidates[1].name): no individual talk recorded")
        f.candidates[1].withdrawn = true
        #expect(StageGuards.exit(.inspection, f, s) == [])
        f.candidates[0].withdrawn = true
        #expect(StageGuards.exit(.inspection, f, s).map(\.rule) == ["INS-3"])
        f.candidates = []
        #expect(StageGuards.exit(.inspection, f, s).map(\.en) == ["nobody is being inspected"])
    }

    @Test("INS-6 every active candidate needs a record, and the position a comparative analysis")
    func materials() {
        var f = inspection(posts: 1)
        f.candidates[0].materials = false
        let r = StageGuards.exit(.inspection, f, s)
        #expect(r.map(\.rule) == ["INS-6"] && first(r).zh.hasPrefix(f.candidates[0].name))
        f.candidates[0].materials = true
        f.comparisonWritten = false
        #expect(StageGuards.exit(.inspection, f, s).map(\.en) == ["the comparative analysis of the position has not been written"])
    }

    @Test("SEL-6 the recommendation needs both votes counted and individual talks recorded")
    func recommendationExit() {
        var f = StageFacts(today: today)
        let r = StageGuards.exit(.democraticRecommendation, f, s)
        #expect(r.map(\.rule) == ["BAL-1", "BAL-5", "SEL-6"])
        #expect(first(r).en == "the meeting vote has not been set up")
        f.meetingVoteClosed = false
        f.talkVoteClosed = false
        #expect(StageGuards.exit(.democraticRecommendation, f, s).map(\.en).prefix(2) == ["the meeting vote has not been closed and counted", "the talk recommendation has not been closed and counted"])
        f.meetingVoteClosed = true
        f.talkVoteClosed = true
        f.talksRecorded = 1
        #expect(StageGuards.exit(.democraticRecommendation, f, s) == [])
    }

    @Test("SEL-8 evaluation, consultation and stages carried by hand each wait for their own record")
    func otherExits() {
        var f = StageFacts(today: today)
        #expect(StageGuards.exit(.democraticEvaluation, f, s).map(\.rule) == ["BAL-3"])
        #expect(StageGuards.exit(.consultation, f, s).map(\.rule) == ["SEL-8"])
        for stage in StageKind.allCases where stage.recordedByHand {
            let r = StageGuards.exit(stage, f, s)
            #expect(r.count == 1 && first(r).en.contains(stage.title(in: .en)), "\(stage)")
            #expect((r.first?.rule == "SEL-5") == (stage == .directElection))
        }
        f.evaluationClosed = true
        f.consultationRecorded = true
        f.recordedOutcomes = Set(StageKind.allCases)
        f.decisions = DecisionFacts(meetings: 1)
        f.competition = MatterFixtures.settledCompetition
        for stage in StageKind.allCases where stage != .initialNomination && stage != .democraticRecommendation && stage != .inspection {
            #expect(StageGuards.exit(stage, f, s) == [], "\(stage)")
            #expect(!StageGuards.describe(stage, in: .zhHans).isEmpty && !StageGuards.describe(stage, in: .en).isEmpty)
        }
    }

    @Test("BAL-6 the committee's entry guard refuses any active candidate with a blocked gate, naming both")
    func committeeEntry() {
        var f = StageFacts(today: today)
        f.candidates = [MatterFixtures.candidate("张三"), MatterFixtures.candidate("李四")]
        #expect(StageGuards.entry(.committeeDecision, f, s) == [])
        f.candidates[1].gates.evaluation = (consent: 7, total: 10)
        let r = StageGuards.entry(.committeeDecision, f, s)
        #expect(r.map(\.rule) == ["BAL-6"])
        #expect(first(r).zh.hasPrefix("李四：民主测评（民意否决）——测评认可7/10") && first(r).en.hasPrefix("李四: Democratic evaluation (popular veto) — "))
        // the same candidate, withdrawn, is ignored
        f.candidates[1].withdrawn = true
        #expect(StageGuards.entry(.committeeDecision, f, s) == [])
        // several gates blocked: one refusal each, with each rule
        f.candidates[1].withdrawn = false
        f.candidates[1].gates.blockingFindings = ["出生日期前后不一致"]
        f.candidates[1].gates.holds = [Hold(reason: "收到实名举报", by: "纪委", on: today)]
        #expect(StageGuards.entry(.committeeDecision, f, s).map(\.rule) == ["REG-4", "BAL-6", "CAS-3"])
        // nobody active: nothing to put to the committee
        f.candidates = f.candidates.map { var c = $0; c.withdrawn = true; return c }
        #expect(StageGuards.entry(.committeeDecision, f, s).map(\.rule) == ["SEL-10"])
    }

    @Test("BAL-6 a matter at inspection does not move to the committee while a gate blocks")
    func matterWaitsForGates() throws {
        var m = try MatterFixtures.published(.openSelection)
        // walk to inspection
        var day = MatterFixtures.day0
        while m.current != .inspection {
            day = day.adding(days: 1)
            try m.advance(MatterFixtures.facts(exiting: m.current!, entering: m.next, today: day, posts: 1, settings: m.plan.settings, recommendationHeld: false), on: day)
        }
        day = day.adding(days: 10)
        var f = MatterFixtures.facts(exiting: .inspection, entering: .committeeDecision, today: day, posts: 1, settings: m.plan.settings, recommendationHeld: false)
        f.candidates[0].gates.integrityExam = IntegrityExam(date: day, score: 59)
        let before = m
        let e = MatterFixtures.error { try m.advance(f, on: day) } as? MatterError
        guard case .guardFailed(.inspection, let r)? = e else { Issue.record("not refused: \(String(describing: e))"); return }
        #expect(r.map(\.rule) == ["INS-7"])
        #expect(e?.message(in: .zhHans).contains("（INS-7）") == true)
        #expect(m == before)
        f.candidates[0].gates.overrides[.integrityExam] = GateOverride(reason: "补考合格", decision: "常委会〔2026〕9号", by: "组织部", on: day)
        try m.advance(f, on: day)
        #expect(m.current == .committeeDecision && m.readyForCommittee)
    }
}

@Suite("Pre-committee gates (REG-3, REG-4, INS-5, INS-7, BAL-6, CAS-3, CHK-5)")
struct MatterGatesTests {
    let s = MatterSettings()
    let day = CivilDay(year: 2026, month: 5, day: 8)!

    func result(_ kind: GateKind, _ f: GateFacts, _ settings: MatterSettings = MatterSettings()) -> GateResult {
        Gates.evaluate(f, settings: settings).first { $0.kind == kind }!
    }

    func blockedRule(_ kind: GateKind, _ f: GateFacts, _ settings: MatterSettings = MatterSettings()) -> String? {
        if case .blocked(let r) = result(kind, f, settings).state { return r.rule }
        return nil
    }

    /// Facts under which `kind` (alone) blocks.
    func blocking(_ kind: GateKind) -> GateFacts {
        var f = MatterFixtures.passingGates(on: day)
        switch kind {
        case .fileAudit: f.blockingFindings = ["学历证书与档案记载不一致"]
        case .personalMatters: f.personalMatters = nil
        case .integrityOpinion: f.integrityOpinion = nil
        case .integrityExam: f.integrityExam = IntegrityExam(date: day, score: 10)
        case .popularVeto: f.evaluation = (consent: 1, total: 10)
        case .hold: f.holds = [Hold(reason: "信访举报待查", by: "纪委", on: day)]
        case .priorReport: f.priorReportRequired = true
        }
        return f
    }

    @Test("REG-4 every gate holds on clean facts; the prior report is not required by default")
    func allHold() {
        let f = MatterFixtures.passingGates(on: day)
        let results = Gates.evaluate(f, settings: s)
        #expect(results.map(\.kind) == GateKind.allCases)
        #expect(results.allSatisfy(\.passes) && Gates.allPass(f, settings: s))
        #expect(results.last?.state == .notRequired && results.last?.text(in: .en) == "not required")
        #expect(GateKind.allCases.map(\.rule) == ["REG-4", "REG-3", "INS-5", "INS-7", "BAL-6", "CAS-3", "CHK-5"])
    }

    @Test("REG-4 each gate, alone, blocks with its own rule", arguments: GateKind.allCases)
    func eachBlocks(_ kind: GateKind) {
        let f = blocking(kind)
        let results = Gates.evaluate(f, settings: s)
        #expect(results.filter { !$0.passes }.map(\.kind) == [kind])
        #expect(blockedRule(kind, f) == kind.rule)
        #expect(!Gates.allPass(f, settings: s))
    }

    @Test("REG-4 unresolved file-audit findings block, listed in words")
    func fileAudit() {
        var f = MatterFixtures.passingGates(on: day)
        f.blockingFindings = ["出生日期不一致", "入党时间缺材料"]
        #expect(blockedRule(.fileAudit, f) == "REG-4")
        #expect(result(.fileAudit, f).text(in: .zhHans) == "档案审核有未解决的问题：出生日期不一致；入党时间缺材料")
        #expect(result(.fileAudit, f).text(in: .en).hasSuffix("出生日期不一致; 入党时间缺材料"))
    }

    @Test("REG-3 the personal-matters check: missing or inconsistent blocks, explained or consistent holds")
    func personalMatters() {
        var f = MatterFixtures.passingGates(on: day)
        #expect(result(.personalMatters, f).passes)
        f.personalMatters = nil
        #expect(blockedRule(.personalMatters, f) == "REG-3")
        for h in [PersonalMattersCheck.Handling.postponed, .disqualified, .none] {
            f.personalMatters = PersonalMattersCheck(date: day, consistent: false, handling: h)
            #expect(blockedRule(.personalMatters, f) == "REG-3", "\(h)")
        }
        f.personalMatters = PersonalMattersCheck(date: day, consistent: false, handling: .postponed)
        #expect(result(.personalMatters, f).text(in: .en) == "personal-matters report inconsistent: appointment postponed")
        f.personalMatters = PersonalMattersCheck(date: day, consistent: false, handling: .explained, note: "房产漏报，已说明")
        #expect(result(.personalMatters, f).passes)
        #expect(result(.personalMatters, f).text(in: .en).contains("explained with no effect (2026-05-08)"))
        // consistent means nothing to handle, whatever was passed
        let c = PersonalMattersCheck(date: day, consistent: true, handling: .disqualified)
        #expect(c.handling == PersonalMattersCheck.Handling.none)
    }

    @Test("INS-5 the integrity opinion: missing, unanswered or negative blocks")
    func integrityOpinion() {
        var f = MatterFixtures.passingGates(on: day)
        #expect(result(.integrityOpinion, f).passes)
        f.integrityOpinion = nil
        #expect(blockedRule(.integrityOpinion, f) == "INS-5")
        f.integrityOpinion = BodyOpinion(body: "县纪委监委", requested: day, due: day.adding(days: 10), isIntegrity: true)
        #expect(blockedRule(.integrityOpinion, f) == "INS-5")
        f.integrityOpinion?.answered = day.adding(days: 3)
        f.integrityOpinion?.negative = true
        f.integrityOpinion?.answer = "有在查问题线索"
        #expect(blockedRule(.integrityOpinion, f) == "INS-5")
        #expect(result(.integrityOpinion, f).text(in: .en) == "the integrity opinion raises a problem: 有在查问题线索")
        f.integrityOpinion?.negative = false
        #expect(result(.integrityOpinion, f).passes && result(.integrityOpinion, f).text(in: .en).contains("2026-05-11"))
    }

    @Test("INS-7 the integrity exam: missing or below the pass mark blocks; exactly the pass mark passes")
    func integrityExam() {
        var f = MatterFixtures.passingGates(on: day)
        f.integrityExam = nil
        #expect(blockedRule(.integrityExam, f) == "INS-7")
        f.integrityExam = IntegrityExam(date: day, score: 59)
        #expect(blockedRule(.integrityExam, f) == "INS-7")
        #expect(result(.integrityExam, f).text(in: .en) == "integrity exam 59, below the pass mark 60")
        f.integrityExam = IntegrityExam(date: day, score: 60)
        #expect(result(.integrityExam, f).passes)
        var strict = MatterSettings()
        strict.integrityPassMark = 75
        #expect(blockedRule(.integrityExam, f, strict) == "INS-7")
        f.integrityExam = IntegrityExam(date: day, score: 75)
        #expect(result(.integrityExam, f, strict).passes)
    }

    @Test("BAL-6 popular veto in integers: 8 of 10 at 80% passes, 7 blocks; at 60% 7 passes")
    func vetoBoundary() {
        var f = MatterFixtures.passingGates(on: day)
        f.evaluation = (consent: 8, total: 10)
        #expect(result(.popularVeto, f).passes)
        f.evaluation = (consent: 7, total: 10)
        #expect(blockedRule(.popularVeto, f) == "BAL-6")
        #expect(result(.popularVeto, f).text(in: .en) == "evaluation consent 7/10 is below 80%: popular veto")
        var lenient = MatterSettings()
        lenient.vetoPercent = 60
        #expect(result(.popularVeto, f, lenient).passes)
        f.evaluation = (consent: 5, total: 10)
        #expect(blockedRule(.popularVeto, f, lenient) == "BAL-6")
        // 4 of 5 is exactly 80%; 79 of 99 is just below it, 80 of 99 above
        f.evaluation = (consent: 4, total: 5)
        #expect(result(.popularVeto, f).passes)
        f.evaluation = (consent: 79, total: 99)
        #expect(!result(.popularVeto, f).passes)
        f.evaluation = (consent: 80, total: 99)
        #expect(result(.popularVeto, f).passes)
        // not held, or held with no valid vote: blocked
        f.evaluation = nil
        #expect(blockedRule(.popularVeto, f) == "BAL-6")
        f.evaluation = (consent: 0, total: 0)
        #expect(blockedRule(.popularVeto, f) == "BAL-6")
    }

    @Test("BAL-6 the veto agrees with the exact fraction for every count up to 40 and several thresholds")
    func vetoExhaustive() {
        var f = MatterFixtures.passingGates(on: day)
        for veto in [50, 60, 67, 75, 80, 90, 100] {
            var settings = MatterSettings()
            settings.vetoPercent = veto
            for total in 1 ... 40 {
                for consent in 0 ... total {
                    f.evaluation = (consent: consent, total: total)
                    // consent / total ≥ veto / 100, compared without rounding
                    let expected = consent * 100 >= veto * total
                    let exact = Double(consent) / Double(total) >= Double(veto) / 100
                    #expect(expected == exact)
                    #expect(result(.popularVeto, f, settings).passes == expected, "\(consent)/\(total) at \(veto)%")
                }
            }
        }
    }

    @Test("CAS-3 an open hold blocks; a lifted hold passes")
    func holds() {
        var f = MatterFixtures.passingGates(on: day)
        var h = Hold(reason: "收到实名举报", by: "纪委", on: day)
        #expect(h.isOpen && h.lifted == nil)
        f.holds = [h]
        #expect(blockedRule(.hold, f) == "CAS-3")
        #expect(result(.hold, f).text(in: .en) == "on hold: 收到实名举报")
        h.liftedReason = "经查不属实"
        h.liftedBy = "纪委"
        h.liftedOn = day.adding(days: 9)
        #expect(!h.isOpen && h.lifted?.reason == "经查不属实" && h.lifted?.on == day.adding(days: 9))
        f.holds = [h]
        #expect(result(.hold, f).passes)
        // one lifted and one open: blocked, naming only the open one
        f.holds = [h, Hold(reason: "另一举报", by: "组织部", on: day)]
        #expect(blockedRule(.hold, f) == "CAS-3")
        #expect(result(.hold, f).text(in: .zhHans) == "暂停：另一举报")
    }

    @Test("CHK-5 an exceptional or batch promotion must be reported in advance")
    func priorReport() {
        var f = MatterFixtures.passingGates(on: day)
        #expect(result(.priorReport, f).state == .notRequired && result(.priorReport, f).passes)
        f.priorReportRequired = true
        #expect(blockedRule(.priorReport, f) == "CHK-5")
        f.priorReport = ""
        #expect(blockedRule(.priorReport, f) == "CHK-5")
        f.priorReport = "组通字〔2026〕12号"
        #expect(result(.priorReport, f).passes)
        #expect(result(.priorReport, f).text(in: .zhHans) == "已事前报告（组通字〔2026〕12号）")
    }

    @Test("REG-4 an override turns a blocked gate into overridden (passing) and keeps the original refusal", arguments: GateKind.allCases.filter(\.canBeOverridden))
    func overrides(_ kind: GateKind) {
        var f = blocking(kind)
        guard case .blocked(let original) = result(kind, f).state else { Issue.record("\(kind) does not block"); return }
        let o = GateOverride(reason: "经研究不影响使用", decision: "县委常委会〔2026〕7号", by: "县委组织部", on: day)
        f.overrides[kind] = o
        let r = result(kind, f)
        #expect(r.state == .overridden(o, original))
        #expect(r.passes && Gates.allPass(f, settings: s))
        #expect(r.text(in: .zhHans).hasPrefix("已决定不受此限（县委常委会〔2026〕7号，经研究不影响使用）；原因："))
        #expect(r.text(in: .zhHans).hasSuffix(original.zh) && r.text(in: .en).hasSuffix(original.en))
        // an override of a gate that holds changes nothing
        var clean = MatterFixtures.passingGates(on: day)
        clean.overrides[kind] = o
        #expect(Gates.evaluate(clean, settings: s) == Gates.evaluate(MatterFixtures.passingGates(on: day), settings: s))
    }

    @Test("CAS-3 a hold can not be overridden, only lifted")
    func holdNotOverridden() {
        #expect(!GateKind.hold.canBeOverridden)
        #expect(GateKind.allCases.filter { !$0.canBeOverridden } == [.hold])
        var f = blocking(.hold)
        f.overrides[.hold] = GateOverride(reason: "急需用人", decision: "常委会决定", by: "书记", on: day)
        #expect(blockedRule(.hold, f) == "CAS-3")
        #expect(!Gates.allPass(f, settings: s))
        // and the committee's entry guard still refuses
        var facts = StageFacts(today: day)
        facts.candidates = [MatterFixtures.candidate("张三", gates: f)]
        #expect(StageGuards.entry(.committeeDecision, facts, s).map(\.rule) == ["CAS-3"])
    }

    @Test("CHK-5 gates with overrides let the committee's entry guard pass; withdrawn candidates are ignored")
    func committeeWithOverrides() {
        var blocked = blocking(.priorReport)
        var facts = StageFacts(today: day)
        facts.candidates = [MatterFixtures.candidate("张三", gates: blocked), MatterFixtures.candidate("李四")]
        #expect(StageGuards.entry(.committeeDecision, facts, s).map(\.rule) == ["CHK-5"])
        blocked.overrides[.priorReport] = GateOverride(reason: "已口头报告", decision: "部务会决定", by: "组织部", on: day)
        facts.candidates[0].gates = blocked
        #expect(StageGuards.entry(.committeeDecision, facts, s) == [])
        facts.candidates.append(StageFacts.Candidate(name: "王五", withdrawn: true, gates: blocking(.hold)))
        #expect(StageGuards.entry(.committeeDecision, facts, s) == [])
    }
}
