import FluentKit
import Foundation
import PostgresKit
import SQLKit
import SelectionCore

/// "Who qualifies?" (ELG-2…6) and the organizer's alerts (ROT-1, ROT-2, ASM-1) over the registry.
public struct EligibilityHit: Sendable {
    public var row: CadreRow
    public var results: [ConditionResult]
    public var failed: [ConditionResult] { results.filter { !$0.passed } }
}

public struct EligibilitySearch: Sendable {
    public var scanned = 0
    public var qualifiedCount = 0
    public var nearMissCount = 0
    /// Qualified cadres (first `limit`, by name) and near-misses (exactly one failed condition).
    public var qualified: [EligibilityHit] = []
    public var nearMisses: [EligibilityHit] = []
    public var withoutBirth = 0
}

public struct AlertHit: Sendable {
    public var row: CadreRow
    public var alerts: [CadreAlert]
}

public struct PositionInfo: Sendable {
    public var id: UUID
    public var code: String
    public var title: String
    public var unitID: UUID?
    public var conditions: PositionConditions
}

/// The columns eligibility and alerts read for one cadre.
struct FactRow {
    var id: UUID
    var name: String
    var facts: CadreFacts?
    var female: Bool
    var postSince: YearMonth?
}

extension Store {
    /// Reads the facts of every cadre in scope (one query, the derived columns only).
    func factRows(units scope: Set<UUID>?, titleWords: [String] = [], fieldWords: [String] = [], needsEstablishment: Bool = false) async throws -> [FactRow] {
        let all = try await UnitRecord.query(on: db).count()
        let scope = scope.flatMap { $0.count < all ? $0 : nil }
        if let pg = db as? any PostgresDatabase {
            return try await Self.postgresFactRows(pg, units: scope, titleWords: titleWords, fieldWords: fieldWords, logger: db.logger)
        }
        guard let path = sqlitePath else { throw ConfigurationError("registry scans need the SQLite file (Store.sqlitePath)") }
        return try await withCheckedThrowingContinuation { c in
            DispatchQueue.global().async {
                c.resume(with: Result { try RegistryScan.sqlite(path: path, units: scope, titleWords: titleWords, fieldWords: fieldWords, needsEstablishment: needsEstablishment) })
            }
        }
    }

    /// PostgreSQL: rows decoded by position (PostgresNIO), not by name through SQLKit.
    static func postgresFactRows(_ pg: any PostgresDatabase, units: Set<UUID>?, titleWords: [String], fieldWords: [String], logger: Logger) async throws -> [FactRow] {
        var text = "SELECT \(RegistryScan.columns) FROM cadres"
        if let units { text += " WHERE unit_id IN (" + units.map { "'\($0.uuidString)'" }.joined(separator: ",") + ")" }
        let query = PostgresQuery(unsafeSQL: text)
        return try await pg.withConnection { conn in
            conn.eventLoop.makeFutureWithTask {
                var out: [FactRow] = []
                for try await row in try await conn.query(query, logger: logger) {
                    let (id, name, sex, birth, work, party, ft, edu, grade, since, post, grades, title, studies, establishment) =
                        try row.decode((UUID, String, String, Int, Int, Int, Int, Int, Int, Int, Int, String, String, String, String).self)
                    var stored = grades
                    out.append(FactRow(id: id, name: name, female: sex == "女", birth: birth, work: work, party: party, fullTime: ft, highest: edu,
                                       grade: grade, since: since, post: post, grades: stored.withUTF8 { RegistryScan.grades(UnsafeRawBufferPointer($0)) },
                                       title: titleWords.contains { title.contains($0) } ? title : "",
                                       studies: fieldWords.contains { studies.contains($0) } ? studies : "", establishment: establishment))
                }
                return out
            }
        }.get()
    }

    func rows(ids: [UUID]) async throws -> [UUID: CadreRow] {
        guard !ids.isEmpty else { return [:] }
        let index = try await unitIndex()
        var out: [UUID: CadreRow] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0 ..< min($0 + 500, ids.count)]) }) {
            for rec in try await CadreRecord.query(on: db).filter(\.$id ~~ chunk).all() {
                out[rec.id!] = CadreRow(id: rec.id!, name: rec.name, sex: rec.sex, birth: YearMonth(rec.birthMonth), ethnicity: rec.ethnicity,
                                        unitID: rec.unitID, unitName: index[rec.unitID]?.name ?? "", post: rec.post, rank: rec.rank,
                                        education: rec.education, findings: rec.findings, blocking: rec.blocking)
            }
        }
        return out
    }

    /// Runs a position's conditions over the registry (in scope): qualified cadres and near-misses
    /// (failing exactly one condition), each with the worded results (ELG-6).
    public func whoQualifies(_ p: PositionConditions, units scope: Set<UUID>?, limit: Int = 100) async throws -> EligibilitySearch {
        var scope = scope
        if !p.unitCodes.isEmpty {
            // The position's unit scope: those units and the units below them, within the reader's scope.
            let tree = try await unitTree()
            let roots = try p.unitCodes.map { code in
                guard let id = tree.id(ofCode: code) else { throw InvalidInput(field: "unit", .notFound(code)) }
                return id
            }
            let chosen = tree.below(roots)
            scope = scope.map { $0.intersection(chosen) } ?? chosen
        }
        let facts = try await factRows(units: scope, titleWords: p.titles, fieldWords: p.fields, needsEstablishment: !p.establishments.isEmpty)
        var s = EligibilitySearch(scanned: facts.count)
        var q: [Int] = [], near: [Int] = []
        for (i, r) in facts.enumerated() {
            guard let f = r.facts else { s.withoutBirth += 1; continue }
            switch Eligibility.failures(f, for: p, limit: 2) {
            case 0: q.append(i)
            case 1: near.append(i)
            default: break
            }
        }
        s.qualifiedCount = q.count; s.nearMissCount = near.count
        let first = { (list: [Int]) in Self.firstByName(list, of: facts, limit: limit) }
        let shownQ = first(q), shownN = first(near)
        let rows = try await rows(ids: (shownQ + shownN).map { facts[$0].id })
        func hit(_ i: Int) -> EligibilityHit? { rows[facts[i].id].map { EligibilityHit(row: $0, results: Eligibility.evaluate(facts[i].facts!, for: p)) } }
        s.qualified = shownQ.compactMap(hit)
        s.nearMisses = shownN.compactMap(hit)
        return s
    }

    /// The first `limit` rows by name in byte order (as SQLite's `ORDER BY name`), then id;
    /// sorting indices with a byte comparison keeps this cheap for tens of thousands of names.
    static func firstByName(_ list: [Int], of rows: [FactRow], limit: Int) -> [Int] {
        guard limit > 0 else { return [] }
        // Keep the best `limit` in order: most rows lose against the current last one at once.
        var best: [Int] = []
        best.reserveCapacity(limit + 1)
        for i in list {
            if best.count == limit, !nameBefore(rows[i], rows[best[limit - 1]]) { continue }
            var lo = 0, hi = best.count
            while lo < hi { let mid = (lo + hi) / 2; if nameBefore(rows[best[mid]], rows[i]) { lo = mid + 1 } else { hi = mid } }
            best.insert(i, at: lo)
            if best.count > limit { best.removeLast() }
        }
        return best
    }

    static func nameBefore(_ x: borrowing FactRow, _ y: borrowing FactRow) -> Bool {
        if !x.name.utf8.elementsEqual(y.name.utf8) { return x.name.utf8.lexicographicallyPrecedes(y.name.utf8) }
        return withUnsafeBytes(of: x.id.uuid) { a in withUnsafeBytes(of: y.id.uuid) { b in a.lexicographicallyPrecedes(b) } }
    }

    /// One cadre against a position, worded (ELG-6).
    public func evaluate(cadre id: UUID, against p: PositionConditions) async throws -> [ConditionResult]? {
        guard let d = try await dossier(id), let facts = d.file.facts(ladder: try await registrySettings().ladder) else { return nil }
        return Eligibility.evaluate(facts, for: p)
    }

    /// Alerts for the cadres in scope: counts per kind and the first `limit` cadres with alerts.
    public func alerts(units scope: Set<UUID>?, today: YearMonth = .today, limit: Int = 50) async throws -> (counts: [CadreAlert.Kind: Int], hits: [AlertHit]) {
        let settings = try await registrySettings().alerts
        var counts: [CadreAlert.Kind: Int] = [:]
        var found: [(row: Int, alerts: [CadreAlert], urgency: Int)] = []
        let kinds = CadreAlert.Kind.allCases
        let rows = try await factRows(units: scope)
        for (i, r) in rows.enumerated() {
            guard let f = r.facts else { continue }
            let a = Alerts.alerts(for: Self.tenure(r, f), today: today, settings: settings, worded: false)
            if a.isEmpty { continue }
            for x in a { counts[x.kind, default: 0] += 1 }
            // The most urgent first: kinds are listed from the most urgent in `CadreAlert.Kind`.
            let urgency = a.map { kinds.count - (kinds.firstIndex(of: $0.kind) ?? 0) }.max() ?? 0
            found.append((i, a, urgency))
        }
        guard limit > 0 else { return (counts, []) }
        var order = Array(found.indices)
        order.sort { a, b in
            let x = found[a], y = found[b]
            if x.urgency != y.urgency { return x.urgency > y.urgency }
            return Self.nameBefore(rows[x.row], rows[y.row])
        }
        let top = order.prefix(limit).map { found[$0] }
        let info = try await self.rows(ids: top.map { rows[$0.row].id })
        return (counts, top.compactMap { t in
            info[rows[t.row].id].map { AlertHit(row: $0, alerts: Alerts.alerts(for: Self.tenure(rows[t.row], rows[t.row].facts!), today: today, settings: settings)) }
        })
    }

    static func tenure(_ r: FactRow, _ f: CadreFacts) -> TenureFacts {
        TenureFacts(birth: f.birth, female: r.female, postSince: r.postSince, rankLevel: f.grade, rankSince: f.gradeSince, assessments: f.assessments)
    }

    // MARK: Positions

    public func positions() async throws -> [PositionInfo] {
        try await PositionRecord.query(on: db).sort(\.$code).all().compactMap { r in
            guard let c = try? JSONDecoder().decode(PositionConditions.self, from: Data(r.conditions.utf8)) else { return nil }
            return PositionInfo(id: r.id!, code: r.code, title: r.title, unitID: r.unitID, conditions: c)
        }
    }

    public func position(code: String) async throws -> PositionInfo? { try await positions().first { $0.code == code } }

    /// Saves (creates or replaces by code) a position's conditions.
    public func savePosition(code raw: String, title: String, unitID: UUID?, conditions: PositionConditions, actor: String) async throws {
        let code = try UnitCode.check(raw)
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { throw InvalidInput(field: "title", .required) }
        let json = String(decoding: try JSONEncoder.sorted.encode(conditions), as: UTF8.self)
        try await write { tx in
            let rec = try await PositionRecord.query(on: tx.db).filter(\.$code == code).first() ?? PositionRecord()
            let isNew = rec.id == nil
            rec.code = code; rec.title = title; rec.unitID = unitID; rec.conditions = json
            try await rec.save(on: tx.db)
            try await tx.record(LedgerEvent(actor: actor, action: isNew ? "position.create" : "position.update", subjectType: "position", subjectID: code,
                                            payload: ["conditions": .string(json)]))
        }
    }
}
