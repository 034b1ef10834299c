import Foundation
import SelectionCore
import VaporCSQLite

/// Whole-registry scans (who qualifies, alerts) read the derived columns of every cadre in scope.
/// SQLite is read directly with the C API (read-only, its own connection), like the ledger verifier;
/// PostgreSQL by position through PostgresNIO (`Store.postgresFactRows`): the drivers' by-name,
/// per-value decoding costs far more than the rules themselves at 100,000 cadres.
enum RegistryScan {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static let columns = "id, unit_id, name, sex, birth_idx, work_idx, party_member, ft_edu, edu, grade, grade_since_idx, post_since_idx, assessments, title, studies, establishment, rank"

    /// Every cadre's derived columns (the caller filters by unit and keeps the result while the ledger does not grow).
    static func sqlite(path: String) throws -> [FactRow] {
        var db: OpaquePointer?
        guard sqlite_nio_sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let db else {
            throw Failure(description: "cannot open \(path) read-only")
        }
        defer { sqlite_nio_sqlite3_close(db) }
        sqlite_nio_sqlite3_busy_timeout(db, 5000)
        let sql = "SELECT \(columns) FROM cadres"
        var stmt: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(db, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else {
            throw Failure(description: String(cString: sqlite_nio_sqlite3_errmsg(db)))
        }
        defer { sqlite_nio_sqlite3_finalize(stmt) }
        var out: [FactRow] = []
        out.reserveCapacity(4096)
        while true {
            let rc = sqlite_nio_sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw Failure(description: String(cString: sqlite_nio_sqlite3_errmsg(db))) }
            func int(_ i: Int32) -> Int { Int(sqlite_nio_sqlite3_column_int64(stmt, i)) }
            func bytes(_ i: Int32) -> UnsafeRawBufferPointer {
                guard let p = sqlite_nio_sqlite3_column_text(stmt, i) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
                return UnsafeRawBufferPointer(start: p, count: Int(sqlite_nio_sqlite3_column_bytes(stmt, i)))
            }
            func text(_ i: Int32) -> String { String(decoding: bytes(i), as: UTF8.self) }
            guard let id = uuid(bytes(0)), let unit = uuid(bytes(1)) else { continue }
            out.append(FactRow(id: id, unitID: unit, name: text(2), female: bytes(3).elementsEqual("女".utf8), birth: int(4), work: int(5), party: int(6),
                               fullTime: int(7), highest: int(8), grade: int(9), since: int(10), post: int(11), grades: grades(bytes(12)),
                               title: text(13), studies: text(14), establishment: text(15), rank: text(16)))
        }
        return out
    }

    /// The stored form of annual grades: "2021:2 2022:3" (years ascending, grade raw values).
    static func storedGrades(_ grades: [Int: AssessmentGrade]) -> String {
        grades.keys.sorted().map { "\($0):\(grades[$0]!.rawValue)" }.joined(separator: " ")
    }

    /// "2021:2 2022:3" (years ascending) → grades, without allocating.
    static func grades(_ b: UnsafeRawBufferPointer) -> AnnualGrades {
        func year(at i: Int) -> Int { var y = 0; for k in 0 ..< 4 { y = y * 10 + Int(b[i + k]) - 48 }; return y }
        guard b.count >= 6 else { return AnnualGrades() }
        var out = AnnualGrades(latest: year(at: (b.count - 6) / 7 * 7))
        var i = 0
        while i + 6 <= b.count {
            if b[i + 4] == UInt8(ascii: ":"), let g = AssessmentGrade(rawValue: Int(b[i + 5]) - 48) { out.set(year(at: i), g) }
            i += 7
        }
        return out
    }

    /// A UUID from its 36-character text, without `sscanf` or allocation.
    static func uuid(_ b: UnsafeRawBufferPointer) -> UUID? {
        guard b.count == 36 else { return nil }
        var hi: UInt64 = 0, lo: UInt64 = 0, n = 0
        for c in b {
            let v: UInt64
            switch c {
            case 48 ... 57: v = UInt64(c) - 48
            case 65 ... 70: v = UInt64(c) - 55
            case 97 ... 102: v = UInt64(c) - 87
            case 45: continue
            default: return nil
            }
            if n < 16 { hi = hi << 4 | v } else { lo = lo << 4 | v }
            n += 1
        }
        guard n == 32 else { return nil }
        func byte(_ x: UInt64, _ i: Int) -> UInt8 { UInt8(truncatingIfNeeded: x >> (56 - 8 * i)) }
        return UUID(uuid: (byte(hi, 0), byte(hi, 1), byte(hi, 2), byte(hi, 3), byte(hi, 4), byte(hi, 5), byte(hi, 6), byte(hi, 7),
                           byte(lo, 0), byte(lo, 1), byte(lo, 2), byte(lo, 3), byte(lo, 4), byte(lo, 5), byte(lo, 6), byte(lo, 7)))
    }
}

extension FactRow {
    /// From the scanned columns (months as `year * 12 + month - 1`, 0 = unknown): a file without a
    /// birth month has no facts; unknown work start counts from birth, unknown rank date from work start.
    init(id: UUID, unitID: UUID, name: String, female: Bool, birth: Int, work: Int, party: Int, fullTime: Int, highest: Int, grade: Int, since: Int, post: Int,
         grades: @autoclosure () -> AnnualGrades, title: @autoclosure () -> String, studies: @autoclosure () -> String, establishment: @autoclosure () -> String,
         rank: String) {
        var facts: CadreFacts? = nil
        if birth > 0 {
            let work = work > 0 ? work : birth
            facts = CadreFacts(birth: YearMonth(index: birth), partyMember: party != 0, workStart: YearMonth(index: work),
                               fullTimeEducation: EducationLevel(rawValue: fullTime), inServiceEducation: EducationLevel(rawValue: highest),
                               grade: grade, gradeSince: YearMonth(index: since > 0 ? since : work), grades: grades(),
                               title: title(), studies: studies(), establishment: establishment())
        }
        self.init(id: id, unitID: unitID, name: name, facts: facts, female: female, postSince: post > 0 ? YearMonth(index: post) : nil, rank: rank)
    }
}
