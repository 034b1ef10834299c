import Foundation
import SelectionCore
import Vapor

/// The applicant's own pages (ELG-6, ELG-8, EXM-9): sign in with identity number and password (the first time with
/// the activation code shown at registration), the registrations in every matter with their review, seat and
/// published scores, and a switch of position before the closing second. An applicant's session is not a staff
/// session: these routes are `.applicant`, and no staff route lets an applicant's session through.
enum ApplicantRoute: SiteRoute {
    case login, signIn, activate, logout
    case home
    case switchPosition(applicant: UUID)

    static let all: [ApplicantRoute] = [.login, .signIn, .activate, .logout, .home, .switchPosition(applicant: UUID.parameter)]

    var method: HTTPMethod {
        switch self {
        case .login, .home: .GET
        case .signIn, .activate, .logout, .switchPosition: .POST
        }
    }

    var parts: [PathPart] {
        switch self {
        case .login, .signIn: ["applicant", "login"]
        case .activate: ["applicant", "activate"]
        case .logout: ["applicant", "logout"]
        case .home: ["applicant"]
        case .switchPosition(let a): ["applicant", "applications", .id(a, "applicant"), "switch"]
        }
    }

    var access: Access {
        switch self {
        case .login, .signIn, .activate: .everyone
        case .logout, .home, .switchPosition: .applicant
        }
    }
}
