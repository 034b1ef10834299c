import Foundation
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
@testable import XuanrenWeb

/// The matter's pages over HTTP: the plan (SEL-9), nomination (NOM-1, NOM-3), the choice of whom to inspect (INS-8),
/// stage refusals in words, and disclosure by scope (DIS-1, DIS-2).
@Suite("Selection matters over HTTP")
struct MatterWebTests {
    static let procedureToInspection: [StageKind] = [.initialNomination, .inspection, .committeeDecision, .publicity, .appointment]

    /// The plan form's fields (as the plan page prints them) for one 财政局 副局长 post whose conditions every cadre
    /// with a complete file meets.
    static func planForm(_ app: Application, title: String, disclosure: DisclosureScope = .unit, stages: [StageKind]? = nil,
                         settings: (inout MatterSettings) -> Void = { _ in }) async throws -> [String: String] {
        let store = app.xuanrenStore
        let ladder = try await store.registrySettings().ladder
        let fin = try #require(try await store.units().first { $0.code == "fin" })
        var plan = MatterPlan(positions: [MatterPosition(id: "p1", unitID: fin.id, unitName: fin.name, post: "副局长", grade: 4, posts: 1, conditions: conditions())],
                              procedure: try stages.map(Procedure.custom) ?? Procedure(.organizational),
                              disclosure: disclosure, scope: "财政局在职干部", timetable: "2026年12月", discipline: "严守换届纪律")
        settings(&plan.settings)
        return MatterPlanForm.from(title: title, unit: fin.id, plan: plan, ladder: ladder).values
    }

    static func conditions() -> PositionConditions {
        var c = PositionConditions(referenceDate: YearMonth(year: 2026, month: 6), targetGrade: 4)
        c.crossGradeRule = false
        c.basicBlocksPromotion = false
        return c
    }

    /// Cadres of 财政局 who qualify (by name).
    static func qualified(_ app: Application, _ n: Int) async throws -> [(id: UUID, name: String)] {
        var c = conditions()
        c.unitCodes = ["fin"]
        let hits = try await app.xuanrenStore.whoQualifies(c, by: .system(), limit: n).qualified
        #expect(hits.count == n)
        return hits.map { ($0.row.id, $0.row.name) }
    }

    static func matterID(_ res: TestingHTTPResponse) throws -> UUID {
        let location = try #require(res.headers.first(name: .location))
        let parts = location.split(separator: "/")
        return try #require(UUID(uuidString: String(parts.last?.split(separator: "#").first ?? "")))
    }

    /// A matter created and published through the pages by `organizer`.
    static func publishedMatter(_ app: Application, _ organizer: Browser, _ form: [String: String]) async throws -> UUID {
        let created = try await organizer.submit(from: MatterRoute.new.path, to: MatterRoute.create.path, form)
        #expect(created.status == .seeOther)
        let id = try matterID(created)
        let published = try await organizer.submit(from: MatterRoute.show(id).path, to: MatterRoute.publish(id).path, ["confirm": "1"])
        #expect(published.status == .seeOther)
        return id
    }

    @Test("SEL-9: a published plan cannot be changed through the pages; an amendment needs the committee's decision and shows on the public page with its date")
    func SEL9_frozenPlanThroughThePages() async throws {
        try await withXuanren { app in
            let store = app.xuanrenStore
            let organizer = Browser(app)
            try await organizer.signIn("organizer")
            var form = try await Self.planForm(app, title: "财政局副局长选任", disclosure: .everyone)
            let created = try await organizer.submit(from: MatterRoute.new.path, to: MatterRoute.create.path, form)
            #expect(created.status == .seeOther)
            let id = try Self.matterID(created)
            // a draft's plan changes through its page
            form["s_noticeDays"] = "6"
            let revised = try await organizer.submit(from: MatterRoute.plan(id).path, to: MatterRoute.revise(id).path, form)
            #expect(revised.status == .seeOther)
            #expect(try await store.matter(id, by: .system()).matter.plan.settings.noticeDays == 6)
            // publishing asks for the confirmation that it freezes the plan
            let unconfirmed = try await organizer.submit(from: MatterRoute.show(id).path, to: MatterRoute.publish(id).path, [:])
            #expect(unconfirmed.status == .badRequest)
            #expect(unconfirmed.body.string.contains("SEL-9"))
            let published = try await organizer.submit(from: MatterRoute.show(id).path, to: MatterRoute.publish(id).path, ["confirm": "1"])
            #expect(published.status == .seeOther)

            // frozen: the draft's route refuses with the rule, whatever the form says
            form["s_noticeDays"] = "7"
            let frozen = try await organizer.submit(from: MatterRoute.show(id).path, to: MatterRoute.revise(id).path, form)
            #expect(frozen.status == .conflict)
            #expect(frozen.body.string.contains(MatterError.planFrozen.message(in: .zhHans)))
            let broken = try await organizer.submit(from: MatterRoute.show(id).path, to: MatterRoute.revise(id).path, ["title": ""])
            #expect(broken.status == .conflict)
            // the plan page of a published matter is the amendment form
            let amendPage = try await organizer.get(MatterRoute.plan(id).path).body.string
            #expect(amendPage.contains(MatterRoute.amend(id).path) && !amendPage.contains("action=\"\(MatterRoute.revise(id).path)\""))
            // an amendment without the decision is refused, naming the field, and nothing changes
            var amendment = form
            amendment["reason"] = "考察工作需要延长预告期"
            let noDecision = try await organizer.submit(from: MatterRoute.plan(id).path, to: MatterRoute.amend(id).path, amendment)
            #expect(noDecision.status == .badRequest)
            #expect(noDecision.body.string.contains("决定文号"))
            #expect(try await store.matter(id, by: .system()).matter.plan.settings.noticeDays == 6)
            // with the decision it changes, and the public page shows it with its date
            amendment["decision"] = "县委常委会2026年第12次会议"
            let amended = try await organizer.submit(from: MatterRoute.plan(id).path, to: MatterRoute.amend(id).path, amendment)
            #expect(amended.status == .seeOther)
            let after = try await store.matter(id, by: .system()).matter
            #expect(after.plan.settings.noticeDays == 7)
            #expect(after.amendments.map(\.decision) == ["县委常委会2026年第12次会议"])
            let anonymous = Browser(app)
            let page = try await anonymous.get(MatterRoute.publicPage(id).path)
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("方案调整") && html.contains("县委常委会2026年第12次会议") && html.contains("考察工作需要延长预告期"))
            #expect(html.contains("考察预告公示天数：6 → 7"))
            #expect(html.contains(store.today.description))
            // the matter page lists the change with its date
            let matterPage = try await organizer.get(MatterRoute.show(id).path).body.string
            #expect(matterPage.contains("县委常委会2026年第12次会议") && matterPage.contains(store.today.description))
        }
    }

    @Test("ELG-1, SEL-2: a refused plan names each field in the reader's language, a refused custom order says why, and nothing is written")
    func ELG1_refusedPlanWritesNothing() async throws {
        try await withXuanren { app in
            let organizer = Browser(app)
            try await organizer.signIn("organizer")
            let before = try await app.xuanrenStore.matters(visibleTo: .system()).total   // the demo's own
            var form = try await Self.planForm(app, title: "财政局副局长选任")
            form["s_weightLeaders"] = "50"
            form["s_maxNamed"] = "three"
            form["p0_posts"] = "0"
            let refused = try await organizer.submit(from: MatterRoute.new.path, to: MatterRoute.create.path, form)
            #expect(refused.status == .badRequest)
            let html = refused.body.string
            #expect(html.contains("每票最多推荐人数"))         // the figure that is no number, by its label
            #expect(html.contains("职位1·职数"))               // the position's field, with the position's number
            // the form comes back as typed
            #expect(html.contains("value=\"three\"") && html.contains("财政局副局长选任"))
            // the weights, once every figure is a number
            form["s_maxNamed"] = "3"
            form["p0_posts"] = "1"
            let weights = try await organizer.submit(from: MatterRoute.new.path, to: MatterRoute.create.path, form)
            #expect(weights.status == .badRequest)
            #expect(weights.body.string.contains("三类推荐人权重之和应为100%"))
            // SEL-2: a custom order the rules refuse, with the reason
            form["s_weightLeaders"] = "40"
            form["procedure"] = ProcedureKind.custom.rawValue
            for key in form.keys where key.hasPrefix("stage_") { form[key] = nil }
            for (i, s) in [StageKind.inspection, .initialNomination, .committeeDecision, .publicity, .appointment].enumerated() {
                form["stage_\(s.rawValue)"] = "1"; form["order_\(s.rawValue)"] = String(i + 1)
            }
            let order = try await organizer.submit(from: MatterRoute.new.path, to: MatterRoute.create.path, form)
            #expect(order.status == .badRequest)
            #expect(order.body.string.contains("“动议和初始提名”应在“考察”之前"))
            // in English too
            let english = Browser(app, language: "en")
            try await english.signIn("organizer", password: "Changed-pass-2026")
            form["s_weightLeaders"] = "50"
            form["procedure"] = ProcedureKind.organizational.rawValue
            let en = try await english.submit(from: MatterRoute.new.path, to: MatterRoute.create.path, form)
            #expect(en.status == .badRequest)
            #expect(en.body.string.contains("the three recommendation weights must add up to 100%"))
            #expect(try await app.xuanrenStore.matters(visibleTo: .system()).total == before)
        }
    }

    @Test("NOM-3: a nomination outside the channels is flagged to the organizer and the supervisor; NOM-1: the recommender is hidden from an inspector on the team")
    func NOM3_flagAndRecommenders() async throws {
        try await withXuanren { app in
            let store = app.xuanrenStore
            let organizer = Browser(app)
            try await organizer.signIn("organizer")
            let id = try await Self.publishedMatter(app, organizer, try await Self.planForm(app, title: "财政局副局长选任", stages: Self.procedureToInspection))
            let people = try await Self.qualified(app, 2)
            // the picker finds cadres by name in the organizer's registry
            let picker = try await organizer.get(MatterRoute.show(id).link(["q": people[0].name])).body.string
            #expect(picker.contains("value=\"\(people[0].id.uuidString)\""))
            let show = MatterRoute.show(id).path
            // a recommender is needed for a leader's channels
            let missing = try await organizer.submit(from: show, to: MatterRoute.nominate(id).path,
                                                     ["position": "p1", "cadre": people[0].id.uuidString, "channel": NominationChannel.singleLeader.rawValue])
            #expect(missing.status == .badRequest)
            #expect(missing.body.string.contains("推荐人：请填写推荐的领导干部姓名"))
            for (person, channel, recommender) in [(people[0], NominationChannel.singleLeader, "李书记"), (people[1], .leaderRecommendation, "张副县长")] {
                let res = try await organizer.submit(from: show, to: MatterRoute.nominate(id).path,
                                                     ["position": "p1", "cadre": person.id.uuidString, "channel": channel.rawValue, "recommender": recommender])
                #expect(res.status == .seeOther)
            }
            try await store.setInspectionTeam(matter: id, members: [
                TeamMember(name: "陈国栋", background: .organization, leader: true, standingCommittee: true),
                TeamMember(name: "林组员", account: "inspector", background: .organization),
            ], by: .system("organizer"))

            let organizerPage = try await organizer.get(show).body.string
            #expect(organizerPage.contains("NOM-3") && organizerPage.contains("李书记") && organizerPage.contains("张副县长"))
            let supervisor = Browser(app)
            try await supervisor.signIn("supervisor")
            let supervisorPage = try await supervisor.get(show)
            #expect(supervisorPage.status == .ok)
            #expect(supervisorPage.body.string.contains("NOM-3") && supervisorPage.body.string.contains("李书记"))
            let inspector = Browser(app)
            try await inspector.signIn("inspector")
            let inspectorPage = try await inspector.get(show)
            #expect(inspectorPage.status == .ok)
            let html = inspectorPage.body.string
            #expect(html.contains(people[0].name) && html.contains(people[1].name))
            #expect(!html.contains("李书记") && !html.contains("张副县长"))
            // the team member acts on nothing of the organizer's
            #expect(!html.contains(MatterRoute.nominate(id).path) && !html.contains(MatterRoute.advance(id).path))
            // an organizer of another unit sees nothing
            _ = try await store.createAccount(username: "edu-org", displayName: "教育局组织员", password: "Edu-organizer-2026", mustChangePassword: false, actor: "t", hasher: app.passwordHasher)
            try await store.grant(username: "edu-org", role: Role.organizer.rawValue, unitCode: "edu", actor: "t")
            let outsider = Browser(app)
            try await outsider.signIn("edu-org", password: "Edu-organizer-2026")
            #expect(try await outsider.get(show).status == .forbidden)
            #expect(!(try await outsider.get(MatterRoute.list.path).body.string.contains("财政局副局长选任")))
        }
    }

    @Test("INS-8: whom to inspect is chosen with a reason beside all the evidence; a refused advance lists every reason with its rule")
    func INS8_chooseWithReason() async throws {
        try await withXuanren { app in
            let organizer = Browser(app)
            try await organizer.signIn("organizer")
            let id = try await Self.publishedMatter(app, organizer, try await Self.planForm(app, title: "财政局副局长选任", stages: Self.procedureToInspection) { $0.competitiveStages = [] })
            let show = MatterRoute.show(id).path
            let person = try #require(try await Self.qualified(app, 1).first)
            #expect(try await organizer.submit(from: show, to: MatterRoute.nominate(id).path,
                                               ["position": "p1", "cadre": person.id.uuidString, "channel": NominationChannel.assessment.rawValue]).status == .seeOther)
            let page = try await organizer.get(show).body.string
            #expect(page.contains("不简单以票取人"))
            let pid = try #require(try await app.xuanrenStore.matterView(id, by: .system()).people.first).id
            #expect(page.contains(MatterRoute.choose(id, person: pid).path))
            // a refused advance: every reason, with its rule
            let refused = try await organizer.submit(from: show, to: MatterRoute.advance(id).path, [:])
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains("尚未汇总各渠道提名（记实汇总）（NOM-2）"))
            #expect(refused.body.string.contains("考察对象应不少于职数1（现有0名）（SEL-8）"))
            let noReason = try await organizer.submit(from: show, to: MatterRoute.choose(id, person: pid).path, ["reason": " "])
            #expect(noReason.status == .badRequest)
            #expect(noReason.body.string.contains("不简单以票取人"))
            #expect(try await organizer.submit(from: show, to: MatterRoute.choose(id, person: pid).path, ["reason": "年度考核优秀，群众公认"]).status == .seeOther)
            #expect(try await organizer.submit(from: show, to: MatterRoute.consolidate(id).path, ["note": "一个渠道"]).status == .seeOther)
            let advanced = try await organizer.submit(from: show, to: MatterRoute.advance(id).path, [:])
            #expect(advanced.status == .seeOther)
            let after = try await organizer.get(show).body.string
            #expect(after.contains("年度考核优秀，群众公认"))
            #expect(after.contains("INS-1"))   // the inspection now waits for its notice
            #expect(after.contains(InspectionRoute.page(id).path))
        }
    }

    @Test("DIS-2: a unit-scoped matter shows nothing on the public page, the feed or the home page to anonymous readers or another unit, and its items to the unit; DIS-1: nothing from talks, nominees or gates is ever published")
    func DIS2_scopeAndNothingUnpublished() async throws {
        try await withXuanren { app in
            let store = app.xuanrenStore
            let system = ActingUser.system("organizer")
            let fin = try #require(try await store.units().first { $0.code == "fin" })
            let people = try await Self.qualified(app, 2)
            var plan = MatterPlan(positions: [MatterPosition(id: "p1", unitID: fin.id, unitName: fin.name, post: "副局长", grade: 4, posts: 1, conditions: Self.conditions())],
                                  disclosure: .unit, timetable: "时间安排甲")
            plan.settings.competitiveStages = []
            let id = try await store.createMatter(title: "财政局副局长选任甲", unitID: fin.id, plan: plan, by: system)
            try await store.publishMatterPlan(id, by: system)
            var persons: [UUID] = []
            for p in people { persons.append(try await store.nominate(matter: id, positionID: "p1", cadreID: p.id, channel: .leaderRecommendation, recommender: "王推荐人", by: system)) }
            try await store.consolidateNominations(matter: id, note: "汇总备注乙", by: system)
            try await store.advanceMatter(id, by: system)
            try await store.addMatterNote(matter: id, kind: .recommendationTalk, person: nil, day: store.today.description,
                                          fields: [.init("talkedTo", "谈话对象丙"), .init("summary", "谈话机密内容丁")], by: system)
            try await store.placeHold(matter: id, person: persons[0], reason: "举报核查戊", by: system)
            // a public draft: nothing is published before the plan is
            var draftPlan = plan
            draftPlan.disclosure = .everyone
            let draft = try await store.createMatter(title: "尚未发布的事项己", unitID: fin.id, plan: draftPlan, by: system)

            _ = try await store.createAccount(username: "fin-clerk", displayName: "财政局录入员", password: "Fin-clerk-2026x", mustChangePassword: false, actor: "t", hasher: app.passwordHasher)
            try await store.grant(username: "fin-clerk", role: Role.clerk.rawValue, unitCode: "fin", actor: "t")
            _ = try await store.createAccount(username: "edu-clerk", displayName: "教育局录入员", password: "Edu-clerk-2026x", mustChangePassword: false, actor: "t", hasher: app.passwordHasher)
            try await store.grant(username: "edu-clerk", role: Role.clerk.rawValue, unitCode: "edu", actor: "t")
            let anonymous = Browser(app)
            let finClerk = Browser(app); try await finClerk.signIn("fin-clerk", password: "Fin-clerk-2026x")
            let eduClerk = Browser(app); try await eduClerk.signIn("edu-clerk", password: "Edu-clerk-2026x")
            let organizer = Browser(app); try await organizer.signIn("organizer")
            let supervisor = Browser(app); try await supervisor.signIn("supervisor")

            let secrets = people.map(\.name) + ["王推荐人", "汇总备注乙", "谈话对象丙", "谈话机密内容丁", "举报核查戊", "尚未发布的事项己"]
            for (who, b, sees) in [("anonymous", anonymous, false), ("edu", eduClerk, false), ("fin", finClerk, true), ("organizer", organizer, true), ("supervisor", supervisor, true)] {
                let page = try await b.get(MatterRoute.publicPage(id).path)
                let feed = try await b.get(MatterRoute.feed.path)
                let home = try await b.get(PublicRoute.home.path).body.string
                let draftPage = try await b.get(MatterRoute.publicPage(draft).path).body.string
                #expect(page.status == .ok, "\(who)")
                #expect(feed.headers.contentType?.subType == "atom+xml")
                for (name, body) in [("page", page.body.string), ("feed", feed.body.string), ("home", home)] {
                    #expect(body.contains("财政局副局长选任甲") == sees, "\(who) \(name)")
                    #expect(body.contains("时间安排甲") == (sees && name != "home"), "\(who) \(name)")
                    for s in secrets { #expect(!body.contains(s), "\(who) \(name) shows “\(s)”") }
                }
                #expect(!draftPage.contains("尚未发布的事项己"), "\(who)")
            }
            // and nothing of it through a guessed address either: an unknown matter looks the same
            let unknown = try await anonymous.get(MatterRoute.publicPage(UUID()).path)
            #expect(unknown.status == .ok)
        }
    }

    @Test("The matter list, the dashboard card and the menu show a user's matters with what each waits for")
    func listAndDashboard() async throws {
        try await withXuanren { app in
            let organizer = Browser(app)
            try await organizer.signIn("organizer")
            let id = try await Self.publishedMatter(app, organizer, try await Self.planForm(app, title: "财政局副局长选任"))
            let list = try await organizer.get(MatterRoute.list.path).body.string
            #expect(list.contains("财政局副局长选任") && list.contains(MatterRoute.show(id).path) && list.contains(MatterRoute.new.path))
            let dashboard = try await organizer.get(DashboardRoute.dashboard.path).body.string
            #expect(dashboard.contains("财政局副局长选任") && dashboard.contains("NOM-2"))
            #expect(dashboard.contains(">选任事项<"))
            let clerk = Browser(app)
            try await clerk.signIn("clerk")
            #expect(!(try await clerk.get(DashboardRoute.dashboard.path).body.string.contains(">选任事项<")))
            #expect(try await clerk.get(MatterRoute.list.path).status == .forbidden)
        }
    }
}
