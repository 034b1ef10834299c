import Foundation
import Metrics
import SelectionCore
import Vapor
import XuanrenStore

/// The applicant's sign-in, activation, own registrations and switch of position (ELG-6, ELG-8, EXM-9). Thin: the
/// store finds the registrations by the keyed hash of the signed-in applicant's identity number and refuses others.
struct ApplicantController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(ApplicantRoute.login, use: loginPage)
        routes.on(ApplicantRoute.signIn, use: signIn)
        routes.on(ApplicantRoute.activate, use: activate)
        routes.on(ApplicantRoute.logout, use: logout)
        routes.on(ApplicantRoute.home, use: home)
        routes.on(ApplicantRoute.switchPosition(applicant: UUID.parameter), use: switchPosition)
    }

    // MARK: sign-in and activation

    static func renderLogin(_ req: Request, error: String? = nil, status: HTTPStatus = .ok, activating: Bool = false) async throws -> Response {
        try await req.page("applicant-login", titleKey: "appl_login_title",
                           ApplicantLoginPage(signIn: ApplicantRoute.signIn.path, activate: ApplicantRoute.activate.path, activating: activating),
                           error: error, status: status)
    }

    func loginPage(req: Request) async throws -> Response {
        if req.applicant != nil { return req.redirect(to: ApplicantRoute.home) }
        return try await Self.renderLogin(req, activating: req.query[String.self, at: "first"] == "1")
    }

    /// A new session for the applicant (a fresh id, no staff account in it).
    static func signedIn(_ req: Request, _ id: UUID) {
        req.session.data["uid"] = nil
        req.session.data[Request.applicantSessionKey] = id.uuidString
        req.session.data[DatabaseSessions.rotateFlag] = "1"
        req.session.data["csrf"] = nil
    }

    /// The refusal of a sign-in or activation: one message whatever was wrong (the number unknown, no password yet,
    /// a wrong password or code), and the lock in minutes.
    static func refused(_ req: Request, _ outcome: ApplicantLoginOutcome, activating: Bool) async throws -> Response {
        if case .locked(let until) = outcome {
            let minutes = max(1, (until - Store.now() + 59) / 60)
            return try await renderLogin(req, error: req.t("appl_login_locked").replacingOccurrences(of: "{minutes}", with: "\(minutes)"),
                                         status: .tooManyRequests, activating: activating)
        }
        return try await renderLogin(req, error: req.t(activating ? "appl_activate_invalid" : "appl_login_invalid"), status: .unauthorized, activating: activating)
    }

    func signIn(req: Request) async throws -> Response {
        let f = FormBody.fields(req)
        let outcome = try await req.store.applicantLogin(resident: f["resident"] ?? "", password: f["password"] ?? "", hasher: req.application.passwordHasher)
        Counter(label: "xuanren_applicant_logins_total", dimensions: [("outcome", outcome.label)]).increment()
        guard case .success(let id) = outcome else { return try await Self.refused(req, outcome, activating: false) }
        Self.signedIn(req, id)
        return req.redirect(to: ApplicantRoute.home)
    }

    func activate(req: Request) async throws -> Response {
        let f = FormBody.fields(req)
        let outcome: ApplicantLoginOutcome
        do {
            outcome = try await req.store.activateApplicant(resident: f["resident"] ?? "", code: f["code"] ?? "", password: f["password"] ?? "",
                                                            confirm: f["confirmPassword"] ?? "", hasher: req.application.passwordHasher)
        } catch let e as InvalidInput {
            return try await Self.renderLogin(req, error: e.message(in: req.language), status: .badRequest, activating: true)
        }
        guard case .success(let id) = outcome else { return try await Self.refused(req, outcome, activating: true) }
        Self.signedIn(req, id)
        req.flash("appl_activated")
        return req.redirect(to: ApplicantRoute.home)
    }

    func logout(req: Request) async throws -> Response {
        req.session.destroy()
        return req.redirect(to: PublicRoute.home)
    }

    // MARK: the applicant's own registrations

    func home(req: Request) async throws -> Response { try await Self.renderHome(req) }

    static func renderHome(_ req: Request, error: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        guard let account = req.applicant else { throw Abort(.unauthorized, reason: "error_unauthorized") }
        let list = try await req.store.myApplications(account: account)
        return try await req.page("applicant-home", titleKey: "appl_home_title", ApplicantHomePage.make(list, t: req.t, lang: req.language),
                                  error: error, status: status)
    }

    func switchPosition(req: Request) async throws -> Response {
        guard let account = req.applicant else { throw Abort(.unauthorized, reason: "error_unauthorized") }
        let applicant = try CommitteeController.uuid(req, "applicant")
        let position = FormBody.fields(req)["position"] ?? ""
        do {
            if position.isEmpty { throw InvalidInput(field: "position", .required) }
            try await req.store.switchOwnPosition(applicant, to: position, account: account)
        } catch let e as InvalidInput where e.issues.first?.field == "applicant" {
            // not theirs (or no such registration): the same answer either way
            return try await Self.renderHome(req, error: req.t("appl_not_found"), status: .notFound)
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict || e.kind == .notFound {
            return try await Self.renderHome(req, error: e.message(in: req.language), status: refusalStatus(e))
        }
        req.flash("appl_switched")
        return req.redirect(to: ApplicantRoute.home)
    }
}

extension ApplicantLoginOutcome {
    var label: String {
        switch self {
        case .success: "success"
        case .invalid: "invalid"
        case .locked: "locked"
        }
    }
}

/// The applicant's sign-in page: sign in, or set the password with the activation code (first sign-in).
struct ApplicantLoginPage: Encodable {
    var signIn: String
    var activate: String
    var activating: Bool
}

/// The applicant's registrations, each with its review in words (ELG-6), seat, published scores (EXM-9) and, while
/// registration is open, the switch of position (ELG-8).
struct ApplicantHomePage: Encodable {
    struct Option: Encodable { var value: String; var label: String }
    struct Item: Encodable {
        var matter: String; var post: String; var status: String; var qualified: Bool?; var reasons: [String]
        var seat: String?; var scores: [String]; var closes: String?; var withdrawn: Bool
        var canSwitch: Bool; var positions: [Option]; var action: String; var key: String
    }
    var items: [Item]
    var logout: String

    static func make(_ list: [MyApplication], t: (String) -> String, lang: Language) -> ApplicantHomePage {
        let items = list.map { m -> Item in
            let r = m.result
            var status = t("appl_status_pending")
            if m.withdrawn { status = t("appl_status_withdrawn") } else if let q = r.qualified { status = t(q ? "appl_status_qualified" : "appl_status_unqualified") }
            let reasons = r.qualified == false ? r.failed.map { $0.text(in: lang) } + (r.override.map { [$0] } ?? []) : []
            var scores: [String] = []
            for s in r.scores {
                let key = s.stage == "written" ? "appl_score_written" : s.stage == "interview" ? "appl_score_interview" : "appl_score_recommendation"
                scores.append(t(key) + s.score)
            }
            if let cut = r.cutScore { scores.append(t("appl_score_cut") + cut) }
            if let c = r.composite { scores.append(t("appl_score_composite") + c + (r.rank.map { t("appl_score_rank").replacingOccurrences(of: "{rank}", with: String($0)) } ?? "")) }
            if let st = r.status { scores.append(t("appl_outcome") + t(st == .shortlisted ? "appl_outcome_shortlisted" : "appl_outcome_not")) }
            return Item(matter: m.matterTitle, post: r.post, status: status, qualified: m.withdrawn ? nil : r.qualified, reasons: reasons,
                        seat: r.admission.map { adm in adm + (r.room.map { " · " + $0 + " · " + String(r.seat ?? 0) } ?? "") },
                        scores: scores, closes: m.closes.map { CivilTime.shanghai($0) }, withdrawn: m.withdrawn,
                        canSwitch: m.canSwitch && !m.positions.isEmpty, positions: m.positions.map { Option(value: $0.id, label: $0.post) },
                        action: ApplicantRoute.switchPosition(applicant: m.applicantID).path, key: m.applicantID.uuidString)
        }
        return ApplicantHomePage(items: items, logout: ApplicantRoute.logout.path)
    }
}
