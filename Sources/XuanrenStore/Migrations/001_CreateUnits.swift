import FluentKit

/// Organization units (县委, 组织部, 教育局 …) as a tree.
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
