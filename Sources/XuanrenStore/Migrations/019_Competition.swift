import FluentKit
import SQLKit

/// Competitive selection: registration, the qualification review and the sealed written exam (ELG-6…9, EXM-1, EXM-2).
///
/// - `competitions`: one row per matter (its id is the matter's) with the `Competition` value (registration window, position fates, exam
///   rules, the opened key, published progressions).
/// - `applicants`: one row per registration: the position, the channel (ELG-9), the registry file (internal) or the
///   form (external, `ApplicantForm` JSON), the identity number only as an HMAC (uniqueness) and masked, the review
///   (`[ConditionCheck]` JSON) and an override with its reason (ELG-6), the unit's confirmation, admission number,
///   room and seat.
/// - `exam_papers`: one row per paper: its random code and, sealed under a key derived from the instance key (outside
///   the database), the applicant it belongs to; `applicant_id` is written only when a supervisor opens the key.
/// - `exam_grades`: each grader's score of a paper by code (round 1, 2 = second grader, 3 = arbitration), in
///   ten-thousandths, locked when entered.
/// - `interview_scores`: each judge's locked score of a candidate (EXM-5), with element scores (EXM-6) as JSON.
struct M019Competition: AsyncMigration {
    var name: String { "019_Competition" }
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await db.schema("competitions").id()
            .field("state", .string, .required)
            .field("updated_at", .int64, .required)
            .create()

        try await db.schema("applicants").id()
            .field("matter_id", .uuid, .required, .references("matters", "id"))
            .field("position_id", .string, .required)
            .field("channel", .string, .required)
            .field("cadre_id", .uuid)
            .field("unit_id", .uuid)
            .field("name", .string, .required)
            .field("resident_hmac", .string, .required)
            .field("resident_masked", .string, .required)
            .field("birth", .string, .required)
            .field("form", .string)
            .field("confirmed", .string)
            .field("review", .string)
            .field("qualified", .bool)
            .field("override", .string)
            .field("withdrawn", .bool, .required)
            .field("admission", .string)
            .field("room", .string)
            .field("seat", .int)
            .field("entered_by", .string, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "matter_id", "resident_hmac")
            .create()
        try await sql.create(index: "applicants_position").on("applicants").column("matter_id").column("position_id").run()

        try await db.schema("exam_papers").id()
            .field("matter_id", .uuid, .required, .references("matters", "id"))
            .field("position_id", .string, .required)
            .field("code", .string, .required)
            .field("sealed", .string, .required)
            .field("applicant_id", .uuid)
            .field("absent", .bool, .required)
            .unique(on: "matter_id", "code")
            .create()

        try await db.schema("exam_grades").id()
            .field("matter_id", .uuid, .required, .references("matters", "id"))
            .field("code", .string, .required)
            .field("round", .int, .required)
            .field("grader", .string, .required)
            .field("score", .int64, .required)
            .field("created_at", .int64, .required)
            .unique(on: "matter_id", "code", "round")
            .create()

        try await db.schema("interview_scores").id()
            .field("matter_id", .uuid, .required, .references("matters", "id"))
            .field("position_id", .string, .required)
            .field("applicant_id", .uuid, .required, .references("applicants", "id"))
            .field("judge", .string, .required)
            .field("score", .int64, .required)
            .field("elements", .string)
            .field("created_at", .int64, .required)
            .unique(on: "applicant_id", "judge")
            .create()
    }
    func revert(on db: any Database) async throws {
        for t in ["interview_scores", "exam_grades", "exam_papers", "applicants", "competitions"] { try await db.schema(t).delete() }
    }
}
