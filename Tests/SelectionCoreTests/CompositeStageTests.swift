import Foundation
import Testing
@testable import SelectionCore

/// The composite's stages fed by ballots or entered by people other than the interview panel (SCR-1, SEL-3, SEL-4,
/// SEL-7, BAL-3, BAL-6): which stages each procedure holds, their weights as settings, the evaluation's exact score and
/// the popular veto, and a 缺位竞岗 sheet computed with them.
@Suite("Composite stages")
struct CompositeStageTests {
    typealias S = ScoreSheet
    func d(_ s: String) -> ScoreDecimal { ScoreDecimal(s)! }

    @Test("SEL-3 缺位竞岗: speech 20, evaluation 30, party group 30, regular assessment 20 by default, each a setting")
    func vacancyStages() throws {
        let p = Procedure(.vacancyCompetition)
        let s = MatterSettings()
        #expect(CompositePlan.fed(p) == [.evaluation, .partyGroup, .assessment])
        #expect(CompositePlan.interviewWeight(p, s, ScoringRules()) == 20)
        #expect(CompositePlan.fed(p).map { $0.weight(s) } == [30, 30, 20])
        #expect(CompositePlan.interviewName(p) == "竞岗演讲")
        var t = s
        t.weightSpeech = 25; t.weightPartyGroup = 25
        #expect(CompositePlan.interviewWeight(p, t, ScoringRules()) == 25 && FedStage.partyGroup.weight(t) == 25)
        // the words on the public page name every stage with its weight and the evaluation's mapping
        let words = CompositePlan.describe(p, s, ScoringRules(), recommendation: false, in: .zhHans)
        #expect(words.hasPrefix("综合成绩 = 竞岗演讲×20 + 民主测评×30 + 党组成员评分×30 + 平时考核×20，除以权重之和"))
        #expect(words.contains("优秀100分、称职80分、基本称职60分、不称职0分") && words.contains("低于80%的民意否决"))
        // no written stage: the progression line is left out
        #expect(CompositePlan.rulesInWords(p, s, ScoringRules(), recommendation: false, in: .en).count == 3)
    }

    @Test("SEL-4 公推公选: written, interview, rating panel and inspection score; other procedures feed nothing but an evaluation before the composite")
    func otherProcedures() throws {
        let s = MatterSettings()
        #expect(CompositePlan.fed(Procedure(.publicRecommendation)) == [.rating, .inspection])
        #expect(FedStage.rating.weight(s) == 20 && FedStage.inspection.weight(s) == 20)
        #expect(CompositePlan.interviewWeight(Procedure(.publicRecommendation), s, ScoringRules()) == 60)
        #expect(CompositePlan.fed(Procedure(.openSelection)).isEmpty)
        #expect(CompositePlan.fed(Procedure(.internalCompetition)).isEmpty)
        let custom = try Procedure.custom([.registration, .qualificationReview, .writtenExam, .interview, .democraticEvaluation, .compositeScore,
                                           .inspection, .committeeDecision, .publicity, .appointment])
        #expect(CompositePlan.fed(custom) == [.evaluation])
        // an evaluation with no composite after it (inspection work) enters no composite
        let none = try Procedure.custom([.registration, .qualificationReview, .interview, .democraticEvaluation,
                                         .inspection, .committeeDecision, .publicity, .appointment])
        #expect(CompositePlan.fed(none).isEmpty)
        #expect(FedStage.allCases.filter(\.entered) == [.partyGroup, .assessment, .rating, .inspection])
    }

    @Test("BAL-3 SCR-1 the evaluation's score: points per grade over the graded votes, exact, rounded half up to 4 decimals")
    func evaluationScore() {
        let s = MatterSettings()
        #expect(EvaluationCount(excellent: 6, competent: 3, basic: 1, incompetent: 0).stageScore(s) == 90_0000)
        #expect(EvaluationCount(excellent: 1, competent: 1, basic: 1, incompetent: 0).stageScore(s) == 80_0000)
        // 200 / 3 = 66.666… → 66.6667
        #expect(EvaluationCount(excellent: 2, competent: 0, basic: 0, incompetent: 1).stageScore(s) == 66_6667)
        // a half at the fifth place rounds up: 1 / 32 = 0.03125 → 0.0313 with 优秀 = 1 point
        var one = MatterSettings()
        one.pointsExcellent = 1; one.pointsCompetent = 0; one.pointsBasic = 0; one.pointsIncompetent = 0
        #expect(EvaluationCount(excellent: 1, competent: 0, basic: 0, incompetent: 31).stageScore(one) == 313)
        #expect(EvaluationCount(excellent: 0, competent: 0, basic: 0, incompetent: 0).stageScore(s) == nil)
        // the plan's points change the score
        var other = MatterSettings()
        other.pointsCompetent = 90
        #expect(EvaluationCount(excellent: 6, competent: 3, basic: 1, incompetent: 0).stageScore(other) == 93_0000)
    }

    @Test("BAL-6 popular veto: consent (优秀 and 称职) below the plan's share excludes with the reason; at the share it passes")
    func veto() throws {
        let s = MatterSettings()
        let vetoed = try #require(EvaluationCount(excellent: 5, competent: 2, basic: 2, incompetent: 1).veto(s))
        #expect(vetoed.rule == "BAL-6")
        #expect(vetoed.zh == "民主测评认可票（优秀、称职）7/10，低于80%，民意否决")
        #expect(EvaluationCount(excellent: 5, competent: 3, basic: 1, incompetent: 1).veto(s) == nil)
        var lower = s
        lower.vetoPercent = 70
        #expect(EvaluationCount(excellent: 5, competent: 2, basic: 2, incompetent: 1).veto(lower) == nil)
        #expect(EvaluationCount(excellent: 0, competent: 0, basic: 0, incompetent: 0).veto(s)?.rule == "BAL-3")
    }

    @Test("SEL-3 SCR-1 SCR-2 a 缺位竞岗 sheet: speech panel, evaluation, party group and assessment composed by weight; the vetoed one listed, never ranked")
    func vacancySheet() throws {
        let s = MatterSettings()
        let p = Procedure(.vacancyCompetition)
        var stages = [S.Stage(id: "interview", name: "竞岗演讲", max: d("100"), weight: ScoreDecimal(CompositePlan.interviewWeight(p, s, ScoringRules())), scoring: .panel(trim: 1, elements: []))]
        for f in CompositePlan.fed(p) { stages.append(S.Stage(id: f.id, name: f.title(in: .zhHans), max: ScoreDecimal(FedStage.max), weight: ScoreDecimal(f.weight(s)), scoring: .single)) }
        func panel(_ xs: [String]) -> S.EntryValue { .panel(xs.enumerated().map { S.JudgeScore(judge: "j\($0.offset)", score: d($0.element)) }) }
        let counts = [EvaluationCount(excellent: 8, competent: 2, basic: 0, incompetent: 0), EvaluationCount(excellent: 5, competent: 4, basic: 1, incompetent: 0),
                      EvaluationCount(excellent: 3, competent: 4, basic: 2, incompetent: 1)]
        var applicants: [S.Applicant] = []
        for (i, (speech, party, assess)) in [(["70", "80", "82", "84", "90"], "85", "95"), (["88", "90", "90", "90", "99"], "80", "90"), (["95", "95", "95", "95", "95"], "99", "99")].enumerated() {
            if let veto = counts[i].veto(s) {
                applicants.append(S.Applicant(id: "a\(i + 1)", name: "", excluded: "\(veto.zh)（\(veto.rule)）", scores: []))
                continue
            }
            applicants.append(S.Applicant(id: "a\(i + 1)", name: "", scores: [.init(stage: "interview", panel(speech)),
                .init(stage: "evaluation", .score(ScoreDecimal(scaled: counts[i].stageScore(s)!))), .init(stage: "party-group", .score(d(party))), .init(stage: "assessment", .score(d(assess)))]))
        }
        let sheet = S(position: .init(id: "p1", name: "办公室主任", posts: 1), stages: stages, tieBreak: [], shortlist: .top(1), applicants: applicants)
        let r = try sheet.compute()
        // a1: speech (80+82+84)/3 = 82, evaluation (800+160)/10 = 96 → (82·20 + 96·30 + 85·30 + 95·20) / 100 = 89.70
        // a2: speech 90, evaluation (500+320+60)/10 = 88 → (1800 + 2640 + 2400 + 1800) / 100 = 86.40
        #expect(r.applicant("a1")?.composite.map(r.text) == "89.70")
        #expect(r.applicant("a2")?.composite.map(r.text) == "86.40")
        #expect(r.applicant("a1")?.rank == 1 && r.applicant("a2")?.rank == 2)
        #expect(r.applicant("a3")?.status == .excluded && r.applicant("a3")?.rank == nil)
        #expect(r.shortlist == ["a1"])
        // the sheet round-trips through the published format with the exclusion's words
        let again = try S.parse(bytes: Array(sheet.jsonData()))
        #expect(try again.compute() == r)
        #expect(again.applicants[2].excluded == "民主测评认可票（优秀、称职）7/10，低于80%，民意否决（BAL-6）")
    }

    @Test("SEL-7 EXM-2 训练班: the wide round sends the fine round's size (16 by default, a setting) on to the mock interviews, ties at the cut kept")
    func trainingCut() throws {
        var s = MatterSettings()
        let p = Procedure(.trainingClass)
        #expect(CompositePlan.progressionTop(p, s, ScoringRules()) == 16)
        var r = ScoringRules()
        r.progressionTop = 10
        #expect(CompositePlan.progressionTop(p, s, r) == 10)
        #expect(CompositePlan.progressionTop(Procedure(.openSelection), s, ScoringRules()) == nil)
        s.fineRound = 12
        #expect(CompositePlan.progressionTop(p, s, ScoringRules()) == 12)
        #expect(CompositePlan.interviewName(p) == "模拟面试")
        // 20 trainees scored 61…80 in the wide round; the 12th and 13th tie at 69
        let scores = (1 ... 20).map { $0 == 8 ? 69 : 60 + $0 }
        let stages = [S.Stage(id: "written", name: "宽选", max: d("100"), weight: d("1"), scoring: .single, advance: .init(cut: .top(CompositePlan.progressionTop(p, s, ScoringRules())!))),
                      S.Stage(id: "interview", name: "模拟面试", max: d("100"), weight: d("1"), scoring: .panel(trim: 0, elements: []))]
        let sheet = S(position: .init(id: "p", name: "训练班", posts: 4), stages: stages, tieBreak: [], shortlist: .top(4),
                      applicants: scores.enumerated().map { i, x in
                          S.Applicant(id: String(format: "t%02d", i + 1), name: "", scores: [.init(stage: "written", .score(ScoreDecimal(x)))]
                              + (x >= 69 ? [.init(stage: "interview", .panel([S.JudgeScore(judge: "leader", score: d("80")), S.JudgeScore(judge: "trainee", score: d("82"))]))] : []))
                      })
        let result = try sheet.compute()
        #expect(result.stages[0].advanced.count == 13)
        #expect(result.stages[0].cutScore.map(result.text) == "69.00")
    }

    @Test("SCR-1 the new figures are settings with the seeds' defaults; a plan stored before them reads with the defaults and hashes the same")
    func settingsCompatible() throws {
        let s = MatterSettings()
        #expect(s.weightRating == 20 && s.weightInspection == 20 && s.fineRound == 16 && s.evaluationPoints == [100, 80, 60, 0])
        let data = try JSONEncoder().encode(s)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("weightRating") && !text.contains("evaluationPoints") && !text.contains("fineRound"))
        #expect(try JSONDecoder().decode(MatterSettings.self, from: data) == s)
        var t = s
        t.pointsBasic = 50; t.weightRating = 10
        let back = try JSONDecoder().decode(MatterSettings.self, from: JSONEncoder().encode(t))
        #expect(back.pointsBasic == 50 && back.weightRating == 10 && back.evaluationPoints == [100, 80, 50, 0])
        var bad = s
        bad.pointsIncompetent = 70
        #expect(throws: InvalidInput.self) { try bad.check() }
        #expect(MatterSettings.fields.contains { $0.key == "pointsExcellent" && $0.rule == "BAL-3" })
        #expect(MatterSettings.fields.contains { $0.key == "fineRound" && $0.rule == "SEL-7" })
    }
}
