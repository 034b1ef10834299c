import SelectionCore
import Vapor

/// The signed-in user's dashboard.
enum DashboardRoute: SiteRoute {
    case dashboard

    static let all: [DashboardRoute] = [.dashboard]

    var method: HTTPMethod { .GET }
    var parts: [PathPart] { ["dashboard"] }
    var access: Access { .signedIn }
}
