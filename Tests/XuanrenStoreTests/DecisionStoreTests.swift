import Foundation
import SelectionCore
import Testing
@testable import XuanrenStore
import XuanrenTestSupport

/// From the committee to the end of probation through the store (DEC, PUB, PRB, CAS-3, LED-1): the same checks on
/// SQLite and PostgreSQL.
enum DecisionChecks {
    static let system = ActingUser.system("organizer")

    /// 2025-09-15 10:00 in Asia/Shanghai (a Monday).
    static let start = Date(timeIntervalSince1970: 1_757_901_600)
    static func day(_ s: String) -> CivilDay { CivilDay(s)! }

    static func user(_ store: Store, _ name: String, _ role: String, _ unit: String) async throws -> ActingUser {
        _ = try await store.createAccount(username: name, displayName: name, password: "Xr-Decision-Test-2026", mustChangePassword: false, actor: "t", hasher: PlainHasher())
        try await store.grant(username: name, role: role, unitCode: unit, actor: "t")
        return ActingUser(try #require(try await store.account(username: name)))
    }

    /// A matter with probation in its procedure, in the committee stage on 2025-09-21, and a roster of 7.
    static func atCommittee(_ store: Store, clock: ManualClock, members: Int = 7) async throws -> (InspectionFixture, [CommitteeRosterEntry]) {
        try await InspectionChecks.units(store)
        let f = try await InspectionFixture.inspecting(store, unitCode: "fin", file: InspectionFixture.cadreFile("王立新"),
                                                       stages: [.initialNomination, .inspection, .committeeDecision, .publicity, .appointment, .probation])
        try await InspectionFixture.prepareForCommittee(store, f, clock: clock)
        try await store.advanceMatter(f.matter, by: system)
        let unit = try await store.matter(f.matter, by: system).matter
        #expect(unit.current == .committeeDecision)
        return (f, try await CommitteeFixture.roster(store, f, members: members))
    }

    static func refusal<E: UserFacingError>(_ type: E.Type, _ body: @Sendable () async throws -> Void) async -> E? {
        do { try await body(); return nil } catch let e as E { return e } catch { Issue.record("unexpected \(error)"); return nil }
    }

    static func guardRules(_ body: @Sendable () async throws -> Void) async -> [String] {
        guard let e = await refusal(MatterError.self, body), case .guardFailed(_, let r) = e else { return [] }
        return r.map(\.rule)
    }

    /// DEC-1…6 and SEL-10 through two meetings: below quorum nothing is voted and the refusal says how many more
    /// are needed; an objection defers the item; the next meeting carries it, votes it secretly (more than 2/3 of
    /// all members) and closes with its minutes' hash in the ledger.
    static func committee(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: start)
        try await db.withStore(clock: clock) { store, _ in
            let (f, roster) = try await atCommittee(store, clock: clock)
            let r1 = await guardRules { try await store.advanceMatter(f.matter, by: system) }
            #expect(r1 == ["DEC-1", "DEC-3"])
            let m1 = try await store.openCommitteeMeeting(matter: f.matter, title: "县委常委会2025年第20次会议", day: store.today, by: system)
            for r in roster.prefix(5) { try await store.recordAttendance(meeting: m1, member: r.id, present: true, by: system) }
            try await store.presentNominee(meeting: m1, item: "p1", person: f.person, reasons: "考察情况好，符合任职条件", presenter: "组织部长", by: system)
            // DEC-1: 5 of 7 present, 4/5 needs 6
            let votes1: [String: (yes: Int, no: Int, abstain: Int)] = [f.person.uuidString: (5, 0, 0)]
            let noQuorum = await refusal(CommitteeError.self) {
                try await store.recordCommitteeVote(meeting: m1, item: "p1", counts: votes1, reference: "", by: system)
            }
            #expect(noQuorum == .noQuorum(members: 7, present: 5, needed: 6, quorum: MemberFraction(4, 5)))
            #expect(noQuorum?.message(in: .zhHans).contains("还需1人到会") == true)
            try await store.recordAttendance(meeting: m1, member: roster[5].id, present: true, by: system)
            try await store.recordAttendance(meeting: m1, member: roster[6].id, present: false, reason: "出差", by: system)
            for r in roster.prefix(5) { try await store.recordOpinion(meeting: m1, item: "p1", member: r.id, kind: .agree, words: "", by: system) }
            try await store.recordOpinion(meeting: m1, item: "p1", member: roster[5].id, kind: .object, words: "对其分管领域问题需进一步了解", by: system)
            // DEC-3: an objection: no vote, the item is deferred with the reason
            let votes2: [String: (yes: Int, no: Int, abstain: Int)] = [f.person.uuidString: (6, 0, 0)]
            let objected = await refusal(CommitteeError.self) {
                try await store.recordCommitteeVote(meeting: m1, item: "p1", counts: votes2, reference: "", by: system)
            }
            #expect(objected?.rule == "DEC-3")
            try await store.deferCommitteeItem(meeting: m1, item: "p1", reason: "有成员提出不同意见，需进一步了解后再议", by: system)
            try await store.closeCommitteeMeeting(m1, by: system)
            let r2 = await guardRules { try await store.advanceMatter(f.matter, by: system) }
            #expect(r2 == ["DEC-3"])

            try await secondMeeting(store, f, roster)
        }
    }

    static func secondMeeting(_ store: Store, _ f: InspectionFixture, _ roster: [CommitteeRosterEntry]) async throws {
        // the next meeting takes the deferred item up
        let m2 = try await store.openCommitteeMeeting(matter: f.matter, title: "县委常委会2025年第21次会议", day: store.today, by: system)
        let v2 = try await store.committeeMeeting(m2, by: system)
        #expect(v2.meeting.items.map(\.id) == ["p1"] && v2.meeting.items[0].carriedFrom?.contains("第20次") == true)
        for r in roster { try await store.recordAttendance(meeting: m2, member: r.id, present: true, by: system) }
        try await store.presentNominee(meeting: m2, item: "p1", person: f.person, reasons: "已进一步了解，情况属实", presenter: "组织部长", by: system)
        for r in roster { try await store.recordOpinion(meeting: m2, item: "p1", member: r.id, kind: .agree, words: "", by: system) }
        // DEC-4: the counts cannot add up to more than the members present
        let votes3: [String: (yes: Int, no: Int, abstain: Int)] = [f.person.uuidString: (6, 1, 1)]
        let tooMany = await refusal(CommitteeError.self) {
            try await store.recordCommitteeVote(meeting: m2, item: "p1", counts: votes3, reference: "", by: system)
        }
        #expect(tooMany?.rule == "DEC-4")
        try await store.recordCommitteeVote(meeting: m2, item: "p1", counts: [f.person.uuidString: (5, 1, 1)], reference: "计票单2025-21-1", by: system)
        let decided = try await store.committeeMeeting(m2, by: system).meeting
        #expect(decided.items[0].chosen == [f.person.uuidString])   // 5·3 > 7·2
        try await store.closeCommitteeMeeting(m2, by: system)
        // DEC-6: a closed meeting cannot change
        let r3 = await refusal(CommitteeError.self) { try await store.recordAttendance(meeting: m2, member: roster[0].id, present: false, by: system) }
        #expect(r3 == .closed)
        // DEC-6: the minutes' hash is the one the ledger recorded
        let closed = try await store.committeeMeeting(m2, by: system)
        let entry = try #require(try await store.ledgerEntries(limit: 1000).first { $0.action == DecisionLedgerAction.meetingClose.rawValue })
        #expect(closed.minutesSHA256 == Store.minutesDigest(closed.meeting))
        #expect(entry.payload.contains(closed.minutesSHA256!))
        // free text never reaches the ledger
        let all = try await store.ledgerEntries(limit: 1000).map(\.payload).joined()
        #expect(!all.contains("分管领域") && !all.contains("考察情况好"))
        try await store.advanceMatter(f.matter, by: system)
        #expect(try await store.matter(f.matter, by: system).matter.current == .publicity)
    }

    /// SEL-10: the committee leaves the post vacant; the matter goes on with nobody to publish.
    static func vacancy(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: start)
        try await db.withStore(clock: clock) { store, _ in
            let (f, roster) = try await atCommittee(store, clock: clock, members: 5)
            let m = try await store.openCommitteeMeeting(matter: f.matter, title: "县委常委会", day: store.today, by: system)
            for r in roster { try await store.recordAttendance(meeting: m, member: r.id, present: true, by: system) }
            let noReason = await refusal(CommitteeError.self) { try await store.leaveCommitteeItemVacant(meeting: m, item: "p1", reason: " ", by: system) }
            #expect(noReason?.rule == "SEL-10")
            try await store.leaveCommitteeItemVacant(meeting: m, item: "p1", reason: "没有合适人选，暂时空缺", by: system)
            try await store.closeCommitteeMeeting(m, by: system)
            try await store.advanceMatter(f.matter, by: system)
            #expect(try await store.appointees(matter: f.matter, by: system).isEmpty)
        }
    }

    static func decide(_ store: Store, _ f: InspectionFixture, _ roster: [CommitteeRosterEntry]) async throws {
        try await CommitteeFixture.decide(store, f, roster)
    }

    /// PUB-1…4, CAS-3, PRB-1: publicity over National Day (5 working days from 2025-09-30 end on 2025-10-14,
    /// the 调休 Saturday 10-11 counted); a report holds the appointment until cleared; the talk comes first; the
    /// appointment updates the registry file and starts a 12-month probation, extended once by a basic pass.
    static func publicityToProbation(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: start)
        try await db.withStore(clock: clock) { store, _ in
            let (f, roster) = try await atCommittee(store, clock: clock)
            try await decide(store, f, roster)
            await clock.advance(by: 9 * 86_400)   // 2025-09-30
            #expect(store.today == day("2025-09-30"))
            let r4 = await refusal(InvalidInput.self) { try await store.publishPublicity(matter: f.matter, person: f.person, published: day("2025-10-01"), channel: "12380", rank: "正科级", by: system) }
            #expect(r4?.issues.first?.field == "published")
            try await store.publishPublicity(matter: f.matter, person: f.person, published: day("2025-09-30"), channel: Store.defaultReportChannel, rank: "正科级", by: system)
            let a = try #require(try await store.appointees(matter: f.matter, by: system).first)
            #expect(a.publicity?.ends == day("2025-10-14"))
            #expect(a.publicity?.counted.contains(day("2025-10-11")) == true && a.publicity?.counted.contains(day("2025-10-08")) == false)
            // PUB-1: the notice is public, with the end day
            let item = try #require(try await store.publishedItems(for: .anonymous, matter: f.matter).first { $0.kind == .publicity })
            #expect(item.ends == day("2025-10-14") && item.lines.contains { $0.value.contains("2025年10月14日") })
            // PUB-2: a clerk of the unit enters a report; it holds the appointment
            let clerk = try await user(store, "clerk1", "clerk", "fin")
            let outsider = try await user(store, "clerk2", "clerk", "edu")
            await clock.advance(by: 9 * 86_400)   // 2025-10-09
            await #expect(throws: NotPermitted.self) { try await store.receivePublicityReport(matter: f.matter, person: f.person, received: store.today, summary: "x", by: outsider) }
            let n = try await store.receivePublicityReport(matter: f.matter, person: f.person, received: store.today, summary: "反映其在原单位存在违规报销问题", by: clerk)
            #expect(n == "R1")
            await #expect(throws: NotPermitted.self) { try await store.resolvePublicityReport(matter: f.matter, person: f.person, report: n, affecting: false, reason: "x", on: store.today, by: clerk) }
            await clock.advance(by: 6 * 86_400)   // 2025-10-15: the period is over, the report still open
            let r5 = await guardRules { try await store.advanceMatter(f.matter, by: system) }
            #expect(r5 == ["PUB-2"])
            try await store.resolvePublicityReport(matter: f.matter, person: f.person, report: n, affecting: false, reason: "经核查，报销手续齐全，反映问题不属实", on: store.today, by: system)
            try await store.advanceMatter(f.matter, by: system)
            // PUB-4 before PUB-3
            let noTalk = await refusal(PublicityError.self) { try await store.appoint(matter: f.matter, person: f.person, day: store.today, document: "青组干〔2025〕45号", by: system) }
            #expect(noTalk?.rule == "PUB-4")
            try await store.recordPreAppointmentTalk(matter: f.matter, person: f.person, day: store.today, officials: ["县委副书记", "县纪委书记", "组织部长"], form: .individual, by: system)
            await clock.advance(by: 86_400)   // 2025-10-16
            try await store.appoint(matter: f.matter, person: f.person, day: store.today, document: "青组干〔2025〕45号", by: system)
            // the registry file follows in the same transaction
            let file = try #require(try await store.dossier(f.cadre, by: system)?.file)
            #expect(file.currentPost == "青岚县财政局副局长" && file.rank == "正科级" && file.rankSince == "2025-10")
            #expect(file.resume.hasSuffix("2020.03—2025.10  青岚县财政局副局长（副科级）\n2025.10—  青岚县财政局副局长"))
            #expect(try await store.publishedItems(for: .anonymous, matter: f.matter).contains { $0.kind == .appointment })
            try await store.advanceMatter(f.matter, by: system)
            // PRB-1: not before the end day; a basic pass extends six months, once
            let row = try #require(try await store.probationers(by: system).first)
            #expect(row.probation.ends == day("2026-10-16"))
            let r6 = await refusal(ProbationError.self) { try await store.concludeProbation(row.id, outcome: .pass, report: "述职", on: store.today, by: system) }
            #expect(r6?.rule == "PRB-1")
            await clock.advance(by: 335 * 86_400)   // 2026-09-16: a month before the end
            #expect(try await store.probationers(by: system).first?.status == .dueSoon(daysLeft: 30))
            await clock.advance(by: 30 * 86_400)   // 2026-10-16
            try await store.concludeProbation(row.id, outcome: .basicPass, report: "试用期满述职报告（2026年10月职工大会）", on: store.today, by: system)
            let extended = try #require(try await store.probationers(by: system).first)
            #expect(extended.probation.ends == day("2027-04-16") && extended.probation.isExtended)
            let r7 = await guardRules { try await store.advanceMatter(f.matter, by: system) }
            #expect(r7 == ["PRB-1"])
            let r8 = await refusal(ProbationError.self) { try await store.concludeProbation(row.id, outcome: .basicPass, report: "再次", on: store.today, by: system) }
            #expect(r8 != nil)
            // LED-1: every step is in the ledger
            let actions = Set(try await store.ledgerEntries(limit: 5000).map(\.action))
            for a in [DecisionLedgerAction.publicity, .report, .reportClear, .talk, .appoint, .probationStart, .probationConclude] {
                #expect(actions.contains(a.rawValue), "\(a.rawValue) missing")
            }
        }
    }

    /// PUB-2: a verified report affecting the appointment cancels the qualification; the appointment is refused;
    /// the matter goes on without the person.
    static func affectingReport(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: start)
        try await db.withStore(clock: clock) { store, _ in
            let (f, roster) = try await atCommittee(store, clock: clock)
            try await decide(store, f, roster)
            try await store.publishPublicity(matter: f.matter, person: f.person, published: store.today, channel: "12380", rank: "", by: system)
            let n = try await store.receivePublicityReport(matter: f.matter, person: f.person, received: store.today, summary: "反映其违规经商", by: system)
            try await store.resolvePublicityReport(matter: f.matter, person: f.person, report: n, affecting: true, reason: "经查属实，影响任用", on: store.today, by: system)
            let a = try #require(try await store.appointees(matter: f.matter, by: system).first)
            #expect(a.publicity?.cancellation == "经查属实，影响任用")
            try await store.advanceMatter(f.matter, by: system)   // nobody left to wait for
            let r9 = await refusal(PublicityError.self) { try await store.appoint(matter: f.matter, person: f.person, day: store.today, document: "x", by: system) }
            #expect(r9?.rule == "PUB-2")
        }
    }

    /// PUB-1: a period that reaches a year with no calendar data is refused with the calendar's message; once an
    /// administrator adds the year, it is counted.
    static func calendarYearMissing(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: Date(timeIntervalSince1970: 1_797_818_400))   // 2026-12-21 10:00 +08; at the committee on 12-27
        try await db.withStore(clock: clock) { store, _ in
            let (f, roster) = try await atCommittee(store, clock: clock)
            try await decide(store, f, roster)
            let e = await refusal(PublicityError.self) {
                try await store.publishPublicity(matter: f.matter, person: f.person, published: store.today, channel: "12380", rank: "", by: system)
            }
            #expect(e?.rule == "PUB-1" && e?.message(in: .zhHans).contains("2027") == true)
            let doc = """
            {"format": "xuanren.holiday-calendar/1", "years": [{"year": 2027, "notice": {"title": "测试用2027年安排", "date": "2026-11-01"},
             "off": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}], "workdays": []}]}
            """
            let admin = try await user(store, "admin2", "admin", "county")
            await #expect(throws: NotPermitted.self) { try await store.addCalendarYears(doc, by: try await user(store, "org9", "organizer", "fin")) }
            #expect(try await store.addCalendarYears(doc, by: admin) == [2027])
            try await store.publishPublicity(matter: f.matter, person: f.person, published: store.today, channel: "12380", rank: "", by: system)
            // 2026-12-28 … 31 are 4 working days; 2027-01-01…03 off; 01-04 the fifth
            #expect(try await store.appointees(matter: f.matter, by: system).first?.publicity?.ends == day("2027-01-04"))
        }
    }

    /// Deny by default: an organizer of a neighbouring unit reads and records nothing; a committee member with an
    /// account reads the meetings but records nothing; CAS-3: a hold set on the candidate keeps them from being
    /// presented.
    static func access(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: start)
        try await db.withStore(clock: clock) { store, _ in
            let (f, roster) = try await atCommittee(store, clock: clock)
            let neighbour = try await user(store, "edu-org", "organizer", "edu")
            let memberAccount = try await user(store, "cw1", "committee", "edu")
            let unitID = try #require(try await store.units().first { $0.code == "fin" }?.id)
            try await store.addCommitteeMember(unit: unitID, name: "常委8", title: "委员", account: "cw1", by: system)
            await #expect(throws: NotPermitted.self) { try await store.openCommitteeMeeting(matter: f.matter, title: "x", day: store.today, by: neighbour) }
            await #expect(throws: NotPermitted.self) { try await store.addCommitteeMember(unit: unitID, name: "x", title: "", account: nil, by: neighbour) }
            await #expect(throws: NotPermitted.self) { try await store.committeeRoster(unit: unitID, by: neighbour) }
            let m = try await store.openCommitteeMeeting(matter: f.matter, title: "县委常委会", day: store.today, by: system)
            await #expect(throws: NotPermitted.self) { try await store.committeeMeetings(matter: f.matter, by: neighbour) }
            await #expect(throws: NotPermitted.self) { try await store.recordAttendance(meeting: m, member: roster[0].id, present: true, by: neighbour) }
            let seen = try await store.committeeMeetings(matter: f.matter, by: memberAccount)
            #expect(seen.count == 1 && seen[0].canRecord == false)
            await #expect(throws: NotPermitted.self) { try await store.recordAttendance(meeting: m, member: roster[0].id, present: true, by: memberAccount) }
            await #expect(throws: NotPermitted.self) { try await store.appointees(matter: f.matter, by: neighbour) }
            // CAS-3
            try await store.placeHold(matter: f.matter, person: f.person, reason: "收到反映其问题的举报，正在核查", by: system)
            let r10 = await guardRules { try await store.presentNominee(meeting: m, item: "p1", person: f.person, reasons: "r", presenter: "p", by: system) }
            #expect(r10 == ["CAS-3"])
        }
    }
}

extension DecisionChecks {
    /// CAS-3 after the vote: a hold set on a chosen person keeps publicity from being published and the matter from
    /// leaving publicity; lifted with a reason, it goes on.
    static func holdAfterVote(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: start)
        try await db.withStore(clock: clock) { store, _ in
            let (f, roster) = try await atCommittee(store, clock: clock)
            try await decide(store, f, roster)
            try await store.placeHold(matter: f.matter, person: f.person, reason: "收到反映其问题的举报，正在核查", by: system)
            let r1 = await guardRules { try await store.publishPublicity(matter: f.matter, person: f.person, published: store.today, channel: "12380", rank: "", by: system) }
            #expect(r1 == ["CAS-3"])
            try await store.liftHold(matter: f.matter, person: f.person, index: 0, reason: "经核查不属实", by: system)
            try await store.publishPublicity(matter: f.matter, person: f.person, published: store.today, channel: "12380", rank: "", by: system)
            try await store.placeHold(matter: f.matter, person: f.person, reason: "又收到反映，正在核查", by: system)
            await clock.advance(by: 20 * 86_400)
            let r2 = await guardRules { try await store.advanceMatter(f.matter, by: system) }
            #expect(r2 == ["CAS-3"])
        }
    }

    /// CAS-2 on the publicity page: a clerk of the unit who entered a report, and the inspection team, see that it came
    /// and its state, never its content or the finding's reasons; organizers and supervisors read them.
    static func reportContentWithheld(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: start)
        try await db.withStore(clock: clock) { store, _ in
            let (f, roster) = try await atCommittee(store, clock: clock)
            try await decide(store, f, roster)
            try await store.publishPublicity(matter: f.matter, person: f.person, published: store.today, channel: "12380", rank: "", by: system)
            let clerk = try await user(store, "clerk1", "clerk", "fin")
            try await store.receivePublicityReport(matter: f.matter, person: f.person, received: store.today, summary: "反映其违规收受礼金", by: clerk)
            let seenByClerk = try #require(try await store.appointees(matter: f.matter, by: clerk).first?.publicity)
            #expect(seenByClerk.reports.count == 1 && !seenByClerk.reports[0].summary.contains("礼金") && seenByClerk.isOnHold)
            #expect(!seenByClerk.waitingFor(on: store.today).map(\.zh).joined().contains("礼金"))
            let seenBySupervisor = try #require(try await store.appointees(matter: f.matter, by: try await user(store, "sup1", "supervisor", "fin")).first?.publicity)
            #expect(seenBySupervisor.reports[0].summary == "反映其违规收受礼金")
        }
    }

    /// PRB-1 fail: the registry file returns to the former post and rank, the rank keeping its original date, and the
    /// résumé records the return.
    static func failedProbation(_ db: TestDatabase) async throws {
        let clock = ManualClock(start: start)
        try await db.withStore(clock: clock) { store, _ in
            let (f, roster) = try await atCommittee(store, clock: clock)
            var file = try #require(try await store.dossier(f.cadre, by: system)?.file)
            file.rankSince = "2020-03"
            _ = try await store.saveCadre(file, unitID: f.unit, id: f.cadre, by: AccountInfo.wholeTree("organizer", units: try await store.units()))
            try await decide(store, f, roster)
            try await CommitteeFixture.appoint(store, f, clock: clock)
            try await store.advanceMatter(f.matter, by: system)
            #expect(try await store.dossier(f.cadre, by: system)?.file.rank == "正科级")
            await clock.advance(by: 370 * 86_400)
            let row = try #require(try await store.probationers(by: system).first)
            try await store.concludeProbation(row.id, outcome: .fail, report: "试用期满考核不合格", on: store.today, by: system)
            let back = try #require(try await store.dossier(f.cadre, by: system)?.file)
            #expect(back.rank == "副科级" && back.rankSince == "2020-03" && back.currentPost == "青岚县财政局副局长")
            #expect(back.resume.hasSuffix("（试用期满考核不合格，回到原职级）"))
            try await store.advanceMatter(f.matter, by: system)
            #expect(try await store.matter(f.matter, by: system).matter.phase == .finished)
        }
    }
}

@Suite("Committee to probation on SQLite")
struct DecisionStoreTests {
    @Test("DEC-1 DEC-2 DEC-3 DEC-4 DEC-6 below quorum nothing is voted; an objection defers; the next meeting votes secretly against all members and closes with its minutes' hash in the ledger")
    func committee() async throws { try await DecisionChecks.committee(.sqlite) }
    @Test("SEL-10 the committee leaves the post vacant and the matter goes on") func vacancy() async throws { try await DecisionChecks.vacancy(.sqlite) }
    @Test("PUB-1 PUB-2 PUB-3 PUB-4 PRB-1 PRB-2 publicity over National Day and the 调休 Saturday, a report holds the appointment until cleared, the registry follows, probation extended once")
    func publicityToProbation() async throws { try await DecisionChecks.publicityToProbation(.sqlite) }
    @Test("PUB-2 a verified affecting report cancels the qualification") func affecting() async throws { try await DecisionChecks.affectingReport(.sqlite) }
    @Test("PUB-1 a period reaching a year without calendar data is refused until an administrator adds the year") func calendar() async throws { try await DecisionChecks.calendarYearMissing(.sqlite) }
    @Test("CAS-3 DEC-1 deny by default: a neighbouring unit's organizer is refused, a committee member only reads, a hold keeps the candidate from the committee")
    func access() async throws { try await DecisionChecks.access(.sqlite) }
    @Test("CAS-3 a hold set after the vote keeps publicity from being published and the matter from leaving publicity") func holdAfterVote() async throws { try await DecisionChecks.holdAfterVote(.sqlite) }
    @Test("PUB-2 a clerk and the team see that a report came, never its content; organizers and supervisors read it") func reportContent() async throws { try await DecisionChecks.reportContentWithheld(.sqlite) }
    @Test("PRB-1 a failed probation returns the registry file to the former post and rank with the rank's original date") func failed() async throws { try await DecisionChecks.failedProbation(.sqlite) }
}

@Suite("Committee to probation on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct DecisionPostgresTests {
    @Test("DEC-1…6 two meetings (PostgreSQL)") func committee() async throws { try await DecisionChecks.committee(.postgres) }
    @Test("PUB-1…4 PRB-1 publicity to probation (PostgreSQL)") func publicityToProbation() async throws { try await DecisionChecks.publicityToProbation(.postgres) }
    @Test("PUB-1 missing calendar year (PostgreSQL)") func calendar() async throws { try await DecisionChecks.calendarYearMissing(.postgres) }
    @Test("CAS-3 access (PostgreSQL)") func access() async throws { try await DecisionChecks.access(.postgres) }
    @Test("CAS-3 hold after the vote (PostgreSQL)") func holdAfterVote() async throws { try await DecisionChecks.holdAfterVote(.postgres) }
    @Test("PRB-1 failed probation (PostgreSQL)") func failed() async throws { try await DecisionChecks.failedProbation(.postgres) }
}
