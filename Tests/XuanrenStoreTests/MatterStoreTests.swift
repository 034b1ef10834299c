import Foundation
import SelectionCore
import Testing
@testable import XuanrenStore
import XuanrenTestSupport

/// A 组织选拔 matter for a 副局长 post run through the store from 动议 to "ready for the committee", with the
/// guards, the gates and the scope checked on the way (SQLite and PostgreSQL).
enum MatterChecks {
    struct World {
        var store: Store
        var clock: ManualClock
        var fin: UUID
        var organizer: ActingUser
        var supervisor: ActingUser
        var inspector: ActingUser
        var neighbour: ActingUser
        var cadres: [UUID]
    }

    /// 2026-05-04 10:00 in Shanghai.
    static let start = Date(timeIntervalSince1970: 1_777_860_000)

    static func world(_ store: Store, _ clock: ManualClock) async throws -> World {
        try await store.createUnit(code: "county", name: "青岚县委", kind: "party-committee", parentCode: nil, actor: "t")
        try await store.createUnit(code: "org", name: "青岚县委组织部", kind: "organization", parentCode: "county", actor: "t")
        try await store.createUnit(code: "jw", name: "青岚县纪委监委", kind: "discipline", parentCode: "county", actor: "t")
        let fin = try await store.createUnit(code: "fin", name: "青岚县财政局", kind: "bureau", parentCode: "county", actor: "t").id
        try await store.createUnit(code: "edu", name: "青岚县教育局", kind: "bureau", parentCode: "county", actor: "t")
        let organizer = try await RegistryScopeChecks.account(store, "orgorg", "organizer", on: "org")
        let supervisor = try await RegistryScopeChecks.account(store, "jwsup", "supervisor", on: "jw")
        let inspector = try await RegistryScopeChecks.account(store, "insp", "inspector", on: "org")
        let neighbour = try await RegistryScopeChecks.account(store, "eduorg", "organizer", on: "edu")
        var cadres: [UUID] = []
        for (i, name) in ["王立新", "李明", "张华"].enumerated() {
            var f = RegistryChecks.person(name, id17: "3501021986041230\(i + 1)", birth: "198604", rank: "科员", since: "2020.03")
            if i == 2 { f.workStart = "199801" }   // before age 16: a blocking audit finding (REG-4)
            cadres.append(try await store.saveCadre(f, unitID: fin, actor: "t"))
        }
        try await TestCustodians.ensure(store)
        return World(store: store, clock: clock, fin: fin, organizer: organizer, supervisor: supervisor, inspector: inspector, neighbour: neighbour, cadres: cadres)
    }

    static func plan(_ fin: UUID) -> MatterPlan {
        var c = PositionConditions(referenceDate: YearMonth(year: 2026, month: 5), targetGrade: 3)
        c.maxAge = 45; c.minEducation = .bachelor; c.assessmentYears = 3
        var p = MatterPlan(positions: [MatterPosition(id: "p1", unitID: fin, unitName: "青岚县财政局", post: "副局长", grade: 3, posts: 1, conditions: c)])
        p.scope = "青岚县财政局在职干部"
        // no 两代表一委员 in a bureau's own recommendation: their weight goes to the other two (BAL-1 settings)
        p.settings.weightLeaders = 50; p.settings.weightStaff = 50; p.settings.weightRepresentatives = 0
        return p
    }

    static func closeWith(_ w: World, _ id: UUID, _ ballots: [(String, Ballot)]) async throws {
        try await w.store.openBallotSession(id, by: w.organizer)
        for (category, ballot) in ballots {
            let code = try #require(try await w.store.issueCodes(session: id, category: category, count: 1, by: w.organizer).first)
            _ = try await w.store.cast(session: id, code: code, ballot: ballot)
        }
        try await w.store.closeBallotSession(id, custodians: TestCustodians.confirmations(), by: w.organizer, hasher: PlainHasher())
    }

    static func day(_ w: World, plus days: Int) async { await w.clock.set(start.addingTimeInterval(Double(days) * 86_400)) }

    static func flow(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: start)
        try await db.withStore(clock: clock) { store, _ in
            let w = try await world(store, clock)
            let id = try await store.createMatter(title: "财政局副局长选拔", unitID: w.fin, plan: plan(w.fin), by: w.organizer)
            // the neighbouring unit's organizer neither sees nor changes it
            await #expect(throws: NotPermitted.self) { try await store.matterView(id, by: w.neighbour) }
            await #expect(throws: NotPermitted.self) { try await store.publishMatterPlan(id, by: w.neighbour) }
            #expect(try await store.matters(visibleTo: w.neighbour).total == 0)
            #expect(try await store.matters(visibleTo: w.supervisor).rows.map(\.id) == [id])

            // SEL-9: publishing freezes the plan
            try await store.publishMatterPlan(id, by: w.organizer)
            var changed = plan(w.fin); changed.settings.noticeDays = 7
            await #expect(throws: MatterError.planFrozen) { try await store.reviseMatterPlan(id, plan: changed, by: w.organizer) }
            try await store.amendMatterPlan(id, plan: changed, reason: "春节假期顺延", decision: "县委常委会〔2026〕5号", by: w.organizer)
            var v = try await store.matterView(id, by: w.organizer)
            #expect(v.matter.plan.settings.noticeDays == 7 && v.matter.amendments.count == 1)
            #expect(v.items.map(\.kind) == [.plan, .amendment])
            #expect(v.matter.current == .initialNomination)

            // NOM-1/NOM-3 and ELG-6; the guard refuses before consolidation
            let a = try await store.nominate(matter: id, positionID: "p1", cadreID: w.cadres[0], channel: .leaderRecommendation, recommender: "县长 陈某", by: w.organizer)
            let b = try await store.nominate(matter: id, positionID: "p1", cadreID: w.cadres[1], channel: .assessment, by: w.organizer)
            let c = try await store.nominate(matter: id, positionID: "p1", cadreID: w.cadres[2], channel: .singleLeader, recommender: "某副书记", by: w.organizer)
            await #expect(throws: MatterError.self) { try await store.advanceMatter(id, by: w.organizer) }
            try await store.consolidateNominations(matter: id, note: "四个渠道汇总", by: w.organizer)
            v = try await store.matterView(id, by: w.organizer)
            #expect(v.people.count == 3 && v.people.allSatisfy { $0.qualified == true })
            #expect(v.people.first { $0.id == c }?.flagged == true)
            #expect(v.people.first { $0.id == a }?.nominations.first?.recommender == "县长 陈某")
            try await store.advanceMatter(id, by: w.organizer)
            #expect(try await store.matterView(id, by: w.organizer).matter.current == .democraticRecommendation)

            // BAL-1/BAL-5: the two votes, made from the matter
            try await store.createRecommendationVotes(matter: id, leaders: 2, staff: 2, representatives: 0, talkVoters: 3, custodians: TestCustodians.plan, by: w.organizer)
            v = try await store.matterView(id, by: w.organizer)
            let meeting = try #require(v.sessions.meeting), talk = try #require(v.sessions.talk)
            try await closeWith(w, meeting, [("leaders", .recommendation(category: "leaders", ranking: ["n1", "n2"])), ("leaders", .recommendation(category: "leaders", ranking: ["n1", "n3"])),
                                             ("staff", .recommendation(category: "staff", ranking: ["n2", "n1", "n3"])), ("staff", .recommendation(category: "staff", ranking: ["n3", "n2"]))])
            try await closeWith(w, talk, [("talk", .recommendation(category: "talk", ranking: ["n1", "n3"])), ("talk", .recommendation(category: "talk", ranking: ["n1", "n2", "n3"])),
                                          ("talk", .recommendation(category: "talk", ranking: ["n3"]))])
            await #expect(throws: MatterError.self) { try await store.advanceMatter(id, by: w.organizer) }   // no individual talk recorded
            try await store.addMatterNote(matter: id, kind: .recommendationTalk, person: nil, day: "2026-05-04",
                                          fields: [.init("talkedTo", "财政局干部甲"), .init("recommended", "王立新"), .init("summary", "认为王立新业务熟悉")], by: w.organizer)
            v = try await store.matterView(id, by: w.organizer)
            #expect(v.people.first { $0.id == a }?.doubleMajority?.passes == true)
            #expect(v.people.first { $0.id == b }?.doubleMajority?.passes == false)   // 1 of 3 in the talks
            #expect(v.people.first { $0.id == a }?.recommendationRank == 1)
            // SEL-8 差额考察 by default: two people for one post, chosen with reasons (INS-8), only with the double majority (BAL-5)
            await #expect(throws: MatterError.self) { try await store.advanceMatter(id, by: w.organizer) }
            await #expect(throws: InvalidInput.self) { try await store.chooseForInspection(matter: id, person: b, reason: "业务骨干", by: w.organizer) }
            await #expect(throws: InvalidInput.self) { try await store.chooseForInspection(matter: id, person: a, reason: "  ", by: w.organizer) }
            try await store.chooseForInspection(matter: id, person: a, reason: "推荐得票第一，分管预算工作实绩突出", by: w.organizer)
            try await store.chooseForInspection(matter: id, person: c, reason: "谈话推荐得票较高，基层经历丰富", by: w.organizer)
            try await store.publishRecommendationResults(matter: id, by: w.organizer)
            try await store.advanceMatter(id, by: w.organizer)
            #expect(try await store.matterView(id, by: w.organizer).matter.current == .inspection)

            // INS-1: no inspection work before the notice (the evaluation included); INS-2: the notice needs a proper team
            await #expect(throws: MatterError.self) { try await store.createInspectionEvaluation(matter: id, entitled: 3, custodians: TestCustodians.plan, by: w.organizer) }
            await #expect(throws: MatterError.self) {
                try await store.addMatterNote(matter: id, kind: .inspectionTalk, person: a, day: "2026-05-04", fields: [.init("summary", "x")], by: w.organizer)
            }
            try await store.setInspectionTeam(matter: id, members: [TeamMember(name: "刘组长", background: .organization, leader: true),
                                                                    TeamMember(name: "考察员", account: "insp", background: .discipline)], by: w.organizer)
            await #expect(throws: MatterError.self) { try await store.publishInspectionNotice(matter: id, method: "个别谈话、民主测评", contact: "0591-1234567", by: w.organizer) }
            try await store.setInspectionTeam(matter: id, members: [TeamMember(name: "刘组长", background: .organization, leader: true, standingCommittee: true),
                                                                    TeamMember(name: "考察员", account: "insp", background: .discipline)], by: w.organizer)
            try await store.publishInspectionNotice(matter: id, method: "个别谈话、民主测评、实地走访", contact: "0591-1234567", by: w.organizer)
            #expect(try await store.matters(visibleTo: w.inspector).rows.map(\.id) == [id])
            for (p, text) in [(a, "群众认为王立新作风扎实"), (c, "张华群众基础较好")] {
                try await store.addMatterNote(matter: id, kind: .inspectionTalk, person: p, day: "2026-05-04", fields: [.init("talkedTo", "局领导"), .init("summary", text)], by: w.inspector)
                try await store.addMatterNote(matter: id, kind: .materials, person: p, day: "2026-05-04", fields: [.init("strengths", "熟悉业务"), .init("shortcomings", "创新不足")], by: w.inspector)
                try await store.recordPersonalMattersCheck(matter: id, person: p, check: PersonalMattersCheck(date: CivilDay("2026-05-04")!, consistent: true, handling: .none), by: w.inspector)
                let op = try await store.addMatterNote(matter: id, kind: .bodyOpinion, person: p, day: "2026-05-04", fields: [.init("body", "县纪委监委")],
                                                       opinion: BodyOpinion(body: "县纪委监委", requested: CivilDay("2026-05-04")!, isIntegrity: true), by: w.organizer)
                try await store.answerOpinion(matter: id, note: op, answered: "2026-05-04", answer: "未发现问题", negative: false, by: w.organizer)
                try await store.recordIntegrityExam(matter: id, person: p, exam: IntegrityExam(date: CivilDay("2026-05-07")!, score: 86), by: w.organizer)
            }
            try await store.addMatterNote(matter: id, kind: .comparison, person: nil, day: "2026-05-04", fields: [.init("position", "p1"), .init("analysis", "王立新综合素质较优")], by: w.organizer)
            // talks are the team's and the supervisors' to read: the organizer off the team sees that one exists
            v = try await store.matterView(id, by: w.organizer)
            #expect(v.notes.filter { $0.kind == .inspectionTalk }.allSatisfy { $0.withheld && $0.fields.isEmpty })
            #expect(try await store.matterView(id, by: w.inspector).notes.contains { $0.value("summary") == "群众认为王立新作风扎实" })
            // BAL-6: the inspection's democratic evaluation
            try await store.createInspectionEvaluation(matter: id, entitled: 3, custodians: TestCustodians.plan, by: w.organizer)
            let evaluation = try #require(try await store.matterView(id, by: w.organizer).sessions.evaluation)
            func rating(_ c: String, _ overall: String) -> (candidate: String, items: [(item: String, tier: String)]?, overall: String?) {
                (candidate: c, items: VirtueItem.allCases.map { (item: $0.rawValue, tier: "good") }, overall: overall)
            }
            try await closeWith(w, evaluation, (0 ..< 3).map { _ in ("voters", .evaluation(ratings: [rating("k1", "competent"), rating("k2", "excellent")])) })

            // INS-1: the notice runs its 7 days (the amended figure) before the inspection can end
            await #expect(throws: MatterError.self) { try await store.advanceMatter(id, by: w.organizer) }
            await day(w, plus: 7)
            // CAS-3: a supervisor's hold keeps 王立新 back; REG-4: 张华's file has an unresolved blocking finding
            try await store.placeHold(matter: id, person: a, reason: "收到反映，核查中", by: w.supervisor)
            await #expect(throws: NotPermitted.self) { try await store.placeHold(matter: id, person: a, reason: "x", by: w.neighbour) }
            do {
                try await store.advanceMatter(id, by: w.organizer)
                Issue.record("advanced with a hold and an audit finding")
            } catch let e as MatterError {
                guard case .guardFailed(_, let refusals) = e else { Issue.record("\(e)"); return }
                #expect(Set(refusals.map(\.rule)) == ["CAS-3", "REG-4"])
            }
            try await store.liftHold(matter: id, person: a, index: 0, reason: "经核查，反映问题不属实", by: w.supervisor)
            let dossier = try #require(try await store.dossier(w.cadres[2]))
            for f in dossier.findings where f.severity == .blocking {
                try await store.resolveFinding(cadreID: w.cadres[2], key: f.key, reason: "经核实，参加工作时间以招工表为准", by: w.organizer)
            }
            try await store.advanceMatter(id, by: w.organizer)
            v = try await store.matterView(id, by: w.organizer)
            #expect(v.matter.readyForCommittee)
            #expect(v.people.filter(\.isTarget).allSatisfy { $0.gateResults.allSatisfy(\.passes) })
            // LED-1: every step is in the ledger, without the talks' content or the recommender's name
            let entries = try await store.ledgerEntries(subjectType: "matter", subjectID: id.uuidString, limit: 500)
            #expect(entries.filter { $0.action == MatterLedgerAction.advance.rawValue }.count == 3)
            #expect(!entries.contains { $0.payload.contains("陈某") || $0.payload.contains("作风扎实") })
            // DIS-2: the plan's scope is the unit: nothing for the public, the items for the unit's organizer
            #expect(try await store.publishedItems(for: .anonymous, matter: id).isEmpty)
            #expect(try await store.publishedItems(for: w.organizer, matter: id).map(\.kind).contains(.inspectionNotice))
        }
    }
}

extension ManualClock {
    /// Moves the clock to `date` (forward only).
    func set(_ date: Date) async { await advance(by: date.timeIntervalSince(now), settle: 0) }
}

@Suite("Matters on SQLite")
struct MatterSQLiteTests {
    @Test("SEL-6 组织选拔 through the store: SEL-9 frozen plan and amendment, NOM-1/NOM-3 channels, ELG-6 review, NOM-2 consolidation guard, BAL-1/BAL-5 votes from the matter, INS-8/BAL-5 choice, INS-1 notice, INS-2 team, CAS-3 hold, REG-4 audit gate blocks then passes, DIS-2, a neighbouring unit refused")
    func flow() async throws { try await MatterChecks.flow(.sqlite) }
}

@Suite("Matters on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable))
struct MatterPostgresTests {
    @Test("SEL-6 组织选拔 through the store on PostgreSQL")
    func flow() async throws { try await MatterChecks.flow(.postgres) }
}
