import Foundation
import SelectionCore

/// The demo county's second matter, at the door of the committee: a 教育局办公室主任 selection whose inspection is
/// done — team, notice (published for one day, INS-1), talk, record, comparison, personal-matters check, integrity
/// opinion and exam, and the democratic evaluation — and 教育局's committee roster of seven (the `committee` demo
/// account among them). From the day after seeding it goes to the committee (DEC), then publicity, appointment and
/// probation. Everything goes through the same store operations as the pages.
enum DemoDecision {
    static func seed(_ store: Store, hasher: any PasswordHashing) async throws {
        let system = ActingUser.system("demo")
        let tree = try await store.unitTree()
        guard let edu = tree.units.first(where: { $0.code == "edu" }) else { return }
        let today = store.today
        var conditions = PositionConditions(referenceDate: today.yearMonth, targetGrade: 4)
        conditions.maxAge = 50; conditions.minEducation = .bachelor; conditions.minYearsOfWork = 5; conditions.assessmentYears = 3
        conditions.unitCodes = ["edu"]
        // a 副科级 of 教育局 (the plan's scope), not the 局长 who already holds the grade
        guard let cadre = try await store.whoQualifies(conditions, by: system, limit: 100).qualified.first(where: { $0.row.rank == "副科级" })?.row.id else { return }
        conditions.unitCodes = []
        var plan = MatterPlan(positions: [MatterPosition(id: "p1", unitID: edu.id, unitName: edu.name, post: "办公室主任", grade: 4, posts: 1, conditions: conditions)],
                              procedure: try Procedure.custom([.initialNomination, .inspection, .committeeDecision, .publicity, .appointment, .probation]))
        plan.scope = "青岚县教育局符合条件的副科级干部"
        plan.timetable = "考察、讨论决定、任前公示于一个月内完成"
        plan.discipline = "严守组织人事纪律；监督电话12380"
        plan.settings.competitiveStages = []
        plan.settings.noticeDays = 1
        let id = try await store.createMatter(title: "青岚县教育局办公室主任选拔", unitID: edu.id, plan: plan, by: system)
        try await store.publishMatterPlan(id, by: system)
        let person = try await store.nominate(matter: id, positionID: "p1", cadreID: cadre, channel: .assessment, note: "年度考核优秀", by: system)
        try await store.consolidateNominations(matter: id, note: "年度考核提名，经动议确定", by: system)
        try await store.chooseForInspection(matter: id, person: person, reason: "近三年考核均为优秀，分管工作实绩突出，符合任职条件", by: system)
        try await store.advanceMatter(id, by: system)
        try await store.setInspectionTeam(matter: id, members: [
            TeamMember(name: "陈国栋", account: "committee", background: .organization, leader: true, standingCommittee: true),
            TeamMember(name: "孙立群", account: "inspector", background: .organization),
        ], by: system)
        try await store.publishInspectionNotice(matter: id, method: "个别谈话、民主测评、查阅资料", contact: "县委组织部干部监督室 0594-1234567", by: system)
        let day = today.description
        try await store.addMatterNote(matter: id, kind: .inspectionTalk, person: person, day: day, fields: [.init("with", "教育局班子成员"), .init("summary", "组织协调能力强，群众认可")], by: system)
        try await store.addMatterNote(matter: id, kind: .materials, person: person, day: day,
                                      fields: [.init("strengths", "政治素质好，熟悉教育管理，实绩突出"), .init("shortcomings", "开拓创新还需加强")], by: system)
        try await store.addMatterNote(matter: id, kind: .comparison, person: nil, day: day, fields: [.init("position", "p1"), .init("text", "一人一岗，人岗相适")], by: system)
        try await store.recordPersonalMattersCheck(matter: id, person: person, check: PersonalMattersCheck(date: today, consistent: true, handling: .none), by: system)
        let opinion = try await store.addMatterNote(matter: id, kind: .bodyOpinion, person: person, day: day, fields: [],
                                                    opinion: BodyOpinion(body: "县纪委监委", requested: today, isIntegrity: true), by: system)
        try await store.answerOpinion(matter: id, note: opinion, answered: day, answer: "未发现违纪违法问题", negative: false, by: system)
        try await store.recordIntegrityExam(matter: id, person: person, exam: IntegrityExam(date: today, score: 92), by: system)
        // the inspection's democratic evaluation: 20 voters, 19 rating the candidate 称职 or better (BAL-6)
        let custodians = CustodianPlan(names: ["organizer", "supervisor", "inspector"], threshold: 2)
        try await store.createInspectionEvaluation(matter: id, entitled: 20, custodians: custodians, by: system)
        guard let sid = try await store.matterView(id, by: system).sessions.evaluation, let info = try await store.ballotSession(sid),
              case .evaluation(let s) = info.box.settings else { return }
        let codes = try await store.issueCodes(session: sid, category: "voters", count: 20, by: system)
        try await store.openBallotSession(sid, by: system)
        for (i, code) in codes.enumerated() {
            let ratings = info.box.candidates.map { c in
                (candidate: c.id, items: s.items.map { (item: $0.id, tier: s.tiers[0].name) } as [(item: String, tier: String)]?, overall: (i < 19 ? "competent" : "incompetent") as String?)
            }
            _ = try await store.cast(session: sid, code: code, ballot: .evaluation(ratings: ratings))
        }
        let confirm = [CustodianConfirmation(username: "organizer", password: DemoCounty.password), CustodianConfirmation(username: "supervisor", password: DemoCounty.password)]
        try await store.closeBallotSession(sid, custodians: confirm, by: system, hasher: hasher)
        // 教育局's committee roster (DEC-1: quorum and approval count all seven)
        let members: [(String, String, String?)] = [("林志远", "县委书记", nil), ("陈国栋", "县委副书记", "committee"), ("黄海燕", "县委常委、组织部部长", nil),
                                                     ("周文斌", "县委常委、纪委书记", nil), ("吴建华", "县委常委、宣传部部长", nil), ("郑丽娟", "县委常委、统战部部长", nil),
                                                     ("许明辉", "县委常委、常务副县长", nil)]
        for (name, title, account) in members {
            try await store.addCommitteeMember(unit: edu.id, name: name, title: title, account: account, by: system)
        }
    }
}
