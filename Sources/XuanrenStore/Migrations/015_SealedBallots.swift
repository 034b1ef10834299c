import FluentKit
import SQLKit

/// Sealed ballots (BAL-9): the tables that hold ballots while voting is open, and the custodians' keys.
///
/// - `sealed_ballots`: a random id, the session and the sealed, padded ballot — nothing else. Deleted at closing.
/// - `ballot_seal_contexts`: one row per server process and session: the HPKE encapsulated key from which the
///   custodians' recovered key re-derives that process's AES key. Deleted at closing.
/// - `ballot_custodians`: who holds a share of each session's key, and the share sealed to their own key;
///   the share is erased at closing, the name stays (the ledger says who confirmed the opening).
/// - `custodian_keys`: each account's X25519 key, its private half encrypted under a scrypt key of the
///   account's password (made whenever the password is set or used to sign in).
/// - `ballot_sessions` gains the session's public key, the number of custodians needed, the padded length
///   and, after closing, the turnout counts (the codes themselves are deleted then).
struct M015SealedBallots: AsyncMigration {
    var name: String { "015_SealedBallots" }
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let withoutRowID = sql.dialect.name == "sqlite" ? " WITHOUT ROWID" : ""
        try await db.schema("ballot_sessions").field("seal_public_key", .string).update()
        try await db.schema("ballot_sessions").field("custodian_threshold", .int).update()
        try await db.schema("ballot_sessions").field("pad_length", .int).update()
        try await db.schema("ballot_sessions").field("turnout", .string).update()
        try await sql.raw("""
            CREATE TABLE sealed_ballots (
              id TEXT NOT NULL PRIMARY KEY,
              session_id TEXT NOT NULL,
              sealed TEXT NOT NULL
            )\(unsafeRaw: withoutRowID)
            """).run()
        try await sql.create(index: "sealed_ballots_session").on("sealed_ballots").column("session_id").run()
        try await sql.raw("""
            CREATE TABLE ballot_seal_contexts (
              id TEXT NOT NULL PRIMARY KEY,
              session_id TEXT NOT NULL,
              encapsulated TEXT NOT NULL
            )
            """).run()
        try await sql.raw("""
            CREATE TABLE ballot_custodians (
              session_id TEXT NOT NULL,
              username TEXT NOT NULL,
              position INTEGER NOT NULL,
              sealed_share TEXT,
              PRIMARY KEY (session_id, username)
            )
            """).run()
        try await sql.raw("""
            CREATE TABLE custodian_keys (
              account_id TEXT NOT NULL PRIMARY KEY,
              public_key TEXT NOT NULL,
              wrapped TEXT NOT NULL
            )
            """).run()
    }
    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for t in ["custodian_keys", "ballot_custodians", "ballot_seal_contexts", "sealed_ballots"] { try await sql.raw("DROP TABLE \(unsafeRaw: t)").run() }
        for f in ["turnout", "pad_length", "custodian_threshold", "seal_public_key"] { try await db.schema("ballot_sessions").deleteField(.string(f)).update() }
    }
}
