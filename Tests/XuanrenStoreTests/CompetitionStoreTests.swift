import FluentKit
import Foundation
import SQLKit
import SelectionCore
import Testing
@testable import XuanrenStore
import XuanrenTestSupport

/// Registration, the qualification review and the sealed written exam (ELG-6…9, EXM-1) in the store, on SQLite and
/// on PostgreSQL. Days pass on a manual clock.
enum CompetitionChecks {
    static let system = ActingUser.system("organizer")

    /// The rules a guard refusal names.
    static func refusedRules(_ e: (any Error)?) -> Set<String> {
        guard let m = e as? MatterError, case .guardFailed(_, let refusals) = m else { return [] }
        return Set(refusals.map(\.rule))
    }

    static func error(_ body: () async throws -> Void) async -> (any Error)? {
        do { try await body(); return nil } catch { return error }
    }

    /// ELG-8, EXM-9: public registrations arriving together are written together (one transaction, one INSERT of
    /// applicants and one of their ledger entries); each caller still gets its own answer: 40 at once, among them the
    /// same number twice, an unknown position and an outsider without a form.
    static func registrationBurst(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: Date(timeIntervalSince1970: 1_780_000_000))
        try await db.withStore(clock: clock) { store, _ in
            try await InspectionChecks.units(store)
            let f = try await CompetitionFixture.registering(store, procedure: .openSelection, seconds: 100)
            let outcomes: [Int: Result<Registration, any Error>] = await withTaskGroup(of: (Int, Result<Registration, any Error>).self) { group in
                for n in 0 ..< 40 {
                    group.addTask {
                        let resident = CompetitionFixture.resident(n == 39 ? 500 : 500 + n)   // 39 repeats 0's number
                        let position = n == 38 ? "p9" : "p1"
                        let form = n == 37 ? nil : CompetitionFixture.form("报名人\(n)")
                        do { return (n, .success(try await store.registerApplicant(f.matter, position: position, resident: resident, form: form))) }
                        catch { return (n, .failure(error)) }
                    }
                }
                var out: [Int: Result<Registration, any Error>] = [:]
                for await (n, r) in group { out[n] = r }
                return out
            }
            func field(_ n: Int) -> String? {
                guard case .failure(let e) = outcomes[n] else { return nil }
                return (e as? InvalidInput)?.issues.first?.field
            }
            let ok = outcomes.compactMap { n, r in (try? r.get()).map { (n, $0) } }
            #expect(ok.count == 37)
            // the same number twice: exactly one of the two is taken, the other refused naming the field
            #expect(Set([field(0), field(39)]) == [nil, "resident"])
            #expect(field(38) == "position")
            #expect(field(37) == "name")
            // every registration opened its own account with its own code, and says what was registered
            #expect(Set(ok.compactMap { $0.1.activationCode }).count == 37)
            #expect(ok.allSatisfy { $0.1.hasAccount && $0.1.receipt.position == "青岚县财政局副局长" && $0.1.receipt.residentMasked.contains("*") })
            #expect(Set(ok.map { $0.1.applicant }).count == 37)
            #expect(try await store.registrationCounts(f.matter).counts.first?.registered == 37)
            let accounts = try await (store.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM applicant_accounts").first()?.decode(column: "n", as: Int.self)
            #expect(accounts == 37)
            // one ledger entry per registration, the chain intact
            let entries = try await store.ledgerEntries(subjectType: "matter", subjectID: f.matter.uuidString, limit: 500)
            #expect(entries.filter { $0.action == CompetitionLedgerAction.register.rawValue }.count == 37)
            #expect(try await store.verifyLedger().intact)
        }
    }

    /// ELG-8: registrations until the closing second, refused at it; switching likewise; counts per position.
    static func closingSecond(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: Date(timeIntervalSince1970: 1_780_000_000))
        try await db.withStore(clock: clock) { store, _ in
            try await InspectionChecks.units(store)
            let f = try await CompetitionFixture.registering(store, seconds: 100)
            _ = try await CompetitionFixture.cadre(store, "李明", 1, unitCode: "fin")
            _ = try await CompetitionFixture.cadre(store, "赵芳", 2, unitCode: "edu")
            // anonymous self-registration through the public form: a registry number makes an internal applicant
            let a = try await store.register(f.matter, position: "p1", channel: .selfNominated, resident: CompetitionFixture.resident(1), form: nil, by: .anonymous)
            // an organizational recommendation needs staff of the matter's unit
            let e1 = await error { _ = try await store.register(f.matter, position: "p1", channel: .organizational, resident: CompetitionFixture.resident(2), form: nil, by: .anonymous) }
            #expect(e1 is NotPermitted)
            // one registration per person: the same number again is refused, naming the field
            let e2 = await error { _ = try await store.register(f.matter, position: "p2", channel: .selfNominated, resident: CompetitionFixture.resident(1), form: nil, by: .anonymous) }
            #expect((e2 as? InvalidInput)?.issues.first?.field == "resident")
            // an outsider's number in an internal competition is refused
            let e3 = await error { _ = try await store.register(f.matter, position: "p1", channel: .selfNominated, resident: CompetitionFixture.resident(9), form: CompetitionFixture.form("外人"), by: .anonymous) }
            #expect((e3 as? InvalidInput)?.message(in: .zhHans).contains("只接受干部档案中人员") == true)
            await clock.advance(by: 99, settle: 0)   // the last second
            _ = try await store.register(f.matter, position: "p1", channel: .organizational, resident: CompetitionFixture.resident(2), form: nil, by: system)
            try await store.switchPosition(a, to: "p2", by: system)
            let counts = try await store.registrationCounts(f.matter).counts
            #expect(counts.map(\.registered) == [1, 1])
            await clock.advance(by: 1, settle: 0)    // the closing second itself
            let late = await error { _ = try await store.register(f.matter, position: "p1", channel: .selfNominated, resident: CompetitionFixture.resident(3), form: nil, by: .anonymous) }
            #expect((late as? RegistrationClosed)?.reason == .closed)
            #expect((late as? RegistrationClosed)?.message(in: .zhHans).contains("截止") == true)
            let lateSwitch = await error { try await store.switchPosition(a, to: "p1", by: system) }
            #expect(lateSwitch is RegistrationClosed)
            // the registration is in the ledger, never the identity number
            let entries = try await store.ledgerEntries(limit: 10_000)
            #expect(entries.contains { $0.action == CompetitionLedgerAction.register.rawValue })
            #expect(!entries.contains { $0.payload.contains(CompetitionFixture.resident(1)) })
        }
    }

    /// ELG-6, ELG-7, ELG-9: the review in words, overrides with reasons, the unit's confirmation by its own staff,
    /// the opening ratio in the stage's guard and the fate of a position below it.
    static func review(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: Date(timeIntervalSince1970: 1_780_000_000))
        try await db.withStore(clock: clock) { store, _ in
            try await InspectionChecks.units(store)
            let f = try await CompetitionFixture.registering(store, seconds: 100, maxAge: 45)
            for n in 1 ... 3 { _ = try await CompetitionFixture.cadre(store, "干部\(n)", n, unitCode: "fin") }
            _ = try await CompetitionFixture.cadre(store, "年长者", 4, unitCode: "fin", born: "19650301")
            _ = try await CompetitionFixture.cadre(store, "教育局干部", 5, unitCode: "edu")
            var ids: [UUID] = []
            for n in 1 ... 4 { ids.append(try await store.register(f.matter, position: "p1", channel: .selfNominated, resident: CompetitionFixture.resident(n, born: n == 4 ? "19650301" : "19860412"), form: nil, by: .anonymous)) }
            let eduApplicant = try await store.register(f.matter, position: "p2", channel: .selfNominated, resident: CompetitionFixture.resident(5), form: nil, by: .anonymous)
            // the registration stage waits for the closing time
            let early = await error { try await store.advanceMatter(f.matter, by: system) }
            #expect(early.map { "\($0)" }?.contains("ELG-8") == true)
            await clock.advance(by: 100, settle: 0)
            try await store.advanceMatter(f.matter, by: system)
            // the review stage waits for the review, the units' confirmations and the ratio
            let waiting = await error { try await store.advanceMatter(f.matter, by: system) }
            #expect(refusedRules(waiting) == ["ELG-6", "ELG-9", "ELG-7"])
            #expect(try await store.reviewApplicants(f.matter, by: system) == 5)
            let list = try await store.applicants(f.matter, by: system)
            let old = try #require(list.first { $0.id == ids[3] })
            #expect(old.qualified == false)
            #expect(old.review?.contains { !$0.passed && $0.zh.contains("年龄") } == true)
            // ELG-6: an override needs a reason
            let noReason = await error { try await store.overrideReview(ids[2], qualified: false, reason: "  ", by: system) }
            #expect((noReason as? InvalidInput)?.issues.first?.field == "reason")
            // ELG-9: a clerk of the applicant's unit confirms; a clerk of the neighbouring unit cannot
            let finClerk = try await RegistryScopeChecks.account(store, "finclerk", "clerk", on: "fin")
            let eduClerk = try await RegistryScopeChecks.account(store, "educlerk", "clerk", on: "edu")
            let neighbour = await error { try await store.confirmForm(ids[0], by: eduClerk) }
            #expect(neighbour is NotPermitted)
            #expect(try await store.awaitingConfirmation(by: eduClerk).map(\.applicant.id) == [eduApplicant])
            for id in ids { try await store.confirmForm(id, by: finClerk) }
            try await store.confirmForm(eduApplicant, by: eduClerk)
            // ELG-7: p1 has 3 qualified of 3 needed; p2 1 of 3 — a position meeting the ratio cannot be dropped
            let keep = await error { try await store.decidePosition(f.matter, position: "p1", fate: .dropped, reason: "x", by: system) }
            #expect((keep as? InvalidInput)?.issues.first?.field == "position")
            let stillBelow = await error { try await store.advanceMatter(f.matter, by: system) }
            #expect(stillBelow.map { "\($0)" }?.contains("ELG-7") == true)
            let noApproval = await error { try await store.decidePosition(f.matter, position: "p2", fate: .moved, reason: "报名人数不足", by: system) }
            #expect((noApproval as? InvalidInput)?.issues.first?.field == "approval")
            try await store.decidePosition(f.matter, position: "p2", fate: .moved, reason: "报名人数不足", approval: "县委组织部部务会决定（2026年第3次）", by: system)
            try await store.advanceMatter(f.matter, by: system)
            #expect(try await store.matter(f.matter, by: system).matter.current == .writtenExam)
        }
    }

    /// Brings a fixture matter to its written exam with three qualified internal applicants for p1 (p2 dropped).
    static func toExam(_ store: Store, _ clock: ManualClock) async throws -> (CompetitionFixture, [UUID]) {
        try await InspectionChecks.units(store)
        let f = try await CompetitionFixture.registering(store, seconds: 100)
        var ids: [UUID] = []
        for n in 1 ... 3 {
            _ = try await CompetitionFixture.cadre(store, "考生\(n)", n, unitCode: "fin")
            ids.append(try await store.register(f.matter, position: "p1", channel: .selfNominated, resident: CompetitionFixture.resident(n), form: nil, by: .anonymous))
        }
        await clock.advance(by: 100, settle: 0)
        try await store.advanceMatter(f.matter, by: system)
        try await store.reviewApplicants(f.matter, by: system)
        for id in ids { try await store.confirmForm(id, by: system) }
        try await store.decidePosition(f.matter, position: "p2", fate: .dropped, reason: "无人报名", by: system)
        try await store.advanceMatter(f.matter, by: system)
        return (f, ids)
    }

    /// EXM-1: graders see codes only; double grading goes to arbitration past the margin; a grader never grades one
    /// paper twice; the key opens only when every score is locked and only for a supervisor; nothing changes after.
    static func sealedGrading(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: Date(timeIntervalSince1970: 1_780_000_000))
        try await db.withStore(clock: clock) { store, _ in
            let (f, ids) = try await toExam(store, clock)
            try await store.sealExam(f.matter, rules: ExamRules(doubleGrading: true, margin: 5_0000), rooms: [ExamRoom(name: "第一考场", seats: 30)], prefix: "2026", by: system)
            let applicants = try await store.applicants(f.matter, by: system)
            #expect(applicants.compactMap(\.admission).sorted() == ["2026010001", "2026010002", "2026010003"])
            let g1 = try await RegistryScopeChecks.account(store, "grader1", "grader", on: "fin")
            let g2 = try await RegistryScopeChecks.account(store, "grader2", "grader", on: "fin")
            let g3 = try await RegistryScopeChecks.account(store, "grader3", "grader", on: "fin")
            let outsider = try await RegistryScopeChecks.account(store, "edugrader", "grader", on: "edu")
            let supervisor = try await RegistryScopeChecks.account(store, "jwsup", "supervisor", on: "jw")
            #expect(await error { _ = try await store.gradingPapers(f.matter, by: outsider) } is NotPermitted)
            let sheet = try await store.gradingPapers(f.matter, by: g1)
            #expect(sheet.papers.count == 3 && sheet.papers.allSatisfy { $0.round == 1 })
            // nothing a grader reads names the applicant
            let seen = "\(sheet)"
            for a in applicants {
                #expect(!seen.contains(a.name) && !seen.contains(a.admission!) && !seen.contains(a.residentMasked) && !seen.contains(a.id.uuidString))
            }
            let codes = sheet.papers.map(\.code)
            for (i, c) in codes.enumerated() { try await store.grade(f.matter, code: c, score: Int64(70 + i * 5) * 10_000, by: g1) }
            // the same grader cannot grade the second round of a paper
            let twice = await error { try await store.grade(f.matter, code: codes[0], score: 70_0000, by: g1) }
            #expect((twice as? InvalidInput)?.issues.first?.field == "code")
            // second grader: within the margin for two papers, beyond it for the third
            try await store.grade(f.matter, code: codes[0], score: 72_0000, by: g2)
            try await store.grade(f.matter, code: codes[1], score: 75_0000, by: g2)
            try await store.grade(f.matter, code: codes[2], score: 90_0000, by: g2)
            // the key stays sealed while a paper waits for arbitration, and is never opened by an organizer
            let early = await error { try await store.openExamKey(f.matter, by: supervisor) }
            #expect((early as? ExamRefusal)?.refusal.rule == "EXM-1")
            #expect(try await store.gradingPapers(f.matter, by: g3).papers.first { $0.code == codes[2] }?.round == 3)
            try await store.grade(f.matter, code: codes[2], score: 84_0000, by: g3)
            let organizerOpens = await error { try await store.openExamKey(f.matter, by: try await RegistryScopeChecks.account(store, "orgboss", "organizer", on: "org")) }
            #expect(organizerOpens is NotPermitted)
            // before opening, the database alone does not join a code to an applicant
            let sql = store.db as! any SQLDatabase
            struct Paper: Decodable { var sealed: String; var applicant_id: UUID? }
            let rows = try await sql.raw("SELECT sealed, applicant_id FROM exam_papers").all(decoding: Paper.self)
            #expect(rows.count == 3 && rows.allSatisfy { $0.applicant_id == nil })
            for r in rows { for a in applicants { #expect(!r.sealed.contains(a.id.uuidString)) } }
            try await store.openExamKey(f.matter, by: supervisor)
            let scores = try await Store.writtenScores(f.matter, rules: ExamRules(doubleGrading: true, margin: 5_0000), store.db)
            let byApplicant = Set(ids.compactMap { scores[$0] ?? nil })
            #expect(byApplicant == [71_0000, 75_0000, 84_0000])
            let after = await error { try await store.grade(f.matter, code: codes[0], score: 1, by: g3) }
            #expect(after is ExamRefusal)
            let entries = try await store.ledgerEntries(limit: 10_000)
            #expect(entries.contains { $0.action == CompetitionLedgerAction.openKey.rawValue && $0.actor == "jwsup" })
        }
    }

    /// EXM-2, EXM-9, EXM-4, EXM-5, SCR-1…3: the written exam's progression (pass mark, top N, ties at the cut go on)
    /// computed by the score sheet; a panel drawn by lot from judge accounts; locked scores with the trimmed mean
    /// once every judge has scored; the candidates drawn from the scores into the matter; the exported sheet
    /// recomputes to the same figures.
    static func scoresToCandidates(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: Date(timeIntervalSince1970: 1_780_000_000))
        try await db.withStore(clock: clock) { store, _ in
            try await InspectionChecks.units(store)
            let f = try await CompetitionFixture.registering(store, seconds: 100)
            var rules = ScoringRules()
            rules.progressionTop = 2
            rules.shortlistRatioTenths = 20
            try await store.setScoring(f.matter, rules, by: system)
            var ids: [UUID] = []
            for n in 1 ... 4 {
                _ = try await CompetitionFixture.cadre(store, "考生\(n)", n, unitCode: "fin")
                ids.append(try await store.register(f.matter, position: "p1", channel: .selfNominated, resident: CompetitionFixture.resident(n), form: nil, by: .anonymous))
            }
            await clock.advance(by: 100, settle: 0)
            try await store.advanceMatter(f.matter, by: system)
            try await store.reviewApplicants(f.matter, by: system)
            for id in ids { try await store.confirmForm(id, by: system) }
            try await store.decidePosition(f.matter, position: "p2", fate: .dropped, reason: "无人报名", by: system)
            try await store.advanceMatter(f.matter, by: system)
            try await store.sealExam(f.matter, rules: ExamRules(), rooms: [ExamRoom(name: "第一考场", seats: 10)], prefix: "2026", by: system)
            // rules no longer change once sealed
            let late = await error { try await store.setScoring(f.matter, ScoringRules(), by: system) }
            #expect((late as? InvalidInput)?.issues.first?.field == "scoring")
            let admissions = Dictionary(uniqueKeysWithValues: try await store.applicants(f.matter, by: system).map { ($0.id, $0.admission!) })
            let text = zip(ids, [90, 80, 80, 50]).map { "\(admissions[$0]!),\($1)" }.joined(separator: "\n")
            #expect(try await store.importScores(f.matter, text: "准考证号,成绩\n" + text, by: system) == 4)
            let supervisor = try await RegistryScopeChecks.account(store, "jwsup", "supervisor", on: "jw")
            try await store.openExamKey(f.matter, by: supervisor)
            try await store.publishProgression(f.matter, by: system)
            let progression = try #require(try await store.competition(f.matter, by: system).progression["p1"])
            // top 2 with the tie at the cut kept; 50 is under the pass mark
            #expect(Set(progression.advanced) == Set([ids[0], ids[1], ids[2]].map { admissions[$0]! }))
            #expect(progression.cutScore == "80.00")
            try await store.advanceMatter(f.matter, by: system)
            // EXM-4: a panel of 7 drawn by lot from 8 judge accounts of the unit, reproducibly
            var pool: [Judge] = []
            for k in 1 ... 8 {
                _ = try await RegistryScopeChecks.account(store, "judge\(k)", "judge", on: "fin")
                pool.append(Judge(id: "judge\(k)", name: "考官\(k)", unitId: k <= 3 ? "other" : "fin", fromOutside: k <= 3, familiarWithBusiness: k == 4,
                                  group: k == 1 ? .leader : k == 2 ? .expert : k == 5 ? .personnel : .other))
            }
            let stranger = await error { _ = try await store.drawPanel(f.matter, position: "p1", pool: pool + [Judge(id: "jwsup", name: "x", unitId: "jw", fromOutside: true, familiarWithBusiness: false, group: .other)], seed: 7, by: system) }
            #expect((stranger as? InvalidInput)?.issues.first?.field == "judges")
            let panel = try await store.drawPanel(f.matter, position: "p1", pool: pool, seed: 7, by: system)
            #expect(panel.judges.count == 7)
            #expect(try await store.drawPanel(f.matter, position: "p1", pool: pool.reversed(), seed: 7, by: system).judges.map(\.id) == panel.judges.map(\.id))
            let waiting = await error { try await store.advanceMatter(f.matter, by: system) }
            #expect(refusedRules(waiting).contains("EXM-5"))
            // every judge scores every candidate; the trimmed mean shows once the last one locks
            let outsider = try await RegistryScopeChecks.account(store, "judge9", "judge", on: "fin")
            let candidates = try await store.interviewCandidates(f.matter, by: system).candidates
            #expect(candidates.count == 3)
            let notOnPanel = await error { try await store.scoreInterview(f.matter, applicant: candidates[0].applicant, score: 80_0000, elements: nil, by: outsider) }
            #expect(notOnPanel is NotPermitted)
            for (k, j) in panel.judges.enumerated() {
                let judge = try await store.account(username: j.id).map(ActingUser.init)!
                for (i, c) in candidates.enumerated() {
                    try await store.scoreInterview(f.matter, applicant: c.applicant, score: Int64(70 + 5 * i + k) * 10_000, elements: nil, by: judge)
                }
                if k == 0 {
                    let twice = await error { try await store.scoreInterview(f.matter, applicant: candidates[0].applicant, score: 1, elements: nil, by: judge) }
                    #expect((twice as? InvalidInput)?.issues.first?.field == "score")
                    #expect(try await store.interviewCandidates(f.matter, by: system).candidates.allSatisfy { $0.trimmedMean == nil })
                }
            }
            // judge scores 70+5i+k for k = 0…6: drop 70+5i and 76+5i, mean 73+5i
            #expect(try await store.interviewCandidates(f.matter, by: system).candidates.map(\.trimmedMean) == ["73.00", "78.00", "83.00"])
            // SCR-3: the stage waits for the candidates drawn from the scores, then hands them to the recommendation
            let undrawn = await error { try await store.advanceMatter(f.matter, by: system) }
            #expect(refusedRules(undrawn) == ["SCR-3"])
            try await store.drawCandidates(f.matter, by: system)
            let people = try await store.matterView(f.matter, by: system).people
            #expect(people.count == 2 && people.allSatisfy { $0.qualified == true })
            try await store.advanceMatter(f.matter, by: system)
            #expect(try await store.matter(f.matter, by: system).matter.current == .democraticRecommendation)
            // the exported sheet recomputes, with no server, to the figures the server shows
            let shown = try await store.scoreResults(f.matter, by: system)
            for (p, r) in shown {
                let sheet = try ScoreSheet.parse(bytes: Array(try await store.exportSheet(f.matter, position: p.id, by: system)))
                #expect(try sheet.compute() == r)
            }
            #expect(shown.count == 1 && shown[0].result.shortlist.count == 2)
            // SCR-4: the one ranked but not shortlisted may be proposed to the reserve pool; a shortlisted one may not
            let result = shown[0].result
            let admissionsBack = Dictionary(uniqueKeysWithValues: admissions.map { ($1, $0) })
            let out = try #require(result.applicants.first { $0.composite != nil && $0.status == .notShortlisted })
            let inList = try #require(result.applicants.first { $0.status == .shortlisted })
            let refused = await error { try await store.proposeToReserve(f.matter, applicant: admissionsBack[inList.applicant]!, by: system) }
            #expect((refused as? InvalidInput)?.issues.first?.field == "applicant")
            try await store.proposeToReserve(f.matter, applicant: admissionsBack[out.applicant]!, by: system)
            #expect(try await store.reserve(by: system).contains { $0.route == .recommendationExam })
        }
    }

    /// EXM-3, EXM-4, EXM-7 on the way from the sealed exam to the interview's scores: the panel drawn after recusal
    /// (the registry's relations both ways, the candidates' own unit in a 竞争上岗), the pool file re-running to the same
    /// panel, a refused draw naming what is missing, a recused judge refused when scoring, a judge declaring a conflict
    /// replaced by lot, the question set locked by the first score, two forms with weights combined exactly.
    static func recusalFormsQuestions(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: Date(timeIntervalSince1970: 1_780_000_000))
        try await db.withStore(clock: clock) { store, _ in
            try await InspectionChecks.units(store)
            var rules = ScoringRules()
            rules.interviewForms = [InterviewFormWeight(.structured, 60), InterviewFormWeight(.speech, 40)]
            // 考生3's file lists 评委乙 (an uncle): the candidate-to-judge direction, the judge with no registry link
            let (f, ids) = try await CompetitionFixture.sealed(store, clock: clock, rules: rules, families: [3: [CadreFile.Relative(relation: "舅舅", name: "评委乙")]])
            // 评委甲's own file (纪委, outside) lists 考生2: the judge-to-candidate direction; 评委丙's file is in 财政局 itself
            var jia = InspectionFixture.cadreFile("评委甲", id17: String(CompetitionFixture.resident(201).prefix(17)))
            jia.family = [CadreFile.Relative(relation: "表弟", name: "考生2")]
            let units = try await store.units()
            let jiaID = try await store.saveCadre(jia, unitID: units.first { $0.code == "jw" }!.id, by: AccountInfo.wholeTree("organizer", units: units))
            _ = try await CompetitionFixture.cadre(store, "评委丙", 202, unitCode: "fin")
            let admissions = Dictionary(uniqueKeysWithValues: try await store.applicants(f.matter, by: system).map { ($0.id, $0.admission!) })
            _ = try await store.importScores(f.matter, text: "准考证号,成绩\n" + zip(ids, [90, 85, 80]).map { "\(admissions[$0]!),\($1)" }.joined(separator: "\n"), by: system)
            try await store.openExamKey(f.matter, by: try await RegistryScopeChecks.account(store, "jwsup", "supervisor", on: "jw"))
            try await store.publishProgression(f.matter, by: system)
            try await store.advanceMatter(f.matter, by: system)

            // EXM-7: the question set and times, recorded before scoring; the ledger keeps a digest, never the titles
            try await store.setQuestionSet(f.matter, position: "p1", QuestionSet(reference: "封-2026-001", titles: ["谈谈对预算绩效管理的理解", "如何处理群众来访"]), by: system)
            let qEntry = try #require(try await store.ledgerEntries(subjectType: "matter", subjectID: f.matter.uuidString, limit: 500).first { $0.action == "interview.questions" })
            #expect(!qEntry.payload.contains("预算") && qEntry.payload.contains("questions_sha256"))

            // EXM-4: the pool of eleven; three must recuse before the lot
            let spec: [(String, JudgeGroup, Bool, Bool)] = [("评委甲", .leader, true, false), ("评委乙", .personnel, false, false), ("评委丙", .leader, false, false),
                                                           ("评委丁", .leader, false, true), ("评委戊", .expert, true, false), ("评委己", .expert, true, false),
                                                           ("评委庚", .personnel, false, false), ("评委辛", .other, true, false), ("评委壬", .other, false, false),
                                                           ("评委癸", .personnel, false, false), ("评委子", .other, true, false)]
            var pool: [Judge] = []
            for (k, (name, group, outside, familiar)) in spec.enumerated() {
                _ = try await RegistryScopeChecks.account(store, "rj\(k + 1)", "judge", on: "fin")
                pool.append(Judge(id: "rj\(k + 1)", name: name, unitId: outside ? "outside" : "own", fromOutside: outside, familiarWithBusiness: familiar, group: group))
            }
            let links = ["rj1": jiaID.uuidString, "rj3": CompetitionFixture.resident(202)]
            // without the personnel staff who do not recuse, the rules cannot be met: refused, naming what is missing
            _ = try await RegistryScopeChecks.account(store, "rj12", "judge", on: "fin")
            let short = pool.filter { !["rj7", "rj10"].contains($0.id) } + [Judge(id: "rj12", name: "评委丑", unitId: "outside", fromOutside: true, familiarWithBusiness: false, group: .other)]
            let refused = await error { _ = try await store.drawPanel(f.matter, position: "p1", pool: short, seed: 7, registry: links, by: system) }
            let words = (refused as? InvalidInput)?.message(in: .zhHans) ?? ""
            #expect(words.contains("回避3人后") && words.contains("组织人事干部"))
            let panel = try await store.drawPanel(f.matter, position: "p1", pool: pool, seed: 7, registry: links, by: system)
            #expect(panel.excluded?.map(\.judgeId) == ["rj1", "rj2", "rj3"])
            #expect(panel.excluded?.map(\.reasons) == [[.related], [.related], [.sameUnit]])
            #expect(panel.judges.count == 7 && Set(panel.judges.map(\.id)).isDisjoint(with: ["rj1", "rj2", "rj3"]))
            #expect(try await store.drawPanel(f.matter, position: "p1", pool: pool.reversed(), seed: 7, registry: links, by: system).judges.map(\.id) == panel.judges.map(\.id))
            // the pool file a supervisor downloads re-runs, with no server, to the same panel; it names no candidate
            let supervisor = try await store.account(username: "jwsup").map(ActingUser.init)!
            let (data, seed) = try await store.panelPoolFile(f.matter, position: "p1", by: supervisor)
            #expect(seed == 7)
            #expect(try JudgePoolFile.parse(data).draw(seed: seed).judges.map(\.id) == panel.judges.map(\.id))
            #expect(!String(decoding: data, as: UTF8.self).contains("考生"))
            let entry = try #require(try await store.ledgerEntries(subjectType: "matter", subjectID: f.matter.uuidString, limit: 500).last { $0.action == "interview.panel" })
            #expect(entry.payload.contains("rj1:related") && entry.payload.contains("rj3:sameUnit") && !entry.payload.contains("考生"))

            // attacker-minded: a recused judge cannot score the position, nor declare anything on it
            let candidates = try await store.interviewCandidates(f.matter, by: system).candidates
            #expect(candidates.count == 3 && candidates.allSatisfy { $0.questionSet?.reference == "封-2026-001" })
            let rj1 = try await store.account(username: "rj1").map(ActingUser.init)!
            #expect(await error { try await store.scoreInterview(f.matter, applicant: candidates[0].applicant, score: nil, elements: nil, forms: [90_0000, 90_0000], by: rj1) } is NotPermitted)
            #expect(await error { _ = try await store.declareConflict(f.matter, position: "p1", by: rj1) } is NotPermitted)
            #expect(await error { _ = try await store.interviewCandidates(f.matter, by: rj1) } is NotPermitted)

            // a judge declares a conflict before scoring: the one left in the pool is drawn in their place, seed recorded
            let leftover = try #require(pool.first { j in !["rj1", "rj2", "rj3"].contains(j.id) && !panel.judges.contains { $0.id == j.id } })
            let declarer = try #require(panel.judges.first { j in
                JudgeDraw.missing(panel.judges.filter { $0.id != j.id } + [leftover], rules: InterviewPanelRules(), size: 7, language: .en) == nil
            })
            let judgeD = try await store.account(username: declarer.id).map(ActingUser.init)!
            let rep = try await store.declareConflict(f.matter, position: "p1", by: judgeD)
            #expect(rep.left == declarer.id && rep.joined == leftover.id && rep.seed != nil)
            let now = try #require(try await store.competition(f.matter, by: system).panels["p1"])
            #expect(!now.judges.contains { $0.id == declarer.id } && now.judges.contains { $0.id == leftover.id } && now.short == nil)
            #expect(await error { try await store.scoreInterview(f.matter, applicant: candidates[0].applicant, score: nil, elements: nil, forms: [80_0000, 80_0000], by: judgeD) } is NotPermitted)
            let conflictEntry = try #require(try await store.ledgerEntries(subjectType: "matter", subjectID: f.matter.uuidString, limit: 500).first { $0.action == "interview.conflict" })
            #expect(conflictEntry.payload.contains(leftover.id) && conflictEntry.payload.contains(String(rep.seed!)))
            // the downloaded file, with the replacement in it, still re-runs to the panel as it now stands
            let (data2, _) = try await store.panelPoolFile(f.matter, position: "p1", by: supervisor)
            #expect(try JudgePoolFile.parse(data2).draw(seed: 7).judges.map(\.id) == now.judges.map(\.id))

            // EXM-3: each judge scores both forms; structured 70+5i+k, speech 60+5i+2k for judge k and candidate i
            for (k, j) in now.judges.enumerated() {
                let judge = try await store.account(username: j.id).map(ActingUser.init)!
                let wrong = await error { try await store.scoreInterview(f.matter, applicant: candidates[0].applicant, score: 80_0000, elements: nil, by: judge) }
                #expect((wrong as? InvalidInput)?.issues.first?.field == "forms")
                for (i, c) in candidates.enumerated() {
                    try await store.scoreInterview(f.matter, applicant: c.applicant, score: nil, elements: nil,
                                                   forms: [Int64(70 + 5 * i + k) * 10_000, Int64(60 + 5 * i + 2 * k) * 10_000], by: judge)
                }
                if k == 0 {
                    // EXM-7: the first score locks the position's questions; a declaration is now refused in words
                    let locked = await error { try await store.setQuestionSet(f.matter, position: "p1", QuestionSet(reference: "封-2026-002", titles: ["另一题"]), by: system) }
                    #expect((locked as? InvalidInput)?.issues.first?.field == "questions")
                    let late = await error { _ = try await store.declareConflict(f.matter, position: "p1", by: judge) }
                    #expect((late as? InvalidInput)?.message(in: .zhHans).contains("已开始评分") == true)
                }
            }
            // trimmed means 73+5i and 66+5i; 0.6 × (73+5i) + 0.4 × (66+5i) = 70.2 + 5i
            #expect(try await store.interviewCandidates(f.matter, by: system).candidates.map(\.trimmedMean) == ["70.20", "75.20", "80.20"])
            let shown = try await store.scoreResults(f.matter, by: system)
            for (p, r) in shown {
                let sheet = try ScoreSheet.parse(bytes: Array(try await store.exportSheet(f.matter, position: p.id, by: system)))
                #expect(sheet.stages.map(\.id) == ["written", "interview-structured", "interview-speech"])
                #expect(try sheet.compute() == r)
            }
            // once drawn, the applicant and the published list read the interview score itself beside the forms'
            try await store.drawCandidates(f.matter, by: system)
            let i = try #require(candidates.firstIndex { $0.applicant == ids[0] })
            let own = try #require(try await store.ownResult(f.matter, resident: CompetitionFixture.resident(101), name: "考生1"))
            #expect(own.scores.map(\.stage) == ["written", "interview-structured", "interview-speech", "interview"])
            #expect(own.scores.last?.score == "\(70 + 5 * i).20")
            let published = try #require(try await store.publishedResults(f.matter, by: system)?.first)
            #expect(Set(published.rows.compactMap { $0.scores["interview"] }) == ["70.20", "75.20", "80.20"])
        }
    }

    /// SEL-2 with a composite after the recommendation (笔试 → 面试 → 民主推荐 → 综合成绩): the interview draws the
    /// recommendation's nominees from the written and interview scores; the recommendation's weighted score enters
    /// the composite as a stage of the sheet; a nominee without the double majority is excluded with the reason; the
    /// composite draws the inspection's candidates with reasons.
    static func recommendationInComposite(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: Date(timeIntervalSince1970: 1_780_000_000))
        try await db.withStore(clock: clock) { store, _ in
            try await InspectionChecks.units(store)
            try await TestCustodians.ensure(store)
            let stages: [StageKind] = [.registration, .qualificationReview, .writtenExam, .interview, .democraticRecommendation, .compositeScore,
                                       .inspection, .committeeDecision, .publicity, .appointment]
            var settings = MatterSettings()
            settings.openingRatioInternal = 3
            settings.weightLeaders = 50; settings.weightStaff = 50; settings.weightRepresentatives = 0
            var c1 = PositionConditions(referenceDate: YearMonth.today, targetGrade: 4); c1.maxAge = 45
            let units = try await store.units()
            let fin = units.first { $0.code == "fin" }!
            let plan = MatterPlan(positions: [MatterPosition(id: "p1", unitID: fin.id, unitName: fin.name, post: "副局长", grade: 4, posts: 1, conditions: c1)],
                                  procedure: try Procedure.custom(stages), settings: settings, disclosure: .everyone, scope: "全县", timetable: "2026年", discipline: "严守纪律")
            let matter = try await store.createMatter(title: "财政局副局长竞争上岗", unitID: fin.id, plan: plan, by: system)
            try await store.publishMatterPlan(matter, by: system)
            try await store.openRegistration(matter, closes: Int64(clock.now.timeIntervalSince1970) + 100, by: system)
            var rules = ScoringRules()
            rules.shortlistRatioTenths = 30
            rules.recommendationWeight = 20
            try await store.setScoring(matter, rules, by: system)
            var ids: [UUID] = []
            for n in 1 ... 3 {
                _ = try await CompetitionFixture.cadre(store, "推荐人选\(n)", n, unitCode: "fin")
                ids.append(try await store.register(matter, position: "p1", channel: .selfNominated, resident: CompetitionFixture.resident(n), form: nil, by: .anonymous))
            }
            await clock.advance(by: 100, settle: 0)
            try await store.advanceMatter(matter, by: system)
            try await store.reviewApplicants(matter, by: system)
            for id in ids { try await store.confirmForm(id, by: system) }
            try await store.advanceMatter(matter, by: system)
            try await store.sealExam(matter, rules: ExamRules(), rooms: [ExamRoom(name: "第一考场", seats: 10)], prefix: "2026", by: system)
            for c in try await store.gradingPapers(matter, by: system).papers.map(\.code) { try await store.grade(matter, code: c, score: 80_0000, by: system) }
            try await store.openExamKey(matter, by: system)
            try await store.publishProgression(matter, by: system)
            try await store.advanceMatter(matter, by: system)
            var pool: [Judge] = []
            for k in 1 ... 7 {
                _ = try await RegistryScopeChecks.account(store, "rj\(k)", "judge", on: "fin")
                pool.append(Judge(id: "rj\(k)", name: "考官\(k)", unitId: "x", fromOutside: k <= 3, familiarWithBusiness: k == 4, group: k == 1 ? .leader : k == 2 ? .expert : k == 5 ? .personnel : .other))
            }
            let panel = try await store.drawPanel(matter, position: "p1", pool: pool, seed: 3, by: system)
            for j in panel.judges {
                let judge = try await store.account(username: j.id).map(ActingUser.init)!
                for c in try await store.interviewCandidates(matter, by: system).candidates { try await store.scoreInterview(matter, applicant: c.applicant, score: 80_0000, elements: nil, by: judge) }
            }
            // at the interview the recommendation's nominees are drawn (all three: ties at the 3:1 cut)
            try await store.drawCandidates(matter, by: system)
            try await store.advanceMatter(matter, by: system)
            #expect(try await store.matter(matter, by: system).matter.current == .democraticRecommendation)
            try await store.createRecommendationVotes(matter: matter, leaders: 2, staff: 2, representatives: 0, talkVoters: 3, custodians: TestCustodians.plan, by: system)
            let v = try await store.matterView(matter, by: system)
            let people = v.people.sorted { $0.name < $1.name }
            #expect(people.count == 3)
            func close(_ id: UUID, _ ballots: [(String, Ballot)]) async throws {
                try await store.openBallotSession(id, by: system)
                for (category, ballot) in ballots {
                    let code = try #require(try await store.issueCodes(session: id, category: category, count: 1, by: system).first)
                    _ = try await store.cast(session: id, code: code, ballot: ballot)
                }
                try await store.closeBallotSession(id, custodians: TestCustodians.confirmations(), by: system, hasher: PlainHasher())
            }
            // candidates n1…n3 in the order the people were drawn; n1 first everywhere, n3 without a talk majority
            try await close(v.sessions.meeting!, [("leaders", .recommendation(category: "leaders", ranking: ["n1", "n2"])), ("leaders", .recommendation(category: "leaders", ranking: ["n1", "n3"])),
                                                  ("staff", .recommendation(category: "staff", ranking: ["n1", "n2"])), ("staff", .recommendation(category: "staff", ranking: ["n2", "n3"]))])
            try await close(v.sessions.talk!, [("talk", .recommendation(category: "talk", ranking: ["n1", "n2"])), ("talk", .recommendation(category: "talk", ranking: ["n1", "n2"])),
                                               ("talk", .recommendation(category: "talk", ranking: ["n2"]))])
            try await store.addMatterNote(matter: matter, kind: .recommendationTalk, person: nil, day: store.today.description,
                                          fields: [.init("talkedTo", "干部甲"), .init("recommended", "推荐人选1"), .init("summary", "业务熟悉")], by: system)
            try await store.advanceMatter(matter, by: system)
            #expect(try await store.matter(matter, by: system).matter.current == .compositeScore)
            let result = try #require(try await store.scoreResults(matter, by: system).first?.result)
            #expect(result.stages.map(\.stage) == ["written", "interview", "recommendation"])
            let excluded = result.applicants.filter { $0.status == .excluded }
            #expect(excluded.count == 1)   // no double majority: listed, never ranked
            #expect(result.applicants.filter { $0.rank == 1 }.count == 1)
            let undrawn = await error { try await store.advanceMatter(matter, by: system) }
            #expect(refusedRules(undrawn).contains("SCR-3"))
            try await store.drawCandidates(matter, by: system)
            let targets = try await store.matterView(matter, by: system).people.filter(\.isTarget)
            #expect(targets.count == 2 && targets.allSatisfy { $0.targetReason?.contains("综合成绩") == true })
            // the export recomputes the same, the recommendation stage and the exclusion included
            let sheet = try ScoreSheet.parse(bytes: Array(try await store.exportSheet(matter, position: "p1", by: system)))
            #expect(try sheet.compute() == result)
        }
    }

    /// SEL-3 缺位竞岗 (演讲 → 民主测评 → 综合成绩): the speech is the interview panel's; the closed evaluation's grades
    /// enter the composite as a stage out of 100 (BAL-3), a popular veto excludes with the reason in words (BAL-6);
    /// the party-group members' scores and the regular assessment are entered by the organizer with a reference,
    /// locked and in the ledger; the composite draws the inspection's candidates; the export recomputes the same.
    static func vacancyComposite(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: Date(timeIntervalSince1970: 1_780_000_000))
        try await db.withStore(clock: clock) { store, _ in
            try await InspectionChecks.units(store)
            try await TestCustodians.ensure(store)
            let f = try await CompetitionFixture.registering(store, procedure: .vacancyCompetition, seconds: 100)
            var ids: [UUID] = []
            for n in 1 ... 3 {
                _ = try await CompetitionFixture.cadre(store, "竞岗人\(n)", 40 + n, unitCode: "fin")
                ids.append(try await store.register(f.matter, position: "p1", channel: .selfNominated, resident: CompetitionFixture.resident(40 + n), form: nil, by: .anonymous))
            }
            await clock.advance(by: 100, settle: 0)
            try await store.advanceMatter(f.matter, by: system)
            try await store.reviewApplicants(f.matter, by: system)
            for id in ids { try await store.confirmForm(id, by: system) }
            try await store.decidePosition(f.matter, position: "p2", fate: .dropped, reason: "无人报名", by: system)
            try await store.advanceMatter(f.matter, by: system)
            #expect(try await store.matter(f.matter, by: system).matter.current == .interview)
            // the speech: a panel of 7 scores each; trimmed means 83, 73, 93
            var pool: [Judge] = []
            for k in 1 ... 7 {
                _ = try await RegistryScopeChecks.account(store, "vj\(k)", "judge", on: "fin")
                pool.append(Judge(id: "vj\(k)", name: "评委\(k)", unitId: "x", fromOutside: k <= 3, familiarWithBusiness: k == 4, group: k == 1 ? .leader : k == 2 ? .expert : k == 5 ? .personnel : .other))
            }
            let panel = try await store.drawPanel(f.matter, position: "p1", pool: pool, seed: 5, by: system)
            let base: [UUID: Int64] = [ids[0]: 80, ids[1]: 70, ids[2]: 90]
            for (k, j) in panel.judges.enumerated() {
                let judge = try await store.account(username: j.id).map(ActingUser.init)!
                for c in try await store.interviewCandidates(f.matter, by: system).candidates {
                    try await store.scoreInterview(f.matter, applicant: c.applicant, score: (base[c.applicant]! + Int64(k)) * 10_000, elements: nil, by: judge)
                }
            }
            // the speech draws the evaluation's candidates (3:1, all three)
            try await store.drawCandidates(f.matter, by: system)
            try await store.advanceMatter(f.matter, by: system)
            #expect(try await store.matter(f.matter, by: system).matter.current == .democraticEvaluation)
            // nothing is entered for a stage the plan does not hold, nor by hand for the evaluation
            let rating = await error { try await store.enterStageScore(f.matter, applicant: ids[0], stage: .rating, score: 80_0000, reference: "x", by: system) }
            #expect((rating as? InvalidInput)?.issues.first?.field == "stage")
            let byHand = await error { try await store.enterStageScore(f.matter, applicant: ids[0], stage: .evaluation, score: 80_0000, reference: "x", by: system) }
            #expect((byHand as? InvalidInput)?.issues.first?.field == "stage")
            // BAL-3: ten of ten evaluate; 竞岗人1 8 优秀 2 称职 (96), 竞岗人2 7 of 10 consent (vetoed), 竞岗人3 5/4/1 (88)
            try await store.createInspectionEvaluation(matter: f.matter, entitled: 10, custodians: TestCustodians.plan, by: system)
            let sid = try #require(try await store.matterView(f.matter, by: system).sessions.evaluation)
            let box = try #require(try await store.ballotSession(sid)?.box)
            func key(_ name: String) -> String { box.candidates.first { $0.name == name }!.id }
            let grades: [String: [String]] = [
                "竞岗人1": Array(repeating: "excellent", count: 8) + ["competent", "competent"],
                "竞岗人2": Array(repeating: "excellent", count: 5) + ["competent", "competent", "basic", "basic", "incompetent"],
                "竞岗人3": Array(repeating: "excellent", count: 5) + Array(repeating: "competent", count: 4) + ["basic"],
            ]
            try await store.openBallotSession(sid, by: system)
            for i in 0 ..< 10 {
                let code = try #require(try await store.issueCodes(session: sid, category: "voters", count: 1, by: system).first)
                let ratings = grades.keys.sorted().map { n in (candidate: key(n), items: Optional(VirtueItem.allCases.map { (item: $0.rawValue, tier: "good") }), overall: Optional(grades[n]![i])) }
                _ = try await store.cast(session: sid, code: code, ballot: .evaluation(ratings: ratings))
            }
            try await store.closeBallotSession(sid, custodians: TestCustodians.confirmations(), by: system, hasher: PlainHasher())
            try await store.advanceMatter(f.matter, by: system)
            #expect(try await store.matter(f.matter, by: system).matter.current == .compositeScore)
            // SEL-3: the party group's and the assessment's scores, entered with a reference, locked
            try await store.enterStageScore(f.matter, applicant: ids[0], stage: .partyGroup, score: 85_0000, reference: "党组会议纪要〔2026〕3号", by: system)
            let twice = await error { try await store.enterStageScore(f.matter, applicant: ids[0], stage: .partyGroup, score: 99_0000, reference: "x", by: system) }
            #expect((twice as? InvalidInput)?.issues.first?.field == "score")
            let over = await error { try await store.enterStageScore(f.matter, applicant: ids[0], stage: .assessment, score: 100_0001, reference: "x", by: system) }
            #expect((over as? InvalidInput)?.issues.first?.field == "score")
            let noRef = await error { try await store.enterStageScore(f.matter, applicant: ids[0], stage: .assessment, score: 90_0000, reference: " ", by: system) }
            #expect((noRef as? InvalidInput)?.issues.first?.field == "reference")
            let neighbour = try await RegistryScopeChecks.account(store, "eduorg", "organizer", on: "edu")
            let foreign = await error { try await store.enterStageScore(f.matter, applicant: ids[0], stage: .assessment, score: 90_0000, reference: "x", by: neighbour) }
            #expect(foreign is NotPermitted || (foreign as? InvalidInput)?.issues.first?.field == "matter")
            try await store.enterStageScore(f.matter, applicant: ids[2], stage: .partyGroup, score: 80_0000, reference: "党组会议纪要〔2026〕3号", by: system)
            try await store.enterStageScore(f.matter, applicant: ids[2], stage: .assessment, score: 90_0000, reference: "平时考核登记表2026", by: system)
            // SCR-1: the composite waits for every entry of those not excluded, said by name
            let missing = await error { try await store.drawCandidates(f.matter, by: system) }
            #expect((missing as? InvalidInput)?.issues.first.map { "\($0.problem)" }?.contains("竞岗人1") == true)
            try await store.enterStageScore(f.matter, applicant: ids[0], stage: .assessment, score: 95_0000, reference: "平时考核登记表2026", by: system)
            let result = try #require(try await store.scoreResults(f.matter, by: system).first?.result)
            let admission = Dictionary(uniqueKeysWithValues: try await store.applicants(f.matter, by: system).map { ($0.id, $0.admission ?? "R" + String($0.id.uuidString.prefix(8))) })
            #expect(result.stages.map(\.stage) == ["interview", "evaluation", "party-group", "assessment"])
            let a1 = try #require(result.applicant(admission[ids[0]]!)), a2 = try #require(result.applicant(admission[ids[1]]!)), a3 = try #require(result.applicant(admission[ids[2]]!))
            // 竞岗人1: (83·20 + 96·30 + 85·30 + 95·20) / 100 = 89.90; 竞岗人3: (93·20 + 88·30 + 80·30 + 90·20) / 100 = 87.00
            #expect(a1.stageScores.map { result.text($0.score) } == ["83.00", "96.00", "85.00", "95.00"])
            #expect(a1.composite.map(result.text) == "89.90" && a1.rank == 1)
            #expect(a3.composite.map(result.text) == "87.00" && a3.rank == 2)
            #expect(a2.status == .excluded && a2.rank == nil && a2.composite == nil)
            // the export recomputes the same, with the veto's reason in words
            let sheet = try ScoreSheet.parse(bytes: Array(try await store.exportSheet(f.matter, position: "p1", by: system)))
            #expect(try sheet.compute() == result)
            #expect(sheet.applicants.first { $0.id == admission[ids[1]]! }?.excluded == "民主测评认可票（优秀、称职）7/10，低于80%，民意否决（BAL-6）")
            #expect(sheet.stages.map(\.weight) == [ScoreDecimal(20), ScoreDecimal(30), ScoreDecimal(30), ScoreDecimal(20)])
            // SCR-3: the composite draws the inspection's candidates with reasons; entries are then refused
            try await store.drawCandidates(f.matter, by: system)
            let targets = try await store.matterView(f.matter, by: system).people.filter(\.isTarget)
            #expect(Set(targets.map(\.name)) == ["竞岗人1", "竞岗人3"])
            #expect(targets.first { $0.name == "竞岗人1" }?.targetReason?.hasPrefix("综合成绩89.90分，职位内排名第1名") == true)
            let late = await error { try await store.enterStageScore(f.matter, applicant: ids[1], stage: .assessment, score: 90_0000, reference: "x", by: system) }
            #expect((late as? InvalidInput)?.issues.first?.field == "applicant")
            // LED-1: every entry in the ledger with its stage, score and reference, traceable from the composite
            let entries = try await store.ledgerEntries(subjectType: "matter", subjectID: f.matter.uuidString).filter { $0.action == "scoring.stage.entry" }
            #expect(entries.count == 4)
            let payloads = entries.map { Dictionary(LedgerCatalog.payload($0.payload).map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }) }
            #expect(payloads.contains { $0["score"] == .int(85_0000) && $0["reference"] == .string("党组会议纪要〔2026〕3号") && $0["stage"] == .string("party-group")
                && $0["applicant"] == .string(ids[0].uuidString) })
            #expect(try await store.stageScores(f.matter, by: system).map(\.score).sorted() == [80_0000, 85_0000, 90_0000, 95_0000])
        }
    }

    /// Registers `count` registry applicants for p1 of a fixture matter of `procedure`, reviews them, drops p2 and, when
    /// the procedure has a written exam, seals it and imports `written` by admission number. Returns the ids.
    static func toWritten(_ store: Store, _ clock: ManualClock, procedure: ProcedureKind, written: [Int], first: Int,
                          settings: (inout MatterSettings) -> Void = { _ in }) async throws -> (CompetitionFixture, [UUID], [UUID: String]) {
        let f = try await CompetitionFixture.registering(store, procedure: procedure, seconds: 100, settings: settings)
        var ids: [UUID] = []
        for n in 0 ..< written.count {
            _ = try await CompetitionFixture.cadre(store, "报名人\(first + n)", first + n, unitCode: "fin")
            ids.append(try await store.register(f.matter, position: "p1", channel: .selfNominated, resident: CompetitionFixture.resident(first + n), form: nil, by: .anonymous))
        }
        await clock.advance(by: 100, settle: 0)
        try await store.advanceMatter(f.matter, by: system)
        try await store.reviewApplicants(f.matter, by: system)
        for id in ids { try await store.confirmForm(id, by: system) }
        try await store.decidePosition(f.matter, position: "p2", fate: .dropped, reason: "无人报名", by: system)
        try await store.advanceMatter(f.matter, by: system)
        try await store.sealExam(f.matter, rules: ExamRules(), rooms: [ExamRoom(name: "第一考场", seats: 30)], prefix: "2026", by: system)
        let admissions = Dictionary(uniqueKeysWithValues: try await store.applicants(f.matter, by: system).map { ($0.id, $0.admission!) })
        let text = zip(ids, written).map { "\(admissions[$0]!),\($1)" }.joined(separator: "\n")
        _ = try await store.importScores(f.matter, text: "准考证号,成绩\n" + text, by: system)
        try await store.openExamKey(f.matter, by: system)
        try await store.publishProgression(f.matter, by: system)
        return (f, ids, admissions)
    }

    /// SEL-7 训练班选拔: the wide round's cut is the plan's fine-round size, computed by the score sheet on the server.
    static func trainingFineRound(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: Date(timeIntervalSince1970: 1_780_000_000))
        try await db.withStore(clock: clock) { store, _ in
            try await InspectionChecks.units(store)
            let (f, ids, admissions) = try await toWritten(store, clock, procedure: .trainingClass, written: [90, 85, 80, 70], first: 50) { $0.fineRound = 2 }
            let progression = try #require(try await store.competition(f.matter, by: system).progression["p1"])
            // without the setting the default 5:1 ratio would have kept all four
            #expect(Set(progression.advanced) == [admissions[ids[0]]!, admissions[ids[1]]!])
            #expect(progression.cutScore == "85.00")
        }
    }

    /// SEL-4 公推公选: written 40 + interview 60 (the scoring rules) + the rating panel 20 + the inspection score 20 (the
    /// plan's settings), entered at the composite; the rating panel changes the order; the export recomputes the same.
    static func publicRecommendationComposite(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: Date(timeIntervalSince1970: 1_780_000_000))
        try await db.withStore(clock: clock) { store, _ in
            try await InspectionChecks.units(store)
            let (f, ids, admissions) = try await toWritten(store, clock, procedure: .publicRecommendation, written: [90, 80, 70], first: 60)
            try await store.advanceMatter(f.matter, by: system)
            var pool: [Judge] = []
            for k in 1 ... 7 {
                _ = try await RegistryScopeChecks.account(store, "pj\(k)", "judge", on: "fin")
                pool.append(Judge(id: "pj\(k)", name: "常委\(k)", unitId: "x", fromOutside: k <= 3, familiarWithBusiness: k == 4, group: k == 1 ? .leader : k == 2 ? .expert : k == 5 ? .personnel : .other))
            }
            let panel = try await store.drawPanel(f.matter, position: "p1", pool: pool, seed: 9, by: system)
            for j in panel.judges {
                let judge = try await store.account(username: j.id).map(ActingUser.init)!
                for c in try await store.interviewCandidates(f.matter, by: system).candidates { try await store.scoreInterview(f.matter, applicant: c.applicant, score: 80_0000, elements: nil, by: judge) }
            }
            try await store.advanceMatter(f.matter, by: system)
            #expect(try await store.matter(f.matter, by: system).matter.current == .compositeScore)
            let party = await error { try await store.enterStageScore(f.matter, applicant: ids[0], stage: .partyGroup, score: 80_0000, reference: "x", by: system) }
            #expect((party as? InvalidInput)?.issues.first?.field == "stage")
            for (id, (rating, inspection)) in zip(ids, [(70, 80), (90, 90), (80, 80)]) {
                try await store.enterStageScore(f.matter, applicant: id, stage: .rating, score: Int64(rating) * 10_000, reference: "两代表一委员评议表", by: system)
                try await store.enterStageScore(f.matter, applicant: id, stage: .inspection, score: Int64(inspection) * 10_000, reference: "考察组考察报告", by: system)
            }
            let result = try #require(try await store.scoreResults(f.matter, by: system).first?.result)
            #expect(result.stages.map(\.stage) == ["written", "interview", "rating", "inspection-score"])
            // (90·40 + 80·60 + 70·20 + 80·20) / 140 = 81.43; (80·40 + 80·60 + 90·20 + 90·20) / 140 = 82.86; 77.14
            #expect(ids.map { result.applicant(admissions[$0]!)?.composite.map(result.text) } == ["81.43", "82.86", "77.14"])
            #expect(ids.map { result.applicant(admissions[$0]!)?.rank } == [2, 1, 3])
            let sheet = try ScoreSheet.parse(bytes: Array(try await store.exportSheet(f.matter, position: "p1", by: system)))
            #expect(try sheet.compute() == result)
        }
    }

    /// SEL-1: an outside applicant's form in open selection: checked field by field; the identity number is never
    /// stored, only its keyed hash and the masked number.
    static func outsideApplicant(_ db: TestDatabase) async throws {
        try await db.withStore { store, runtime in
            try await InspectionChecks.units(store)
            let f = try await CompetitionFixture.registering(store, procedure: .openSelection)
            var bad = CompetitionFixture.form("")
            bad.workStart = YearMonth(year: 1970, month: 1)
            let e = await error { _ = try await store.register(f.matter, position: "p1", channel: .selfNominated, resident: CompetitionFixture.resident(7), form: bad, by: .anonymous) }
            #expect(Set((e as? InvalidInput)?.issues.map(\.field) ?? []) == ["name", "workStart"])
            let badID = await error { _ = try await store.register(f.matter, position: "p1", channel: .selfNominated, resident: "350102198604120070", form: CompetitionFixture.form("张三"), by: .anonymous) }
            #expect((badID as? InvalidInput)?.issues.first?.field == "resident")
            // through the public form's path, which also opens the applicant account (its activation code kept as an HMAC)
            let r = try await store.registerApplicant(f.matter, position: "p1", resident: CompetitionFixture.resident(7), form: CompetitionFixture.form("张三"))
            let code = try #require(r.activationCode)
            // every row, every column and system column (PostgreSQL), or the database's files with their journal (SQLite)
            let dump = try await SecrecyChecks.everything(store, runtime)
            #expect(!dump.contains(CompetitionFixture.resident(7)))
            #expect(!dump.contains(code) && !dump.contains(code.replacingOccurrences(of: "-", with: "")))
            #expect(dump.contains("张三"))   // the scan does read the applicants' rows
            #expect(try await store.applicants(f.matter, by: system).first?.residentMasked.contains("****") == true)
        }
    }
}

@Suite("Competitive selection: registration, review, sealed exam, on SQLite")
struct CompetitionStoreTests {
    @Test("ELG-8 registrations and switches are taken until the closing second and refused at it, with counts per position") func closing() async throws { try await CompetitionChecks.closingSecond(.sqlite) }
    @Test("ELG-8 EXM-9 40 public registrations at once: one transaction, each its own answer (the same number twice, an unknown position, no form), one account and ledger entry each") func burst() async throws { try await CompetitionChecks.registrationBurst(.sqlite) }
    @Test("ELG-6 ELG-7 ELG-9 review in words, overrides with reasons, the unit confirms, a position below the ratio is decided before the exam") func review() async throws { try await CompetitionChecks.review(.sqlite) }
    @Test("EXM-1 sealed grading: codes only for graders, arbitration, the key opened by a supervisor once every score is locked") func sealed() async throws { try await CompetitionChecks.sealedGrading(.sqlite) }
    @Test("SEL-1 an outside applicant's form is checked field by field; the identity number (and the applicant account's activation code) is never stored") func outside() async throws { try await CompetitionChecks.outsideApplicant(.sqlite) }
    @Test("SCR-1 SEL-2 the recommendation's score enters the composite; no double majority excludes with the reason; the composite draws the inspection's candidates") func recommendation() async throws { try await CompetitionChecks.recommendationInComposite(.sqlite) }
    @Test("EXM-4 EXM-3 EXM-7 recusal before the draw by the registry's relations and the candidates' unit, the pool file re-runs, a recused judge cannot score, a declared conflict replaced by lot, forms weighted, questions locked by the first score") func recusal() async throws { try await CompetitionChecks.recusalFormsQuestions(.sqlite) }
    @Test("SEL-3 SCR-1 BAL-3 BAL-6 缺位竞岗: speech, evaluation (a popular veto excluded with the reason), party-group and assessment scores entered with references; the export recomputes the same") func vacancy() async throws { try await CompetitionChecks.vacancyComposite(.sqlite) }
    @Test("SEL-4 SCR-1 公推公选: the rating panel and the inspection score entered with references enter the composite by the plan's weights; the export recomputes the same") func publicRecommendation() async throws { try await CompetitionChecks.publicRecommendationComposite(.sqlite) }
    @Test("SEL-7 EXM-2 训练班选拔: the wide round sends the plan's fine-round size on, by the score sheet") func training() async throws { try await CompetitionChecks.trainingFineRound(.sqlite) }
    @Test("EXM-2 EXM-9 EXM-4 EXM-5 SCR-3 SCR-4 progression by the score sheet, a panel drawn by lot, locked scores and the trimmed mean, candidates drawn, the export recomputes the same, the one not chosen proposed to the reserve") func scores() async throws { try await CompetitionChecks.scoresToCandidates(.sqlite) }
}

@Suite("Competitive selection on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct CompetitionPostgresTests {
    @Test("ELG-8 closing second (PostgreSQL)") func closing() async throws { try await CompetitionChecks.closingSecond(.postgres) }
    @Test("ELG-8 EXM-9 registrations at once (PostgreSQL)") func burst() async throws { try await CompetitionChecks.registrationBurst(.postgres) }
    @Test("ELG-6 ELG-7 ELG-9 review (PostgreSQL)") func review() async throws { try await CompetitionChecks.review(.postgres) }
    @Test("EXM-1 sealed grading (PostgreSQL)") func sealed() async throws { try await CompetitionChecks.sealedGrading(.postgres) }
    @Test("SEL-1 outside applicant (PostgreSQL)") func outside() async throws { try await CompetitionChecks.outsideApplicant(.postgres) }
    @Test("SCR-1 recommendation in the composite (PostgreSQL)") func recommendation() async throws { try await CompetitionChecks.recommendationInComposite(.postgres) }
    @Test("EXM-4 EXM-3 EXM-7 recusal, forms and questions (PostgreSQL)") func recusal() async throws { try await CompetitionChecks.recusalFormsQuestions(.postgres) }
    @Test("SEL-3 SCR-1 BAL-6 缺位竞岗 composite with an evaluation stage and a veto (PostgreSQL)") func vacancy() async throws { try await CompetitionChecks.vacancyComposite(.postgres) }
    @Test("SEL-4 SCR-1 公推公选 composite (PostgreSQL)") func publicRecommendation() async throws { try await CompetitionChecks.publicRecommendationComposite(.postgres) }
    @Test("SEL-7 EXM-2 训练班 fine round (PostgreSQL)") func training() async throws { try await CompetitionChecks.trainingFineRound(.postgres) }
    @Test("EXM-2 EXM-5 SCR-3 scores to candidates (PostgreSQL)") func scores() async throws { try await CompetitionChecks.scoresToCandidates(.postgres) }
}
