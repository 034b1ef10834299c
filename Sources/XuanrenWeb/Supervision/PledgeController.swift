import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// Pledge campaigns (DIS-3): the list, a new campaign, a campaign's page with its cadres and the form to record a
/// signed paper pledge, and the A4 pledge forms to print. Thin: the store decides who may see and do what.
struct PledgeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let p = UUID.parameter
        routes.on(PledgeRoute.list, use: list)
        routes.on(PledgeRoute.new, use: new)
        routes.on(PledgeRoute.create, use: create)
        routes.on(PledgeRoute.show(p), use: show)
        routes.on(PledgeRoute.open(p), use: open)
        routes.on(PledgeRoute.close(p), use: close)
        routes.on(PledgeRoute.sign(p), use: sign)
        routes.on(PledgeRoute.print(p), use: printForms)
    }

    static func campaignID(_ req: Request) throws -> UUID { try CommitteeController.uuid(req, "campaign") }

    /// The campaign for `req`'s reader; an unknown campaign is a 404, one outside the reader's units a 403.
    static func detail(_ req: Request) async throws -> PledgeCampaignDetail {
        let id = try campaignID(req)
        do { return try await req.store.pledgeCampaign(id, by: req.actingUser) } catch let e as InvalidInput where e.issues.first?.field == "campaign" { throw Abort(.notFound) }
    }

    /// The words shared by the pages.
    static func words(_ l: Language) -> [String: String] {
        let w = Words(lang: l)
        return [
            "help": w("换届前，符合条件的干部逐一签署严肃换届纪律承诺书；换届纪律要求向参与选拔任用的每一个人公开。", "Before a change of leadership every eligible cadre signs a pledge of discipline; the discipline rules are shown to everyone who takes part in a selection."),
            "new": w("新建承诺书征集", "New pledge campaign"), "none": w("暂无承诺书征集。", "No pledge campaign yet."),
            "name": w("换届名称", "Change of leadership"), "unit": w("单位", "Unit"), "state": w("状态", "State"),
            "deadline": w("签署截止日期", "Deadline"), "signed": w("已签署", "Signed"), "outstanding": w("未签署", "Outstanding"),
            "overdue": w("逾期未签", "Overdue"), "late": w("其中逾期签署", "of which late"), "eligible": w("应签人数", "To sign"),
            "partial": w("仅统计您所管理单位的干部", "Counted over the cadres of your units only"),
            "pledgeText": w("承诺书内容", "Pledge text"), "rules": w("换届纪律要求", "Discipline rules"),
            "rulesHelp": w("默认内容为示例，请按上级换届纪律文件（如“5个严禁、17个不准、5个一律”）修改。开始征集后，本单位及下级单位选拔任用事项的报名、投票和事项页面向所有参与人员显示这些要求。",
                           "The default is an example: replace it with the rules of the higher-level documents (e.g. “5 prohibitions, 17 don'ts, 5 always”). Once the campaign opens, the registration, voting and matter pages of the unit and the units below show these rules to every participant."),
            "unitHelp": w("本单位及下级单位干部档案中的全部干部须签署承诺书（开始征集时确定名单）。", "Every registry cadre of the unit and the units below signs (the list is fixed when the campaign opens)."),
            "create": w("创建（草拟）", "Create (as a draft)"), "choose": w("请选择", "Choose"), "back": w("返回承诺书征集", "Back to the campaigns"),
            "open": w("开始征集", "Open the campaign"), "close": w("结束征集", "Close the campaign"),
            "openHelp": w("开始征集后确定应签干部名单，并开始向参与人员显示换届纪律要求。", "Opening fixes the cadres who sign and starts showing the rules to participants."),
            "closeHelp": w("结束后不再登记承诺书，也不再向参与人员显示换届纪律要求；未签署的干部保留在名单中。", "Once closed, no pledge is recorded and the rules are no longer shown; the cadres who did not sign stay listed."),
            "draftHelp": w("草拟中：下列干部将在开始征集时列入名单。", "Draft: these cadres will be listed when the campaign opens."),
            "cadre": w("干部", "Cadre"), "post": w("现任职务", "Post"), "status": w("签署情况", "Status"),
            "signedOn": w("签署日期", "Signed on"), "recorded": w("登记", "Recorded"), "record": w("登记收到的承诺书", "Record the signed pledge"),
            "recordHelp": w("干部在纸质承诺书上签字后交回；由本单位组织人事干部登记签署日期。", "Cadres sign the paper form and hand it in; an organizer or clerk of their unit records the day it was signed."),
            "save": w("登记", "Record"), "print": w("打印承诺书", "Print the pledge forms"), "printOne": w("打印", "Print"),
            "noCadres": w("您所管理的单位中没有应签署的干部。", "No cadre of your units is to sign."),
            "created": w("创建", "Created"), "opened": w("开始", "Opened"), "closed": w("结束", "Closed"),
            "title": w("严肃换届纪律承诺书", "Pledge of discipline for the change of leadership"),
            "signature": w("承诺人（签名）", "Signed (the cadre)"), "date": w("年　　月　　日", "Date"),
            "returnBy": w("请于以下日期前签署并交回", "Please sign and hand in by"), "personName": w("姓名", "Name"), "printAll": w("打印全部", "Print all"),
        ]
    }

    // MARK: list and new

    func list(req: Request) async throws -> Response {
        let l = req.language
        let rows = try await req.store.pledgeCampaigns(by: req.actingUser)
        struct Row: Encodable {
            var link: String; var name: String; var unit: String; var state: String; var active: Bool; var deadline: String
            var eligible: Int; var signed: Int; var late: Int; var outstanding: Int; var overdue: Int; var partial: Bool
        }
        struct Model: Encodable { var w: [String: String]; var rows: [Row]; var new: String? }
        let organizes = req.actingUser.roles.contains(.organizer)
        return try await req.page("pledges", titleKey: "pledge_list_title", Model(w: Self.words(l), rows: rows.map { r in
            Row(link: PledgeRoute.show(r.id).path, name: r.value.name, unit: r.unitName, state: r.value.state.title(in: l), active: r.value.isActive,
                deadline: r.value.deadline.text(in: l), eligible: r.summary.eligible, signed: r.summary.signed, late: r.summary.late,
                outstanding: r.summary.outstanding, overdue: r.summary.overdue, partial: r.partial)
        }, new: organizes ? PledgeRoute.new.path : nil))
    }

    struct NewModel: Encodable {
        struct Option: Encodable { var value: String; var label: String; var selected: Bool }
        var w: [String: String]; var units: [Option]; var f: [String: String]; var action: String; var back: String; var maxText: Int
    }

    static func renderNew(_ req: Request, form: [String: String] = [:], error: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let units = try await MatterController.organizerUnits(req)
        var f = form
        f["pledgeText"] = f["pledgeText"] ?? PledgeCampaign.defaultPledgeText
        f["rules"] = f["rules"] ?? PledgeCampaign.defaultRules
        f["deadline"] = f["deadline"] ?? req.store.today.adding(days: 14).description
        let model = NewModel(w: words(req.language), units: units.map {
            NewModel.Option(value: $0.id.uuidString, label: String(repeating: "　", count: $0.depth) + $0.name, selected: $0.id.uuidString == f["unit"])
        }, f: f, action: PledgeRoute.create.path, back: PledgeRoute.list.path, maxText: PledgeCampaign.maxText)
        return try await req.page("pledge-new", titleKey: "pledge_new_title", model, error: error, status: status)
    }

    func new(req: Request) async throws -> Response { try await Self.renderNew(req) }

    func create(req: Request) async throws -> Response {
        let f = FormBody.fields(req)
        do {
            guard let unit = UUID(uuidString: f["unit"] ?? "") else { throw InvalidInput(field: "unit", .required) }
            guard let deadline = CivilDay(f["deadline"] ?? "") else { throw InvalidInput(field: "deadline", .described(zh: "日期格式应为2026-05-08", en: "write the date as 2026-05-08")) }
            let id = try await req.store.createPledgeCampaign(PledgeCampaignInput(unit: unit, name: f["name"] ?? "", deadline: deadline,
                                                                                  pledgeText: f["pledgeText"] ?? "", rules: f["rules"] ?? ""), by: req.actingUser)
            req.flash("insp_saved")
            return req.redirect(to: PledgeRoute.show(id))
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict {
            return try await Self.renderNew(req, form: f, error: e.message(in: req.language), status: refusalStatus(e))
        }
    }

    // MARK: a campaign

    struct CadreView: Encodable {
        var id: String; var name: String; var unit: String; var post: String; var status: String?; var tone: String
        var signed: String?; var recorded: String?; var record: Bool; var print: String?
    }

    static func render(_ req: Request, error: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let l = req.language
        let d = try await detail(req)
        let c = d.row.value, id = d.row.id
        struct Model: Encodable {
            var w: [String: String]; var name: String; var unit: String; var state: String; var draft: Bool; var active: Bool
            var deadline: String; var created: String; var opened: String?; var closed: String?
            var s: [String: Int]; var partial: Bool; var pledgeText: String; var rules: String
            var cadres: [CadreView]; var today: String
            var open: String?; var close: String?; var sign: String; var print: String?; var back: String
        }
        let s = d.row.summary
        let records = d.row.records && c.state != .draft
        let model = Model(
            w: words(l), name: c.name, unit: d.row.unitName, state: c.state.title(in: l), draft: c.state == .draft, active: c.isActive,
            deadline: c.deadline.text(in: l), created: c.created.text(in: l) + " · " + c.createdBy, opened: c.opened?.text(in: l), closed: c.closed?.text(in: l),
            s: ["eligible": s.eligible, "signed": s.signed, "late": s.late, "outstanding": s.outstanding, "overdue": s.overdue],
            partial: d.row.partial, pledgeText: c.pledgeText, rules: c.rules,
            cadres: d.cadres.map { r in
                CadreView(id: r.id.uuidString, name: r.name, unit: r.unitName, post: r.post, status: r.status?.title(in: l),
                          tone: r.status == .overdue ? "warn" : r.status?.isSigned == true ? "ok" : "",
                          signed: r.pledge?.signed.text(in: l), recorded: r.pledge.map { $0.recorded.text(in: l) + " · " + $0.recordedBy },
                          record: r.mayRecord, print: records && r.pledge == nil ? PledgeRoute.print(id).link(["cadre": r.id.uuidString]) : nil)
            },
            today: req.store.today.description,
            open: d.row.manages && c.state == .draft ? PledgeRoute.open(id).path : nil,
            close: d.row.manages && c.state == .open ? PledgeRoute.close(id).path : nil,
            sign: PledgeRoute.sign(id).path, print: records ? PledgeRoute.print(id).path : nil, back: PledgeRoute.list.path)
        return try await req.page("pledge", titleKey: "pledge_title", model, error: error, status: status)
    }

    func show(req: Request) async throws -> Response { try await Self.render(req) }

    /// A form post, then the page again: with the reason in words when refused. Refused (403) before the form is
    /// read for a reader whose grants do not reach the campaign.
    static func act(_ req: Request, _ body: (UUID, [String: String]) async throws -> Void) async throws -> Response {
        let id = try campaignID(req)
        do {
            try await body(id, FormBody.fields(req))
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict {
            return try await render(req, error: e.message(in: req.language), status: refusalStatus(e))
        }
        req.flash("insp_saved")
        return req.redirect(to: PledgeRoute.show(id).link(fragment: "cadres"))
    }

    func open(req: Request) async throws -> Response {
        try await Self.act(req) { id, _ in try await req.store.openPledgeCampaign(id, by: req.actingUser) }
    }

    func close(req: Request) async throws -> Response {
        try await Self.act(req) { id, _ in try await req.store.closePledgeCampaign(id, by: req.actingUser) }
    }

    func sign(req: Request) async throws -> Response {
        // refused before the form is read for a reader who records in none of the campaign's units
        guard try await Self.detail(req).row.records else { throw NotPermitted() }
        return try await Self.act(req) { id, f in
            guard let cadre = UUID(uuidString: f["cadre"] ?? "") else { throw InvalidInput(field: "cadre", .required) }
            guard let signed = CivilDay(f["signed"] ?? "") else { throw InvalidInput(field: "signed", .described(zh: "日期格式应为2026-05-08", en: "write the date as 2026-05-08")) }
            try await req.store.recordPledge(id, cadre: cadre, signed: signed, by: req.actingUser)
        }
    }

    // MARK: the A4 forms

    /// One A4 pledge form per cadre who has not signed (or for the one cadre asked), to print and hand out.
    func printForms(req: Request) async throws -> Response {
        let l = req.language
        let d = try await Self.detail(req)
        guard d.row.records else { throw NotPermitted() }
        let only = req.query[String.self, at: "cadre"].flatMap(UUID.init(uuidString:))
        let c = d.row.value
        struct Form: Encodable { var name: String; var unit: String; var post: String }
        struct Model: Encodable {
            var w: [String: String]; var campaign: String; var unit: String; var deadline: String; var pledgeText: String; var rules: String
            var forms: [Form]; var back: String
        }
        let forms = d.cadres.filter { only == nil ? $0.pledge == nil : $0.id == only }.map { Form(name: $0.name, unit: $0.unitName, post: $0.post) }
        return try await req.page("pledge-print", titleKey: "pledge_print_title", Model(
            w: Self.words(l), campaign: c.name, unit: d.row.unitName, deadline: c.deadline.text(in: l), pledgeText: c.pledgeText, rules: c.rules,
            forms: forms, back: PledgeRoute.show(d.row.id).path))
    }
}
