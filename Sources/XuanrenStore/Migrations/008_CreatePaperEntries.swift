import FluentKit

/// BAL-9 paper ballots: each clerk's entry of each sheet, until the two entries agree and are accepted.
struct M008CreatePaperEntries: AsyncMigration {
    var name: String { "008_CreatePaperEntries" }
    func prepare(on db: any Database) async throws {
        try await db.schema("paper_entries")
            .id()
            .field("session_id", .string, .required)
            .field("clerk", .string, .required)
            .field("sheet", .int, .required)
            .field("content", .string, .required)
            .unique(on: "session_id", "clerk", "sheet")
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("paper_entries").delete() }
}
