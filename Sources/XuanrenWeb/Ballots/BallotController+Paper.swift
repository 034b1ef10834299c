import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// BAL-9 paper ballots: double entry by two clerks, reconciliation, and the live count for a big screen.
extension BallotController {
    func bootPaper(routes: any RoutesBuilder) {
        let p = UUID.parameter
        routes.on(BallotRoute.paper(p), use: paperForm)
        routes.on(BallotRoute.enterPaper(p), use: paperEnter)
        routes.on(BallotRoute.reconcile(p), use: reconcile)
        routes.on(BallotRoute.acceptPaper(p), use: acceptPaper)
        routes.on(BallotRoute.discardPaper(p), use: discardPaper)
        routes.on(BallotRoute.count(p), use: liveCount)
    }

    struct PaperModel: Encodable {
        var ballot: BallotModel; var sheet: Int; var entered: Int; var categories: [Choice]; var hasCategories: Bool; var clerk: String
        var links: BallotLinks; var countURL: String
        /// The sheet just entered, in words (a confirmation after each sheet).
        var saved: String? = nil
    }

    func paperModel(_ req: Request, _ s: BallotSessionInfo, form: [String: String] = [:]) async throws -> PaperModel {
        let clerk = req.user!.username
        let rec = try await req.store.paperReconciliation(session: s.id, by: req.actingUser)
        let mine = rec.sheets.filter { $0.entries[clerk] != nil }
        let cats = s.box.voterCategories.map { Choice(value: $0.id, label: Self.categoryLabel($0.id, req), selected: form["category"] == $0.id) }
        var hasCategories = false
        if case .weightedRecommendation = s.box.settings { hasCategories = true }
        return PaperModel(ballot: ballotModel(req, s, code: nil, form: form, paper: true), sheet: (mine.map(\.sheet).max() ?? 0) + 1,
                          entered: mine.count, categories: cats, hasCategories: hasCategories, clerk: clerk,
                          links: BallotLinks(s.id), countURL: BallotRoute.count(s.id).link(["clerk": clerk]))
    }

    static let paperRoles: Set<Role> = [.admin, .organizer, .clerk]
    static let paperViewerRoles: Set<Role> = [.admin, .organizer, .clerk, .supervisor]

    func paperForm(req: Request) async throws -> Response {
        let s = try await session(req, roles: Self.paperRoles)
        guard s.status == .open else { throw Abort(.conflict, reason: VotingError.sessionNotOpen.message(in: req.language)) }
        return try await req.page("paper-entry", titleKey: "paper_title", try await paperModel(req, s))
    }

    func paperEnter(req: Request) async throws -> Response {
        let s = try await session(req, roles: Self.paperRoles)
        let form = (try? req.content.decode([String: String].self)) ?? [:]
        do {
            guard let sheet = Int(form["sheet"] ?? ""), sheet > 0 else { throw PaperError.badSheet }
            let ballot = BallotForms.ballot(from: form, box: s.box)
            try await req.store.enterPaperBallot(session: s.id, sheet: sheet, ballot: ballot, by: req.actingUser)
            req.session.data["flash"] = nil
            var model = try await paperModel(req, s, form: ["category": form["category"] ?? ""])
            model.saved = req.t("paper_savedSheet").replacingOccurrences(of: "{n}", with: "\(sheet)") + Self.readable(ballot.json(), s.box, req)
            return try await req.page("paper-entry", titleKey: "paper_title", model, error: nil)
        } catch let e as PaperError {
            return try await req.page("paper-entry", titleKey: "paper_title", try await paperModel(req, s, form: form), error: e.message(in: req.language), status: .badRequest)
        } catch let e as InvalidInput {
            return try await req.page("paper-entry", titleKey: "paper_title", try await paperModel(req, s, form: form), error: e.message(in: req.language), status: .badRequest)
        }
    }

    struct SheetRow: Encodable { var sheet: Int; var entries: [String]; var agree: Bool }
    struct ReconcileModel: Encodable {
        var id: String; var title: String; var clerks: [String]; var clerkNames: [String]; var rows: [SheetRow]; var clean: Bool; var total: Int; var canAccept: Bool; var links: BallotLinks
    }

    func reconcile(req: Request) async throws -> Response {
        let s = try await session(req, roles: Self.paperRoles)
        let rec = try await req.store.paperReconciliation(session: s.id, by: req.actingUser)
        let rows = rec.sheets.map { sh in SheetRow(sheet: sh.sheet, entries: rec.clerks.map { sh.entries[$0].map { Self.readable($0, s.box, req) } ?? "—" }, agree: sh.agree) }
        var clerkNames: [String] = []
        for c in rec.clerks { clerkNames.append((try await req.store.account(username: c)).map { "\($0.displayName)（\(c)）" } ?? c) }
        return try await req.page("paper-reconcile", titleKey: "paper_reconcile", ReconcileModel(
            id: s.id.uuidString, title: s.title, clerks: rec.clerks, clerkNames: clerkNames, rows: rows.filter { !$0.agree }, clean: rec.isClean, total: rec.sheets.count,
            canAccept: BallotRoute.managers.allows(signedIn: true, roles: req.user?.roles ?? []) && s.status == .open, links: BallotLinks(s.id)))
    }

    struct DiscardForm: Content { var clerk: String }

    /// An organizer discards one clerk's entries not yet accepted (with a confirmation box on the page).
    func discardPaper(req: Request) async throws -> Response {
        let id = try sessionID(req)
        _ = try await session(req, roles: [.admin, .organizer])   // scope before anything about the form
        let f = try req.form(DiscardForm.self)
        try await req.store.discardPaperEntries(session: id, clerk: f.clerk, by: req.actingUser)
        req.flash("paper_discarded")
        return req.redirect(to: BallotRoute.reconcile(id))
    }

    func acceptPaper(req: Request) async throws -> Response {
        let id = try sessionID(req)
        try await req.store.acceptPaperBallots(session: id, by: req.actingUser)
        req.flash("paper_accepted")
        return req.redirect(to: BallotRoute.detail(id))
    }

    struct ClerkLink: Encodable { var name: String; var href: String }
    struct CountModel: Encodable { var id: String; var title: String; var clerk: String; var clerks: [ClerkLink]; var result: ResultView? }

    /// 唱票计票: the running count of one clerk's entries, refreshed every few seconds for a big screen.
    func liveCount(req: Request) async throws -> Response {
        let s = try await session(req, roles: Self.paperViewerRoles)
        let rec = try await req.store.paperReconciliation(session: s.id, by: req.actingUser)
        let clerk = req.query[String.self, at: "clerk"] ?? rec.clerks.first ?? ""
        let r = clerk.isEmpty ? nil : try await req.store.paperRunningCount(session: s.id, clerk: clerk, by: req.actingUser)
        return try await req.page("paper-count", titleKey: "paper_count", CountModel(id: s.id.uuidString, title: s.title, clerk: clerk,
                                                                                  clerks: rec.clerks.map { ClerkLink(name: $0, href: BallotRoute.count(s.id).link(["clerk": $0])) },
                                                                                  result: r.map { ResultView($0, req.language) }))
    }

    /// The clerk's way in (BAL-9 paper ballots): the open sessions of the units the clerk enters for, each with its
    /// paper-entry page.
    struct PaperWork: Encodable {
        struct Row: Encodable { var title: String; var unit: String; var href: String; var status: String }
        var rows: [Row]
    }

    static func paperWorkRows(_ req: Request) async throws -> [PaperWork.Row] {
        try await req.store.ballotSessions(visibleTo: req.actingUser, roles: [.admin, .organizer, .clerk])
            .filter { $0.status == .open }
            .map { PaperWork.Row(title: $0.title, unit: $0.unitName, href: BallotRoute.paper($0.id).path, status: req.t("ballots_status_open")) }
    }

    func paperWork(req: Request) async throws -> Response {
        try await req.page("paper-sessions", titleKey: "paperWork_title", PaperWork(rows: try await Self.paperWorkRows(req)))
    }

    /// A sheet as a clerk entered it, in words: each candidate named with the answer (同意/不同意/弃权/无法辨认), a
    /// ranking as 1. 王明 2. 李华; anything else as stored.
    static func readable(_ json: String, _ box: BallotBox, _ req: Request) -> String {
        guard let obj = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return json }
        let names = Dictionary(box.candidates.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let sep = req.language == .zhHans ? "；" : "; "
        if let votes = obj["votes"] as? [String: String] {
            return box.candidates.compactMap { c in votes[c.id].map { "\(c.name)：\(req.t("vote_" + $0))" } }.joined(separator: sep)
        }
        if let ranking = obj["ranking"] as? [String] {
            return ranking.enumerated().map { "\($0.offset + 1). \(names[$0.element] ?? $0.element)" }.joined(separator: " ")
        }
        if let choices = obj["choices"] as? [String] { return choices.map { names[$0] ?? $0 }.joined(separator: "、") }
        return json
    }
}
