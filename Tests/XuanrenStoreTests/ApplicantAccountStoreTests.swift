import FluentKit
import Foundation
import SQLKit
import SelectionCore
import Testing
@testable import XuanrenStore
import XuanrenTestSupport

/// Applicant accounts (ELG-8, EXM-9) in the store, on SQLite and on PostgreSQL: opened by the first registration
/// through the public form with a one-time code, the password set with it, sign-in throttled, an applicant's own
/// registrations only, the switch of position before the closing second.
enum ApplicantAccountChecks {
    static let password = "Bao-ming-2026"

    static func error(_ body: () async throws -> Void) async -> (any Error)? {
        do { try await body(); return nil } catch { return error }
    }

    static func isLocked(_ o: ApplicantLoginOutcome) -> Bool { if case .locked = o { return true }; return false }

    /// The activation path: one write per registration with the code's HMAC only, the code spent once, sign-in.
    static func activation(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: Date(timeIntervalSince1970: 1_780_000_000))
        try await db.withStore(clock: clock) { store, _ in
            try await InspectionChecks.units(store)
            let f = try await CompetitionFixture.registering(store, seconds: 3600)
            _ = try await CompetitionFixture.cadre(store, "李明", 1, unitCode: "fin")
            let before = try await store.ledgerEntries(limit: 10_000).count
            let r = try await store.registerApplicant(f.matter, position: "p1", resident: CompetitionFixture.resident(1), form: nil)
            // one write: the registration and the account in one ledger entry
            let entries = try await store.ledgerEntries(limit: 10_000)
            #expect(entries.count == before + 1)
            #expect(entries.first?.action == CompetitionLedgerAction.register.rawValue && entries.first?.payload.contains("\"account\":true") == true)
            let code = try #require(r.activationCode)
            #expect(r.hasAccount)
            // stored: the identity number's HMAC (as the registration's) and the code's HMAC; no password hash yet
            let row = try #require(try await ApplicantAccountRecord.query(on: store.db).first())
            let applicant = try #require(try await ApplicantRecord.find(r.applicant, on: store.db))
            #expect(row.residentHMAC == applicant.residentHMAC && row.passwordHash == nil)
            let canonical = code.replacingOccurrences(of: "-", with: "")
            #expect(row.codeHMAC != nil && row.codeHMAC != canonical && row.codeHMAC?.contains(canonical) == false)
            #expect(!entries.contains { $0.payload.contains(canonical) || $0.payload.contains(CompetitionFixture.resident(1)) })
            // no sign-in before a password is set: the same answer as a wrong one
            #expect(try await store.applicantLogin(resident: CompetitionFixture.resident(1), password: password, hasher: PlainHasher()) == .invalid)
            // the password policy of every account, checked before anything is counted
            let weak = await error { _ = try await store.activateApplicant(resident: CompetitionFixture.resident(1), code: code, password: "short1", confirm: "short1", hasher: PlainHasher()) }
            #expect((weak as? InvalidInput)?.issues.first?.field == "password")
            let mismatch = await error { _ = try await store.activateApplicant(resident: CompetitionFixture.resident(1), code: code, password: password, confirm: password + "x", hasher: PlainHasher()) }
            #expect((mismatch as? InvalidInput)?.issues.first?.field == "confirmPassword")
            // a wrong code, another person's number with this code: refused alike
            #expect(try await store.activateApplicant(resident: CompetitionFixture.resident(1), code: "0000-0000-0000-00", password: password, confirm: password, hasher: PlainHasher()) == .invalid)
            #expect(try await store.activateApplicant(resident: CompetitionFixture.resident(2), code: code, password: password, confirm: password, hasher: PlainHasher()) == .invalid)
            // the right code sets the password (hashed by the hasher) once
            guard case .success(let id) = try await store.activateApplicant(resident: CompetitionFixture.resident(1), code: code.lowercased(), password: password, confirm: password, hasher: PlainHasher()) else {
                Issue.record("activation refused"); return
            }
            let activated = try #require(try await ApplicantAccountRecord.find(id, on: store.db))
            #expect(activated.passwordHash == "plain:" + password && activated.codeHMAC == nil)
            #expect(try await store.activateApplicant(resident: CompetitionFixture.resident(1), code: code, password: "Other-pass-2026", confirm: "Other-pass-2026", hasher: PlainHasher()) == .invalid)
            #expect(try await store.applicantLogin(resident: CompetitionFixture.resident(1), password: password, hasher: PlainHasher()) == .success(id))
            #expect(try await store.applicantLogin(resident: CompetitionFixture.resident(1).lowercased(), password: "Wrong-pass-2026", hasher: PlainHasher()) == .invalid)
            #expect(try await store.ledgerEntries(limit: 10_000).contains { $0.action == CompetitionLedgerAction.accountActivate.rawValue })
            // a second registration (another matter) opens no second account and shows no new code
            let g = try await CompetitionFixture.registering(store, seconds: 3600)
            let again = try await store.registerApplicant(g.matter, position: "p2", resident: CompetitionFixture.resident(1), form: nil)
            #expect(again.activationCode == nil && again.hasAccount)
            #expect(try await ApplicantAccountRecord.query(on: store.db).count() == 1)
            let mine = try await store.myApplications(account: id)
            #expect(Set(mine.map(\.applicantID)) == [r.applicant, again.applicant])
            #expect(mine.allSatisfy { $0.canSwitch && $0.result.name == "李明" })
            // staff entries open no account
            _ = try await CompetitionFixture.cadre(store, "赵芳", 2, unitCode: "fin")
            _ = try await store.register(f.matter, position: "p1", channel: .organizational, resident: CompetitionFixture.resident(2), form: nil, by: .system("organizer"))
            #expect(try await ApplicantAccountRecord.query(on: store.db).count() == 1)
        }
    }

    /// Wrong passwords lock the account after five (even for the right one), also when they arrive at once; an
    /// unknown number locks the same way; the lock is in the ledger.
    static func throttled(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: Date(timeIntervalSince1970: 1_780_000_000))
        try await db.withStore(clock: clock) { store, _ in
            try await InspectionChecks.units(store)
            let f = try await CompetitionFixture.registering(store, seconds: 3600)
            _ = try await CompetitionFixture.cadre(store, "李明", 1, unitCode: "fin")
            let r = try await store.registerApplicant(f.matter, position: "p1", resident: CompetitionFixture.resident(1), form: nil)
            guard case .success = try await store.activateApplicant(resident: CompetitionFixture.resident(1), code: r.activationCode!, password: password, confirm: password, hasher: PlainHasher()) else {
                Issue.record("activation refused"); return
            }
            let hasher = CountingHasher()
            let outcomes = try await withThrowingTaskGroup(of: ApplicantLoginOutcome.self) { group in
                for _ in 0 ..< 40 { group.addTask { try await store.applicantLogin(resident: CompetitionFixture.resident(1), password: "Wrong-pass-2026", hasher: hasher) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(hasher.count <= 5)
            #expect(outcomes.filter { $0 == .invalid }.count <= 4)
            #expect(outcomes.contains { isLocked($0) })
            // locked even for the right password; the lock is recorded
            #expect(isLocked(try await store.applicantLogin(resident: CompetitionFixture.resident(1), password: password, hasher: PlainHasher())))
            #expect(try await store.ledgerEntries(limit: 10_000).contains { $0.action == CompetitionLedgerAction.accountLocked.rawValue })
            // an identity number nobody registered: the same answers, and the same lock after five
            let nobody = CompetitionFixture.resident(77)
            for _ in 1 ... 4 { #expect(try await store.applicantLogin(resident: nobody, password: "Wrong-pass-2026", hasher: PlainHasher()) == .invalid) }
            #expect(isLocked(try await store.applicantLogin(resident: nobody, password: "Wrong-pass-2026", hasher: PlainHasher())))
            #expect(isLocked(try await store.activateApplicant(resident: nobody, code: "0000-0000-0000-00", password: password, confirm: password, hasher: PlainHasher())))
            // not an identity number at all
            #expect(try await store.applicantLogin(resident: "123", password: password, hasher: PlainHasher()) == .invalid)
        }
    }

    /// ELG-8: the applicant switches their own registration until the closing second, recorded as their own switch;
    /// another applicant's registration is neither listed nor switched; at the closing second the switch is refused.
    static func switchOwn(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: Date(timeIntervalSince1970: 1_780_000_000))
        try await db.withStore(clock: clock) { store, _ in
            try await InspectionChecks.units(store)
            let f = try await CompetitionFixture.registering(store, seconds: 100)
            _ = try await CompetitionFixture.cadre(store, "李明", 1, unitCode: "fin")
            _ = try await CompetitionFixture.cadre(store, "王芳", 2, unitCode: "fin")
            let a = try await store.registerApplicant(f.matter, position: "p1", resident: CompetitionFixture.resident(1), form: nil)
            let b = try await store.registerApplicant(f.matter, position: "p1", resident: CompetitionFixture.resident(2), form: nil)
            guard case .success(let me) = try await store.activateApplicant(resident: CompetitionFixture.resident(1), code: a.activationCode!, password: password, confirm: password, hasher: PlainHasher()) else {
                Issue.record("activation refused"); return
            }
            // only one's own registration, nothing of the other applicant's
            let mine = try await store.myApplications(account: me)
            #expect(mine.map(\.applicantID) == [a.applicant])
            #expect(mine.first?.positions.map(\.id) == ["p2"])
            // the other applicant's registration: not found, and unchanged
            let theirs = await error { try await store.switchOwnPosition(b.applicant, to: "p2", account: me) }
            #expect((theirs as? InvalidInput)?.issues.first?.field == "applicant")
            #expect(try await ApplicantRecord.find(b.applicant, on: store.db)?.positionID == "p1")
            // the last second: taken, recorded as the applicant's own switch (no identity number, no name)
            await clock.advance(by: 99, settle: 0)
            try await store.switchOwnPosition(a.applicant, to: "p2", account: me)
            #expect(try await ApplicantRecord.find(a.applicant, on: store.db)?.positionID == "p2")
            let entry = try #require(try await store.ledgerEntries(limit: 10_000).first)
            #expect(entry.action == CompetitionLedgerAction.selfSwitch.rawValue && entry.actor == "applicant")
            #expect(entry.payload.contains(a.applicant.uuidString) && !entry.payload.contains("李明") && !entry.payload.contains(CompetitionFixture.resident(1)))
            #expect(try await store.registrationCounts(f.matter).counts.map(\.registered) == [1, 1])
            // the same position again, an unknown one: refused in words
            #expect(await error { try await store.switchOwnPosition(a.applicant, to: "p2", account: me) } is InvalidInput)
            #expect(await error { try await store.switchOwnPosition(a.applicant, to: "p9", account: me) } is InvalidInput)
            // the closing second itself: refused, the time named
            await clock.advance(by: 1, settle: 0)
            let late = await error { try await store.switchOwnPosition(a.applicant, to: "p1", account: me) }
            #expect((late as? RegistrationClosed)?.reason == .closed)
            #expect((late as? RegistrationClosed)?.message(in: .zhHans).contains("截止") == true)
            #expect(try await store.myApplications(account: me).first?.canSwitch == false)
        }
    }
}

@Suite("Applicant accounts")
struct ApplicantAccountStoreTests {
    @Test("ELG-8 EXM-9 a registration opens the applicant's account in its one write with a one-time code (HMAC only); the code sets the password once; sign-in; no second account") func activation() async throws { try await ApplicantAccountChecks.activation(.sqlite) }
    @Test("ELG-8 wrong passwords lock the applicant account after five, also at once and for the right one; an unregistered number reads and locks the same") func throttled() async throws { try await ApplicantAccountChecks.throttled(.sqlite) }
    @Test("ELG-8 the applicant switches their own position until the closing second, recorded as theirs; another applicant's registration is neither listed nor switched") func switchOwn() async throws { try await ApplicantAccountChecks.switchOwn(.sqlite) }
}

@Suite("Applicant accounts on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct ApplicantAccountPostgresTests {
    @Test("ELG-8 EXM-9 activation (PostgreSQL)") func activation() async throws { try await ApplicantAccountChecks.activation(.postgres) }
    @Test("ELG-8 applicant sign-in throttled (PostgreSQL)") func throttled() async throws { try await ApplicantAccountChecks.throttled(.postgres) }
    @Test("ELG-8 own switch (PostgreSQL)") func switchOwn() async throws { try await ApplicantAccountChecks.switchOwn(.postgres) }
}
