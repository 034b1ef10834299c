import Metrics
import SelectionCore
import Vapor
import XuanrenStore

/// Sign in, sign out, change password.
struct AuthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(AuthRoute.login, use: loginPage)
        routes.on(AuthRoute.signIn, use: login)
        routes.on(AuthRoute.logout, use: logout)
        routes.on(AuthRoute.password, use: passwordPage)
        routes.on(AuthRoute.changePassword, use: changePassword)
    }

    struct LoginModel: Encodable { var username: String; var next: String; var action = AuthRoute.signIn.path }
    struct LoginForm: Content { var username: String; var password: String; var next: String? }

    /// Where to go after signing in: a same-site path (`RedirectTarget`), never the sign-in page itself.
    static func safeNext(_ raw: String?) -> String {
        let next = RedirectTarget.sameSitePath(raw, fallback: DashboardRoute.dashboard.path)
        return next.hasPrefix(AuthRoute.login.path) ? DashboardRoute.dashboard.path : next
    }

    func loginPage(req: Request) async throws -> Response {
        if req.user != nil { return req.redirect(to: DashboardRoute.dashboard) }
        return try await req.page("login", titleKey: "login_title", LoginModel(username: "", next: Self.safeNext(req.query[String.self, at: "next"])))
    }

    func login(req: Request) async throws -> Response {
        let form = try req.form(LoginForm.self)
        let next = Self.safeNext(form.next)
        let outcome = try await req.store.login(username: form.username, password: form.password, hasher: req.application.hasher)
        Counter(label: "xuanren_logins_total", dimensions: [("outcome", "\(outcome.label)")]).increment()
        switch outcome {
        case .success(let info):
            req.session.data["uid"] = info.id.uuidString
            req.session.data[Request.applicantSessionKey] = nil
            req.session.data[DatabaseSessions.rotateFlag] = "1"
            req.session.data["csrf"] = nil
            return req.redirect(to: info.mustChangePassword ? AuthRoute.password.path : next)
        case .invalid, .disabled:
            return try await req.page("login", titleKey: "login_title", LoginModel(username: form.username, next: next),
                                      error: req.t("login_invalid"), status: .unauthorized)
        case .locked(let until):
            let minutes = max(1, (until - Store.now() + 59) / 60)
            return try await req.page("login", titleKey: "login_title", LoginModel(username: form.username, next: next),
                                      error: req.t("login_locked").replacingOccurrences(of: "{minutes}", with: "\(minutes)"), status: .tooManyRequests)
        }
    }

    func logout(req: Request) async throws -> Response {
        req.session.destroy()
        return req.redirect(to: PublicRoute.home)
    }

    struct PasswordModel: Encodable { var forced: Bool; var action = AuthRoute.changePassword.path }
    struct PasswordForm: Content { var currentPassword: String; var newPassword: String; var confirmPassword: String }

    func passwordPage(req: Request) async throws -> Response {
        try await req.page("password", titleKey: "password_title", PasswordModel(forced: req.user?.mustChangePassword ?? false))
    }

    func changePassword(req: Request) async throws -> Response {
        guard let user = req.user else { throw Abort(.unauthorized, reason: "error_unauthorized") }
        do {
            let form = try req.form(PasswordForm.self)
            // every other session of the account ends; this one stays (and gets a new id below)
            try await req.store.changeOwnPassword(accountID: user.id, current: form.currentPassword, new: form.newPassword,
                                                  confirm: form.confirmPassword, hasher: req.application.hasher,
                                                  keepSession: DatabaseSessions.currentKey(req))
        } catch let e as InvalidInput {
            return try await req.page("password", titleKey: "password_title", PasswordModel(forced: user.mustChangePassword),
                                      error: e.message(in: req.language), status: .badRequest)
        }
        req.session.data[DatabaseSessions.rotateFlag] = "1"
        req.flash("password_changed")
        return req.redirect(to: DashboardRoute.dashboard)
    }
}

extension LoginOutcome {
    var label: String {
        switch self {
        case .success: "success"
        case .invalid: "invalid"
        case .locked: "locked"
        case .disabled: "disabled"
        }
    }
}
