import Foundation
import SelectionCore

/// What an acting user may do in the registry, decided by the store from the user's grants and the unit tree
/// (an organization department or discipline commission covers its party committee's tree):
/// - reads: the units covered by an administrator, organizer, supervisor or clerk grant;
/// - sensitive (identity numbers, family data, the photo, the LRMX file): organizer and supervisor grants;
/// - editable (create, change, import): organizer and clerk grants.
/// nil means every unit (the system: the command line and the demo seed).
public struct RegistryScope: Sendable, Equatable {
    public static let readers: Set<Role> = [.admin, .organizer, .supervisor, .clerk]
    public static let sensitiveReaders: Set<Role> = [.organizer, .supervisor]
    public static let writers: Set<Role> = [.organizer, .clerk]

    public var readable: Set<UUID>?
    public var sensitive: Set<UUID>?
    public var editable: Set<UUID>?

    public init(_ user: ActingUser, tree: UnitTree) {
        readable = tree.scope(of: user, roles: Self.readers)
        sensitive = tree.scope(of: user, roles: Self.sensitiveReaders)
        editable = tree.scope(of: user, roles: Self.writers)
    }

    public func reads(_ unit: UUID) -> Bool { readable?.contains(unit) ?? true }
    public func seesSensitive(_ unit: UUID) -> Bool { sensitive?.contains(unit) ?? true }
    public func edits(_ unit: UUID) -> Bool { editable?.contains(unit) ?? true }
    /// Whether the user may create or change files in some unit.
    public var editsAnywhere: Bool { editable.map { !$0.isEmpty } ?? true }

    /// `units` narrowed to what the user reads (nil: no narrowing asked).
    func readable(within units: Set<UUID>?) -> Set<UUID>? {
        switch (units, readable) {
        case let (u?, r?): u.intersection(r)
        case let (u?, nil): u
        case let (nil, r): r
        }
    }
}

extension UnitTree {
    /// The units at or below those where `user` holds one of `roles`; nil for the system (every unit).
    public func scope(of user: ActingUser, roles: Set<Role>) -> Set<UUID>? {
        if user.isSystem { return nil }
        return user.grants.filter { roles.contains($0.role) }.reduce(into: Set<UUID>()) { $0.formUnion(covered(by: $1)) }
    }
}

extension CadreFile {
    /// The file as a reader without the sensitive grant sees it: the identity number masked, no family data,
    /// no photo.
    public var maskedForReader: CadreFile {
        var f = self
        if !f.residentID.isEmpty && !f.residentID.contains("*") { f.residentID = ResidentID.maskedText(f.residentID) }
        f.family = []
        f.photo = ""
        return f
    }
}

extension Store {
    /// The registry scope of `user` (see `RegistryScope`).
    public func registryScope(of user: ActingUser) async throws -> RegistryScope {
        RegistryScope(user, tree: try await unitTree())
    }
}
