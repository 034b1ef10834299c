/// The roles of the selection work. A role is granted on a unit (and, later, on a campaign).
public enum Role: String, Sendable, CaseIterable, Codable, Comparable {
    case admin          // 系统管理员
    case organizer      // 组织部门
    case committee      // 党委（党组）成员
    case grader         // 阅卷人
    case judge          // 考官
    case inspector      // 考察组成员
    case supervisor     // 纪检监察
    case clerk          // 录入员

    public static func < (a: Role, b: Role) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public func title(in language: Language) -> String {
        switch (self, language) {
        case (.admin, .zhHans): "系统管理员"
        case (.admin, .en): "System administrator"
        case (.organizer, .zhHans): "组织部门"
        case (.organizer, .en): "Organizer"
        case (.committee, .zhHans): "党委（党组）成员"
        case (.committee, .en): "Committee member"
        case (.grader, .zhHans): "阅卷人"
        case (.grader, .en): "Exam grader"
        case (.judge, .zhHans): "面试考官"
        case (.judge, .en): "Interview judge"
        case (.inspector, .zhHans): "考察组成员"
        case (.inspector, .en): "Inspector"
        case (.supervisor, .zhHans): "纪检监察"
        case (.supervisor, .en): "Supervisor"
        case (.clerk, .zhHans): "录入员"
        case (.clerk, .en): "Clerk"
        }
    }
}

/// Who may use a route or an action. Every route declares one; anything undeclared is denied.
public enum Access: Sendable, Equatable, CustomStringConvertible {
    /// Anyone, signed in or not (public disclosure, login page, health).
    case everyone
    /// Any signed-in account, whatever its roles.
    case signedIn
    /// A signed-in account holding at least one of these roles (on any unit).
    case roles(Set<Role>)
    /// An applicant signed in to their applicant account (ELG-8, EXM-9) — never a staff account: an applicant's
    /// session is not a staff session and a staff session is not an applicant's.
    case applicant

    /// Whether a staff account (or nobody) may use it. `.applicant` routes are never allowed here: the access
    /// middleware lets only an applicant's session through them.
    public func allows(signedIn: Bool, roles held: Set<Role>) -> Bool {
        switch self {
        case .everyone: return true
        case .signedIn: return signedIn
        case .roles(let needed): return signedIn && !needed.isDisjoint(with: held)
        case .applicant: return false
        }
    }

    public var description: String {
        switch self {
        case .everyone: "everyone"
        case .signedIn: "signed-in"
        case .roles(let r): "roles(" + r.sorted().map(\.rawValue).joined(separator: ",") + ")"
        case .applicant: "applicant"
        }
    }
}
