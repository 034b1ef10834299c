import FluentKit
import SQLKit

/// The full-process record (LED-1): hash-chained entries and the signed checkpoints of its head.
struct M004CreateLedger: AsyncMigration {
    var name: String { "004_CreateLedger" }
    func prepare(on db: any Database) async throws {
        try await db.schema("ledger_entries")
            .field("seq", .int64, .identifier(auto: false))
            .field("at", .string, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("subject_type", .string, .required)
            .field("subject_id", .string, .required)
            .field("payload", .string, .required)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await db.schema("ledger_checkpoints")
            .field("seq", .int64, .identifier(auto: false))
            .field("head_hash", .string, .required)
            .field("signed_at", .string, .required)
            .field("public_key", .string, .required)
            .field("signature", .string, .required)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "ledger_entries_subject").on("ledger_entries").column("subject_type").column("subject_id").run()
        }
    }
    func revert(on db: any Database) async throws {
        try await db.schema("ledger_checkpoints").delete()
        try await db.schema("ledger_entries").delete()
    }
}
