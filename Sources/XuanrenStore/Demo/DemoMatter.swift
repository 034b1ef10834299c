import Foundation
import SelectionCore

/// The demo county's selection matter, part-way: a 组织选拔 for 财政局副局长 (SEL-6) — nominated through the
/// channels (NOM-1), consolidated (NOM-2), recommended by a meeting vote and talks (BAL-1, BAL-5), two people
/// chosen with reasons (INS-8), the inspection notice out (INS-1) and the inspection under way — so that a
/// newcomer sees the flow at once. Everything goes through the same store operations as the pages.
enum DemoMatter {
    static func seed(_ store: Store, hasher: any PasswordHashing) async throws {
        let system = ActingUser.system("demo")
        let tree = try await store.unitTree()
        guard let fin = tree.units.first(where: { $0.code == "fin" }) else { return }
        let today = store.today
        var conditions = PositionConditions(referenceDate: today.yearMonth, targetGrade: 3)
        conditions.maxAge = 50; conditions.minEducation = .bachelor; conditions.minYearsOfWork = 5; conditions.assessmentYears = 3
        conditions.unitCodes = ["fin"]
        // who qualifies among 财政局's 科员 and 股长 (the registry's engine; sitting leaders are no candidates for a post
        // of their own rank); the demo needs three
        let ladder = try await store.registrySettings().ladder
        let found = try await store.whoQualifies(conditions, by: system, limit: 100).qualified.filter { !ladder.isLeadership($0.row.rank) }.map(\.row.id)
        guard found.count >= 3 else { return }
        var plan = MatterPlan(positions: [MatterPosition(id: "p1", unitID: fin.id, unitName: fin.name, post: "副局长", grade: 3, posts: 1, conditions: conditions)])
        plan.scope = "青岚县财政局及县直机关符合条件的干部"
        plan.timetable = "民主推荐、考察、讨论决定于两个月内完成"
        plan.discipline = "严格执行“十严禁”纪律要求，严禁拉票贿选、跑官要官；监督电话12380"
        plan.settings.weightLeaders = 50; plan.settings.weightStaff = 50; plan.settings.weightRepresentatives = 0
        let id = try await store.createMatter(title: "青岚县财政局副局长选拔", unitID: fin.id, plan: plan, by: system)
        try await store.publishMatterPlan(id, by: system)
        let channels: [(NominationChannel, String)] = [(.assessment, ""), (.leaderRecommendation, "县委副书记 林某"), (.democraticCommunication, ""), (.selfRecommendation, "")]
        for (i, cadre) in found.prefix(4).enumerated() {
            try await store.nominate(matter: id, positionID: "p1", cadreID: cadre, channel: channels[i].0, recommender: channels[i].1, note: "", by: system)
        }
        try await store.consolidateNominations(matter: id, note: "汇总年度考核提名、领导定向推荐、民主沟通和个人自荐", by: system)
        try await store.advanceMatter(id, by: system)

        // the meeting vote and the talk recommendation, with three demo accounts as custodians
        let custodians = CustodianPlan(names: ["organizer", "supervisor", "inspector"], threshold: 2)
        try await store.createRecommendationVotes(matter: id, leaders: 6, staff: 14, representatives: 0, talkVoters: 10, custodians: custodians, by: system)
        let view = try await store.matterView(id, by: system)
        guard let meeting = view.sessions.meeting, let talk = view.sessions.talk else { return }
        let ids = view.people.filter { $0.qualified == true }.indices.map { "n\($0 + 1)" }
        func rankings(_ n: Int) -> [[String]] {
            (0 ..< n).map { i in
                // the first two named most often; the others now and then
                i % 5 == 4 ? [ids[1], ids[0]] + ids.dropFirst(2).prefix(1) : i % 3 == 2 ? [ids[1], ids.last!] : [ids[0], ids[1]]
            }
        }
        let confirm = [CustodianConfirmation(username: "organizer", password: DemoCounty.password), CustodianConfirmation(username: "supervisor", password: DemoCounty.password)]
        try await store.openBallotSession(meeting, by: system)
        for (category, count) in [("leaders", 6), ("staff", 14)] {
            let codes = try await store.issueCodes(session: meeting, category: category, count: count, by: system)
            for (code, ranking) in zip(codes, rankings(count)) { _ = try await store.cast(session: meeting, code: code, ballot: .recommendation(category: category, ranking: ranking)) }
        }
        try await store.closeBallotSession(meeting, custodians: confirm, by: system, hasher: hasher)
        try await store.openBallotSession(talk, by: system)
        let codes = try await store.issueCodes(session: talk, category: "talk", count: 10, by: system)
        for (code, ranking) in zip(codes, rankings(10)) { _ = try await store.cast(session: talk, code: code, ballot: .recommendation(category: "talk", ranking: ranking)) }
        try await store.closeBallotSession(talk, custodians: confirm, by: system, hasher: hasher)
        try await store.addMatterNote(matter: id, kind: .recommendationTalk, person: nil, day: today.description,
                                      fields: [.init("talkedTo", "财政局班子成员"), .init("member", "孙立群"), .init("recommended", view.people[0].name), .init("summary", "认为其熟悉预算管理，工作扎实")], by: system)

        // INS-8: two people chosen with reasons (SEL-8 差额考察), the results published
        let people = try await store.matterView(id, by: system).people.filter { $0.doubleMajority?.passes == true }
        for p in people.prefix(2) {
            try await store.chooseForInspection(matter: id, person: p.id, reason: "民主推荐得票较高（第\(p.recommendationRank ?? 0)名），分管工作实绩突出，群众公认度高", by: system)
        }
        guard people.count >= 2 else { return }
        try await store.publishRecommendationResults(matter: id, by: system)
        try await store.advanceMatter(id, by: system)
        try await store.setInspectionTeam(matter: id, members: [
            TeamMember(name: "陈国栋", account: "committee", background: .organization, leader: true, standingCommittee: true),
            TeamMember(name: "孙立群", account: "inspector", background: .organization),
            TeamMember(name: "何正清", account: "supervisor", background: .discipline),
        ], by: system)
        try await store.publishInspectionNotice(matter: id, method: "个别谈话、发放征求意见表、民主测评、实地走访、查阅资料、与考察对象面谈", contact: "县委组织部干部监督室 0594-1234567", by: system)
        try await store.addMatterNote(matter: id, kind: .inspectionTalk, person: people[0].id, day: today.description,
                                      fields: [.init("with", "财政局预算股干部"), .init("summary", "工作认真负责，敢于担当")], by: system)
    }
}
