import Foundation
import SelectionCore
import XuanrenStore

/// A competitive matter (竞争上岗 or 公开选拔) of 青岚县财政局 published and in registration, with its window open,
/// for the registration, review and exam tests (store and web). Positions: p1 副局长 (1 post), p2 办公室主任 (1 post).
public struct CompetitionFixture: Sendable {
    public var matter: UUID
    public var unit: UUID

    /// Identity numbers of invented applicants (valid check characters), `n` from 1.
    public static func resident(_ n: Int, born: String = "19860412") -> String {
        let id17 = "350102" + born + String(format: "%03d", n)
        return id17 + ResidentID.checkCharacter(for: id17)
    }

    /// Saves a qualifying registry file in `unitCode` with identity number `resident(n)` (born `born`).
    public static func cadre(_ store: Store, _ name: String, _ n: Int, unitCode: String, born: String = "19860412",
                             family: [CadreFile.Relative] = []) async throws -> UUID {
        let units = try await store.units()
        guard let unit = units.first(where: { $0.code == unitCode }) else { throw InvalidInput(field: "unit", .notFound(unitCode)) }
        var f = InspectionFixture.cadreFile(name, id17: String(resident(n, born: born).prefix(17)), birth: String(born.prefix(6)))
        f.currentPost = unit.name + "干部"
        f.family = family
        return try await store.saveCadre(f, unitID: unit.id, by: AccountInfo.wholeTree("organizer", units: units))
    }

    /// An outside applicant's form that meets the conditions (副科级 since 2019, 大学本科).
    public static func form(_ name: String) -> ApplicantForm {
        var f = ApplicantForm(name: name, workStart: YearMonth(year: 2009, month: 7), grade: 3, gradeSince: YearMonth(year: 2019, month: 5))
        f.fullTimeEducation = .bachelor
        f.partyMember = true
        f.unit = "邻县财政局"; f.post = "科长"; f.phone = "13800000000"
        f.assessments = [2023: .competent, 2024: .competent, 2025: .excellent]
        f.resume = "2009.07--2019.05 邻县财政局科员\n2019.05-- 邻县财政局科长"
        return f
    }

    /// The matter of `unitCode`, published with `procedure`, registration open for `seconds` from the store's now.
    /// Position conditions: grade 4 (one above 副科级), age at most `maxAge`.
    public static func registering(_ store: Store, unitCode: String = "fin", procedure: ProcedureKind = .internalCompetition,
                                   seconds: Int64 = 3600, maxAge: Int = 45,
                                   settings configure: (inout MatterSettings) -> Void = { _ in }) async throws -> CompetitionFixture {
        let system = ActingUser.system("organizer")
        let units = try await store.units()
        guard let unit = units.first(where: { $0.code == unitCode }) else { throw InvalidInput(field: "unit", .notFound(unitCode)) }
        var settings = MatterSettings()
        settings.openingRatioInternal = 3
        settings.openingRatioOpen = 2
        configure(&settings)
        var c1 = PositionConditions(referenceDate: YearMonth.today, targetGrade: 4); c1.maxAge = maxAge
        let positions = [MatterPosition(id: "p1", unitID: unit.id, unitName: unit.name, post: "副局长", grade: 4, posts: 1, conditions: c1),
                         MatterPosition(id: "p2", unitID: unit.id, unitName: unit.name, post: "办公室主任", grade: 4, posts: 1, conditions: c1)]
        let plan = MatterPlan(positions: positions, procedure: Procedure(procedure), settings: settings, disclosure: .unit,
                              scope: "全县副科级干部", timetable: "2026年", discipline: "严守考试纪律")
        let matter = try await store.createMatter(title: "财政局中层干部\(procedure.title(in: .zhHans))", unitID: unit.id, plan: plan, by: system)
        try await store.publishMatterPlan(matter, by: system)
        let now = Int64(store.ledger.clock.now.timeIntervalSince1970)
        try await store.openRegistration(matter, closes: now + seconds, by: system)
        return CompetitionFixture(matter: matter, unit: unit.id)
    }
}

extension CompetitionFixture {
    /// The fixture's matter (units must exist) brought to its sealed written exam: `count` registry applicants of
    /// `unitCode` registered for p1, reviewed and confirmed, p2 dropped, the papers sealed (single grading). The
    /// clock passes the closing time.
    public static func sealed(_ store: Store, clock: ManualClock, unitCode: String = "fin", count: Int = 3, rules: ScoringRules? = nil,
                              names: [String]? = nil, families: [Int: [CadreFile.Relative]] = [:]) async throws -> (CompetitionFixture, [UUID]) {
        let (f, ids, _) = try await sealed(store, clock: clock, unitCode: unitCode, count: count, rules: rules, names: names, families: families, accounts: false)
        return (f, ids)
    }

    /// As `sealed`; with `accounts`, each applicant registered through the public form's path (`registerApplicant`),
    /// with the activation code of their applicant account (identity numbers `resident(101…)`).
    public static func sealed(_ store: Store, clock: ManualClock, unitCode: String = "fin", count: Int = 3, rules: ScoringRules? = nil,
                              names: [String]? = nil, families: [Int: [CadreFile.Relative]] = [:], accounts: Bool) async throws -> (CompetitionFixture, [UUID], [String]) {
        let system = ActingUser.system("organizer")
        let f = try await registering(store, unitCode: unitCode, seconds: 100)
        if let rules { try await store.setScoring(f.matter, rules, by: system) }
        var ids: [UUID] = [], codes: [String] = []
        for n in 1 ... count {
            _ = try await cadre(store, names?[n - 1] ?? "考生\(n)", 100 + n, unitCode: unitCode, family: families[n] ?? [])
            if accounts {
                let r = try await store.registerApplicant(f.matter, position: "p1", resident: resident(100 + n), form: nil)
                ids.append(r.applicant); codes.append(r.activationCode ?? "")
            } else {
                ids.append(try await store.register(f.matter, position: "p1", channel: .selfNominated, resident: resident(100 + n), form: nil, by: .anonymous))
            }
        }
        await clock.advance(by: 100, settle: 0)
        try await store.advanceMatter(f.matter, by: system)
        try await store.reviewApplicants(f.matter, by: system)
        for id in ids { try await store.confirmForm(id, by: system) }
        try await store.decidePosition(f.matter, position: "p2", fate: .dropped, reason: "无人报名", by: system)
        try await store.advanceMatter(f.matter, by: system)
        try await store.sealExam(f.matter, rules: ExamRules(), rooms: [ExamRoom(name: "第一考场", seats: 30)], prefix: "2026", by: system)
        return (f, ids, codes)
    }
}
