import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// 一报告两评议 rounds (SUR-1…3) and the supervision dashboard (CAS-1, SUR-3, SUR-4). Thin: the store decides scope.
struct SurveyController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(SurveyRoute.list, use: list)
        routes.on(SurveyRoute.new, use: new)
        routes.on(SurveyRoute.create, use: create)
        routes.on(SurveyRoute.show(.parameter), use: show)
        routes.on(SurveyRoute.dashboard, use: dashboard)
        routes.on(SurveyRoute.csv("c"), use: csv)
        routes.on(SurveyRoute.proposals, use: proposals)
        routes.on(SurveyRoute.propose, use: propose)
        routes.on(SurveyRoute.rankings, use: rankings)
    }

    // MARK: ASM-2, ASM-3, ASM-5 proposals

    static func renderProposals(_ req: Request, error: String? = nil, status: HTTPStatus = .ok, rankings: String = "") async throws -> Response {
        let l = req.language, w = Words(lang: l)
        struct Row: Encodable { var rule: String; var action: String; var subject: String; var unit: String; var session: String; var sessionLink: String
                                var evidence: String; var proposed: String?; var sessionID: String }
        let rows = try await req.store.consequenceFindings(by: req.actingUser).map { f in
            Row(rule: f.proposal.rule, action: f.proposal.action.title(in: l), subject: f.proposal.subject, unit: f.unitName, session: f.sessionTitle,
                sessionLink: BallotRoute.results(f.session).path, evidence: f.proposal.text(in: l),
                proposed: f.proposed.map { w("已于\($0.on)由\($0.by)提交党委（党组）", "put to the committee on \($0.on) by \($0.by)") }, sessionID: f.session.uuidString)
        }
        struct Ranked: Encodable { var subject: String; var evidence: String; var proposed: String? }
        struct Model: Encodable { var w: [String: String]; var rows: [Row]; var action: String; var rankingsAction: String; var rankings: String; var rankingsLine: String; var ranked: [Ranked] }
        // ASM-4: the findings of the rankings just read, and those already proposed
        let done = try await req.store.rankingProposals(by: req.actingUser)
        var ranked: [Ranked] = []
        if !rankings.isEmpty, error == nil {
            ranked = try await req.store.rankingFindings(rankings, by: req.actingUser).map { p in
                Ranked(subject: p.subject, evidence: p.text(in: l),
                       proposed: done.first { $0.subject == p.subject && $0.zh == p.zh }.map { w("已于\($0.on)由\($0.by)提交党委（党组）", "put to the committee on \($0.on) by \($0.by)") })
            }
        }
        ranked += done.filter { d in !ranked.contains { $0.subject == d.subject && $0.evidence == (l == .zhHans ? d.zh : d.en) } }.map {
            Ranked(subject: $0.subject, evidence: l == .zhHans ? $0.zh : $0.en, proposed: w("已于\($0.on)由\($0.by)提交党委（党组）", "put to the committee on \($0.on) by \($0.by)"))
        }
        return try await req.page("proposals", titleKey: "proposals_title", Model(w: [
            "help": w("根据已结束的测评票，系统列出按规定应研究处理的人员（ASM-2：基本称职和不称职票合计达30%；ASM-3：监督评议不满意票超过1/3或1/2）。系统只提出建议，附上证据，由党委（党组）研究决定；不会自行调整任何人（ASM-5）。",
                      "From the closed ballots, the people the rules say must be considered (ASM-2: 基本称职 + 不称职 at 30% or more; ASM-3: more than 1/3 or 1/2 dissatisfied in a supervision appraisal). The system only proposes, with the evidence; the committee decides. It never changes anyone's post (ASM-5)."),
            "rule": w("规则", "Rule"), "action": w("建议", "Proposal"), "subject": w("对象", "Who"), "unit": w("单位", "Unit"), "session": w("依据（测评票）", "Evidence (ballot)"),
            "evidence": w("证据", "Figures"), "propose": w("提交党委（党组）研究", "Put to the committee"), "confirm": w("确认提交，记入全程记实", "Confirm; this is recorded"),
            "none": w("已结束的测评中没有需要研究处理的情形。", "No closed ballot calls for a consequence."),
            "rankings": w("综合目标考核排名（ASM-4）", "Yearly rankings of the units (ASM-4)"),
            "rankingsHelp": w("每行一年，按名次从前到后列出单位，用顿号分隔，并列用“=”连接，如：2024：县教育局、县财政局=县交通运输局、县卫生健康局。连续3年排在倒数3名以内的单位，建议对其主要领导降职使用。",
                              "One year a line, the units from first to last, separated by 、 or commas, ties joined with “=”, e.g. 2024: A, B=C, D. A unit in the bottom 3 for 3 years running: its principal leader proposed for demotion."),
            "read": w("读取排名", "Read the rankings"), "rankedNone": w("没有连续3年排在倒数3名以内的单位。", "No unit was in the bottom 3 for 3 years running."),
        ], rows: rows, action: SurveyRoute.propose.path, rankingsAction: SurveyRoute.rankings.path, rankings: rankings,
           rankingsLine: rankings.split(whereSeparator: \.isNewline).joined(separator: " | "), ranked: ranked), error: error, status: status)
    }

    func proposals(req: Request) async throws -> Response { try await Self.renderProposals(req) }

    func rankings(req: Request) async throws -> Response {
        let text = FormBody.fields(req)["rankings"] ?? ""
        do {
            _ = try await req.store.rankingFindings(text, by: req.actingUser)
            return try await Self.renderProposals(req, rankings: text)
        } catch let e as any UserFacingError where e.kind == .badInput {
            return try await Self.renderProposals(req, error: e.message(in: req.language), status: .badRequest, rankings: "")
        }
    }

    func propose(req: Request) async throws -> Response {
        let f = FormBody.fields(req)
        do {
            guard f["confirm"] == "1" else { throw InvalidInput(field: "confirm", .required) }
            if f["rule"] == "ASM-4" {
                try await req.store.proposeRankingConsequence(rankings: f["rankings"] ?? "", subject: f["subject"] ?? "", by: req.actingUser)
            } else {
                guard let session = UUID(uuidString: f["session"] ?? "") else { throw InvalidInput(field: "session", .required) }
                try await req.store.proposeConsequence(session: session, subject: f["subject"] ?? "", rule: f["rule"] ?? "", by: req.actingUser)
            }
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict {
            return try await Self.renderProposals(req, error: e.message(in: req.language), status: refusalStatus(e))
        }
        req.flash("insp_saved")
        return req.redirect(to: SurveyRoute.proposals)
    }

    static func status(_ s: BallotSessionStatus, _ l: Language) -> String {
        let w = Words(lang: l)
        switch s {
        case .draft: return w("准备中", "in preparation")
        case .open: return w("投票中", "open")
        case .closed: return w("已结束", "closed")
        }
    }

    struct ChartBlock: Encodable { var title: String; var svg: String?; var empty: String?; var table: String; var csv: String; var note: String }

    // MARK: rounds

    func list(req: Request) async throws -> Response {
        let l = req.language, w = Words(lang: l)
        struct Row: Encodable { var title: String; var unit: String; var year: Int; var state: String; var link: String }
        struct Model: Encodable { var w: [String: String]; var rows: [Row]; var new: String?; var dashboard: String }
        let rows = try await req.store.surveyRounds(by: req.actingUser).map { r in
            Row(title: r.title, unit: r.unitName, year: r.year,
                state: r.analysis != nil ? w("已计票", "counted") : (r.satisfactionSession.map { Self.status($0.status, l) } ?? "—"), link: SurveyRoute.show(r.id).path)
        }
        return try await req.page("surveys", titleKey: "survey_list_title", Model(w: [
            "help": w("每年，党委（党组）向全委会报告干部选拔任用工作，全委会对工作总体情况和新提拔干部进行民主评议（SUR-1、SUR-2）。评议用投票码无记名进行。",
                      "Each year the standing committee reports its selection work to the full committee, which appraises the work and each newly promoted cadre (SUR-1, SUR-2), by secret ballot with voting codes."),
            "title": w("评议", "Round"), "unit": w("单位", "Unit"), "year": w("年度", "Year"), "state": w("状态", "State"),
            "none": w("还没有评议。", "No round yet."), "new": w("发起“一报告两评议”", "Start a round"), "dashboard": w("监督图表", "Supervision charts"),
        ], rows: rows, new: req.actingUser.roles.contains(.organizer) ? SurveyRoute.new.path : nil, dashboard: SurveyRoute.dashboard.path))
    }

    struct NewForm: Content { var unit: String?; var year: String?; var voters: String?; var cadres: String?; var custodians: [String]?; var custodianThreshold: String? }

    static func renderNew(_ req: Request, form: NewForm, error: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let l = req.language, w = Words(lang: l)
        let scope = try await req.store.unitScope(of: req.user!, roles: [.organizer])
        let units = try await req.store.units().filter { scope.contains($0.id) }
        let year = Int(form.year ?? "") ?? req.store.today.year
        var cadresText = form.cadres ?? ""
        if form.cadres == nil, let u = UUID(uuidString: form.unit ?? "") ?? units.first?.id {
            cadresText = try await req.store.appointedIn(unit: u, year: year, by: req.actingUser).map { "\($0.name)，\($0.post)" }.joined(separator: "\n")
        }
        struct Model: Encodable {
            var w: [String: String]; var units: [FormOption]; var year: Int; var voters: String; var cadres: String
            var custodians: [FormOption]; var action: String; var reload: String
        }
        let custodians = try await req.store.custodianCandidates().map { FormOption(value: $0.username, label: "\($0.displayName)（\($0.username)）", selected: form.custodians?.contains($0.username) == true) }
        return try await req.page("survey-new", titleKey: "survey_new_title", Model(w: [
            "help": w("评议票分两张：满意度测评（总体评价、各环节、每名新提拔干部：满意/基本满意/不满意/不了解，BAL-7）和问题测评（是否存在跑官要官等11类问题）。创建后在投票页面发放投票码、开始和结束投票。",
                      "Two ballots: the satisfaction survey (overall, each stage, each newly promoted cadre: satisfied / basically / dissatisfied / don't know, BAL-7) and the problems (did each of 11 kinds occur). Issue codes, open and close the votes on the ballot pages."),
            "unit": w("单位", "Unit"), "year": w("年度", "Year"), "voters": w("参加评议人数（应到）", "People entitled to vote"),
            "cadres": w("新提拔干部（每行一人：姓名，职务）", "Newly promoted cadres (one per line: name, post)"),
            "cadresHelp": w("默认列出该单位及下级单位本年度经本系统任职的人员，可增删。", "Prefilled with the people appointed through this system in the unit and below that year; add or remove."),
            "reload": w("按单位和年度重新列出", "List again for this unit and year"),
            "custodians": w("监票人（至少2人，结束投票时须其中规定人数确认）", "Custodians (at least two; the set number confirm the closing)"),
            "threshold": w("确认人数", "Confirmations needed"), "create": w("创建评议票", "Create the ballots"),
        ], units: units.map { FormOption(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString == form.unit) }, year: year,
           voters: form.voters ?? "", cadres: cadresText, custodians: custodians, action: SurveyRoute.create.path, reload: SurveyRoute.new.path),
           error: error, status: status)
    }

    func new(req: Request) async throws -> Response {
        try await Self.renderNew(req, form: NewForm(unit: req.query["unit"], year: req.query["year"]))
    }

    /// "姓名，职务" lines → cadres with ids c1, c2, … (their order).
    static func cadres(_ text: String) -> [SelectionWorkSurvey.Cadre] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.enumerated().map { i, line in
            let parts = line.split(maxSplits: 1, whereSeparator: { $0 == "，" || $0 == "," || $0 == "\t" }).map { $0.trimmingCharacters(in: .whitespaces) }
            return SelectionWorkSurvey.Cadre(id: "c\(i + 1)", name: parts[0], post: parts.count > 1 ? parts[1] : "")
        }
    }

    func create(req: Request) async throws -> Response {
        let f = (try? req.content.decode(NewForm.self)) ?? NewForm()
        do {
            guard let unit = UUID(uuidString: f.unit ?? "") else { throw InvalidInput(field: "unit", .required) }
            guard let year = Int(f.year ?? "") else { throw InvalidInput(field: "year", .required) }
            guard let voters = Int(f.voters ?? "") else { throw InvalidInput(field: "voters", .required) }
            let threshold = Int(f.custodianThreshold ?? "") ?? CustodianPlan.defaultThreshold
            let plan = try CustodianPlan.checked(names: f.custodians ?? [], threshold: threshold)
            let id = try await req.store.createSurveyRound(unit: unit, year: year, cadres: Self.cadres(f.cadres ?? ""), voters: voters, custodians: plan, by: req.actingUser)
            req.flash("insp_saved")
            return req.redirect(to: SurveyRoute.show(id))
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict {
            return try await Self.renderNew(req, form: f, error: e.message(in: req.language), status: refusalStatus(e))
        }
    }

    func show(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        let r: SurveyRoundView
        do { r = try await req.store.surveyRound(id, by: req.actingUser) } catch let e as InvalidInput where e.issues.first?.field == "survey" { throw Abort(.notFound) }
        return try await req.page("survey", titleKey: "survey_title", SurveyPage.make(r, lang: req.language))
    }

    // MARK: the dashboard

    static func charts(_ req: Request) async throws -> [String: (ChartData, BarChart, String)] {
        let l = req.language, w = Words(lang: l)
        var out: [String: (ChartData, BarChart, String)] = [:]
        let user = req.actingUser
        // CAS-1: reports by month and kind (this year), and by unit
        if let (cases, names) = try? await req.store.countedCases(by: user) {
            let year = req.store.today.year
            let months = (1 ... 12).map { l == .zhHans ? "\($0)月" : ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][$0 - 1] }
            let kinds = ReportKind.allCases.filter { k in cases.contains { $0.kind == k && $0.received.year == year } }
            let byMonth = ChartData(title: w("\(year)年信访举报（按月、按类别）", "Reports in \(year) by month and kind"), categories: months,
                                    series: kinds.map { k in ChartSeries(k.title(in: l), counts: (1 ... 12).map { m in cases.filter { $0.kind == k && $0.received.year == year && $0.received.components.month == m }.count }) },
                                    categoryTitle: w("月份", "Month"), noDataText: w("暂无数据", "No data"), id: "rm")
            out["reports-month"] = (byMonth, BarChart(orientation: .vertical, stacked: true, width: 720, height: 340), w("按收到日期统计（CAS-1）。", "By the day received (CAS-1)."))
            let units = Array(Set(cases.map(\.unit))).sorted { (names[$0] ?? "") < (names[$1] ?? "") }
            let byUnit = ChartData(title: w("各单位信访举报", "Reports by unit"), categories: units.map { names[$0] ?? "" },
                                   series: [ChartSeries(w("受理", "received"), counts: units.map { u in cases.filter { $0.unit == u }.count }),
                                            ChartSeries(w("属实或部分属实", "substantiated"), counts: units.map { u in cases.filter { $0.unit == u && $0.state == .concluded && $0.finding?.substantiates == true }.count })],
                                   categoryTitle: w("单位", "Unit"), noDataText: w("暂无数据", "No data"), id: "ru")
            out["reports-unit"] = (byUnit, BarChart(orientation: .horizontal, stacked: false, width: 720, height: max(200, Double(units.count) * 56 + 110)),
                                   w("全部年度。", "All years."))
        }
        // SUR-3: satisfaction index by unit and year
        let indices = try await req.store.satisfactionIndices(by: user)
        let years = Array(Set(indices.map(\.year))).sorted()
        let sUnits = Array(Set(indices.map(\.unit))).sorted()
        let sat = ChartData(title: w("干部选拔任用工作满意度指数（按单位、年度）", "Satisfaction index of selection work by unit and year"), categories: sUnits,
                            series: years.map { y in ChartSeries("\(y)", sUnits.map { u in indices.first { $0.unit == u && $0.year == y }?.index.map { Decimal($0.tenths) / 10 } }) },
                            categoryTitle: w("单位", "Unit"), reference: ReferenceLine(80, label: w("整改线 80", "rectification line 80")), decimals: 1,
                            noDataText: w("暂无已计票的评议", "No counted round yet"), id: "si")
        out["satisfaction"] = (sat, BarChart(orientation: .vertical, stacked: false, width: 720, height: 320),
                               w("满意=100、基本满意=60、不满意=0，不了解不计（SUR-3）；低于80分的单位应整改。", "Satisfied 100, basically 60, dissatisfied 0, don't know left out (SUR-3); units below 80 get a rectification notice."))
        // SUR-4: competitive share by unit and year, against 1/3
        let shares = try await req.store.competitiveShares(by: user)
        let cYears = Array(Set(shares.map(\.counts.year))).sorted()
        let cUnits = Array(Set(shares.map(\.counts.unit))).sorted()
        let comp = ChartData(title: w("竞争性选拔干部占新提拔干部比例", "Share of newly promoted cadres selected competitively"), categories: cUnits,
                             series: cYears.map { y in ChartSeries("\(y)", cUnits.map { u in shares.first { $0.counts.unit == u && $0.counts.year == y }.flatMap { $0.share.percentTenths.map { Decimal($0) / 10 } } }) },
                             categoryTitle: w("单位", "Unit"), reference: ReferenceLine(Decimal(1000) / 30, label: w("目标 1/3", "target 1/3")), decimals: 1, unit: "%",
                             noDataText: w("暂无任职记录", "No appointment yet"), id: "cs")
        out["competitive"] = (comp, BarChart(orientation: .vertical, stacked: false, width: 720, height: 320),
                              w("经本系统任职的人员中，以公开选拔、竞争上岗等竞争性方式产生的比例；目标不低于三分之一（SUR-4）。", "Of the people appointed through Xuanren, those selected by a competitive procedure; the target is at least one third (SUR-4)."))
        return out
    }

    static let order = ["reports-month", "reports-unit", "satisfaction", "competitive"]

    func dashboard(req: Request) async throws -> Response {
        let w = Words(lang: req.language)
        let charts = try await Self.charts(req)
        struct Model: Encodable { var w: [String: String]; var blocks: [ChartBlock]; var surveys: String; var cases: String }
        let blocks = Self.order.compactMap { key in
            charts[key].map { data, chart, note in
                ChartBlock(title: data.title, svg: data.isEmpty ? nil : chart.svg(data), empty: data.isEmpty ? data.noDataText : nil,
                           table: ChartTable.html(data, totals: key == "reports-month", totalTitle: w("合计", "Total")),
                           csv: SurveyRoute.csv(key + ".csv").path, note: note)
            }
        }
        return try await req.page("supervision", titleKey: "supervision_title", Model(w: [
            "help": w("图表由服务器生成，无需脚本；每张图附数据表和CSV下载。", "Charts are drawn on the server (no script); each has its table and a CSV download."),
            "table": w("数据表", "Table"), "csv": w("下载CSV", "Download CSV"), "surveys": w("一报告两评议", "Annual appraisals"), "cases": w("举报案件", "Report cases"),
        ], blocks: blocks, surveys: SurveyRoute.list.path, cases: CaseRoute.list.path))
    }

    func csv(req: Request) async throws -> Response {
        guard let name = req.parameters.get("chart"), name.hasSuffix(".csv") else { throw Abort(.notFound) }
        let key = String(name.dropLast(4))
        guard Self.order.contains(key), let (data, _, _) = try await Self.charts(req)[key] else { throw Abort(.notFound) }
        let res = Response(status: .ok, body: .init(string: CSV.write(data, bom: true, totals: key == "reports-month", totalTitle: Words(lang: req.language)("合计", "Total"))))
        res.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return res
    }
}

/// One round: its ballots and, once counted, the analysis item by item with charts (SUR-2, SUR-3).
struct SurveyPage: Encodable {
    struct Line: Encodable { var item: String; var satisfied: Int; var basic: Int; var dissatisfied: Int; var unknown: Int; var index: String; var low: Bool; var flag: Bool }
    struct Problem: Encodable { var title: String; var occurred: Int; var not: Int; var unknown: Int; var share: String }
    var w: [String: String]
    var title: String; var unit: String; var year: Int
    var sessions: [[String: String]]
    var counted: Bool
    var lines: [Line]; var cadres: [Line]; var problems: [Problem]
    var chart: String; var problemChart: String

    static func make(_ r: SurveyRoundView, lang l: Language) -> SurveyPage {
        let w = Words(lang: l)
        var sessions: [[String: String]] = []
        if let s = r.satisfactionSession { sessions.append(["label": w("满意度测评票", "Satisfaction ballot"), "state": SurveyController.status(s.status, l), "link": BallotRoute.detail(s.id).path]) }
        if let s = r.occurrenceSession { sessions.append(["label": w("问题测评票", "Problems ballot"), "state": SurveyController.status(s.status, l), "link": BallotRoute.detail(s.id).path]) }
        func line(_ name: String, _ s: SatisfactionLine, flag: Bool = false) -> Line {
            Line(item: name, satisfied: s.counts.satisfied, basic: s.counts.basic, dissatisfied: s.counts.dissatisfied, unknown: s.counts.unknown,
                 index: s.index?.text ?? "—", low: s.belowThreshold, flag: flag)
        }
        var lines: [Line] = [], cadres: [Line] = [], problems: [Problem] = []
        var chart = "", problemChart = ""
        if let a = r.analysis {
            lines = [line(SurveyItem(.overall).question(in: l), a.overall)] + a.stages.map { line($0.stage.title(in: l), $0.line) }
            cadres = a.cadres.map { line($0.cadre.name + ($0.cadre.post.isEmpty ? "" : "（\($0.cadre.post)）"), $0.line, flag: $0.manyDissatisfied) }
            problems = a.problems.map { Problem(title: $0.problem.title(in: l), occurred: $0.counts.occurred, not: $0.counts.notOccurred, unknown: $0.counts.unknown, share: $0.share.percentText ?? "—") }
            let all = lines + cadres
            let answers = SatisfactionAnswer.allCases
            let data = ChartData(title: w("满意度测评结果", "Satisfaction survey"), categories: all.map(\.item),
                                 series: answers.map { a in ChartSeries(a.title(in: l), counts: all.map { [$0.satisfied, $0.basic, $0.dissatisfied, $0.unknown][answers.firstIndex(of: a)!] }) },
                                 categoryTitle: w("评议项目", "Item"), noDataText: w("暂无数据", "No data"), id: "sv")
            chart = BarChart(orientation: .horizontal, stacked: true, width: 720, height: max(220, Double(all.count) * 40 + 110)).svg(data)
            let pdata = ChartData(title: w("认为存在该问题的票数", "Ballots saying the problem occurred"), categories: problems.map(\.title),
                                  series: [ChartSeries(w("存在", "occurred"), counts: problems.map(\.occurred))], categoryTitle: w("问题", "Problem"),
                                  noDataText: w("问题测评尚未计票", "The problems ballot is not counted yet"), id: "pr")
            problemChart = BarChart(orientation: .horizontal, stacked: false, width: 720, height: max(220, Double(problems.count) * 34 + 110)).svg(pdata)
        }
        return SurveyPage(w: [
            "unit": w("单位", "Unit"), "year": w("年度", "Year"), "ballots": w("评议票", "Ballots"),
            "ballotsHelp": w("在投票页面发放投票码、开始和结束投票；两张票结束后在此显示结果。", "Issue codes, open and close the votes on the ballot pages; the results show here once they are closed."),
            "notCounted": w("满意度测评尚未结束计票。", "The satisfaction ballot is not closed yet."),
            "item": w("项目", "Item"), "satisfied": w("满意", "Satisfied"), "basic": w("基本满意", "Basically"), "dissatisfied": w("不满意", "Dissatisfied"),
            "unknown": w("不了解", "Don't know"), "index": w("满意度指数", "Index"), "low": w("低于整改线", "below the line"),
            "cadres": w("新提拔干部评议", "Newly promoted cadres"), "flag": w("不满意超过1/3：列为检查必查对象（CHK-2）", "more than 1/3 dissatisfied: a file a check must review (CHK-2)"),
            "problems": w("问题测评", "Problems"), "occurred": w("存在", "Occurred"), "not": w("不存在", "Did not"), "share": w("存在比例", "Share"),
            "work": w("工作总体和各环节", "The work and its stages"),
        ], title: r.title, unit: r.unitName, year: r.year, sessions: sessions, counted: r.analysis != nil,
        lines: lines, cadres: cadres, problems: problems, chart: chart, problemChart: problemChart)
    }
}
