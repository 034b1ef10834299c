import Foundation
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
import XuanrenWeb

/// Ballot sessions over HTTP are limited to the units of the user's grants, and closing needs the custodians.
@Suite("Ballot scope and sealing over HTTP")
struct BallotScopeWebTests {
    static func account(_ app: Application, _ name: String, _ role: String, _ unit: String) async throws -> Browser {
        try await app.xuanrenStore.createAccount(username: name, displayName: name, password: "Scope-test-2026", mustChangePassword: false,
                                                 actor: "test", hasher: app.passwordHasher)
        try await app.xuanrenStore.grant(username: name, role: role, unitCode: unit, actor: "test")
        let b = Browser(app)
        try await b.signIn(name, password: "Scope-test-2026")
        return b
    }

    static func finSession(_ app: Application) async throws -> (UUID, [VotingCode]) {
        var s = BallotSettings.Approval(members: 5)
        s.quorum = Fraction(1, 5)
        let box = BallotBox(title: "财政局党组会议表决", settings: .approval(s), candidates: [Candidate(id: "c1", name: "王明")], ballots: [])
        let id = try await app.xuanrenStore.createBallotSession(unitCode: "fin", box: box, disclosure: .supervision, custodians: TestCustodians.plan, by: .system("finorg"))
        let codes = try await app.xuanrenStore.issueCodes(session: id, category: "members", count: 2, by: .system("finorg"))
        return (id, codes)
    }

    @Test("BAL scope: an organizer and a clerk of 教育局 can neither list, read, manage nor enter paper ballots of a 财政局 session")
    func otherUnitRefused() async throws {
        try await withXuanren { app in
            let (id, _) = try await Self.finSession(app)
            let eduOrganizer = try await Self.account(app, "eduorg", "organizer", "edu")
            let eduClerk = try await Self.account(app, "educlerk", "clerk", "edu")
            let finClerk = try await Self.account(app, "finclerk", "clerk", "fin")
            #expect(!(try await eduOrganizer.get("/ballots").body.string.contains("财政局党组会议表决")))
            #expect(try await eduOrganizer.get("/ballots/\(id)").status == .forbidden)
            let list = try await eduOrganizer.get("/ballots")
            #expect(try await eduOrganizer.request(.POST, "/ballots/\(id)/codes", form: ["_csrf": Browser.csrf(in: list.body.string) ?? "", "category": "members", "count": "1"]).status == .forbidden)
            #expect(try await eduOrganizer.request(.POST, "/ballots/\(id)/open", form: ["_csrf": Browser.csrf(in: list.body.string) ?? ""]).status == .forbidden)
            #expect(try await eduClerk.get("/ballots/\(id)/paper").status == .forbidden)
            #expect(try await eduClerk.get("/ballots/\(id)/count").status == .forbidden)
            try await app.xuanrenStore.openBallotSession(id, by: .system("finorg"))
            #expect(try await finClerk.get("/ballots/\(id)/paper").status == .ok)
            let page = try await eduClerk.get("/dashboard")
            #expect(try await eduClerk.request(.POST, "/ballots/\(id)/paper", form: ["_csrf": Browser.csrf(in: page.body.string) ?? "", "sheet": "1", "vote_c1": "yes"]).status == .forbidden)
            // nothing of theirs reached the ledger
            let entries = try await app.xuanrenStore.ledgerEntries(subjectType: "ballot_session", subjectID: id.uuidString, limit: 50)
            #expect(!entries.contains { ["eduorg", "educlerk"].contains($0.actor) })
        }
    }

    @Test("BAL-9 closing over HTTP: one custodian is refused with the reason on the page and the session stays open; two close it")
    func closingNeedsCustodians() async throws {
        try await withXuanren { app in
            let (id, codes) = try await Self.finSession(app)
            try await app.xuanrenStore.openBallotSession(id, by: .system("finorg"))
            _ = try await app.xuanrenStore.cast(session: id, code: codes[0], ballot: .approval(votes: [(candidate: "c1", answer: "yes")]))
            let organizer = Browser(app)
            try await organizer.signIn("organizer")
            let page = try await organizer.get("/ballots/\(id)")
            #expect(page.body.string.contains("cust-a") && page.body.string.contains("password1"))
            var one = TestCustodians.closeForm
            one["custodian2"] = "cust-a"
            let refused = try await organizer.submit(from: "/ballots/\(id)", to: "/ballots/\(id)/close", one)
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("2名监票人"))
            #expect(refused.body.string.contains("action=\"/ballots/\(id)/close\""))
            var wrong = TestCustodians.closeForm
            wrong["password2"] = "wrong-password-1"
            let bad = try await organizer.submit(from: "/ballots/\(id)", to: "/ballots/\(id)/close", wrong)
            #expect(bad.status == .badRequest && bad.body.string.contains("cust-b"))
            #expect(try await app.xuanrenStore.ballotSession(id)?.status == .open)
            #expect(try await organizer.submit(from: "/ballots/\(id)", to: "/ballots/\(id)/close", TestCustodians.closeForm).status == .seeOther)
            #expect(try await app.xuanrenStore.ballotResult(id)?.cast == 1)
        }
    }
}

@Suite("Demo custodians")
struct DemoCustodianTests {
    @Test("BAL-9 every demo account can be named a custodian at once (the seed makes their keys)")
    func demoAccountsAreCustodians() async throws {
        try await withXuanren { app in
            let names = Set(try await app.xuanrenStore.custodianCandidates().map(\.username))
            #expect(names.isSuperset(of: Set(DemoCounty.accounts.map(\.username))))
        }
    }
}
