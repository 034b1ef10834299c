@preconcurrency import Crypto
import FluentKit
import Foundation
import SQLKit
import SelectionCore

/// Selection matters: every operation takes the acting user, decides what their grants (and the matter's
/// team) allow inside the transaction, loads the `Matter` value, applies a pure transition and saves it with
/// its ledger entry in one `write`.
extension Store {
    /// Roles that see a unit's matters (besides the matter's own team).
    static let matterReaders: Set<Role> = [.organizer, .supervisor]

    /// Today on the Asia/Shanghai calendar, by the ledger's clock (injected in tests).
    public var today: CivilDay { CivilDay(epochSeconds: Int64(ledger.clock.now.timeIntervalSince1970)) }
    var nowSeconds: Int64 { Int64(ledger.clock.now.timeIntervalSince1970) }

    static func json<T: Encodable>(_ v: T) throws -> String { String(decoding: try JSONEncoder.sorted.encode(v), as: UTF8.self) }
    static func decode<T: Decodable>(_ t: T.Type, _ s: String) throws -> T { try JSONDecoder().decode(t, from: Data(s.utf8)) }

    /// What `user` may do on the matter of `unitID` (nil: nothing, not even read).
    static func matterAccess(_ user: ActingUser, unitID: UUID, matterID: UUID?, _ db: any Database) async throws -> MatterAccess? {
        if user.isSystem { return MatterAccess(manages: true, inspects: true, supervises: true, readsConfidential: true, seesRecommenders: true) }
        let roles = try await unitTree(on: db).roles(of: user, on: unitID)
        var onTeam = false
        if let matterID, user.name != ActingUser.anonymous.name {
            onTeam = try await MatterTeamRecord.query(on: db).filter(\.$matterID == matterID).filter(\.$account == user.name).first() != nil
        }
        var a = MatterAccess()
        a.manages = roles.contains(.organizer)
        a.supervises = roles.contains(.supervisor)
        a.inspects = a.manages || onTeam
        a.readsConfidential = onTeam || a.supervises
        a.seesRecommenders = a.manages || a.supervises
        return a.manages || a.supervises || onTeam ? a : nil
    }

    /// Loads a matter inside `tx`, refusing (`NotPermitted`) unless `allowed` holds for the user's access.
    static func loadMatter(_ id: UUID, _ user: ActingUser, _ db: any Database, _ allowed: (MatterAccess) -> Bool) async throws -> (MatterRecord, Matter, MatterAccess) {
        guard let rec = try await MatterRowSQL.load(id, db) else { throw InvalidInput(field: "matter", .notFound(id.uuidString)) }
        guard let access = try await matterAccess(user, unitID: rec.unitID, matterID: id, db), allowed(access) else { throw NotPermitted() }
        return (rec, try decode(Matter.self, rec.state), access)
    }

    static func save(_ matter: Matter, to rec: MatterRecord, at now: Int64, _ db: any Database) async throws {
        rec.state = try json(matter)
        rec.phase = matter.phase.rawValue
        rec.stage = matter.current?.rawValue
        rec.procedure = matter.plan.procedure.kind.rawValue
        rec.title = matter.title
        rec.updatedAt = now
        // a new matter goes through Fluent once; every later transition writes its columns directly
        if rec.$id.exists { try await MatterRowSQL.updateWorkflow(rec, db) } else { try await rec.save(on: db) }
    }

    /// What the ledger keeps of a matter's free text (reasons, notes, talks, a recommender's name): an HMAC-SHA-256
    /// under a key derived from the instance key, of the text as stored (trimmed). The server can check a stored text
    /// against its entry; a reader of the ledger cannot confirm a guessed name or reason.
    func textDigest(_ text: String) -> String {
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: ledger.key.privateKey.rawRepresentation),
                                         salt: Data(), info: Data("xuanren matter text".utf8), outputByteCount: 32)
        return Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8), using: key))
    }

    func matterEvent(_ user: ActingUser, _ action: MatterLedgerAction, _ id: UUID, _ payload: [String: LedgerValue] = [:]) -> LedgerEvent {
        LedgerEvent(actor: user.name, action: action, subjectType: "matter", subjectID: id.uuidString, payload: payload)
    }

    // MARK: Create and list

    /// A new matter in draft: an organizer of `unitID` (and of every position's unit).
    public func createMatter(title: String, unitID: UUID, plan: MatterPlan, by user: ActingUser) async throws -> UUID {
        let matter = try Matter.draft(title: title, unitID: unitID, plan: plan)
        try plan.procedure.check()
        try plan.settings.check()
        let id = UUID(), now = nowSeconds
        try await write { tx in
            try await Self.require(user, [.organizer], on: unitID, tx.db)
            for p in plan.positions { try await Self.require(user, [.organizer], on: p.unitID, tx.db) }
            let rec = MatterRecord()
            rec.id = id; rec.unitID = unitID; rec.createdBy = user.name; rec.createdAt = now
            rec.sessions = try Self.json(MatterSessions())
            try await Self.save(matter, to: rec, at: now, tx.db)
            try await tx.record(self.matterEvent(user, .create, id, ["unit": .string(unitID.uuidString), "procedure": .string(plan.procedure.kind.rawValue),
                                                                       "plan_sha256": .string(Self.sha256(try Self.json(plan)))]))
        }
        return id
    }

    /// The matters `user` sees: those of the units where they organize or supervise, and those whose team they are on;
    /// newest change first.
    public func matters(visibleTo user: ActingUser, offset: Int = 0, limit: Int = 50) async throws -> (rows: [MatterSummary], total: Int) {
        let tree = try await Self.unitTree(on: db)
        var q = MatterRecord.query(on: db)
        if let scope = tree.scope(of: user, roles: Self.matterReaders) {
            let teamMatters = try await MatterTeamRecord.query(on: db).filter(\.$account == user.name).all().map(\.matterID)
            if scope.isEmpty && teamMatters.isEmpty { return ([], 0) }
            q = q.group(.or) { g in
                if !scope.isEmpty { g.filter(\.$unitID ~~ Array(scope)) }
                if !teamMatters.isEmpty { g.filter(\.$id ~~ teamMatters) }
            }
        }
        let total = try await q.count()
        let rows = try await q.sort(\.$updatedAt, .descending).range(offset ..< offset + limit).all()
        let names = Dictionary(tree.units.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return (rows.map {
            MatterSummary(id: $0.id!, title: $0.title, unitID: $0.unitID, unitName: names[$0.unitID] ?? "", phase: MatterPhase(rawValue: $0.phase) ?? .drafting,
                          stage: $0.stage.flatMap(StageKind.init(rawValue:)), procedure: ProcedureKind(rawValue: $0.procedure) ?? .custom, updatedAt: $0.updatedAt)
        }, total)
    }

    // MARK: The plan (SEL-9)

    /// Changes the draft plan; refused (`MatterError.planFrozen`) once published.
    public func reviseMatterPlan(_ id: UUID, title: String? = nil, plan: MatterPlan, by user: ActingUser) async throws {
        let now = nowSeconds
        try await write { tx in
            let (rec, matter, _) = try await Self.loadMatter(id, user, tx.db) { $0.manages }
            for p in plan.positions { try await Self.require(user, [.organizer], on: p.unitID, tx.db) }
            var m = matter
            try m.revise(plan)
            if let title {
                let t = title.trimmingCharacters(in: .whitespacesAndNewlines)
                if t.isEmpty { throw InvalidInput(field: "title", .required) }
                if t.count > 200 { throw InvalidInput(field: "title", .tooLong(max: 200)) }
                m.title = t
            }
            try await Self.save(m, to: rec, at: now, tx.db)
            try await tx.record(self.matterEvent(user, .revise, id, ["plan_sha256": .string(Self.sha256(try Self.json(plan)))]))
        }
    }

    /// Publishes the plan (ELG-1, DIS-1) and starts the first stage; the plan is frozen from now on (SEL-9).
    public func publishMatterPlan(_ id: UUID, by user: ActingUser) async throws {
        let now = nowSeconds, day = today
        try await write { tx in
            let (rec, matter, _) = try await Self.loadMatter(id, user, tx.db) { $0.manages }
            var m = matter
            try m.publish(on: day)
            try await Self.save(m, to: rec, at: now, tx.db)
            try await self.addItem(.plan, to: rec, m, lines: Self.planLines(m.plan), ends: nil, at: now, tx.db)
            try await tx.record(self.matterEvent(user, .publish, id, ["plan_sha256": .string(Self.sha256(try Self.json(m.plan))), "day": .string(day.description)]))
        }
    }

    /// SEL-9: changes the published plan by a recorded decision, and discloses the change with its date.
    public func amendMatterPlan(_ id: UUID, plan: MatterPlan, reason: String, decision: String, by user: ActingUser) async throws {
        let now = nowSeconds, day = today
        try await write { tx in
            let (rec, matter, _) = try await Self.loadMatter(id, user, tx.db) { $0.manages }
            for p in plan.positions { try await Self.require(user, [.organizer], on: p.unitID, tx.db) }
            var m = matter
            try m.amend(plan, reason: reason, decision: decision, by: user.name, on: day)
            try await Self.save(m, to: rec, at: now, tx.db)
            let a = m.amendments.last!
            try await self.addItem(.amendment, to: rec, m, lines: [.init("decision", a.decision), .init("reason", a.reason), .init("changes", a.changesZh.joined(separator: "；"))],
                                   ends: nil, at: now, tx.db)
            try await tx.record(self.matterEvent(user, .amend, id, ["decision": .string(a.decision), "reason_hmac": .string(self.textDigest(a.reason)),
                                                                      "plan_sha256": .string(Self.sha256(try Self.json(plan)))]))
        }
    }

    // MARK: Stages

    /// Moves the matter to its next stage when the current stage's exit guard and the next one's entry guard hold
    /// on the facts read in this transaction; refused with every reason in words otherwise.
    public func advanceMatter(_ id: UUID, by user: ActingUser) async throws {
        let now = nowSeconds, day = today
        try await write { tx in
            let (rec, matter, _) = try await Self.loadMatter(id, user, tx.db) { $0.manages }
            let facts = try await self.stageFacts(rec, matter, day: day, tx.db, only: Set([matter.current, matter.next].compactMap { $0 }))
            var m = matter
            let from = m.current
            try m.advance(facts, on: day)
            try await Self.save(m, to: rec, at: now, tx.db)
            try await tx.record(self.matterEvent(user, .advance, id, ["from": .string(from?.rawValue ?? ""), "to": .string(m.current?.rawValue ?? "finished"), "day": .string(day.description)]))
        }
    }

    /// Records the outcome of a stage carried by hand (its module comes in a later release), with its document reference.
    public func recordStageOutcome(_ id: UUID, outcome: String, by user: ActingUser) async throws {
        let now = nowSeconds
        try await write { tx in
            let (rec, matter, _) = try await Self.loadMatter(id, user, tx.db) { $0.manages }
            var m = matter
            try m.recordOutcome(outcome)
            try await Self.save(m, to: rec, at: now, tx.db)
            try await tx.record(self.matterEvent(user, .outcome, id, ["stage": .string(m.current?.rawValue ?? ""), "outcome_hmac": .string(self.textDigest(outcome))]))
        }
    }

    public func cancelMatter(_ id: UUID, reason: String, by user: ActingUser) async throws {
        let now = nowSeconds
        try await write { tx in
            let (rec, matter, _) = try await Self.loadMatter(id, user, tx.db) { $0.manages }
            var m = matter
            try m.cancel(reason: reason)
            try await Self.save(m, to: rec, at: now, tx.db)
            try await tx.record(self.matterEvent(user, .cancel, id, ["reason_hmac": .string(self.textDigest(reason))]))
        }
    }

    // MARK: Reading

    /// The matter as `user` sees it; `NotPermitted` unless they organize or supervise its unit or are on its team.
    public func matterView(_ id: UUID, by user: ActingUser) async throws -> MatterView {
        let day = today
        let (rec, matter, access) = try await Self.loadMatter(id, user, db) { _ in true }
        var people = try await matterPeople(rec, matter, db)
        let facts = try await stageFacts(rec, matter, day: day, db, people: people)
        if !access.seesRecommenders {
            for i in people.indices { for j in people[i].nominations.indices { people[i].nominations[j].recommender = "" } }
        }
        var notes = try await MatterNoteRecord.query(on: db).filter(\.$matterID == id).sort(\.$createdAt).all().map(Self.note)
        if !access.readsConfidential {
            for i in notes.indices where notes[i].kind.confidential { notes[i].fields = []; notes[i].withheld = true }
        }
        let team = try await MatterTeamRecord.query(on: db).filter(\.$matterID == id).all().map(Self.member)
        let items = try await matterItems(matter: id)
        let unit = try await UnitRecord.find(rec.unitID, on: db)
        return MatterView(id: id, matter: matter, unitName: unit?.name ?? "", sessions: try Self.decode(MatterSessions.self, rec.sessions),
                          consolidation: try rec.consolidated.map { try Self.decode(Consolidation.self, $0) }, people: people, team: team, notes: notes,
                          items: items, facts: facts, waitingFor: matter.waitingFor(facts), access: access, createdBy: rec.createdBy)
    }

    static func note(_ r: MatterNoteRecord) -> MatterNote {
        let body = (try? decode(NoteBody.self, r.body)) ?? NoteBody(fields: [], opinion: nil)
        return MatterNote(id: r.id!, kind: MatterNoteKind(rawValue: r.kind) ?? .documentReview, personID: r.personID, day: CivilDay(r.day) ?? CivilDay(daysSinceEpoch: 0),
                          by: r.by, fields: body.fields, opinion: body.opinion)
    }

    static func member(_ r: MatterTeamRecord) -> TeamMember {
        TeamMember(name: r.name, account: r.account, background: TeamMember.Background(rawValue: r.background) ?? .other, leader: r.leader, standingCommittee: r.standing)
    }

    struct NoteBody: Codable { var fields: [MatterNote.Field]; var opinion: BodyOpinion? }

    static func planLines(_ p: MatterPlan) -> [MatterNote.Field] {
        var lines: [MatterNote.Field] = []
        for pos in p.positions {
            lines.append(.init("position", "\(pos.unitName) \(pos.post)（\(pos.posts)名）"))
            lines.append(.init("conditions", Self.conditionsText(pos.conditions)))
        }
        lines.append(.init("procedure", p.procedure.kind.title(in: .zhHans) + "：" + p.procedure.stages.map { $0.title(in: .zhHans) }.joined(separator: " → ")))
        if !p.scope.isEmpty { lines.append(.init("scope", p.scope)) }
        if !p.timetable.isEmpty { lines.append(.init("timetable", p.timetable)) }
        if !p.discipline.isEmpty { lines.append(.init("discipline", p.discipline)) }
        for f in MatterSettings.fields { lines.append(.init("setting", "\(f.zh)：\(p.settings[keyPath: f.path])（\(f.rule)）")) }
        lines.append(.init("setting", "差额环节：" + (p.settings.competitiveStages.isEmpty ? "无" : StageKind.allCases.filter { p.settings.competitiveStages.contains($0) }.map { $0.title(in: .zhHans) }.joined(separator: "、"))))
        return lines
    }

    /// The conditions in words (ELG-1), as the plan publishes them.
    public static func conditionsText(_ c: PositionConditions) -> String {
        var parts: [String] = []
        if let a = c.maxAge { parts.append("年龄不超过\(a)周岁") }
        if let e = c.minEducation { parts.append((c.fullTimeEducationRequired ? "全日制" : "") + "\(e.title(in: .zhHans))及以上学历") }
        if let w = c.minYearsOfWork { parts.append("工作\(w)年以上") }
        if let g = c.minYearsInGrade { parts.append("现职级任职\(g)年以上") }
        if let y = c.assessmentYears { parts.append("近\(y)年年度考核\(c.minAssessment.title(in: .zhHans))及以上") }
        if c.partyMemberRequired { parts.append("中共党员") }
        return parts.isEmpty ? "符合《党政领导干部选拔任用工作条例》规定的基本条件" : parts.joined(separator: "，")
    }
}
