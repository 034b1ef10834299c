import FluentKit
import Foundation

/// A person who signs in. Passwords are stored as Bcrypt hashes only.
public final class AccountRecord: Model, @unchecked Sendable {
    public static let schema = "accounts"
    @ID(key: .id) public var id: UUID?
    @Field(key: "username") public var username: String
    @Field(key: "display_name") public var displayName: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "must_change_password") public var mustChangePassword: Bool
    @Field(key: "disabled") public var disabled: Bool
    @Field(key: "failed_logins") public var failedLogins: Int
    @OptionalField(key: "locked_until") public var lockedUntil: Int64?
    @Field(key: "created_at") public var createdAt: Int64

    public init() {}
    public init(id: UUID = UUID(), username: String, displayName: String, passwordHash: String, mustChangePassword: Bool, createdAt: Int64) {
        self.id = id; self.username = username; self.displayName = displayName; self.passwordHash = passwordHash
        self.mustChangePassword = mustChangePassword; self.disabled = false; self.failedLogins = 0; self.lockedUntil = nil
        self.createdAt = createdAt
    }
}

/// A role held by an account on a unit (and optionally only within one campaign).
public final class GrantRecord: Model, @unchecked Sendable {
    public static let schema = "role_grants"
    @ID(key: .id) public var id: UUID?
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "role") public var role: String
    @Field(key: "unit_id") public var unitID: UUID
    @OptionalField(key: "campaign_id") public var campaignID: UUID?

    public init() {}
    public init(id: UUID = UUID(), accountID: UUID, role: String, unitID: UUID, campaignID: UUID? = nil) {
        self.id = id; self.accountID = accountID; self.role = role; self.unitID = unitID; self.campaignID = campaignID
    }
}

/// A server-side session. The cookie holds a random token; only its SHA-256 is stored.
public final class SessionRecord: Model, @unchecked Sendable {
    public static let schema = "sessions"
    @ID(custom: "token_hash", generatedBy: .user) public var id: String?
    @Field(key: "data") public var data: String
    @Field(key: "expires_at") public var expiresAt: Int64
    /// The signed-in account, if any: a password change ends the account's other sessions by it.
    @OptionalField(key: "account_id") public var accountID: UUID?

    public init() {}
    public init(tokenHash: String, data: String, expiresAt: Int64, accountID: UUID? = nil) {
        self.id = tokenHash; self.data = data; self.expiresAt = expiresAt; self.accountID = accountID
    }
}
