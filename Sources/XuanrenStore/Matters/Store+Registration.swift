import Crypto
import FluentKit
import Foundation
import SQLKit
import SelectionCore

/// One applicant as a reader with the matter's access sees them (organizers, supervisors, the matter's clerks).
public struct ApplicantView: Sendable, Equatable {
    public var id: UUID
    public var positionID: String
    public var channel: ApplicantChannel
    public var internalFile: Bool
    public var name: String
    public var residentMasked: String
    public var birth: String
    public var unitName: String
    public var form: ApplicantForm?
    public var confirmed: Confirmation?
    public var review: [ConditionCheck]?
    public var engineQualified: Bool?
    public var override: ReviewOverride?
    public var withdrawn: Bool
    public var admission: String?
    public var room: String?
    public var seat: Int?
    /// The review's outcome with the override applied (nil: not yet reviewed).
    public var qualified: Bool? { override?.qualified ?? engineQualified }
}

/// A registration as its applicant sees it right after registering.
public struct RegistrationReceipt: Sendable, Equatable {
    public var matterTitle: String
    public var position: String
    public var residentMasked: String
    public var name: String
    public var at: Int64
    public var internalFile: Bool
}

/// ELG-9: the unit's confirmation of a registration form.
public struct Confirmation: Sendable, Equatable, Codable {
    public var by: String
    public var at: Int64
    public var note: String
}

/// A position's registration and review in figures (ELG-7, ELG-8).
public struct PositionCount: Sendable, Equatable {
    public var position: MatterPosition
    public var registered: Int
    public var qualified: Int
    public var reviewed: Int
    /// Qualified applicants the opening ratio needs.
    public var needed: Int
    public var fate: PositionFate?
    public var belowRatio: Bool { qualified < needed }
}

/// Registration and the qualification review of a competitive matter (ELG-6…9).
extension Store {
    // MARK: Reading

    static func loadCompetition(_ matterID: UUID, _ db: any Database) async throws -> (CompetitionRecord?, Competition) {
        guard let r = try await CompetitionRecord.find(matterID, on: db) else { return (nil, Competition()) }
        return (r, try decode(Competition.self, r.state))
    }

    static func saveCompetition(_ c: Competition, _ existing: CompetitionRecord?, matter: UUID, at now: Int64, _ db: any Database) async throws {
        let r = existing ?? CompetitionRecord()
        if existing == nil { r.id = matter }
        r.state = try json(c)
        r.updatedAt = now
        try await r.save(on: db)
    }

    /// The matter's competition value (registration window, fates, exam rules) for anyone who may read the matter.
    public func competition(_ matterID: UUID, by user: ActingUser) async throws -> Competition {
        _ = try await Self.loadMatter(matterID, user, db) { _ in true }
        return try await Self.loadCompetition(matterID, db).1
    }

    /// ELG-8: registration counts per position, public (the matter's plan is public once published); drafts are not.
    public func registrationCounts(_ matterID: UUID) async throws -> (matter: Matter, competition: Competition, counts: [PositionCount]) {
        guard let rec = try await MatterRowSQL.load(matterID, db) else { throw InvalidInput(field: "matter", .notFound(matterID.uuidString)) }
        let matter = try Self.decode(Matter.self, rec.state)
        if matter.phase == .drafting { throw InvalidInput(field: "matter", .notFound(matterID.uuidString)) }
        let competition = try await Self.loadCompetition(matterID, db).1
        return (matter, competition, Self.counts(matter, competition, try await Self.tallies(matterID, db)))
    }

    /// The applicants not withdrawn, counted per position and review outcome in the database: the public form shows
    /// the counts after every registration, so it must not read every applicant's row and form.
    struct ApplicantTally: Decodable { var position_id: String; var qualified: Bool?; var override: String?; var n: Int }

    static func tallies(_ matterID: UUID, _ db: any Database) async throws -> [ApplicantTally] {
        try await (db as! any SQLDatabase).raw("""
            SELECT position_id, qualified, override, COUNT(*) AS n FROM applicants WHERE matter_id = \(bind: matterID) AND withdrawn = \(bind: false)
            GROUP BY position_id, qualified, override
            """).all(decoding: ApplicantTally.self)
    }

    static func counts(_ matter: Matter, _ c: Competition, _ tallies: [ApplicantTally]) -> [PositionCount] {
        let ratio = openingRatio(matter)
        func outcome(_ t: ApplicantTally) -> Bool? {
            if let o = t.override, let v = try? decode(ReviewOverrideBox.self, o) { return v.qualified }
            return t.qualified
        }
        return matter.plan.positions.map { p in
            let mine = tallies.filter { $0.position_id == p.id }
            func sum(_ keep: (ApplicantTally) -> Bool) -> Int { mine.filter(keep).reduce(0) { $0 + $1.n } }
            return PositionCount(position: p, registered: sum { _ in true }, qualified: sum { outcome($0) == true },
                                 reviewed: sum { outcome($0) != nil }, needed: OpeningRatio.needed(posts: p.posts, ratio: ratio), fate: c.fates[p.id])
        }
    }

    static func counts(_ matter: Matter, _ c: Competition, _ rows: [ApplicantRecord]) -> [PositionCount] {
        let ratio = openingRatio(matter)
        return matter.plan.positions.map { p in
            let mine = rows.filter { $0.positionID == p.id && !$0.withdrawn }
            return PositionCount(position: p, registered: mine.count, qualified: mine.filter { $0.isQualified == true }.count,
                                 reviewed: mine.filter { $0.isQualified != nil }.count, needed: OpeningRatio.needed(posts: p.posts, ratio: ratio), fate: c.fates[p.id])
        }
    }

    /// ELG-7: 10:1 for open selection (external applicants), 3:1 otherwise, from the plan's settings.
    static func openingRatio(_ m: Matter) -> Int {
        acceptsExternal(m) ? m.plan.settings.openingRatioOpen : m.plan.settings.openingRatioInternal
    }

    /// Procedures open to applicants from outside the registry (SEL-1 公开选拔, SEL-4 公推公选).
    static func acceptsExternal(_ m: Matter) -> Bool { [.openSelection, .publicRecommendation].contains(m.plan.procedure.kind) }

    /// The applicants of a matter as the acting user may see them: organizers and supervisors of the matter's unit.
    public func applicants(_ matterID: UUID, by user: ActingUser) async throws -> [ApplicantView] {
        _ = try await Self.loadMatter(matterID, user, db) { $0.manages || $0.supervises }
        let rows = try await RegistrationSQL.applicants(matterID, includingWithdrawn: true, db)
        let units = try await UnitRecord.query(on: db).all().reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        return try rows.map { try Self.view($0, units) }
    }

    static func view(_ r: ApplicantRecord, _ units: [UUID: String]) throws -> ApplicantView {
        let form = try r.form.map { try decode(ApplicantForm.self, $0) }
        return ApplicantView(id: r.id!, positionID: r.positionID, channel: ApplicantChannel(rawValue: r.channel) ?? .selfNominated,
                             internalFile: r.cadreID != nil, name: r.name, residentMasked: r.residentMasked, birth: r.birth,
                             unitName: r.unitID.flatMap { units[$0] } ?? form?.unit ?? "",
                             form: form, confirmed: try r.confirmed.map { try decode(Confirmation.self, $0) },
                             review: try r.review.map { try decode([ConditionCheck].self, $0) }, engineQualified: r.qualified,
                             override: try r.override.map { try decode(ReviewOverride.self, $0) }, withdrawn: r.withdrawn,
                             admission: r.admission, room: r.room, seat: r.seat)
    }

    // MARK: Registration (ELG-8, ELG-9)

    /// ELG-8: opens registration of a published matter in its registration stage until `closes` (to the second).
    public func openRegistration(_ matterID: UUID, opens: Int64? = nil, closes: Int64, by user: ActingUser) async throws {
        let now = nowSeconds
        try await write { tx in
            let (_, matter, _) = try await Self.loadMatter(matterID, user, tx.db) { $0.manages }
            try matter.require(.registration)
            var (rec, c) = try await Self.loadCompetition(matterID, tx.db)
            try c.openRegistration(opens: opens ?? now, closes: closes, now: now)
            try await Self.saveCompetition(c, rec, matter: matterID, at: now, tx.db)
            rec = nil
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.open, subjectType: "matter", subjectID: matterID.uuidString,
                                            payload: ["opens": .int(c.opens!), "closes": .int(c.closes!)]))
        }
    }

    /// The keyed hash of an identity number: one registration per person and matter, and the registration found again
    /// by number, without the number stored.
    func residentDigest(_ id: ResidentID) -> String {
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: ledger.key.privateKey.rawRepresentation),
                                         salt: Data(), info: Data("xuanren applicant identity".utf8), outputByteCount: 32)
        return Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(id.value.utf8), using: key))
    }

    /// ELG-8, ELG-9: a registration. An identity number on the registry makes an internal applicant whose facts come
    /// from their file (the form's facts are not used); any other number needs the form, and only procedures open to
    /// outside applicants take those. Anyone may self-register (the public form); an organizational recommendation
    /// is entered by the matter's organizers or clerks. Refused after the closing second.
    ///
    /// Self-registrations that arrive together are written together (`RegistrationBatcher`): one transaction, one
    /// read of the matter, one query for numbers already registered and one for registry files, the applicants and
    /// their ledger entries in one statement each; every caller still gets its own answer, after the commit.
    @discardableResult
    public func register(_ matterID: UUID, position: String, channel: ApplicantChannel, resident raw: String, form: ApplicantForm?,
                         by user: ActingUser) async throws -> UUID {
        try await registration(matterID, position: position, channel: channel, resident: raw, form: form, openAccount: false, by: user).applicant
    }

    /// ELG-8, EXM-9: a self-registration through the public form, which also opens the applicant's account at their
    /// first registration: a one-time activation code is drawn, only its HMAC is stored — in the same write as the
    /// registration, with no password hash on this path (the applicant sets the password with the code when they
    /// first sign in, `activateApplicant`). A person who already has an account gets no new code.
    public func registerApplicant(_ matterID: UUID, position: String, resident raw: String, form: ApplicantForm?) async throws -> Registration {
        try await registration(matterID, position: position, channel: .selfNominated, resident: raw, form: form, openAccount: true, by: .anonymous)
    }

    func registration(_ matterID: UUID, position: String, channel: ApplicantChannel, resident raw: String, form: ApplicantForm?,
                      openAccount: Bool, by user: ActingUser) async throws -> Registration {
        let resident: ResidentID
        do { resident = try ResidentID(raw) } catch { throw InvalidInput(field: "resident", .described(zh: "身份证号码无效（\(error.message(in: .zhHans))）", en: "not a valid identity number (\(error.message(in: .en)))")) }
        let form = form.map { f in var f = f; f.name = f.name.trimmingCharacters(in: .whitespaces); return f }
        var activation: (code: String, digest: String)? = nil
        if openAccount {
            var rng = random.generator()
            let code = VotingCode.generate(using: &rng)
            activation = (code.grouped, activationDigest(code))
        }
        let p = PreparedRegistration(matterID: matterID, position: position, channel: channel, resident: resident, digest: residentDigest(resident),
                                     form: form, actor: user.name, activation: activation)
        if channel == .selfNominated { return try await registering.submit(p, store: self) }
        // an organizational recommendation: the matter's organizers and clerks, alone in its transaction
        let ladder = try await registrySettings().ladder
        do {
            return try await write { tx in
                guard let unit = try await MatterRowSQL.load(matterID, tx.db)?.unitID else { throw InvalidInput(field: "matter", .notFound(matterID.uuidString)) }
                if !(try await Self.enters(user, unit, tx.db)) { throw NotPermitted() }
                return try await self.insertRegistrations([p], ladder: ladder, tx)[0].get()
            }
        } catch let refused as RefusedRegistrations { return try refused.outcomes[0].get() }
    }

    /// Writes a batch of registrations in one transaction; each gets its registration or its own refusal.
    func writeRegistrations(_ batch: [PreparedRegistration]) async throws -> [Result<Registration, any Error>] {
        let ladder = try await registrySettings().ladder
        do {
            return try await write { tx in try await self.insertRegistrations(batch, ladder: ladder, tx) }
        } catch let refused as RefusedRegistrations { return refused.outcomes }
    }

    /// Every registration of a batch was refused: nothing to write (a write must record a change), so the
    /// transaction ends here and each caller gets its refusal.
    struct RefusedRegistrations: Error {
        var outcomes: [Result<Registration, any Error>]
    }

    /// The registrations' checks and rows inside the caller's transaction: the stage and closing second per matter
    /// (a refusal there refuses all of its registrations), then each registration's own (position, one per
    /// person and matter, the registry's file or the form); the applicant accounts the public form opens (one per
    /// person, at their first registration: EXM-9).
    func insertRegistrations(_ batch: [PreparedRegistration], ladder: RankLadder, _ tx: Transaction) async throws -> [Result<Registration, any Error>] {
        let now = nowSeconds, today = today.yearMonth
        var out = [Result<Registration, any Error>](repeating: .failure(NotPermitted()), count: batch.count)
        var created: [(index: Int, record: ApplicantRecord, receipt: RegistrationReceipt)] = []
        for (matterID, indices) in Dictionary(grouping: batch.indices, by: { batch[$0].matterID }) {
            let matter: Matter, c: Competition
            do {
                guard let rec = try await MatterRowSQL.load(matterID, tx.db) else { throw InvalidInput(field: "matter", .notFound(matterID.uuidString)) }
                matter = try Self.decode(Matter.self, rec.state)
                try matter.require(.registration)
                c = try await Self.loadCompetition(matterID, tx.db).1
                try c.acceptsRegistration(at: now)
            } catch {
                for i in indices { out[i] = .failure(error) }
                continue
            }
            var taken = Set(try await RegistrationSQL.registered(matterID, digests: indices.map { batch[$0].digest }, tx.db))
            let cadres = Dictionary(try await CadreRecord.query(on: tx.db).filter(\.$residentID ~~ indices.map { batch[$0].resident.value }).all()
                .compactMap { c in c.residentID.map { ($0, c) } }, uniquingKeysWith: { a, _ in a })
            for i in indices {
                do {
                    let (a, pos) = try await Self.applicant(batch[i], matter: matter, c, cadre: cadres[batch[i].resident.value], taken: &taken,
                                                            ladder: ladder, now: now, today: today, tx.db)
                    created.append((i, a, RegistrationReceipt(matterTitle: matter.title, position: pos.unitName + pos.post,
                                                              residentMasked: a.residentMasked, name: a.name, at: now, internalFile: a.cadreID != nil)))
                } catch {
                    out[i] = .failure(error)
                }
            }
        }
        if created.isEmpty { throw RefusedRegistrations(outcomes: out) }
        // the accounts: only for those who have none yet (no password hash here: the code sets it at the first sign-in)
        let asking = created.filter { batch[$0.index].activation != nil }.map { batch[$0.index].digest }
        var accounts = Set(asking.isEmpty ? [] : try await RegistrationSQL.accounts(digests: asking, tx.db))
        var opened: [ApplicantAccountRecord] = []
        var events: [LedgerEvent] = []
        for (i, a, receipt) in created {
            let p = batch[i]
            var code: String? = nil
            if let activation = p.activation, accounts.insert(p.digest).inserted {
                let acc = ApplicantAccountRecord()
                acc.id = UUID(); acc.residentHMAC = p.digest; acc.codeHMAC = activation.digest; acc.failedLogins = 0; acc.createdAt = now
                opened.append(acc)
                code = activation.code
            }
            var payload: [String: LedgerValue] = ["applicant": .string(a.id!.uuidString), "position": .string(a.positionID), "channel": .string(a.channel),
                                                  "internal": .bool(a.cadreID != nil)]
            if code != nil { payload["account"] = .bool(true) }
            events.append(LedgerEvent(actor: p.actor, action: CompetitionLedgerAction.register, subjectType: "matter", subjectID: a.matterID.uuidString, payload: payload))
            out[i] = .success(Registration(applicant: a.id!, activationCode: code, hasAccount: accounts.contains(p.digest), receipt: receipt))
        }
        try await RegistrationSQL.insert(created.map(\.record), tx.db)
        if !opened.isEmpty { try await opened.create(on: tx.db) }
        try await tx.record(events)
        return out
    }

    /// One registration's row and its position, checked against the matter, the numbers already taken and the registry.
    static func applicant(_ p: PreparedRegistration, matter: Matter, _ c: Competition, cadre: CadreRecord?, taken: inout Set<String>,
                          ladder: RankLadder, now: Int64, today: YearMonth, _ db: any Database) async throws -> (ApplicantRecord, MatterPosition) {
        guard let pos = matter.plan.positions.first(where: { $0.id == p.position }), c.fates[p.position] == nil else { throw InvalidInput(field: "position", .notFound(p.position)) }
        guard taken.insert(p.digest).inserted else {
            throw InvalidInput(field: "resident", .described(zh: "此身份证号码已报名本事项；如需改报职位，请在截止前申请改报", en: "this identity number has already registered; to change position, ask to switch before the deadline"))
        }
        let a = ApplicantRecord()
        a.id = UUID(); a.matterID = p.matterID; a.positionID = pos.id; a.channel = p.channel.rawValue
        a.residentHMAC = p.digest; a.residentMasked = p.resident.masked; a.birth = p.resident.birthMonth.description
        a.withdrawn = false; a.enteredBy = p.actor; a.createdAt = now; a.updatedAt = now
        do {
            if let cadre {
                a.cadreID = cadre.id; a.unitID = cadre.unitID; a.name = cadre.name
                // the registry's file must be readable as it stands: the review needs its facts
                if try await Self.storedFile(cadre, on: db).facts(ladder: ladder) == nil {
                    throw InvalidInput(field: "resident", .described(zh: "干部档案缺少出生、参加工作时间或职级，请联系组织部门补全后再报名", en: "the registry file lacks birth, work start or rank; ask the organization department to complete it first"))
                }
            } else {
                guard Self.acceptsExternal(matter) else {
                    throw InvalidInput(field: "resident", .described(zh: "本事项为内部竞争上岗，只接受干部档案中人员报名", en: "this is an internal competition: only people on the registry may apply"))
                }
                guard let f = p.form else { throw InvalidInput(field: "name", .required) }
                try f.check(birth: p.resident.birthMonth, today: today)
                if !ladder.ranks.contains(where: { $0.level == f.grade }) { throw InvalidInput(field: "grade", .unknownValue("\(f.grade)")) }
                a.form = try Self.json(f); a.name = f.name
            }
        } catch {
            taken.remove(p.digest)   // refused: the number is not registered by this attempt
            throw error
        }
        return (a, pos)
    }

    /// Whether `user` enters registrations for the matter's unit: its organizers and clerks.
    static func enters(_ user: ActingUser, _ unit: UUID, _ db: any Database) async throws -> Bool {
        if user.isSystem { return true }
        return try await unitTree(on: db).permits(user, [.organizer, .clerk], on: unit)
    }

    /// Loads an applicant and its matter for a change by staff of the matter's unit (organizers; `clerks` too).
    static func loadApplicant(_ id: UUID, _ user: ActingUser, _ db: any Database, clerks: Bool = false) async throws -> (ApplicantRecord, MatterRecord, Matter) {
        guard let a = try await ApplicantRecord.find(id, on: db) else { throw InvalidInput(field: "applicant", .notFound(id.uuidString)) }
        guard let rec = try await MatterRowSQL.load(a.matterID, db) else { throw InvalidInput(field: "matter", .notFound(a.matterID.uuidString)) }
        let ok = clerks ? try await enters(user, rec.unitID, db) : try await matterAccess(user, unitID: rec.unitID, matterID: a.matterID, db)?.manages == true
        guard ok else { throw NotPermitted() }
        return (a, rec, try decode(Matter.self, rec.state))
    }

    /// ELG-8: a switch of position before the closing second (on the applicant's request, or when ELG-7 invites it).
    public func switchPosition(_ applicant: UUID, to position: String, by user: ActingUser) async throws {
        let now = nowSeconds
        try await write { tx in
            let (a, _, matter) = try await Self.loadApplicant(applicant, user, tx.db, clerks: true)
            let from = try await Self.switchApplicant(a, matter, to: position, at: now, tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.switchPosition, subjectType: "matter", subjectID: a.matterID.uuidString,
                                            payload: ["applicant": .string(applicant.uuidString), "from": .string(from), "to": .string(position)]))
        }
    }

    /// ELG-8: the rules of a switch, for staff and the applicant alike: the matter in registration, before the closing
    /// second (read inside the caller's transaction), to another open position, not after withdrawing. The review
    /// starts again. Returns the position switched from.
    static func switchApplicant(_ a: ApplicantRecord, _ matter: Matter, to position: String, at now: Int64, _ db: any Database) async throws -> String {
        let c = try await loadCompetition(a.matterID, db).1
        try matter.require(.registration)
        try c.acceptsRegistration(at: now)
        guard matter.plan.positions.contains(where: { $0.id == position }), c.fates[position] == nil else { throw InvalidInput(field: "position", .notFound(position)) }
        if a.withdrawn { throw InvalidInput(field: "applicant", .described(zh: "已退出报名", en: "has withdrawn")) }
        if a.positionID == position { throw InvalidInput(field: "position", .described(zh: "已报此职位", en: "already registered for this position")) }
        let from = a.positionID
        a.positionID = position; a.review = nil; a.qualified = nil; a.override = nil; a.updatedAt = now
        try await a.save(on: db)
        return from
    }

    /// An applicant withdraws (before the exam's papers are sealed); the row stays, marked.
    public func withdrawApplicant(_ applicant: UUID, reason: String, by user: ActingUser) async throws {
        let r = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if r.isEmpty { throw InvalidInput(field: "reason", .required) }
        let now = nowSeconds
        try await write { tx in
            let (a, _, _) = try await Self.loadApplicant(applicant, user, tx.db, clerks: true)
            if a.withdrawn { throw InvalidInput(field: "applicant", .described(zh: "已退出报名", en: "has withdrawn")) }
            if try await Self.loadCompetition(a.matterID, tx.db).1.sealedAt != nil {
                throw InvalidInput(field: "applicant", .described(zh: "试卷已密封编号，缺考请在评卷中登记", en: "the papers are sealed; record an absence in grading instead"))
            }
            a.withdrawn = true; a.updatedAt = now
            try await a.save(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.withdraw, subjectType: "matter", subjectID: a.matterID.uuidString,
                                            payload: ["applicant": .string(applicant.uuidString), "reason_hmac": .string(self.textDigest(r))]))
        }
    }

    /// ELG-9: the applicant's unit confirms the form: for a registry applicant, an organizer or clerk of the unit of
    /// their file; for an outside applicant, the matter's organizer records the unit's stamped form (`note`).
    public func confirmForm(_ applicant: UUID, note: String = "", by user: ActingUser) async throws {
        let now = nowSeconds
        try await write { tx in
            guard let a = try await ApplicantRecord.find(applicant, on: tx.db) else { throw InvalidInput(field: "applicant", .notFound(applicant.uuidString)) }
            guard let rec = try await MatterRowSQL.load(a.matterID, tx.db) else { throw InvalidInput(field: "matter", .notFound(a.matterID.uuidString)) }
            let matter = try Self.decode(Matter.self, rec.state)
            try matter.require(.registration, .qualificationReview)
            if let unit = a.unitID {
                guard try await Self.enters(user, unit, tx.db) else { throw NotPermitted() }
            } else {
                guard try await Self.matterAccess(user, unitID: rec.unitID, matterID: a.matterID, tx.db)?.manages == true else { throw NotPermitted() }
                if note.trimmingCharacters(in: .whitespaces).isEmpty {
                    throw InvalidInput(field: "note", .described(zh: "请写明所在单位盖章的报名表（如文号或收件日期）", en: "say which stamped form of the applicant's unit was received"))
                }
            }
            if a.confirmed != nil { throw InvalidInput(field: "applicant", .duplicate("确认")) }
            if note.count > 500 { throw InvalidInput(field: "note", .tooLong(max: 500)) }
            a.confirmed = try Self.json(Confirmation(by: user.name, at: now, note: note.trimmingCharacters(in: .whitespacesAndNewlines)))
            a.updatedAt = now
            try await a.save(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.confirm, subjectType: "matter", subjectID: a.matterID.uuidString,
                                            payload: ["applicant": .string(applicant.uuidString)]))
        }
    }

    /// The registrations a unit's staff confirm (ELG-9): registry applicants of the units their grants cover, not yet
    /// confirmed, in matters still in registration or review.
    public func awaitingConfirmation(by user: ActingUser) async throws -> [(matterID: UUID, matterTitle: String, applicant: ApplicantView)] {
        let tree = try await Self.unitTree(on: db)
        let rows = try await ApplicantRecord.query(on: db).filter(\.$confirmed == nil).filter(\.$withdrawn == false).all()
            .filter { $0.unitID.map { user.isSystem || tree.permits(user, [.organizer, .clerk], on: $0) } ?? false }
        let units = try await UnitRecord.query(on: db).all().reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        var out: [(UUID, String, ApplicantView)] = []
        for r in rows {
            guard let m = try await MatterRowSQL.load(r.matterID, db) else { continue }
            guard [StageKind.registration.rawValue, StageKind.qualificationReview.rawValue].contains(m.stage ?? "") else { continue }
            out.append((r.matterID, m.title, try Self.view(r, units)))
        }
        return out
    }

    // MARK: Qualification review (ELG-6, ELG-7)

    /// ELG-6: checks every applicant not yet reviewed against their position's conditions with the registry's
    /// engine; each failed condition is kept in words. Returns how many were reviewed.
    @discardableResult
    public func reviewApplicants(_ matterID: UUID, by user: ActingUser) async throws -> Int {
        let ladder = try await registrySettings().ladder
        let now = nowSeconds
        return try await write { tx in
            let (_, matter, _) = try await Self.loadMatter(matterID, user, tx.db) { $0.manages }
            try matter.require(.qualificationReview)
            let rows = try await ApplicantRecord.query(on: tx.db).filter(\.$matterID == matterID).filter(\.$withdrawn == false).all().filter { $0.review == nil }
            var passed = 0
            for a in rows {
                guard let pos = matter.plan.positions.first(where: { $0.id == a.positionID }) else { continue }
                let checks: [ConditionCheck]
                if let cadreID = a.cadreID, let cadre = try await CadreRecord.find(cadreID, on: tx.db),
                   let facts = try await Self.storedFile(cadre, on: tx.db).facts(ladder: ladder) {
                    checks = Eligibility.evaluate(facts, for: pos.conditions).map { ConditionCheck(passed: $0.passed, zh: $0.zh, en: $0.en) }
                } else if let text = a.form, let birth = YearMonth(a.birth) {
                    let f = try Self.decode(ApplicantForm.self, text)
                    checks = Eligibility.evaluate(f.facts(birth: birth), for: pos.conditions).map { ConditionCheck(passed: $0.passed, zh: $0.zh, en: $0.en) }
                } else {
                    checks = [ConditionCheck(passed: false, zh: "档案缺少出生、参加工作时间或职级，无法审查", en: "the file lacks birth, work start or rank and cannot be checked")]
                }
                a.review = try Self.json(checks)
                a.qualified = checks.allSatisfy(\.passed)
                if a.qualified == true { passed += 1 }
                a.updatedAt = now
                try await a.save(on: tx.db)
            }
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.review, subjectType: "matter", subjectID: matterID.uuidString,
                                            payload: ["reviewed": .int(Int64(rows.count)), "qualified": .int(Int64(passed))]))
            return rows.count
        }
    }

    /// ELG-6: a reviewer changes one applicant's outcome, only with a recorded reason (the engine's checks stay).
    public func overrideReview(_ applicant: UUID, qualified: Bool, reason: String, by user: ActingUser) async throws {
        let now = nowSeconds
        let o = try ReviewOverride(qualified: qualified, reason: reason, by: user.name, at: now)
        try await write { tx in
            let (a, _, matter) = try await Self.loadApplicant(applicant, user, tx.db)
            try matter.require(.qualificationReview)
            if a.review == nil { throw InvalidInput(field: "applicant", .described(zh: "尚未审查", en: "not yet reviewed")) }
            a.override = try Self.json(o); a.updatedAt = now
            try await a.save(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.override, subjectType: "matter", subjectID: a.matterID.uuidString,
                                            payload: ["applicant": .string(applicant.uuidString), "qualified": .bool(qualified), "reason_hmac": .string(self.textDigest(o.reason))]))
        }
    }

    /// ELG-7: a position below the opening ratio is dropped, or moved to another method with its approval. Refused
    /// for a position that meets the ratio.
    public func decidePosition(_ matterID: UUID, position: String, fate kind: PositionFate.Kind, reason: String, approval: String = "",
                               by user: ActingUser) async throws {
        let now = nowSeconds
        try await write { tx in
            let (_, matter, _) = try await Self.loadMatter(matterID, user, tx.db) { $0.manages }
            try matter.require(.qualificationReview)
            var (rec, c) = try await Self.loadCompetition(matterID, tx.db)
            let rows = try await ApplicantRecord.query(on: tx.db).filter(\.$matterID == matterID).filter(\.$withdrawn == false).all()
            guard let count = Self.counts(matter, c, rows).first(where: { $0.position.id == position }) else { throw InvalidInput(field: "position", .notFound(position)) }
            if !count.belowRatio {
                throw InvalidInput(field: "position", .described(zh: "该职位已达到开考比例，不能取消或改变方式", en: "this position meets the opening ratio"))
            }
            try c.decide(position: position, PositionFate(kind: kind, reason: reason, approval: approval, by: user.name, at: now))
            try await Self.saveCompetition(c, rec, matter: matterID, at: now, tx.db)
            rec = nil
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.fate, subjectType: "matter", subjectID: matterID.uuidString,
                                            payload: ["position": .string(position), "fate": .string(kind.rawValue), "qualified": .int(Int64(count.qualified)),
                                                      "needed": .int(Int64(count.needed)), "reason_hmac": .string(self.textDigest(reason))]))
        }
    }

    /// The facts the competitive stages' guards read (ELG-6…9, EXM-1, EXM-9).
    func competitionFacts(_ rec: MatterRecord, _ matter: Matter, _ db: any Database) async throws -> CompetitionFacts {
        let (_, c) = try await Self.loadCompetition(rec.id!, db)
        let rows = try await ApplicantRecord.query(on: db).filter(\.$matterID == rec.id!).filter(\.$withdrawn == false).all()
        var f = CompetitionFacts()
        f.now = nowSeconds
        f.closes = c.closes
        f.applicants = rows.count
        let open = rows.filter { c.fates[$0.positionID] == nil }
        f.unreviewed = open.filter { $0.review == nil }.count
        f.unconfirmed = open.filter { $0.confirmed == nil }.count
        f.belowRatio = Self.counts(matter, c, rows).filter { $0.fate == nil && $0.belowRatio }.compactMap {
            OpeningRatio.check(position: $0.position.post, qualified: $0.qualified, posts: $0.position.posts, ratio: Self.openingRatio(matter))
        }
        if matter.plan.procedure.stages.contains(.writtenExam) {
            f.sealed = c.sealedAt != nil
            f.keyOpened = c.keyOpened != nil
            if let rules = c.exam {
                let grading = try await Self.paperGrading(rec.id!, db)
                f.ungraded = grading.values.filter { $0.final(rules) == nil && !$0.absent }.count
            }
            let examined = Set(open.filter { $0.isQualified == true }.map(\.positionID))
            f.unpublished = matter.plan.positions.filter { examined.contains($0.id) && c.progression[$0.id] == nil }.map(\.post)
        }
        if matter.current == .interview || matter.current == .compositeScore {
            let hasWritten = matter.plan.procedure.stages.contains(.writtenExam)
            let candidates = try await Self.sheetApplicants(rec.id!, c, db).filter { !hasWritten || (c.progression[$0.positionID]?.advanced.contains(Self.sheetID($0)) ?? false) }
            let withCandidates = matter.plan.positions.filter { p in candidates.contains { $0.positionID == p.id } }
            f.panelsMissing = withCandidates.filter { c.panels[$0.id] == nil || c.panels[$0.id]?.short == true }
                .map { c.panels[$0.id]?.short == true ? $0.post + "（考官申报回避后缺额）" : $0.post }
            if !c.panels.isEmpty {
                f.interviewOpen = try await boardRows(rec.id!, matter, c, positions: nil, judge: nil, db).filter { !$0.absent && $0.locked < $0.panelSize }.map { "\($0.post)\($0.number)号" }
            }
            f.drawsHere = Self.drawsHere(matter)
            f.undrawn = withCandidates.filter { !c.isDrawn($0.id, at: matter.current!) }.map(\.post)
        }
        return f
    }
}

/// Everything the competition page shows, as one reader may see it.
public struct CompetitionOverview: Sendable {
    public var matter: Matter
    public var unitName: String
    public var competition: Competition
    public var counts: [PositionCount]
    public var applicants: [ApplicantView]
    /// Every paper's grading (no codes, no applicants): for progress only.
    public var grading: [PaperGrading]
    public var manages: Bool
    public var supervises: Bool
    /// ELG-9: applicants whose unit the reader confirms for (staff of that unit).
    public var confirmsFor: Set<UUID>
    public var registrationOpen: Bool
    public var ratio: Int
    public var waiting: [Refusal]
    /// Display names of the accounts that confirmed forms or opened the key (username → name).
    public var people: [String: String] = [:]
}

extension Store {
    /// The competition page's contents: organizers and supervisors of the matter's unit.
    public func competitionOverview(_ matterID: UUID, by user: ActingUser) async throws -> CompetitionOverview {
        let (rec, matter, access) = try await Self.loadMatter(matterID, user, db) { $0.manages || $0.supervises }
        let c = try await Self.loadCompetition(matterID, db).1
        let rows = try await RegistrationSQL.applicants(matterID, includingWithdrawn: true, db)
        let units = try await UnitRecord.query(on: db).all().reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        let tree = try await Self.unitTree(on: db)
        let confirms = Set(rows.filter { r in r.unitID.map { user.isSystem || tree.permits(user, [.organizer, .clerk], on: $0) } ?? false }.map { $0.id! })
        let stages = Set([matter.current, matter.next].compactMap { $0 })
        let facts = try await stageFacts(rec, matter, day: today, db, only: stages)
        return CompetitionOverview(matter: matter, unitName: units[rec.unitID] ?? "", competition: c, counts: Self.counts(matter, c, rows.filter { !$0.withdrawn }),
                                   applicants: try rows.map { try Self.view($0, units) }, grading: Array(try await Self.paperGrading(matterID, db).values),
                                   manages: access.manages, supervises: access.supervises, confirmsFor: confirms,
                                   registrationOpen: c.registrationOpen(at: nowSeconds), ratio: Self.openingRatio(matter), waiting: matter.waitingFor(facts),
                                   people: try await AccountRecord.query(on: db).all().reduce(into: [String: String]()) { $0[$1.username] = $1.displayName })
    }
}

/// A registration checked as far as it can be without the database, waiting for its batch.
struct PreparedRegistration: Sendable {
    var matterID: UUID
    var position: String
    var channel: ApplicantChannel
    var resident: ResidentID
    var digest: String
    var form: ApplicantForm?
    var actor: String
    /// The public form's registrations open the applicant's account: the one-time code (grouped) and its HMAC.
    var activation: (code: String, digest: String)?
}

/// Group commit of public registrations (the burst before a deadline): those that arrive together are checked and
/// written in one transaction; each caller gets its applicant id or its refusal only after that commit
/// (`scripts/load-register.py`, figures in the README).
final class RegistrationBatcher: Sendable {
    private let queue = GroupQueue<PreparedRegistration, Registration>(maxBatch: 256)

    func submit(_ registration: PreparedRegistration, store: Store) async throws -> Registration {
        try await queue.submit(registration) { batch in try await store.writeRegistrations(batch) }
    }
}
