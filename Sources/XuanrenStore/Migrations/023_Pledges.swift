import FluentKit
import SQLKit

/// Pledge campaigns of discipline before a change of leadership (DIS-3).
///
/// - `pledge_campaigns`: one row per campaign: its unit, name, state and deadline for lists, and the `PledgeCampaign`
///   value as JSON (the texts, the eligible cadres fixed when it opened, each pledge recorded: signed day, recorded
///   day and by whom).
struct M023Pledges: AsyncMigration {
    var name: String { "023_Pledges" }
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await db.schema("pledge_campaigns").id()
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("name", .string, .required)
            .field("state", .string, .required)
            .field("deadline", .string, .required)
            .field("campaign", .string, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .create()
        try await sql.create(index: "pledge_campaigns_unit").on("pledge_campaigns").column("unit_id").run()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("pledge_campaigns").delete()
    }
}
