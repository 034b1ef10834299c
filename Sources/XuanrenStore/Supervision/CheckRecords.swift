import FluentKit
import Foundation

/// A supervision check (CHK-1…6): its `Check` value and, once drawn, its context (`CheckContext`).
final class CheckRecord: Model, @unchecked Sendable {
    static let schema = "checks"
    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    /// `CheckState` raw value, kept in step with the value (for lists).
    @Field(key: "state") var state: String
    @Field(key: "period_from") var periodFrom: String
    @Field(key: "period_to") var periodTo: String
    /// The `Check` value as JSON.
    @Field(key: "value") var value: String
    /// `CheckContext` JSON, from the draw on.
    @OptionalField(key: "context") var context: String?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Int64
    @Field(key: "updated_at") var updatedAt: Int64
    init() {}
}

/// One newly promoted cadre a check covers (CHK-2), taken when the sample is drawn.
final class CheckFileRecord: Model, @unchecked Sendable {
    static let schema = "check_files"
    @ID(key: .id) var id: UUID?
    @Field(key: "check_id") var checkID: UUID
    /// The order of the list (appointment day, then name).
    @Field(key: "sort") var sort: Int
    @Field(key: "matter_id") var matterID: UUID
    /// The person in the matter: the file's id in the draw (`FileSampling.File.id` is its UUID string).
    @Field(key: "person_id") var personID: UUID
    @OptionalField(key: "cadre_id") var cadreID: UUID?
    @Field(key: "name") var name: String
    @Field(key: "post") var post: String
    /// The appointment day (`yyyy-MM-dd`).
    @Field(key: "appointed") var appointed: String
    /// `CheckFileFacts` JSON.
    @Field(key: "facts") var facts: String
    /// The mandatory reasons that applied when drawn, raw values joined by commas (empty: none).
    @Field(key: "reasons") var reasons: String
    @OptionalField(key: "lot") var lot: Int?
    @Field(key: "sampled") var sampled: Bool
    /// `FileReview` JSON, once reviewed.
    @OptionalField(key: "review") var review: String?
    @OptionalField(key: "reviewed_at") var reviewedAt: Int64?
    init() {}
}
