import FluentKit
import SQLKit

/// BAL-8: a voter whose ballot counts several times (e.g. a party-group member's ballot counts 3 times).
/// The code carries the weight; casting stores that many identical ballots, so the exported box stays a
/// plain `xuanren.ballot-box/1` file that any reader counts correctly.
struct M007AddCodeWeight: AsyncMigration {
    var name: String { "007_AddCodeWeight" }
    func prepare(on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("ALTER TABLE voting_codes ADD COLUMN weight INTEGER NOT NULL DEFAULT 1").run()
    }
    func revert(on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("ALTER TABLE voting_codes DROP COLUMN weight").run()
    }
}
