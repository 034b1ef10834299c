import FluentKit

/// Accounts and the roles they hold on units.
struct M002CreateAccounts: AsyncMigration {
    var name: String { "002_CreateAccounts" }
    func prepare(on db: any Database) async throws {
        try await db.schema("accounts")
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("must_change_password", .bool, .required)
            .field("disabled", .bool, .required)
            .field("failed_logins", .int, .required)
            .field("locked_until", .int64)
            .field("created_at", .int64, .required)
            .unique(on: "username")
            .create()
        try await db.schema("role_grants")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("campaign_id", .uuid)
            .unique(on: "account_id", "role", "unit_id", "campaign_id")
            .create()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("role_grants").delete()
        try await db.schema("accounts").delete()
    }
}
