import Foundation
import PropertyBased
import Testing
@testable import SelectionCore

/// Properties that must hold for any ballots (swift-property-based).
@Suite("Counting properties")
struct TallyPropertyTests {
    static let ids = ["c1", "c2", "c3", "c4", "zz"]
    static let categories = ["leaders", "staff", "representatives"]

    /// Random recommendation ballots, including invalid ones (unknown ids, duplicates, too many).
    static let ballots = zip(Gen.int(in: 0 ... 2), Gen.int(in: 0 ... 4).array(of: 0 ... 4))
        .map { c, picks in (categories[c], picks.map { ids[$0] }) }
        .array(of: 0 ... 40)

    func box(_ b: [(String, [String])]) -> BallotBox {
        recommendationBox(b, categories: [VoterCategory(id: "leaders", weight: 0.4, entitled: 20), VoterCategory(id: "staff", weight: 0.3, entitled: 20),
                                          VoterCategory(id: "representatives", weight: 0.3, entitled: 20)],
                          candidates: ["c1", "c2", "c3", "c4"])
    }

    @Test("BAL-1 the result does not depend on the order of the ballots")
    func orderIndependent() async {
        await propertyCheck(count: 200, input: Self.ballots) { b in
            let r1 = try! tallyBoth(box(b))
            let r2 = try! tallyBoth(box(b.reversed()))
            #expect(r1.recommendationRows.map(\.rank) == r2.recommendationRows.map(\.rank))
            for (x, y) in zip(r1.recommendationRows, r2.recommendationRows) {
                #expect(x.firsts == y.firsts && x.mentions == y.mentions)
                if let a = x.score, let c = y.score { #expect(abs(a - c) < 1e-12) } else { #expect(x.score == nil && y.score == nil) }
            }
            #expect(r1.reasons.sorted() == r2.reasons.sorted())
            #expect(r1.voidReason == r2.voidReason)
        }
    }

    @Test("BAL-1 every score lies between the smallest and the largest point value")
    func bounds() async {
        await propertyCheck(count: 200, input: Self.ballots) { b in
            for row in try! tallyBoth(box(b)).recommendationRows {
                if let s = row.score { #expect(s >= 0.6 - 1e-12 && s <= 1.0 + 1e-12) }
            }
        }
    }

    @Test("BAL-1 adding an invalid ballot changes only cast, invalid and the void checks")
    func invalidBallotIsInert() async {
        await propertyCheck(count: 200, input: Self.ballots) { b in
            let before = try! tallyBoth(box(b))
            let after = try! tallyBoth(box(b + [("staff", ["c1", "c1"])]))
            #expect(after.cast == before.cast + 1)
            #expect(after.invalid.count == before.invalid.count + 1)
            #expect(after.valid == before.valid)
            #expect(after.recommendationRows == before.recommendationRows)
            #expect(after.emptyCategories == before.emptyCategories)
        }
    }

    @Test("Recount: exporting a box and counting the file again gives the identical result, for every kind")
    func recount() async {
        await propertyCheck(count: 100, input: Self.ballots) { b in
            let original = box(b)
            let first = try! Tally.count(original)
            let again = try! tally(original.json())
            #expect(first == again)
            #expect(first.json() == again.json())
        }
        let electionBallots = Gen.int(in: 0 ... 6).map { "p\($0)" }.array(of: 0 ... 3).array(of: 0 ... 30)
        await propertyCheck(count: 100, input: electionBallots) { b in
            let e = electionBox(entitled: 30, b, candidates: ["p0", "p1"], configure: { $0.seats = 2 })
            #expect(try! Tally.count(e) == (try! tally(e.json())))
        }
        let answers = Gen.int(in: 0 ... 3).map { ["yes", "no", "abstain", "maybe"][$0] }.array(of: 2 ... 2).array(of: 0 ... 12)
        await propertyCheck(count: 100, input: answers) { b in
            let a = approvalBox(members: 12, b.map { [("c1", $0[0]), ("c2", $0[1])] }, candidates: ["c1", "c2"])
            #expect(try! Tally.count(a) == (try! tally(a.json())))
        }
        let tiers = Gen.int(in: 0 ... 4).array(of: 0 ... 12)
        await propertyCheck(count: 100, input: tiers) { b in
            let names = ["excellent", "good", "fair", "poor", "odd"], overall = ["excellent", "competent", "basic", "incompetent", "what"]
            let ev = evaluationBox(entitled: 12, b.map { [rating("c1", names[$0], overall[$0])] })
            #expect(try! Tally.count(ev) == (try! tally(ev.json())))
        }
    }
}
