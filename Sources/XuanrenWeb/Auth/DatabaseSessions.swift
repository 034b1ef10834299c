import Crypto
import Foundation
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

    /// The store on the request's own event loop (the sessions table is read on every request, as `req.db` did).
    static func store(_ request: Request) -> Store { request.store.bound(to: request.eventLoop, logger: request.logger) }

    static func encode(_ data: SessionData) throws -> String {
        let enc = JSONEncoder(); enc.outputFormatting = .sortedKeys
        return String(decoding: try enc.encode(data), as: UTF8.self)
    }

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        var data = data
        data[Self.rotateFlag] = nil
        let id = Self.newID()
        try await Self.store(request).createSession(tokenHash: Self.digest(id), data: try Self.encode(data), expiresAt: Store.now() + lifetime,
                                                    accountID: Self.account(in: data))
        return id
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        let key = Self.digest(sessionID)
        let store = Self.store(request)
        guard let row = try await store.session(tokenHash: key) else { return nil }
        if row.expiresAt < Store.now() {
            try await store.deleteSession(tokenHash: key)
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
        if try await Self.store(request).updateSession(tokenHash: key, data: text, expiresAt: Store.now() + lifetime, accountID: Self.account(in: data)) {
            return sessionID
        }
        return try await createSession(data, for: request)
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await Self.store(request).deleteSession(tokenHash: Self.digest(sessionID))
    }
}
