import FluentKit

/// EXM-3: a judge's scores of each interview form when the plan uses several (`[Int64]` JSON in the plan's order, in
/// ten-thousandths); nil for an interview scored as one. The question sets (EXM-7) and the recusals (EXM-4) live in
/// the competition's state and need no table.
struct M026InterviewForms: AsyncMigration {
    var name: String { "026_InterviewForms" }
    func prepare(on db: any Database) async throws {
        try await db.schema("interview_scores").field("forms", .string).update()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("interview_scores").deleteField("forms").update()
    }
}
