import Foundation
import SelectionCore
import XuanrenStore

/// A matter taken from its committee stage on (DEC, PUB), for the store and web tests: a roster, one meeting that
/// decides the candidate unanimously, then publicity, talk and appointment, by the system as the command line would.
public enum CommitteeFixture {
    static let system = ActingUser.system("organizer")

    /// Adds `members` to the unit's roster (the first `accounts.count` with those accounts); returns the roster.
    @discardableResult
    public static func roster(_ store: Store, _ f: InspectionFixture, members: Int, accounts: [String] = []) async throws -> [CommitteeRosterEntry] {
        for i in 1 ... members {
            try await store.addCommitteeMember(unit: f.unit, name: "常委\(i)", title: i == 1 ? "书记" : "委员", account: i <= accounts.count ? accounts[i - 1] : nil, by: system)
        }
        return try await store.committeeRoster(unit: f.unit, by: system)
    }

    /// One meeting with everyone present deciding `f.person` unanimously, closed; the matter advanced to publicity.
    @discardableResult
    public static func decide(_ store: Store, _ f: InspectionFixture, _ roster: [CommitteeRosterEntry]) async throws -> UUID {
        let m = try await store.openCommitteeMeeting(matter: f.matter, title: "县委常委会", day: store.today, by: system)
        for r in roster { try await store.recordAttendance(meeting: m, member: r.id, present: true, by: system) }
        try await store.presentNominee(meeting: m, item: "p1", person: f.person, reasons: "符合条件", presenter: "组织部长", by: system)
        for r in roster { try await store.recordOpinion(meeting: m, item: "p1", member: r.id, kind: .agree, words: "", by: system) }
        try await store.recordCommitteeVote(meeting: m, item: "p1", counts: [f.person.uuidString: (roster.count, 0, 0)], reference: "", by: system)
        try await store.closeCommitteeMeeting(m, by: system)
        try await store.advanceMatter(f.matter, by: system)
        return m
    }

    /// Publicity published today, `clock` moved 20 days on (past any 5-working-day period), the talk and the
    /// appointment; the matter left in its appointment stage (or the next).
    public static func appoint(_ store: Store, _ f: InspectionFixture, clock: ManualClock) async throws {
        try await store.publishPublicity(matter: f.matter, person: f.person, published: store.today, channel: "12380", rank: "正科级", by: system)
        await clock.advance(by: 20 * 86_400)
        try await store.advanceMatter(f.matter, by: system)
        try await store.recordPreAppointmentTalk(matter: f.matter, person: f.person, day: store.today, officials: ["组织部长"], form: .individual, by: system)
        try await store.appoint(matter: f.matter, person: f.person, day: store.today, document: "青组干〔2026〕1号", by: system)
    }
}
