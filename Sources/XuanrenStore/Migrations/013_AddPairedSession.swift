import FluentKit

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
