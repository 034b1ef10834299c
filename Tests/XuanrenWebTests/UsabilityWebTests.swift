import Foundation
import Testing
import Vapor
import VaporTesting
import SelectionCore
import XuanrenStore
import XuanrenTestSupport
@testable import XuanrenWeb

/// The words and ways in a person meets first (issue 17): levels written in Chinese, a cadre named rather than an
/// id copied from the address bar, the printed result with its date and signature lines, a way to one's password.
@Suite("Usability")
struct UsabilityWebTests {
    @Test("BAL-10 a panel's members may be written with their level in Chinese (姓名，科级), with a Chinese comma")
    func panelLevelsInChinese() async throws {
        try await withXuanren { app in
            let org = Browser(app, language: "zh-Hans")
            try await org.signIn("organizer")
            let members = ((0 ..< 10).map { "一般\($0)，一般工作人员" } + (0 ..< 8).map { "科级\($0)，科级" } + (0 ..< 2).map { "处级\($0),处级" }).joined(separator: "\n")
            let ok = try await org.submit(from: PanelRoute.list.path, to: PanelRoute.create.path, ["name": "机关民主测评组", "year": "2026", "unit": "org", "members": members])
            #expect(ok.status == .seeOther)
            #expect(try await org.get(PanelRoute.list.path).body.string.contains("处级1"))
            #expect(try await org.get(PanelRoute.list.path).body.string.contains("一般工作人员、科级 或 处级"))
        }
    }

    @Test("RES-1 a cadre is added to the reserve pool by name; an unknown name is refused naming the field")
    func reserveByName() async throws {
        try await withXuanren { app in
            let store = app.xuanrenStore
            var filter = CadreFilter()
            filter.unit = try #require(try await store.unitTree().id(ofCode: "fin"))
            let rows = try await store.cadres(filter, limit: 50, by: .system()).rows
            let names = Dictionary(grouping: rows, by: \.name)
            let unique = try #require(rows.first { names[$0.name]?.count == 1 })
            let org = Browser(app, language: "zh-Hans")
            try await org.signIn("organizer")
            let page = RegistryRoute.reserve.path
            let bad = try await org.submit(from: page, to: RegistryRoute.addReserve.path, ["cadre": "查无此人", "route": ReserveMembership.Route.allCases[0].rawValue, "entered": "2026-01"])
            #expect(bad.status == .badRequest || bad.status == .notFound)
            let ok = try await org.submit(from: page, to: RegistryRoute.addReserve.path, ["cadre": unique.name, "route": ReserveMembership.Route.allCases[0].rawValue, "entered": "2026-01"])
            #expect(ok.status == .seeOther)
            #expect(try await store.reserve(units: [filter.unit!], by: .system()).contains { $0.cadreID == unique.id })
        }
    }

    @Test("BAL-9 a voter finds their ballot in the box by its tracking code; a printed result has its date and the signature lines of custodians and counters, and no buttons; every page links to one's password")
    func printedResult() async throws {
        try await withXuanren { app in
            let store = app.xuanrenStore
            let box = BallotBox(title: "表决", settings: .approval(BallotSettings.Approval(members: 1)), candidates: [Candidate(id: "c1", name: "李华")], ballots: [])
            let id = try await store.createBallotSession(unitCode: "org", box: box, disclosure: .everyone, custodians: TestCustodians.plan, by: .system())
            let code = try await store.issueCodes(session: id, category: "members", count: 1, by: .system())[0]
            try await store.openBallotSession(id, by: .system())
            let receipt = try await store.cast(session: id, code: code, ballot: .approval(votes: [(candidate: "c1", answer: "yes")]))
            try await store.closeBallotSession(id, custodians: TestCustodians.confirmations(), by: .system(), hasher: app.passwordHasher)
            // a voter checks their ballot by its tracking code, without signing in
            let tracking = receipt
            let anon = Browser(app, language: "zh-Hans")
            let found = try await anon.get(BallotRoute.results(id).link(["t": tracking.lowercased()])).body.string
            #expect(found.contains("您的选票在票箱中") && found.contains("李华") && found.contains("yes"))
            let missing = try await anon.get(BallotRoute.results(id).link(["t": "T0000000000"])).body.string
            #expect(missing.contains("票箱中没有这个追踪码") && !missing.contains("您的选票在票箱中"))
            let b = Browser(app, language: "zh-Hans")
            try await b.signIn("supervisor")
            let html = try await b.get(BallotRoute.results(id).path).body.string
            #expect(html.contains("print-only sign-lines") && html.contains("监票人（签字）") && html.contains("计票人（签字）"))
            #expect(html.contains(store.today.text(in: .zhHans)))
            #expect(html.contains("class=\"no-print\"><a class=\"button\""))   // the box download is not printed
            #expect(html.contains(AuthRoute.password.path))
        }
    }

    @Test("ELG-6 who qualifies exports both lists as CSV, every name, with the condition each near miss lacks")
    func qualifyCSV() async throws {
        try await withXuanren { app in
            let b = Browser(app, language: "zh-Hans")
            try await b.signIn("organizer")
            let target = "正科级".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let query = "/registry/qualify?reference=2026.06&target=\(target)&maxAge=45&minEducation=3&minGrade=2&assessmentYears=3&crossGrade=1&oneUp=1&skipOne=4&basicBlocks=1"
            let page = try await b.get(query).body.string
            #expect(page.contains("format=csv"))
            let csv = try await b.get(query + "&format=csv")
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            let text = csv.body.string
            #expect(text.hasPrefix("\u{FEFF}结果,姓名,单位,职务,职级,未满足的条件"))
            let s = try await app.xuanrenStore.whoQualifies(try QualifyController.conditions(.init(["reference": "2026.06", "target": "正科级", "maxAge": "45", "minEducation": "3",
                "minGrade": "2", "assessmentYears": "3", "crossGrade": "1", "oneUp": "1", "skipOne": "4", "basicBlocks": "1"]), ladder: try await app.xuanrenStore.registrySettings().ladder),
                by: .system(), limit: 20_000)
            #expect(text.split(separator: "\r\n").count == 1 + s.qualifiedCount + s.nearMissCount)
        }
    }

    @Test("An administrator revokes a role and disables an account (with confirmation): its open session stops, it cannot sign in, both in the ledger; not their own")
    func disableAccount() async throws {
        try await withXuanren { app in
            let admin = Browser(app, language: "zh-Hans")
            try await admin.signIn("admin")
            let clerk = Browser(app, language: "zh-Hans")
            try await clerk.signIn("clerk")
            #expect(try await clerk.get("/dashboard").status == .ok)
            let page = AdminRoute.accounts.path
            #expect(try await admin.submit(from: page, to: AdminRoute.revoke.path, ["username": "clerk", "role": "clerk", "unit": "org"]).status != .internalServerError)
            let noConfirm = try await admin.submit(from: page, to: AdminRoute.disable.path, ["username": "clerk", "disabled": "1"])
            #expect(noConfirm.status == .badRequest)
            #expect(try await admin.submit(from: page, to: AdminRoute.disable.path, ["username": "clerk", "disabled": "1", "confirm": "on"]).status == .seeOther)
            let after = try await clerk.get("/dashboard")
            #expect(after.status != .ok)
            let again = Browser(app, language: "zh-Hans")
            let login = try await again.submit(from: "/login", to: "/login", ["username": "clerk", "password": "Changed-pass-2026"])
            #expect(login.status != .seeOther)
            let own = try await admin.submit(from: page, to: AdminRoute.disable.path, ["username": "admin", "disabled": "1", "confirm": "on"])
            #expect(own.status == .badRequest && own.body.string.contains("不能停用自己的账号"))
            let actions = try await app.xuanrenStore.ledgerEntries(subjectType: "account", subjectID: "clerk", limit: 10).map(\.action)
            #expect(actions.contains("account.disable"))
        }
    }

    @Test("BAL-1 voter categories written as on paper: 领导班子成员，40%，10 (Chinese names and commas, percentages); a total off 100% is said in percent")
    func categoriesInWords() throws {
        func form(_ cats: String) -> BallotForms.NewSession {
            BallotForms.NewSession(title: "民主推荐", kind: "weighted-recommendation", unit: "org", candidates: "王明\n李华", categories: cats)
        }
        let box = try BallotForms.box(form("领导班子成员，40%，10\n干部职工，30%，30\n其他代表，30%，10"))
        guard case .weightedRecommendation(let r) = box.settings else { Issue.record("not a recommendation"); return }
        #expect(r.categories.map(\.id) == ["leaders", "staff", "representatives"])
        #expect(r.categories.map(\.weight) == [0.4, 0.3, 0.3] && r.categories.map(\.entitled) == [10, 30, 10])
        #expect(throws: InvalidInput.self) { try BallotForms.box(form("领导班子成员，40%，10\n干部职工，50%，30")) }
        do { _ = try BallotForms.box(form("领导班子成员，40%，10\n干部职工，50%，30")) } catch let e as InvalidInput {
            #expect(e.message(in: .zhHans).contains("各类推荐人权重合计应为100%（现为90%）"))
        }
    }

    @Test("REG-1 the registry list shows every file on one page for printing (all=1), not only the current page")
    func registryAll() async throws {
        try await withXuanren { app in
            let b = Browser(app, language: "zh-Hans")
            try await b.signIn("organizer")
            let all = try await b.get(RegistryRoute.cadres.link(["all": "1"])).body.string
            let total = try await app.xuanrenStore.cadres(CadreFilter(), limit: 1, by: .system()).total
            #expect(all.components(separatedBy: "<tr><td><a href=").count - 1 == total)
            #expect(!all.contains("cadres_next") && all.contains("data-print"))
        }
    }
}
