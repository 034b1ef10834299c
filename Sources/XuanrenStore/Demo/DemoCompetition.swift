import FluentKit
import Foundation
import SelectionCore

/// The demo county's competitive selection (竞争上岗, SEL-2) of 交通运输局's two 副科级 posts, in registration: open
/// for fourteen days from seeding, with registry cadres registered (most qualify, some do not, for the review's
/// reasons in words), and seven more judge accounts (`judge2` … `judge8`, the demo password) so that an interview
/// panel can be drawn by lot. Everything goes through the same store operations as the pages.
enum DemoCompetition {
    static func seed(_ store: Store, hasher: any PasswordHashing) async throws {
        let system = ActingUser.system("demo")
        let tree = try await store.unitTree()
        guard let trans = tree.units.first(where: { $0.code == "trans" }) else { return }
        let today = store.today
        var conditions = PositionConditions(referenceDate: today.yearMonth, targetGrade: 3)
        conditions.maxAge = 45; conditions.minEducation = .bachelor; conditions.minYearsOfWork = 3; conditions.assessmentYears = 3
        let ladder = try await store.registrySettings().ladder
        let found = try await store.whoQualifies(conditions, by: system, limit: 200)
        let qualified = found.qualified.filter { !ladder.isLeadership($0.row.rank) }.map(\.row.id)
        let near = found.nearMisses.filter { !ladder.isLeadership($0.row.rank) }.map(\.row.id)
        guard qualified.count >= 8 else { return }
        let positions = [MatterPosition(id: "p1", unitID: trans.id, unitName: trans.name, post: "综合股股长", grade: 3, posts: 1, conditions: conditions),
                         MatterPosition(id: "p2", unitID: trans.id, unitName: trans.name, post: "运输管理股股长", grade: 3, posts: 1, conditions: conditions)]
        var plan = MatterPlan(positions: positions, procedure: Procedure(.internalCompetition))
        plan.scope = "全县符合条件的科员及以上干部"
        plan.timetable = "报名14天，资格审查、笔试、面试、民主推荐、考察于两个月内完成"
        plan.discipline = "严守考试纪律，严禁请托说情、拉票贿选；监督电话12380"
        plan.settings.openingRatioInternal = 3
        plan.settings.weightLeaders = 50; plan.settings.weightStaff = 50; plan.settings.weightRepresentatives = 0
        let id = try await store.createMatter(title: "青岚县交通运输局股长竞争上岗", unitID: trans.id, plan: plan, by: system)
        try await store.publishMatterPlan(id, by: system)
        let now = Int64(store.ledger.clock.now.timeIntervalSince1970)
        // closes at 17:00 Beijing time fourteen days on
        let closes = Int64(today.adding(days: 14).daysSinceEpoch) * 86_400 + 9 * 3600
        try await store.openRegistration(id, opens: now, closes: closes, by: system)
        let people = Array(qualified.prefix(8)) + Array(near.prefix(2))
        for (i, cadreID) in people.enumerated() {
            guard let cadre = try await CadreRecord.find(cadreID, on: store.db), let resident = cadre.residentID else { continue }
            _ = try? await store.register(id, position: i % 2 == 0 ? "p1" : "p2", channel: i % 3 == 0 ? .organizational : .selfNominated,
                                          resident: resident, form: nil, by: system)
        }
        try await seedOpenSelection(store, closes: closes)
        // judges for a panel of seven drawn by lot (EXM-4): the demo `judge` and seven more
        let hash = try await hasher.hash(DemoCounty.password)
        for k in 2 ... 8 {
            let name = "judge\(k)"
            let key = try await store.makeCustodianKey(password: DemoCounty.password)
            try await store.write { tx in
                let rec = AccountRecord(username: name, displayName: "面试考官\(k)", passwordHash: hash, mustChangePassword: true, createdAt: Store.now())
                try await rec.create(on: tx.db)
                try await store.saveCustodianKey(accountID: rec.id!, key, on: tx.db)
                try await tx.record(LedgerEvent(actor: "demo", action: AccountLedgerAction.create, subjectType: "account", subjectID: name,
                                                payload: ["mustChangePassword": true]))
            }
            try await store.grant(username: name, role: Role.judge.rawValue, unitCode: "org", actor: "demo")
        }
    }

    /// A 公开选拔 (SEL-1) of 城关镇's two 副镇长 posts, open to applicants from outside the registry, in registration,
    /// with a few outside applicants registered through the form of the 任免审批表.
    static func seedOpenSelection(_ store: Store, closes: Int64) async throws {
        let system = ActingUser.system("demo")
        let tree = try await store.unitTree()
        guard let town = tree.units.first(where: { $0.code == "chengguan" }) else { return }
        var conditions = PositionConditions(referenceDate: store.today.yearMonth, targetGrade: 3)
        conditions.maxAge = 40; conditions.minEducation = .bachelor; conditions.minYearsOfWork = 3
        var plan = MatterPlan(positions: [MatterPosition(id: "p1", unitID: town.id, unitName: town.name, post: "副镇长", grade: 3, posts: 2, conditions: conditions)],
                              procedure: Procedure(.openSelection))
        plan.scope = "面向全市符合条件的公务员和参照公务员法管理单位工作人员"
        plan.timetable = "报名14天，资格审查、笔试、面试、考察于三个月内完成"
        plan.discipline = "严守考试纪律，诚信报名；监督电话12380"
        plan.settings.openingRatioOpen = 3
        plan.disclosure = .everyone   // 公开选拔: results public (DIS-1)
        let id = try await store.createMatter(title: "青岚县城关镇副镇长公开选拔", unitID: town.id, plan: plan, by: system)
        try await store.publishMatterPlan(id, by: system)
        try await store.openRegistration(id, closes: closes, by: system)
        let names = ["林海涛", "王若溪", "陈思远", "黄嘉怡", "郑文博"]
        for (i, name) in names.enumerated() {
            let digits = "350121" + String(1986 + i) + "0" + String(3 + i) + "15" + String(101 + i)
            var f = ApplicantForm(name: name, workStart: YearMonth(year: 2012 + i % 3, month: 8), grade: 2 + i % 2, gradeSince: YearMonth(year: 2019, month: 3))
            f.fullTimeEducation = i == 4 ? .juniorCollege : .bachelor
            f.partyMember = true; f.unit = ["邻县发改局", "市交通运输局", "邻县城关镇", "市财政局", "邻县农业农村局"][i]; f.post = "科员"
            f.assessments = [store.today.year - 3: .competent, store.today.year - 2: .competent, store.today.year - 1: .excellent]
            _ = try? await store.register(id, position: "p1", channel: .selfNominated, resident: digits + ResidentID.checkCharacter(for: digits), form: f, by: .anonymous)
        }
    }
}
