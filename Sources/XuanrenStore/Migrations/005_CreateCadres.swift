import FluentKit
import SQLKit

/// The cadre registry: one row per cadre with the columns lists and searches read (widened by 012).
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
