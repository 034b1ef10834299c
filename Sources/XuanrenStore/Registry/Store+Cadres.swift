import FluentKit
import Foundation
import SQLKit
import SelectionCore
@preconcurrency import Crypto

/// One line of the registry list.
public struct CadreRow: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var sex: String
    public var birth: YearMonth?
    public var ethnicity: String
    public var unitID: UUID
    public var unitName: String
    public var post: String
    public var rank: String
    public var education: String
    public var findings: Int
    public var blocking: Int
}

/// Filters of the registry list; `units` is the reader's scope (nil = every unit).
public struct CadreFilter: Sendable {
    public var units: Set<UUID>? = nil
    public var unit: UUID? = nil
    public var text = ""
    public var rank = ""
    public var sex = ""
    public var minEducation: EducationLevel? = nil
    public var maxAge: Int? = nil
    public var onlyBlocking = false
    public var today = YearMonth.today
    public init() {}
}

/// The settings of the registry (REG-4 audit, ROT/ASM alerts) and the rank ladder.
public struct RegistrySettings: Sendable, Equatable, Codable {
    public var ladder = RankLadder.standard
    public var audit = AuditSettings()
    public var alerts = AlertSettings()
    public init() {}
}

public struct CadreDossier: Sendable {
    public var id: UUID
    /// Whether the reader sees the identity number, family data and photo (else `file` has them masked or
    /// removed) and may export the LRMX file; decided by the store from the reader's grants.
    public var sensitive = true
    /// Whether the reader may change the file.
    public var editable = true
    public var unitID: UUID
    public var unitName: String
    public var file: CadreFile
    public var findings: [Discrepancy]
    public var resolutions: [String: (reason: String, by: String, at: Int64)]
    public var blocking: Bool { FileAudit.hasBlocking(findings, resolved: Set(resolutions.keys)) }
}

public struct DuplicateMatch: Sendable {
    public var incoming: Int
    public var existingID: UUID
    public var existingName: String
    /// Names of the file parts that differ (what a merge would change).
    public var changed: [String]
}

/// What an import batch would meet in the registry, seen from the importer's units.
public struct DuplicateReport: Sendable {
    /// Registered files in the importer's units with an incoming identity number (a merge preview).
    public var registry: [DuplicateMatch] = []
    /// Incoming items whose identity number is registered outside the importer's units: refused, and never
    /// said to whom (or where) it belongs.
    public var outside: [Int] = []
    /// Pairs of items in the batch with the same identity number.
    public var inBatch: [(Int, Int)] = []
}

public struct ImportOutcome: Sendable, Equatable {
    public var created = 0
    public var merged = 0
    public var skipped = 0
    public init(created: Int = 0, merged: Int = 0, skipped: Int = 0) { self.created = created; self.merged = merged; self.skipped = skipped }
}

public struct CadreImportItem: Sendable {
    public var file: CadreFile
    public var unitID: UUID
    /// Where it came from: a file name or a spreadsheet line.
    public var source: String
    public init(file: CadreFile, unitID: UUID, source: String) { self.file = file; self.unitID = unitID; self.source = source }
}

extension YearMonth {
    /// This month on the Asia/Shanghai calendar.
    public static var today: YearMonth {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let c = cal.dateComponents([.year, .month], from: Date())
        return YearMonth(year: c.year!, month: c.month!)
    }
}

extension Store {
    var sql: any SQLDatabase { db as! any SQLDatabase }

    // MARK: Settings

    public func registrySettings() async throws -> RegistrySettings {
        guard let row = try await sql.raw("SELECT value FROM registry_settings WHERE key = 'registry'").first(),
              let data = try row.decode(column: "value", as: String.self).data(using: .utf8) else { return RegistrySettings() }
        return (try? JSONDecoder().decode(RegistrySettings.self, from: data)) ?? RegistrySettings()
    }

    /// Saves the settings; a changed ladder re-grades every cadre in the same transaction.
    public func saveRegistrySettings(_ settings: RegistrySettings, actor: String) async throws {
        let json = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
        try await write { tx in
            let sql = tx.db as! any SQLDatabase
            try await sql.raw("DELETE FROM registry_settings WHERE key = 'registry'").run()
            try await sql.raw("INSERT INTO registry_settings (key, value) VALUES ('registry', \(bind: json))").run()
            try await sql.raw("UPDATE cadres SET grade = 0").run()
            for r in settings.ladder.ranks { try await sql.raw("UPDATE cadres SET grade = \(bind: r.level) WHERE rank = \(bind: r.name)").run() }
            try await tx.record(LedgerEvent(actor: actor, action: RegistryLedgerAction.settings, subjectType: "registry", subjectID: "settings",
                                            payload: ["sha256": .string(Self.sha256(json)), "ranks": .int(Int64(settings.ladder.ranks.count))]))
        }
    }

    static func sha256(_ s: String) -> String { SHA256.hash(data: Data(s.utf8)).map { String(format: "%02x", $0) }.joined() }

    // MARK: Scope

    /// The units at or below those where the account holds one of `roles` (see `UnitTree.scope`).
    public func unitScope(of account: AccountInfo, roles: Set<Role>) async throws -> Set<UUID> {
        try await unitTree().scope(of: account, roles: roles)
    }

    public func unitTree() async throws -> UnitTree { UnitTree(try await units()) }

    /// The roles that create, change and import cadre files.
    public static let registryWriters: Set<Role> = [.organizer, .clerk]

    /// The units whose files `account` may create, change, merge into and import into: those its organizer and
    /// clerk grants cover (an organization department's grant covers its party committee's tree).
    public func registryWriteScope(of account: AccountInfo) async throws -> Set<UUID> {
        try await unitTree().scope(of: account, roles: Self.registryWriters)
    }

    static let outsideUnit = InvalidInput.Problem.described(zh: "不在您管理的单位范围内", en: "not among the units you manage")
    /// An identity number registered outside the actor's units: refused without saying to whom or where.
    public static func notYoursToImport(in language: Language) -> String {
        language == .en ? "this identity number cannot be imported by you; ask the organization department" : "此身份证号不能由您导入，请联系组织部门"
    }
    static func notYoursToImport(_ source: String) -> InvalidInput.Issue {
        .init(field: "residentID", problem: .described(zh: "\(source) " + notYoursToImport(in: .zhHans), en: "\(source): " + notYoursToImport(in: .en)))
    }
    static let notYoursToEnter = InvalidInput.Problem.described(zh: "此身份证号不能由您录入，请联系组织部门",
                                                               en: "this identity number cannot be entered by you; ask the organization department")

    // MARK: List

    public func cadreCount() async throws -> Int { try await CadreRecord.query(on: db).count() }

    func whereFilter(_ f: CadreFilter, allUnits: Int) -> SQLQueryString {
        var parts: [SQLQueryString] = ["1 = 1"]
        if let scope = f.units, scope.count < allUnits {
            let list = scope.map { "'\($0.uuidString)'" }.joined(separator: ",")
            parts.append("unit_id IN (\(unsafeRaw: scope.isEmpty ? "NULL" : list))")
        }
        if let u = f.unit { parts.append("unit_id = \(bind: u)") }
        let text = f.text.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty { parts.append("(name LIKE \(bind: "%" + text + "%") OR post LIKE \(bind: "%" + text + "%"))") }
        if !f.rank.isEmpty { parts.append("rank = \(bind: f.rank)") }
        if !f.sex.isEmpty { parts.append("sex = \(bind: f.sex)") }
        if let e = f.minEducation { parts.append("edu >= \(bind: e.rawValue)") }
        if let a = f.maxAge {
            // Age ≤ a at `today` ⇔ born after today − (a + 1) years.
            parts.append("birth_month > \(bind: f.today.adding(months: -(a + 1) * 12).description)")
        }
        if f.onlyBlocking { parts.append("blocking > 0") }
        var q: SQLQueryString = ""
        for (i, p) in parts.enumerated() { q = i == 0 ? p : q + " AND " + p }
        return q
    }

    /// A page of the registry list as `user` reads it: only the units its grants cover (`RegistryScope`).
    public func cadres(_ f: CadreFilter = CadreFilter(), offset: Int = 0, limit: Int = 50, by user: ActingUser) async throws -> (rows: [CadreRow], total: Int) {
        var f = f
        f.units = try await registryScope(of: user).readable(within: f.units)
        return try await cadres(f, offset: offset, limit: limit)
    }

    func cadres(_ f: CadreFilter = CadreFilter(), offset: Int = 0, limit: Int = 50) async throws -> (rows: [CadreRow], total: Int) {
        let index = try await unitIndex()
        let cond = whereFilter(f, allUnits: index.count)
        // A text filter scans every row anyway: then one scan gives the page and the number of
        // matches (a window count). Otherwise the count and the page each use an index.
        let windowed = !f.text.trimmingCharacters(in: .whitespaces).isEmpty
        let rows = try await sql.raw("""
            SELECT id, name, sex, birth_month, ethnicity, unit_id, post, rank, education, findings, blocking\(unsafeRaw: windowed ? ", COUNT(*) OVER () AS total" : "")
            FROM cadres WHERE \(cond) ORDER BY name, id LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))
            """).all()
        var total = windowed ? try rows.first?.decode(column: "total", as: Int.self) ?? 0 : 0
        if !windowed || (rows.isEmpty && offset > 0) {
            total = try await sql.raw("SELECT COUNT(*) AS n FROM cadres WHERE \(cond)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return (try rows.map { r in
            let unit = try r.decode(column: "unit_id", as: UUID.self)
            return CadreRow(id: try r.decode(column: "id", as: UUID.self), name: try r.decode(column: "name", as: String.self),
                            sex: try r.decode(column: "sex", as: String.self), birth: YearMonth(try r.decode(column: "birth_month", as: String.self)),
                            ethnicity: try r.decode(column: "ethnicity", as: String.self), unitID: unit, unitName: index[unit]?.name ?? "",
                            post: try r.decode(column: "post", as: String.self), rank: try r.decode(column: "rank", as: String.self),
                            education: try r.decode(column: "education", as: String.self), findings: try r.decode(column: "findings", as: Int.self),
                            blocking: try r.decode(column: "blocking", as: Int.self))
        }, total)
    }

    /// The files matching a filter as `user` reads them (exports): only its units, and the identity number
    /// masked, family data and photo removed where it lacks the sensitive grant.
    public func cadreFiles(_ f: CadreFilter, by user: ActingUser) async throws -> [(id: UUID, unitID: UUID, unitName: String, file: CadreFile)] {
        let scope = try await registryScope(of: user)
        var f = f
        f.units = scope.readable(within: f.units)
        return try await cadreFiles(f).map { r in
            (r.id, r.unitID, r.unitName, scope.seesSensitive(r.unitID) ? r.file : r.file.maskedForReader)
        }
    }

    /// The files matching a filter, read in one query, unscoped.
    func cadreFiles(_ f: CadreFilter) async throws -> [(id: UUID, unitID: UUID, unitName: String, file: CadreFile)] {
        let index = try await unitIndex()
        let rows = try await sql.raw("""
            SELECT id, unit_id, file_json, name, sex, birth_month, ethnicity, post, rank, party_month, work_start_month, education
            FROM cadres LEFT JOIN cadre_files ON cadre_files.cadre_id = cadres.id WHERE \(whereFilter(f, allUnits: index.count)) ORDER BY name, id
            """).all()
        return try rows.map { r in
            let rec = CadreRecord()
            rec.id = try r.decode(column: "id", as: UUID.self); rec.unitID = try r.decode(column: "unit_id", as: UUID.self)
            let json = try r.decode(column: "file_json", as: String?.self); rec.name = try r.decode(column: "name", as: String.self)
            rec.sex = try r.decode(column: "sex", as: String.self); rec.birthMonth = try r.decode(column: "birth_month", as: String.self)
            rec.ethnicity = try r.decode(column: "ethnicity", as: String.self); rec.post = try r.decode(column: "post", as: String.self)
            rec.rank = try r.decode(column: "rank", as: String.self); rec.partyMonth = try r.decode(column: "party_month", as: String?.self)
            rec.workStartMonth = try r.decode(column: "work_start_month", as: String.self); rec.education = try r.decode(column: "education", as: String.self)
            return (rec.id!, rec.unitID, index[rec.unitID]?.name ?? "", Self.file(of: rec, json: json))
        }
    }

    // MARK: One file

    /// The stored file of a cadre row (one query).
    static func storedFile(_ rec: CadreRecord, on db: any Database) async throws -> CadreFile {
        let row = try await (db as! any SQLDatabase).raw("SELECT file_json FROM cadre_files WHERE cadre_id = \(bind: rec.id!)").first()
        return file(of: rec, json: try row?.decode(column: "file_json", as: String.self))
    }

    static func file(of rec: CadreRecord, json: String?) -> CadreFile {
        if let json, let f = try? JSONDecoder().decode(CadreFile.self, from: Data(json.utf8)) { return f }
        // A row written before the full file existed: build the file from its columns.
        var f = CadreFile()
        f.name = rec.name; f.sex = rec.sex; f.birth = rec.birthMonth; f.ethnicity = rec.ethnicity; f.currentPost = rec.post
        f.rank = rec.rank; f.party = rec.partyMonth ?? ""; f.workStart = rec.workStartMonth; f.fullTime.level = rec.education
        return f
    }

    /// A cadre's file as `user` reads it: nil when there is no such cadre, `NotPermitted` outside the units
    /// its grants let it read; without the sensitive grant on the unit the identity number is masked and the
    /// family data and photo removed (`sensitive` false).
    public func dossier(_ id: UUID, by user: ActingUser) async throws -> CadreDossier? {
        guard var d = try await dossier(id) else { return nil }
        let scope = try await registryScope(of: user)
        guard scope.reads(d.unitID) else { throw NotPermitted() }
        d.sensitive = scope.seesSensitive(d.unitID)
        d.editable = scope.edits(d.unitID)
        if !d.sensitive { d.file = d.file.maskedForReader }
        return d
    }

    /// The stored file, unscoped and unmasked.
    func dossier(_ id: UUID) async throws -> CadreDossier? {
        guard let rec = try await CadreRecord.find(id, on: db) else { return nil }
        let settings = try await registrySettings()
        let file = try await Self.storedFile(rec, on: db)
        let res = try await CadreResolutionRecord.query(on: db).filter(\.$cadreID == id).all()
        let unit = try await UnitRecord.find(rec.unitID, on: db)
        return CadreDossier(id: id, unitID: rec.unitID, unitName: unit?.name ?? "", file: file,
                            findings: FileAudit.audit(file, today: .today, settings: settings.audit),
                            resolutions: Dictionary(res.map { ($0.finding, (reason: $0.reason, by: $0.resolvedBy, at: $0.resolvedAt)) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The file's history as `user` reads it: its ledger entries, oldest first; `NotPermitted` outside its units.
    public func cadreHistory(_ id: UUID, by user: ActingUser) async throws -> [LedgerEntry] {
        if let rec = try await CadreRecord.find(id, on: db), !(try await registryScope(of: user).reads(rec.unitID)) { throw NotPermitted() }
        return try await cadreHistory(id)
    }

    func cadreHistory(_ id: UUID) async throws -> [LedgerEntry] {
        try await LedgerEntryRecord.query(on: db).filter(\.$subjectType == "cadre").filter(\.$subjectID == id.uuidString)
            .sort(\.$id).all().map(\.entry)
    }

    /// Fills the derived columns from the file; returns the file as JSON.
    @discardableResult
    static func apply(_ file: CadreFile, to rec: CadreRecord, unitID: UUID, settings: RegistrySettings, resolved: Set<String>) throws -> String {
        let data = try JSONEncoder.sorted.encode(file)
        let resume = file.parsedResume
        let findings = FileAudit.audit(file, today: .today, settings: settings.audit)
        rec.unitID = unitID
        rec.name = file.name
        rec.sex = file.sex
        rec.birthMonth = file.birthMonth?.description ?? ""
        rec.ethnicity = file.ethnicity
        rec.post = file.currentPost
        rec.rank = file.rank
        rec.partyMonth = file.partyMonth?.description
        rec.workStartMonth = file.workStartMonth?.description ?? ""
        let highest = [file.fullTimeLevel, file.inServiceLevel].compactMap { $0 }.max()
        rec.education = highest?.title(in: .zhHans) ?? file.fullTime.level
        rec.residentID = file.residentID.isEmpty ? nil : file.residentID.uppercased()
        rec.grade = settings.ladder.level(of: file.rank) ?? 0
        rec.gradeSince = file.rankStart(resume: resume)?.description
        rec.postSince = file.postStart(resume: resume)?.description
        rec.fullTimeEducation = file.fullTimeLevel?.rawValue ?? 0
        rec.highestEducation = highest?.rawValue ?? 0
        rec.partyMember = file.isPartyMember ? 1 : 0
        rec.assessments = RegistryScan.storedGrades(file.assessments)
        rec.title = file.title
        rec.establishment = file.establishment
        rec.studies = [file.fullTime.levelSchool, file.fullTime.degreeSchool, file.inService.levelSchool, file.inService.degreeSchool].joined(separator: " ")
        rec.findings = findings.filter { !resolved.contains($0.key) }.count
        rec.blocking = findings.filter { $0.severity == .blocking && !resolved.contains($0.key) }.count
        rec.updatedAt = Store.now()
        let work = file.workStartMonth ?? file.birthMonth
        rec.birthIndex = file.birthMonth?.index ?? 0
        rec.workIndex = work?.index ?? 0
        rec.gradeSinceIndex = (file.rankStart(resume: resume) ?? work)?.index ?? 0
        rec.postSinceIndex = file.postStart(resume: resume)?.index ?? 0
        return String(decoding: data, as: UTF8.self)
    }

    /// Names of the parts of the file that differ.
    static func changedParts(_ a: CadreFile, _ b: CadreFile) -> [String] {
        guard let da = try? JSONSerialization.jsonObject(with: JSONEncoder.sorted.encode(a)) as? [String: Any],
              let db = try? JSONSerialization.jsonObject(with: JSONEncoder.sorted.encode(b)) as? [String: Any] else { return [] }
        func canonical(_ v: Any?) -> Data {
            guard let v else { return Data() }
            return (try? JSONSerialization.data(withJSONObject: v, options: [.sortedKeys, .fragmentsAllowed])) ?? Data()
        }
        return Set(da.keys).union(db.keys).sorted().filter { canonical(da[$0]) != canonical(db[$0]) }
    }

    /// Creates (id nil) or updates a cadre's file, for `account`: only in the units it may write (the file's
    /// unit before and after). Refuses a file that fails its checks or whose identity number belongs to another
    /// cadre (never a silent overwrite); that cadre is named only when it is in the account's units.
    @discardableResult
    public func saveCadre(_ file: CadreFile, unitID: UUID, id: UUID? = nil, by account: AccountInfo) async throws -> UUID {
        let settings = try await registrySettings()
        guard try await UnitRecord.find(unitID, on: db) != nil else { throw InvalidInput(field: "unit", .notFound(unitID.uuidString)) }
        let scope = try await registryWriteScope(of: account)
        guard scope.contains(unitID) else { throw InvalidInput(field: "unit", Self.outsideUnit) }
        var file = file
        if let id, let rec = try await CadreRecord.find(id, on: db), !(try await registryScope(of: ActingUser(account)).seesSensitive(rec.unitID)) {
            // It saw the file masked (`CadreDossier.sensitive`): what it could not see is kept as stored.
            let stored = try await Self.storedFile(rec, on: db)
            if file.residentID.contains("*") { file.residentID = stored.residentID }
            file.family = stored.family
            file.photo = stored.photo
        }
        try file.validate(ladder: settings.ladder)
        if let id, let rec = try await CadreRecord.find(id, on: db), rec.unitID == unitID, try await Self.storedFile(rec, on: db) == file { return id }
        return try await write { [file] tx in
            try await Self.save(file, unitID: unitID, id: id, settings: settings, actor: account.username, scope: scope, tx: tx)
        }
    }

    /// Writes one file in `tx`. With `scope`, the file's current unit must be in it, and a duplicate identity
    /// number outside it is refused without naming anyone (nil: the whole tree, for seeding).
    static func save(_ file: CadreFile, unitID: UUID, id: UUID?, settings: RegistrySettings, actor: String, scope: Set<UUID>?,
                     tx: Transaction) async throws -> UUID {
        let rid = file.residentID.uppercased()
        if !rid.isEmpty, let other = try await CadreRecord.query(on: tx.db).filter(\.$residentID == rid).first(), other.id != id {
            if let scope, !scope.contains(other.unitID) { throw InvalidInput(field: "residentID", notYoursToEnter) }
            throw InvalidInput(field: "residentID", .duplicate(ResidentID.maskedText(rid) + "（" + other.name + "）"))
        }
        let rec: CadreRecord
        let before: CadreFile?
        var resolved = Set<String>()
        if let id {
            guard let existing = try await CadreRecord.find(id, on: tx.db) else { throw InvalidInput(field: "cadre", .notFound(id.uuidString)) }
            if let scope, !scope.contains(existing.unitID) { throw InvalidInput(field: "unit", outsideUnit) }
            rec = existing
            before = try await Self.storedFile(existing, on: tx.db)
            resolved = Set(try await CadreResolutionRecord.query(on: tx.db).filter(\.$cadreID == id).all().map(\.finding))
        } else {
            rec = CadreRecord()
            rec.id = UUID()
            before = nil
        }
        let json = try apply(file, to: rec, unitID: unitID, settings: settings, resolved: resolved)
        let changed = before.map { changedParts($0, file) } ?? []
        try await rec.save(on: tx.db)
        let sql = tx.db as! any SQLDatabase
        if before != nil { try await sql.raw("DELETE FROM cadre_files WHERE cadre_id = \(bind: rec.id!)").run() }
        try await sql.raw("INSERT INTO cadre_files (cadre_id, file_json) VALUES (\(bind: rec.id!), \(bind: json))").run()
        try await tx.record(LedgerEvent(actor: actor, action: before == nil ? RegistryLedgerAction.cadreCreate : RegistryLedgerAction.cadreUpdate, subjectType: "cadre", subjectID: rec.id!.uuidString,
                                        payload: ["unit": .string(unitID.uuidString), "sha256": .string(sha256(json)),
                                                  "changed": .array(changed.map { .string($0) })]))
        return rec.id!
    }

    // MARK: Import

    /// Duplicates by identity number, seen by `account`: registered files in its units (with what a merge would
    /// change), items whose number is registered outside them (refused, nobody named), and pairs within the batch.
    public func duplicates(in items: [CadreImportItem], by account: AccountInfo) async throws -> DuplicateReport {
        try await duplicates(in: items, scope: try await registryWriteScope(of: account))
    }

    func duplicates(in items: [CadreImportItem], scope: Set<UUID>?) async throws -> DuplicateReport {
        var report = DuplicateReport()
        var seen: [String: Int] = [:]
        var ids: [String] = []
        for (i, it) in items.enumerated() where !it.file.residentID.isEmpty {
            let rid = it.file.residentID.uppercased()
            if let j = seen[rid] { report.inBatch.append((j, i)) } else { seen[rid] = i; ids.append(rid) }
        }
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0 ..< min($0 + 500, ids.count)]) }) {
            for rec in try await CadreRecord.query(on: db).filter(\.$residentID ~~ chunk).all() {
                let i = seen[rec.residentID!]!
                if let scope, !scope.contains(rec.unitID) { report.outside.append(i); continue }
                let stored = try await Self.storedFile(rec, on: db)
                report.registry.append(DuplicateMatch(incoming: i, existingID: rec.id!, existingName: rec.name,
                                                      changed: Self.changedParts(stored, stored.merged(with: items[i].file))))
            }
        }
        report.registry.sort { $0.incoming < $1.incoming }
        report.outside.sort()
        return report
    }

    /// Imports a batch for `account` in one transaction (all or nothing): only into the units it may write.
    /// An identity number registered in those units is merged only with `merge` (otherwise the import fails,
    /// naming each): the registered file takes the parts the import carries, keeps the rest (`CadreFile.merged`),
    /// keeps its unit, id and history. A number registered outside them stops the import without naming anyone.
    public func importCadres(_ items: [CadreImportItem], merge: Bool, by account: AccountInfo) async throws -> ImportOutcome {
        try await importCadres(items, merge: merge, scope: try await registryWriteScope(of: account), actor: account.username)
    }

    /// `scope` nil: the whole tree (seeding the demo county).
    func importCadres(_ items: [CadreImportItem], merge: Bool, scope: Set<UUID>?, actor: String) async throws -> ImportOutcome {
        let settings = try await registrySettings()
        var issues: [InvalidInput.Issue] = []
        for it in items {
            if let scope, !scope.contains(it.unitID) {
                issues.append(.init(field: "unit", problem: .described(zh: "\(it.source) 单位不在您管理的范围内", en: "\(it.source): the unit is not among those you manage")))
            }
            for p in it.file.problems(ladder: settings.ladder) {
                issues.append(.init(field: "file", problem: .described(zh: "\(it.source) \(p.column.zh)：\(p.zh)", en: "\(it.source) \(p.column.en): \(p.en)")))
            }
        }
        let report = try await duplicates(in: items, scope: scope)
        for (a, b) in report.inBatch {
            issues.append(.init(field: "residentID", problem: .described(zh: "\(items[a].source) 与 \(items[b].source) 身份证号相同", en: "\(items[a].source) and \(items[b].source) have the same identity number")))
        }
        for i in report.outside { issues.append(Self.notYoursToImport(items[i].source)) }
        if !merge {
            for d in report.registry {
                issues.append(.init(field: "residentID", problem: .described(zh: "\(items[d.incoming].source) 与已有干部“\(d.existingName)”身份证号相同，请预览后选择合并",
                                                                             en: "\(items[d.incoming].source) has the identity number of “\(d.existingName)”; preview and choose merge")))
            }
        }
        if !issues.isEmpty { throw InvalidInput(issues) }
        let existing = Dictionary(report.registry.map { ($0.incoming, $0.existingID) }, uniquingKeysWith: { a, _ in a })
        return try await write { tx in
            var outcome = ImportOutcome()
            for (i, it) in items.enumerated() {
                if let id = existing[i] {
                    // a merge: into the registered file, in its own unit, checked again inside the transaction
                    guard let rec = try await CadreRecord.find(id, on: tx.db) else { throw InvalidInput(field: "cadre", .notFound(id.uuidString)) }
                    let stored = try await Self.storedFile(rec, on: tx.db)
                    _ = try await Self.save(stored.merged(with: it.file), unitID: rec.unitID, id: id, settings: settings, actor: actor, scope: scope, tx: tx)
                    outcome.merged += 1
                } else {
                    _ = try await Self.save(it.file, unitID: it.unitID, id: nil, settings: settings, actor: actor, scope: scope, tx: tx)
                    outcome.created += 1
                }
            }
            try await tx.record(LedgerEvent(actor: actor, action: RegistryLedgerAction.cadreImport, subjectType: "registry", subjectID: "import",
                                            payload: ["created": .int(Int64(outcome.created)), "merged": .int(Int64(outcome.merged))]))
            return outcome
        }
    }

    // MARK: Audit resolutions (REG-4)

    /// REG-4: an organizer of the cadre's unit records how a blocking finding was resolved.
    public func resolveFinding(cadreID: UUID, key: String, reason: String, by user: ActingUser) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { throw InvalidInput(field: "reason", .required) }
        if reason.count > 500 { throw InvalidInput(field: "reason", .tooLong(max: 500)) }
        guard let d = try await dossier(cadreID) else { throw InvalidInput(field: "cadre", .notFound(cadreID.uuidString)) }
        guard d.findings.contains(where: { $0.key == key }) else { throw InvalidInput(field: "reason", .notFound(key)) }
        if d.resolutions[key] != nil { throw InvalidInput(field: "reason", .duplicate(key)) }
        let settings = try await registrySettings()
        try await write { tx in
            guard let owner = try await CadreRecord.find(cadreID, on: tx.db) else { throw InvalidInput(field: "cadre", .notFound(cadreID.uuidString)) }
            try await Self.require(user, [.organizer], on: owner.unitID, tx.db)
            let r = CadreResolutionRecord()
            r.cadreID = cadreID; r.finding = key; r.reason = reason; r.resolvedBy = user.name; r.resolvedAt = Store.now()
            try await r.create(on: tx.db)
            guard let rec = try await CadreRecord.find(cadreID, on: tx.db) else { return }
            let resolved = Set(d.resolutions.keys).union([key])
            try Self.apply(d.file, to: rec, unitID: rec.unitID, settings: settings, resolved: resolved)
            try await rec.save(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: RegistryLedgerAction.findingResolve, subjectType: "cadre", subjectID: cadreID.uuidString,
                                            payload: ["finding": .string(key), "reason_sha256": .string(Self.sha256(reason))]))
        }
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder { let e = JSONEncoder(); e.outputFormatting = [.sortedKeys]; return e }
}
