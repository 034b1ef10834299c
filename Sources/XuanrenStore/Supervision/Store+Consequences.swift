import FluentKit
import Foundation
import SelectionCore

final class ConsequenceProposalRecord: Model, @unchecked Sendable {
    static let schema = "consequence_proposals"
    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "rule") var rule: String
    @Field(key: "action") var action: String
    @Field(key: "subject") var subject: String
    @OptionalField(key: "session_id") var sessionID: UUID?
    @Field(key: "evidence_zh") var evidenceZh: String
    @Field(key: "evidence_en") var evidenceEn: String
    @Field(key: "proposed_by") var proposedBy: String
    @Field(key: "proposed_on") var proposedOn: String
    init() {}
}

/// A consequence the ballots call for (ASM-2, ASM-3), found in a closed session, and whether it was proposed.
public struct ConsequenceFinding: Sendable {
    public var proposal: ConsequenceProposal
    public var session: UUID
    public var sessionTitle: String
    public var unitID: UUID
    public var unitName: String
    /// The day it was put to the committee, and by whom (ASM-5), when it was.
    public var proposed: (on: String, by: String)?
}

extension Store {
    /// ASM-2, ASM-3: what the closed ballot sessions of the units `user` organizes or supervises call for — an
    /// evaluation's 基本称职 + 不称职 ≥ 30% (ASM-2), a satisfaction appraisal's 不满意 > 1/3 or > 1/2 (ASM-3; the
    /// 一报告两评议 rounds' sessions are left out: their cadres are newly promoted, not appraised officials).
    /// Found, never acted on: each becomes a proposal only when someone puts it to the committee (ASM-5).
    public func consequenceFindings(by user: ActingUser) async throws -> [ConsequenceFinding] {
        let tree = try await Self.unitTree(on: db)
        let names = Dictionary(uniqueKeysWithValues: tree.units.map { ($0.id, $0.name) })
        let rounds = try await SurveyRoundRecord.query(on: db).all()
        let roundSessions = Set(rounds.flatMap { [$0.satisfactionSession, $0.occurrenceSession].compactMap { $0 } })
        let proposed = try await ConsequenceProposalRecord.query(on: db).all()
        var out: [ConsequenceFinding] = []
        for s in try await BallotSessionRecord.query(on: db).filter(\.$status == BallotSessionStatus.closed.rawValue).sort(\.$title).all() {
            guard let id = s.id, !roundSessions.contains(id), user.isSystem || tree.permits(user, [.organizer, .supervisor], on: s.unitID) else { continue }
            // a void vote (below its turnout or quorum) calls for nothing
            guard s.kind == BallotKind.evaluation.rawValue || s.kind == BallotKind.approval.rawValue, let (box, result) = try await closedBox(id), result.voidReason == nil else { continue }
            // the year of the appraisal: the day its session closed is not kept on the row; the ledger has it
            let year = today.year
            var found: [ConsequenceProposal] = []
            switch result.rows {
            case .evaluation(let rows):
                for r in rows {
                    let name = box.candidates.first { $0.id == r.candidate }?.name ?? r.candidate
                    if let p = try Consequences.popularEvaluation(EvaluationCounts(session: s.title, cadre: name, excellent: r.excellent, competent: r.competent,
                                                                                   basic: r.basic, incompetent: r.incompetent, valid: result.valid)) { found.append(p) }
                }
            case .satisfaction(let rows):
                for r in rows {
                    let name = box.candidates.first { $0.id == r.candidate }?.name ?? r.candidate
                    if let p = try Consequences.supervisionAppraisal(AppraisalCounts(session: s.title, official: name, year: year,
                                                                                     answers: SatisfactionCounts(satisfied: r.satisfied, basic: r.basic, dissatisfied: r.dissatisfied, unknown: r.unknown))) { found.append(p) }
                }
            default: break
            }
            for p in found {
                let done = proposed.first { $0.sessionID == id && $0.subject == p.subject && $0.rule == p.rule }
                out.append(ConsequenceFinding(proposal: p, session: id, sessionTitle: s.title, unitID: s.unitID, unitName: names[s.unitID] ?? "",
                                              proposed: done.map { ($0.proposedOn, $0.proposedBy) }))
            }
        }
        return out
    }

    /// ASM-5: puts a finding to the committee as a proposal with its evidence (an organizer or supervisor of the unit),
    /// recorded in the ledger. Proposing changes nobody's post: the committee decides, through a selection matter.
    public func proposeConsequence(session: UUID, subject: String, rule: String, by user: ActingUser) async throws {
        guard let f = try await consequenceFindings(by: user).first(where: { $0.session == session && $0.proposal.subject == subject && $0.proposal.rule == rule }) else {
            throw InvalidInput(field: "subject", .notFound(subject))
        }
        if f.proposed != nil { throw InvalidInput(field: "subject", .duplicate(subject)) }
        let day = today
        try await write { tx in
            let tree = try await Self.unitTree(on: tx.db)
            if !user.isSystem && !tree.permits(user, [.organizer, .supervisor], on: f.unitID) { throw NotPermitted() }
            let r = ConsequenceProposalRecord()
            r.id = UUID(); r.unitID = f.unitID; r.rule = f.proposal.rule; r.action = f.proposal.action.rawValue; r.subject = f.proposal.subject
            r.sessionID = session; r.evidenceZh = f.proposal.zh; r.evidenceEn = f.proposal.en; r.proposedBy = user.name; r.proposedOn = day.description
            try await r.create(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: SupervisionLedgerAction.propose, subjectType: "proposal", subjectID: r.id!.uuidString,
                                            payload: ["rule": .string(f.proposal.rule), "kind": .string(f.proposal.action.rawValue),
                                                      "session": .string(session.uuidString), "name_hmac": .string(self.textDigest(subject))]))
        }
    }
}

extension Store {
    /// ASM-4: the county's yearly rankings as an organizer writes them, one year a line, best first:
    /// `2024：教育局、财政局、…` (a unit's place is its position; units the same place are joined with `=`); lines may
    /// also be separated with `|` (a form's hidden field).
    public static func parseRankings(_ text: String) throws -> [UnitRanking] {
        var out: [UnitRanking] = []
        for (i, raw) in text.split(whereSeparator: { $0.isNewline || $0 == "|" }).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let parts = line.split(maxSplits: 1, whereSeparator: { $0 == "：" || $0 == ":" })
            guard parts.count == 2, let year = Int(parts[0].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "年", with: "")), (2000 ... 2100).contains(year) else {
                throw InvalidInput(field: "rankings", .described(zh: "第\(i + 1)行应写作“2024：单位甲、单位乙、…”", en: "line \(i + 1) should read “2024: unit A, unit B, …”"))
            }
            var ranks: [String: Int] = [:]
            var place = 1
            for group in parts[1].split(whereSeparator: { "、,，;；".contains($0) }) {
                let tied = group.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                for u in tied {
                    if ranks[u] != nil { throw InvalidInput(field: "rankings", .duplicate(u)) }
                    ranks[u] = place
                }
                place += tied.count
            }
            if ranks.count < 2 { throw InvalidInput(field: "rankings", .described(zh: "第\(i + 1)行至少列两个单位", en: "line \(i + 1) needs at least two units")) }
            out.append(UnitRanking(year: year, ranks: ranks))
        }
        if out.isEmpty { throw InvalidInput(field: "rankings", .required) }
        return out
    }

    /// ASM-4: the units in the county's bottom places three years running, from rankings written as `parseRankings`
    /// reads them; only units `user` organizes or supervises (matched by name).
    public func rankingFindings(_ text: String, by user: ActingUser) async throws -> [ConsequenceProposal] {
        let rankings = try Self.parseRankings(text)
        let tree = try await Self.unitTree(on: db)
        return try Consequences.bottomPlaces(rankings).filter { p in
            guard let u = tree.units.first(where: { $0.name == p.subject }) else { return user.isSystem }
            return user.isSystem || tree.permits(user, [.organizer, .supervisor], on: u.id)
        }
    }

    /// ASM-4, ASM-5: puts a bottom-places finding to the committee, with its places as evidence, recorded in the ledger.
    public func proposeRankingConsequence(rankings text: String, subject: String, by user: ActingUser) async throws {
        guard let p = try await rankingFindings(text, by: user).first(where: { $0.subject == subject }) else { throw InvalidInput(field: "subject", .notFound(subject)) }
        let day = today
        try await write { tx in
            let tree = try await Self.unitTree(on: tx.db)
            guard let unit = tree.units.first(where: { $0.name == subject }) else { throw InvalidInput(field: "subject", .notFound(subject)) }
            if !user.isSystem && !tree.permits(user, [.organizer, .supervisor], on: unit.id) { throw NotPermitted() }
            if try await ConsequenceProposalRecord.query(on: tx.db).filter(\.$rule == "ASM-4").filter(\.$subject == subject).filter(\.$evidenceZh == p.zh).first() != nil {
                throw InvalidInput(field: "subject", .duplicate(subject))
            }
            let r = ConsequenceProposalRecord()
            r.id = UUID(); r.unitID = unit.id; r.rule = p.rule; r.action = p.action.rawValue; r.subject = p.subject
            r.sessionID = nil; r.evidenceZh = p.zh; r.evidenceEn = p.en; r.proposedBy = user.name; r.proposedOn = day.description
            try await r.create(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: SupervisionLedgerAction.propose, subjectType: "proposal", subjectID: r.id!.uuidString,
                                            payload: ["rule": .string(p.rule), "kind": .string(p.action.rawValue), "unit": .string(unit.code),
                                                      "hmac": .string(self.textDigest(p.zh))]))
        }
    }

    /// ASM-4 proposals already made (for the page).
    public func rankingProposals(by user: ActingUser) async throws -> [(subject: String, zh: String, en: String, on: String, by: String)] {
        let tree = try await Self.unitTree(on: db)
        return try await ConsequenceProposalRecord.query(on: db).filter(\.$rule == "ASM-4").sort(\.$proposedOn, .descending).all()
            .filter { user.isSystem || tree.permits(user, [.organizer, .supervisor], on: $0.unitID) }
            .map { ($0.subject, $0.evidenceZh, $0.evidenceEn, $0.proposedOn, $0.proposedBy) }
    }
}
