import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// Publicity, reports, the pre-appointment talk, the appointment and its notice (PUB-1…4, CAS-3); the
/// probationers (PRB-1, PRB-2); the holiday calendar's years (PUB-1). The store decides who may do what.
struct PublicityController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let p = UUID.parameter
        routes.on(PublicityRoute.page(p), use: page)
        routes.on(PublicityRoute.publish(p, person: p), use: publish)
        routes.on(PublicityRoute.report(p, person: p), use: report)
        routes.on(PublicityRoute.resolve(p, person: p), use: resolve)
        routes.on(PublicityRoute.talk(p, person: p), use: talk)
        routes.on(PublicityRoute.appoint(p, person: p), use: appoint)
        routes.on(PublicityRoute.notice(p, person: p), use: notice)
        routes.on(ProbationRoute.list, use: probationers)
        routes.on(ProbationRoute.conclude(p), use: conclude)
        routes.on(ProbationRoute.calendar, use: calendar)
        routes.on(ProbationRoute.addCalendar, use: addCalendar)
    }

    static func overview(_ req: Request) async throws -> PublicityOverview {
        do {
            return try await req.store.publicityOverview(matter: try CommitteeController.matterID(req), by: req.actingUser)
        } catch let e as InvalidInput where e.issues.first?.field == "matter" {
            throw Abort(.notFound)
        }
    }

    func page(req: Request) async throws -> Response { try await Self.render(req) }

    static func render(_ req: Request, error: String? = nil, status: HTTPStatus = .ok, form: [String: String] = [:]) async throws -> Response {
        let o = try await overview(req)
        let model = PublicityPage.make(id: try CommitteeController.matterID(req), o, lang: req.language, t: req.t, today: req.store.today, form: form)
        return try await req.page("matter-publicity", titleKey: "pub_title", model, error: error, status: status)
    }

    static func act(_ req: Request, anchor: String?, _ body: (UUID, UUID) async throws -> Void) async throws -> Response {
        let id = try CommitteeController.matterID(req)
        let person = try CommitteeController.uuid(req, "person")
        do {
            try await body(id, person)
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict || e.kind == .notFound {
            return try await render(req, error: e.message(in: req.language), status: refusalStatus(e), form: InspectionController.typed(req))
        }
        req.flash("insp_saved")
        return req.redirect(to: PublicityRoute.page(id).link(fragment: anchor))
    }

    static func day(_ f: [String: String], _ field: String) throws -> CivilDay { try InspectionController.day(f[field], field: field) }

    func publish(req: Request) async throws -> Response {
        let f = FormBody.fields(req)
        return try await Self.act(req, anchor: "p-" + (req.parameters.get("person") ?? "")) { id, person in
            try await req.store.publishPublicity(matter: id, person: person, published: try Self.day(f, "published"), channel: f["channel"] ?? "", rank: f["rank"] ?? "", by: req.actingUser)
        }
    }

    func report(req: Request) async throws -> Response {
        let f = FormBody.fields(req)
        return try await Self.act(req, anchor: "p-" + (req.parameters.get("person") ?? "")) { id, person in
            let summary = CommitteeController.text(f["summary"])
            if summary.isEmpty { throw InvalidInput(field: "summary", .required) }
            try await req.store.receivePublicityReport(matter: id, person: person, received: try Self.day(f, "received"), summary: summary, by: req.actingUser)
        }
    }

    func resolve(req: Request) async throws -> Response {
        let f = FormBody.fields(req)
        return try await Self.act(req, anchor: "p-" + (req.parameters.get("person") ?? "")) { id, person in
            guard let outcome = f["outcome"], ["cleared", "affecting"].contains(outcome) else { throw InvalidInput(field: "outcome", .required) }
            try await req.store.resolvePublicityReport(matter: id, person: person, report: f["report"] ?? "", affecting: outcome == "affecting", reason: f["reason"] ?? "",
                                                       on: try Self.day(f, "day"), by: req.actingUser)
        }
    }

    func talk(req: Request) async throws -> Response {
        let f = FormBody.fields(req)
        return try await Self.act(req, anchor: "p-" + (req.parameters.get("person") ?? "")) { id, person in
            guard let form = PreAppointmentTalk.Form(rawValue: f["form"] ?? "") else { throw InvalidInput(field: "form", .unknownValue(f["form"] ?? "")) }
            let officials = (f["officials"] ?? "").split(whereSeparator: { "、,，;；\n".contains($0) }).map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            try await req.store.recordPreAppointmentTalk(matter: id, person: person, day: try Self.day(f, "day"), officials: officials, form: form, by: req.actingUser)
        }
    }

    func appoint(req: Request) async throws -> Response {
        let f = FormBody.fields(req)
        return try await Self.act(req, anchor: "p-" + (req.parameters.get("person") ?? "")) { id, person in
            let document = CommitteeController.text(f["document"])
            if document.isEmpty { throw InvalidInput(field: "document", .required) }
            try await req.store.appoint(matter: id, person: person, day: try Self.day(f, "day"), document: document, by: req.actingUser)
        }
    }

    /// PUB-3: the appointment notice (任职通知) on A4.
    func notice(req: Request) async throws -> Response {
        let o = try await Self.overview(req)
        let id = try CommitteeController.matterID(req)
        let person = try CommitteeController.uuid(req, "person")
        guard o.resolves, let a = o.appointees.first(where: { $0.person.id == person }), let appointment = a.publicity?.appointment else { throw Abort(.notFound) }
        let lang = req.language
        struct Model: Encodable {
            var back: String; var unit: String; var matter: String; var document: String; var name: String; var post: String; var rank: String
            var day: String; var probation: String?; var talks: [String]
        }
        let model = Model(back: PublicityRoute.page(id).path, unit: o.unitName, matter: o.matter.title, document: appointment.document, name: a.person.name,
                          post: a.details?.post ?? a.positionPost, rank: a.details?.rank ?? "", day: appointment.day.text(in: lang),
                          probation: a.probation.map { "\($0.start.text(in: lang)) — \($0.ends.text(in: lang))" },
                          talks: a.publicity?.talks.map { "\($0.day.text(in: lang)) \($0.form.title(in: lang))：\($0.officials.joined(separator: "、"))" } ?? [])
        return try await req.page("appointment-notice", titleKey: "pub_notice_title", model)
    }

    // MARK: PRB-1, PRB-2

    func probationers(req: Request) async throws -> Response {
        try await Self.renderProbation(req, includeConcluded: req.query["all"] == "1")
    }

    static func renderProbation(_ req: Request, includeConcluded: Bool = false, error: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let rows = try await req.store.probationers(by: req.actingUser, includeConcluded: includeConcluded)
        let model = ProbationPage.make(rows, lang: req.language, t: req.t, today: req.store.today, organizer: req.actingUser.roles.contains(.organizer))
        return try await req.page("probation", titleKey: "prb_title", model, error: error, status: status)
    }

    func conclude(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        let f = FormBody.fields(req)
        // deny by default: a probation outside the reader's units is refused before the form is read
        guard try await req.store.probationers(by: req.actingUser, includeConcluded: true).contains(where: { $0.id == id }) else { throw NotPermitted() }
        do {
            guard let outcome = ProbationOutcome(rawValue: f["outcome"] ?? "") else { throw InvalidInput(field: "outcome", .required) }
            let report = CommitteeController.text(f["report"])
            try await req.store.concludeProbation(id, outcome: outcome, report: report, on: try Self.day(f, "day"), by: req.actingUser)
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict || e.kind == .notFound {
            return try await Self.renderProbation(req, error: e.message(in: req.language), status: refusalStatus(e))
        }
        req.flash("insp_saved")
        return req.redirect(to: ProbationRoute.list.path)
    }

    // MARK: PUB-1 the calendar's years

    struct CalendarModel: Encodable {
        struct Year: Encodable { var year: Int; var notice: String; var source: String }
        var years: [Year]; var action: String; var text: String
    }

    func calendar(req: Request) async throws -> Response { try await Self.renderCalendar(req) }

    static func renderCalendar(_ req: Request, error: String? = nil, status: HTTPStatus = .ok, text: String = "") async throws -> Response {
        let years = try await req.store.calendarYears().map { y in
            CalendarModel.Year(year: y.year, notice: y.notice,
                               source: y.addedBy.map { "\(req.t("cal_added")) \($0) · \(CivilDay(epochSeconds: y.addedAt ?? 0).text(in: req.language))" } ?? req.t("cal_shipped"))
        }
        return try await req.page("admin-calendar", titleKey: "cal_title", CalendarModel(years: years, action: ProbationRoute.addCalendar.path, text: text),
                                  error: error, status: status)
    }

    /// A `xuanren.holiday-calendar/1` document pasted or uploaded (`file`).
    func addCalendar(req: Request) async throws -> Response {
        struct Form: Content { var text: String?; var file: File? }
        let f = try req.content.decode(Form.self)
        var text = (f.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty, let file = f.file, file.data.readableBytes > 0 { text = String(buffer: file.data) }
        do {
            if text.isEmpty { throw InvalidInput(field: "file", .required) }
            let years = try await req.store.addCalendarYears(text, by: req.actingUser)
            req.flash("cal_saved")
            _ = years
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict {
            return try await Self.renderCalendar(req, error: e.message(in: req.language), status: refusalStatus(e), text: text)
        }
        return req.redirect(to: ProbationRoute.calendar.path)
    }
}
