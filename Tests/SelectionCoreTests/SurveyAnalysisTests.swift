import Testing
@testable import SelectionCore

@Suite("Survey analysis (SUR-2, SUR-3, SUR-4)")
struct SurveyAnalysisTests {
    let cadres = [SelectionWorkSurvey.Cadre(id: "p1", name: "张三", post: "县交通运输局副局长"), .init(id: "p2", name: "李四")]

    @Test("SUR-2 the survey asks overall, 11 problem kinds, each stage, suggestions and each new cadre, as ballot lines")
    func surveyItems() throws {
        let s = try SelectionWorkSurvey(cadres: cadres)
        #expect(SelectionWorkProblem.allCases.count == 11)
        #expect(Set(SelectionWorkProblem.allCases.map { $0.title(in: .zhHans) }).count == 11)
        #expect(SelectionWorkProblem.seekingOffice.title(in: .zhHans) == "跑官要官")
        let items = s.items
        #expect(items.count == 1 + 11 + 5 + 1 + 2)
        #expect(Set(items.map(\.id)).count == items.count)
        #expect(items.first?.id == "overall" && items.last?.id == "cadre.p2")
        #expect(items.map(\.id).contains("problem.seekingOffice") && items.map(\.id).contains("stage.recommendation"))
        // the answers are the ballot answers: BAL-7 satisfaction, approval for the problem kinds
        #expect(SurveyScale.satisfaction.answers == ["satisfied", "basic", "dissatisfied", "unknown"])
        #expect(SurveyScale.occurrence.answers == ["yes", "no", "abstain"])
        #expect(SurveyScale.satisfaction.answerTitles(in: .zhHans) == ["满意", "基本满意", "不满意", "不了解"])
        #expect(SurveyScale.occurrence.answerTitles(in: .zhHans) == ["存在", "不存在", "不了解"])
        #expect(items.filter { $0.scale == .occurrence }.count == 11 && items.filter { $0.scale == .freeText }.count == 1)
        let lines = s.ballotCandidates(.satisfaction, in: .zhHans)
        #expect(lines.map(\.id) == ["overall"] + SelectionWorkSurvey.defaultStages.map { "stage." + $0.rawValue } + ["cadre.p1", "cadre.p2"])
        #expect(lines[0].name == "对本地本单位干部选拔任用工作的总体评价")
        #expect(s.ballotCandidates(.occurrence, in: .en).first == Candidate(id: "problem.seekingOffice", name: "Did “seeking office by lobbying for it” occur?"))
        #expect(SurveyItem(.problem(.seekingOffice)).question(in: .zhHans) == "是否存在“跑官要官”的问题")
        #expect(SurveyItem(.cadre(cadres[0])).question(in: .zhHans) == "对新提拔干部张三（县交通运输局副局长）是否满意")
        #expect(SurveyItem(.cadre(cadres[1])).question(in: .en) == "Satisfied with the newly promoted 李四?")
        #expect(SurveyItem(.stage(.democraticRecommendation)).question(in: .zhHans) == "对“民主推荐”环节的评价")
        // a subset of problems and stages
        let small = try SelectionWorkSurvey(cadres: [], problems: [.seekingOffice, .canvassing], stages: [.democraticRecommendation])
        #expect(small.items.map(\.id) == ["overall", "problem.seekingOffice", "problem.canvassing", "stage.recommendation", "suggestions"])
    }

    @Test("SUR-2 a survey refuses duplicate cadres, cadres without a name, repeated problem kinds")
    func surveyValidation() {
        #expect(throws: InvalidInput.self) { try SelectionWorkSurvey(cadres: [cadres[0], cadres[0]]) }
        #expect(throws: InvalidInput.self) { try SelectionWorkSurvey(cadres: [.init(id: "x", name: "")]) }
        #expect(throws: InvalidInput.self) { try SelectionWorkSurvey(cadres: [], problems: [.cronyism, .cronyism]) }
    }

    @Test("SUR-2 analysis: overall, problems reported most first, stages, cadres; CHK-2 many dissatisfied is strictly above 1/3")
    func analysis() throws {
        let s = try SelectionWorkSurvey(cadres: cadres)
        let counts = SurveyCounts(
            satisfaction: ["overall": .init(satisfied: 60, basic: 30, dissatisfied: 5, unknown: 5),
                           "stage.recommendation": .init(satisfied: 50, basic: 50),
                           "cadre.p1": .init(satisfied: 10, basic: 10, dissatisfied: 10, unknown: 0),   // exactly 1/3
                           "cadre.p2": .init(satisfied: 10, basic: 9, dissatisfied: 10, unknown: 0)],   // 10/29 > 1/3
            occurrence: ["problem.seekingOffice": .init(occurred: 5, notOccurred: 90, unknown: 5),
                         "problem.canvassing": .init(occurred: 20, notOccurred: 70, unknown: 10),
                         "problem.cronyism": .init(occurred: 5, notOccurred: 95)])
        let a = try SurveyAnalysis.analyse(s, counts: counts)
        #expect(a.overall.index?.text == "82.1")            // (60×100 + 30×60) / 95 = 82.10…
        #expect(a.overall.index?.points == 7800 && a.overall.index?.answered == 95)
        #expect(a.overall.satisfiedShare.percentText == "90.0%")
        #expect(a.reportedProblems == [.canvassing, .seekingOffice, .cronyism])   // 20%, then 5% and 5% in survey order
        #expect(a.problems.first { $0.problem == .canvassing }?.share.percentText == "20.0%")
        #expect(a.problems.first { $0.problem == .rushPromotions }?.reported == false)
        #expect(a.stages.map(\.stage) == SelectionWorkSurvey.defaultStages)
        #expect(a.stages[1].line.index?.text == "80.0")
        #expect(a.stages[0].line.index == nil && a.stages[0].line.belowThreshold == false)   // nobody answered
        #expect(a.cadres.map(\.manyDissatisfied) == [false, true])
        #expect(throws: InvalidInput.self) { try SurveyAnalysis.analyse(s, counts: SurveyCounts(satisfaction: ["overall": .init(satisfied: -1)])) }
    }

    @Test("SUR-3 index = (满意×100 + 基本满意×60 + 不满意×0) / (answers without 不了解), rounded half-up to 0.1")
    func index() throws {
        let i = try #require(SatisfactionIndex(.init(satisfied: 10, basic: 5, dissatisfied: 5, unknown: 30)))
        #expect(i.points == 1300 && i.answered == 20 && i.text == "65.0")
        #expect(SatisfactionIndex(.init(satisfied: 6, basic: 9, dissatisfied: 1))?.text == "71.3")   // 71.25: half-up, not half-even
        #expect(SatisfactionIndex(.init(satisfied: 9, basic: 6, dissatisfied: 1))?.text == "78.8")   // 78.75
        #expect(SatisfactionIndex(.init(satisfied: 1, basic: 1, dissatisfied: 1))?.text == "53.3")   // 53.33…
        #expect(SatisfactionIndex(.init(unknown: 7)) == nil)
        #expect(SatisfactionIndex(.init()) == nil)
        var w = SatisfactionIndexSettings()
        w.basicPoints = 50
        #expect(SatisfactionIndex(.init(satisfied: 1, basic: 1), settings: w)?.text == "75.0")
        w.basicPoints = 120
        #expect(throws: InvalidInput.self) { try w.validate() }
    }

    @Test("SUR-3 threshold boundary: exactly 80 is not flagged; 79.96 (shown 80.0) is, compared exactly")
    func threshold() throws {
        let t = SatisfactionIndexSettings().rectificationBelow
        let exactly80 = try #require(SatisfactionIndex(.init(satisfied: 1, basic: 1)))
        #expect(exactly80.text == "80.0" && !exactly80.isBelow(t))
        let justBelow = try #require(SatisfactionIndex(.init(satisfied: 1000, basic: 1000, dissatisfied: 1)))   // 160000/2001
        #expect(justBelow.text == "80.0" && justBelow.isBelow(t))
        let justAbove = try #require(SatisfactionIndex(.init(satisfied: 1001, basic: 1000)))
        #expect(!justAbove.isBelow(t))
        var s = SatisfactionIndexSettings()
        s.rectificationBelow = Fraction(171, 2)   // 85.5
        #expect(SatisfactionIndex(.init(satisfied: 29, basic: 11), settings: s).map { ($0.text, $0.isBelow(s.rectificationBelow)) }! == ("89.0", false))
        #expect(SatisfactionIndex(.init(satisfied: 10, basic: 10, dissatisfied: 0), settings: s)!.isBelow(s.rectificationBelow))   // 80 < 85.5
    }

    @Test("SUR-3 per unit: items in order, all opinions pooled, a unit below the threshold flagged with its low items")
    func units() throws {
        let items = ["overall", "stage.recommendation", "stage.inspection"]
        let surveys = [
            UnitSurvey(unit: "县财政局", year: 2025, items: ["overall": .init(satisfied: 8, basic: 2), "stage.recommendation": .init(satisfied: 5, basic: 5),
                                                               "stage.inspection": .init(satisfied: 10)]),
            UnitSurvey(unit: "县教育局", year: 2025, items: ["overall": .init(satisfied: 5, basic: 3, dissatisfied: 2), "stage.recommendation": .init(satisfied: 9, dissatisfied: 1)]),
            UnitSurvey(unit: "县档案馆", year: 2025, items: ["overall": .init(unknown: 12)]),
        ]
        let r = try SurveyAnalysis.unitIndices(surveys, items: items)
        #expect(r.map(\.unit) == ["县财政局", "县教育局", "县档案馆"])
        // 县财政局: (920 + 800 + 1000) / 30 = 90.7
        #expect(r[0].index?.text == "90.7" && !r[0].needsRectification && r[0].lowItems == [])
        #expect(r[0].lines.map { $0.index?.text } == ["92.0", "80.0", "100.0"])
        // 县教育局: overall 68.0, recommendation 90.0, inspection none: pooled (680 + 900) / 20 = 79.0 → rectification
        #expect(r[1].index?.text == "79.0" && r[1].needsRectification && r[1].lowItems == ["overall"])
        #expect(r[1].lines[2].index == nil)
        // nobody gave an opinion: no index, not flagged
        #expect(r[2].index == nil && !r[2].needsRectification)
        #expect(throws: InvalidInput.self) { try SurveyAnalysis.unitIndices([UnitSurvey(unit: "x", year: 2025, items: ["overall": .init(basic: -2)])], items: items) }
    }

    @Test("SUR-4 competitive share against 1/3: exactly 1/3 meets, just under does not, nobody promoted has no share")
    func competitive() throws {
        let rows = [PromotionCounts(unit: "A", year: 2025, promoted: 9, competitive: 3),
                    PromotionCounts(unit: "B", year: 2025, promoted: 7, competitive: 2),
                    PromotionCounts(unit: "C", year: 2025, promoted: 10, competitive: 4),
                    PromotionCounts(unit: "D", year: 2025, promoted: 0, competitive: 0),
                    PromotionCounts(unit: "E", year: 2025, promoted: 3000, competitive: 999)]
        let r = try SurveyAnalysis.competitiveShares(rows)
        #expect(r.map(\.meetsTarget) == [true, false, true, nil, false])
        #expect(r.map(\.share.percentText) == ["33.3%", "28.6%", "40.0%", nil, "33.3%"])   // E shows 33.3% but is short of 1/3
        #expect(try SurveyAnalysis.competitiveShares([rows[2]], target: Fraction(1, 2)).first?.meetsTarget == false)
        #expect(throws: InvalidInput.self) { try SurveyAnalysis.competitiveShares([PromotionCounts(unit: "F", year: 2025, promoted: 2, competitive: 3)]) }
        #expect(throws: InvalidInput.self) { try SurveyAnalysis.competitiveShares([PromotionCounts(unit: "G", year: 2025, promoted: -1, competitive: 0)]) }
    }

    @Test("SUR-3 SUR-4 percentages are exact and rounded half-up")
    func percentages() {
        #expect(CountShare(1, of: 8).percentText == "12.5%")
        #expect(CountShare(1, of: 16).percentText == "6.3%")
        #expect(CountShare(2, of: 3).percentText == "66.7%")
        #expect(CountShare(0, of: 0).percentText == nil && !CountShare(0, of: 0).atLeast(Fraction(0, 1)))
        #expect(CountShare(1, of: 3).atLeast(Fraction(1, 3)) && !CountShare(1, of: 3).moreThan(Fraction(1, 3)))
    }
}
