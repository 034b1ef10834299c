import FluentKit
import SQLKit

/// Supervision checks of the selection work (CHK-1…6). (020 is report cases.)
///
/// - `checks`: one row per check: the unit and period it covers, its kind and state for lists, the `Check` value as
///   JSON (kind, period, settings, the draw with its seed, the answers on the main leaders, the findings with their
///   follow-up, the rectification notice, the closure) and, from the draw on, `context` (`CheckContext` JSON: the main
///   leaders the CHK-3 hints looked at, the hints and the CHK-5 prior-report list, as they stood when drawn).
/// - `check_files`: one row per newly promoted cadre the check covers, taken when the sample is drawn: the matter, the
///   person and the registry file, the facts of the mandatory reasons (`CheckFileFacts` JSON), the reasons that
///   apply (for re-drawing from the seed), the lot and whether the file is in the sample, and the team's review of it
///   (`FileReview` JSON).
struct M021Checks: AsyncMigration {
    var name: String { "021_Checks" }
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await db.schema("checks").id()
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("state", .string, .required)
            .field("period_from", .string, .required)
            .field("period_to", .string, .required)
            .field("value", .string, .required)
            .field("context", .string)
            .field("created_by", .string, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .create()
        try await sql.create(index: "checks_unit").on("checks").column("unit_id").run()

        try await db.schema("check_files").id()
            .field("check_id", .uuid, .required, .references("checks", "id"))
            .field("sort", .int, .required)
            .field("matter_id", .uuid, .required)
            .field("person_id", .uuid, .required)
            .field("cadre_id", .uuid)
            .field("name", .string, .required)
            .field("post", .string, .required)
            .field("appointed", .string, .required)
            .field("facts", .string, .required)
            .field("reasons", .string, .required)
            .field("lot", .int)
            .field("sampled", .bool, .required)
            .field("review", .string)
            .field("reviewed_at", .int64)
            .unique(on: "check_id", "person_id")
            .create()
        try await sql.create(index: "check_files_check").on("check_files").column("check_id").column("sort").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("check_files").delete()
        try await db.schema("checks").delete()
    }
}
