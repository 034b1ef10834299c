import SelectionCore
import Vapor

/// The public pages: landing, language switch, health, metrics.
enum PublicRoute: SiteRoute {
    case home
    case language(Language)
    case healthz
    /// Administrators and the `--metrics-from` addresses: the handler decides (the route is open so that an
    /// unsigned scraper from a configured address reaches it).
    case metrics

    static let all: [PublicRoute] = [.home, .language(.zhHans), .healthz, .metrics]

    var method: HTTPMethod { .GET }

    var parts: [PathPart] {
        switch self {
        case .home: [""]
        case .language(let lang): ["lang", .parameter("code", value: lang.rawValue)]
        case .healthz: ["healthz"]
        case .metrics: ["metrics"]
        }
    }

    var access: Access { .everyone }
}
