import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// The public report form, its receipt and lookup, the typical cases (CAS-1, CAS-2, CAS-6); the supervisors' cases,
/// the clerks' entry and the statistics (CAS-1…5). Thin: the store decides who may see and do what.
struct CaseController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(ReportRoute.form, use: form)
        routes.on(ReportRoute.submit, use: submit)
        routes.on(ReportRoute.follow, use: follow)
        routes.on(ReportRoute.lookup, use: lookup)
        routes.on(ReportRoute.typical, use: typical)
        routes.on(CaseRoute.list, use: list)
        routes.on(CaseRoute.enter, use: enter)
        routes.on(CaseRoute.create, use: create)
        routes.on(CaseRoute.show("c"), use: show)
        routes.on(CaseRoute.step("c"), use: step)
        routes.on(CaseRoute.identity("c"), use: identity)
        routes.on(CaseRoute.publish("c"), use: publish)
        routes.on(CaseRoute.attachment("c", file: "a"), use: attachment)
        routes.on(CaseRoute.stats, use: stats)
        routes.on(CaseRoute.statsCSV, use: statsCSV)
    }

    // MARK: the form (public and clerks')

    /// What the report form posts. Files come only with `multipart/form-data`.
    struct ReportForm: Content {
        var unit: String?
        var kind: String?
        var text: String?
        var person: String?
        var leaders: String?
        var realName: String?
        var name: String?
        var phone: String?
        var resident: String?
        var channel: String?
        var received: String?
        var file1: File?
        var file2: File?
        var file3: File?
        var once: String?
    }

    static func readForm(_ req: Request) -> ReportForm {
        (try? req.content.decode(ReportForm.self)) ?? ReportForm()
    }

    static func submission(_ f: ReportForm, staff: Bool) throws -> ReportSubmission {
        var issues: [InvalidInput.Issue] = []
        let kind = ReportKind(rawValue: f.kind ?? "")
        if kind == nil { issues.append(.init(field: "kind", problem: .required)) }
        var channel = ReportChannel.web
        var received: CivilDay? = nil
        if staff {
            if let c = ReportChannel(rawValue: f.channel ?? ""), c != .web { channel = c } else { issues.append(.init(field: "channel", problem: .required)) }
            let raw = (f.received ?? "").trimmingCharacters(in: .whitespaces)
            if !raw.isEmpty {
                if let d = CivilDay(raw) { received = d } else { issues.append(.init(field: "received", problem: .described(zh: "日期格式应为2026-05-08", en: "write the date as 2026-05-08"))) }
            }
        }
        if !issues.isEmpty { throw InvalidInput(issues) }
        let reporter: ReporterIdentity? = f.realName == "1" ? ReporterIdentity(name: f.name ?? "", phone: f.phone ?? "", identityNumber: f.resident ?? "") : nil
        let files = [f.file1, f.file2, f.file3].compactMap { $0 }.filter { $0.data.readableBytes > 0 }
        return ReportSubmission(unit: UUID(uuidString: f.unit ?? ""), kind: kind!, channel: channel, text: f.text ?? "",
                                aboutLeaders: f.leaders == "1", person: f.person ?? "", reporter: reporter,
                                attachments: files.map { ReportUpload(bytes: Array($0.data.readableBytesView)) }, received: received)
    }

    static func renderForm(_ req: Request, staff: Bool, error: String? = nil, status: HTTPStatus = .ok, form: ReportForm = ReportForm()) async throws -> Response {
        let units = try await req.store.units()
        let model = ReportFormPage.make(lang: req.language, staff: staff, units: units, form: form,
                                        action: staff ? CaseRoute.create.path : ReportRoute.submit.path,
                                        follow: ReportRoute.follow.path, typical: ReportRoute.typical.path, today: req.store.today)
        return try await req.page("report-form", titleKey: staff ? "case_enter_title" : "report_title", model, error: error, status: status)
    }

    func form(req: Request) async throws -> Response { try await Self.renderForm(req, staff: false) }

    func submit(req: Request) async throws -> Response {
        let f = Self.readForm(req)
        do {
            let s = try Self.submission(f, staff: false)
            if let once = f.once, !req.application.reportOnce.take(once, day: req.store.today) {
                throw InvalidInput(field: "once", .described(zh: "这份举报已经提交过，不会重复登记；受理码只在第一次提交后显示。", en: "this report was already sent and is not filed twice; the receipt code was shown after the first sending."))
            }
            let receipt = try await req.store.fileReport(s, client: req.remoteAddress?.ipAddress ?? "", dailyLimit: req.application.settings.reportDailyLimit)
            return try await Self.receipt(req, receipt, staff: false)
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .locked {
            var kept = f
            kept.file1 = nil; kept.file2 = nil; kept.file3 = nil
            return try await Self.renderForm(req, staff: false, error: e.message(in: req.language), status: refusalStatus(e), form: kept)
        }
    }

    static func receipt(_ req: Request, _ r: ReportReceiptView, staff: Bool) async throws -> Response {
        let w = Words(lang: req.language)
        struct Model: Encodable { var number: String; var code: String; var w: [String: String]; var follow: String; var staff: Bool; var back: String }
        let model = Model(number: r.number, code: r.code, w: [
            "registered": w("举报已登记。", "Your report is registered."),
            "number": w("案件编号", "Case number"), "code": w("受理码", "Receipt code"),
            "keep": w("请抄下或打印受理码。它只显示这一次，系统不保存受理码本身，遗失后无法找回。凭受理码可查询办理进度和结果。",
                      "Write the receipt code down or print it. It is shown this once only; the system does not keep the code itself and cannot give it again. With it you can follow the report and read its outcome."),
            "anon": w("系统不记录您的IP地址、浏览器信息或提交的具体时间。", "The system records neither your IP address, nor your browser, nor the time of day you sent the report."),
            "follow": w("查询办理情况", "Follow a report"), "print": w("打印", "Print"),
            "staffNote": w("请将案件编号和受理码告知举报人（电话中读出或随复函寄出）。", "Give the reporter the case number and the receipt code (read them out, or send them with the reply)."),
            "back": req.actingUser.roles.contains(.supervisor) ? w("返回案件列表", "Back to the cases") : w("再登记一件", "Enter another"),
        ], follow: ReportRoute.follow.path, staff: staff, back: req.actingUser.roles.contains(.supervisor) ? CaseRoute.list.path : CaseRoute.enter.path)
        return try await req.page("report-receipt", titleKey: "report_receipt_title", model)
    }

    // MARK: following with the receipt

    func follow(req: Request) async throws -> Response { try await Self.renderFollow(req, result: nil) }

    static func renderFollow(_ req: Request, result: ReportFollowView?, searched: Bool = false, error: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let w = Words(lang: req.language), l = req.language
        struct Result: Encodable { var number: String; var kind: String; var received: String; var state: String; var concluded: String?; var finding: String?; var feedback: String }
        struct Model: Encodable { var w: [String: String]; var action: String; var result: Result?; var notFound: Bool; var report: String }
        let model = Model(w: [
            "help": w("输入举报时得到的受理码，查询办理进度和结果。", "Type the receipt code you were given to follow the report and read its outcome."),
            "code": w("受理码", "Receipt code"), "search": w("查询", "Look up"),
            "number": w("案件编号", "Case number"), "kind": w("问题类别", "Kind"), "received": w("收到日期", "Received"),
            "state": w("办理状态", "State"), "concluded": w("办结日期", "Concluded"), "finding": w("办理结论", "Finding"),
            "feedback": w("反馈意见", "Reply to the reporter"),
            "notFound": w("没有找到与该受理码对应的举报。请核对后重试。", "No report matches this receipt code. Check it and try again."),
            "report": w("我要举报", "Make a report"),
        ], action: ReportRoute.lookup.path, result: result.map {
            Result(number: $0.number, kind: $0.kind.title(in: l), received: $0.received.text(in: l), state: $0.state.title(in: l),
                   concluded: $0.concluded?.text(in: l), finding: $0.finding?.title(in: l), feedback: $0.feedback)
        }, notFound: searched && result == nil, report: ReportRoute.form.path)
        return try await req.page("report-follow", titleKey: "report_follow_title", model, error: error, status: status)
    }

    func lookup(req: Request) async throws -> Response {
        let f = FormBody.fields(req)
        do {
            // lookups have their own daily budget per client (in memory), so codes cannot be tried by the thousand
            let result = try await req.store.followReport(code: f["code"] ?? "", client: req.remoteAddress?.ipAddress ?? "")
            return try await Self.renderFollow(req, result: result, searched: true, status: result == nil ? .notFound : .ok)
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .locked {
            return try await Self.renderFollow(req, result: nil, error: e.message(in: req.language), status: refusalStatus(e))
        }
    }

    func typical(req: Request) async throws -> Response {
        let l = req.language, w = Words(lang: l)
        struct Row: Encodable { var title: String; var text: String; var kind: String; var finding: String; var published: String }
        struct Model: Encodable { var rows: [Row]; var w: [String: String]; var report: String }
        let rows = try await req.store.typicalCases().map {
            Row(title: $0.title, text: $0.text, kind: $0.kind.title(in: l), finding: $0.finding?.title(in: l) ?? "", published: $0.published)
        }
        return try await req.page("report-typical", titleKey: "report_typical_title", Model(rows: rows, w: [
            "help": w("以下典型案例经查处后公开，用于警示教育（CAS-6）。", "These cases were concluded and are published as warnings (CAS-6)."),
            "none": w("暂无公开的典型案例。", "No typical case is published yet."), "kind": w("问题类别", "Kind"), "finding": w("结论", "Finding"),
            "published": w("公开日期", "Published"), "report": w("我要举报", "Make a report"),
        ], report: ReportRoute.form.path))
    }

    // MARK: staff

    func enter(req: Request) async throws -> Response { try await Self.renderForm(req, staff: true) }

    func create(req: Request) async throws -> Response {
        let f = Self.readForm(req)
        do {
            let receipt = try await req.store.enterReport(try Self.submission(f, staff: true), by: req.actingUser)
            return try await Self.receipt(req, receipt, staff: true)
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict {
            var kept = f
            kept.file1 = nil; kept.file2 = nil; kept.file3 = nil
            return try await Self.renderForm(req, staff: true, error: e.message(in: req.language), status: refusalStatus(e), form: kept)
        }
    }

    func list(req: Request) async throws -> Response {
        let rows = try await req.store.cases(by: req.actingUser)
        let model = CasesPage.make(rows, lang: req.language, today: req.store.today, roles: req.actingUser.roles)
        return try await req.page("cases", titleKey: "case_list_title", model)
    }

    static func caseID(_ req: Request) throws -> String {
        guard let id = req.parameters.get("case"), id.count == 32, id.allSatisfy(\.isHexDigit) else { throw Abort(.notFound) }
        return id
    }

    static func renderCase(_ req: Request, identity: ReporterIdentity? = nil, error: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let id = try caseID(req)
        let d: CaseDetail
        do { d = try await req.store.caseDetail(id, by: req.actingUser) } catch let e as InvalidInput where e.issues.first?.field == "case" { throw Abort(.notFound) }
        let model = CasePage.make(d, identity: identity, lang: req.language, today: req.store.today)
        return try await req.page("case", titleKey: "case_title", model, error: error, status: status)
    }

    func show(req: Request) async throws -> Response { try await Self.renderCase(req) }

    func step(req: Request) async throws -> Response {
        let id = try Self.caseID(req)
        let f = FormBody.fields(req)
        do {
            let input: CaseStepInput
            switch f["step"] ?? "" {
            case "assign":
                input = .assign((f["assignees"] ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " }).map(String.init))
            case "investigate": input = .investigate
            case "target":
                let matter = UUID(uuidString: f["matter"] ?? "")
                let person = UUID(uuidString: f["person"] ?? "")
                if (f["matter"] ?? "").isEmpty == false, matter == nil { throw InvalidInput(field: "matter", .notFound(f["matter"] ?? "")) }
                input = .target(matter: matter, person: matter == nil ? nil : person)
            case "forward":
                guard let u = UUID(uuidString: f["unit"] ?? "") else { throw InvalidInput(field: "unit", .required) }
                input = .forward(u)
            case "conclude":
                guard let finding = CaseFinding(rawValue: f["finding"] ?? "") else { throw InvalidInput(field: "finding", .required) }
                input = .conclude(finding, conclusion: f["conclusion"] ?? "", feedback: f["feedback"] ?? "")
            case "review":
                guard let a = f["accept"], a == "1" || a == "0" else { throw InvalidInput(field: "accept", .required) }
                input = .review(accept: a == "1", note: f["note"] ?? "")
            case "extend": input = .extend(reason: f["reason"] ?? "")
            default: throw InvalidInput(field: "step", .required)
            }
            try await req.store.stepCase(id, input, by: req.actingUser)
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict {
            return try await Self.renderCase(req, error: e.message(in: req.language), status: refusalStatus(e))
        }
        req.flash("insp_saved")
        return req.redirect(to: CaseRoute.show(id))
    }

    /// CAS-2: the identity is shown on this one response (never stored in the session or a link); the reading is
    /// in the ledger before it is shown.
    func identity(req: Request) async throws -> Response {
        let id = try Self.caseID(req)
        let f = FormBody.fields(req)
        guard f["confirm"] == "1" else {
            return try await Self.renderCase(req, error: Words(lang: req.language)("请勾选确认：查阅举报人身份将被记录。", "Tick the box: reading the reporter's identity is recorded."), status: .badRequest)
        }
        let who = try await req.store.readReporterIdentity(id, by: req.actingUser)
        return try await Self.renderCase(req, identity: who)
    }

    func publish(req: Request) async throws -> Response {
        let id = try Self.caseID(req)
        let f = FormBody.fields(req)
        do {
            try await req.store.publishTypicalCase(id, title: f["title"] ?? "", text: f["text"] ?? "", by: req.actingUser)
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict {
            return try await Self.renderCase(req, error: e.message(in: req.language), status: refusalStatus(e))
        }
        req.flash("insp_saved")
        return req.redirect(to: CaseRoute.show(id))
    }

    func attachment(req: Request) async throws -> Response {
        let id = try Self.caseID(req)
        guard let file = req.parameters.get("file"), file.count == 32, file.allSatisfy(\.isHexDigit) else { throw Abort(.notFound) }
        let a: (type: String, bytes: Data)
        do { a = try await req.store.caseAttachment(id, attachment: file, by: req.actingUser) } catch let e as InvalidInput where ["case", "attachment"].contains(e.issues.first?.field) { throw Abort(.notFound) }
        let res = Response(status: .ok, body: .init(data: a.bytes))
        res.headers.contentType = HTTPMediaType(type: String(a.type.split(separator: "/")[0]), subType: String(a.type.split(separator: "/")[1]))
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(file).\(a.type.hasSuffix("pdf") ? "pdf" : a.type.hasSuffix("png") ? "png" : "jpg")\"")
        res.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        res.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return res
    }

    // MARK: statistics (CAS-1, CAS-5) with charts

    static func period(_ req: Request) throws -> (CivilDay, CivilDay) {
        let today = req.store.today
        let from = try req.query.get(String?.self, at: "from").flatMap { $0.isEmpty ? nil : $0 }
        let to = try req.query.get(String?.self, at: "to").flatMap { $0.isEmpty ? nil : $0 }
        let start = try from.map { guard let d = CivilDay($0) else { throw InvalidInput(field: "from", .described(zh: "日期格式应为2026-05-08", en: "write the date as 2026-05-08")) }; return d }
            ?? CivilDay(year: today.year, month: 1, day: 1)!
        let end = try to.map { guard let d = CivilDay($0) else { throw InvalidInput(field: "to", .described(zh: "日期格式应为2026-05-08", en: "write the date as 2026-05-08")) }; return d } ?? today
        if end < start { throw InvalidInput(field: "to", .described(zh: "结束日期不能早于开始日期", en: "the end cannot be before the start")) }
        return (start, end)
    }

    static func threshold(_ req: Request) -> Int {
        max(1, (try? req.query.get(Int.self, at: "threshold")) ?? 5)
    }

    func stats(req: Request) async throws -> Response {
        let (from, to) = try Self.period(req)
        let threshold = Self.threshold(req)
        let (s, names) = try await req.store.reportStatistics(from: from, to: to, threshold: threshold, by: req.actingUser)
        let model = CaseStatsPage.make(s, names: names, from: from, to: to, lang: req.language,
                                       csv: CaseRoute.statsCSV.link(["from": from.description, "to": to.description, "threshold": "\(threshold)"]),
                                       action: CaseRoute.stats.path, list: CaseRoute.list.path)
        return try await req.page("case-stats", titleKey: "case_stats_title", model)
    }

    func statsCSV(req: Request) async throws -> Response {
        let (from, to) = try Self.period(req)
        let (s, names) = try await req.store.reportStatistics(from: from, to: to, threshold: Self.threshold(req), by: req.actingUser)
        let text = CSV.write(CaseStatsPage.tableData(s, names: names, lang: req.language), bom: true, totals: true, totalTitle: Words(lang: req.language)("合计", "Total"))
        let res = Response(status: .ok, body: .init(string: text))
        res.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"reports-\(from)-\(to).csv\"")
        return res
    }
}
