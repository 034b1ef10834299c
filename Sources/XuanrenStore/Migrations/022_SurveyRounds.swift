import FluentKit

/// 一报告两评议 rounds (SUR-1, SUR-2): a unit's yearly appraisal of its selection work and of each newly promoted
/// cadre, voted with codes in two ballot sessions (the satisfaction items, BAL-7; the problem kinds, yes/no/abstain).
struct M022SurveyRounds: AsyncMigration {
    var name: String { "022_SurveyRounds" }
    func prepare(on db: any Database) async throws {
        try await db.schema("survey_rounds")
            .id()
            .field("unit_id", .uuid, .required)
            .field("year", .int, .required)
            .field("title", .string, .required)
            .field("survey", .string, .required)
            .field("satisfaction_session", .uuid)
            .field("occurrence_session", .uuid)
            .field("created_by", .string, .required)
            .field("created_at", .int64, .required)
            .create()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("survey_rounds").delete()
    }
}
