import Foundation
import Testing
@testable import SelectionCore

@Suite("Democratic evaluation (BAL-3, BAL-6, ASM-2)")
struct EvaluationTallyTests {
    @Test("BAL-3 turnout is exact: 7 of 10 with minTurnout 0.7 is valid, 6 of 10 is void")
    func turnout() throws {
        let seven = evaluationBox(entitled: 10, Array(repeating: [rating("c1")], count: 7), configure: { $0.minTurnout = Fraction(7, 10) })
        #expect(try tallyBoth(seven).voidReason == nil)
        // written as a decimal in the file: 0.7 × 10 is exactly 7
        let json = seven.json().replacingOccurrences(of: "\"minTurnout\":{\"num\":7,\"den\":10}", with: "\"minTurnout\":0.7")
        #expect(json.contains("\"minTurnout\":0.7"))
        #expect(try tally(json).voidReason == nil)
        let six = evaluationBox(entitled: 10, Array(repeating: [rating("c1")], count: 6), configure: { $0.minTurnout = Fraction(7, 10) })
        let r = try tallyBoth(six)
        #expect(r.voidReason == .turnout)
        #expect(r.evaluationRows[0].vetoed == false && r.evaluationRows[0].demotionReview == false)
        #expect(r.evaluationRows[0].competent == 6)     // still reported
        // default 80%
        #expect(try tallyBoth(evaluationBox(entitled: 5, Array(repeating: [rating("c1")], count: 3))).voidReason == .turnout)
        #expect(try tallyBoth(evaluationBox(entitled: 5, Array(repeating: [rating("c1")], count: 4))).voidReason == nil)
    }

    @Test("BAL-3 score = Σ item weight × mean tier points; the mean is over valid ballots")
    func scores() throws {
        let r = try tallyBoth(evaluationBox(entitled: 3, [[rating("c1", "excellent")], [rating("c1", "fair")], [rating("c1", "good")]]))
        let row = r.evaluationRows[0]
        #expect(abs(row.score! - 80) < 1e-9)
        #expect(row.items.map(\.item) == ["de", "neng", "qin", "ji", "lian"])
        #expect(row.items.allSatisfy { abs($0.mean - 80) < 1e-9 })
        #expect(row.rank == 1)
    }

    @Test("BAL-6 popular veto: consent below the threshold (exact) is vetoed; exactly at it is not")
    func veto() throws {
        let atThreshold = (0 ..< 4).map { _ in [rating("c1", "good", "competent")] } + [[rating("c1", "poor", "basic")]]
        let r = try tallyBoth(evaluationBox(entitled: 5, atThreshold))
        #expect(r.evaluationRows[0].consent == 0.8)
        #expect(r.evaluationRows[0].vetoed == false)          // 4/5 is not below 0.8
        let below = (0 ..< 3).map { _ in [rating("c1", "good", "excellent")] } + (0 ..< 2).map { _ in [rating("c1", "poor", "incompetent")] }
        #expect(try tallyBoth(evaluationBox(entitled: 5, below)).evaluationRows[0].vetoed == true)
    }

    @Test("ASM-2 basic + incompetent ≥ 30% of valid ballots flags a demotion review (exact at 3 of 10)")
    func demotion() throws {
        let three = (0 ..< 7).map { _ in [rating("c1")] } + [[rating("c1", "fair", "basic")], [rating("c1", "fair", "basic")], [rating("c1", "poor", "incompetent")]]
        #expect(try tallyBoth(evaluationBox(entitled: 10, three)).evaluationRows[0].demotionReview == true)
        let two = (0 ..< 8).map { _ in [rating("c1")] } + [[rating("c1", "fair", "basic")], [rating("c1", "poor", "incompetent")]]
        #expect(try tallyBoth(evaluationBox(entitled: 10, two)).evaluationRows[0].demotionReview == false)
    }

    @Test("BAL-3 invalid ballots: unknown candidate before incomplete before unknown answer")
    func invalid() throws {
        var missingItem = rating("c1")
        missingItem.items!.removeLast()
        var badTier = rating("c1")
        badTier.items![0].tier = "superb"
        let r = try tallyBoth(evaluationBox(entitled: 6, [
            [rating("c1"), rating("zz")],                 // unknown-candidate
            [missingItem],                                // incomplete
            [(candidate: "c1", items: rating("c1").items, overall: nil)],  // incomplete (no overall)
            [badTier],                                    // unknown-answer
            [rating("c1", "good", "great")],              // unknown-answer (overall)
            [rating("c1")],                               // valid
        ], configure: { $0.minTurnout = Fraction(0, 1) }))
        #expect(r.reasons == [.unknownCandidate, .incomplete, .incomplete, .unknownAnswer, .unknownAnswer])
        // a ballot that leaves out a candidate is incomplete
        let two = try tallyBoth(evaluationBox(entitled: 1, [[rating("c1")]], candidates: ["c1", "c2"]))
        #expect(two.reasons == [.incomplete])
        #expect(two.evaluationRows[0].score == nil && two.evaluationRows[0].consent == nil)
    }
}
