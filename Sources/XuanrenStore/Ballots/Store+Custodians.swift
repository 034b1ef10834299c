@preconcurrency import Crypto
import FluentKit
import NIOPosix
import Foundation
import SelectionCore
import SQLKit

/// A custodian (监票人) confirming the opening of a sealed ballot box with their own password.
public struct CustodianConfirmation: Sendable {
    public var username: String
    public var password: String
    public init(username: String, password: String) { self.username = username; self.password = password }
}

/// Why a custodian's confirmation was refused.
public enum CustodianError: UserFacingError, Equatable {
    case wrongPassword(String)
    case locked(String)
    /// The custodian's key was made with a password that has since been reset by an administrator.
    case keyLost(String)
    /// The shares given do not rebuild this session's key (they were tampered with).
    case sharesDoNotFit
    case noKey(String)

    public var kind: ErrorKind {
        switch self {
        case .wrongPassword, .keyLost, .noKey: .badInput
        case .locked: .locked
        case .sharesDoNotFit: .conflict
        }
    }

    public func message(in language: Language) -> String {
        let zh = language == .zhHans
        switch self {
        case .wrongPassword(let n): return zh ? "监票人“\(n)”的密码不正确（计入登录失败次数）" : "The password of custodian “\(n)” is wrong (counted as a failed sign-in)"
        case .locked(let n): return zh ? "监票人“\(n)”的账户因多次密码错误暂时锁定，请稍后再试" : "Custodian “\(n)” is locked after too many wrong passwords; try again later"
        case .keyLost(let n):
            return zh ? "监票人“\(n)”的密码已被管理员重置，其保管的密钥份额已无法使用；请由其他监票人确认"
                      : "The password of custodian “\(n)” was reset by an administrator, so their key share can no longer be used; ask the other custodians"
        case .sharesDoNotFit: return zh ? "监票人的密钥份额无法还原本次投票的密钥（数据可能被篡改）" : "The custodians' key shares do not rebuild this vote's key (the data may have been tampered with)"
        case .noKey(let n):
            return zh ? "“\(n)”还没有监票密钥：请其先登录一次系统后再指定为监票人" : "“\(n)” has no custodian key yet: they must sign in once before being named a custodian"
        }
    }
}

extension Store {
    /// A new custodian key pair, its private half wrapped under `password`. Every password change makes a new pair,
    /// so that whoever knew an earlier password (an administrator's initial one, the demo one) and kept an older copy
    /// of the database cannot open shares sealed later. An own change re-seals the shares the custodian holds to
    /// the new pair (`resealShares`); an administrator's reset cannot (it does not know the old password), so those
    /// shares are lost and the other custodians suffice when fewer than all are needed. scrypt is slow on purpose
    /// and runs on the blocking-work pool.
    func makeCustodianKey(password: String) async throws -> (publicKey: String, wrapped: String) {
        let rounds = custodianKDFRounds
        return try await NIOThreadPool.singleton.runIfActive {
            let pair = Curve25519.KeyAgreement.PrivateKey()
            return (Hex.encode(pair.publicKey.rawRepresentation), try BallotSeal.wrap(pair, password: password, rounds: rounds))
        }
    }

    /// Re-seals every live share `username` holds from their old key pair to the new public key (an own password change).
    func resealShares(username: String, from old: Curve25519.KeyAgreement.PrivateKey, to newPublicHex: String, on db: any Database) async throws -> Int {
        guard let raw = Hex.decode(newPublicHex) else { return 0 }
        let newKey = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw)
        let sql = db as! any SQLDatabase
        struct Row: Decodable { var session_id: String; var sealed_share: String }
        var n = 0
        for r in try await sql.raw("SELECT session_id, sealed_share FROM ballot_custodians WHERE username = \(bind: username) AND sealed_share IS NOT NULL")
            .all(decoding: Row.self) {
            guard let session = UUID(uuidString: r.session_id),
                  let share = try BallotSeal.openShare(r.sealed_share, with: old, session: session, custodian: username) else { continue }
            let resealed = try BallotSeal.sealShare(share, to: newKey, session: session, custodian: username)
            try await sql.raw("UPDATE ballot_custodians SET sealed_share = \(bind: resealed) WHERE session_id = \(bind: r.session_id) AND username = \(bind: username)").run()
            n += 1
        }
        return n
    }

    /// The account's current custodian key pair, if `password` opens it.
    func existingCustodianKey(accountID: UUID, password: String) async throws -> Curve25519.KeyAgreement.PrivateKey? {
        struct Row: Decodable { var wrapped: String }
        guard let row = try await (db as! any SQLDatabase).raw("SELECT wrapped FROM custodian_keys WHERE account_id = \(bind: accountID.uuidString)")
            .first(decoding: Row.self) else { return nil }
        return try await NIOThreadPool.singleton.runIfActive { try BallotSeal.unwrap(row.wrapped, password: password) }
    }

    func saveCustodianKey(accountID: UUID, _ key: (publicKey: String, wrapped: String), on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("DELETE FROM custodian_keys WHERE account_id = \(bind: accountID.uuidString)").run()
        try await sql.raw("INSERT INTO custodian_keys (account_id, public_key, wrapped) VALUES (\(bind: accountID.uuidString), \(bind: key.publicKey), \(bind: key.wrapped))").run()
    }

    /// After a successful sign-in: makes the custodian key if the account has none (accounts from before sealed ballots).
    func ensureCustodianKey(accountID: UUID, password: String) async throws {
        struct Row: Decodable { var n: Int }
        let n = try await (db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM custodian_keys WHERE account_id = \(bind: accountID.uuidString)")
            .first(decoding: Row.self)?.n ?? 0
        if n > 0 { return }
        let key = try await makeCustodianKey(password: password)
        try await write { tx in
            try await self.saveCustodianKey(accountID: accountID, key, on: tx.db)
            try await tx.record(LedgerEvent(actor: "system", action: AccountLedgerAction.custodianKey, subjectType: "account", subjectID: accountID.uuidString))
        }
    }

    /// `accounts.id` as the text `custodian_keys.account_id` holds (an upper-case UUID string on both databases).
    var accountIDText: String { isPostgres ? "upper(a.id::text)" : "a.id" }

    /// Accounts that can be named custodians (active, with a custodian key), by user name.
    public func custodianCandidates() async throws -> [(username: String, displayName: String)] {
        struct Row: Decodable { var username: String; var display_name: String }
        return try await (db as! any SQLDatabase).raw("""
            SELECT a.username, a.display_name FROM accounts a JOIN custodian_keys k ON k.account_id = \(unsafeRaw: accountIDText)
            WHERE a.disabled = \(SQLLiteral.boolean(false)) ORDER BY a.username
            """).all(decoding: Row.self).map { ($0.username, $0.display_name) }
    }

    /// The custodians' public keys, by user name (for sealing shares at session creation).
    func custodianPublicKeys(_ names: [String], on db: any Database) async throws -> [String: Curve25519.KeyAgreement.PublicKey] {
        struct Row: Decodable { var username: String; var public_key: String }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT a.username, k.public_key FROM accounts a JOIN custodian_keys k ON k.account_id = \(unsafeRaw: accountIDText)
            WHERE a.disabled = \(SQLLiteral.boolean(false)) AND a.username IN (\(binds: names))
            """).all(decoding: Row.self)
        var out: [String: Curve25519.KeyAgreement.PublicKey] = [:]
        for r in rows { if let raw = Hex.decode(r.public_key) { out[r.username] = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw) } }
        return out
    }

    /// Checks each custodian's password (counted like a sign-in: failures lock the account) and opens their share.
    func custodianShares(session id: UUID, confirmations: [CustodianConfirmation], hasher: any PasswordHashing) async throws -> [SecretSharing.Share] {
        struct Row: Decodable { var sealed_share: String?; var wrapped: String? }
        var shares: [SecretSharing.Share] = []
        for c in confirmations {
            let name = c.username.lowercased()
            switch try await login(username: name, password: c.password, hasher: hasher) {
            case .success: break
            case .invalid, .disabled: throw CustodianError.wrongPassword(name)
            case .locked: throw CustodianError.locked(name)
            }
            let row = try await (db as! any SQLDatabase).raw("""
                SELECT c.sealed_share, k.wrapped FROM ballot_custodians c
                JOIN accounts a ON a.username = c.username
                LEFT JOIN custodian_keys k ON k.account_id = \(unsafeRaw: accountIDText)
                WHERE c.session_id = \(bind: id.uuidString) AND c.username = \(bind: name)
                """).first(decoding: Row.self)
            guard let row, let sealed = row.sealed_share else { throw BallotSessionError.notACustodian(name) }
            let password = c.password
            guard let wrapped = row.wrapped, let key = try await NIOThreadPool.singleton.runIfActive({ try BallotSeal.unwrap(wrapped, password: password) }),
                  let share = try BallotSeal.openShare(sealed, with: key, session: id, custodian: name) else { throw CustodianError.keyLost(name) }
            shares.append(share)
        }
        return shares
    }
}
