import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// Registration, review and the sealed written exam (ELG-6…9, EXM-1). Thin: the store decides who may do what.
struct CompetitionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let p = UUID.parameter
        routes.on(CompetitionRoute.page(p), use: page)
        routes.on(CompetitionRoute.open(p), use: open)
        routes.on(CompetitionRoute.review(p), use: review)
        routes.on(CompetitionRoute.fate(p), use: fate)
        routes.on(CompetitionRoute.seal(p), use: seal)
        routes.on(CompetitionRoute.absent(p), use: absent)
        routes.on(CompetitionRoute.importScores(p), use: importScores)
        routes.on(CompetitionRoute.openKey(p), use: openKey)
        routes.on(CompetitionRoute.override(p, applicant: p), use: override)
        routes.on(CompetitionRoute.confirm(p, applicant: p), use: confirm)
        routes.on(CompetitionRoute.switchPosition(p, applicant: p), use: switchPosition)
        routes.on(CompetitionRoute.tickets(p), use: tickets)
        routes.on(CompetitionRoute.apply(p), use: apply)
        routes.on(CompetitionRoute.register(p), use: register)
        routes.on(CompetitionRoute.grading(p), use: grading)
        routes.on(CompetitionRoute.grade(p), use: grade)
        routes.on(CompetitionRoute.confirmations, use: confirmations)
        routes.on(CompetitionRoute.scoring(p), use: scoring)
        routes.on(CompetitionRoute.progression(p), use: progression)
        routes.on(CompetitionRoute.panel(p), use: panel)
        routes.on(CompetitionRoute.interviewAbsent(p), use: interviewAbsent)
        routes.on(CompetitionRoute.shortlist(p), use: shortlist)
        routes.on(CompetitionRoute.reserve(p), use: reserve)
        routes.on(CompetitionRoute.stageScore(p), use: stageScore)
        routes.on(CompetitionRoute.sheet(p, position: "p"), use: sheet)
        routes.on(CompetitionRoute.interview(p), use: interview)
        routes.on(CompetitionRoute.score(p), use: score)
        routes.on(CompetitionRoute.board(p), use: board)
        routes.on(CompetitionRoute.lookup(p), use: lookup)
        routes.on(CompetitionRoute.conflict(p), use: conflict)
        routes.on(CompetitionRoute.poolFile(p, position: "p"), use: poolFile)
        routes.on(CompetitionRoute.questions(p), use: questions)
    }

    static func notFound<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let e as InvalidInput where e.issues.first?.field == "matter" { throw Abort(.notFound) }
    }

    func page(req: Request) async throws -> Response { try await Self.render(req) }

    static func render(_ req: Request, error: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let id = try CommitteeController.matterID(req)
        let o = try await notFound { try await req.store.competitionOverview(id, by: req.actingUser) }
        let results = try await req.store.scoreResults(id, by: req.actingUser)
        let board = o.competition.panels.isEmpty ? [] : try await req.store.interviewCandidates(id, by: req.actingUser).candidates
        let agreement = o.competition.panels.isEmpty ? [] : try await req.store.judgeAgreement(id, by: req.actingUser)
        let entries = CompositePlan.fed(o.matter.plan.procedure).contains(where: \.entered) ? try await req.store.stageScores(id, by: req.actingUser) : []
        let exclusions = results.contains { $0.result.applicants.contains { $0.status == .excluded } } ? try await req.store.scoreExclusions(id, by: req.actingUser) : [:]
        let scores = ScoresSection.make(id: id, o, results: results, board: board, agreement: agreement, entries: entries, exclusions: exclusions, lang: req.language)
        let model = CompetitionPage.make(id: id, o, lang: req.language, today: req.store.today, scores: scores)
        return try await req.page("matter-competition", titleKey: "cmp_title", model, error: error, status: status)
    }

    /// A form post, then the page again: with the reason in words when refused.
    /// Organizers' and supervisors' forms are refused (403) before they are read for anyone else; `staff` forms
    /// (a unit's clerks confirm and switch) leave the refusal to the store.
    static func act(_ req: Request, anchor: String? = nil, staff: Bool = false, _ body: (UUID, [String: String]) async throws -> Void) async throws -> Response {
        let id = try CommitteeController.matterID(req)
        if !staff {
            let access = try await notFound { try await req.store.matter(id, by: req.actingUser).access }
            guard access.manages || access.supervises else { throw NotPermitted() }
        }
        do {
            try await body(id, FormBody.fields(req))
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict || e.kind == .notFound {
            // a unit's clerk (who confirms or switches) does not read the organizers' page: the refusal alone
            do { return try await render(req, error: e.message(in: req.language), status: refusalStatus(e)) } catch is NotPermitted { throw e }
        }
        req.flash("insp_saved")
        guard (try? await req.store.matter(id, by: req.actingUser)) != nil else {
            return req.redirect(to: CompetitionRoute.confirmations.path)
        }
        return req.redirect(to: CompetitionRoute.page(id).link(fragment: anchor))
    }

    func open(req: Request) async throws -> Response {
        try await Self.act(req) { id, f in
            guard let closes = CivilTime.parseShanghai(f["closes"] ?? "") else {
                throw InvalidInput(field: "closes", .described(zh: "请按“年-月-日 时:分”填写北京时间", en: "write Beijing time as “YYYY-MM-DD HH:MM”"))
            }
            try await req.store.openRegistration(id, closes: closes, by: req.actingUser)
        }
    }

    func review(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "applicants") { id, _ in _ = try await req.store.reviewApplicants(id, by: req.actingUser) }
    }

    func override(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "applicants") { _, f in
            guard let q = f["qualified"], ["1", "0"].contains(q) else { throw InvalidInput(field: "qualified", .required) }
            try await req.store.overrideReview(try CommitteeController.uuid(req, "applicant"), qualified: q == "1", reason: f["reason"] ?? "", by: req.actingUser)
        }
    }

    func confirm(req: Request) async throws -> Response {
        let back = req.query["back"] == "list"
        let f = FormBody.fields(req)
        if back {
            try await req.store.confirmForm(try CommitteeController.uuid(req, "applicant"), note: f["note"] ?? "", by: req.actingUser)
            req.flash("insp_saved")
            return req.redirect(to: CompetitionRoute.confirmations.path)
        }
        return try await Self.act(req, anchor: "applicants", staff: true) { _, f in
            try await req.store.confirmForm(try CommitteeController.uuid(req, "applicant"), note: f["note"] ?? "", by: req.actingUser)
        }
    }

    func switchPosition(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "applicants", staff: true) { _, f in
            try await req.store.switchPosition(try CommitteeController.uuid(req, "applicant"), to: f["position"] ?? "", by: req.actingUser)
        }
    }

    func fate(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "ratio") { id, f in
            guard let kind = PositionFate.Kind(rawValue: f["fate"] ?? "") else { throw InvalidInput(field: "fate", .required) }
            try await req.store.decidePosition(id, position: f["position"] ?? "", fate: kind, reason: f["reason"] ?? "", approval: f["approval"] ?? "", by: req.actingUser)
        }
    }

    /// "第一考场,30" per line.
    static func rooms(_ text: String) throws -> [ExamRoom] {
        try text.split(whereSeparator: \.isNewline).compactMap { line in
            let cells = line.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "\t" }).map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.isEmpty || cells.allSatisfy(\.isEmpty) { return nil }
            guard cells.count == 2, let n = Int(cells[1]) else {
                throw InvalidInput(field: "rooms", .described(zh: "每行写“考场名称,座位数”：\(line)", en: "one “room,seats” per line: \(line)"))
            }
            return ExamRoom(name: cells[0], seats: n)
        }
    }

    static func points(_ raw: String?, field: String) throws -> Int64 {
        guard let v = Decimal4.parse(raw ?? "") else {
            throw InvalidInput(field: field, .described(zh: "请填写分数（最多4位小数）", en: "write a score (at most 4 decimals)"))
        }
        return v
    }

    func seal(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "exam") { id, f in
            let rules = ExamRules(maxScore: try Self.points(f["maxScore"], field: "maxScore"), doubleGrading: f["double"] == "1",
                                  margin: try Self.points(f["margin"], field: "margin"))
            try await req.store.sealExam(id, rules: rules, rooms: try Self.rooms(f["rooms"] ?? ""), prefix: f["prefix"] ?? "", by: req.actingUser)
        }
    }

    func absent(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "exam") { id, f in try await req.store.markAbsent(id, admission: f["admission"] ?? "", by: req.actingUser) }
    }

    func importScores(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "exam") { id, f in _ = try await req.store.importScores(id, text: f["scores"] ?? "", by: req.actingUser) }
    }

    func openKey(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "exam") { id, _ in try await req.store.openExamKey(id, by: req.actingUser) }
    }

    /// EXM-1 admission tickets on A4: one per qualified applicant with a seat.
    func tickets(req: Request) async throws -> Response {
        let id = try CommitteeController.matterID(req)
        let o = try await Self.notFound { try await req.store.competitionOverview(id, by: req.actingUser) }
        guard o.manages else { throw NotPermitted() }
        let w = Words(lang: req.language)
        let posts = Dictionary(uniqueKeysWithValues: o.matter.plan.positions.map { ($0.id, $0.post) })
        struct Ticket: Encodable { var name: String; var resident: String; var admission: String; var position: String; var room: String; var seat: Int }
        struct Model: Encodable { var matter: String; var unit: String; var back: String; var tickets: [Ticket]; var w: [String: String]; var discipline: String }
        let tickets = o.applicants.compactMap { a -> Ticket? in
            guard let adm = a.admission, let room = a.room else { return nil }
            return Ticket(name: a.name, resident: a.residentMasked, admission: adm, position: posts[a.positionID] ?? "", room: room, seat: a.seat ?? 0)
        }.sorted { $0.admission < $1.admission }
        let model = Model(matter: o.matter.title, unit: o.unitName, back: CompetitionRoute.page(id).path, tickets: tickets,
                          w: ["title": w("准考证", "Admission ticket"), "name": w("姓名", "Name"), "resident": w("身份证号", "Identity number"),
                              "admission": w("准考证号", "Admission number"), "position": w("报考职位", "Position"), "room": w("考场", "Room"), "seat": w("座位号", "Seat"),
                              "rules": w("考试须知：凭准考证和身份证入场；闭卷考试；开考15分钟后不得入场。", "Bring this ticket and your identity card; closed book; no entry 15 minutes after the start."),
                              "print": w("打印", "Print"), "back": w("返回", "Back"), "none": w("尚未密封编号，没有准考证。", "Not sealed yet: no tickets.")],
                          discipline: o.matter.plan.discipline)
        return try await req.page("exam-tickets", titleKey: "cmp_tickets_title", model)
    }

    // MARK: the public registration form (ELG-8)

    func apply(req: Request) async throws -> Response { try await Self.renderApply(req) }

    static func renderApply(_ req: Request, error: String? = nil, status: HTTPStatus = .ok, form: [String: String] = [:], done: String? = nil) async throws -> Response {
        let id = try CommitteeController.matterID(req)
        let r = try await notFound { try await req.store.registrationCounts(id) }
        let open = r.matter.current == .registration && r.competition.registrationOpen(at: Int64(req.store.ledger.clock.now.timeIntervalSince1970))
        let external = [ProcedureKind.openSelection, .publicRecommendation].contains(r.matter.plan.procedure.kind)
        let ladder = try await req.store.registrySettings().ladder
        var shown = form
        shown["resident"] = nil
        let published = try await req.store.publishedResults(id, by: req.actingUser)
        var model = ApplyPage.make(id: id, r, open: open, external: external, ladder: ladder, lang: req.language, form: shown, done: done, published: published)
        // DIS-3: the discipline rules of the open pledge campaign, for every applicant
        let discipline = try await req.store.participantDiscipline(matter: r.matter)
        model.pledgeRules = discipline.rules; model.pledgeCampaign = discipline.campaignName
        let year = req.store.today.year
        for k in 1 ... 3 { model.w["y\(k)"] = req.language == .zhHans ? "\(year - 4 + k)年度" : "\(year - 4 + k)" }
        return try await req.page("apply", titleKey: "cmp_apply_title", model, error: error, status: status)
    }

    func register(req: Request) async throws -> Response {
        let id = try CommitteeController.matterID(req)
        let f = FormBody.fields(req)
        let registered: Registration
        do {
            guard let position = f["position"], !position.isEmpty else { throw InvalidInput(field: "position", .required) }
            var form: ApplicantForm? = nil
            if !(f["name"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                guard let ws = YearMonth(f["workStart"] ?? "") else { throw InvalidInput(field: "workStart", .described(zh: "请按“年-月”填写", en: "write as year-month")) }
                guard let gs = YearMonth(f["gradeSince"] ?? "") else { throw InvalidInput(field: "gradeSince", .described(zh: "请按“年-月”填写", en: "write as year-month")) }
                guard let grade = Int(f["grade"] ?? "") else { throw InvalidInput(field: "grade", .required) }
                var a = ApplicantForm(name: f["name"] ?? "", workStart: ws, grade: grade, gradeSince: gs)
                a.phone = CommitteeController.text(f["phone"]); a.partyMember = f["party"] == "1"
                a.fullTimeEducation = Int(f["fullTime"] ?? "").flatMap(EducationLevel.init(rawValue:))
                a.inServiceEducation = Int(f["inService"] ?? "").flatMap(EducationLevel.init(rawValue:))
                a.unit = CommitteeController.text(f["unit"]); a.post = CommitteeController.text(f["post"]); a.resume = CommitteeController.text(f["resume"])
                let year = req.store.today.year
                for (i, key) in ["a1", "a2", "a3"].enumerated() {
                    if let g = Int(f[key] ?? "").flatMap(AssessmentGrade.init(rawValue:)) { a.assessments[year - 3 + i] = g }
                }
                form = a
            }
            // the applicant's account opens with the first registration: a one-time code, no password hash on this path
            let registered = try await req.store.registerApplicant(id, position: position, resident: f["resident"] ?? "", form: form)
            return try await Self.renderRegistered(req, matter: id, registered)
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict || e.kind == .notFound {
            return try await Self.renderApply(req, error: e.message(in: req.language), status: refusalStatus(e), form: f)
        }
    }

    /// The page after a registration: what was registered and what comes next (a page of its own, so that the
    /// burst before a deadline does not recount every position for each applicant: scripts/load-register.py).
    static func renderRegistered(_ req: Request, matter id: UUID, _ registered: Registration) async throws -> Response {
        let r = registered.receipt
        let w = Words(lang: req.language)
        struct Model: Encodable {
            var matter: String; var position: String; var resident: String; var name: String; var at: String; var apply: String; var lookup: String
            var activation: String?; var hasAccount: Bool; var signIn: String; var firstSignIn: String; var w: [String: String]
        }
        let model = Model(matter: r.matterTitle, position: r.position, resident: r.residentMasked, name: r.name, at: CivilTime.shanghai(r.at),
                          apply: CompetitionRoute.apply(id).path, lookup: CompetitionRoute.apply(id).path + "#lookup",
                          activation: registered.activationCode, hasAccount: registered.activationCode == nil && registered.hasAccount,
                          signIn: ApplicantRoute.login.path, firstSignIn: ApplicantRoute.login.link(["first": "1"], fragment: "activate"),
                          w: ["done": w("报名已提交。请等待所在单位确认和资格审查结果。", "Registered. Your unit confirms the form and the review follows."),
                              "matter": w("选任事项", "Selection"), "position": w("报考职位", "Position"), "resident": w("身份证号码", "Identity number"),
                              "name": w("姓名", "Name"), "at": w("报名时间（北京时间）", "Registered at (Beijing time)"),
                              "next": w("接下来", "What comes next"),
                              "step1": r.internalFile ? w("您的信息取自干部档案；所在单位确认后进入资格审查。", "Your details come from your registry file; after your unit confirms, the review follows.")
                                                      : w("所在单位将确认您填写的报名表，然后进入资格审查。", "Your unit confirms the form you filled in; then the review follows."),
                              "step2": w("登录报名人账号可查看资格审查结果（未通过的附理由）、考场座位和成绩；也可用身份证号码和姓名查询。", "Sign in to your applicant account to follow the review (with reasons if you were not qualified), your seat and your scores; or look them up by identity number and name."),
                              "step3": w("报名截止前可登录改报其他职位。", "Before the deadline you may sign in and switch to another position."),
                              "activation": w("您的报名人账号激活码（只显示这一次，请抄下或截图保存）：", "The activation code of your applicant account (shown this once: write it down or keep a screenshot):"),
                              "activationHelp": w("用身份证号码和此激活码首次登录并设置密码后，可随时查看审查结果、考场座位和成绩，并可在截止前改报职位。", "Sign in for the first time with your identity number and this code and set a password: you can then follow the review, your seat and scores, and switch position before the closing time."),
                              "activate": w("首次登录并设置密码", "First sign-in: set your password"),
                              "hasAccount": w("您已有报名人账号：用身份证号码和密码登录即可看到这项报名。", "You already have an applicant account: sign in with your identity number and password to see this registration."),
                              "signIn": w("报名人登录", "Applicant sign-in"),
                              "lookupLink": w("查询报名和审查结果", "Look up your registration"), "back": w("返回报名页面", "Back to the registration page"),
                              "print": w("打印", "Print")])
        return try await req.page("apply-done", titleKey: "cmp_apply_title", model)
    }

    // MARK: graders (EXM-1)

    func grading(req: Request) async throws -> Response { try await Self.renderGrading(req) }

    static func renderGrading(_ req: Request, error: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let id = try CommitteeController.matterID(req)
        let g = try await notFound { try await req.store.gradingPapers(id, by: req.actingUser) }
        let w = Words(lang: req.language)
        struct Paper: Encodable { var code: String; var post: String; var round: String?; var mine: String? }
        struct Model: Encodable { var matter: String; var rules: String; var papers: [Paper]; var action: String; var w: [String: String]; var left: Int }
        let rounds = [1: w("初评", "first"), 2: w("复评", "second"), 3: w("仲裁", "arbitration")]
        let papers = g.papers.map { Paper(code: $0.code, post: $0.positionPost, round: $0.round.flatMap { rounds[$0] }, mine: $0.mine.map { Decimal4.text($0) }) }
        let model = Model(matter: g.title, rules: w("满分", "Full marks ") + Decimal4.text(g.rules.maxScore, decimals: 0) + (g.rules.doubleGrading ? w("；双评", "; double grading") : ""),
                          papers: papers, action: CompetitionRoute.grade(id).path,
                          w: ["help": w("按试卷密号录入分数；分数提交即锁定，不能修改。您看不到考生姓名和准考证号。", "Enter scores by paper code; a score is locked when entered. You never see names or admission numbers."),
                              "code": w("试卷密号", "Paper code"), "post": w("职位", "Position"), "round": w("评阅", "Round"), "score": w("分数", "Score"),
                              "mine": w("我的评分", "My score"), "enter": w("录入并锁定", "Enter and lock"), "none": w("没有待评试卷。", "No paper waits for you."),
                              "left": w("待评试卷", "Papers waiting")],
                          left: papers.filter { $0.round != nil }.count)
        return try await req.page("grading", titleKey: "cmp_grading_title", model, error: error, status: status)
    }

    func grade(req: Request) async throws -> Response {
        let id = try CommitteeController.matterID(req)
        let f = FormBody.fields(req)
        do {
            try await req.store.grade(id, code: f["code"] ?? "", score: try Self.points(f["score"], field: "score"), by: req.actingUser)
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict || e.kind == .notFound {
            return try await Self.renderGrading(req, error: e.message(in: req.language), status: refusalStatus(e))
        }
        req.flash("insp_saved")
        return req.redirect(to: CompetitionRoute.grading(id).path)
    }

    // MARK: ELG-9 the unit's confirmations

    func confirmations(req: Request) async throws -> Response {
        let list = try await req.store.awaitingConfirmation(by: req.actingUser)
        let w = Words(lang: req.language)
        struct Row: Encodable { var matter: String; var name: String; var resident: String; var unit: String; var channel: String; var action: String }
        struct Model: Encodable { var rows: [Row]; var w: [String: String] }
        let rows = list.map { Row(matter: $0.matterTitle, name: $0.applicant.name, resident: $0.applicant.residentMasked, unit: $0.applicant.unitName,
                                  channel: $0.applicant.channel.title(in: req.language),
                                  action: CompetitionRoute.confirm($0.matterID, applicant: $0.applicant.id).link(["back": "list"])) }
        let model = Model(rows: rows, w: ["help": w("您所管理单位（含下级单位）的干部报名参加竞争性选拔，须由所在单位确认报名表（ELG-9）。", "Registrations of cadres of the units you look after (and below) are confirmed by their unit (ELG-9)."),
                                         "matter": w("选任事项", "Matter"), "name": w("姓名", "Name"), "resident": w("身份证号", "Identity number"),
                                         "unit": w("单位", "Unit"), "channel": w("报名方式", "Channel"), "confirm": w("确认", "Confirm"),
                                         "none": w("没有待确认的报名表。", "No form waits for confirmation.")])
        return try await req.page("registration-confirm", titleKey: "cmp_confirm_title", model)
    }

    // MARK: scores (SCR-1…3, EXM-2, EXM-4, EXM-5, EXM-9)

    /// "5" or "1.2" → tenths.
    static func tenths(_ raw: String?, field: String) throws -> Int {
        guard let v = Decimal4.parse(raw ?? ""), v % 1000 == 0 else {
            throw InvalidInput(field: field, .described(zh: "请填写比例，如 3 或 1.2（最多一位小数）", en: "write a ratio such as 3 or 1.2 (one decimal at most)"))
        }
        return Int(v / 1000)
    }

    static func whole(_ raw: String?, field: String) throws -> Int {
        guard let n = Int(CommitteeController.text(raw)) else { throw InvalidInput(field: field, .described(zh: "请填写整数", en: "write a whole number")) }
        return n
    }

    func scoring(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "scores") { id, f in
            var r = ScoringRules()
            r.writtenWeight = try Self.whole(f["writtenWeight"], field: "writtenWeight")
            r.interviewWeight = try Self.whole(f["interviewWeight"], field: "interviewWeight")
            r.progressionRatioTenths = try Self.tenths(f["progressionRatio"], field: "progressionRatio")
            r.progressionTop = CommitteeController.text(f["progressionTop"]).isEmpty ? nil : try Self.whole(f["progressionTop"], field: "progressionTop")
            r.passMark = try Self.whole(f["passMark"], field: "passMark")
            r.trim = try Self.whole(f["trim"], field: "trim")
            r.elements = f["elements"] == "1"
            r.shortlistRatioTenths = try Self.tenths(f["shortlistRatio"], field: "shortlistRatio")
            r.tieBreak = f["tieBreak"] == "written" ? ["written", "interview"] : ["interview", "written"]
            let forms = CommitteeController.text(f["forms"])
            r.interviewForms = forms.isEmpty ? nil : try InterviewForms.parse(forms)
            r.ownUnitRecusesSetting = f["ownUnitRecuses"] == "1"
            try await req.store.setScoring(id, r, by: req.actingUser)
        }
    }

    func progression(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "scores") { id, _ in try await req.store.publishProgression(id, by: req.actingUser) }
    }

    /// "account,name,1,0,leader" per line, and optionally a sixth cell: the judge's registry file (its id or the
    /// identity number), for recusal by the registry's relations and unit (EXM-4).
    static func pool(_ text: String) throws -> (judges: [Judge], registry: [String: String]) {
        var registry: [String: String] = [:]
        let judges: [Judge] = try text.split(whereSeparator: \.isNewline).enumerated().compactMap { i, line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).flatMap { $0.split(separator: "，", omittingEmptySubsequences: false) }
                .flatMap { $0.split(separator: "\t", omittingEmptySubsequences: false) }.map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.allSatisfy(\.isEmpty) { return nil }
            guard cells.count == 5 || cells.count == 6, let group = JudgeGroup(rawValue: cells[4]), ["0", "1"].contains(cells[2]), ["0", "1"].contains(cells[3]) else {
                throw InvalidInput(field: "pool", .described(zh: "第\(i + 1)行应为“账号,姓名,外单位1/0,熟悉业务1/0,类别[,干部档案编号或身份证号]”",
                                                            en: "line \(i + 1): “account,name,outside 1/0,knows 1/0,group[,registry file id or identity number]”"))
            }
            if cells.count == 6, !cells[5].isEmpty { registry[cells[0]] = cells[5] }
            return Judge(id: cells[0], name: cells[1], unitId: cells[2] == "1" ? "outside" : "own", fromOutside: cells[2] == "1", familiarWithBusiness: cells[3] == "1", group: group)
        }
        return (judges, registry)
    }

    func panel(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "scores") { id, f in
            let seedText = CommitteeController.text(f["seed"])
            var seed: UInt64? = nil
            if !seedText.isEmpty {
                guard let s = UInt64(seedText) else { throw InvalidInput(field: "seed", .described(zh: "种子应为非负整数", en: "the seed is a whole number")) }
                seed = s
            }
            let pool = try Self.pool(f["pool"] ?? "")
            _ = try await req.store.drawPanel(id, position: f["position"] ?? "", pool: pool.judges, seed: seed, registry: pool.registry, by: req.actingUser)
        }
    }

    /// EXM-4: the pool file a panel was drawn from (a download): `xuanren draw --panel FILE --seed S` gives the panel.
    func poolFile(req: Request) async throws -> Response {
        let id = try CommitteeController.matterID(req)
        let position = req.parameters.get("position") ?? ""
        let (data, seed) = try await Self.notFound { try await req.store.panelPoolFile(id, position: position, by: req.actingUser) }
        let res = Response(status: .ok, body: .init(data: data))
        res.headers.contentType = .json
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"judge-pool-\(position)-seed-\(seed).json\"")
        return res
    }

    /// EXM-7: a position's question set (sealed reference, titles one a line) and times.
    func questions(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "questions") { id, f in
            let titles = (f["titles"] ?? "").split(whereSeparator: \.isNewline).map(String.init)
            let speech = CommitteeController.text(f["speechMinutes"])
            let set = QuestionSet(reference: CommitteeController.text(f["reference"]), titles: titles,
                                  introMinutes: try Self.whole(f["introMinutes"], field: "introMinutes"),
                                  answerMinutes: try Self.whole(f["answerMinutes"], field: "answerMinutes"),
                                  speechMinutes: speech.isEmpty ? nil : try Self.whole(speech, field: "speechMinutes"))
            try await req.store.setQuestionSet(id, position: f["position"] ?? "", set, by: req.actingUser)
        }
    }

    /// EXM-4: a judge declares a conflict for a position before its scoring begins; a replacement is drawn by lot.
    func conflict(req: Request) async throws -> Response {
        let id = try CommitteeController.matterID(req)
        let f = FormBody.fields(req)
        do {
            if f["sign"] == nil { throw InvalidInput(field: "sign", .described(zh: "请勾选确认", en: "tick to confirm")) }
            _ = try await req.store.declareConflict(id, position: f["position"] ?? "", by: req.actingUser)
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict || e.kind == .notFound {
            return try await Self.renderInterview(req, error: e.message(in: req.language), status: refusalStatus(e))
        }
        req.flash("cmp_conflict_done")
        // off that panel now: the interview page if the judge sits on another, else the dashboard
        let still = (try? await req.store.interviewCandidates(id, by: req.actingUser)) != nil
        return req.redirect(to: still ? CompetitionRoute.interview(id).path : DashboardRoute.dashboard.path)
    }

    func interviewAbsent(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "scores") { id, f in
            guard let a = UUID(uuidString: f["applicant"] ?? "") else { throw InvalidInput(field: "applicant", .required) }
            try await req.store.markInterviewAbsent(id, applicant: a, by: req.actingUser)
        }
    }

    func shortlist(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "scores") { id, f in
            if f["confirm"] == nil { throw InvalidInput(field: "confirm", .required) }
            try await req.store.drawCandidates(id, by: req.actingUser)
        }
    }

    func reserve(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "scores") { id, f in
            guard let a = UUID(uuidString: f["applicant"] ?? "") else { throw InvalidInput(field: "applicant", .required) }
            try await req.store.proposeToReserve(id, applicant: a, by: req.actingUser)
        }
    }

    /// SCR-1, SEL-3, SEL-4: one applicant's score of an entered stage, with its reference (locked on entry).
    func stageScore(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "scores") { id, f in
            guard let a = UUID(uuidString: f["applicant"] ?? "") else { throw InvalidInput(field: "applicant", .required) }
            guard let stage = FedStage(rawValue: f["stage"] ?? "") else { throw InvalidInput(field: "stage", .required) }
            try await req.store.enterStageScore(id, applicant: a, stage: stage, score: try Self.points(f["score"], field: "score"),
                                                reference: f["reference"] ?? "", by: req.actingUser)
        }
    }

    /// A position's sheet as `xuanren.scores/1` (a download).
    func sheet(req: Request) async throws -> Response {
        let id = try CommitteeController.matterID(req)
        let position = req.parameters.get("position") ?? ""
        let data = try await Self.notFound { try await req.store.exportSheet(id, position: position, by: req.actingUser) }
        let res = Response(status: .ok, body: .init(data: data))
        res.headers.contentType = .json
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"scores-\(position).json\"")
        return res
    }

    // MARK: the judges' phone page and the board (EXM-5, EXM-6)

    func interview(req: Request) async throws -> Response { try await Self.renderInterview(req) }

    static func renderInterview(_ req: Request, error: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let id = try CommitteeController.matterID(req)
        let v = try await notFound { try await req.store.interviewCandidates(id, by: req.actingUser) }
        let w = Words(lang: req.language)
        struct Element: Encodable { var id: String; var label: String; var max: Int }
        struct Row: Encodable { var applicant: String; var label: String; var mine: String?; var mean: String?; var progress: String; var absent: Bool }
        struct Position: Encodable { var id: String; var post: String; var limits: String?; var short: Bool; var started: Bool }
        struct Model: Encodable {
            var matter: String; var rows: [Row]; var elements: [Element]; var byElements: Bool; var forms: [Element]; var byForms: Bool
            var max: Int; var action: String; var board: String; var conflict: String; var positions: [Position]; var w: [String: String]
        }
        let rows = v.candidates.map { c in
            Row(applicant: c.applicant.uuidString, label: "\(c.post) \(c.number)" + w("号", ""), mine: c.mine, mean: c.trimmedMean,
                progress: "\(c.locked)/\(c.panelSize)", absent: c.absent)
        }
        var positions: [Position] = []
        for c in v.candidates where !positions.contains(where: { $0.id == c.positionID }) {
            let all = v.candidates.filter { $0.positionID == c.positionID }
            positions.append(Position(id: c.positionID, post: c.post, limits: c.questionSet?.limits(in: req.language), short: c.panelShort,
                                      started: all.contains { $0.locked > 0 }))
        }
        let model = Model(matter: v.title, rows: rows,
                          elements: InterviewElements.seedDefault.elements.map { Element(id: $0.id, label: req.language == .zhHans ? $0.zh : $0.en, max: $0.max) },
                          byElements: v.rules.elements && v.rules.separateForms.isEmpty,
                          forms: v.rules.separateForms.map { Element(id: $0.form.rawValue, label: $0.form.title(in: req.language) + "（\($0.weight)%）", max: 100) },
                          byForms: !v.rules.separateForms.isEmpty, max: v.rules.interviewMax, action: CompetitionRoute.score(id).path,
                          board: CompetitionRoute.board(id).path, conflict: CompetitionRoute.conflict(id).path, positions: positions,
                          w: ["help": w("逐人评分，勾选签名确认后提交，提交即锁定，不能修改。全部考官评分后自动去掉最高分和最低分取平均。", "Score each candidate, tick to sign and submit: the score locks at once. When every judge has scored, the highest and lowest are dropped and the rest averaged."),
                              "score": w("分数", "Score"), "sign": w("本人确认以上评分并签名", "I confirm and sign this score"), "submit": w("提交并锁定", "Submit and lock"),
                              "mine": w("我的评分", "My score"), "mean": w("最后得分", "Final score"), "progress": w("已评考官", "Judges done"),
                              "absent": w("缺考", "absent"), "none": w("您没有需要评分的考生。", "No candidate for you to score."), "board": w("现场亮分", "Score board"),
                              "outOf": w("满分", "out of"), "limits": w("时间要求（同一职位题目相同、时间相同）", "Times (the same questions and times for every candidate of the position)"),
                              "noLimits": w("组织人员尚未记录本职位的题本和时间", "the organizers have not yet recorded this position's questions and times"),
                              "short": w("有考官申报回避且无人可替补，面试小组须由组织人员重新抽取，暂不能评分。", "A judge declared a conflict and nobody could take the seat: the organizers must draw the panel again; no scoring until then."),
                              "conflict": w("申报回避", "Declare a conflict"),
                              "conflictHelp": w("如与本职位考生有亲属关系或其他可能影响公正的关系，请在评分开始前申报；系统从考官库中随机抽取替补并记录。无需写明具体关系。",
                                                "If you are related to a candidate of this position, or another relation could affect fairness, declare it before scoring begins: a replacement is drawn by lot from the pool and recorded. Do not write what the relation is."),
                              "conflictSign": w("本人确认存在需要回避的情形", "I confirm I must recuse"), "conflictSubmit": w("申报回避", "Declare")])
        return try await req.page("interview", titleKey: "cmp_interview_title", model, error: error, status: status)
    }

    func score(req: Request) async throws -> Response {
        let id = try CommitteeController.matterID(req)
        let f = FormBody.fields(req)
        do {
            guard let a = UUID(uuidString: f["applicant"] ?? "") else { throw InvalidInput(field: "applicant", .required) }
            if f["sign"] == nil { throw InvalidInput(field: "sign", .described(zh: "请勾选签名确认", en: "tick to sign")) }
            let rules = try await req.store.interviewCandidates(id, by: req.actingUser).rules
            if !rules.separateForms.isEmpty {
                let parts = try rules.separateForms.map { try Self.points(f["f_" + $0.form.rawValue], field: "forms") }
                try await req.store.scoreInterview(id, applicant: a, score: nil, elements: nil, forms: parts, by: req.actingUser)
            } else if rules.elements {
                let parts = try InterviewElements.seedDefault.elements.map { try Self.points(f["e_" + $0.id], field: $0.id) }
                try await req.store.scoreInterview(id, applicant: a, score: nil, elements: parts, by: req.actingUser)
            } else {
                try await req.store.scoreInterview(id, applicant: a, score: try Self.points(f["score"], field: "score"), elements: nil, by: req.actingUser)
            }
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict || e.kind == .notFound {
            return try await Self.renderInterview(req, error: e.message(in: req.language), status: refusalStatus(e))
        }
        req.flash("insp_saved")
        return req.redirect(to: CompetitionRoute.interview(id).path)
    }

    /// 当场亮分: each candidate's final interview score as soon as every judge has locked; refreshes itself.
    func board(req: Request) async throws -> Response {
        let id = try CommitteeController.matterID(req)
        let v = try await Self.notFound { try await req.store.interviewCandidates(id, by: req.actingUser) }
        let w = Words(lang: req.language)
        struct Row: Encodable { var label: String; var mean: String?; var progress: String; var absent: Bool }
        struct Model: Encodable { var matter: String; var rows: [Row]; var limits: [String]; var w: [String: String] }
        var limits: [String] = []
        for c in v.candidates where !limits.contains(where: { $0.hasPrefix(c.post + "：") }) {
            if let q = c.questionSet { limits.append(c.post + "：" + q.limits(in: req.language)) }
        }
        let model = Model(matter: v.title, rows: v.candidates.map { Row(label: "\($0.post) \($0.number)" + w("号", ""), mean: $0.trimmedMean, progress: "\($0.locked)/\($0.panelSize)", absent: $0.absent) },
                          limits: limits,
                          w: ["waiting": w("评分中", "scoring"), "absent": w("缺考", "absent"), "help": w("本页每10秒自动刷新；全部考官评分锁定后即显示最后得分（去掉最高分和最低分后的平均分）。", "Refreshes every 10 seconds; a final score (trimmed mean) shows as soon as every judge has locked.")])
        return try await req.page("interview-board", titleKey: "cmp_board_title", model)
    }

    // MARK: EXM-9 an applicant's own result

    func lookup(req: Request) async throws -> Response {
        let id = try CommitteeController.matterID(req)
        let f = FormBody.fields(req)
        let w = Words(lang: req.language)
        do {
            let r = try await req.store.ownResult(id, resident: f["resident"] ?? "", name: f["name"] ?? "")
            guard let r else { return try await Self.renderApply(req, error: w("没有找到与该身份证号码和姓名一致的报名", "no registration matches this identity number and name"), status: .notFound) }
            var lines = [w("报考职位：", "Position: ") + r.post]
            switch r.qualified {
            case .none: lines.append(w("资格审查：尚未审查", "Review: not yet"))
            case .some(true): lines.append(w("资格审查：合格", "Review: qualified"))
            case .some(false): lines.append(w("资格审查：不合格。原因：", "Review: not qualified. Reasons: ") + (r.failed.map { $0.text(in: req.language) } + (r.override.map { [$0] } ?? [])).joined(separator: w("；", "; ")))
            }
            if let adm = r.admission { lines.append(w("准考证号：", "Admission number: ") + adm + (r.room.map { w("，考场：", ", room: ") + $0 + w("，座位：", ", seat: ") + String(r.seat ?? 0) } ?? "")) }
            for s in r.scores {
                let form = InterviewForm(stageID: s.stage).map { w("面试（\($0.title(in: .zhHans))）成绩：", "Interview (\($0.title(in: .en))): ") }
                lines.append((s.stage == "written" ? w("笔试成绩：", "Written: ") : form ?? w("面试成绩：", "Interview: ")) + s.score)
            }
            if let cut = r.cutScore { lines.append(w("入围面试最低分：", "Lowest score that went on: ") + cut) }
            if let c = r.composite { lines.append(w("综合成绩：", "Composite: ") + c + (r.rank.map { w("，职位内排名第", ", rank ") + String($0) + w("名", "") } ?? "")) }
            if let st = r.status { lines.append(w("结果：", "Outcome: ") + (st == .shortlisted ? w("入围考察", "shortlisted for inspection") : w("未入围考察", "not shortlisted"))) }
            return try await Self.renderApply(req, done: lines.joined(separator: "\n"))
        } catch let e as any UserFacingError where e.kind == .badInput {
            return try await Self.renderApply(req, error: e.message(in: req.language), status: .badRequest)
        }
    }
}
