import FluentKit
import Foundation
import SelectionCore
import SQLKit
import Testing
@testable import XuanrenStore
import XuanrenTestSupport

enum BallotChecks {
    static func seedUnit(_ store: Store) async throws {
        try await store.createUnit(code: "county", name: "县委", kind: "party-committee", parentCode: nil, actor: "t")
    }

    static func recommendationBox() -> BallotBox {
        var s = BallotSettings.Recommendation(categories: [VoterCategory(id: "leaders", weight: 0.4, entitled: 3),
                                                           VoterCategory(id: "staff", weight: 0.6, entitled: 4)])
        s.minTurnout = Fraction(1, 2)
        return BallotBox(title: "副局长民主推荐", settings: .weightedRecommendation(s),
                         candidates: [Candidate(id: "c1", name: "王明"), Candidate(id: "c2", name: "李华")], ballots: [])
    }

    /// BAL-9 secrecy: after voting, the raw tables hold no code, no voter, no time, nothing that orders the ballots.
    static func secrecy(_ db: TestDatabase) async throws {
        try await db.withStore { store, runtime in
            try await seedUnit(store)
            let id = try await store.createBallotSession(unitCode: "county", box: recommendationBox(), actor: "organizer")
            let leaders = try await store.issueCodes(session: id, category: "leaders", count: 3, actor: "organizer")
            let staff = try await store.issueCodes(session: id, category: "staff", count: 4, actor: "organizer")
            try await store.openBallotSession(id, actor: "organizer")
            var tracking: [String] = []
            for (i, code) in (leaders + staff).enumerated() {
                tracking.append(try await store.cast(session: id, code: code, ballot: .recommendation(category: "", ranking: i % 2 == 0 ? ["c1"] : ["c2", "c1"])))
            }
            let sql = store.db as! any SQLDatabase
            // the codes table holds only keyed hashes and categories
            struct CodeRow: Decodable { var code_hash: String; var category: String }
            let codes = try await sql.raw("SELECT * FROM voting_codes").all(decoding: CodeRow.self)
            #expect(codes.count == 7)
            for c in leaders + staff {
                #expect(!codes.contains { $0.code_hash.contains(c.canonical) })
            }
            // the sealed ballots: a random id, the session and ciphertext of one length — no other column, no content
            let columns = try await sql.raw("SELECT * FROM sealed_ballots").all()
            #expect(columns.count == 7)
            #expect(Set(columns[0].allColumns) == ["id", "session_id", "sealed"])
            struct SealedRow: Decodable { var id: String; var sealed: String }
            let rows = try await sql.raw("SELECT id, sealed FROM sealed_ballots").all(decoding: SealedRow.self)
            let all = (leaders + staff).map(\.canonical) + (leaders + staff).map(\.grouped)
            #expect(!rows.contains { r in all.contains { r.sealed.contains($0) } })
            #expect(Set(rows.map(\.sealed.count)).count == 1)
            #expect(!rows.contains { r in tracking.contains { r.sealed.contains($0) } })
            #expect(rows.map(\.id) == rows.map(\.id).sorted() || db == .postgres)
            // the ledger counts spent codes by category; no code, no content
            let entries = try await store.ledgerEntries(subjectType: "ballot_session", subjectID: id.uuidString, limit: 100)
            let spent = entries.filter { $0.action == "ballot.code.spent" }
            struct Spent: Decodable { var category: String; var count: Int }
            let decoded = spent.map { try! JSONDecoder().decode(Spent.self, from: Data($0.payload.utf8)) }
            #expect(decoded.reduce(0) { $0 + $1.count } == 7)
            #expect(spent.allSatisfy { $0.payload.hasPrefix("{\"category\":\"leaders\",\"count\":") || $0.payload.hasPrefix("{\"category\":\"staff\",\"count\":") })
            #expect(!entries.contains { e in all.contains { e.payload.contains($0) } || e.payload.contains("\"c1\"") })
            // closing: the box's hash goes to the ledger; the export counts the same as the server
            let result = try await store.closeBallotSession(id, actor: "organizer")
            #expect(result.cast == 7)
            let box = try await store.ballotBox(id)!
            let closeEntry = try await store.ledgerEntries(subjectType: "ballot_session", subjectID: id.uuidString, limit: 1).first!
            #expect(closeEntry.action == "ballot.session.closed")
            #expect(closeEntry.payload.contains(Digest.sha256Hex(box.box)))
            for t in tracking { #expect(box.box.contains(t)) }
            #expect(try BallotBoxReader.tally { MemoryByteSource(box.box) } == result)
            _ = runtime
        }
    }

    /// A code used twice, even at the same moment, gives exactly one ballot.
    static func doubleUse(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await seedUnit(store)
            let id = try await store.createBallotSession(unitCode: "county", box: recommendationBox(), actor: "organizer")
            let code = try await store.issueCodes(session: id, category: "staff", count: 1, actor: "organizer")[0]
            try await store.openBallotSession(id, actor: "organizer")
            let outcomes = await withTaskGroup(of: Result<String, VotingError>.self) { group in
                for _ in 0 ..< 12 {
                    group.addTask {
                        do { return .success(try await store.cast(session: id, code: code, ballot: .recommendation(category: "", ranking: ["c1"]))) }
                        catch let e as VotingError { return .failure(e) }
                        catch { return .failure(.unknownCode) }
                    }
                }
                var all: [Result<String, VotingError>] = []
                for await r in group { all.append(r) }
                return all
            }
            #expect(outcomes.filter { if case .success = $0 { return true }; return false }.count == 1)
            #expect(outcomes.filter { if case .failure(.codeAlreadyUsed) = $0 { return true }; return false }.count == 11)
            struct N: Decodable { var n: Int }
            #expect(try await (store.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM sealed_ballots").first(decoding: N.self)?.n == 1)
            // unknown code, a typo caught by the check symbol, invalid ballots, closed session
            var rng = SystemRandomNumberGenerator()
            await #expect(throws: VotingError.unknownCode) {
                try await store.cast(session: id, code: VotingCode.generate(using: &rng), ballot: .recommendation(category: "", ranking: []))
            }
            let other = try await store.issueCodes(session: id, category: "staff", count: 1, actor: "organizer")[0]
            await #expect(throws: VotingError.invalidBallot(.duplicateChoice)) {
                try await store.cast(session: id, code: other, ballot: .recommendation(category: "", ranking: ["c1", "c1"]))
            }
            // the refused ballot did not spend the code
            _ = try await store.cast(session: id, code: other, ballot: .recommendation(category: "", ranking: []))
            await #expect(throws: InvalidInput.self) {
                _ = try await store.issueCodes(session: id, category: "staff", count: 3, actor: "organizer")
            }
            try await store.closeBallotSession(id, actor: "organizer")
            await #expect(throws: VotingError.sessionNotOpen) {
                try await store.cast(session: id, code: other, ballot: .recommendation(category: "", ranking: []))
            }
        }
    }
}

extension BallotChecks {
    /// BAL-8: a party-group member's ballot counts three times: three identical ballots in the box.
    static func weightedVoters(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await seedUnit(store)
            var s = BallotSettings.Approval(members: 7)
            s.quorum = Fraction(1, 2)
            let box = BallotBox(title: "党组会议表决", settings: .approval(s), candidates: [Candidate(id: "c1", name: "王明")], ballots: [])
            let id = try await store.createBallotSession(unitCode: "county", box: box, actor: "organizer")
            let heavy = try await store.issueCodes(session: id, category: "members", count: 1, weight: 3, actor: "organizer")
            let plain = try await store.issueCodes(session: id, category: "members", count: 4, actor: "organizer")
            await #expect(throws: InvalidInput.self) {
                _ = try await store.issueCodes(session: id, category: "members", count: 1, actor: "organizer")
            }
            try await store.openBallotSession(id, actor: "organizer")
            let t = try await store.cast(session: id, code: heavy[0], ballot: .approval(votes: [(candidate: "c1", answer: "yes")]))
            _ = try await store.cast(session: id, code: plain[0], ballot: .approval(votes: [(candidate: "c1", answer: "no")]))
            #expect(try await store.ballotSession(id)?.turnout.first?.spent == 4)
            let r = try await store.closeBallotSession(id, actor: "organizer")
            #expect(r.cast == 4)
            if case .approval(let rows) = r.rows { #expect(rows[0].yes == 3 && rows[0].no == 1) } else { Issue.record("kind") }
            let text = try await store.ballotBox(id)!.box
            // each copy carries its own tracking code: the voter's appears once, and the three "yes" copies all differ
            #expect(text.components(separatedBy: t).count - 1 == 1)
            let trackings = text.components(separatedBy: "\"tracking\":\"").dropFirst().map { String($0.prefix(11)) }
            #expect(trackings.count == 4 && Set(trackings).count == 4)
        }
    }
}

extension BallotChecks {
    /// BAL-9: paper ballots entered twice, reconciled, and counted with the online ones in one box.
    static func paperBallots(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await seedUnit(store)
            let id = try await store.createBallotSession(unitCode: "county", box: recommendationBox(), actor: "organizer")
            let codes = try await store.issueCodes(session: id, category: "staff", count: 2, actor: "organizer")
            try await store.openBallotSession(id, actor: "organizer")
            _ = try await store.cast(session: id, code: codes[0], ballot: .recommendation(category: "", ranking: ["c2"]))
            let sheets: [Ballot] = [.recommendation(category: "leaders", ranking: ["c1"]),
                                    .recommendation(category: "leaders", ranking: ["c1", "c2"]),
                                    .recommendation(category: "staff", ranking: ["c1", "c1"])]   // marked twice: invalid, entered as is
            for (n, b) in sheets.enumerated() { try await store.enterPaperBallot(session: id, clerk: "clerk-a", sheet: n + 1, ballot: b) }
            for (n, b) in sheets.enumerated() where n != 1 { try await store.enterPaperBallot(session: id, clerk: "clerk-b", sheet: n + 1, ballot: b) }
            try await store.enterPaperBallot(session: id, clerk: "clerk-b", sheet: 2, ballot: .recommendation(category: "leaders", ranking: ["c2", "c1"]))
            let rec = try await store.paperReconciliation(session: id)
            #expect(rec.clerks == ["clerk-a", "clerk-b"])
            #expect(rec.mismatches.map(\.sheet) == [2])
            await #expect(throws: PaperError.notReconciled) { try await store.acceptPaperBallots(session: id, actor: "organizer") }
            // the live count follows the first clerk
            #expect(try await store.paperRunningCount(session: id, clerk: "clerk-a", by: .system())?.cast == 3)
            // clerk B corrects sheet 2 after checking the paper
            try await store.enterPaperBallot(session: id, clerk: "clerk-b", sheet: 2, ballot: sheets[1])
            #expect(try await store.paperReconciliation(session: id).isClean)
            #expect(try await store.acceptPaperBallots(session: id, actor: "organizer") == 3)
            let r = try await store.closeBallotSession(id, actor: "organizer")
            #expect(r.cast == 4)                                   // 1 online + 3 paper
            #expect(r.invalid.map(\.reason) == [.duplicateChoice])
            if case .recommendation(let rows, _) = r.rows { #expect(rows[0].mentions == 2 && rows[1].mentions == 2) }
            let paper = try await store.ledgerEntries(subjectType: "ballot_session", subjectID: id.uuidString, limit: 100).filter { $0.action == "ballot.paper.accepted" }
            #expect(paper.count == 1)
        }
    }
}

extension BallotChecks {
    /// BAL-4: the second round of a recommendation shows the first round's result to its voters.
    static func multiRound(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await seedUnit(store)
            let first = try await store.createBallotSession(unitCode: "county", box: recommendationBox(), actor: "organizer")
            await #expect(throws: InvalidInput.self) {
                _ = try await store.createBallotSession(unitCode: "county", box: recommendationBox(), previousRound: first, actor: "organizer")
            }
            let codes = try await store.issueCodes(session: first, category: "staff", count: 2, actor: "organizer")
            try await store.openBallotSession(first, actor: "organizer")
            for c in codes { _ = try await store.cast(session: first, code: c, ballot: .recommendation(category: "", ranking: ["c2"])) }
            let r1 = try await store.closeBallotSession(first, actor: "organizer")
            let second = try await store.createBallotSession(unitCode: "county", box: recommendationBox(), previousRound: first, actor: "organizer")
            let shown = try await store.previousRoundResult(second)
            #expect(shown?.result == r1)
            #expect(try await store.previousRoundResult(first) == nil)
        }
    }
}

@Suite("Ballot sessions on SQLite")
struct BallotSessionSQLiteTests {
    @Test("BAL-9 ballots are secret: no code, voter, time or order links a ballot to its voter") func secrecy() async throws { try await BallotChecks.secrecy(.sqlite) }
    @Test("BAL-9 a code votes once, even when used twice at the same moment") func doubleUse() async throws { try await BallotChecks.doubleUse(.sqlite) }
    @Test("BAL-8 a weighted voter's ballot counts as several identical ballots") func weighted() async throws { try await BallotChecks.weightedVoters(.sqlite) }
    @Test("BAL-9 paper ballots are entered twice, reconciled and counted with the online ones") func paper() async throws { try await BallotChecks.paperBallots(.sqlite) }
    @Test("BAL-4 the next round shows the previous round's result") func rounds() async throws { try await BallotChecks.multiRound(.sqlite) }
}

@Suite("Ballot sessions on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct BallotSessionPostgresTests {
    @Test("BAL-9 ballots are secret (PostgreSQL)") func secrecy() async throws { try await BallotChecks.secrecy(.postgres) }
    @Test("BAL-9 a code votes once, even when used twice at the same moment (PostgreSQL)") func doubleUse() async throws { try await BallotChecks.doubleUse(.postgres) }
    @Test("BAL-8 weighted voters (PostgreSQL)") func weighted() async throws { try await BallotChecks.weightedVoters(.postgres) }
    @Test("BAL-9 paper ballots, double entry (PostgreSQL)") func paper() async throws { try await BallotChecks.paperBallots(.postgres) }
    @Test("BAL-4 multi-round (PostgreSQL)") func rounds() async throws { try await BallotChecks.multiRound(.postgres) }
}
