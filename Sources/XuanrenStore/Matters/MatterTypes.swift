import Foundation
import SelectionCore

/// The ballot sessions a matter created (BAL-1, BAL-5, BAL-6).
public struct MatterSessions: Sendable, Equatable, Codable {
    public var meeting: UUID?
    public var talk: UUID?
    public var evaluation: UUID?
    public init() {}
}

/// NOM-2: the consolidated record of all channels.
public struct Consolidation: Sendable, Equatable, Codable {
    public var on: CivilDay
    public var by: String
    public var note: String
}

/// NOM-1: one nomination of a person through a channel.
public struct Nomination: Sendable, Equatable, Codable {
    public var channel: NominationChannel
    /// The leader who recommended (organizers and supervisors only see it).
    public var recommender: String
    public var note: String
    public var by: String
    public var on: CivilDay
}

/// ELG-6: one condition checked, in words.
public struct ConditionCheck: Sendable, Equatable, Codable {
    public var passed: Bool
    public var zh: String
    public var en: String
    public func text(in l: Language) -> String { l == .zhHans ? zh : en }
}

/// The gate records kept for a person (the store's part of `GateFacts`).
public struct PersonGates: Sendable, Equatable, Codable {
    public var personalMatters: PersonalMattersCheck?
    public var integrityExam: IntegrityExam?
    public var holds: [Hold] = []
    public var overrides: [String: GateOverride] = [:]
    public var priorReport: String?
    /// INS-4 scores per item of 德能勤绩廉 (0–100), when scored.
    public var scores: [String: Int] = [:]
    public init() {}
}

/// INS-4 items.
public enum VirtueItem: String, Sendable, CaseIterable, Codable {
    case morality = "de", ability = "neng", diligence = "qin", achievement = "ji", integrity = "lian"
    public func title(in l: Language) -> String {
        switch (self, l) {
        case (.morality, .zhHans): "德"
        case (.morality, .en): "Morality"
        case (.ability, .zhHans): "能"
        case (.ability, .en): "Ability"
        case (.diligence, .zhHans): "勤"
        case (.diligence, .en): "Diligence"
        case (.achievement, .zhHans): "绩"
        case (.achievement, .en): "Achievement"
        case (.integrity, .zhHans): "廉"
        case (.integrity, .en): "Integrity"
        }
    }
}

/// Kinds of record kept on a matter (INS-3…6, SEL-6 talks, consultation). Stored strings.
public enum MatterNoteKind: String, Sendable, CaseIterable, Codable {
    /// 民主推荐 individual talks (谈话推荐): who was talked to, whom they recommended.
    case recommendationTalk = "rtalk"
    /// 考察 individual talks.
    case inspectionTalk = "talk"
    case opinionForm = "form"
    case fieldVisit = "visit"
    case documentReview = "documents"
    case candidateInterview = "interview"
    case specialInvestigation = "investigation"
    /// INS-5 opinions of other bodies.
    case bodyOpinion = "opinion"
    /// INS-6 the record per candidate.
    case materials
    /// INS-6 the comparative analysis per position.
    case comparison
    case consultation

    public func title(in l: Language) -> String {
        let zh = l == .zhHans
        switch self {
        case .recommendationTalk: return zh ? "谈话推荐记录" : "Recommendation talk"
        case .inspectionTalk: return zh ? "个别谈话" : "Individual talk"
        case .opinionForm: return zh ? "征求意见表" : "Opinion form"
        case .fieldVisit: return zh ? "实地走访" : "Field visit"
        case .documentReview: return zh ? "查阅资料" : "Document review"
        case .candidateInterview: return zh ? "与考察对象面谈" : "Interview with the candidate"
        case .specialInvestigation: return zh ? "专项调查" : "Special investigation"
        case .bodyOpinion: return zh ? "有关部门意见" : "Opinion of another body"
        case .materials: return zh ? "考察材料" : "Inspection record"
        case .comparison: return zh ? "综合比较分析" : "Comparative analysis"
        case .consultation: return zh ? "酝酿情况" : "Consultation"
        }
    }

    /// Records whose content only the team and supervisors read (talks and what people said).
    public var confidential: Bool {
        switch self {
        case .recommendationTalk, .inspectionTalk, .opinionForm, .fieldVisit, .candidateInterview, .specialInvestigation: true
        default: false
        }
    }

    /// Inspection work (INS-1: only after the notice).
    public var isInspectionWork: Bool {
        switch self {
        case .inspectionTalk, .opinionForm, .fieldVisit, .documentReview, .candidateInterview, .specialInvestigation, .materials, .comparison: true
        default: false
        }
    }
}

/// A record's content: free fields by kind (talks: who, whom they recommended, summary; opinions: body, dates …).
public struct MatterNote: Sendable, Equatable, Codable {
    public var id: UUID
    public var kind: MatterNoteKind
    public var personID: UUID?
    public var day: CivilDay
    public var by: String
    /// Labelled fields, in order.
    public var fields: [Field]
    public var opinion: BodyOpinion?
    /// Hidden from this reader (confidential content): only the kind, day and person show.
    public var withheld = false

    public struct Field: Sendable, Equatable, Codable {
        public var key: String
        public var value: String
        public init(_ key: String, _ value: String) { self.key = key; self.value = value }
    }
    public func value(_ key: String) -> String { fields.first { $0.key == key }?.value ?? "" }
}

/// Kinds of published item (DIS-1). Stored strings.
public enum MatterItemKind: String, Sendable, CaseIterable, Codable {
    case plan
    case amendment
    case recommendationResults = "recommendation"
    case inspectionNotice = "notice"
    /// PUB-1: pre-appointment publicity (任前公示), public whatever the plan's scope.
    case publicity
    /// PUB-3: the appointment result.
    case appointment

    public func title(in l: Language) -> String {
        switch (self, l) {
        case (.publicity, .zhHans): "任前公示"
        case (.publicity, .en): "Pre-appointment publicity"
        case (.appointment, .zhHans): "任职结果"
        case (.appointment, .en): "Appointment"
        case (.plan, .zhHans): "选拔任用工作方案"
        case (.plan, .en): "Selection plan"
        case (.amendment, .zhHans): "方案调整"
        case (.amendment, .en): "Plan amendment"
        case (.recommendationResults, .zhHans): "民主推荐结果"
        case (.recommendationResults, .en): "Recommendation results"
        case (.inspectionNotice, .zhHans): "考察预告"
        case (.inspectionNotice, .en): "Inspection notice"
        }
    }
}

/// One published, dated item of a matter.
public struct MatterItem: Sendable, Equatable {
    public var id: UUID
    public var matterID: UUID
    public var matterTitle: String
    public var unitName: String
    public var kind: MatterItemKind
    public var title: String
    /// Lines of text as published (label, value).
    public var lines: [MatterNote.Field]
    public var scope: DisclosureScope
    public var publishedAt: Int64
    public var ends: CivilDay?
}

public struct MatterSummary: Sendable, Equatable {
    public var id: UUID
    public var title: String
    public var unitID: UUID
    public var unitName: String
    public var phase: MatterPhase
    public var stage: StageKind?
    public var procedure: ProcedureKind
    public var updatedAt: Int64
}

/// A person in a matter as a reader sees them.
public struct MatterPerson: Sendable, Equatable {
    public var id: UUID
    public var positionID: String
    public var cadreID: UUID?
    public var name: String
    public var nominations: [Nomination]
    public var review: [ConditionCheck]?
    public var qualified: Bool?
    public var targetReason: String?
    public var withdrawn: String?
    public var gates: PersonGates
    public var gateResults: [GateResult]
    /// BAL-1 score and rank, BAL-5 verdict, BAL-6 consent, when the votes were held.
    public var recommendationScore: Double?
    public var recommendationRank: Int?
    public var doubleMajority: DoubleMajority.Line?
    public var consent: (yes: Int, total: Int)?
    /// What the gates were evaluated on.
    public var gateFacts = GateFacts()
    /// NOM-3: nominated outside the channels.
    public var flagged: Bool { nominations.contains { $0.channel.flagged } }
    public var isTarget: Bool { targetReason != nil && withdrawn == nil }

    public static func == (a: MatterPerson, b: MatterPerson) -> Bool { a.id == b.id && a.gates == b.gates && a.targetReason == b.targetReason && a.withdrawn == b.withdrawn }
}

/// What a reader may do on a matter (decided by the store from their grants and the matter's team).
public struct MatterAccess: Sendable, Equatable {
    /// Organizer of the matter's unit: plan, stages, nominations, targets, gates.
    public var manages = false
    /// On the inspection team (or managing): inspection records.
    public var inspects = false
    /// Supervisor of the unit: reads everything, sets and lifts holds.
    public var supervises = false
    /// Reads confidential records (talk contents): the team and supervisors.
    public var readsConfidential = false
    /// Sees who recommended (NOM-1): organizers and supervisors.
    public var seesRecommenders = false
}

/// A matter as one reader sees it.
public struct MatterView: Sendable {
    public var id: UUID
    public var matter: Matter
    public var unitName: String
    public var sessions: MatterSessions
    public var consolidation: Consolidation?
    public var people: [MatterPerson]
    public var team: [TeamMember]
    public var notes: [MatterNote]
    public var items: [MatterItem]
    public var facts: StageFacts
    public var waitingFor: [Refusal]
    public var access: MatterAccess
    public var createdBy: String
    public var noticeEnds: CivilDay? {
        items.first { $0.kind == .inspectionNotice }?.ends
    }
}
