import Foundation
import SelectionCore

/// The units as a tree, read once and asked several questions (scopes of grants, units below).
public struct UnitTree: Sendable {
    public let units: [UnitInfo]
    let byID: [UUID: UnitInfo]
    let children: [UUID?: [UnitInfo]]

    public init(_ units: [UnitInfo]) {
        self.units = units
        byID = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0) })
        children = Dictionary(grouping: units, by: \.parentID)
    }

    /// The given units and every unit below them.
    public func below(_ roots: some Sequence<UUID>) -> Set<UUID> {
        var out = Set<UUID>()
        func walk(_ id: UUID) { if out.insert(id).inserted { for c in children[id] ?? [] { walk(c.id) } } }
        for r in roots { walk(r) }
        return out
    }

    /// The units a grant covers. A grant on an organization department or a discipline commission
    /// covers the tree of the party committee it belongs to (the 县委组织部 manages the cadres of
    /// the whole county); any other grant covers its unit and the units below.
    public func covered(by grant: GrantInfo) -> Set<UUID> {
        if let u = byID[grant.unitID], u.kind == .organization || u.kind == .discipline, let parent = u.parentID { return below([parent]) }
        return below([grant.unitID])
    }

    /// The units at or below those where the account holds one of `roles`.
    public func scope(of account: AccountInfo, roles: Set<Role>) -> Set<UUID> {
        account.grants.filter { roles.contains($0.role) }.reduce(into: Set<UUID>()) { $0.formUnion(covered(by: $1)) }
    }

    /// The roles whose grants cover `unit`.
    public func roles(of account: AccountInfo, on unit: UUID) -> Set<Role> {
        Set(account.grants.filter { covered(by: $0).contains(unit) }.map(\.role))
    }

    public func id(ofCode code: String) -> UUID? { units.first { $0.code == code }?.id }
}
