import FluentKit
import Foundation

/// An organization unit (县委, 组织部, 教育局, 城关镇 …) in a tree.
public final class UnitRecord: Model, @unchecked Sendable {
    public static let schema = "units"
    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kind: String
    @OptionalField(key: "parent_id") public var parentID: UUID?
    @Field(key: "sort") public var sort: Int

    public init() {}
    public init(id: UUID = UUID(), code: String, name: String, kind: String, parentID: UUID?, sort: Int = 0) {
        self.id = id; self.code = code; self.name = name; self.kind = kind; self.parentID = parentID; self.sort = sort
    }
}
