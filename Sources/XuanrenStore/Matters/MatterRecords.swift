import FluentKit
import Foundation

final class MatterRecord: Model, @unchecked Sendable {
    static let schema = "matters"
    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "title") var title: String
    @Field(key: "phase") var phase: String
    @OptionalField(key: "stage") var stage: String?
    @Field(key: "procedure") var procedure: String
    /// The `Matter` value as JSON.
    @Field(key: "state") var state: String
    /// The ballot sessions the matter created, `MatterSessions` as JSON.
    @Field(key: "sessions") var sessions: String
    /// NOM-2: the consolidation record (`Consolidation` JSON), nil until consolidated.
    @OptionalField(key: "consolidated") var consolidated: String?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Int64
    @Field(key: "updated_at") var updatedAt: Int64
    init() {}
}

final class MatterPersonRecord: Model, @unchecked Sendable {
    static let schema = "matter_people"
    @ID(key: .id) var id: UUID?
    @Field(key: "matter_id") var matterID: UUID
    @Field(key: "position_id") var positionID: String
    @OptionalField(key: "cadre_id") var cadreID: UUID?
    @Field(key: "name") var name: String
    /// `[Nomination]` JSON.
    @Field(key: "nominations") var nominations: String
    /// ELG-6 `[ConditionCheck]` JSON (nil: not yet checked).
    @OptionalField(key: "review") var review: String?
    @OptionalField(key: "qualified") var qualified: Bool?
    /// INS-8: chosen for inspection, with the reason.
    @OptionalField(key: "target_reason") var targetReason: String?
    @OptionalField(key: "withdrawn") var withdrawn: String?
    /// `PersonGates` JSON.
    @Field(key: "gates") var gates: String
    @Field(key: "created_at") var createdAt: Int64
    init() {}
}

final class MatterTeamRecord: Model, @unchecked Sendable {
    static let schema = "matter_team"
    @ID(key: .id) var id: UUID?
    @Field(key: "matter_id") var matterID: UUID
    @Field(key: "name") var name: String
    @OptionalField(key: "account") var account: String?
    @Field(key: "background") var background: String
    @Field(key: "leader") var leader: Bool
    @Field(key: "standing") var standing: Bool
    init() {}
}

final class MatterNoteRecord: Model, @unchecked Sendable {
    static let schema = "matter_records"
    @ID(key: .id) var id: UUID?
    @Field(key: "matter_id") var matterID: UUID
    @OptionalField(key: "person_id") var personID: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "day") var day: String
    @Field(key: "by") var by: String
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Int64
    init() {}
}

final class MatterItemRecord: Model, @unchecked Sendable {
    static let schema = "matter_items"
    @ID(key: .id) var id: UUID?
    @Field(key: "matter_id") var matterID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "scope") var scope: String
    @Field(key: "published_at") var publishedAt: Int64
    @OptionalField(key: "ends") var ends: String?
    init() {}
}
