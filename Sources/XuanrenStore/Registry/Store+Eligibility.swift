import FluentKit
import Foundation
import NIOPosix
import PostgresKit
import SQLKit
import SelectionCore
import Synchronization

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
struct FactRow: Sendable {
    var id: UUID
    var unitID: UUID
    var name: String
    var facts: CadreFacts?
    var female: Bool
    var postSince: YearMonth?
    /// The rank's name, for whether the leadership rules concern the cadre (ROT-1, ROT-2; `RankLadder.isLeadership`).
    var rank: String
}

extension Store {
    /// The facts of every cadre in scope. The whole registry is scanned once (one query, the derived columns only)
    /// and kept in memory until the ledger grows: every change of a cadre, unit or registry setting, in any
    /// instance, adds a ledger entry, so an unchanged ledger length means unchanged rows. The length is read
    /// before the scan, so a change during the scan only makes the next request scan again.
    func factRows(units scope: Set<UUID>?) async throws -> [FactRow] {
        let version = try await ledgerLength()
        let all: [FactRow]
        if let cached = registryScans.rows(at: version) {
            all = cached
        } else {
            if let pg = db as? any PostgresDatabase {
                all = try await Self.postgresFactRows(pg, logger: db.logger)
            } else {
                guard let path = sqlitePath else { throw ConfigurationError("registry scans need the SQLite file (Store.sqlitePath)") }
                all = try await withCheckedThrowingContinuation { c in
                    DispatchQueue.global().async { c.resume(with: Result { try RegistryScan.sqlite(path: path) }) }
                }
            }
            registryScans.store(all, at: version)
        }
        guard let scope else { return all }
        return all.filter { scope.contains($0.unitID) }
    }

    /// PostgreSQL: rows read cell by cell (PostgresNIO), not by name through SQLKit.
    static func postgresFactRows(_ pg: any PostgresDatabase, logger: Logger) async throws -> [FactRow] {
        let query = PostgresQuery(unsafeSQL: "SELECT \(RegistryScan.columns) FROM cadres")
        return try await pg.withConnection { conn in
            conn.eventLoop.makeFutureWithTask {
                var out: [FactRow] = []
                out.reserveCapacity(4096)
                for try await row in try await conn.query(query, logger: logger) {
                    // cell by cell: the generic tuple decoder resolves type metadata for every row, which costs more than the data
                    var cells = row.makeIterator()
                    let id = PostgresCells.uuid(cells.next()), unit = PostgresCells.uuid(cells.next())
                    let name = PostgresCells.text(cells.next()), sex = PostgresCells.text(cells.next())
                    let birth = PostgresCells.int(cells.next()), work = PostgresCells.int(cells.next()), party = PostgresCells.int(cells.next())
                    let ft = PostgresCells.int(cells.next()), edu = PostgresCells.int(cells.next()), grade = PostgresCells.int(cells.next())
                    let since = PostgresCells.int(cells.next()), post = PostgresCells.int(cells.next())
                    let grades = PostgresCells.withBytes(cells.next()) { RegistryScan.grades($0) }
                    let title = PostgresCells.text(cells.next()), studies = PostgresCells.text(cells.next()), establishment = PostgresCells.text(cells.next())
                    let rank = PostgresCells.text(cells.next())
                    guard let id, let unit else { continue }
                    out.append(FactRow(id: id, unitID: unit, name: name, female: sex == "女", birth: birth, work: work, party: party, fullTime: ft, highest: edu,
                                       grade: grade, since: since, post: post, grades: grades, title: title, studies: studies, establishment: establishment, rank: rank))
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

    /// Who qualifies among the cadres `user` reads (`RegistryScope`), ELG-6.
    public func whoQualifies(_ p: PositionConditions, by user: ActingUser, limit: Int = 100) async throws -> EligibilitySearch {
        try await whoQualifies(p, units: try await registryScope(of: user).readable, limit: limit)
    }

    /// Runs a position's conditions over the registry (in scope): qualified cadres and near-misses
    /// (failing exactly one condition, narrowly: `Eligibility.isNear`), each with the worded results (ELG-6).
    func whoQualifies(_ p: PositionConditions, units scope: Set<UUID>?, limit: Int = 100) async throws -> EligibilitySearch {
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
        let facts = try await factRows(units: scope)
        // the rules over every row on the blocking-work pool: the event loops also run the request tasks
        let (counted, shownQ, shownN) = try await NIOThreadPool.singleton.runIfActive { () -> (EligibilitySearch, [Int], [Int]) in
            var s = EligibilitySearch(scanned: facts.count)
            var q: [Int] = [], near: [Int] = []
            for (i, r) in facts.enumerated() {
                guard let f = r.facts else { s.withoutBirth += 1; continue }
                switch Eligibility.failures(f, for: p, limit: 2) {
                case 0: q.append(i)
                case 1 where Eligibility.isNear(f, for: p): near.append(i)
                default: break
                }
            }
            s.qualifiedCount = q.count; s.nearMissCount = near.count
            return (s, Self.firstByName(q, of: facts, limit: limit), Self.firstByName(near, of: facts, limit: limit))
        }
        var s = counted
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

    /// Alerts for the cadres `user` reads (`RegistryScope`), within `units` when given.
    public func alerts(units: Set<UUID>? = nil, by user: ActingUser, today: YearMonth = .today, limit: Int = 50) async throws -> (counts: [CadreAlert.Kind: Int], hits: [AlertHit]) {
        try await alerts(units: try await registryScope(of: user).readable(within: units), today: today, limit: limit)
    }

    /// Alerts for the cadres in scope: counts per kind and the first `limit` cadres with alerts.
    func alerts(units scope: Set<UUID>?, today: YearMonth = .today, limit: Int = 50) async throws -> (counts: [CadreAlert.Kind: Int], hits: [AlertHit]) {
        let registry = try await registrySettings()
        let settings = registry.alerts
        // ROT-1/ROT-2 concern leadership ranks only: the ladder says which ranks are not (科员, 办事员, the 职级)
        let nonLeadership = Set(registry.ladder.ranks.filter { !registry.ladder.isLeadership($0.name) }.map(\.name))
        var counts: [CadreAlert.Kind: Int] = [:]
        var found: [(row: Int, alerts: [CadreAlert], urgency: Int)] = []
        let kinds = CadreAlert.Kind.allCases
        let rows = try await factRows(units: scope)
        for (i, r) in rows.enumerated() {
            guard let f = r.facts else { continue }
            let a = Alerts.alerts(for: Self.tenure(r, f, nonLeadership), today: today, settings: settings, worded: false)
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
            info[rows[t.row].id].map { AlertHit(row: $0, alerts: Alerts.alerts(for: Self.tenure(rows[t.row], rows[t.row].facts!, nonLeadership), today: today, settings: settings)) }
        })
    }

    static func tenure(_ r: FactRow, _ f: CadreFacts, _ nonLeadership: Set<String>) -> TenureFacts {
        TenureFacts(birth: f.birth, female: r.female, postSince: r.postSince, rankLevel: f.grade, rankSince: f.gradeSince, assessments: f.assessments,
                    leadership: !nonLeadership.contains(r.rank))
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
            try await tx.record(LedgerEvent(actor: actor, action: isNew ? RegistryLedgerAction.positionCreate : RegistryLedgerAction.positionUpdate, subjectType: "position", subjectID: code,
                                            payload: ["conditions": .string(json)]))
        }
    }
}

/// Reading PostgreSQL cells directly (binary format, as PostgresNIO asks for; text format read too).
enum PostgresCells {
    static func int(_ cell: PostgresCell?) -> Int {
        guard let cell, let b = cell.bytes else { return 0 }
        if cell.format == .text { return Int(b.getString(at: b.readerIndex, length: b.readableBytes) ?? "") ?? 0 }
        switch b.readableBytes {
        case 2: return Int(b.getInteger(at: b.readerIndex, as: Int16.self) ?? 0)
        case 4: return Int(b.getInteger(at: b.readerIndex, as: Int32.self) ?? 0)
        case 8: return Int(b.getInteger(at: b.readerIndex, as: Int64.self) ?? 0)
        default: return 0
        }
    }

    static func text(_ cell: PostgresCell?) -> String {
        guard let b = cell?.bytes else { return "" }
        return b.getString(at: b.readerIndex, length: b.readableBytes) ?? ""
    }

    static func withBytes<T>(_ cell: PostgresCell?, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        guard let b = cell?.bytes else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return b.withUnsafeReadableBytes(body)
    }

    static func uuid(_ cell: PostgresCell?) -> UUID? {
        guard let cell, let b = cell.bytes else { return nil }
        if cell.format == .text { return UUID(uuidString: text(cell)) }
        guard b.readableBytes == 16 else { return nil }
        return b.withUnsafeReadableBytes { raw in
            var u: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &u) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[0 ..< 16])) }
            return UUID(uuid: u)
        }
    }
}

/// The last whole-registry scan and the ledger length it was read at (see `Store.factRows`).
final class RegistryScanCache: Sendable {
    private let last = Mutex<(version: Int64, rows: [FactRow])?>(nil)
    func rows(at version: Int64) -> [FactRow]? { last.withLock { l in l.flatMap { $0.version == version ? $0.rows : nil } } }
    func store(_ rows: [FactRow], at version: Int64) { last.withLock { $0 = (version, rows) } }
}
