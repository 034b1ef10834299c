import FluentKit
import Foundation
import SelectionCore

public struct UnitInfo: Sendable, Equatable {
    public var id: UUID
    public var code: String
    public var name: String
    public var kind: UnitKind
    public var parentID: UUID?
    public var depth: Int
}

extension Store {
    func unitIndex() async throws -> [UUID: UnitRecord] {
        Dictionary(uniqueKeysWithValues: try await UnitRecord.query(on: db).all().map { ($0.id!, $0) })
    }

    /// How many units there are (the administrator's dashboard).
    public func unitCount() async throws -> Int {
        try await UnitRecord.query(on: db).count()
    }

    /// All units in tree order (parents before children, siblings by sort then name) with their depth.
    public func units() async throws -> [UnitInfo] {
        let all = try await UnitRecord.query(on: db).all()
        let children = Dictionary(grouping: all, by: \.parentID)
        var out: [UnitInfo] = []
        func walk(_ parent: UUID?, _ depth: Int) {
            for u in (children[parent] ?? []).sorted(by: { ($0.sort, $0.name) < ($1.sort, $1.name) }) {
                out.append(UnitInfo(id: u.id!, code: u.code, name: u.name, kind: UnitKind(rawValue: u.kind) ?? .other,
                                    parentID: u.parentID, depth: depth))
                walk(u.id, depth + 1)
            }
        }
        walk(nil, 0)
        return out
    }

    @discardableResult
    public func createUnit(code raw: String, name rawName: String, kind rawKind: String, parentCode: String?, sort: Int = 0, actor: String) async throws -> UnitInfo {
        let code = try UnitCode.check(raw)
        let name = rawName.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { throw InvalidInput(field: "name", .required) }
        if name.count > 80 { throw InvalidInput(field: "name", .tooLong(max: 80)) }
        let kind = try UnitKind.parse(rawKind)
        let parent = parentCode.flatMap { $0.isEmpty ? nil : $0.lowercased() }
        return try await write { tx in
            if try await UnitRecord.query(on: tx.db).filter(\.$code == code).first() != nil {
                throw InvalidInput(field: "code", .duplicate(code))
            }
            var parentID: UUID? = nil
            if let parent {
                guard let p = try await UnitRecord.query(on: tx.db).filter(\.$code == parent).first() else {
                    throw InvalidInput(field: "parent", .notFound(parent))
                }
                parentID = p.id
            }
            let rec = UnitRecord(code: code, name: name, kind: kind.rawValue, parentID: parentID, sort: sort)
            try await rec.create(on: tx.db)
            try await tx.record(LedgerEvent(actor: actor, action: UnitLedgerAction.create, subjectType: "unit", subjectID: code,
                                            payload: ["name": .string(name), "kind": .string(kind.rawValue), "parent": parent.map { .string($0) } ?? .null]))
            return UnitInfo(id: rec.id!, code: code, name: name, kind: kind, parentID: parentID, depth: 0)
        }
    }
}
