import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// The matter page: header, the procedure as a timeline (stages done with their dates, the current one with what it
/// waits for, the next with its guard in words), the plan, and the current stage's panel. What the reader sees and
/// may do is what the store's `MatterAccess` says: recommenders (NOM-1) for organizers and supervisors, talk contents
/// for the team and supervisors, forms for the organizers of the unit.
extension MatterController {
    struct RefusalRow: Encodable { var rule: String; var text: String }
    struct TimelineRow: Encodable {
        var number: Int; var title: String; var state: String; var stateLabel: String; var started: String?; var finished: String?
        var outcome: String?; var competitive: Bool; var waiting: [RefusalRow]; var ready: Bool; var guardText: String?
    }
    struct PositionView: Encodable { var title: String; var rank: String; var posts: Int; var exceptional: Bool; var conditions: String; var extra: [String] }
    struct ChannelRow: Encodable { var title: String; var recommender: String; var day: String; var by: String; var note: String; var flagged: Bool }
    struct CheckView: Encodable { var text: String; var passed: Bool }
    struct PersonRow: Encodable {
        var id: String; var name: String; var href: String?; var position: String
        var channels: [ChannelRow]; var flagged: Bool
        var qualified: String; var checks: [CheckView]
        var score: String?; var rank: String?; var meeting: String?; var talk: String?; var dm: String?; var dmPasses: Bool; var consent: String?
        var target: String?; var withdrawn: String?; var active: Bool
        var canChoose: Bool; var canWithdraw: Bool; var canReview: Bool
        var reviewURL: String; var withdrawURL: String; var chooseURL: String
        /// BAL-5: the plan asks for the double majority and the votes did not give it (the store refuses the choice).
        var noMajority: Bool
    }
    struct Group: Encodable { var title: String; var posts: Int; var people: [PersonRow] }
    struct CadreOption: Encodable { var id: String; var label: String; var note: String }
    struct NominateModel: Encodable {
        var positions: [Option]; var channels: [Option]; var q: String; var qualify: String; var searched: Bool; var found: [CadreOption]
        /// What the list shows: a name search, or who qualifies for a position (ELG-2…6).
        var foundNote: String
        var search: String; var qualifyAction: String
    }
    struct SessionLink: Encodable { var title: String; var status: String; var href: String? }
    struct VotesModel: Encodable { var leaders: String; var staff: String; var representatives: String; var custodians: [Option]; var threshold: Int }
    struct NoteField: Encodable { var label: String; var value: String }
    struct NoteRow: Encodable { var day: String; var by: String; var withheld: Bool; var fields: [NoteField] }
    struct ItemRow: Encodable { var title: String; var at: String; var ends: String? }
    struct GateRow: Encodable { var title: String; var rule: String; var state: String; var text: String }
    struct GateCandidate: Encodable { var name: String; var position: String; var passes: Bool; var gates: [GateRow] }

    struct ShowModel: Encodable {
        var id: String; var title: String; var unit: String; var procedure: String; var phase: String; var phaseLabel: String
        var published: String?; var createdBy: String; var cancellation: String?
        var stage: String?; var stageTitle: String?; var next: String?
        var timeline: [TimelineRow]; var waiting: [RefusalRow]
        var positions: [PositionView]; var settings: [String]; var disclosure: String; var scope: String; var timetable: String; var discipline: String
        /// DIS-3: the open pledge campaign's rules for the matter's unit, shown to staff as to every participant.
        var pledgeCampaign: String?; var pledgeRules: String?
        var amendments: [AmendmentRow]
        var manages: Bool; var supervises: Bool; var inspects: Bool; var readsConfidential: Bool; var seesRecommenders: Bool
        var isDraft: Bool; var isRunning: Bool
        var groups: [Group]; var hasPeople: Bool
        var nominate: NominateModel?; var consolidation: String?; var canConsolidate: Bool
        var recommendation: Bool; var sessions: [SessionLink]; var votes: VotesModel?; var talks: [NoteRow]; var canTalk: Bool
        var canPublishResults: Bool; var resultsPublished: Bool
        var choosing: Bool
        var consultation: Bool; var consultations: [NoteRow]; var showConsultation: Bool; var canCancel: Bool; var showInspectionLink: Bool
        var outcomeForm: Bool
        var gates: [GateCandidate]; var inspectionStage: Bool; var inspectionHref: String?
        /// DEC, PUB, PRB: the committee and publicity pages, once the decision stage has begun.
        var committeeHref: String?; var publicityHref: String?
        /// ELG, EXM-1: the competition page, for a procedure with registration once published.
        var competitionHref: String?
        var items: [ItemRow]
        var today: String
        var links: MatterLinks
    }

    func show(req: Request) async throws -> Response {
        try await showPage(req, try Self.matterID(req), error: nil, status: .ok)
    }

    /// The matter page for this reader (with an action's refusal as its error).
    func showPage(_ req: Request, _ id: UUID, error: String?, status: HTTPStatus) async throws -> Response {
        let view = try await req.store.matterView(id, by: req.actingUser)
        let model = try await Self.showModel(req, view)
        return try await req.page("matter-page", titleKey: "matters_matter", model, error: error, status: status)
    }

    static func showModel(_ req: Request, _ v: MatterView) async throws -> ShowModel {
        let l = req.language, zh = l == .zhHans
        let m = v.matter, a = v.access
        let ladder = try await req.store.registrySettings().ladder
        let current = m.current, next = m.next
        let running = m.phase == .running
        let waiting = v.waitingFor.map { RefusalRow(rule: $0.rule, text: $0.text(in: l)) }

        // the timeline
        let ci = m.currentIndex
        let timeline = m.stages.enumerated().map { i, s -> TimelineRow in
            let state: String
            if s.finished != nil { state = "done" }
            else if s.started != nil { state = running ? "current" : "stopped" }
            else if m.phase == .drafting { state = "planned" }
            else if running, let ci, i == ci + 1 { state = "next" }
            else { state = "later" }
            return TimelineRow(number: i + 1, title: s.kind.title(in: l), state: state, stateLabel: req.t("matters_stage_\(state)"),
                               started: s.started?.description, finished: s.finished?.description, outcome: s.outcome,
                               competitive: m.plan.settings.isCompetitive(s.kind), waiting: state == "current" ? waiting : [],
                               ready: state == "current" && waiting.isEmpty,
                               guardText: state == "next" || state == "current" ? StageGuards.describe(s.kind, in: l) : nil)
        }

        // the plan
        let positions = m.plan.positions.map {
            PositionView(title: "\($0.unitName) \($0.post)", rank: MatterText.rank($0.grade, ladder: ladder), posts: $0.posts, exceptional: $0.exceptional,
                         conditions: MatterText.conditions($0.conditions, l), extra: MatterText.extraConditions($0.conditions, l))
        }
        let s = m.plan.settings
        var settings = MatterSettings.fields.map { MatterText.bracket(MatterText.colon($0.label(in: l), "\(s[keyPath: $0.path])", l), $0.rule, l) }
        settings.append((zh ? "双过半（BAL-5）：" : "Double majority (BAL-5): ") + req.t(s.doubleMajority ? "matters_yes" : "matters_no"))
        settings.append((zh ? "公示天数按" : "Publicity counted in ") + req.t(s.publicityInWorkingDays ? "matters_workingDays" : "matters_calendarDays") + " (PUB-1)")
        settings.append((zh ? "差额环节（SEL-8）：" : "Competitive stages (SEL-8): ")
            + (s.competitiveStages.isEmpty ? "—" : StageKind.allCases.filter { s.competitiveStages.contains($0) }.map { $0.title(in: l) }.joined(separator: zh ? "、" : ", ")))

        // the people, per position, with all the evidence side by side (INS-8)
        let seesFiles = a.manages || a.supervises
        let choosing = a.manages && running && next == .inspection
        func person(_ p: MatterPerson) -> PersonRow {
            let pos = m.plan.positions.first { $0.id == p.positionID }
            let active = p.withdrawn == nil
            let dm = p.doubleMajority
            return PersonRow(
                id: p.id.uuidString, name: p.name, href: seesFiles ? p.cadreID.map { RegistryRoute.cadre($0).path } : nil,
                position: pos.map { "\($0.unitName) \($0.post)" } ?? p.positionID,
                channels: p.nominations.map {
                    ChannelRow(title: $0.channel.title(in: l), recommender: a.seesRecommenders ? $0.recommender : "", day: $0.on.description, by: $0.by, note: $0.note,
                               flagged: $0.channel.flagged)
                },
                flagged: p.flagged,
                qualified: p.qualified.map { $0 ? "yes" : "no" } ?? "unchecked",
                checks: (p.review ?? []).map { CheckView(text: $0.text(in: l), passed: $0.passed) },
                score: p.recommendationScore.map { String(format: "%.4f", $0) }, rank: p.recommendationRank.map(String.init),
                meeting: dm?.first.map { "\($0.votes)/\($0.cast)" }, talk: dm?.second.map { "\($0.votes)/\($0.cast)" },
                dm: dm.map { req.t($0.passes ? "matters_dm_passes" : "matters_dm_fails") }, dmPasses: dm?.passes ?? false,
                consent: p.consent.map { "\($0.yes)/\($0.total)" },
                target: p.targetReason, withdrawn: p.withdrawn, active: active,
                canChoose: choosing && active && p.qualified != false && p.targetReason == nil && !(s.doubleMajority && dm?.passes == false),
                canWithdraw: a.manages && running && active, canReview: a.manages && running && active && p.cadreID != nil,
                reviewURL: MatterRoute.review(v.id, person: p.id).path, withdrawURL: MatterRoute.withdraw(v.id, person: p.id).path,
                chooseURL: MatterRoute.choose(v.id, person: p.id).path,
                noMajority: choosing && active && p.targetReason == nil && s.doubleMajority && dm?.passes == false)
        }
        var groups = m.plan.positions.map { pos in
            Group(title: "\(pos.unitName) \(pos.post)", posts: pos.posts, people: v.people.filter { $0.positionID == pos.id }.map(person))
        }
        let orphans = v.people.filter { p in !m.plan.positions.contains { $0.id == p.positionID } }
        if !orphans.isEmpty { groups.append(Group(title: req.t("matters_otherPositions"), posts: 0, people: orphans.map(person))) }

        // nomination: the cadre picker (a name search in the reader's registry, or who qualifies for a position)
        var nominate: NominateModel? = nil
        if a.manages, running, current == .initialNomination, v.consolidation == nil {
            let q = String((req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(40))
            let qualify = req.query[String.self, at: "qualify"] ?? ""
            var found: [CadreOption] = []
            var searched = false
            var foundNote = ""
            if let pos = m.plan.positions.first(where: { $0.id == qualify }) {
                searched = true
                foundNote = req.t("matters_qualifiesFor") + "\(pos.unitName) \(pos.post)"
                found = try await req.store.whoQualifies(pos.conditions, by: req.actingUser, limit: 30).qualified.map {
                    CadreOption(id: $0.row.id.uuidString, label: "\($0.row.name) · \($0.row.unitName) \($0.row.post) · \($0.row.rank)", note: "")
                }
            } else if !q.isEmpty {
                searched = true
                foundNote = req.t("matters_foundByName") + q
                var f = CadreFilter()
                f.text = q
                found = try await req.store.cadres(f, limit: 20, by: req.actingUser).rows.map {
                    CadreOption(id: $0.id.uuidString, label: "\($0.name) · \($0.unitName) \($0.post) · \($0.rank)", note: "")
                }
            }
            nominate = NominateModel(
                positions: m.plan.positions.map { Option(value: $0.id, label: MatterText.bracket("\($0.unitName) \($0.post)", "\($0.posts)", l), selected: $0.id == qualify) },
                channels: NominationChannel.allCases.map { Option(value: $0.rawValue, label: $0.flagged ? MatterText.bracket($0.title(in: l), "NOM-3", l) : $0.title(in: l), selected: $0 == .assessment) },
                q: q, qualify: qualify, searched: searched, found: found, foundNote: foundNote,
                search: MatterRoute.show(v.id).link(fragment: "nominate"), qualifyAction: MatterRoute.show(v.id).link(fragment: "nominate"))
        }

        // democratic recommendation: the two votes, the talks, the results
        var sessions: [SessionLink] = []
        let seesBallots = a.manages || a.supervises
        for (sid, key) in [(v.sessions.meeting, "matters_meetingVote"), (v.sessions.talk, "matters_talkVote"), (v.sessions.evaluation, "matters_evaluationVote")] {
            guard let sid else { continue }
            let closed = key == "matters_meetingVote" ? v.facts.meetingVoteClosed : key == "matters_talkVote" ? v.facts.talkVoteClosed : v.facts.evaluationClosed
            sessions.append(SessionLink(title: req.t(key), status: req.t(closed == true ? "matters_voteClosed" : "matters_voteOpen"),
                                        href: seesBallots ? BallotRoute.detail(sid).path : nil))
        }
        var votes: VotesModel? = nil
        if a.manages, current == .democraticRecommendation, v.sessions.meeting == nil {
            votes = VotesModel(leaders: MatterText.bracket(req.t("matters_leaders"), "\(s.weightLeaders)%", l), staff: MatterText.bracket(req.t("matters_staff"), "\(s.weightStaff)%", l),
                               representatives: MatterText.bracket(req.t("matters_representatives"), "\(s.weightRepresentatives)%", l),
                               custodians: try await req.store.custodianCandidates().map { Option(value: $0.username, label: MatterText.bracket($0.displayName, $0.username, l), selected: false) },
                               threshold: CustodianPlan.defaultThreshold)
        }
        func notes(_ kind: MatterNoteKind, _ keys: [String]) -> [NoteRow] {
            v.notes.filter { $0.kind == kind }.map { n in
                NoteRow(day: n.day.description, by: n.by, withheld: n.withheld,
                        fields: keys.compactMap { k in let x = n.value(k); return x.isEmpty ? nil : NoteField(label: FieldNames.name(of: k, in: l), value: x) })
            }
        }
        let resultsPublished = v.items.contains { $0.kind == .recommendationResults }
        let counted = v.facts.meetingVoteClosed == true && v.facts.talkVoteClosed == true

        // inspection and the committee: the gates per candidate (W2's page carries the inspection's own work)
        let gates = v.people.filter(\.isTarget).map { p in
            GateCandidate(name: p.name, position: m.plan.positions.first { $0.id == p.positionID }.map { "\($0.unitName) \($0.post)" } ?? "",
                          passes: p.gateResults.allSatisfy(\.passes),
                          gates: p.gateResults.map { g in
                              let state: String
                              switch g.state {
                              case .holds: state = "holds"
                              case .blocked: state = "blocked"
                              case .overridden: state = "overridden"
                              case .notRequired: state = "notRequired"
                              }
                              return GateRow(title: g.kind.title(in: l), rule: g.kind.rule, state: state, text: g.text(in: l))
                          })
        }
        // the inspection page from the stage that chooses whom to inspect (the team is set then) to the end
        let decisionBegun = m.stages.contains { $0.kind == .committeeDecision && $0.started != nil }
        let inspectionStage = next == .inspection || current == .democraticEvaluation || m.stages.contains { $0.kind == .inspection && $0.started != nil }

        let pledge = try await req.store.participantDiscipline(matter: m)

        return ShowModel(
            id: v.id.uuidString, title: m.title, unit: v.unitName, procedure: procedureTitle(m.plan.procedure, l), phase: m.phase.rawValue,
            phaseLabel: m.phase.title(in: l), published: m.published?.description, createdBy: v.createdBy, cancellation: m.cancellation,
            stage: current?.rawValue, stageTitle: current?.title(in: l), next: next?.title(in: l),
            timeline: timeline, waiting: waiting,
            positions: positions, settings: settings, disclosure: m.plan.disclosure.title(in: l), scope: m.plan.scope, timetable: m.plan.timetable,
            discipline: m.plan.discipline, pledgeCampaign: pledge.campaignName, pledgeRules: pledge.rules,
            amendments: m.amendments.reversed().map { AmendmentRow(day: $0.on.description, by: $0.by, decision: $0.decision, reason: $0.reason, changes: zh ? $0.changesZh : $0.changesEn) },
            manages: a.manages, supervises: a.supervises, inspects: a.inspects, readsConfidential: a.readsConfidential, seesRecommenders: a.seesRecommenders,
            isDraft: m.phase == .drafting, isRunning: running,
            groups: groups, hasPeople: !v.people.isEmpty,
            nominate: nominate,
            consolidation: v.consolidation.map { "\($0.on) · \($0.by)" + ($0.note.isEmpty ? "" : " · \($0.note)") },
            canConsolidate: a.manages && current == .initialNomination && v.consolidation == nil && !v.people.isEmpty,
            recommendation: current == .democraticRecommendation || !sessions.isEmpty, sessions: sessions, votes: votes,
            talks: notes(.recommendationTalk, Self.talkKeys), canTalk: (a.manages || a.inspects) && current == .democraticRecommendation,
            canPublishResults: a.manages && counted && !resultsPublished, resultsPublished: resultsPublished,
            choosing: choosing,
            consultation: a.manages && current == .consultation, consultations: notes(.consultation, ["summary"]),
            showConsultation: (a.manages && current == .consultation) || v.notes.contains { $0.kind == .consultation },
            canCancel: a.manages && (m.phase == .drafting || running), showInspectionLink: inspectionStage,
            outcomeForm: a.manages && running && (current?.recordedByHand ?? false),
            gates: gates, inspectionStage: inspectionStage, inspectionHref: inspectionLink(v.id),
            committeeHref: decisionBegun ? CommitteeRoute.page(v.id).path : nil,
            publicityHref: m.stages.contains { $0.kind == .publicity && $0.started != nil } ? PublicityRoute.page(v.id).path : nil,
            competitionHref: m.stages.contains { $0.kind == .registration } && m.phase != .drafting ? CompetitionRoute.page(v.id).path : nil,
            items: v.items.map { ItemRow(title: $0.kind.title(in: l), at: MatterText.time($0.publishedAt), ends: $0.ends?.description) },
            today: req.store.today.description,
            links: MatterLinks(v.id))
    }

    /// The inspection page of the matter (its team, notice, records, evaluation, opinions and gates).
    static func inspectionLink(_ id: UUID) -> String? { InspectionRoute.page(id).path }
}
