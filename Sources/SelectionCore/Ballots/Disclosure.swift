/// Who may see a closed ballot session's result and download its box (the disclosure scope):
/// everyone, the accounts of the session's unit, or supervision only (supervisors and organizers
/// of the unit). Voters never appear in a box, whatever the scope.
public enum DisclosureScope: String, Sendable, CaseIterable, Codable {
    case everyone = "public"
    case unit
    case supervision

    public func title(in l: Language) -> String {
        switch (self, l) {
        case (.everyone, .zhHans): "向社会公开"
        case (.everyone, .en): "Public"
        case (.unit, .zhHans): "本单位范围内公开"
        case (.unit, .en): "Within the unit"
        case (.supervision, .zhHans): "仅组织和纪检监察人员"
        case (.supervision, .en): "Organizers and supervisors only"
        }
    }

    /// - Parameters:
    ///   - rolesInUnit: the roles the reader holds on the session's unit (or a unit above it); nil when not signed in.
    public func allows(rolesInUnit: Set<Role>?) -> Bool {
        switch self {
        case .everyone: return true
        case .unit: return !(rolesInUnit?.isEmpty ?? true)
        case .supervision: return !(rolesInUnit ?? []).isDisjoint(with: [.supervisor, .organizer])
        }
    }
}
