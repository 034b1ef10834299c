import SelectionCore
import Vapor
import XuanrenStore

/// Every route declares who may use it (its typed route's `access`, see `SiteRoute`); `AccessMiddleware` denies
/// anything undeclared.
extension Route {
    static let accessKey = "xuanren.access"
    var access: Access? {
        get { userInfo[Self.accessKey] as? Access }
        set { userInfo[Self.accessKey] = newValue }
    }
}

extension Route {
    static let sessionlessKey = "xuanren.sessionless"
    /// The voters' pages: no session is read or created (no cookie, nothing per voter on the server); the
    /// voting code is the credential, and cross-site posts are refused by their `Origin`/`Sec-Fetch-Site`.
    var isSessionless: Bool { userInfo[Self.sessionlessKey] as? Bool ?? false }

    @discardableResult
    func sessionless() -> Route {
        userInfo[Self.sessionlessKey] = true
        return self
    }
}

/// Sessions for every route but the sessionless ones.
struct SessionsUnlessSessionless: Middleware {
    let sessions: any Middleware
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        request.route?.isSessionless == true ? next.respond(to: request) : sessions.respond(to: request, chainingTo: next)
    }
}

extension Request {
    /// False on the voters' sessionless pages, where `session` must not be touched.
    var usesSessions: Bool { route?.isSessionless != true }
}

/// The signed-in account of this request, if any.
struct CurrentUserKey: StorageKey { typealias Value = AccountInfo }
/// The signed-in applicant account of this request, if any (ELG-8, EXM-9): a separate kind of session, with no grants.
struct CurrentApplicantKey: StorageKey { typealias Value = UUID }

extension Request {
    /// The applicant account signed in on this session (`applicant` in the session's data; never together with `uid`).
    var applicant: UUID? { storage[CurrentApplicantKey.self] }
    static let applicantSessionKey = "applicant"
}

extension Request {
    var user: AccountInfo? { storage[CurrentUserKey.self] }
    /// The signed-in account with its grants, as every store operation on scoped data takes it.
    var actingUser: ActingUser { user.map(ActingUser.init) ?? .anonymous }
    var store: Store { application.xuanrenStore }
}

/// Loads the signed-in account from the session.
struct UserLoader: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // only a request that brought a session cookie has a session; touching `req.session` otherwise would create one
        if req.hasSession, let raw = req.session.data["uid"], let id = UUID(uuidString: raw) {
            if let info = try await req.store.account(id: id), !info.disabled {
                req.storage[CurrentUserKey.self] = info
            } else {
                req.session.data["uid"] = nil
            }
        } else if req.hasSession, let raw = req.session.data[Request.applicantSessionKey], let id = UUID(uuidString: raw) {
            // an applicant's session: no account, no grants; only the `.applicant` routes read it
            if try await req.store.applicantAccountExists(id) {
                req.storage[CurrentApplicantKey.self] = id
            } else {
                req.session.data[Request.applicantSessionKey] = nil
            }
        }
        return try await next.respond(to: req)
    }
}

/// Deny by default: a route without an `Access` declaration is refused (403) for everyone.
struct AccessMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let route = req.route else { return try await next.respond(to: req) }  // 404 path
        guard let access = route.access else {
            req.logger.error("route \(route.description) has no access declaration: denied")
            throw Abort(.forbidden, reason: "error_forbidden")
        }
        if access == .applicant {
            // an applicant's own pages: only an applicant's session, never a staff account
            if req.applicant != nil { return try await next.respond(to: req) }
            if req.method == .GET { return req.redirect(to: ApplicantRoute.login) }
            throw Abort(.unauthorized, reason: "error_unauthorized")
        }
        let user = req.user
        if access.allows(signedIn: user != nil, roles: user?.roles ?? []) {
            if let user, user.mustChangePassword, access != .everyone, !PasswordGate.allowed(route) {
                return req.redirect(to: AuthRoute.password)
            }
            return try await next.respond(to: req)
        }
        if user == nil {
            if req.method == .GET {
                return req.redirect(to: RedirectTarget.loginURL(next: req.url.path))
            }
            throw Abort(.unauthorized, reason: "error_unauthorized")
        }
        throw Abort(.forbidden, reason: "error_forbidden")
    }
}

/// A user who must change their password may only reach the password page and log out.
enum PasswordGate {
    static func allowed(_ route: Route) -> Bool {
        guard let auth = route.siteRoute as? AuthRoute else { return false }
        return [.password, .changePassword, .logout].contains(auth)
    }
}

/// CSRF protection on every state-changing request: the form's `_csrf` (or header `X-CSRF-Token`)
/// must equal the session's token. Sessionless (voting) routes have no token to forge — a forged post
/// would need a voting code, which lets its holder vote directly anyway — and are still refused when
/// the browser says the post comes from another site.
struct CSRFMiddleware: AsyncMiddleware {
    static let field = "_csrf"

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if [.POST, .PUT, .PATCH, .DELETE].contains(req.method) {
            if !req.usesSessions {
                guard Self.sameOrigin(req) else { throw Abort(.forbidden, reason: "error_csrf") }
                return try await next.respond(to: req)
            }
            if req.body.data == nil {
                // A streamed body (an upload): collect it here, within the route's limit, to read the token.
                let limit = (req.route?.maxBody ?? req.application.routes.defaultMaxBodySize).value
                do { _ = try await req.body.collect(max: limit).get() } catch { throw Abort(.payloadTooLarge, reason: "error_tooLarge") }
            }
            let expected = req.hasSession ? req.session.data["csrf"] : nil
            let given = req.headers.first(name: "X-CSRF-Token") ?? Self.formField(Self.field, in: req) ?? (try? req.content.get(String.self, at: Self.field))
            guard let expected, let given, !expected.isEmpty, constantTimeEqual(expected, given) else {
                throw Abort(.forbidden, reason: "error_csrf")
            }
        }
        return try await next.respond(to: req)
    }

    /// The browser's word on where a post comes from: `Sec-Fetch-Site` if sent, else `Origin` against `Host`;
    /// clients that send neither (old browsers, scripts) are let through.
    static func sameOrigin(_ req: Request) -> Bool {
        if let site = req.headers.first(name: "Sec-Fetch-Site") { return site == "same-origin" || site == "none" }
        if let origin = req.headers.first(name: .origin), origin != "null" {
            guard let host = req.headers.first(name: .host), let scheme = origin.range(of: "://") else { return false }
            return origin[scheme.upperBound...].lowercased() == host.lowercased()
        }
        return true
    }

    /// Reads one field of a URL-encoded form body without decoding the whole form (the handler decodes it once).
    static func formField(_ name: String, in req: Request) -> String? {
        guard req.headers.contentType == .urlEncodedForm, let body = req.body.string else { return nil }
        let prefix = name + "="
        for pair in body.split(separator: "&") where pair.hasPrefix(prefix) {
            return String(pair.dropFirst(prefix.count)).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        }
        return nil
    }

    static func token(for req: Request) -> String {
        if let t = req.session.data["csrf"] { return t }
        var g = SystemRandomNumberGenerator()
        let t = (0 ..< 16).map { _ in String(format: "%02x", UInt8.random(in: 0 ... 255, using: &g)) }.joined()
        req.session.data["csrf"] = t
        return t
    }

    func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0 ..< x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
