import FluentKit
import Foundation
import SQLKit

/// The registration burst's reads and writes as plain SQL, not through Fluent's model layer, whose reflection over
/// an applicant's 24 fields was the largest single cost of a batch (`scripts/load-register.py`, profiled with perf;
/// figures in the README). Same rows and columns as `ApplicantRecord` and `ApplicantAccountRecord`, which read them.
enum RegistrationSQL {
    private struct Digest: Decodable { var resident_hmac: String }

    /// Which of `digests` already registered for the matter.
    static func registered(_ matterID: UUID, digests: [String], _ db: any Database) async throws -> [String] {
        guard !digests.isEmpty else { return [] }
        return try await (db as! any SQLDatabase).select().column("resident_hmac").from("applicants")
            .where("matter_id", .equal, SQLBind(matterID)).where("resident_hmac", .in, SQLBind.group(digests))
            .all(decoding: Digest.self).map(\.resident_hmac)
    }

    /// Which of `digests` have an applicant account.
    static func accounts(digests: [String], _ db: any Database) async throws -> [String] {
        guard !digests.isEmpty else { return [] }
        return try await (db as! any SQLDatabase).select().column("resident_hmac").from("applicant_accounts")
            .where("resident_hmac", .in, SQLBind.group(digests))
            .all(decoding: Digest.self).map(\.resident_hmac)
    }

    /// New applicants, 50 rows a statement.
    static func insert(_ rows: [ApplicantRecord], _ db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for start in stride(from: 0, to: rows.count, by: 50) {
            var insert = sql.insert(into: "applicants").columns("id", "matter_id", "position_id", "channel", "cadre_id", "unit_id", "name", "resident_hmac",
                                                                "resident_masked", "birth", "form", "withdrawn", "entered_by", "created_at", "updated_at")
            for a in rows[start ..< min(start + 50, rows.count)] {
                insert = insert.values(SQLBind(a.id!), SQLBind(a.matterID), SQLBind(a.positionID), SQLBind(a.channel), SQLBind(a.cadreID), SQLBind(a.unitID),
                                       SQLBind(a.name), SQLBind(a.residentHMAC), SQLBind(a.residentMasked), SQLBind(a.birth), SQLBind(a.form),
                                       SQLBind(a.withdrawn), SQLBind(a.enteredBy), SQLBind(a.createdAt), SQLBind(a.updatedAt))
            }
            try await insert.run()
        }
    }
}
