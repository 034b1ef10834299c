import FluentKit
import Foundation
import SQLKit

/// Sessions name their account (`account_id`), so that changing or resetting a password can end the
/// account's other sessions. Sessions that exist already get it from their data (`uid`).
struct M014SessionAccounts: AsyncMigration {
    /// This migration first ran without a name of its own, so Fluent stored its type name; existing databases
    /// know it by that, so it stays (the numbered name would run it again).
    var name: String { "XuanrenStore.M014SessionAccounts" }
    func prepare(on db: any Database) async throws {
        try await db.schema("sessions").field("account_id", .uuid).update()
        try await (db as! any SQLDatabase).create(index: "sessions_account").on("sessions").column("account_id").run()
        for rec in try await SessionRecord.query(on: db).all() {
            guard let data = try? JSONDecoder().decode([String: String].self, from: Data(rec.data.utf8)),
                  let uid = data["uid"].flatMap(UUID.init(uuidString:)) else { continue }
            rec.accountID = uid
            try await rec.update(on: db)
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema("sessions").deleteField("account_id").update()
    }
}
