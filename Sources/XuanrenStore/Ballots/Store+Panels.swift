import FluentKit
import Foundation
import SelectionCore

public struct PanelInfo: Sendable {
    public var id: UUID
    public var unitName: String
    public var name: String
    public var year: Int
    public var members: [(name: String, level: PanelComposition.Level)]
}

extension Store {
    @discardableResult
    public func createPanel(unitCode: String, name rawName: String, year: Int, members: [(name: String, level: PanelComposition.Level)],
                            composition: PanelComposition = .seedDefault, actor: String) async throws -> UUID {
        let name = rawName.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { throw InvalidInput(field: "name", .required) }
        guard (2000 ... 2100).contains(year) else { throw InvalidInput(field: "year", .unknownValue("\(year)")) }
        try composition.check(members)
        let json = String(decoding: try JSONEncoder().encode(members.map { [$0.name, $0.level.rawValue] }), as: UTF8.self)
        return try await write { tx in
            guard let unit = try await UnitRecord.query(on: tx.db).filter(\.$code == unitCode.lowercased()).first() else {
                throw InvalidInput(field: "unit", .notFound(unitCode))
            }
            if try await PanelRecord.query(on: tx.db).filter(\.$unitID == unit.id!).filter(\.$name == name).filter(\.$year == year).first() != nil {
                throw InvalidInput(field: "name", .duplicate("\(name) \(year)"))
            }
            let rec = PanelRecord(unitID: unit.id!, name: name, year: year, members: json)
            try await rec.create(on: tx.db)
            try await tx.record(LedgerEvent(actor: actor, action: BallotLedgerAction.panelAppoint, subjectType: "panel", subjectID: rec.id!.uuidString,
                                            payload: ["name": .string(name), "year": .int(Int64(year)), "unit": .string(unit.code),
                                                      "members": .array(members.map { .string("\($0.name)/\($0.level.rawValue)") })]))
            return rec.id!
        }
    }

    public func panels() async throws -> [PanelInfo] {
        let units = try await unitIndex()
        return try await PanelRecord.query(on: db).sort(\.$year, .descending).sort(\.$name).all().map { r in
            let pairs = (try? JSONDecoder().decode([[String]].self, from: Data(r.members.utf8))) ?? []
            return PanelInfo(id: r.id!, unitName: units[r.unitID]?.name ?? "", name: r.name, year: r.year,
                             members: pairs.compactMap { p in p.count == 2 ? PanelComposition.Level(rawValue: p[1]).map { (p[0], $0) } : nil })
        }
    }
}
