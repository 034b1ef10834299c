import FluentKit
import SQLKit

/// From the committee to the end of probation (DEC, PUB, PRB) and the holiday calendar years an administrator adds.
///
/// - `committee_members`: each unit's committee roster (常委会/党组 成员): the base of quorum and approval (DEC-1,
///   DEC-4); a member leaves the roster by `retired_at`, never by deletion.
/// - `committee_meetings`: a meeting on a matter (`CommitteeMeeting` JSON in `state`), the ballot sessions of its
///   secret votes (`votes` JSON) and, once closed, the SHA-256 of its minutes (DEC-6) as the ledger recorded it.
/// - `matter_publicity`: one row per person the committee chose: the `Publicity` value (PUB-1…4) and the
///   appointment's registry details.
/// - `probations`: one row per appointee on probation (`Probation` JSON), with its end day for the list (PRB-2)
///   and the level to return to (PRB-1).
/// - `calendar_years`: holiday calendar years added by an administrator (the shipped years are in the binary).
struct M018Decisions: AsyncMigration {
    var name: String { "018_Decisions" }
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await db.schema("committee_members").id()
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("name", .string, .required)
            .field("title", .string, .required)
            .field("account", .string)
            .field("sort", .int, .required)
            .field("added_at", .int64, .required)
            .field("retired_at", .int64)
            .create()
        try await sql.create(index: "committee_members_unit").on("committee_members").column("unit_id").run()

        try await db.schema("committee_meetings").id()
            .field("matter_id", .uuid, .required, .references("matters", "id"))
            .field("unit_id", .uuid, .required)
            .field("state", .string, .required)
            .field("votes", .string, .required)
            .field("closed", .bool, .required)
            .field("minutes_sha256", .string)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .create()
        try await sql.create(index: "committee_meetings_matter").on("committee_meetings").column("matter_id").run()

        try await db.schema("matter_publicity").id()
            .field("matter_id", .uuid, .required, .references("matters", "id"))
            .field("person_id", .uuid, .required, .references("matter_people", "id"))
            .field("state", .string, .required)
            .field("details", .string, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "person_id")
            .create()
        try await sql.create(index: "matter_publicity_matter").on("matter_publicity").column("matter_id").run()

        try await db.schema("probations").id()
            .field("matter_id", .uuid, .required, .references("matters", "id"))
            .field("person_id", .uuid, .required, .references("matter_people", "id"))
            .field("unit_id", .uuid, .required)
            .field("cadre_id", .uuid)
            .field("state", .string, .required)
            .field("ends", .string, .required)
            .field("concluded", .bool, .required)
            .field("former", .string, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "person_id")
            .create()
        try await sql.create(index: "probations_unit_ends").on("probations").column("unit_id").column("ends").run()

        try await db.schema("calendar_years").id()
            .field("year", .int, .required)
            .field("data", .string, .required)
            .field("added_by", .string, .required)
            .field("added_at", .int64, .required)
            .unique(on: "year")
            .create()
    }

    func revert(on db: any Database) async throws {
        for t in ["calendar_years", "probations", "matter_publicity", "committee_meetings", "committee_members"] { try await db.schema(t).delete() }
    }
}
