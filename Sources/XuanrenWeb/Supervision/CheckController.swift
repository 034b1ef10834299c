import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// Supervision checks (CHK-1…6). Thin: every handler reads the check as the store lets the reader see it, refuses an
/// action the reader's access does not allow before reading the form, calls one store operation and shows the page
/// again — with the refusal in words when there is one.
struct CheckController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let p = UUID.parameter
        routes.on(CheckRoute.list, use: list)
        routes.on(CheckRoute.create, use: create)
        routes.on(CheckRoute.page(p), use: page)
        routes.on(CheckRoute.draw(p), use: draw)
        routes.on(CheckRoute.file(p, file: p), use: file)
        routes.on(CheckRoute.review(p, file: p), use: review)
        routes.on(CheckRoute.answer(p), use: answer)
        routes.on(CheckRoute.finding(p), use: finding)
        routes.on(CheckRoute.conclude(p), use: conclude)
        routes.on(CheckRoute.issueNotice(p), use: issueNotice)
        routes.on(CheckRoute.notice(p), use: notice)
        routes.on(CheckRoute.report(p), use: report)
        routes.on(CheckRoute.verify(p), use: verify)
        routes.on(CheckRoute.close(p), use: close)
    }

    // MARK: The list and the form (CHK-1, CHK-6)

    func list(req: Request) async throws -> Response { try await Self.renderList(req) }

    static func checkableUnits(_ req: Request) async throws -> [UnitInfo] {
        var seen = Set<UUID>(), out: [UnitInfo] = []
        for kind in CheckKind.allCases {
            for u in try await req.store.checkableUnits(kind: kind, by: req.actingUser) where seen.insert(u.id).inserted { out.append(u) }
        }
        return out
    }

    static func renderList(_ req: Request, error: String? = nil, status: HTTPStatus = .ok, form: [String: String] = [:]) async throws -> Response {
        let rows = try await req.store.checks(visibleTo: req.actingUser)
        let model = CheckListPage.make(rows, units: try await checkableUnits(req), lang: req.language, today: req.store.today, form: form)
        return try await req.page("checks", titleKey: "chk_title", model, error: error, status: status)
    }

    func create(req: Request) async throws -> Response {
        let f = FormBody.fields(req)
        do {
            guard let kind = CheckKind(rawValue: f["kind"] ?? "") else { throw InvalidInput(field: "kind", .required) }
            guard let unit = f["unit"].flatMap(UUID.init(uuidString:)) else { throw InvalidInput(field: "unit", .required) }
            let period = try CheckPeriod(from: try InspectionController.day(f["from"], field: "from"), to: try InspectionController.day(f["to"], field: "to"))
            var settings = MandatorySettings()
            for field in MandatorySettings.fields {
                if let raw = f[field.key], !raw.isEmpty {
                    guard let n = Int(raw) else { throw InvalidInput(field: field.key, .unknownValue(raw)) }
                    settings[keyPath: field.path] = n
                }
            }
            if let raw = f["educationBelow"], let n = Int(raw) {
                guard let e = EducationLevel(rawValue: n) else { throw InvalidInput(field: "educationBelow", .unknownValue(raw)) }
                settings.educationBelow = e
            }
            let id = try await req.store.createCheck(kind: kind, unit: unit, period: period, title: f["title"] ?? "", secretary: f["secretary"],
                                                     settings: settings, by: req.actingUser)
            req.flash("chk_created")
            return req.redirect(to: CheckRoute.page(id))
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict || e.kind == .forbidden {
            // a unit the reader may not check with that kind: the form again, saying so
            return try await Self.renderList(req, error: e.message(in: req.language), status: refusalStatus(e), form: f)
        }
    }

    // MARK: A check

    static func checkID(_ req: Request) throws -> UUID { try CommitteeController.uuid(req, "id") }

    static func view(_ req: Request) async throws -> CheckView {
        do {
            return try await req.store.checkView(try checkID(req), by: req.actingUser)
        } catch let e as InvalidInput where e.issues.first?.field == "check" {
            throw Abort(.notFound)
        }
    }

    func page(req: Request) async throws -> Response { try await Self.render(req, try await Self.view(req)) }

    static func render(_ req: Request, _ v: CheckView, error: String? = nil, status: HTTPStatus = .ok, form: [String: String] = [:]) async throws -> Response {
        // the issuing body offered for the notice: the unit of the reader's grant that runs the check (a self-check: the unit)
        let own = req.user?.grants.first { ($0.role == .organizer || $0.role == .supervisor) && (v.check.kind == .selfCheck) == ($0.unitID == v.unitID) }
        let model = CheckPage.make(v, lang: req.language, t: req.t, today: req.store.today, issuer: own?.unitName ?? v.unitName, form: form)
        return try await req.page("check", titleKey: "chk_page_title", model, error: error, status: status)
    }

    /// A form post: refused (403) before the form is read unless `allowed` holds for the reader; then `body`; a
    /// refusal in words shows the page again with the reason and what was typed.
    static func act(_ req: Request, _ allowed: (CheckAccess) -> Bool, anchor: String?, _ body: (CheckView, [String: String]) async throws -> Void) async throws -> Response {
        let v = try await view(req)
        guard allowed(v.access) else { throw NotPermitted() }
        let f = FormBody.fields(req)
        do {
            try await body(v, f)
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict || e.kind == .notFound {
            return try await render(req, try await view(req), error: e.message(in: req.language), status: refusalStatus(e), form: f)
        }
        req.flash("insp_saved")
        return req.redirect(to: CheckRoute.page(v.id).link(fragment: anchor))
    }

    static func text(_ raw: String?) -> String { (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    func draw(req: Request) async throws -> Response {
        try await Self.act(req, { $0.runs }, anchor: "files") { v, _ in try await req.store.drawCheckSample(v.id, by: req.actingUser) }
    }

    func answer(req: Request) async throws -> Response {
        try await Self.act(req, { $0.runs }, anchor: "leaders") { v, f in
            guard let q = LeaderQuestion(rawValue: f["question"] ?? "") else { throw InvalidInput(field: "question", .required) }
            guard let found = f["found"].flatMap({ ["yes": true, "no": false][$0] }) else { throw InvalidInput(field: "found", .required) }
            try await req.store.answerLeaderQuestion(v.id, question: q, found: found, note: f["note"] ?? "", by: req.actingUser)
        }
    }

    func finding(req: Request) async throws -> Response {
        try await Self.act(req, { $0.runs }, anchor: "findings") { v, f in
            let file = try f["file"].flatMap { $0.isEmpty ? nil : $0 }.map { raw -> UUID in
                guard let id = UUID(uuidString: raw) else { throw InvalidInput(field: "file", .unknownValue(raw)) }
                return id
            }
            let question = try f["question"].flatMap { $0.isEmpty ? nil : $0 }.map { raw -> LeaderQuestion in
                guard let q = LeaderQuestion(rawValue: raw) else { throw InvalidInput(field: "question", .unknownValue(raw)) }
                return q
            }
            try await req.store.addCheckFinding(v.id, rule: f["rule"] ?? "", problem: f["problem"] ?? "", requirement: f["requirement"] ?? "", file: file,
                                                question: question, accountability: f["accountability"] ?? "", by: req.actingUser)
        }
    }

    func conclude(req: Request) async throws -> Response {
        try await Self.act(req, { $0.runs }, anchor: "findings") { v, _ in try await req.store.concludeCheckReview(v.id, by: req.actingUser) }
    }

    func issueNotice(req: Request) async throws -> Response {
        try await Self.act(req, { $0.runs }, anchor: "notice") { v, f in
            try await req.store.issueRectificationNotice(v.id, reference: f["reference"] ?? "", issuer: f["issuer"] ?? "", deadline: try InspectionController.day(f["deadline"], field: "deadline"), by: req.actingUser)
        }
    }

    func report(req: Request) async throws -> Response {
        try await Self.act(req, { $0.rectifies }, anchor: "findings") { v, f in
            try await req.store.reportRectification(v.id, finding: f["finding"] ?? "", text: f["progress"] ?? "", done: f["done"] == "yes", by: req.actingUser)
        }
    }

    func verify(req: Request) async throws -> Response {
        try await Self.act(req, { $0.runs }, anchor: "findings") { v, f in
            guard let accepted = f["accepted"].flatMap({ ["yes": true, "no": false][$0] }) else { throw InvalidInput(field: "accepted", .required) }
            try await req.store.verifyRectification(v.id, finding: f["finding"] ?? "", accepted: accepted, note: f["note"] ?? "", by: req.actingUser)
        }
    }

    func close(req: Request) async throws -> Response {
        try await Self.act(req, { $0.runs }, anchor: nil) { v, f in try await req.store.closeCheck(v.id, summary: f["summary"] ?? "", by: req.actingUser) }
    }

    // MARK: A file's checklist (CHK-2)

    static func fileOf(_ v: CheckView, _ req: Request) throws -> CheckFileView {
        let id = try CommitteeController.uuid(req, "file")
        guard let f = v.files.first(where: { $0.id == id }) else { throw Abort(.notFound) }
        return f
    }

    func file(req: Request) async throws -> Response {
        let v = try await Self.view(req)
        return try await Self.renderFile(req, v, try Self.fileOf(v, req))
    }

    static func renderFile(_ req: Request, _ v: CheckView, _ f: CheckFileView, error: String? = nil, status: HTTPStatus = .ok, form: [String: String] = [:]) async throws -> Response {
        let model = CheckFilePage.make(v, file: f, lang: req.language, t: req.t, form: form)
        return try await req.page("check-file", titleKey: "chk_file_title", model, error: error, status: status)
    }

    func review(req: Request) async throws -> Response {
        let v = try await Self.view(req)
        guard v.access.runs else { throw NotPermitted() }
        let f = try Self.fileOf(v, req)
        let form = FormBody.fields(req)
        do {
            var answers: [FileReview.Answer] = []
            for item in FileCheckItem.allCases {
                guard let raw = form[item.rawValue], !raw.isEmpty else { continue }   // left out: FileReview names it
                guard let verdict = ItemVerdict(rawValue: raw) else { throw InvalidInput(field: item.rawValue, .unknownValue(raw)) }
                answers.append(FileReview.Answer(item, verdict, note: form[item.rawValue + "_note"] ?? ""))
            }
            try await req.store.reviewCheckFile(v.id, file: f.id, answers: answers, by: req.actingUser)
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict || e.kind == .notFound {
            return try await Self.renderFile(req, try await Self.view(req), f, error: e.message(in: req.language), status: refusalStatus(e), form: form)
        }
        req.flash("insp_saved")
        return req.redirect(to: CheckRoute.page(v.id).link(fragment: "files"))
    }

    // MARK: The notice (CHK-4)

    func notice(req: Request) async throws -> Response {
        let v = try await Self.view(req)
        return try await req.page("check-notice", titleKey: "chk_notice_title", CheckNoticePage.make(v, lang: req.language))
    }
}
