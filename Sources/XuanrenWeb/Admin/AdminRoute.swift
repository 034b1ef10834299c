import SelectionCore
import Vapor

/// Units and accounts (system administrators only).
enum AdminRoute: SiteRoute {
    case units, createUnit
    case accounts, createAccount, grant
    /// Taking a role back; disabling or enabling an account.
    case revoke, disable

    static let all: [AdminRoute] = [.units, .createUnit, .accounts, .createAccount, .grant, .revoke, .disable]

    var method: HTTPMethod {
        switch self {
        case .units, .accounts: .GET
        case .createUnit, .createAccount, .grant, .revoke, .disable: .POST
        }
    }

    var parts: [PathPart] {
        switch self {
        case .units, .createUnit: ["admin", "units"]
        case .accounts, .createAccount: ["admin", "accounts"]
        case .grant: ["admin", "accounts", "grant"]
        case .revoke: ["admin", "accounts", "revoke"]
        case .disable: ["admin", "accounts", "disable"]
        }
    }

    var access: Access { .roles([.admin]) }
}
