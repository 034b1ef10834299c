import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// The reserve pool (RES-1) and the succession alerts (ROT-1, ROT-2, ASM-1).
struct ReserveController: RouteCollection {
    typealias Option = RegistryController.Option

    func boot(routes: any RoutesBuilder) throws {
        routes.on(RegistryRoute.reserve, use: reserve)
        routes.on(RegistryRoute.addReserve, use: addReserve)
        routes.on(RegistryRoute.review(.parameter), use: reviewReserve)
        routes.on(RegistryRoute.exitReserve(.parameter), use: exitReserve)
        routes.on(RegistryRoute.alerts, use: alerts)
    }

    struct ReserveLine: Encodable {
        var id: String; var cadre: String; var name: String; var unit: String; var post: String; var route: String; var entered: String; var next: String; var due: Bool
        var href: String; var reviewAction: String; var exitAction: String
    }
    struct ReserveModel: Encodable { var rows: [ReserveLine]; var routes: [Option]; var today: String; var canEdit: Bool; var due: Int; var addAction = RegistryRoute.addReserve.path }

    func reserve(req: Request) async throws -> Response {
        let lang = req.language
        let today = YearMonth.today
        let rows = try await req.store.reserve(by: req.actingUser)
        return try await req.page("reserve", titleKey: "reserve_title", ReserveModel(
            rows: rows.map { ReserveLine(id: $0.id.uuidString, cadre: $0.cadreID.uuidString, name: $0.name, unit: $0.unitName, post: $0.post,
                                         route: $0.route.title(in: lang), entered: $0.membership.entered.dotted, next: $0.membership.nextReview.dotted,
                                         due: $0.membership.reviewDue(today: today), href: RegistryRoute.cadre($0.cadreID).path,
                                         reviewAction: RegistryRoute.review($0.id).path, exitAction: RegistryRoute.exitReserve($0.id).path) },
            routes: ReserveMembership.Route.allCases.map { Option(value: $0.rawValue, label: $0.title(in: lang), selected: false) },
            today: today.dotted, canEdit: req.user!.roles.contains(.organizer), due: rows.filter { $0.membership.reviewDue(today: today) }.count))
    }

    func addReserve(req: Request) async throws -> Response {
        struct Form: Content { var cadre: String; var route: String; var entered: String; var cycleMonths: String? }
        let f = try req.form(Form.self)
        var d: CadreDossier? = nil
        let typed = f.cadre.trimmingCharacters(in: .whitespaces)
        var found = UUID(uuidString: typed)
        if found == nil, !typed.isEmpty {
            // a name (or an identity number) among the files the organizer reads: exactly one, else say so
            var filter = CadreFilter()
            filter.text = typed
            let rows = try await req.store.cadres(filter, limit: 3, by: req.actingUser).rows.filter { $0.name == typed || typed.count >= 15 }
            if rows.count > 1 {
                throw InvalidInput(field: "cadre", .described(zh: "有多名干部名为“\(typed)”，请在其档案页面点击“加入后备干部”", en: "several cadres are named “\(typed)”: add from the person's file page"))
            }
            found = rows.first?.id
        }
        if let id = found {
            // a cadre outside the organizer's units is "not found", as one that does not exist
            do { d = try await req.store.dossier(id, by: req.actingUser) } catch is NotPermitted { d = nil }
        }
        guard let d, d.sensitive else { throw InvalidInput(field: "cadre", .notFound(f.cadre)) }
        let id = d.id
        guard let route = ReserveMembership.Route(rawValue: f.route) else { throw InvalidInput(field: "route", .unknownValue(f.route)) }
        guard let entered = YearMonth(fileDate: f.entered) else { throw InvalidInput(field: "entered", .unknownValue(f.entered)) }
        let cycle = f.cycleMonths.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 24
        try await req.store.addToReserve(cadreID: id, route: route, entered: entered, cycleMonths: cycle, by: req.actingUser)
        req.flash("reserve_added")
        return req.redirect(to: RegistryRoute.reserve)
    }

    func reviewReserve(req: Request) async throws -> Response {
        guard let id = req.parameters.get("entry").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        try await checkEntry(req, id)
        try await req.store.reviewReserve(entryID: id, on: .today, by: req.actingUser)
        req.flash("reserve_reviewed")
        return req.redirect(to: RegistryRoute.reserve)
    }

    func exitReserve(req: Request) async throws -> Response {
        struct Form: Content { var reason: String }
        guard let id = req.parameters.get("entry").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        try await checkEntry(req, id)
        let f = try req.form(Form.self)
        try await req.store.exitReserve(entryID: id, on: .today, reason: f.reason, by: req.actingUser)
        req.flash("reserve_exited")
        return req.redirect(to: RegistryRoute.reserve)
    }

    func checkEntry(_ req: Request, _ id: UUID) async throws {
        let scope = try await req.store.registryScope(of: req.actingUser)
        guard try await req.store.reserve(units: scope.sensitive, by: req.actingUser).contains(where: { $0.id == id }) else { throw Abort(.notFound) }
    }

    // MARK: Alerts (ROT-1, ROT-2, ASM-1)

    struct AlertLine: Encodable { var id: String; var href: String; var name: String; var unit: String; var post: String; var rank: String; var alerts: [String]; var kinds: [String] }
    struct AlertsModel: Encodable { var counts: [Option]; var rows: [AlertLine]; var shown: Int; var total: Int }

    func alerts(req: Request) async throws -> Response {
        let lang = req.language
        let (counts, hits) = try await req.store.alerts(by: req.actingUser, limit: 300)
        return try await req.page("alerts", titleKey: "dash_alerts", AlertsModel(
            counts: CadreAlert.Kind.allCases.map { Option(value: $0.rawValue, label: "\(req.t("alert_" + $0.rawValue)) \(counts[$0] ?? 0)", selected: (counts[$0] ?? 0) > 0) },
            rows: hits.map { h in AlertLine(id: h.row.id.uuidString, href: RegistryRoute.cadre(h.row.id).path, name: h.row.name, unit: h.row.unitName, post: h.row.post, rank: h.row.rank,
                                            alerts: h.alerts.map { $0.text(in: lang) }, kinds: h.alerts.map(\.kind.rawValue)) },
            shown: hits.count, total: counts.values.reduce(0, +)))
    }
}
