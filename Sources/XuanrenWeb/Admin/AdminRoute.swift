import SelectionCore
import Vapor

/// Units and accounts (system administrators only).
enum AdminRoute: SiteRoute {
    case units, createUnit
    case accounts, createAccount, grant

    static let all: [AdminRoute] = [.units, .createUnit, .accounts, .createAccount, .grant]

    var method: HTTPMethod {
        switch self {
        case .units, .accounts: .GET
        case .createUnit, .createAccount, .grant: .POST
        }
    }

    var parts: [PathPart] {
        switch self {
        case .units, .createUnit: ["admin", "units"]
        case .accounts, .createAccount: ["admin", "accounts"]
        case .grant: ["admin", "accounts", "grant"]
        }
    }

    var access: Access { .roles([.admin]) }
}
