import Foundation
import NIOCore
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
@testable import XuanrenWeb

/// The inspection page and the gates over HTTP: every form through its typed route with the page's CSRF token, the
/// refusals in words on the page, the gates' states with their rule IDs, confidential records kept from those who
/// may not read them, and the A4 print pages.
@Suite("Inspection pages")
struct InspectionWebTests {
    static func fixture(_ app: Application, _ file: CadreFile = InspectionFixture.cadreFile("王立新"), exceptional: Bool = false) async throws -> InspectionFixture {
        try await InspectionFixture.inspecting(app.xuanrenStore, unitCode: "fin", file: file, exceptional: exceptional)
    }

    static func signedIn(_ app: Application, _ user: String) async throws -> Browser {
        let b = Browser(app, language: "zh-Hans")
        try await b.signIn(user)
        return b
    }

    /// An account granted `role` on `unit`, signed in.
    static func account(_ app: Application, _ name: String, _ role: String, on unit: String) async throws -> Browser {
        try await app.xuanrenStore.createAccount(username: name, displayName: name, password: "Inspect-2026-ok", mustChangePassword: false, actor: "test", hasher: app.passwordHasher)
        try await app.xuanrenStore.grant(username: name, role: role, unitCode: unit, actor: "test")
        let b = Browser(app, language: "zh-Hans")
        try await b.signIn(name, password: "Inspect-2026-ok")
        return b
    }

    static func today(_ app: Application) -> String { app.xuanrenStore.today.description }

    /// The team form of a team that meets INS-2 (`extra` adds a discipline member with that account).
    static func teamForm(leaderStanding: Bool = true, extra account: String? = nil) -> [String: String] {
        var f = ["name1": "陈国栋", "background1": "organization", "leader": "1", "name2": "林组员", "background2": "organization"]
        if leaderStanding { f["standing1"] = "1" }
        if let account { f["name3"] = "考察组员"; f["account3"] = account; f["background3"] = "discipline" }
        return f
    }

    static func openInspection(_ b: Browser, _ f: InspectionFixture, extra: String? = nil) async throws {
        let page = InspectionRoute.page(f.matter).path
        #expect(try await b.submit(from: page, to: InspectionRoute.team(f.matter).path, teamForm(extra: extra)).status == .seeOther)
        #expect(try await b.submit(from: page, to: InspectionRoute.notice(f.matter).path, ["method": "个别谈话、民主测评", "contact": "0591-87654321"]).status == .seeOther)
    }

    /// A post whose form repeats a name (`custodians[]`), which `Browser`'s dictionary cannot carry.
    static func postRaw(_ b: Browser, from page: String, to path: String, _ pairs: [(String, String)]) async throws -> TestingHTTPResponse {
        let csrf = Browser.csrf(in: try await b.get(page).body.string) ?? ""
        let body = ([("_csrf", csrf)] + pairs).map { "\($0.0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
            .joined(separator: "&")
        var headers = HTTPHeaders()
        headers.add(name: .cookie, value: b.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        headers.contentType = .urlEncodedForm
        return try await b.app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    @Test("Bad input: a form pair without a name (a bare “=”) is refused as bad input, never a crash")
    func pairWithoutName() async throws {
        try await withXuanren { app in
            let f = try await Self.fixture(app)
            let b = try await Self.signedIn(app, "organizer")
            let page = InspectionRoute.page(f.matter).path
            let r = try await Self.postRaw(b, from: page, to: InspectionRoute.scores(f.matter, person: f.person).path, [("", ""), ("", "x")])
            #expect(r.status == .badRequest)
            #expect(try await b.get(page).status == .ok)
        }
    }

    @Test("INS-1 a talk posted before the inspection notice is refused with the reason on the page; after the notice it is recorded")
    func talkAfterNotice() async throws {
        try await withXuanren { app in
            let f = try await Self.fixture(app)
            let b = try await Self.signedIn(app, "organizer")
            let page = InspectionRoute.page(f.matter).path
            let before = try await b.get(page)
            #expect(before.status == .ok)
            #expect(before.body.string.contains("考察预告发布后才能开展考察工作"))
            let talk = ["kind": "talk", "day": Self.today(app), "with": "局办公室主任", "summary": "该同志工作扎实，群众认可"]
            let refused = try await b.submit(from: page, to: InspectionRoute.record(f.matter, person: f.person).path, talk)
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains("考察预告发布后才能开展考察工作"))
            try await Self.openInspection(b, f)
            let shown = try await b.get(page).body.string
            #expect(shown.contains("0591-87654321") && shown.contains("预告公示中"))
            let accepted = try await b.submit(from: page, to: InspectionRoute.record(f.matter, person: f.person).path, talk)
            #expect(accepted.status == .seeOther)
            #expect(accepted.headers.first(name: .location) == InspectionRoute.page(f.matter).link(fragment: "c-" + f.person.uuidString))
            let notes = try await app.xuanrenStore.matterView(f.matter, by: .system()).notes
            #expect(notes.contains { $0.kind == .inspectionTalk && $0.value("summary") == "该同志工作扎实，群众认可" })
        }
    }

    @Test("INS-2 a team without a standing-committee leader: the problem shows on the page, and the notice is refused with the reason")
    func teamLeader() async throws {
        try await withXuanren { app in
            let f = try await Self.fixture(app)
            let b = try await Self.signedIn(app, "organizer")
            let page = InspectionRoute.page(f.matter).path
            #expect(try await b.submit(from: page, to: InspectionRoute.team(f.matter).path, Self.teamForm(leaderStanding: false)).status == .seeOther)
            #expect(try await b.get(page).body.string.contains("考察组组长应由常委（党组成员）担任"))
            let refused = try await b.submit(from: page, to: InspectionRoute.notice(f.matter).path, ["method": "个别谈话", "contact": "0591-1"])
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains("考察组组长应由常委（党组成员）担任"))
            #expect(try await app.xuanrenStore.matterView(f.matter, by: .system()).items.isEmpty == false)   // the plan only
            #expect(try await app.xuanrenStore.matterView(f.matter, by: .system()).items.allSatisfy { $0.kind != .inspectionNotice })
            // a background that does not exist is bad input, named
            var bad = Self.teamForm(); bad["background2"] = "friends"
            let badTeam = try await b.submit(from: page, to: InspectionRoute.team(f.matter).path, bad)
            #expect(badTeam.status == .badRequest && badTeam.body.string.contains("friends"))
            try await Self.openInspection(b, f)
            #expect(try await b.get(page).body.string.contains("考察预告已发布，考察组不再调整"))
        }
    }

    @Test("REG-4 the file-audit gate blocks with the finding and links to the registry file; resolved there, it holds")
    func auditGate() async throws {
        try await withXuanren { app in
            let f = try await Self.fixture(app, InspectionFixture.cadreFile("赵明", birth: "198605"))
            let b = try await Self.signedIn(app, "organizer")
            let page = InspectionRoute.page(f.matter).path
            let html = try await b.get(page).body.string
            #expect(html.contains("档案审核有未解决的问题"))
            #expect(html.contains(RegistryRoute.cadre(f.cadre).link(fragment: "audit")))
            let finding = try #require(try await app.xuanrenStore.dossier(f.cadre, by: .system())?.findings.first { $0.severity == .blocking })
            let resolved = try await b.submit(from: RegistryRoute.cadre(f.cadre).path, to: RegistryRoute.resolve(f.cadre).path, ["key": finding.key, "reason": "以户籍证明为准"])
            #expect(resolved.status == .seeOther)
            let after = try await b.get(page).body.string
            #expect(after.contains("档案审核无未解决的阻断问题"))
            #expect(!after.contains("档案审核有未解决的问题"))
        }
    }

    @Test("REG-3, INS-5, INS-7 the personal-matters check, the integrity opinion and the integrity exam through their forms: each gate blocks, then holds")
    func recordGates() async throws {
        try await withXuanren { app in
            let f = try await Self.fixture(app)
            let b = try await Self.signedIn(app, "organizer")
            let page = InspectionRoute.page(f.matter).path
            let today = Self.today(app)
            let first = try await b.get(page).body.string
            for words in ["尚未核查个人有关事项报告", "尚未收到纪委（监委）廉政意见", "尚未参加任前廉政考试", "REG-3", "INS-5", "INS-7", "BAL-6", "CAS-3", "REG-4"] {
                #expect(first.contains(words), "\(words)")
            }
            // REG-3: inconsistent needs a handling; postponed blocks; consistent holds
            let pm = InspectionRoute.personalMatters(f.matter, person: f.person).path
            let noHandling = try await b.submit(from: page, to: pm, ["day": today, "consistent": "no"])
            #expect(noHandling.status == .badRequest && noHandling.body.string.contains("不一致时的处理：必须填写"))
            #expect(try await b.submit(from: page, to: pm, ["day": today, "consistent": "no", "handling": "postponed"]).status == .seeOther)
            #expect(try await b.get(page).body.string.contains("个人有关事项报告核查不一致：暂缓任用"))
            #expect(try await b.submit(from: page, to: pm, ["day": today, "consistent": "yes"]).status == .seeOther)
            #expect(try await b.get(page).body.string.contains("个人有关事项报告核查一致"))
            // INS-5: asked, then answered without a problem
            #expect(try await b.submit(from: page, to: InspectionRoute.opinion(f.matter, person: f.person).path,
                                       ["body": "县纪委监委", "requested": today, "due": today, "integrity": "1"]).status == .seeOther)
            let note = try #require(try await app.xuanrenStore.matterView(f.matter, by: .system()).notes.first { $0.kind == .bodyOpinion }?.id)
            #expect(try await b.get(page).body.string.contains("待回复"))
            let unknown = try await b.submit(from: page, to: InspectionRoute.answer(f.matter, person: f.person).path,
                                             ["note": UUID().uuidString, "answered": today, "answer": "x"])
            #expect(unknown.status == .badRequest)
            #expect(try await b.submit(from: page, to: InspectionRoute.answer(f.matter, person: f.person).path,
                                       ["note": note.uuidString, "answered": today, "answer": "经核，未发现问题", "attachment": "复函.pdf"]).status == .seeOther)
            let answered = try await b.get(page).body.string
            #expect(answered.contains("纪委（监委）廉政意见已回复，无问题") && answered.contains("复函.pdf"))
            // INS-7: below the pass mark blocks; a score that is no number is refused, named
            let exam = InspectionRoute.exam(f.matter, person: f.person).path
            #expect(try await b.submit(from: page, to: exam, ["day": today, "score": "50"]).status == .seeOther)
            #expect(try await b.get(page).body.string.contains("廉政考试50分，低于合格分60"))
            let bad = try await b.submit(from: page, to: exam, ["day": today, "score": "很好"])
            #expect(bad.status == .badRequest && bad.body.string.contains("很好"))
            #expect(try await b.submit(from: page, to: exam, ["day": today, "score": "86"]).status == .seeOther)
            #expect(try await b.get(page).body.string.contains("廉政考试86分，合格"))
            // INS-4 scores per item
            #expect(try await b.submit(from: page, to: InspectionRoute.scores(f.matter, person: f.person).path, ["de": "92", "neng": "88", "qin": "90", "ji": "85", "lian": "95"]).status == .seeOther)
            #expect(try await app.xuanrenStore.matterView(f.matter, by: .system()).people.first?.gates.scores["lian"] == 95)
        }
    }

    @Test("BAL-6 the evaluation set up from the page with its custodians, linked to its session; consent below the line blocks with the figures")
    func popularVeto() async throws {
        try await withXuanren { app in
            let f = try await Self.fixture(app)
            let b = try await Self.signedIn(app, "organizer")
            let page = InspectionRoute.page(f.matter).path
            // INS-1: before the notice the evaluation is refused with the reason
            let early = try await Self.postRaw(b, from: page, to: InspectionRoute.evaluation(f.matter).path,
                                               [("entitled", "5"), ("custodians[]", "cust-a"), ("custodians[]", "cust-b"), ("custodianThreshold", "2")])
            #expect(early.status == .conflict && early.body.string.contains("INS-1"))
            try await InspectionFixture.teamAndNotice(app.xuanrenStore, f)
            let tooFew = try await Self.postRaw(b, from: page, to: InspectionRoute.evaluation(f.matter).path, [("entitled", "5"), ("custodians[]", "cust-a")])
            #expect(tooFew.status == .badRequest && tooFew.body.string.contains("至少指定2名监票人"))
            let created = try await Self.postRaw(b, from: page, to: InspectionRoute.evaluation(f.matter).path,
                                                 [("entitled", "5"), ("custodians[]", "cust-a"), ("custodians[]", "cust-b"), ("custodians[]", "cust-c"), ("custodianThreshold", "2")])
            #expect(created.status == .seeOther)
            let session = try #require(try await app.xuanrenStore.matterView(f.matter, by: .system()).sessions.evaluation)
            #expect(try await b.get(page).body.string.contains(BallotRoute.detail(session).path))
            try await InspectionFixture.evaluate(app.xuanrenStore, f, voters: 5, consent: 3, hasher: app.passwordHasher, create: false)
            let html = try await b.get(page).body.string
            #expect(html.contains("3/5（60.0%）"))
            #expect(html.contains("测评认可3/5，低于80%，民意否决"))
        }
    }

    @Test("CAS-3 a supervisor holds a candidate with a reason and lifts the hold; an inspector off the team reaches nothing")
    func holdAndLift() async throws {
        try await withXuanren { app in
            let f = try await Self.fixture(app)
            let supervisor = try await Self.signedIn(app, "supervisor")
            let page = InspectionRoute.page(f.matter).path
            #expect(try await supervisor.get(page).status == .ok)
            #expect(try await supervisor.submit(from: page, to: InspectionRoute.hold(f.matter, person: f.person).path, ["reason": "收到举报，正在核查"]).status == .seeOther)
            let held = try await supervisor.get(page).body.string
            #expect(held.contains("暂停：收到举报，正在核查") && held.contains("暂停中"))
            let organizer = try await Self.signedIn(app, "organizer")
            #expect(try await organizer.get(page).body.string.contains("暂停：收到举报，正在核查"))
            // a hold is never overridden by a decision
            let refused = try await organizer.submit(from: page, to: InspectionRoute.override(f.matter, person: f.person).path, ["gate": "hold", "reason": "r", "decision": "d"])
            #expect(refused.status == .badRequest && refused.body.string.contains("暂停事项只能在查清后解除"))
            #expect(try await supervisor.submit(from: page, to: InspectionRoute.lift(f.matter, person: f.person).path, ["index": "0", "reason": "经核查不属实"]).status == .seeOther)
            let lifted = try await supervisor.get(page).body.string
            #expect(lifted.contains("无暂停事项") && lifted.contains("经核查不属实"))
            // the demo inspector is not on this team: the page and its forms are refused before any form is read
            let inspector = try await Self.signedIn(app, "inspector")
            #expect(try await inspector.get(page).status == .forbidden)
            let csrf = Browser.csrf(in: try await inspector.get(DashboardRoute.dashboard.path).body.string) ?? ""
            #expect(try await inspector.request(.POST, InspectionRoute.record(f.matter, person: f.person).path, form: ["_csrf": csrf]).status == .forbidden)
        }
    }

    @Test("Gate override: recorded with its decision and reason, shown on the page and on the A4 record wherever the gate shows")
    func overrideShows() async throws {
        try await withXuanren { app in
            let f = try await Self.fixture(app)
            let b = try await Self.signedIn(app, "organizer")
            let page = InspectionRoute.page(f.matter).path
            let missing = try await b.submit(from: page, to: InspectionRoute.override(f.matter, person: f.person).path, ["gate": "exam", "reason": "", "decision": ""])
            #expect(missing.status == .badRequest)
            #expect(try await b.submit(from: page, to: InspectionRoute.override(f.matter, person: f.person).path,
                                       ["gate": "exam", "reason": "已参加市级统一考试", "decision": "青组发〔2026〕12号"]).status == .seeOther)
            let html = try await b.get(page).body.string
            #expect(html.contains("经决定不受此限"))
            #expect(html.contains("青组发〔2026〕12号") && html.contains("已参加市级统一考试"))
            let print = try await b.get(InspectionRoute.print(f.matter, person: f.person).path)
            #expect(print.status == .ok)
            #expect(print.body.string.contains("青组发〔2026〕12号") && print.body.string.contains("已参加市级统一考试"))
        }
    }

    @Test("INS-3 a confidential talk's text: read by the team member who wrote it and by supervisors; never in the HTML for an organizer off the team; a neighbouring unit's organizer gets 403 everywhere")
    func confidentialTalk() async throws {
        try await withXuanren { app in
            let f = try await Self.fixture(app)
            let organizer = try await Self.signedIn(app, "organizer")
            try await Self.openInspection(organizer, f, extra: "inspector")
            let page = InspectionRoute.page(f.matter).path
            let member = try await Self.signedIn(app, "inspector")
            let secret = "谈话中反映其曾酒后驾车一次"
            #expect(try await member.submit(from: page, to: InspectionRoute.record(f.matter, person: f.person).path,
                                            ["kind": "talk", "day": Self.today(app), "with": "某科长", "summary": secret]).status == .seeOther)
            #expect(try await member.get(page).body.string.contains(secret))
            #expect(try await Self.signedIn(app, "supervisor").get(page).body.string.contains(secret))
            let seen = try await organizer.get(page).body.string
            #expect(!seen.contains(secret) && !seen.contains("某科长"))
            #expect(seen.contains("有此记录；内容仅考察组成员和纪检监察人员可见"))
            for path in [InspectionRoute.print(f.matter, person: f.person).path, InspectionRoute.printComparison(f.matter, position: "p1").path] {
                let printed = try await member.get(path)
                #expect(printed.status == .ok && !printed.body.string.contains(secret))
            }
            let other = try await Self.account(app, "edu-organizer", "organizer", on: "edu")
            for path in [page, InspectionRoute.print(f.matter, person: f.person).path, InspectionRoute.printComparison(f.matter, position: "p1").path] {
                #expect(try await other.get(path).status == .forbidden, "\(path)")
            }
            // scope is checked before the form is read: an empty post is refused, not a bad input
            let csrf = Browser.csrf(in: try await other.get(DashboardRoute.dashboard.path).body.string) ?? ""
            for path in [InspectionRoute.record(f.matter, person: f.person).path, InspectionRoute.team(f.matter).path, InspectionRoute.hold(f.matter, person: f.person).path] {
                #expect(try await other.request(.POST, path, form: ["_csrf": csrf]).status == .forbidden, "\(path)")
            }
        }
    }

    @Test("INS-6 the candidate's record and the position's comparative analysis print on A4 with the registry's basic data, results, scores, opinions and gates")
    func printPages() async throws {
        try await withXuanren { app in
            let f = try await Self.fixture(app)
            let b = try await Self.signedIn(app, "organizer")
            try await Self.openInspection(b, f)
            let page = InspectionRoute.page(f.matter).path
            let today = Self.today(app)
            #expect(try await b.submit(from: page, to: InspectionRoute.record(f.matter, person: f.person).path,
                                       ["kind": "materials", "day": today, "file": "王立新，男，1986年4月生", "strengths": "业务精通，敢于担当",
                                        "results": "推荐得票靠前", "shortcomings": "创新意识有待加强"]).status == .seeOther)
            #expect(try await b.submit(from: page, to: InspectionRoute.comparison(f.matter, position: "p1").path, ["day": today, "text": "王立新综合素质较好，建议提名"]).status == .seeOther)
            #expect(try await b.submit(from: page, to: InspectionRoute.scores(f.matter, person: f.person).path, ["de": "90", "neng": "80"]).status == .seeOther)
            let record = try await b.get(InspectionRoute.print(f.matter, person: f.person).path)
            #expect(record.status == .ok)
            let r = record.body.string
            for words in ["王立新同志考察材料", "1986.04", "厦门大学会计学专业", "青岚县财政局副局长", "业务精通，敢于担当", "创新意识有待加强", "平均分 85.0", "档案审核（三龄一历）", "REG-4"] {
                #expect(r.contains(words), "\(words)")
            }
            let compare = try await b.get(InspectionRoute.printComparison(f.matter, position: "p1").path)
            #expect(compare.status == .ok)
            for words in ["考察对象综合比较分析", "王立新", "王立新综合素质较好，建议提名", "创新意识有待加强"] {
                #expect(compare.body.string.contains(words), "\(words)")
            }
            #expect(try await b.get(InspectionRoute.printComparison(f.matter, position: "nope").path).status == .notFound)
            #expect(try await b.get(InspectionRoute.print(f.matter, person: UUID()).path).status == .notFound)
            #expect(try await b.get(InspectionRoute.page(UUID()).path).status == .notFound)
        }
    }
}
