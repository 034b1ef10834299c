import Foundation
import Testing
@testable import SelectionCore

/// EXM-4 recusal before the draw and replacements after a declared conflict; EXM-3 forms and weights; EXM-7 question
/// sets and times.
@Suite("Interview recusal, forms and questions (EXM-3, EXM-4, EXM-7)")
struct InterviewRecusalTests {
    static func judge(_ id: String, _ group: JudgeGroup, outside: Bool = false, familiar: Bool = false, unit: String = "U0",
                      related: [String] = []) -> Judge {
        Judge(id: id, name: "评委\(id)", unitId: outside ? "X-\(id)" : unit, fromOutside: outside, familiarWithBusiness: familiar,
              group: group, relatedTo: related)
    }

    /// Ten judges: three leaders (one related to A2, one of unit U-A1), two outside experts (one familiar), two
    /// personnel, three outside others.
    static let pool: [Judge] = [
        judge("J01", .leader, related: ["A2"]), judge("J02", .leader, unit: "U-A1"), judge("J03", .leader, familiar: true),
        judge("J04", .expert, outside: true, familiar: true), judge("J05", .expert, outside: true),
        judge("J06", .personnel), judge("J07", .personnel),
        judge("J08", .other, outside: true), judge("J09", .other, outside: true), judge("J10", .other, outside: true),
    ]
    static let candidates = [InterviewCandidate(id: "A1", name: "", unitId: "U-A1"), InterviewCandidate(id: "A2", name: "", unitId: "U-A2")]

    @Test("EXM-4 relations are found in both directions by name in the registry's family lists, never on a one-character name")
    func relationsBothWays() {
        #expect(JudgeRecusal.related(("王 伟", []), ("李娜", ["王伟"])))
        #expect(JudgeRecusal.related(("王伟", ["李娜"]), ("李娜", [])))
        #expect(!JudgeRecusal.related(("王伟", ["张三"]), ("李娜", ["赵四"])))
        #expect(!JudgeRecusal.related(("王", []), ("李娜", ["王"])))
    }

    @Test("EXM-4 related and same-unit judges are kept out of the pool before the lot, each with the reason in words and no details")
    func recusedBeforeTheDraw() throws {
        var rules = InterviewPanelRules()
        rules.ownUnitRecuses = true
        let ex = JudgeRecusal.exclusions(pool: Self.pool, candidates: Self.candidates, rules: rules, declared: ["J07"])
        #expect(ex.map(\.judgeId) == ["J01", "J02", "J07"])
        #expect(ex.map(\.reasons) == [[.related], [.sameUnit], [.declared]])
        // the words name neither the candidate nor the relation
        for e in ex { #expect(!e.message(in: .zhHans).contains("A") && !e.message(in: .en).contains("A1") && !e.message(in: .en).contains("A2")) }
        #expect(ex[0].message(in: .zhHans) == "与本职位考生有亲属或其他重要社会关系，回避")
        for seed in UInt64(0) ..< 200 {
            let d = try JudgeRecusal.draw(pool: Self.pool, candidates: Self.candidates, rules: rules, seed: seed, declared: ["J07"])
            #expect(Set(d.judges.map(\.id)).isDisjoint(with: ["J01", "J02", "J07"]))
            #expect(InterviewPanel(positionId: "P", judges: d.judges, rules: rules).problems() == [])
            // the same as drawing on the rest of the pool
            let rest = Self.pool.filter { !["J01", "J02", "J07"].contains($0.id) }
            #expect(d.judges.map(\.id) == (try JudgeDraw.draw(from: rest, rules: rules, seed: seed)).members.map(\.judge.id))
        }
        // without the plan's own-unit rule, J02 stays in the pool
        #expect(JudgeRecusal.exclusions(pool: Self.pool, candidates: Self.candidates, rules: InterviewPanelRules()).map(\.judgeId) == ["J01"])
    }

    @Test("EXM-4 when recusal leaves the pool unable to meet the rules, the draw is refused naming what is missing")
    func refusedAfterRecusal() {
        // both personnel staff related to a candidate: no personnel member left
        var pool = Self.pool
        pool[5].relatedTo = ["A1"]; pool[6].relatedTo = ["A2"]
        #expect(throws: InvalidInput.self) { try JudgeRecusal.draw(pool: pool, candidates: Self.candidates, rules: InterviewPanelRules(), seed: 1) }
        do { _ = try JudgeRecusal.draw(pool: pool, candidates: Self.candidates, rules: InterviewPanelRules(), seed: 1) } catch {
            let zh = error.message(in: .zhHans), en = error.message(in: .en)
            #expect(zh.contains("回避3人后") && zh.contains("组织人事干部"))
            #expect(en.contains("after 3 recused") && en.contains("personnel staff"))
        }
    }

    @Test("EXM-4 a judge who declares a conflict is replaced by lot so that the panel still meets the rules; the seed reproduces it")
    func replacementByLot() throws {
        let rules = InterviewPanelRules()
        let d = try JudgeRecusal.draw(pool: Self.pool, candidates: Self.candidates, rules: rules, seed: 42)
        let personnel = try #require(d.judges.first { $0.group == .personnel && !$0.familiarWithBusiness })
        // a personnel member leaving: only the other personnel member keeps the rules (unless another is on the panel)
        let again = try JudgeRecusal.draw(pool: Self.pool, candidates: Self.candidates, rules: rules, seed: 42, replacements: [(personnel.id, 7)])
        #expect(!again.judges.contains { $0.id == personnel.id })
        #expect(again.judges.count == d.judges.count && !again.short)
        #expect(InterviewPanel(positionId: "P", judges: again.judges, rules: rules).problems() == [])
        #expect(again.replacements.count == 1 && again.replacements[0].left == personnel.id)
        // the replacement takes the seat of the judge who left; everyone else keeps theirs
        let at = d.judges.firstIndex { $0.id == personnel.id }!
        #expect(again.judges.enumerated().allSatisfy { i, j in i == at || j == d.judges[i] })
        #expect(try JudgeRecusal.draw(pool: Self.pool, candidates: Self.candidates, rules: rules, seed: 42, replacements: [(personnel.id, 7)]) == again)
        // nobody left to take the seat: the panel is short and says what it lacks
        let tight = Self.pool.filter { ["J01", "J03", "J04", "J05", "J06", "J08", "J09"].contains($0.id) }
        let t = try JudgeRecusal.draw(pool: tight, candidates: [], rules: rules, seed: 1)
        let s = try JudgeRecusal.draw(pool: tight, candidates: [], rules: rules, seed: 1, replacements: [(t.judges[0].id, nil)])
        #expect(s.short && s.judges.count == 6)
        #expect(JudgeDraw.missing(s.judges, rules: rules, size: 7, language: .zhHans)?.contains("面试小组仅余6人") == true)
    }

    @Test("EXM-4 BAL-2 the pool file keeps recusal, declarations and replacements; old files without them read and draw as before")
    func poolFileRoundTrip() throws {
        var rules = InterviewPanelRules()
        rules.ownUnitRecuses = true
        let file = JudgePoolFile(positionId: "P1", positionName: "副局长", rules: rules, size: nil, judges: Self.pool, candidates: Self.candidates,
                                 recuseBeforeDraw: true, declared: ["J07"], replacements: [.init(judge: "J03", seed: 99)])
        let back = try JudgePoolFile.parse(file.jsonData())
        #expect(back == file)
        let d = try back.draw(seed: 5)
        #expect(d.excluded.map(\.judgeId) == ["J01", "J02", "J07"])
        #expect(d == (try file.draw(seed: 5)))
        // the documented example (no recuseBeforeDraw): the whole pool, as recorded
        let url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/formats/judge-pool-example.json")
        let example = try JudgePoolFile.parse(Data(contentsOf: url))
        #expect(!example.recuseBeforeDraw)
        #expect(try example.draw(seed: 20240601).judges.map(\.id) == ["J05", "J12", "J11", "J10", "J08", "J04", "J01"])
        // an unknown declared judge is named
        var bad = file
        bad.declared = ["J99"]
        #expect(throws: InvalidInput(field: "declared[0]", .notFound("J99"))) { try JudgePoolFile.parse(bad.jsonData()) }
    }

    @Test("EXM-3 forms: weights in whole percent summing to 100, each form once; read from “structured:60,speech:40”")
    func formsAndWeights() throws {
        #expect(try InterviewForms.parse("structured:60,speech:40") == [InterviewFormWeight(.structured, 60), InterviewFormWeight(.speech, 40)])
        #expect(try InterviewForms.parse("结构化面试：50，无领导小组讨论：50") == [InterviewFormWeight(.structured, 50), InterviewFormWeight(.groupDiscussion, 50)])
        #expect(throws: InvalidInput.self) { try InterviewForms.parse("structured:60,speech:30") }
        #expect(throws: InvalidInput.self) { try InterviewForms.parse("structured:50,structured:50") }
        #expect(throws: InvalidInput.self) { try InterviewForms.parse("speech") }
        var r = ScoringRules()
        r.interviewForms = [InterviewFormWeight(.structured, 60), InterviewFormWeight(.speech, 40)]
        r.elements = true
        #expect(throws: InvalidInput.self) { try r.check() }
        r.elements = false
        try r.check()
        #expect(r.describe(in: .zhHans).contains { $0.contains("结构化面试60%、演讲答辩40%") })
        // one form: the interview as it always was
        r.interviewForms = [InterviewFormWeight(.structured, 100)]
        #expect(r.separateForms.isEmpty)
        #expect(ScoringRules().separateForms.isEmpty && ScoringRules().interviewForms == nil)
        for f in InterviewForm.allCases { #expect(InterviewForm(stageID: f.stageID) == f) }
    }

    @Test("EXM-3 the interview score is the weighted combination of the forms' means, exact, rounded half up once")
    func combination() {
        // 0.6 × 85.33 + 0.4 × 78.25 = 51.198 + 31.3 = 82.498 → 82.50
        #expect(InterviewForms.combine([85_3300, 78_2500], weights: [60, 40]) == 82_5000)
        // 0.5 × 80.01 + 0.5 × 80.00 = 80.005 → 80.01 (half up, not to even)
        #expect(InterviewForms.combine([80_0100, 80_0000], weights: [50, 50]) == 80_0100)
        // 1/3 weights: (70 + 80 + 91) × 33.33…% with weights 33,33,34 → (2310 + 2640 + 3094) / 100 = 80.44
        #expect(InterviewForms.combine([70_0000, 80_0000, 91_0000], weights: [33, 33, 34]) == 80_4400)
        // four decimals kept for a judge's own total
        #expect(InterviewForms.combine([85_1234, 78_0001], weights: [60, 40], decimals: 4) == 82_2741)
    }

    @Test("EXM-7 a question set with times: defaults 3 + 7 minutes, a speech at most 15; locked once the position is scored")
    func questionSets() throws {
        let q = QuestionSet(reference: "封-2026-01", titles: ["题一", "题二"])
        #expect(q.problems().isEmpty)
        #expect(q.limits(in: .zhHans) == "自我介绍3分钟，答题7分钟（2题）")
        var s = q
        s.speechMinutes = 16
        #expect(s.problems().map(\.field) == ["speechMinutes"])
        s.speechMinutes = 15
        #expect(s.limits(in: .en) == "self-introduction 3 min, answers 7 min (2 questions); speech at most 15 min")
        #expect(QuestionSet(reference: "", titles: []).problems().map(\.field) == ["reference", "titles"])
        var c = Competition()
        try c.setQuestionSet("p1", q, scored: false)
        #expect(c.questionSets?["p1"] == q)
        #expect(throws: InvalidInput.self) { try c.setQuestionSet("p1", s, scored: true) }
        do { try c.setQuestionSet("p1", s, scored: true) } catch { #expect(error.message(in: .zhHans).contains("已锁定")) }
        #expect(c.questionSets?["p1"] == q)
    }
}
