/// EXM-4: the interview panel (面试小组) of one position — who sits on it, who must recuse for which candidate.
///
/// The seeds (002 篇7 第二十–二十一条, 篇9 第十九条, 篇5): leaders, experts and organization/personnel staff, as a rule
/// not fewer than 7 (5–7 in a small unit's competition for posts); at least one member familiar with the position's
/// business; a share of members from outside the unit; members recuse; one panel scores every candidate of a position.

/// What a judge is on the panel as (the seeds' 有关领导、专家、组织人事干部, and trainee judges 学员评委 of 篇8).
public enum JudgeGroup: String, Sendable, CaseIterable, Codable, Comparable {
    case leader, expert, personnel, trainee, other

    public static func < (a: JudgeGroup, b: JudgeGroup) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public func title(in language: Language) -> String {
        switch (self, language) {
        case (.leader, .zhHans): "领导"
        case (.leader, .en): "leader"
        case (.expert, .zhHans): "专家"
        case (.expert, .en): "expert"
        case (.personnel, .zhHans): "组织人事干部"
        case (.personnel, .en): "personnel staff"
        case (.trainee, .zhHans): "学员评委"
        case (.trainee, .en): "trainee judge"
        case (.other, .zhHans): "其他"
        case (.other, .en): "other"
        }
    }
}

/// One member of an interview panel (or of a pool to draw one from).
public struct Judge: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    /// The unit the judge works in (for recusal when the rules make members of a candidate's own unit recuse).
    public var unitId: String
    /// From outside the unit holding the selection (外单位人员).
    public var fromOutside: Bool
    /// Familiar with the position's business (熟悉选拔职位业务).
    public var familiarWithBusiness: Bool
    public var group: JudgeGroup
    /// People (candidate ids) the judge is related to by family or another important relation: the judge recuses for them.
    public var relatedTo: [String]

    public init(id: String, name: String, unitId: String, fromOutside: Bool, familiarWithBusiness: Bool,
                group: JudgeGroup, relatedTo: [String] = []) {
        self.id = id; self.name = name; self.unitId = unitId; self.fromOutside = fromOutside
        self.familiarWithBusiness = familiarWithBusiness; self.group = group; self.relatedTo = relatedTo
    }
}

/// A candidate as the panel sees them: who they are and which unit they come from.
public struct InterviewCandidate: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var unitId: String
    public init(id: String, name: String, unitId: String) { self.id = id; self.name = name; self.unitId = unitId }
}

/// The settings of EXM-4, with the seeds' defaults.
public struct InterviewPanelRules: Sendable, Equatable {
    /// 一般不少于7人 (002 篇7 第二十条, 篇9 第十九条).
    public var minimumSize = 7
    /// 5–7 in a small unit's competition for posts (002 篇5: “(5-7人)”).
    public var smallUnitMinimumSize = 5
    /// Whether this panel is a small unit's (then `smallUnitMinimumSize` applies).
    public var smallUnit = false
    /// The least share of members from outside the unit (外单位人员应占一定比例). The seed names no figure; the default
    /// 1/3 gives at least 3 of 7 (2 of 5), so that after the highest and the lowest score are dropped (trim 1) at least
    /// one outside member's score always counts, while the unit's own leaders and personnel staff — whom the seeds put
    /// on the panel — stay the majority.
    public var minimumOutsideShare = Fraction(1, 3)
    /// 面试小组中必须有熟悉选拔职位业务的人员: at least this many.
    public var minimumFamiliarWithBusiness = 1
    /// The groups the panel must include, one member at least each (有关领导、专家、组织人事干部).
    public var requiredGroups: [JudgeGroup] = [.leader, .expert, .personnel]
    /// Whether a member from a candidate's own unit recuses for that candidate. Default false: the seeds' recusal is
    /// for relations, and a competition for posts inside one unit (002 篇5) is scored by that unit's own leaders.
    public var ownUnitRecuses = false
    /// The score sheet's trim (highest and lowest dropped, EXM-5): every candidate needs `2 × trim + 1` judges.
    public var trim = 1

    public init() {}

    /// The size the panel must at least have.
    public var requiredSize: Int { smallUnit ? smallUnitMinimumSize : minimumSize }

    /// The least number of outside members on a panel of `size`: ⌈share × size⌉.
    public func minimumOutside(ofSize size: Int) -> Int {
        let num = Int64(size) * minimumOutsideShare.num, den = minimumOutsideShare.den
        return Int((num + den - 1) / den)
    }

    /// Problems with the settings themselves (field names as in the pool file's `rules`).
    public func problems() -> [InvalidInput.Issue] {
        var out: [InvalidInput.Issue] = []
        if minimumSize < 1 { out.append(.init(field: "rules.minimumSize", problem: .notAllowed("\(minimumSize)"))) }
        if smallUnitMinimumSize < 1 { out.append(.init(field: "rules.smallUnitMinimumSize", problem: .notAllowed("\(smallUnitMinimumSize)"))) }
        if minimumOutsideShare.den <= 0 || minimumOutsideShare.num < 0 || minimumOutsideShare.num > minimumOutsideShare.den {
            out.append(.init(field: "rules.minimumOutsideShare", problem: .notAllowed("\(minimumOutsideShare)")))
        }
        if minimumFamiliarWithBusiness < 0 { out.append(.init(field: "rules.minimumFamiliarWithBusiness", problem: .notAllowed("\(minimumFamiliarWithBusiness)"))) }
        if trim < 0 { out.append(.init(field: "rules.trim", problem: .notAllowed("\(trim)"))) }
        if Set(requiredGroups).count != requiredGroups.count { out.append(.init(field: "rules.requiredGroups", problem: .duplicate(requiredGroups.map(\.rawValue).joined(separator: ",")))) }
        return out
    }
}

/// Something wrong with a panel, in words in both languages.
public enum InterviewPanelProblem: Sendable, Equatable {
    case tooFew(have: Int, need: Int, smallUnit: Bool)
    case duplicateJudge(String)
    case emptyJudgeId
    case tooFewFamiliarWithBusiness(have: Int, need: Int)
    case tooFewFromOutside(have: Int, need: Int, share: String)
    case missingGroup(JudgeGroup)
    /// After recusals a candidate keeps fewer judges than `2 × trim + 1`.
    case tooFewAfterRecusal(candidate: String, have: Int, need: Int)
    /// A judge recused for a candidate scored them anyway.
    case recusedJudgeScored(judge: String, candidate: String)
    /// Someone not on the position's panel scored (the same panel scores all candidates of one position).
    case notOnPanel(judge: String, candidate: String)
    /// A panel member who does not recuse did not score a candidate.
    case missingScore(judge: String, candidate: String)

    public func message(in language: Language) -> String {
        let zh = language == .zhHans
        switch self {
        case let .tooFew(have, need, small):
            return zh ? "面试小组\(have)人，\(small ? "小单位" : "")至少应有\(need)人"
                : "the interview panel has \(have) members; it needs at least \(need)\(small ? " (small unit)" : "")"
        case let .duplicateJudge(id):
            return zh ? "面试小组成员“\(id)”重复" : "panel member “\(id)” is listed twice"
        case .emptyJudgeId:
            return zh ? "面试小组成员缺少编号" : "a panel member has no id"
        case let .tooFewFamiliarWithBusiness(have, need):
            return zh ? "熟悉选拔职位业务的成员\(have)人，至少应有\(need)人"
                : "\(have) members are familiar with the position's business; at least \(need) are needed"
        case let .tooFewFromOutside(have, need, share):
            return zh ? "外单位成员\(have)人，按比例（\(share)）至少应有\(need)人"
                : "\(have) members are from outside the unit; the share \(share) needs at least \(need)"
        case let .missingGroup(g):
            return zh ? "面试小组中没有\(g.title(in: .zhHans))" : "the panel has no \(g.title(in: .en))"
        case let .tooFewAfterRecusal(c, have, need):
            return zh ? "考生“\(c)”回避后仅余\(have)名评委，去掉最高分和最低分至少需要\(need)名"
                : "after recusals candidate “\(c)” keeps \(have) judges; dropping the highest and lowest scores needs at least \(need)"
        case let .recusedJudgeScored(j, c):
            return zh ? "评委“\(j)”应对考生“\(c)”回避，却评了分" : "judge “\(j)” must recuse for candidate “\(c)” but scored them"
        case let .notOnPanel(j, c):
            return zh ? "“\(j)”不是本职位面试小组成员，却为考生“\(c)”评了分（同一职位应由同一面试小组评分）"
                : "“\(j)” is not on this position's panel but scored candidate “\(c)” (one panel scores all candidates of a position)"
        case let .missingScore(j, c):
            return zh ? "评委“\(j)”未为考生“\(c)”评分" : "judge “\(j)” did not score candidate “\(c)”"
        }
    }
}

/// Why a judge must not score a candidate.
public enum RecusalReason: Sendable, Equatable {
    /// Family or another important relation (亲属关系或其他可能影响公正的关系).
    case related
    /// From the candidate's own unit, when the rules say so.
    case sameUnit(String)

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.related, .zhHans): "与考生有亲属或其他可能影响公正的关系"
        case (.related, .en): "related to the candidate by family or another important relation"
        case (.sameUnit(let u), .zhHans): "与考生同一单位（\(u)）"
        case (.sameUnit(let u), .en): "from the candidate's own unit (\(u))"
        }
    }
}

public struct Recusal: Sendable, Equatable {
    public var judgeId: String
    public var candidateId: String
    public var reasons: [RecusalReason]
}

/// The interview panel of one position: the same members score every candidate (EXM-4), except where one recuses.
public struct InterviewPanel: Sendable, Equatable {
    public var positionId: String
    public var judges: [Judge]
    public var rules: InterviewPanelRules

    public init(positionId: String, judges: [Judge], rules: InterviewPanelRules = InterviewPanelRules()) {
        self.positionId = positionId; self.judges = judges; self.rules = rules
    }

    /// Every problem of the composition (EXM-4), in a fixed order; empty when the panel is sound.
    public func problems() -> [InterviewPanelProblem] {
        var out: [InterviewPanelProblem] = []
        if judges.contains(where: { $0.id.isEmpty }) { out.append(.emptyJudgeId) }
        var seen = Set<String>()
        for j in judges where !j.id.isEmpty && !seen.insert(j.id).inserted { out.append(.duplicateJudge(j.id)) }
        let size = judges.count
        if size < rules.requiredSize { out.append(.tooFew(have: size, need: rules.requiredSize, smallUnit: rules.smallUnit)) }
        let familiar = judges.filter(\.familiarWithBusiness).count
        if familiar < rules.minimumFamiliarWithBusiness {
            out.append(.tooFewFamiliarWithBusiness(have: familiar, need: rules.minimumFamiliarWithBusiness))
        }
        let outside = judges.filter(\.fromOutside).count
        let needOutside = rules.minimumOutside(ofSize: size)
        if outside < needOutside { out.append(.tooFewFromOutside(have: outside, need: needOutside, share: rules.minimumOutsideShare.description)) }
        for g in rules.requiredGroups where !judges.contains(where: { $0.group == g }) { out.append(.missingGroup(g)) }
        return out
    }

    /// The composition's problems and, for each candidate, too few judges left after recusals.
    public func problems(candidates: [InterviewCandidate]) -> [InterviewPanelProblem] {
        var out = problems()
        let need = 2 * rules.trim + 1
        for c in candidates {
            let have = judges.count - recusals(for: c).count
            if have < need { out.append(.tooFewAfterRecusal(candidate: c.id, have: have, need: need)) }
        }
        return out
    }

    /// The judges who must not score `candidate`, each with every reason, in panel order.
    public func recusals(for candidate: InterviewCandidate) -> [Recusal] {
        judges.compactMap { j in
            var reasons: [RecusalReason] = []
            if j.relatedTo.contains(candidate.id) { reasons.append(.related) }
            if rules.ownUnitRecuses && !candidate.unitId.isEmpty && j.unitId == candidate.unitId { reasons.append(.sameUnit(j.unitId)) }
            return reasons.isEmpty ? nil : Recusal(judgeId: j.id, candidateId: candidate.id, reasons: reasons)
        }
    }

    /// Checks who scored whom against the panel (EXM-4, EXM-5): only panel members score; every member who does not
    /// recuse scores every candidate; nobody scores a candidate they recuse for. `scoredBy[candidateId]` is the set of
    /// judge ids who scored that candidate. Problems come by candidate (in the order given), then by judge id.
    public func scoringProblems(candidates: [InterviewCandidate], scoredBy: [String: Set<String>]) -> [InterviewPanelProblem] {
        let members = Set(judges.map(\.id))
        var out: [InterviewPanelProblem] = []
        for c in candidates {
            let scored = scoredBy[c.id] ?? []
            let recused = Set(recusals(for: c).map(\.judgeId))
            for j in scored.sorted() where !members.contains(j) { out.append(.notOnPanel(judge: j, candidate: c.id)) }
            for j in judges.map(\.id).sorted() {
                if recused.contains(j) {
                    if scored.contains(j) { out.append(.recusedJudgeScored(judge: j, candidate: c.id)) }
                } else if !scored.contains(j) {
                    out.append(.missingScore(judge: j, candidate: c.id))
                }
            }
        }
        return out
    }
}
