import SelectionCore
import Vapor

/// Sign in, sign out, change one's password.
enum AuthRoute: SiteRoute {
    case login, signIn, logout
    case password, changePassword

    static let all: [AuthRoute] = [.login, .signIn, .logout, .password, .changePassword]

    var method: HTTPMethod {
        switch self {
        case .login, .password: .GET
        case .signIn, .logout, .changePassword: .POST
        }
    }

    var parts: [PathPart] {
        switch self {
        case .login, .signIn: ["login"]
        case .logout: ["logout"]
        case .password, .changePassword: ["account", "password"]
        }
    }

    var access: Access {
        switch self {
        case .login, .signIn: .everyone
        case .logout, .password, .changePassword: .signedIn
        }
    }
}
