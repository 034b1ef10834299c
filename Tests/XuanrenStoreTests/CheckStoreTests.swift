import Foundation
import SelectionCore
import Testing
@testable import XuanrenStore
import XuanrenTestSupport

/// Supervision checks through the store (CHK-1…6, LED-1): the same checks on SQLite and PostgreSQL.
enum CheckChecks {
    static let system = ActingUser.system("organizer")
    /// 2025-09-15 10:00 in Asia/Shanghai.
    static let start = Date(timeIntervalSince1970: 1_757_901_600)

    static func user(_ store: Store, _ name: String, _ role: String, _ unit: String) async throws -> ActingUser {
        _ = try await store.createAccount(username: name, displayName: name, password: "Xr-Check-Test-2026", mustChangePassword: false, actor: "t", hasher: PlainHasher())
        try await store.grant(username: name, role: role, unitCode: unit, actor: "t")
        return ActingUser(try #require(try await store.account(username: name)))
    }

    /// Two appointments in 财政局 in 2025 through the whole procedure: 王立新 (副科级 → 正科级, 本科) and 赵敏 (a 破格
    /// position reported in advance, 大专, her husband named like the unit's 书记 on the roster).
    static func twoAppointed(_ store: Store, clock: ManualClock) async throws -> (ordinary: InspectionFixture, exceptional: InspectionFixture) {
        try await InspectionChecks.units(store)
        let stages: [StageKind] = [.initialNomination, .inspection, .committeeDecision, .publicity, .appointment, .probation]
        let a = try await InspectionFixture.inspecting(store, unitCode: "fin", file: InspectionFixture.cadreFile("王立新"), title: "财政局副局长选任", stages: stages)
        try await InspectionFixture.prepareForCommittee(store, a, clock: clock)
        try await store.advanceMatter(a.matter, by: system)
        let roster = try await CommitteeFixture.roster(store, a, members: 3)
        try await CommitteeFixture.decide(store, a, roster)
        try await CommitteeFixture.appoint(store, a, clock: clock)

        var file = InspectionFixture.cadreFile("赵敏", id17: "35010219880312302", birth: "198803")
        file.fullTime = .init(level: "大专", levelSchool: "福建财经学校")
        file.family = [CadreFile.Relative(relation: "丈夫", name: "常委1", workplace: "青岚县委")]
        let b = try await InspectionFixture.inspecting(store, unitCode: "fin", file: file, title: "财政局总会计师选任", exceptional: true, stages: stages)
        try await InspectionFixture.prepareForCommittee(store, b, clock: clock)
        try await store.recordPriorReport(matter: b.matter, person: b.person, reference: "青组报〔2025〕7号", by: system)
        try await store.advanceMatter(b.matter, by: system)
        try await CommitteeFixture.decide(store, b, roster)
        try await CommitteeFixture.appoint(store, b, clock: clock)
        return (a, b)
    }

    static func refusal<E: UserFacingError>(_ type: E.Type, _ body: @Sendable () async throws -> Void) async -> E? {
        do { try await body(); return nil } catch let e as E { return e } catch { Issue.record("unexpected \(error)"); return nil }
    }

    /// CHK-1…5 and LED-1: a check from above of 财政局 over 2025, by the county's organizer: the list of the newly
    /// promoted with their reasons, the sample drawn from the store's random source and re-drawn from the recorded seed,
    /// the review, the notice, the unit's report and the acceptance to closure — each step in the ledger; who may do what.
    static func wholeCheck(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: start)
        try await db.withStore(clock: clock) { plain, _ in
            let store = { var s = plain; s.random = SeededRandomSource(seed: 2025); return s }()
            let (a, b) = try await twoAppointed(store, clock: clock)
            let county = try await user(store, "zuzhi", "organizer", "org")
            let finOrganizer = try await user(store, "finorg", "organizer", "fin")
            let eduOrganizer = try await user(store, "eduorg", "organizer", "edu")
            let finSupervisor = try await user(store, "finjw", "supervisor", "fin")
            let year = try #require(CheckPeriod.year(2025))

            // CHK-1: a check from above needs a grant above the unit; a self-check is the unit's own organizers'
            await #expect(throws: NotPermitted.self) { _ = try await store.createCheck(kind: .fromAbove, unit: a.unit, period: year, title: "检查", by: finOrganizer) }
            await #expect(throws: NotPermitted.self) { _ = try await store.createCheck(kind: .selfCheck, unit: a.unit, period: year, title: "自查", by: eduOrganizer) }
            await #expect(throws: NotPermitted.self) { _ = try await store.createCheck(kind: .selfCheck, unit: a.unit, period: year, title: "自查", by: finSupervisor) }
            let selfCheck = try await store.createCheck(kind: .selfCheck, unit: a.unit, period: year, title: "财政局2025年度选人用人自查", by: finOrganizer)
            #expect(try await store.checkView(selfCheck, by: finSupervisor).access == CheckAccess(reads: true, runs: false, rectifies: false))
            // the county's organizers check 财政局 from above, not in its place: they read its self-check and report for it
            #expect(try await store.checkView(selfCheck, by: county).access == CheckAccess(reads: true, runs: false, rectifies: true))
            await #expect(throws: NotPermitted.self) { try await store.drawCheckSample(selfCheck, by: county) }
            // CHK-6 is of a party committee
            let countyUnit = try #require(try await store.units().first { $0.code == "county" }).id
            #expect(await refusal(InvalidInput.self) { _ = try await store.createCheck(kind: .departure, unit: a.unit, period: year, title: "离任检查", secretary: "李书记", by: county) } != nil)
            _ = try await store.createCheck(kind: .departure, unit: countyUnit, period: year, title: "县委书记离任检查", secretary: "李书记", by: county)

            var settings = MandatorySettings()
            settings.dissatisfiedPercent = 15   // 1 of 10 dissatisfied in each evaluation: below the line
            let id = try await store.createCheck(kind: .fromAbove, unit: a.unit, period: year, title: "2025年度财政局选人用人工作检查", settings: settings, by: county)
            await #expect(throws: NotPermitted.self) { _ = try await store.checkView(id, by: eduOrganizer) }
            #expect(try await store.checkView(id, by: finOrganizer).access == CheckAccess(reads: true, runs: false, rectifies: true))
            #expect(try await store.checks(visibleTo: eduOrganizer).isEmpty)
            #expect(try await store.checks(visibleTo: finOrganizer).map(\.id).contains(id))
            await #expect(throws: NotPermitted.self) { try await store.drawCheckSample(id, by: finOrganizer) }

            // CHK-2: the list, the reasons, the sample
            let sample = try await store.drawCheckSample(id, by: county)
            #expect(sample.files == 2 && sample.drawn == 1 && sample.mandatory == 1)
            let v = try await store.checkView(id, by: county)
            #expect(v.check.state == .drawn && v.check.draw?.seed == sample.seed)
            #expect(v.files.map(\.name) == ["王立新", "赵敏"])
            let wang = v.files[0], zhao = v.files[1]
            #expect(wang.mandatory.isEmpty)
            #expect(zhao.mandatory == [.exceptional, .lowEducation])
            func status(_ f: CheckFileView, _ r: MandatoryReason) -> ReasonResult.Status? { f.facts.reasons.first { $0.reason == r }?.status }
            #expect(status(wang, .dissatisfied) == .clear && status(wang, .reported) == .clear && status(wang, .skippedGrade) == .clear)
            #expect(status(wang, .beyondPostCount) == .unknown, "post counts are recorded nowhere")
            #expect(status(wang, .lowRecommendation) == .unknown, "no recommendation in the matter")
            #expect(wang.facts.facts.formerRank == "副科级" && wang.facts.facts.newRank == "正科级" && wang.facts.facts.evaluation == .init(dissatisfied: 1, valid: 10))
            #expect(zhao.sampled, "a mandatory file is always in the sample")
            #expect(v.sample.count == (wang.sampled ? 2 : 1))
            // CHK-3 hints and CHK-5 list, as drawn
            let context = try #require(v.context)
            #expect(context.leaders == ["书记 常委1"])
            #expect(context.hints.map(\.question) == [.promotedRelatives] && context.hints.first?.file == b.person.uuidString)
            #expect(context.priorReports.map(\.name) == ["赵敏"] && context.priorReports.first?.status == .reported)

            // the seed in the ledger, and the sample again from it
            let entry = try #require(try await store.ledgerEntries(subjectType: "check", subjectID: id.uuidString, limit: 1).first)
            #expect(entry.action == CheckLedgerAction.draw.rawValue)
            let payload = Dictionary(uniqueKeysWithValues: LedgerCatalog.payload(entry.payload).map { ($0.key, $0.value) })
            #expect(payload["seed"] == .string(String(sample.seed)) && payload["sample_sha256"] == .string(Store.sampleDigest(sample)))
            let again = try await store.checkSample(id, by: finSupervisor)
            #expect(again.matchesRecorded && again.sample == sample)
            let other = try await store.checkSample(id, seed: sample.seed &+ 1, by: county)
            #expect(!other.matchesRecorded || other.sample.picked == sample.picked)
            #expect(other.sample.ids.contains(b.person.uuidString), "the mandatory file whatever the seed")
            #expect(await refusal(CheckError.self) { try await store.drawCheckSample(id, by: county) } == .alreadyDrawn(sample.seed))

            // CHK-2…4: the review
            let sampledNames = v.sample.map(\.name)
            #expect(await refusal(CheckError.self) { try await store.concludeCheckReview(id, by: county) } == .unreviewed(sampledNames))
            let ok = FileCheckItem.allCases.map { FileReview.Answer($0, .ok) }
            var withProblem = ok
            withProblem[1] = FileReview.Answer(.threeAges, .problem, note: "学历认定依据不足")
            await #expect(throws: NotPermitted.self) { try await store.reviewCheckFile(id, file: zhao.id, answers: ok, by: finOrganizer) }
            try await store.reviewCheckFile(id, file: zhao.id, answers: withProblem, by: county)
            if wang.sampled { try await store.reviewCheckFile(id, file: wang.id, answers: ok, by: county) }
            for q in LeaderQuestion.allCases { try await store.answerLeaderQuestion(id, question: q, found: false, note: q == .promotedRelatives ? "经核实同名不同人" : "", by: county) }
            #expect(await refusal(CheckError.self) { try await store.concludeCheckReview(id, by: county) } == .uncovered(["赵敏"]))
            let f1 = try await store.addCheckFinding(id, rule: "REG-4", problem: "赵敏学历认定依据不足", requirement: "一个月内补充学历证明材料", file: zhao.id, by: county)
            #expect(f1 == "F1")
            try await store.concludeCheckReview(id, by: county)
            #expect(await refusal(CheckError.self) { try await store.issueRectificationNotice(id, reference: "青组检〔2025〕3号", issuer: "中共青岚县委组织部", deadline: store.today, by: county) }
                    == .badDeadline(issued: store.today, deadline: store.today))
            try await store.issueRectificationNotice(id, reference: "青组检〔2025〕3号", issuer: "中共青岚县委组织部", deadline: store.today.adding(days: 30), by: county)

            // CHK-4: the unit reports, the checking side accepts, the check closes
            await #expect(throws: NotPermitted.self) { try await store.reportRectification(id, finding: "F1", text: "已补充", done: true, by: eduOrganizer) }
            try await store.reportRectification(id, finding: "F1", text: "已补充学历证明，档案已完善", done: true, by: finOrganizer)
            await #expect(throws: NotPermitted.self) { try await store.verifyRectification(id, finding: "F1", accepted: true, note: "", by: finOrganizer) }
            #expect(await refusal(CheckError.self) { try await store.closeCheck(id, summary: "", by: county) } == .notRectified(["F1"]))
            try await store.verifyRectification(id, finding: "F1", accepted: true, note: "材料齐全", by: county)
            try await store.closeCheck(id, summary: "整改到位，检查办结", by: county)
            let closed = try await store.checkView(id, by: finOrganizer)
            #expect(closed.check.state == .closed && closed.check.findings.first?.progress == .rectified)
            #expect(closed.check.notice?.reference == "青组检〔2025〕3号")

            // LED-1: every step in the ledger, in order, with no text but digests
            let actions = try await store.ledgerEntries(subjectType: "check", subjectID: id.uuidString, limit: 100).reversed().map(\.action)
            #expect(Array(actions.prefix(2)) == ["check.create", "check.sample.draw"])
            for a in CheckLedgerAction.allCases { #expect(actions.contains(a.rawValue), "\(a.rawValue)") }
            let texts = try await store.ledgerEntries(subjectType: "check", subjectID: id.uuidString, limit: 100).map(\.payload).joined()
            #expect(!texts.contains("赵敏") && !texts.contains("学历"), "names and words stay out of the ledger")
        }
    }

    /// CHK-2: a lateral move is no promotion; a check of another unit sees none of 财政局's appointments; a period
    /// without appointments draws an empty list and can close without findings.
    static func scopeAndEmpty(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: start)
        try await db.withStore(clock: clock) { store, _ in
            _ = try await twoAppointed(store, clock: clock)
            let units = try await store.units()
            let edu = try #require(units.first { $0.code == "edu" }).id, county = try #require(units.first { $0.code == "county" }).id
            let year = try #require(CheckPeriod.year(2025))
            let eduCheck = try await store.createCheck(kind: .fromAbove, unit: edu, period: year, title: "教育局检查", by: system)
            #expect(try await store.drawCheckSample(eduCheck, by: system).files == 0)
            for q in LeaderQuestion.allCases { try await store.answerLeaderQuestion(eduCheck, question: q, found: false, note: "", by: system) }
            try await store.concludeCheckReview(eduCheck, by: system)
            try await store.closeCheck(eduCheck, summary: "未发现问题", by: system)
            #expect(try await store.checkView(eduCheck, by: system).check.state == .closed)
            // the county's check covers its whole tree; 2024 has nothing
            let countyCheck = try await store.createCheck(kind: .selfCheck, unit: county, period: year, title: "县委自查", by: system)
            #expect(try await store.drawCheckSample(countyCheck, by: system).files == 2)
            let earlier = try await store.createCheck(kind: .selfCheck, unit: county, period: try #require(CheckPeriod.year(2024)), title: "2024自查", by: system)
            #expect(try await store.drawCheckSample(earlier, by: system).files == 0)
        }
    }
}

@Suite("Supervision checks through the store (CHK-1…6)")
struct CheckStoreTests {
    @Test("CHK-2 a check from above: the newly promoted with their reasons, a sample from the recorded seed, review, notice and rectification to closure; CHK-1 who may do what; LED-1 every step in the ledger")
    func wholeCheck() async throws { try await CheckChecks.wholeCheck(.sqlite) }

    @Test("CHK-2 the list covers the unit's tree and the period: another unit, another year draw none; a check without findings closes")
    func scopeAndEmpty() async throws { try await CheckChecks.scopeAndEmpty(.sqlite) }
}

@Suite("Supervision checks on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct CheckPostgresTests {
    @Test("CHK-2 a whole check on PostgreSQL")
    func wholeCheck() async throws { try await CheckChecks.wholeCheck(.postgres) }
}
