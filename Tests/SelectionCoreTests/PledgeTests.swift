import Foundation
import SelectionCore
import Testing

/// DIS-3 pledge campaigns as a pure value: open, record, close; the summary.
struct PledgeTests {
    static let unit = UUID(), a = UUID(), b = UUID(), c = UUID(), stranger = UUID()
    static let day = CivilDay(year: 2026, month: 3, day: 2)!
    static let deadline = day.adding(days: 14)

    static func make() throws -> PledgeCampaign {
        try PledgeCampaign(name: "青岚县2026年乡镇领导班子换届", unit: unit, deadline: deadline, created: day, by: "organizer")
    }

    @Test("DIS-3 a campaign opens once with its eligible cadres; pledges are recorded once each, only while it is open")
    func transitions() throws {
        var p = try Self.make()
        #expect(p.state == .draft && !p.isActive)
        #expect(throws: PledgeError.notOpen) { try p.record(cadre: Self.a, signed: Self.day, on: Self.day, by: "clerk") }
        #expect(throws: PledgeError.notOpen) { try p.close(on: Self.day, by: "organizer") }
        #expect(throws: PledgeError.noEligibleCadres) { try p.open(eligible: [], on: Self.day, by: "organizer") }
        try p.open(eligible: [Self.a, Self.b, Self.a, Self.c], on: Self.day, by: "organizer")
        #expect(p.state == .open && p.isActive && p.eligible == [Self.a, Self.b, Self.c] && p.opened == Self.day)
        #expect(throws: PledgeError.alreadyOpen) { try p.open(eligible: [Self.a], on: Self.day, by: "organizer") }

        try p.record(cadre: Self.a, signed: Self.day.adding(days: 1), on: Self.day.adding(days: 2), by: "clerk")
        #expect(p.pledge(of: Self.a) == Pledge(cadre: Self.a, signed: Self.day.adding(days: 1), recorded: Self.day.adding(days: 2), recordedBy: "clerk"))
        #expect(throws: PledgeError.alreadySigned(Self.day.adding(days: 1))) {
            try p.record(cadre: Self.a, signed: Self.day.adding(days: 2), on: Self.day.adding(days: 2), by: "other")
        }
        #expect(throws: PledgeError.notEligible) { try p.record(cadre: Self.stranger, signed: Self.day, on: Self.day, by: "clerk") }
        #expect(throws: PledgeError.signedInFuture) { try p.record(cadre: Self.b, signed: Self.day.adding(days: 3), on: Self.day.adding(days: 2), by: "clerk") }
        #expect(throws: PledgeError.signedBeforeCampaign(Self.day)) { try p.record(cadre: Self.b, signed: Self.day.adding(days: -1), on: Self.day, by: "clerk") }
        #expect(p.pledges.count == 1)

        try p.close(on: Self.day.adding(days: 20), by: "organizer")
        #expect(p.state == .closed && !p.isActive && p.closed == Self.day.adding(days: 20))
        #expect(throws: PledgeError.closed) { try p.record(cadre: Self.b, signed: Self.day, on: Self.day.adding(days: 20), by: "clerk") }
        #expect(throws: PledgeError.closed) { try p.close(on: Self.day.adding(days: 21), by: "organizer") }
        #expect(throws: PledgeError.closed) { try p.open(eligible: [Self.a], on: Self.day.adding(days: 21), by: "organizer") }
    }

    @Test("DIS-3 the summary: signed (late ones among them), outstanding before the deadline, overdue after it")
    func summary() throws {
        var p = try Self.make()
        try p.open(eligible: [Self.a, Self.b, Self.c], on: Self.day, by: "organizer")
        try p.record(cadre: Self.a, signed: Self.day, on: Self.day, by: "clerk")
        #expect(p.summary(on: Self.deadline) == PledgeSummary(eligible: 3, signed: 1, late: 0, outstanding: 2, overdue: 0))
        #expect(p.status(of: Self.b, on: Self.deadline) == .outstanding)
        #expect(p.status(of: Self.b, on: Self.deadline.adding(days: 1)) == .overdue)
        #expect(p.status(of: Self.stranger, on: Self.day) == nil)
        try p.record(cadre: Self.b, signed: Self.deadline.adding(days: 2), on: Self.deadline.adding(days: 3), by: "clerk")
        #expect(p.status(of: Self.b, on: Self.deadline.adding(days: 3)) == .late)
        #expect(p.summary(on: Self.deadline.adding(days: 3)) == PledgeSummary(eligible: 3, signed: 2, late: 1, outstanding: 0, overdue: 1))
        #expect(p.statuses(on: Self.deadline.adding(days: 3)) == [Self.a: .signed, Self.b: .late, Self.c: .overdue])
        // a reader who covers some units counts only their cadres
        #expect(p.summary(on: Self.deadline.adding(days: 3), of: [Self.c]) == PledgeSummary(eligible: 1, signed: 0, late: 0, outstanding: 0, overdue: 1))
        // nothing opens after its deadline
        var late = try Self.make()
        #expect(throws: PledgeError.deadlinePassed(Self.deadline)) { try late.open(eligible: [Self.a], on: Self.deadline.adding(days: 1), by: "organizer") }
    }

    @Test("DIS-3 the texts: name, pledge and rules required and bounded; the deadline not before today; defaults given and labelled as such")
    func texts() throws {
        #expect(throws: PledgeError.required("name")) { try PledgeCampaign(name: "  ", unit: Self.unit, deadline: Self.deadline, created: Self.day, by: "o") }
        #expect(throws: PledgeError.required("pledgeText")) { try PledgeCampaign(name: "换届", unit: Self.unit, pledgeText: "\n", deadline: Self.deadline, created: Self.day, by: "o") }
        #expect(throws: PledgeError.required("rules")) { try PledgeCampaign(name: "换届", unit: Self.unit, deadline: Self.deadline, rules: "", created: Self.day, by: "o") }
        #expect(throws: PledgeError.tooLong("rules", 5000)) {
            try PledgeCampaign(name: "换届", unit: Self.unit, deadline: Self.deadline, rules: String(repeating: "严", count: 5001), created: Self.day, by: "o")
        }
        #expect(throws: PledgeError.deadlineBeforeToday(Self.day)) { try PledgeCampaign(name: "换届", unit: Self.unit, deadline: Self.day.adding(days: -1), created: Self.day, by: "o") }
        let p = try PledgeCampaign(name: " 换届 ", unit: Self.unit, deadline: Self.day, created: Self.day, by: "o")
        #expect(p.name == "换届" && p.rules == PledgeCampaign.defaultRules && p.pledgeText == PledgeCampaign.defaultPledgeText)
        #expect(PledgeCampaign.defaultRules.hasPrefix("【默认示例") && PledgeCampaign.defaultRules.contains("严禁拉票贿选"))
        #expect(PledgeError.alreadySigned(Self.day).message(in: .zhHans).hasPrefix("DIS-3"))
        #expect(PledgeError.notOpen.kind == .conflict && PledgeError.required("name").kind == .badInput)
    }

    @Test("DIS-3 a campaign survives its JSON round trip (what the store keeps)")
    func json() throws {
        var p = try Self.make()
        try p.open(eligible: [Self.a, Self.b], on: Self.day, by: "organizer")
        try p.record(cadre: Self.b, signed: Self.day, on: Self.day, by: "clerk")
        let back = try JSONDecoder().decode(PledgeCampaign.self, from: try JSONEncoder().encode(p))
        #expect(back == p)
    }
}
