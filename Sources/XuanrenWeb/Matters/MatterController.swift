import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// Selection matters (选任事项): the list, the plan, the matter page and its stage actions. The controllers
/// translate: the store decides which matters a reader sees and what they may do on each (`MatterAccess`), and
/// refuses everything else; every refusal of a stage action comes back as the matter page with its reasons.
struct MatterController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let p = UUID.parameter
        routes.on(MatterRoute.list, use: list)
        routes.on(MatterRoute.new, use: newForm)
        routes.on(MatterRoute.create, use: create)
        routes.on(MatterRoute.show(p), use: show)
        routes.on(MatterRoute.plan(p), use: planForm)
        routes.on(MatterRoute.revise(p), use: revise)
        routes.on(MatterRoute.publish(p), use: publish)
        routes.on(MatterRoute.amend(p), use: amend)
        bootStages(routes: routes)
    }

    typealias Option = RegistryController.Option

    // MARK: - helpers

    static func matterID(_ req: Request) throws -> UUID {
        guard let raw = req.parameters.get("id"), let id = UUID(uuidString: raw) else { throw Abort(.notFound) }
        return id
    }

    static func personID(_ req: Request) throws -> UUID {
        guard let raw = req.parameters.get("person"), let id = UUID(uuidString: raw) else { throw Abort(.notFound) }
        return id
    }

    /// The matter and the reader's access to it, read before any form is: refused (`NotPermitted`) unless the store
    /// grants what `needs` asks of the access.
    static func matter(_ req: Request, _ id: UUID, needs: (MatterAccess) -> Bool = { _ in true }) async throws -> (matter: Matter, access: MatterAccess, unitName: String) {
        let m = try await req.store.matter(id, by: req.actingUser)
        guard needs(m.access) else { throw NotPermitted() }
        return m
    }

    /// The flat fields of a URL-encoded form (the last value of a repeated name wins).
    static func fields(_ req: Request) -> [String: String] {
        guard let body = req.body.string else { return [:] }
        var out: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = FormBody.decode(parts[0].utf8), !name.isEmpty else { continue }
            out[name] = parts.count > 1 ? (FormBody.decode(parts[1].utf8) ?? "") : ""
        }
        return out
    }

    static func procedureTitle(_ p: Procedure, _ l: Language) -> String { MatterText.bracket(p.kind.title(in: l), p.kind.rule, l) }

    static func stateLabel(_ m: MatterSummary, _ req: Request) -> String {
        if m.phase == .running, let s = m.stage { return s.title(in: req.language) }
        return m.phase.title(in: req.language)
    }

    // MARK: - the list

    struct Row: Encodable { var href: String; var title: String; var unit: String; var procedure: String; var stage: String; var phase: String; var updated: String }
    struct ListModel: Encodable {
        var rows: [Row]; var total: Int; var page: Int; var pages: Int; var prev: String?; var next: String?
        var canCreate: Bool; var newURL = MatterRoute.new.path
    }

    static let perPage = 30

    func list(req: Request) async throws -> Response {
        let requested = max(1, req.query[Int.self, at: "page"] ?? 1)
        var (rows, total) = try await req.store.matters(visibleTo: req.actingUser, offset: (requested - 1) * Self.perPage, limit: Self.perPage)
        let pages = max(1, (total + Self.perPage - 1) / Self.perPage)
        let page = min(requested, pages)
        if page != requested { (rows, total) = try await req.store.matters(visibleTo: req.actingUser, offset: (page - 1) * Self.perPage, limit: Self.perPage) }
        let l = req.language
        return try await req.page("matter-list", titleKey: "matters_title", ListModel(
            rows: rows.map {
                Row(href: MatterRoute.show($0.id).path, title: $0.title, unit: $0.unitName, procedure: $0.procedure.title(in: l),
                    stage: Self.stateLabel($0, req), phase: $0.phase.rawValue, updated: MatterText.time($0.updatedAt))
            },
            total: total, page: page, pages: pages,
            prev: page > 1 ? MatterRoute.list.link(["page": String(page - 1)]) : nil,
            next: page < pages ? MatterRoute.list.link(["page": String(page + 1)]) : nil,
            canCreate: MatterRoute.organizers.allows(signedIn: true, roles: req.user?.roles ?? [])))
    }
}
