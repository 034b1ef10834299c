import FluentKit
import Foundation
import Logging
import SelectionCore
import SQLKit
import Testing
@testable import XuanrenStore
import XuanrenTestSupport

/// Anchoring the ledger (LED-2): checkpoints every N entries and at least every 10 minutes while the head moves,
/// and a verifier that fails when they are missing — what an attacker who rewrites history without the key
/// must delete. Shared bodies, run on SQLite always and on PostgreSQL when configured.
enum AnchoringChecks {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    static let policy = AnchorPolicy(every: 1000, seconds: 600, margin: 120)

    static func sql(_ store: Store) -> any SQLDatabase { store.db as! any SQLDatabase }

    /// `n` entries, the clock moving `step` seconds before each; with an anchor, one look after each step.
    static func fill(_ store: Store, _ clock: ManualClock, _ n: Int, step: Double = 1, anchor: LedgerAnchor? = nil) async throws {
        for i in 1 ... n {
            await clock.advance(by: step)
            if let anchor { try await anchor.tick() }
            _ = try await store.write { tx in
                try await tx.record(LedgerEvent(actor: "clerk", action: TestLedgerAction.step, subjectType: "thing", subjectID: "t\(i)", payload: ["i": .int(Int64(i))]))
            }
        }
    }

    static func entries(_ store: Store) async throws -> [LedgerEntry] {
        try await LedgerEntryRecord.query(on: store.db).sort(\.$id, .ascending).all().map(\.entry)
    }

    /// What someone with write access to the database and no key can do: recompute every hash from `from` on.
    static func recompute(_ store: Store, from: Int64) async throws {
        var prev = LedgerEntry.genesisHash
        for e in try await entries(store) {
            guard e.seq >= from else { prev = e.hash; continue }
            let hash = LedgerEntry.computeHash(prevHash: prev, body: e.body)
            try await sql(store).raw("UPDATE ledger_entries SET prev_hash = \(bind: prev), hash = \(bind: hash) WHERE seq = \(bind: e.seq)").run()
            prev = hash
        }
    }

    /// Edits an entry and recomputes the chain after it.
    static func rewrite(_ store: Store, seq: Int64) async throws {
        try await sql(store).raw("UPDATE ledger_entries SET actor = 'mallory' WHERE seq = \(bind: seq)").run()
        try await recompute(store, from: seq)
    }

    /// Deletes an entry, renumbers the ones after it and recomputes the chain.
    static func deleteAndRenumber(_ store: Store, seq: Int64) async throws {
        let last = try await store.ledgerLength()
        try await sql(store).raw("DELETE FROM ledger_entries WHERE seq = \(bind: seq)").run()
        if seq < last {
            for s in seq + 1 ... last { try await sql(store).raw("UPDATE ledger_entries SET seq = \(bind: s - 1) WHERE seq = \(bind: s)").run() }
        }
        try await recompute(store, from: seq)
    }

    static func deleteCheckpoints(_ store: Store, where condition: String = "1 = 1") async throws {
        try await sql(store).raw("DELETE FROM ledger_checkpoints WHERE \(unsafeRaw: condition)").run()
    }

    static func verify(_ store: Store, _ runtime: StoreRuntime, _ clock: ManualClock, every: Int64 = 1000,
                       external: [Checkpoint] = [], trusted: Bool = true) async throws -> VerifyReport {
        var p = policy
        p.every = every
        return try await LedgerVerifier().verify(store.db, location: runtime.location, trustedKeys: trusted ? [store.ledger.key.publicKeyHex] : [],
                                                 external: external, anchoring: p, now: clock.now)
    }

    // MARK: - the verifier

    static func missingMultiple(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: t0)
        try await db.withStore(checkpointEvery: 10, clock: clock) { store, runtime in
            try await fill(store, clock, 25)
            #expect(try await verify(store, runtime, clock, every: 10).intact)
            try await rewrite(store, seq: 12)
            #expect(try await verify(store, runtime, clock, every: 10).failure == .init(seq: 20, kind: .checkpointMismatch))
            try await deleteCheckpoints(store)
            // the chain alone is consistent again: this is what verify used to accept
            #expect(try await LedgerVerifier().verify(store.db, location: runtime.location).intact)
            let report = try await verify(store, runtime, clock, every: 10)
            #expect(report.failure == .init(seq: 10, kind: .checkpointMissing))
            #expect(report.failure?.description.contains("no checkpoint at seq 10") == true)
        }
    }

    /// The reported hole on a small ledger (fewer than N entries, ending with a checkpoint, like the demo county).
    static func rewrittenHistory(_ db: TestDatabase) async throws {
        for attack in ["edit", "delete"] {
            let clock = ManualClock(start: t0)
            try await db.withStore(clock: clock) { store, runtime in
                try await fill(store, clock, 40)
                let copy = try await store.checkpointNow(actor: "demo", reason: .seed)!
                #expect(copy.seq == 41)
                await clock.advance(by: 60)
                #expect(try await verify(store, runtime, clock).intact)
                if attack == "edit" { try await rewrite(store, seq: 21) } else { try await deleteAndRenumber(store, seq: 21) }
                try await deleteCheckpoints(store)
                // within the cadence an unsigned tail is what a running server has: a copy kept elsewhere tells at once
                let withCopy = try await verify(store, runtime, clock, external: [copy])
                let expected = VerifyReport.Failure(seq: 41, kind: attack == "edit" ? .checkpointMismatch : .truncated)
                #expect(withCopy.failure == expected)
                #expect(withCopy.failure?.external == true)
                // after the cadence and its margin, the database alone tells: nothing signed what was signed before
                await clock.advance(by: 12 * 60)
                let report = try await verify(store, runtime, clock)
                #expect(report.failure == .init(seq: 1, kind: .tailTooOld))
                #expect(report.tail.count == (attack == "edit" ? 41 : 40))
                #expect(report.failure?.description.contains("unsigned since") == true)
            }
        }
    }

    /// Entries 1 a minute for an hour with the background task's look after each: checkpoints about every 9–10 minutes.
    static func hourOfWork(_ store: Store, _ clock: ManualClock) async throws {
        try await fill(store, clock, 60, step: 60, anchor: LedgerAnchor(store: store, seconds: 600))
    }

    static func deletedMiddleCheckpoint(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: t0)
        try await db.withStore(clock: clock) { store, runtime in
            try await hourOfWork(store, clock)
            #expect(try await verify(store, runtime, clock).intact)
            let cps = try await store.allCheckpoints().map(\.seq).sorted()
            #expect(cps.count >= 5)
            try await deleteCheckpoints(store, where: "seq = \(cps[2])")
            let report = try await verify(store, runtime, clock)
            #expect(report.failure == .init(seq: cps[1] + 1, kind: .unsignedTooLong))
            #expect(report.failure?.description.contains("checkpoint missing after seq \(cps[1])") == true)
        }
    }

    static func cutTail(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: t0)
        try await db.withStore(clock: clock) { store, runtime in
            try await hourOfWork(store, clock)
            try await store.signHeadIfUnsigned(reason: .stop)
            await clock.advance(by: 600)   // verified later, the server stopped
            let feed = try CheckpointFeed.parse(Data(CheckpointFeed.atom(try await store.allCheckpoints(), publicKey: store.ledger.key.publicKeyHex,
                                                                        title: "t", selfURL: "/f", pageURL: "/").utf8))
            let cps = try await store.allCheckpoints().map(\.seq).sorted()
            // cut in the middle of a stretch: entries left unsigned, older than the cadence
            let cut = cps[cps.count - 3] + 2
            try await sql(store).raw("DELETE FROM ledger_entries WHERE seq > \(bind: cut)").run()
            try await deleteCheckpoints(store, where: "seq > \(cut)")
            let report = try await verify(store, runtime, clock)
            #expect(report.failure == .init(seq: cps[cps.count - 3] + 1, kind: .tailTooOld))
            // cut right behind a checkpoint: only a copy kept elsewhere can tell
            let atCheckpoint = cps[cps.count - 3]
            try await sql(store).raw("DELETE FROM ledger_entries WHERE seq > \(bind: atCheckpoint)").run()
            #expect(try await verify(store, runtime, clock).intact)
            let withFeed = try await verify(store, runtime, clock, external: feed)
            #expect(withFeed.failure == .init(seq: atCheckpoint + 1, kind: .truncated))
        }
    }

    static func reSigned(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: t0)
        try await db.withStore(checkpointEvery: 10, clock: clock) { store, runtime in
            try await fill(store, clock, 30)
            try await rewrite(store, seq: 5)
            // the attacker signs every checkpoint again with a key of their own
            let mallory = InstanceKey.generate()
            let rows = try await entries(store)
            try await deleteCheckpoints(store)
            for e in rows where e.seq % 10 == 0 {
                let cp = try mallory.sign(seq: e.seq, headHash: e.hash, signedAt: e.at)
                try await sql(store).raw("""
                    INSERT INTO ledger_checkpoints (seq, head_hash, signed_at, public_key, signature)
                    VALUES (\(bind: cp.seq), \(bind: cp.headHash), \(bind: cp.signedAt), \(bind: cp.publicKey), \(bind: cp.signature))
                    """).run()
            }
            // with the real public key (the key file kept apart from the database, or the published key) it is refused
            #expect(try await verify(store, runtime, clock, every: 10).failure == .init(seq: 10, kind: .untrustedKey))
            // without any trusted key, the signatures only prove that someone signed
            #expect(try await verify(store, runtime, clock, every: 10, trusted: false).intact)
        }
    }

    static func externalCopies(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: t0)
        try await db.withStore(checkpointEvery: 5, clock: clock) { store, runtime in
            try await fill(store, clock, 22)
            let all = try await store.allCheckpoints()
            let atom = CheckpointFeed.atom(all, publicKey: store.ledger.key.publicKeyHex, title: "记录 <&>", selfURL: "/ledger/checkpoints.atom", pageURL: "/ledger")
            let fromFeed = try Checkpoint.parseDocument(Data(atom.utf8))
            #expect(fromFeed.map(\.seq) == [20, 15, 10, 5])
            #expect(fromFeed == all)
            let json = try Checkpoint.parseDocument(Data(all[1].json().utf8))
            let report = try await verify(store, runtime, clock, external: fromFeed + json)
            #expect(report.intact)
            #expect(report.externalChecked == 5)
            #expect(report.newestExternal == 20)
            #expect(report.tail == UnsignedTail(lastCheckpoint: 20, head: 22, since: report.tail.since))
            // a copy that does not match the database's entry at its seq, by hash, signature or public key
            var badSignature = all[2]
            badSignature.signature = String(badSignature.signature.reversed())
            let otherKey = try InstanceKey.generate().sign(seq: 15, headHash: all[1].headHash, signedAt: all[1].signedAt)
            let otherHash = try store.ledger.key.sign(seq: 5, headHash: String(repeating: "b", count: 64), signedAt: all[3].signedAt)
            #expect(try await verify(store, runtime, clock, external: fromFeed + [badSignature]).failure == .init(seq: 10, kind: .badSignature))
            #expect(try await verify(store, runtime, clock, external: fromFeed + [otherKey]).failure == .init(seq: 15, kind: .untrustedKey))
            #expect(try await verify(store, runtime, clock, external: [otherHash] + fromFeed).failure == .init(seq: 5, kind: .checkpointMismatch))
            // without a trusted key, the copies' key is trusted: stored checkpoints must carry it
            #expect(try await verify(store, runtime, clock, external: [otherKey], trusted: false).failure == .init(seq: 5, kind: .untrustedKey))
            // a feed is hostile input
            #expect(throws: CheckpointFeed.ParseError.self) {
                try CheckpointFeed.parse(Data("<!DOCTYPE feed [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><feed>&x;</feed>".utf8))
            }
            #expect(throws: (any Error).self) { try Checkpoint.parseDocument(Data("<feed><entry><content>{}</content></entry></feed>".utf8)) }
        }
    }

    // MARK: - signing

    /// The background task: a checkpoint before any entry is 10 minutes old while the head moves, none at rest.
    static func timer(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: t0)
        try await db.withStore(clock: clock) { store, runtime in
            let anchor = LedgerAnchor(store: store, seconds: 600)
            #expect(anchor.checkInterval == 60)
            let task = Task { await anchor.run(logger: Logger(label: "test")) }
            defer { task.cancel() }
            #expect(await clock.waitForSleepers(1))
            try await fill(store, clock, 1)
            var signedAfter: Int? = nil
            for minute in 1 ... 11 {
                await clock.advance(by: 60)
                if signedAfter == nil, try await store.unsignedTail().count == 0 { signedAfter = minute }
            }
            #expect(signedAfter == 9)   // the look that would otherwise come after the 10 minutes
            // at rest: no checkpoint however long
            let count = try await store.allCheckpoints().count
            for _ in 1 ... 120 { await clock.advance(by: 60) }
            #expect(try await store.allCheckpoints().count == count)
            // moving: an entry every 2 minutes for an hour; nothing ever waits longer than the cadence
            var worst = 0.0
            for _ in 1 ... 30 {
                try await fill(store, clock, 1, step: 0)
                for _ in 1 ... 2 {
                    await clock.advance(by: 60)
                    let tail = try await store.unsignedTail()
                    if let since = tail.since.flatMap(Ledger.parseTimestamp) { worst = max(worst, clock.now.timeIntervalSince(since)) }
                }
            }
            #expect(worst <= 600)
            #expect(try await store.allCheckpoints().count - count >= 6)
            #expect(try await verify(store, runtime, clock).intact)
            task.cancel()
            await task.value
            #expect(clock.sleeping == 0)
        }
    }

    /// A process that stopped without signing: the next start signs what it left, and verification accepts
    /// the pause; but the start cannot cover a rewritten history, whose unsigned stretch is longer than a cadence.
    static func startAfterCrash(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: t0)
        try await db.withStore(clock: clock) { store, runtime in
            try await hourOfWork(store, clock)
            try await fill(store, clock, 3, step: 30)       // then the server is killed: these stay unsigned
            await clock.advance(by: 2 * 86400)
            #expect(try await verify(store, runtime, clock).failure?.kind == .tailTooOld)
            let start = try await store.signHeadIfUnsigned(reason: .start)
            #expect(start != nil)
            #expect(try await store.signHeadIfUnsigned(reason: .start) == nil)   // the head is signed: nothing more
            #expect(try await verify(store, runtime, clock).intact)
            // a command-line process later: it signs what it wrote (and a crashed server's leftovers)
            try await fill(store, clock, 2, step: 5)                  // a server, killed again
            await clock.advance(by: 86400)
            let before = try await store.ledgerLength()
            try await fill(store, clock, 4, step: 1)                  // the command's own entries
            try await store.signHeadIfUnsigned(reason: .cli, actor: "cli", since: before + 1)
            #expect(try await verify(store, runtime, clock).intact)
        }
        let clock2 = ManualClock(start: t0)
        try await db.withStore(clock: clock2) { store, runtime in
            try await hourOfWork(store, clock2)
            try await rewrite(store, seq: 2)
            try await deleteCheckpoints(store)
            await clock2.advance(by: 86400)
            try await store.signHeadIfUnsigned(reason: .start)        // the server restarted on the rewritten ledger
            let report = try await verify(store, runtime, clock2)
            #expect(report.failure == .init(seq: 1, kind: .unsignedTooLong))
        }
    }

    static func demoSeed(_ db: TestDatabase) async throws {
        try await db.withStore { store, runtime in
            #expect(try await DemoCounty.seed(store, hasher: PlainHasher(), cadres: 5))
            let tail = try await store.unsignedTail()
            #expect(tail.count == 0)
            #expect(tail.lastCheckpoint == tail.head)
            #expect(try await store.ledgerHead()?.payload == #"{"reason":"seed"}"#)
            let report = try await LedgerVerifier().verify(store.db, location: runtime.location, trustedKeys: [store.ledger.key.publicKeyHex], anchoring: policy)
            #expect(report.intact)
            #expect(report.checkpointsChecked == 1)
        }
    }

    // MARK: - ballot boxes

    static func closedSession(_ store: Store, title: String = "副局长民主推荐") async throws -> UUID {
        if try await store.units().isEmpty {
            try await store.createUnit(code: "county", name: "县委", kind: "party-committee", parentCode: nil, actor: "t")
        }
        var box = BallotChecks.recommendationBox()
        box.title = title
        let id = try await store.createBallotSession(unitCode: "county", box: box, actor: "organizer")
        let codes = try await store.issueCodes(session: id, category: "staff", count: 3, actor: "organizer")
        try await store.openBallotSession(id, actor: "organizer")
        for code in codes { _ = try await store.cast(session: id, code: code, ballot: .recommendation(category: "", ranking: ["c1"])) }
        try await store.closeBallotSession(id, actor: "organizer")
        return id
    }

    static func storedBoxes(_ db: TestDatabase) async throws {
        try await db.withStore { store, runtime in
            let a = try await closedSession(store)
            let b = try await closedSession(store, title: "第二轮")
            let key: Set<String> = [store.ledger.key.publicKeyHex]
            #expect(try await store.checkStoredBox(a) == .ok)
            #expect(try await store.checkStoredBoxes(trustedKeys: key) == BoxesReport(checked: 2))
            let s = sql(store)
            struct Row: Decodable { var box: String; var box_hash: String; var box_signature: String }
            let original = try await s.raw("SELECT box, box_hash, box_signature FROM ballot_sessions WHERE id = \(bind: b)").first(decoding: Row.self)!
            // a ballot changed in the stored box (the ledger and the chain untouched)
            let forged = original.box.replacingOccurrences(of: "\"c1\"", with: "\"c2\"")
            #expect(forged != original.box)
            try await s.raw("UPDATE ballot_sessions SET box = \(bind: forged) WHERE id = \(bind: b)").run()
            #expect(try await store.checkStoredBox(b) == .mismatch(.boxDiffersFromLedger(ledger: original.box_hash, box: Digest.sha256Hex(forged))))
            // …with its hash and signature made again by someone without the instance key
            let mallory = InstanceKey.generate()
            let sig = Hex.encode(try mallory.privateKey.signature(for: Data(forged.utf8)))
            try await s.raw("UPDATE ballot_sessions SET box_hash = \(bind: Digest.sha256Hex(forged)), box_signature = \(bind: sig) WHERE id = \(bind: b)").run()
            #expect(try await store.checkStoredBox(b) == .mismatch(.boxDiffersFromLedger(ledger: original.box_hash, box: Digest.sha256Hex(forged))))
            let report = try await store.checkStoredBoxes(trustedKeys: key)
            #expect(report.checked == 2)
            #expect(report.mismatches.map(\.session) == [b])
            // only the signature replaced
            try await s.raw("UPDATE ballot_sessions SET box = \(bind: original.box), box_hash = \(bind: original.box_hash), box_signature = \(bind: sig) WHERE id = \(bind: b)").run()
            #expect(try await store.checkStoredBox(b) == .mismatch(.badSignature))
            // only the stored hash
            try await s.raw("UPDATE ballot_sessions SET box_signature = \(bind: original.box_signature), box_hash = \(bind: String(repeating: "0", count: 64)) WHERE id = \(bind: b)").run()
            #expect(try await store.checkStoredBox(b) == .mismatch(.storedHashDiffers(ledger: original.box_hash, stored: String(repeating: "0", count: 64))))
            try await s.raw("UPDATE ballot_sessions SET box_hash = \(bind: original.box_hash) WHERE id = \(bind: b)").run()
            #expect(try await store.checkStoredBox(b) == .ok)
            // not closed, unknown, and without its closing entry
            let draft = try await store.createBallotSession(unitCode: "county", box: BallotChecks.recommendationBox(), actor: "organizer")
            #expect(try await store.checkStoredBox(draft) == .mismatch(.notClosed))
            #expect(try await store.checkStoredBox(UUID()) == .mismatch(.sessionNotFound))
            #expect(BoxCheck.check(box: original.box, storedHash: original.box_hash, signature: original.box_signature, recorded: [], publicKeys: key)
                    == .mismatch(.noClosingEntry))
            #expect(BoxCheck.check(box: nil, storedHash: nil, signature: nil, recorded: [original.box_hash], publicKeys: key) == .mismatch(.boxMissing))
            _ = runtime
        }
    }
}

@Suite("Ledger anchoring on SQLite")
struct LedgerAnchoringSQLiteTests {
    let db = TestDatabase.sqlite
    @Test("LED-2 a checkpoint deleted at a multiple of N fails verification") func multiple() async throws { try await AnchoringChecks.missingMultiple(db) }
    @Test("LED-2 history edited or renumbered, chain recomputed and checkpoints deleted fails verification") func rewritten() async throws { try await AnchoringChecks.rewrittenHistory(db) }
    @Test("LED-2 a checkpoint deleted between two others fails verification by the time cadence") func middle() async throws { try await AnchoringChecks.deletedMiddleCheckpoint(db) }
    @Test("LED-2 a cut tail fails verification, behind a checkpoint with a copy kept elsewhere") func cut() async throws { try await AnchoringChecks.cutTail(db) }
    @Test("LED-2 checkpoints signed again with another key are refused given the instance key") func resigned() async throws { try await AnchoringChecks.reSigned(db) }
    @Test("LED-2 checkpoint copies and feeds are checked, one that does not match is named by its seq") func copies() async throws { try await AnchoringChecks.externalCopies(db) }
    @Test("LED-2 the head is signed before any entry is 10 minutes old while it moves, never at rest") func timer() async throws { try await AnchoringChecks.timer(db) }
    @Test("LED-2 a start signs what a stopped process left, but cannot cover a rewritten history") func start() async throws { try await AnchoringChecks.startAfterCrash(db) }
    @Test("LED-2 the demo seed ends with a checkpoint") func seed() async throws { try await AnchoringChecks.demoSeed(db) }
    @Test("LED-2 a closed session's stored box must match its closing entry and signature") func boxes() async throws { try await AnchoringChecks.storedBoxes(db) }
}

@Suite("Ledger anchoring on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct LedgerAnchoringPostgresTests {
    let db = TestDatabase.postgres
    @Test("LED-2 a checkpoint deleted at a multiple of N fails verification") func multiple() async throws { try await AnchoringChecks.missingMultiple(db) }
    @Test("LED-2 history edited or renumbered, chain recomputed and checkpoints deleted fails verification") func rewritten() async throws { try await AnchoringChecks.rewrittenHistory(db) }
    @Test("LED-2 a checkpoint deleted between two others fails verification by the time cadence") func middle() async throws { try await AnchoringChecks.deletedMiddleCheckpoint(db) }
    @Test("LED-2 a cut tail fails verification, behind a checkpoint with a copy kept elsewhere") func cut() async throws { try await AnchoringChecks.cutTail(db) }
    @Test("LED-2 checkpoints signed again with another key are refused given the instance key") func resigned() async throws { try await AnchoringChecks.reSigned(db) }
    @Test("LED-2 checkpoint copies and feeds are checked, one that does not match is named by its seq") func copies() async throws { try await AnchoringChecks.externalCopies(db) }
    @Test("LED-2 the head is signed before any entry is 10 minutes old while it moves, never at rest") func timer() async throws { try await AnchoringChecks.timer(db) }
    @Test("LED-2 a start signs what a stopped process left, but cannot cover a rewritten history") func start() async throws { try await AnchoringChecks.startAfterCrash(db) }
    @Test("LED-2 the demo seed ends with a checkpoint") func seed() async throws { try await AnchoringChecks.demoSeed(db) }
    @Test("LED-2 a closed session's stored box must match its closing entry and signature") func boxes() async throws { try await AnchoringChecks.storedBoxes(db) }
}
