import FluentKit
import Foundation
import SelectionCore

/// What the composite's fed stages give each applicant of a matter (SCR-1, SEL-3, SEL-4, BAL-3, BAL-6): the closed
/// evaluation's grades and the organizer's entries, read once per sheet.
struct FedScores: Sendable {
    var stages: [FedStage]
    /// BAL-3 grades by applicant (missing: not evaluated); nil when the matter has no evaluation stage.
    var evaluation: [UUID: EvaluationCount]?
    /// Why the evaluation gives no score at all (not held, not closed, void), in words.
    var evaluationMissing: String?
    /// Entered stage scores by applicant and stage id, ten-thousandths out of 100.
    var entered: [UUID: [String: Int64]]
}

/// One entered stage score as the organizers' page lists it.
public struct StageScoreEntry: Sendable, Equatable {
    public var applicant: UUID
    public var stage: FedStage
    public var score: Int64
    public var reference: String
    public var by: String
    public var at: Int64
}

extension Store {
    /// SCR-1, SEL-3, SEL-4: an organizer of the matter enters one applicant's score of a stage the interview panel does
    /// not score (party-group members' scores, regular assessment, the rating panel, the inspection score), out of
    /// 100, with the reference of the signed paper it comes from. Locked on entry: a score once entered never changes
    /// (a correction needs the plan's amendment route, SEL-9). Refused once the composite has drawn the candidates.
    public func enterStageScore(_ matterID: UUID, applicant: UUID, stage: FedStage, score: Int64, reference raw: String, by user: ActingUser) async throws {
        let reference = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        var issues: [InvalidInput.Issue] = []
        if !stage.entered { issues.append(.init(field: "stage", problem: .described(zh: "民主测评得分来自测评计票，不能录入", en: "the evaluation's score comes from its count and is not entered"))) }
        if score < 0 || score > Int64(FedStage.max) * 10_000 { issues.append(.init(field: "score", problem: .described(zh: "分数应在0至\(FedStage.max)之间", en: "between 0 and \(FedStage.max)"))) }
        if reference.isEmpty { issues.append(.init(field: "reference", problem: .required)) }
        if reference.count > 200 { issues.append(.init(field: "reference", problem: .tooLong(max: 200))) }
        if !issues.isEmpty { throw InvalidInput(issues) }
        let now = nowSeconds
        try await write { tx in
            let (_, matter, _) = try await Self.loadMatter(matterID, user, tx.db) { $0.manages }
            guard CompositePlan.fed(matter.plan.procedure).contains(stage) else {
                throw InvalidInput(field: "stage", .described(zh: "本事项的综合成绩不含“\(stage.title(in: .zhHans))”", en: "this matter's composite has no “\(stage.title(in: .en))”"))
            }
            try matter.require(.interview, .democraticEvaluation, .compositeScore)
            let c = try await Self.loadCompetition(matterID, tx.db).1
            guard let a = try await ApplicantRecord.find(applicant, on: tx.db), a.matterID == matterID, a.withdrawn == false, a.isQualified == true else {
                throw InvalidInput(field: "applicant", .notFound(applicant.uuidString))
            }
            if c.isDrawn(a.positionID, at: .compositeScore) {
                throw InvalidInput(field: "applicant", .described(zh: "已按综合成绩确定人选，得分不能再录入", en: "the candidates are drawn; no score is entered any more"))
            }
            if try await StageScoreRecord.query(on: tx.db).filter(\.$applicantID == applicant).filter(\.$stage == stage.rawValue).first() != nil {
                throw InvalidInput(field: "score", .described(zh: "“\(stage.title(in: .zhHans))”已录入并锁定，不能修改", en: "“\(stage.title(in: .en))” is already entered and locked"))
            }
            let r = StageScoreRecord()
            r.id = UUID(); r.matterID = matterID; r.positionID = a.positionID; r.applicantID = applicant; r.stage = stage.rawValue
            r.score = score; r.reference = reference; r.enteredBy = user.name; r.createdAt = now
            try await r.create(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.stageScore, subjectType: "matter", subjectID: matterID.uuidString,
                                            payload: ["applicant": .string(applicant.uuidString), "stage": .string(stage.rawValue), "score": .int(score),
                                                      "reference": .string(reference)]))
        }
    }

    /// The entered stage scores of a matter (organizers and supervisors), in the order entered.
    public func stageScores(_ matterID: UUID, by user: ActingUser) async throws -> [StageScoreEntry] {
        _ = try await Self.loadMatter(matterID, user, db) { $0.manages || $0.supervises }
        return try await StageScoreRecord.query(on: db).filter(\.$matterID == matterID).sort(\.$createdAt).all().compactMap { r in
            FedStage(rawValue: r.stage).map { StageScoreEntry(applicant: r.applicantID, stage: $0, score: r.score, reference: r.reference, by: r.enteredBy, at: r.createdAt) }
        }
    }

    /// The fed stages' inputs of a matter that has reached its composite stage: the evaluation session's grades of
    /// each applicant (through the matter's person of the same position), and the entered scores.
    func fedScores(_ matterID: UUID, _ matter: Matter, _ applicants: [ApplicantRecord], _ db: any Database) async throws -> FedScores? {
        let stages = CompositePlan.fed(matter.plan.procedure)
        guard !stages.isEmpty, let at = matter.stages.firstIndex(where: { $0.kind == .compositeScore }), matter.stages[at].started != nil else { return nil }
        var out = FedScores(stages: stages, evaluation: nil, evaluationMissing: nil, entered: [:])
        for r in try await StageScoreRecord.query(on: db).filter(\.$matterID == matterID).all() { out.entered[r.applicantID, default: [:]][r.stage] = r.score }
        guard stages.contains(.evaluation), let rec = try await MatterRowSQL.load(matterID, db) else { return out }
        let sessions = try Self.decode(MatterSessions.self, rec.sessions)
        guard let sid = sessions.evaluation, let (box, result) = try await using(db).closedBox(sid) else {
            out.evaluationMissing = "民主测评尚未计票（BAL-3）"
            return out
        }
        if let why = result.voidReason {
            out.evaluationMissing = why.words(in: .zhHans, kind: .evaluation) + "（BAL-3）"
            return out
        }
        var byName: [String: EvaluationCount] = [:]
        if case .evaluation(let rows) = result.rows {
            for r in rows {
                guard let name = box.candidates.first(where: { $0.id == r.candidate })?.name else { continue }
                byName[name] = EvaluationCount(excellent: r.excellent, competent: r.competent, basic: r.basic, incompetent: r.incompetent)
            }
        }
        let people = try await MatterPersonRecord.query(on: db).filter(\.$matterID == matterID).all().filter { $0.withdrawn == nil }
        var map: [UUID: EvaluationCount] = [:]
        for a in applicants {
            guard let p = people.first(where: { $0.positionID == a.positionID && ($0.cadreID != nil ? $0.cadreID == a.cadreID : $0.name == a.name) }),
                  let count = byName[p.name] else { continue }
            map[a.id!] = count
        }
        out.evaluation = map
        return out
    }

    /// BAL-5, BAL-6, BAL-3: why each excluded applicant of the matter's sheets is listed and not ranked, by sheet id
    /// (organizers and supervisors; the public list says only that they are not ranked).
    public func scoreExclusions(_ matterID: UUID, by user: ActingUser) async throws -> [String: String] {
        let (_, matter, _) = try await Self.loadMatter(matterID, user, db) { $0.manages || $0.supervises }
        let c = try await Self.loadCompetition(matterID, db).1
        var out: [String: String] = [:]
        for (_, sheet) in try await sheets(matterID, matter, c, names: false, db) {
            for a in sheet.applicants { if let why = a.excluded { out[a.id] = why } }
        }
        return out
    }

    /// SCR-1: the entries a position still waits for before its composite can be computed, in words
    /// ("党组成员评分：张三、李四"); empty when complete.
    static func missingEntries(_ sheet: ScoreSheet, fed: FedScores?) -> [String] {
        guard let fed else { return [] }
        var out: [String] = []
        for stage in fed.stages where stage.entered {
            let waiting = sheet.applicants.filter { a in a.excluded == nil && !a.scores.contains { $0.stage == stage.id } }
            if !waiting.isEmpty { out.append("\(stage.title(in: .zhHans))：" + waiting.map { $0.name.isEmpty ? $0.id : $0.name }.joined(separator: "、")) }
        }
        return out
    }
}
