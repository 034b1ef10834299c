import FluentKit

/// SCR-1, SEL-3, SEL-4: the composite's stages entered by people other than the interview panel — party-group
/// members' scores, regular assessment, the rating panel, the inspection score — one locked row per applicant and
/// stage, out of 100 in ten-thousandths, with the reference of the signed paper it comes from.
struct M027CompositeStages: AsyncMigration {
    var name: String { "027_CompositeStages" }
    func prepare(on db: any Database) async throws {
        try await db.schema("stage_scores").id()
            .field("matter_id", .uuid, .required, .references("matters", "id"))
            .field("position_id", .string, .required)
            .field("applicant_id", .uuid, .required, .references("applicants", "id"))
            .field("stage", .string, .required)
            .field("score", .int64, .required)
            .field("reference", .string, .required)
            .field("entered_by", .string, .required)
            .field("created_at", .int64, .required)
            .unique(on: "applicant_id", "stage")
            .create()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("stage_scores").delete()
    }
}
