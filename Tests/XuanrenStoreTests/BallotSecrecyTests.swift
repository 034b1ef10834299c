@preconcurrency import Crypto
import FluentKit
import Foundation
import SelectionCore
import SQLKit
import Testing
@testable import XuanrenStore
import XuanrenTestSupport

/// BAL-9 secrecy against whoever reads the database: ballots are sealed until k custodians open them, and after
/// closing nothing the database keeps (any column, system column, row or page order, WAL bytes, ledger entry)
/// links a ballot to a code, a time or the order of casting.
enum SecrecyChecks {
    static let markers = (1 ... 8).map { String(format: "ZQXMARK%02d", $0) }

    /// An election where each voter writes in a different marker name, cast one at a time with pauses.
    static func castMarkers(_ store: Store) async throws -> (UUID, [String]) {
        try await BallotChecks.seedUnit(store)
        var s = BallotSettings.Election(entitled: markers.count)
        s.seats = 1
        let box = BallotBox(title: "直接选举", settings: .election(s), candidates: [Candidate(id: "c1", name: "王明")], ballots: [])
        let id = try await store.createBallotSession(unitCode: "county", box: box, actor: "organizer")
        let codes = try await store.issueCodes(session: id, category: "voters", count: markers.count, actor: "organizer")
        try await store.openBallotSession(id, actor: "organizer")
        var tracking: [String] = []
        for (code, marker) in zip(codes, markers) {
            tracking.append(try await store.cast(session: id, code: code, ballot: .election(choices: [marker])))
            try await Task.sleep(for: .milliseconds(15))
        }
        return (id, tracking)
    }

    /// Every row of every table as text, with PostgreSQL's system columns; on SQLite the raw bytes of the files.
    static func everything(_ store: Store, _ runtime: StoreRuntime) async throws -> String {
        let sql = store.db as! any SQLDatabase
        switch runtime.location {
        case .sqlite(let path):
            var out = ""
            for suffix in ["", "-wal", "-journal", "-shm"] {
                if let d = FileManager.default.contents(atPath: path + suffix) { out += String(decoding: d, as: UTF8.self) }
            }
            return out
        case .postgres:
            struct T: Decodable { var table_name: String }
            struct R: Decodable { var xmin: String; var xmax: String; var ctid: String; var row: String }
            var out = ""
            for t in try await sql.raw("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()").all(decoding: T.self) {
                for r in try await sql.raw("SELECT xmin::text AS xmin, xmax::text AS xmax, ctid::text AS ctid, t::text AS row FROM \(ident: t.table_name) t").all(decoding: R.self) {
                    out += "\(t.table_name) \(r.xmin) \(r.xmax) \(r.ctid) \(r.row)\n"
                }
            }
            return out
        }
    }

    static func occurrences(_ needle: String, in hay: String) -> Int { hay.components(separatedBy: needle).count - 1 }

    /// During voting: a copy of the database files (and the instance key) shows no ballot content, and the
    /// session's private key is nowhere in it.
    static func sealedWhileVoting(_ db: TestDatabase) async throws {
        try await db.withStore { store, runtime in
            let (id, _) = try await castMarkers(store)
            let dump = try await everything(store, runtime) + store.ledger.key.privateKey.rawRepresentation.base64EncodedString()
            for m in markers { #expect(occurrences(m, in: dump) == 0, "ballot content readable while voting: \(m)") }
            // the key that opens the ballots exists only when two custodians bring their shares
            let shares = try await store.custodianShares(session: id, confirmations: TestCustodians.confirmations(), hasher: PlainHasher())
            let key = try SecretSharing.combine(shares, threshold: 2)
            for form in [Hex.encode(key), Data(key).base64EncodedString()] { #expect(!dump.contains(form)) }
            if case .sqlite(let path) = runtime.location, let raw = FileManager.default.contents(atPath: path) {
                #expect(raw.range(of: Data(key)) == nil)
            }
            // every sealed ballot has the same length
            struct S: Decodable { var sealed: String }
            let sealed = try await (store.db as! any SQLDatabase).raw("SELECT sealed FROM sealed_ballots").all(decoding: S.self)
            #expect(sealed.count == markers.count && Set(sealed.map(\.sealed.count)).count == 1)
        }
    }

    /// After closing: each ballot is in the box once, the box order is not the casting order, and nothing else
    /// in the database holds ballot content, a spent code or a sealed ballot.
    static func nothingLeftToJoin(_ db: TestDatabase) async throws {
        try await db.withStore { store, runtime in
            let (id, tracking) = try await castMarkers(store)
            let result = try await store.closeBallotSession(id, actor: "organizer")
            #expect(result.cast == markers.count)
            let box = try #require(try await store.ballotBox(id)?.box)
            // the published order is a shuffle, not the casting order (chance of a false alarm: 2 in 8!)
            let order = markers.sorted { box.range(of: $0)!.lowerBound < box.range(of: $1)!.lowerBound }
            #expect(order != markers && order != markers.reversed())
            for t in tracking { #expect(occurrences(t, in: box) == 1) }
            let sql = store.db as! any SQLDatabase
            struct N: Decodable { var n: Int }
            for table in ["sealed_ballots", "ballot_seal_contexts", "voting_codes", "ballots", "paper_entries"] {
                #expect(try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first(decoding: N.self)?.n == 0, "\(table) not emptied")
            }
            #expect(try await sql.raw("SELECT COUNT(*) AS n FROM ballot_custodians WHERE sealed_share IS NOT NULL").first(decoding: N.self)?.n == 0)
            // turnout survives as counts
            #expect(try await store.ballotSession(id)?.turnout.first?.spent == markers.count)
            let dump = try await everything(store, runtime)
            for m in markers {
                // once: inside the stored box, nowhere else (no deleted cell, no WAL frame, no dead row version)
                #expect(occurrences(m, in: dump) == 1, "\(m) appears \(occurrences(m, in: dump)) times")
            }
            if case .sqlite(let path) = runtime.location {
                let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
                #expect(wal == 0, "the WAL still holds \(wal) bytes")
                // the raw file holds the markers in the published (shuffled) order
                let raw = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
                #expect(markers.sorted { raw.range(of: $0)!.lowerBound < raw.range(of: $1)!.lowerBound } == order)
            }
            // (PostgreSQL: the closing vacuums the touched tables; dead row versions that other transactions still
            // pin until a later vacuum hold only ciphertext under the forgotten session key and the erased shares)
            // the ledger: counts per category and the box hash, never content, codes or a casting order
            let entries = try await store.ledgerEntries(subjectType: "ballot_session", subjectID: id.uuidString, limit: 200)
            for e in entries {
                #expect(!markers.contains { e.payload.contains($0) })
                #expect(!tracking.contains { e.payload.contains($0) })
            }
            #expect(entries.filter { $0.action == "ballot.code.spent" }.allSatisfy { $0.payload.hasPrefix("{\"category\":\"voters\",\"count\":") })
            let closed = try #require(entries.first { $0.action == "ballot.session.closed" })
            #expect(closed.payload.contains("\"custodians\":[\"cust-a\",\"cust-b\"]"))
        }
    }

    /// Closing needs k custodians with their own passwords; wrong passwords count as failed sign-ins.
    static func custodiansNeeded(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            let (id, _) = try await castMarkers(store)
            let system = ActingUser.system("organizer")
            await #expect(throws: BallotSessionError.notEnoughCustodians(needed: 2, confirmed: 1)) {
                try await store.closeBallotSession(id, custodians: TestCustodians.confirmations(["cust-a"]), by: system, hasher: PlainHasher())
            }
            await #expect(throws: BallotSessionError.notACustodian("organizer")) {
                try await store.closeBallotSession(id, custodians: TestCustodians.confirmations(["cust-a", "organizer"]), by: system, hasher: PlainHasher())
            }
            let wrong = [CustodianConfirmation(username: "cust-a", password: TestCustodians.password),
                         CustodianConfirmation(username: "cust-b", password: "not-the-password")]
            await #expect(throws: CustodianError.wrongPassword("cust-b")) {
                try await store.closeBallotSession(id, custodians: wrong, by: system, hasher: PlainHasher())
            }
            struct F: Decodable { var failed_logins: Int }
            let failures = try await (store.db as! any SQLDatabase).raw("SELECT failed_logins FROM accounts WHERE username = 'cust-b'").first(decoding: F.self)
            #expect(failures?.failed_logins == 1)
            // the messages say what is missing, in both languages
            #expect(BallotSessionError.notEnoughCustodians(needed: 2, confirmed: 1).message(in: .zhHans).contains("2名监票人"))
            #expect(BallotSessionError.notEnoughCustodians(needed: 2, confirmed: 1).message(in: .en).contains("nobody can open"))
            #expect(try await store.ballotSession(id)?.status == .open)
            try await store.closeBallotSession(id, custodians: TestCustodians.confirmations(["cust-c", "cust-b"]), by: system, hasher: PlainHasher())
            #expect(try await store.ballotSession(id)?.status == .closed)
        }
    }

    /// A custodian whose password an administrator reset has lost their share; the other custodians suffice.
    /// A custodian who changes their own password keeps theirs.
    static func lostPassword(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            let (id, _) = try await castMarkers(store)
            try await store.setPassword(username: "cust-a", newPassword: "Reset-by-admin-77", mustChange: true, actor: "admin", hasher: PlainHasher())
            let cust = try #require(try await store.account(username: "cust-b"))
            try await store.changeOwnPassword(accountID: cust.id, current: TestCustodians.password, new: "Changed-by-me-88", confirm: "Changed-by-me-88", hasher: PlainHasher())
            let system = ActingUser.system("organizer")
            await #expect(throws: CustodianError.keyLost("cust-a")) {
                try await store.closeBallotSession(id, custodians: [CustodianConfirmation(username: "cust-a", password: "Reset-by-admin-77"),
                                                                    CustodianConfirmation(username: "cust-c", password: TestCustodians.password)],
                                                   by: system, hasher: PlainHasher())
            }
            let r = try await store.closeBallotSession(id, custodians: [CustodianConfirmation(username: "cust-b", password: "Changed-by-me-88"),
                                                                        CustodianConfirmation(username: "cust-c", password: TestCustodians.password)],
                                                       by: system, hasher: PlainHasher())
            #expect(r.cast == markers.count)
        }
    }

    /// A closing that fails half-way (here: a tampered sealing context) changes nothing; once repaired, the same
    /// session closes with every ballot.
    static func failedClosingLosesNothing(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            let (id, _) = try await castMarkers(store)
            let sql = store.db as! any SQLDatabase
            struct C: Decodable { var id: String; var encapsulated: String }
            let ctx = try #require(try await sql.raw("SELECT id, encapsulated FROM ballot_seal_contexts").first(decoding: C.self))
            let other = try BallotSeal.newContext(session: id, publicKey: Curve25519.KeyAgreement.PrivateKey().publicKey)
            try await sql.raw("UPDATE ballot_seal_contexts SET encapsulated = \(bind: other.encapsulated.base64EncodedString())").run()
            await #expect(throws: (any Error).self) { try await store.closeBallotSession(id, actor: "organizer") }
            struct N: Decodable { var n: Int }
            #expect(try await store.ballotSession(id)?.status == .open)
            #expect(try await sql.raw("SELECT COUNT(*) AS n FROM sealed_ballots").first(decoding: N.self)?.n == markers.count)
            #expect(try await sql.raw("SELECT COUNT(*) AS n FROM ballot_custodians WHERE sealed_share IS NOT NULL").first(decoding: N.self)?.n == 3)
            try await sql.raw("UPDATE ballot_seal_contexts SET encapsulated = \(bind: ctx.encapsulated)").run()
            #expect(try await store.closeBallotSession(id, actor: "organizer").cast == markers.count)
        }
    }

    /// Ballot sessions are limited to the units of the acting user's grants (deny by default).
    static func crossUnit(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await store.createUnit(code: "county", name: "县委", kind: "party-committee", parentCode: nil, actor: "t")
            try await store.createUnit(code: "org", name: "县委组织部", kind: "organization", parentCode: "county", actor: "t")
            try await store.createUnit(code: "edu", name: "县教育局", kind: "bureau", parentCode: "county", actor: "t")
            try await store.createUnit(code: "fin", name: "县财政局", kind: "bureau", parentCode: "county", actor: "t")
            func user(_ name: String, _ role: String, _ unit: String) async throws -> ActingUser {
                try await store.createAccount(username: name, displayName: name, password: "Password-2026-x", mustChangePassword: false, actor: "t", hasher: PlainHasher())
                try await store.grant(username: name, role: role, unitCode: unit, actor: "t")
                return ActingUser(try #require(try await store.account(username: name)))
            }
            let eduOrganizer = try await user("eduorg", "organizer", "edu")
            let finOrganizer = try await user("finorg", "organizer", "fin")
            let countyOrganizer = try await user("zuzhi", "organizer", "org")
            let eduClerk = try await user("educlerk", "clerk", "edu")
            let finClerk = try await user("finclerk", "clerk", "fin")
            try await TestCustodians.ensure(store)
            var s = BallotSettings.Approval(members: 5)
            s.quorum = Fraction(1, 2)
            let box = BallotBox(title: "财政局表决", settings: .approval(s), candidates: [Candidate(id: "c1", name: "王明")], ballots: [])
            await #expect(throws: NotPermitted.self) {
                try await store.createBallotSession(unitCode: "fin", box: box, disclosure: .supervision, custodians: TestCustodians.plan, by: eduOrganizer)
            }
            let id = try await store.createBallotSession(unitCode: "fin", box: box, disclosure: .supervision, custodians: TestCustodians.plan, by: finOrganizer)
            await #expect(throws: NotPermitted.self) { _ = try await store.issueCodes(session: id, category: "members", count: 2, by: eduOrganizer) }
            _ = try await store.issueCodes(session: id, category: "members", count: 2, by: finOrganizer)
            await #expect(throws: NotPermitted.self) { try await store.openBallotSession(id, by: eduOrganizer) }
            try await store.openBallotSession(id, by: countyOrganizer)   // the organization department covers the county
            #expect(try await store.ballotSessions(visibleTo: eduOrganizer).isEmpty)
            #expect(try await store.ballotSessions(visibleTo: finOrganizer).map(\.id) == [id])
            await #expect(throws: NotPermitted.self) { _ = try await store.ballotSession(id, for: eduOrganizer) }
            let paper = Ballot.approval(votes: [(candidate: "c1", answer: "yes")])
            await #expect(throws: NotPermitted.self) { try await store.enterPaperBallot(session: id, sheet: 1, ballot: paper, by: eduClerk) }
            await #expect(throws: NotPermitted.self) { _ = try await store.paperReconciliation(session: id, by: eduClerk) }
            await #expect(throws: NotPermitted.self) { _ = try await store.paperRunningCount(session: id, clerk: "finclerk", by: eduClerk) }
            try await store.enterPaperBallot(session: id, sheet: 1, ballot: paper, by: finClerk)
            await #expect(throws: NotPermitted.self) { try await store.acceptPaperBallots(session: id, by: eduOrganizer) }
            await #expect(throws: NotPermitted.self) {
                try await store.closeBallotSession(id, custodians: TestCustodians.confirmations(), by: eduOrganizer, hasher: PlainHasher())
            }
            // nothing was written by the refused attempts
            let entries = try await store.ledgerEntries(subjectType: "ballot_session", subjectID: id.uuidString, limit: 100)
            #expect(!entries.contains { $0.actor == "eduorg" || $0.actor == "educlerk" })
        }
    }
}

extension SecrecyChecks {
    /// Whoever knew an earlier password and kept an older copy of the database cannot open shares sealed after the
    /// custodian changed it: every change makes a new key pair (an own change re-seals the shares already held).
    static func oldPasswordOpensNothingNew(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await BallotChecks.seedUnit(store)
            try await TestCustodians.ensure(store)
            let acc = try #require(try await store.account(username: "cust-a"))
            struct W: Decodable { var wrapped: String }
            let sql = store.db as! any SQLDatabase
            let oldCopy = try #require(try await sql.raw("SELECT wrapped FROM custodian_keys WHERE account_id = \(bind: acc.id.uuidString)").first(decoding: W.self))
            try await store.changeOwnPassword(accountID: acc.id, current: TestCustodians.password, new: "Brand-new-pass-31", confirm: "Brand-new-pass-31", hasher: PlainHasher())
            var s = BallotSettings.Approval(members: 3)
            s.quorum = Fraction(1, 3)
            let id = try await store.createBallotSession(unitCode: "county", box: BallotBox(title: "表决", settings: .approval(s), candidates: [Candidate(id: "c1", name: "王明")], ballots: []), actor: "organizer")
            struct S: Decodable { var sealed_share: String }
            let share = try #require(try await sql.raw("SELECT sealed_share FROM ballot_custodians WHERE username = 'cust-a' AND session_id = \(bind: id.uuidString)").first(decoding: S.self))
            let oldKey = try #require(try BallotSeal.unwrap(oldCopy.wrapped, password: TestCustodians.password))
            #expect(try BallotSeal.openShare(share.sealed_share, with: oldKey, session: id, custodian: "cust-a") == nil)
        }
    }

    /// A sealed ballot added to (or removed from) the database during voting, or a changed candidate list, stops
    /// the opening: the database must match what the ledger recorded.
    static func tamperingStopsTheOpening(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            let (id, _) = try await castMarkers(store)
            let sql = store.db as! any SQLDatabase
            struct S: Decodable { var id: String; var sealed: String }
            let one = try #require(try await sql.raw("SELECT id, sealed FROM sealed_ballots LIMIT 1").first(decoding: S.self))
            // a copy of a sealed ballot under a new id: one ballot more than the ledger counted
            try await sql.raw("INSERT INTO sealed_ballots (id, session_id, sealed) VALUES (\(bind: UUID().uuidString), \(bind: id.uuidString), \(bind: one.sealed))").run()
            await #expect(throws: BallotSessionError.recordMismatch(sealed: markers.count + 1, recorded: markers.count)) {
                try await store.closeBallotSession(id, actor: "organizer")
            }
            // a ballot sealed by someone else to the session's public key, in place of a real one: the counts match,
            // but it was not sealed by this server (no valid MAC under the instance key)
            try await sql.raw("DELETE FROM sealed_ballots WHERE id = \(bind: one.id)").run()
            let header = try #require(try await store.votingHeader(id))
            let forger = try BallotSeal.newContext(session: id, publicKey: try #require(header.seal))
            try await sql.raw("INSERT INTO ballot_seal_contexts (id, session_id, encapsulated) VALUES (\(bind: forger.id.uuidString), \(bind: id.uuidString), \(bind: forger.encapsulated.base64EncodedString()))").run()
            let forged = try BallotSeal.seal(BallotPadding.pad(Ballot.election(choices: ["FORGED"]).json(), to: header.padLength)!, context: forger, session: id,
                                             macKey: SymmetricKey(size: .bits256))
            try await sql.raw("DELETE FROM sealed_ballots WHERE session_id = \(bind: id.uuidString) AND sealed = \(bind: one.sealed)").run()
            try await sql.raw("INSERT INTO sealed_ballots (id, session_id, sealed) VALUES (\(bind: UUID().uuidString), \(bind: id.uuidString), \(bind: forged))").run()
            await #expect(throws: BallotSessionError.foreignBallot) { try await store.closeBallotSession(id, actor: "organizer") }
            try await sql.raw("DELETE FROM sealed_ballots WHERE sealed = \(bind: forged)").run()
            try await sql.raw("INSERT INTO sealed_ballots (id, session_id, sealed) VALUES (\(bind: one.id), \(bind: id.uuidString), \(bind: one.sealed))").run()
            try await sql.raw("UPDATE ballot_sessions SET template = replace(template, '王明', '王名')").run()
            await #expect(throws: BallotSessionError.templateChanged) { try await store.closeBallotSession(id, actor: "organizer") }
            #expect(try await store.ballotSession(id)?.status == .open)
            try await sql.raw("UPDATE ballot_sessions SET template = replace(template, '王名', '王明')").run()
            #expect(try await store.closeBallotSession(id, actor: "organizer").cast == markers.count)
        }
    }
}

extension SecrecyChecks {
    /// BAL-9 a stray paper entry (a third account, a wrong pile) blocks closing until an organizer discards it.
    static func strayPaperEntries(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            let (id, _) = try await castMarkers(store)
            try await store.enterPaperBallot(session: id, clerk: "stray", sheet: 1, ballot: .election(choices: ["c1"]))
            await #expect(throws: BallotSessionError.pendingPaperEntries) { try await store.closeBallotSession(id, actor: "organizer") }
            #expect(try await store.discardPaperEntries(session: id, clerk: "stray", by: .system("organizer")) == 1)
            await #expect(throws: InvalidInput.self) { try await store.discardPaperEntries(session: id, clerk: "stray", by: .system("organizer")) }
            let entries = try await store.ledgerEntries(subjectType: "ballot_session", subjectID: id.uuidString, limit: 100)
            #expect(entries.contains { $0.action == "ballot.paper.discarded" && $0.payload.contains("\"sheets\":1") })
            #expect(try await store.closeBallotSession(id, actor: "organizer").cast == markers.count)
        }
    }
}

@Suite("Ballot secrecy on SQLite")
struct BallotSecrecySQLiteTests {
    @Test("BAL-9 sealed until closing: a copy of the database files and the instance key shows no ballot and holds no opening key")
    func sealed() async throws { try await SecrecyChecks.sealedWhileVoting(.sqlite) }
    @Test("BAL-9 after closing nothing joins a ballot to a code, a time or the casting order (every table, the raw file and WAL bytes)")
    func nothingLeft() async throws { try await SecrecyChecks.nothingLeftToJoin(.sqlite) }
    @Test("BAL-9 closing needs k custodians with their own passwords; k−1 or a wrong password is refused and counted")
    func custodians() async throws { try await SecrecyChecks.custodiansNeeded(.sqlite) }
    @Test("BAL-9 a custodian who lost their password: the remaining custodians suffice when k < n")
    func lost() async throws { try await SecrecyChecks.lostPassword(.sqlite) }
    @Test("BAL-9 a closing that fails half-way loses nothing and the session can be closed again")
    func failed() async throws { try await SecrecyChecks.failedClosingLosesNothing(.sqlite) }
    @Test("BAL scope: an organizer or clerk of another unit can neither see nor change a unit's ballot session")
    func scope() async throws { try await SecrecyChecks.crossUnit(.sqlite) }
    @Test("BAL-9 an earlier password and an older database copy open no share sealed after the custodian changed it")
    func oldPassword() async throws { try await SecrecyChecks.oldPasswordOpensNothingNew(.sqlite) }
    @Test("BAL-9 LED-2 a sealed ballot added during voting or a changed candidate list stops the opening")
    func tampering() async throws { try await SecrecyChecks.tamperingStopsTheOpening(.sqlite) }
    @Test("BAL-9 a stray paper entry blocks closing until an organizer discards it (recorded in the ledger)")
    func strayPaper() async throws { try await SecrecyChecks.strayPaperEntries(.sqlite) }
}

@Suite("Ballot secrecy on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct BallotSecrecyPostgresTests {
    @Test("BAL-9 sealed until closing (PostgreSQL: every row with xmin, xmax, ctid)")
    func sealed() async throws { try await SecrecyChecks.sealedWhileVoting(.postgres) }
    @Test("BAL-9 after closing nothing joins a ballot to a code, a time or the casting order (PostgreSQL, vacuumed)")
    func nothingLeft() async throws { try await SecrecyChecks.nothingLeftToJoin(.postgres) }
    @Test("BAL-9 closing needs k custodians (PostgreSQL)")
    func custodians() async throws { try await SecrecyChecks.custodiansNeeded(.postgres) }
    @Test("BAL-9 a failed closing loses nothing (PostgreSQL)")
    func failed() async throws { try await SecrecyChecks.failedClosingLosesNothing(.postgres) }
    @Test("BAL scope across units (PostgreSQL)")
    func scope() async throws { try await SecrecyChecks.crossUnit(.postgres) }
    @Test("BAL-9 LED-2 tampering during voting stops the opening (PostgreSQL)")
    func tampering() async throws { try await SecrecyChecks.tamperingStopsTheOpening(.postgres) }
}

@Suite("Ballot boxes against the ledger")
struct BoxTamperTests {
    @Test("LED-2 a stored box edited after closing is refused on every page that reads it")
    func editedBoxRefused() async throws {
        try await TestDatabase.sqlite.withStore { store, _ in
            let (id, _) = try await SecrecyChecks.castMarkers(store)
            try await store.closeBallotSession(id, actor: "organizer")
            #expect(try await store.ballotResult(id)?.cast == SecrecyChecks.markers.count)
            let sql = store.db as! any SQLDatabase
            try await sql.raw("UPDATE ballot_sessions SET box = replace(box, 'ZQXMARK01', 'ZQXMARK02')").run()
            await #expect(throws: BoxTampered.self) { _ = try await store.ballotResult(id) }
            await #expect(throws: BoxTampered.self) { _ = try await store.ballotBox(id) }
        }
    }
}
