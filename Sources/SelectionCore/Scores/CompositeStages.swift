import Foundation

/// SCR-1, SEL-3, SEL-4: the stages of a composite that the interview panel does not score. Each enters the score
/// sheet (`xuanren.scores/1`) as a `single` stage out of 100 with its weight from the plan's settings:
/// - `evaluation` (民主测评, BAL-3): fed by the matter's closed evaluation ballot session (`EvaluationCount`); a popular
///   veto (BAL-6) excludes the candidate with the reason;
/// - `partyGroup` (党组成员评分) and `assessment` (平时考核), SEL-3; `rating` (两代表一委员评议) and `inspection`
///   (考察得分), SEL-4: entered per candidate by an organizer with the reference of the signed paper they come from,
///   locked once entered.
/// Stored strings (the sheet's stage ids and the entries' `stage` column): never change one.
public enum FedStage: String, Sendable, CaseIterable, Codable {
    case evaluation
    case partyGroup = "party-group"
    case assessment
    case rating
    case inspection = "inspection-score"

    /// The stage id on the sheet.
    public var id: String { rawValue }
    /// Whether an organizer enters it (all but the evaluation, which a ballot session feeds).
    public var entered: Bool { self != .evaluation }
    /// Full marks of the stage as entered.
    public static let max = 100

    public var rule: String {
        switch self {
        case .evaluation: "BAL-3"
        case .partyGroup, .assessment: "SEL-3"
        case .rating, .inspection: "SEL-4"
        }
    }

    public func title(in l: Language) -> String {
        let zh = l == .zhHans
        switch self {
        case .evaluation: return zh ? "民主测评" : "Democratic evaluation"
        case .partyGroup: return zh ? "党组成员评分" : "Party-group members' scores"
        case .assessment: return zh ? "平时考核" : "Regular assessment"
        case .rating: return zh ? "两代表一委员评议" : "Rating panel (representatives and members)"
        case .inspection: return zh ? "考察得分" : "Inspection score"
        }
    }

    /// The stage's weight in the composite, a setting of the plan.
    public func weight(_ s: MatterSettings) -> Int {
        switch self {
        case .evaluation: s.weightEvaluation
        case .partyGroup: s.weightPartyGroup
        case .assessment: s.weightAssessment
        case .rating: s.weightRating
        case .inspection: s.weightInspection
        }
    }
}

/// Which stages a procedure's composite holds and with which weights (SCR-1), as plain functions of the plan.
public enum CompositePlan {
    /// The fed stages of `procedure`, in the order they are listed after the interview: the evaluation when a
    /// democratic evaluation comes before the composite; SEL-3's party-group scores and regular assessment; SEL-4's
    /// rating panel and inspection score.
    public static func fed(_ procedure: Procedure) -> [FedStage] {
        var out: [FedStage] = []
        let s = procedure.stages
        if let e = s.firstIndex(of: .democraticEvaluation), let c = s.firstIndex(of: .compositeScore), e < c { out.append(.evaluation) }
        guard s.contains(.compositeScore) else { return out }
        switch procedure.kind {
        case .vacancyCompetition: out += [.partyGroup, .assessment]
        case .publicRecommendation: out += [.rating, .inspection]
        default: break
        }
        return out
    }

    /// The interview's weight: SEL-3's speech weight in 缺位竞岗, else the scoring rules' interview weight.
    public static func interviewWeight(_ procedure: Procedure, _ s: MatterSettings, _ r: ScoringRules) -> Int {
        procedure.kind == .vacancyCompetition ? s.weightSpeech : r.interviewWeight
    }

    /// The interview's name on the sheet: SEL-3 holds a speech (竞岗演讲), SEL-7 mock interviews (模拟面试).
    public static func interviewName(_ procedure: Procedure) -> String {
        switch procedure.kind {
        case .vacancyCompetition: "竞岗演讲"
        case .trainingClass: "模拟面试"
        default: "面试"
        }
    }

    /// EXM-2, SEL-7: the top N after the written stage — the scoring rules' own, else in a training class the fine
    /// round's size (the wide round of scored activities sends about 16 on to the mock interviews).
    public static func progressionTop(_ procedure: Procedure, _ s: MatterSettings, _ r: ScoringRules) -> Int? {
        r.progressionTop ?? (procedure.kind == .trainingClass ? s.fineRound : nil)
    }

    /// A sheet stage id in words, for the pages' column heads.
    public static func stageTitle(_ id: String, _ procedure: Procedure, in l: Language) -> String {
        let zh = l == .zhHans
        switch id {
        case "written": return zh ? (procedure.kind == .trainingClass ? "宽选" : "笔试") : (procedure.kind == .trainingClass ? "Wide round" : "Written")
        case "interview": return zh ? interviewName(procedure) : (procedure.kind == .vacancyCompetition ? "Speech" : procedure.kind == .trainingClass ? "Mock interview" : "Interview")
        case "recommendation": return zh ? "民主推荐" : "Recommendation"
        default: return FedStage(rawValue: id)?.title(in: l) ?? id
        }
    }

    /// The scoring rules in words as the pages show them (DIS-1): the composite's line names every stage with its
    /// weight; the written exam's progression (SEL-7: the fine round's size) only where there is a written stage.
    public static func rulesInWords(_ procedure: Procedure, _ s: MatterSettings, _ r: ScoringRules, recommendation: Bool, in l: Language) -> [String] {
        var effective = r
        effective.progressionTop = progressionTop(procedure, s, r)
        var rules = effective.describe(in: l, recommendation: recommendation)
        rules[0] = describe(procedure, s, r, recommendation: recommendation, in: l)
        if !procedure.stages.contains(.writtenExam) { rules.remove(at: 1) }
        return rules
    }

    /// The composite in words with every weight (DIS-1: the public page shows how the composite is made).
    public static func describe(_ procedure: Procedure, _ s: MatterSettings, _ r: ScoringRules, recommendation: Bool, in l: Language) -> String {
        let zh = l == .zhHans
        var parts: [String] = []
        if procedure.stages.contains(.writtenExam) { parts.append((zh ? (procedure.kind == .trainingClass ? "宽选（笔试及测评活动）" : "笔试") : (procedure.kind == .trainingClass ? "wide round" : "written")) + "×\(r.writtenWeight)") }
        if procedure.stages.contains(.interview) {
            let name = zh ? interviewName(procedure) : (procedure.kind == .vacancyCompetition ? "speech" : procedure.kind == .trainingClass ? "mock interview" : "interview")
            parts.append(name + "×\(interviewWeight(procedure, s, r))")
        }
        if recommendation { parts.append((zh ? "民主推荐得分" : "recommendation") + "×\(r.recommendationWeight)") }
        for f in fed(procedure) { parts.append((zh ? f.title(in: l) : f.title(in: l).lowercased()) + "×\(f.weight(s))") }
        var text = zh ? "综合成绩 = " + parts.joined(separator: " + ") + "，除以权重之和，各项均折合为百分制（SCR-1）"
                      : "Composite = " + parts.joined(separator: " + ") + ", divided by the weights' sum, each on a 100-point scale (SCR-1)"
        if fed(procedure).contains(.evaluation) {
            let p = s.evaluationPoints
            text += zh ? "；民主测评得分 = 优秀\(p[0])分、称职\(p[1])分、基本称职\(p[2])分、不称职\(p[3])分按票数加权平均（BAL-3），认可率（优秀和称职票）低于\(s.vetoPercent)%的民意否决，不参加排名（BAL-6）"
                       : "; evaluation score = mean of excellent \(p[0]), competent \(p[1]), basic \(p[2]), incompetent \(p[3]) over the grades given (BAL-3); consent (excellent and competent) below \(s.vetoPercent)% is a popular veto, not ranked (BAL-6)"
        }
        if fed(procedure).contains(where: \.entered) {
            text += zh ? "；" + fed(procedure).filter(\.entered).map { $0.title(in: l) }.joined(separator: "、") + "由组织部门按签名的评分材料逐人录入并注明文号，录入即锁定"
                       : "; " + fed(procedure).filter(\.entered).map { $0.title(in: l).lowercased() }.joined(separator: ", ") + " entered per candidate by the organizer from the signed papers, with their reference, locked on entry"
        }
        return text
    }
}

/// BAL-3, BAL-6: one candidate's overall grades in a closed democratic evaluation (votes for 优秀 / 称职 / 基本称职 /
/// 不称职; ballots without an overall grade for the candidate are not counted).
public struct EvaluationCount: Sendable, Equatable {
    public var excellent: Int, competent: Int, basic: Int, incompetent: Int
    public init(excellent: Int, competent: Int, basic: Int, incompetent: Int) {
        self.excellent = excellent; self.competent = competent; self.basic = basic; self.incompetent = incompetent
    }
    public var graded: Int { excellent + competent + basic + incompetent }
    /// Consent (认可): the votes for 优秀 and 称职.
    public var consent: Int { excellent + competent }

    /// SCR-1, BAL-3: the evaluation's stage score out of 100, in ten-thousandths: Σ points(grade) × votes(grade) /
    /// graded votes, with the plan's points per grade, computed in integers and rounded half up to 4 decimals (the
    /// sheet's input precision). Nil with no graded vote.
    public func stageScore(_ s: MatterSettings) -> Int64? {
        let n = Int64(graded)
        guard n > 0 else { return nil }
        let p = s.evaluationPoints.map(Int64.init)
        let num = (p[0] * Int64(excellent) + p[1] * Int64(competent) + p[2] * Int64(basic) + p[3] * Int64(incompetent)) * 10_000
        return (2 * num + n) / (2 * n)
    }

    /// BAL-6: the popular veto — consent below the plan's `vetoPercent` of the graded votes (in integers:
    /// consent × 100 < veto × graded). Nil when the candidate passes; the reason in words otherwise.
    public func veto(_ s: MatterSettings) -> Refusal? {
        if graded == 0 { return Refusal("BAL-3", zh: "民主测评中没有对其评定等次的有效票", en: "no valid evaluation ballot graded this candidate") }
        if consent * 100 >= s.vetoPercent * graded { return nil }
        return Refusal("BAL-6", zh: "民主测评认可票（优秀、称职）\(consent)/\(graded)，低于\(s.vetoPercent)%，民意否决",
                       en: "evaluation consent (excellent and competent) \(consent)/\(graded), below \(s.vetoPercent)%: popular veto")
    }
}
