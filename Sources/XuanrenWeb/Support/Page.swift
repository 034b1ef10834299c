import SelectionCore
import Vapor
import XuanrenStore

struct NavItem: Encodable {
    var href: String
    var label: String
    var active: Bool
}

struct UserView: Encodable {
    var username: String
    var displayName: String
    var roles: [String]
}

/// What every page gets: the catalog for its language, the layout (navigation, user, CSRF token) and its own model.
struct PageContext<Model: Encodable>: Encodable {
    var t: [String: String]
    var lang: String
    var otherLang: String
    var otherLangLabel: String
    var title: String
    var user: UserView?
    var nav: [NavItem]
    var csrf: String
    var urls: LayoutLinks
    var flash: String?
    var error: String?
    var page: Model
}

struct Empty: Encodable {}

/// The links of the layout (masthead, footer) and of the error page's way back, from the typed routes.
struct LayoutLinks: Encodable {
    var home = PublicRoute.home.path
    var login = AuthRoute.login.path
    var logout = AuthRoute.logout.path
    var password = AuthRoute.password.path
    var ledger = LedgerRoute.overview.path
    /// The site's one script (progressive enhancement: print buttons, the slips' leave warning, the QR code's code).
    var script = "/js/site.js"
    /// The language switch, coming back to this page.
    var otherLanguage: String

    init(otherLanguage: Language, back path: String) {
        self.otherLanguage = PublicRoute.language(otherLanguage).link(["back": path])
    }
}

/// The navigation for the roles held: deny-by-default applies here too (a link shows only where the route's own
/// access declaration allows).
enum Navigation {
    static let items: [(route: any SiteRoute, key: String)] = [
        (PublicRoute.home, "nav_home"),
        (DashboardRoute.dashboard, "nav_dashboard"),
        (MatterRoute.list, "nav_matters"),
        (ProbationRoute.list, "nav_probation"),
        (CheckRoute.list, "nav_checks"),
        (CompetitionRoute.confirmations, "nav_confirm"),
        (CaseRoute.list, "nav_cases"),
        (CaseRoute.enter, "nav_caseEnter"),
        (CaseRoute.stats, "nav_caseStats"),
        (SurveyRoute.list, "nav_surveys"),
        (SurveyRoute.dashboard, "nav_supervision"),
        (SurveyRoute.proposals, "nav_proposals"),
        (PledgeRoute.list, "nav_pledges"),
        (RegistryRoute.cadres, "nav_cadres"),
        (RegistryRoute.qualify, "nav_qualify"),
        (RegistryRoute.reserve, "nav_reserve"),
        (BallotRoute.list, "nav_ballots"),
        (BallotRoute.paperWork, "nav_paper"),
        (PanelRoute.list, "nav_panels"),
        (LedgerRoute.overview, "nav_ledger"),
        (LedgerRoute.entries, "nav_ledgerEntries"),
        (AdminRoute.units, "nav_units"),
        (AdminRoute.accounts, "nav_accounts"),
        (ProbationRoute.calendar, "nav_calendar"),
        (RegistryRoute.settings, "nav_rsettings"),
    ]

    static func items(for req: Request) -> [NavItem] {
        let user = req.user
        let path = req.url.path
        let home = PublicRoute.home.path
        return items.filter { $0.route.access.allows(signedIn: user != nil, roles: user?.roles ?? []) }.map {
            let href = $0.route.path
            return NavItem(href: href, label: req.t($0.key), active: href == home ? path == home : path.hasPrefix(href))
        }
    }
}

extension Request {
    func page<M: Encodable>(_ template: String, titleKey: String, _ model: M, error: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let lang = language
        let sessions = usesSessions
        let other: Language = lang == .en ? .zhHans : .en
        let ctx = PageContext(
            t: application.catalog.table(lang, for: template), lang: lang.rawValue, otherLang: other.rawValue,
            otherLangLabel: application.catalog.text("lang_name", other), title: t(titleKey),
            user: user.map { u in UserView(username: u.username, displayName: u.displayName, roles: u.grants.map { "\($0.role.title(in: lang))·\($0.unitName)" }) },
            nav: Navigation.items(for: self), csrf: sessions ? CSRFMiddleware.token(for: self) : "", urls: LayoutLinks(otherLanguage: other, back: url.path),
            flash: sessions ? session.data["flash"].map { t($0) } : nil, error: error, page: model)
        if sessions, session.data["flash"] != nil { session.data["flash"] = nil }
        let view = try await self.view.render(template, ctx)
        let res = try await view.encodeResponse(for: self)
        res.status = status
        res.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return res
    }

    func flash(_ key: String) { session.data["flash"] = key }

    /// Reads a form into `T`, turning missing fields into a typed error naming the field.
    func form<T: Decodable>(_ type: T.Type) throws -> T {
        do { return try content.decode(T.self) }
        catch let DecodingError.keyNotFound(key, _) { throw InvalidInput(field: key.stringValue, .required) }
        catch let DecodingError.valueNotFound(_, ctx) { throw InvalidInput(field: ctx.codingPath.last?.stringValue ?? "form", .required) }
        catch { throw InvalidInput(field: "form", .required) }
    }
}

/// Errors become pages in the user's language; `InvalidInput` names the field. Never a stack trace.
struct PageErrorMiddleware: AsyncMiddleware {
    struct ErrorModel: Encodable { var status: Int; var message: String }

    /// JSON (`{"error": …}`) only for a `.json` address, or for a client that lists `application/json` itself and
    /// prefers it to `text/html`. A browser's `*/*` merely allows JSON — every browser sends it — and gets the page.
    /// (Vapor's `HTTPMediaType ==` matches `*/*` with anything, so the types are compared by name here.)
    static func wantsJSON(_ req: Request) -> Bool {
        if req.url.path.hasSuffix(".json") { return true }
        let accept = req.headers.accept
        func preference(_ type: String, _ subType: String) -> Double? {
            accept.filter { $0.mediaType.type.lowercased() == type && $0.mediaType.subType.lowercased() == subType }.map { $0.q ?? 1 }.max()
        }
        guard let json = preference("application", "json"), json > 0 else { return false }
        return json > (preference("text", "html") ?? 0)
    }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            let status: HTTPStatus
            let message: String
            switch error {
            case let e as any UserFacingError:
                // one mapping for every refusal a person may see: its kind gives the status, its message the words
                status = HTTPStatus(statusCode: e.kind.httpStatus); message = e.message(in: req.language)
            case let e as any AbortError:
                status = e.status
                message = e.reason.hasPrefix("error_") ? req.t(e.reason) : (e.status == .notFound ? req.t("error_notFound") : e.reason)
            default:
                req.logger.report(error: error)
                status = .internalServerError; message = req.t("error_internal")
            }
            if Self.wantsJSON(req) {
                let res = Response(status: status)
                try res.content.encode(["error": message])
                return res
            }
            do {
                return try await req.page("error", titleKey: "error_title", ErrorModel(status: Int(status.code), message: message), status: status)
            } catch {
                return Response(status: status, body: .init(string: message))
            }
        }
    }
}
