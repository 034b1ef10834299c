import FluentKit
import SelectionCore
import Foundation
import SQLKit

/// A ballot session (表决/推荐/测评/选举) and its state. The box template holds settings and candidates.
public final class BallotSessionRecord: Model, @unchecked Sendable {
    public static let schema = "ballot_sessions"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "kind") public var kind: String
    @Field(key: "status") public var status: String
    /// The box without ballots, in `xuanren.ballot-box/1` JSON.
    @Field(key: "template") public var template: String
    /// After closing: the exported box (shuffled ballots), its SHA-256 and Ed25519 signature.
    @OptionalField(key: "box") public var box: String?
    @OptionalField(key: "box_hash") public var boxHash: String?
    @OptionalField(key: "box_signature") public var boxSignature: String?
    /// BAL-4: the previous round of a multi-round recommendation, whose result voters see.
    @OptionalField(key: "previous_id") public var previousID: UUID?
    /// Who may see the result and the box (`DisclosureScope`).
    @Field(key: "disclosure") public var disclosure: String
    /// BAL-5: the other vote of a 双过半 pair (meeting vote ↔ talk recommendation).
    @OptionalField(key: "paired_id") public var pairedID: UUID?
    /// Whether voters get a tracking code published with their ballot (a receipt they can check, and could show).
    @Field(key: "tracking_codes") public var trackingCodes: Bool
    /// BAL-9 sealing: the session's X25519 public key (hex); nil for a session created before sealed ballots.
    @OptionalField(key: "seal_public_key") public var sealPublicKey: String?
    /// How many custodians must confirm to open the box.
    @OptionalField(key: "custodian_threshold") public var custodianThreshold: Int?
    /// Every sealed ballot of the session is padded to this many bytes.
    @OptionalField(key: "pad_length") public var padLength: Int?
    /// After closing: codes issued and spent per category (JSON), kept when the codes are deleted.
    @OptionalField(key: "turnout") public var turnout: String?

    public init() {}
    init(id: UUID, unitID: UUID, title: String, kind: String, template: String, disclosure: DisclosureScope = .everyone) {
        self.id = id; self.unitID = unitID; self.title = title; self.kind = kind; self.status = "draft"; self.template = template
        self.disclosure = disclosure.rawValue
        self.trackingCodes = true
    }
}

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

/// BAL-8: a voter whose ballot counts several times (e.g. a party-group member's ballot counts 3 times).
/// The code carries the weight; casting stores that many identical ballots, so the exported box stays a
/// plain `xuanren.ballot-box/1` file that any reader counts correctly.
struct M007AddCodeWeight: AsyncMigration {
    var name: String { "007_AddCodeWeight" }
    func prepare(on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("ALTER TABLE voting_codes ADD COLUMN weight INTEGER NOT NULL DEFAULT 1").run()
    }
    func revert(on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("ALTER TABLE voting_codes DROP COLUMN weight").run()
    }
}

/// The (session, category) index on voting codes made SQLite's planner scan every code of a session
/// instead of seeking by the code hash (the primary key) when a code is spent; codes are found by hash.
struct M009DropCodeSessionIndex: AsyncMigration {
    var name: String { "009_DropCodeSessionIndex" }
    func prepare(on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("DROP INDEX voting_codes_session").run()
    }
    func revert(on db: any Database) async throws {
        try await (db as! any SQLDatabase).create(index: "voting_codes_session").on("voting_codes").column("session_id").column("category").run()
    }
}

struct M010AddPreviousRound: AsyncMigration {
    var name: String { "010_AddPreviousRound" }
    func prepare(on db: any Database) async throws {
        try await db.schema("ballot_sessions").field("previous_id", .uuid).update()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("ballot_sessions").deleteField("previous_id").update()
    }
}

/// BAL-5 pairs; tracking codes on or off per session.
struct M013AddPairedSession: AsyncMigration {
    var name: String { "013_AddPairedSession" }
    func prepare(on db: any Database) async throws {
        try await db.schema("ballot_sessions").field("paired_id", .uuid).update()
        try await db.schema("ballot_sessions").field("tracking_codes", .bool, .required, .sql(.default(true))).update()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("ballot_sessions").deleteField("tracking_codes").update()
        try await db.schema("ballot_sessions").deleteField("paired_id").update()
    }
}
