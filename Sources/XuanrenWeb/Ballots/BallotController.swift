import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// Ballot sessions: organizers create them, issue codes, open and close; voters vote with a code and no
/// login; results and the signed ballot box are published at closing (事后即公布).
struct BallotController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let p = UUID.parameter
        routes.on(BallotRoute.list, use: list)
        routes.on(BallotRoute.paperWork, use: paperWork)
        routes.on(BallotRoute.new, use: newForm)
        routes.on(BallotRoute.create, use: create)
        routes.on(BallotRoute.detail(p), use: detail)
        routes.on(BallotRoute.codes(p), use: issueCodes)
        routes.on(BallotRoute.open(p), use: open)
        routes.on(BallotRoute.close(p), use: close)
        routes.on(BallotRoute.results(p), use: results)
        routes.on(BallotRoute.box(p), use: boxFile)
        routes.on(BallotRoute.boxSignature(p), use: boxSignature)
        routes.on(BallotRoute.confirmWriteIns(p), use: confirmWriteIns)
        // voters: no login and no session; the code is the credential
        routes.on(VoteRoute.start(p), use: voteStart)
        routes.on(VoteRoute.short("s"), use: voteShort)
        routes.on(VoteRoute.ballot(p), use: voteBallot)
        routes.on(VoteRoute.confirm(p), use: voteConfirm)
        routes.on(VoteRoute.cast(p), use: voteCast)
        for step in VoteRoute.Step.allCases {  // a reload or language switch mid-vote starts again at the code
            routes.on(VoteRoute.reload(p, step)) { req in
                req.redirect(to: VoteRoute.start(try sessionID(req)))
            }
        }
        bootPaper(routes: routes)
    }

    // MARK: - helpers

    func sessionID(_ req: Request) throws -> UUID {
        guard let raw = req.parameters.get("id"), let id = UUID(uuidString: raw) else { throw Abort(.notFound) }
        return id
    }

    /// The session for a signed-in page; the store refuses it unless the user holds one of `roles` on its unit.
    func session(_ req: Request, roles: Set<Role> = [.admin, .organizer, .supervisor]) async throws -> BallotSessionInfo {
        guard let s = try await req.store.ballotSession(try sessionID(req), for: req.actingUser, roles: roles) else { throw Abort(.notFound) }
        return s
    }

    static func kindLabel(_ k: BallotKind, _ req: Request) -> String { req.t("ballot_kind_\(k.rawValue.replacingOccurrences(of: "-", with: "_"))") }
    /// The kind of a session in words: an approval vote with the satisfaction answers is a 满意度测评 (BAL-7).
    static func kindLabel(_ box: BallotBox, _ req: Request) -> String {
        if case .approval(let s) = box.settings, s.answers == .satisfaction { return req.t("ballot_kind_satisfaction") }
        return kindLabel(box.kind, req)
    }
    /// The text key of the voters' help for a session: by its kind, or `vote_help_satisfaction` (BAL-7).
    static func helpKey(_ box: BallotBox) -> String {
        if case .approval(let s) = box.settings, s.answers == .satisfaction { return "vote_help_satisfaction" }
        return "vote_help_\(box.kind.rawValue.replacingOccurrences(of: "-", with: "_"))"
    }
    static func statusLabel(_ s: BallotSessionStatus, _ req: Request) -> String { req.t("ballot_status_\(s.rawValue)") }

    /// The figures of the plan, shown with the results (settings, not constants).
    static func settingsLines(_ box: BallotBox, _ req: Request) -> [String] {
        func pct(_ f: Fraction) -> String { "\(f.num)/\(f.den)" }
        switch box.settings {
        case .weightedRecommendation(let s):
            return s.categories.map { "\($0.id)：\(req.t("ballot_weight")) \(fixed($0.weight * 100, 0))%，\(req.t("ballot_entitled")) \($0.entitled)" }
                + ["\(req.t("ballot_rankPoints")) \(s.rankPoints.map { fixed($0, 1) }.joined(separator: " / "))，\(req.t("ballot_unranked")) \(fixed(s.unrankedPoints, 1))",
                   "\(req.t("ballot_maxChoices")) \(s.maxChoices)，\(req.t("ballot_minTurnout")) \(pct(s.minTurnout))"]
        case .approval(let s) where s.answers == .satisfaction:
            return ["\(req.t("ballot_members")) \(s.members)，\(req.t("ballot_quorum")) \(pct(s.quorum))",
                    "\(req.t("ballot_answers")) \(req.t("ballots_answers_satisfaction"))",
                    "\(req.t("ballot_admonish")) \(pct(s.admonishShare))，\(req.t("ballot_demote")) \(pct(s.demoteShare))"]
        case .approval(let s):
            return ["\(req.t("ballot_members")) \(s.members)，\(req.t("ballot_quorum")) \(pct(s.quorum))，\(req.t("ballot_threshold")) \(pct(s.threshold))（\(req.t("ballot_base_\(s.base.rawValue)"))）"]
        case .evaluation(let s):
            return ["\(req.t("ballot_entitled")) \(s.entitled)，\(req.t("ballot_minTurnout")) \(pct(s.minTurnout))",
                    "\(req.t("ballot_consent")) \(pct(s.consentThreshold))，\(req.t("ballot_demotion")) \(pct(s.demotionShare))"]
        case .election(let s):
            return ["\(req.t("ballot_entitled")) \(s.entitled)，\(req.t("ballot_seats")) \(s.seats)，\(req.t("ballot_minTurnout")) \(pct(s.minTurnout))"]
        }
    }

    struct ResultView: Encodable {
        var heading: [String]; var summary: String; var verdict: String; var header: [String]; var rows: [[String]]; var notes: [String]; var invalid: [String]
        init(_ r: TallyResult, _ lang: Language) {
            let g = r.grid(in: lang, showIDs: false)
            heading = g.heading; summary = g.heading.last ?? ""; verdict = g.verdict; header = g.table.first ?? []; rows = Array(g.table.dropFirst()); notes = g.notes; invalid = g.invalidLines
        }
    }

    // MARK: - organizer pages

    struct Row: Encodable { var id: String; var href: String; var title: String; var kind: String; var status: String; var unit: String; var cast: Int; var entitled: Int }
    struct ListModel: Encodable { var rows: [Row]; var canCreate: Bool; var newURL = BallotRoute.new.path }

    func list(req: Request) async throws -> Response {
        let rows = try await req.store.ballotSessions(visibleTo: req.actingUser).map {
            Row(id: $0.id.uuidString, href: BallotRoute.detail($0.id).path, title: $0.title, kind: Self.kindLabel($0.box, req), status: Self.statusLabel($0.status, req),
                unit: $0.unitName, cast: $0.cast, entitled: $0.turnout.reduce(0) { $0 + $1.entitled })
        }
        let canCreate = BallotRoute.managers.allows(signedIn: true, roles: req.user?.roles ?? [])
        return try await req.page("ballots", titleKey: "ballots_title", ListModel(rows: rows, canCreate: canCreate))
    }

    struct Option: Encodable { var value: String; var label: String; var selected: Bool }
    struct NewModel: Encodable {
        var rounds: [Option]; var kinds: [Option]; var units: [Option]
        var title: String; var candidates: String; var categories: String
        var members: String; var entitled: String; var seats: String; var threshold: String; var quorum: String; var minTurnout: String
        var answerSets: [Option]
        var disclosures: [Option]; var pairs: [Option]; var tracking: [Option]
        var custodians: [Option]; var custodianThreshold: String
        var action = BallotRoute.create.path
    }

    func newModel(_ req: Request, _ f: BallotForms.NewSession? = nil) async throws -> NewModel {
        let tree = try await req.store.unitTree()
        let units = tree.units.filter { tree.permits(req.actingUser, [.admin, .organizer], on: $0.id) }
        let defaultUnit = req.user?.grants.first?.unitCode
        // (a plain loop: the same code as a `map` closure crashes the 6.3.1 optimizer in release builds)
        let chosen = f?.previousRound ?? ""
        let paired = f?.pairedWith ?? ""
        var rounds: [Option] = [], pairs: [Option] = []
        for s in try await req.store.ballotSessions(visibleTo: req.actingUser, roles: [.admin, .organizer]) {
            let id = s.id.uuidString
            let label = s.title + "（" + Self.kindLabel(s.box, req) + "，" + s.unitName + "，" + Self.statusLabel(s.status, req) + "）"
            if s.status == .closed { rounds.append(Option(value: id, label: label, selected: id == chosen)) }
            pairs.append(Option(value: id, label: label, selected: id == paired))
        }
        return NewModel(
            rounds: rounds,
            kinds: BallotKind.allCases.map { Option(value: $0.rawValue, label: Self.kindLabel($0, req), selected: $0.rawValue == (f?.kind ?? BallotKind.weightedRecommendation.rawValue)) },
            units: units.map { Option(value: $0.code, label: String(repeating: "　", count: $0.depth) + $0.name, selected: $0.code == (f?.unit ?? defaultUnit)) },
            title: f?.title ?? "", candidates: f?.candidates ?? "",
            categories: f?.categories ?? (req.language == .zhHans ? "领导班子成员，40%，10\n干部职工，30%，30\n其他代表，30%，10" : "leaders, 40%, 10\nstaff, 30%, 30\nrepresentatives, 30%, 10"),
            members: f?.members ?? "", entitled: f?.entitled ?? "", seats: f?.seats ?? "1",
            threshold: f?.threshold ?? "2/3", quorum: f?.quorum ?? "4/5", minTurnout: f?.minTurnout ?? "",
            answerSets: BallotSettings.Approval.AnswerSet.allCases.map {
                Option(value: $0.rawValue, label: req.t("ballots_answers_\($0.rawValue)"), selected: $0.rawValue == (f?.answers ?? BallotSettings.Approval.AnswerSet.approval.rawValue))
            },
            disclosures: DisclosureScope.allCases.map { Option(value: $0.rawValue, label: $0.title(in: req.language), selected: $0.rawValue == (f?.disclosure ?? DisclosureScope.supervision.rawValue)) },
            pairs: pairs,
            tracking: ["publish", "none"].map { Option(value: $0, label: req.t("ballots_tracking_\($0)"), selected: $0 == (f?.trackingCodes ?? "publish")) },
            custodians: try await req.store.custodianCandidates().map {
                Option(value: $0.username, label: "\($0.displayName)（\($0.username)）", selected: f?.custodians?.contains($0.username) ?? false)
            },
            custodianThreshold: f?.custodianThreshold ?? String(CustodianPlan.defaultThreshold))
    }

    func newForm(req: Request) async throws -> Response {
        try await req.page("ballot-new", titleKey: "ballots_new", try await newModel(req))
    }

    func create(req: Request) async throws -> Response {
        let f = try req.form(BallotForms.NewSession.self)
        do {
            let box = try BallotForms.box(f)
            let previous = f.previousRound.flatMap { $0.isEmpty ? nil : UUID(uuidString: $0) }
            let tracking = f.trackingCodes ?? "publish"
            guard tracking == "publish" || tracking == "none" else { throw InvalidInput(field: "trackingCodes", .unknownValue(tracking)) }
            var pairedWith: UUID? = nil
            if let raw = f.pairedWith, !raw.isEmpty {
                guard let p = UUID(uuidString: raw) else { throw InvalidInput(field: "pairedWith", .unknownValue(raw)) }
                pairedWith = p
            }
            // making a result public is a deliberate choice: without one, organizers and supervisors only
            guard let disclosure = DisclosureScope(rawValue: f.disclosure ?? DisclosureScope.supervision.rawValue) else {
                throw InvalidInput(field: "disclosure", .unknownValue(f.disclosure ?? ""))
            }
            guard let k = Int(f.custodianThreshold?.trimmingCharacters(in: .whitespaces) ?? String(CustodianPlan.defaultThreshold)) else {
                throw InvalidInput(field: "custodianThreshold", .unknownValue(f.custodianThreshold ?? ""))
            }
            let plan = try CustodianPlan.checked(names: f.custodians ?? [], threshold: k)
            let id = try await req.store.createBallotSession(unitCode: f.unit, box: box, previousRound: previous, disclosure: disclosure,
                                                             pairedWith: pairedWith, trackingCodes: tracking == "publish", custodians: plan, by: req.actingUser)
            req.flash("ballots_created")
            return req.redirect(to: BallotRoute.detail(id))
        } catch let e as InvalidInput {
            return try await req.page("ballot-new", titleKey: "ballots_new", try await newModel(req, f), error: e.message(in: req.language), status: .badRequest)
        } catch let e as BallotBoxError {
            return try await req.page("ballot-new", titleKey: "ballots_new", try await newModel(req, f), error: e.message(in: req.language), status: .badRequest)
        }
    }

    struct TurnoutRow: Encodable { var category: String; var label: String; var entitled: Int; var issued: Int; var spent: Int; var percent: String; var remaining: Int }
    struct DetailModel: Encodable {
        var id: String; var title: String; var kind: String; var status: String; var unit: String
        var isDraft: Bool; var isOpen: Bool; var isClosed: Bool; var canManage: Bool
        var settings: [String]; var candidates: [String]; var turnout: [TurnoutRow]; var voteURL: String
        var result: ResultView?; var boxHash: String?; var pair: PairView?
        var custodians: [String]; var custodianThreshold: Int; var sealed: Bool; var closeRows: [Int]; var sealHelp: String
        /// SEL-5: names written in, waiting for an organizer's confirmation before the public page shows them.
        var pendingWriteIns: [String] = []
        var links: BallotLinks
    }

    struct PairRow: Encodable { var name: String; var this: String; var other: String; var verdict: String; var passes: Bool }
    /// BAL-5 双过半 with the paired session: its link, and once both are closed, each nominee's figures and verdict.
    struct PairView: Encodable { var otherTitle: String; var otherHref: String; var ready: Bool; var rows: [PairRow] }

    func pairView(_ req: Request, _ id: UUID, publicLinks: Bool) async throws -> PairView? {
        guard let other = try await req.store.pairedSession(id) else { return nil }
        let href = publicLinks ? BallotRoute.results(other.id).path : BallotRoute.detail(other.id).path
        guard let dm = try await req.store.doubleMajority(id) else { return PairView(otherTitle: other.title, otherHref: href, ready: false, rows: []) }
        func figures(_ f: (votes: Int, cast: Int)?) -> String { f.map { "\($0.votes) / \($0.cast)" } ?? req.t("ballots_dm_absent") }
        return PairView(otherTitle: dm.otherTitle, otherHref: href, ready: true, rows: dm.lines.map {
            PairRow(name: $0.name, this: figures($0.first), other: figures($0.second), verdict: req.t($0.passes ? "ballots_dm_passes" : "ballots_dm_fails"), passes: $0.passes)
        })
    }

    func detail(req: Request) async throws -> Response { try await detail(req, error: nil) }

    func detail(_ req: Request, error: String?) async throws -> Response {
        let s = try await session(req)
        let result = s.status == .closed ? try await req.store.ballotResult(s.id) : nil
        let model = DetailModel(
            id: s.id.uuidString, title: s.title, kind: Self.kindLabel(s.box, req), status: Self.statusLabel(s.status, req), unit: s.unitName,
            isDraft: s.status == .draft, isOpen: s.status == .open, isClosed: s.status == .closed,
            canManage: BallotRoute.managers.allows(signedIn: true, roles: req.user?.roles ?? []),
            settings: Self.settingsLines(s.box, req) + [req.t("ballots_f_tracking") + "：" + req.t(s.trackingCodes ? "ballots_tracking_publish" : "ballots_tracking_none")], candidates: s.box.candidates.map { "\($0.name)（\($0.id)）" },
            turnout: s.turnout.map { t in
                TurnoutRow(category: t.category, label: Self.categoryLabel(t.category, req), entitled: t.entitled, issued: t.issued, spent: t.spent,
                           percent: t.entitled > 0 ? fixed(Double(t.spent) * 100 / Double(t.entitled), 1) + "%" : "—", remaining: t.entitled - t.issued)
            },
            voteURL: VoteRoute.start(s.id).path, result: result.map { ResultView($0, req.language) }, boxHash: s.boxHash,
            pair: try await pairView(req, s.id, publicLinks: false),
            custodians: s.custodians, custodianThreshold: s.custodianThreshold, sealed: s.sealed,
            closeRows: s.sealed ? Array(1 ... max(1, s.custodianThreshold)) : [],
            sealHelp: req.t("ballots_seal_help").replacingOccurrences(of: "{k}", with: "\(s.custodianThreshold)").replacingOccurrences(of: "{n}", with: "\(s.custodians.count)"),
            links: BallotLinks(s.id))
        var m = model
        if let result, try await !req.store.writeInsConfirmed(s.id) {
            m.pendingWriteIns = result.writeIns(listed: Set(s.box.candidates.map(\.id)))
        }
        return try await req.page("ballot-detail", titleKey: "ballots_detail", m, error: error)
    }

    struct CodesForm: Content { var category: String; var count: String?; var weight: String? }
    /// One slip: the code, and a QR code (an SVG data URI) of the short link with the code after `#c=` — the
    /// fragment, which the browser keeps to itself, so the code is never in a request line or a log.
    struct Slip: Encodable { var code: String; var category: String; var weight: Int; var qr: String }

    /// A voter category in words: the ids the matters and forms use (leaders, staff …) named, others as typed.
    static func categoryLabel(_ id: String, _ req: Request) -> String {
        let key = "category_" + id
        let words = req.t(key)
        return words == key ? id : words
    }
    struct SlipsModel: Encodable { var title: String; var voteURL: String; var shortURL: String; var slips: [Slip]; var kindHelp: String }

    static func qrDataURI(_ text: String, title: String) -> String {
        guard let q = try? QRCode(text, correction: .medium) else { return "" }
        return "data:image/svg+xml;base64," + Data(q.svg(moduleSize: 4, quietZone: 4, title: title).utf8).base64EncodedString()
    }

    /// Issues codes and shows them once, as printable slips (A4, cut lines). Nothing records who gets which.
    func issueCodes(req: Request) async throws -> Response {
        let id = try sessionID(req)
        let s = try await session(req, roles: [.admin, .organizer])   // scope before anything about the form
        let f = try req.form(CodesForm.self)
        do {
            let weight = try BallotForms.count(f.weight, field: "weight") ?? 1
            let codes = try await req.store.issueCodes(session: id, category: f.category, count: try BallotForms.count(f.count, field: "count") ?? 0,
                                                       weight: weight, by: req.actingUser)
            let short = req.application.settings.publicLink(VoteRoute.short(VoteRoute.shortKey(id)).path)
            return try await req.page("ballot-slips", titleKey: "ballots_slips", SlipsModel(
                title: s.title, voteURL: req.application.settings.publicLink(VoteRoute.start(id).path), shortURL: short,
                slips: codes.map { Slip(code: $0.grouped, category: Self.categoryLabel(f.category, req), weight: weight, qr: Self.qrDataURI(short + "#c=" + $0.grouped, title: s.title)) },
                kindHelp: req.t(Self.helpKey(s.box))))
        } catch let e as VotingError {
            throw Abort(.badRequest, reason: e.message(in: req.language))
        }
    }

    func open(req: Request) async throws -> Response {
        let id = try sessionID(req)
        try await req.store.openBallotSession(id, by: req.actingUser)
        req.flash("ballots_opened")
        return req.redirect(to: BallotRoute.detail(id))
    }

    /// Closing opens the sealed ballots: the custodians named for the session type their own passwords (BAL-9).
    /// A refusal (too few custodians, a wrong password) shows the session page again with the reason.
    func close(req: Request) async throws -> Response {
        let id = try sessionID(req)
        let form = FormBody.fields(req)
        do {
            try await req.store.closeBallotSession(id, custodians: BallotForms.confirmations(form), by: req.actingUser, hasher: req.application.passwordHasher)
        } catch let e as any UserFacingError where e.kind != .forbidden && e.kind != .notFound {
            let page = try await detail(req, error: e.message(in: req.language))
            page.status = HTTPStatus(statusCode: e.kind.httpStatus)
            return page
        }
        req.flash("ballots_closed")
        return req.redirect(to: BallotRoute.detail(id))
    }

    // MARK: - public results and box

    struct PublicResultModel: Encodable {
        var title: String; var settings: [String]; var result: ResultView; var id: String; var boxHash: String; var publicKey: String; var pair: PairView?
        var links: BallotLinks
        var writeInsWithheld = false
        /// The day printed on paper (Asia/Shanghai).
        var printed = ""
        /// A voter's tracking-code lookup: what was asked, and the ballot found in the box (in words), if any.
        var tracking = ""
        var trackingFound: String? = nil
        var trackingMissing = false
        var hasTracking = false
    }

    /// The ballot with tracking code `t` in the box text, its candidates named (nil when there is none). A code is
    /// `T` and ten symbols of the voting-code alphabet; anything else is not looked for.
    static func trackedBallot(_ t: String, box: String, candidates: [Candidate]) -> String? {
        guard t.count == 11, t.first == "T", t.dropFirst().allSatisfy({ VotingCode.alphabet.contains($0) }) else { return nil }
        guard let line = box.split(separator: "\n").first(where: { $0.contains("\"tracking\":\"\(t)\"") }) else { return nil }
        var json = String(line.drop { $0 == "," || $0 == "[" })
        if json.hasSuffix("]}") { json = String(json.dropLast(2)) }
        for c in candidates { json = json.replacingOccurrences(of: "\"\(c.id)\"", with: "\"\(c.name)\"") }
        return json
    }

    /// SEL-5: an organizer confirms the names written in on a closed election, so that the public page shows them.
    func confirmWriteIns(req: Request) async throws -> Response {
        let id = try sessionID(req)
        try await req.store.confirmWriteIns(session: id, by: req.actingUser)
        req.flash("ballots_writeIns_confirmed")
        return req.redirect(to: BallotRoute.detail(id))
    }

    /// The disclosure scope of a closed session: everyone, its unit, or supervision (organizers and supervisors of the unit).
    /// Nil when allowed; a redirect to sign in for anonymous readers; throws 403 for accounts outside the scope.
    func disclosureRefusal(_ req: Request, _ id: UUID) async throws -> Response? {
        guard let d = try await req.store.ballotDisclosure(id) else { throw Abort(.notFound, reason: "error_notFound") }
        if d.scope == .everyone { return nil }
        var held: Set<Role>? = nil
        if let u = req.user { held = try await req.store.unitTree().roles(of: u, on: d.unitID) }
        if d.scope.allows(rolesInUnit: held) { return nil }
        if held == nil { return req.redirect(to: RedirectTarget.loginURL(next: req.url.path)) }
        throw Abort(.forbidden, reason: "error_forbidden")
    }

    func results(req: Request) async throws -> Response {
        let id = try sessionID(req)
        if let refusal = try await disclosureRefusal(req, id) { return refusal }
        // the disclosure scope decided above: a public page, not limited to the reader's units
        guard let s = try await req.store.ballotSession(id) else { throw Abort(.notFound) }
        guard s.status == .closed, var r = try await req.store.ballotResult(s.id), let hash = s.boxHash else { throw Abort(.notFound, reason: "error_notFound") }
        // SEL-5: names written in show only once an organizer has confirmed the list; until then "另选他人 1, 2, …"
        let listed = Set(s.box.candidates.map(\.id))
        var withheld = false
        if !r.writeIns(listed: listed).isEmpty, try await !req.store.writeInsConfirmed(s.id) {
            let label = req.t("ballots_writeIn_withheld")
            r = r.withholdingWriteIns(listed: listed) { "\(label) \($0)" }
            withheld = true
        }
        // a voter checks that their ballot is in the box, by its tracking code
        let tracking = (req.query[String.self, at: "t"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let found = tracking.isEmpty ? nil : Self.trackedBallot(tracking, box: try await req.store.ballotBox(s.id)?.box ?? "", candidates: s.box.candidates)
        return try await req.page("ballot-results", titleKey: "ballots_results", PublicResultModel(
            title: s.title, settings: Self.settingsLines(s.box, req) + [req.t("ballots_f_tracking") + "：" + req.t(s.trackingCodes ? "ballots_tracking_publish" : "ballots_tracking_none")], result: ResultView(r, req.language), id: s.id.uuidString,
            boxHash: hash, publicKey: req.store.ledger.key.publicKeyHex, pair: try await publicPairView(req, s.id), links: BallotLinks(s.id), writeInsWithheld: withheld,
            printed: req.store.today.text(in: req.language), tracking: tracking, trackingFound: found, trackingMissing: !tracking.isEmpty && found == nil,
            hasTracking: s.trackingCodes))
    }

    /// The 双过半 table on a public page only when this reader may also see the other session's result.
    func publicPairView(_ req: Request, _ id: UUID) async throws -> PairView? {
        guard let other = try await req.store.pairedSession(id), other.status == .closed else { return nil }
        do { if try await disclosureRefusal(req, other.id) != nil { return nil } } catch { return nil }
        return try await pairView(req, id, publicLinks: true)
    }

    func boxFile(req: Request) async throws -> Response {
        if let refusal = try await disclosureRefusal(req, try sessionID(req)) { return refusal }
        guard let b = try await req.store.ballotBox(try sessionID(req)) else { throw Abort(.notFound, reason: "error_notFound") }
        var h = HTTPHeaders()
        h.contentType = .json
        h.contentDisposition = .init(.attachment, filename: "ballot-box-\(try sessionID(req).uuidString.prefix(8)).json")
        return Response(status: .ok, headers: h, body: .init(string: b.box))
    }

    func boxSignature(req: Request) async throws -> Response {
        if let refusal = try await disclosureRefusal(req, try sessionID(req)) { return refusal }
        guard let b = try await req.store.ballotBox(try sessionID(req)) else { throw Abort(.notFound, reason: "error_notFound") }
        var h = HTTPHeaders()
        h.contentType = .plainText
        return Response(status: .ok, headers: h, body: .init(string: "ed25519 \(b.publicKey) \(b.signature)\n"))
    }
}
