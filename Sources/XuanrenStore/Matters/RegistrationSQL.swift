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

    private struct Row: Decodable {
        var id: UUID; var matter_id: UUID; var position_id: String; var channel: String; var cadre_id: UUID?; var unit_id: UUID?
        var name: String; var resident_hmac: String; var resident_masked: String; var birth: String; var form: String?
        var confirmed: String?; var review: String?; var qualified: Bool?; var override: String?; var withdrawn: Bool
        var admission: String?; var room: String?; var seat: Int?; var entered_by: String; var created_at: Int64; var updated_at: Int64
    }

    /// A matter's applicants in registration order (withdrawn ones too unless `withdrawn` is false), as records
    /// marked existing: the review list, the progression and every composite read them
    /// (`scripts/bench-competition.sh`: 5,000 applicants).
    static func applicants(_ matterID: UUID, includingWithdrawn: Bool, _ db: any Database) async throws -> [ApplicantRecord] {
        var q = (db as! any SQLDatabase).select().columns("id", "matter_id", "position_id", "channel", "cadre_id", "unit_id", "name", "resident_hmac",
                                                          "resident_masked", "birth", "form", "confirmed", "review", "qualified", "override", "withdrawn",
                                                          "admission", "room", "seat", "entered_by", "created_at", "updated_at")
            .from("applicants").where("matter_id", .equal, SQLBind(matterID))
        if !includingWithdrawn { q = q.where("withdrawn", .equal, SQLBind(false)) }
        return try await q.orderBy("created_at").orderBy("id").all(decoding: Row.self).map { r in
            let a = ApplicantRecord()
            a.id = r.id; a.matterID = r.matter_id; a.positionID = r.position_id; a.channel = r.channel; a.cadreID = r.cadre_id; a.unitID = r.unit_id
            a.name = r.name; a.residentHMAC = r.resident_hmac; a.residentMasked = r.resident_masked; a.birth = r.birth; a.form = r.form
            a.confirmed = r.confirmed; a.review = r.review; a.qualified = r.qualified; a.override = r.override; a.withdrawn = r.withdrawn
            a.admission = r.admission; a.room = r.room; a.seat = r.seat; a.enteredBy = r.entered_by; a.createdAt = r.created_at; a.updatedAt = r.updated_at
            a.$id.exists = true
            return a
        }
    }
}
