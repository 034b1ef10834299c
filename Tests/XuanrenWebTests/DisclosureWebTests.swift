import Foundation
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
import XuanrenWeb

@Suite("Disclosure scopes over HTTP")
struct DisclosureWebTests {
    @Test("Disclosure scopes: public results for everyone; unit scope for accounts of the unit; supervision scope for organizers and supervisors only")
    func scopes() async throws {
        try await withXuanren { app in
            let store = app.xuanrenStore
            let box = BallotWebTests.boxes()[1]  // an approval vote
            var ids: [DisclosureScope: UUID] = [:]
            for scope in DisclosureScope.allCases {
                var b = box; b.title = "表决（\(scope.rawValue)）"
                let id = try await store.createBallotSession(unitCode: "fin", box: b, disclosure: scope, actor: "organizer")
                let codes = try await store.issueCodes(session: id, category: b.voterCategories[0].id, count: 5, actor: "organizer")
                try await store.openBallotSession(id, actor: "organizer")
                for c in codes { _ = try await store.cast(session: id, code: c, ballot: .approval(votes: [("c1", "yes"), ("c2", "no")])) }
                _ = try await store.closeBallotSession(id, actor: "organizer", hasher: app.passwordHasher)
                ids[scope] = id
            }
            // a clerk of the county organization department sees fin's unit-scoped result (the department covers the county);
            // a judge's grant is on the organization department too; a plain account of another unit is outside.
            try await store.createUnit(code: "other", name: "外县", kind: "party-committee", parentCode: nil, actor: "t")
            _ = try await store.createAccount(username: "outsider", displayName: "外人", password: "Outsider-2026-x", mustChangePassword: false, actor: "t", hasher: app.passwordHasher)
            try await store.grant(username: "outsider", role: Role.organizer.rawValue, unitCode: "other", actor: "t")
            let anonymous = Browser(app)
            let clerk = Browser(app); try await clerk.signIn("clerk")
            let supervisor = Browser(app); try await supervisor.signIn("supervisor")
            let outsider = Browser(app); try await outsider.signIn("outsider", password: "Outsider-2026-x")
            func status(_ b: Browser, _ scope: DisclosureScope, _ file: String = "results") async throws -> HTTPStatus {
                try await b.get("/ballots/\(ids[scope]!)/\(file)").status
            }
            for file in ["results", "box.json", "box.json.sig"] {
                #expect(try await status(anonymous, .everyone, file) == .ok)
                #expect(try await status(anonymous, .unit, file) == .seeOther)
                #expect(try await status(anonymous, .supervision, file) == .seeOther)
                #expect(try await status(outsider, .unit, file) == .forbidden)
                #expect(try await status(outsider, .supervision, file) == .forbidden)
                #expect(try await status(clerk, .unit, file) == .ok)
                #expect(try await status(clerk, .supervision, file) == .forbidden)
                #expect(try await status(supervisor, .supervision, file) == .ok)
            }
            // the public page lists only the public result
            let home = try await anonymous.get("/").body.string
            #expect(home.contains("表决（public）") && !home.contains("表决（unit）") && !home.contains("表决（supervision）"))
        }
    }
}
