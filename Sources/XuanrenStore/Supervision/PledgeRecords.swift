import FluentKit
import Foundation

/// A pledge campaign (DIS-3): the `PledgeCampaign` value as JSON, with its unit, name, state and deadline for lists.
/// Only `Store+Pledges.swift` writes it, inside `Store.write`.
final class PledgeCampaignRecord: Model, @unchecked Sendable {
    static let schema = "pledge_campaigns"
    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "name") var name: String
    @Field(key: "state") var state: String
    /// `yyyy-mm-dd`.
    @Field(key: "deadline") var deadline: String
    /// The `PledgeCampaign` value as JSON.
    @Field(key: "campaign") var campaign: String
    @Field(key: "created_at") var createdAt: Int64
    @Field(key: "updated_at") var updatedAt: Int64
    init() {}
}
