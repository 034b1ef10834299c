import FluentKit

/// Web sessions: the SHA-256 of the cookie token, the session data and its expiry.
struct M003CreateSessions: AsyncMigration {
    var name: String { "003_CreateSessions" }
    func prepare(on db: any Database) async throws {
        try await db.schema("sessions")
            .field("token_hash", .string, .identifier(auto: false))
            .field("data", .string, .required)
            .field("expires_at", .int64, .required)
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("sessions").delete() }
}
