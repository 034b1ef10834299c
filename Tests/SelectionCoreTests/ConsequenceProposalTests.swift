import Testing
@testable import SelectionCore

@Suite("Assessment consequences as proposals (ASM-2…5)")
struct ConsequenceProposalTests {
    func evaluation(basic: Int, incompetent: Int, valid: Int) -> EvaluationCounts {
        EvaluationCounts(session: "S-2025-07", cadre: "王五", excellent: 0, competent: valid - basic - incompetent, basic: basic, incompetent: incompetent, valid: valid)
    }

    func appraisal(dissatisfied: Int, of valid: Int, unknown: Int = 0) -> AppraisalCounts {
        AppraisalCounts(session: "A-2025-01", official: "赵六", year: 2025,
                        answers: .init(satisfied: valid - dissatisfied - unknown, basic: 0, dissatisfied: dissatisfied, unknown: unknown))
    }

    @Test("ASM-2 基本称职 + 不称职 at exactly 30% of valid ballots triggers a demotion or removal proposal; just under does not")
    func popular() throws {
        let p = try #require(try Consequences.popularEvaluation(evaluation(basic: 20, incompetent: 10, valid: 100)))
        #expect(p.rule == "ASM-2" && p.action == .demotionOrRemoval && p.subject == "王五")
        #expect(p.evidence == .popularEvaluation(session: "S-2025-07", basic: 20, incompetent: 10, valid: 100, threshold: Fraction(3, 10)))
        #expect(p.zh == "王五民意测评（S-2025-07）基本称职20票、不称职10票，合计占有效票100票的30.0%，达到30%：建议降职或免职，提请党委（党组）研究决定")
        #expect(try Consequences.popularEvaluation(evaluation(basic: 20, incompetent: 9, valid: 100)) == nil)
        #expect(try Consequences.popularEvaluation(evaluation(basic: 3, incompetent: 0, valid: 10)) != nil)
        #expect(try Consequences.popularEvaluation(evaluation(basic: 299, incompetent: 0, valid: 1000)) == nil)   // 29.9%
        #expect(try Consequences.popularEvaluation(evaluation(basic: 0, incompetent: 0, valid: 0)) == nil)
        // the session's own share
        var s = ConsequenceSettings()
        s.popularDemotionShare = Fraction(1, 4)
        #expect(try Consequences.popularEvaluation(evaluation(basic: 25, incompetent: 0, valid: 100), settings: s) != nil)
        #expect(throws: InvalidInput.self) { try Consequences.popularEvaluation(EvaluationCounts(session: "s", cadre: "c", excellent: 5, competent: 5, basic: 1, incompetent: 0, valid: 10)) }
    }

    @Test("ASM-3 不满意 exactly 1/3 does not trigger; above 1/3 → admonishment; exactly 1/2 is still admonishment; above 1/2 → demotion or removal")
    func appraisalShares() throws {
        #expect(try Consequences.supervisionAppraisal(appraisal(dissatisfied: 10, of: 30)) == nil)
        let admonish = try #require(try Consequences.supervisionAppraisal(appraisal(dissatisfied: 11, of: 30)))
        #expect(admonish.rule == "ASM-3" && admonish.action == .admonishmentTalk)
        #expect(admonish.evidence == .supervisionAppraisal(session: "A-2025-01", year: 2025, dissatisfied: 11, valid: 30, threshold: Fraction(1, 3), followUp: nil))
        #expect(admonish.zh == "赵六2025年度监督评议（A-2025-01）：不满意11票，占有效票30票的36.7%，超过1/3：建议诫勉谈话，提请党委研究决定")
        #expect(try Consequences.supervisionAppraisal(appraisal(dissatisfied: 15, of: 30))?.action == .admonishmentTalk)
        #expect(try Consequences.supervisionAppraisal(appraisal(dissatisfied: 16, of: 30))?.action == .demotionOrRemoval)
        // 不了解 counts in the base: 10 of 31 is under 1/3
        #expect(try Consequences.supervisionAppraisal(appraisal(dissatisfied: 10, of: 31, unknown: 1)) == nil)
        #expect(try Consequences.supervisionAppraisal(appraisal(dissatisfied: 0, of: 0)) == nil)
    }

    @Test("ASM-3 rectification: weak within 3 months → admonishment, unclear after 6 months → demotion or removal; the stronger wins")
    func appraisalFollowUp() throws {
        let weak = try #require(try Consequences.supervisionAppraisal(appraisal(dissatisfied: 1, of: 30), followUp: .weakWithinThreeMonths))
        #expect(weak.action == .admonishmentTalk && weak.zh.contains("3个月内整改不力") && !weak.zh.contains("超过"))
        #expect(try Consequences.supervisionAppraisal(appraisal(dissatisfied: 1, of: 30), followUp: .unclearAfterSixMonths)?.action == .demotionOrRemoval)
        #expect(try Consequences.supervisionAppraisal(appraisal(dissatisfied: 20, of: 30), followUp: .weakWithinThreeMonths)?.action == .demotionOrRemoval)
        let both = try #require(try Consequences.supervisionAppraisal(appraisal(dissatisfied: 11, of: 30), followUp: .unclearAfterSixMonths))
        #expect(both.action == .demotionOrRemoval && both.zh.contains("超过1/3；6个月内整改效果不明显"))
    }

    @Test("ASM-3 every eligible official is appraised once in five years")
    func appraisalCycle() {
        #expect(Consequences.appraisalDue(lastYear: nil, year: 2025))
        #expect(Consequences.appraisalDue(lastYear: 2020, year: 2025))
        #expect(!Consequences.appraisalDue(lastYear: 2021, year: 2025))
    }

    /// Ten units ranked U1 (first) … U10 (last), with the given changes.
    func ranking(_ year: Int, _ changes: [String: Int] = [:]) -> UnitRanking {
        var r = Dictionary(uniqueKeysWithValues: (1 ... 10).map { ("U\($0)", $0) })
        r.merge(changes) { $1 }
        return UnitRanking(year: year, ranks: r)
    }

    @Test("ASM-4 a unit in the county's bottom 3 places three years running → demotion proposal for its principal leader")
    func bottomPlaces() throws {
        let ps = try Consequences.bottomPlaces([ranking(2023), ranking(2024), ranking(2025)])
        #expect(ps.map(\.subject) == ["U10", "U8", "U9"])   // id order
        #expect(ps.allSatisfy { $0.rule == "ASM-4" && $0.action == .demotion })
        let u8 = try #require(ps.first { $0.subject == "U8" })
        #expect(u8.evidence == .bottomPlaces(unit: "U8", places: [2023, 2024, 2025].map { UnitPlace(year: $0, rank: 8, of: 10, fromBottom: 3) }, bottom: 3))
        #expect(u8.zh.hasPrefix("U8综合目标考核连续3年排在全县倒数3名以内（2023年第8名（共10个，倒数第3）、"))
        // 4th from the bottom in one of the years breaks the run
        let swapped = try Consequences.bottomPlaces([ranking(2023), ranking(2024, ["U8": 7, "U7": 8]), ranking(2025)])
        #expect(swapped.map(\.subject) == ["U10", "U9"])
        // two years are not three; a missing year breaks the run
        #expect(try Consequences.bottomPlaces([ranking(2024), ranking(2025)]).isEmpty)
        #expect(try Consequences.bottomPlaces([ranking(2022), ranking(2023), ranking(2025)]).isEmpty)
        // the year asked about
        #expect(try Consequences.bottomPlaces([ranking(2022), ranking(2023), ranking(2024), ranking(2025, ["U10": 1, "U1": 10])], year: 2024).count == 3)
        #expect(try Consequences.bottomPlaces([]).isEmpty)
        #expect(throws: InvalidInput.self) { try Consequences.bottomPlaces([ranking(2025), ranking(2025)]) }
        #expect(throws: InvalidInput.self) { try Consequences.bottomPlaces([ranking(2025, ["U1": 0])]) }
    }

    @Test("ASM-4 a tie straddling the bottom places is not in them; a tie inside them is")
    func ties() throws {
        // places 1…6, 7, 7, 9, 10: the two 7th are 4th from the bottom
        let straddle = UnitRanking(year: 2025, ranks: ["U7": 7, "U8": 7] + (1 ... 6).map { ("U\($0)", $0) } + [("U9", 9), ("U10", 10)])
        #expect(straddle.fromBottom("U7") == 4 && straddle.fromBottom("U10") == 1 && straddle.fromBottom("X") == nil)
        // places …, 8, 8, 10: the two 8th are 3rd from the bottom
        let inside = UnitRanking(year: 2025, ranks: ["U9": 8, "U8": 8] + (1 ... 7).map { ("U\($0)", $0) } + [("U10", 10)])
        #expect(inside.fromBottom("U9") == 3)
        var s = ConsequenceSettings()
        s.yearsRunning = 1
        #expect(try Consequences.bottomPlaces([straddle], settings: s).map(\.subject) == ["U10", "U9"])
        #expect(try Consequences.bottomPlaces([inside], settings: s).map(\.subject) == ["U10", "U8", "U9"])
    }

    @Test("ASM-4 term goals not met → demotion proposal")
    func termGoals() {
        let p = Consequences.termGoalsNotMet(cadre: "钱七", term: "2021—2025")
        #expect(p.rule == "ASM-4" && p.action == .demotion && p.evidence == .termGoalsNotMet(term: "2021—2025"))
        #expect(p.text(in: .zhHans) == "钱七未完成任期目标（2021—2025）：建议降职使用，提请党委研究决定")
    }

    @Test("ASM-5 every consequence is a proposal for the committee with its evidence, in both languages")
    func proposalsOnly() throws {
        let all = [try Consequences.popularEvaluation(evaluation(basic: 40, incompetent: 0, valid: 100)),
                   try Consequences.supervisionAppraisal(appraisal(dissatisfied: 20, of: 30)),
                   Consequences.termGoalsNotMet(cadre: "钱七", term: "2021—2025")].compactMap { $0 }
            + (try Consequences.bottomPlaces([ranking(2023), ranking(2024), ranking(2025)]))
        #expect(all.count == 6)
        for p in all {
            #expect(p.zh.contains("建议") && p.zh.contains("提请党委"))
            #expect(p.en.contains("proposed") && p.en.contains("for the committee to decide"))
            #expect(p.text(in: .en) == p.en && p.text(in: .zhHans) == p.zh)
        }
        #expect(all[0].en.contains("S-2025-07") && all[0].en.contains("40.0% of 100 valid ballots"))
        #expect(all[1].en.contains("A-2025-01") && all[1].en.contains("20 dissatisfied, 66.7% of 30 valid ballots, more than 1/2"))
    }
}

private func + (a: [String: Int], b: [(String, Int)]) -> [String: Int] { a.merging(b) { $1 } }
