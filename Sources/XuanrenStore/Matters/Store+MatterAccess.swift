import FluentKit
import Foundation
import SelectionCore

/// The light read a page makes before it shows or reads a form: the matter's value and what the acting user may
/// do on it, without its people, records or the facts its guards look at (`matterView` reads those).
extension Store {
    /// The matter (its plan, phase and stages), its unit's name and what `user` may do on it; `NotPermitted` unless
    /// they organize or supervise its unit or are on its team.
    public func matter(_ id: UUID, by user: ActingUser) async throws -> (matter: Matter, access: MatterAccess, unitName: String) {
        let (rec, matter, access) = try await Self.loadMatter(id, user, db) { _ in true }
        let unit = try await UnitRecord.find(rec.unitID, on: db)
        return (matter, access, unit?.name ?? "")
    }
}
