import Foundation
import SelectionCore
import XuanrenStore

/// Words of the competition pages in the reader's language.
struct Words {
    var lang: Language
    func callAsFunction(_ zh: String, _ en: String) -> String { lang == .zhHans ? zh : en }
}

/// The organizers' and supervisors' page of a competitive matter: registration and its counts (ELG-8), the
/// applicants with their review in words (ELG-6) and their units' confirmations (ELG-9), the opening ratio (ELG-7)
/// and the sealed written exam (EXM-1).
struct CompetitionPage: Encodable {
    struct Said: Encodable { var text: String; var rule: String }
    struct Count: Encodable { var post: String; var posts: Int; var registered: Int; var qualified: Int; var needed: Int; var fate: String?; var below: Bool; var id: String }
    struct Check: Encodable { var text: String; var passed: Bool }
    struct Applicant: Encodable {
        var id: String; var name: String; var resident: String; var position: String; var channel: String; var unit: String; var origin: String
        var confirmed: String?; var checks: [Check]; var status: String; var qualified: Bool?; var override: String?
        var admission: String?; var seat: String?; var withdrawn: Bool
        var canOverride: Bool; var canConfirm: Bool; var needsNote: Bool; var canSwitch: Bool
        var links: Links
        struct Links: Encodable { var override, confirm, switchPosition: String }
    }
    struct Option: Encodable { var value: String; var label: String }
    var w: [String: String]
    var matter: String; var unit: String; var stage: String; var waiting: [Said]
    var window: String?; var registrationOpen: Bool; var canOpen: Bool; var defaultCloses: String
    var counts: [Count]; var ratio: Int
    var applicants: [Applicant]; var positions: [Option]
    var inRegistration: Bool; var inReview: Bool; var inExam: Bool
    var manages: Bool; var supervises: Bool
    var canReview: Bool; var belowRatio: [Option]
    var sealed: Bool; var canSeal: Bool; var examRules: String?; var papers: Int; var graded: Int; var keyOpened: String?
    var canOpenKey: Bool; var canImport: Bool
    var scores: ScoresSection?
    var links: Links
    struct Links: Encodable { var matter, open, review, fate, seal, absent, importScores, openKey, tickets, apply, scoring, progression, panel, interviewAbsent, shortlist: String }

    static func make(id: UUID, _ o: CompetitionOverview, lang: Language, today: CivilDay, scores: ScoresSection? = nil) -> CompetitionPage {
        let w = Words(lang: lang)
        let m = o.matter
        let running = m.phase == .running
        let stage = m.current
        let posts = Dictionary(uniqueKeysWithValues: m.plan.positions.map { ($0.id, $0.post) })
        let c = o.competition
        let applicants = o.applicants.map { a -> Applicant in
            var status = w("待审查", "not reviewed")
            if a.withdrawn { status = w("已退出", "withdrawn") } else if let q = a.qualified { status = q ? w("资格审查合格", "qualified") : w("资格审查不合格", "not qualified") }
            let checks = (a.review ?? []).map { Check(text: $0.text(in: lang), passed: $0.passed) }
            return Applicant(
                id: a.id.uuidString, name: a.name, resident: a.residentMasked, position: posts[a.positionID] ?? a.positionID, channel: a.channel.title(in: lang),
                unit: a.unitName, origin: a.internalFile ? w("档案内", "on the registry") : w("外部", "outside"),
                confirmed: a.confirmed.map { w("已确认", "confirmed") + "（\(o.people[$0.by] ?? $0.by)" + ($0.note.isEmpty ? "" : "：\($0.note)") + "）" },
                checks: checks, status: status, qualified: a.qualified,
                override: a.override.map { ($0.qualified ? w("改为合格", "changed to qualified") : w("改为不合格", "changed to not qualified")) + "：\($0.reason)（\($0.by)）" },
                admission: a.admission, seat: a.room.map { "\($0) · \(a.seat ?? 0)" + w("号", "") }, withdrawn: a.withdrawn,
                canOverride: o.manages && running && stage == .qualificationReview && a.review != nil && !a.withdrawn,
                canConfirm: (o.manages || o.confirmsFor.contains(a.id)) && running && (stage == .registration || stage == .qualificationReview) && a.confirmed == nil && !a.withdrawn,
                needsNote: !a.internalFile,
                canSwitch: o.manages && running && stage == .registration && o.registrationOpen && !a.withdrawn,
                links: .init(override: CompetitionRoute.override(id, applicant: a.id).path, confirm: CompetitionRoute.confirm(id, applicant: a.id).path,
                             switchPosition: CompetitionRoute.switchPosition(id, applicant: a.id).path))
        }
        let counts = o.counts.map {
            Count(post: $0.position.post, posts: $0.position.posts, registered: $0.registered, qualified: $0.qualified, needed: $0.needed,
                  fate: $0.fate.map { f in f.title(in: lang) + "：\(f.reason)" + (f.approval.isEmpty ? "" : "（\(f.approval)）") }, below: $0.belowRatio, id: $0.position.id)
        }
        let graded = o.grading.filter { g in c.exam.map { g.final($0) != nil } ?? false }.count
        let closes = CivilTime.shanghai(Int64(today.adding(days: 10).daysSinceEpoch) * 86_400 + 9 * 3600).prefix(10) + " 17:00"
        return CompetitionPage(
            w: words(w),
            matter: m.title, unit: o.unitName, stage: stage?.title(in: lang) ?? m.phase.rawValue,
            waiting: o.waiting.map { Said(text: $0.text(in: lang), rule: $0.rule) },
            window: c.closes.map { w("报名时间：", "Registration: ") + CivilTime.shanghai(c.opens ?? $0) + " — " + CivilTime.shanghai($0) + w("（北京时间，截止时刻起不再受理）", " (Beijing time; refused from the closing second)") },
            registrationOpen: o.registrationOpen, canOpen: o.manages && running && stage == .registration && c.closes == nil,
            defaultCloses: String(closes),
            counts: counts, ratio: o.ratio, applicants: applicants,
            positions: m.plan.positions.filter { c.fates[$0.id] == nil }.map { Option(value: $0.id, label: $0.post) },
            inRegistration: stage == .registration, inReview: stage == .qualificationReview, inExam: stage == .writtenExam,
            manages: o.manages, supervises: o.supervises,
            canReview: o.manages && running && stage == .qualificationReview,
            belowRatio: o.manages && running && stage == .qualificationReview ? counts.filter { $0.below && $0.fate == nil }.map { Option(value: $0.id, label: $0.post) } : [],
            sealed: c.sealedAt != nil, canSeal: o.manages && running && stage == .writtenExam && c.sealedAt == nil,
            examRules: c.exam.map { r in w("满分", "Full marks ") + Decimal4.text(r.maxScore, decimals: 0) + (r.doubleGrading ? w("；双评，分差超过", "; double grading, arbitration beyond ") + Decimal4.text(r.margin) + w("分由第三人仲裁", " points") : w("；单评", "; single grading")) },
            papers: o.grading.count, graded: graded,
            keyOpened: c.keyOpened.map { w("已由", "Opened by ") + (o.people[$0.by] ?? $0.by) + w("于", " at ") + CivilTime.shanghai($0.at) + w("确认拆封", "") },
            canOpenKey: o.supervises && running && stage == .writtenExam && c.sealedAt != nil && c.keyOpened == nil,
            canImport: o.manages && running && stage == .writtenExam && c.sealedAt != nil && c.keyOpened == nil,
            scores: scores,
            links: .init(matter: MatterRoute.show(id).path, open: CompetitionRoute.open(id).path, review: CompetitionRoute.review(id).path,
                         fate: CompetitionRoute.fate(id).path, seal: CompetitionRoute.seal(id).path, absent: CompetitionRoute.absent(id).path,
                         importScores: CompetitionRoute.importScores(id).path, openKey: CompetitionRoute.openKey(id).path,
                         tickets: CompetitionRoute.tickets(id).path, apply: CompetitionRoute.apply(id).path, scoring: CompetitionRoute.scoring(id).path,
                         progression: CompetitionRoute.progression(id).path, panel: CompetitionRoute.panel(id).path,
                         interviewAbsent: CompetitionRoute.interviewAbsent(id).path, shortlist: CompetitionRoute.shortlist(id).path))
    }

    /// The page's fixed words.
    static func words(_ w: Words) -> [String: String] {
        [
            "back": w("返回选任事项", "Back to the matter"), "stage": w("当前环节", "Current stage"), "waiting": w("进入下一环节前还需", "Before the next stage"),
            "registration": w("报名", "Registration"), "open": w("开放报名", "Open registration"), "closes": w("截止时间（北京时间）", "Closes at (Beijing time)"),
            "publicForm": w("公开报名页（含各职位实时报名人数）", "Public registration page (with live counts per position)"),
            "counts": w("各职位报名和审查人数", "Registrations and reviews per position"), "post": w("职位", "Position"), "posts": w("职数", "Posts"),
            "registered": w("报名", "Registered"), "qualified": w("审查合格", "Qualified"), "needed": w("开考所需", "Needed to open"), "fate": w("处理", "Decision"),
            "applicants": w("报名人", "Applicants"), "name": w("姓名", "Name"), "resident": w("身份证号", "Identity number"), "channel": w("报名方式", "Channel"),
            "unit": w("单位", "Unit"), "confirmation": w("单位确认", "Unit's confirmation"), "review": w("资格审查", "Review"), "status": w("结论", "Outcome"),
            "none": w("还没有人报名。", "Nobody has registered yet."), "confirm": w("确认报名表", "Confirm the form"),
            "note": w("所在单位盖章的报名表（文号或收件日期）", "The unit's stamped form (reference or date received)"),
            "switchTo": w("改报职位", "Switch to"), "switch": w("改报", "Switch"),
            "override": w("复核结论（须写明理由）", "Change the outcome (with the reason)"), "makeQualified": w("改为合格", "Qualified"), "makeUnqualified": w("改为不合格", "Not qualified"),
            "reason": w("理由", "Reason"), "save": w("保存", "Save"), "runReview": w("按任职条件审查全部未审查的报名人", "Review every applicant not yet reviewed against the conditions"),
            "ratioTitle": w("未达到开考比例的职位", "Positions below the opening ratio"),
            "ratioHelp": w("可取消该职位，或经批准改用其他方式；报名期间也可请报名人改报其他职位。", "Drop the position, or move it to another method with approval; while registration is open its applicants may switch."),
            "drop": w("取消该职位", "Drop the position"), "move": w("经批准改用其他方式", "Move to another method with approval"), "approval": w("批准文件", "Approval"),
            "exam": w("笔试（密封评卷）", "Written exam (sealed grading)"),
            "sealHelp": w("密封编号后，每名审查合格的报名人获得准考证号和考场座位，试卷以随机密号登记；评卷人只看到密号。全部分数锁定后由纪检监察人员确认拆封。", "Sealing gives every qualified applicant an admission number, room and seat, and each paper a random code; graders see codes only. Once every score is locked a supervisor opens the key."),
            "rooms": w("考场（每行：名称,座位数）", "Rooms (one per line: name,seats)"), "prefix": w("准考证号前缀（数字）", "Admission number prefix (digits)"),
            "maxScore": w("满分", "Full marks"), "double": w("双评（两人评阅，分差超过下值由第三人仲裁）", "Double grading (two graders; beyond the margin a third arbitrates)"),
            "margin": w("双评分差", "Double-grading margin"), "seal": w("密封编号并安排考场", "Seal and assign seats"),
            "tickets": w("打印准考证（A4）", "Print admission tickets (A4)"), "papers": w("试卷", "Papers"), "graded": w("已评定", "graded"),
            "absent": w("登记缺考（准考证号）", "Record an absence (admission number)"), "admission": w("准考证号", "Admission number"),
            "import": w("导入考试机构成绩（每行：准考证号,分数；缺考写“缺考”）", "Import exam-centre scores (one per line: admission,score; “absent” for absence)"),
            "importButton": w("导入", "Import"), "openKey": w("确认拆封密号", "Open the code key"),
            "openKeyConfirm": w("拆封后分数不能再录入或更改。确认全部分数已锁定？", "After opening, no score can be entered or changed. Every score is locked?"),
            "seat": w("考场座位", "Room and seat"),
        ]
    }
}

/// The public registration page: the plan's positions and conditions, live counts (ELG-8) and the form.
struct ApplyPage: Encodable {
    struct Position: Encodable { var id: String; var post: String; var unit: String; var posts: Int; var registered: Int; var conditions: [String] }
    struct Option: Encodable { var value: String; var label: String; var selected: Bool }
    var w: [String: String]
    var matter: String; var procedure: String; var window: String?; var open: Bool; var external: Bool
    var positions: [Position]; var grades: [Option]; var educations: [Option]; var channels: [Option]
    var form: [String: String]; var done: String?; var discipline: String
    /// DIS-3: the open pledge campaign's rules for the matter's unit (nil when none is open).
    var pledgeRules: String?; var pledgeCampaign: String?
    var action: String; var lookup: String
    /// ELG-8, EXM-9: the applicant's sign-in page.
    var signIn: String
    var rules: [String]
    struct Result: Encodable {
        var post: String; var advanced: [String]; var cut: String?; var published: String?
        var rows: [Row]; var stages: [String]; var tiedAtCut: Bool
        struct Row: Encodable { var id: String; var scores: [String]; var composite: String; var rank: String; var status: String; var chosen: Bool }
    }
    var results: [Result]?

    static func make(id: UUID, _ r: (matter: Matter, competition: Competition, counts: [PositionCount]), open: Bool, external: Bool,
                     ladder: RankLadder, lang: Language, form: [String: String], done: String?, published: [PublishedResults]?) -> ApplyPage {
        let w = Words(lang: lang)
        let c = r.competition
        let statusWords = ["shortlisted": w("入围考察", "shortlisted"), "not-shortlisted": w("未入围考察", "not shortlisted"), "excluded": w("不参加排名", "excluded")]
        let results = published.map { list in list.map { p -> Result in
            let stages = p.rows.first.map { _ in (["written", "interview", "recommendation"] + FedStage.allCases.map(\.id)).filter { st in p.rows.contains { $0.scores[st] != nil } } } ?? []
            return Result(post: p.post, advanced: p.progression?.advanced ?? [], cut: p.progression?.cutScore,
                          published: p.progression.map { CivilTime.shanghai($0.publishedAt) },
                          rows: p.rows.map { row in
                              Result.Row(id: row.id, scores: stages.map { row.scores[$0] ?? "—" }, composite: row.composite ?? "—", rank: row.rank.map(String.init) ?? "—",
                                         status: statusWords[row.status] ?? (row.status.hasPrefix("absent") ? w("缺考", "absent") : row.status.hasPrefix("below") ? w("未达合格线", "below the pass mark") : w("未入围", "did not go on")),
                                         chosen: row.status == "shortlisted")
                          },
                          stages: stages.map { CompositePlan.stageTitle($0, r.matter.plan.procedure, in: lang) }, tiedAtCut: p.tiedAtCut)
        } }
        return ApplyPage(
            w: [
                "positions": w("职位和报名人数（实时）", "Positions and registrations (live)"), "post": w("职位", "Position"), "posts": w("职数", "Posts"),
                "registered": w("已报名", "Registered"), "conditions": w("任职条件", "Conditions"),
                "form": w("报名", "Register"), "resident": w("身份证号码", "Identity number"),
                "residentHelp": w("档案内干部只需填写身份证号码，其余信息取自干部档案。", "People on the registry need only their identity number; the rest comes from their file."),
                "name": w("姓名", "Name"), "phone": w("联系电话", "Phone"), "party": w("中共党员", "Party member"),
                "workStart": w("参加工作时间（年-月）", "Work start (year-month)"), "fullTime": w("全日制学历", "Full-time education"),
                "inService": w("在职学历", "In-service education"), "grade": w("现职级", "Current rank"), "gradeSince": w("任现职级时间（年-月）", "In this rank since (year-month)"),
                "unit": w("现工作单位", "Current unit"), "postNow": w("现任职务", "Current post"), "resume": w("简历（每行一段）", "Résumé (one line per period)"),
                "assessments": w("近三年年度考核", "Annual assessments, last three years"), "channel": w("报名方式", "Channel"),
                "submit": w("提交报名", "Register"), "closed": w("现在不在报名时间内。", "Registration is not open now."),
                "outside": w("外部人员填写（公开选拔）", "Applicants from outside the registry (open selection)"), "none": w("无", "none"),
                "choose": w("请选择", "Choose"), "results": w("成绩公布", "Published results"), "advanced": w("进入面试人员（准考证号）", "Going on to the interview (admission numbers)"),
                "cut": w("入围面试最低分", "Lowest score that went on"), "rank": w("排名", "Rank"), "id": w("准考证号", "Admission"),
                "composite": w("综合成绩", "Composite"), "status": w("结果", "Outcome"), "rules": w("计分规则", "Scoring rules"),
                "tied": w("末位同分者一并列入，由党委（党组）研究决定", "Tied at the cut: all listed; the committee decides"),
                "signIn": w("报名人登录", "Applicant sign-in"),
                "signInHelp": w("已报名？登录后可查看本人的审查结果、考场座位和成绩，并可在截止前改报职位。", "Registered? Sign in to see your review, seat and scores, and to switch position before the closing time."),
                "lookup": w("查询本人审查结果和成绩", "Look up your own review and scores"), "lookupHelp": w("输入报名时的身份证号码和姓名。", "Enter the identity number and name you registered with."),
                "lookupButton": w("查询", "Look up"), "scope": w("成绩在方案规定的范围内公布。", "Scores are published within the plan's scope."),
                "discipline": w("纪律要求", "Discipline"), "pledgeRules": w("换届纪律要求", "Discipline rules of the change of leadership"), "excellent": AssessmentGrade.excellent.title(in: lang), "competent": AssessmentGrade.competent.title(in: lang),
                "basic": AssessmentGrade.basic.title(in: lang), "incompetent": AssessmentGrade.incompetent.title(in: lang), "consent": w("本人承诺所填信息真实准确，如有不实取消资格。", "I confirm the information is true; false information cancels the application."),
            ],
            matter: r.matter.title, procedure: r.matter.plan.procedure.kind.title(in: lang),
            window: c.closes.map { w("报名时间：", "Registration: ") + CivilTime.shanghai(c.opens ?? $0) + " — " + CivilTime.shanghai($0) + w("（北京时间）", " (Beijing time)") },
            open: open, external: external,
            positions: r.counts.filter { $0.fate == nil }.map { p in
                Position(id: p.position.id, post: p.position.post, unit: p.position.unitName, posts: p.position.posts, registered: p.registered,
                         conditions: [MatterText.conditions(p.position.conditions, lang)] + MatterText.extraConditions(p.position.conditions, lang))
            },
            grades: ladder.ranks.map { Option(value: "\($0.level)", label: $0.name, selected: form["grade"] == "\($0.level)") },
            educations: EducationLevel.allCases.map { Option(value: "\($0.rawValue)", label: $0.title(in: lang), selected: false) },
            channels: [Option(value: ApplicantChannel.selfNominated.rawValue, label: ApplicantChannel.selfNominated.title(in: lang), selected: true)],
            form: form, done: done, discipline: r.matter.plan.discipline, pledgeRules: nil, pledgeCampaign: nil, action: CompetitionRoute.register(id).path,
            lookup: CompetitionRoute.lookup(id).path, signIn: ApplicantRoute.login.path, rules: publicRules(r.matter, c, lang), results: results)
    }

    /// DIS-1: the scoring rules in words, the composite's line with every stage's weight (SCR-1, SEL-3, SEL-4, SEL-7).
    static func publicRules(_ m: Matter, _ c: Competition, _ lang: Language) -> [String] {
        CompositePlan.rulesInWords(m.plan.procedure, m.plan.settings, c.rules, recommendation: Store.recommendationScored(m), in: lang)
    }
}
