@preconcurrency import Crypto
import FluentKit
import SQLKit
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

    public init(id: UUID, username: String, displayName: String, mustChangePassword: Bool = false, disabled: Bool = false, grants: [GrantInfo]) {
        self.id = id; self.username = username; self.displayName = displayName
        self.mustChangePassword = mustChangePassword; self.disabled = disabled; self.grants = grants
    }

    /// Whoever runs the command line (or seeds the demo): an administrator and organizer on every top unit,
    /// so on the whole tree. Its name goes to the ledger as the actor.
    public static func wholeTree(_ name: String, units: [UnitInfo]) -> AccountInfo {
        let roots = units.filter { $0.parentID == nil }
        return AccountInfo(id: UUID(), username: name, displayName: name,
                           grants: roots.flatMap { u in [Role.admin, .organizer].map { GrantInfo(role: $0, unitID: u.id, unitCode: u.code, unitName: u.name) } })
    }
}

public struct GrantInfo: Sendable, Equatable {
    public var role: Role
    public var unitID: UUID
    public var unitCode: String
    public var unitName: String
    public init(role: Role, unitID: UUID, unitCode: String, unitName: String) {
        self.role = role; self.unitID = unitID; self.unitCode = unitCode; self.unitName = unitName
    }
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

    /// How many accounts there are (the administrator's dashboard; the first start makes one when there is none).
    public func accountCount() async throws -> Int {
        try await AccountRecord.query(on: db).count()
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
        try Credentials.checkNewPassword(password, username: username, field: "password", common: commonPasswords)
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
            try await tx.record(LedgerEvent(actor: actor, action: AccountLedgerAction.create, subjectType: "account", subjectID: username,
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
            try await tx.record(LedgerEvent(actor: actor, action: AccountLedgerAction.grant, subjectType: "account", subjectID: acc.username,
                                            payload: ["role": .string(role.rawValue), "unit": .string(unit.code)]))
        }
    }

    /// Takes a role on a unit back from an account (an administrator). An administrator cannot take their own
    /// administrator role (an instance is never left without one by mistake).
    public func revoke(username: String, role rawRole: String, unitCode: String, actor: String) async throws {
        guard let role = Role(rawValue: rawRole) else { throw InvalidInput(field: "role", .unknownValue(rawRole)) }
        if role == .admin, username.lowercased() == actor.lowercased() {
            throw InvalidInput(field: "role", .described(zh: "不能撤销自己的管理员角色", en: "you cannot revoke your own administrator role"))
        }
        try await write { tx in
            guard let acc = try await AccountRecord.query(on: tx.db).filter(\.$username == username.lowercased()).first() else {
                throw InvalidInput(field: "account", .notFound(username))
            }
            guard let unit = try await UnitRecord.query(on: tx.db).filter(\.$code == unitCode.lowercased()).first() else {
                throw InvalidInput(field: "unit", .notFound(unitCode))
            }
            guard let g = try await GrantRecord.query(on: tx.db).filter(\.$accountID == acc.id!).filter(\.$role == role.rawValue).filter(\.$unitID == unit.id!).first() else {
                throw InvalidInput(field: "role", .notFound("\(role.rawValue)@\(unit.code)"))
            }
            try await g.delete(on: tx.db)
            try await tx.record(LedgerEvent(actor: actor, action: AccountLedgerAction.revoke, subjectType: "account", subjectID: acc.username,
                                            payload: ["role": .string(role.rawValue), "unit": .string(unit.code)]))
        }
    }

    /// Disables an account (it can no longer sign in, and its open sessions stop working at their next request) or
    /// enables it again. An administrator cannot disable their own account.
    public func setDisabled(username: String, _ disabled: Bool, actor: String) async throws {
        if disabled, username.lowercased() == actor.lowercased() {
            throw InvalidInput(field: "account", .described(zh: "不能停用自己的账号", en: "you cannot disable your own account"))
        }
        try await write { tx in
            guard let acc = try await AccountRecord.query(on: tx.db).filter(\.$username == username.lowercased()).first() else {
                throw InvalidInput(field: "account", .notFound(username))
            }
            if acc.disabled == disabled { throw InvalidInput(field: "account", .described(zh: disabled ? "账号已停用" : "账号已启用", en: disabled ? "already disabled" : "already enabled")) }
            acc.disabled = disabled
            try await acc.save(on: tx.db)
            try await tx.record(LedgerEvent(actor: actor, action: disabled ? AccountLedgerAction.disable : AccountLedgerAction.enable,
                                            subjectType: "account", subjectID: acc.username))
        }
    }

    /// Sets a password (admin reset or own change). `mustChange` forces another change at next login. Every
    /// session of the account ends with it, in the same transaction, except `keepSession` (the token hash of the
    /// session of a user changing their own password). A new custodian key pair is made either way; with
    /// `oldPassword` (an own change) the custodian's live key shares are re-sealed to it, without (a reset) they are lost.
    public func setPassword(username: String, newPassword: String, mustChange: Bool, actor: String, hasher: any PasswordHashing,
                            keepSession: String? = nil, oldPassword: String? = nil) async throws {
        let name = username.lowercased()
        try Credentials.checkNewPassword(newPassword, username: name, common: commonPasswords)
        let hash = try await hasher.hash(newPassword)
        var keep: Curve25519.KeyAgreement.PrivateKey? = nil
        if let oldPassword, let acc = try await AccountRecord.query(on: db).filter(\.$username == name).first() {
            keep = try await existingCustodianKey(accountID: acc.id!, password: oldPassword)
        }
        let custodianKey = try await makeCustodianKey(password: newPassword)
        let oldKey = keep
        try await write { tx in
            guard let acc = try await AccountRecord.query(on: tx.db).filter(\.$username == name).first() else {
                throw InvalidInput(field: "account", .notFound(username))
            }
            acc.passwordHash = hash
            acc.mustChangePassword = mustChange
            acc.failedLogins = 0
            acc.lockedUntil = nil
            try await acc.update(on: tx.db)
            if let oldKey { _ = try await self.resealShares(username: name, from: oldKey, to: custodianKey.publicKey, on: tx.db) }
            try await self.saveCustodianKey(accountID: acc.id!, custodianKey, on: tx.db)
            var sessions = SessionRecord.query(on: tx.db).filter(\.$accountID == acc.id!)
            if let keepSession { sessions = sessions.filter(\.$id != keepSession) }
            try await sessions.delete()
            // The ledger records that the password changed, never the password or its hash.
            try await tx.record(LedgerEvent(actor: actor, action: AccountLedgerAction.password, subjectType: "account", subjectID: name,
                                            payload: ["mustChange": .bool(mustChange), "otherSessionsEnded": .bool(true)]))
        }
    }

    /// A signed-in user changes their own password; their other sessions end, `keepSession` (this one) stays.
    public func changeOwnPassword(accountID: UUID, current: String, new: String, confirm: String, hasher: any PasswordHashing,
                                  keepSession: String? = nil) async throws {
        guard let acc = try await AccountRecord.find(accountID, on: db) else { throw InvalidInput(field: "account", .notFound("")) }
        if current.isEmpty { throw InvalidInput(field: "currentPassword", .required) }
        guard try await hasher.verify(current, created: acc.passwordHash) else { throw InvalidInput(field: "currentPassword", .wrongPassword) }
        try Credentials.checkNewPassword(new, username: acc.username, common: commonPasswords)
        if new != confirm { throw InvalidInput(field: "confirmPassword", .mismatch) }
        if new == current { throw InvalidInput(field: "newPassword", .sameAsOld) }
        try await setPassword(username: acc.username, newPassword: new, mustChange: false, actor: acc.username, hasher: hasher,
                              keepSession: keepSession, oldPassword: current)
    }

    /// Checks a login attempt, counting failures and locking the account name after too many (throttling).
    ///
    /// The guess is counted before the password is checked, in one atomic `UPDATE … RETURNING` that also sets the
    /// lock when it uses up the allowance: however many attempts arrive at once, at most `throttle.maxFailures`
    /// passwords are tried per lock window. A right password gives the guess back (the count returns to 0).
    public func login(username raw: String, password: String, throttle: LoginThrottle = LoginThrottle(),
                      now: Int64 = Store.now(), hasher: any PasswordHashing) async throws -> LoginOutcome {
        let username = raw.lowercased()
        guard let acc = try await AccountRecord.query(on: db).filter(\.$username == username).first() else {
            _ = try? await hasher.verify(password, created: Self.dummyHash) // same work for unknown names
            return .invalid
        }
        if throttle.isLocked(lockedUntil: acc.lockedUntil, now: now) { return .locked(until: acc.lockedUntil!) }
        if acc.disabled { return .disabled }
        guard let guess = try await takeGuess(username: username, throttle: throttle, now: now) else {
            let until = try await AccountRecord.find(acc.id, on: db)?.lockedUntil
            return .locked(until: until.flatMap { $0 > now ? $0 : nil } ?? now + throttle.lockSeconds)
        }
        if try await hasher.verify(password, created: acc.passwordHash) {
            try await sql.raw("UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE username = \(bind: username)").run()
            try await ensureCustodianKey(accountID: acc.id!, password: password)
            return .success(try await info(acc))
        }
        if let until = guess.lockedUntil {
            _ = try await write { tx in
                try await tx.record(LedgerEvent(actor: "system", action: AccountLedgerAction.locked, subjectType: "account", subjectID: username,
                                                payload: ["failures": .int(Int64(guess.failures)), "lockedUntil": .int(until)]))
            }
            return .locked(until: until)
        }
        return .invalid
    }

    /// Counts one guess against the account unless it is locked, in one statement (SQLite and PostgreSQL both
    /// evaluate the new values from the old row and lock the row for the statement). Returns nil when locked;
    /// else the count after this guess and the lock it set, if it used up the allowance.
    func takeGuess(username: String, throttle: LoginThrottle, now: Int64) async throws -> (failures: Int, lockedUntil: Int64?)? {
        try await takeGuess(table: "accounts", where: "username", is: username, throttle: throttle, now: now)
    }

    /// The guess counter of a table with `failed_logins` and `locked_until` (staff and applicant accounts), for the
    /// row whose `column` is `key`.
    func takeGuess(table: String, where column: String, is key: some Encodable & Sendable, throttle: LoginThrottle,
                   now: Int64) async throws -> (failures: Int, lockedUntil: Int64?)? {
        let until = now + throttle.lockSeconds
        guard let row = try await sql.raw("""
            UPDATE \(ident: table)
            SET failed_logins = failed_logins + 1,
                locked_until = CASE WHEN failed_logins + 1 >= \(bind: throttle.maxFailures) THEN \(bind: until) ELSE NULL END
            WHERE \(ident: column) = \(bind: key) AND (locked_until IS NULL OR locked_until <= \(bind: now))
            RETURNING failed_logins, locked_until
            """).first() else { return nil }
        return (try row.decode(column: "failed_logins", as: Int.self), try row.decode(column: "locked_until", as: Int64?.self))
    }

    /// A Bcrypt hash of a random string, used to spend equal time on unknown user names.
    static let dummyHash = "$2b$11$Ef0wGSgVbYVIGzLo3qlmQedwTRw5jKFQd3GrT/0i0ZHJ6fz1ueX4q"
}
