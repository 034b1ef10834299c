import FluentKit
import Foundation

/// A matter's `Competition` value; the row's id is the matter's.
final class CompetitionRecord: Model, @unchecked Sendable {
    static let schema = "competitions"
    @ID(key: .id) var id: UUID?
    @Field(key: "state") var state: String
    @Field(key: "updated_at") var updatedAt: Int64
    init() {}
}

final class ApplicantRecord: Model, @unchecked Sendable {
    static let schema = "applicants"
    @ID(key: .id) var id: UUID?
    @Field(key: "matter_id") var matterID: UUID
    @Field(key: "position_id") var positionID: String
    @Field(key: "channel") var channel: String
    /// Internal applicants: their registry file and its unit (ELG-9: that unit confirms the form).
    @OptionalField(key: "cadre_id") var cadreID: UUID?
    @OptionalField(key: "unit_id") var unitID: UUID?
    @Field(key: "name") var name: String
    /// HMAC of the identity number (one registration per person and matter); never the number itself.
    @Field(key: "resident_hmac") var residentHMAC: String
    @Field(key: "resident_masked") var residentMasked: String
    @Field(key: "birth") var birth: String
    /// External applicants: `ApplicantForm` JSON.
    @OptionalField(key: "form") var form: String?
    /// ELG-9: who confirmed the form for the unit, and when (JSON `Confirmation`).
    @OptionalField(key: "confirmed") var confirmed: String?
    @OptionalField(key: "review") var review: String?
    @OptionalField(key: "qualified") var qualified: Bool?
    /// ELG-6: `ReviewOverride` JSON.
    @OptionalField(key: "override") var override: String?
    @Field(key: "withdrawn") var withdrawn: Bool
    @OptionalField(key: "admission") var admission: String?
    @OptionalField(key: "room") var room: String?
    @OptionalField(key: "seat") var seat: Int?
    @Field(key: "entered_by") var enteredBy: String
    @Field(key: "created_at") var createdAt: Int64
    @Field(key: "updated_at") var updatedAt: Int64
    init() {}

    /// The review's outcome with the override applied.
    var isQualified: Bool? {
        if let o = override, let v = try? Store.decode(ReviewOverrideBox.self, o) { return v.qualified }
        return qualified
    }
}

/// Only the outcome of an override, read without its reason.
struct ReviewOverrideBox: Decodable { var qualified: Bool }

final class ExamPaperRecord: Model, @unchecked Sendable {
    static let schema = "exam_papers"
    @ID(key: .id) var id: UUID?
    @Field(key: "matter_id") var matterID: UUID
    @Field(key: "position_id") var positionID: String
    @Field(key: "code") var code: String
    /// AES-GCM of the applicant's id under the matter's exam key (derived from the instance key).
    @Field(key: "sealed") var sealed: String
    /// Written when the key is opened (EXM-1).
    @OptionalField(key: "applicant_id") var applicantID: UUID?
    @Field(key: "absent") var absent: Bool
    init() {}
}

final class ExamGradeRecord: Model, @unchecked Sendable {
    static let schema = "exam_grades"
    @ID(key: .id) var id: UUID?
    @Field(key: "matter_id") var matterID: UUID
    @Field(key: "code") var code: String
    @Field(key: "round") var round: Int
    @Field(key: "grader") var grader: String
    /// Ten-thousandths of a point.
    @Field(key: "score") var score: Int64
    @Field(key: "created_at") var createdAt: Int64
    init() {}
}

final class InterviewScoreRecord: Model, @unchecked Sendable {
    static let schema = "interview_scores"
    @ID(key: .id) var id: UUID?
    @Field(key: "matter_id") var matterID: UUID
    @Field(key: "position_id") var positionID: String
    @Field(key: "applicant_id") var applicantID: UUID
    @Field(key: "judge") var judge: String
    /// Ten-thousandths; the sum of the elements when scored by element.
    @Field(key: "score") var score: Int64
    /// `[Int64]` JSON, the eight elements in order (EXM-6), nil for a plain score.
    @OptionalField(key: "elements") var elements: String?
    /// EXM-3: `[Int64]` JSON, each form's score in the plan's order, nil when the interview is scored as one.
    @OptionalField(key: "forms") var forms: String?
    @Field(key: "created_at") var createdAt: Int64
    init() {}
}

/// An applicant's account (ELG-8, EXM-9): the identity number only as the HMAC the registrations store, the
/// activation code only as an HMAC until a password is set, then only the password's bcrypt hash.
final class ApplicantAccountRecord: Model, @unchecked Sendable {
    static let schema = "applicant_accounts"
    @ID(key: .id) var id: UUID?
    @Field(key: "resident_hmac") var residentHMAC: String
    @OptionalField(key: "code_hmac") var codeHMAC: String?
    @OptionalField(key: "password_hash") var passwordHash: String?
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Int64?
    @Field(key: "created_at") var createdAt: Int64
    @OptionalField(key: "activated_at") var activatedAt: Int64?
    init() {}
}

/// SCR-1, SEL-3, SEL-4: a composite stage entered by an organizer for one applicant (`FedStage`), locked on entry.
final class StageScoreRecord: Model, @unchecked Sendable {
    static let schema = "stage_scores"
    @ID(key: .id) var id: UUID?
    @Field(key: "matter_id") var matterID: UUID
    @Field(key: "position_id") var positionID: String
    @Field(key: "applicant_id") var applicantID: UUID
    /// `FedStage` raw value.
    @Field(key: "stage") var stage: String
    /// Out of 100, ten-thousandths.
    @Field(key: "score") var score: Int64
    /// The signed paper the score comes from (文号 or minutes).
    @Field(key: "reference") var reference: String
    @Field(key: "entered_by") var enteredBy: String
    @Field(key: "created_at") var createdAt: Int64
    init() {}
}
