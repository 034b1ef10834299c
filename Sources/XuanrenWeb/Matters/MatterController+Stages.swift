import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// The stage actions of the matter page: advance, record an outcome, cancel; nominate (NOM-1…3), re-check (ELG-6),
/// consolidate (NOM-2), withdraw; the recommendation votes (BAL-1, BAL-5), talk and consultation records, the
/// results' publication (DIS-1); the choice of whom to inspect, with a reason (INS-8).
extension MatterController {
    func bootStages(routes: any RoutesBuilder) {
        let p = UUID.parameter
        routes.on(MatterRoute.advance(p), use: advance)
        routes.on(MatterRoute.outcome(p), use: outcome)
        routes.on(MatterRoute.cancel(p), use: cancel)
        routes.on(MatterRoute.nominate(p), use: nominate)
        routes.on(MatterRoute.consolidate(p), use: consolidate)
        routes.on(MatterRoute.review(p, person: p), use: review)
        routes.on(MatterRoute.withdraw(p, person: p), use: withdraw)
        routes.on(MatterRoute.choose(p, person: p), use: choose)
        routes.on(MatterRoute.votes(p), use: votes)
        routes.on(MatterRoute.note(p), use: note)
        routes.on(MatterRoute.publishResults(p), use: publishResults)
    }

    /// Runs one action: the matter and the reader's access are read first (refused unless `needs` holds), then the
    /// form; a refusal in words (bad input, a guard, the wrong stage) comes back as the matter page with every reason.
    func act(_ req: Request, flash: String, fragment: String? = nil, needs: @escaping (MatterAccess) -> Bool,
             _ body: (UUID, Matter, [String: String]) async throws -> Void) async throws -> Response {
        let id = try Self.matterID(req)
        let m = try await Self.matter(req, id, needs: needs)
        do {
            try await body(id, m.matter, Self.fields(req))
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict {
            return try await showPage(req, id, error: e.message(in: req.language), status: HTTPStatus(statusCode: e.kind.httpStatus))
        }
        req.flash(flash)
        return req.redirect(to: MatterRoute.show(id).link(fragment: fragment))
    }

    static func number(_ form: [String: String], _ key: String) throws -> Int {
        let raw = (form[key] ?? "").trimmingCharacters(in: .whitespaces)
        if raw.isEmpty { return 0 }
        guard let n = Int(raw) else { throw InvalidInput(field: key, .described(zh: "应为整数", en: "a whole number")) }
        return n
    }

    /// Every value of a repeated field (`custodians[]`), in order.
    static func values(_ req: Request, _ name: String) -> [String] {
        guard let body = req.body.string else { return [] }
        return body.split(separator: "&").compactMap { pair -> String? in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, FormBody.decode(parts[0].utf8) == name else { return nil }
            return FormBody.decode(parts[1].utf8)
        }
    }

    // MARK: - the stages

    /// Leaves the current stage for the next when both guards hold on what the store reads now; refused with every reason.
    func advance(req: Request) async throws -> Response {
        try await act(req, flash: "matters_advanced", fragment: "timeline", needs: \.manages) { id, _, _ in
            try await req.store.advanceMatter(id, by: req.actingUser)
        }
    }

    /// A stage carried by hand (its module comes later): its outcome and the document that records it.
    func outcome(req: Request) async throws -> Response {
        try await act(req, flash: "matters_outcomeRecorded", fragment: "timeline", needs: \.manages) { id, _, form in
            let text = (form["outcome"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let reference = (form["reference"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            var issues: [InvalidInput.Issue] = []
            if text.isEmpty { issues.append(.init(field: "outcome", problem: .required)) }
            if reference.isEmpty { issues.append(.init(field: "reference", problem: .required)) }
            if !issues.isEmpty { throw InvalidInput(issues) }
            try await req.store.recordStageOutcome(id, outcome: "\(text)（\(reference)）", by: req.actingUser)
        }
    }

    func cancel(req: Request) async throws -> Response {
        try await act(req, flash: "matters_cancelled", needs: \.manages) { id, _, form in
            try await req.store.cancelMatter(id, reason: form["reason"] ?? "", by: req.actingUser)
        }
    }

    // MARK: - nomination (NOM-1…3, ELG-6)

    func nominate(req: Request) async throws -> Response {
        try await act(req, flash: "matters_nominated", fragment: "nominees", needs: \.manages) { id, _, form in
            guard let cadre = UUID(uuidString: form["cadre"] ?? "") else { throw InvalidInput(field: "cadre", .required) }
            guard let channel = NominationChannel(rawValue: form["channel"] ?? "") else { throw InvalidInput(field: "channel", .unknownValue(form["channel"] ?? "")) }
            try await req.store.nominate(matter: id, positionID: form["position"] ?? "", cadreID: cadre, channel: channel,
                                         recommender: form["recommender"] ?? "", note: form["note"] ?? "", by: req.actingUser)
        }
    }

    /// NOM-2: all channels into one record; nominations close.
    func consolidate(req: Request) async throws -> Response {
        try await act(req, flash: "matters_consolidated", fragment: "nominees", needs: \.manages) { id, _, form in
            try await req.store.consolidateNominations(matter: id, note: form["note"] ?? "", by: req.actingUser)
        }
    }

    /// ELG-6: the nominee checked again against the position's conditions (after the file was corrected).
    func review(req: Request) async throws -> Response {
        let person = try Self.personID(req)
        return try await act(req, flash: "matters_reviewed", fragment: "nominees", needs: \.manages) { id, _, _ in
            try await req.store.reviewNominee(matter: id, person: person, by: req.actingUser)
        }
    }

    func withdraw(req: Request) async throws -> Response {
        let person = try Self.personID(req)
        return try await act(req, flash: "matters_withdrawn", fragment: "nominees", needs: \.manages) { id, _, form in
            try await req.store.withdrawPerson(matter: id, person: person, reason: form["reason"] ?? "", by: req.actingUser)
        }
    }

    /// INS-8: whom to inspect, with the reason; never by votes alone (BAL-5 where the plan asks for the double majority).
    func choose(req: Request) async throws -> Response {
        let person = try Self.personID(req)
        return try await act(req, flash: "matters_chosen", fragment: "choose", needs: \.manages) { id, _, form in
            try await req.store.chooseForInspection(matter: id, person: person, reason: form["reason"] ?? "", by: req.actingUser)
        }
    }

    // MARK: - democratic recommendation (BAL-1, BAL-5, DIS-1)

    /// The meeting vote and the talk recommendation, made from the matter (nominees, categories and weights of the plan).
    func votes(req: Request) async throws -> Response {
        try await act(req, flash: "matters_votesCreated", fragment: "recommendation", needs: \.manages) { id, _, form in
            let threshold = try Self.number(form, "custodianThreshold")
            let custodians = try CustodianPlan.checked(names: Self.values(req, "custodians[]"), threshold: threshold == 0 ? CustodianPlan.defaultThreshold : threshold)
            try await req.store.createRecommendationVotes(matter: id, leaders: try Self.number(form, "leaders"), staff: try Self.number(form, "staff"),
                                                          representatives: try Self.number(form, "representatives"), talkVoters: try Self.number(form, "talkVoters"),
                                                          custodians: custodians, by: req.actingUser)
        }
    }

    /// Records kept on the matter from this page: the recommendation talks (who was talked to, by which team member,
    /// whom they recommended, a summary — confidential) and the consultation (酝酿).
    func note(req: Request) async throws -> Response {
        try await act(req, flash: "matters_noteAdded", fragment: "records", needs: { $0.manages || $0.inspects }) { id, _, form in
            let kind: MatterNoteKind
            let keys: [String]
            switch form["kind"] {
            case MatterNoteKind.recommendationTalk.rawValue: kind = .recommendationTalk; keys = Self.talkKeys
            case MatterNoteKind.consultation.rawValue: kind = .consultation; keys = ["summary"]
            default: throw InvalidInput(field: "kind", .unknownValue(form["kind"] ?? ""))
            }
            if kind == .recommendationTalk, (form["talkedTo"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw InvalidInput(field: "talkedTo", .required)
            }
            let day = (form["day"] ?? "").trimmingCharacters(in: .whitespaces)
            try await req.store.addMatterNote(matter: id, kind: kind, person: nil, day: day.isEmpty ? req.store.today.description : day,
                                              fields: keys.map { MatterNote.Field($0, form[$0] ?? "") }, by: req.actingUser)
        }
    }

    /// The fields of a recommendation talk, in order.
    static let talkKeys = ["talkedTo", "member", "recommended", "summary"]

    /// DIS-1: each nominee's score, rank and double-majority verdict, within the plan's disclosure scope.
    func publishResults(req: Request) async throws -> Response {
        try await act(req, flash: "matters_resultsPublished", fragment: "recommendation", needs: \.manages) { id, _, _ in
            try await req.store.publishRecommendationResults(matter: id, by: req.actingUser)
        }
    }
}
