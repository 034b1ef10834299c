import Foundation
import SelectionCore
import XuanrenStore

struct FormOption: Encodable { var value: String; var label: String; var selected: Bool = false }

/// The report form: the public 12380-style form, or the clerks' entry of a call, letter or visit (CAS-1).
struct ReportFormPage: Encodable {
    var w: [String: String]
    var staff: Bool
    var units: [FormOption]
    var kinds: [FormOption]
    var channels: [FormOption]
    var f: [String: String]
    var realName: Bool
    var leaders: Bool
    var action: String
    var follow: String
    var typical: String
    var maxText: Int
    /// A one-time token: the same form posted twice (a refresh of the receipt) is not filed twice.
    var once: String

    static func make(lang: Language, staff: Bool, units: [UnitInfo], form: CaseController.ReportForm, action: String, follow: String, typical: String, today: CivilDay) -> ReportFormPage {
        let w = Words(lang: lang)
        return ReportFormPage(w: [
            "intro": w("本渠道受理对干部选拔任用工作中违规违纪问题的举报（12380）。可以匿名举报，也可以实名举报；实名举报人的身份严格保密，仅承办案件的纪检监察人员可以查阅，每次查阅均被记录。",
                       "This channel takes reports of rule-breaking in the selection of cadres (12380). You may report anonymously or under your name; a named reporter's identity is kept strictly confidential, readable only by the supervisors handling the case, and every reading is recorded."),
            "privacy": w("系统不记录您的IP地址、浏览器信息或提交的具体时间；举报页面不设置也不读取Cookie。提交后您会得到案件编号和一个只显示一次的受理码。",
                         "The system records neither your IP address, nor your browser, nor the time of day; the report pages neither set nor read cookies. You get a case number and a receipt code that is shown once."),
            "staffIntro": w("登记来电、来信、来访举报。提交后请将案件编号和受理码告知举报人。", "Enter a report received by phone, letter or visit. Give the reporter the case number and the receipt code afterwards."),
            "unit": w("被反映单位", "Unit reported"), "choose": w("请选择", "Choose"),
            "kind": w("问题类别", "Kind"), "priority": w("（重点查核）", " (priority)"),
            "person": w("被反映人姓名（可不填）", "Person reported (optional)"),
            "leaders": w("反映的是党委（党组）或组织部门主要领导（由上级直接查核）", "About the committee's or the organization department's main leaders (handled by the level above)"),
            "text": w("举报内容", "What happened"),
            "textHelp": w("请写明时间、地点、人物、事实和线索，\(ReportLimits.minText)至\(ReportLimits.maxText)字。", "Say when, where, who, what happened and how it can be checked: \(ReportLimits.minText) to \(ReportLimits.maxText) characters."),
            "files": w("附件（可选，最多3个，每个不超过5MB，限PDF、JPEG、PNG）", "Attachments (optional: up to 3, 5 MB each, PDF, JPEG or PNG)"),
            "filesWarn": w("照片可能含有拍摄地点和设备信息，如需匿名请先去除。", "Photos may carry where and with what they were taken; remove that first if you wish to stay anonymous."),
            "realName": w("实名举报", "Report under my name"),
            "realHelp": w("不勾选即为匿名举报。", "Leave unticked to report anonymously."),
            "name": w("姓名", "Name"), "phone": w("联系电话", "Phone"), "resident": w("身份证号（可不填）", "Identity number (optional)"),
            "channel": w("举报方式", "Channel"), "received": w("收到日期", "Received on"),
            "submit": w("提交举报", "Send the report"), "follow": w("凭受理码查询", "Follow with a receipt code"),
            "typical": w("典型案例", "Typical cases"),
        ], staff: staff,
        units: units.map { FormOption(value: $0.id.uuidString, label: String(repeating: "　", count: $0.depth) + $0.name, selected: $0.id.uuidString == form.unit) },
        kinds: ReportKind.allCases.map { FormOption(value: $0.rawValue, label: $0.title(in: lang) + ($0.isPriority ? w("（重点查核）", " (priority)") : ""), selected: $0.rawValue == form.kind) },
        channels: ReportChannel.allCases.filter { $0 != .web }.map { FormOption(value: $0.rawValue, label: $0.title(in: lang), selected: $0.rawValue == form.channel) },
        f: ["text": form.text ?? "", "person": form.person ?? "", "name": form.name ?? "", "phone": form.phone ?? "",
            "resident": form.resident ?? "", "received": form.received ?? today.description],
        realName: form.realName == "1", leaders: form.leaders == "1", action: action, follow: follow, typical: typical, maxText: ReportLimits.maxText,
        once: form.once ?? (0 ..< 16).map { _ in String(format: "%02x", UInt8.random(in: 0 ... 255)) }.joined())
    }
}

/// The cases a supervisor handles or reviews (CAS-1, CAS-5).
struct CasesPage: Encodable {
    struct Row: Encodable {
        var number: String; var kind: String; var priority: Bool; var unit: String; var handling: String; var received: String
        var state: String; var open: Bool; var due: String; var overdue: Bool; var effect: String?; var reviewing: Bool; var link: String; var channel: String
    }
    var w: [String: String]
    var rows: [Row]
    var open: Int
    var overdue: Int
    var enter: String?
    var stats: String
    var typical: String

    static func make(_ rows: [CaseRow], lang: Language, today: CivilDay, roles: Set<Role>) -> CasesPage {
        let w = Words(lang: lang)
        let out = rows.map { r in
            Row(number: r.value.number, kind: r.value.kind.title(in: lang), priority: r.value.kind.isPriority, unit: r.unitName, handling: r.handlingUnitName,
                received: r.value.received.text(in: lang), state: r.value.state.title(in: lang), open: r.value.isOpen,
                due: r.value.due.text(in: lang), overdue: r.value.overdue(on: today), effect: r.value.effect?.title(in: lang), reviewing: r.reviewing,
                link: CaseRoute.show(r.id).path, channel: r.value.channel.title(in: lang))
        }
        return CasesPage(w: [
            "help": w("您作为纪检监察人员办理或复核的信访举报案件。举报内容和举报人身份只在案件页显示给承办人。", "The report cases you handle or review as a supervisor. A report's text is on its case page; a named reporter's identity only for those assigned."),
            "number": w("案件编号", "Case"), "kind": w("问题类别", "Kind"), "unit": w("被反映单位", "Unit"), "handling": w("办理单位", "Handled by"),
            "received": w("收到日期", "Received"), "state": w("状态", "State"), "due": w("期限", "Due"), "effect": w("对选拔任用的影响", "Effect on selection"),
            "overdue": w("已超期", "overdue"), "priority": w("重点", "priority"), "reviewing": w("待本级复核", "for your review"),
            "none": w("没有可查看的案件。", "No case to show."), "enter": w("登记来电来信来访", "Enter a call, letter or visit"),
            "stats": w("统计与图表", "Statistics and charts"), "typical": w("公开的典型案例", "Published typical cases"),
            "openCount": w("办理中", "open"), "overdueCount": w("超期", "overdue"), "channel": w("方式", "Channel"),
        ], rows: out, open: out.filter(\.open).count, overdue: out.filter(\.overdue).count,
        enter: roles.isDisjoint(with: [.clerk, .organizer, .supervisor]) ? nil : CaseRoute.enter.path, stats: CaseRoute.stats.path, typical: ReportRoute.typical.path)
    }
}

/// One case for the supervisors handling or reviewing it: the report, its steps and the forms of the next steps.
struct CasePage: Encodable {
    struct Step: Encodable { var on: String; var state: String; var by: String; var note: String }
    struct Attachment: Encodable { var link: String; var type: String; var size: String }
    struct Matter: Encodable { var id: String; var title: String; var people: [FormOption]; var suggested: Bool }
    var w: [String: String]
    var number: String; var kind: String; var priority: Bool; var channel: String; var unit: String; var handling: String
    var received: String; var state: String; var due: String; var overdue: Bool; var anonymous: Bool; var leaders: Bool
    var assignees: String; var text: String; var suggestedPerson: String; var attachments: [Attachment]
    var steps: [Step]; var finding: String?; var conclusion: String; var feedback: String
    var effect: String?; var target: String?
    var identity: [String: String]?
    var mayReadIdentity: Bool; var realName: Bool
    var handles: Bool; var reviews: Bool
    var canAssign: Bool; var canInvestigate: Bool; var canTarget: Bool; var canForward: Bool; var canConclude: Bool; var canReview: Bool; var canExtend: Bool
    var canPublish: Bool; var typical: [String: String]?
    var supervisors: String; var lowerUnits: [FormOption]; var matters: [Matter]; var findings: [FormOption]
    var links: [String: String]

    static func make(_ d: CaseDetail, identity: ReporterIdentity?, lang: Language, today: CivilDay) -> CasePage {
        let w = Words(lang: lang), c = d.row.value, id = d.row.id
        let open = c.isOpen
        let findings = CaseFinding.allCases.filter { !(c.kind.isPriority && $0 == .filed) }
        func size(_ n: Int) -> String { n >= 1024 * 1024 ? String(format: "%.1f MB", Double(n) / 1048576) : "\(max(1, n / 1024)) KB" }
        return CasePage(w: [
            "report": w("举报内容", "The report"), "person": w("被反映人", "Person reported"), "attachments": w("附件", "Attachments"),
            "kind": w("问题类别", "Kind"), "channel": w("方式", "Channel"), "unit": w("被反映单位", "Unit reported"), "handling": w("办理单位", "Handled by"),
            "received": w("收到日期", "Received"), "state": w("状态", "State"), "due": w("期限", "Due"), "overdue": w("已超期", "overdue"),
            "anonymous": w("匿名举报", "anonymous"), "named": w("实名举报", "named reporter"), "leaders": w("反映主要领导，由上级查核（CAS-4）", "about the main leaders, handled by the level above (CAS-4)"),
            "assignees": w("承办人", "Assigned to"), "priority": w("重点查核问题：必须调查核实，不能了结存查（CAS-4）", "Priority kind: always investigated, never just filed (CAS-4)"),
            "steps": w("办理过程", "Steps"), "effect": w("对选拔任用的影响（CAS-3）", "Effect on the selection (CAS-3)"), "noEffect": w("尚未关联选拔任用事项，无影响。", "Not linked to a matter: no effect."),
            "identity": w("实名举报人身份", "Named reporter"), "read": w("查阅举报人身份", "Read the reporter's identity"),
            "readConfirm": w("我确认因办案需要查阅，查阅将记入全程记实（CAS-2）", "I need it for the case; the reading is recorded (CAS-2)"),
            "readOnly": w("只有本案承办人可以查阅实名举报人身份。", "Only the supervisors assigned to this case can read the reporter's identity."),
            "name": w("姓名", "Name"), "phone": w("电话", "Phone"), "resident": w("身份证号", "Identity number"),
            "assign": w("交办", "Assign"), "assignHelp": w("承办人账号，用逗号分隔。可选：", "Accounts of the supervisors, separated by commas. Available: "),
            "investigate": w("开始调查核实", "Start the investigation"),
            "target": w("关联选拔任用事项（CAS-3）", "Link to a matter (CAS-3)"),
            "targetHelp": w("只关联事项：暂停该事项；同时选择人员：该人员暂缓上会和任职。案件办结后自动解除。", "A matter alone is halted; with a person, the person is held back from the committee and the appointment. Lifted when the case concludes."),
            "matter": w("事项", "Matter"), "noMatter": w("（不关联）", "(none)"), "wholeMatter": w("（整个事项）", "(the whole matter)"), "suggested": w("举报人所指", "named by the reporter"),
            "link": w("保存关联", "Save the link"),
            "forward": w("转办下级（CAS-5）", "Forward to a lower unit (CAS-5)"), "forwardHelp": w("转办后由下级办理，办结后须经本级复核。", "The lower unit handles it; its conclusion comes back here for review."),
            "conclude": w("办结", "Conclude"), "finding": w("结论", "Finding"), "conclusion": w("办理结论（记入案卷）", "Conclusion (for the record)"),
            "feedback": w("反馈举报人（凭受理码可见）", "Reply to the reporter (shown with the receipt code)"),
            "review": w("转办件复核（CAS-5）", "Review of the forwarded case (CAS-5)"), "accept": w("同意办结", "Accept the conclusion"), "return": w("退回重新核查", "Send back for more investigation"),
            "note": w("复核意见", "Review note"), "extend": w("延长办理期限（一次，30日）", "Extend the deadline (once, 30 days)"), "reason": w("理由", "Reason"),
            "publish": w("公开为典型案例（CAS-6）", "Publish as a typical case (CAS-6)"), "publishHelp": w("请另行撰写去除个人信息后的标题和案情，不会公开原举报内容。", "Write a title and text with personal details removed; the report itself is never published."),
            "title": w("标题", "Title"), "text": w("案情", "Text"), "published": w("已公开", "Published"),
            "save": w("保存", "Save"), "back": w("返回案件列表", "Back to the cases"), "unitTo": w("下级单位", "Lower unit"), "choose": w("请选择", "Choose"),
        ],
        number: c.number, kind: c.kind.title(in: lang), priority: c.kind.isPriority, channel: c.channel.title(in: lang), unit: d.row.unitName, handling: d.row.handlingUnitName,
        received: c.received.text(in: lang), state: c.state.title(in: lang), due: c.due.text(in: lang), overdue: c.overdue(on: today), anonymous: c.anonymous, leaders: c.aboutLeaders,
        assignees: c.assignees.joined(separator: "、"), text: d.text, suggestedPerson: d.suggestedPerson,
        attachments: d.attachments.map { Attachment(link: CaseRoute.attachment(id, file: $0.id).path, type: $0.type, size: size($0.size)) },
        steps: c.steps.map { Step(on: $0.on.text(in: lang), state: $0.state.title(in: lang), by: $0.by, note: stepNote($0.note, w)) },
        finding: c.finding?.title(in: lang), conclusion: c.conclusion, feedback: c.feedback,
        effect: c.effect?.title(in: lang), target: d.matterTitle.map { $0 + (d.personName.map { "：" + $0 } ?? "") },
        identity: identity.map { ["name": $0.name, "phone": $0.phone, "resident": $0.identityNumber] },
        mayReadIdentity: d.mayReadIdentity, realName: d.realName, handles: d.handles, reviews: d.reviews,
        canAssign: d.handles && [.registered, .assigned, .investigating].contains(c.state),
        canInvestigate: d.handles && c.state == .assigned,
        canTarget: d.handles && open,
        canForward: d.handles && !c.aboutLeaders && [.registered, .assigned].contains(c.state) && !d.lowerUnits.isEmpty,
        canConclude: d.handles && [.assigned, .investigating].contains(c.state),
        canReview: d.reviews && c.state == .awaitingReview,
        canExtend: d.handles && open && c.state != .registered && !c.extended,
        canPublish: d.handles && c.state == .concluded && d.typical == nil,
        typical: d.typical.map { ["title": $0.title, "text": $0.text, "on": $0.on] },
        supervisors: d.supervisors.joined(separator: ", "),
        lowerUnits: d.lowerUnits.map { FormOption(value: $0.id.uuidString, label: $0.name) },
        matters: d.matters.map { m in Matter(id: m.id.uuidString, title: m.title, people: m.people.map { FormOption(value: $0.id.uuidString, label: $0.name, selected: c.person == $0.id) },
                                              suggested: m.id == d.suggestedMatter) },
        findings: findings.map { FormOption(value: $0.rawValue, label: $0.title(in: lang)) },
        links: ["step": CaseRoute.step(id).path, "identity": CaseRoute.identity(id).path, "publish": CaseRoute.publish(id).path, "back": CaseRoute.list.path])
    }
}

/// A step's note in words: a finding, a forwarding, a link, an extension's reason, or the assignees as written.
func stepNote(_ note: String, _ w: Words) -> String {
    if let f = CaseFinding(rawValue: note) { return f.title(in: w.lang) }
    switch note {
    case "forwarded": return w("转办下级", "forwarded down")
    case "target": return w("关联事项或人选", "linked to a matter or person")
    default:
        if note.hasPrefix("extended: ") { return w("延长期限：", "extended: ") + note.dropFirst("extended: ".count) }
        return note
    }
}

/// CAS-1, CAS-5: the statistics per unit over a period, with a chart, its table and a CSV download.
struct CaseStatsPage: Encodable {
    struct Row: Encodable { var unit: String; var received: Int; var investigated: Int; var concluded: Int; var substantiated: Int; var priority: Int; var overdue: Int; var flagged: Bool }
    var w: [String: String]
    var from: String; var to: String; var threshold: Int
    var rows: [Row]; var total: Row
    var chart: String; var kindChart: String
    var csv: String; var action: String; var list: String

    static func tableData(_ s: ReportStatistics, names: [UUID: String], lang: Language) -> ChartData {
        let w = Words(lang: lang)
        return ChartData(title: w("各单位信访举报办理情况", "Reports by unit"), categories: s.rows.map { names[$0.unit] ?? "" }, series: [
            ChartSeries(w("受理", "received"), counts: s.rows.map(\.received)),
            ChartSeries(w("调查核实", "investigated"), counts: s.rows.map(\.investigated)),
            ChartSeries(w("办结", "concluded"), counts: s.rows.map(\.concluded)),
            ChartSeries(w("属实或部分属实", "substantiated"), counts: s.rows.map(\.substantiated)),
        ], categoryTitle: w("单位", "Unit"), unit: w("件", ""), noDataText: w("暂无数据", "No data"), id: "units")
    }

    static func make(_ s: ReportStatistics, names: [UUID: String], from: CivilDay, to: CivilDay, lang: Language, csv: String, action: String, list: String) -> CaseStatsPage {
        let w = Words(lang: lang)
        func row(_ r: ReportStatistics.Row, _ name: String) -> Row {
            Row(unit: name, received: r.received, investigated: r.investigated, concluded: r.concluded, substantiated: r.substantiated, priority: r.priority, overdue: r.overdue, flagged: r.flagged)
        }
        let byUnit = tableData(s, names: names, lang: lang)
        let total = s.total
        let kinds = ReportKind.allCases.filter { (total.byKind[$0] ?? 0) > 0 }
        let kindData = ChartData(title: w("举报问题类别", "Reports by kind"), categories: kinds.map { $0.title(in: lang) },
                                 series: [ChartSeries(w("件数", "reports"), counts: kinds.map { total.byKind[$0] ?? 0 })],
                                 categoryTitle: w("类别", "Kind"), unit: w("件", ""), noDataText: w("暂无数据", "No data"), id: "kinds")
        return CaseStatsPage(w: [
            "help": w("按收到日期统计（CAS-1）；收到件数达到阈值的单位列为重点管理单位（CAS-5）。", "Counted by the day received (CAS-1); units at or above the threshold are put under key management (CAS-5)."),
            "from": w("自", "From"), "to": w("至", "To"), "threshold": w("重点管理阈值（件）", "Key-management threshold (reports)"), "show": w("统计", "Show"),
            "unit": w("单位", "Unit"), "received": w("受理", "Received"), "investigated": w("调查核实", "Investigated"), "concluded": w("办结", "Concluded"),
            "substantiated": w("属实（含部分属实）", "Substantiated (incl. partly)"), "priority": w("重点问题", "Priority kinds"), "overdue": w("超期", "Overdue"),
            "flagged": w("重点管理", "key management"), "total": w("合计", "Total"), "csv": w("下载CSV", "Download CSV"), "back": w("返回案件列表", "Back to the cases"),
            "table": w("数据表", "Table"),
        ], from: from.description, to: to.description, threshold: s.threshold,
        rows: s.rows.map { row($0, names[$0.unit] ?? "") }, total: row(total, w("合计", "Total")),
        chart: BarChart(orientation: .horizontal, stacked: false, width: 720, height: max(220, Double(s.rows.count) * 70 + 120)).svg(byUnit),
        kindChart: BarChart(orientation: .vertical, stacked: false, width: 720, height: 320).svg(kindData),
        csv: csv, action: action, list: list)
    }
}
