import Foundation
import Testing
@testable import SelectionCore

@Suite("Approval votes (DEC-1, DEC-4, BAL-7)")
struct ApprovalTallyTests {
    func yes(_ n: Int, no: Int = 0, abstain: Int = 0) -> [[(String, String)]] {
        Array(repeating: [("c1", "yes")], count: n) + Array(repeating: [("c1", "no")], count: no) + Array(repeating: [("c1", "abstain")], count: abstain)
    }

    @Test("DEC-4 more than 2/3 of all members, not of those present: 6 yes of 9 members fails, 7 passes")
    func twoThirdsOfAllMembers() throws {
        let twoThirds: (inout BallotSettings.Approval) -> Void = { $0.threshold = Fraction(2, 3) }
        let six = try tallyBoth(approvalBox(members: 9, yes(6, no: 1), configure: twoThirds))
        #expect(six.approvalRows[0].passed == false)     // 6 × 3 = 18, not > 2 × 9
        let seven = try tallyBoth(approvalBox(members: 9, yes(7), configure: twoThirds))
        #expect(seven.approvalRows[0].passed == true)
        // base "cast": 5 yes of 7 cast > 2/3 × 7
        let cast = try tallyBoth(approvalBox(members: 9, yes(5, no: 2), configure: { $0.threshold = Fraction(2, 3); $0.base = .cast }))
        #expect(cast.approvalRows[0].passed == true)
        #expect(try tallyBoth(approvalBox(members: 9, yes(5, no: 2), configure: twoThirds)).approvalRows[0].passed == false)
    }

    @Test("DEC-4 default threshold: strictly more than half of all members")
    func defaultHalf() throws {
        #expect(try tallyBoth(approvalBox(members: 10, yes(5, no: 3))).approvalRows[0].passed == false)
        #expect(try tallyBoth(approvalBox(members: 10, yes(6, no: 1))).approvalRows[0].passed == true)
    }

    @Test("DEC-1 quorum: a vote with fewer ballots than the quorum × members is void (default 2/3)")
    func quorum() throws {
        let five = try tallyBoth(approvalBox(members: 9, yes(5)))
        #expect(five.voidReason == .quorum)
        #expect(five.approvalRows[0].passed == false)   // void: flags false
        #expect(five.approvalRows[0].yes == 5)          // counts still reported
        #expect(try tallyBoth(approvalBox(members: 9, yes(6))).voidReason == nil)
        // 4/5 quorum (the seed's stricter default for personnel decisions)
        let strict: (inout BallotSettings.Approval) -> Void = { $0.quorum = Fraction(4, 5) }
        #expect(try tallyBoth(approvalBox(members: 10, yes(7), configure: strict)).voidReason == .quorum)
        #expect(try tallyBoth(approvalBox(members: 10, yes(8), configure: strict)).voidReason == nil)
    }

    @Test("DEC-1 more ballots than members: void, over-issued reported first")
    func overIssued() throws {
        let r = try tallyBoth(approvalBox(members: 3, yes(4)))
        #expect(r.voidReason == .overIssued)
        #expect(parsed(r)["voidReason"] as? String == "over-issued")
        #expect(r.approvalRows[0].passed == false)
    }

    @Test("BAL-7 a candidate left out is an abstention; unknown candidates and answers make a ballot invalid")
    func ballotRules() throws {
        let r = try tallyBoth(approvalBox(members: 5, [
            [("c1", "yes")], [], [("c1", "no"), ("c2", "yes")], [("c9", "yes"), ("c1", "maybe")], [("c1", "maybe")],
        ], candidates: ["c1", "c2"], configure: { $0.quorum = Fraction(0, 1) }))
        #expect(r.reasons == [.unknownCandidate, .unknownAnswer])
        #expect(r.invalid.map(\.index) == [3, 4])
        let c1 = r.approvalRows[0], c2 = r.approvalRows[1]
        #expect((c1.yes, c1.no, c1.abstain) == (1, 1, 1))
        #expect((c2.yes, c2.no, c2.abstain) == (1, 0, 2))
    }
}
