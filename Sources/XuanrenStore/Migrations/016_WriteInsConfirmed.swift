import FluentKit

/// SEL-5 write-ins: names written in on an election ballot show on the public results page only after an
/// organizer has confirmed the list (until then: "另选他人 1, 2, …" with their counts).
struct M016WriteInsConfirmed: AsyncMigration {
    var name: String { "016_WriteInsConfirmed" }
    func prepare(on db: any Database) async throws {
        try await db.schema("ballot_sessions").field("write_ins_confirmed", .bool, .required, .sql(.default(false))).update()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("ballot_sessions").deleteField("write_ins_confirmed").update()
    }
}
