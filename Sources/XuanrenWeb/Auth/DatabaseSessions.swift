import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor
import XuanrenStore

/// Sessions kept in the database, so several app processes can serve the same users.
/// The cookie holds a random 256-bit token; the table keeps only its SHA-256.
struct DatabaseSessions: AsyncSessionDriver {
    let lifetime: Int64

    struct ReadKey: StorageKey { typealias Value = String }
    static let rotateFlag = "_rotate"

    static func digest(_ id: SessionID) -> String { Hex.encode(SHA256.hash(data: Data(id.string.utf8))) }

    static func newID() -> SessionID {
        var g = SystemRandomNumberGenerator()
        let bytes = (0 ..< 32).map { _ in UInt8.random(in: 0 ... 255, using: &g) }
        return SessionID(string: Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: ""))
    }

    /// The signed-in account of a session (its `uid`), kept in its own column so that a password change can end
    /// the account's other sessions.
    static func account(in data: SessionData) -> UUID? { data["uid"].flatMap(UUID.init(uuidString:)) }

    /// The stored key of this request's session, if it has one.
    static func currentKey(_ req: Request) -> String? { req.hasSession ? req.session.id.map(digest) : nil }

    static func encode(_ data: SessionData) throws -> String {
        let enc = JSONEncoder(); enc.outputFormatting = .sortedKeys
        return String(decoding: try enc.encode(data), as: UTF8.self)
    }

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        var data = data
        data[Self.rotateFlag] = nil
        let id = Self.newID()
        try await SessionRecord(tokenHash: Self.digest(id), data: try Self.encode(data), expiresAt: Store.now() + lifetime,
                                accountID: Self.account(in: data)).create(on: request.db)
        return id
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        // read on every request: a raw query, no model reflection
        struct Row: Decodable { var data: String; var expires_at: Int64 }
        let key = Self.digest(sessionID)
        let sql = request.db as! any SQLDatabase
        guard let row = try await sql.raw("SELECT data, expires_at FROM sessions WHERE token_hash = \(bind: key)").first(decoding: Row.self) else { return nil }
        if row.expires_at < Store.now() {
            try await SessionRecord.query(on: request.db).filter(\.$id == key).delete()
            return nil
        }
        request.storage[ReadKey.self] = row.data
        return try JSONDecoder().decode(SessionData.self, from: Data(row.data.utf8))
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        if data[Self.rotateFlag] != nil {
            // New identity after login: a fresh id defeats session fixation.
            try await deleteSession(sessionID, for: request)
            return try await createSession(data, for: request)
        }
        let text = try Self.encode(data)
        if request.storage[ReadKey.self] == text { return sessionID }  // unchanged: no write
        let key = Self.digest(sessionID)
        if let rec = try await SessionRecord.find(key, on: request.db) {
            rec.data = text
            rec.expiresAt = Store.now() + lifetime
            rec.accountID = Self.account(in: data)
            try await rec.update(on: request.db)
            return sessionID
        }
        return try await createSession(data, for: request)
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await SessionRecord.query(on: request.db).filter(\.$id == Self.digest(sessionID)).delete()
    }
}
