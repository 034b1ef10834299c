import FluentKit
import Foundation
import SQLKit
import Testing
@testable import XuanrenStore
import XuanrenTestSupport

/// Shared bodies of the ledger tests; run on SQLite always and on PostgreSQL when configured.
enum LedgerChecks {
    static func fill(_ store: Store, _ n: Int) async throws {
        for i in 1 ... n {
            try await store.write { tx in
                try await tx.record(LedgerEvent(actor: "tester", action: TestLedgerAction.step, subjectType: "thing", subjectID: "t\(i)",
                                                payload: ["i": .int(Int64(i)), "note": .string("第\(i)步 \"quoted\"\n")]))
            }
        }
    }

    static func sql(_ store: Store) -> any SQLDatabase { store.db as! any SQLDatabase }

    static func intactChain(_ db: TestDatabase) async throws {
        try await db.withStore(checkpointEvery: 5) { store, runtime in
            try await fill(store, 12)
            let report = try await LedgerVerifier().verify(store.db, location: runtime.location, trustedKeys: [store.ledger.key.publicKeyHex])
            #expect(report.intact)
            // the SQL-framed path (used for PostgreSQL) gives the same answer on any database
            let framed = try await LedgerVerifier().verify(store.db, trustedKeys: [store.ledger.key.publicKeyHex])
            #expect(framed == report)
            #expect(report.entries == 12)
            #expect(report.checkpointsChecked == 2) // at 5 and 10
            let head = try await store.ledgerHead()
            #expect(report.headHash == head?.hash)
            // each entry links to the one before
            let all = try await store.ledgerEntries(limit: 100).reversed()
            var prev = LedgerEntry.genesisHash
            for e in all {
                #expect(e.prevHash == prev)
                #expect(e.hash == LedgerEntry.computeHash(prevHash: e.prevHash, body: e.body))
                prev = e.hash
            }
        }
    }

    static func editedEntry(_ db: TestDatabase) async throws {
        try await db.withStore { store, runtime in
            try await fill(store, 10)
            try await sql(store).raw("UPDATE ledger_entries SET payload = '{\"i\":99}' WHERE seq = 6").run()
            let report = try await LedgerVerifier().verify(store.db, location: runtime.location)
            #expect(report.failure == .init(seq: 6, kind: .hashMismatch))
            #expect(try await LedgerVerifier().verify(store.db).failure == report.failure)
        }
    }

    static func editedActorWithRehash(_ db: TestDatabase) async throws {
        // An attacker who edits an entry and recomputes its hash breaks the next entry's link.
        try await db.withStore { store, runtime in
            try await fill(store, 10)
            var e = try await store.ledgerEntries(limit: 100).first { $0.seq == 4 }!
            e.actor = "someone-else"
            let newHash = LedgerEntry.computeHash(prevHash: e.prevHash, body: e.body)
            try await sql(store).raw("UPDATE ledger_entries SET actor = 'someone-else', hash = \(bind: newHash) WHERE seq = 4").run()
            let report = try await LedgerVerifier().verify(store.db, location: runtime.location)
            #expect(report.failure == .init(seq: 5, kind: .chainBroken))
        }
    }

    static func deletedEntry(_ db: TestDatabase) async throws {
        try await db.withStore { store, runtime in
            try await fill(store, 10)
            try await sql(store).raw("DELETE FROM ledger_entries WHERE seq = 3").run()
            let report = try await LedgerVerifier().verify(store.db, location: runtime.location)
            #expect(report.failure == .init(seq: 3, kind: .missing))
        }
    }

    static func insertedEntry(_ db: TestDatabase) async throws {
        // Make room at 5 by renumbering 5…10 to 6…11 and insert a forged entry at 5.
        try await db.withStore { store, runtime in
            try await fill(store, 10)
            let s = sql(store)
            for seq in stride(from: 10, through: 5, by: -1) {
                try await s.raw("UPDATE ledger_entries SET seq = \(bind: seq + 1) WHERE seq = \(bind: seq)").run()
            }
            let prev = try await store.ledgerEntries(limit: 100).first { $0.seq == 4 }!.hash
            var forged = LedgerEntry(seq: 5, at: "2026-01-01T00:00:00.000Z", actor: "intruder", action: TestLedgerAction.step.rawValue,
                                     subjectType: "thing", subjectID: "x", payload: "{}", prevHash: prev, hash: "")
            forged.hash = LedgerEntry.computeHash(prevHash: prev, body: forged.body)
            try await s.insert(into: "ledger_entries")
                .columns("seq", "at", "actor", "action", "subject_type", "subject_id", "payload", "prev_hash", "hash")
                .values(SQLBind(forged.seq), SQLBind(forged.at), SQLBind(forged.actor), SQLBind(forged.action), SQLBind(forged.subjectType),
                        SQLBind(forged.subjectID), SQLBind(forged.payload), SQLBind(forged.prevHash), SQLBind(forged.hash)).run()
            let report = try await LedgerVerifier().verify(store.db, location: runtime.location)
            // entry 6 is the old 5: it still points at entry 4, not at the forged 5
            #expect(report.failure == .init(seq: 6, kind: .chainBroken))
        }
    }

    static func appendedForgery(_ db: TestDatabase) async throws {
        try await db.withStore { store, runtime in
            try await fill(store, 3)
            try await sql(store).raw("""
                INSERT INTO ledger_entries (seq, at, actor, action, subject_type, subject_id, payload, prev_hash, hash)
                VALUES (4, 'x', 'a', 'b', 'c', 'd', '{}', 'bogus', 'bogus')
                """).run()
            let report = try await LedgerVerifier().verify(store.db, location: runtime.location)
            #expect(report.failure?.seq == 4)
        }
    }

    static func reorderedEntries(_ db: TestDatabase) async throws {
        try await db.withStore { store, runtime in
            try await fill(store, 10)
            let s = sql(store)
            // swap entries 3 and 7 (all columns but seq)
            try await s.raw("UPDATE ledger_entries SET seq = -3 WHERE seq = 3").run()
            try await s.raw("UPDATE ledger_entries SET seq = 3 WHERE seq = 7").run()
            try await s.raw("UPDATE ledger_entries SET seq = 7 WHERE seq = -3").run()
            let report = try await LedgerVerifier().verify(store.db, location: runtime.location)
            #expect(report.failure?.seq == 3)
            #expect(report.intact == false)
        }
    }

    static func truncatedBehindCheckpoint(_ db: TestDatabase) async throws {
        try await db.withStore { store, runtime in
            try await fill(store, 10)
            guard let cp = try await store.checkpointNow(actor: "tester") else { Issue.record("no checkpoint"); return }
            #expect(cp.seq == 11) // the checkpoint action itself is entry 11
            #expect(cp.signatureIsValid())
            // remove the tail and the stored checkpoint: only the external copy can tell
            try await sql(store).raw("DELETE FROM ledger_entries WHERE seq > 8").run()
            try await sql(store).raw("DELETE FROM ledger_checkpoints").run()
            let withoutCheckpoint = try await LedgerVerifier().verify(store.db, location: runtime.location)
            #expect(withoutCheckpoint.intact) // a prefix of a chain is a valid chain
            let external = try Checkpoint.parse(json: Data(cp.json().utf8))
            let report = try await LedgerVerifier().verify(store.db, location: runtime.location, external: [external])
            #expect(report.failure == .init(seq: 9, kind: .truncated))
        }
    }

    static func forgedCheckpoint(_ db: TestDatabase) async throws {
        try await db.withStore(checkpointEvery: 4) { store, runtime in
            try await fill(store, 8)
            try await sql(store).raw("UPDATE ledger_checkpoints SET head_hash = \(bind: String(repeating: "a", count: 64)) WHERE seq = 4").run()
            let r1 = try await LedgerVerifier().verify(store.db, location: runtime.location)
            #expect(r1.failure == .init(seq: 4, kind: .badSignature))
            // a checkpoint validly signed by another key is refused when keys are pinned
            try await sql(store).raw("DELETE FROM ledger_checkpoints WHERE seq = 4").run()
            let head = try await store.ledgerEntries(limit: 100).first { $0.seq == 8 }!
            let other = try InstanceKey.generate().sign(seq: 8, headHash: head.hash, signedAt: "2026-01-01T00:00:00.000Z")
            let r2 = try await LedgerVerifier().verify(store.db, location: runtime.location, trustedKeys: [store.ledger.key.publicKeyHex], external: [other])
            #expect(r2.failure == .init(seq: 8, kind: .untrustedKey))
        }
    }

    static func atomicWithChange(_ db: TestDatabase) async throws {
        try await db.withStore { store, runtime in
            // A failing change leaves no entry behind…
            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await store.write { tx in
                    try await tx.record(LedgerEvent(actor: "tester", action: UnitLedgerAction.create, subjectType: "unit", subjectID: "x"))
                    throw Boom()
                }
            }
            #expect(try await store.ledgerHead() == nil)
            // …and a change that records nothing is refused (rolled back).
            await #expect(throws: LedgerError.self) {
                try await store.write { tx in
                    try await UnitRecord(code: "ghost", name: "幽灵", kind: "other", parentID: nil).create(on: tx.db)
                }
            }
            #expect(try await UnitRecord.query(on: store.db).count() == 0)
            // a real change and its entry land together
            try await store.createUnit(code: "edu", name: "教育局", kind: "bureau", parentCode: nil, actor: "tester")
            #expect(try await UnitRecord.query(on: store.db).count() == 1)
            let head = try await store.ledgerHead()
            #expect(head?.action == "unit.create")
            #expect(head?.subjectID == "edu")
        }
    }

    static func concurrentAppends(_ db: TestDatabase) async throws {
        try await db.withStore { store, runtime in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0 ..< 40 {
                    group.addTask { @Sendable () async throws -> Void in
                        _ = try await store.write { tx in
                            try await tx.record(LedgerEvent(actor: "tester", action: TestLedgerAction.concurrent, subjectType: "thing", subjectID: "c\(i)"))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let report = try await LedgerVerifier().verify(store.db, location: runtime.location)
            #expect(report.intact)
            #expect(report.entries == 40)
        }
    }
}

@Suite("Ledger on SQLite")
struct LedgerSQLiteTests {
    let db = TestDatabase.sqlite
    @Test("LED-1 every write is chained and verifies") func intact() async throws { try await LedgerChecks.intactChain(db) }
    @Test("LED-1 no change without its entry, no entry without its change") func atomic() async throws { try await LedgerChecks.atomicWithChange(db) }
    @Test("LED-1 concurrent writers keep one chain") func concurrent() async throws { try await LedgerChecks.concurrentAppends(db) }
    @Test("LED-2 an edited entry is found") func edited() async throws { try await LedgerChecks.editedEntry(db) }
    @Test("LED-2 an edited and rehashed entry breaks the next link") func rehashed() async throws { try await LedgerChecks.editedActorWithRehash(db) }
    @Test("LED-2 a deleted entry is found") func deleted() async throws { try await LedgerChecks.deletedEntry(db) }
    @Test("LED-2 an inserted entry is found") func inserted() async throws { try await LedgerChecks.insertedEntry(db) }
    @Test("LED-2 a forged appended entry is found") func appended() async throws { try await LedgerChecks.appendedForgery(db) }
    @Test("LED-2 reordered entries are found") func reordered() async throws { try await LedgerChecks.reorderedEntries(db) }
    @Test("LED-2 truncation behind a signed checkpoint is found") func truncated() async throws { try await LedgerChecks.truncatedBehindCheckpoint(db) }
    @Test("LED-2 forged or foreign checkpoints are refused") func forged() async throws { try await LedgerChecks.forgedCheckpoint(db) }
}

@Suite("Ledger on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct LedgerPostgresTests {
    let db = TestDatabase.postgres
    @Test("LED-1 every write is chained and verifies") func intact() async throws { try await LedgerChecks.intactChain(db) }
    @Test("LED-1 no change without its entry, no entry without its change") func atomic() async throws { try await LedgerChecks.atomicWithChange(db) }
    @Test("LED-1 concurrent writers keep one chain") func concurrent() async throws { try await LedgerChecks.concurrentAppends(db) }
    @Test("LED-2 an edited entry is found") func edited() async throws { try await LedgerChecks.editedEntry(db) }
    @Test("LED-2 an edited and rehashed entry breaks the next link") func rehashed() async throws { try await LedgerChecks.editedActorWithRehash(db) }
    @Test("LED-2 a deleted entry is found") func deleted() async throws { try await LedgerChecks.deletedEntry(db) }
    @Test("LED-2 an inserted entry is found") func inserted() async throws { try await LedgerChecks.insertedEntry(db) }
    @Test("LED-2 a forged appended entry is found") func appended() async throws { try await LedgerChecks.appendedForgery(db) }
    @Test("LED-2 reordered entries are found") func reordered() async throws { try await LedgerChecks.reorderedEntries(db) }
    @Test("LED-2 truncation behind a signed checkpoint is found") func truncated() async throws { try await LedgerChecks.truncatedBehindCheckpoint(db) }
    @Test("LED-2 forged or foreign checkpoints are refused") func forged() async throws { try await LedgerChecks.forgedCheckpoint(db) }
}
