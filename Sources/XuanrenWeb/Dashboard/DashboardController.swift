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
    struct Model: Encodable { var panels: [Panel] }

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
                p.empty = req.t("dash_noCases")
            case .committee: p.empty = req.t("dash_noVotes")
            case .grader: p.empty = req.t("dash_noPapers")
            case .judge: p.empty = req.t("dash_noInterviews")
            case .inspector: p.empty = req.t("dash_noInspections")
            case .clerk: p.empty = req.t("dash_noEntry")
            }
            panels.append(p)
        }
        return try await req.page("dashboard", titleKey: "dash_title", Model(panels: panels))
    }
}
