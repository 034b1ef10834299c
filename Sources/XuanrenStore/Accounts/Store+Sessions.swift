import FluentKit
import Foundation
import SQLKit

/// A web session as stored: its data (JSON, written by the web layer) and when it expires (Unix seconds). The
/// table is keyed by the SHA-256 of the cookie's token, never the token itself.
public struct StoredSession: Sendable, Equatable {
    public var data: String
    public var expiresAt: Int64
}

/// The web sessions table (`DatabaseSessions` in the web app). Sessions are not ledger entries: signing in and out
/// changes no record of the selection work, and a session read happens on every request.
extension Store {
    /// The session stored under `tokenHash`, expired or not: one raw query, no model reflection (every request).
    public func session(tokenHash: String) async throws -> StoredSession? {
        struct Row: Decodable { var data: String; var expires_at: Int64 }
        guard let row = try await sql.raw("SELECT data, expires_at FROM sessions WHERE token_hash = \(bind: tokenHash)")
            .first(decoding: Row.self) else { return nil }
        return StoredSession(data: row.data, expiresAt: row.expires_at)
    }

    /// Stores a new session; `accountID` is the signed-in account, so that a password change can end its other sessions.
    public func createSession(tokenHash: String, data: String, expiresAt: Int64, accountID: UUID?) async throws {
        try await SessionRecord(tokenHash: tokenHash, data: data, expiresAt: expiresAt, accountID: accountID).create(on: db)
    }

    /// Replaces a stored session's data, expiry and account; false when there is no session under `tokenHash`.
    public func updateSession(tokenHash: String, data: String, expiresAt: Int64, accountID: UUID?) async throws -> Bool {
        guard let rec = try await SessionRecord.find(tokenHash, on: db) else { return false }
        rec.data = data
        rec.expiresAt = expiresAt
        rec.accountID = accountID
        try await rec.update(on: db)
        return true
    }

    public func deleteSession(tokenHash: String) async throws {
        try await SessionRecord.query(on: db).filter(\.$id == tokenHash).delete()
    }
}
