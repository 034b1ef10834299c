import FluentKit
import SQLKit

/// The (session, category) index on voting codes made SQLite's planner scan every code of a session
/// instead of seeking by the code hash (the primary key) when a code is spent; codes are found by hash.
struct M009DropCodeSessionIndex: AsyncMigration {
    var name: String { "009_DropCodeSessionIndex" }
    func prepare(on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("DROP INDEX voting_codes_session").run()
    }
    func revert(on db: any Database) async throws {
        try await (db as! any SQLDatabase).create(index: "voting_codes_session").on("voting_codes").column("session_id").column("category").run()
    }
}
