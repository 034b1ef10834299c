import Foundation

/// One position a matter fills: where, which post, at which rank, how many, on which conditions
/// (the registry's `PositionConditions`, checked by its eligibility engine).
public struct MatterPosition: Sendable, Equatable, Codable, Identifiable {
    /// Short key within the matter ("p1").
    public var id: String
    public var unitID: UUID
    public var unitName: String
    public var post: String
    /// The rank (the registry's grade number, e.g. 8 = 副处).
    public var grade: Int
    public var posts: Int
    public var conditions: PositionConditions
    /// CHK-5: an exceptional (破格) or grade-skipping (越级) promotion, reported in advance.
    public var exceptional: Bool

    public init(id: String, unitID: UUID, unitName: String, post: String, grade: Int, posts: Int, conditions: PositionConditions, exceptional: Bool = false) {
        self.id = id; self.unitID = unitID; self.unitName = unitName; self.post = post; self.grade = grade; self.posts = posts
        self.conditions = conditions; self.exceptional = exceptional
    }
}

/// Every figure a plan can change (SPEC: "settings, not constants"), with the seeds' defaults. Fractions are
/// kept as integer numerator and denominator, percentages as whole numbers, points in hundredths.
public struct MatterSettings: Sendable, Equatable, Codable {
    // BAL-1 weighted recommendation
    public var weightLeaders = 40
    public var weightStaff = 30
    public var weightRepresentatives = 30
    public var pointsFirst = 100
    public var pointsSecond = 90
    public var pointsThird = 80
    public var pointsUnnamed = 60
    public var maxNamed = 3
    /// BAL-5 双过半.
    public var doubleMajority = true
    /// BAL-6 popular veto: consent below this percentage keeps a candidate from the committee.
    public var vetoPercent = 80
    /// BAL-3 turnout for a valid evaluation.
    public var evaluationTurnoutPercent = 80
    /// INS-1 days the inspection notice is published before inspection work starts.
    public var noticeDays = 5
    /// INS-2 smallest inspection team.
    public var minTeamSize = 2
    /// INS-7 pass mark of the integrity exam (of 100).
    public var integrityPassMark = 60
    /// DEC-1 quorum 4/5 (national rule 2/3).
    public var quorumNumerator = 4
    public var quorumDenominator = 5
    /// DEC-4 approval: more than 2/3 of all members.
    public var approvalNumerator = 2
    public var approvalDenominator = 3
    /// PUB-1 publicity length, in working days or calendar days.
    public var publicityDays = 5
    public var publicityInWorkingDays = true
    /// PRB-1 probation months.
    public var probationMonths = 12
    /// ELG-7 qualified applicants per post to open a position.
    public var openingRatioInternal = 3
    public var openingRatioOpen = 10
    /// SEL-3 weights: speech, democratic evaluation, party-group scores, regular assessment.
    public var weightSpeech = 20
    public var weightEvaluation = 30
    public var weightPartyGroup = 30
    public var weightAssessment = 20
    /// CHK-5: this many posts or more in one matter is a large batch, reported in advance.
    public var batchReportPosts = 5
    // Figures added after plans were first stored: kept optional so that a stored plan without them still reads (and
    // hashes) as it did; nil reads as the default.
    /// SEL-4 weights of the rating panel (两代表一委员评议) and the inspection score in the composite (the seeds give
    /// no figures: 20 and 20 beside the written exam and interview of the scoring rules).
    public var weightRatingSetting: Int?
    public var weightInspectionSetting: Int?
    /// BAL-3, SCR-1: points of each overall grade of the democratic evaluation when its score enters the composite
    /// (优秀 100, 称职 80, 基本称职 60, 不称职 0 by default; see `EvaluationCount.stageScore`).
    public var evaluationPointsSetting: [Int]?
    /// SEL-7: how many trainees the wide round sends on to the fine round (mock interviews), per position.
    public var fineRoundSetting: Int?
    public var weightRating: Int { get { weightRatingSetting ?? 20 } set { weightRatingSetting = newValue } }
    public var weightInspection: Int { get { weightInspectionSetting ?? 20 } set { weightInspectionSetting = newValue } }
    public var fineRound: Int { get { fineRoundSetting ?? 16 } set { fineRoundSetting = newValue } }
    public var evaluationPoints: [Int] { evaluationPointsSetting ?? [100, 80, 60, 0] }
    public var pointsExcellent: Int { get { evaluationPoints[0] } set { setPoints(0, newValue) } }
    public var pointsCompetent: Int { get { evaluationPoints[1] } set { setPoints(1, newValue) } }
    public var pointsBasic: Int { get { evaluationPoints[2] } set { setPoints(2, newValue) } }
    public var pointsIncompetent: Int { get { evaluationPoints[3] } set { setPoints(3, newValue) } }
    private mutating func setPoints(_ i: Int, _ v: Int) {
        var p = evaluationPoints
        p[i] = v
        evaluationPointsSetting = p
    }
    /// SEL-8 stages run 差额 (more candidates than posts).
    @SortedByRawValue public var competitiveStages: Set<StageKind> = [.democraticRecommendation, .inspection]

    public init() {}

    /// One editable figure: its form key, rule, words and allowed range.
    public struct Field {
        public var key: String
        public var rule: String
        public var zh: String
        public var en: String
        public var range: ClosedRange<Int>
        public var path: WritableKeyPath<MatterSettings, Int>
        public func label(in l: Language) -> String { l == .zhHans ? zh : en }
    }

    public static var fields: [Field] {
        [
            Field(key: "weightLeaders", rule: "BAL-1", zh: "推荐权重：领导干部（%）", en: "Recommendation weight: leaders (%)", range: 0 ... 100, path: \.weightLeaders),
            Field(key: "weightStaff", rule: "BAL-1", zh: "推荐权重：本单位干部职工（%）", en: "Recommendation weight: unit staff (%)", range: 0 ... 100, path: \.weightStaff),
            Field(key: "weightRepresentatives", rule: "BAL-1", zh: "推荐权重：两代表一委员（%）", en: "Recommendation weight: representatives (%)", range: 0 ... 100, path: \.weightRepresentatives),
            Field(key: "pointsFirst", rule: "BAL-1", zh: "第一推荐得分（百分之）", en: "Points for a first choice (hundredths)", range: 0 ... 100, path: \.pointsFirst),
            Field(key: "pointsSecond", rule: "BAL-1", zh: "第二推荐得分（百分之）", en: "Points for a second choice (hundredths)", range: 0 ... 100, path: \.pointsSecond),
            Field(key: "pointsThird", rule: "BAL-1", zh: "第三推荐得分（百分之）", en: "Points for a third choice (hundredths)", range: 0 ... 100, path: \.pointsThird),
            Field(key: "pointsUnnamed", rule: "BAL-1", zh: "未推荐得分（百分之）", en: "Points when not named (hundredths)", range: 0 ... 100, path: \.pointsUnnamed),
            Field(key: "maxNamed", rule: "BAL-1", zh: "每票最多推荐人数", en: "Names per ballot at most", range: 1 ... 9, path: \.maxNamed),
            Field(key: "vetoPercent", rule: "BAL-6", zh: "民意否决线：测评认可率低于（%）", en: "Popular veto: consent below (%)", range: 50 ... 100, path: \.vetoPercent),
            Field(key: "evaluationTurnoutPercent", rule: "BAL-3", zh: "测评有效参加率（%）", en: "Evaluation turnout needed (%)", range: 50 ... 100, path: \.evaluationTurnoutPercent),
            Field(key: "noticeDays", rule: "INS-1", zh: "考察预告公示天数", en: "Inspection notice days", range: 1 ... 30, path: \.noticeDays),
            Field(key: "minTeamSize", rule: "INS-2", zh: "考察组最少人数", en: "Smallest inspection team", range: 2 ... 20, path: \.minTeamSize),
            Field(key: "integrityPassMark", rule: "INS-7", zh: "任前廉政考试合格分", en: "Integrity exam pass mark", range: 0 ... 100, path: \.integrityPassMark),
            Field(key: "quorumNumerator", rule: "DEC-1", zh: "会议法定人数（分子）", en: "Quorum (numerator)", range: 1 ... 20, path: \.quorumNumerator),
            Field(key: "quorumDenominator", rule: "DEC-1", zh: "会议法定人数（分母）", en: "Quorum (denominator)", range: 1 ... 20, path: \.quorumDenominator),
            Field(key: "approvalNumerator", rule: "DEC-4", zh: "表决通过须超过全体成员的（分子）", en: "Approval: more than this of all members (numerator)", range: 1 ... 20, path: \.approvalNumerator),
            Field(key: "approvalDenominator", rule: "DEC-4", zh: "表决通过须超过全体成员的（分母）", en: "Approval: more than this of all members (denominator)", range: 1 ... 20, path: \.approvalDenominator),
            Field(key: "publicityDays", rule: "PUB-1", zh: "任前公示天数", en: "Publicity days", range: 1 ... 30, path: \.publicityDays),
            Field(key: "probationMonths", rule: "PRB-1", zh: "试用期（月）", en: "Probation (months)", range: 1 ... 36, path: \.probationMonths),
            Field(key: "openingRatioInternal", rule: "ELG-7", zh: "开考比例：竞争上岗（人/职位）", en: "Opening ratio, internal (per post)", range: 1 ... 50, path: \.openingRatioInternal),
            Field(key: "openingRatioOpen", rule: "ELG-7", zh: "开考比例：公开选拔（人/职位）", en: "Opening ratio, open (per post)", range: 1 ... 50, path: \.openingRatioOpen),
            Field(key: "weightSpeech", rule: "SEL-3", zh: "缺位竞岗权重：演讲（%）", en: "Vacancy weights: speech (%)", range: 0 ... 100, path: \.weightSpeech),
            Field(key: "weightEvaluation", rule: "SEL-3", zh: "缺位竞岗权重：民主测评（%）", en: "Vacancy weights: evaluation (%)", range: 0 ... 100, path: \.weightEvaluation),
            Field(key: "weightPartyGroup", rule: "SEL-3", zh: "缺位竞岗权重：党组成员评分（%）", en: "Vacancy weights: party group (%)", range: 0 ... 100, path: \.weightPartyGroup),
            Field(key: "weightAssessment", rule: "SEL-3", zh: "缺位竞岗权重：平时考核（%）", en: "Vacancy weights: assessment (%)", range: 0 ... 100, path: \.weightAssessment),
            Field(key: "weightRating", rule: "SEL-4", zh: "公推公选权重：两代表一委员评议（%）", en: "Public recommendation weights: rating panel (%)", range: 0 ... 100, path: \.weightRating),
            Field(key: "weightInspection", rule: "SEL-4", zh: "公推公选权重：考察得分（%）", en: "Public recommendation weights: inspection score (%)", range: 0 ... 100, path: \.weightInspection),
            Field(key: "pointsExcellent", rule: "BAL-3", zh: "民主测评计分：优秀（分）", en: "Evaluation points: excellent", range: 0 ... 100, path: \.pointsExcellent),
            Field(key: "pointsCompetent", rule: "BAL-3", zh: "民主测评计分：称职（分）", en: "Evaluation points: competent", range: 0 ... 100, path: \.pointsCompetent),
            Field(key: "pointsBasic", rule: "BAL-3", zh: "民主测评计分：基本称职（分）", en: "Evaluation points: basically competent", range: 0 ... 100, path: \.pointsBasic),
            Field(key: "pointsIncompetent", rule: "BAL-3", zh: "民主测评计分：不称职（分）", en: "Evaluation points: incompetent", range: 0 ... 100, path: \.pointsIncompetent),
            Field(key: "fineRound", rule: "SEL-7", zh: "训练班选拔：进入精选（模拟面试）人数", en: "Training class: trainees in the fine round", range: 1 ... 100, path: \.fineRound),
            Field(key: "batchReportPosts", rule: "CHK-5", zh: "须事前报告的批量（职位数）", en: "Posts that make a batch reported in advance", range: 1 ... 100, path: \.batchReportPosts),
        ]
    }

    /// The settings' own consistency: weights that add up, fractions that mean something.
    public func check() throws(InvalidInput) {
        var issues: [InvalidInput.Issue] = []
        func add(_ field: String, _ zh: String, _ en: String) { issues.append(.init(field: field, problem: .described(zh: zh, en: en))) }
        for f in Self.fields where !f.range.contains(self[keyPath: f.path]) {
            add(f.key, "\(f.zh)应在\(f.range.lowerBound)至\(f.range.upperBound)之间", "\(f.en) must be between \(f.range.lowerBound) and \(f.range.upperBound)")
        }
        if weightLeaders + weightStaff + weightRepresentatives != 100 {
            add("weightLeaders", "三类推荐人权重之和应为100%", "the three recommendation weights must add up to 100%")
        }
        if weightSpeech + weightEvaluation + weightPartyGroup + weightAssessment != 100 {
            add("weightSpeech", "缺位竞岗四项权重之和应为100%", "the four vacancy-competition weights must add up to 100%")
        }
        if !(pointsExcellent >= pointsCompetent && pointsCompetent >= pointsBasic && pointsBasic >= pointsIncompetent) || pointsExcellent == 0 {
            add("pointsExcellent", "民主测评各等次计分应依次不增（优秀≥称职≥基本称职≥不称职），优秀不为0", "evaluation points must not increase (excellent ≥ competent ≥ basic ≥ incompetent), excellent above 0")
        }
        if !(pointsFirst >= pointsSecond && pointsSecond >= pointsThird && pointsThird >= pointsUnnamed) {
            add("pointsFirst", "推荐得分应依次不增（第一≥第二≥第三≥未推荐）", "points must not increase (first ≥ second ≥ third ≥ unnamed)")
        }
        // DEC-1 quorum at least half and at most everyone; DEC-4 approval at least half, below everyone
        if quorumNumerator * 2 < quorumDenominator || quorumNumerator > quorumDenominator {
            add("quorumNumerator", "法定人数应在二分之一至全体之间", "the quorum must be between one half and all members")
        }
        if approvalNumerator * 2 < approvalDenominator || approvalNumerator >= approvalDenominator {
            add("approvalNumerator", "表决通过比例应不低于二分之一且低于全体", "approval must be at least one half and less than all members")
        }
        for s in competitiveStages where !s.canBeCompetitive {
            add("competitiveStages", "“\(s.title(in: .zhHans))”不适用差额", "“\(s.title(in: .en))” cannot be run competitively")
        }
        if !issues.isEmpty { throw InvalidInput(issues) }
    }

    /// SEL-8: whether `stage` is run 差额.
    public func isCompetitive(_ stage: StageKind) -> Bool { competitiveStages.contains(stage) }
}

/// The plan (方案): what a matter fills, how and with which figures (ELG-1). Frozen once published (SEL-9).
public struct MatterPlan: Sendable, Equatable, Codable {
    public var positions: [MatterPosition]
    public var procedure: Procedure
    public var settings: MatterSettings
    /// DIS-2: who sees the matter's published items.
    public var disclosure: DisclosureScope
    /// ELG-1: scope of the selection, timetable and discipline, in words.
    public var scope: String
    public var timetable: String
    public var discipline: String

    public init(positions: [MatterPosition] = [], procedure: Procedure = Procedure(.organizational), settings: MatterSettings = MatterSettings(),
                disclosure: DisclosureScope = .unit, scope: String = "", timetable: String = "", discipline: String = "") {
        self.positions = positions; self.procedure = procedure; self.settings = settings; self.disclosure = disclosure
        self.scope = scope; self.timetable = timetable; self.discipline = discipline
    }

    public var totalPosts: Int { positions.reduce(0) { $0 + $1.posts } }

    /// What a plan must hold before it is published (ELG-1).
    public func checkComplete() throws(InvalidInput) {
        var issues: [InvalidInput.Issue] = []
        if positions.isEmpty { issues.append(.init(field: "positions", problem: .described(zh: "方案至少应有一个职位", en: "the plan needs at least one position"))) }
        for p in positions {
            if p.post.trimmingCharacters(in: .whitespaces).isEmpty { issues.append(.init(field: "post", problem: .required)) }
            if p.posts < 1 || p.posts > 50 { issues.append(.init(field: "posts", problem: .described(zh: "职数应在1至50之间", en: "posts must be between 1 and 50"))) }
        }
        if Set(positions.map(\.id)).count != positions.count { issues.append(.init(field: "positions", problem: .duplicate("id"))) }
        do { try procedure.check() } catch { issues += error.issues }
        do { try settings.check() } catch { issues += error.issues }
        if !issues.isEmpty { throw InvalidInput(issues) }
    }

    /// The parts of two plans that differ, named in words (what an amendment changed).
    public func differences(from old: MatterPlan, in l: Language) -> [String] {
        let zh = l == .zhHans
        var out: [String] = []
        if positions != old.positions { out.append(zh ? "职位、职数或任职条件" : "positions, posts or conditions") }
        if procedure != old.procedure { out.append(zh ? "选拔程序" : "procedure") }
        for f in MatterSettings.fields where settings[keyPath: f.path] != old.settings[keyPath: f.path] {
            out.append("\(f.label(in: l))" + (zh ? "：" : ": ") + "\(old.settings[keyPath: f.path]) → \(settings[keyPath: f.path])")
        }
        if settings.competitiveStages != old.settings.competitiveStages { out.append(zh ? "差额环节" : "competitive stages") }
        if settings.doubleMajority != old.settings.doubleMajority { out.append(zh ? "双过半要求" : "double majority") }
        if settings.publicityInWorkingDays != old.settings.publicityInWorkingDays { out.append(zh ? "公示天数计算方式" : "how publicity days are counted") }
        if disclosure != old.disclosure { out.append(zh ? "公开范围" : "disclosure scope") }
        if scope != old.scope || timetable != old.timetable || discipline != old.discipline { out.append(zh ? "选拔范围、时间安排或纪律要求" : "scope, timetable or discipline") }
        return out
    }
}

/// A set encoded as an array sorted by its elements' raw values, so that the same plan always gives the same JSON —
/// and the same SHA-256 in the ledger (`plan_sha256`), which a checker can recompute from the published plan.
@propertyWrapper
public struct SortedByRawValue<Element: Hashable & Codable & Sendable & RawRepresentable>: Codable, Sendable, Hashable where Element.RawValue == String {
    public var wrappedValue: Set<Element>
    public init(wrappedValue: Set<Element>) { self.wrappedValue = wrappedValue }
    public init(from decoder: any Decoder) throws { wrappedValue = Set(try decoder.singleValueContainer().decode([Element].self)) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(wrappedValue.sorted { $0.rawValue < $1.rawValue })
    }
}
