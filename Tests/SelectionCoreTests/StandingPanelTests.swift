import Testing
@testable import SelectionCore

@Suite("Standing evaluation panels (BAL-10)")
struct StandingPanelTests {
    func members(_ g: Int, _ s: Int, _ d: Int) -> [(name: String, level: PanelComposition.Level)] {
        (0 ..< g).map { ("一般\($0)", .general) } + (0 ..< s).map { ("科级\($0)", .section) } + (0 ..< d).map { ("处级\($0)", .division) }
    }

    @Test("BAL-10 the seed's panel: 20 members, 50% general staff, 40% section level, 10% division level")
    func seedComposition() throws {
        let c = PanelComposition.seedDefault
        #expect(try c.seats() == [.general: 10, .section: 8, .division: 2])
        try c.check(members(10, 8, 2))
        #expect(throws: InvalidInput.self) { try c.check(members(11, 7, 2)) }
        #expect(throws: InvalidInput.self) { try c.check(members(10, 8, 1)) }
        var dup = members(10, 8, 2)
        dup[1].name = dup[0].name
        #expect(throws: InvalidInput(field: "panelMembers", .duplicate("一般0"))) { try c.check(dup) }
    }

    @Test("BAL-10 shares that do not give whole seats are refused, not rounded")
    func wholeSeats() {
        let odd = PanelComposition(size: 15, shares: [.general: Fraction(1, 2), .section: Fraction(2, 5), .division: Fraction(1, 10)])
        #expect(throws: InvalidInput.self) { try odd.seats() }
        let notOne = PanelComposition(size: 20, shares: [.general: Fraction(1, 2), .section: Fraction(2, 5)])
        #expect(throws: InvalidInput.self) { try notOne.seats() }
    }
}
