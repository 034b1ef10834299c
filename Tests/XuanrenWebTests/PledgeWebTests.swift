import Foundation
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
@testable import XuanrenWeb

/// Pledge campaigns over HTTP (DIS-3): an organizer creates and opens one, a clerk records a signed paper pledge, the
/// forms print; the rules show on the registration, voting and matter pages of the unit.
@Suite("Pledge pages")
struct PledgeWebTests {
    @Test("DIS-3 a campaign created and opened from the pages, a pledge recorded once, the A4 forms; the rules shown on the apply, vote and matter pages; a neighbouring clerk refused")
    func campaignThroughThePages() async throws { try await Self.campaign(.sqlite) }

    @Test("DIS-3 the pledge pages (PostgreSQL)", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
    func campaignOnPostgres() async throws { try await Self.campaign(.postgres) }

    static func campaign(_ db: TestDatabase) async throws {
        try await withXuanren(db) { app in
            let store = app.xuanrenStore
            let system = ActingUser.system("test")
            let fin = try #require(try await store.units().first { $0.code == "fin" })
            let organizer = Browser(app, language: "zh-Hans")
            try await organizer.signIn("organizer")
            // the demo's county-wide campaign is listed
            let list = try await organizer.get(PledgeRoute.list.path)
            #expect(list.status == .ok && list.body.string.contains("青岚县2026年县乡领导班子换届"))
            let form = try await organizer.get(PledgeRoute.new.path)
            #expect(form.status == .ok && form.body.string.contains("【默认示例"))
            // a refused form keeps what was typed and names the field
            let bad = try await organizer.submit(from: PledgeRoute.new.path, to: PledgeRoute.create.path, ["unit": fin.id.uuidString, "name": "", "deadline": store.today.description,
                                                                                                          "pledgeText": "本人承诺", "rules": "规则甲"])
            #expect(bad.status == .badRequest && bad.body.string.contains("规则甲"))
            let created = try await organizer.submit(from: PledgeRoute.new.path, to: PledgeRoute.create.path, [
                "unit": fin.id.uuidString, "name": "财政局2026年换届", "deadline": store.today.adding(days: 7).description,
                "pledgeText": "本人郑重承诺严守换届纪律。", "rules": "财政局换届纪律：严禁拉票ZX91",
            ])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers.first(name: .location))
            let id = try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
            #expect(try await organizer.get(PledgeRoute.show(id).path).body.string.contains("草拟"))
            #expect(try await organizer.submit(from: PledgeRoute.show(id).path, to: PledgeRoute.open(id).path, [:]).status == .seeOther)
            let again = try await organizer.submit(from: PledgeRoute.show(id).path, to: PledgeRoute.open(id).path, [:])
            #expect(again.status == .conflict && again.body.string.contains("DIS-3"))

            // the clerk of the organization department records a 财政局 cadre's paper pledge, once
            let cadres = try await store.pledgeCampaign(id, by: system).cadres
            let cadre = try #require(cadres.first)
            let clerk = Browser(app, language: "zh-Hans")
            try await clerk.signIn("clerk")
            let page = try await clerk.get(PledgeRoute.show(id).path)
            #expect(page.status == .ok && page.body.string.contains(cadre.name) && page.body.string.contains("未签署"))
            let sign = ["cadre": cadre.id.uuidString, "signed": store.today.description]
            #expect(try await clerk.submit(from: PledgeRoute.show(id).path, to: PledgeRoute.sign(id).path, sign).status == .seeOther)
            let twice = try await clerk.submit(from: PledgeRoute.show(id).path, to: PledgeRoute.sign(id).path, sign)
            #expect(twice.status == .conflict && twice.body.string.contains("不能重复登记"))
            let after = try await store.pledgeCampaign(id, by: system)
            #expect(after.row.summary.signed == 1 && after.cadres.first { $0.id == cadre.id }?.pledge?.recordedBy == "clerk")
            // the forms: one A4 page for each cadre who has not signed, or the one asked for
            let printed = try await clerk.get(PledgeRoute.print(id).path)
            #expect(printed.status == .ok && printed.body.string.contains("严肃换届纪律承诺书") && printed.body.string.contains("严禁拉票ZX91"))
            #expect(printed.body.string.components(separatedBy: "class=\"pledge-form\"").count - 1 == cadres.count - 1)
            let one = try await clerk.get(PledgeRoute.print(id).link(["cadre": cadres.last!.id.uuidString]))
            #expect(one.body.string.components(separatedBy: "class=\"pledge-form\"").count - 1 == 1)

            // a neighbouring unit's clerk reads nothing of it and records nothing
            try await store.createAccount(username: "educlerk", displayName: "教育局文书", password: "Pledge-2026-ok", mustChangePassword: false, actor: "test", hasher: app.passwordHasher)
            try await store.grant(username: "educlerk", role: "clerk", unitCode: "edu", actor: "test")
            let neighbour = Browser(app)
            try await neighbour.signIn("educlerk", password: "Pledge-2026-ok")
            #expect(try await neighbour.get(PledgeRoute.show(id).path).status == .forbidden)
            let refused = try await neighbour.submit(from: DashboardRoute.dashboard.path, to: PledgeRoute.sign(id).path, ["cadre": cadres.last!.id.uuidString, "signed": store.today.description])
            #expect(refused.status == .forbidden)

            // the participants: a 财政局 registration page, a vote of 财政局, the matter page — the nearest campaign's rules
            let competition = try await CompetitionFixture.registering(store, unitCode: "fin", seconds: 86_400)
            let apply = try await Browser(app, language: "zh-Hans").get(CompetitionRoute.apply(competition.matter).path)
            #expect(apply.status == .ok && apply.body.string.contains("严禁拉票ZX91") && apply.body.string.contains("财政局2026年换届"))
            let box = BallotBox(title: "财政局表决", settings: .approval(BallotSettings.Approval(members: 9)), candidates: [Candidate(id: "c1", name: "王明")], ballots: [])
            let session = try await store.createBallotSession(unitCode: "fin", box: box, actor: "organizer")
            _ = try await store.issueCodes(session: session, category: "members", count: 1, actor: "organizer")
            try await store.openBallotSession(session, actor: "organizer")
            let vote = try await Browser(app).get(VoteRoute.start(session).path)
            #expect(vote.status == .ok && vote.body.string.contains("<details") && vote.body.string.contains("严禁拉票ZX91"))
            // a vote of a matter (the demo's 教育局 evaluation): its plan's discipline and the county's rules
            let edu = try #require(try await store.matters(visibleTo: system).rows.first { $0.title == "青岚县教育局办公室主任选拔" })
            let evaluation = try #require(try await store.matterView(edu.id, by: system).sessions.evaluation)
            let shown = try await store.participantDiscipline(session: evaluation)
            #expect(shown.plan == "严守组织人事纪律；监督电话12380" && shown.campaignName == "青岚县2026年县乡领导班子换届")
            let evaluationPage = try await Browser(app).get(VoteRoute.start(evaluation).path).body.string
            #expect(evaluationPage.contains("严守组织人事纪律") && evaluationPage.contains("【默认示例"))
            let matterPage = try await organizer.get(MatterRoute.show(competition.matter).path)
            #expect(matterPage.status == .ok && matterPage.body.string.contains("严禁拉票ZX91"))
            // closed: the county's campaign is the nearest again
            #expect(try await organizer.submit(from: PledgeRoute.show(id).path, to: PledgeRoute.close(id).path, [:]).status == .seeOther)
            let later = try await Browser(app).get(VoteRoute.start(session).path).body.string
            #expect(!later.contains("严禁拉票ZX91") && later.contains("【默认示例"))
        }
    }
}
