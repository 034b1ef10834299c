import Foundation
import SelectionCore
import Testing
@testable import XuanrenStore
import XuanrenTestSupport

/// The inspection (INS-1…7) and the gates before the committee (REG-3, REG-4, INS-5, INS-7, BAL-6, CAS-3), in the
/// store: each gate blocks with its reason and rule, then holds once its record is right; a blocking gate keeps the
/// matter from the committee (`advanceMatter`). One body per check, run on SQLite and on PostgreSQL.
enum InspectionChecks {
    static func units(_ store: Store) async throws {
        try await store.createUnit(code: "county", name: "青岚县委", kind: "party-committee", parentCode: nil, actor: "t")
        try await store.createUnit(code: "org", name: "青岚县委组织部", kind: "organization", parentCode: "county", actor: "t")
        try await store.createUnit(code: "jw", name: "青岚县纪委监委", kind: "discipline", parentCode: "county", actor: "t")
        try await store.createUnit(code: "fin", name: "青岚县财政局", kind: "bureau", parentCode: "county", actor: "t")
        try await store.createUnit(code: "edu", name: "青岚县教育局", kind: "bureau", parentCode: "county", actor: "t")
    }

    static let system = ActingUser.system("organizer")

    static func person(_ store: Store, _ f: InspectionFixture, by user: ActingUser = system) async throws -> MatterPerson {
        try #require(try await store.matterView(f.matter, by: user).people.first { $0.id == f.person })
    }

    static func gate(_ store: Store, _ f: InspectionFixture, _ kind: GateKind) async throws -> GateResult {
        try #require(try await person(store, f).gateResults.first { $0.kind == kind })
    }

    static func blockedRule(_ g: GateResult) -> String? {
        if case .blocked(let r) = g.state { return r.rule }
        return nil
    }

    /// INS-1: inspection work (a talk) before the notice is refused with the reason; after it, accepted.
    static func talkAfterNotice(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await units(store)
            let f = try await InspectionFixture.inspecting(store, unitCode: "fin", file: InspectionFixture.cadreFile("王立新"))
            let today = store.today.description
            let talk: [MatterNote.Field] = [.init("with", "局办公室主任"), .init("summary", "工作扎实")]
            do {
                try await store.addMatterNote(matter: f.matter, kind: .inspectionTalk, person: f.person, day: today, fields: talk, by: system)
                Issue.record("a talk before the notice was accepted")
            } catch let e as MatterError {
                guard case .guardFailed(_, let r) = e else { Issue.record("unexpected \(e)"); return }
                #expect(r.map(\.rule) == ["INS-1"])
                #expect(e.message(in: .zhHans).contains("考察预告发布后才能开展考察工作"))
            }
            try await InspectionFixture.teamAndNotice(store, f)
            try await store.addMatterNote(matter: f.matter, kind: .inspectionTalk, person: f.person, day: today, fields: talk, by: system)
            let v = try await store.matterView(f.matter, by: system)
            #expect(v.notes.filter { $0.kind == .inspectionTalk }.count == 1)
            #expect(v.items.contains { $0.kind == .inspectionNotice })
            // INS-2: the team no longer changes once the notice is out
            await #expect(throws: InvalidInput.self) { try await store.setInspectionTeam(matter: f.matter, members: InspectionFixture.team(), by: system) }
        }
    }

    /// INS-2: a team whose leader is not a standing-committee member is refused when the notice is published.
    static func teamLeader(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await units(store)
            let f = try await InspectionFixture.inspecting(store, unitCode: "fin", file: InspectionFixture.cadreFile("王立新"))
            let team = [TeamMember(name: "张组长", background: .organization, leader: true, standingCommittee: false),
                        TeamMember(name: "林组员", background: .discipline)]
            try await store.setInspectionTeam(matter: f.matter, members: team, by: system)
            do {
                try await store.publishInspectionNotice(matter: f.matter, method: "个别谈话", contact: "0591-1234", by: system)
                Issue.record("a notice with a team led by a non-member of the standing committee was published")
            } catch let e as MatterError {
                #expect(e.message(in: .zhHans).contains("考察组组长应由常委（党组成员）担任"))
                #expect(e.message(in: .en).contains("the team leader must be a standing-committee member"))
            }
            #expect(try await store.matterView(f.matter, by: system).items.allSatisfy { $0.kind != .inspectionNotice })
            try await store.setInspectionTeam(matter: f.matter, members: InspectionFixture.team(), by: system)
            try await store.publishInspectionNotice(matter: f.matter, method: "个别谈话", contact: "0591-1234", by: system)
        }
    }

    /// Everything but the file audit in order for the committee: team, notice, a talk, the record, the comparison,
    /// the personal-matters check, the integrity opinion and exam, the evaluation; then the notice period passes.
    static func readyButForAudit(_ store: Store, _ f: InspectionFixture, clock: ManualClock) async throws {
        try await InspectionFixture.prepareForCommittee(store, f, clock: clock)
    }

    /// REG-4: a candidate whose registry file has an unresolved blocking audit finding keeps the matter from the
    /// committee; once the finding is resolved in the registry, the matter goes on.
    static func auditBlocksThenPasses(_ db: TestDatabase) async throws {
        let clock = ManualClock()
        try await db.withStore(clock: clock) { store, _ in
            try await units(store)
            // the date of birth disagrees with the identity number: a blocking finding
            let f = try await InspectionFixture.inspecting(store, unitCode: "fin", file: InspectionFixture.cadreFile("赵明", birth: "198605"))
            try await readyButForAudit(store, f, clock: clock)
            let blocked = try await gate(store, f, .fileAudit)
            #expect(blockedRule(blocked) == "REG-4")
            #expect(try await person(store, f).gateResults.filter { !$0.passes }.map(\.kind) == [.fileAudit])
            do {
                try await store.advanceMatter(f.matter, by: system)
                Issue.record("the matter went to the committee with an unresolved blocking finding")
            } catch let e as MatterError {
                guard case .guardFailed(_, let r) = e else { Issue.record("unexpected \(e)"); return }
                #expect(r.map(\.rule) == ["REG-4"])
                #expect(e.message(in: .zhHans).contains("赵明：档案审核（三龄一历）"))
            }
            #expect(try await store.matterView(f.matter, by: system).matter.current == .inspection)
            // resolved in the registry (the file page's form), with who and why
            let finding = try #require(try await store.dossier(f.cadre)?.findings.first { $0.severity == .blocking })
            try await store.resolveFinding(cadreID: f.cadre, key: finding.key, reason: "以户籍证明为准", by: system)
            #expect(try await gate(store, f, .fileAudit).passes)
            try await store.advanceMatter(f.matter, by: system)
            let v = try await store.matterView(f.matter, by: system)
            #expect(v.matter.current == .committeeDecision && v.matter.readyForCommittee)
        }
    }

    /// REG-3: not checked blocks; inconsistent and postponed blocks; explained holds; consistent holds.
    static func personalMatters(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await units(store)
            let f = try await InspectionFixture.inspecting(store, unitCode: "fin", file: InspectionFixture.cadreFile("王立新"))
            #expect(blockedRule(try await gate(store, f, .personalMatters)) == "REG-3")
            let day = store.today
            try await store.recordPersonalMattersCheck(matter: f.matter, person: f.person, check: PersonalMattersCheck(date: day, consistent: false, handling: .postponed), by: system)
            let g = try await gate(store, f, .personalMatters)
            #expect(blockedRule(g) == "REG-3" && g.text(in: .zhHans).contains("暂缓任用"))
            try await store.recordPersonalMattersCheck(matter: f.matter, person: f.person, check: PersonalMattersCheck(date: day, consistent: false, handling: .explained, note: "漏报房产已说明"), by: system)
            #expect(try await gate(store, f, .personalMatters).passes)
            try await store.recordPersonalMattersCheck(matter: f.matter, person: f.person, check: PersonalMattersCheck(date: day, consistent: true, handling: .postponed), by: system)
            let ok = try await person(store, f)
            #expect(ok.gates.personalMatters?.handling == PersonalMattersCheck.Handling.none)   // consistent: nothing to handle
            #expect(ok.gateResults.first { $0.kind == .personalMatters }?.passes == true)
        }
    }

    /// INS-5: the discipline commission's integrity opinion: asked, not answered blocks; answered with a problem blocks
    /// with the answer; answered without one holds. Another body's negative opinion is shown but is not this gate.
    static func integrityOpinion(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await units(store)
            let f = try await InspectionFixture.inspecting(store, unitCode: "fin", file: InspectionFixture.cadreFile("王立新"))
            try await InspectionFixture.teamAndNotice(store, f)
            let today = store.today.description
            let petitions = try await store.addMatterNote(matter: f.matter, kind: .bodyOpinion, person: f.person, day: today, fields: [],
                                                          opinion: BodyOpinion(body: "县信访局", requested: store.today), by: system)
            try await store.answerOpinion(matter: f.matter, note: petitions, answered: today, answer: "有一件信访件", negative: true, by: system)
            #expect(blockedRule(try await gate(store, f, .integrityOpinion)) == "INS-5")
            let integrity = try await store.addMatterNote(matter: f.matter, kind: .bodyOpinion, person: f.person, day: today, fields: [],
                                                          opinion: BodyOpinion(body: "县纪委监委", requested: store.today, isIntegrity: true), by: system)
            #expect(try await gate(store, f, .integrityOpinion).text(in: .zhHans).contains("尚未收到"))
            try await store.answerOpinion(matter: f.matter, note: integrity, answered: today, answer: "有违纪线索在核", negative: true, attachment: "复函.pdf", by: system)
            let g = try await gate(store, f, .integrityOpinion)
            #expect(blockedRule(g) == "INS-5" && g.text(in: .zhHans).contains("有违纪线索在核"))
            // an answer is recorded once (no rewriting a negative into a clean one), and a later clean opinion does not hide it
            await #expect(throws: InvalidInput.self) {
                try await store.answerOpinion(matter: f.matter, note: integrity, answered: today, answer: "经核，未发现问题", negative: false, by: system)
            }
            let again = try await store.addMatterNote(matter: f.matter, kind: .bodyOpinion, person: f.person, day: today, fields: [],
                                                      opinion: BodyOpinion(body: "县纪委监委", requested: store.today, isIntegrity: true), by: system)
            try await store.answerOpinion(matter: f.matter, note: again, answered: today, answer: "经核，未发现问题", negative: false, by: system)
            #expect(blockedRule(try await gate(store, f, .integrityOpinion)) == "INS-5")
            // set aside only by a recorded decision
            try await store.overrideGate(matter: f.matter, person: f.person, gate: .integrityOpinion, reason: "线索经核不实", decision: "县纪委函〔2026〕3号", by: system)
            #expect(try await gate(store, f, .integrityOpinion).passes)
            let opinions = try await store.matterView(f.matter, by: system).notes.compactMap(\.opinion)
            #expect(opinions.count == 3 && opinions.first { $0.isIntegrity }?.attachment == "复函.pdf")
            // an answer cannot predate its request
            let yesterday = CivilDay(daysSinceEpoch: store.today.daysSinceEpoch - 1).description
            let third = try await store.addMatterNote(matter: f.matter, kind: .bodyOpinion, person: f.person, day: today, fields: [],
                                                      opinion: BodyOpinion(body: "县公安局", requested: store.today), by: system)
            await #expect(throws: InvalidInput.self) {
                try await store.answerOpinion(matter: f.matter, note: third, answered: yesterday, answer: "x", negative: false, by: system)
            }
        }
    }

    /// INS-7: below the plan's pass mark blocks; at or above it holds; only organizers record it.
    static func integrityExam(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await units(store)
            let f = try await InspectionFixture.inspecting(store, unitCode: "fin", file: InspectionFixture.cadreFile("王立新"))
            #expect(blockedRule(try await gate(store, f, .integrityExam)) == "INS-7")
            try await store.recordIntegrityExam(matter: f.matter, person: f.person, exam: IntegrityExam(date: store.today, score: 55), by: system)
            let g = try await gate(store, f, .integrityExam)
            #expect(blockedRule(g) == "INS-7" && g.text(in: .zhHans).contains("低于合格分60"))
            try await store.recordIntegrityExam(matter: f.matter, person: f.person, exam: IntegrityExam(date: store.today, score: 60), by: system)
            #expect(try await gate(store, f, .integrityExam).passes)
            await #expect(throws: InvalidInput.self) {
                try await store.recordIntegrityExam(matter: f.matter, person: f.person, exam: IntegrityExam(date: store.today, score: 101), by: system)
            }
            let supervisor = try await RegistryScopeChecks.account(store, "jwsup", "supervisor", on: "jw")
            await #expect(throws: NotPermitted.self) {
                try await store.recordIntegrityExam(matter: f.matter, person: f.person, exam: IntegrityExam(date: store.today, score: 90), by: supervisor)
            }
        }
    }

    /// BAL-6: consent below the plan's veto line in the inspection's evaluation blocks; at or above it holds.
    static func popularVeto(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await units(store)
            let low = try await InspectionFixture.inspecting(store, unitCode: "fin", file: InspectionFixture.cadreFile("王立新"))
            #expect(blockedRule(try await gate(store, low, .popularVeto)) == "BAL-6")
            try await InspectionFixture.evaluate(store, low, voters: 10, consent: 7)
            let g = try await gate(store, low, .popularVeto)
            #expect(blockedRule(g) == "BAL-6" && g.text(in: .zhHans).contains("7/10"))
            #expect(try await person(store, low).consent.map { [$0.yes, $0.total] } == [7, 10])
            let high = try await InspectionFixture.inspecting(store, unitCode: "edu", file: InspectionFixture.cadreFile("李华", id17: "35010219870512302", birth: "198705"),
                                                               title: "教育局副局长选任")
            try await InspectionFixture.evaluate(store, high, voters: 10, consent: 8)
            #expect(try await gate(store, high, .popularVeto).passes)
        }
    }

    /// CAS-3: a hold by a supervisor blocks (and cannot be overridden); lifting it with a reason lets the gate pass.
    /// Others — an inspector not on the team, a neighbouring unit's organizer — may not hold.
    static func holdAndLift(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await units(store)
            let f = try await InspectionFixture.inspecting(store, unitCode: "fin", file: InspectionFixture.cadreFile("王立新"))
            let supervisor = try await RegistryScopeChecks.account(store, "jwsup", "supervisor", on: "jw")
            let outsider = try await RegistryScopeChecks.account(store, "eduorg", "organizer", on: "edu")
            let inspector = try await RegistryScopeChecks.account(store, "insp", "inspector", on: "fin")
            await #expect(throws: NotPermitted.self) { try await store.placeHold(matter: f.matter, person: f.person, reason: "x", by: outsider) }
            await #expect(throws: NotPermitted.self) { try await store.placeHold(matter: f.matter, person: f.person, reason: "x", by: inspector) }
            try await store.placeHold(matter: f.matter, person: f.person, reason: "收到反映其问题的举报，正在核查", by: supervisor)
            let g = try await gate(store, f, .hold)
            #expect(blockedRule(g) == "CAS-3" && g.text(in: .zhHans).contains("正在核查"))
            await #expect(throws: InvalidInput.self) {
                try await store.overrideGate(matter: f.matter, person: f.person, gate: .hold, reason: "r", decision: "d", by: system)
            }
            await #expect(throws: InvalidInput.self) { try await store.liftHold(matter: f.matter, person: f.person, index: 0, reason: " ", by: supervisor) }
            try await store.liftHold(matter: f.matter, person: f.person, index: 0, reason: "经核查，反映问题不属实", by: supervisor)
            #expect(try await gate(store, f, .hold).passes)
            let hold = try #require(try await person(store, f).gates.holds.first)
            #expect(hold.by == "jwsup" && hold.liftedBy == "jwsup" && hold.liftedReason == "经核查，反映问题不属实")
            await #expect(throws: InvalidInput.self) { try await store.liftHold(matter: f.matter, person: f.person, index: 0, reason: "again", by: supervisor) }
        }
    }

    /// A gate set aside by a recorded decision: shown as overridden with its decision and reason (and still says why it
    /// blocked); only an organizer records it, and only with a reason and a reference.
    static func override(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await units(store)
            let f = try await InspectionFixture.inspecting(store, unitCode: "fin", file: InspectionFixture.cadreFile("王立新"))
            await #expect(throws: InvalidInput.self) {
                try await store.overrideGate(matter: f.matter, person: f.person, gate: .integrityExam, reason: "", decision: "", by: system)
            }
            try await store.overrideGate(matter: f.matter, person: f.person, gate: .integrityExam, reason: "已参加市级统一考试", decision: "青组发〔2026〕12号", by: system)
            let g = try await gate(store, f, .integrityExam)
            guard case .overridden(let o, let r) = g.state else { Issue.record("not overridden: \(g.state)"); return }
            #expect(o.decision == "青组发〔2026〕12号" && o.by == "organizer" && r.rule == "INS-7")
            #expect(g.passes && g.text(in: .zhHans).contains("青组发〔2026〕12号"))
        }
    }

    /// Confidential records: the content of a talk is read by the team and supervisors, not by an organizer who is
    /// not on the team (who sees that it exists), and not at all by a neighbouring unit's organizer.
    static func confidentialTalk(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await units(store)
            let f = try await InspectionFixture.inspecting(store, unitCode: "fin", file: InspectionFixture.cadreFile("王立新"))
            let member = try await RegistryScopeChecks.account(store, "insp", "inspector", on: "fin")
            let organizer = try await RegistryScopeChecks.account(store, "orgorg", "organizer", on: "org")
            let supervisor = try await RegistryScopeChecks.account(store, "jwsup", "supervisor", on: "jw")
            let outsider = try await RegistryScopeChecks.account(store, "eduorg", "organizer", on: "edu")
            let notMember = try await RegistryScopeChecks.account(store, "insp2", "inspector", on: "fin")
            try await InspectionFixture.teamAndNotice(store, f, accounts: ["insp"])
            let secret = "谈话中反映其酒驾一次"
            try await store.addMatterNote(matter: f.matter, kind: .inspectionTalk, person: f.person, day: store.today.description,
                                          fields: [.init("with", "某科长"), .init("summary", secret)], by: member)
            func talk(_ user: ActingUser) async throws -> MatterNote { try #require(try await store.matterView(f.matter, by: user).notes.first { $0.kind == .inspectionTalk }) }
            #expect(try await talk(member).value("summary") == secret)
            #expect(try await talk(supervisor).value("summary") == secret)
            let seen = try await talk(organizer)
            #expect(seen.withheld && seen.fields.isEmpty && seen.by == "insp")
            await #expect(throws: NotPermitted.self) { try await store.matterView(f.matter, by: outsider) }
            await #expect(throws: NotPermitted.self) { try await store.matterView(f.matter, by: notMember) }
            // the ledger keeps the record's hash, never its text
            let entries = try await store.ledgerEntries(limit: 10_000)
            #expect(!entries.contains { $0.payload.contains(secret) })
        }
    }
}

@Suite("Inspection and gates on SQLite")
struct InspectionStoreTests {
    @Test("INS-1 a talk before the inspection notice is refused with the reason; after the notice it is accepted") func talkAfterNotice() async throws { try await InspectionChecks.talkAfterNotice(.sqlite) }
    @Test("INS-2 a team without a standing-committee leader is refused when the notice is published, with the reason") func teamLeader() async throws { try await InspectionChecks.teamLeader(.sqlite) }
    @Test("REG-4 an unresolved blocking audit finding keeps the candidate from the committee; resolved in the registry, the matter advances") func audit() async throws { try await InspectionChecks.auditBlocksThenPasses(.sqlite) }
    @Test("REG-3 the personal-matters check: unchecked or inconsistent and postponed blocks, explained or consistent holds") func personalMatters() async throws { try await InspectionChecks.personalMatters(.sqlite) }
    @Test("INS-5 the discipline commission's integrity opinion: unanswered or negative blocks, answered without a problem holds") func integrityOpinion() async throws { try await InspectionChecks.integrityOpinion(.sqlite) }
    @Test("INS-7 the integrity exam: below the pass mark blocks, at it holds; organizers only") func integrityExam() async throws { try await InspectionChecks.integrityExam(.sqlite) }
    @Test("BAL-6 popular veto: consent below the plan's line in the inspection's evaluation blocks, at it holds") func popularVeto() async throws { try await InspectionChecks.popularVeto(.sqlite) }
    @Test("CAS-3 a hold blocks and is never overridden; lifted with a reason, the gate passes") func hold() async throws { try await InspectionChecks.holdAndLift(.sqlite) }
    @Test("Gate override by a recorded decision: shown with its decision and reason, organizers only") func override() async throws { try await InspectionChecks.override(.sqlite) }
    @Test("INS-3 a talk's content: the team and supervisors read it; an organizer off the team sees only that it exists; another unit nothing") func confidential() async throws { try await InspectionChecks.confidentialTalk(.sqlite) }
}

@Suite("Inspection and gates on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct InspectionPostgresTests {
    @Test("INS-1 talk after the notice (PostgreSQL)") func talkAfterNotice() async throws { try await InspectionChecks.talkAfterNotice(.postgres) }
    @Test("INS-2 team leader at notice time (PostgreSQL)") func teamLeader() async throws { try await InspectionChecks.teamLeader(.postgres) }
    @Test("REG-4 audit gate blocks then passes (PostgreSQL)") func audit() async throws { try await InspectionChecks.auditBlocksThenPasses(.postgres) }
    @Test("REG-3 personal-matters check (PostgreSQL)") func personalMatters() async throws { try await InspectionChecks.personalMatters(.postgres) }
    @Test("INS-5 integrity opinion (PostgreSQL)") func integrityOpinion() async throws { try await InspectionChecks.integrityOpinion(.postgres) }
    @Test("INS-7 integrity exam (PostgreSQL)") func integrityExam() async throws { try await InspectionChecks.integrityExam(.postgres) }
    @Test("BAL-6 popular veto (PostgreSQL)") func popularVeto() async throws { try await InspectionChecks.popularVeto(.postgres) }
    @Test("CAS-3 hold and lift (PostgreSQL)") func hold() async throws { try await InspectionChecks.holdAndLift(.postgres) }
    @Test("Gate override (PostgreSQL)") func override() async throws { try await InspectionChecks.override(.postgres) }
    @Test("INS-3 confidential talk (PostgreSQL)") func confidential() async throws { try await InspectionChecks.confidentialTalk(.postgres) }
}
