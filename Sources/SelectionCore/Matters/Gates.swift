import Foundation

/// The gates a candidate passes before going to the committee: each holds, blocks with a reason, or was
/// overridden by a recorded decision (which shows wherever the gate shows).
public enum GateKind: String, Sendable, CaseIterable, Codable {
    case fileAudit = "audit"            // REG-4, ELG-10
    case personalMatters = "personal"   // REG-3
    case integrityOpinion = "opinion"   // INS-5
    case integrityExam = "exam"         // INS-7
    case popularVeto = "veto"           // BAL-6
    case hold                           // CAS-3
    case priorReport = "report"         // CHK-5

    public var rule: String {
        switch self {
        case .fileAudit: "REG-4"
        case .personalMatters: "REG-3"
        case .integrityOpinion: "INS-5"
        case .integrityExam: "INS-7"
        case .popularVeto: "BAL-6"
        case .hold: "CAS-3"
        case .priorReport: "CHK-5"
        }
    }

    public func title(in l: Language) -> String {
        let zh = l == .zhHans
        switch self {
        case .fileAudit: return zh ? "档案审核（三龄一历）" : "File audit (ages and education)"
        case .personalMatters: return zh ? "个人有关事项报告核查" : "Personal-matters report check"
        case .integrityOpinion: return zh ? "纪委廉政意见" : "Discipline commission integrity opinion"
        case .integrityExam: return zh ? "任前廉政考试" : "Integrity exam"
        case .popularVeto: return zh ? "民主测评（民意否决）" : "Democratic evaluation (popular veto)"
        case .hold: return zh ? "信访举报暂停" : "Hold for a report"
        case .priorReport: return zh ? "特殊事项事前报告" : "Special matters reported in advance"
        }
    }

    /// A hold is lifted with a reason, never overridden.
    public var canBeOverridden: Bool { self != .hold }
}

/// REG-3: the check of a candidate's personal-matters report made for this promotion.
public struct PersonalMattersCheck: Sendable, Equatable, Codable {
    public enum Handling: String, Sendable, CaseIterable, Codable {
        case none                // consistent: nothing to handle
        case explained          // 如实说明，不影响使用
        case postponed          // 暂缓任用
        case disqualified       // 取消人选资格
        public func title(in l: Language) -> String {
            switch (self, l) {
            case (.none, .zhHans): "无需处理"
            case (.none, .en): "nothing to handle"
            case (.explained, .zhHans): "已说明，不影响使用"
            case (.explained, .en): "explained, no effect"
            case (.postponed, .zhHans): "暂缓任用"
            case (.postponed, .en): "appointment postponed"
            case (.disqualified, .zhHans): "取消人选资格"
            case (.disqualified, .en): "disqualified"
            }
        }
    }
    public var date: CivilDay
    public var consistent: Bool
    public var handling: Handling
    public var note: String
    public init(date: CivilDay, consistent: Bool, handling: Handling, note: String = "") {
        self.date = date; self.consistent = consistent; self.handling = consistent ? .none : handling; self.note = note
    }
}

/// INS-5: an opinion asked of another body (discipline commission, 信访, public security …).
public struct BodyOpinion: Sendable, Equatable, Codable {
    public var body: String
    public var requested: CivilDay
    public var due: CivilDay?
    public var answered: CivilDay?
    public var answer: String
    /// The answer raises a problem.
    public var negative: Bool
    public var attachment: String
    /// The discipline commission's integrity opinion (the gate), as opposed to the other bodies' opinions.
    public var isIntegrity: Bool
    public init(body: String, requested: CivilDay, due: CivilDay? = nil, answered: CivilDay? = nil, answer: String = "", negative: Bool = false, attachment: String = "", isIntegrity: Bool = false) {
        self.body = body; self.requested = requested; self.due = due; self.answered = answered; self.answer = answer
        self.negative = negative; self.attachment = attachment; self.isIntegrity = isIntegrity
    }
}

/// INS-7: the integrity exam taken.
public struct IntegrityExam: Sendable, Equatable, Codable {
    public var date: CivilDay
    public var score: Int
    public init(date: CivilDay, score: Int) { self.date = date; self.score = score }
}

/// A manual hold (CAS-3 until cases exist) set and lifted with reasons.
public struct Hold: Sendable, Equatable, Codable {
    public var reason: String
    public var by: String
    public var on: CivilDay
    public var lifted: (reason: String, by: String, on: CivilDay)? { liftedReason.map { ($0, liftedBy ?? "", liftedOn ?? on) } }
    public var liftedReason: String?
    public var liftedBy: String?
    public var liftedOn: CivilDay?
    public init(reason: String, by: String, on: CivilDay) { self.reason = reason; self.by = by; self.on = on }
    public var isOpen: Bool { liftedReason == nil }
    public static func == (a: Hold, b: Hold) -> Bool {
        a.reason == b.reason && a.by == b.by && a.on == b.on && a.liftedReason == b.liftedReason && a.liftedBy == b.liftedBy && a.liftedOn == b.liftedOn
    }
}

/// A recorded decision that sets a gate aside: who, when, why, and the decision's reference.
public struct GateOverride: Sendable, Equatable, Codable {
    public var reason: String
    public var decision: String
    public var by: String
    public var on: CivilDay
    public init(reason: String, decision: String, by: String, on: CivilDay) { self.reason = reason; self.decision = decision; self.by = by; self.on = on }
}

/// Everything the gates look at for one candidate (the store gathers it; the rules here are pure).
public struct GateFacts: Sendable, Equatable {
    /// REG-4: unresolved blocking audit findings, in words.
    public var blockingFindings: [String] = []
    public var personalMatters: PersonalMattersCheck? = nil
    public var integrityOpinion: BodyOpinion? = nil
    public var integrityExam: IntegrityExam? = nil
    /// BAL-6: consent votes and all valid votes of the inspection's democratic evaluation (nil: not yet held).
    public var evaluation: (consent: Int, total: Int)? = nil
    public var holds: [Hold] = []
    public var priorReportRequired = false
    /// CHK-5: the reference of the prior report, when made.
    public var priorReport: String? = nil
    public var overrides: [GateKind: GateOverride] = [:]
    public init() {}

    public static func == (a: GateFacts, b: GateFacts) -> Bool {
        a.blockingFindings == b.blockingFindings && a.personalMatters == b.personalMatters && a.integrityOpinion == b.integrityOpinion
            && a.integrityExam == b.integrityExam && a.evaluation?.consent == b.evaluation?.consent && a.evaluation?.total == b.evaluation?.total
            && a.holds == b.holds && a.priorReportRequired == b.priorReportRequired && a.priorReport == b.priorReport && a.overrides == b.overrides
    }
}

public struct GateResult: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case holds(zh: String, en: String)
        case blocked(Refusal)
        case overridden(GateOverride, Refusal)
        case notRequired
    }
    public var kind: GateKind
    public var state: State
    public var passes: Bool {
        switch state {
        case .holds, .overridden, .notRequired: true
        case .blocked: false
        }
    }
    public func text(in l: Language) -> String {
        switch state {
        case .holds(let zh, let en): l == .zhHans ? zh : en
        case .blocked(let r): r.text(in: l)
        case .overridden(let o, let r): (l == .zhHans ? "已决定不受此限（\(o.decision)，\(o.reason)）；原因：" : "Set aside by decision (\(o.decision), \(o.reason)); it said: ") + r.text(in: l)
        case .notRequired: l == .zhHans ? "不适用" : "not required"
        }
    }
}

public enum Gates {
    /// The state of every gate for one candidate.
    public static func evaluate(_ f: GateFacts, settings: MatterSettings) -> [GateResult] {
        GateKind.allCases.map { kind in
            let raw = state(kind, f, settings)
            if case .blocked(let refusal) = raw, kind.canBeOverridden, let o = f.overrides[kind] {
                return GateResult(kind: kind, state: .overridden(o, refusal))
            }
            return GateResult(kind: kind, state: raw)
        }
    }

    public static func allPass(_ f: GateFacts, settings: MatterSettings) -> Bool { evaluate(f, settings: settings).allSatisfy(\.passes) }

    static func state(_ kind: GateKind, _ f: GateFacts, _ s: MatterSettings) -> GateResult.State {
        switch kind {
        case .fileAudit:
            // REG-4, ELG-10: inconsistent or missing materials postpone the appointment
            if f.blockingFindings.isEmpty { return .holds(zh: "档案审核无未解决的阻断问题", en: "no unresolved blocking finding in the file audit") }
            return .blocked(Refusal("REG-4", zh: "档案审核有未解决的问题：" + f.blockingFindings.joined(separator: "；"),
                                    en: "the file audit has unresolved findings: " + f.blockingFindings.joined(separator: "; ")))
        case .personalMatters:
            guard let c = f.personalMatters else {
                return .blocked(Refusal("REG-3", zh: "尚未核查个人有关事项报告", en: "the personal-matters report has not been checked"))
            }
            if c.consistent { return .holds(zh: "个人有关事项报告核查一致（\(c.date)）", en: "personal-matters report checked, consistent (\(c.date))") }
            if c.handling == .explained {
                return .holds(zh: "核查不一致，已说明，不影响使用（\(c.date)）", en: "checked, inconsistent, explained with no effect (\(c.date))")
            }
            return .blocked(Refusal("REG-3", zh: "个人有关事项报告核查不一致：\(c.handling.title(in: .zhHans))", en: "personal-matters report inconsistent: \(c.handling.title(in: .en))"))
        case .integrityOpinion:
            guard let o = f.integrityOpinion, let day = o.answered else {
                return .blocked(Refusal("INS-5", zh: "尚未收到纪委（监委）廉政意见", en: "the discipline commission's integrity opinion has not been received"))
            }
            if o.negative { return .blocked(Refusal("INS-5", zh: "纪委（监委）廉政意见有问题：\(o.answer)", en: "the integrity opinion raises a problem: \(o.answer)")) }
            return .holds(zh: "纪委（监委）廉政意见已回复，无问题（\(day)）", en: "integrity opinion received, no problem (\(day))")
        case .integrityExam:
            guard let e = f.integrityExam else {
                return .blocked(Refusal("INS-7", zh: "尚未参加任前廉政考试", en: "the integrity exam has not been taken"))
            }
            if e.score >= s.integrityPassMark { return .holds(zh: "廉政考试\(e.score)分，合格（\(e.date)）", en: "integrity exam \(e.score), passed (\(e.date))") }
            return .blocked(Refusal("INS-7", zh: "廉政考试\(e.score)分，低于合格分\(s.integrityPassMark)", en: "integrity exam \(e.score), below the pass mark \(s.integrityPassMark)"))
        case .popularVeto:
            guard let ev = f.evaluation else {
                return .blocked(Refusal("BAL-6", zh: "考察民主测评尚未完成", en: "the inspection's democratic evaluation has not been held"))
            }
            // BAL-6 in integers: consent / total < veto% ⇔ consent·100 < veto·total
            if ev.total > 0, ev.consent * 100 >= s.vetoPercent * ev.total {
                return .holds(zh: "测评认可\(ev.consent)/\(ev.total)，不低于\(s.vetoPercent)%", en: "evaluation consent \(ev.consent)/\(ev.total), not below \(s.vetoPercent)%")
            }
            return .blocked(Refusal("BAL-6", zh: "测评认可\(ev.consent)/\(ev.total)，低于\(s.vetoPercent)%，民意否决", en: "evaluation consent \(ev.consent)/\(ev.total) is below \(s.vetoPercent)%: popular veto"))
        case .hold:
            let open = f.holds.filter(\.isOpen)
            if open.isEmpty { return .holds(zh: "无暂停事项", en: "no hold") }
            return .blocked(Refusal("CAS-3", zh: "暂停：" + open.map(\.reason).joined(separator: "；"), en: "on hold: " + open.map(\.reason).joined(separator: "; ")))
        case .priorReport:
            guard f.priorReportRequired else { return .notRequired }
            if let r = f.priorReport, !r.isEmpty { return .holds(zh: "已事前报告（\(r)）", en: "reported in advance (\(r))") }
            return .blocked(Refusal("CHK-5", zh: "破格、越级或批量提拔须事前报告，尚未报告", en: "an exceptional, grade-skipping or batch promotion must be reported in advance; it has not been"))
        }
    }
}
