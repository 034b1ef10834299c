import FluentKit
import SQLKit

/// Ballot sessions, voting codes (keyed hashes only) and cast ballots.
struct M006CreateBallots: AsyncMigration {
    var name: String { "006_CreateBallots" }
    func prepare(on db: any Database) async throws {
        try await db.schema("ballot_sessions")
            .id()
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("title", .string, .required)
            .field("kind", .string, .required)
            .field("status", .string, .required)
            .field("template", .string, .required)
            .field("box", .string)
            .field("box_hash", .string)
            .field("box_signature", .string)
            .create()
        let sql = db as! any SQLDatabase
        // Codes: only a keyed hash and the category; nothing about who received one.
        // Ballots: a random id, the content and a tracking code; no voter, no code, no time.
        // On SQLite both are WITHOUT ROWID tables ordered by their random keys, so the physical
        // order says nothing about the order in which codes were spent or ballots cast.
        let withoutRowID = sql.dialect.name == "sqlite" ? " WITHOUT ROWID" : ""
        try await sql.raw("""
            CREATE TABLE voting_codes (
              code_hash TEXT NOT NULL PRIMARY KEY,
              session_id TEXT NOT NULL,
              category TEXT NOT NULL,
              spent BOOLEAN NOT NULL
            )\(unsafeRaw: withoutRowID)
            """).run()
        try await sql.raw("""
            CREATE TABLE ballots (
              id TEXT NOT NULL PRIMARY KEY,
              session_id TEXT NOT NULL,
              category TEXT NOT NULL,
              content TEXT NOT NULL,
              tracking TEXT NOT NULL
            )\(unsafeRaw: withoutRowID)
            """).run()
        try await sql.create(index: "voting_codes_session").on("voting_codes").column("session_id").column("category").run()
        try await sql.create(index: "ballots_session").on("ballots").column("session_id").run()
    }
    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("DROP TABLE ballots").run()
        try await sql.raw("DROP TABLE voting_codes").run()
        try await db.schema("ballot_sessions").delete()
    }
}
