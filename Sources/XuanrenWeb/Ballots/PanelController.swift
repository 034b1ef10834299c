import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// BAL-10 standing evaluation panels: list, and appointment by organizers with the composition checked.
struct PanelController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(PanelRoute.list, use: list)
        routes.on(PanelRoute.create, use: create)
    }

    struct Row: Encodable { var name: String; var year: Int; var unit: String; var counts: String; var members: String }
    struct Option: Encodable { var value: String; var label: String }
    struct Model: Encodable {
        var rows: [Row]; var units: [Option]; var canCreate: Bool; var composition: String; var name: String; var year: String; var members: String
        var action = PanelRoute.create.path
    }
    struct Form: Content { var name: String; var year: String; var unit: String; var members: String }

    func model(_ req: Request, _ f: Form? = nil) async throws -> Model {
        let lang = req.language
        let seats = (try? PanelComposition.seedDefault.seats()) ?? [:]
        let composition = PanelComposition.Level.allCases.map { "\($0.title(in: lang)) \(seats[$0] ?? 0)" }.joined(separator: "，")
        let rows = try await req.store.panels().map { p in
            Row(name: p.name, year: p.year, unit: p.unitName,
                counts: PanelComposition.Level.allCases.map { l in "\(l.title(in: lang)) \(p.members.filter { $0.level == l }.count)" }.joined(separator: "，"),
                members: p.members.map(\.name).joined(separator: "、"))
        }
        let units = try await req.store.units().map { Option(value: $0.code, label: String(repeating: "　", count: $0.depth) + $0.name) }
        return Model(rows: rows, units: units, canCreate: BallotRoute.managers.allows(signedIn: true, roles: req.user?.roles ?? []),
                     composition: "\(PanelComposition.seedDefault.size)：" + composition, name: f?.name ?? "", year: f?.year ?? "2026", members: f?.members ?? "")
    }

    func list(req: Request) async throws -> Response {
        try await req.page("panels", titleKey: "panels_title", try await model(req))
    }

    func create(req: Request) async throws -> Response {
        let f = try req.form(Form.self)
        do {
            var members: [(name: String, level: PanelComposition.Level)] = []
            for line in f.members.split(whereSeparator: \.isNewline) {
                let p = line.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "\t" }).map { $0.trimmingCharacters(in: .whitespaces) }
                // the level in words (一般工作人员 / 科级 / 处级) or as stored (general / section / division)
                let words: [String: PanelComposition.Level] = ["一般工作人员": .general, "一般": .general, "科级": .section, "处级": .division]
                guard p.count == 2, !p[0].isEmpty, let level = PanelComposition.Level(rawValue: p[1]) ?? words[p[1]] else {
                    throw InvalidInput(field: "panelMembers", .unknownValue(String(line)))
                }
                members.append((p[0], level))
            }
            guard let year = Int(f.year.trimmingCharacters(in: .whitespaces)) else { throw InvalidInput(field: "year", .unknownValue(f.year)) }
            try await req.store.createPanel(unitCode: f.unit, name: f.name, year: year, members: members, actor: req.user!.username)
        } catch let e as InvalidInput {
            return try await req.page("panels", titleKey: "panels_title", try await model(req, f), error: e.message(in: req.language), status: .badRequest)
        }
        req.flash("panels_created")
        return req.redirect(to: PanelRoute.list)
    }
}
