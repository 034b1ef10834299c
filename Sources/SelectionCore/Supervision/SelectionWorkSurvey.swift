/// SUR-2: the democratic evaluation (民主测评) of a unit's selection work during a check [002 篇2]: overall
/// satisfaction, whether each of the 11 problem kinds occurred, an opinion of each stage, suggestions — and the
/// appraisal of each newly promoted leader. The survey is a description; its counted items become ballot lines:
/// the satisfaction items are the lines of an approval box with the satisfaction answers (BAL-7: satisfied / basic /
/// dissatisfied / unknown), the problem kinds the lines of an approval box with the approval answers (yes = occurred,
/// no = did not, abstain = 不了解). An item's `id` is the line's id and `question(in:)` its text.

/// 满意 / 基本满意 / 不满意 / 不了解. The raw values are the BAL-7 ballot answers.
public enum SatisfactionAnswer: String, Sendable, CaseIterable, Codable {
    case satisfied, basic, dissatisfied, unknown

    public func title(in l: Language) -> String {
        switch (self, l) {
        case (.satisfied, .zhHans): "满意"
        case (.satisfied, .en): "satisfied"
        case (.basic, .zhHans): "基本满意"
        case (.basic, .en): "basically satisfied"
        case (.dissatisfied, .zhHans): "不满意"
        case (.dissatisfied, .en): "dissatisfied"
        case (.unknown, .zhHans): "不了解"
        case (.unknown, .en): "don't know"
        }
    }
}

/// 存在 / 不存在 / 不了解, for a problem kind. The raw values are the approval ballot's answers.
public enum OccurrenceAnswer: String, Sendable, CaseIterable, Codable {
    case occurred = "yes", notOccurred = "no", unknown = "abstain"

    public func title(in l: Language) -> String {
        switch (self, l) {
        case (.occurred, .zhHans): "存在"
        case (.occurred, .en): "occurred"
        case (.notOccurred, .zhHans): "不存在"
        case (.notOccurred, .en): "did not occur"
        case (.unknown, .zhHans): "不了解"
        case (.unknown, .en): "don't know"
        }
    }
}

/// The answers to one satisfaction item (or one appraisal line): a row of the BAL-7 tally.
public struct SatisfactionCounts: Sendable, Equatable, Codable {
    public var satisfied: Int, basic: Int, dissatisfied: Int, unknown: Int
    public init(satisfied: Int = 0, basic: Int = 0, dissatisfied: Int = 0, unknown: Int = 0) {
        self.satisfied = satisfied; self.basic = basic; self.dissatisfied = dissatisfied; self.unknown = unknown
    }
    /// Every answer, 不了解 included: the base of the shares (as the tally's `valid`).
    public var total: Int { satisfied + basic + dissatisfied + unknown }
    /// The answers with an opinion: the base of the satisfaction index (SUR-3).
    public var answered: Int { satisfied + basic + dissatisfied }
    var isValid: Bool { satisfied >= 0 && basic >= 0 && dissatisfied >= 0 && unknown >= 0 }
}

public struct OccurrenceCounts: Sendable, Equatable, Codable {
    public var occurred: Int, notOccurred: Int, unknown: Int
    public init(occurred: Int = 0, notOccurred: Int = 0, unknown: Int = 0) {
        self.occurred = occurred; self.notOccurred = notOccurred; self.unknown = unknown
    }
    public var total: Int { occurred + notOccurred + unknown }
}

/// The 11 kinds of problem asked about in SUR-2. Seed 002 says “是否存在跑官要官等11个方面的问题” and names only the
/// first; the others are taken from the seeds where they name them, and completed from the 2014 条例's discipline
/// list (“十不准”) and the national democratic evaluation form (民主评议表). The source of each is on its case.
/// A survey may ask a subset (`SelectionWorkSurvey.problems`). Stored strings: never change a raw value.
public enum SelectionWorkProblem: String, Sendable, CaseIterable, Codable {
    /// 跑官要官 — seed 002 (named in SUR-2's sentence), also 003.
    case seekingOffice
    /// 买官卖官 — seeds 000, 003, 004 (a CAS-4 priority category).
    case buyingSellingPosts
    /// 拉票贿选 — seeds 000, 003, 004 (CAS-4).
    case canvassing
    /// 带病提拔 — seeds 000, 004 (CAS-4).
    case promotedUnderCloud
    /// 突击提拔调整干部 — seeds 000, 004 (CAS-4).
    case rushPromotions
    /// 个人说了算 — seeds 000, 004 (CHK-3).
    case oneManDecides
    /// 超职数配备干部 — seed 002 (CHK-2).
    case beyondPostCount
    /// 任人唯亲 — not in the seeds: 2014 条例 “十不准” and the 民主评议表.
    case cronyism
    /// 说情打招呼 — not in the seeds: the 民主评议表 (“跑官要官、说情打招呼”).
    case lobbying
    /// 执行资格条件和程序不严格 — not in the seeds: the 民主评议表 (“执行《干部任用条例》规定的资格、条件和程序不严格”).
    case laxQualificationsOrProcedure
    /// 篡改伪造干部档案、弄虚作假 — not in the seeds: 2014 条例 “十不准” (篡改、伪造干部人事档案).
    case falsifiedFiles

    public func title(in l: Language) -> String {
        let zh = l == .zhHans
        switch self {
        case .seekingOffice: return zh ? "跑官要官" : "seeking office by lobbying for it"
        case .buyingSellingPosts: return zh ? "买官卖官" : "buying and selling posts"
        case .canvassing: return zh ? "拉票贿选" : "canvassing and vote-buying"
        case .promotedUnderCloud: return zh ? "带病提拔" : "promotion while under a cloud"
        case .rushPromotions: return zh ? "突击提拔调整干部" : "rush promotions and transfers"
        case .oneManDecides: return zh ? "用人上个人说了算" : "one person deciding appointments"
        case .beyondPostCount: return zh ? "超职数配备干部" : "appointments beyond the post count"
        case .cronyism: return zh ? "任人唯亲" : "cronyism"
        case .lobbying: return zh ? "说情打招呼" : "pleading and putting in a word"
        case .laxQualificationsOrProcedure: return zh ? "执行资格条件和程序不严格" : "qualifications and procedure not strictly applied"
        case .falsifiedFiles: return zh ? "篡改伪造干部档案、弄虚作假" : "falsified personnel files or records"
        }
    }
}

/// How an item is answered.
public enum SurveyScale: String, Sendable, Codable {
    case satisfaction, occurrence, freeText

    /// The ballot answers, in the tally's order (none for free text).
    public var answers: [String] {
        switch self {
        case .satisfaction: SatisfactionAnswer.allCases.map(\.rawValue)
        case .occurrence: OccurrenceAnswer.allCases.map(\.rawValue)
        case .freeText: []
        }
    }

    public func answerTitles(in l: Language) -> [String] {
        switch self {
        case .satisfaction: SatisfactionAnswer.allCases.map { $0.title(in: l) }
        case .occurrence: OccurrenceAnswer.allCases.map { $0.title(in: l) }
        case .freeText: []
        }
    }
}

/// One question of the survey.
public struct SurveyItem: Sendable, Equatable, Hashable {
    public enum Subject: Sendable, Equatable, Hashable {
        case overall
        case problem(SelectionWorkProblem)
        case stage(StageKind)
        case cadre(SelectionWorkSurvey.Cadre)
        case suggestions
    }
    public var subject: Subject
    public init(_ subject: Subject) { self.subject = subject }

    /// Stable id, the ballot line's id: `overall`, `problem.seekingOffice`, `stage.recommendation`, `cadre.<id>`, `suggestions`.
    public var id: String {
        switch subject {
        case .overall: "overall"
        case .problem(let p): "problem." + p.rawValue
        case .stage(let s): "stage." + s.rawValue
        case .cadre(let c): "cadre." + c.id
        case .suggestions: "suggestions"
        }
    }

    public var scale: SurveyScale {
        switch subject {
        case .overall, .stage, .cadre: .satisfaction
        case .problem: .occurrence
        case .suggestions: .freeText
        }
    }

    public func question(in l: Language) -> String {
        let zh = l == .zhHans
        switch subject {
        case .overall: return zh ? "对本地本单位干部选拔任用工作的总体评价" : "Overall opinion of the selection and appointment work of this locality or unit"
        case .problem(let p): return zh ? "是否存在“\(p.title(in: l))”的问题" : "Did “\(p.title(in: l))” occur?"
        case .stage(let s): return zh ? "对“\(s.title(in: l))”环节的评价" : "Opinion of the stage “\(s.title(in: l))”"
        case .cadre(let c):
            let post = c.post.isEmpty ? "" : (zh ? "（\(c.post)）" : " (\(c.post))")
            return zh ? "对新提拔干部\(c.name)\(post)是否满意" : "Satisfied with the newly promoted \(c.name)\(post)?"
        case .suggestions: return zh ? "对本地本单位干部选拔任用工作的意见和建议" : "Comments and suggestions on the selection work"
        }
    }
}

/// SUR-2: the survey of one check: which problem kinds and stages it asks about, and the newly promoted cadres.
public struct SelectionWorkSurvey: Sendable, Equatable {
    public struct Cadre: Sendable, Equatable, Hashable {
        public var id: String, name: String, post: String
        public init(id: String, name: String, post: String = "") { self.id = id; self.name = name; self.post = post }
    }

    /// The stages of the 2014 条例's chapters (动议, 民主推荐, 考察, 讨论决定, 任职); seed 002 names 民主推荐.
    public static let defaultStages: [StageKind] = [.initialNomination, .democraticRecommendation, .inspection, .committeeDecision, .appointment]

    public var problems: [SelectionWorkProblem]
    public var stages: [StageKind]
    public var cadres: [Cadre]

    public init(cadres: [Cadre], problems: [SelectionWorkProblem] = SelectionWorkProblem.allCases, stages: [StageKind] = defaultStages) throws(InvalidInput) {
        var seen = Set<String>()
        for c in cadres {
            if c.id.isEmpty || c.name.isEmpty { throw InvalidInput(field: "cadres", .required) }
            if !seen.insert(c.id).inserted { throw InvalidInput(field: "cadres", .duplicate(c.id)) }
        }
        if Set(problems).count != problems.count { throw InvalidInput(field: "problems", .duplicate(problems.map(\.rawValue).joined(separator: ","))) }
        if Set(stages).count != stages.count { throw InvalidInput(field: "stages", .duplicate(stages.map(\.rawValue).joined(separator: ","))) }
        self.cadres = cadres; self.problems = problems; self.stages = stages
    }

    /// Every question in ballot order: overall, each problem kind, each stage, suggestions, then each cadre.
    public var items: [SurveyItem] {
        [SurveyItem(.overall)] + problems.map { SurveyItem(.problem($0)) } + stages.map { SurveyItem(.stage($0)) }
            + [SurveyItem(.suggestions)] + cadres.map { SurveyItem(.cadre($0)) }
    }

    /// The lines of the ballot box that asks the items of `scale` (`.satisfaction`: a BAL-7 box with the satisfaction
    /// answers; `.occurrence`: an approval box), the question as the line's name.
    public func ballotCandidates(_ scale: SurveyScale, in l: Language) -> [Candidate] {
        items.filter { $0.scale == scale }.map { Candidate(id: $0.id, name: $0.question(in: l)) }
    }
}
