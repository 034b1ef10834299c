import SelectionCore
import Vapor
import XuanrenStore

/// The cadre list (organizers, supervisors, administrators). The full registry comes with its own issue.
struct RegistryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("registry", "cadres", access: .roles([.admin, .organizer, .supervisor]), use: list)
    }

    struct Row: Encodable { var name: String; var sex: String; var birth: String; var ethnicity: String; var unit: String; var post: String; var rank: String; var education: String }
    struct Model: Encodable { var rows: [Row]; var total: Int; var page: Int; var pages: Int; var prev: Int?; var next: Int? }

    func list(req: Request) async throws -> Response {
        let perPage = 50
        let total = try await req.store.cadreCount()
        let pages = max(1, (total + perPage - 1) / perPage)
        let page = min(max(1, req.query[Int.self, at: "page"] ?? 1), pages)
        let rows = try await req.store.cadres(offset: (page - 1) * perPage, limit: perPage).map {
            Row(name: $0.name, sex: $0.sex, birth: $0.birthMonth, ethnicity: $0.ethnicity, unit: $0.unitName, post: $0.post, rank: $0.rank, education: $0.education)
        }
        return try await req.page("cadres", titleKey: "cadres_title",
                                  Model(rows: rows, total: total, page: page, pages: pages, prev: page > 1 ? page - 1 : nil, next: page < pages ? page + 1 : nil))
    }
}
