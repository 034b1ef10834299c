@preconcurrency import Crypto
import FluentKit
import Foundation
import SelectionCore

/// Password hashing is provided by the web layer (Bcrypt); the store only calls it.
public protocol PasswordHashing: Sendable {
    /// Slow on purpose (bcrypt): implementations run it off the event loops.
    func hash(_ password: String) async throws -> String
    func verify(_ password: String, created hash: String) async throws -> Bool
}

public struct AccountInfo: Sendable, Equatable {
    public var id: UUID
    public var username: String
    public var displayName: String
    public var mustChangePassword: Bool
    public var disabled: Bool
    public var grants: [GrantInfo]
    public var roles: Set<Role> { Set(grants.map(\.role)) }
}

public struct GrantInfo: Sendable, Equatable {
    public var role: Role
    public var unitID: UUID
    public var unitCode: String
    public var unitName: String
}

public enum LoginOutcome: Sendable, Equatable {
    case success(AccountInfo)
    case invalid
    case locked(until: Int64)
    case disabled
}

extension Store {
    public func account(id: UUID) async throws -> AccountInfo? {
        guard let rec = try await AccountRecord.find(id, on: db) else { return nil }
        return try await info(rec)
    }

    public func account(username: String) async throws -> AccountInfo? {
        guard let rec = try await AccountRecord.query(on: db).filter(\.$username == username.lowercased()).first() else { return nil }
        return try await info(rec)
    }

    public func accounts() async throws -> [AccountInfo] {
        let recs = try await AccountRecord.query(on: db).sort(\.$username).all()
        let units = try await unitIndex()
        let grants = try await GrantRecord.query(on: db).all()
        return recs.map { rec in
            let g = grants.filter { $0.accountID == rec.id }.compactMap { grantInfo($0, units) }
            return AccountInfo(id: rec.id!, username: rec.username, displayName: rec.displayName,
                               mustChangePassword: rec.mustChangePassword, disabled: rec.disabled, grants: g.sorted { $0.role < $1.role })
        }
    }

    func info(_ rec: AccountRecord) async throws -> AccountInfo {
        let units = try await unitIndex()
        let grants = try await GrantRecord.query(on: db).filter(\.$accountID == rec.id!).all().compactMap { grantInfo($0, units) }
        return AccountInfo(id: rec.id!, username: rec.username, displayName: rec.displayName,
                           mustChangePassword: rec.mustChangePassword, disabled: rec.disabled, grants: grants.sorted { $0.role < $1.role })
    }

    func grantInfo(_ g: GrantRecord, _ units: [UUID: UnitRecord]) -> GrantInfo? {
        guard let role = Role(rawValue: g.role), let u = units[g.unitID] else { return nil }
        return GrantInfo(role: role, unitID: g.unitID, unitCode: u.code, unitName: u.name)
    }

    /// Creates an account. Admin-created and seeded accounts must change their password at first login.
    @discardableResult
    public func createAccount(username raw: String, displayName: String, password: String, mustChangePassword: Bool = true,
                              actor: String, hasher: any PasswordHashing) async throws -> AccountInfo {
        let username = try Credentials.checkUsername(raw)
        let name = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { throw InvalidInput(field: "displayName", .required) }
        if name.count > 60 { throw InvalidInput(field: "displayName", .tooLong(max: 60)) }
        try Credentials.checkNewPassword(password, username: username, field: "password")
        let hash = try await hasher.hash(password)
        let custodianKey = try await makeCustodianKey(password: password)
        let id = try await write { tx in
            if try await AccountRecord.query(on: tx.db).filter(\.$username == username).first() != nil {
                throw InvalidInput(field: "username", .duplicate(username))
            }
            let rec = AccountRecord(username: username, displayName: name, passwordHash: hash,
                                    mustChangePassword: mustChangePassword, createdAt: Store.now())
            try await rec.create(on: tx.db)
            try await self.saveCustodianKey(accountID: rec.id!, custodianKey, on: tx.db)
            try await tx.record(LedgerEvent(actor: actor, action: "account.create", subjectType: "account", subjectID: username,
                                            payload: ["displayName": .string(name), "mustChangePassword": .bool(mustChangePassword)]))
            return rec.id!
        }
        return try await account(id: id)!
    }

    /// Grants a role on a unit.
    public func grant(username: String, role rawRole: String, unitCode: String, actor: String) async throws {
        guard let role = Role(rawValue: rawRole) else { throw InvalidInput(field: "role", .unknownValue(rawRole)) }
        try await write { tx in
            guard let acc = try await AccountRecord.query(on: tx.db).filter(\.$username == username.lowercased()).first() else {
                throw InvalidInput(field: "account", .notFound(username))
            }
            guard let unit = try await UnitRecord.query(on: tx.db).filter(\.$code == unitCode.lowercased()).first() else {
                throw InvalidInput(field: "unit", .notFound(unitCode))
            }
            let existing = try await GrantRecord.query(on: tx.db).filter(\.$accountID == acc.id!)
                .filter(\.$role == role.rawValue).filter(\.$unitID == unit.id!).first()
            if existing != nil { throw InvalidInput(field: "role", .duplicate("\(role.rawValue)@\(unit.code)")) }
            try await GrantRecord(accountID: acc.id!, role: role.rawValue, unitID: unit.id!).create(on: tx.db)
            try await tx.record(LedgerEvent(actor: actor, action: "account.grant", subjectType: "account", subjectID: acc.username,
                                            payload: ["role": .string(role.rawValue), "unit": .string(unit.code)]))
        }
    }

    /// Sets a password (admin reset or own change). `mustChange` forces another change at next login.
    /// `oldPassword` (an own change) keeps the account's custodian key pair; without it (a reset) a new pair is made.
    public func setPassword(username: String, newPassword: String, mustChange: Bool, actor: String, hasher: any PasswordHashing,
                            oldPassword: String? = nil) async throws {
        let name = username.lowercased()
        try Credentials.checkNewPassword(newPassword, username: name)
        let hash = try await hasher.hash(newPassword)
        var keep: Curve25519.KeyAgreement.PrivateKey? = nil
        if let oldPassword, let acc = try await AccountRecord.query(on: db).filter(\.$username == name).first() {
            keep = try await existingCustodianKey(accountID: acc.id!, password: oldPassword)
        }
        let custodianKey = try await makeCustodianKey(password: newPassword, reusing: keep)
        try await write { tx in
            guard let acc = try await AccountRecord.query(on: tx.db).filter(\.$username == name).first() else {
                throw InvalidInput(field: "account", .notFound(username))
            }
            acc.passwordHash = hash
            acc.mustChangePassword = mustChange
            acc.failedLogins = 0
            acc.lockedUntil = nil
            try await acc.update(on: tx.db)
            try await self.saveCustodianKey(accountID: acc.id!, custodianKey, on: tx.db)
            // The ledger records that the password changed, never the password or its hash.
            try await tx.record(LedgerEvent(actor: actor, action: "account.password", subjectType: "account", subjectID: name,
                                            payload: ["mustChange": .bool(mustChange)]))
        }
    }

    /// A signed-in user changes their own password.
    public func changeOwnPassword(accountID: UUID, current: String, new: String, confirm: String, hasher: any PasswordHashing) async throws {
        guard let acc = try await AccountRecord.find(accountID, on: db) else { throw InvalidInput(field: "account", .notFound("")) }
        if current.isEmpty { throw InvalidInput(field: "currentPassword", .required) }
        guard try await hasher.verify(current, created: acc.passwordHash) else { throw InvalidInput(field: "currentPassword", .wrongPassword) }
        try Credentials.checkNewPassword(new, username: acc.username)
        if new != confirm { throw InvalidInput(field: "confirmPassword", .mismatch) }
        if new == current { throw InvalidInput(field: "newPassword", .sameAsOld) }
        try await setPassword(username: acc.username, newPassword: new, mustChange: false, actor: acc.username, hasher: hasher, oldPassword: current)
    }

    /// Checks a login attempt, counting failures and locking the account name after too many (throttling).
    public func login(username raw: String, password: String, throttle: LoginThrottle = LoginThrottle(),
                      now: Int64 = Store.now(), hasher: any PasswordHashing) async throws -> LoginOutcome {
        let username = raw.lowercased()
        guard let acc = try await AccountRecord.query(on: db).filter(\.$username == username).first() else {
            _ = try? await hasher.verify(password, created: Self.dummyHash) // same work for unknown names
            return .invalid
        }
        if throttle.isLocked(lockedUntil: acc.lockedUntil, now: now) { return .locked(until: acc.lockedUntil!) }
        if acc.disabled { return .disabled }
        if try await hasher.verify(password, created: acc.passwordHash) {
            if acc.failedLogins != 0 || acc.lockedUntil != nil {
                acc.failedLogins = 0; acc.lockedUntil = nil
                try await acc.update(on: db)
            }
            try await ensureCustodianKey(accountID: acc.id!, password: password)
            return .success(try await info(acc))
        }
        let next = throttle.afterFailure(failures: acc.failedLogins, now: now)
        if let until = next.lockedUntil {
            try await write { tx in
                guard let fresh = try await AccountRecord.find(acc.id, on: tx.db) else { return }
                fresh.failedLogins = next.failures; fresh.lockedUntil = until
                try await fresh.update(on: tx.db)
                try await tx.record(LedgerEvent(actor: "system", action: "account.locked", subjectType: "account", subjectID: username,
                                                payload: ["failures": .int(Int64(next.failures)), "lockedUntil": .int(until)]))
            }
            return .locked(until: until)
        }
        acc.failedLogins = next.failures
        try await acc.update(on: db)
        return .invalid
    }

    /// A Bcrypt hash of a random string, used to spend equal time on unknown user names.
    static let dummyHash = "$2b$11$Ef0wGSgVbYVIGzLo3qlmQedwTRw5jKFQd3GrT/0i0ZHJ6fz1ueX4q"
}
