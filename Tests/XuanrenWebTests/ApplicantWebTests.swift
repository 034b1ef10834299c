import Foundation
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
@testable import XuanrenWeb

/// The applicant's account over HTTP (ELG-6, ELG-8, EXM-9): the code on the registration's success page, the first
/// sign-in that sets the password, the applicant's own page, the switch of position, the throttle, and an applicant's
/// session that opens no staff route.
@Suite("Applicant accounts over HTTP")
struct ApplicantWebTests {
    static let password = "Bao-ming-2026"

    /// The activation code shown on the success page.
    static func code(in html: String) -> String? {
        guard let r = html.range(of: #"<code>[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}</code>"#, options: .regularExpression) else { return nil }
        return String(html[r].dropFirst(6).dropLast(7))
    }

    /// Registers `resident` for `position` through the public form; the page's activation code, if shown.
    static func register(_ b: Browser, _ matter: UUID, _ resident: String, position: String = "p1") async throws -> (TestingHTTPResponse, String?) {
        let res = try await b.submit(from: CompetitionRoute.apply(matter).path, to: CompetitionRoute.register(matter).path,
                                     ["position": position, "resident": resident, "consent": "1"])
        return (res, code(in: res.body.string))
    }

    static func activate(_ b: Browser, _ resident: String, _ code: String, password: String = password) async throws -> TestingHTTPResponse {
        try await b.submit(from: ApplicantRoute.login.path, to: ApplicantRoute.activate.path,
                           ["resident": resident, "code": code, "password": password, "confirmPassword": password])
    }

    static func signIn(_ b: Browser, _ resident: String, password: String = password) async throws -> TestingHTTPResponse {
        try await b.submit(from: ApplicantRoute.login.path, to: ApplicantRoute.signIn.path, ["resident": resident, "password": password])
    }

    @Test("ELG-8 EXM-9 end to end: the public form shows a one-time activation code, the code sets the password at the first sign-in, the applicant's page lists the registration; the code works once; a second registration shows no new code")
    func activationEndToEnd() async throws {
        let clock = ManualClock()
        try await withXuanren(settings: { $0.clock = clock }) { app in
            let store = app.xuanrenStore
            let f = try await CompetitionFixture.registering(store, seconds: 600)
            let g = try await CompetitionFixture.registering(store, seconds: 600)
            _ = try await CompetitionFixture.cadre(store, "网上报名者", 61, unitCode: "fin")
            let b = Browser(app, language: "zh-Hans")
            let (ok, code) = try await Self.register(b, f.matter, CompetitionFixture.resident(61))
            #expect(ok.status == .ok && ok.body.string.contains("报名已提交") && ok.body.string.contains("激活码"))
            let c = try #require(code)
            // the sign-in page before activation: the password is not set yet, the answer is the generic one
            #expect(try await Self.signIn(b, CompetitionFixture.resident(61)).status == .unauthorized)
            // a common password is refused with the policy's message; nothing is spent
            let weak = try await Self.activate(b, CompetitionFixture.resident(61), c, password: "password12")
            #expect(weak.status == .badRequest)
            let done = try await Self.activate(b, CompetitionFixture.resident(61), c)
            #expect(done.status == .seeOther && done.headers.first(name: .location) == ApplicantRoute.home.path)
            let home = try await b.get(ApplicantRoute.home.path)
            #expect(home.status == .ok && home.body.string.contains("副局长") && home.body.string.contains("尚未审查") && home.body.string.contains("财政局中层干部"))
            // the applicant's session is not a staff session
            #expect(try await b.get("/dashboard").headers.first(name: .location)?.hasPrefix(AuthRoute.login.path) == true)
            // sign out, sign in with the password; the code again is refused
            let out = try await b.submit(from: ApplicantRoute.home.path, to: ApplicantRoute.logout.path, [:])
            #expect(out.status == .seeOther)
            #expect(try await b.get(ApplicantRoute.home.path).headers.first(name: .location) == ApplicantRoute.login.path)
            #expect(try await Self.activate(b, CompetitionFixture.resident(61), c, password: "Other-pass-2026").status == .unauthorized)
            let signed = try await Self.signIn(b, CompetitionFixture.resident(61))
            #expect(signed.status == .seeOther && signed.headers.first(name: .location) == ApplicantRoute.home.path)
            // a registration in another matter: no new code, the account's sign-in named; both on the applicant's page
            let anon = Browser(app, language: "zh-Hans")
            let (second, none) = try await Self.register(anon, g.matter, CompetitionFixture.resident(61), position: "p2")
            #expect(second.status == .ok && none == nil && second.body.string.contains("您已有报名人账号"))
            let both = try await b.get(ApplicantRoute.home.path).body.string
            #expect(both.components(separatedBy: "<section class=\"card\">").count - 1 == 2)
            #expect(both.contains("办公室主任"))
            // English
            let en = Browser(app, language: "en")
            #expect(try await en.get(ApplicantRoute.login.path).body.string.contains("Activation code"))
        }
    }

    @Test("ELG-8 the applicant switches position on their page before the closing second (in the ledger as their own switch); after it the switch is refused in words; another applicant's registration can be neither read nor switched")
    func switchAndAttacker() async throws {
        let clock = ManualClock()
        try await withXuanren(settings: { $0.clock = clock }) { app in
            let store = app.xuanrenStore
            let f = try await CompetitionFixture.registering(store, seconds: 600)
            _ = try await CompetitionFixture.cadre(store, "甲报名人", 71, unitCode: "fin")
            _ = try await CompetitionFixture.cadre(store, "乙报名人", 72, unitCode: "fin")
            let a = Browser(app, language: "zh-Hans")
            let (_, codeA) = try await Self.register(a, f.matter, CompetitionFixture.resident(71))
            let other = try await store.registerApplicant(f.matter, position: "p1", resident: CompetitionFixture.resident(72), form: nil)
            #expect(try await Self.activate(a, CompetitionFixture.resident(71), try #require(codeA)).status == .seeOther)
            let mine = try #require(try await store.applicants(f.matter, by: .system()).first { $0.name == "甲报名人" })
            // nothing of the other applicant on the page
            let page = try await a.get(ApplicantRoute.home.path).body.string
            #expect(page.contains("副局长"))
            #expect(!page.contains("乙报名人") && !page.contains(other.applicant.uuidString) && !page.contains(CompetitionFixture.resident(72)))
            #expect(page.contains(ApplicantRoute.switchPosition(applicant: mine.id).path))
            // the other applicant's registration: not found, unchanged
            let attack = try await a.submit(from: ApplicantRoute.home.path, to: ApplicantRoute.switchPosition(applicant: other.applicant).path, ["position": "p2"])
            #expect(attack.status == .notFound && !attack.body.string.contains("乙报名人"))
            #expect(try await store.applicants(f.matter, by: .system()).first { $0.id == other.applicant }?.positionID == "p1")
            // the staff switch route stays closed to an applicant's session
            let staff = try await a.submit(from: ApplicantRoute.home.path, to: CompetitionRoute.switchPosition(f.matter, applicant: mine.id).path, ["position": "p2"])
            #expect(staff.status == .unauthorized || staff.status == .forbidden)
            // the own switch, before the closing second
            let ok = try await a.submit(from: ApplicantRoute.home.path, to: ApplicantRoute.switchPosition(applicant: mine.id).path, ["position": "p2"])
            #expect(ok.status == .seeOther)
            #expect(try await store.applicants(f.matter, by: .system()).first { $0.id == mine.id }?.positionID == "p2")
            #expect(try await store.ledgerEntries(limit: 5).first?.action == CompetitionLedgerAction.selfSwitch.rawValue)
            #expect(try await a.get(ApplicantRoute.home.path).body.string.contains("已改报职位"))
            // the closing second: refused in words, nothing changed
            await clock.advance(by: 600, settle: 0)
            let late = try await a.submit(from: ApplicantRoute.home.path, to: ApplicantRoute.switchPosition(applicant: mine.id).path, ["position": "p1"])
            #expect(late.status == .conflict && late.body.string.contains("截止"))
            #expect(try await store.applicants(f.matter, by: .system()).first { $0.id == mine.id }?.positionID == "p2")
        }
    }

    @Test("ELG-8 applicant sign-in is throttled: after five wrong passwords the number is locked (429), even for the right password; an unregistered number gets the same 401 and the same lock")
    func throttled() async throws {
        let clock = ManualClock()
        try await withXuanren(settings: { $0.clock = clock }) { app in
            let store = app.xuanrenStore
            let f = try await CompetitionFixture.registering(store, seconds: 600)
            _ = try await CompetitionFixture.cadre(store, "报名人", 81, unitCode: "fin")
            let b = Browser(app, language: "zh-Hans")
            let (_, code) = try await Self.register(b, f.matter, CompetitionFixture.resident(81))
            #expect(try await Self.activate(b, CompetitionFixture.resident(81), try #require(code)).status == .seeOther)
            let attacker = Browser(app, language: "zh-Hans")
            var known: [TestingHTTPResponse] = [], unknown: [TestingHTTPResponse] = []
            for _ in 1 ... 5 {
                known.append(try await Self.signIn(attacker, CompetitionFixture.resident(81), password: "Wrong-pass-2026"))
                unknown.append(try await Self.signIn(attacker, CompetitionFixture.resident(82), password: "Wrong-pass-2026"))
            }
            #expect(known.prefix(4).allSatisfy { $0.status == .unauthorized } && unknown.prefix(4).allSatisfy { $0.status == .unauthorized })
            #expect(known[4].status == .tooManyRequests && unknown[4].status == .tooManyRequests)
            // the same words for a registered and an unregistered number
            #expect(known[0].body.string.contains("身份证号码或密码不正确") && unknown[0].body.string.contains("身份证号码或密码不正确"))
            let right = try await Self.signIn(attacker, CompetitionFixture.resident(81))
            #expect(right.status == .tooManyRequests && right.body.string.contains("分钟后再试"))
        }
    }

    @Test("EXM-9 ELG-6 the applicant's page shows the admission number, room and seat, the published written score and the lowest score that went on; a failed condition in words")
    func scoresAndReasons() async throws {
        let clock = ManualClock()
        try await withXuanren(settings: { $0.clock = clock }) { app in
            let store = app.xuanrenStore
            let system = ActingUser.system("organizer")
            let (f, ids, codes) = try await CompetitionFixture.sealed(store, clock: clock, accounts: true)
            let papers = try await store.gradingPapers(f.matter, by: .system()).papers.map(\.code)
            for (i, c) in papers.enumerated() { try await store.grade(f.matter, code: c, score: Int64(70 + i) * 10_000, by: .system()) }
            try await store.openExamKey(f.matter, by: .system())
            try await store.publishProgression(f.matter, by: system)
            let b = Browser(app, language: "zh-Hans")
            #expect(try await Self.activate(b, CompetitionFixture.resident(101), codes[0]).status == .seeOther)
            let me = try #require(try await store.applicants(f.matter, by: .system()).first { $0.id == ids[0] })
            let page = try await b.get(ApplicantRoute.home.path).body.string
            #expect(page.contains(try #require(me.admission)) && page.contains("第一考场") && page.contains("合格"))
            #expect(page.contains("笔试成绩：") && page.contains("入围面试最低分："))
            // nobody else's admission number
            for other in try await store.applicants(f.matter, by: .system()) where other.id != me.id {
                #expect(!page.contains(try #require(other.admission)))
            }
            // ELG-6: a registration that failed the review, with the condition in words
            let g = try await CompetitionFixture.registering(store, seconds: 100, maxAge: 30)
            _ = try await store.registerApplicant(g.matter, position: "p1", resident: CompetitionFixture.resident(101), form: nil)
            await clock.advance(by: 100, settle: 0)
            try await store.advanceMatter(g.matter, by: system)
            try await store.reviewApplicants(g.matter, by: system)
            let again = try await b.get(ApplicantRoute.home.path).body.string
            #expect(again.contains("不合格原因"))
        }
    }

    @Test("An applicant's session reaches no staff route: every route that is not public nor the applicant's own is refused; a staff session does not open the applicant's page")
    func noStaffRoute() async throws {
        let clock = ManualClock()
        try await withXuanren(settings: { $0.clock = clock }) { app in
            let store = app.xuanrenStore
            let f = try await CompetitionFixture.registering(store, seconds: 600)
            _ = try await CompetitionFixture.cadre(store, "报名人", 91, unitCode: "fin")
            let b = Browser(app, language: "zh-Hans")
            let (_, code) = try await Self.register(b, f.matter, CompetitionFixture.resident(91))
            #expect(try await Self.activate(b, CompetitionFixture.resident(91), try #require(code)).status == .seeOther)
            let csrf = Browser.csrf(in: try await b.get(ApplicantRoute.home.path).body.string) ?? ""
            var reached: [String] = []
            for route in SiteRoutes.all where route.access != .everyone && route.access != .applicant {
                let res = try await b.request(route.method, route.path, form: route.method == .GET ? nil : ["_csrf": csrf])
                let toLogin = res.headers.first(name: .location)?.hasPrefix(AuthRoute.login.path) == true
                if !([.unauthorized, .forbidden, .notFound].contains(res.status) || (res.status == .seeOther && toLogin)) {
                    reached.append("\(route.method.rawValue) \(route.path): \(res.status.code)")
                }
            }
            #expect(reached.isEmpty, "an applicant's session reached: \(reached)")
            // the applicant's session is still there; a staff account does not open the applicant's page
            #expect(try await b.get(ApplicantRoute.home.path).status == .ok)
            let staff = try await InspectionWebTests.account(app, "o-fin", "organizer", on: "fin")
            #expect(try await staff.get(ApplicantRoute.home.path).headers.first(name: .location) == ApplicantRoute.login.path)
            #expect(try await staff.submit(from: "/dashboard", to: ApplicantRoute.switchPosition(applicant: UUID()).path, ["position": "p2"]).status == .unauthorized)
        }
    }
}
