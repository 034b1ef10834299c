import FluentKit

/// BAL-10 standing evaluation panels.
struct M011CreatePanels: AsyncMigration {
    var name: String { "011_CreatePanels" }
    func prepare(on db: any Database) async throws {
        try await db.schema("evaluation_panels").id()
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("name", .string, .required)
            .field("year", .int, .required)
            .field("members", .string, .required)
            .unique(on: "unit_id", "name", "year")
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("evaluation_panels").delete() }
}
