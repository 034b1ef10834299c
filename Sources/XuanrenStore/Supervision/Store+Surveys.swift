import FluentKit
import Foundation
import SelectionCore

final class SurveyRoundRecord: Model, @unchecked Sendable {
    static let schema = "survey_rounds"
    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "year") var year: Int
    @Field(key: "title") var title: String
    /// `StoredSurvey` JSON.
    @Field(key: "survey") var survey: String
    @OptionalField(key: "satisfaction_session") var satisfactionSession: UUID?
    @OptionalField(key: "occurrence_session") var occurrenceSession: UUID?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Int64
    init() {}
}

/// The survey of a round as stored: the cadres asked about, the problem kinds and the stages (SUR-2).
struct StoredSurvey: Codable {
    struct Cadre: Codable { var id: String; var name: String; var post: String }
    var cadres: [Cadre]
    var problems: [String]
    var stages: [String]

    init(_ s: SelectionWorkSurvey) {
        cadres = s.cadres.map { Cadre(id: $0.id, name: $0.name, post: $0.post) }
        problems = s.problems.map(\.rawValue); stages = s.stages.map(\.rawValue)
    }

    var survey: SelectionWorkSurvey {
        get throws {
            try SelectionWorkSurvey(cadres: cadres.map { .init(id: $0.id, name: $0.name, post: $0.post) },
                                    problems: problems.compactMap(SelectionWorkProblem.init(rawValue:)), stages: stages.compactMap(StageKind.init(rawValue:)))
        }
    }
}

/// One 一报告两评议 round as its readers see it: the survey, its two sessions and, once both are closed, the analysis.
public struct SurveyRoundView: Sendable {
    public var id: UUID
    public var unitID: UUID
    public var unitName: String
    public var year: Int
    public var title: String
    public var survey: SelectionWorkSurvey
    public var satisfactionSession: (id: UUID, status: BallotSessionStatus)?
    public var occurrenceSession: (id: UUID, status: BallotSessionStatus)?
    /// SUR-2: item by item, once the satisfaction session is closed (problems counted once theirs is).
    public var analysis: SelectionWorkAnalysis?
    public var manages: Bool
}

extension Store {
    /// SUR-1, SUR-2: a unit's 一报告两评议 round for `year`: the survey of the selection work (overall, the problem kinds,
    /// the stages) and of each newly promoted cadre, as two ballot sessions with voting codes — the satisfaction items
    /// (BAL-7 answers) and the problem kinds (occurred / not / unknown as yes / no / abstain). An organizer of the unit.
    /// The round is written with the first session; the second links itself in its own transaction.
    public func createSurveyRound(unit: UUID, year: Int, cadres: [SelectionWorkSurvey.Cadre], voters: Int, custodians: CustodianPlan,
                                  by user: ActingUser) async throws -> UUID {
        if !(2000 ... 2100).contains(year) { throw InvalidInput(field: "year", .described(zh: "年度应为2000至2100之间的年份", en: "a year between 2000 and 2100")) }
        if !(1 ... 5000).contains(voters) { throw InvalidInput(field: "voters", .described(zh: "参加人数应在1至5000之间", en: "between 1 and 5000 people")) }
        let survey = try SelectionWorkSurvey(cadres: cadres)
        guard let unitRec = try await UnitRecord.find(unit, on: db) else { throw InvalidInput(field: "unit", .notFound(unit.uuidString)) }
        let tree = try await Self.unitTree(on: db)
        if !user.isSystem && !tree.permits(user, [.organizer], on: unit) { throw NotPermitted() }
        // SUR-1: one round a year per unit
        if try await SurveyRoundRecord.query(on: db).filter(\.$unitID == unit).filter(\.$year == year).first() != nil {
            throw InvalidInput(field: "year", .described(zh: "该单位\(year)年度已有“一报告两评议”", en: "the unit already has its appraisal for \(year)"))
        }
        let title = "\(unitRec.name)\(year)年度干部选拔任用工作“一报告两评议”"
        var members = BallotSettings.Approval(members: voters)
        members.quorum = Fraction(2, 3)
        var satisfaction = members
        satisfaction.answers = .satisfaction
        let satisfactionBox = BallotBox(title: title + "·满意度测评", settings: .approval(satisfaction),
                                        candidates: survey.ballotCandidates(.satisfaction, in: .zhHans), ballots: [])
        let occurrenceBox = BallotBox(title: title + "·问题测评", settings: .approval(members),
                                      candidates: survey.ballotCandidates(.occurrence, in: .zhHans), ballots: [])
        let id = UUID(), now = nowSeconds
        let stored = try Self.json(StoredSurvey(survey))
        _ = try await createBallotSession(unitCode: unitRec.code, box: satisfactionBox, disclosure: .supervision, trackingCodes: false,
                                          custodians: custodians, by: user) { tx, sid in
            let r = SurveyRoundRecord()
            r.id = id; r.unitID = unit; r.year = year; r.title = title; r.survey = stored; r.satisfactionSession = sid
            r.createdBy = user.name; r.createdAt = now
            try await r.create(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: SupervisionLedgerAction.surveyCreate, subjectType: "survey", subjectID: id.uuidString,
                                            payload: ["unit": .string(unitRec.code), "year": .int(Int64(year)), "session": .string(sid.uuidString),
                                                      "items": .int(Int64(survey.items.count)), "voters": .int(Int64(voters))]))
        }
        try await addOccurrenceSession(id, box: occurrenceBox, unitCode: unitRec.code, custodians: custodians, by: user)
        return id
    }

    /// The problem-kinds session of a round, when it is missing (its creation failed after the first session's).
    func addOccurrenceSession(_ id: UUID, box: BallotBox, unitCode: String, custodians: CustodianPlan, by user: ActingUser) async throws {
        _ = try await createBallotSession(unitCode: unitCode, box: box, disclosure: .supervision, trackingCodes: false, custodians: custodians, by: user) { tx, sid in
            guard let r = try await SurveyRoundRecord.find(id, on: tx.db) else { throw InvalidInput(field: "survey", .notFound(id.uuidString)) }
            if r.occurrenceSession != nil { throw InvalidInput(field: "survey", .duplicate(r.title)) }
            r.occurrenceSession = sid
            try await r.save(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: SupervisionLedgerAction.surveyCreate, subjectType: "survey", subjectID: id.uuidString,
                                            payload: ["session": .string(sid.uuidString)]))
        }
    }

    /// The newly promoted cadres of `unit` and below in `year`: everyone appointed through a matter of the unit's tree
    /// that year (PUB-3), with the post they were appointed to — the default cadres of a round.
    public func appointedIn(unit: UUID, year: Int, by user: ActingUser) async throws -> [SelectionWorkSurvey.Cadre] {
        let tree = try await Self.unitTree(on: db)
        if !user.isSystem && !tree.permits(user, [.organizer, .supervisor], on: unit) { throw NotPermitted() }
        let scope = tree.below([unit])
        var out: [SelectionWorkSurvey.Cadre] = []
        for p in try await PublicityRecord.query(on: db).all() {
            guard let pub = try? Self.decode(Publicity.self, p.state), let a = pub.appointment, a.day.year == year else { continue }
            guard let person = try await MatterPersonRecord.find(p.personID, on: db), let m = try await MatterRecord.find(person.matterID, on: db) else { continue }
            let matter = try Self.decode(Matter.self, m.state)
            let position = matter.plan.positions.first { $0.id == person.positionID }
            guard scope.contains(position?.unitID ?? m.unitID) else { continue }
            let details = try? Self.decode(PublicityDetails.self, p.details)
            out.append(.init(id: (person.cadreID ?? person.id!).uuidString.lowercased().prefix(8).description, name: person.name, post: details?.post ?? position?.post ?? ""))
        }
        return out.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    /// The rounds of the units `user` organizes or supervises, newest year first.
    public func surveyRounds(by user: ActingUser) async throws -> [SurveyRoundView] {
        let tree = try await Self.unitTree(on: db)
        var out: [SurveyRoundView] = []
        for r in try await SurveyRoundRecord.query(on: db).sort(\.$year, .descending).sort(\.$title).all()
        where user.isSystem || tree.permits(user, [.organizer, .supervisor], on: r.unitID) {
            out.append(try await roundView(r, tree: tree, user: user))
        }
        return out
    }

    public func surveyRound(_ id: UUID, by user: ActingUser) async throws -> SurveyRoundView {
        let tree = try await Self.unitTree(on: db)
        guard let r = try await SurveyRoundRecord.find(id, on: db) else { throw InvalidInput(field: "survey", .notFound(id.uuidString)) }
        guard user.isSystem || tree.permits(user, [.organizer, .supervisor], on: r.unitID) else { throw NotPermitted() }
        return try await roundView(r, tree: tree, user: user)
    }

    func roundView(_ r: SurveyRoundRecord, tree: UnitTree, user: ActingUser) async throws -> SurveyRoundView {
        let survey = try Self.decode(StoredSurvey.self, r.survey).survey
        func status(_ s: UUID?) async throws -> (id: UUID, status: BallotSessionStatus)? {
            guard let s, let st = try await ballotStatus(s) else { return nil }
            return (s, st)
        }
        let sat = try await status(r.satisfactionSession), occ = try await status(r.occurrenceSession)
        var analysis: SelectionWorkAnalysis? = nil
        if let sat, sat.status == .closed {
            var counts = SurveyCounts()
            // a void vote (below the quorum, or over-issued) is not analysed
            let satResult = try await ballotResult(sat.id)
            if satResult?.voidReason != nil { return SurveyRoundView(id: r.id!, unitID: r.unitID, unitName: tree.units.first { $0.id == r.unitID }?.name ?? "", year: r.year, title: r.title,
                                                                survey: survey, satisfactionSession: sat, occurrenceSession: occ, analysis: nil,
                                                                manages: user.isSystem || tree.permits(user, [.organizer], on: r.unitID)) }
            if case .satisfaction(let rows)? = satResult?.rows {
                for row in rows { counts.satisfaction[row.candidate] = SatisfactionCounts(satisfied: row.satisfied, basic: row.basic, dissatisfied: row.dissatisfied, unknown: row.unknown) }
            }
            if let occ, occ.status == .closed, let occResult = try await ballotResult(occ.id), occResult.voidReason == nil, case .approval(let rows) = occResult.rows {
                for row in rows { counts.occurrence[row.candidate] = OccurrenceCounts(occurred: row.yes, notOccurred: row.no, unknown: row.abstain) }
            }
            analysis = try SurveyAnalysis.analyse(survey, counts: counts)
        }
        let names = Dictionary(uniqueKeysWithValues: tree.units.map { ($0.id, $0.name) })
        return SurveyRoundView(id: r.id!, unitID: r.unitID, unitName: names[r.unitID] ?? "", year: r.year, title: r.title, survey: survey,
                               satisfactionSession: sat, occurrenceSession: occ, analysis: analysis,
                               manages: user.isSystem || tree.permits(user, [.organizer], on: r.unitID))
    }

    /// SUR-3: the satisfaction index per unit and year over the rounds `user` may read whose satisfaction vote is
    /// closed: the overall item and the stages, pooled.
    public func satisfactionIndices(by user: ActingUser) async throws -> [UnitSatisfaction] {
        let rounds = try await surveyRounds(by: user).filter { $0.analysis != nil }
        let items = [SurveyItem(.overall).id] + SelectionWorkSurvey.defaultStages.map { SurveyItem(.stage($0)).id }
        let surveys = rounds.map { r in
            var lines: [String: SatisfactionCounts] = [r.analysis!.overall.item: r.analysis!.overall.counts]
            for s in r.analysis!.stages { lines[s.line.item] = s.line.counts }
            return UnitSurvey(unit: r.unitName, year: r.year, items: lines)
        }
        return try SurveyAnalysis.unitIndices(surveys, items: items)
    }

    /// SUR-4: per unit and year, the people appointed through matters of the units `user` may read, and how many of
    /// them through a competitive procedure (`Procedure.isCompetitive`: every procedure but 组织选拔).
    public func competitiveShares(by user: ActingUser) async throws -> [CompetitiveShare] {
        let tree = try await Self.unitTree(on: db)
        let names = Dictionary(uniqueKeysWithValues: tree.units.map { ($0.id, $0.name) })
        var counts: [String: PromotionCounts] = [:]
        for p in try await PublicityRecord.query(on: db).all() {
            guard let pub = try? Self.decode(Publicity.self, p.state), let a = pub.appointment else { continue }
            guard let person = try await MatterPersonRecord.find(p.personID, on: db), let m = try await MatterRecord.find(person.matterID, on: db) else { continue }
            guard user.isSystem || tree.permits(user, [.organizer, .supervisor], on: m.unitID) else { continue }
            let matter = try Self.decode(Matter.self, m.state)
            let unit = names[m.unitID] ?? ""
            let key = "\(unit)|\(a.day.year)"
            var c = counts[key] ?? PromotionCounts(unit: unit, year: a.day.year, promoted: 0, competitive: 0)
            c.promoted += 1
            if matter.plan.procedure.isCompetitive { c.competitive += 1 }
            counts[key] = c
        }
        return try SurveyAnalysis.competitiveShares(counts.values.sorted { ($0.year, $0.unit) < ($1.year, $1.unit) })
    }
}
