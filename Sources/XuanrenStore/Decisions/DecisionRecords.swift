import FluentKit
import Foundation

final class CommitteeMemberRecord: Model, @unchecked Sendable {
    static let schema = "committee_members"
    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "name") var name: String
    /// 职务 (e.g. 县委副书记).
    @Field(key: "title") var title: String
    /// The member's account, when they have one (they then read the meetings of their committee).
    @OptionalField(key: "account") var account: String?
    @Field(key: "sort") var sort: Int
    @Field(key: "added_at") var addedAt: Int64
    @OptionalField(key: "retired_at") var retiredAt: Int64?
    init() {}
}

final class CommitteeMeetingRecord: Model, @unchecked Sendable {
    static let schema = "committee_meetings"
    @ID(key: .id) var id: UUID?
    @Field(key: "matter_id") var matterID: UUID
    @Field(key: "unit_id") var unitID: UUID
    /// The `CommitteeMeeting` value as JSON.
    @Field(key: "state") var state: String
    /// `[CommitteeBallot]` JSON: the secret votes held through ballot sessions.
    @Field(key: "votes") var votes: String
    @Field(key: "closed") var closed: Bool
    /// DEC-6: the SHA-256 of the minutes (zh-Hans text) when the meeting closed; the same value is in the ledger.
    @OptionalField(key: "minutes_sha256") var minutesSHA256: String?
    @Field(key: "created_at") var createdAt: Int64
    @Field(key: "updated_at") var updatedAt: Int64
    init() {}
}

final class PublicityRecord: Model, @unchecked Sendable {
    static let schema = "matter_publicity"
    @ID(key: .id) var id: UUID?
    @Field(key: "matter_id") var matterID: UUID
    @Field(key: "person_id") var personID: UUID
    /// The `Publicity` value as JSON.
    @Field(key: "state") var state: String
    /// `PublicityDetails` JSON.
    @Field(key: "details") var details: String
    @Field(key: "created_at") var createdAt: Int64
    @Field(key: "updated_at") var updatedAt: Int64
    init() {}
}

final class ProbationRecord: Model, @unchecked Sendable {
    static let schema = "probations"
    @ID(key: .id) var id: UUID?
    @Field(key: "matter_id") var matterID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @OptionalField(key: "cadre_id") var cadreID: UUID?
    /// The `Probation` value as JSON.
    @Field(key: "state") var state: String
    /// The end day (`yyyy-MM-dd`) for the list, kept in step with the value.
    @Field(key: "ends") var ends: String
    @Field(key: "concluded") var concluded: Bool
    /// `FormerLevel` JSON: the post and rank to return to (PRB-1).
    @Field(key: "former") var former: String
    @Field(key: "created_at") var createdAt: Int64
    @Field(key: "updated_at") var updatedAt: Int64
    init() {}
}

final class CalendarYearRecord: Model, @unchecked Sendable {
    static let schema = "calendar_years"
    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    /// A `xuanren.holiday-calendar/1` document holding this one year.
    @Field(key: "data") var data: String
    @Field(key: "added_by") var addedBy: String
    @Field(key: "added_at") var addedAt: Int64
    init() {}
}
