import Foundation
import SelectionCore
import XuanrenStore

/// A value offered in a select.
struct CheckOption: Encodable {
    var value: String
    var label: String
    var selected: Bool
}

/// The list of checks and the form to plan one (CHK-1, CHK-6).
struct CheckListPage: Encodable {
    struct Row: Encodable { var href: String; var title: String; var unit: String; var kind: String; var period: String; var state: String; var stateKey: String }
    struct Setting: Encodable { var key: String; var label: String; var value: Int; var min: Int; var max: Int }
    var rows: [Row]
    var canCreate: Bool
    var action: String
    var kinds: [CheckOption]
    var units: [CheckOption]
    var from: String
    var to: String
    var settings: [Setting]
    var education: [CheckOption]
    var form: [String: String]

    static func make(_ rows: [CheckSummary], units: [UnitInfo], lang: Language, today: CivilDay, form: [String: String]) -> CheckListPage {
        let lastYear = CheckPeriod.year(today.year - 1)
        let defaults = MandatorySettings()
        return CheckListPage(
            rows: rows.map {
                Row(href: CheckRoute.page($0.id).path, title: $0.title, unit: $0.unitName, kind: $0.kind.title(in: lang), period: $0.period.text(in: lang),
                    state: $0.state.title(in: lang), stateKey: $0.state.rawValue)
            },
            canCreate: !units.isEmpty, action: CheckRoute.create.path,
            kinds: CheckKind.allCases.map { CheckOption(value: $0.rawValue, label: "\($0.title(in: lang))（\($0.rule)）", selected: form["kind"] == $0.rawValue) },
            units: units.map { CheckOption(value: $0.id.uuidString, label: $0.name, selected: form["unit"] == $0.id.uuidString) },
            from: form["from"] ?? lastYear?.from.description ?? "", to: form["to"] ?? lastYear?.to.description ?? "",
            settings: MandatorySettings.fields.map {
                Setting(key: $0.key, label: $0.label(in: lang), value: form[$0.key].flatMap(Int.init) ?? defaults[keyPath: $0.path],
                        min: $0.range.lowerBound, max: $0.range.upperBound)
            },
            education: EducationLevel.allCases.map {
                CheckOption(value: "\($0.rawValue)", label: $0.title(in: lang), selected: (form["educationBelow"].flatMap(Int.init) ?? defaults.educationBelow.rawValue) == $0.rawValue)
            },
            form: form)
    }
}

/// A check's page (CHK-1…6): what it covers, the sample with each file's reasons and review, the questions on the
/// main leaders with the record's hints, the prior-report list, the findings and their follow-up, and the forms the
/// reader may use in the check's state.
struct CheckPage: Encodable {
    struct Reason: Encodable { var title: String; var text: String; var status: String }
    struct File: Encodable {
        var name: String; var post: String; var appointed: String; var href: String; var tableHref: String
        var lot: String?; var sampled: Bool; var mandatory: [Reason]; var unknown: [String]
        var reviewed: Bool; var problems: Int; var hints: Int
    }
    struct Question: Encodable {
        var key: String; var title: String; var hints: [String]; var answered: Bool; var found: Bool; var note: String; var by: String
    }
    struct Prior: Encodable { var matter: String; var post: String; var name: String; var why: String; var status: String; var statusKey: String; var appointed: Bool }
    struct Finding: Encodable {
        var id: String; var rule: String; var about: String; var problem: String; var requirement: String; var accountability: String
        var progress: String; var progressKey: String; var reports: [String]; var verdicts: [String]; var canReport: Bool; var canVerify: Bool
    }
    struct Draw: Encodable { var seed: String; var files: Int; var drawn: Int; var mandatory: Int; var sampled: Int; var day: String; var by: String; var command: String }
    struct Links: Encodable { var list, draw, answer, finding, conclude, issueNotice, notice, report, verify, close: String }

    var title: String; var kind: String; var rule: String; var unit: String; var period: String; var state: String; var stateKey: String
    var secretary: String?; var createdBy: String; var settings: [String]
    var runs: Bool; var rectifies: Bool
    var planned: Bool; var draw: Draw?
    var files: [File]; var sampleCount: Int; var unreviewed: Int
    var canReview: Bool
    var leaders: [String]; var questions: [Question]
    var prior: [Prior]
    var findings: [Finding]; var fileOptions: [CheckOption]; var questionOptions: [CheckOption]
    var canConclude: Bool; var canIssue: Bool; var canClose: Bool
    var notice: String?; var closure: String?
    var deadline: String
    var issuer: String
    var links: Links
    var form: [String: String]

    static func make(_ v: CheckView, lang: Language, t: (String) -> String, today: CivilDay, issuer: String, form: [String: String]) -> CheckPage {
        let c = v.check
        let zh = lang == .zhHans
        let sep = zh ? "；" : "; ", colon = zh ? "：" : ": "
        let hintsByFile = Dictionary(grouping: v.context?.hints ?? [], by: { $0.file ?? "" })
        let files = v.files.map { f in
            File(name: f.name, post: f.post, appointed: f.appointed?.text(in: lang) ?? "", href: CheckRoute.file(v.id, file: f.id).path,
                 tableHref: RecordRoute.person(f.matterID, person: f.personID).path, lot: f.lot.map(String.init), sampled: f.sampled,
                 mandatory: f.facts.reasons.filter { $0.status == .applies }.map { Reason(title: $0.reason.title(in: lang), text: $0.text(in: lang), status: $0.status.rawValue) },
                 unknown: f.facts.reasons.filter { $0.status == .unknown }.map { $0.reason.title(in: lang) },
                 reviewed: f.review != nil, problems: f.review?.problems.count ?? 0, hints: hintsByFile[f.personID.uuidString]?.count ?? 0)
        }
        let reviewing = c.state == .drawn || c.state == .reviewing
        let questions = LeaderQuestion.allCases.map { q in
            let a = c.answer(to: q)
            return Question(key: q.rawValue, title: q.title(in: lang), hints: (v.context?.hints ?? []).filter { $0.question == q }.map { $0.text(in: lang) },
                            answered: a != nil, found: a?.found ?? false, note: a?.note ?? "", by: a.map { "\($0.by) · \($0.on.text(in: lang))" } ?? "")
        }
        let findings = c.findings.map { f in
            Finding(id: f.id, rule: f.rule,
                    about: [f.fileName, f.question.map { $0.title(in: lang) }].compactMap { $0 }.joined(separator: sep),
                    problem: f.problem, requirement: f.requirement, accountability: f.accountability,
                    progress: f.progress.title(in: lang), progressKey: f.progress.rawValue,
                    reports: f.followUps.map { "\($0.day.text(in: lang)) \($0.by)" + colon + $0.text + ($0.done ? (zh ? "（报告整改完成）" : " (reported done)") : "") },
                    verdicts: f.verifications.map { "\($0.day.text(in: lang)) \($0.by)" + colon + ($0.accepted ? t("chk_accepted") : t("chk_sent_back")) + ($0.note.isEmpty ? "" : " — \($0.note)") },
                    canReport: v.access.rectifies && (c.state == .noticeIssued || c.state == .rectifying) && f.progress != .rectified && f.progress != .reported,
                    canVerify: v.access.runs && c.state == .rectifying && f.progress == .reported)
        }
        let s = c.settings
        let settings = MandatorySettings.fields.map { "\($0.label(in: lang)) \(s[keyPath: $0.path])" }
            + [(zh ? "学历较低：低于" : "Low education: below ") + s.educationBelow.title(in: lang)]
        return CheckPage(
            title: c.title, kind: c.kind.title(in: lang), rule: c.kind.rule, unit: v.unitName, period: c.period.text(in: lang),
            state: c.state.title(in: lang), stateKey: c.state.rawValue, secretary: c.secretary, createdBy: v.createdBy, settings: settings,
            runs: v.access.runs, rectifies: v.access.rectifies, planned: c.state == .planned,
            draw: c.draw.map { d in
                Draw(seed: String(d.seed), files: d.files, drawn: d.drawn, mandatory: d.mandatory, sampled: d.sampled, day: d.day.text(in: lang), by: d.by,
                     command: "xuanren sample --check \(v.id.uuidString) --seed \(d.seed)")
            },
            files: files, sampleCount: v.sample.count, unreviewed: v.unreviewed.count,
            canReview: v.access.runs && reviewing,
            leaders: v.context?.leaders ?? [], questions: questions,
            prior: (v.context?.priorReports ?? []).map {
                Prior(matter: $0.matter, post: $0.post, name: $0.name, why: $0.why(in: lang), status: $0.statusText(in: lang), statusKey: $0.status.rawValue, appointed: $0.appointed)
            },
            findings: findings,
            fileOptions: v.files.map { CheckOption(value: $0.id.uuidString, label: "\($0.name)（\($0.post)）", selected: form["file"] == $0.id.uuidString) },
            questionOptions: LeaderQuestion.allCases.map { CheckOption(value: $0.rawValue, label: $0.title(in: lang), selected: form["question"] == $0.rawValue) },
            canConclude: v.access.runs && reviewing,
            canIssue: v.access.runs && c.state == .findings && !c.findings.isEmpty,
            canClose: v.access.runs && ((c.state == .findings && c.findings.isEmpty) || (c.state == .rectifying && c.openFindings.isEmpty)),
            notice: c.notice.map { "\($0.reference) · \($0.issued.text(in: lang)) · " + (zh ? "整改期限" : "deadline ") + $0.deadline.text(in: lang) },
            closure: c.closure.map { "\($0.day.text(in: lang)) \($0.by)" + ($0.summary.isEmpty ? "" : colon + $0.summary) },
            deadline: form["deadline"] ?? today.adding(days: 60).description, issuer: form["issuer"] ?? issuer,
            links: Links(list: CheckRoute.list.path, draw: CheckRoute.draw(v.id).path, answer: CheckRoute.answer(v.id).path, finding: CheckRoute.finding(v.id).path,
                         conclude: CheckRoute.conclude(v.id).path, issueNotice: CheckRoute.issueNotice(v.id).path, notice: CheckRoute.notice(v.id).path,
                         report: CheckRoute.report(v.id).path, verify: CheckRoute.verify(v.id).path, close: CheckRoute.close(v.id).path),
            form: form)
    }
}

/// One file's page (CHK-2): the appointment, every mandatory reason with its basis, the CHK-3 hints about the person,
/// and the checklist.
struct CheckFilePage: Encodable {
    struct Reason: Encodable { var title: String; var text: String; var status: String; var statusText: String }
    struct Item: Encodable { var key: String; var title: String; var rule: String; var verdict: String; var verdictText: String; var note: String }
    struct Verdict: Encodable { var value: String; var label: String }
    var check: String; var back: String; var action: String; var tableHref: String
    var name: String; var post: String; var unit: String; var appointed: String; var matter: String; var document: String
    var former: String; var change: String
    var lot: String?; var sampled: Bool
    var reasons: [Reason]; var hints: [String]
    var items: [Item]; var verdicts: [Verdict]
    var canReview: Bool; var reviewed: String?

    static func make(_ v: CheckView, file f: CheckFileView, lang: Language, t: (String) -> String, form: [String: String]) -> CheckFilePage {
        let facts = f.facts.facts
        let c = v.check
        func statusText(_ s: ReasonResult.Status) -> String { t("chk_reason_" + s.rawValue) }
        return CheckFilePage(
            check: c.title, back: CheckRoute.page(v.id).path, action: CheckRoute.review(v.id, file: f.id).path,
            tableHref: RecordRoute.person(f.matterID, person: f.personID).path,
            name: f.name, post: f.post, unit: f.facts.unitName, appointed: f.appointed?.text(in: lang) ?? "", matter: f.facts.matterTitle, document: f.facts.document,
            former: f.facts.formerPost, change: [facts.formerRank, facts.newRank].map { $0 ?? "—" }.joined(separator: " → "),
            lot: f.lot.map(String.init), sampled: f.sampled,
            reasons: f.facts.reasons.map { Reason(title: $0.reason.title(in: lang), text: $0.text(in: lang), status: $0.status.rawValue, statusText: statusText($0.status)) },
            hints: (v.context?.hints ?? []).filter { $0.file == f.personID.uuidString }.map { $0.question.title(in: lang) + (lang == .zhHans ? "：" : ": ") + $0.text(in: lang) },
            items: FileCheckItem.allCases.map { item in
                let a = f.review?.answer(item)
                return Item(key: item.rawValue, title: item.title(in: lang), rule: item.rule,
                            verdict: form[item.rawValue] ?? a?.verdict.rawValue ?? "", verdictText: a?.verdict.title(in: lang) ?? "—",
                            note: form[item.rawValue + "_note"] ?? a?.note ?? "")
            },
            verdicts: ItemVerdict.allCases.map { Verdict(value: $0.rawValue, label: $0.title(in: lang)) },
            canReview: v.access.runs && (c.state == .drawn || c.state == .reviewing),
            reviewed: f.review.map { "\($0.by) · \($0.on.text(in: lang))" })
    }
}

/// CHK-4: the rectification notice (整改通知书) on A4 — a draft, marked so, until it is issued.
struct CheckNoticePage: Encodable {
    struct Item: Encodable { var n: Int; var rule: String; var about: String; var problem: String; var requirement: String; var accountability: String }
    var back: String; var draft: Bool; var reference: String; var unit: String; var check: String; var period: String; var kind: String
    var issued: String; var deadline: String; var issuer: String; var clerk: String; var items: [Item]

    static func make(_ v: CheckView, lang: Language) -> CheckNoticePage {
        let c = v.check
        return CheckNoticePage(
            back: CheckRoute.page(v.id).path, draft: c.notice == nil, reference: c.notice?.reference ?? "", unit: c.notice?.unitName ?? v.unitName,
            check: c.title, period: c.period.text(in: lang), kind: c.kind.title(in: lang),
            issued: c.notice?.issued.text(in: lang) ?? "", deadline: c.notice?.deadline.text(in: lang) ?? "", issuer: c.notice?.issuer ?? "", clerk: c.notice?.by ?? "",
            items: c.findings.enumerated().map { i, f in
                Item(n: i + 1, rule: f.rule, about: [f.fileName, f.question.map { $0.title(in: lang) }].compactMap { $0 }.joined(separator: lang == .zhHans ? "；" : "; "),
                     problem: f.problem, requirement: f.requirement, accountability: f.accountability)
            })
    }
}
