import FluentKit
import SQLKit

/// All migrations, in order. The same list runs on SQLite and PostgreSQL.
public enum XuanrenMigrations {
    public static var all: [any Migration] {
        [M001CreateUnits(), M002CreateAccounts(), M003CreateSessions(), M004CreateLedger(), M005CreateCadres(), M006CreateBallots(), M007AddCodeWeight(), M008CreatePaperEntries(), M009DropCodeSessionIndex(), M010AddPreviousRound(), M011CreatePanels(), M012CadreFiles(), M013AddPairedSession(), M014SessionAccounts(), M015SealedBallots()]
    }
}

struct M001CreateUnits: AsyncMigration {
    var name: String { "001_CreateUnits" }
    func prepare(on db: any Database) async throws {
        try await db.schema("units")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("parent_id", .uuid, .references("units", "id"))
            .field("sort", .int, .required)
            .unique(on: "code")
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("units").delete() }
}

struct M002CreateAccounts: AsyncMigration {
    var name: String { "002_CreateAccounts" }
    func prepare(on db: any Database) async throws {
        try await db.schema("accounts")
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("must_change_password", .bool, .required)
            .field("disabled", .bool, .required)
            .field("failed_logins", .int, .required)
            .field("locked_until", .int64)
            .field("created_at", .int64, .required)
            .unique(on: "username")
            .create()
        try await db.schema("role_grants")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("campaign_id", .uuid)
            .unique(on: "account_id", "role", "unit_id", "campaign_id")
            .create()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("role_grants").delete()
        try await db.schema("accounts").delete()
    }
}

struct M003CreateSessions: AsyncMigration {
    var name: String { "003_CreateSessions" }
    func prepare(on db: any Database) async throws {
        try await db.schema("sessions")
            .field("token_hash", .string, .identifier(auto: false))
            .field("data", .string, .required)
            .field("expires_at", .int64, .required)
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("sessions").delete() }
}

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

struct M005CreateCadres: AsyncMigration {
    var name: String { "005_CreateCadres" }
    func prepare(on db: any Database) async throws {
        try await db.schema("cadres")
            .id()
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("name", .string, .required)
            .field("sex", .string, .required)
            .field("birth_month", .string, .required)
            .field("ethnicity", .string, .required)
            .field("post", .string, .required)
            .field("rank", .string, .required)
            .field("party_month", .string)
            .field("work_start_month", .string, .required)
            .field("education", .string, .required)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "cadres_unit").on("cadres").column("unit_id").run()
        }
    }
    func revert(on db: any Database) async throws { try await db.schema("cadres").delete() }
}
