import FluentKit
import SQLKit

/// The full cadre file (REG-1): the file itself as JSON plus the columns the registry list, the
/// eligibility search and the alerts read (derived from the file on every save); resolutions of
/// audit findings (REG-4), the reserve pool (RES-1), saved position conditions and registry settings.
struct M012CadreFiles: AsyncMigration {
    /// This migration first ran without a name of its own, so Fluent stored its type name; existing databases
    /// know it by that, so it stays (the numbered name would run it again).
    var name: String { "XuanrenStore.M012CadreFiles" }
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for column in [
            "resident_id TEXT", "grade INTEGER NOT NULL DEFAULT 0", "grade_since TEXT", "post_since TEXT",
            "ft_edu INTEGER NOT NULL DEFAULT 0", "edu INTEGER NOT NULL DEFAULT 0", "party_member INTEGER NOT NULL DEFAULT 0",
            "assessments TEXT NOT NULL DEFAULT ''", "title TEXT NOT NULL DEFAULT ''", "establishment TEXT NOT NULL DEFAULT ''", "studies TEXT NOT NULL DEFAULT ''",
            "blocking INTEGER NOT NULL DEFAULT 0", "birth_idx INTEGER NOT NULL DEFAULT 0", "work_idx INTEGER NOT NULL DEFAULT 0",
            "grade_since_idx INTEGER NOT NULL DEFAULT 0", "post_since_idx INTEGER NOT NULL DEFAULT 0", "findings INTEGER NOT NULL DEFAULT 0", "updated_at BIGINT NOT NULL DEFAULT 0",
        ] {
            try await sql.raw("ALTER TABLE cadres ADD COLUMN \(unsafeRaw: column)").run()
        }
        try await sql.create(index: "cadres_resident_id").unique().on("cadres").column("resident_id").run()
        try await sql.create(index: "cadres_name").on("cadres").column("name").run()
        try await sql.create(index: "cadres_rank").on("cadres").column("rank").column("name").run()
        // The file itself lives beside the row, so that scans of the registry (lists, filters, who
        // qualifies) read narrow rows only.
        try await db.schema("cadre_files")
            .field("cadre_id", .uuid, .identifier(auto: false), .references("cadres", "id", onDelete: .cascade))
            .field("file_json", .string, .required)
            .create()
        try await db.schema("cadre_resolutions")
            .id()
            .field("cadre_id", .uuid, .required, .references("cadres", "id", onDelete: .cascade))
            .field("finding", .string, .required)
            .field("reason", .string, .required)
            .field("resolved_by", .string, .required)
            .field("resolved_at", .int64, .required)
            .unique(on: "cadre_id", "finding")
            .create()
        try await db.schema("reserve_entries")
            .id()
            .field("cadre_id", .uuid, .required, .references("cadres", "id", onDelete: .cascade))
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("route", .string, .required)
            .field("entered", .string, .required)
            .field("cycle_months", .int, .required)
            .field("last_review", .string)
            .field("exited", .string)
            .field("exit_reason", .string)
            .create()
        try await db.schema("positions")
            .id()
            .field("code", .string, .required)
            .field("title", .string, .required)
            .field("unit_id", .uuid, .references("units", "id"))
            .field("conditions", .string, .required)
            .unique(on: "code")
            .create()
        try await db.schema("import_batches")
            .id()
            .field("account_id", .uuid, .required)
            .field("created_at", .int64, .required)
            .field("name", .string, .required)
            .field("data", .string, .required)
            .create()
        // Ballot sessions: who may see the result and the box (BAL disclosure scopes).
        try await sql.raw("ALTER TABLE ballot_sessions ADD COLUMN disclosure TEXT NOT NULL DEFAULT 'public'").run()
        try await db.schema("registry_settings")
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        for t in ["registry_settings", "import_batches", "positions", "reserve_entries", "cadre_resolutions", "cadre_files"] { try await db.schema(t).delete() }
    }
}
