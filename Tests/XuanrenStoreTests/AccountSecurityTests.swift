import FluentKit
import Foundation
import SelectionCore
import Synchronization
import Testing
@testable import XuanrenStore
import XuanrenTestSupport

/// A hasher that counts the passwords it checks and takes its time (as bcrypt does), so that attempts overlap.
final class CountingHasher: PasswordHashing {
    let checked = Mutex(0)
    func hash(_ password: String) async throws -> String { "plain:" + password }
    func verify(_ password: String, created hash: String) async throws -> Bool {
        checked.withLock { $0 += 1 }
        try await Task.sleep(for: .milliseconds(20))
        return hash == "plain:" + password
    }
    var count: Int { checked.withLock { $0 } }
}

enum AccountChecks {
    static func isLocked(_ o: LoginOutcome) -> Bool { if case .locked = o { return true }; return false }

    /// 40 wrong passwords at once for one account: at most 5 are checked in the lock window.
    static func concurrentGuesses(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await store.createAccount(username: "target", displayName: "靶", password: "Right-pass-2026", mustChangePassword: false,
                                          actor: "t", hasher: PlainHasher())
            let hasher = CountingHasher()
            let outcomes = try await withThrowingTaskGroup(of: LoginOutcome.self) { group in
                for i in 0 ..< 40 { group.addTask { try await store.login(username: "target", password: "wrong-pass-\(i)", hasher: hasher) } }
                return try await group.reduce(into: [LoginOutcome]()) { $0.append($1) }
            }
            #expect(hasher.count <= 5, "passwords checked: \(hasher.count)")
            #expect(outcomes.filter { $0 == .invalid }.count <= 4)
            #expect(outcomes.filter(isLocked).count >= 36)
            // the right password waits for the lock to end, then works and gives the guesses back
            let now = Store.now()
            #expect(isLocked(try await store.login(username: "target", password: "Right-pass-2026", now: now, hasher: hasher)))
            let later = now + LoginThrottle().lockSeconds + 1
            guard case .success = try await store.login(username: "target", password: "Right-pass-2026", now: later, hasher: hasher) else {
                Issue.record("the right password after the lock window was refused"); return
            }
            #expect(try await store.login(username: "target", password: "wrong-again-1", now: later, hasher: hasher) == .invalid)
            // the lock went to the ledger once
            let locks = try await store.ledgerEntries(subjectType: "account", subjectID: "target").filter { $0.action == "account.locked" }
            #expect(locks.count == 1)
        }
    }

    /// A password change or reset ends the account's sessions, keeping only the one asked for.
    static func passwordEndsSessions(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            let acc = try await store.createAccount(username: "zhou", displayName: "周", password: "Right-pass-2026", mustChangePassword: false,
                                                    actor: "t", hasher: PlainHasher())
            let other = try await store.createAccount(username: "wuxiao", displayName: "吴", password: "Right-pass-2026", mustChangePassword: false,
                                                      actor: "t", hasher: PlainHasher())
            for (key, owner) in [("a", acc.id), ("b", acc.id), ("c", acc.id), ("x", other.id)] {
                try await SessionRecord(tokenHash: key, data: "{}", expiresAt: Store.now() + 3600, accountID: owner).create(on: store.db)
            }
            try await store.changeOwnPassword(accountID: acc.id, current: "Right-pass-2026", new: "Second-pass-2026", confirm: "Second-pass-2026",
                                              hasher: PlainHasher(), keepSession: "a")
            #expect(Set(try await SessionRecord.query(on: store.db).all().compactMap(\.id)) == ["a", "x"])
            try await store.setPassword(username: "zhou", newPassword: "Third-pass-2026", mustChange: true, actor: "admin", hasher: PlainHasher())
            #expect(Set(try await SessionRecord.query(on: store.db).all().compactMap(\.id)) == ["x"])
        }
    }
}

@Suite("Accounts on SQLite")
struct AccountStoreTests {
    @Test("Sign-in lock under concurrency: 40 simultaneous wrong passwords for one account check at most 5 per lock window")
    func concurrentGuesses() async throws { try await AccountChecks.concurrentGuesses(.sqlite) }

    @Test("Changing one's password ends the account's other sessions; a reset ends them all")
    func passwordEndsSessions() async throws { try await AccountChecks.passwordEndsSessions(.sqlite) }

    @Test("The shipped list of common passwords refuses password12, 1234567890, qwertyuiop, admin12345, woaini1314 in any case; the demo password passes")
    func shippedCommonPasswords() throws {
        let list = try TestDatabase.commonPasswords
        #expect(list.count >= 2000)
        for p in ["password12", "1234567890", "qwertyuiop", "admin12345", "woaini1314", "Password12", "PASSWORD12", "Admin12345", "WoAiNi1314", "abc123456789"] {
            #expect(list.contains(p), "\(p)")
        }
        #expect(throws: InvalidInput(field: "newPassword", .commonPassword)) { try Credentials.checkNewPassword("Password12", username: "zhou", common: list) }
        for ok in [DemoCounty.password, "Changed-pass-2026", "Better-pass-2026"] {
            #expect(throws: Never.self) { try Credentials.checkNewPassword(ok, username: "zhou", common: list) }
        }
    }

    @Test("The store refuses a common password when an account is created or a password set")
    func storeRefusesCommonPasswords() async throws {
        try await TestDatabase.sqlite.withStore { store, _ in
            await #expect(throws: InvalidInput(field: "password", .commonPassword)) {
                try await store.createAccount(username: "liming", displayName: "李", password: "password12", actor: "t", hasher: PlainHasher())
            }
            try await store.createAccount(username: "liming", displayName: "李", password: "Right-pass-2026", actor: "t", hasher: PlainHasher())
            await #expect(throws: InvalidInput(field: "newPassword", .commonPassword)) {
                try await store.setPassword(username: "liming", newPassword: "Admin12345", mustChange: true, actor: "t", hasher: PlainHasher())
            }
        }
    }
}

@Suite("Accounts on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct AccountPostgresTests {
    @Test("Sign-in lock under concurrency (PostgreSQL)")
    func concurrentGuesses() async throws { try await AccountChecks.concurrentGuesses(.postgres) }

    @Test("A password change ends the other sessions (PostgreSQL)")
    func passwordEndsSessions() async throws { try await AccountChecks.passwordEndsSessions(.postgres) }
}
