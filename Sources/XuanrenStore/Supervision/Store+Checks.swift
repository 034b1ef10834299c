import FluentKit
import Foundation
import SQLKit
import SelectionCore
import Synchronization

/// Supervision checks of the selection work (CHK-1…6). Every operation takes the acting user and refuses
/// (`NotPermitted`) what their grants do not cover, inside the transaction of the change: organizers and supervisors
/// whose grants cover the checked unit read a check; a self-check is run by the unit's own organizers, a check from
/// above and a departure check by organizers and supervisors whose covering grant is on a higher unit; the checked
/// unit's organizers report rectification. Every state change is a pure transition of the `Check` value saved with
/// its ledger entry in one `write`.
extension Store {
    // MARK: Access

    /// What `user` may do on a check of `kind` on `unit` (see `CheckAccess`).
    static func checkAccess(_ user: ActingUser, kind: CheckKind, unit: UUID, tree: UnitTree) -> CheckAccess {
        if user.isSystem { return CheckAccess(reads: true, runs: true, rectifies: true) }
        let covering = user.grants.filter { ($0.role == .organizer || $0.role == .supervisor) && tree.covered(by: $0).contains(unit) }
        let organizes = covering.contains { $0.role == .organizer }
        var a = CheckAccess(reads: !covering.isEmpty)
        switch kind {
        // the unit's own organizers: a grant on the unit, or on the organization department of the unit's committee
        case .selfCheck: a.runs = covering.contains { $0.role == .organizer && home(of: $0, tree) == unit }
        // a grant on the checked unit itself is the unit's own: checking from above needs one on a higher unit
        case .fromAbove, .departure: a.runs = covering.contains { $0.unitID != unit }
        }
        a.rectifies = organizes || a.runs
        return a
    }

    /// The unit a grant belongs to: an organization department's or discipline commission's is its party committee's.
    static func home(of grant: GrantInfo, _ tree: UnitTree) -> UUID {
        guard let u = tree.units.first(where: { $0.id == grant.unitID }), u.kind == .organization || u.kind == .discipline, let parent = u.parentID else { return grant.unitID }
        return parent
    }

    /// Loads a check, refusing (`NotPermitted`) a reader it does not cover or an action `allowed` does not allow.
    static func loadCheck(_ id: UUID, _ user: ActingUser, _ db: any Database, _ allowed: (CheckAccess) -> Bool) async throws -> (CheckRecord, Check, CheckAccess) {
        guard let rec = try await CheckRecord.find(id, on: db) else { throw InvalidInput(field: "check", .notFound(id.uuidString)) }
        let check = try decode(Check.self, rec.value)
        let access = checkAccess(user, kind: check.kind, unit: rec.unitID, tree: try await unitTree(on: db))
        guard access.reads, allowed(access) else { throw NotPermitted() }
        return (rec, check, access)
    }

    /// CHK-2 “reported”: the registry cadres (their ids) that report cases (CAS-1) received in the period were linked
    /// to — a case about a person of a matter (CAS-3) — where the case is about the unit's tree. Whatever the finding:
    /// a reported file is reviewed. Reports received during publicity (PUB-2) are read from the publicity records.
    func reportedPeople(unit: UUID, period: CheckPeriod) async throws -> Set<UUID> {
        let scope = try await Self.unitTree(on: db).below([unit])
        var out = Set<UUID>()
        for r in try await Self.caseRows(db, where: "person_id IS NOT NULL") {
            let c = try Self.decode(ReportCase.self, r.state_json)
            guard scope.contains(c.unit), c.received >= period.from, c.received <= period.to, let p = c.person else { continue }
            if let cadre = try await MatterPersonRecord.find(p, on: db)?.cadreID { out.insert(cadre) }
        }
        return out
    }

    // MARK: Create and list

    /// CHK-1, CHK-6: a check of `unit` over `period`. A self-check by the unit's organizers; a check from above or a
    /// departure check by organizers or supervisors of a higher unit. A departure check is of a party committee (its
    /// secretary's tenure) and names the secretary.
    public func createCheck(kind: CheckKind, unit: UUID, period: CheckPeriod, title: String, secretary: String? = nil,
                            settings: MandatorySettings = MandatorySettings(), by user: ActingUser) async throws -> UUID {
        let id = UUID(), now = nowSeconds
        try await write { tx in
            let tree = try await Self.unitTree(on: tx.db)
            guard let u = tree.units.first(where: { $0.id == unit }) else { throw InvalidInput(field: "unit", .notFound(unit.uuidString)) }
            guard Self.checkAccess(user, kind: kind, unit: unit, tree: tree).runs else { throw NotPermitted() }
            if kind == .departure && u.kind != .partyCommittee {
                throw InvalidInput(field: "unit", .described(zh: "离任检查的对象是党委书记，应选择党委（县委、市委）", en: "a departure check concerns a party secretary: choose a party committee"))
            }
            let check = try Check.plan(kind: kind, title: title, unitName: u.name, period: period, secretary: secretary, settings: settings)
            let rec = CheckRecord()
            rec.id = id; rec.unitID = unit; rec.kind = kind.rawValue; rec.title = check.title; rec.state = check.state.rawValue
            rec.periodFrom = period.from.description; rec.periodTo = period.to.description; rec.value = try Self.json(check)
            rec.createdBy = user.name; rec.createdAt = now; rec.updatedAt = now
            try await rec.create(on: tx.db)
            var payload: [String: LedgerValue] = ["unit": .string(unit.uuidString), "kind": .string(kind.rawValue),
                                                  "period_from": .string(period.from.description), "period_to": .string(period.to.description),
                                                  "title_hmac": .string(self.textDigest(check.title))]
            if let s = check.secretary { payload["secretary_hmac"] = .string(self.textDigest(s)) }
            try await tx.record(LedgerEvent(actor: user.name, action: CheckLedgerAction.create, subjectType: "check", subjectID: id.uuidString, payload: payload))
        }
        return id
    }

    /// The checks of the units where `user` organizes or supervises, newest change first.
    public func checks(visibleTo user: ActingUser, limit: Int = 500) async throws -> [CheckSummary] {
        let tree = try await Self.unitTree(on: db)
        var q = CheckRecord.query(on: db)
        if let scope = tree.scope(of: user, roles: [.organizer, .supervisor]) {
            if scope.isEmpty { return [] }
            q = q.filter(\.$unitID ~~ Array(scope))
        }
        let names = Dictionary(tree.units.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return try await q.sort(\.$updatedAt, .descending).limit(limit).all().compactMap { r in
            guard let kind = CheckKind(rawValue: r.kind), let state = CheckState(rawValue: r.state),
                  let from = CivilDay(r.periodFrom), let to = CivilDay(r.periodTo), let period = try? CheckPeriod(from: from, to: to) else { return nil }
            return CheckSummary(id: r.id!, title: r.title, kind: kind, unitID: r.unitID, unitName: names[r.unitID] ?? "", period: period, state: state, updatedAt: r.updatedAt)
        }
    }

    /// The units on which `user` may plan a check of `kind` (for the form).
    public func checkableUnits(kind: CheckKind, by user: ActingUser) async throws -> [UnitInfo] {
        let tree = try await Self.unitTree(on: db)
        return tree.units.filter { Self.checkAccess(user, kind: kind, unit: $0.id, tree: tree).runs && (kind != .departure || $0.kind == .partyCommittee) }
    }

    /// A check with its files, sample, context and what the reader may do.
    public func checkView(_ id: UUID, by user: ActingUser) async throws -> CheckView {
        let (rec, check, access) = try await Self.loadCheck(id, user, db) { _ in true }
        let files = try await CheckFileRecord.query(on: db).filter(\.$checkID == id).sort(\.$sort).all().map(Self.fileView)
        let unitName = try await UnitRecord.find(rec.unitID, on: db)?.name ?? check.unitName
        return CheckView(id: id, check: check, unitID: rec.unitID, unitName: unitName, createdBy: rec.createdBy, files: files,
                         context: try rec.context.map { try Self.decode(CheckContext.self, $0) }, access: access)
    }

    static func fileView(_ r: CheckFileRecord) throws -> CheckFileView {
        CheckFileView(id: r.id!, matterID: r.matterID, personID: r.personID, cadreID: r.cadreID, name: r.name, post: r.post, appointed: CivilDay(r.appointed),
                      facts: try decode(CheckFileFacts.self, r.facts), mandatory: reasons(r.reasons), lot: r.lot, sampled: r.sampled,
                      review: try r.review.map { try decode(FileReview.self, $0) })
    }

    static func reasons(_ column: String) -> [MandatoryReason] { column.split(separator: ",").compactMap { MandatoryReason(rawValue: String($0)) } }

    // MARK: CHK-2 the sample

    /// CHK-2: takes the list of newly promoted cadres of the unit's tree appointed in the period, with the facts of
    /// the mandatory reasons, and draws the sample from a seed of the store's random source — once. The ledger entry
    /// holds the seed and the SHA-256 of the list and of the sample, so that anyone can re-draw it
    /// (`xuanren sample --check ID --seed S`).
    @discardableResult
    public func drawCheckSample(_ id: UUID, by user: ActingUser) async throws -> FileSampling.Sample {
        let seed = random.next()
        let now = nowSeconds, day = today
        return try await write { tx in
            let (rec, check, _) = try await Self.loadCheck(id, user, tx.db) { $0.runs }
            if check.state != .planned { throw check.draw.map { CheckError.alreadyDrawn($0.seed) } ?? CheckError.wrongState(check.state, expected: [.planned]) }
            let tree = try await Self.unitTree(on: tx.db)
            let gathered = try await self.using(tx.db).gatherPromotions(unit: rec.unitID, check: check, tree: tree)
            let sample = try FileSampling.draw(gathered.files.map { FileSampling.File(id: $0.personID.uuidString, mandatory: $0.mandatory) }, seed: seed)
            var c = check
            try c.recordDraw(CheckDraw(sample, day: day, by: user.name))
            let picked = Dictionary(sample.picked.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var rows: [CheckFileRecord] = []
            for (i, g) in gathered.files.enumerated() {
                let r = CheckFileRecord()
                r.id = UUID(); r.checkID = id; r.sort = i; r.matterID = g.matterID; r.personID = g.personID; r.cadreID = g.cadreID
                r.name = g.name; r.post = g.post; r.appointed = g.appointed.description; r.facts = try Self.json(g.facts)
                r.reasons = g.mandatory.map(\.rawValue).joined(separator: ",")
                let p = picked[g.personID.uuidString]
                r.lot = p?.lot; r.sampled = p != nil
                rows.append(r)
            }
            for chunk in stride(from: 0, to: rows.count, by: 200) { try await rows[chunk ..< min(rows.count, chunk + 200)].create(on: tx.db) }
            rec.context = try Self.json(gathered.context)
            try await Self.saveCheck(c, rec, now, tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: CheckLedgerAction.draw, subjectType: "check", subjectID: id.uuidString,
                                            payload: Self.drawPayload(sample, ids: gathered.files.map { $0.personID.uuidString })))
            return sample
        }
    }

    /// The draw in the ledger: the seed (as a string: JSON readers may hold numbers as doubles), the counts, and the
    /// SHA-256 of the list (ids sorted, one per line) and of the sample (`id lot reasons`, one per line, in order).
    static func drawPayload(_ s: FileSampling.Sample, ids: [String]) -> [String: LedgerValue] {
        ["seed": .string(String(s.seed)), "files": .int(Int64(s.files)), "drawn": .int(Int64(s.drawn)), "mandatory": .int(Int64(s.mandatory)),
         "sampled": .int(Int64(s.picked.count)), "list_sha256": .string(sha256(ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.joined(separator: "\n"))),
         "sample_sha256": .string(sampleDigest(s))]
    }

    /// The SHA-256 of a sample: one line per file, `id lot reasons` (lot `-` when only a reason put it there).
    public static func sampleDigest(_ s: FileSampling.Sample) -> String {
        sha256(s.picked.map { "\($0.id) \($0.lot.map(String.init) ?? "-") \($0.mandatory.map(\.rawValue).joined(separator: ","))" }.joined(separator: "\n"))
    }

    /// CHK-2: the sample drawn again from the check's stored list with `seed` (default: the recorded one) — what
    /// `xuanren sample` prints. With the recorded seed it is the recorded sample (`matchesRecorded`).
    public func checkSample(_ id: UUID, seed: UInt64? = nil, by user: ActingUser) async throws -> CheckSampleReport {
        let (_, check, _) = try await Self.loadCheck(id, user, db) { _ in true }
        guard let draw = check.draw else { throw CheckError.wrongState(check.state, expected: [.drawn]) }
        struct Row: Decodable { var person_id: UUID; var name: String; var post: String; var reasons: String; var lot: Int?; var sampled: Bool }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT person_id, name, post, reasons, lot, sampled FROM check_files WHERE check_id = \(bind: id) ORDER BY sort
            """).all(decoding: Row.self)
        var files: [FileSampling.File] = [], byID: [String: CheckSampleReport.Row] = [:], stored: [String: Int?] = [:]
        files.reserveCapacity(rows.count); byID.reserveCapacity(rows.count)
        for r in rows {
            let key = r.person_id.uuidString, reasons = Self.reasons(r.reasons)
            files.append(FileSampling.File(id: key, mandatory: reasons))
            byID[key] = CheckSampleReport.Row(name: r.name, post: r.post)
            if r.sampled { stored[key] = r.lot }
        }
        let sample = try FileSampling.draw(files, seed: seed ?? draw.seed)
        let matches = sample.picked.count == stored.count && sample.picked.allSatisfy { p in stored[p.id].map { $0 == p.lot } ?? false }
        return CheckSampleReport(checkID: id, title: check.title, unitName: check.unitName, period: check.period, recordedSeed: draw.seed, sample: sample,
                                 files: byID, matchesRecorded: matches && sample.seed == draw.seed)
    }

    // MARK: Transitions

    static func saveCheck(_ c: Check, _ rec: CheckRecord, _ now: Int64, _ db: any Database) async throws {
        rec.value = try json(c); rec.state = c.state.rawValue; rec.title = c.title; rec.updatedAt = now
        try await rec.save(on: db)
    }

    /// Loads a check in a transaction, checks the reader with `allowed`, applies `change` and saves it with a ledger
    /// entry (`payload` and what `change` returns).
    func changeCheck(_ id: UUID, by user: ActingUser, action: CheckLedgerAction, payload: [String: LedgerValue] = [:],
                     allowed: @escaping @Sendable (CheckAccess) -> Bool,
                     _ change: @escaping @Sendable (inout Check, CheckRecord, Transaction) async throws -> [String: LedgerValue]) async throws {
        let now = nowSeconds
        try await write { tx in
            let (rec, check, _) = try await Self.loadCheck(id, user, tx.db, allowed)
            var c = check
            let extra = try await change(&c, rec, tx)
            try await Self.saveCheck(c, rec, now, tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: action, subjectType: "check", subjectID: id.uuidString, payload: payload.merging(extra) { _, b in b }))
        }
    }

    static func checkFile(_ file: UUID, of check: UUID, _ db: any Database) async throws -> CheckFileRecord {
        guard let f = try await CheckFileRecord.find(file, on: db), f.checkID == check else { throw InvalidInput(field: "file", .notFound(file.uuidString)) }
        return f
    }

    /// CHK-2: the team's checklist of one file (any file of the list; those of the sample must all be reviewed). A file
    /// reviewed again keeps the later review (both are in the ledger).
    public func reviewCheckFile(_ id: UUID, file: UUID, answers: [FileReview.Answer], by user: ActingUser) async throws {
        let day = today, now = nowSeconds
        try await changeCheck(id, by: user, action: .review, allowed: { $0.runs }) { c, _, tx in
            let f = try await Self.checkFile(file, of: id, tx.db)
            let review = try FileReview(answers: answers, by: user.name, on: day)
            try c.fileReviewed()
            let json = try Self.json(review)
            f.review = json; f.reviewedAt = now
            try await f.save(on: tx.db)
            return ["file": .string(f.personID.uuidString), "problems": .int(Int64(review.problems.count)), "sha256": .string(Self.sha256(json))]
        }
    }

    /// CHK-3: the team's answer to a question on the main leaders.
    public func answerLeaderQuestion(_ id: UUID, question: LeaderQuestion, found: Bool, note: String, by user: ActingUser) async throws {
        let day = today
        try await changeCheck(id, by: user, action: .answer, payload: ["question": .string(question.rawValue), "found": .bool(found), "note_hmac": .string(textDigest(note))],
                              allowed: { $0.runs }) { c, _, _ in
            try c.answer(question, found: found, note: note, by: user.name, on: day)
            return [:]
        }
    }

    /// CHK-4: a problem found, with its requirement — about a file of the check, a CHK-3 question, or the unit's work
    /// as a whole; in a departure check (CHK-6) with an accountability proposal. Returns its id (`F1` …).
    @discardableResult
    public func addCheckFinding(_ id: UUID, rule: String, problem: String, requirement: String, file: UUID? = nil, question: LeaderQuestion? = nil,
                                accountability: String = "", by user: ActingUser) async throws -> String {
        let day = today
        let result = Mutex<String>("")
        var payload: [String: LedgerValue] = ["problem_hmac": .string(textDigest(problem)), "requirement_hmac": .string(textDigest(requirement))]
        if !accountability.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { payload["accountability_hmac"] = .string(textDigest(accountability)) }
        if let question { payload["question"] = .string(question.rawValue) }
        try await changeCheck(id, by: user, action: .finding, payload: payload, allowed: { $0.runs }) { c, _, tx in
            var name: String?, key: String?, extra: [String: LedgerValue] = [:]
            if let file {
                let f = try await Self.checkFile(file, of: id, tx.db)
                name = f.name; key = f.id!.uuidString; extra["file"] = .string(f.personID.uuidString)
            }
            let fid = try c.addFinding(rule: rule, problem: problem, requirement: requirement, file: key, fileName: name, question: question,
                                       accountability: accountability, by: user.name, on: day)
            result.withLock { $0 = fid }
            extra["finding_id"] = .string(fid); extra["rule"] = .string(c.findings.last?.rule ?? rule)
            return extra
        }
        return result.withLock { $0 }
    }

    /// CHK-2…4: the review concluded: every sampled file reviewed, every CHK-3 question answered, every problem found
    /// among the findings.
    public func concludeCheckReview(_ id: UUID, by user: ActingUser) async throws {
        let day = today
        try await changeCheck(id, by: user, action: .conclude, allowed: { $0.runs }) { c, _, tx in
            let files = try await CheckFileRecord.query(on: tx.db).filter(\.$checkID == id).sort(\.$sort).all()
            let unreviewed = files.filter { $0.sampled && $0.review == nil }.map(\.name)
            var problems: [String: String] = [:]
            for f in files { if let r = f.review, try !Self.decode(FileReview.self, r).problems.isEmpty { problems[f.id!.uuidString] = f.name } }
            try c.concludeReview(unreviewed: unreviewed, problemFiles: problems, on: day)
            return ["findings": .int(Int64(c.findings.count))]
        }
    }

    /// CHK-4: the rectification notice to the unit, dated today, signed by the issuing body, with the day by which the
    /// unit reports.
    public func issueRectificationNotice(_ id: UUID, reference: String, issuer: String, deadline: CivilDay, by user: ActingUser) async throws {
        let day = today
        try await changeCheck(id, by: user, action: .notice, payload: ["reference_hmac": .string(textDigest(reference)), "deadline": .string(deadline.description)],
                              allowed: { $0.runs }) { c, _, _ in
            try c.issueNotice(reference: reference, issuer: issuer, on: day, deadline: deadline, by: user.name)
            return ["findings": .int(Int64(c.findings.count))]
        }
    }

    /// CHK-4: the checked unit reports on an item of the notice (progress, or done).
    public func reportRectification(_ id: UUID, finding: String, text: String, done: Bool, by user: ActingUser) async throws {
        let day = today
        try await changeCheck(id, by: user, action: .report, payload: ["finding_id": .string(finding), "done": .bool(done), "progress_hmac": .string(textDigest(text))],
                              allowed: { $0.rectifies }) { c, _, _ in
            try c.followUp(finding, text: text, done: done, by: user.name, on: day)
            return [:]
        }
    }

    /// CHK-4: the checking side accepts an item reported done, or sends it back with the reason.
    public func verifyRectification(_ id: UUID, finding: String, accepted: Bool, note: String, by user: ActingUser) async throws {
        let day = today
        try await changeCheck(id, by: user, action: .verify, payload: ["finding_id": .string(finding), "accepted": .bool(accepted), "note_hmac": .string(textDigest(note))],
                              allowed: { $0.runs }) { c, _, _ in
            try c.verify(finding, accepted: accepted, note: note, by: user.name, on: day)
            return [:]
        }
    }

    /// CHK-4: the check closed: every item accepted, or nothing found.
    public func closeCheck(_ id: UUID, summary: String, by user: ActingUser) async throws {
        let day = today
        try await changeCheck(id, by: user, action: .close, payload: ["closing_hmac": .string(textDigest(summary))], allowed: { $0.runs }) { c, _, _ in
            try c.close(summary: summary, by: user.name, on: day)
            return ["findings": .int(Int64(c.findings.count))]
        }
    }
}
