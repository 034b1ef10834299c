import Foundation
import SelectionCore
import XuanrenStore

/// The competition page's scores: the rules in words and their form (SCR-1…3), the progression (EXM-2, EXM-9), the
/// panels drawn by lot (EXM-4), each position's sheet computed as `xuanren score` computes it, the judges' agreement
/// (EXM-8), and the steps the reader may take.
struct ScoresSection: Encodable {
    struct Option: Encodable { var value: String; var label: String; var selected: Bool }
    struct Panel: Encodable { var post: String; var judges: [String]; var seed: String; var pool: Int; var excluded: [String]; var replacements: [String]; var short: String?; var poolFile: String? }
    struct Questions: Encodable { var post: String; var reference: String; var titles: [String]; var limits: String; var locked: Bool }
    struct Row: Encodable { var id: String; var name: String; var scores: [String]; var composite: String; var rank: String; var status: String; var shortlisted: Bool; var reserve: String? }
    struct Table: Encodable { var post: String; var stages: [String]; var rows: [Row]; var cut: String?; var tiedAtCut: Bool; var sheet: String }
    struct Agreement: Encodable { var post: String; var lines: [String]; var flagged: [String] }
    /// SCR-1, SEL-3, SEL-4: an entered stage score as listed (who, which stage, the score, its reference).
    struct Entry: Encodable { var name: String; var stage: String; var score: String; var reference: String; var by: String }
    var rules: [String]
    var form: [String: String]
    var canSetRules: Bool
    var canPublish: Bool
    var canDrawPanel: Bool
    var positions: [Option]
    var panels: [Panel]
    var questions: [Questions]
    var canSetQuestions: Bool
    var questionsAction: String
    var tables: [Table]
    var candidates: [Option]
    var canMarkAbsent: Bool
    var canShortlist: Bool
    var drawn: Bool
    var agreement: [Agreement]
    var reserveAction: String
    /// The stages an organizer enters, the applicants they are entered for, and those entered so far.
    var enterStages: [Option]
    var enterApplicants: [Option]
    var canEnter: Bool
    var entries: [Entry]
    var enterAction: String
    var interviewHref: String
    var boardHref: String
    var w: [String: String]

    static func make(id: UUID, _ o: CompetitionOverview, results: [(position: MatterPosition, result: ScoreSheetResult)],
                     board: [InterviewCandidateView], agreement: [(post: String, concordance: JudgeConsistency.Concordance?, groups: JudgeConsistency.GroupAgreement?, fits: [JudgeConsistency.JudgeFit], names: [String: String])],
                     entries: [StageScoreEntry] = [], exclusions: [String: String] = [:], lang: Language) -> ScoresSection {
        let w = Words(lang: lang)
        let c = o.competition, r = c.rules
        let running = o.matter.phase == .running
        let stage = o.matter.current
        let registry = Dictionary(o.applicants.filter(\.internalFile).map { ($0.admission ?? "R" + String($0.id.uuidString.prefix(8)), $0.id.uuidString) }, uniquingKeysWith: { a, _ in a })
        let names = Dictionary(o.applicants.map { ($0.admission ?? "R" + String($0.id.uuidString.prefix(8)), $0.name) }, uniquingKeysWith: { a, _ in a })
        func ratio(_ t: Int) -> String { t % 10 == 0 ? "\(t / 10)" : "\(t / 10).\(t % 10)" }
        // what a shortlist means here: the recommendation's nominees (drawn at the interview) or the inspection's
        let forRecommendation = stage == .interview || (stage == .democraticRecommendation)
        // SEL-3: in a 缺位竞岗 the speech puts the candidates to the democratic evaluation
        let toEvaluation = (stage == .interview && o.matter.next == .democraticEvaluation) || stage == .democraticEvaluation
        let statusWords: (ScoreSheetResult.Status) -> String = { s in
            switch s {
            case .excluded: return w("不参加排名", "excluded")
            case .absent(let st): return w("缺考", "absent") + "（\(st == "written" ? w("笔试", "written") : w("面试", "interview"))）"
            case .belowPass: return w("未达合格线", "below the pass mark")
            case .notAdvanced: return w("未入围", "did not go on")
            case .shortlisted: return toEvaluation ? w("进入民主测评", "goes on to the evaluation") : forRecommendation ? w("进入民主推荐", "goes on to the recommendation") : w("入围考察", "shortlisted")
            case .notShortlisted: return toEvaluation ? w("未进入民主测评", "not put to the evaluation") : forRecommendation ? w("未进入民主推荐", "not put to the recommendation") : w("未入围考察", "not shortlisted")
            }
        }
        let tables = results.map { p, res -> Table in
            // with the written exam alone, the table says who goes on to the interview, not a composite or shortlist
            let writtenOnly = res.stages.count == 1 && o.matter.plan.procedure.stages.contains(.interview)
            let advanced = Set(res.stages.first?.advanced ?? [])
            return Table(post: p.post, stages: res.stages.map { st in
                      InterviewForm(stageID: st.stage).map { w("面试：", "Interview: ") + $0.title(in: lang) } ?? CompositePlan.stageTitle(st.stage, o.matter.plan.procedure, in: lang) },
                  rows: res.applicants.sorted { ($0.rank ?? Int.max, $0.applicant) < ($1.rank ?? Int.max, $1.applicant) }.map { a in
                      Row(id: a.applicant, name: names[a.applicant] ?? "", scores: res.stages.map { st in a.stageScores.first { $0.stage == st.stage }.map { res.text($0.score) } ?? "—" },
                          composite: writtenOnly ? "—" : a.composite.map(res.text) ?? "—", rank: writtenOnly ? "—" : a.rank.map(String.init) ?? "—",
                          status: (writtenOnly ? (advanced.contains(a.applicant) ? w("进入面试", "goes on to the interview") : (a.status == .excluded ? statusWords(a.status) : w("未进入面试", "does not go on"))) : statusWords(a.status))
                              + (a.status == .excluded ? exclusions[a.applicant].map { w("：", ": ") + $0 } ?? "" : ""),
                          shortlisted: writtenOnly ? advanced.contains(a.applicant) : a.status == .shortlisted,
                          reserve: o.manages && c.anyDrawn(p.id) && a.composite != nil && a.status != .shortlisted ? registry[a.applicant] : nil)
                  },
                  cut: res.stages.first?.cutScore.map(res.text), tiedAtCut: !writtenOnly && res.tiedAtCut, sheet: CompetitionRoute.sheet(id, position: p.id).path)
        }
        let procedure = o.matter.plan.procedure
        let entered = CompositePlan.fed(procedure).filter(\.entered)
        let qualified = o.applicants.filter { $0.qualified == true && !$0.withdrawn && c.fates[$0.positionID] == nil }
        let posts = Dictionary(o.matter.plan.positions.map { ($0.id, $0.post) }, uniquingKeysWith: { a, _ in a })
        let byID = Dictionary(o.applicants.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // the composite's line names every stage with its weight (SEL-3, SEL-4, SEL-7)
        let rules = CompositePlan.rulesInWords(procedure, o.matter.plan.settings, r, recommendation: Store.recommendationScored(o.matter), in: lang)
        return ScoresSection(
            rules: rules,
            form: ["writtenWeight": "\(r.writtenWeight)", "interviewWeight": "\(r.interviewWeight)", "progressionRatio": ratio(r.progressionRatioTenths),
                   "progressionTop": r.progressionTop.map(String.init) ?? "", "passMark": "\(r.passMark)", "trim": "\(r.trim)",
                   "shortlistRatio": ratio(r.shortlistRatioTenths), "elements": r.elements ? "1" : "",
                   "forms": r.interviewForms.map(InterviewForms.text) ?? "", "ownUnitRecuses": r.ownUnitRecuses(o.matter.plan.procedure.kind) ? "1" : ""],
            canSetRules: o.manages && running && c.sealedAt == nil && [.registration, .qualificationReview, .writtenExam].contains(stage),
            canPublish: o.manages && running && stage == .writtenExam && c.keyOpened != nil && c.progression.isEmpty,
            canDrawPanel: o.manages && running && (stage == .writtenExam || stage == .interview),
            positions: o.matter.plan.positions.filter { c.fates[$0.id] == nil }.map { Option(value: $0.id, label: $0.post, selected: false) },
            panels: o.matter.plan.positions.compactMap { p in c.panels[p.id].map { d in
                Panel(post: p.post, judges: d.judges.map { "\($0.name)（\($0.id)，\($0.group.title(in: lang))\($0.fromOutside ? w("，外单位", ", outside") : "")\($0.familiarWithBusiness ? w("，熟悉业务", ", knows the business") : "")）" },
                      seed: String(d.seed), pool: d.poolSize,
                      // EXM-4: each judge kept out with the reason in words (never which candidate nor how related)
                      excluded: (d.excluded ?? []).map { "\($0.name)（\($0.judgeId)）：\($0.message(in: lang))" },
                      replacements: (d.replacements ?? []).map { r in
                          r.joined.map { w("\(r.left)申报回避，随机抽取\($0)替补（种子 \(r.seed ?? 0)）", "\(r.left) declared a conflict; \($0) drawn by lot in their place (seed \(r.seed ?? 0))") }
                              ?? w("\(r.left)申报回避，考官库中无人可替补", "\(r.left) declared a conflict; nobody in the pool could take the seat")
                      },
                      short: d.short == true ? w("面试小组缺额，须重新抽取：", "The panel is short and must be drawn again: ") + (d.missing(in: lang) ?? "") : nil,
                      poolFile: d.poolFile == nil ? nil : CompetitionRoute.poolFile(id, position: p.id).path)
            } },
            questions: o.matter.plan.positions.compactMap { p in c.questionSets?[p.id].map { q in
                Questions(post: p.post, reference: q.reference, titles: q.titles, limits: q.limits(in: lang), locked: board.contains { $0.positionID == p.id && $0.locked > 0 })
            } },
            canSetQuestions: o.manages && running && [.registration, .qualificationReview, .writtenExam, .interview].contains(stage),
            questionsAction: CompetitionRoute.questions(id).path,
            tables: tables,
            candidates: board.filter { !$0.absent && $0.locked == 0 }.map { Option(value: $0.applicant.uuidString, label: "\($0.post) \($0.number)" + w("号", ""), selected: false) },
            canMarkAbsent: o.manages && running && stage == .interview,
            canShortlist: o.manages && running && (stage == .compositeScore || (stage == .interview && o.matter.next != .compositeScore)) && !o.matter.plan.positions.contains { c.isDrawn($0.id, at: stage!) },
            drawn: !c.drawn.isEmpty,
            agreement: agreement.map { a in
                var lines: [String] = []
                if let k = a.concordance {
                    lines.append(w("肯德尔和谐系数", "Kendall's W") + String(format: " W = %.3f，χ² = %.2f，df = %d，p = %.4f", k.w, k.chiSquare, k.degreesOfFreedom, k.pValue) + w("（\(k.judges)名考官、\(k.candidates.count)名考生）", " (\(k.judges) judges, \(k.candidates.count) candidates)"))
                } else { lines.append(w("评分不足，尚不能计算一致性", "not enough scores for agreement yet")) }
                if let g = a.groups, g.pairs > 0 {
                    lines.append(w("领导考官与其他考官排序一致率", "Leaders vs other judges: same order in ") + "\(g.concordant)/\(g.pairs)" + (g.spearman.map { String(format: w("，斯皮尔曼ρ = %.3f", ", Spearman ρ = %.3f"), $0) } ?? ""))
                }
                // no judge is flagged before there are scores enough to compare (EXM-8: every judge read "low agreement"
                // on an empty panel)
                return Agreement(post: a.post, lines: lines, flagged: a.concordance == nil ? [] : a.fits.filter(\.flagged).map { f in
                    (a.names[f.judge] ?? f.judge) + (f.lowCorrelation ? w("：与其他考官排序相关性低", ": low agreement with the others") : "") + (f.outlier ? w("：评分明显偏严或偏宽", ": markedly harsher or more lenient") : "")
                })
            },
            reserveAction: CompetitionRoute.reserve(id).path,
            enterStages: entered.map { Option(value: $0.rawValue, label: $0.title(in: lang) + "（\($0.rule)）", selected: false) },
            enterApplicants: qualified.map { Option(value: $0.id.uuidString, label: "\(posts[$0.positionID] ?? "") \($0.name)" + ($0.admission.map { "（\($0)）" } ?? ""), selected: false) },
            canEnter: o.manages && running && !entered.isEmpty && [.interview, .democraticEvaluation, .compositeScore].contains(stage)
                && !o.matter.plan.positions.contains { c.isDrawn($0.id, at: .compositeScore) },
            entries: entries.map { e in
                Entry(name: byID[e.applicant].map { "\(posts[$0.positionID] ?? "") \($0.name)" } ?? e.applicant.uuidString, stage: e.stage.title(in: lang),
                      score: Decimal4.text(e.score, decimals: e.score % 100 == 0 ? 2 : 4), reference: e.reference, by: o.people[e.by] ?? e.by)
            },
            enterAction: CompetitionRoute.stageScore(id).path,
            interviewHref: CompetitionRoute.interview(id).path, boardHref: CompetitionRoute.board(id).path,
            w: [
                "title": w("计分、面试和人选", "Scores, interview and candidates"), "rules": w("计分规则", "Scoring rules"),
                "writtenWeight": w("笔试权重", "Written weight"), "interviewWeight": w("面试权重", "Interview weight"),
                "progressionRatio": w("进入面试比例（人/职数）", "Interview ratio (per post)"), "progressionTop": w("或每职位前N名（留空按比例）", "or the top N per position (blank: by ratio)"),
                "passMark": w("笔试合格线", "Written pass mark"), "trim": w("面试去掉最高、最低分各几个", "Interview: highest and lowest dropped, each"),
                "elements": w("按八个要素评分（140分）", "Score the eight elements (140 points)"), "shortlistRatio": w("考察人选比例（人/职数）", "Shortlist ratio (per post)"),
                "tieBreak": w("同分比较顺序", "Ties compared by"), "interviewFirst": w("先比面试，再比笔试", "interview, then written"), "writtenFirst": w("先比笔试，再比面试", "written, then interview"), "save": w("保存", "Save"),
                "publish": w("计算并公布入围面试名单和最低分", "Compute and publish those going on and the lowest score"),
                "panel": w("随机抽取面试考官组", "Draw an interview panel by lot"),
                "pool": w("考官库（每行：账号,姓名,外单位1/0,熟悉业务1/0,类别 leader/expert/personnel/trainee/other[,干部档案编号或身份证号]）。与本职位考生有亲属或重要社会关系（按干部档案家庭成员及重要社会关系核对，双向）的考官在抽签前回避；关联了干部档案的考官按方案还回避考生所在单位",
                          "Pool (one per line: account,name,outside 1/0,knows the business 1/0,group leader/expert/personnel/trainee/other[,registry file id or identity number]). Judges related to a candidate of the position (the registry's family and important social relations, both ways) are recused before the draw; judges linked to a registry file also from a candidate's own unit when the plan says so"),
                "forms": w("面试形式及权重（如 structured:60,speech:40；留空为一种面试形式）：structured 结构化面试、semi-structured 半结构化面试、speech 演讲答辩、in-basket 公文筐测验、group-discussion 无领导小组讨论",
                           "Interview forms and weights (e.g. structured:60,speech:40; blank: one form): structured, semi-structured, speech (and defence), in-basket, group-discussion"),
                "ownUnitRecuses": w("考生所在单位的考官回避（竞争上岗默认）", "Judges from a candidate's own unit recuse (default for 竞争上岗)"),
                "excluded": w("抽签前回避", "Recused before the draw"), "poolFile": w("下载考官库文件（xuanren.judge-pool/1，可用 xuanren draw --panel 按种子复核）", "Download the pool file (xuanren.judge-pool/1: re-run with xuanren draw --panel and the seed)"),
                "questions": w("面试题本和时间", "Interview questions and times"), "setReference": w("题本编号（封存）", "Sealed set reference"),
                "titles": w("题目标题（每行一题；不向考生公开）", "Question titles (one a line; not shown to candidates)"),
                "introMinutes": w("自我介绍（分钟）", "Self-introduction (minutes)"), "answerMinutes": w("答题（分钟）", "Answers (minutes)"),
                "speechMinutes": w("演讲（分钟，不超过15；无演讲留空）", "Speech (minutes, at most 15; blank: none)"),
                "locked": w("已开始评分，已锁定", "scoring has begun: locked"),
                "seed": w("随机种子（留空自动生成并记录）", "Seed (blank: a new one, recorded)"), "draw": w("抽取", "Draw"),
                "panels": w("面试考官组", "Interview panels"), "seedIs": w("种子", "seed"), "poolOf": w("考官库人数", "pool"),
                "absent": w("登记面试缺考", "Record an interview absence"), "results": w("成绩", "Scores"), "id": w("准考证号", "Admission"), "name": w("姓名", "Name"),
                "composite": w("综合成绩", "Composite"), "rank": w("排名", "Rank"), "status": w("结果", "Outcome"), "cut": w("入围面试最低分", "Lowest score that went on"),
                "tied": w("末位同分，同分者一并列入，须由党委（党组）研究决定", "Tied at the cut: all are listed; the committee decides"),
                "sheet": w("下载成绩表（xuanren.scores/1，可用 xuanren score 复算）", "Download the sheet (xuanren.scores/1, recompute with xuanren score)"),
                "shortlist": w("按综合成绩确定人选", "Draw the candidates from the scores"),
                "shortlistConfirm": w("人选确定后不能更改。确认成绩已全部锁定？", "The candidates cannot change afterwards. Every score is locked?"),
                "interview": w("考官评分页", "Judges' page"), "board": w("现场亮分大屏", "Score board"),
                "enter": w("录入其他环节得分（党组成员评分、平时考核、两代表一委员评议、考察得分）", "Enter other stage scores (party group, regular assessment, rating panel, inspection)"),
                "enterHelp": w("按签名的评分材料逐人录入，满分100分，注明文号或会议记录；录入即锁定，不能修改。", "Enter each candidate's score out of 100 from the signed papers, with their reference; locked on entry."),
                "stage": w("环节", "Stage"), "applicant": w("人选", "Candidate"), "score": w("得分（满分100）", "Score (of 100)"),
                "reference": w("评分依据（文号、会议记录）", "Reference (document, minutes)"), "entries": w("已录入的得分", "Scores entered"), "by": w("录入人", "Entered by"),
                "agreement": w("考官评分一致性", "Judges' agreement"), "reserve": w("推荐进入后备干部库", "Propose to the reserve pool"), "flagged": w("请监督人员关注", "For the supervisors' attention"),
            ])
    }
}
