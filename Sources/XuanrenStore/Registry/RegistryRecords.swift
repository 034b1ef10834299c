import FluentKit
import Foundation

/// A cadre in the registry (干部): the columns derived from the file for lists, eligibility searches
/// and alerts; the file itself is JSON in `cadre_files`. Only `Store.saveCadre` writes them, together.
public final class CadreRecord: Model, @unchecked Sendable {
    public static let schema = "cadres"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "name") public var name: String
    @Field(key: "sex") public var sex: String
    @Field(key: "birth_month") public var birthMonth: String
    @Field(key: "ethnicity") public var ethnicity: String
    @Field(key: "post") public var post: String
    @Field(key: "rank") public var rank: String
    @OptionalField(key: "party_month") public var partyMonth: String?
    @Field(key: "work_start_month") public var workStartMonth: String
    @Field(key: "education") public var education: String
    @OptionalField(key: "resident_id") public var residentID: String?
    @Field(key: "grade") public var grade: Int
    @OptionalField(key: "grade_since") public var gradeSince: String?
    @OptionalField(key: "post_since") public var postSince: String?
    @Field(key: "ft_edu") public var fullTimeEducation: Int
    @Field(key: "edu") public var highestEducation: Int
    @Field(key: "party_member") public var partyMember: Int
    @Field(key: "assessments") public var assessments: String
    @Field(key: "title") public var title: String
    @Field(key: "establishment") public var establishment: String
    @Field(key: "studies") public var studies: String
    @Field(key: "blocking") public var blocking: Int
    @Field(key: "findings") public var findings: Int
    @Field(key: "updated_at") public var updatedAt: Int64
    /// Months as `year * 12 + month - 1` (0 = unknown), for scans without date parsing.
    @Field(key: "birth_idx") public var birthIndex: Int
    @Field(key: "work_idx") public var workIndex: Int
    @Field(key: "grade_since_idx") public var gradeSinceIndex: Int
    @Field(key: "post_since_idx") public var postSinceIndex: Int

    public init() {}
}

final class CadreResolutionRecord: Model, @unchecked Sendable {
    static let schema = "cadre_resolutions"
    @ID(key: .id) var id: UUID?
    @Field(key: "cadre_id") var cadreID: UUID
    @Field(key: "finding") var finding: String
    @Field(key: "reason") var reason: String
    @Field(key: "resolved_by") var resolvedBy: String
    @Field(key: "resolved_at") var resolvedAt: Int64
    init() {}
}

final class ReserveEntryRecord: Model, @unchecked Sendable {
    static let schema = "reserve_entries"
    @ID(key: .id) var id: UUID?
    @Field(key: "cadre_id") var cadreID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "route") var route: String
    @Field(key: "entered") var entered: String
    @Field(key: "cycle_months") var cycleMonths: Int
    @OptionalField(key: "last_review") var lastReview: String?
    @OptionalField(key: "exited") var exited: String?
    @OptionalField(key: "exit_reason") var exitReason: String?
    init() {}
}

final class PositionRecord: Model, @unchecked Sendable {
    static let schema = "positions"
    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "title") var title: String
    @OptionalField(key: "unit_id") var unitID: UUID?
    @Field(key: "conditions") var conditions: String
    init() {}
}
