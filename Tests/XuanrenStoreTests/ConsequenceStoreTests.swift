import Foundation
import SelectionCore
import Testing
@testable import XuanrenStore
import XuanrenTestSupport

/// ASM-2, ASM-3, ASM-5: consequences found in closed ballots, proposed to the committee with their evidence, never acted on.
enum ConsequenceChecks {
    static func vote(_ store: Store, _ box: BallotBox, _ ballots: [Ballot]) async throws -> UUID {
        let id = try await store.createBallotSession(unitCode: "fin", box: box, actor: "organizer")
        let category = box.kind == .approval ? "members" : "voters"
        let codes = try await store.issueCodes(session: id, category: category, count: ballots.count, actor: "organizer")
        try await store.openBallotSession(id, actor: "organizer")
        for (code, b) in zip(codes, ballots) { _ = try await store.cast(session: id, code: code, ballot: b) }
        _ = try await store.closeBallotSession(id, actor: "organizer")
        return id
    }

    static func proposals(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await InspectionChecks.units(store)
            // ASM-3: a supervision appraisal of two officials, 10 voters; 张局长 4 of 10 不满意 (> 1/3: admonishment talk)
            var s = BallotSettings.Approval(members: 10)
            s.answers = .satisfaction
            let appraisal = BallotBox(title: "财政局领导班子监督评议", settings: .approval(s),
                                      candidates: [Candidate(id: "a", name: "张局长"), Candidate(id: "b", name: "李副局长")], ballots: [])
            let ballots = (0 ..< 10).map { i in Ballot.approval(votes: [(candidate: "a", answer: i < 4 ? "dissatisfied" : "satisfied"), (candidate: "b", answer: i < 3 ? "dissatisfied" : "basic")]) }
            let session = try await vote(store, appraisal, ballots)
            let org = try await RegistryScopeChecks.account(store, "finorg", "organizer", on: "fin")
            let findings = try await store.consequenceFindings(by: org)
            #expect(findings.map(\.proposal.subject) == ["张局长"])   // 3 of 10 is not more than 1/3
            let f = try #require(findings.first)
            #expect(f.proposal.rule == "ASM-3" && f.proposal.action == .admonishmentTalk && f.proposed == nil)
            #expect(f.proposal.zh.contains("4") && f.proposal.zh.contains("10"))
            // a neighbouring unit's organizer sees nothing and proposes nothing
            let edu = try await RegistryScopeChecks.account(store, "eduorg", "organizer", on: "edu")
            #expect(try await store.consequenceFindings(by: edu).isEmpty)
            await #expect(throws: InvalidInput.self) { try await store.proposeConsequence(session: session, subject: "张局长", rule: "ASM-3", by: edu) }
            try await store.proposeConsequence(session: session, subject: "张局长", rule: "ASM-3", by: org)
            #expect(try await store.consequenceFindings(by: org).first?.proposed?.by == "finorg")
            await #expect(throws: InvalidInput.self) { try await store.proposeConsequence(session: session, subject: "张局长", rule: "ASM-3", by: org) }
            let entries = try await store.ledgerEntries(limit: 10_000).filter { $0.action == SupervisionLedgerAction.propose.rawValue }
            #expect(entries.count == 1 && !"\(entries[0].payload)".contains("张局长"))
            // ASM-5: proposing changed no registry file and no post
            #expect(try await store.cadreCount() == 0)

            // ASM-2: an evaluation with exactly 3 of 10 基本称职 + 不称职 (30%) proposes a demotion review
            let items = [EvaluationItem(id: "de", name: "德", weight: 1)]
            let evaluation = BallotBox(title: "民主测评", settings: .evaluation(.init(entitled: 10, items: items, tiers: [("good", 100), ("poor", 50)])),
                                       candidates: [Candidate(id: "x", name: "王科长")], ballots: [])
            let eBallots = (0 ..< 10).map { i in Ballot.evaluation(ratings: [(candidate: "x", items: [(item: "de", tier: "good")], overall: i < 2 ? "basic" : i < 3 ? "incompetent" : "competent")]) }
            _ = try await vote(store, evaluation, eBallots)
            let asm2 = try await store.consequenceFindings(by: org).filter { $0.proposal.rule == "ASM-2" }
            #expect(asm2.map(\.proposal.subject) == ["王科长"])
        }
    }
}

@Suite("Consequence proposals on SQLite")
struct ConsequenceStoreTests {
    @Test("ASM-2 ASM-3 ASM-5 closed ballots call for proposals with their evidence; a proposal is recorded once, by the unit, and changes no post") func proposals() async throws { try await ConsequenceChecks.proposals(.sqlite) }
}

@Suite("Consequence proposals on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct ConsequencePostgresTests {
    @Test("ASM-2 ASM-3 ASM-5 proposals (PostgreSQL)") func proposals() async throws { try await ConsequenceChecks.proposals(.postgres) }
}

@Suite("ASM-4 rankings")
struct RankingConsequenceTests {
    @Test("ASM-4 rankings written a year a line (ties with =) find the units in the bottom 3 three years running; proposing records the places once")
    func bottomPlaces() async throws {
        try await TestDatabase.sqlite.withStore { store, _ in
            try await InspectionChecks.units(store)
            let text = """
            2024：青岚县教育局、青岚县财政局、单位丙、单位丁、单位戊
            2025：青岚县教育局、单位丙、青岚县财政局=单位丁、单位戊
            2026：单位丙、青岚县教育局、单位丁、单位戊、青岚县财政局
            """
            let rankings = try Store.parseRankings(text)
            #expect(rankings.map(\.year) == [2024, 2025, 2026] && rankings[1].ranks["单位丁"] == 3 && rankings[1].ranks["单位戊"] == 5)
            #expect(throws: InvalidInput.self) { try Store.parseRankings("今年：甲、乙") }
            let org = try await RegistryScopeChecks.account(store, "countyorg", "organizer", on: "org")
            // 财政局: 2nd of 5 in 2024 (4th from the bottom): not three years running; 单位戊 is, but is no unit of this county's registry
            #expect(try await store.rankingFindings(text, by: org).isEmpty)
            let worse = text.replacingOccurrences(of: "2024：青岚县教育局、青岚县财政局、单位丙、单位丁、单位戊", with: "2024：青岚县教育局、单位丙、单位丁、单位戊、青岚县财政局")
            let found = try await store.rankingFindings(worse, by: org)
            #expect(found.map(\.subject) == ["青岚县财政局"] && found[0].action == .demotion)
            let edu = try await RegistryScopeChecks.account(store, "eduorg", "organizer", on: "edu")
            #expect(try await store.rankingFindings(worse, by: edu).isEmpty)
            try await store.proposeRankingConsequence(rankings: worse.replacingOccurrences(of: "\n", with: " | "), subject: "青岚县财政局", by: org)
            await #expect(throws: InvalidInput.self) { try await store.proposeRankingConsequence(rankings: worse, subject: "青岚县财政局", by: org) }
            #expect(try await store.rankingProposals(by: org).count == 1)
        }
    }
}
