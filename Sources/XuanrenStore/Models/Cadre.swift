import FluentKit
import Foundation

/// A cadre in the registry (干部): the file as JSON plus the columns derived from it for lists,
/// eligibility searches and alerts. Only `Store.saveCadre` writes them, always together.
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
    @Field(key: "file_json") public var fileJSON: String
    @Field(key: "grade") public var grade: Int
    @OptionalField(key: "grade_since") public var gradeSince: String?
    @OptionalField(key: "post_since") public var postSince: String?
    @Field(key: "ft_edu") public var fullTimeEducation: Int
    @Field(key: "edu") public var highestEducation: Int
    @Field(key: "party_member") public var partyMember: Int
    @Field(key: "assessments") public var assessments: String
    @Field(key: "title") public var title: String
    @Field(key: "studies") public var studies: String
    @Field(key: "blocking") public var blocking: Int
    @Field(key: "findings") public var findings: Int
    @Field(key: "updated_at") public var updatedAt: Int64

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
