import Foundation

public enum MatterPhase: String, Sendable, CaseIterable, Codable {
    case drafting, running, finished, cancelled
    public func title(in l: Language) -> String {
        switch (self, l) {
        case (.drafting, .zhHans): "方案拟定中"
        case (.drafting, .en): "Plan in draft"
        case (.running, .zhHans): "进行中"
        case (.running, .en): "Under way"
        case (.finished, .zhHans): "已完成"
        case (.finished, .en): "Finished"
        case (.cancelled, .zhHans): "已终止"
        case (.cancelled, .en): "Cancelled"
        }
    }
}

public struct StageProgress: Sendable, Equatable, Codable {
    public var kind: StageKind
    public var started: CivilDay?
    public var finished: CivilDay?
    /// For a stage recorded by hand: the outcome and its document reference.
    public var outcome: String?
    public init(kind: StageKind, started: CivilDay? = nil, finished: CivilDay? = nil, outcome: String? = nil) {
        self.kind = kind; self.started = started; self.finished = finished; self.outcome = outcome
    }
}

/// SEL-9: a change to a published plan, with the decision that allowed it (disclosed with its date).
public struct PlanAmendment: Sendable, Equatable, Codable {
    public var on: CivilDay
    public var by: String
    public var reason: String
    public var decision: String
    public var changesZh: [String]
    public var changesEn: [String]
}

/// Refusals of the matter workflow, in words.
public enum MatterError: UserFacingError, Equatable {
    /// SEL-9: the published plan changes only by a recorded decision.
    case planFrozen
    case wrongPhase(MatterPhase)
    case guardFailed(StageKind, [Refusal])
    case notInStage(StageKind)
    case nothingChanged
    case changesPast(StageKind)

    public var kind: ErrorKind {
        switch self {
        case .nothingChanged, .changesPast: .badInput
        default: .conflict
        }
    }

    public func message(in l: Language) -> String {
        let zh = l == .zhHans
        switch self {
        case .planFrozen:
            return zh ? "方案已发布，不得随意更改（SEL-9）；如确需调整，须经党委（党组）研究决定并记录决定文号和理由" : "The plan is published and cannot be changed (SEL-9); a change needs a recorded committee decision with its reference and reason"
        case .wrongPhase(let p):
            return zh ? "选任事项当前“\(p.title(in: l))”，不能进行此操作" : "Not possible while the matter is “\(p.title(in: l))”"
        case .guardFailed(let s, let r):
            return (zh ? "“\(s.title(in: l))”环节的条件尚未满足：" : "“\(s.title(in: l))”: the conditions do not hold yet: ")
                + r.map { "\($0.text(in: l))（\($0.rule)）" }.joined(separator: zh ? "；" : "; ")
        case .notInStage(let s):
            return zh ? "只能在“\(s.title(in: l))”环节进行此操作" : "Only possible during “\(s.title(in: l))”"
        case .nothingChanged:
            return zh ? "方案没有变化" : "The plan did not change"
        case .changesPast(let s):
            return zh ? "不能改变已经开始的环节（“\(s.title(in: l))”及之前）" : "Stages already started (up to “\(s.title(in: l))”) cannot change"
        }
    }
}

/// A selection matter (选任事项) as a value: its plan, where its procedure stands and the transitions between
/// stages, each a pure function that checks its guard and throws a refusal in words. The store loads it,
/// gathers the `StageFacts`, applies a transition and saves it inside one write transaction.
public struct Matter: Sendable, Equatable, Codable {
    public var title: String
    public var unitID: UUID
    public var plan: MatterPlan
    public var phase: MatterPhase
    public var published: CivilDay?
    public var stages: [StageProgress]
    public var amendments: [PlanAmendment]
    public var cancellation: String?

    public static func draft(title raw: String, unitID: UUID, plan: MatterPlan) throws(InvalidInput) -> Matter {
        let title = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { throw InvalidInput(field: "title", .required) }
        if title.count > 200 { throw InvalidInput(field: "title", .tooLong(max: 200)) }
        return Matter(title: title, unitID: unitID, plan: plan, phase: .drafting, published: nil,
                      stages: plan.procedure.stages.map { StageProgress(kind: $0) }, amendments: [], cancellation: nil)
    }

    /// The stage under way (nil before publishing and after the last stage).
    public var currentIndex: Int? {
        guard phase == .running else { return nil }
        return stages.firstIndex { $0.started != nil && $0.finished == nil }
    }
    public var current: StageKind? { currentIndex.map { stages[$0].kind } }
    public var next: StageKind? {
        guard let i = currentIndex, i + 1 < stages.count else { return nil }
        return stages[i + 1].kind
    }
    /// "Ready for the committee": the matter has passed every gate into the committee's stage.
    public var readyForCommittee: Bool { current == .committeeDecision }

    /// Changes the plan while it is a draft. SEL-9: once published, only `amend` changes it.
    public mutating func revise(_ plan: MatterPlan) throws {
        guard phase == .drafting else {
            if phase == .running { throw MatterError.planFrozen }
            throw MatterError.wrongPhase(phase)
        }
        try plan.procedure.check()
        try plan.settings.check()
        if Set(plan.positions.map(\.id)).count != plan.positions.count { throw InvalidInput(field: "positions", .duplicate("id")) }
        self.plan = plan
        stages = plan.procedure.stages.map { StageProgress(kind: $0) }
    }

    /// Publishes the plan (ELG-1), which freezes it (SEL-9), and starts the first stage.
    public mutating func publish(on day: CivilDay) throws {
        guard phase == .drafting else { throw MatterError.wrongPhase(phase) }
        try plan.checkComplete()
        phase = .running
        published = day
        stages = plan.procedure.stages.map { StageProgress(kind: $0) }
        stages[0].started = day
    }

    /// SEL-9: a change to the published plan, by a recorded decision (who, when, reason, reference). Stages
    /// already started stay as they were.
    public mutating func amend(_ new: MatterPlan, reason rawReason: String, decision rawDecision: String, by: String, on day: CivilDay) throws {
        guard phase == .running else { throw MatterError.wrongPhase(phase) }
        let reason = rawReason.trimmingCharacters(in: .whitespacesAndNewlines), decision = rawDecision.trimmingCharacters(in: .whitespacesAndNewlines)
        var issues: [InvalidInput.Issue] = []
        if reason.isEmpty { issues.append(.init(field: "reason", problem: .required)) }
        if decision.isEmpty { issues.append(.init(field: "decision", problem: .required)) }
        if !issues.isEmpty { throw InvalidInput(issues) }
        try new.checkComplete()
        let changesZh = new.differences(from: plan, in: .zhHans)
        if changesZh.isEmpty { throw MatterError.nothingChanged }
        let started = stages.filter { $0.started != nil }
        if Array(new.procedure.stages.prefix(started.count)) != started.map(\.kind) {
            throw MatterError.changesPast(started.last?.kind ?? stages[0].kind)
        }
        amendments.append(PlanAmendment(on: day, by: by, reason: reason, decision: decision, changesZh: changesZh, changesEn: new.differences(from: plan, in: .en)))
        plan = new
        stages = started + new.procedure.stages.dropFirst(started.count).map { StageProgress(kind: $0) }
    }

    /// What the current stage waits for before the matter may move on: its exit guard and the next stage's
    /// entry guard, in words (empty: it may move on).
    public func waitingFor(_ f: StageFacts) -> [Refusal] {
        guard let stage = current else { return [] }
        // CAS-3: a report that the selection broke the rules halts it until the case is concluded
        let halt = f.halts.isEmpty ? [] : [Refusal("CAS-3", zh: "信访举报（\(f.halts.joined(separator: "、"))）正在核查，本事项暂停", en: "halted while report case\(f.halts.count == 1 ? "" : "s") \(f.halts.joined(separator: ", ")) \(f.halts.count == 1 ? "is" : "are") looked into")]
        let exit = halt + StageGuards.exit(stage, f, plan.settings)
        // the same refusal from both guards (SEL-8 nominee count, leaving nomination for recommendation) is said once
        return exit + (next.map { StageGuards.entry($0, f, plan.settings) } ?? []).filter { !exit.contains($0) }
    }

    /// Finishes the current stage and starts the next, when both guards hold.
    public mutating func advance(_ f: StageFacts, on day: CivilDay) throws {
        guard phase == .running, let i = currentIndex else { throw MatterError.wrongPhase(phase) }
        let refusals = waitingFor(f)
        if !refusals.isEmpty { throw MatterError.guardFailed(stages[i].kind, refusals) }
        stages[i].finished = day
        if i + 1 < stages.count { stages[i + 1].started = day } else { phase = .finished }
    }

    /// Records the outcome of a stage this release carries by hand (with its document reference).
    public mutating func recordOutcome(_ raw: String) throws {
        guard let i = currentIndex else { throw MatterError.wrongPhase(phase) }
        guard stages[i].kind.recordedByHand else { throw MatterError.notInStage(stages[i].kind) }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { throw InvalidInput(field: "outcome", .required) }
        if text.count > 2000 { throw InvalidInput(field: "outcome", .tooLong(max: 2000)) }
        stages[i].outcome = text
    }

    /// Refuses unless the matter is running and in one of `kinds`.
    public func require(_ kinds: StageKind...) throws {
        guard phase == .running, let c = current else { throw MatterError.wrongPhase(phase) }
        guard kinds.contains(c) else { throw MatterError.notInStage(kinds[0]) }
    }

    public mutating func cancel(reason raw: String) throws {
        guard phase == .drafting || phase == .running else { throw MatterError.wrongPhase(phase) }
        let reason = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { throw InvalidInput(field: "reason", .required) }
        phase = .cancelled
        cancellation = reason
    }
}
