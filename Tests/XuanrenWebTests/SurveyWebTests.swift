import Foundation
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
@testable import XuanrenWeb

/// 一报告两评议 (SUR-1…3) voted with codes and analysed with charts; the supervision charts (CAS-1, SUR-3, SUR-4).
@Suite("Annual appraisals and supervision charts")
struct SurveyWebTests {
    @Test("SUR-1 SUR-2 SUR-3 a round voted with codes in two sessions is analysed item by item, the index below 80 flagged, a cadre with > 1/3 dissatisfied flagged for checks, with charts, tables and CSV")
    func roundVotedAndAnalysed() async throws {
        try await withXuanren { app in
            let store = app.xuanrenStore
            let fin = try #require(try await store.units().first { $0.code == "fin" })
            let organizer = try await InspectionWebTests.account(app, "fin-org", "organizer", on: "fin")
            // the organizer's form lists the cadres and creates the two ballots
            let form = try await organizer.get(SurveyRoute.new.link(["unit": fin.id.uuidString, "year": "2026"]))
            #expect(form.status == .ok && form.body.string.contains("新提拔干部"))
            let created = try await organizer.submit(from: SurveyRoute.new.path, to: SurveyRoute.create.path, [
                "unit": fin.id.uuidString, "year": "2026", "voters": "10", "cadres": "王新，副局长\n李升，股长", "custodianThreshold": "2",
            ].merging(["custodians[]": "cust-a"]) { a, _ in a })
            // one custodian is refused (at least two), naming the field; nothing is created
            #expect(created.status == .badRequest && created.body.string.contains("监票人"))
            #expect(try await store.surveyRounds(by: .system()).isEmpty)
            let id = try await store.createSurveyRound(unit: fin.id, year: 2026, cadres: SurveyController.cadres("王新，副局长\n李升，股长"), voters: 10,
                                                       custodians: TestCustodians.plan, by: ActingUser(try #require(try await store.account(username: "fin-org"))))
            let round = try await store.surveyRound(id, by: .system())
            // SUR-1: one round a year per unit
            await #expect(throws: InvalidInput.self) {
                _ = try await store.createSurveyRound(unit: fin.id, year: 2026, cadres: [], voters: 10, custodians: TestCustodians.plan, by: .system())
            }
            let sat = try #require(round.satisfactionSession?.id), occ = try #require(round.occurrenceSession?.id)
            // ten voters: overall 4 满意 2 基本满意 4 不满意 (index (400+120)/10 = 52.0 < 80); 王新 4 of 10 不满意 (> 1/3)
            let satCodes = try await store.issueCodes(session: sat, category: "members", count: 10, actor: "organizer")
            let occCodes = try await store.issueCodes(session: occ, category: "members", count: 10, actor: "organizer")
            try await store.openBallotSession(sat, actor: "organizer")
            try await store.openBallotSession(occ, actor: "organizer")
            let overall = ["satisfied", "satisfied", "satisfied", "satisfied", "basic", "basic", "dissatisfied", "dissatisfied", "dissatisfied", "dissatisfied"]
            for (i, code) in satCodes.enumerated() {
                _ = try await store.cast(session: sat, code: code, ballot: .approval(votes: [(candidate: "overall", answer: overall[i]),
                                                                                           (candidate: "cadre.c1", answer: i < 4 ? "dissatisfied" : "satisfied"),
                                                                                           (candidate: "cadre.c2", answer: "satisfied")]))
            }
            for (i, code) in occCodes.enumerated() {
                _ = try await store.cast(session: occ, code: code, ballot: .approval(votes: [(candidate: "problem.seekingOffice", answer: i < 3 ? "yes" : "no")]))
            }
            _ = try await store.closeBallotSession(sat, actor: "organizer", hasher: app.passwordHasher)
            _ = try await store.closeBallotSession(occ, actor: "organizer", hasher: app.passwordHasher)
            let a = try #require(try await store.surveyRound(id, by: .system()).analysis)
            #expect(a.overall.counts == SatisfactionCounts(satisfied: 4, basic: 2, dissatisfied: 4, unknown: 0))
            #expect(a.overall.index?.tenths == 520 && a.overall.belowThreshold)
            #expect(a.cadres.map(\.manyDissatisfied) == [true, false])
            #expect(a.problems.first { $0.problem == .seekingOffice }?.counts.occurred == 3)
            // the round's page: chart, tables, flags
            let page = try await organizer.get(SurveyRoute.show(id).path).body.string
            #expect(page.contains("<svg") && page.contains("52.0") && page.contains("CHK-2") && page.contains("跑官要官"))
            // the dashboard: the satisfaction index by unit and year, with its table and CSV; a neighbour reads nothing of it
            let dash = try await organizer.get(SurveyRoute.dashboard.path).body.string
            #expect(dash.contains("满意度指数") && dash.contains("52.0"))
            let csv = try await organizer.get(SurveyRoute.csv("satisfaction.csv").path)
            #expect(csv.status == .ok && csv.body.string.contains("青岚县财政局") && csv.body.string.contains("52.0"))
            let neighbour = try await InspectionWebTests.account(app, "edu-org", "organizer", on: "edu")
            #expect(try await neighbour.get(SurveyRoute.show(id).path).status == .forbidden)
            #expect(!(try await neighbour.get(SurveyRoute.csv("satisfaction.csv").path).body.string.contains("青岚县财政局")))
            // the ledger has the round
            #expect(try await store.ledgerEntries(limit: 10_000).contains { $0.action == SupervisionLedgerAction.surveyCreate.rawValue && $0.subjectID == id.uuidString })
        }
    }

    @Test("ASM-4 ASM-5 the rankings read on the proposals page show a unit three years in the bottom places; proposing it records it once")
    func rankingsThroughThePage() async throws {
        try await withXuanren { app in
            let org = try await InspectionWebTests.account(app, "county-org", "organizer", on: "org")
            let text = "2024：青岚县教育局、单位丙、单位丁、青岚县财政局\n2025：青岚县教育局、单位丙、单位丁、青岚县财政局\n2026：单位丙、青岚县教育局=单位丁、青岚县财政局"
            let read = try await org.submit(from: SurveyRoute.proposals.path, to: SurveyRoute.rankings.path, ["rankings": text])
            #expect(read.status == .ok && read.body.string.contains("青岚县财政局") && read.body.string.contains("降职"))
            let bad = try await org.submit(from: SurveyRoute.proposals.path, to: SurveyRoute.rankings.path, ["rankings": "去年：甲、乙"])
            #expect(bad.status == .badRequest && bad.body.string.contains("2024"))
            let line = text.replacingOccurrences(of: "\n", with: " | ")
            let done = try await org.submit(from: SurveyRoute.proposals.path, to: SurveyRoute.propose.path, ["rule": "ASM-4", "subject": "青岚县财政局", "rankings": line, "confirm": "1"])
            #expect(done.status == .seeOther)
            #expect(try await org.get(SurveyRoute.proposals.path).body.string.contains("提交党委（党组）"))
            #expect(try await app.xuanrenStore.ledgerEntries(limit: 10_000).contains { $0.action == SupervisionLedgerAction.propose.rawValue })
        }
    }
}
