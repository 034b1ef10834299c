@preconcurrency import Crypto
import FluentKit
import Foundation
import SQLKit
import SelectionCore

/// A case as its handling supervisors list it (no text, no reporter).
public struct CaseRow: Sendable {
    public var id: String
    public var value: ReportCase
    public var unitName: String
    public var handlingUnitName: String
    /// The reader reviews it as the forwarding unit (CAS-5), rather than handling it.
    public var reviewing: Bool
}

/// A case with its sealed text opened, for the supervisors handling it.
public struct CaseDetail: Sendable {
    public var row: CaseRow
    public var text: String
    /// What the reporter said it is about (to link the case, CAS-3).
    public var suggestedMatter: UUID?
    public var suggestedPerson: String
    public var attachments: [(id: String, type: String, size: Int)]
    public var realName: Bool
    /// CAS-2: only a supervisor the case is assigned to reads the identity (each reading recorded).
    public var mayReadIdentity: Bool
    public var handles: Bool
    public var reviews: Bool
    /// The running matters of the reported unit and below, with their people: the targets a case can be linked to.
    public var matters: [(id: UUID, title: String, people: [(id: UUID, name: String)])]
    /// The accounts that may be assigned: supervisors of the handling unit.
    public var supervisors: [String]
    /// The units below the handling unit (CAS-5 forwarding).
    public var lowerUnits: [UnitInfo]
    public var matterTitle: String?
    public var personName: String?
    public var typical: (title: String, text: String, on: String)?
}

/// A published typical case (CAS-6): the redacted text the supervisors wrote, nothing of the report itself.
public struct TypicalCase: Sendable {
    public var number: String
    public var kind: ReportKind
    public var finding: CaseFinding?
    public var title: String
    public var text: String
    public var published: String
}

/// What a case step asks for.
public enum CaseStepInput: Sendable {
    case assign([String])
    case investigate
    case target(matter: UUID?, person: UUID?)
    case forward(UUID)
    case conclude(CaseFinding, conclusion: String, feedback: String)
    case review(accept: Bool, note: String)
    case extend(reason: String)
}

struct CaseStoredRow: Decodable {
    var id: String
    var state_json: String
    var typical_title: String?
    var typical_text: String?
    var typical_on: String?
}

extension Store {
    static func caseRows(_ db: any Database, where clause: SQLQueryString? = nil) async throws -> [CaseStoredRow] {
        let sql = db as! any SQLDatabase
        if let clause {
            return try await sql.raw("SELECT id, state_json, typical_title, typical_text, typical_on FROM report_cases WHERE " + clause).all(decoding: CaseStoredRow.self)
        }
        return try await sql.raw("SELECT id, state_json, typical_title, typical_text, typical_on FROM report_cases").all(decoding: CaseStoredRow.self)
    }

    static func handles(_ user: ActingUser, _ c: ReportCase, _ tree: UnitTree) -> Bool {
        user.isSystem || tree.permits(user, [.supervisor], on: c.handlingUnit)
    }

    static func reviews(_ user: ActingUser, _ c: ReportCase, _ tree: UnitTree) -> Bool {
        guard let from = c.forwardedFrom else { return false }
        return user.isSystem || tree.permits(user, [.supervisor], on: from)
    }

    /// CAS-1, CAS-5: the cases `user` handles or reviews as a supervisor, newest first; open ones first.
    public func cases(by user: ActingUser) async throws -> [CaseRow] {
        let tree = try await Self.unitTree(on: db)
        let names = Dictionary(uniqueKeysWithValues: tree.units.map { ($0.id, $0.name) })
        var out: [CaseRow] = []
        for r in try await Self.caseRows(db) {
            let c = try Self.decode(ReportCase.self, r.state_json)
            let h = Self.handles(user, c, tree), rv = Self.reviews(user, c, tree)
            guard h || rv else { continue }
            out.append(CaseRow(id: r.id, value: c, unitName: names[c.unit] ?? "", handlingUnitName: names[c.handlingUnit] ?? "", reviewing: !h && rv))
        }
        return out.sorted { ($0.value.isOpen ? 1 : 0, $0.value.received, $0.value.number) > ($1.value.isOpen ? 1 : 0, $1.value.received, $1.value.number) }
    }

    /// One case with its text, for a supervisor who handles or reviews it.
    public func caseDetail(_ id: String, by user: ActingUser) async throws -> CaseDetail {
        let tree = try await Self.unitTree(on: db)
        guard let r = try await Self.caseRows(db, where: "id = \(bind: id)").first else { throw InvalidInput(field: "case", .notFound(id)) }
        let c = try Self.decode(ReportCase.self, r.state_json)
        let h = Self.handles(user, c, tree), rv = Self.reviews(user, c, tree)
        guard h || rv else { throw NotPermitted() }
        struct Content: Decodable { var sealed_text: String; var sealed_identity: String? }
        let sql = db as! any SQLDatabase
        guard let content = try await sql.raw("SELECT sealed_text, sealed_identity FROM report_contents WHERE case_id = \(bind: id)").first(decoding: Content.self) else {
            throw InvalidInput(field: "case", .notFound(id))
        }
        let opened = try JSONDecoder().decode(ReportContent.self, from: try reportKeys.open(content.sealed_text, caseID: id, purpose: "text"))
        struct Att: Decodable { var id: String; var type: String; var size: Int }
        let atts = try await sql.raw("SELECT id, type, size FROM report_attachments WHERE case_id = \(bind: id) ORDER BY id").all(decoding: Att.self)
        let names = Dictionary(uniqueKeysWithValues: tree.units.map { ($0.id, $0.name) })
        // the running matters of the reported unit and below, with their people (CAS-3 targets)
        let scope = tree.below([c.unit])
        var matters: [(id: UUID, title: String, people: [(id: UUID, name: String)])] = []
        for m in try await MatterRecord.query(on: db).filter(\.$phase == MatterPhase.running.rawValue).sort(\.$title).all() where scope.contains(m.unitID) {
            let people = try await MatterPersonRecord.query(on: db).filter(\.$matterID == m.id!).sort(\.$name).all()
            matters.append((m.id!, m.title, people.map { ($0.id!, $0.name) }))
        }
        let supervisors = try await accounts().filter { a in !a.disabled && tree.roles(of: a, on: c.handlingUnit).contains(.supervisor) }.map(\.username).sorted()
        let lower = tree.units.filter { $0.id != c.handlingUnit && tree.below([c.handlingUnit]).contains($0.id) }
        var matterTitle: String? = nil, personName: String? = nil
        if let m = c.matter { matterTitle = try await MatterRecord.find(m, on: db)?.title }
        if let p = c.person { personName = try await MatterPersonRecord.find(p, on: db)?.name }
        return CaseDetail(row: CaseRow(id: id, value: c, unitName: names[c.unit] ?? "", handlingUnitName: names[c.handlingUnit] ?? "", reviewing: !h && rv),
                          text: opened.text, suggestedMatter: opened.matter, suggestedPerson: opened.person,
                          attachments: atts.map { ($0.id, $0.type, $0.size) }, realName: content.sealed_identity != nil,
                          mayReadIdentity: h && content.sealed_identity != nil && (user.isSystem || c.assignees.contains(user.name)),
                          handles: h, reviews: rv, matters: matters, supervisors: supervisors, lowerUnits: lower,
                          matterTitle: matterTitle, personName: personName,
                          typical: r.typical_title.map { ($0, r.typical_text ?? "", r.typical_on ?? "") })
    }

    /// An attachment, opened, for a supervisor who handles the case.
    public func caseAttachment(_ id: String, attachment: String, by user: ActingUser) async throws -> (type: String, bytes: Data) {
        let tree = try await Self.unitTree(on: db)
        guard let r = try await Self.caseRows(db, where: "id = \(bind: id)").first else { throw InvalidInput(field: "case", .notFound(id)) }
        guard Self.handles(user, try Self.decode(ReportCase.self, r.state_json), tree) else { throw NotPermitted() }
        struct Att: Decodable { var type: String; var sealed: String }
        guard let a = try await (db as! any SQLDatabase).raw("SELECT type, sealed FROM report_attachments WHERE id = \(bind: attachment) AND case_id = \(bind: id)").first(decoding: Att.self) else {
            throw InvalidInput(field: "attachment", .notFound(attachment))
        }
        return (a.type, try reportKeys.open(a.sealed, caseID: id, purpose: "attachment:" + attachment))
    }

    /// CAS-2: a real-name reporter's identity, for a supervisor the case is assigned to. The reading is recorded in
    /// the ledger (who read which case's reporter) in the same transaction, before the identity is returned.
    public func readReporterIdentity(_ id: String, by user: ActingUser) async throws -> ReporterIdentity {
        let keys = reportKeys
        return try await write { tx in
            let tree = try await Self.unitTree(on: tx.db)
            guard let r = try await Self.caseRows(tx.db, where: "id = \(bind: id)").first else { throw InvalidInput(field: "case", .notFound(id)) }
            let c = try Self.decode(ReportCase.self, r.state_json)
            guard Self.handles(user, c, tree), user.isSystem || c.assignees.contains(user.name) else { throw NotPermitted() }
            struct Content: Decodable { var sealed_identity: String? }
            guard let sealed = try await (tx.db as! any SQLDatabase).raw("SELECT sealed_identity FROM report_contents WHERE case_id = \(bind: id)").first(decoding: Content.self)?.sealed_identity else {
                throw InvalidInput(field: "identity", .described(zh: "该举报为匿名举报", en: "the report is anonymous"))
            }
            try await tx.record(LedgerEvent(actor: user.name, action: SupervisionLedgerAction.identityRead, subjectType: "case", subjectID: id,
                                            payload: ["case": .string(c.number)]))
            return try JSONDecoder().decode(ReporterIdentity.self, from: try keys.open(sealed, caseID: id, purpose: "identity"))
        }
    }

    /// One step of the case workflow, with its ledger entry and CAS-3 effects, in one transaction.
    public func stepCase(_ id: String, _ step: CaseStepInput, by user: ActingUser) async throws {
        let day = today
        try await write { tx in
            let tree = try await Self.unitTree(on: tx.db)
            guard let r = try await Self.caseRows(tx.db, where: "id = \(bind: id)").first else { throw InvalidInput(field: "case", .notFound(id)) }
            var c = try Self.decode(ReportCase.self, r.state_json)
            let before = c.effect
            var action: SupervisionLedgerAction
            var payload: [String: LedgerValue] = ["case": .string(c.number)]
            if case .review = step {
                guard Self.reviews(user, c, tree) else { throw NotPermitted() }
            } else {
                guard Self.handles(user, c, tree) else { throw NotPermitted() }
            }
            switch step {
            case .assign(let names):
                let allowed = Set(try await self.using(tx.db).accounts().filter { a in !a.disabled && tree.roles(of: a, on: c.handlingUnit).contains(.supervisor) }.map(\.username))
                for n in names where !allowed.contains(n) {
                    throw InvalidInput(field: "assignees", .described(zh: "“\(n)”不是本案办理单位的纪检监察人员", en: "“\(n)” is not a supervisor of the handling unit"))
                }
                try c.assign(names, on: day, by: user.name)
                action = .assign; payload["assignees"] = .array(c.assignees.map { .string($0) })
            case .investigate:
                try c.investigate(on: day, by: user.name); action = .investigate
            case .target(let matter, let person):
                if let matter {
                    guard let m = try await MatterRecord.find(matter, on: tx.db), m.phase == MatterPhase.running.rawValue, tree.below([c.unit]).contains(m.unitID) else {
                        throw InvalidInput(field: "matter", .described(zh: "只能关联被反映单位正在进行的选拔任用事项", en: "link a running matter of the reported unit"))
                    }
                    if let person {
                        guard let p = try await MatterPersonRecord.find(person, on: tx.db), p.matterID == matter else { throw InvalidInput(field: "person", .notFound(person.uuidString)) }
                    }
                }
                try c.target(matter: matter, person: person, on: day, by: user.name)
                action = .target
                payload["matter"] = matter.map { .string($0.uuidString) } ?? .null
                payload["person"] = person.map { .string($0.uuidString) } ?? .null
            case .forward(let unit):
                guard tree.below([c.handlingUnit]).contains(unit), tree.permits(user, [.supervisor], on: unit) || user.isSystem else {
                    throw InvalidInput(field: "unit", .described(zh: "只能转办给下级单位", en: "forward to a unit below only"))
                }
                try c.forward(to: unit, on: day, by: user.name)
                action = .forward; payload["unit"] = .string(unit.uuidString)
            case .conclude(let finding, let conclusion, let feedback):
                try c.conclude(finding, conclusion: conclusion, feedback: feedback, on: day, by: user.name)
                action = .conclude; payload["verdict"] = .string(finding.rawValue); payload["note_hmac"] = .string(self.textDigest(conclusion))
            case .review(let accept, let note):
                try c.review(accept: accept, note: note, on: day, by: user.name)
                action = .review; payload["accepted"] = .bool(accept)
            case .extend(let reason):
                try c.extend(reason: reason, on: day, by: user.name)
                action = .extend; payload["reason_hmac"] = .string(self.textDigest(reason))
            }
            try await Self.saveCase(id, c, tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: action, subjectType: "case", subjectID: id, payload: payload))
            try await self.applyEffects(from: before, to: c.effect, number: c.number, user: user, day: day, tx)
        }
    }

    static func saveCase(_ id: String, _ c: ReportCase, _ db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("""
            UPDATE report_cases SET state = \(bind: c.state.rawValue), handling_unit_id = \(bind: c.handlingUnit.uuidString),
              forwarded_from = \(bind: c.forwardedFrom?.uuidString), matter_id = \(bind: c.matter?.uuidString), person_id = \(bind: c.person?.uuidString),
              state_json = \(bind: try json(c)) WHERE id = \(bind: id)
            """).run()
    }

    /// CAS-3: lifts what an effect did and applies the new one. A person's hold is a gate hold marked with the case
    /// number (never its content); a halt is read from the open cases by the matter's guards.
    func applyEffects(from old: CaseEffect?, to new: CaseEffect?, number: String, user: ActingUser, day: CivilDay, _ tx: Transaction) async throws {
        if old == new { return }
        let marker = "case:" + number
        switch old {
        case .haltMatter(let m)?:
            try await tx.record(LedgerEvent(actor: user.name, action: SupervisionLedgerAction.release, subjectType: "matter", subjectID: m.uuidString, payload: ["case": .string(number)]))
        case .holdPerson(let m, let p)?:
            if let rec = try await MatterPersonRecord.find(p, on: tx.db) {
                var gates = try Self.decode(PersonGates.self, rec.gates)
                for i in gates.holds.indices where gates.holds[i].by == marker && gates.holds[i].isOpen {
                    gates.holds[i].liftedReason = "举报\(number)已办结或不再涉及此人"
                    gates.holds[i].liftedBy = user.name; gates.holds[i].liftedOn = day
                }
                rec.gates = try Self.json(gates)
                try await rec.save(on: tx.db)
                try await tx.record(LedgerEvent(actor: user.name, action: MatterLedgerAction.holdLift, subjectType: "matter", subjectID: m.uuidString,
                                                payload: ["person": .string(p.uuidString), "case": .string(number)]))
            }
        case nil: break
        }
        switch new {
        case .haltMatter(let m)?:
            try await tx.record(LedgerEvent(actor: user.name, action: SupervisionLedgerAction.halt, subjectType: "matter", subjectID: m.uuidString, payload: ["case": .string(number)]))
        case .holdPerson(let m, let p)?:
            guard let rec = try await MatterPersonRecord.find(p, on: tx.db) else { throw InvalidInput(field: "person", .notFound(p.uuidString)) }
            var gates = try Self.decode(PersonGates.self, rec.gates)
            gates.holds.append(Hold(reason: "信访举报\(number)正在核查", by: marker, on: day))
            rec.gates = try Self.json(gates)
            try await rec.save(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: MatterLedgerAction.hold, subjectType: "matter", subjectID: m.uuidString,
                                            payload: ["person": .string(p.uuidString), "case": .string(number)]))
        case nil: break
        }
    }

    /// CAS-3: the numbers of the open cases that halt a matter (shown on its page; the guards refuse to advance).
    func haltingCases(_ matter: UUID, _ db: any Database) async throws -> [String] {
        struct Row: Decodable { var number: String }
        return try await (db as! any SQLDatabase).raw("""
            SELECT number FROM report_cases WHERE matter_id = \(bind: matter.uuidString) AND person_id IS NULL AND state <> 'concluded' ORDER BY number
            """).all(decoding: Row.self).map(\.number)
    }

    /// The open cases halting a matter, for its page (numbers only: the content is for the case's supervisors).
    public func haltingCases(matter: UUID, by user: ActingUser) async throws -> [String] {
        _ = try await self.matter(matter, by: user)
        return try await haltingCases(matter, db)
    }

    // MARK: CAS-1, CAS-5 statistics; CAS-6 typical cases

    /// The statistics of the cases received in `from…to` about the units `user` supervises or organizes.
    public func reportStatistics(from: CivilDay, to: CivilDay, threshold: Int, by user: ActingUser) async throws -> (stats: ReportStatistics, names: [UUID: String]) {
        let (values, names) = try await countedCases(by: user)
        return (ReportStatistics(values, from: from, to: to, today: today, threshold: threshold), names)
    }

    /// The cases about the units `user` supervises or organizes, as values (numbers, kinds, days, states: no text,
    /// no reporter), for statistics and charts; with the units' names.
    public func countedCases(by user: ActingUser) async throws -> (cases: [ReportCase], names: [UUID: String]) {
        if !user.isSystem && user.roles.isDisjoint(with: [.supervisor, .organizer]) { throw NotPermitted() }
        let tree = try await Self.unitTree(on: db)
        let values = try await Self.caseRows(db).map { try Self.decode(ReportCase.self, $0.state_json) }
            .filter { user.isSystem || tree.permits(user, [.supervisor, .organizer], on: $0.unit) }
        return (values, Dictionary(uniqueKeysWithValues: tree.units.map { ($0.id, $0.name) }))
    }

    /// CAS-6: publishes a concluded case as a typical case, with a redacted title and text the supervisor writes.
    public func publishTypicalCase(_ id: String, title rawTitle: String, text rawText: String, by user: ActingUser) async throws {
        let title = rawTitle.trimmingCharacters(in: .whitespacesAndNewlines), text = rawText.trimmingCharacters(in: .whitespacesAndNewlines)
        var issues: [InvalidInput.Issue] = []
        if title.isEmpty { issues.append(.init(field: "title", problem: .required)) } else if title.count > 100 { issues.append(.init(field: "title", problem: .tooLong(max: 100))) }
        if text.isEmpty { issues.append(.init(field: "text", problem: .required)) } else if text.count > 5000 { issues.append(.init(field: "text", problem: .tooLong(max: 5000))) }
        if !issues.isEmpty { throw InvalidInput(issues) }
        let day = today
        try await write { tx in
            let tree = try await Self.unitTree(on: tx.db)
            guard let r = try await Self.caseRows(tx.db, where: "id = \(bind: id)").first else { throw InvalidInput(field: "case", .notFound(id)) }
            let c = try Self.decode(ReportCase.self, r.state_json)
            guard Self.handles(user, c, tree) else { throw NotPermitted() }
            guard c.state == .concluded else { throw CaseError.wrongState(c.state) }
            try await (tx.db as! any SQLDatabase).raw("UPDATE report_cases SET typical_title = \(bind: title), typical_text = \(bind: text), typical_on = \(bind: day.description) WHERE id = \(bind: id)").run()
            try await tx.record(LedgerEvent(actor: user.name, action: SupervisionLedgerAction.publish, subjectType: "case", subjectID: id,
                                            payload: ["case": .string(c.number), "title_hmac": .string(self.textDigest(title)), "hmac": .string(self.textDigest(text))]))
        }
    }

    /// CAS-6: the published typical cases, newest first (public).
    public func typicalCases() async throws -> [TypicalCase] {
        try await Self.caseRows(db, where: "typical_title IS NOT NULL").compactMap { r -> TypicalCase? in
            let c = try Self.decode(ReportCase.self, r.state_json)
            return TypicalCase(number: c.number, kind: c.kind, finding: c.finding, title: r.typical_title ?? "", text: r.typical_text ?? "", published: r.typical_on ?? "")
        }.sorted { ($0.published, $0.number) > ($1.published, $1.number) }
    }
}
