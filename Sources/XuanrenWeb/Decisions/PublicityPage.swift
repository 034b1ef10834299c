import Foundation
import SelectionCore
import XuanrenStore

/// The publicity page's model: per person the committee chose, the publicity with every counted day, the reports,
/// the talk, the appointment and the probation, with the forms the reader may use.
struct PublicityPage: Encodable {
    struct Said: Encodable { var text: String; var rule: String }
    struct Day: Encodable { var text: String; var makeUp: Bool }
    struct Report: Encodable { var id: String; var received: String; var summary: String; var resolution: String?; var open: Bool; var affecting: Bool }
    struct Person: Encodable {
        var id: String; var anchor: String; var name: String; var post: String; var status: String
        var published: Bool; var canPublish: Bool; var periodText: String?; var ends: String?; var days: [Day]; var running: Bool
        var details: [Said]
        var reports: [Report]; var canReport: Bool; var canResolve: Bool; var onHold: Bool; var cancelled: String?
        var talks: [String]; var canTalk: Bool
        var waiting: [Said]; var canAppoint: Bool; var appointment: String?; var notice: String?
        var probation: String?
        var links: Links
        struct Links: Encodable { var publish, report, resolve, talk, appoint: String }
    }
    var matter: String; var unit: String; var stage: String; var waiting: [Said]; var people: [Person]
    var length: String; var channel: String; var today: String
    var links: Links
    struct Links: Encodable { var matter, committee, probation: String }

    static func make(id: UUID, _ o: PublicityOverview, lang: Language, t: (String) -> String, today: CivilDay, form: [String: String]) -> PublicityPage {
        let s = o.matter.plan.settings
        let running = o.matter.phase == .running
        let people = o.appointees.map { a -> Person in
            let p = a.publicity
            let pid = a.person.id
            let makeUps: Set<CivilDay> = p?.inWorkingDays == true ? Set(p!.counted.filter { $0.weekday >= 6 }) : []
            var status = t("pub_status_waiting")
            if let p {
                if p.isCancelled { status = t("pub_status_cancelled") }
                else if p.appointment != nil { status = t("pub_status_appointed") }
                else if p.isOnHold { status = t("pub_status_hold") }
                else if p.isRunning(on: today) { status = t("pub_status_running") }
                else { status = t("pub_status_over") }
            }
            var details: [Said] = []
            if let d = a.details {
                if !d.unit.isEmpty { details.append(Said(text: d.unit, rule: t("pub_unit"))) }
                if !d.age.isEmpty { details.append(Said(text: d.age, rule: t("pub_age"))) }
                if !d.rank.isEmpty { details.append(Said(text: d.rank, rule: t("pub_rank"))) }
                details.append(Said(text: d.channel, rule: t("pub_channel")))
            }
            let undecided = p.map { !$0.isCancelled && $0.appointment == nil } ?? false
            return Person(
                id: pid.uuidString, anchor: "p-\(pid.uuidString)", name: a.person.name, post: a.details?.post ?? a.positionPost, status: status,
                published: p != nil, canPublish: o.manages && running && p == nil && o.matter.current == .publicity,
                periodText: p.map { "\($0.published.text(in: lang)) — \($0.ends.text(in: lang))" },
                ends: p?.ends.text(in: lang),
                days: (p?.counted ?? []).map { Day(text: "\($0.text(in: lang))（\(lang == .zhHans ? HolidayCalendarError.weekdayZH($0) : HolidayCalendarError.weekdayEN($0))）", makeUp: makeUps.contains($0)) },
                running: p?.isRunning(on: today) ?? false, details: details,
                reports: (p?.reports ?? []).map { r in
                    var text: String? = nil
                    switch r.resolution {
                    case .cleared(let reason, let by, let on): text = "\(t("pub_report_cleared"))：\(reason)（\(by)，\(on.text(in: lang))）"
                    case .affecting(let reason, let by, let on): text = "\(t("pub_report_affecting"))：\(reason)（\(by)，\(on.text(in: lang))）"
                    case nil: text = nil
                    }
                    return Report(id: r.id, received: r.received.text(in: lang), summary: r.summary, resolution: text, open: r.isOpen, affecting: r.isAffecting)
                },
                canReport: running && undecided, canResolve: o.resolves && running && undecided && !(p?.openReports.isEmpty ?? true),
                onHold: p?.isOnHold ?? false, cancelled: p?.cancellation,
                talks: (p?.talks ?? []).map { "\($0.day.text(in: lang)) · \($0.form.title(in: lang)) · \($0.officials.joined(separator: "、"))" },
                canTalk: o.manages && running && undecided,
                waiting: (p?.appointment == nil && !(p?.isCancelled ?? false)) ? (p?.waitingFor(on: today) ?? []).map { Said(text: $0.text(in: lang), rule: $0.rule) } : [],
                canAppoint: o.manages && running && undecided && o.matter.current == .appointment,
                appointment: p?.appointment.map { "\($0.day.text(in: lang)) · \($0.document)" },
                notice: p?.appointment != nil && o.resolves ? PublicityRoute.notice(id, person: pid).path : nil,
                probation: a.probation.map { pr in
                    let outcome = pr.final.map { " · " + $0.outcome.title(in: lang) } ?? (pr.isExtended ? " · " + ProbationOutcome.basicPass.title(in: lang) : "")
                    return "\(pr.start.text(in: lang)) — \(pr.ends.text(in: lang))\(outcome)"
                },
                links: .init(publish: PublicityRoute.publish(id, person: pid).path, report: PublicityRoute.report(id, person: pid).path,
                             resolve: PublicityRoute.resolve(id, person: pid).path, talk: PublicityRoute.talk(id, person: pid).path,
                             appoint: PublicityRoute.appoint(id, person: pid).path))
        }
        let unit = s.publicityInWorkingDays ? t("pub_workingDays") : t("pub_calendarDays")
        return PublicityPage(matter: o.matter.title, unit: o.unitName, stage: o.matter.current?.title(in: lang) ?? o.matter.phase.title(in: lang),
                             waiting: o.waitingFor.map { Said(text: $0.text(in: lang), rule: $0.rule) }, people: people,
                             length: "\(s.publicityDays) \(unit)", channel: form["channel"] ?? Store.defaultReportChannel, today: today.description,
                             links: Links(matter: MatterRoute.show(id).path, committee: CommitteeRoute.page(id).path, probation: ProbationRoute.list.path))
    }
}

/// PRB-2: the probationers with days left and reminders, and the outcome form (PRB-1).
struct ProbationPage: Encodable {
    struct Row: Encodable {
        var name: String; var post: String; var matter: String; var matterHref: String; var unit: String; var start: String; var ends: String
        var status: String; var remind: Bool; var overdue: Bool; var extended: Bool; var concluded: Bool; var action: String; var former: String
    }
    var rows: [Row]; var reminders: Int; var organizer: Bool; var today: String; var outcomes: [Outcome]
    struct Outcome: Encodable { var value: String; var label: String }

    static func make(_ rows: [ProbationerRow], lang: Language, t: (String) -> String, today: CivilDay, organizer: Bool) -> ProbationPage {
        let out = rows.map { r -> Row in
            let p = r.probation
            let status: String
            switch r.status {
            case .running(let d): status = "\(t("prb_left")) \(d) \(t("prb_days"))"
            case .dueSoon(let d): status = "\(t("prb_due")) \(d) \(t("prb_days"))"
            case .overdue(let d): status = "\(t("prb_overdue")) \(d) \(t("prb_days"))"
            case .confirmed(let d): status = "\(ProbationOutcome.pass.title(in: lang))（\(d.text(in: lang))）"
            case .cancelled(let d): status = "\(ProbationOutcome.fail.title(in: lang))（\(d.text(in: lang))）"
            }
            var overdue = false
            if case .overdue = r.status { overdue = true }
            return Row(name: p.person, post: p.post, matter: r.matterTitle, matterHref: MatterRoute.show(r.matterID).path, unit: r.unitName,
                       start: p.start.text(in: lang), ends: p.ends.text(in: lang), status: status, remind: r.status.needsReminder, overdue: overdue,
                       extended: p.isExtended, concluded: p.final != nil, action: ProbationRoute.conclude(r.id).path, former: p.former)
        }
        return ProbationPage(rows: out, reminders: out.filter(\.remind).count, organizer: organizer, today: today.description,
                             outcomes: ProbationOutcome.allCases.map { Outcome(value: $0.rawValue, label: $0.title(in: lang)) })
    }
}
