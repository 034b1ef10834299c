import Foundation
import Testing
@testable import SelectionCore

@Suite("Weighted recommendation (BAL-1)")
struct RecommendationTallyTests {
    @Test("BAL-1 the format's example gives exactly its published result")
    func example() throws {
        let box = try String(contentsOf: fixtures.appendingPathComponent("ballot-box-example.json"), encoding: .utf8)
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent("ballot-box-example.result.json")))
        let result = try tally(box)
        let diff = jsonClose(parsed(result), expected)
        #expect(diff == nil, "\(diff ?? "")")
        // the same box counted in memory agrees
        #expect(result.cast == 8)
        #expect(result.invalid == [.init(index: 4, reason: .duplicateChoice), .init(index: 6, reason: .tooManyChoices)])
    }

    @Test("BAL-1 score = Σ weight × category mean, points 1.0/0.9/0.8, unnamed 0.6")
    func arithmetic() throws {
        // 3 leaders, 4 staff, 2 representatives; all vote
        let r = try tallyBoth(recommendationBox([
            ("leaders", ["c1"]), ("leaders", ["c1", "c2"]), ("leaders", ["c2", "c1", "c3"]),
            ("staff", ["c3"]), ("staff", []), ("staff", ["c1"]), ("staff", ["c1", "c3"]),
            ("representatives", ["c2"]), ("representatives", ["c2", "c1"]),
        ]))
        let c1 = r.recommendationRows[0]
        // leaders: 1.0 + 1.0 + 0.9 = 2.9/3; staff: 0.6+0.6+1.0+1.0 = 3.2/4; reps: 0.6 + 0.9 = 1.5/2
        let expected = 0.4 * 2.9 / 3 + 0.3 * 3.2 / 4 + 0.3 * 1.5 / 2
        #expect(abs(c1.score! - expected) < 1e-12)
        #expect(c1.firsts == 4)
        #expect(c1.mentions == 6)
        #expect(r.isVoid == false)
    }

    @Test("BAL-1 defaults: rank points [1.0, 0.9, 0.8], unranked 0.6, maxChoices 3, minTurnout 0.8")
    func defaults() throws {
        let json = """
        {"format":"xuanren.ballot-box/1","kind":"weighted-recommendation","settings":{"categories":[{"id":"all","weight":1,"entitled":5}]},
         "candidates":[{"id":"a","name":"A"},{"id":"b","name":"B"},{"id":"c","name":"C"},{"id":"d","name":"D"}],
         "ballots":[{"category":"all","ranking":["a","b","c"]},{"category":"all","ranking":["a","b","c","d"]},
                    {"category":"all","ranking":[]},{"category":"all","ranking":["d"]}]}
        """
        let r = try tally(json)
        #expect(r.invalid == [.init(index: 1, reason: .tooManyChoices)])   // maxChoices 3
        let rows = r.recommendationRows
        #expect(abs(rows[0].score! - (1.0 + 0.6 + 0.6) / 3) < 1e-12)      // a: 1.0, blank 0.6, 0.6
        #expect(abs(rows[2].score! - (0.8 + 0.6 + 0.6) / 3) < 1e-12)      // c: third = 0.8
        #expect(r.voidReason == nil)                                       // 4 of 5 = 0.8 ≥ 0.8
        let three = try tally(json.replacingOccurrences(of: "{\"category\":\"all\",\"ranking\":[\"d\"]}", with: "{\"category\":\"all\",\"ranking\":[]}").replacingOccurrences(of: "\"entitled\":5", with: "\"entitled\":6"))
        #expect(three.voidReason == .turnout)                              // 4 of 6 < 0.8
    }

    @Test("BAL-1 a category with no valid ballot is left out and the weights rescaled")
    func rescaling() throws {
        let r = try tallyBoth(recommendationBox([
            ("leaders", ["c1"]), ("leaders", ["c2"]), ("leaders", ["c1"]),
            ("staff", ["c2"]), ("staff", ["c2"]), ("staff", ["c2"]), ("staff", ["c1"]),
            ("representatives", ["c1", "c1"]), ("representatives", ["x9"]),   // both invalid
        ]))
        #expect(r.emptyCategories == ["representatives"])
        let c1 = r.recommendationRows[0]
        #expect(c1.byCategory.map(\.category) == ["leaders", "staff"])
        let leaders = (1.0 + 0.6 + 1.0) / 3, staff = (0.6 + 0.6 + 0.6 + 1.0) / 4
        #expect(abs(c1.score! - (0.4 / 0.7 * leaders + 0.3 / 0.7 * staff)) < 1e-12)
        #expect(r.reasons == [.duplicateChoice, .unknownCandidate])
    }

    @Test("BAL-1 with no valid ballot at all every score and rank is null")
    func noValidBallot() throws {
        let r = try tallyBoth(recommendationBox([("leaders", ["c1", "c1"])], categories: [VoterCategory(id: "leaders", weight: 1, entitled: 1)]))
        #expect(r.recommendationRows.allSatisfy { $0.score == nil && $0.rank == nil })
        let j = parsed(r)["results"] as! [[String: Any]]
        #expect(j[0]["score"] is NSNull)
        #expect(r.emptyCategories == ["leaders"])
    }

    @Test("BAL-1 invalid ballots: one reason each, the first in the format's order")
    func invalidReasons() throws {
        let r = try tallyBoth(recommendationBox([
            ("leaders", ["c1", "zz", "c1", "c2"]),   // too many AND unknown AND duplicate → too-many-choices
            ("leaders", ["zz", "c1", "c1"]),         // unknown AND duplicate → unknown-candidate
            ("leaders", ["c2", "c2"]),               // duplicate-choice
            ("staff", ["c3"]),
        ], configure: { $0.minTurnout = Fraction(0, 1) }))
        #expect(r.reasons == [.tooManyChoices, .unknownCandidate, .duplicateChoice])
        #expect(r.cast == 4)
        #expect(r.valid == 1)
        let j = parsed(r)["invalid"] as! [[String: Any]]
        #expect(j.map { $0["reason"] as! String } == ["too-many-choices", "unknown-candidate", "duplicate-choice"])
        #expect(j.map { ($0["index"] as! NSNumber).intValue } == [0, 1, 2])
    }

    @Test("BAL-1 ranks are competition ranks (1224) by score, equal scores share a rank")
    func ranks() throws {
        let r = try tallyBoth(recommendationBox([
            ("leaders", ["c1"]), ("leaders", ["c2"]), ("leaders", ["c3"]),
        ], categories: [VoterCategory(id: "leaders", weight: 1, entitled: 3)], candidates: ["c1", "c2", "c3", "c4"]))
        #expect(r.recommendationRows.map(\.rank) == [1, 1, 1, 4])
        #expect(competitionRanks([0.5, 0.9, 0.5, 0.1, 0.9]) == [3, 1, 3, 5, 1])
        #expect(competitionRanks([0.3, 0.1 + 0.2]) == [1, 1])   // within 1e-12
    }

    @Test("BAL-1 an unknown category is an input error naming the ballot")
    func unknownCategory() {
        let box = recommendationBox([("leaders", ["c1"]), ("voters", ["c1"])])
        #expect(inputError(box.json()) == BallotBoxError("$.ballots[1].category", .unknownCategory("voters")))
        #expect(throws: BallotBoxError("$.ballots[1].category", .unknownCategory("voters"))) { try Tally.count(box) }
    }

    @Test("BAL-1 weights must sum to 1 within 1e-9; maxChoices at most the rank points")
    func settingsChecks() {
        let bad = recommendationBox([], categories: [VoterCategory(id: "a", weight: 0.5, entitled: 1), VoterCategory(id: "b", weight: 0.4, entitled: 1)])
        #expect(inputError(bad.json())?.path == "$.settings.categories")
        let ok = recommendationBox([], categories: [VoterCategory(id: "a", weight: 0.1, entitled: 1), VoterCategory(id: "b", weight: 0.2, entitled: 1),
                                                    VoterCategory(id: "c", weight: 0.7, entitled: 1)])
        #expect(inputError(ok.json()) == nil)   // 0.1 + 0.2 + 0.7 is 1 within 1e-9
        let tooMany = recommendationBox([], configure: { $0.maxChoices = 4 })
        #expect(inputError(tooMany.json()) == BallotBoxError("$.settings.maxChoices", .maxChoicesTooLarge(3)))
        let fewer = recommendationBox([("leaders", ["c1", "c2"])], configure: { $0.maxChoices = 1; $0.minTurnout = Fraction(0, 1) })
        #expect(try! tally(fewer.json()).reasons == [.tooManyChoices])
    }

    @Test("BAL-1 ballots before the header are counted the same (two passes)")
    func ballotsFirst() throws {
        let json = """
        {"ballots":[{"ranking":["c2"],"category":"staff"},{"category":"leaders","ranking":["c1","c2"]}],
         "candidates":[{"id":"c1","name":"甲"},{"id":"c2","name":"乙"}],"title":"倒序","kind":"weighted-recommendation",
         "settings":{"minTurnout":0,"categories":[{"id":"leaders","weight":0.5,"entitled":1},{"id":"staff","weight":0.5,"entitled":1}]},
         "format":"xuanren.ballot-box/1","extra":{"ignored":[1,2,{"x":null}]}}
        """
        let r = try tally(json)
        #expect(r.cast == 2)
        #expect(abs(r.recommendationRows[0].score! - (0.5 * 1.0 + 0.5 * 0.6)) < 1e-12)
        #expect(r.title == "倒序")
    }
}
