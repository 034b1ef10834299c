import Foundation
import SelectionCore
import VaporCSQLite

/// Whole-registry scans (who qualifies, alerts) on SQLite read the file directly with the C API
/// (read-only, its own connection), like the ledger verifier: the async driver's per-value decoding
/// costs far more than the rules themselves at 100,000 cadres.
enum SQLiteRegistryScan {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static let columns = "id, name, sex, birth_idx, work_idx, party_member, ft_edu, edu, grade, grade_since_idx, post_since_idx, assessments, title, studies"

    static func factRows(path: String, units: Set<UUID>?) throws -> [FactRow] {
        var db: OpaquePointer?
        guard sqlite_nio_sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let db else {
            throw Failure(description: "cannot open \(path) read-only")
        }
        defer { sqlite_nio_sqlite3_close(db) }
        sqlite_nio_sqlite3_busy_timeout(db, 5000)
        var sql = "SELECT \(columns) FROM cadres"
        if let units { sql += " WHERE unit_id IN (" + units.map { "'\($0.uuidString)'" }.joined(separator: ",") + ")" }
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
            guard let id = UUID(uuidString: text(0)) else { continue }
            let birth = int(3)
            let female = bytes(2).elementsEqual("女".utf8)
            let postSince = int(10)
            var facts: CadreFacts? = nil
            if birth > 0 {
                let work = int(4) > 0 ? int(4) : birth
                let since = int(9) > 0 ? int(9) : work
                facts = CadreFacts(birth: YearMonth(index: birth), partyMember: int(5) != 0, workStart: YearMonth(index: work),
                                   fullTimeEducation: EducationLevel(rawValue: int(6)), inServiceEducation: EducationLevel(rawValue: int(7)),
                                   grade: int(8), gradeSince: YearMonth(index: since), assessments: grades(bytes(11)),
                                   title: text(12), studies: text(13))
            }
            out.append(FactRow(id: id, name: text(1), facts: facts, female: female, postSince: postSince > 0 ? YearMonth(index: postSince) : nil))
        }
        return out
    }

    /// "2021:2 2022:3" → [2021: .competent, 2022: .excellent]
    static func grades(_ b: UnsafeRawBufferPointer) -> [Int: AssessmentGrade] {
        var out: [Int: AssessmentGrade] = [:]
        var i = 0
        while i + 6 <= b.count {
            var year = 0
            for k in 0 ..< 4 { year = year * 10 + Int(b[i + k]) - 48 }
            if b[i + 4] == UInt8(ascii: ":"), let g = AssessmentGrade(rawValue: Int(b[i + 5]) - 48) { out[year] = g }
            i += 7
        }
        return out
    }
}
