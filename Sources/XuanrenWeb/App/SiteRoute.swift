import Foundation
import SelectionCore
import Vapor

/// One part of a route's path: a constant, or a named parameter with its value (the value is what a link prints;
/// the name is what the route registers, `:name`).
enum PathPart: Sendable, Hashable, ExpressibleByStringLiteral {
    case constant(String)
    case parameter(String, value: String)

    init(stringLiteral text: String) { self = .constant(text) }

    /// A UUID parameter, `:id` unless named otherwise.
    static func id(_ id: UUID, _ name: String = "id") -> PathPart { .parameter(name, value: id.uuidString) }
}

/// A typed route: one value per route of an area (`BallotRoute.close(id)`), which both registers the route —
/// method, path and who may use it (`access`) — and prints the link to it (`path`, `link(_:fragment:)`).
/// No path of the app is written anywhere else, in Swift or in a template.
protocol SiteRoute: Hashable, Sendable {
    var method: HTTPMethod { get }
    var parts: [PathPart] { get }
    /// Who may use the route (deny by default: `AccessMiddleware` refuses a route registered without one).
    var access: Access { get }
    /// The voters' pages: no session is read or created (see `Route.sessionless()`).
    var isSessionless: Bool { get }
    /// The largest body the route collects, when it is not the app's default (uploads).
    var maxBody: ByteCount? { get }
    /// One value of every case, as registered: the values given to parameters there do not matter.
    static var all: [Self] { get }
}

extension SiteRoute {
    var isSessionless: Bool { false }
    var maxBody: ByteCount? { nil }

    /// The link: `/ballots/6F1C…/close`.
    var path: String {
        "/" + parts.map {
            switch $0 {
            case .constant(let text): text
            case .parameter(_, let value): value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? value
            }
        }.joined(separator: "/")
    }

    /// The path as it is registered: `ballots/:id/close`.
    var pattern: [PathComponent] {
        parts.map {
            switch $0 {
            case .constant(let text): .constant(text)
            case .parameter(let name, _): .parameter(name)
            }
        }
    }

    /// `GET /ballots/:id`, as Vapor describes a registered route.
    var routeDescription: String { "\(method.rawValue) /" + pattern.map(\.description).joined(separator: "/") }

    /// The link with a query (each name and value percent-encoded; empty values are left out) and a fragment.
    func link(_ query: KeyValuePairs<String, String?> = [:], fragment: String? = nil) -> String {
        var c = URLComponents()
        let items = query.compactMap { name, value in value.flatMap { $0.isEmpty ? nil : URLQueryItem(name: name, value: $0) } }
        if !items.isEmpty { c.queryItems = items }
        c.fragment = fragment
        // `+` is a space in a form-encoded query: spell it out so that a value keeps its plus signs
        let query = c.percentEncodedQuery.map { "?" + $0.replacingOccurrences(of: "+", with: "%2B") } ?? ""
        return path + query + (c.percentEncodedFragment.map { "#" + $0 } ?? "")
    }
}

extension UUID {
    /// Stands for a route's UUID parameter where the route is registered (and in `SiteRoute.all`): the
    /// registered pattern names the parameter, so any value would do.
    static let parameter = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
}

/// Every area's typed routes: together, exactly the routes the app registers (a test checks both ways).
enum SiteRoutes {
    static var all: [any SiteRoute] {
        PublicRoute.all as [any SiteRoute] + AuthRoute.all + DashboardRoute.all + AdminRoute.all + LedgerRoute.all
            + RegistryRoute.all + BallotRoute.all + VoteRoute.all + PanelRoute.all + MatterRoute.all
            + InspectionRoute.all + RecordRoute.all + CommitteeRoute.all + PublicityRoute.all + ProbationRoute.all + CompetitionRoute.all + ApplicantRoute.all
            + ReportRoute.all + CaseRoute.all + SurveyRoute.all + CheckRoute.all + PledgeRoute.all
    }
}

extension Route {
    static let siteRouteKey = "xuanren.siteRoute"
    /// The typed route this route was registered from (every route of the app has one).
    var siteRoute: (any SiteRoute)? { userInfo[Self.siteRouteKey] as? any SiteRoute }
    /// The body limit declared by the typed route, if it has its own.
    var maxBody: ByteCount? { siteRoute?.maxBody }
}

extension RoutesBuilder {
    /// Registers `route` (its method, path, access, sessionless flag and body limit) with its handler.
    @discardableResult
    func on<R: SiteRoute, Res: AsyncResponseEncodable>(_ route: R, use handler: @escaping @Sendable (Request) async throws -> Res) -> Route {
        let body: HTTPBodyStreamStrategy = route.maxBody.map { .collect(maxSize: $0) } ?? .collect
        let registered = self.on(route.method, route.pattern, body: body, use: handler)
        registered.access = route.access
        registered.userInfo[Route.siteRouteKey] = route
        if route.isSessionless { registered.sessionless() }
        return registered
    }
}

extension Request {
    /// A `303 See Other` to a typed route (or to its link with a query or fragment).
    func redirect(to route: some SiteRoute) -> Response { redirect(to: route.path) }
}
