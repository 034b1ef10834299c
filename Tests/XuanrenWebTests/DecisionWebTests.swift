import Foundation
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
@testable import XuanrenWeb

/// The committee, publicity and probation pages over HTTP: the forms through their typed routes with the page's CSRF
/// token, refusals in words on the page (never a crash), and deny by default for a neighbouring unit.
@Suite("Committee and publicity pages")
struct DecisionWebTests {
    static func atCommittee(_ app: Application, clock: ManualClock) async throws -> (InspectionFixture, [CommitteeRosterEntry]) {
        let store = app.xuanrenStore
        let f = try await InspectionFixture.inspecting(store, unitCode: "fin", file: InspectionFixture.cadreFile("王立新"),
                                                       stages: [.initialNomination, .inspection, .committeeDecision, .publicity, .appointment, .probation])
        try await InspectionFixture.prepareForCommittee(store, f, clock: clock, hasher: app.passwordHasher)
        try await store.advanceMatter(f.matter, by: .system("organizer"))
        return (f, try await CommitteeFixture.roster(store, f, members: 7, accounts: []))
    }

    @Test("DEC-1 the committee page says how many more members must be present, and a vote below quorum is refused in words on the page")
    func quorumInWords() async throws {
        let clock = ManualClock()
        try await withXuanren(settings: { $0.clock = clock }) { app in
            let (f, roster) = try await Self.atCommittee(app, clock: clock)
            let b = try await InspectionWebTests.signedIn(app, "organizer")
            let page = CommitteeRoute.page(f.matter).path
            #expect(try await b.submit(from: page, to: CommitteeRoute.open(f.matter).path, ["title": "县委常委会第20次会议", "day": app.xuanrenStore.today.description]).status == .seeOther)
            let meeting = try #require(try await app.xuanrenStore.committeeMeetings(matter: f.matter, by: .system()).first?.id)
            for r in roster.prefix(5) {
                #expect(try await b.submit(from: page, to: CommitteeRoute.attendance(f.matter, meeting: meeting).path, ["member": r.id.uuidString, "present": "1"]).status == .seeOther)
            }
            let shown = try await b.get(page).body.string
            #expect(shown.contains("不足法定人数，还需 1 人到会"))
            #expect(try await b.submit(from: page, to: CommitteeRoute.present(f.matter, meeting: meeting).path,
                                       ["item": "p1", "person": f.person.uuidString, "reasons": "考察情况好", "presenter": "组织部长"]).status == .seeOther)
            for r in roster.prefix(5) {
                _ = try await b.submit(from: page, to: CommitteeRoute.opinion(f.matter, meeting: meeting).path, ["item": "p1", "member": r.id.uuidString, "kind": "agree"])
            }
            let refused = try await b.submit(from: page, to: CommitteeRoute.vote(f.matter, meeting: meeting).path,
                                             ["item": "p1", "yes_\(f.person.uuidString)": "5", "no_\(f.person.uuidString)": "0", "abstain_\(f.person.uuidString)": "0"])
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains("不足法定人数") && refused.body.string.contains("还需1人到会") && refused.body.string.contains("DEC-1"))
            // a count that is not a number is refused naming the field, nothing recorded
            let bad = try await b.submit(from: page, to: CommitteeRoute.vote(f.matter, meeting: meeting).path, ["item": "p1", "yes_\(f.person.uuidString)": "五"])
            #expect(bad.status == .badRequest)
            #expect(try await app.xuanrenStore.committeeMeeting(meeting, by: .system()).meeting.items[0].rounds.isEmpty)
        }
    }

    @Test("DEC-6 the minutes print on A4 with the meeting's hash once closed; a neighbouring unit's organizer is refused the page, the minutes and every form")
    func minutesAndScope() async throws {
        let clock = ManualClock()
        try await withXuanren(settings: { $0.clock = clock }) { app in
            let (f, roster) = try await Self.atCommittee(app, clock: clock)
            let meeting = try await CommitteeFixture.decide(app.xuanrenStore, f, roster)
            let b = try await InspectionWebTests.signedIn(app, "organizer")
            let minutes = try await b.get(CommitteeRoute.minutes(f.matter, meeting: meeting).path)
            #expect(minutes.status == .ok)
            let sha = try #require(try await app.xuanrenStore.committeeMeeting(meeting, by: .system()).minutesSHA256)
            #expect(minutes.body.string.contains(sha) && minutes.body.string.contains("会议纪要"))
            let other = try await InspectionWebTests.account(app, "edu-org", "organizer", on: "edu")
            #expect(try await other.get(CommitteeRoute.page(f.matter).path).status == .forbidden)
            #expect(try await other.get(CommitteeRoute.minutes(f.matter, meeting: meeting).path).status == .forbidden)
            #expect(try await other.get(PublicityRoute.page(f.matter).path).status == .forbidden)
            let dash = try await other.get("/dashboard")
            #expect(dash.status == .ok)
            let home = "/dashboard"
            #expect(try await other.submit(from: home, to: CommitteeRoute.attendance(f.matter, meeting: meeting).path, ["member": roster[0].id.uuidString, "present": "0"]).status == .forbidden)
            #expect(try await other.submit(from: home, to: PublicityRoute.publish(f.matter, person: f.person).path, ["published": app.xuanrenStore.today.description, "channel": "x"]).status == .forbidden)
        }
    }

    @Test("PUB-2 a clerk of the unit enters a report on the publicity page, which then shows the appointment on hold; the clerk cannot appoint")
    func clerkReport() async throws {
        let clock = ManualClock()
        try await withXuanren(settings: { $0.clock = clock }) { app in
            let (f, roster) = try await Self.atCommittee(app, clock: clock)
            try await CommitteeFixture.decide(app.xuanrenStore, f, roster)
            try await app.xuanrenStore.publishPublicity(matter: f.matter, person: f.person, published: app.xuanrenStore.today, channel: "12380", rank: "", by: .system())
            let clerk = try await InspectionWebTests.account(app, "fin-clerk", "clerk", on: "fin")
            let page = PublicityRoute.page(f.matter).path
            #expect(try await clerk.get(page).status == .ok)
            let empty = try await clerk.submit(from: page, to: PublicityRoute.report(f.matter, person: f.person).path, ["received": app.xuanrenStore.today.description, "summary": " "])
            #expect(empty.status == .badRequest && empty.body.string.contains("必须填写"))
            let ok = try await clerk.submit(from: page, to: PublicityRoute.report(f.matter, person: f.person).path, ["received": app.xuanrenStore.today.description, "summary": "来信反映其违规问题"])
            #expect(ok.status == .seeOther)
            #expect(try await clerk.get(page).body.string.contains("暂缓任职"))
            #expect(try await clerk.submit(from: page, to: PublicityRoute.appoint(f.matter, person: f.person).path, ["day": app.xuanrenStore.today.description, "document": "x"]).status == .forbidden)
            #expect(try await clerk.submit(from: page, to: PublicityRoute.resolve(f.matter, person: f.person).path, ["report": "R1", "outcome": "cleared", "reason": "x", "day": app.xuanrenStore.today.description]).status == .forbidden)
        }
    }

    @Test("PUB-1 an administrator adds a holiday calendar year; a malformed file is refused naming the line and field, and nothing is added")
    func calendarYears() async throws {
        try await withXuanren { app in
            let b = try await InspectionWebTests.signedIn(app, "admin")
            let page = ProbationRoute.calendar.path
            #expect(try await b.get(page).body.string.contains("2026"))
            let bad = try await b.submit(from: page, to: ProbationRoute.addCalendar.path, ["text": "{\"format\": \"xuanren.holiday-calendar/1\", \"years\": [{\"year\": 2027}]}"])
            #expect(bad.status == .badRequest && bad.body.string.contains("notice"))
            #expect(try await app.xuanrenStore.calendarYears().map(\.year).contains(2027) == false)
            let doc = "{\"format\": \"xuanren.holiday-calendar/1\", \"years\": [{\"year\": 2027, \"notice\": {\"title\": \"2027年安排\", \"date\": \"2026-11-01\"}, \"off\": [\"2027-01-01\"], \"workdays\": []}]}"
            #expect(try await b.submit(from: page, to: ProbationRoute.addCalendar.path, ["text": doc]).status == .seeOther)
            #expect(try await b.get(page).body.string.contains("2027年安排"))
        }
    }
}
