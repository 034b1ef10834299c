import Foundation
import Testing
@testable import SelectionCore

// MARK: - EXM-4 panel composition and recusal

@Suite("Interview panels (EXM-4, EXM-6, EXM-8, BAL-2)")
struct InterviewPanelTests {
    static func judge(_ id: String, _ group: JudgeGroup, outside: Bool = false, familiar: Bool = false,
                      unit: String = "U0", related: [String] = []) -> Judge {
        Judge(id: id, name: "评委\(id)", unitId: outside ? "X-\(id)" : unit, fromOutside: outside,
              familiarWithBusiness: familiar, group: group, relatedTo: related)
    }

    /// 7 members: 2 leaders, 2 outside experts (one familiar with the business), 2 personnel staff, 1 outside other.
    static let sound: [Judge] = [
        judge("J1", .leader), judge("J2", .leader),
        judge("J3", .expert, outside: true, familiar: true), judge("J4", .expert, outside: true),
        judge("J5", .personnel), judge("J6", .personnel), judge("J7", .other, outside: true),
    ]

    @Test("EXM-4 a panel of 7 with leaders, experts, personnel staff, 3 outside and one familiar with the business is sound")
    func soundPanel() {
        let p = InterviewPanel(positionId: "P1", judges: Self.sound)
        #expect(p.problems() == [])
        #expect(InterviewPanelRules().minimumOutside(ofSize: 7) == 3)
        #expect(InterviewPanelRules().minimumOutside(ofSize: 5) == 2)
    }

    @Test("EXM-4 every problem is reported, in zh-Hans and English")
    func everyProblem() {
        // 6 members, nobody familiar, 1 outside, no expert, a duplicate
        let judges = [Self.judge("J1", .leader), Self.judge("J2", .leader), Self.judge("J5", .personnel),
                      Self.judge("J6", .personnel), Self.judge("J7", .other, outside: true), Self.judge("J1", .trainee)]
        let problems = InterviewPanel(positionId: "P1", judges: judges).problems()
        #expect(problems == [.duplicateJudge("J1"), .tooFew(have: 6, need: 7, smallUnit: false),
                             .tooFewFamiliarWithBusiness(have: 0, need: 1),
                             .tooFewFromOutside(have: 1, need: 2, share: "1/3"), .missingGroup(.expert)])
        #expect(problems[1].message(in: .zhHans) == "面试小组6人，至少应有7人")
        #expect(problems[1].message(in: .en) == "the interview panel has 6 members; it needs at least 7")
        #expect(problems[4].message(in: .zhHans).contains("专家"))
        for p in problems { #expect(!p.message(in: .zhHans).isEmpty && !p.message(in: .en).isEmpty) }
    }

    @Test("EXM-4 a small unit's panel may have 5 members (2 from outside)")
    func smallUnit() {
        var rules = InterviewPanelRules()
        rules.smallUnit = true
        let five = [Self.judge("J1", .leader), Self.judge("J3", .expert, outside: true, familiar: true),
                    Self.judge("J4", .expert, outside: true), Self.judge("J5", .personnel), Self.judge("J6", .personnel)]
        #expect(InterviewPanel(positionId: "P1", judges: five, rules: rules).problems() == [])
        #expect(InterviewPanel(positionId: "P1", judges: Array(five.prefix(4)), rules: rules).problems()
            .contains(.tooFew(have: 4, need: 5, smallUnit: true)))
        #expect(InterviewPanel(positionId: "P1", judges: five).problems() == [.tooFew(have: 5, need: 7, smallUnit: false)])
    }

    @Test("EXM-4 recusal: related judges, and same-unit judges when the rules say so, with every reason")
    func recusal() {
        var judges = Self.sound
        judges[0].relatedTo = ["A1"]
        judges[0].unitId = "U-edu"
        judges[4].unitId = "U-edu"
        let a1 = InterviewCandidate(id: "A1", name: "王建国", unitId: "U-edu")
        let a2 = InterviewCandidate(id: "A2", name: "李晓梅", unitId: "U-x")
        var panel = InterviewPanel(positionId: "P1", judges: judges)
        #expect(panel.recusals(for: a1) == [Recusal(judgeId: "J1", candidateId: "A1", reasons: [.related])])
        #expect(panel.recusals(for: a2) == [])
        panel.rules.ownUnitRecuses = true
        #expect(panel.recusals(for: a1) == [Recusal(judgeId: "J1", candidateId: "A1", reasons: [.related, .sameUnit("U-edu")]),
                                            Recusal(judgeId: "J5", candidateId: "A1", reasons: [.sameUnit("U-edu")])])
        #expect(RecusalReason.related.message(in: .zhHans).contains("亲属"))
        #expect(panel.problems(candidates: [a1, a2]) == [])
    }

    @Test("EXM-4 recusal must not leave a candidate fewer than 2×trim+1 judges")
    func recusalFloor() {
        var judges = Self.sound
        for i in 0 ..< 5 { judges[i].relatedTo = ["A1"] }
        let a1 = InterviewCandidate(id: "A1", name: "", unitId: "")
        let panel = InterviewPanel(positionId: "P1", judges: judges)
        #expect(panel.problems(candidates: [a1]) == [.tooFewAfterRecusal(candidate: "A1", have: 2, need: 3)])
        var trimZero = panel
        trimZero.rules.trim = 0
        #expect(trimZero.problems(candidates: [a1]) == [])
        #expect(InterviewPanelProblem.tooFewAfterRecusal(candidate: "A1", have: 2, need: 3).message(in: .zhHans)
            == "考生“A1”回避后仅余2名评委，去掉最高分和最低分至少需要3名")
    }

    @Test("EXM-4 the same panel scores every candidate of the position; recused judges do not score")
    func samePanelScores() {
        var judges = Self.sound
        judges[1].relatedTo = ["A2"]
        let panel = InterviewPanel(positionId: "P1", judges: judges)
        let a1 = InterviewCandidate(id: "A1", name: "", unitId: ""), a2 = InterviewCandidate(id: "A2", name: "", unitId: "")
        let all = Set(judges.map(\.id))
        #expect(panel.scoringProblems(candidates: [a1, a2], scoredBy: ["A1": all, "A2": all.subtracting(["J2"])]) == [])
        let wrong = panel.scoringProblems(candidates: [a1, a2], scoredBy: ["A1": all.subtracting(["J7"]).union(["X9"]), "A2": all])
        #expect(wrong == [.notOnPanel(judge: "X9", candidate: "A1"), .missingScore(judge: "J7", candidate: "A1"),
                          .recusedJudgeScored(judge: "J2", candidate: "A2")])
    }

    // MARK: - EXM-6 elements

    @Test("EXM-6 eight elements summing to 140 (the seed's total), with ids and names in both languages")
    func elements() throws {
        let e = InterviewElements.seedDefault
        #expect(e.elements.count == 8)
        #expect(e.elements.reduce(0) { $0 + $1.max } == 140)
        #expect(e.problems() == [])
        #expect(e.elements.map(\.zh).contains("举止仪表表现"))
        var bad = e
        bad.elements[0].max = 25
        bad.elements[1].id = "language"
        #expect(bad.problems().map(\.field) == ["elements[1].id", "elements"])
        let s = InterviewElements.scale
        var scores = Dictionary(uniqueKeysWithValues: e.elements.map { ($0.id, $0.max * s) })
        #expect(try e.total(of: scores) == 140 * s)
        scores["language"] = 17 * s + 5_000
        #expect(try e.total(of: scores) == 137 * s + 5_000)
        scores["bearing"] = 11 * s
        scores["charm"] = 1
        scores["fit"] = nil
        #expect(throws: InvalidInput([.init(field: "scores.charm", problem: .unknownValue("charm")),
                                      .init(field: "scores.bearing", problem: .described(zh: "应在0至10分之间", en: "must be between 0 and 10")),
                                      .init(field: "scores.fit", problem: .required)])) { try e.total(of: scores) }
    }

    @Test("EXM-6 the rating panel's words 优秀/良好/一般/较差, for reference")
    func ratings() {
        #expect(InterviewRating.allCases.map { $0.word(in: .zhHans) } == ["优秀", "良好", "一般", "较差"])
        #expect(InterviewRating(word: "良好") == .good && InterviewRating(word: "poor") == .poor && InterviewRating(word: "好") == nil)
        let t = InterviewRating.tally([.good, .excellent, .good])
        #expect(t.map(\.1) == [1, 2, 0, 0])
    }

    // MARK: - EXM-8 consistency

    static func matrix(_ rows: [[Double?]], judges: [String]? = nil) -> ScoreMatrix {
        let js = judges ?? rows.indices.map { "J\($0 + 1)" }
        let cs = rows[0].indices.map { "A\($0 + 1)" }
        return ScoreMatrix(judges: js, candidates: cs, scores: rows.map { $0.map { $0.map { Int(($0 * 10_000).rounded()) } } })
    }

    @Test("EXM-8 Kendall's W is 1 when every judge orders the candidates alike (whatever their severity)")
    func perfectAgreement() throws {
        let c = try #require(JudgeConsistency.concordance(Self.matrix([[70, 75, 80, 85], [60, 61, 62, 63], [88, 90, 95, 99]])))
        #expect(abs(c.w - 1) < 1e-12)
        #expect(abs(c.chiSquare - 9) < 1e-9 && c.degreesOfFreedom == 3)
    }

    @Test("EXM-8 Kendall's W by hand: 3 judges, 4 candidates, W = 7/9, χ² = 7 on 3 df, p = 0.0719")
    func handComputed() throws {
        // ranks (1 = lowest): J1 1 2 3 4, J2 2 1 3 4, J3 1 3 2 4 → R = 4 6 8 12, S = 35, W = 12·35 / (9·60) = 7/9
        let c = try #require(JudgeConsistency.concordance(Self.matrix([[70, 75, 80, 85], [75, 70, 80, 85], [70, 80, 75, 85]])))
        #expect(abs(c.w - 7.0 / 9) < 1e-12)
        #expect(abs(c.chiSquare - 7) < 1e-9)
        #expect(abs(c.pValue - 0.071897772496465) < 1e-9)  // scipy.stats.chi2.sf(7, 3)
        #expect(c.tieCorrection == 0)
    }

    @Test("EXM-8 Kendall's W with tied scores uses midranks and the tie correction: W = 79/84")
    func tieCorrection() throws {
        // J2 ties A1/A2, J3 ties A2/A3: midranks give R = 3.5 6 8.5 12, S = 39.5; ΣT = 6 + 6;
        // W = 12·39.5 / (9·60 − 3·12) = 474/504 = 79/84 (without the correction 474/540)
        let c = try #require(JudgeConsistency.concordance(Self.matrix([[70, 75, 80, 85], [75, 75, 80, 85], [70, 80, 80, 85]])))
        #expect(c.tieCorrection == 12)
        #expect(abs(c.w - 79.0 / 84) < 1e-12)
        #expect(abs(c.chiSquare - 711.0 / 84) < 1e-9)
        #expect(abs(c.pValue - 0.03733033589705623) < 1e-9)  // scipy.stats.chi2.sf(711/84, 3)
    }

    @Test("EXM-8 a candidate some judge did not score (recusal) is left out of W and listed")
    func missingScores() throws {
        let c = try #require(JudgeConsistency.concordance(Self.matrix([[70, 75, 80, 85, 90], [75, 70, 80, 85, nil], [70, 80, 75, 85, 60]])))
        #expect(c.candidates == ["A1", "A2", "A3", "A4"] && c.excludedCandidates == ["A5"])
        #expect(abs(c.w - 7.0 / 9) < 1e-12)
        #expect(JudgeConsistency.concordance(Self.matrix([[70, 70], [80, 80]])) == nil)  // nothing ranked: undefined
    }

    @Test("EXM-8 agreement of leader and trainee judges: share of candidate pairs ordered alike, ties stated, and Spearman's rho")
    func groupAgreement() throws {
        // leader means 80 85 90 90, trainee means 82 81 88 89: pairs A1A2 discordant, A3A4 tied for leaders only,
        // the other 4 concordant → 4/6; rho = 3.5/√22.5 (scipy.stats.spearmanr: 0.7378647873726218)
        let m = Self.matrix([[80, 84, 90, 88], [80, 86, 90, 92], [82, 80, 88, 89], [82, 82, 88, 89]], judges: ["L1", "L2", "T1", "T2"])
        let g = try #require(JudgeConsistency.agreement(m, groupA: ["L1", "L2"], groupB: ["T1", "T2"]))
        #expect(g.pairs == 6 && g.concordant == 4 && g.discordant == 1 && g.tiedInOne == 1 && g.tiedInBoth == 0)
        #expect(abs(g.rate - 4.0 / 6) < 1e-12)
        #expect(abs(try #require(g.spearman) - 0.7378647873726218) < 1e-12)
        let same = try #require(JudgeConsistency.agreement(m, groupA: ["L2"], groupB: ["L2"]))
        #expect(same.rate == 1 && same.spearman == 1)
    }

    @Test("EXM-8 a judge who orders the candidates against the others is flagged (rho below 0.5)")
    func lowCorrelation() {
        let base: [Double] = [70, 75, 80, 85, 90]
        var rows = [0.0, 1, -1, 2, -2, 0].map { off in base.map { Optional($0 + off) } }
        rows.append(base.reversed().map { Optional($0) })
        let fits = JudgeConsistency.judgeFits(Self.matrix(rows))
        #expect(fits.map(\.lowCorrelation) == [false, false, false, false, false, false, true])
        #expect(fits[6].spearmanWithOthers == -1)
        #expect(fits[0].spearmanWithOthers == 1)
    }

    @Test("EXM-8 a judge far harsher than the others is flagged as an outlier (modified z-score beyond 3.5)")
    func severityOutlier() throws {
        let base: [Double] = [70, 75, 80, 85, 90]
        let rows = [0.0, 1, -1, 2, -2, 0, -15].map { off in base.map { Optional($0 + off) } }
        let fits = JudgeConsistency.judgeFits(Self.matrix(rows))
        #expect(fits.map(\.outlier) == [false, false, false, false, false, false, true])
        #expect(fits.allSatisfy { !$0.lowCorrelation })  // same order as everyone: only the level is off
        // d₇ = (7·(−15) + 15)/6 = −15, median 2.5, MAD 7/6 → M = 0.6745 · (−17.5) / (7/6)
        let d7: Double = try #require(fits[6].meanDeviation)
        let z7: Double = try #require(fits[6].modifiedZ)
        let expectedZ: Double = 0.6745 * -17.5 / (7.0 / 6)
        #expect(abs(d7 + 15) < 1e-9)
        #expect(abs(z7 - expectedZ) < 1e-9)
        // recused scores are simply left out of the comparison
        var withGap = rows
        withGap[2][4] = nil
        #expect(JudgeConsistency.judgeFits(Self.matrix(withGap))[2].candidatesCompared == 4)
    }

    // MARK: - BAL-2 drawing the panel by lot

    /// A pool of 24: 6 leaders, 6 experts (4 outside, 2 familiar), 4 personnel, 8 others (3 outside, 1 familiar).
    static let pool: [Judge] = (1 ... 6).map { judge("L\($0)", .leader) }
        + (1 ... 6).map { judge("E\($0)", .expert, outside: $0 <= 4, familiar: $0 == 2 || $0 == 5) }
        + (1 ... 4).map { judge("P\($0)", .personnel) }
        + (1 ... 8).map { judge("O\($0)", .other, outside: $0 <= 3, familiar: $0 == 8) }

    @Test("BAL-2 the same pool and seed give the same panel; the recorded draw of seed 20240601 stays as it was")
    func reproducible() throws {
        let a = try JudgeDraw.draw(from: Self.pool, seed: 20_240_601)
        let b = try JudgeDraw.draw(from: Self.pool, seed: 20_240_601)
        #expect(a == b)
        #expect(a.members.count == 7)
        #expect(a.members.map(\.judge.id) == Self.recorded)
        let others = Set((1 ... 20 as ClosedRange<UInt64>).map { try! JudgeDraw.draw(from: Self.pool, seed: $0).members.map(\.judge.id) })
        #expect(others.count > 10)
    }
    /// Re-computed independently from the algorithm as documented on `JudgeDraw` (a separate Python script).
    static let recorded = ["O8", "O2", "E4", "E2", "L6", "P4", "E1"]

    @Test("BAL-2 the pool's order does not matter: a shuffled pool gives the same panel")
    func orderIndependent() throws {
        var rng = SplitMix64(seed: 7)
        for seed in [1, 42, 20_240_601] as [UInt64] {
            let expected = try JudgeDraw.draw(from: Self.pool, seed: seed)
            for _ in 0 ..< 5 {
                #expect(try JudgeDraw.draw(from: Self.pool.shuffled(using: &rng), seed: seed) == expected)
            }
        }
    }

    @Test("BAL-2 the drawn panel always meets the quotas (over 300 seeds, full and small-unit rules)")
    func quotasAlwaysMet() throws {
        var small = InterviewPanelRules()
        small.smallUnit = true
        for rules in [InterviewPanelRules(), small] {
            for seed in 0 ..< 300 as Range<UInt64> {
                let r = try JudgeDraw.draw(from: Self.pool, rules: rules, seed: seed &* 0x1234_5678_9ABC)
                #expect(r.members.count == rules.requiredSize)
                #expect(Set(r.members.map(\.judge.id)).count == r.members.count)
                #expect(r.panel(positionId: "P1", rules: rules).problems() == [])
                #expect(r.members[0].reason == .quota(.familiarWithBusiness, filled: 1, needed: 1))
            }
        }
    }

    @Test("BAL-2 a tight pool: the lot for one quota never makes a later quota impossible")
    func lookahead() throws {
        // 4 seats: familiar 1, outside 2, a leader, an expert, a personnel member. Drawing F1 for “familiar” would
        // leave no way to seat the rest, so the only familiar member that keeps the panel possible is E1.
        var rules = InterviewPanelRules()
        rules.minimumSize = 4
        let pool = [Self.judge("F1", .other, familiar: true), Self.judge("E1", .expert, outside: true, familiar: true),
                    Self.judge("O1", .other, outside: true), Self.judge("L1", .leader), Self.judge("P1", .personnel),
                    Self.judge("P2", .personnel)]
        for seed in 0 ..< 100 as Range<UInt64> {
            let r = try JudgeDraw.draw(from: pool, rules: rules, seed: seed)
            #expect(r.panel(positionId: "P1", rules: rules).problems() == [])
            #expect(r.members.map(\.judge.id).contains("E1") && !r.members.map(\.judge.id).contains("F1"))
        }
    }

    @Test("BAL-2 a pool that cannot meet the rules is refused with the reasons")
    func refusal() {
        let noFamiliar = Self.pool.map { var j = $0; j.familiarWithBusiness = false; return j }
        #expect(throws: InvalidInput(field: "judges", .described(zh: "评委库中“熟悉职位业务”仅0人，至少需要1人",
                                                                 en: "the pool has 0 members “familiar with the business”; at least 1 are needed"))) {
            try JudgeDraw.draw(from: noFamiliar, seed: 1)
        }
        #expect(throws: InvalidInput.self) { try JudgeDraw.draw(from: Array(Self.pool.prefix(6)), seed: 1) }
        #expect(throws: InvalidInput.self) { try JudgeDraw.draw(from: Self.pool, size: 6, seed: 1) }
        #expect(throws: InvalidInput(field: "judges", .duplicate("L1"))) { try JudgeDraw.draw(from: Self.pool + [Self.pool[0]], seed: 1) }
        // each quota can be met alone, not all within 4 seats
        var rules = InterviewPanelRules()
        rules.minimumSize = 4
        let pool = [Self.judge("L1", .leader, familiar: true), Self.judge("E1", .expert), Self.judge("P1", .personnel),
                    Self.judge("O1", .other, outside: true), Self.judge("O2", .other, outside: true)]
        #expect(throws: InvalidInput(field: "judges", .described(zh: "评委库中的人员无法在4个名额内同时满足各项名额要求",
                                                                 en: "no 4 members of the pool meet all the quotas together"))) {
            try JudgeDraw.draw(from: pool, rules: rules, seed: 1)
        }
        #expect(throws: Never.self) { try JudgeDraw.draw(from: pool, rules: rules, size: 5, seed: 1) }
    }

    // MARK: - the pool file

    @Test("BAL-2 the judge pool file: the documented example reads, and a bad field is named")
    func poolFile() throws {
        let url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/formats/judge-pool-example.json")
        let file = try JudgePoolFile.parse(try Data(contentsOf: url))
        #expect(file.positionId == "P1" && file.judges.count >= 7)
        let r = try JudgeDraw.draw(from: file.judges, rules: file.rules, size: file.size, seed: 20_240_601)
        #expect(r.members.map(\.judge.id) == ["J05", "J12", "J11", "J10", "J08", "J04", "J01"])  // as in judge-pool.md
        #expect(r.panel(positionId: file.positionId, rules: file.rules).problems(candidates: file.candidates) == [])

        let bad = #"{"format": "xuanren.judge-pool/1", "judges": [{"id": "J1", "name": "a", "unit": "U", "outside": "yes", "familiar": true, "group": "leader"}]}"#
        #expect(throws: InvalidInput(field: "judges[0].outside", .described(zh: "类型或取值不对", en: "wrong type or value"))) {
            try JudgePoolFile.parse(Data(bad.utf8))
        }
        let missing = #"{"format": "xuanren.judge-pool/1", "rules": {"minimumOutsideShare": "1:3"}, "judges": [{"id": "J1", "name": "a", "outside": true, "familiar": true, "group": "boss"}]}"#
        #expect(throws: InvalidInput([.init(field: "rules.minimumOutsideShare", problem: .notAllowed("1:3")),
                                      .init(field: "judges[0].unit", problem: .required),
                                      .init(field: "judges[0].group", problem: .unknownValue("boss"))])) {
            try JudgePoolFile.parse(Data(missing.utf8))
        }
        #expect(throws: InvalidInput(field: "format", .required)) { try JudgePoolFile.parse(Data(#"{"judges": []}"#.utf8)) }
    }
}
