import Foundation
import Testing
import Vapor
import VaporTesting
@testable import XuanrenStore
import XuanrenTestSupport
import XuanrenWeb

/// `serve`'s side of anchoring (LED-2) and the public feed of checkpoints.
enum AnchoringWebChecks {
    /// `/ledger/checkpoints.atom`: every checkpoint, newest first, to anyone, each entry the checkpoint's JSON.
    static func feed(_ db: TestDatabase) async throws {
        try await withXuanren(db) { app in
            let store = app.xuanrenStore
            try await store.checkpointNow(actor: "admin", reason: .manual)
            let all = try await store.allCheckpoints()
            #expect(all.count == 2)   // the demo seed's, and this one
            let b = Browser(app)
            let res = try await b.get("/ledger/checkpoints.atom")
            #expect(res.status == .ok)
            #expect(res.headers.contentType?.subType == "atom+xml")
            let body = res.body.string
            #expect(body.hasPrefix("<?xml"))
            #expect(body.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"))
            let parsed = try CheckpointFeed.parse(Data(body.utf8))
            #expect(parsed == all)
            #expect(parsed.map(\.seq) == all.map(\.seq).sorted(by: >))
            // the same checkpoint as /ledger/checkpoint.json
            let json = try await b.get("/ledger/checkpoint.json").body.string
            #expect(try Checkpoint.parse(json: Data(json.utf8)) == parsed[0])
            #expect(try await b.get("/ledger").body.string.contains("/ledger/checkpoints.atom"))
            // nothing else is public for it: the route declares its access like every other
            #expect(app.routes.all.contains { $0.path.map(\.description) == ["ledger", "checkpoints.atom"] })
        }
    }

    /// A server starting on an unsigned head signs it; while running it signs the moving head on time; at shutdown
    /// it signs what is left. Time is a `ManualClock`, so nothing waits ten minutes.
    static func serveLifecycle(_ db: TestDatabase) async throws {
        try await db.withFreshLocation { location in
            let keyPath = FileManager.default.temporaryDirectory.appendingPathComponent("xr-key-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: keyPath) }
            let clock = ManualClock(start: Date(timeIntervalSince1970: 1_780_000_000))
            let key = try InstanceKey.loadOrCreate(path: keyPath)
            // a process that stopped without signing (killed) left two entries
            let before = try StoreRuntime(location: location)
            try await before.migrate()
            let old = before.store(key: key, clock: clock)
            for i in 1 ... 2 {
                _ = try await old.write { tx in try await tx.record(LedgerEvent(actor: "t", action: TestLedgerAction.step, subjectType: "thing", subjectID: "\(i)")) }
            }
            await before.shutdown()
            await clock.advance(by: 3600)

            var settings = AppSettings(database: location, keyPath: keyPath)
            settings.bcryptCost = 4
            settings.rootDirectory = repositoryRoot
            settings.clock = clock
            settings.checkpointSeconds = 600
            let app = try await Application.make(.testing)
            do {
                try await XuanrenApp.configure(app, settings: settings)
                let store = app.xuanrenStore
                let start = try await XuanrenApp.anchorLedger(app)
                #expect(start?.seq == 3)
                #expect(await clock.waitForSleepers(1))
                try await store.createUnit(code: "county", name: "县委", kind: "party-committee", parentCode: nil, actor: "t")
                var minutes = 0
                while try await store.unsignedTail().count > 0, minutes < 20 { await clock.advance(by: 60); minutes += 1 }
                #expect(minutes == 9)
                try await store.createUnit(code: "edu", name: "教育局", kind: "bureau", parentCode: "county", actor: "t")
                #expect(try await store.unsignedTail().count == 1)
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()   // what SIGTERM/SIGINT lead to in serve

            let after = try StoreRuntime(location: location)
            let store = after.store(key: key, clock: clock)
            let tail = try await store.unsignedTail()
            let reasons = try await store.ledgerEntries(limit: 100).filter { $0.action == "ledger.checkpoint" }.map(\.payload).reversed()
            let report = try await LedgerVerifier().verify(store.db, location: location, trustedKeys: [key.publicKeyHex],
                                                           anchoring: AnchorPolicy(every: 1000, seconds: 600), now: clock.now)
            await after.shutdown()
            #expect(tail.count == 0)
            // the start is recorded in the ledger; the cadence and shutdown sign the head as it is
            #expect(Array(reasons) == [#"{"reason":"start"}"#])
            #expect(report.intact)
            #expect(report.checkpointsChecked == 3)
        }
    }
}

@Suite("Ledger anchoring in the web app (SQLite)")
struct LedgerAnchoringWebSQLiteTests {
    @Test("LED-2 /ledger/checkpoints.atom publishes every checkpoint, newest first, to anyone") func feed() async throws { try await AnchoringWebChecks.feed(.sqlite) }
    @Test("LED-2 serve signs an unsigned head at start, the moving head within 10 minutes, and at shutdown") func lifecycle() async throws { try await AnchoringWebChecks.serveLifecycle(.sqlite) }
}

@Suite("Ledger anchoring in the web app (PostgreSQL)", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct LedgerAnchoringWebPostgresTests {
    @Test("LED-2 /ledger/checkpoints.atom publishes every checkpoint, newest first, to anyone") func feed() async throws { try await AnchoringWebChecks.feed(.postgres) }
    @Test("LED-2 serve signs an unsigned head at start, the moving head within 10 minutes, and at shutdown") func lifecycle() async throws { try await AnchoringWebChecks.serveLifecycle(.postgres) }
}
