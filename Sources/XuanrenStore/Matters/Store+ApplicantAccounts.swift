@preconcurrency import Crypto
import FluentKit
import Foundation
import SQLKit
import SelectionCore
import Synchronization

/// What a registration through the public form gives back: the applicant's id and, at the person's first
/// registration, the one-time activation code of their new applicant account (shown once, stored only as an HMAC).
public struct Registration: Sendable, Equatable {
    public var applicant: UUID
    /// `XXXX-XXXX-XXXX-XX`; nil when the person already had an account (or for staff entries, which open none).
    public var activationCode: String?
    /// Whether the person has an applicant account (opened now or before).
    public var hasAccount: Bool
    /// What the applicant takes away: the matter, the position, the masked number, the second it was taken.
    public var receipt: RegistrationReceipt
}

/// An applicant's sign-in or activation: the account's id, or a refusal that does not say whether the identity
/// number is registered (an unknown number, an account without a password yet and a wrong password read the same).
public enum ApplicantLoginOutcome: Sendable, Equatable {
    case success(UUID)
    case invalid
    case locked(until: Int64)
}

/// One registration on the applicant's own page (ELG-6, ELG-8, EXM-9).
public struct MyApplication: Sendable {
    public var matterID: UUID
    public var matterTitle: String
    public var applicantID: UUID
    public var positionID: String
    public var withdrawn: Bool
    /// The review, seat and published scores, as the lookup shows them.
    public var result: OwnResult
    /// ELG-8: the closing second, and whether a switch is taken now (the matter in registration, before it).
    public var closes: Int64?
    public var canSwitch: Bool
    /// The positions still open to a switch (id, post), the registered one left out.
    public var positions: [(id: String, post: String)]
}

/// Failed sign-ins of identity numbers that have no account, in memory: they lock like a real account's, so that
/// the lock does not tell a registered number from another. Bounded (the oldest state is dropped when full).
final class ApplicantThrottle: Sendable {
    private let state = Mutex<[String: (failures: Int, lockedUntil: Int64?)]>([:])
    static let capacity = 50_000

    /// Records one failure of `digest` now; the lock it is under (or just set), if any.
    func fail(_ digest: String, throttle: LoginThrottle, now: Int64) -> Int64? {
        state.withLock { s in
            if let until = s[digest]?.lockedUntil, now < until { return until }
            if s.count >= Self.capacity { s = s.filter { ($0.value.lockedUntil ?? 0) > now } }
            if s.count >= Self.capacity { s.removeAll() }
            let before = s[digest].map { $0.lockedUntil == nil ? $0.failures : 0 } ?? 0
            let next = throttle.afterFailure(failures: before, now: now)
            s[digest] = (next.lockedUntil == nil ? next.failures : 0, next.lockedUntil)
            return next.lockedUntil
        }
    }
}

extension Store {
    /// The keyed hash of an activation code (instance key, its own label): the code itself is never stored.
    func activationDigest(_ code: VotingCode) -> String {
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: ledger.key.privateKey.rawRepresentation),
                                         salt: Data(), info: Data("xuanren applicant activation".utf8), outputByteCount: 32)
        return Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(code.canonical.utf8), using: key))
    }

    /// The applicant's first sign-in: identity number, the activation code of their first registration and a new
    /// password (the same policy as staff accounts). The code is spent; the password is hashed off the event loops
    /// (`hasher`), here and not on the registration's path. Each wrong code counts towards the account's lock like a
    /// wrong password. Bad input (a weak or mismatched password) is refused before anything is counted.
    public func activateApplicant(resident raw: String, code rawCode: String, password: String, confirm: String,
                                  hasher: any PasswordHashing, throttle: LoginThrottle = LoginThrottle(), now: Int64 = Store.now()) async throws -> ApplicantLoginOutcome {
        let login = raw.trimmingCharacters(in: .whitespaces).uppercased()
        try Credentials.checkNewPassword(password, username: login, field: "password", common: commonPasswords)
        if password != confirm { throw InvalidInput(field: "confirmPassword", .mismatch) }
        guard let resident = try? ResidentID(login) else { return .invalid }
        let digest = residentDigest(resident)
        guard let acc = try await ApplicantAccountRecord.query(on: db).filter(\.$residentHMAC == digest).first() else {
            return applicantThrottle.fail(digest, throttle: throttle, now: now).map { .locked(until: $0) } ?? .invalid
        }
        if throttle.isLocked(lockedUntil: acc.lockedUntil, now: now) { return .locked(until: acc.lockedUntil!) }
        guard let guess = try await takeGuess(table: "applicant_accounts", where: "id", is: acc.id!, throttle: throttle, now: now) else { return .locked(until: now + throttle.lockSeconds) }
        let given = (try? VotingCode.parse(rawCode)).map(activationDigest)
        guard let given, let stored = acc.codeHMAC, given == stored else { return try await failedGuess(acc.id!, guess) }
        let hash = try await hasher.hash(password)
        let done: Bool = try await write { tx in
            // spent once: a second activation with the same code (at the same moment) finds it gone
            guard let row = try await ApplicantAccountRecord.find(acc.id!, on: tx.db), row.codeHMAC == stored else { return false }
            row.codeHMAC = nil; row.passwordHash = hash; row.failedLogins = 0; row.lockedUntil = nil; row.activatedAt = now
            try await row.save(on: tx.db)
            try await tx.record(LedgerEvent(actor: "applicant", action: CompetitionLedgerAction.accountActivate, subjectType: "applicant-account",
                                            subjectID: acc.id!.uuidString))
            return true
        }
        return done ? .success(acc.id!) : .invalid
    }

    /// An applicant signs in with identity number and password, throttled like staff sign-in (the guess counted
    /// before the password is checked, one atomic `UPDATE … RETURNING`); unknown numbers cost the same bcrypt time
    /// and lock the same way (in memory).
    public func applicantLogin(resident raw: String, password: String, hasher: any PasswordHashing,
                               throttle: LoginThrottle = LoginThrottle(), now: Int64 = Store.now()) async throws -> ApplicantLoginOutcome {
        guard let resident = try? ResidentID(raw.trimmingCharacters(in: .whitespaces).uppercased()) else {
            _ = try? await hasher.verify(password, created: Self.dummyHash)
            return .invalid
        }
        let digest = residentDigest(resident)
        guard let acc = try await ApplicantAccountRecord.query(on: db).filter(\.$residentHMAC == digest).first() else {
            _ = try? await hasher.verify(password, created: Self.dummyHash)
            return applicantThrottle.fail(digest, throttle: throttle, now: now).map { .locked(until: $0) } ?? .invalid
        }
        if throttle.isLocked(lockedUntil: acc.lockedUntil, now: now) { return .locked(until: acc.lockedUntil!) }
        guard let guess = try await takeGuess(table: "applicant_accounts", where: "id", is: acc.id!, throttle: throttle, now: now) else { return .locked(until: now + throttle.lockSeconds) }
        let ok = try await hasher.verify(password, created: acc.passwordHash ?? Self.dummyHash) && acc.passwordHash != nil
        if ok {
            try await sql.raw("UPDATE applicant_accounts SET failed_logins = 0, locked_until = NULL WHERE id = \(bind: acc.id!)").run()
            return .success(acc.id!)
        }
        return try await failedGuess(acc.id!, guess)
    }

    /// A wrong password or code: locked when this guess used up the allowance (recorded in the ledger), else invalid.
    func failedGuess(_ id: UUID, _ guess: (failures: Int, lockedUntil: Int64?)) async throws -> ApplicantLoginOutcome {
        guard let until = guess.lockedUntil else { return .invalid }
        _ = try await write { tx in
            try await tx.record(LedgerEvent(actor: "system", action: CompetitionLedgerAction.accountLocked, subjectType: "applicant-account", subjectID: id.uuidString,
                                            payload: ["failures": .int(Int64(guess.failures)), "lockedUntil": .int(until)]))
        }
        return .locked(until: until)
    }

    /// Whether an applicant account exists (a session names one; it may have been removed since).
    public func applicantAccountExists(_ id: UUID) async throws -> Bool {
        try await ApplicantAccountRecord.find(id, on: db)?.passwordHash != nil
    }

    /// ELG-6, ELG-8, EXM-9: every registration of the signed-in applicant — found by the keyed hash of their identity
    /// number, in every matter — with its review in words, seat and published scores, and whether a switch is open.
    /// Nothing of anyone else's.
    public func myApplications(account: UUID) async throws -> [MyApplication] {
        guard let acc = try await ApplicantAccountRecord.find(account, on: db), acc.passwordHash != nil else { throw NotPermitted() }
        let rows = try await ApplicantRecord.query(on: db).filter(\.$residentHMAC == acc.residentHMAC).sort(\.$createdAt).all()
        let now = nowSeconds
        var out: [MyApplication] = []
        for a in rows {
            guard let rec = try await MatterRowSQL.load(a.matterID, db) else { continue }
            let matter = try Self.decode(Matter.self, rec.state)
            let c = try await Self.loadCompetition(a.matterID, db).1
            let open = matter.phase == .running && matter.current == .registration && c.registrationOpen(at: now) && !a.withdrawn
            out.append(MyApplication(matterID: a.matterID, matterTitle: rec.title, applicantID: a.id!, positionID: a.positionID, withdrawn: a.withdrawn,
                                     result: try await ownResult(a, matter, c), closes: c.closes, canSwitch: open,
                                     positions: open ? matter.plan.positions.filter { c.fates[$0.id] == nil && $0.id != a.positionID }.map { ($0.id, $0.post) } : []))
        }
        return out
    }

    /// ELG-8: the signed-in applicant switches their own registration to another position, under the same rules as a
    /// switch by staff (the closing second read inside this transaction, Asia/Shanghai). A registration that is not
    /// theirs reads as not found.
    public func switchOwnPosition(_ applicant: UUID, to position: String, account: UUID) async throws {
        let now = nowSeconds
        try await write { tx in
            guard let acc = try await ApplicantAccountRecord.find(account, on: tx.db), acc.passwordHash != nil else { throw NotPermitted() }
            guard let a = try await ApplicantRecord.find(applicant, on: tx.db), a.residentHMAC == acc.residentHMAC,
                  let rec = try await MatterRowSQL.load(a.matterID, tx.db) else { throw InvalidInput(field: "applicant", .notFound(applicant.uuidString)) }
            let from = try await Self.switchApplicant(a, try Self.decode(Matter.self, rec.state), to: position, at: now, tx.db)
            try await tx.record(LedgerEvent(actor: "applicant", action: CompetitionLedgerAction.selfSwitch, subjectType: "matter", subjectID: a.matterID.uuidString,
                                            payload: ["applicant": .string(applicant.uuidString), "from": .string(from), "to": .string(position)]))
        }
    }
}
