import Foundation
import SelectionCore
import XuanrenStore

/// The inspection page's model, built from the matter as the reader sees it (`MatterView`: the store has already
/// withheld what the reader may not read) — no database here, so it is testable from a value.
struct InspectionPage: Encodable {
    struct Option: Encodable { var value: String; var label: String; var selected: Bool }
    struct Line: Encodable { var label: String; var value: String }
    /// A form field: its name, label and current value.
    struct Field: Encodable { var key: String; var label: String; var value: String }
    struct Problem: Encodable { var rule: String; var text: String }

    struct TeamRow: Encodable {
        var index: Int; var name: String; var account: String; var background: String; var leader: Bool; var standing: Bool
        var backgrounds: [Option]
    }
    struct Team: Encodable {
        var members: [TeamRow]
        /// INS-2 in words, from `TeamMember.problems` on the team as it is now.
        var problems: [Problem]
        var editable: Bool
        /// Why the team cannot be edited (when it cannot).
        var locked: String?
        /// Rows of the form (the members, then blank rows).
        var rows: [TeamRow]
        var minSize: Int
    }
    struct Notice: Encodable {
        var published: Bool; var lines: [Line]; var period: String; var ends: String; var days: Int; var running: Bool
        var canPublish: Bool; var blocked: String?
    }
    struct Evaluation: Encodable {
        var session: String?; var sessionHref: String?; var closed: Bool; var canCreate: Bool; var blocked: String?
        var custodians: [Option]; var custodianThreshold: String; var entitled: String; var vetoPercent: Int
    }
    struct Record: Encodable {
        var kind: String; var kindTitle: String; var day: String; var by: String; var fields: [Line]; var withheld: Bool
    }
    struct Opinion: Encodable {
        var note: String; var body: String; var requested: String; var due: String; var answered: String; var answer: String
        var negative: Bool; var attachment: String; var isIntegrity: Bool; var open: Bool
    }
    struct OverrideView: Encodable { var decision: String; var reason: String; var by: String; var on: String }
    struct GateRow: Encodable {
        var kind: String; var title: String; var rule: String; var state: String; var stateLabel: String; var text: String
        var override: OverrideView?
    }
    struct HoldRow: Encodable {
        var index: Int; var reason: String; var by: String; var on: String; var open: Bool; var lifted: String?
        /// CAS-3: a report case's hold, lifted when the case concludes (never by hand).
        var byCase: Bool = false
    }
    struct Score: Encodable { var key: String; var label: String; var value: String }
    struct Materials: Encodable { var fields: [Line]; var byKey: [String: String]; var day: String; var by: String }
    struct Candidate: Encodable {
        var id: String; var anchor: String; var name: String; var position: String; var reason: String; var withdrawn: String?
        var recommendation: String?; var consent: String?
        var records: [Record]; var opinions: [Opinion]; var scores: [Score]; var scored: Bool
        var materials: Materials?; var materialsDraft: [Field]
        var gates: [GateRow]; var allPass: Bool; var holds: [HoldRow]
        var fileHref: String?; var personal: Line?; var exam: String?; var priorReport: String?; var priorRequired: Bool
        var links: InspectionPersonLinks
    }
    struct Comparison: Encodable {
        var position: String; var title: String; var candidates: [String]; var notes: [Record]; var action: String; var print: String
    }

    var id: String
    var matter: String
    var unit: String
    var stage: String
    var inspecting: Bool
    /// The inspection stage's guards in words, while the matter is in it.
    var waiting: [Problem]
    var today: String
    // what this reader may do (the store decided, in `MatterView.access`)
    var manages: Bool; var inspects: Bool; var supervises: Bool; var readsConfidential: Bool
    /// INS-1: inspection work is possible (notice out, stage under way); else why not.
    var workOpen: Bool; var workBlocked: String?
    /// Gate records and holds may change (the matter is running).
    var gatesOpen: Bool
    var team: Team
    var notice: Notice
    var evaluation: Evaluation
    var candidates: [Candidate]
    var comparisons: [Comparison]
    var recordKinds: [Option]
    var handlings: [Option]
    var overridable: [Option]
    var bodies: [String]
    var links: Links

    struct Links: Encodable { var matter, team, notice, evaluation, record: String }

    /// INS-3 records the team writes per candidate (the evaluation is its own form).
    static let recordKinds: [MatterNoteKind] = [.inspectionTalk, .opinionForm, .fieldVisit, .documentReview, .candidateInterview, .specialInvestigation]
    /// INS-6 the record per candidate, its parts in order.
    static let materialsFields = ["file", "strengths", "results", "shortcomings"]

    static func make(_ v: MatterView, lang: Language, t: (String) -> String, today: CivilDay, custodians: [(username: String, displayName: String)],
                     form: [String: String] = [:]) -> InspectionPage {
        let a = v.access
        let m = v.matter
        let running = m.phase == .running
        let inInspection = running && m.current == .inspection
        let noticeItem = v.items.first { $0.kind == .inspectionNotice }
        let published = noticeItem != nil
        let settings = m.plan.settings

        // INS-2 team
        let locked: String? = published ? t("insp_team_lockedNotice")
            : !(running && (m.current == .inspection || m.next == .inspection)) ? t("insp_team_lockedStage") : nil
        func backgrounds(_ chosen: TeamMember.Background?) -> [Option] {
            TeamMember.Background.allCases.map { Option(value: $0.rawValue, label: $0.title(in: lang), selected: $0 == chosen) }
        }
        let members = v.team.enumerated().map { i, mem in
            TeamRow(index: i + 1, name: mem.name, account: mem.account ?? "", background: mem.background.title(in: lang), leader: mem.leader,
                    standing: mem.standingCommittee, backgrounds: backgrounds(mem.background))
        }
        let blanks = max(2, settings.minTeamSize + 1 - members.count)
        let rows = members + (0 ..< blanks).map { j in
            TeamRow(index: members.count + j + 1, name: "", account: "", background: "", leader: false, standing: false, backgrounds: backgrounds(j == 0 && members.isEmpty ? .organization : nil))
        }
        let team = Team(members: members, problems: TeamMember.problems(v.team, minSize: settings.minTeamSize).map { Problem(rule: $0.rule, text: $0.text(in: lang)) },
                        editable: a.manages && locked == nil, locked: locked, rows: rows, minSize: settings.minTeamSize)

        // INS-1 notice
        var noticeBlocked: String? = nil
        if !inInspection { noticeBlocked = t("insp_notice_notInStage") }
        else if !team.problems.isEmpty { noticeBlocked = t("insp_notice_teamFirst") }
        else if !v.people.contains(where: \.isTarget) { noticeBlocked = t("insp_notice_noTargets") }
        let ends = noticeItem?.ends ?? v.noticeEnds
        let notice = Notice(
            published: published,
            lines: noticeItem?.lines.filter { $0.key != "period" }.map { Line(label: t("insp_notice_" + $0.key), value: $0.value) } ?? [],
            period: noticeItem?.lines.first { $0.key == "period" }?.value ?? "",
            ends: ends?.description ?? "", days: settings.noticeDays, running: ends.map { today < $0 } ?? false,
            canPublish: a.manages && !published && noticeBlocked == nil, blocked: published ? nil : noticeBlocked)

        // INS-1: inspection work only after the notice
        let workBlocked: String? = !inInspection ? t("insp_work_notInStage") : !published ? t("insp_work_noNotice") : nil

        // INS-3 the democratic evaluation
        let evalSession = v.sessions.evaluation
        let evalBlocked: String? = evalSession != nil ? nil
            : !(running && (m.current == .inspection || m.current == .democraticEvaluation)) ? t("insp_eval_notInStage")
            : !v.people.contains(where: \.isTarget) ? t("insp_notice_noTargets") : nil
        let chosen = Set((form["custodians"] ?? "").split(separator: ",").map(String.init))
        let evaluation = Evaluation(
            session: evalSession?.uuidString, sessionHref: evalSession.map { BallotRoute.detail($0).path }, closed: v.facts.evaluationClosed,
            canCreate: a.manages && evalSession == nil && evalBlocked == nil, blocked: evalBlocked,
            custodians: custodians.map { Option(value: $0.username, label: "\($0.displayName)（\($0.username)）", selected: chosen.contains($0.username)) },
            custodianThreshold: form["custodianThreshold"] ?? String(CustodianPlan.defaultThreshold), entitled: form["entitled"] ?? "",
            vetoPercent: settings.vetoPercent)

        // per candidate
        let positions = Dictionary(m.plan.positions.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        func positionLabel(_ id: String) -> String { positions[id].map { "\($0.unitName) \($0.post)" } ?? id }
        func record(_ n: MatterNote) -> Record {
            Record(kind: n.kind.rawValue, kindTitle: n.kind.title(in: lang), day: n.day.description, by: n.by,
                   fields: n.fields.filter { !$0.value.isEmpty && $0.key != "position" }.map { Line(label: t("insp_field_" + $0.key), value: $0.value) },
                   withheld: n.withheld)
        }
        let people = v.people.filter { $0.targetReason != nil }
        let candidates = people.map { p -> Candidate in
            let notes = v.notes.filter { $0.personID == p.id }
            let opinions = notes.filter { $0.kind == .bodyOpinion }.compactMap { n -> Opinion? in
                guard let o = n.opinion else { return nil }
                return Opinion(note: n.id.uuidString, body: o.body, requested: o.requested.description, due: o.due?.description ?? "",
                               answered: o.answered?.description ?? "", answer: o.answer, negative: o.negative, attachment: o.attachment,
                               isIntegrity: o.isIntegrity, open: o.answered == nil)
            }
            let latest = notes.last { $0.kind == .materials }
            let gates = p.gateResults.map { g -> GateRow in
                var state = "holds", o: OverrideView? = nil, text = g.text(in: lang)
                switch g.state {
                case .holds: state = "holds"
                case .blocked: state = "blocked"
                case .overridden(let x, let r):
                    // what the gate said, and beside it the decision that set it aside
                    state = "overridden"; text = t("insp_gate_said") + r.text(in: lang)
                    o = OverrideView(decision: x.decision, reason: x.reason, by: x.by, on: x.on.description)
                case .notRequired:
                    state = "notRequired"
                    let key = "insp_gate_notRequired_" + g.kind.rawValue, why = t(key)
                    if why != key { text = why }
                }
                return GateRow(kind: g.kind.rawValue, title: g.kind.title(in: lang), rule: g.kind.rule, state: state, stateLabel: t("insp_gate_" + state),
                               text: text, override: o)
            }
            let recommendation = p.recommendationScore.map { s in
                t("insp_rec_score") + " " + String(format: "%.4f", s) + " · " + t("insp_rec_rank") + " " + (p.recommendationRank.map(String.init) ?? "—")
                    + (p.doubleMajority.map { " · " + t($0.passes ? "insp_rec_dmPasses" : "insp_rec_dmFails") } ?? "")
            }
            let consent = p.consent.map { c in
                "\(c.yes)/\(c.total)" + (c.total > 0 ? "（\(String(format: "%.1f", Double(c.yes) * 100 / Double(c.total)))%）" : "")
            }
            let draft: [Field] = materialsFields.map { key in
                var value = latest?.value(key) ?? ""
                if latest == nil, key == "results" {
                    value = [recommendation.map { t("insp_rec") + "：" + $0 }, consent.map { t("insp_consent") + "：" + $0 }].compactMap { $0 }.joined(separator: "；")
                }
                return Field(key: key, label: t("insp_field_" + key), value: value)
            }
            let pm = p.gates.personalMatters
            return Candidate(
                id: p.id.uuidString, anchor: "c-" + p.id.uuidString, name: p.name, position: positionLabel(p.positionID), reason: p.targetReason ?? "",
                withdrawn: p.withdrawn, recommendation: recommendation, consent: consent,
                records: notes.filter { recordKinds.contains($0.kind) }.map(record), opinions: opinions,
                scores: VirtueItem.allCases.map { Score(key: $0.rawValue, label: $0.title(in: lang), value: p.gates.scores[$0.rawValue].map(String.init) ?? "") },
                scored: !p.gates.scores.isEmpty,
                materials: latest.map { n in Materials(fields: materialsFields.map { Line(label: t("insp_field_" + $0), value: n.value($0)) },
                                                byKey: Dictionary(uniqueKeysWithValues: materialsFields.map { ($0, n.value($0)) }), day: n.day.description, by: n.by) },
                materialsDraft: draft, gates: gates, allPass: p.gateResults.allSatisfy(\.passes),
                holds: p.gates.holds.enumerated().map { i, h in
                    HoldRow(index: i, reason: h.reason, by: h.by.hasPrefix("case:") ? String(h.by.dropFirst(5)) : h.by, on: h.on.description, open: h.isOpen,
                            lifted: h.liftedReason.map { "\($0) — \(h.liftedBy ?? "")，\(h.liftedOn?.description ?? "")" }, byCase: h.by.hasPrefix("case:"))
                },
                // the registry opens to organizers and supervisors of the unit (not to a team member by the team alone)
                fileHref: a.manages || a.supervises ? p.cadreID.map { RegistryRoute.cadre($0).link(fragment: "audit") } : nil,
                personal: pm.map { c in
                    let result = (c.consistent ? t("insp_pm_consistent") : t("insp_pm_inconsistent")) + (lang == .zhHans ? "，" : ", ") + c.handling.title(in: lang)
                    return Line(label: c.date.description, value: c.note.isEmpty ? result : MatterText.bracket(result, c.note, lang))
                },
                // the exam's score said as a score, not a bare number
                exam: p.gates.integrityExam.map { "\($0.date) · \(t("insp_exam_score")) \($0.score)" }, priorReport: p.gates.priorReport,
                priorRequired: p.gateFacts.priorReportRequired, links: InspectionPersonLinks(v.id, p.id))
        }

        // INS-6 the comparative analysis per position
        let comparisons = m.plan.positions.filter { pos in people.contains { $0.positionID == pos.id } }.map { pos in
            Comparison(position: pos.id, title: "\(pos.unitName) \(pos.post)", candidates: people.filter { $0.positionID == pos.id && $0.withdrawn == nil }.map(\.name),
                       notes: v.notes.filter { $0.kind == .comparison && $0.value("position") == pos.id }.map(record),
                       action: InspectionRoute.comparison(v.id, position: pos.id).path, print: InspectionRoute.printComparison(v.id, position: pos.id).path)
        }

        return InspectionPage(
            id: v.id.uuidString, matter: m.title, unit: v.unitName, stage: m.current?.title(in: lang) ?? m.phase.title(in: lang),
            inspecting: inInspection, waiting: inInspection ? v.waitingFor.map { Problem(rule: $0.rule, text: $0.text(in: lang)) } : [],
            today: today.description,
            manages: a.manages, inspects: a.inspects, supervises: a.supervises, readsConfidential: a.readsConfidential,
            workOpen: workBlocked == nil, workBlocked: workBlocked, gatesOpen: running,
            team: team, notice: notice, evaluation: evaluation, candidates: candidates, comparisons: comparisons,
            recordKinds: recordKinds.map { Option(value: $0.rawValue, label: $0.title(in: lang), selected: false) },
            handlings: PersonalMattersCheck.Handling.allCases.filter { $0 != .none }.map { Option(value: $0.rawValue, label: $0.title(in: lang), selected: false) },
            overridable: GateKind.allCases.filter(\.canBeOverridden).map { Option(value: $0.rawValue, label: "\($0.title(in: lang))（\($0.rule)）", selected: false) },
            bodies: (1 ... 7).map { t("insp_body_\($0)") },
            links: Links(matter: MatterRoute.show(v.id).path, team: InspectionRoute.team(v.id).path, notice: InspectionRoute.notice(v.id).path, evaluation: InspectionRoute.evaluation(v.id).path,
                         record: RecordRoute.matter(v.id).path))
    }
}
