import Foundation
import Testing
@testable import SelectionCore

/// One way to spoil good stage facts, with the guards it must trip (the oracle of the property test).
enum MatterSpoiler: CaseIterable {
    case notConsolidated, unreviewed, tooFewNominees, exactNominees
    case meetingOpen, meetingMissing, talkOpen, talksMissing
    case evaluationOpen, consultationMissing
    case tooFewTargets, exactTargets, targetWithoutReason, targetWithoutMajority
    case noticeMissing, noticeTooRecent, noticeLongAgo
    case teamWithoutLeader, teamTooSmall, teamOther, leaderNotStanding
    case candidateNoTalk, candidateNoMaterials, noComparison, allWithdrawn
    case blockedGate, overriddenGate, overriddenHold, withdrawnBlocked
    case outcomeMissing, moreNominees

    /// Spoilers that remove things run first and withdrawing everybody last, so that no spoiler undoes another.
    var rank: Int {
        switch self {
        case .tooFewTargets, .exactTargets, .teamTooSmall: 0
        case .allWithdrawn: 2
        default: 1
        }
    }

    /// Spoils `f`; returns the stages whose exit guard and whose entry guard it trips. (The nominee count is
    /// judged by the caller from the final facts, as several spoilers change it.)
    func apply(to f: inout StageFacts, settings s: MatterSettings, rng: inout SplitMix64) -> (exit: Set<StageKind>, entry: Set<StageKind>) {
        let active = f.candidates.indices.filter { !f.candidates[$0].withdrawn }
        switch self {
        case .notConsolidated:
            f.consolidated = false
            return ([.initialNomination], [])
        case .unreviewed:
            f.unreviewedNominees = rng.int(1 ... 5)
            return ([.initialNomination], [])
        case .tooFewNominees:
            f.qualifiedNominees = f.posts - 1
            return ([], [])
        case .exactNominees:
            f.qualifiedNominees = f.posts
            return ([], [])
        case .meetingOpen: f.meetingVoteClosed = false; return ([.democraticRecommendation], [])
        case .meetingMissing: f.meetingVoteClosed = nil; return ([.democraticRecommendation], [])
        case .talkOpen: f.talkVoteClosed = rng.chance(50) ? false : nil; return ([.democraticRecommendation], [])
        case .talksMissing: f.talksRecorded = 0; return ([.democraticRecommendation], [])
        case .evaluationOpen: f.evaluationClosed = false; return ([.democraticEvaluation], [])
        case .consultationMissing: f.consultationRecorded = false; return ([.consultation], [])
        case .tooFewTargets:
            f.targets = Array(f.targets.prefix(f.posts - 1))
            return ([], [.inspection])
        case .exactTargets:
            f.targets = Array(f.targets.prefix(f.posts))
            return ([], s.isCompetitive(.inspection) ? [.inspection] : [])
        case .targetWithoutReason:
            if f.targets.isEmpty { return ([], []) }
            f.targets[rng.int(0 ... f.targets.count - 1)].reason = rng.chance(50) ? "" : "  "
            return ([], [.inspection])
        case .targetWithoutMajority:
            if f.targets.isEmpty { return ([], []) }
            f.targets[rng.int(0 ... f.targets.count - 1)].doubleMajority = false
            return ([], s.doubleMajority ? [.inspection] : [])
        case .noticeMissing: f.noticePublished = nil; return ([.inspection], [])
        case .noticeTooRecent:
            f.noticePublished = f.today.adding(days: -rng.int(0 ... s.noticeDays - 1))
            return ([.inspection], [])
        case .noticeLongAgo:
            // only moves a notice that already ran its days further back (never repairs a spoilt one)
            guard let d = f.noticePublished, d <= f.today.adding(days: -s.noticeDays) else { return ([], []) }
            f.noticePublished = f.today.adding(days: -s.noticeDays - rng.int(1 ... 60))
            return ([], [])
        case .teamWithoutLeader:
            if f.team.isEmpty { return ([.inspection], []) }
            f.team[0].leader = false; return ([.inspection], [])
        case .leaderNotStanding:
            if f.team.isEmpty { return ([.inspection], []) }
            f.team[0].standingCommittee = false; return ([.inspection], [])
        case .teamTooSmall: f.team.removeLast(); return ([.inspection], [])
        case .teamOther: f.team.append(TeamMember(name: "外单位人员", background: .other)); return ([.inspection], [])
        case .candidateNoTalk:
            if active.isEmpty { return ([.inspection], [.committeeDecision]) }
            f.candidates[rng.pick(active)].talks = 0
            return ([.inspection], [])
        case .candidateNoMaterials:
            if active.isEmpty { return ([.inspection], [.committeeDecision]) }
            f.candidates[rng.pick(active)].materials = false
            return ([.inspection], [])
        case .noComparison: f.comparisonWritten = false; return ([.inspection], [])
        case .allWithdrawn:
            for i in f.candidates.indices { f.candidates[i].withdrawn = true }
            return ([.inspection], [.committeeDecision])
        // the gate spoilers add a candidate of their own (inspected in full), so that none undoes another
        case .blockedGate:
            var g = MatterFixtures.passingGates(on: f.today)
            Self.block(rng.pick(GateKind.allCases), in: &g, today: f.today)
            f.candidates.append(MatterFixtures.candidate("受阻者", gates: g))
            return ([], [.committeeDecision])
        case .overriddenGate:
            var g = MatterFixtures.passingGates(on: f.today)
            let kind = rng.pick(GateKind.allCases.filter(\.canBeOverridden))
            Self.block(kind, in: &g, today: f.today)
            g.overrides[kind] = GateOverride(reason: "研究决定", decision: "常委会决定", by: "组织部", on: f.today)
            f.candidates.append(MatterFixtures.candidate("已决定者", gates: g))
            return ([], [])
        case .overriddenHold:
            var g = MatterFixtures.passingGates(on: f.today)
            Self.block(.hold, in: &g, today: f.today)
            g.overrides[.hold] = GateOverride(reason: "研究决定", decision: "常委会决定", by: "组织部", on: f.today)
            f.candidates.append(MatterFixtures.candidate("暂停者", gates: g))
            return ([], [.committeeDecision])
        case .withdrawnBlocked:
            var g = GateFacts()
            Self.block(.hold, in: &g, today: f.today)
            f.candidates.append(StageFacts.Candidate(name: "退出者", withdrawn: true, talks: 0, materials: false, gates: g))
            return ([], [])
        case .outcomeMissing:
            let stage = rng.pick(StageKind.allCases.filter(\.recordedByHand))
            f.recordedOutcomes.remove(stage)
            return ([stage], [])
        case .moreNominees:
            f.qualifiedNominees += rng.int(1 ... 5)
            return ([], [])
        }
    }

    static func block(_ kind: GateKind, in g: inout GateFacts, today: CivilDay) {
        switch kind {
        case .fileAudit: g.blockingFindings = ["学历存疑"]
        case .personalMatters: g.personalMatters = PersonalMattersCheck(date: today, consistent: false, handling: .postponed)
        case .integrityOpinion: g.integrityOpinion = BodyOpinion(body: "纪委", requested: today, answered: today, answer: "有线索", negative: true, isIntegrity: true)
        case .integrityExam: g.integrityExam = IntegrityExam(date: today, score: 0)
        case .popularVeto: g.evaluation = (consent: 0, total: 30)
        case .hold: g.holds.append(Hold(reason: "举报待查", by: "纪委", on: today))
        case .priorReport: g.priorReportRequired = true; g.priorReport = nil
        }
    }
}

@Suite("Matter workflow properties over random action sequences (SEL-9, guards)")
struct MatterPropertyTests {
    static let competitiveChoices = StageKind.allCases.filter(\.canBeCompetitive)

    /// A random variation of `plan` (valid or not, changed or not).
    static func vary(_ plan: MatterPlan, _ rng: inout SplitMix64) -> MatterPlan {
        var p = plan
        switch rng.int(0 ... 10) {
        case 0: break
        case 1: p.settings.noticeDays = rng.int(1 ... 10)
        case 2: p.settings.competitiveStages = Set(competitiveChoices.filter { _ in rng.chance(50) })
        case 3: p.procedure = Procedure(rng.pick(ProcedureKind.allCases))
        case 4:
            // swap two neighbours after the first stage: sometimes a valid custom order, sometimes not
            if p.procedure.stages.count > 2 {
                let i = rng.int(1 ... p.procedure.stages.count - 2)
                p.procedure.stages.swapAt(i, i + 1)
                p.procedure.kind = .custom
            }
        case 5: p.settings.weightLeaders = rng.int(30 ... 50)
        case 6: p.settings.doubleMajority.toggle()
        case 7: p.positions[0].posts = rng.int(0 ... 3)
        case 8: p.settings.minTeamSize = rng.int(2 ... 4)
        case 9: p.settings.vetoPercent = rng.int(45 ... 100)
        default: p.timetable = rng.chance(50) ? plan.timetable : "调整后的时间安排"
        }
        return p
    }

    /// Good facts for the matter, then 0…2 spoilers; the stages whose exit and entry guards must refuse.
    static func facts(for m: Matter, today: CivilDay, _ rng: inout SplitMix64) -> (StageFacts, exit: Set<StageKind>, entry: Set<StageKind>) {
        let posts = rng.int(1 ... 3)
        var f = MatterFixtures.allGood(today: today, posts: posts, settings: m.plan.settings, recommendationHeld: rng.chance(50))
        var exit = Set<StageKind>(), entry = Set<StageKind>()
        let n = rng.chance(55) ? 0 : rng.int(1 ... 3)
        let spoilers = (0 ..< n).map { _ in rng.pick(MatterSpoiler.allCases) }
        for spoiler in spoilers.sorted(by: { $0.rank < $1.rank }) {
            let (x, e) = spoiler.apply(to: &f, settings: m.plan.settings, rng: &rng)
            exit.formUnion(x)
            entry.formUnion(e)
        }
        // SEL-8 nominee count (差额: more than the posts): nomination cannot end short of it, and the
        // recommendation's entry guard counts them once they are consolidated
        let s = m.plan.settings
        if f.qualifiedNominees < f.posts + (s.isCompetitive(.initialNomination) || s.isCompetitive(.democraticRecommendation) ? 1 : 0) {
            exit.insert(.initialNomination)
            if f.consolidated { entry.insert(.democraticRecommendation) }
        }
        return (f, exit, entry)
    }

    /// The started stages are a prefix of the procedure, each finished one before the current, dates in order.
    static func checkShape(_ m: Matter, _ visited: [StageKind], seed: UInt64) {
        #expect(m.stages.map(\.kind) == m.plan.procedure.stages, "seed \(seed)")
        let started = m.stages.prefix { $0.started != nil }
        #expect(m.stages.dropFirst(started.count).allSatisfy { $0.started == nil && $0.finished == nil }, "seed \(seed): a later stage started")
        #expect(started.map(\.kind) == visited, "seed \(seed): visited \(visited) but stages show \(started.map(\.kind))")
        for (i, s) in started.enumerated() {
            if let f = s.finished, let st = s.started { #expect(st <= f, "seed \(seed)") }
            let isCurrent = m.phase == .running && i == started.count - 1
            if m.phase == .running || m.phase == .finished { #expect((s.finished == nil) == isCurrent, "seed \(seed): stage \(i) \(s.kind)") }
            if i > 0 { #expect(started[i - 1].finished == s.started, "seed \(seed): \(s.kind) did not start when the stage before ended") }
        }
        if m.phase == .finished { #expect(started.count == m.stages.count, "seed \(seed)") }
    }

    @Test("SEL-9 random action sequences never skip a stage, never move on a refusal, and change a published plan only by amendment")
    func randomSequences() throws {
        var totals = (runs: 0, finished: 0, cancelled: 0, advances: 0, refusals: 0, amendments: 0, frozen: 0)
        for run in 0 ..< 2_500 {
            let seed = UInt64(run) &* 0x2545_F491_4F6C_DD1D &+ 17
            var rng = SplitMix64(seed: seed)
            totals.runs += 1
            var settings = MatterSettings()
            settings.noticeDays = rng.int(1 ... 7)
            settings.competitiveStages = Set(Self.competitiveChoices.filter { _ in rng.chance(50) })
            settings.doubleMajority = rng.chance(80)
            var m = try MatterFixtures.draft(rng.pick(ProcedureKind.allCases), posts: rng.int(1 ... 3), settings: settings)
            var today = MatterFixtures.day0.adding(days: rng.int(0 ... 300))

            // drafting: revise freely (valid plans only), perhaps cancel
            for _ in 0 ..< rng.int(0 ... 3) {
                let p = Self.vary(m.plan, &rng)
                let valid = (try? p.procedure.check()) != nil && (try? p.settings.check()) != nil
                let e = MatterFixtures.error { try m.revise(p) }
                #expect((e == nil) == valid, "seed \(seed): revise \(String(describing: e))")
                if valid { #expect(m.plan == p && m.stages.map(\.kind) == p.procedure.stages) }
            }
            if rng.chance(3) {
                try m.cancel(reason: "不再选拔")
                totals.cancelled += 1
                continue
            }
            if (try? m.plan.checkComplete()) == nil {
                #expect(MatterFixtures.error { try m.publish(on: today) } is InvalidInput, "seed \(seed)")
                #expect(m.phase == .drafting)
                continue
            }
            try m.publish(on: today)
            var visited: [StageKind] = [m.stages[0].kind]

            for _ in 0 ..< 60 {
                today = today.adding(days: rng.int(0 ... 3))
                let before = m
                let action = rng.int(0 ... 99)
                var moved = false
                var amended = false
                switch action {
                case 0 ..< 55:
                    let (f, exit, entry) = Self.facts(for: m, today: today, &rng)
                    let waiting = m.waitingFor(f)
                    if let stage = m.current {
                        let expectRefused = exit.contains(stage) || m.next.map(entry.contains) == true
                        #expect(waiting.isEmpty == !expectRefused, "seed \(seed): at \(stage)→\(String(describing: m.next)) expected refused \(expectRefused), got \(waiting.map(\.en))")
                    } else {
                        #expect(waiting.isEmpty)
                    }
                    let e = MatterFixtures.error { try m.advance(f, on: today) }
                    if before.phase != .running {
                        #expect(e as? MatterError == .wrongPhase(before.phase), "seed \(seed)")
                    } else if !waiting.isEmpty {
                        #expect(e as? MatterError == .guardFailed(before.current!, waiting), "seed \(seed)")
                        totals.refusals += 1
                    } else {
                        #expect(e == nil, "seed \(seed): \(String(describing: e))")
                        moved = e == nil
                        totals.advances += 1
                    }
                case 55 ..< 65:
                    let text = rng.pick(["", "  ", "常委会纪要〔2026〕3号", " 见公示通知 "])
                    let e = MatterFixtures.error { try m.recordOutcome(text) }
                    if before.phase != .running {
                        #expect(e as? MatterError == .wrongPhase(before.phase), "seed \(seed)")
                    } else if !before.current!.recordedByHand {
                        #expect(e as? MatterError == .notInStage(before.current!), "seed \(seed)")
                    } else if text.trimmingCharacters(in: .whitespaces).isEmpty {
                        #expect(MatterFixtures.fields(e as? InvalidInput) == ["outcome"], "seed \(seed)")
                    } else {
                        #expect(e == nil && m.stages[before.currentIndex!].outcome == text.trimmingCharacters(in: .whitespaces), "seed \(seed)")
                    }
                case 65 ..< 75:
                    let p = Self.vary(m.plan, &rng)
                    let e = MatterFixtures.error { try m.revise(p) }
                    #expect(e as? MatterError == (before.phase == .running ? .planFrozen : .wrongPhase(before.phase)), "seed \(seed)")
                    totals.frozen += 1
                case 75 ..< 97:
                    let p = Self.vary(m.plan, &rng)
                    let reason = rng.chance(90) ? "工作需要" : " "
                    let decision = rng.chance(90) ? "县委常委会〔2026〕\(rng.int(1 ... 99))号" : ""
                    let e = MatterFixtures.error { try m.amend(p, reason: reason, decision: decision, by: "组织部", on: today) }
                    let startedKinds = before.stages.filter { $0.started != nil }.map(\.kind)
                    if before.phase != .running {
                        #expect(e as? MatterError == .wrongPhase(before.phase), "seed \(seed)")
                    } else if reason.trimmingCharacters(in: .whitespaces).isEmpty || decision.isEmpty {
                        #expect(!MatterFixtures.fields(e as? InvalidInput).isEmpty, "seed \(seed)")
                    } else if (try? p.checkComplete()) == nil {
                        #expect(e is InvalidInput, "seed \(seed)")
                    } else if p == before.plan {
                        #expect(e as? MatterError == .nothingChanged, "seed \(seed)")
                    } else if Array(p.procedure.stages.prefix(startedKinds.count)) != startedKinds {
                        #expect(e as? MatterError == .changesPast(startedKinds.last!), "seed \(seed)")
                    } else {
                        #expect(e == nil, "seed \(seed): \(String(describing: e))")
                        amended = e == nil
                        if amended {
                            totals.amendments += 1
                            #expect(m.plan == p)
                            let a = m.amendments.last!
                            #expect(a.on == today && a.decision == decision && !a.changesZh.isEmpty && a.changesZh.count == a.changesEn.count, "seed \(seed)")
                            #expect(Array(m.stages.prefix(startedKinds.count)) == Array(before.stages.prefix(startedKinds.count)), "seed \(seed): progress lost")
                            #expect(m.currentIndex == before.currentIndex)
                        }
                    }
                default:
                    let reason = rng.chance(80) ? "岗位调整" : ""
                    let e = MatterFixtures.error { try m.cancel(reason: reason) }
                    if before.phase != .running {
                        #expect(e as? MatterError == .wrongPhase(before.phase), "seed \(seed)")
                    } else if reason.isEmpty {
                        #expect(MatterFixtures.fields(e as? InvalidInput) == ["reason"], "seed \(seed)")
                    } else {
                        #expect(e == nil && m.phase == .cancelled && m.cancellation == reason, "seed \(seed)")
                    }
                }

                // a cancelled or finished matter never changes again
                if before.phase == .cancelled || before.phase == .finished {
                    #expect(m == before, "seed \(seed): a \(before.phase) matter changed")
                }
                // the plan changes only by an amendment, which is appended
                if amended {
                    #expect(m.amendments.count == before.amendments.count + 1 && Array(m.amendments.prefix(before.amendments.count)) == before.amendments)
                } else {
                    #expect(m.plan == before.plan && m.amendments == before.amendments, "seed \(seed): plan changed without an amendment")
                }
                // the stage moves only by advancing, and then by exactly one
                if moved {
                    let i = before.currentIndex!
                    if i + 1 < before.stages.count {
                        #expect(m.currentIndex == i + 1 && m.phase == .running, "seed \(seed)")
                        #expect(m.stages[i].finished == today && m.stages[i + 1].started == today)
                        visited.append(m.stages[i + 1].kind)
                    } else {
                        #expect(m.phase == .finished && m.currentIndex == nil, "seed \(seed)")
                    }
                } else if m.phase == before.phase {
                    #expect(m.currentIndex == before.currentIndex, "seed \(seed): moved without advancing")
                    #expect(m.stages.map(\.started) == before.stages.map(\.started) || amended, "seed \(seed)")
                }
                Self.checkShape(m, visited, seed: seed)
            }
            if m.phase == .finished { totals.finished += 1 }
            if m.phase == .cancelled { totals.cancelled += 1 }
        }
        // the sequences exercised every path
        #expect(totals.runs == 2_500)
        #expect(totals.finished > 100, "only \(totals.finished) matters finished")
        #expect(totals.cancelled > 100 && totals.amendments > 500 && totals.refusals > 1_000 && totals.advances > 5_000 && totals.frozen > 1_000,
                "\(totals)")
    }

    @Test("SEL-9 good facts satisfy every guard of every stage of every template at once")
    func goodFactsPassEverywhere() throws {
        for kind in ProcedureKind.allCases {
            for held in [true, false] {
                let m = try MatterFixtures.published(kind)
                let f = MatterFixtures.allGood(today: MatterFixtures.day0.adding(days: 10), posts: 2, settings: m.plan.settings, recommendationHeld: held)
                for (i, stage) in kind.stages.enumerated() {
                    #expect(StageGuards.exit(stage, f, m.plan.settings) == [], "\(kind) exit \(stage)")
                    if i + 1 < kind.stages.count { #expect(StageGuards.entry(kind.stages[i + 1], f, m.plan.settings) == [], "\(kind) entry \(kind.stages[i + 1])") }
                }
            }
        }
    }
}
