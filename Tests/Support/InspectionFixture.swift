import Foundation
import SelectionCore
import XuanrenStore

/// A selection matter brought to its inspection stage, for the inspection and gate tests (store and web): one
/// position (副局长 of the unit), one registry cadre nominated, consolidated, chosen for inspection and the matter
/// advanced into inspection — by the system, as the command line would. The team and the notice are left to the test.
public struct InspectionFixture: Sendable {
    public var matter: UUID
    /// The person in the matter (chosen for inspection).
    public var person: UUID
    /// The person's registry file.
    public var cadre: UUID
    public var unit: UUID

    public init(matter: UUID, person: UUID, cadre: UUID, unit: UUID) { self.matter = matter; self.person = person; self.cadre = cadre; self.unit = unit }

    /// A registry file that qualifies for a 正科 post: 副科级 since 2020, assessments 称职 and better. `birth` lets a
    /// test make its date of birth disagree with the identity number (a blocking REG-4 finding).
    public static func cadreFile(_ name: String, id17: String = "35010219860412301", birth: String = "198604") -> CadreFile {
        var f = CadreFile()
        f.name = name; f.sex = "男"; f.birth = birth; f.ethnicity = "汉族"; f.workStart = "200807"; f.party = "201001"; f.nativePlace = "福建福州"
        f.residentID = id17 + ResidentID.checkCharacter(for: id17)
        f.fullTime = .init(level: "大学本科", degree: "学士", levelSchool: "厦门大学会计学专业")
        f.resume = "2004.09--2008.07  厦门大学会计学专业学习\n2008.07--2020.03  青岚县财政局科员（科员）\n2020.03--  青岚县财政局副局长（副科级）"
        f.rank = "副科级"; f.currentPost = "青岚县财政局副局长"
        let grades = "2021年度考核称职；2022年度考核称职；2023年度考核称职；2024年度考核称职；2025年度考核优秀"
        f.assessmentText = grades; f.assessments = CadreFile.assessments(in: grades)
        return f
    }

    /// The matter of `unitCode` (which must exist) in its inspection stage, with `file` saved in the unit's registry
    /// and chosen for inspection. `exceptional` marks the position 破格/越级 (CHK-5: a prior report is required).
    public static func inspecting(_ store: Store, unitCode: String, file: CadreFile, title: String = "财政局副局长选任", exceptional: Bool = false,
                                  stages: [StageKind] = [.initialNomination, .inspection, .committeeDecision, .publicity, .appointment],
                                  settings configure: (inout MatterSettings) -> Void = { _ in }) async throws -> InspectionFixture {
        let system = ActingUser.system("organizer")
        let units = try await store.units()
        guard let unit = units.first(where: { $0.code == unitCode }) else { throw InvalidInput(field: "unit", .notFound(unitCode)) }
        let cadre = try await store.saveCadre(file, unitID: unit.id, by: AccountInfo.wholeTree("organizer", units: units))
        var settings = MatterSettings()
        settings.competitiveStages = []   // one candidate for one post
        configure(&settings)
        let position = MatterPosition(id: "p1", unitID: unit.id, unitName: unit.name, post: "副局长", grade: 4, posts: 1,
                                      conditions: PositionConditions(referenceDate: YearMonth.today, targetGrade: 4), exceptional: exceptional)
        let plan = MatterPlan(positions: [position], procedure: try Procedure.custom(stages),
                              settings: settings, disclosure: .unit, scope: "本单位干部", timetable: "2026年", discipline: "严守换届纪律")
        let matter = try await store.createMatter(title: title, unitID: unit.id, plan: plan, by: system)
        try await store.publishMatterPlan(matter, by: system)
        let person = try await store.nominate(matter: matter, positionID: "p1", cadreID: cadre, channel: .assessment, note: "年度考核优秀", by: system)
        try await store.consolidateNominations(matter: matter, note: "各渠道提名已汇总", by: system)
        try await store.chooseForInspection(matter: matter, person: person, reason: "推荐和考核情况较好，符合任职条件", by: system)
        try await store.advanceMatter(matter, by: system)
        return InspectionFixture(matter: matter, person: person, cadre: cadre, unit: unit.id)
    }

    /// A team that meets INS-2: a standing-committee leader and an organization-department member, with `accounts`
    /// (existing accounts) as further members from the discipline commission.
    public static func team(leader: String = "陈国栋", accounts: [String] = []) -> [TeamMember] {
        [TeamMember(name: leader, background: .organization, leader: true, standingCommittee: true),
         TeamMember(name: "林组员", background: .organization)]
            + accounts.map { TeamMember(name: "组员\($0)", account: $0, background: .discipline) }
    }

    /// A team that meets INS-2 and the published notice: the matter's inspection work is open (its notice period
    /// still runs: a test that advances the matter moves its clock past it).
    public static func teamAndNotice(_ store: Store, _ f: InspectionFixture, accounts: [String] = []) async throws {
        let system = ActingUser.system("organizer")
        try await store.setInspectionTeam(matter: f.matter, members: team(accounts: accounts), by: system)
        try await store.publishInspectionNotice(matter: f.matter, method: "个别谈话、民主测评、查阅资料", contact: "0591-12345678", by: system)
    }

    /// Everything the inspection stage and the committee's gates wait for, recorded today (team, notice, talk,
    /// record, comparison, personal matters, integrity opinion and exam, an evaluation with 9 of 10 consenting);
    /// then `clock` moves past the notice period. A file with a blocking audit finding still blocks (REG-4).
    public static func prepareForCommittee(_ store: Store, _ f: InspectionFixture, clock: ManualClock, hasher: any PasswordHashing = PlainHasher()) async throws {
        let system = ActingUser.system("organizer")
        try await teamAndNotice(store, f)
        let today = store.today.description
        try await store.addMatterNote(matter: f.matter, kind: .inspectionTalk, person: f.person, day: today, fields: [.init("summary", "群众认可")], by: system)
        try await store.addMatterNote(matter: f.matter, kind: .materials, person: f.person, day: today,
                                      fields: [.init("strengths", "业务精通"), .init("shortcomings", "创新不足")], by: system)
        try await store.addMatterNote(matter: f.matter, kind: .comparison, person: nil, day: today, fields: [.init("position", "p1"), .init("text", "一人一岗")], by: system)
        try await store.recordPersonalMattersCheck(matter: f.matter, person: f.person, check: PersonalMattersCheck(date: store.today, consistent: true, handling: .none), by: system)
        let opinion = try await store.addMatterNote(matter: f.matter, kind: .bodyOpinion, person: f.person, day: today, fields: [],
                                                    opinion: BodyOpinion(body: "县纪委监委", requested: store.today, isIntegrity: true), by: system)
        try await store.answerOpinion(matter: f.matter, note: opinion, answered: today, answer: "未发现问题", negative: false, by: system)
        try await store.recordIntegrityExam(matter: f.matter, person: f.person, exam: IntegrityExam(date: store.today, score: 88), by: system)
        try await evaluate(store, f, voters: 10, consent: 9, hasher: hasher)
        await clock.advance(by: 6 * 86_400)
    }

    /// INS-3, BAL-6: the inspection's democratic evaluation held and counted — `consent` of `voters` rate the candidate
    /// 称职 or better overall, the others 不称职; the session's custodians are `TestCustodians` (made with `hasher`).
    /// With `create` false, the session was set up already (through the page) and is only voted on and closed.
    public static func evaluate(_ store: Store, _ f: InspectionFixture, voters: Int, consent: Int, hasher: any PasswordHashing = PlainHasher(),
                                create: Bool = true) async throws {
        let system = ActingUser.system("organizer")
        try await TestCustodians.ensure(store, hasher: hasher)
        if create {
            // INS-1: the evaluation is inspection work, after the notice
            if !(try await store.matterView(f.matter, by: system).items.contains { $0.kind == .inspectionNotice }) { try await teamAndNotice(store, f) }
            try await store.createInspectionEvaluation(matter: f.matter, entitled: voters, custodians: TestCustodians.plan, by: system)
        }
        guard let sid = try await store.matterView(f.matter, by: system).sessions.evaluation, let info = try await store.ballotSession(sid),
              case .evaluation(let s) = info.box.settings else { throw InvalidInput(field: "sessions", .required) }
        let codes = try await store.issueCodes(session: sid, category: "voters", count: voters, by: system)
        try await store.openBallotSession(sid, by: system)
        let tier = s.tiers[0].name
        for (i, code) in codes.enumerated() {
            let ratings = info.box.candidates.map { c in
                (candidate: c.id, items: s.items.map { (item: $0.id, tier: tier) } as [(item: String, tier: String)]?, overall: (i < consent ? "competent" : "incompetent") as String?)
            }
            _ = try await store.cast(session: sid, code: code, ballot: .evaluation(ratings: ratings))
        }
        try await store.closeBallotSession(sid, custodians: TestCustodians.confirmations(), by: system, hasher: hasher)
    }
}
