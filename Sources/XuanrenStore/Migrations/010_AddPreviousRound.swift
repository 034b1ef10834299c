import FluentKit

/// BAL-4: a multi-round recommendation names its previous round.
struct M010AddPreviousRound: AsyncMigration {
    var name: String { "010_AddPreviousRound" }
    func prepare(on db: any Database) async throws {
        try await db.schema("ballot_sessions").field("previous_id", .uuid).update()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("ballot_sessions").deleteField("previous_id").update()
    }
}
