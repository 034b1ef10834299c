import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// The committee decision of a matter: the roster, the meetings, the vote and the minutes. Each handler goes
/// through the store with `req.actingUser`, which decides who reads and who records (403 otherwise); a refusal in
/// words shows the page again with the reason and what was typed.
struct CommitteeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let p = UUID.parameter
        routes.on(CommitteeRoute.page(p), use: page)
        routes.on(CommitteeRoute.addMember(p), use: addMember)
        routes.on(CommitteeRoute.retireMember(p, member: p), use: retireMember)
        routes.on(CommitteeRoute.open(p), use: open)
        routes.on(CommitteeRoute.attendance(p, meeting: p), use: attendance)
        routes.on(CommitteeRoute.present(p, meeting: p), use: present)
        routes.on(CommitteeRoute.opinion(p, meeting: p), use: opinion)
        routes.on(CommitteeRoute.deferItem(p, meeting: p), use: deferItem)
        routes.on(CommitteeRoute.vote(p, meeting: p), use: vote)
        routes.on(CommitteeRoute.ballot(p, meeting: p), use: ballot)
        routes.on(CommitteeRoute.importBallot(p, meeting: p), use: importBallot)
        routes.on(CommitteeRoute.vacant(p, meeting: p), use: vacant)
        routes.on(CommitteeRoute.close(p, meeting: p), use: close)
        routes.on(CommitteeRoute.minutes(p, meeting: p), use: minutes)
    }

    static func matterID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        return id
    }

    static func uuid(_ req: Request, _ name: String) throws -> UUID {
        guard let id = req.parameters.get(name).flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        return id
    }

    static func overview(_ req: Request) async throws -> CommitteeOverview {
        do {
            return try await req.store.committeeOverview(matter: try matterID(req), by: req.actingUser)
        } catch let e as InvalidInput where e.issues.first?.field == "matter" {
            throw Abort(.notFound)
        }
    }

    func page(req: Request) async throws -> Response {
        try await Self.render(req, try await Self.overview(req))
    }

    static func render(_ req: Request, _ o: CommitteeOverview, error: String? = nil, status: HTTPStatus = .ok, form: [String: String] = [:]) async throws -> Response {
        let custodians = o.canRecord ? try await req.store.custodianCandidates() : []
        let model = CommitteePage.make(o, id: try matterID(req), lang: req.language, t: req.t, today: req.store.today, custodians: custodians, form: form)
        return try await req.page("matter-committee", titleKey: "dec_title", model, error: error, status: status)
    }

    /// A form post: organizers only (403 before the form is read), then `body`; a refusal in words shows the page
    /// again with the reason.
    static func act(_ req: Request, anchor: String?, _ body: (UUID) async throws -> Void) async throws -> Response {
        let o = try await overview(req)
        guard o.manages else { throw NotPermitted() }
        let id = try matterID(req)
        do {
            try await body(id)
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict || e.kind == .notFound {
            return try await render(req, try await overview(req), error: e.message(in: req.language), status: refusalStatus(e),
                                    form: InspectionController.typed(req))
        }
        req.flash("insp_saved")
        return req.redirect(to: CommitteeRoute.page(id).link(fragment: anchor))
    }

    static func text(_ raw: String?) -> String { (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    static func count(_ raw: String?, field: String) throws -> Int {
        let s = text(raw)
        guard let n = Int(s), n >= 0, n <= 1000 else { throw InvalidInput(field: field, .described(zh: "请填写0或正整数", en: "write 0 or a positive whole number")) }
        return n
    }

    // MARK: roster

    func addMember(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "roster") { id in
            let f = FormBody.fields(req)
            let o = try await Self.overview(req)
            try await req.store.addCommitteeMember(unit: o.unitID, name: f["name"] ?? "", title: f["title"] ?? "", account: f["account"], by: req.actingUser)
            _ = id
        }
    }

    func retireMember(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "roster") { _ in
            try await req.store.retireCommitteeMember(try Self.uuid(req, "member"), by: req.actingUser)
        }
    }

    // MARK: meetings

    func open(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "meeting") { id in
            let f = FormBody.fields(req)
            let day = try InspectionController.day(f["day"], field: "day")
            try await req.store.openCommitteeMeeting(matter: id, title: f["title"] ?? "", day: day, by: req.actingUser)
        }
    }

    func attendance(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "attendance") { _ in
            let f = FormBody.fields(req)
            guard let member = (f["member"]).flatMap(UUID.init(uuidString:)) else { throw InvalidInput(field: "members", .required) }
            try await req.store.recordAttendance(meeting: try Self.uuid(req, "meeting"), member: member, present: f["present"] == "1", reason: f["reason"] ?? "", by: req.actingUser)
        }
    }

    func present(req: Request) async throws -> Response {
        let f = FormBody.fields(req)
        return try await Self.act(req, anchor: "item-\(f["item"] ?? "")") { _ in
            guard let person = f["person"].flatMap(UUID.init(uuidString:)) else { throw InvalidInput(field: "nominees", .required) }
            try await req.store.presentNominee(meeting: try Self.uuid(req, "meeting"), item: f["item"] ?? "", person: person, reasons: f["reasons"] ?? "",
                                               presenter: f["presenter"] ?? "", by: req.actingUser)
        }
    }

    func opinion(req: Request) async throws -> Response {
        let f = FormBody.fields(req)
        return try await Self.act(req, anchor: "item-\(f["item"] ?? "")") { _ in
            guard let member = f["member"].flatMap(UUID.init(uuidString:)) else { throw InvalidInput(field: "members", .required) }
            guard let kind = Store.OpinionKind(rawValue: f["kind"] ?? "") else { throw InvalidInput(field: "opinion", .unknownValue(f["kind"] ?? "")) }
            try await req.store.recordOpinion(meeting: try Self.uuid(req, "meeting"), item: f["item"] ?? "", member: member, kind: kind, words: f["words"] ?? "", by: req.actingUser)
        }
    }

    func deferItem(req: Request) async throws -> Response {
        let f = FormBody.fields(req)
        return try await Self.act(req, anchor: "item-\(f["item"] ?? "")") { _ in
            try await req.store.deferCommitteeItem(meeting: try Self.uuid(req, "meeting"), item: f["item"] ?? "", reason: f["reason"] ?? "", by: req.actingUser)
        }
    }

    func vacant(req: Request) async throws -> Response {
        let f = FormBody.fields(req)
        return try await Self.act(req, anchor: "item-\(f["item"] ?? "")") { _ in
            try await req.store.leaveCommitteeItemVacant(meeting: try Self.uuid(req, "meeting"), item: f["item"] ?? "", reason: f["reason"] ?? "", by: req.actingUser)
        }
    }

    /// DEC-4: paper ballots counted on site: `yes_<nominee>`, `no_<nominee>`, `abstain_<nominee>` per nominee of
    /// the round, and the tally sheet's reference.
    func vote(req: Request) async throws -> Response {
        let f = FormBody.fields(req)
        return try await Self.act(req, anchor: "item-\(f["item"] ?? "")") { _ in
            let meeting = try Self.uuid(req, "meeting")
            let item = f["item"] ?? ""
            let v = try await req.store.committeeMeeting(meeting, by: req.actingUser)
            var counts: [String: (yes: Int, no: Int, abstain: Int)] = [:]
            for n in try v.meeting.ballot(for: item) {
                counts[n.id] = (try Self.count(f["yes_\(n.id)"], field: "yes"), try Self.count(f["no_\(n.id)"], field: "no"),
                                try Self.count(f["abstain_\(n.id)"], field: "abstain"))
            }
            try await req.store.recordCommitteeVote(meeting: meeting, item: item, counts: counts, reference: f["reference"] ?? "", by: req.actingUser)
        }
    }

    /// DEC-4: the round as an approval ballot session (voting codes for the members present).
    func ballot(req: Request) async throws -> Response {
        struct Form: Content { var item: String; var custodians: [String]?; var custodianThreshold: String? }
        let f = (try? req.content.decode(Form.self)) ?? Form(item: "", custodians: nil, custodianThreshold: nil)
        return try await Self.act(req, anchor: "item-\(f.item)") { _ in
            let raw = Self.text(f.custodianThreshold)
            guard let k = Int(raw.isEmpty ? String(CustodianPlan.defaultThreshold) : raw) else { throw InvalidInput(field: "custodianThreshold", .unknownValue(raw)) }
            let plan = try CustodianPlan.checked(names: f.custodians ?? [], threshold: k)
            try await req.store.createCommitteeBallot(meeting: try Self.uuid(req, "meeting"), item: f.item, custodians: plan, by: req.actingUser)
        }
    }

    func importBallot(req: Request) async throws -> Response {
        let f = FormBody.fields(req)
        return try await Self.act(req, anchor: "item-\(f["item"] ?? "")") { _ in
            try await req.store.importCommitteeBallot(meeting: try Self.uuid(req, "meeting"), item: f["item"] ?? "", by: req.actingUser)
        }
    }

    func close(req: Request) async throws -> Response {
        try await Self.act(req, anchor: "meeting") { _ in
            try await req.store.closeCommitteeMeeting(try Self.uuid(req, "meeting"), by: req.actingUser)
        }
    }

    // MARK: DEC-6 minutes on A4

    func minutes(req: Request) async throws -> Response {
        let o = try await Self.overview(req)
        let meetingID = try Self.uuid(req, "meeting")
        guard let m = o.meetings.first(where: { $0.id == meetingID }) else { throw Abort(.notFound) }
        let lang = req.language
        struct Line: Encodable { var kind: String; var text: String }
        struct Model: Encodable {
            var matter: String; var unit: String; var lines: [Line]; var closed: Bool; var sha256: String?; var printed: String
            var back: String
        }
        let model = Model(matter: o.matter.title, unit: o.unitName, lines: m.meeting.minutes(in: lang).map { Line(kind: $0.kind.rawValue, text: $0.text) },
                          closed: m.isClosed, sha256: m.minutesSHA256, printed: req.store.today.text(in: lang), back: CommitteeRoute.page(try Self.matterID(req)).path)
        return try await req.page("matter-minutes", titleKey: "dec_minutes_title", model)
    }
}
