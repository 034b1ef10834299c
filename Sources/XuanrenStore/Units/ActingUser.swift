import FluentKit
import Foundation
import SelectionCore

/// Who is acting, with the roles they hold and the units each role is granted on. Every store operation on
/// scoped data takes one and refuses (`NotPermitted`) what the grants do not cover, inside the same
/// transaction as the change. Controllers pass the signed-in account; the CLI and the demo seed act as the
/// system (the operator of the instance, who holds the database anyway).
public struct ActingUser: Sendable, Equatable {
    public var name: String
    public var grants: [GrantInfo]
    /// The instance's own operator (CLI, seeding): every unit, every role.
    public var isSystem: Bool

    public init(_ account: AccountInfo) { name = account.username; grants = account.grants; isSystem = false }
    init(name: String, grants: [GrantInfo], isSystem: Bool) { self.name = name; self.grants = grants; self.isSystem = isSystem }

    /// The command line or the demo seed, recorded in the ledger under `name`.
    public static func system(_ name: String = "system") -> ActingUser { ActingUser(name: name, grants: [], isSystem: true) }

    /// Nobody signed in: no grants.
    public static let anonymous = ActingUser(name: "anonymous", grants: [], isSystem: false)

    public var roles: Set<Role> { Set(grants.map(\.role)) }
}

extension UnitTree {
    /// The roles of `user` whose grants cover `unit` (an organization department or discipline commission
    /// covers its party committee's tree; any other grant its unit and below).
    public func roles(of user: ActingUser, on unit: UUID) -> Set<Role> {
        if user.isSystem { return Set(Role.allCases) }
        return Set(user.grants.filter { covered(by: $0).contains(unit) }.map(\.role))
    }

    /// Whether `user` holds one of `roles` on `unit`.
    public func permits(_ user: ActingUser, _ roles: Set<Role>, on unit: UUID) -> Bool {
        !self.roles(of: user, on: unit).isDisjoint(with: roles)
    }
}

extension Store {
    /// The unit tree as `db` sees it (inside a transaction, pass the transaction's database).
    static func unitTree(on db: any Database) async throws -> UnitTree {
        let all = try await UnitRecord.query(on: db).all()
        return UnitTree(all.map { UnitInfo(id: $0.id!, code: $0.code, name: $0.name, kind: UnitKind(rawValue: $0.kind) ?? .other, parentID: $0.parentID, depth: 0) })
    }

    /// Refuses unless `user` holds one of `roles` on `unit`.
    static func require(_ user: ActingUser, _ roles: Set<Role>, on unit: UUID, _ db: any Database) async throws {
        if user.isSystem { return }
        guard try await unitTree(on: db).permits(user, roles, on: unit) else { throw NotPermitted() }
    }
}
