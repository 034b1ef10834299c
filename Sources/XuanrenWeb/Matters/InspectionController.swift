import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// The inspection of a matter and the gates before the committee. Every handler reads the matter through the store
/// with `req.actingUser` — which refuses (403) anyone who neither organizes nor supervises the matter's unit nor is
/// on its team, and withholds confidential records from readers not entitled to them — and checks what the reader
/// may do on it before reading a form. The store decides again when it writes.
struct InspectionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let p = UUID.parameter
        routes.on(InspectionRoute.page(p), use: page)
        routes.on(InspectionRoute.team(p), use: team)
        routes.on(InspectionRoute.notice(p), use: notice)
        routes.on(InspectionRoute.evaluation(p), use: evaluation)
        routes.on(InspectionRoute.record(p, person: p), use: record)
        routes.on(InspectionRoute.comparison(p, position: "p"), use: comparison)
        routes.on(InspectionRoute.scores(p, person: p), use: scores)
        routes.on(InspectionRoute.opinion(p, person: p), use: opinion)
        routes.on(InspectionRoute.answer(p, person: p), use: answer)
        routes.on(InspectionRoute.personalMatters(p, person: p), use: personalMatters)
        routes.on(InspectionRoute.exam(p, person: p), use: exam)
        routes.on(InspectionRoute.priorReport(p, person: p), use: priorReport)
        routes.on(InspectionRoute.hold(p, person: p), use: hold)
        routes.on(InspectionRoute.lift(p, person: p), use: lift)
        routes.on(InspectionRoute.override(p, person: p), use: override)
        routes.on(InspectionRoute.print(p, person: p), use: printPerson)
        routes.on(InspectionRoute.printComparison(p, position: "p"), use: printComparison)
    }

    // MARK: - reading the matter

    /// The matter of the path as the signed-in user sees it: 404 for no such matter, 403 outside the user's scope.
    static func matter(_ req: Request) async throws -> MatterView {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        do {
            return try await req.store.matterView(id, by: req.actingUser)
        } catch let e as InvalidInput where e.issues.first?.field == "matter" {
            throw Abort(.notFound)
        }
    }

    /// The candidate of the path (a person chosen for inspection in this matter), else 404.
    static func candidate(_ req: Request, _ v: MatterView) throws -> MatterPerson {
        guard let id = req.parameters.get("person").flatMap(UUID.init(uuidString:)), let p = v.people.first(where: { $0.id == id }), p.targetReason != nil else {
            throw Abort(.notFound)
        }
        return p
    }

    func page(req: Request) async throws -> Response {
        try await Self.render(req, try await Self.matter(req))
    }

    static func render(_ req: Request, _ v: MatterView, error: String? = nil, status: HTTPStatus = .ok, form: [String: String] = [:]) async throws -> Response {
        let custodians = v.access.manages && v.sessions.evaluation == nil ? try await req.store.custodianCandidates() : []
        let model = InspectionPage.make(v, lang: req.language, t: req.t, today: req.store.today, custodians: custodians, form: form)
        return try await req.page("matter-inspection", titleKey: "insp_title", model, error: error, status: status)
    }

    /// A form post: the reader's access on the matter is checked first (403 before any form is read), then `body`
    /// runs; a refusal in words (bad input, a rule that does not hold) shows the page again with the reason.
    static func act(_ req: Request, _ allowed: (MatterAccess) -> Bool, anchor: @escaping (MatterView) throws -> String?,
                    _ body: (MatterView) async throws -> Void) async throws -> Response {
        let v = try await matter(req)
        guard allowed(v.access) else { throw NotPermitted() }
        let fragment = try anchor(v)
        do {
            try await body(v)
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict {
            return try await render(req, try await matter(req), error: e.message(in: req.language), status: HTTPStatus(statusCode: e.kind.httpStatus),
                                    form: typed(req))
        }
        req.flash("insp_saved")
        return req.redirect(to: InspectionRoute.page(v.id).link(fragment: fragment))
    }

    /// What was typed into the form, to show it again with the refusal (a field given several times, such as the
    /// custodians' boxes, as one comma-separated value).
    static func typed(_ req: Request) -> [String: String] {
        var out: [String: String] = [:]
        for pair in (req.body.string ?? "").split(separator: "&") {
            // a pair such as "=" or "=x" has no key: skipped (never indexed blindly: a bare "=" once crashed the server)
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let first = kv.first, !first.isEmpty, let key = FormBody.decode(Substring(first).utf8), key != CSRFMiddleware.field else { continue }
            let value = kv.count > 1 ? FormBody.decode(Substring(kv[1]).utf8) ?? "" : ""
            let name = key.hasSuffix("[]") ? String(key.dropLast(2)) : key
            out[name] = out[name].map { $0 + "," + value } ?? value
        }
        return out
    }

    /// The anchor of the candidate of the path (and a 404 for someone not inspected in this matter).
    static func candidateAnchor(_ req: Request) -> (MatterView) throws -> String? {
        { v in "c-" + (try candidate(req, v)).id.uuidString }
    }

    static func day(_ raw: String?, field: String) throws -> CivilDay {
        guard let raw, let d = CivilDay(raw) else { throw InvalidInput(field: field, .described(zh: "日期格式应为2026-05-08", en: "write the date as 2026-05-08")) }
        return d
    }

    static func text(_ raw: String?) -> String { (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    // MARK: - INS-2 team, INS-1 notice

    /// The team form: rows `name1`, `account1`, `background1`, `standing1`, …; `leader` names the leader's row.
    func team(req: Request) async throws -> Response {
        try await Self.act(req, { $0.manages }, anchor: { _ in "team" }) { v in
            let f = FormBody.fields(req)
            var members: [TeamMember] = []
            for i in 1 ... 40 {
                let name = Self.text(f["name\(i)"])
                if name.isEmpty { continue }
                guard let bg = TeamMember.Background(rawValue: f["background\(i)"] ?? "") else {
                    throw InvalidInput(field: "background", .unknownValue(f["background\(i)"] ?? ""))
                }
                let account = Self.text(f["account\(i)"])
                members.append(TeamMember(name: name, account: account.isEmpty ? nil : account, background: bg, leader: f["leader"] == String(i),
                                          standingCommittee: f["standing\(i)"] != nil))
            }
            try await req.store.setInspectionTeam(matter: v.id, members: members, by: req.actingUser)
        }
    }

    func notice(req: Request) async throws -> Response {
        try await Self.act(req, { $0.manages }, anchor: { _ in "notice" }) { v in
            struct Form: Content { var method: String; var contact: String }
            let f = try req.form(Form.self)
            try await req.store.publishInspectionNotice(matter: v.id, method: f.method, contact: f.contact, by: req.actingUser)
        }
    }

    // MARK: - INS-3 evaluation and records, INS-6 materials and comparison

    func evaluation(req: Request) async throws -> Response {
        try await Self.act(req, { $0.manages }, anchor: { _ in "evaluation" }) { v in
            struct Form: Content { var entitled: String; var custodians: [String]?; var custodianThreshold: String? }
            let f = try req.form(Form.self)
            guard let entitled = Int(f.entitled.trimmingCharacters(in: .whitespaces)) else { throw InvalidInput(field: "entitled", .unknownValue(f.entitled)) }
            let raw = Self.text(f.custodianThreshold)
            guard let k = Int(raw.isEmpty ? String(CustodianPlan.defaultThreshold) : raw) else { throw InvalidInput(field: "custodianThreshold", .unknownValue(raw)) }
            let plan = try CustodianPlan.checked(names: f.custodians ?? [], threshold: k)
            try await req.store.createInspectionEvaluation(matter: v.id, entitled: entitled, custodians: plan, by: req.actingUser)
        }
    }

    /// An INS-3 record (talk, opinion form, visit, documents, interview, investigation) or the INS-6 record of a candidate.
    func record(req: Request) async throws -> Response {
        try await Self.act(req, { $0.inspects }, anchor: Self.candidateAnchor(req)) { v in
            let p = try Self.candidate(req, v)
            let f = FormBody.fields(req)
            guard let kind = MatterNoteKind(rawValue: f["kind"] ?? ""), InspectionPage.recordKinds.contains(kind) || kind == .materials else {
                throw InvalidInput(field: "kind", .unknownValue(f["kind"] ?? ""))
            }
            let keys = kind == .materials ? InspectionPage.materialsFields : ["with", "summary"]
            if kind != .materials, Self.text(f["summary"]).isEmpty { throw InvalidInput(field: "summary", .required) }
            try await req.store.addMatterNote(matter: v.id, kind: kind, person: p.id, day: f["day"] ?? "", fields: keys.map { .init($0, f[$0] ?? "") }, by: req.actingUser)
        }
    }

    func comparison(req: Request) async throws -> Response {
        try await Self.act(req, { $0.inspects }, anchor: { _ in "comparison" }) { v in
            let position = req.parameters.get("position") ?? ""
            guard v.matter.plan.positions.contains(where: { $0.id == position }) else { throw Abort(.notFound) }
            struct Form: Content { var day: String; var text: String }
            let f = try req.form(Form.self)
            if Self.text(f.text).isEmpty { throw InvalidInput(field: "summary", .required) }
            try await req.store.addMatterNote(matter: v.id, kind: .comparison, person: nil, day: f.day, fields: [.init("position", position), .init("text", f.text)],
                                              by: req.actingUser)
        }
    }

    /// INS-4: a score of 0–100 per item of 德能勤绩廉 (an item left blank is not scored).
    func scores(req: Request) async throws -> Response {
        try await Self.act(req, { $0.inspects }, anchor: Self.candidateAnchor(req)) { v in
            let p = try Self.candidate(req, v)
            let f = FormBody.fields(req)
            var scores: [VirtueItem: Int] = [:]
            for item in VirtueItem.allCases {
                let raw = Self.text(f[item.rawValue])
                if raw.isEmpty { continue }
                guard let n = Int(raw) else { throw InvalidInput(field: item.rawValue, .unknownValue(raw)) }
                scores[item] = n
            }
            if scores.isEmpty { throw InvalidInput(field: "scores", .required) }
            try await req.store.recordVirtueScores(matter: v.id, person: p.id, scores: scores, by: req.actingUser)
        }
    }

    // MARK: - INS-5 opinions of other bodies

    func opinion(req: Request) async throws -> Response {
        try await Self.act(req, { $0.inspects }, anchor: Self.candidateAnchor(req)) { v in
            let p = try Self.candidate(req, v)
            struct Form: Content { var body: String; var requested: String; var due: String?; var integrity: String? }
            let f = try req.form(Form.self)
            let body = Self.text(f.body)
            if body.isEmpty { throw InvalidInput(field: "body", .required) }
            if body.count > 200 { throw InvalidInput(field: "body", .tooLong(max: 200)) }
            let requested = try Self.day(f.requested, field: "requested")
            let due = try Self.text(f.due).isEmpty ? nil : Self.day(f.due, field: "due")
            if let due, due < requested { throw InvalidInput(field: "due", .described(zh: "回复期限不能早于征求日期", en: "the due date cannot predate the request")) }
            let opinion = BodyOpinion(body: body, requested: requested, due: due, isIntegrity: f.integrity != nil)
            try await req.store.addMatterNote(matter: v.id, kind: .bodyOpinion, person: p.id, day: f.requested, fields: [], opinion: opinion, by: req.actingUser)
        }
    }

    /// The answer to an opinion of the candidate of the path (the opinion named by `note`).
    func answer(req: Request) async throws -> Response {
        try await Self.act(req, { $0.inspects }, anchor: Self.candidateAnchor(req)) { v in
            let p = try Self.candidate(req, v)
            struct Form: Content { var note: String; var answered: String; var answer: String; var negative: String?; var attachment: String? }
            let f = try req.form(Form.self)
            guard let note = UUID(uuidString: f.note), v.notes.contains(where: { $0.id == note && $0.kind == .bodyOpinion && $0.personID == p.id }) else {
                throw InvalidInput(field: "note", .notFound(f.note))
            }
            if Self.text(f.answer).isEmpty { throw InvalidInput(field: "answer", .required) }
            try await req.store.answerOpinion(matter: v.id, note: note, answered: f.answered, answer: f.answer, negative: f.negative != nil,
                                              attachment: Self.text(f.attachment), by: req.actingUser)
        }
    }

    // MARK: - the gates

    /// REG-3: the check of the personal-matters report made for this promotion.
    func personalMatters(req: Request) async throws -> Response {
        try await Self.act(req, { $0.inspects }, anchor: Self.candidateAnchor(req)) { v in
            let p = try Self.candidate(req, v)
            struct Form: Content { var day: String; var consistent: String; var handling: String?; var note: String? }
            let f = try req.form(Form.self)
            let date = try Self.day(f.day, field: "day")
            guard f.consistent == "yes" || f.consistent == "no" else { throw InvalidInput(field: "consistent", .required) }
            let consistent = f.consistent == "yes"
            var handling = PersonalMattersCheck.Handling.none
            if !consistent {
                guard let h = PersonalMattersCheck.Handling(rawValue: f.handling ?? ""), h != .none else { throw InvalidInput(field: "handling", .required) }
                handling = h
            }
            try await req.store.recordPersonalMattersCheck(matter: v.id, person: p.id, check: PersonalMattersCheck(date: date, consistent: consistent, handling: handling,
                                                                                                                   note: Self.text(f.note)), by: req.actingUser)
        }
    }

    /// INS-7: the integrity exam's date and score.
    func exam(req: Request) async throws -> Response {
        try await Self.act(req, { $0.manages }, anchor: Self.candidateAnchor(req)) { v in
            let p = try Self.candidate(req, v)
            struct Form: Content { var day: String; var score: String }
            let f = try req.form(Form.self)
            let date = try Self.day(f.day, field: "day")
            guard let score = Int(Self.text(f.score)) else { throw InvalidInput(field: "score", .unknownValue(f.score)) }
            try await req.store.recordIntegrityExam(matter: v.id, person: p.id, exam: IntegrityExam(date: date, score: score), by: req.actingUser)
        }
    }

    /// CHK-5: the reference of the prior report.
    func priorReport(req: Request) async throws -> Response {
        try await Self.act(req, { $0.manages }, anchor: Self.candidateAnchor(req)) { v in
            let p = try Self.candidate(req, v)
            struct Form: Content { var reference: String }
            let f = try req.form(Form.self)
            try await req.store.recordPriorReport(matter: v.id, person: p.id, reference: f.reference, by: req.actingUser)
        }
    }

    /// CAS-3: a hold, by an organizer or a supervisor, with its reason.
    func hold(req: Request) async throws -> Response {
        try await Self.act(req, { $0.manages || $0.supervises }, anchor: Self.candidateAnchor(req)) { v in
            let p = try Self.candidate(req, v)
            struct Form: Content { var reason: String }
            let f = try req.form(Form.self)
            try await req.store.placeHold(matter: v.id, person: p.id, reason: f.reason, by: req.actingUser)
        }
    }

    func lift(req: Request) async throws -> Response {
        try await Self.act(req, { $0.manages || $0.supervises }, anchor: Self.candidateAnchor(req)) { v in
            let p = try Self.candidate(req, v)
            struct Form: Content { var index: String; var reason: String }
            let f = try req.form(Form.self)
            guard let index = Int(f.index) else { throw InvalidInput(field: "hold", .unknownValue(f.index)) }
            try await req.store.liftHold(matter: v.id, person: p.id, index: index, reason: f.reason, by: req.actingUser)
        }
    }

    /// A gate set aside by a recorded decision (never a hold: that is lifted once cleared).
    func override(req: Request) async throws -> Response {
        try await Self.act(req, { $0.manages }, anchor: Self.candidateAnchor(req)) { v in
            let p = try Self.candidate(req, v)
            struct Form: Content { var gate: String; var reason: String; var decision: String }
            let f = try req.form(Form.self)
            guard let gate = GateKind(rawValue: f.gate) else { throw InvalidInput(field: "gate", .unknownValue(f.gate)) }
            try await req.store.overrideGate(matter: v.id, person: p.id, gate: gate, reason: f.reason, decision: f.decision, by: req.actingUser)
        }
    }
}
