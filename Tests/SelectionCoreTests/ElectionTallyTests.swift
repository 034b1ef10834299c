import Foundation
import Testing
@testable import SelectionCore

@Suite("Direct election (SEL-5)")
struct ElectionTallyTests {
    @Test("SEL-5 elected: most votes and more than half of all ballots cast, invalid ones included")
    func majority() throws {
        let r = try tallyBoth(electionBox(entitled: 10, [["p1"], ["p1"], ["p1"], ["p1"], ["p2"], ["p2"], ["p1", "p2"], []]))
        // cast 8 (one invalid): p1 has 4, 4 × 2 = 8 is not > 8
        #expect(r.reasons == [.tooManyChoices])
        #expect(r.electionRows.map(\.candidate) == ["p1", "p2"])
        #expect(r.electionRows[0].votes == 4)
        #expect(r.electionRows[0].elected == false)
        let won = try tallyBoth(electionBox(entitled: 10, [["p1"], ["p1"], ["p1"], ["p1"], ["p1"], ["p2"], ["p2"], []]))
        #expect(won.electionRows[0].elected == true)   // 5 × 2 > 8
    }

    @Test("SEL-5 a tie at the last seat elects none of the tied and says so")
    func tieAtBoundary() throws {
        let r = try tallyBoth(electionBox(entitled: 6, [["a", "b"], ["a", "b"], ["a", "c"], ["a", "c"], ["a"], ["d"]], configure: { $0.seats = 2 }))
        // a 5, b 2, c 2, d 1 → b and c tie for the 2nd seat
        #expect(r.tieAtBoundary == true)
        #expect(r.electionRows.filter(\.elected).map(\.candidate) == ["a"])
        #expect(r.electionRows.map(\.rank) == [1, 2, 2, 4])
        #expect(parsed(r)["tieAtBoundary"] as? Bool == true)
        let noTie = try tallyBoth(electionBox(entitled: 4, [["a"], ["a"], ["a"], ["b"]]))
        #expect(noTie.tieAtBoundary == false)
    }

    @Test("SEL-5 write-ins: listed candidates first, then others in order of first appearance; no vote, never elected")
    func writeIns() throws {
        let r = try tallyBoth(electionBox(entitled: 5, [["z"], ["y"], ["z"], ["z"], ["y", "y"]], candidates: ["listed"]))
        #expect(r.electionRows.map(\.candidate) == ["listed", "z", "y"])
        #expect(r.electionRows[0].votes == 0 && r.electionRows[0].elected == false)
        #expect(r.electionRows[1].elected == true)  // 3 of 5
        #expect(r.reasons == [.tooManyChoices])   // 2 choices for 1 seat comes before the duplicate
        let dup = try tallyBoth(electionBox(entitled: 2, [["y", "y"], ["z"]], configure: { $0.seats = 2 }))
        #expect(dup.reasons == [.duplicateChoice])
    }

    @Test("SEL-5 eligible list: a choice outside it makes the ballot not-eligible; defaults seats 1, turnout 0.5")
    func eligibleAndDefaults() throws {
        let r = try tallyBoth(electionBox(entitled: 4, [["a"], ["x"], ["a"]], configure: { $0.eligible = ["a", "b"] }))
        #expect(r.reasons == [.notEligible])
        #expect(r.electionRows.map(\.candidate) == ["a"])
        #expect(try tallyBoth(electionBox(entitled: 5, [["a"], ["a"]])).voidReason == .turnout)   // 2 < 2.5
        #expect(try tallyBoth(electionBox(entitled: 6, [["a"], ["a"], ["a"]])).voidReason == nil)
        let json = electionBox(entitled: 2, [["a"], ["b"]]).json()
            .replacingOccurrences(of: "\"seats\":1,", with: "").replacingOccurrences(of: "\"minTurnout\":{\"num\":1,\"den\":2}", with: "\"x\":0")
        let d = try tally(json)
        #expect(d.reasons.isEmpty && d.voidReason == nil)
        #expect(try tally(electionBox(entitled: 2, [["a", "b"]]).json().replacingOccurrences(of: "\"seats\":1,", with: "")).reasons == [.tooManyChoices])
    }
}
