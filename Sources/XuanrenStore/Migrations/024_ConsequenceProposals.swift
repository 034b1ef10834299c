import FluentKit

/// ASM-5: consequence proposals put to the committee, each with its evidence (the ballot session and its figures).
/// The software only proposes: nothing here changes a cadre's post or rank.
struct M024ConsequenceProposals: AsyncMigration {
    var name: String { "024_ConsequenceProposals" }
    func prepare(on db: any Database) async throws {
        try await db.schema("consequence_proposals")
            .id()
            .field("unit_id", .uuid, .required)
            .field("rule", .string, .required)
            .field("action", .string, .required)
            .field("subject", .string, .required)
            .field("session_id", .uuid)
            .field("evidence_zh", .string, .required)
            .field("evidence_en", .string, .required)
            .field("proposed_by", .string, .required)
            .field("proposed_on", .string, .required)
            .unique(on: "session_id", "subject", "rule")
            .create()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("consequence_proposals").delete()
    }
}
