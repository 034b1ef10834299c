import FluentKit
import SQLKit

/// Selection matters (选任事项, SEL/NOM/INS/DIS).
///
/// - `matters`: the workflow value (`Matter`, JSON in `state`) with the columns lists filter and sort on; the
///   ballot sessions the matter created (`sessions`, JSON) and its consolidation record (NOM-2).
/// - `matter_people`: one row per person per position: nominated (NOM-1, with channels), checked against the
///   conditions (ELG-6), chosen for inspection with a reason (INS-8), and the gate records (REG-3, INS-5, INS-7,
///   CAS-3 holds, CHK-5, overrides) as JSON.
/// - `matter_team`: the inspection team (INS-2); members with accounts hold the inspector role on the matter.
/// - `matter_records`: talks, opinion forms, field visits, opinions of other bodies, materials and the
///   comparative analysis (INS-3…6), consultation notes; visible to the team, organizers and supervisors.
/// - `matter_items`: what the matter published (DIS-1, DIS-2), dated, with its scope — the public page and the feed.
struct M017Matters: AsyncMigration {
    var name: String { "017_Matters" }
    func prepare(on db: any Database) async throws {
        try await db.schema("matters").id()
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("title", .string, .required)
            .field("phase", .string, .required)
            .field("stage", .string)
            .field("procedure", .string, .required)
            .field("state", .string, .required)
            .field("sessions", .string, .required)
            .field("consolidated", .string)
            .field("created_by", .string, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .create()
        let sql = db as! any SQLDatabase
        try await sql.create(index: "matters_unit_updated").on("matters").column("unit_id").column("updated_at").run()
        try await sql.create(index: "matters_updated").on("matters").column("updated_at").run()

        try await db.schema("matter_people").id()
            .field("matter_id", .uuid, .required, .references("matters", "id"))
            .field("position_id", .string, .required)
            .field("cadre_id", .uuid)
            .field("name", .string, .required)
            .field("nominations", .string, .required)
            .field("review", .string)
            .field("qualified", .bool)
            .field("target_reason", .string)
            .field("withdrawn", .string)
            .field("gates", .string, .required)
            .field("created_at", .int64, .required)
            .create()
        try await sql.create(index: "matter_people_matter").on("matter_people").column("matter_id").run()

        try await db.schema("matter_team").id()
            .field("matter_id", .uuid, .required, .references("matters", "id"))
            .field("name", .string, .required)
            .field("account", .string)
            .field("background", .string, .required)
            .field("leader", .bool, .required)
            .field("standing", .bool, .required)
            .create()
        try await sql.create(index: "matter_team_matter").on("matter_team").column("matter_id").run()
        try await sql.create(index: "matter_team_account").on("matter_team").column("account").run()

        try await db.schema("matter_records").id()
            .field("matter_id", .uuid, .required, .references("matters", "id"))
            .field("person_id", .uuid)
            .field("kind", .string, .required)
            .field("day", .string, .required)
            .field("by", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .int64, .required)
            .create()
        try await sql.create(index: "matter_records_matter").on("matter_records").column("matter_id").column("kind").run()

        try await db.schema("matter_items").id()
            .field("matter_id", .uuid, .required, .references("matters", "id"))
            .field("unit_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("scope", .string, .required)
            .field("published_at", .int64, .required)
            .field("ends", .string)
            .create()
        try await sql.create(index: "matter_items_published").on("matter_items").column("published_at").run()
        try await sql.create(index: "matter_items_matter").on("matter_items").column("matter_id").run()
    }

    func revert(on db: any Database) async throws {
        for t in ["matter_items", "matter_records", "matter_team", "matter_people", "matters"] { try await db.schema(t).delete() }
    }
}
