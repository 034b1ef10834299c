import FluentKit
import Foundation
import SelectionCore
import Testing
@testable import XuanrenStore
import XuanrenTestSupport

/// The group commit of SQLite writes (`WriteGroup`): concurrent writes share a transaction, each in its own savepoint.
struct WriteGroupTests {
    @Test("LED-1 concurrent writes: a failing one is rolled back alone (its change and its ledger entry), the others commit with theirs")
    func savepoints() async throws {
        try await TestDatabase.sqlite.withStore { store, runtime in
            struct Boom: Error {}
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0 ..< 40 {
                    group.addTask {
                        do {
                            try await store.write { tx in
                                try await tx.record(LedgerEvent(actor: "t", action: TestLedgerAction.step, subjectType: "unit", subjectID: "u\(i)"))
                                if i % 4 == 0 { throw Boom() }
                            }
                            return true
                        } catch is Boom { return false }
                    }
                }
                var ok = 0
                for try await r in group where r { ok += 1 }
                #expect(ok == 30)
            }
            let entries = try await store.ledgerEntries(limit: 1000)
            #expect(entries.count == 30)
            #expect(Set(entries.map(\.subjectID)) == Set((0 ..< 40).filter { $0 % 4 != 0 }.map { "u\($0)" }))
            let report = try await LedgerVerifier().verify(store.db, location: runtime.location)
            #expect(report.failure == nil)
        }
    }

    @Test("LED-1 a write started inside another write's body is refused in words, not left waiting")
    func nested() async throws {
        try await TestDatabase.sqlite.withStore { store, _ in
            let inner: String = try await store.write { tx in
                try await tx.record(LedgerEvent(actor: "t", action: TestLedgerAction.step, subjectType: "unit", subjectID: "outer"))
                do {
                    try await store.write { t in try await t.record(LedgerEvent(actor: "t", action: TestLedgerAction.step, subjectType: "unit", subjectID: "inner")) }
                    return "written"
                } catch is WriteGroup.Nested { return "refused" }
            }
            #expect(inner == "refused")
            #expect(try await store.ledgerEntries(limit: 10).map(\.subjectID) == ["outer"])
        }
    }
}
