import SelectionCore
import Vapor
import XuanrenStore

/// The home dashboard of a signed-in user: one panel per role held.
struct DashboardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(DashboardRoute.dashboard, use: dashboard)
    }

    struct Panel: Encodable {
        var role: String
        var title: String
        var items: [Item]
        var empty: String?
    }
    struct Item: Encodable { var label: String; var value: String; var href: String? }
    /// A selection matter the user works on, and what it waits for (issue 17: role dashboards list work).
    struct MatterItem: Encodable { var title: String; var href: String; var unit: String; var stage: String; var waiting: [String]; var ready: Bool }
    struct Matters: Encodable { var items: [MatterItem]; var total: Int; var all = MatterRoute.list.path }
    struct Model: Encodable { var panels: [Panel]; var matters: Matters? }

    func dashboard(req: Request) async throws -> Response {
        guard let user = req.user else { throw Abort(.unauthorized, reason: "error_unauthorized") }
        let lang = req.language
        let store = req.store
        var panels: [Panel] = []
        for role in Role.allCases where user.roles.contains(role) {
            var p = Panel(role: role.rawValue, title: role.title(in: lang), items: [], empty: nil)
            switch role {
            case .admin:
                p.items = [
                    Item(label: req.t("dash_units"), value: "\(try await store.unitCount())", href: AdminRoute.units.path),
                    Item(label: req.t("dash_accounts"), value: "\(try await store.accountCount())", href: AdminRoute.accounts.path),
                    Item(label: req.t("dash_ledgerEntries"), value: "\(try await store.ledgerHead()?.seq ?? 0)", href: LedgerRoute.entries.path),
                ]
            case .organizer:
                let scope = try await store.unitScope(of: user, roles: [.organizer])
                let (counts, _) = try await store.alerts(units: scope, by: req.actingUser, limit: 0)
                let today = YearMonth.today
                let due = try await store.reserve(units: scope, by: req.actingUser).filter { $0.membership.reviewDue(today: today) }.count
                p.items = [Item(label: req.t("dash_cadres"), value: "\(try await store.cadreCount())", href: RegistryRoute.cadres.path)]
                    + CadreAlert.Kind.allCases.compactMap { k in counts[k].map { Item(label: req.t("alert_" + k.rawValue), value: "\($0)", href: RegistryRoute.alerts.link(fragment: k.rawValue)) } }
                    + (due > 0 ? [Item(label: req.t("reserve_due"), value: "\(due)", href: RegistryRoute.reserve.path)] : [])
                p.empty = req.t("dash_noCampaigns")
            case .supervisor:
                let cp = try await store.latestCheckpoint()
                p.items = [
                    Item(label: req.t("dash_ledgerEntries"), value: "\(try await store.ledgerHead()?.seq ?? 0)", href: LedgerRoute.entries.path),
                    Item(label: req.t("dash_lastCheckpoint"), value: cp.map { "#\($0.seq)" } ?? "—", href: LedgerRoute.overview.path),
                ]
                // CAS-1, CAS-5: the open report cases this supervisor handles or reviews, and how many are overdue
                let cases = try await store.cases(by: req.actingUser).filter(\.value.isOpen)
                let today = store.today
                p.items += [Item(label: req.t("dash_openCases"), value: "\(cases.count)", href: CaseRoute.list.path)]
                    + (cases.contains { $0.value.overdue(on: today) } ? [Item(label: req.t("dash_overdueCases"), value: "\(cases.filter { $0.value.overdue(on: today) }.count)", href: CaseRoute.list.path)] : [])
            case .committee:
                p.items = try await store.committeeWork(by: req.actingUser).map {
                    Item(label: "\($0.title)（\($0.unitName)）", value: $0.meetingOpen ? req.t("dec_meeting") : req.t("dec_title"), href: CommitteeRoute.page($0.matter).path)
                }
                if p.items.isEmpty { p.empty = req.t("dash_noVotes") }
            case .grader:
                p.items = try await store.examWork(by: req.actingUser).grading.map { Item(label: $0.1, value: req.t("cmp_grading_title"), href: CompetitionRoute.grading($0.0).path) }
                if p.items.isEmpty { p.empty = req.t("dash_noPapers") }
            case .judge:
                p.items = try await store.examWork(by: req.actingUser).interviews.map { Item(label: $0.1, value: req.t("cmp_interview_title"), href: CompetitionRoute.interview($0.0).path) }
                if p.items.isEmpty { p.empty = req.t("dash_noInterviews") }
            case .inspector: p.empty = req.t("dash_noInspections")
            case .clerk:
                p.items = try await BallotController.paperWorkRows(req).map { Item(label: "\($0.title)（\($0.unit)）", value: req.t("paperWork_enter"), href: $0.href) }
                    + [Item(label: req.t("paperWork_title"), value: "→", href: BallotRoute.paperWork.path)]
            }
            panels.append(p)
        }
        let matters = try await self.matters(req, user)
        if let m = matters, m.total > 0 { for i in panels.indices where panels[i].role == Role.organizer.rawValue || panels[i].role == Role.inspector.rawValue { panels[i].empty = nil } }
        return try await req.page("dashboard", titleKey: "dash_title", Model(panels: panels, matters: matters))
    }

    /// The matters the user sees (the store decides: their units' and their teams'), newest change first, each with
    /// its current stage and what it waits for in words with the rule (`MatterView.waitingFor`).
    func matters(_ req: Request, _ user: AccountInfo) async throws -> Matters? {
        guard MatterRoute.readers.allows(signedIn: true, roles: user.roles) else { return nil }
        let l = req.language
        let (rows, total) = try await req.store.matters(visibleTo: req.actingUser, limit: 6)
        var items: [MatterItem] = []
        for r in rows {
            var item = MatterItem(title: r.title, href: MatterRoute.show(r.id).path, unit: r.unitName,
                                  stage: r.phase == .running ? (r.stage?.title(in: l) ?? "") : r.phase.title(in: l), waiting: [], ready: false)
            if r.phase == .running {
                let view = try await req.store.matterView(r.id, by: req.actingUser)
                item.waiting = view.waitingFor.prefix(3).map { MatterText.bracket($0.text(in: l), $0.rule, l) } + (view.waitingFor.count > 3 ? [req.t("dash_mattersMore").replacingOccurrences(of: "{n}", with: "\(view.waitingFor.count - 3)")] : [])
                item.ready = view.waitingFor.isEmpty
            } else if r.phase == .drafting {
                item.waiting = [req.t("dash_mattersDraft")]
            }
            items.append(item)
        }
        return Matters(items: items, total: total)
    }
}
