/// The kinds of stage a selection matter's procedure is made of (SEL-1…7). A procedure is a sequence of these,
/// kept as data (`Procedure`); the rules that let a matter leave or enter a stage are in `StageGuards`.
/// Stored strings: never change one.
public enum StageKind: String, Sendable, CaseIterable, Codable, Hashable {
    /// 动议 / 初始提名: the nominations of NOM-1, consolidated (NOM-2).
    case initialNomination = "nomination"
    case registration
    case qualificationReview = "qualification"
    case writtenExam = "exam"
    case interview
    case compositeScore = "composite"
    /// 民主推荐: a meeting vote and a talk recommendation (BAL-1, BAL-5).
    case democraticRecommendation = "recommendation"
    case democraticEvaluation = "evaluation"
    /// 公推直选 (SEL-5): all staff vote for anyone meeting the conditions.
    case directElection = "election"
    /// 酝酿.
    case consultation
    case inspection
    case committeeDecision = "decision"
    case publicity
    case appointment
    case probation

    public func title(in l: Language) -> String {
        let zh = l == .zhHans
        switch self {
        case .initialNomination: return zh ? "动议和初始提名" : "Motion and initial nomination"
        case .registration: return zh ? "报名" : "Registration"
        case .qualificationReview: return zh ? "资格审查" : "Qualification review"
        case .writtenExam: return zh ? "笔试" : "Written exam"
        case .interview: return zh ? "面试" : "Interview"
        case .compositeScore: return zh ? "综合成绩" : "Composite score"
        case .democraticRecommendation: return zh ? "民主推荐" : "Democratic recommendation"
        case .democraticEvaluation: return zh ? "民主测评" : "Democratic evaluation"
        case .directElection: return zh ? "公推直选投票" : "Direct election"
        case .consultation: return zh ? "酝酿" : "Consultation"
        case .inspection: return zh ? "考察" : "Inspection"
        case .committeeDecision: return zh ? "讨论决定" : "Committee decision"
        case .publicity: return zh ? "任前公示" : "Pre-appointment publicity"
        case .appointment: return zh ? "任职" : "Appointment"
        case .probation: return zh ? "试用期" : "Probation"
        }
    }

    /// Whether the stage may be run 差额 (more candidates than posts, SEL-8).
    public var canBeCompetitive: Bool {
        switch self {
        case .initialNomination, .democraticRecommendation, .consultation, .inspection, .committeeDecision: true
        default: false
        }
    }

    /// Stages whose work this release does not yet carry in its own pages: until then the organizer records their
    /// outcome with a document reference. (The competitive stages have theirs: registration to the composite.)
    public var recordedByHand: Bool {
        switch self {
        case .directElection: true
        default: false
        }
    }
}

/// The seven procedures of SEL-1…7, plus a custom sequence.
public enum ProcedureKind: String, Sendable, CaseIterable, Codable {
    case organizational       // SEL-6 组织选拔
    case openSelection = "open"          // SEL-1 公开选拔
    case internalCompetition = "internal" // SEL-2 竞争上岗
    case vacancyCompetition = "vacancy"   // SEL-3 缺位竞岗
    case publicRecommendation = "recommended" // SEL-4 公推公选
    case directElection = "direct"        // SEL-5 公推直选
    case trainingClass = "training"       // SEL-7 训练班选拔
    case custom

    public var rule: String {
        switch self {
        case .openSelection: "SEL-1"
        case .internalCompetition: "SEL-2"
        case .vacancyCompetition: "SEL-3"
        case .publicRecommendation: "SEL-4"
        case .directElection: "SEL-5"
        case .organizational: "SEL-6"
        case .trainingClass: "SEL-7"
        case .custom: "SEL-2"
        }
    }

    public func title(in l: Language) -> String {
        let zh = l == .zhHans
        switch self {
        case .organizational: return zh ? "组织选拔" : "Organizational selection"
        case .openSelection: return zh ? "公开选拔" : "Open selection"
        case .internalCompetition: return zh ? "竞争上岗" : "Internal competition"
        case .vacancyCompetition: return zh ? "缺位竞岗" : "Vacancy competition"
        case .publicRecommendation: return zh ? "公推公选" : "Public recommendation and selection"
        case .directElection: return zh ? "公推直选" : "Direct election"
        case .trainingClass: return zh ? "训练班选拔" : "Selection through a training class"
        case .custom: return zh ? "自定义程序" : "Custom procedure"
        }
    }

    /// The seeds' stage order for each template.
    public var stages: [StageKind] {
        switch self {
        case .organizational:
            [.initialNomination, .democraticRecommendation, .inspection, .committeeDecision, .publicity, .appointment, .probation]
        case .openSelection:
            [.registration, .qualificationReview, .writtenExam, .interview, .compositeScore, .inspection, .committeeDecision, .publicity, .appointment, .probation]
        case .internalCompetition:
            [.registration, .qualificationReview, .writtenExam, .interview, .democraticRecommendation, .inspection, .committeeDecision, .publicity, .appointment, .probation]
        case .vacancyCompetition:
            [.registration, .qualificationReview, .interview, .democraticEvaluation, .compositeScore, .inspection, .committeeDecision, .publicity, .appointment, .probation]
        case .publicRecommendation:
            [.registration, .qualificationReview, .writtenExam, .interview, .compositeScore, .inspection, .committeeDecision, .publicity, .appointment, .probation]
        case .directElection:
            [.qualificationReview, .directElection, .inspection, .committeeDecision, .publicity, .appointment, .probation]
        case .trainingClass:
            [.registration, .qualificationReview, .writtenExam, .interview, .initialNomination, .democraticRecommendation, .inspection, .committeeDecision, .publicity, .appointment, .probation]
        case .custom:
            ProcedureKind.organizational.stages
        }
    }
}

/// A matter's procedure: a template's stages, or a custom sequence checked against the order rules.
public struct Procedure: Sendable, Equatable, Codable {
    public var kind: ProcedureKind
    public var stages: [StageKind]

    public init(_ kind: ProcedureKind) { self.kind = kind; stages = kind.stages }

    /// SUR-4: a competitive selection (竞争性选拔): every procedure but 组织选拔, and a custom one with a written exam or
    /// an interview.
    public var isCompetitive: Bool {
        switch kind {
        case .organizational: false
        case .custom: stages.contains(.writtenExam) || stages.contains(.interview)
        default: true
        }
    }

    /// A custom sequence (SEL-2: the order of exams, interviews and ballots may change), or a template's own
    /// stages; refused in words when the order breaks a rule below.
    public static func custom(_ stages: [StageKind]) throws(InvalidInput) -> Procedure {
        var p = Procedure(.custom)
        p.stages = stages
        try p.check()
        return p
    }

    /// Stages that every procedure has, in this order, at its end.
    static let required: [StageKind] = [.inspection, .committeeDecision, .publicity, .appointment]
    /// Pairs (a, b): when both are present, a comes before b.
    static let order: [(StageKind, StageKind)] = [
        (.registration, .qualificationReview), (.qualificationReview, .writtenExam), (.qualificationReview, .interview),
        (.qualificationReview, .democraticRecommendation), (.qualificationReview, .democraticEvaluation),
        (.qualificationReview, .compositeScore), (.qualificationReview, .directElection), (.registration, .initialNomination),
        (.writtenExam, .compositeScore), (.interview, .compositeScore), (.democraticEvaluation, .compositeScore),
        (.initialNomination, .democraticRecommendation), (.democraticRecommendation, .consultation),
        (.consultation, .inspection), (.compositeScore, .inspection), (.democraticRecommendation, .inspection),
        (.democraticEvaluation, .inspection), (.directElection, .inspection), (.initialNomination, .inspection),
        (.registration, .inspection), (.qualificationReview, .inspection), (.writtenExam, .inspection), (.interview, .inspection),
        (.inspection, .committeeDecision), (.committeeDecision, .publicity), (.publicity, .appointment), (.appointment, .probation),
    ]

    public func check() throws(InvalidInput) {
        var seen = Set<StageKind>()
        for s in stages where !seen.insert(s).inserted {
            throw InvalidInput(field: "stages", .described(zh: "“\(s.title(in: .zhHans))”重复出现", en: "“\(s.title(in: .en))” appears twice"))
        }
        for r in Self.required where !seen.contains(r) {
            throw InvalidInput(field: "stages", .described(zh: "程序必须包含“\(r.title(in: .zhHans))”", en: "the procedure must include “\(r.title(in: .en))”"))
        }
        let sources: Set<StageKind> = [.initialNomination, .registration, .directElection, .qualificationReview]
        if seen.isDisjoint(with: sources) {
            throw InvalidInput(field: "stages", .described(zh: "程序须有产生人选的环节（动议提名、报名或直选）", en: "the procedure needs a stage that produces candidates (nomination, registration or direct election)"))
        }
        if seen.contains(.compositeScore), seen.isDisjoint(with: [.writtenExam, .interview, .democraticEvaluation]) {
            throw InvalidInput(field: "stages", .described(zh: "综合成绩之前须有笔试、面试或民主测评", en: "a composite score needs an exam, an interview or an evaluation before it"))
        }
        let index = Dictionary(uniqueKeysWithValues: stages.enumerated().map { ($1, $0) })
        for (a, b) in Self.order {
            if let i = index[a], let j = index[b], i > j {
                throw InvalidInput(field: "stages", .described(
                    zh: "“\(a.title(in: .zhHans))”应在“\(b.title(in: .zhHans))”之前", en: "“\(a.title(in: .en))” must come before “\(b.title(in: .en))”"))
            }
        }
    }
}
