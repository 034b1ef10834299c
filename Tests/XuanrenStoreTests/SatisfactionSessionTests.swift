import Foundation
import SelectionCore
import Testing
@testable import XuanrenStore
import XuanrenTestSupport

enum SatisfactionSessionCase {
    /// BAL-7: a survey with the satisfaction answers, voted online and on paper; the box the store signs at closing
    /// says `"answers": "satisfaction"` and `xuanren tally` of it gives exactly the store's result.
    static func roundTrip(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await BallotChecks.seedUnit(store)
            var s = BallotSettings.Approval(members: 8)
            s.answers = .satisfaction
            s.quorum = Fraction(1, 2)
            let candidates = [Candidate(id: "c1", name: "选人用人工作总体评价"), Candidate(id: "c2", name: "新提拔干部王明"), Candidate(id: "c3", name: "新提拔干部李华")]
            let id = try await store.createBallotSession(unitCode: "county", box: BallotBox(title: "一报告两评议满意度测评", settings: .approval(s), candidates: candidates, ballots: []),
                                                         actor: "organizer")
            let codes = try await store.issueCodes(session: id, category: "members", count: 6, actor: "organizer")
            try await store.openBallotSession(id, actor: "organizer")
            // an answer outside the four is refused before the code is spent
            await #expect(throws: VotingError.invalidBallot(.unknownAnswer)) {
                _ = try await store.cast(session: id, code: codes[0], ballot: .approval(votes: [(candidate: "c1", answer: "yes")]))
            }
            let online: [[(String, String)]] = [
                [("c1", "satisfied"), ("c2", "dissatisfied"), ("c3", "dissatisfied")],   // the longest answers fit the sealed length
                [("c1", "satisfied"), ("c2", "basic"), ("c3", "dissatisfied")],
                [("c1", "basic"), ("c2", "dissatisfied")],                               // c3 left out: 不了解
                [("c1", "unknown"), ("c2", "satisfied"), ("c3", "satisfied")],
                [("c1", "satisfied"), ("c2", "dissatisfied"), ("c3", "basic")],
            ]
            for (code, votes) in zip(codes, online) {
                _ = try await store.cast(session: id, code: code, ballot: .approval(votes: votes.map { (candidate: $0.0, answer: $0.1) }))
            }
            // paper ballots as marked: one clear, one unclear (invalid), entered alike by two clerks
            let sheets: [Ballot] = [.approval(votes: [(candidate: "c1", answer: "satisfied"), (candidate: "c2", answer: "dissatisfied"), (candidate: "c3", answer: "unknown")]),
                                    .approval(votes: [(candidate: "c1", answer: "unclear"), (candidate: "c2", answer: "basic"), (candidate: "c3", answer: "basic")])]
            for clerk in ["clerk-a", "clerk-b"] {
                for (n, b) in sheets.enumerated() { try await store.enterPaperBallot(session: id, clerk: clerk, sheet: n + 1, ballot: b) }
            }
            #expect(try await store.acceptPaperBallots(session: id, actor: "organizer") == 2)
            let result = try await store.closeBallotSession(id, actor: "organizer")
            #expect(result.cast == 7 && result.valid == 6 && result.invalid.map(\.reason) == [.unknownAnswer])
            guard case .satisfaction(let rows) = result.rows else { Issue.record("not a satisfaction result"); return }
            #expect(rows.map(\.candidate) == ["c1", "c2", "c3"])
            #expect((rows[0].satisfied, rows[0].basic, rows[0].dissatisfied, rows[0].unknown) == (4, 1, 0, 1))
            #expect((rows[1].satisfied, rows[1].basic, rows[1].dissatisfied, rows[1].unknown) == (1, 1, 4, 0))
            #expect((rows[2].satisfied, rows[2].basic, rows[2].dissatisfied, rows[2].unknown) == (1, 1, 2, 2))
            #expect(rows.map(\.admonish) == [false, true, false])   // c3: 2 of 6 is exactly 1/3
            #expect(rows.map(\.demote) == [false, true, false])     // c2: 4 of 6 > 1/2
            // the signed box: the extension's settings, and the same result when counted again from the file
            let text = try #require(try await store.ballotBox(id)).box
            #expect(text.contains(#""answers":"satisfaction","admonishShare":{"num":1,"den":3},"demoteShare":{"num":1,"den":2}"#))
            #expect(!text.contains("threshold"))
            let recount = try BallotBoxReader.tally { MemoryByteSource(text) }
            #expect(recount == result)
            #expect(recount.json() == result.json())
            #expect(try await store.ballotResult(id) == result)
        }
    }
}

@Suite("Satisfaction sessions on SQLite")
struct SatisfactionSessionSQLiteTests {
    @Test("BAL-7 a satisfaction session: store → signed box → xuanren tally gives the store's result")
    func roundTrip() async throws { try await SatisfactionSessionCase.roundTrip(.sqlite) }
}

@Suite("Satisfaction sessions on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct SatisfactionSessionPostgresTests {
    @Test("BAL-7 a satisfaction session round trip (PostgreSQL)")
    func roundTrip() async throws { try await SatisfactionSessionCase.roundTrip(.postgres) }
}
