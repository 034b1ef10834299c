import Testing
@testable import SelectionCore

@Suite("Double majority (BAL-5)")
struct DoubleMajorityTests {
    func meeting(_ naming: Int, of cast: Int) throws -> TallyResult {
        try Tally.count(recommendationBox(Array(repeating: ("leaders", ["c1"]), count: naming) + Array(repeating: ("leaders", ["c2"]), count: cast - naming),
                                          categories: [VoterCategory(id: "leaders", weight: 1, entitled: cast)]))
    }

    @Test("BAL-5 more than half in the meeting vote and more than half in the talks; exactly half is not enough")
    func doubleMajority() throws {
        let talks6of10 = try meeting(6, of: 10), talks5of10 = try meeting(5, of: 10)
        let meeting7of12 = try meeting(7, of: 12), meeting6of12 = try meeting(6, of: 12)
        #expect(DoubleMajority.passes("c1", meeting: meeting7of12, talks: talks6of10))
        #expect(!DoubleMajority.passes("c1", meeting: meeting6of12, talks: talks6of10))   // 6 of 12 is half, not more
        #expect(!DoubleMajority.passes("c1", meeting: meeting7of12, talks: talks5of10))
        #expect(!DoubleMajority.passes("zz", meeting: meeting7of12, talks: talks6of10))
        // invalid ballots count in the base
        let withInvalid = try Tally.count(recommendationBox([("leaders", ["c1"]), ("leaders", ["c1"]), ("leaders", ["c1", "c1"]), ("leaders", ["c1", "c1"])],
                                                           categories: [VoterCategory(id: "leaders", weight: 1, entitled: 4)]))
        #expect(!DoubleMajority.hasMajority("c1", in: withInvalid))   // 2 of 4 cast
        // a void vote passes no one
        let void = try Tally.count(approvalBox(members: 10, [[("c1", "yes")]]))
        #expect(void.isVoid && !DoubleMajority.hasMajority("c1", in: void))
    }

    @Test("BAL-5 across two sessions nominees are matched by name, not by each session's own ids; one missing from a vote does not pass")
    func matchedByName() throws {
        let cats = [VoterCategory(id: "leaders", weight: 1, entitled: 5)]
        var meetingBox = recommendationBox(Array(repeating: ("leaders", ["c1"]), count: 3) + Array(repeating: ("leaders", ["c2"]), count: 2), categories: cats)
        meetingBox.candidates = [Candidate(id: "c1", name: "王明"), Candidate(id: "c2", name: "李华"), Candidate(id: "c3", name: "赵六")]
        var talksBox = recommendationBox(Array(repeating: ("leaders", ["c1"]), count: 1) + Array(repeating: ("leaders", ["c2"]), count: 4), categories: cats)
        talksBox.candidates = [Candidate(id: "c1", name: "李华"), Candidate(id: "c2", name: "王明"), Candidate(id: "c3", name: "孙七")]
        let lines = DoubleMajority.lines((meetingBox, try Tally.count(meetingBox)), (talksBox, try Tally.count(talksBox)))
        #expect(lines.map(\.name) == ["王明", "李华", "赵六", "孙七"])
        #expect(lines.map(\.passes) == [true, false, false, false])
        #expect(lines[0].first! == (3, 5) && lines[0].second! == (4, 5))
        #expect(lines[2].second == nil && lines[3].first == nil)
    }
}
