import FluentKit
import Foundation

/// A cadre in the registry (干部). The full file (REG-1) grows with the registry issue.
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

    public init() {}
    public init(id: UUID = UUID(), unitID: UUID, name: String, sex: String, birthMonth: String, ethnicity: String,
                post: String, rank: String, partyMonth: String?, workStartMonth: String, education: String) {
        self.id = id; self.unitID = unitID; self.name = name; self.sex = sex; self.birthMonth = birthMonth
        self.ethnicity = ethnicity; self.post = post; self.rank = rank; self.partyMonth = partyMonth
        self.workStartMonth = workStartMonth; self.education = education
    }
}
